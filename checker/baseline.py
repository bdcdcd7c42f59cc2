"""Acknowledged differences: a baseline file of group fingerprints a reviewer has accepted.

One file can serve a whole desk. It is JSON, keys sorted, one entry per acknowledged difference::

    {"version": 2, "acknowledged": [{"articles": [...], "fingerprint": "...", "sentences": [...], "what": "..."}]}

``articles`` are the paths of the compared reports, relative to the baseline file's folder; the sentences are kept
for the reviewer who reads the file. Only fingerprints are matched. Writing merges: it replaces the entries of the
articles it compared and keeps every other story's. Version 1 files (entries without ``articles``) are read too.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path
from typing import Any

from checker.errors import InputError
from checker.report import Report

VERSION = 2


def load(path: str | os.PathLike) -> frozenset[str]:
    """The fingerprints in a baseline file. Raises :class:`InputError` (``about="baseline"``) when it is missing
    or malformed."""
    return frozenset(entry["fingerprint"] for entry in _entries(Path(path)))


def apply(report: Report, fingerprints: frozenset[str]) -> Report:
    """The report with the groups whose fingerprint is in ``fingerprints`` marked acknowledged."""
    groups = tuple(replace(g, acknowledged=g.fingerprint in fingerprints) for g in report.groups)
    return replace(report, groups=groups)


def write(report: Report, path: str | os.PathLike) -> int:
    """Record every current difference of ``report`` (acknowledged ones included) in the baseline file at ``path``,
    creating it and its folder when missing; return how many were recorded.

    Entries of other articles already in the file are kept; those whose articles were all compared in ``report``
    are replaced, so a difference that is gone is dropped.
    """
    path = Path(path)
    compared = {_relative(a.path, path.parent) for a in report.articles}
    fresh = [
        {
            "articles": sorted(_relative(_path_of(report, c.article), path.parent) for c in g.claims),
            "fingerprint": g.fingerprint,
            "sentences": [c.sentence.text for c in g.claims],
            "what": g.what,
        }
        for g in report.groups
        if g.verdict.name != "consistent"
    ]
    recorded = {e["fingerprint"] for e in fresh}
    kept = [
        e
        for e in (_entries(path) if path.exists() else [])
        if e["fingerprint"] not in recorded and not (e.get("articles") and set(e["articles"]) <= compared)
    ]
    entries = sorted([*kept, *fresh], key=lambda e: (e.get("articles", []), e.get("what", ""), e["fingerprint"]))
    text = json.dumps({"version": VERSION, "acknowledged": entries}, ensure_ascii=False, indent=2, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + "\n", encoding="utf-8")
    return len(fresh)


def _entries(path: Path) -> list[dict[str, Any]]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
        entries = [dict(e) for e in doc["acknowledged"]]
        for e in entries:
            e["fingerprint"] = str(e["fingerprint"])
        return entries
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline file", about="baseline") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{path}: not a claimdiff baseline file", about="baseline") from None


def _path_of(report: Report, article_id: str) -> str:
    return next(a.path for a in report.articles if a.id == article_id)


def _relative(article_path: str, folder: Path) -> str:
    """An article's path as the baseline records it: relative to the baseline's folder, with forward slashes.
    Standard input and web addresses are kept as given."""
    if article_path == "-" or "://" in article_path:
        return article_path
    return Path(os.path.relpath(Path(article_path).resolve(), folder.resolve())).as_posix()
