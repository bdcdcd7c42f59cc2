"""Tokens of one text and a :class:`Window` that reads them by position, safely past either end."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from checker.quantities.lexicon import PhraseTable

# A token is a number with its separators, a run of letters, or one other character. Hyphens are tokens of
# their own so that "F-16", "twenty-one", "10-12" and "18-year-old" are read from their parts.
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*|(?<![\w.])\.\d+)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)|(?P<sym>\S)")
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
DASHES = frozenset("-–—")


@dataclass(frozen=True, slots=True)
class Tok:
    """One token: ``kind`` is "num", "word" or "sym" ("" for :data:`NO_TOK`); ``low`` is its lower case."""

    kind: str
    text: str
    low: str
    start: int
    end: int


#: What a Window reads outside its text: no kind, no text, so every test on it is false.
NO_TOK = Tok("", "", "", -1, -1)


def tokenize(text: str) -> list[Tok]:
    """The tokens of ``text`` in order; spans index ``text``."""
    return [Tok(m.lastgroup or "sym", m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def number(digits: str) -> float | None:
    """The value of a digit token as news writes it ("1,500", "3.5", ".5"); None when it is malformed ("1,50")."""
    return float(digits.replace(",", "")) if _WELL_FORMED.fullmatch(digits) else None


@dataclass(frozen=True, slots=True)
class Phrase:
    """A phrase matched on the tokens: ``first``..``last`` (inclusive) and the value its table gives."""

    first: int
    last: int
    value: str


class Window:
    """The tokens of one text, read by position. Any position outside the text reads as :data:`NO_TOK`, so a
    rule may look two tokens back or ahead without checking bounds."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = tokenize(text)
        self.n = len(self.toks)
        self.memo: dict[str, bool] = {}  # facts about the whole text, decided on first need ("p" means pence here)

    def __getitem__(self, i: int) -> Tok:
        return self.toks[i] if 0 <= i < self.n else NO_TOK

    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < self.n else ""

    def kind(self, i: int) -> str:
        return self.toks[i].kind if 0 <= i < self.n else ""

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) touch, with no space between them."""
        return 0 <= i < j < self.n and self.toks[i].end == self.toks[j].start

    def word_glued_before(self, k: int) -> bool:
        """Token k is glued to a letter or digit before it ("F-16", "10-12"): not a sign."""
        return k >= 1 and self.glued(k - 1, k) and self.toks[k - 1].kind in ("word", "num")

    def capitalised(self, i: int) -> bool:
        return self.kind(i) == "word" and self.toks[i].text[0].isupper()

    def words_at(self, i: int, n: int) -> tuple[str, ...]:
        """The lower-case text of up to ``n`` tokens from i (fewer at the end of the text)."""
        return tuple(self.low(k) for k in range(i, min(i + n, self.n)))

    def phrase_at(self, i: int, table: PhraseTable) -> Phrase | None:
        """The longest phrase of ``table`` starting at token i."""
        for n in range(table.longest, 0, -1):
            words = self.words_at(i, n)
            hit = table.entries.get(words)
            if hit is not None and len(words) == n:
                return Phrase(i, i + n - 1, hit)
        return None

    def phrase_ending(self, j: int, table: PhraseTable) -> Phrase | None:
        """The longest phrase of ``table`` ending at token j (inclusive)."""
        for n in range(table.longest, 0, -1):
            i = j - n + 1
            if i >= 0:
                hit = table.entries.get(self.words_at(i, n))
                if hit is not None:
                    return Phrase(i, j, hit)
        return None

    def any_word_in(self, words: Mapping[str, object] | frozenset[str]) -> bool:
        return any(t.low in words for t in self.toks)

    @cached_property
    def title_case(self) -> bool:
        """Headline capitalisation ("2 Dead In Shooting"): capitals then say nothing about names."""
        words, capitals = self._long_words
        # "Crash Leaves 3 Dead": a short headline is title case when every longer word is capitalised
        return (words >= 4 and capitals > 0.5 * words) or (words == 3 and capitals == 3)

    @cached_property
    def headline_case(self) -> bool:
        """Every word of four letters or more capitalised, three at least ("Shooting Kills 2, Wounds 5 Others"):
        stricter than :attr:`title_case`, which a sentence full of names passes ("Williams went to a Motel 6")."""
        words, capitals = self._long_words
        return words >= 3 and capitals == words

    @cached_property
    def _long_words(self) -> tuple[int, int]:
        """How many words of four letters or more, and how many of them start with a capital."""
        words = [t.text for t in self.toks if t.kind == "word" and len(t.text) > 3]
        return len(words), sum(w[0].isupper() for w in words)
