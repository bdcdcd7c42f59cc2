"""Readings that cannot be absurd (issue 28, item 1), measured on real copy of the corpora.

Each class is found by its surface (a pattern written from the issue's words, not from claimdiff's reading) in
every sentence of GVA, ECB+ and the six ``news_clusters`` corpora, and the figures of each sentence found are read
as claimdiff reads them (:func:`checker.claims.find_claims` on the sentence). A reading is right when it has the
class's property:

- ``name``: an event word inside a name ("the search and rescue agency said", "rescue workers") makes no figure a
  rescued count, where no other rescue word is in the sentence;
- ``clauses``: "400 arrests as 1 million people take part": a figure after "as" (or "while", "after", "when")
  does not take the event of the clause before it;
- ``alive``: a count of people found or pulled out alive is not a death toll (rescued is the right reading);
- ``degree``: the figure of a count hurt to a degree ("two were critically injured", "one suffered a serious
  injury") is a part of the hurt;
- ``one group``: no figure is read into two claims, so none can sit in two groups (every figure of every
  sentence found above).

Issue 27's classes, where reading the figure at all is the fix (a figure not read is a wrong reading):

- ``toll``: "the death toll stands at 14", "was announced as 14": the figure is read as a count of the killed;
- ``held``: "23 held after clashes", "five suspects are being held": a count of people arrested;
- ``headline``: a figure after a capitalised verb of a title-case headline ("Shooting Kills 2, Wounds 5 Others")
  is read, with its known event;
- ``times``: "shot 11 times", "hitting Gray eleven times": a count of shots (the counted noun ``time``);
- ``magnitude``: "a magnitude 6.8 earthquake", "a 6.2-magnitude quake": the figure's unit is ``magnitude``.

Sentences are split into dev and test by a hash of their document's path (fixed rule), at most ``--limit`` a class
and split. Run it on an older checkout (``git worktree add /tmp/before <commit>``, then run the script from there)
for the before figures::

    python benchmarks/readings.py --split dev
    python benchmarks/readings.py --split test     # once, at the end
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import CORPORA, corpus
from checker.articles import Article
from checker.claims import Claim, find_claims
from checker.sentences import split

_NUMBER = r"(?:\d[\d,.]*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)"
_RESCUE = re.compile(r"\b(?:rescued?|rescues|rescuing|saved|alive|survivors?)\b", re.IGNORECASE)
_NAME = re.compile(
    r"\b(?:search[- ]and[- ]rescue|rescue|relief|disaster management|emergency)\s+"
    r"(?:agency|authority|committee|service|services|team|teams|workers|crews?|officials?|organi[sz]ation|"
    r"operations?|efforts?|boats?|helicopters?|vessels?|personnel)\b",
    re.IGNORECASE,
)
_CLAUSES = re.compile(
    rf"\b{_NUMBER}\s+(?:\w+\s+){{0,2}}?(arrests|arrested|dead|killed|died|injured|wounded|deaths|rescued|evacuated|"
    r"missing)\s+(?:as|while|after|when)\s+([^.;]*)",
    re.IGNORECASE,
)
_ALIVE = re.compile(
    rf"\b(?:found|pulled|rescued|brought|dug|taken|got)\b[^.;]{{0,50}}?\b({_NUMBER})\b[^.;]{{0,40}}?\balive\b|"
    rf"\b({_NUMBER})\s+(?:[\w-]+\s+){{0,3}}?(?:were|was|have been|had been)\s+(?:found|pulled|rescued|brought|dug)"
    rf"\b[^.;]{{0,40}}?\balive\b",
    re.IGNORECASE,
)
_DEGREE = re.compile(
    rf"\b({_NUMBER})\s+(?:(?!and\b)[\w-]+\s+){{0,3}}?(?:(?:were|was|are|is|have been|had been)\s+)?"
    r"(?:(?:critically|seriously|severely|gravely)\s+(?:injured|wounded|hurt)|"
    r"(?:suffered|sustained)\s+(?:an?\s+)?(?:serious|critical|severe|life-threatening|minor|grave)\b)",
    re.IGNORECASE,
)

_TOLL = re.compile(
    r"\b(?:death|casualty)\s+toll\b[^.;:]{0,60}?\b(?:at|as|to|was|is|of|reached|hit)\s+"
    rf"(?:about\s+|around\s+|nearly\s+|more\s+than\s+|at\s+least\s+)?({_NUMBER})\b",
    re.IGNORECASE,
)
_HELD = re.compile(
    r"(?<![\d,])\b(\d+(?:,\d{3})*|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens|hundreds)"
    r"\s+(?:(?:people|men|women|suspects|protesters|demonstrators|persons|others|students|activists|"
    r"migrants|militants|youths)\s+)?(?:(?:were|are|have\s+been|had\s+been|being|are\s+being)\s+)?held\b"
    r"(?!\s+(?:hostage|captive|up|back|off|talks|by|at|signs?|strong|a\b|an\b|the\b))",
    re.IGNORECASE,
)
_HEADLINE = re.compile(
    r"\b(?:Kills?|Wounds?|Injures?|Leaves?|Arrests?|Rescues?|Shoots?|Evacuates?)\s+(\d[\d,]*)\b(?!-)"
)
_TIMES = re.compile(
    rf"\b(?:shot|stabbed|struck|hit|hitting|striking)\s+(?:[A-Za-z]+\s+)?({_NUMBER})\s+times\b", re.IGNORECASE
)
_MAGNITUDE = re.compile(r"\bmagnitude(?:\s+of)?\s+(\d\.\d)\b|\b(\d\.\d)[\s-]+magnitude\b", re.IGNORECASE)


def _documents() -> Iterator[tuple[str, str]]:
    """(path relative to the corpora, text) of every article: GVA, ECB+ and each ``news_clusters`` article."""
    for name in ("gva_semeval2018_task5", "ecbplus_text"):
        for path in sorted(corpus(name).rglob("*.txt")):
            yield str(path.relative_to(CORPORA)), path.read_text(encoding="utf-8", errors="replace")
    for path in sorted(corpus("news_clusters").glob("*/clusters.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            for a in json.loads(raw)["articles"]:
                yield f"{path.relative_to(CORPORA)}#{a['id']}", a["text"]


def _read(sentence: str) -> list[Claim]:
    return find_claims(Article(id="A", path="a.txt", title="", text=sentence), split(sentence))


def _claim_at(claims: list[Claim], start: int, end: int) -> Claim | None:
    return next((c for c in claims if c.quantity.start < end and start < c.quantity.end), None)


def _name(sentence: str) -> bool | None:
    m = _NAME.search(sentence)
    if m is None or _RESCUE.search(sentence[: m.start()] + " " * (m.end() - m.start()) + sentence[m.end() :]):
        return None
    return not any(c.event == "rescued" for c in _read(sentence))


def _clauses(sentence: str) -> bool | None:
    m = _CLAUSES.search(sentence)
    if m is None or not re.search(rf"\b{_NUMBER}\b", m.group(2), re.IGNORECASE):
        return None
    first = {"arrests": "arrested", "deaths": "killed", "dead": "killed", "died": "killed", "wounded": "injured"}.get(
        m.group(1).lower(), m.group(1).lower()
    )
    after = [c for c in _read(sentence) if c.quantity.start >= m.start(2)]
    return None if not after else not any(c.event == first for c in after)


def _alive(sentence: str) -> bool | None:
    m = _ALIVE.search(sentence)
    if m is None:
        return None
    g = 1 if m.group(1) else 2
    claim = _claim_at(_read(sentence), m.start(g), m.end(g))
    return None if claim is None else claim.event not in ("killed", "injured", "missing")


def _degree(sentence: str) -> bool | None:
    m = _DEGREE.search(sentence)
    if m is None:
        return None
    claim = _claim_at(_read(sentence), m.start(1), m.end(1))
    return None if claim is None else claim.partial


def _read_as(pattern: re.Pattern[str], right: Callable[[Claim], bool]) -> Callable[[str], bool | None]:
    """The check of an issue 27 class: the figure the pattern finds is read, and ``right`` of its claim."""

    def check(sentence: str) -> bool | None:
        m = pattern.search(sentence)
        if m is None:
            return None
        g = next(k for k in range(1, (pattern.groups or 0) + 1) if m.group(k))
        claim = _claim_at(_read(sentence), m.start(g), m.end(g))
        return claim is not None and right(claim)

    return check


def _headline(sentence: str) -> bool | None:
    words = [w for w in re.findall(r"[A-Za-z’']+", sentence) if len(w) > 3]
    if len(words) < 3 or not all(w[0].isupper() for w in words):
        return None  # not a title-case headline
    return _read_as(_HEADLINE, lambda c: c.event is not None)(sentence)


def _one_group(sentence: str) -> bool | None:
    spans = Counter((c.quantity.start, c.quantity.end) for c in _read(sentence))
    return all(n == 1 for n in spans.values()) if spans else None


#: Each class: the pattern that finds its sentences, and the check of a found sentence's reading (None when the
#: sentence's figure is not read at all).
CLASSES: dict[str, tuple[re.Pattern[str], Callable[[str], bool | None]]] = {
    "name": (_NAME, _name),
    "clauses": (_CLAUSES, _clauses),
    "alive": (_ALIVE, _alive),
    "degree": (_DEGREE, _degree),
    "toll": (_TOLL, _read_as(_TOLL, lambda c: c.event == "killed")),
    "held": (_HELD, _read_as(_HELD, lambda c: c.event == "arrested")),
    "headline": (_HEADLINE, _headline),
    "times": (_TIMES, _read_as(_TIMES, lambda c: c.noun == "time")),
    "magnitude": (_MAGNITUDE, _read_as(_MAGNITUDE, lambda c: c.quantity.unit == "magnitude")),
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--limit", type=int, default=150, help="sentences a class at most (default 150)")
    parser.add_argument("--show", action="store_true", help="print each wrong reading's sentence")
    args = parser.parse_args()

    found: dict[str, list[tuple[bool, str]]] = {name: [] for name in CLASSES}
    seen: set[str] = set()
    for doc, text in _documents():
        if ("dev" if zlib.crc32(doc.encode()) % 2 == 0 else "test") != args.split:
            continue
        for s in split(text):
            if s.text in seen or len(s.text) > 400:
                continue  # a sentence once (syndicated copy repeats them); no run-on lists
            for name, (pattern, check) in CLASSES.items():
                if len(found[name]) < args.limit and pattern.search(s.text):
                    right = check(s.text)
                    if right is not None:
                        seen.add(s.text)
                        found[name].append((right, s.text))
        if all(len(v) >= args.limit for v in found.values()):
            break

    twice = [t for v in found.values() for _, t in v if _one_group(t) is False]
    total = sum(len(v) for v in found.values())
    print(f"{'class':<10} {'split':<5} {'right':>9}")
    for name, results in found.items():
        right = sum(r for r, _ in results)
        share = f"{right / len(results):6.1%}" if results else "     -"
        print(f"{name:<10} {args.split:<5} {right:>4}/{len(results):<4} {share}")
        if args.show:
            for r, text in results:
                if not r:
                    print(f"    wrong: {text}")
    print(f"{'one group':<10} {args.split:<5} {total - len(twice):>4}/{total:<4} (no figure read twice)")


if __name__ == "__main__":
    main()
