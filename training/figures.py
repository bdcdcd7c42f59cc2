"""List every figure of an article mechanically, so that labels cover what claimdiff does not read.

A figure is a run of digits (with its currency sign, decimals, scale word or percent sign), a run of number words
("two hundred and fifty"), a vague amount ("dozens", "several") or a single person written with an article
("a man", "an Israeli woman"). The lister is deliberately cruder than ``checker.quantities``: it must not share
claimdiff's blind spots, and a labeller dismisses a year or a time in one keystroke.

Ids are stable for a given text: ``A1``, ``A2``, ... in text order (the prefix names the side of the pair).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from checker import vocabulary as V
from checker.sentences import split

_UNITS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
_SCALES = "hundred thousand million billion trillion dozen".split()
_NUMBER_WORD = (
    r"(?:(?:"
    + "|".join(_TENS)
    + r")(?:[- ](?:"
    + "|".join(_UNITS[1:10])
    + r"))?|"
    + "|".join(_UNITS)
    + r"|"
    + "|".join(_SCALES)
    + r"s?)"
)
_VAGUE = r"(?:several|dozens|scores|hundreds|thousands|millions|billions|a few|a handful|a couple|tens of thousands)"
_DIGITS = r"(?:[$£€¥]\s?)?\d+(?:[,.]\d+)*(?:\s?(?:%|percent|per cent))?"
_SCALE_AFTER = r"(?:\s?(?:million|billion|trillion|thousand|hundred|m|bn|k)\b)?"
_FIGURE = re.compile(
    rf"(?<![\w$£€¥]){_DIGITS}{_SCALE_AFTER}"
    rf"|\b{_NUMBER_WORD}(?:(?:\s+and\s+|[\s-]+){_NUMBER_WORD})*\b(?:\s?(?:%|percent|per cent))?"
    rf"|\b{_VAGUE}\b",
    re.IGNORECASE,
)
_PEOPLE = "|".join(sorted(V.PERSON_NOUNS - {"family"}, key=len, reverse=True))
_ONE_PERSON = re.compile(rf"\b(?:[Aa]n?|[Aa]nother)\s+(?:[\w-]+\s+){{0,2}}?(?:{_PEOPLE})\b")


@dataclass(frozen=True)
class Figure:
    """One figure: ``text == article[start:end]``; ``sentence`` is the sentence that holds it, ``s_start`` its
    offset."""

    id: str
    text: str
    start: int
    end: int
    sentence: str
    s_start: int


def figures(text: str, side: str) -> list[Figure]:
    """Every figure of ``text`` in order, ids ``{side}1``, ``{side}2``, ..."""
    spans = [(m.start(), m.end()) for m in _FIGURE.finditer(text)]
    spans += [(m.start(), m.end()) for m in _ONE_PERSON.finditer(text)]
    spans.sort(key=lambda s: (s[0], -s[1]))
    kept: list[tuple[int, int]] = []
    for s, e in spans:
        if kept and s < kept[-1][1]:
            continue  # inside a longer figure ("a man" within "a man and two women" is kept once)
        kept.append((s, e))
    sentences = split(text)
    out = []
    k = 0
    for n, (s, e) in enumerate(kept, 1):
        while k + 1 < len(sentences) and sentences[k].end <= s:
            k += 1
        sent = sentences[k] if sentences else None
        if sent is None or not (sent.start <= s < sent.end):
            out.append(Figure(f"{side}{n}", text[s:e], s, e, text[s:e], s))
        else:
            out.append(Figure(f"{side}{n}", text[s:e], s, e, sent.text, sent.start))
    return out


def marked(text: str, figs: list[Figure]) -> str:
    """``text`` with each figure wrapped as ``[A3: 13]``, for a labeller to read."""
    parts, at = [], 0
    for f in figs:
        parts += [text[at : f.start], f"[{f.id}: {f.text}]"]
        at = f.end
    parts.append(text[at:])
    return "".join(parts)


def is_age(text: str, start: int, end: int) -> bool:
    """Whether the figure ``text[start:end]`` is an age ("a 17-year-old", "aged 35", "Trung Le, 25,").

    Ages are left out of the judge's data: claimdiff reads no age as a count, and the labelling rules called them
    "counts nothing", which half the labellers followed and half did not (same person's age linked as a count).
    """
    after = text[end : end + 16]
    before = text[max(0, start - 40) : start]
    if re.match(r"\s*-?\s*(?:years?|yrs?|months?|weeks?)[\s-]*old\b", after, re.IGNORECASE):
        return True
    if re.search(r"(?:\baged?|\bages)\s+$", before, re.IGNORECASE):
        return True
    # "Trung Le, 25, of Houston": a capitalised name, the number, a comma
    return bool(re.search(r"[A-Z][\w'’-]+,\s+$", before)) and after.startswith(",") and text[start:end].isdigit()
