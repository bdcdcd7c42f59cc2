"""Acknowledged differences: a baseline file of the figure pairs a reviewer has accepted.

One file can serve a whole desk. It is JSON, keys sorted, one entry per acknowledged difference between two
reports::

    {"version": 4, "acknowledged": [{"articles": ["wires/afp.txt", "wires/ap.txt"],
      "contents": ["3f1c...", "9ab2..."], "count": "killed", "figures": ["34", "at least 36"],
      "fingerprint": "...", "sentences": ["...", "..."]}]}

A difference is keyed by what it is about: the count (its event) and the two figures as values
(:func:`figure_of`), not by their spelling, the group's membership or the exact sentences. A figure is its value
(or the ends of a range or a vague amount), its bound ("at least", "about", "nearly"...), its change ("up" for
"3 more") and, for money or a measure, its unit ("dollar", "percent"); not the noun it counts ("people" ->
"victims" is copy). So restyling "Thirty-six" as "36", "1,000" as "1000" or "$15m" as "$15 million", a third
report joining the story, the articles given in another order, or a copy edit around an unchanged figure ("saved"
-> "have saved") keep it acknowledged; a changed value, currency, unit or bound is a new difference ("36" -> "at
least 36" is another claim, which the verdicts read otherwise), and so is a report stating a figure of its own.

An entry names its two reports twice: ``articles``, their paths relative to the baseline file's folder, and
``contents``, in the same order, a key of each report's text (:func:`content_key`). A pair of reports is
acknowledged when an entry with its fingerprint names either of them, by path or by content key (a new wire
repeating an acknowledged "34" against the same "36" is the same difference; a report moved with ``git mv`` is
the same report), and, with a reference draft, names the draft: two wires differing says nothing about what the
draft may state.

The sentences are kept for the reviewer who reads the file, never matched. Writing merges (:func:`record`): it
replaces the entries whose reports were all compared (by path or content), drops those whose reports are all gone
(no file at the named path and no compared report with its text; an entry with one report left still holds for
that report's pairs), gives a moved report its new path in the entries it keeps, and keeps every other story's.
Version 2 files (one fingerprint per group) and version 3 entries (figures as written, their fingerprint of the
spelling, no ``contents``) still load and match as they did, by path, and may stand in a version 4 file; an
entry's shape says which it is. ``--write-baseline`` rewrites the compared reports' entries as version 4.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from checker.articles import Article
from checker.claims import Claim
from checker.errors import InputError
from checker.quantities import Qualifier, Quantity
from checker.quantities import lexicon as L
from checker.quantities.model import NEARLY
from checker.report import Report
from checker.safeio import atomic_write, printable, read_bounded
from checker.verdicts import PairVerdict, summarise

VERSION = 4
#: The versions this claimdiff reads; a newer file is refused rather than half understood.
READABLE_VERSIONS = frozenset({2, 3, 4})
#: A desk's baseline of 10,000 acknowledged differences is about 5 MB; a larger file is not a baseline.
MAX_BYTES = 32 * 2**20

#: How an entry's fingerprint was made, told by its shape: a version 4 entry has ``contents`` (values), a version 3
#: one ``figures`` only (spelling), a version 2 one neither (a group's fingerprint, see ``Acknowledged.groups``).
VALUES, SPELLING = "values", "spelling"

#: How a figure's bound reads in a baseline; ``{}`` is its number, or "low to high" for an interval. The key is the
#: qualifier's name, or ``NEARLY`` ("nearly 100" is stored as less_than with a floor under the number).
BOUND_WORDS: dict[str, str] = {
    Qualifier.EXACT: "{}",
    Qualifier.APPROXIMATE: "about {}",
    Qualifier.AT_LEAST: "at least {}",
    Qualifier.MORE_THAN: "more than {}",
    Qualifier.AT_MOST: "at most {}",
    Qualifier.LESS_THAN: "less than {}",
    NEARLY: "nearly {}",
    Qualifier.RANGE: "{}",
    Qualifier.VAGUE: "{} (vague)",
}


@dataclass(frozen=True)
class Entry:
    """One acknowledged difference as :func:`apply` matches it: its fingerprint, how that was made (``scheme``),
    and the reports it names by path (relative to the baseline's folder) and by content key."""

    fingerprint: str
    scheme: str
    paths: frozenset[str]
    contents: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Acknowledged:
    """What a baseline file acknowledges: its pair ``entries``, and the group fingerprints of version 2 entries."""

    entries: tuple[Entry, ...]
    groups: frozenset[str]
    folder: Path
    _by_key: dict[tuple[str, str], tuple[Entry, ...]] = field(init=False, compare=False, repr=False)

    def __post_init__(self) -> None:
        index: dict[tuple[str, str], list[Entry]] = {}
        for e in self.entries:
            index.setdefault((e.scheme, e.fingerprint), []).append(e)
        object.__setattr__(self, "_by_key", {k: tuple(v) for k, v in index.items()})

    def __bool__(self) -> bool:
        return bool(self.entries or self.groups)

    @property
    def pairs(self) -> frozenset[tuple[str, str]]:
        """(fingerprint, article path) of every entry and every report it names by path."""
        return frozenset((e.fingerprint, p) for e in self.entries for p in e.paths)

    def matching(self, a: Claim, b: Claim) -> tuple[Entry, ...]:
        """The entries whose fingerprint is that of the difference between ``a`` and ``b``, under either scheme."""
        return self._by_key.get((VALUES, pair_fingerprint(a, b)), ()) + self._by_key.get(
            (SPELLING, spelled_fingerprint(a, b)), ()
        )


@dataclass(frozen=True)
class Written:
    """What :func:`record` did to a baseline file: the differences ``recorded``, and the old entries it dropped
    because their reports were all compared, one of them moved to another path (``renamed``), because their
    reports are all gone (``gone``), or because their reports were all compared and the difference was not found
    again under the names the entry gives (``settled``: the reports now agree, or state other figures)."""

    recorded: int
    renamed: int = 0
    gone: int = 0
    settled: int = 0

    @property
    def dropped(self) -> int:
        return self.renamed + self.gone + self.settled

    def __add__(self, other: Written) -> Written:
        return Written(*(getattr(self, f) + getattr(other, f) for f in ("recorded", "renamed", "gone", "settled")))

    @property
    def note(self) -> str:
        """What was dropped, as a clause after the count recorded ("; 2 old entries dropped (1 naming a moved
        report, 1 of reports that are gone)"), or nothing."""
        n = self.dropped
        if not n:
            return ""
        counts = (self.renamed, self.gone, self.settled)
        why = ", ".join(f"{k} {words}" for k, words in zip(counts, DROPPED_WORDS, strict=True) if k)
        return f"; {n} old {'entry' if n == 1 else 'entries'} dropped ({why})"


#: Why :func:`record` dropped old entries, in the order of ``Written``'s counts.
DROPPED_WORDS = ("naming a moved report", "of reports that are gone", "no longer found")


def pair_fingerprint(a: Claim, b: Claim) -> str:
    """The key of a difference between two claims: their count and their figures as values, in either order."""
    return _digest([count_of(a, b), *figures_of(a, b)])


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode("utf-8")).hexdigest()[:16]


