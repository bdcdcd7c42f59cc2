"""Project configuration: ``[tool.claimdiff]`` in ``pyproject.toml``, or ``claimdiff.toml``, found from the
working directory upward. Command-line flags win over it. ``claimdiff.toml`` takes the same ``[tool.claimdiff]``
table, so one snippet serves both files, or the keys at its top level.

Keys (all optional): ``format``, ``fail-on``, ``baseline``, ``min-difference``, ``min-similarity`` and ``story``
(``"folder"``, or a glob pattern of story folders: see :mod:`checker.stories`). A relative ``baseline`` path and
the ``story`` pattern are taken from the config file's folder.
"""

from __future__ import annotations

import math
import os
import tomllib
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.safeio import printable, read_bounded

KEYS = frozenset({"format", "fail-on", "baseline", "min-difference", "min-similarity", "story"})
#: A configuration is a few lines; pyproject.toml files run to a few KB. Anything larger is not one.
MAX_CONFIG_BYTES = 1 * 2**20


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
    name = printable(path)
    try:
        doc = tomllib.loads(read_bounded(path, limit=MAX_CONFIG_BYTES, what="configuration").decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, RecursionError) as exc:
        reason = exc.strerror if isinstance(exc, OSError) and exc.strerror else type(exc).__name__
        detail = str(exc).splitlines()[0] if str(exc) else reason
        raise InputError(f"{name}: cannot read the configuration ({printable(detail)})") from None
    tool = doc.get("tool")
    table = tool.get("claimdiff") if isinstance(tool, dict) else None
    if path.name == "claimdiff.toml" and table is None:
        table = doc
    if table is None:
        return None
    if not isinstance(table, dict):
        raise InputError(f"{name}: [tool.claimdiff] must be a table of settings, not {_kind(table)}")
    unknown = set(table) - KEYS
    if unknown:
        raise InputError(f"{name}: unknown claimdiff setting(s): {printable(', '.join(sorted(unknown)))}")
    table = dict(table)
    _check_types(table, name)
    if "baseline" in table:
        table["baseline"] = os.path.realpath(path.parent / table["baseline"])  # no RuntimeError on a link loop
    table["story-root"] = str(path.parent.resolve())
    return table


def _kind(value: object) -> str:
    return {bool: "true/false", str: "text", int: "a number", float: "a number", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__
    )


def _check_types(table: dict[str, Any], name: str) -> None:
    """Each setting of the right type and range, or :class:`InputError` naming the file, the key and the value: a
    config is read from a repository, and a wrong type must be one line, never a traceback deeper in the run."""

    def wrong(key: str, want: str) -> InputError:
        return InputError(f"{name}: {key} must be {want}, not {printable(repr(table[key]))}", about="config")

    for key in ("format", "fail-on", "baseline", "story"):
        if key in table and (not isinstance(table[key], str) or not table[key].strip()):
            raise wrong(key, "a non-empty text")
    for key, low, high in (("min-difference", 0.0, math.inf), ("min-similarity", 0.0, 1.0)):
        if key not in table:
            continue
        value = table[key]
        if isinstance(value, bool) or not isinstance(value, int | float) or not (low <= value <= high):
            raise wrong(key, f"a number from {low:g} to {high:g}" if high < math.inf else f"a number ≥ {low:g}")
        if math.isinf(value):
            raise wrong(key, "a finite number")
        table[key] = float(value)
    story = table.get("story")
    if story is not None and story != "folder" and (os.path.isabs(story) or story.startswith(("/", "\\"))):
        # Path.glob takes only patterns relative to the config's folder
        raise wrong("story", '"folder" or a glob pattern relative to the configuration\'s folder')
    if "\0" in "".join(v for v in table.values() if isinstance(v, str)):
        raise InputError(f"{name}: a setting holds a NUL character", about="config")
