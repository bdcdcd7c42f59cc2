"""Acknowledged differences: a baseline file of group fingerprints a reviewer has accepted.

The file is JSON: ``{"version": 1, "acknowledged": [{"fingerprint", "what", "sentences"}]}``. The sentences are
kept for the reviewer who reads the file; only fingerprints are matched.
"""

from __future__ import annotations

import json
import os
from dataclasses import replace
from pathlib import Path

from checker.errors import InputError
from checker.report import Report

VERSION = 1


def load(path: str | os.PathLike) -> frozenset[str]:
    """The fingerprints in a baseline file. Raises :class:`InputError` when it is missing or malformed."""
    try:
        doc = json.loads(Path(path).read_text(encoding="utf-8"))
        return frozenset(str(entry["fingerprint"]) for entry in doc["acknowledged"])
    except FileNotFoundError:
        raise InputError(f"{path}: no such baseline file (create one with --write-baseline)") from None
    except (OSError, ValueError, KeyError, TypeError):
        raise InputError(f"{path}: not a claimdiff baseline file") from None


def apply(report: Report, fingerprints: frozenset[str]) -> Report:
    """The report with the groups whose fingerprint is in ``fingerprints`` marked acknowledged."""
    groups = tuple(replace(g, acknowledged=g.fingerprint in fingerprints) for g in report.groups)
    return replace(report, groups=groups)


def write(report: Report, path: str | os.PathLike) -> int:
    """Record every current discrepancy (acknowledged ones included) in a baseline file; return how many."""
    entries = [
        {"fingerprint": g.fingerprint, "what": g.what, "sentences": [c.sentence.text for c in g.claims]}
        for g in report.groups
        if g.verdict.name != "consistent"
    ]
    text = json.dumps({"version": VERSION, "acknowledged": entries}, ensure_ascii=False, indent=2) + "\n"
    Path(path).write_text(text, encoding="utf-8")
    return len(entries)
