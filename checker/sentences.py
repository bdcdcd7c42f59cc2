"""Split an article into sentences that keep their character offsets.

Each line of an article is a paragraph, a headline or a piece of page furniture, so lines are split first; a
line that does not end a sentence and runs on into a lower-case line is a wrapped line (copy pasted from a PDF)
and is joined to the next. Within a paragraph, nupunkt finds the sentence boundaries: it scored 17/18 on
hand-checked news sentences at 0.3 ms an article (``shared/notes/dependencies.md``) and, unlike pysbd, stays
linear on long text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

import nupunkt

#: Paragraphs longer than this are cut at the last line break or space before nupunkt sees them, so that one
#: pathological paragraph (a 5 MB line with no full stop) cannot make a sentence of megabytes.
MAX_PARAGRAPH = 20_000
#: Sentences longer than this are cut into pieces of this size at spaces: no news sentence is near it, and the
#: encoder reads only its first 256 word pieces anyway.
MAX_SENTENCE = 1_000
_LINE = re.compile(r"[^\n]+")
_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]]\s*$")


@dataclass(frozen=True)
class Sentence:
    """A sentence of an article: ``text == article.text[start:end]``."""

    index: int
    text: str
    start: int
    end: int


def split(text: str) -> list[Sentence]:
    """Return the sentences of ``text`` in order, stripped, with offsets into ``text``. Never raises."""
    sentences: list[Sentence] = []
    for start, end in _paragraphs(text):
        for s, e in _sentence_spans(text, start, end):
            sentences.append(Sentence(len(sentences), text[s:e], s, e))
    return sentences


def _paragraphs(text: str) -> Iterator[tuple[int, int]]:
    start = end = None
    for m in _LINE.finditer(text):
        if not m.group().strip():
            continue
        if start is not None and end is not None and _wraps(text[start:end], m.group()) and m.start() - end == 1:
            end = m.end()
            continue
        if start is not None:
            yield from _cut(text, start, end)
        start, end = m.start(), m.end()
    if start is not None:
        yield from _cut(text, start, end)


def _wraps(previous: str, line: str) -> bool:
    """A hard-wrapped line: the previous line is long, stops mid-sentence and the next starts in lower case."""
    first = line.lstrip()[:1]
    return len(previous) >= 50 and not _ENDS_SENTENCE.search(previous) and first.islower()


def _cut(text: str, start: int, end: int, limit: int = MAX_PARAGRAPH) -> Iterator[tuple[int, int]]:
    while end - start > limit:
        cut = text.rfind(" ", start + limit // 2, start + limit)
        cut = cut if cut > start else start + limit
        yield start, cut
        start = cut
    yield start, end


def _sentence_spans(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    for _, (s, e) in nupunkt.sent_spans_with_text(text[start:end]):
        s, e = start + s, start + e
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            yield from _cut(text, s, e, MAX_SENTENCE)
