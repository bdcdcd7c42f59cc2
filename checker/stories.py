"""Which articles belong to one story, so that a commit of one article is compared with the rest of its story.

A story is a folder by default: the articles beside a changed file (``story = "folder"``). A project whose stories
span subfolders names them with a glob pattern relative to its config file (``story = "desk/*"``): every folder
the pattern matches is one story, with all the articles below it.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from checker.articles import ARTICLE_SUFFIXES
from checker.errors import InputError

FOLDER = "folder"


@dataclass(frozen=True)
class Story:
    """One story: where it lives (``key``, a folder), all its article files, and which of them changed."""

    key: str
    articles: tuple[str, ...]
    changed: tuple[str, ...]


def stories(changed: Sequence[str | os.PathLike], *, rule: str = FOLDER, root: Path | None = None) -> list[Story]:
    """The stories of the ``changed`` files, in the order first named, each with all its articles (sorted).

    ``rule`` is ``"folder"`` or a glob pattern of story folders relative to ``root`` (default: the working
    directory). A changed file outside every folder of the pattern is a story of its own folder. Raises
    :class:`InputError` (``about="story"``) for a pattern that matches no folder.
    """
    root = (root or Path.cwd()).resolve()
    folders = None if rule == FOLDER else sorted(p.resolve() for p in root.glob(rule) if p.is_dir())
    if folders == []:
        raise InputError(f"story pattern {rule!r} matches no folder under {root}", about="story")
    found: dict[Path, list[str]] = {}
    for path in changed:
        resolved = Path(path).resolve()
        home = next((f for f in folders or () if resolved.is_relative_to(f)), None)
        found.setdefault(home or resolved.parent, []).append(str(path))
    result = []
    for folder, files in found.items():
        below = folder.rglob("*") if folders and folder in folders else folder.iterdir()
        articles = {_display(p) for p in below if _is_article(p)} | set(map(_display, map(Path, files)))
        result.append(Story(key=_display(folder), articles=tuple(sorted(articles)), changed=tuple(files)))
    return result


def _is_article(path: Path) -> bool:
    hidden = any(part.startswith(".") for part in path.parts[-2:])
    return path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file() and not hidden


def _display(path: Path) -> str:
    """A path as the reader knows it: relative to the working directory when under it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix() or "."
    except ValueError:
        return str(path)
