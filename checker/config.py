"""Project configuration: ``[tool.claimdiff]`` in ``pyproject.toml``, or ``claimdiff.toml``, found from the
working directory upward. Command-line flags win over it. ``claimdiff.toml`` takes the same ``[tool.claimdiff]``
table, so one snippet serves both files, or the keys at its top level.

Keys (all optional): ``format``, ``fail-on``, ``baseline``, ``min-difference``, ``min-similarity`` and ``story``
(``"folder"``, or a glob pattern of story folders: see :mod:`checker.stories`). A relative ``baseline`` path and
the ``story`` pattern are taken from the config file's folder.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from checker.errors import InputError

KEYS = frozenset({"format", "fail-on", "baseline", "min-difference", "min-similarity", "story"})


def find(start: Path | None = None) -> tuple[Path, dict[str, Any]] | None:
    """The nearest config (its path and its ``claimdiff`` table), or None. The table also says where a ``story``
    pattern starts, as ``story-root``."""
    folder = (start or Path.cwd()).resolve()
    for directory in (folder, *folder.parents):
        for name in ("claimdiff.toml", "pyproject.toml"):
            path = directory / name
            if path.is_file():
                table = _read(path)
                if table is not None:
                    return path, table
    return None


def _read(path: Path) -> dict[str, Any] | None:
    try:
        doc = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"{path}: cannot read the configuration ({exc})") from None
    table = doc.get("tool", {}).get("claimdiff") if isinstance(doc.get("tool"), dict) else None
    if path.name == "claimdiff.toml" and table is None:
        table = doc
    if table is None:
        return None
    unknown = set(table) - KEYS
    if unknown:
        raise InputError(f"{path}: unknown claimdiff setting(s): {', '.join(sorted(unknown))}")
    table = dict(table)
    if "baseline" in table:
        table["baseline"] = str((path.parent / table["baseline"]).resolve())
    table["story-root"] = str(path.parent.resolve())
    return table