def count_of(a: Claim, b: Claim) -> str:
    """What two claims count, as the baseline names it: their event(s) ("killed", "hijacked/attacked")."""
    return "/".join(sorted({a.event or "count", b.event or "count"}))


def figures_of(a: Claim, b: Claim) -> list[str]:
    """The two figures as values (:func:`figure_of`), sorted."""
    return sorted(figure_of(c.quantity) for c in (a, b))


def figure_of(q: Quantity) -> str:
    """A figure as a baseline keys it: what it states, however it is spelled ("Thirty-six" and "36" are "36",
    "$15m" and "$15 million" are "15000000 dollar", "at least 36", "30 to 40", "up 3")."""
    bound = str(q.qualifier)
    if q.qualifier == Qualifier.LESS_THAN and q.value is not None and q.low is not None and q.low > 0:
        bound = NEARLY  # "less than 100" has its floor at 0; "nearly 100" a little under the number
    number = _number(q.value) if q.value is not None else f"{_number(q.low)} to {_number(q.high)}"
    words = [BOUND_WORDS.get(bound, bound + " {}").format(number)]
    if q.change:
        words.insert(0, q.change)
    if q.unit and _is_measure(q.unit):
        # money and measures: "$15m" is not "£15m"; a counted noun ("people", "victims") is copy, not the figure
        words.append(q.unit)
    return " ".join(words)


