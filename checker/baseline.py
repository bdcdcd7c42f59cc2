"""Acknowledged differences: a baseline file of the figure pairs a reviewer has accepted.

One file can serve a whole desk. It is JSON, keys sorted, one entry per acknowledged difference between two
reports::

    {"version": 3, "acknowledged": [{"articles": ["wires/ap.txt", "wires/afp.txt"], "count": "killed",
      "figures": ["34", "36"], "fingerprint": "...", "sentences": ["...", "..."]}]}

A difference is keyed by what it is about: the count (its event) and the two figures as the reports state them,
normalised (:func:`pair_fingerprint`), not by the group's membership or the exact sentences. So a third report
joining the story, the articles given in another order, or a copy edit around an unchanged figure ("saved" ->
"have saved") keep it acknowledged; a changed figure, or a report stating another figure, is a new difference.
An entry holds for the reports it names: a pair of reports is acknowledged when an entry with its fingerprint
names either of them (a new wire repeating an acknowledged "34" against the same "36" is the same difference).

``articles`` are paths relative to the baseline file's folder; the sentences are kept for the reviewer who reads
the file, never matched. Writing merges: it replaces the entries whose articles were all compared and keeps every
other story's. Version 2 files (one fingerprint per group) still load and match as they did; rewriting them with
``--write-baseline`` gives version 3.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from checker.claims import Claim
from checker.errors import InputError
from checker.report import Report
from checker.safeio import atomic_write, printable, read_bounded
from checker.verdicts import PairVerdict, summarise

VERSION = 3
#: The versions this claimdiff reads; a newer file is refused rather than half understood.
READABLE_VERSIONS = frozenset({2, 3})
#: A desk's baseline of 10,000 acknowledged differences is about 5 MB; a larger file is not a baseline.
MAX_BYTES = 32 * 2**20


@dataclass(frozen=True)
class Acknowledged:
    """What a baseline file acknowledges: ``pairs`` of (fingerprint, article path relative to ``folder``), and the
    group fingerprints of version 2 entries."""

    pairs: frozenset[tuple[str, str]]
    groups: frozenset[str]
    folder: Path

    def __bool__(self) -> bool:
        return bool(self.pairs or self.groups)


def pair_fingerprint(a: Claim, b: Claim) -> str:
    """The key of a difference between two claims: their count and their figures as written, in either order."""
    return hashlib.sha256("\n".join([count_of(a, b), *figures_of(a, b)]).encode("utf-8")).hexdigest()[:16]


def count_of(a: Claim, b: Claim) -> str:
    """What two claims count, as the baseline names it: their event(s) ("killed", "hijacked/attacked")."""
    return "/".join(sorted({a.event or "count", b.event or "count"}))


def figures_of(a: Claim, b: Claim) -> list[str]:
    """The two figures as written, case and spacing folded, sorted."""
    return sorted(" ".join(c.quantity.text.lower().split()) for c in (a, b))


def load(path: str | os.PathLike) -> Acknowledged:
    """What a baseline file acknowledges. Raises :class:`InputError` (``about="baseline"``) when it is missing or
    malformed."""
    path = Path(path)
    pairs, groups = set(), set()
    for entry in _entries(path):
        if entry.get("figures") is not None:
            for article in entry.get("articles", []):
                pairs.add((entry["fingerprint"], article))
        else:
            groups.add(entry["fingerprint"])
    return Acknowledged(frozenset(pairs), frozenset(groups), path.parent)


def apply(report: Report, acknowledged: Acknowledged, counted: Callable[[PairVerdict], bool] | None = None) -> Report:
    """The report with what the baseline acknowledges taken out of each group's verdict: a group whose every
    counted discrepant pair is acknowledged is marked acknowledged (its verdict kept, for the reader); one with
    some pairs acknowledged is judged on the others."""
    paths = {a.id: _relative(a.path, acknowledged.folder) for a in report.articles}
    groups = []
    for g in report.groups:
        if g.fingerprint in acknowledged.groups:
            groups.append(replace(g, acknowledged=True))
            continue
        by_article = {c.article: c for c in g.claims}

        def acked(p: PairVerdict, by_article=by_article) -> bool:
            fingerprint = pair_fingerprint(by_article[p.articles[0]], by_article[p.articles[1]])
            return any((fingerprint, paths[a]) in acknowledged.pairs for a in p.articles)

        live = [p for p in g.verdict.pairs if p.name != "consistent" and (counted is None or counted(p))]
        if not live or not any(acked(p) for p in live):
            groups.append(g)
        elif all(acked(p) for p in live):
            groups.append(replace(g, acknowledged=True))
        else:
            verdict = summarise(g.verdict.pairs, lambda p: (counted is None or counted(p)) and not acked(p))
            groups.append(replace(g, verdict=verdict))
    return replace(report, groups=tuple(groups))


def entries_of(report: Report, folder: Path) -> list[dict[str, Any]]:
    """The baseline entries that acknowledge every current difference of ``report`` (acknowledged ones included)."""
    paths = {a.id: _relative(a.path, folder) for a in report.articles}
    out = {}
    for g in report.groups:
        by_article = {c.article: c for c in g.claims}
        for p in g.verdict.pairs:
            if p.name == "consistent":
                continue
            a, b = by_article[p.articles[0]], by_article[p.articles[1]]
            fingerprint = pair_fingerprint(a, b)
            key = (fingerprint, *sorted((paths[a.article], paths[b.article])))
            out[key] = {
                "articles": sorted((paths[a.article], paths[b.article])),
                "count": count_of(a, b),
                "figures": figures_of(a, b),
                "fingerprint": fingerprint,
                "sentences": [c.sentence.text for c in sorted((a, b), key=lambda c: paths[c.article])],
            }
    return [out[k] for k in sorted(out)]


def write(report: Report, path: str | os.PathLike) -> int:
    """Record every current difference of ``report`` (acknowledged ones included) in the baseline file at ``path``,
    creating it and its folder when missing; return how many were recorded.

    Entries of other articles already in the file are kept; those whose articles were all compared in ``report``
    are replaced, so a difference that is gone is dropped.
    """
    path = Path(path)
    compared = {_relative(a.path, path.parent) for a in report.articles}
    fresh = entries_of(report, path.parent)
    recorded = {(e["fingerprint"], *e["articles"]) for e in fresh}
    kept = [
        e
        for e in (_entries(path) if path.exists() else [])
        if (e["fingerprint"], *e.get("articles", [])) not in recorded
        and not (e.get("articles") and set(e["articles"]) <= compared)
    ]
    entries = sorted([*kept, *fresh], key=lambda e: (e.get("articles", []), e.get("count", ""), e["fingerprint"]))
    doc = {"version": VERSION, "acknowledged": entries}
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # a file name that is not UTF-8 (os.fsdecode's surrogates): written as JSON escapes, which load back as
        # the same name, instead of failing after the file was opened
        text = json.dumps(doc, ensure_ascii=True, indent=2, sort_keys=True)
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text + "\n")  # a crash or a full disk leaves the old baseline whole
    return len(fresh)


def _entries(path: Path) -> list[dict[str, Any]]:
    """The entries of the baseline at ``path``, each checked: a dict with a text ``fingerprint``, a list of text
    ``articles`` and (version 3) a list of text ``figures``. Any other shape is :class:`InputError`."""
    name = printable(path)
    try:
        raw = read_bounded(path, limit=MAX_BYTES, what="baseline file")
    except FileNotFoundError:
        raise InputError(f"{name}: no such baseline file", about="baseline") from None
    except InputError as exc:
        raise InputError(str(exc), about="baseline") from None
    try:
        doc = json.loads(raw.decode("utf-8-sig"))  # an editor's byte-order mark is not an error
    except (ValueError, RecursionError):  # UnicodeDecodeError and JSONDecodeError are ValueErrors
        raise InputError(f"{name}: not a claimdiff baseline file (not UTF-8 JSON)", about="baseline") from None
    if not isinstance(doc, dict) or not isinstance(doc.get("acknowledged"), list):
        raise InputError(
            f"{name}: not a claimdiff baseline file (no list of acknowledged differences)", about="baseline"
        )
    version = doc.get("version", 2)
    if isinstance(version, bool) or not isinstance(version, int) or version not in READABLE_VERSIONS:
        newer = isinstance(version, int) and not isinstance(version, bool) and version > VERSION
        why = "written by a newer claimdiff; upgrade to read it" if newer else "an unknown version"
        raise InputError(f"{name}: baseline version {printable(repr(version))}: {why}", about="baseline")
    entries = []
    for i, e in enumerate(doc["acknowledged"]):
        if not (
            isinstance(e, dict)
            and isinstance(e.get("fingerprint"), str | int)
            and not isinstance(e.get("fingerprint"), bool)
            and _texts(e.get("articles", []))
            and isinstance(e.get("count", ""), str)
            and (e.get("figures") is None or _texts(e["figures"]))
        ):
            raise InputError(f"{name}: entry {i + 1} of the baseline is malformed", about="baseline")
        entry = dict(e)
        entry["fingerprint"] = str(entry["fingerprint"])
        entries.append(entry)
    return entries


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _relative(article_path: str, folder: Path) -> str:
    """An article's path as the baseline records it: relative to the baseline's folder, with forward slashes.
    Standard input and web addresses are kept as given."""
    if article_path == "-" or "://" in article_path:
        return article_path
    # realpath, not Path.resolve: it raises no RuntimeError on a symbolic-link loop
    return Path(os.path.relpath(os.path.realpath(article_path), os.path.realpath(folder))).as_posix()