def spelled_fingerprint(a: Claim, b: Claim) -> str:
    """The key of a difference in version 3 entries: the count and the two figures as written."""
    return _digest([count_of(a, b), *spelled_figures_of(a, b)])


def spelled_figures_of(a: Claim, b: Claim) -> list[str]:
    """The two figures as written, case and spacing folded, sorted (version 3)."""
    return sorted(" ".join(c.quantity.text.lower().split()) for c in (a, b))


def content_key(article: Article) -> str:
    """A key of a report's text that survives a move or a rename: its text in Unicode's composed form, runs of
    white space as one space, case kept. White space folds so that an editor re-wrapping lines or changing line
    endings keeps the key; case is kept because it is copy, and a key that names a report should not be shared
    by texts that differ."""
    text = " ".join(unicodedata.normalize("NFC", article.text).split())
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def load(path: str | os.PathLike) -> Acknowledged:
    """What a baseline file acknowledges. Raises :class:`InputError` (``about="baseline"``) when it is missing or
    malformed."""
    path = Path(path)
    entries, groups = [], set()
    for e in _entries(path):
        if e.get("figures") is None:
            groups.add(e["fingerprint"])
            continue
        scheme = VALUES if "contents" in e else SPELLING
        entries.append(
            Entry(e["fingerprint"], scheme, frozenset(e.get("articles", [])), frozenset(e.get("contents", [])))
        )
    return Acknowledged(tuple(entries), frozenset(groups), path.parent)


def apply(
    report: Report,
    acknowledged: Acknowledged,
    counted: Callable[[PairVerdict], bool] | None = None,
    *,
    reference: str | None = None,
) -> Report:
    """The report with what the baseline acknowledges taken out of each group's verdict: a group whose every
    counted discrepant pair is acknowledged is marked acknowledged (its verdict kept, for the reader); one with
    some pairs acknowledged is judged on the others.

    ``reference`` is the id of the draft compared against the others: a pair of the draft's is acknowledged only
    by an entry that names the draft. A ``counted`` rule is given only with a draft, which ``compare`` puts first,
    so with ``counted`` and no ``reference`` the draft is the report's first article.
    """
    if reference is None and counted is not None and report.articles:
        reference = report.articles[0].id
    paths = {a.id: _relative(a.path, acknowledged.folder) for a in report.articles}
    keys = {a.id: content_key(a) for a in report.articles}

    def names(entry: Entry, article: str) -> bool:
        return paths[article] in entry.paths or keys[article] in entry.contents

    groups = []
    for g in report.groups:
        if g.fingerprint in acknowledged.groups:
            groups.append(replace(g, acknowledged=True))
            continue
        by_article = {c.article: c for c in g.claims}

        def acked(p: PairVerdict, by_article=by_article) -> bool:
            for entry in acknowledged.matching(by_article[p.articles[0]], by_article[p.articles[1]]):
                if reference in p.articles:
                    if names(entry, reference):
                        return True
                elif any(names(entry, a) for a in p.articles):
                    return True
            return False

        live = [p for p in g.verdict.pairs if p.name != "consistent" and (counted is None or counted(p))]
        if not live or not any(acked(p) for p in live):
            groups.append(g)
        elif all(acked(p) for p in live):
            groups.append(replace(g, acknowledged=True))
        else:
            verdict = summarise(g.verdict.pairs, lambda p: (counted is None or counted(p)) and not acked(p))
            groups.append(replace(g, verdict=verdict))
    return replace(report, groups=tuple(groups))


def differences(report: Report, paths: dict[str, str]) -> Iterator[tuple[Claim, Claim]]:
    """The two claims of every current difference of ``report`` (acknowledged ones included), in the order of
    their articles' ``paths``."""
    for g in report.groups:
        by_article = {c.article: c for c in g.claims}
        for p in g.verdict.pairs:
            if p.name != "consistent":
                a, b = sorted((by_article[x] for x in p.articles), key=lambda c: paths[c.article])
                yield a, b


def entries_of(report: Report, folder: Path) -> list[dict[str, Any]]:
    """The baseline entries that acknowledge every current difference of ``report`` (acknowledged ones included)."""
    paths = {a.id: _relative(a.path, folder) for a in report.articles}
    keys = {a.id: content_key(a) for a in report.articles}
    out = {}
    for a, b in differences(report, paths):
        fingerprint = pair_fingerprint(a, b)
        out[(fingerprint, paths[a.article], paths[b.article])] = {
            "articles": [paths[a.article], paths[b.article]],
            "contents": [keys[a.article], keys[b.article]],
            "count": count_of(a, b),
            "figures": figures_of(a, b),
            "fingerprint": fingerprint,
            "sentences": [a.sentence.text, b.sentence.text],
        }
    return [out[k] for k in sorted(out)]


def write(report: Report, path: str | os.PathLike) -> int:
    """Record every current difference of ``report`` in the baseline file at ``path`` (see :func:`record`); return
    how many were recorded."""
    return record(report, path).recorded


def record(report: Report, path: str | os.PathLike) -> Written:
    """Record every current difference of ``report`` (acknowledged ones included) in the baseline file at ``path``,
    creating it and its folder when missing; say what was recorded and dropped.

    Entries already in the file are kept unless every report they name was compared in ``report`` (by path or
    content key: the fresh entries replace them, so a difference that is gone is dropped) or is gone (no file at
    its path and no compared report with its text). A kept entry that names a moved report by its old path is
    given the new one.
    """
    path = Path(path)
    folder = path.parent
    paths = {a.id: _relative(a.path, folder) for a in report.articles}
    compared = set(paths.values())
    now = {content_key(a): paths[a.id] for a in sorted(report.articles, key=lambda a: paths[a.id])}
    fresh = entries_of(report, folder)
    recorded = {_identity(e) for e in fresh}
    # a version 3 entry of a difference still there, keyed by its spelling: rewritten in version 4, not dropped
    respelled = {(spelled_fingerprint(a, b), paths[a.article], paths[b.article]) for a, b in differences(report, paths)}
    kept: dict[tuple[str, ...], dict[str, Any]] = {}
    renamed = gone = settled = 0
    for e in _entries(path) if path.exists() else []:
        if _identity(e) in recorded or ("contents" not in e and _identity(e) in respelled):
            continue  # recorded again
        names = list(zip(e.get("articles", []), e.get("contents") or [None] * len(e.get("articles", [])), strict=True))
        seen = [p in compared or k in now for p, k in names]
        if names and all(seen):
            # its reports were all compared: the fresh entries say what of it is still there, under today's names
            if any(p not in compared and _gone(p, folder) for p, _ in names):
                renamed += 1
            else:
                settled += 1
            continue
        if names and all(not s and _gone(p, folder) for (p, _), s in zip(names, seen, strict=True)):
            gone += 1
            continue
        e = _moved(e, now, folder)
        kept.setdefault(_identity(e), e)
    entries = sorted(
        [*kept.values(), *fresh], key=lambda e: (e.get("articles", []), e.get("count", ""), e["fingerprint"])
    )
    doc = {"version": VERSION, "acknowledged": entries}
    text = json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=True)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # a file name that is not UTF-8 (os.fsdecode's surrogates): written as JSON escapes, which load back as
        # the same name, instead of failing after the file was opened
        text = json.dumps(doc, ensure_ascii=True, indent=2, sort_keys=True)
    folder.mkdir(parents=True, exist_ok=True)
    atomic_write(path, text + "\n")  # a crash or a full disk leaves the old baseline whole
    return Written(len(fresh), renamed=renamed, gone=gone, settled=settled)


def _identity(entry: dict[str, Any]) -> tuple[str, ...]:
    return (entry["fingerprint"], *entry.get("articles", []))


def _gone(article: str, folder: Path) -> bool:
    """Whether the report a baseline names at ``article`` is no longer there. Standard input and web addresses are
    never gone: nothing here can tell."""
    if article == "-" or "://" in article:
        return False
    return not os.path.exists(folder / article)


def _moved(entry: dict[str, Any], now: dict[str, str], folder: Path) -> dict[str, Any]:
    """``entry`` with each report that is no longer at its path named where a compared report with its text is."""
    contents = entry.get("contents")
    if not contents:
        return entry
    articles = [
        now[k] if k in now and p != now[k] and _gone(p, folder) else p
        for p, k in zip(entry["articles"], contents, strict=True)
    ]
    if articles == entry["articles"]:
        return entry
    order = sorted(range(len(articles)), key=lambda i: articles[i])
    moved = dict(entry, articles=[articles[i] for i in order], contents=[contents[i] for i in order])
    if len(entry.get("sentences", [])) == len(articles):
        moved["sentences"] = [entry["sentences"][i] for i in order]
    return moved


def _entries(path: Path) -> list[dict[str, Any]]:
    """The entries of the baseline at ``path``, each checked: a dict with a text ``fingerprint``, a list of text
    ``articles``, (version 3 and 4) a list of text ``figures`` and (version 4) a list of text ``contents``, one per
    article. Any other shape is :class:`InputError`."""
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
            and ("contents" not in e or (_texts(e["contents"]) and len(e["contents"]) == len(e.get("articles", []))))
        ):
            raise InputError(f"{name}: entry {i + 1} of the baseline is malformed", about="baseline")
        entry = dict(e)
        entry["fingerprint"] = str(entry["fingerprint"])
        entries.append(entry)
    return entries


def _texts(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def _number(x: float | None) -> str:
    """A value as a baseline writes it: "36", "15000000", "2.5"; "?" for an open end."""
    if x is None:
        return "?"
    return str(int(x)) if x == int(x) else f"{x:.12g}"


def _is_measure(unit: str) -> bool:
    """Whether ``unit`` is a unit of measure or a currency of the lexicon ("dollar", "percent", "dollar per barrel"),
    not a counted noun."""
    return unit.split(" per ", 1)[0] in _measures()


@functools.cache
def _measures() -> frozenset[str]:
    """The lexicon's units of measure and currencies, by name."""
    return frozenset(
        [
            *L.UNIT_ALIASES.values(),
            *L.CASED_UNITS.values(),
            *L.CURRENCY_SYMBOLS.values(),
            *L.CURRENCY_CODES.values(),
            *L.DOLLAR_PREFIXES.values(),
            *L.SUBUNIT_AFTER.values(),
        ]
    )


def _relative(article_path: str, folder: Path) -> str:
    """An article's path as the baseline records it: relative to the baseline's folder, with forward slashes.
    Standard input and web addresses are kept as given."""
    if article_path == "-" or "://" in article_path:
        return article_path
    # realpath, not Path.resolve: it raises no RuntimeError on a symbolic-link loop
    return Path(os.path.relpath(os.path.realpath(article_path), os.path.realpath(folder))).as_posix()
