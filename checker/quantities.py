"""Read the quantities in news text the way an editor reads them.

``extract(text)`` finds every number a sentence asserts (digits, number words, money, percentages, ranges, vague
amounts) and turns each into a :class:`Quantity`: the span, the number as stated, the interval it asserts, the
qualifier, any change it describes and the unit it counts.

Why hand-written rules: the packages that parse quantities either misread news copy (quantulum3 reads "$15m" as
dollar-metres and "11:30 a.m." as 30 years), take 10-29 ms a sentence (Recognizers-Text), or cannot be installed
(CQE pins old protobuf and downloads spaCy models at run time); see ``shared/notes/dependencies.md``. Number words
are still added up by text2num. All word lists live in :mod:`checker.vocabulary`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from text_to_num import text2num

from checker import vocabulary as V

QUALIFIERS = ("exact", "approximate", "at_least", "more_than", "at_most", "less_than", "range", "vague")


@dataclass(frozen=True)
class Quantity:
    """One quantity as the text states it.

    ``low``/``high`` bound the interval the text asserts (None: unbounded). ``value`` is the number as written,
    None for ranges and vague amounts. ``start``/``end`` index the span (qualifier words included) in the text
    given to :func:`extract`.
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: str
    change: str | None = None
    unit: str | None = None


# A token is a number with its separators, a run of letters, or one other character. Hyphens are tokens of
# their own so that "F-16", "twenty-one", "10-12" and "18-year-old" are read from their parts.
_TOKEN = re.compile(r"(?P<num>\d+(?:[.,]\d+)*|(?<![\w.])\.\d+)|(?P<word>[^\W\d_]+(?:['’][^\W\d_]+)?)|(?P<sym>\S)")
_WELL_FORMED = re.compile(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+")
_DASHES = frozenset("-–—")
_MAX_FROM_GAP = 8  # tokens of a time phrase between "from X" and "to Y": "at 10.45pm last night" is six
_MAX_UNIT_WORDS = 4  # a counted noun phrase is at most this long ("first-team players", "rushing yards")


@dataclass(frozen=True)
class _Tok:
    kind: str
    text: str
    low: str
    start: int
    end: int


def _tokenize(text: str) -> list[_Tok]:
    return [_Tok(m.lastgroup or "sym", m.group(), m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def _phrases(table: dict[str, str]) -> dict[tuple[str, ...], str]:
    return {tuple(t.low for t in _tokenize(k)): v for k, v in table.items()}


_PREFIX = _phrases(V.PREFIX_QUALIFIERS)
_SUFFIX = _phrases(V.SUFFIX_QUALIFIERS)
_UNIT_PHRASES = {k: v for k, v in _phrases(V.UNIT_ALIASES).items() if len(k) > 1}
_BOILERPLATE = [tuple(p.split()) for p in V.BOILERPLATE_AFTER]
#: Words a quantity written in words can start with.
_WORD_STARTERS = (
    V.NUMBER_WORDS
    | {p.split()[0] for p in V.VAGUE}
    | set(V.VAGUE_SCALES)
    | set(V.FRACTIONS)
    | {"a", "an", "one", "dozen", "dozens"}
)
#: Every word a quantity written in words may contain, bar the articles: a sentence with none of them and no
#: digit has no quantity, so callers may skip it unread.
WORDS_OF_NUMBERS = frozenset(w for p in (*_WORD_STARTERS, *V.VAGUE) for w in p.split()) - {"a", "an"}
_MAX_PHRASE = max(len(k) for table in (_PREFIX, _SUFFIX, _UNIT_PHRASES) for k in table)


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in text order.

    Dates, years, times, ordinals, phone numbers, street numbers, model names ("F-16") and page furniture
    ("2 Min read") are left out. Ages come back with the unit ``year``. Never raises on any string.

    >>> [q.text for q in extract("At least 15 people were killed and up to 16 injured.")]
    ['At least 15', 'up to 16']
    """
    return _Reader(text).read()


class _Reader:
    """One pass over the tokens of one text."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.toks = _tokenize(text)
        self.found: list[Quantity] = []
        self._title_case: bool | None = None  # headline capitalisation: capitals say nothing then
        self._pence: bool | None = None  # whether "p" after a number means pence here; decided on first need

    # -- token helpers ------------------------------------------------------------------------------------
    def low(self, i: int) -> str:
        return self.toks[i].low if 0 <= i < len(self.toks) else ""

    def glued(self, i: int, j: int) -> bool:
        """Tokens i and j (j = i + 1) touch, with no space between them."""
        return 0 <= i < j < len(self.toks) and self.toks[i].end == self.toks[j].start

    def words_at(self, i: int, n: int) -> tuple[str, ...]:
        return tuple(self.low(k) for k in range(i, min(i + n, len(self.toks))))

    def match_phrase(self, i: int, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
        """Longest phrase of ``table`` starting at token i: (tokens used, value)."""
        for n in range(_MAX_PHRASE, 0, -1):
            hit = table.get(self.words_at(i, n))
            if hit is not None and len(self.words_at(i, n)) == n:
                return n, hit
        return None

    def match_phrase_ending(self, j: int, table: dict[tuple[str, ...], str]) -> tuple[int, str] | None:
        """Longest phrase of ``table`` ending at token j (inclusive): (first token, value)."""
        for n in range(_MAX_PHRASE, 0, -1):
            i = j - n + 1
            if i >= 0:
                hit = table.get(self.words_at(i, n))
                if hit is not None:
                    return i, hit
        return None

    # -- main loop ----------------------------------------------------------------------------------------
    def read(self) -> list[Quantity]:
        i = 0
        while i < len(self.toks):
            try:
                nxt = self.read_at(i)
            except (ValueError, OverflowError, ZeroDivisionError, IndexError):
                nxt = None  # a malformed number is no quantity; never let one stop the pass
            i = nxt if nxt is not None and nxt > i else i + 1
        return _inherit_conversions(self.text, self.found)

    def read_at(self, i: int) -> int | None:
        """Read a quantity whose number starts at token i; return the token after it, or None."""
        core = self.core(i)
        if core is None:
            return None
        first, last, value, vague = core
        if vague is not None:
            return self.finish(first, last, None, vague, "vague")
        ratio = self.ratio_after(last, value)
        if ratio is not None:
            last, value = ratio
        if self.not_a_quantity(first, last, value):
            return self.skip_past(last)
        return self.extend(first, last, value)

    # -- number cores -------------------------------------------------------------------------------------
    def core(self, i: int) -> tuple[int, int, float, tuple[float, float] | None] | None:
        """The bare number at token i: (first token, last token, value, vague interval or None)."""
        tok = self.toks[i]
        if tok.kind == "num":
            if not _WELL_FORMED.fullmatch(tok.text):
                return None
            value = float(tok.text.replace(",", ""))
            if not math.isfinite(value):
                return None
            if (
                self.low(i - 1) == "."
                and self.glued(i - 1, i)
                and self.toks[i - 2 : i - 1]
                and self.glued(i - 2, i - 1)
            ):
                return None  # "1.2.3" versions, IP addresses
            if (
                self.low(i + 1) in ("/", "⁄")
                and self.glued(i, i + 1)
                and self.glued(i + 1, i + 2)
                and self.low(i + 3) == "of"
                and _number(self.toks[i + 2].text)
            ):
                return i, i + 2, value / _number(self.toks[i + 2].text), None  # "1/16 of a pint"
            power = self.power_of_ten(i)
            if power is not None:
                return i, power[0], value * 10.0 ** power[1], None  # "1.99×10−30"
            return i, i, value, None
        if tok.kind != "word" or tok.low not in _WORD_STARTERS:
            return None  # most words cannot start a quantity: skip the phrase look-ups
        vague = self.vague_at(i)
        if vague is not None:
            return vague
        fraction = self.fraction_at(i)
        if fraction is not None:
            return fraction
        return self.number_words_at(i)

    def ratio_after(self, last: int, value: float) -> tuple[int, float] | None:
        """ "one out of three Germans", "1 in 5 adults": a share, (last token, value as a fraction)."""
        if self.words_at(last + 1, 2) == ("out", "of"):
            k = last + 3
        elif self.low(last + 1) == "in" and value == 1:
            k = last + 2  # only "one in N": "killed 2 in 3 shootings" is two deaths
        else:
            return None
        core = self.core(k) if k < len(self.toks) else None
        if core is None or core[3] is not None or core[0] != k or not 0 < value < core[2] <= 1000:
            return None
        after = self.low(core[1] + 1)
        if after in V.AGE_UNITS or after in V.DURATION_WORDS or after in V.MONTHS or _lemma(after) in V.SINGULAR_UNITS:
            return None  # "2 in 3 days", "5 in 10 minutes"
        return core[1], value / core[2]

    def power_of_ten(self, i: int) -> tuple[int, int] | None:
        """The "×10^-30" written after the mantissa at token i: (last token, exponent)."""
        if self.low(i + 1) not in ("×", "x", "*") or self.low(i + 2) != "10" or not self.glued(i + 2, i + 3):
            return None
        k = i + 3
        if self.low(k) == "^":
            k += 1
        sign = -1 if self.low(k) in ("-", "−") else 1
        if self.low(k) in ("-", "−", "+"):
            k += 1
        if (
            k >= len(self.toks)
            or self.toks[k].kind != "num"
            or not self.toks[k].text.isdigit()
            or len(self.toks[k].text) > 3
        ):
            return None
        return k, sign * int(self.toks[k].text)

    def vague_at(self, i: int) -> tuple[int, int, float, tuple[float, float]] | None:
        w = self.low(i)
        if w in V.VAGUE_SCALES and self.low(i + 1) == "of" and self.low(i + 2) in V.VAGUE:
            scale = V.VAGUE_SCALES[w]
            lo, hi = V.VAGUE[self.low(i + 2)]
            return i, i + 2, 0.0, (lo * scale, hi * scale)  # "tens of thousands"
        for n in (2, 1):
            phrase = " ".join(self.words_at(i, n))
            scale = V.MULTIPLIERS.get(self.low(i + n), 0) if self.low(i + n) in V.NUMBER_WORDS else 0
            if phrase in ("several", "a few") and scale:
                lo, hi = V.VAGUE[phrase]
                return i, i + n, 0.0, (lo * scale, hi * scale)  # "several hundred"
        for n in (3, 2, 1):
            phrase = " ".join(self.words_at(i, n))
            if phrase in V.VAGUE and len(self.words_at(i, n)) == n:
                if phrase in ("hundreds", "thousands", "millions", "billions", "dozens", "scores"):
                    if self.low(i - 1) in V.NUMBER_WORDS or (self.toks[i - 1 : i] and self.toks[i - 1].kind == "num"):
                        return None  # "several hundreds" is read by the number-word rule
                    if phrase == "scores" and self.low(i + 1) != "of":
                        return None  # "scores" is a sports word unless "scores of"
                return i, i + n - 1, 0.0, V.VAGUE[phrase]
        return None

    def fraction_at(self, i: int) -> tuple[int, int, float, None] | None:
        w = self.low(i)
        nxt = self.low(i + 1)
        if w == "half" and (nxt in ("of", "the", "a", "an") or self.low(i - 1) in ("a", "one")):
            start = i - 1 if self.low(i - 1) in ("a", "one") else i
            if self.low(start - 1) == "and":
                return None  # "two and a half" is read as 2.5 by the number-word rule
            return start, i, 0.5, None
        if w in ("a", "one") and self.low(i + 1) in ("third", "quarter") and self.low(i + 2) == "of":
            return i, i + 1, V.FRACTIONS[self.low(i + 1)], None
        if w in V.NUMBER_WORDS and self.low(i + 1) in _DASHES | {""} and self.low(i + 2) in ("thirds", "quarters"):
            numerator = text2num(w, "en")
            return i, i + 2, numerator * V.FRACTIONS[self.low(i + 2)], None
        if w in V.NUMBER_WORDS and self.low(i + 1) in ("thirds", "quarters"):
            return i, i + 1, text2num(w, "en") * V.FRACTIONS[self.low(i + 1)], None
        return None

    def number_words_at(self, i: int) -> tuple[int, int, float, None] | None:
        """A run of number words ("a hundred and two", "twenty-one", "a dozen", "two and a half")."""
        j = i
        words: list[str] = []
        if self.low(i) in ("a", "an") and self.low(i + 1) in ("hundred", "thousand", "million", "billion", "dozen"):
            words.append("one")
            j = i + 1
        k = j
        last = None
        dozen = False
        while k < len(self.toks):
            w = self.low(k)
            if w in V.NUMBER_WORDS:
                words.append(w)
                last = k
                k += 1
            elif (w == "dozen" and last is not None) or (w == "dozen" and words == ["one"]):
                dozen = True
                last = k
                k += 1
                break
            elif (w in _DASHES and self.glued(k - 1, k) and self.low(k + 1) in V.NUMBER_WORDS and last == k - 1) or (
                w == "and"
                and last == k - 1
                and self.low(k - 1) in ("hundred", "thousand", "million", "billion")
                and self.low(k + 1) in V.NUMBER_WORDS
            ):
                k += 1
            else:
                break
        if last is None:
            return None
        if (
            self.low(i) == "one"
            and last == i
            and (self.low(i - 1) in V.PRONOUN_ONE_AFTER or self.low(i + 1) in V.PRONOUN_ONE_BEFORE)
        ):
            return None  # "no one", "the same one", "one another": a pronoun, not a count
        value = float(text2num(" ".join(words), "en")) if words else 1.0
        if dozen:
            value *= 12
        if self.words_at(last + 1, 3) == ("and", "a", "half"):
            value += 0.5
            last += 3
        return i, last, value, None

    # -- exclusions ---------------------------------------------------------------------------------------
    def not_a_quantity(self, first: int, last: int, value: float) -> bool:
        toks = self.toks
        tok = toks[first]
        before, after = self.low(first - 1), self.low(last + 1)
        if tok.kind == "num":
            if (
                self.glued(first - 1, first)
                and toks[first - 1].kind == "word"
                and toks[first - 1].low not in V.CURRENCY_CODES
                and not (toks[first - 1].low in V.DOLLAR_PREFIXES and self.low(first - 2) == "$")
            ):
                return True  # "S1", "MH17", "COVID19"
            if (
                before in _DASHES
                and self.glued(first - 1, first)
                and self.glued(first - 2, first - 1)
                and toks[first - 2].kind == "word"
                and toks[first - 2].low not in V.NUMBER_WORDS
                and toks[first - 2].low not in V.GLUED_PREFIXES
            ):
                return True  # "F-16", "S-300", "COVID-19", "mid-2019"
            if after in V.ORDINAL_SUFFIXES and self.glued(last, last + 1):
                return True  # "21st"
            if before in ("(", "[") and self.glued(first - 1, first) and self.word_glued_before(first - 1):
                return True  # "alert(1)", "item[3]": code, not copy
            if before in _DASHES and self.glued(first - 1, first) and self.glued(first - 2, first - 1):
                return toks[first - 2].kind == "num"  # the second of "89-89", "2-0": a score
            if (
                after in _DASHES
                and self.glued(last, last + 1)
                and self.glued(last + 1, last + 2)
                and toks[last + 2].kind == "num"
                and _number(toks[last + 2].text) is not None
                and value >= _number(toks[last + 2].text)
            ):
                return True  # "won 3-1", "tied at 89-89": a score, not a range
            if (after == ":" and self.low(last + 2).isdigit()) or (
                before == ":" and toks[first - 2 : first - 1] and toks[first - 2].kind == "num"
            ):
                return True  # "11:30", scores "2:1"
            if after == "s" and self.glued(last, last + 1):
                return True  # "1990s"
            if after in ("'", "’") and self.low(last + 2) == "s" and self.glued(last, last + 1):
                return True  # "1990's", "in their 20's"
            if self.is_slash_date(first, last):
                return True  # "2/19/17"
            if (
                self.glued(last, last + 1)
                and toks[last + 1].kind == "word"
                and after not in V.UNIT_ALIASES
                and after not in V.MULTIPLIERS
                and after not in V.CURRENCY_MULTIPLIERS
                and after not in V.TIME_WORDS
                and after not in V.CURRENCY_SYMBOLS
                and not self.is_subunit(last + 1)
                and toks[last + 1].text not in V.CASED_UNITS
            ):
                return True  # "3TV", "3D", "4x4": part of a name
            if self.is_phone(first):
                return True
            if "." not in tok.text and "," not in tok.text and V.YEAR_RANGE[0] <= value <= V.YEAR_RANGE[1]:
                qualified = self.match_phrase_ending(first - 1, _PREFIX) is not None
                if not (self.currency_before(first) or qualified or self.counted_noun_follows(last)):
                    return True  # "born in 1955", "in 2019"
        if before in V.CALL_VERBS and not self.counted_noun_follows(last):
            return True  # "called 911": a number to dial
        if after in V.TIME_WORDS or self.words_at(last + 1, 4) in (("a", ".", "m", "."), ("p", ".", "m", ".")):
            return True
        if value <= 31 and (before in V.MONTHS or (self.low(first - 2) in V.MONTHS and before == ".")):
            return True  # "March 29", "Oct. 31"
        if value <= 31 and (after in V.MONTHS or (after == "of" and self.low(last + 2) in V.MONTHS)):
            return True  # "11 February", "the 3 of May"
        if after == "block" or (after and after[0].isalpha() and self.street_follows(last)):
            return True  # "300 block", "1600 Pennsylvania Avenue"
        if after in _DASHES and self.glued(last + 1, last + 2) and self.low(last + 2).isdigit():
            return self.street_follows(last + 2)  # "16-18 Industrial Avenue"
        if after in _DASHES and self.low(last + 2) in V.DURATION_WORDS and self.low(last + 3) not in _DASHES:
            return True  # "a five-year award": an adjective, not an amount ("18-year-old" is an age)
        return any(self.words_at(last + 1, len(p)) == p for p in _BOILERPLATE)  # "2 Min read"

    def currency_before(self, i: int) -> bool:
        return self.low(i - 1) in V.CURRENCY_SYMBOLS

    def counted_noun_follows(self, last: int) -> bool:
        w = self.low(last + 1)
        return (
            _is_plural(w)
            or w in V.UNIT_ALIASES
            or w in V.MULTIPLIERS
            or self.match_phrase(last + 1, _UNIT_PHRASES) is not None  # "1520 sq m"
        )

    def is_slash_date(self, first: int, last: int) -> bool:
        """A number in a month/day/year date: three digit groups joined by glued slashes ("2/19/17")."""
        k = first
        while (
            k >= 2
            and self.low(k - 1) == "/"
            and self.toks[k - 2].kind == "num"
            and self.glued(k - 2, k - 1)
            and self.glued(k - 1, k)
        ):
            k -= 2
        groups = 1
        while self.low(k + 1) == "/" and self.glued(k, k + 1) and self.glued(k + 1, k + 2):
            if k + 2 >= len(self.toks) or self.toks[k + 2].kind != "num":
                break
            k += 2
            groups += 1
        return groups == 3

    def is_phone(self, i: int) -> bool:
        """Digit groups joined by dashes or dots in a phone number shape (555-123-4567, 1-800-222-1222), or an
        area code in brackets before one ("(904) 630-0500")."""
        if (
            len(self.toks[i].text) == 3
            and self.low(i - 1) == "("
            and self.low(i + 1) == ")"
            and i + 2 < len(self.toks)
            and self.toks[i + 2].kind == "num"
        ):
            return self.is_phone(i + 2)
        j = i
        groups = []
        while j < len(self.toks) and self.toks[j].kind == "num":
            groups.append(len(self.toks[j].text))
            if self.low(j + 1) in ("-", ".") and self.glued(j, j + 1) and self.glued(j + 1, j + 2):
                j += 2
            else:
                break
        return len(groups) >= 3 or groups[-2:] == [3, 4]

    def street_follows(self, last: int) -> bool:
        """An address: capitalised words (or an ordinal like "71st") up to a street word: "9 E 71st St"."""
        for k in range(last + 1, min(last + 5, len(self.toks))):
            tok = self.toks[k]
            if tok.kind == "num" and self.low(k + 1) in V.ORDINAL_SUFFIXES:
                continue
            if tok.kind != "word" or not tok.text[0].isupper():
                return tok.low in V.ORDINAL_SUFFIXES and self.glued(k - 1, k) and k < last + 4
            if tok.low in V.STREET_WORDS:
                return True
        return False

    def skip_past(self, last: int) -> int:
        """Skip the excluded number and anything glued to it ("F-16", "11:30", "555-1234")."""
        k = last + 1
        while (
            k < len(self.toks)
            and self.glued(k - 1, k)
            and (self.toks[k].kind == "num" or self.low(k) in _DASHES | {":", "."})
        ):
            k += 1
        return k

    # -- extension around a number ------------------------------------------------------------------------
    def extend(self, first: int, last: int, value: float) -> int:
        """Read what surrounds a bare number: currency, sign, scale, range, qualifiers, change and unit."""
        lead, value, unit, hint = self.lead_in(first, value)
        bare_last = last
        last, value = self.scale(last, value, currency=unit is not None)
        scaled = last != bare_last
        measure, last = self.measure_after(last, unit)
        unit = measure or unit

        low = high = None
        qualifier = "exact"
        range_change = None
        rng = self.range_after(lead, last, value, unit, scaled=scaled)
        if rng is not None:
            last, low, high, range_change, second_unit = rng
            qualifier = "range"
            if unit is None or (second_unit or "").startswith(unit + " per "):
                unit = second_unit  # "between $62 and $68 per share": the rate is read after the second end

        start_tok = lead
        prefix_qualifier = hint if hint not in ("up", "-") else None  # a sign leaves "about minus 387" approximate
        q = self.match_phrase_ending(start_tok - 1, _PREFIX)
        while q is not None:
            q_first, q_name = q
            if prefix_qualifier is None or (prefix_qualifier == "approximate" and q_name != "exact"):
                prefix_qualifier = q_name  # "at least about 5": the bound wins; "only ~45g" stays approximate
            start_tok = q_first
            q = self.match_phrase_ending(start_tok - 1, _PREFIX)
        if qualifier == "range":
            if self.low(start_tok - 1) in ("between", "from"):
                start_tok -= 1
        elif prefix_qualifier:
            qualifier = prefix_qualifier

        suffix = self.match_phrase(last + 1, _SUFFIX)
        if (
            suffix is not None
            and qualifier == "exact"
            and (
                suffix[0] > 1
                or (self.low(last + 1) == "+" and self.glued(last, last + 1))
                or self.low(last + 1) == "plus"
                or (self.low(last + 1) == "odd" and self.low(last) in _DASHES)
            )
        ):
            last += suffix[0]
            qualifier = suffix[1]
        elif self.low(last + 1) in _DASHES and self.low(last + 2) in ("plus", "odd") and qualifier == "exact":
            qualifier = "at_least" if self.low(last + 2) == "plus" else "approximate"
            last += 2

        if qualifier == "exact":
            qualifier = self.suffix_after_noun(last) or qualifier
        change = range_change or self.change_before(start_tok, unit) or self.change_after(last)
        if hint == "up" or (hint == "-" and unit == "percent"):
            change, qualifier = ("up" if hint == "up" else "down"), "exact"  # "Dow +0.2%"
        if qualifier == "range" and unit and self.low(last + 1) == "per":
            unit, last = self.per_unit(unit, last)  # "between $62 and $68 per share"
        noun_from = last + 1
        if self.low(last + 1) in V.INCREMENT_WORDS and self.low(last + 2) != "than":
            change = change or "up"  # "3 more people"
            noun_from = last + 2
        if unit is None and qualifier == "exact" and self.is_appositive_age(lead, last, value):
            unit = "year"
        named = self.name_follows(noun_from) or (self.is_label(lead) and self.capitalised(noun_from))
        if qualifier == "exact" and change is None and unit is None and named:
            return noun_from  # "iPhone 11 Pro Max", "787 Dreamliner", "90049 ZIP Code": a name, not an amount
        if unit is None:
            unit = self.unit_after(noun_from, value if qualifier != "range" else 2.0)
            if unit is None and qualifier == "exact" and change is None and self.is_label(lead):
                return last + 1  # "iPhone 11", "S&P 500", "category 4": a name, not a quantity
        return self.emit(start_tok, last, value, low, high, qualifier, change, unit)

    def lead_in(self, first: int, value: float) -> tuple[int, float, str | None, str | None]:
        """Currency and sign before the number: (first token, signed value, currency unit, hint).

        The hint is a qualifier read from a glued prefix ("~5", "sub-7"), "up" for "+0.2%", "-" for a minus sign.
        """
        lead, unit, hint = first, None, None
        k = first - 1
        code = self.low(k)
        if self.toks[k : k + 1] and self.toks[k].kind == "word" and self.glued(k, first):
            if code in V.DOLLAR_PREFIXES and self.low(k - 1) == "$" and self.glued(k - 1, k):
                unit, lead, k = V.DOLLAR_PREFIXES[code], k - 1, k - 2  # "$US55m", "$A82m"
            elif code in V.CURRENCY_CODES:
                unit, lead, k = V.CURRENCY_CODES[code], k, k - 1  # "USD10m", "PS2.7m"
        if self.low(k) in ("-", "−", "+") and self.glued(k, lead) and not self.word_glued_before(k):
            hint = "up" if self.low(k) == "+" else "-"
            value = value if hint == "up" else -value
            lead, k = k, k - 1
        if (
            unit is None
            and self.low(k) == "="
            and self.low(k - 1) == "y"
            and self.glued(k - 1, k)
            and self.glued(k, lead)
        ):
            unit, lead, k = "japanese yen", k - 1, k - 2  # "Y=590 billion": how wire copy writes "¥" in ASCII
        if unit is None and self.low(k) in V.CURRENCY_SYMBOLS:
            unit, lead, k = V.CURRENCY_SYMBOLS[self.low(k)], k, k - 1
            if (
                self.low(lead) == "$"
                and self.low(k) in V.DOLLAR_PREFIXES
                and (self.glued(k, lead) or (len(self.low(k)) > 1 and self.toks[k].text.isupper()))
            ):
                unit, lead, k = V.DOLLAR_PREFIXES[self.low(k)], k, k - 1  # "US$58.24", "US $2.24"
            elif self.low(lead) == "$" and self.words_at(k - 3, 4) == ("u", ".", "s", "."):
                lead, k = k - 3, k - 4  # "U.S.$"
            if self.low(k) in ("-", "−") and self.glued(k, lead) and not self.word_glued_before(k):
                value, lead, k, hint = -value, k, k - 1, "-"  # "-$5m"
        if self.low(k) in _DASHES and self.glued(k, lead) and self.low(k - 1) in V.GLUED_PREFIXES:
            k -= 1  # "minus-5", "sub-7"
        if self.low(k) in V.GLUED_PREFIXES:
            effect = V.GLUED_PREFIXES[self.low(k)]
            if effect == "negative":
                value, hint = -value, "-"
            else:
                hint = effect
            lead = k
        elif self.low(k) == "~" and (self.glued(k, lead) or self.low(k + 1) != "~"):
            hint, lead = "approximate", k
        return lead, value, unit, hint

    def word_glued_before(self, k: int) -> bool:
        """Token k is glued to a letter or digit before it ("F-16", "10-12"): not a sign."""
        return k >= 1 and self.glued(k - 1, k) and self.toks[k - 1].kind in ("word", "num")

    def measure_after(self, last: int, currency: str | None) -> tuple[str | None, int]:
        """A unit of measure right after the number ("%", "per cent", "km/h", "bhp"): (unit, its last token)."""
        i = last + 1
        symbol = self.toks[i].text if i < len(self.toks) else ""
        if currency is None and symbol in V.CASED_UNITS and not (len(symbol) == 1 and self.low(i + 1) == "."):
            return self.per_unit(V.CASED_UNITS[symbol], i)  # "450 Nm", "12 C" (not "C. Smith")
        if (
            currency is None
            and self.low(i) in ("m", "cm", "km")
            and self.low(i + 1) == "2"
            and self.glued(last, i)
            and self.glued(i, i + 1)
        ):
            return "square " + V.UNIT_ALIASES[self.low(i)], i + 1  # "32m2"
        if currency is None and self.is_subunit(i):
            return V.SUBUNIT_AFTER[self.low(i)], i  # "118.5p", "18 sen"
        phrase = self.match_phrase(i, _UNIT_PHRASES)
        if phrase is not None:
            n, name = phrase
            return self.per_unit(currency or name, i + n - 1) if not currency else (currency, last)
        w = self.low(i)
        if currency is not None:
            return self.per_unit(currency, last)
        if w in V.CURRENCY_SYMBOLS and self.glued(last, i):
            return V.CURRENCY_SYMBOLS[w], i  # "1,200€"
        if w in V.UNIT_ALIASES and (self.glued(last, i) or w not in V.GLUED_ONLY_UNITS):
            return self.per_unit(V.UNIT_ALIASES[w], i)
        if w in V.CURRENCY_CODES and len(w) == 3 and self.toks[i].text.isupper():
            return V.CURRENCY_CODES[w], i  # "110 JPY"
        return None, last

    def is_subunit(self, i: int) -> bool:
        """ "118.5p", "68 p" in a text about prices; "18 sen"."""
        w = self.low(i)
        if w not in V.SUBUNIT_AFTER:
            return False
        if w != "p":
            return True
        if self.low(i + 1) == "." and self.low(i + 2) == "m":
            return False  # "5 p.m."
        if self._pence is None:
            self._pence = any(t.low in V.PENCE_CONTEXT for t in self.toks)
        return self._pence

    def range_after(
        self, lead: int, last: int, value: float, unit: str | None, *, scaled: bool
    ) -> tuple[int, float, float, str | None, str | None] | None:
        """The range that starts with the number ending at ``last``: (last token, low, high, change, unit).

        "from X to Y" is always a range (descending too, and after a change verb, which gives its change);
        "X to Y" when X is bare or both ends have the same unit ("5% to 6%"); "between X and Y"; "X or Y";
        "X-Y". "rose by 3 to 7" is a change and a level, "3-1" a score: no range.
        """
        joiner_at = last + 1
        before = self.low(lead - 1)
        after_from = before == "from"
        if after_from and self.low(joiner_at) not in ("to", *_DASHES):
            joiner_at = self.to_after_gap(joiner_at)  # "from 20 mpg in 2008 to 29 mpg"
        joiner = self.low(joiner_at)
        own_unit = scaled or unit is not None
        change = self.change_word(self.low(lead - 2)) if after_from else None
        if joiner in _DASHES:
            spaced = not (self.glued(last, last + 1) and self.glued(last + 1, last + 2))
            if spaced and joiner == "-":
                return None  # " - " is a clause dash
        elif joiner == "to":
            if before == "by" and own_unit:
                return None  # "increased by $43.6 billion to $419.2 billion"
            if not after_from and before != "between" and self.change_word(before):
                return None
        elif not ((joiner == "and" and before == "between") or joiner == "or"):
            return None
        j = joiner_at + 1
        second_unit = None
        if self.low(j) in V.CURRENCY_SYMBOLS:
            second_unit, j = V.CURRENCY_SYMBOLS[self.low(j)], j + 1
        elif self.low(j) in V.DOLLAR_PREFIXES and self.low(j + 1) == "$":
            second_unit, j = V.DOLLAR_PREFIXES[self.low(j)], j + 2
        if j >= len(self.toks):
            return None
        core = self.core(j)
        if core is None or core[3] is not None or core[0] != j:
            return None
        _, end, bare_high, _ = core
        if joiner not in _DASHES and self.not_a_quantity(j, end, bare_high):
            return None  # "between 1600 and 1900"; a glued "10-12" was checked as a whole
        end, high = self.scale(end, bare_high, currency=(unit or second_unit) is not None)
        second_measure, end = self.measure_after(end, second_unit)
        second_unit = second_measure or second_unit
        if own_unit and joiner == "to" and not after_from and before != "between" and second_unit != unit:
            return None  # "up 9.4 per cent to $84": a change, then a level
        low = value
        if high != bare_high and bare_high and value * high / bare_high <= high and not scaled:
            low = value * high / bare_high  # "$89 to $93 billion": the multiplier belongs to both ends
        if low > high and after_from and joiner == "to":
            low, high = high, low  # "fell from 208 pounds to 193"
        if not low < high:
            return None
        return end, low, high, change, second_unit

    def to_after_gap(self, i: int) -> int:
        """The "to" of "from X <when> to Y" when a short time phrase sits between ("from $36,040 at 10.45pm last
        night to $34,935"); otherwise ``i``. Only words, years and clock times may stand in the gap."""
        for k in range(i, min(i + _MAX_FROM_GAP, len(self.toks))):
            tok = self.toks[k]
            if tok.low == "to":
                return k if k > i else i
            if tok.low in (",", ";", ":", "from", "and", "but") or tok.low in _DASHES:
                return i
            if tok.low == "." and not (self.glued(k - 1, k) and self.toks[k - 1].kind == "word"):
                return i  # a full stop; "U.S." may stand
            if tok.kind == "num":
                value = _number(tok.text)
                is_year = value is not None and V.YEAR_RANGE[0] <= value <= V.YEAR_RANGE[1] and "." not in tok.text
                if not (is_year or self.low(k + 1) in V.TIME_WORDS or self.low(k - 1) in V.MONTHS):
                    return i
            elif tok.kind == "sym" and tok.low != ".":
                return i
        return i

    def suffix_after_noun(self, last: int) -> str | None:
        """ "1,000 customers or more": a bounding suffix after a short counted noun phrase."""
        k = last + 1
        while k <= last + _MAX_UNIT_WORDS and self.toks[k : k + 1] and self.toks[k].kind == "word":
            if self.low(k) == "or":
                hit = self.match_phrase(k, _SUFFIX)
                return hit[1] if hit and hit[0] > 1 else None
            if self.low(k) in V.UNIT_STOPWORDS:
                return None
            k += 1
        return None

    def scale(self, last: int, value: float, *, currency: bool) -> tuple[int, float]:
        """Apply "million", "bn" and, beside a currency, "m"/"k" ("$15m")."""
        while True:
            w = self.low(last + 1)
            if w in V.MULTIPLIERS and not (w == "hundred" and self.toks[last].kind == "word"):
                value *= V.MULTIPLIERS[w]
                last += 1
            elif (
                w in V.CURRENCY_MULTIPLIERS
                and self.glued(last, last + 1)
                and (currency or self.currency_word_at(last + 2) or self.toks[last + 1].text.isupper())
            ):
                value *= V.CURRENCY_MULTIPLIERS[w]
                last += 1
            else:
                return last, value

    def currency_word_at(self, i: int) -> bool:
        return _lemma(self.low(i)) in ("dollar", "ruble", "euro", "pound", "yen", "yuan", "rupee", "shekel")

    def change_word(self, w: str) -> str | None:
        if w in V.CHANGE_UP:
            return "up"
        if w in V.CHANGE_DOWN:
            return "down"
        return None

    def change_before(self, start: int, unit: str | None) -> str | None:
        """ "rose by 3", "up 19 cents", "fell 3 per cent" are changes; "rose to 5" is a level."""
        k = start - 1
        if self.low(k) == "to":
            return None
        if self.low(k) == "by":
            k -= 1
            for back in range(k, max(k - 3, -1), -1):
                if self.change_word(self.low(back)) and self.low(back) not in ("up", "down"):
                    return self.change_word(self.low(back))  # "grow sales by 35 per cent"
        while self.low(k) in ("a", "an", "another", "further", "by", "just", "only", "nearly", "almost", "roughly"):
            k -= 1
        w = self.low(k)
        change = self.change_word(w)
        if change and w in ("up", "down") and self.low(k - 1) in V.PHRASAL_VERBS:
            return None
        if change and w in V.COUNT_VERBS and self.low(start - 1) != "by" and unit not in V.RATE_UNITS:
            return None  # "lost 3 games", "cut 500 jobs" are counts; "lost 1.1%" is a change
        if change is None and self.low(start - 1) == "by" and self.found:
            return self.elided_change(start)
        return change

    def elided_change(self, start: int) -> str | None:
        """ "Ross was down 2.3%, Burlington by 2.6%": a list item that drops its verb keeps the previous change."""
        before = self.found[-1]
        gap = self.text[before.end : self.toks[start].start]
        if before.change is None or "," not in gap or len(gap.split()) > 4 or any(c in gap for c in ".;:"):
            return None
        return before.change

    def change_after(self, last: int) -> str | None:
        """ "0.68 percent lower", "2 points higher"."""
        w = self.low(last + 1)
        return {"higher": "up", "lower": "down"}.get(w)

    def unit_after(self, i: int, value: float) -> str | None:
        """What a number counts, from the words after it: an age, a measure word or a short noun phrase up to
        its plural head ("14 first-team players" → "first-team player"). None when nothing is named."""
        w = self.low(i)
        if w in ("and", "or", "to") and self.toks[i + 1 : i + 2] and self.toks[i + 1].kind == "num":
            ahead = self.words_at(i + 2, 4)
            if ahead[:1] in (("-",), ("year",), ("years",)) and any(a in V.AGE_UNITS for a in ahead):
                return "year"  # "his two children, 6 and 12-years-old"
        if w in _DASHES and self.glued(i - 1, i) and self.low(i + 1) in ("and", "or", "to"):
            ahead = self.words_at(i + 2, 6)
            if any(a in V.AGE_UNITS for a in ahead) and "old" in ahead:
                return "year"  # "an 8- and 9-year-old boy"
        if w in _DASHES and self.low(i + 1) in V.AGE_UNITS and self.low(i + 3) == "old":
            return _lemma(self.low(i + 1))  # "18-year-old", "16-years-old"
        if w in ("year", "month") and self.low(i + 1) in _DASHES and self.low(i + 2) == "old":
            return w  # "50 year-old"
        if w in ("year", "years", "month", "months") and self.low(i + 1) == "old":
            return _lemma(w)  # "SIXTEEN YEAR OLD CHILD"
        if w in _DASHES and self.low(i + 1) == "yo" and self.glued(i, i + 1):
            return "year"  # "a 6-yo"
        if value < 1 and w in ("a", "an") and self.low(i + 1) in V.DURATION_WORDS:
            return self.low(i + 1)  # "half an hour"
        if w in _DASHES and self.glued(i - 1, i):
            compound = self.compound_noun(i)
            if compound is not None:
                return compound
        if self.in_age_list(i - 1) or (self.low(i - 3) == "age" and self.low(i - 2) == "of"):
            return "year"  # "aged 21", "over the age of 21"
        words: list[str] = []
        k = i
        while k < len(self.toks) and len(words) < _MAX_UNIT_WORDS:
            tok = self.toks[k]
            if tok.low in _DASHES and words and self.glued(k - 1, k) and self.glued(k, k + 1):
                words[-1] += "-" + self.toks[k + 1].low
                k += 2
                continue
            if tok.kind == "num" and words and self.glued(k - 1, k):
                words[-1] += tok.low  # "Pantsir-S1"
                k += 1
                continue
            if not words and tok.low in ("other", "more"):
                nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
                if nxt is not None and nxt.kind == "word" and _is_plural(nxt.low) and nxt.low not in V.UNIT_STOPWORDS:
                    k += 1  # "two other men", "three more children": the noun after counts
                    continue
            if tok.kind != "word" or tok.low in V.UNIT_STOPWORDS:
                break
            if not words and tok.low.endswith("ed") and tok.low not in V.UNIT_ALIASES:
                nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
                if nxt is not None and nxt.kind == "word" and _is_plural(nxt.low) and nxt.low not in V.UNIT_STOPWORDS:
                    k += 1  # "300 recorded songs": the participle describes, the noun counts ("shipping" is a noun)
                    continue
                break  # "5 killed": a verb, not a unit
            if self.low(k + 1) in _DASHES and self.low(k + 2) == "a" and self.glued(k, k + 1):
                rate, _ = self.per_unit(_lemma(tok.low), k)
                if " per " in rate:
                    return rate  # "a 52,000 barrel-a-day refinery"
            words.append(tok.low)
            if _is_plural(words[-1]) and value != 1:
                return self.per_unit(" ".join([*words[:-1], _lemma(words[-1])]), k)[0]
            if value == 1 and tok.low not in V.ADJECTIVES_BEFORE_ONE:
                return _lemma(tok.low)  # "one school", "one more fatality": the first noun
            k += 1
        if words and (value == 1 or _lemma(words[0]) in V.SINGULAR_UNITS or words[0] in V.UNIT_ALIASES):
            return _lemma(words[0])
        return None

    def compound_noun(self, dash: int) -> str | None:
        """The noun of a number-noun compound: "a 6.1-inch display", "three-point range", and the shared noun of
        "four-, five- and six-cylinder engines"."""
        k = dash
        if self.low(k + 1) in (",", "and", "or", "to"):
            k += 1
            while k < dash + 10 and (
                self.low(k) in (",", "and", "or", "to")
                or self.low(k) in V.NUMBER_WORDS
                or self.toks[k].kind == "num"
                or (self.low(k) in _DASHES and self.low(k + 1) in (",", "and", "or", "to"))
            ):
                k += 1
            if self.low(k) not in _DASHES or not self.glued(k - 1, k):
                return None
        nxt = self.toks[k + 1] if k + 1 < len(self.toks) else None
        if nxt is None or nxt.kind != "word" or not self.glued(k, k + 1):
            return None
        if nxt.low in V.UNIT_ALIASES or nxt.low in V.SINGULAR_UNITS:
            return _lemma(nxt.low)
        if len(nxt.low) < 3 or nxt.low in V.UNIT_STOPWORDS or nxt.low in V.NUMBER_WORDS:
            return None  # "3-D", "one-on-one", "twenty-one"
        return _lemma(nxt.low)

    def in_age_list(self, last: int) -> bool:
        """ "aged 21", "ages 19 and 41": the numbers after an age word, however many."""
        k = last - 1
        while k >= 0 and (self.toks[k].kind == "num" or self.low(k) in V.AGE_LIST_WORDS) and k > last - 8:
            k -= 1
        return self.low(k) in V.AGE_WORDS

    def is_appositive_age(self, lead: int, last: int, value: float) -> bool:
        """ "Joe Maddon, 66, said" and "John Smith (32)": a bare number set off after a name is an age."""
        if not (0 < value <= V.MAX_AGE and value.is_integer()):
            return False
        opener, closer = self.low(lead - 1), self.low(last + 1)
        if opener == "both" and self.low(lead - 2) == ",":
            return True  # "Antoine and Ormani, both 24, died"
        if opener == "," and closer in ("", "-", "–", "—", "|"):
            closer = ","  # the end of a headline: "man charged in death of boy, 3"
        if (opener, closer) not in ((",", ","), (",", "."), (",", ";"), (",", "of"), ("(", ")")):
            return False
        name = self.toks[lead - 2] if lead >= 2 else None
        if name is None or name.kind != "word":
            return False
        return name.text[0].isupper() or name.low in V.PERSON_WORDS  # "Joe Maddon, 66," "girl, 3,"

    def capitalised(self, i: int) -> bool:
        return i < len(self.toks) and self.toks[i].kind == "word" and self.toks[i].text[0].isupper()

    def name_follows(self, i: int) -> bool:
        """A capitalised word after a bare number names a product or a place ("11 Pro", "787 Dreamliner"), unless
        it describes a plural noun after it ("5 Israeli soldiers") or the text is in title case ("2 Dead In ...")."""
        if i >= len(self.toks) or self.toks[i].kind != "word" or not self.toks[i].text[0].isupper():
            return False
        w = self.toks[i].low
        if w in V.UNIT_STOPWORDS or w in V.MONTHS or w in V.UNIT_ALIASES or w in V.SINGULAR_UNITS or _is_plural(w):
            return False
        if len(w) < 3 or any(
            (t.kind == "word" and _is_plural(t.low)) or t.kind == "num" for t in self.toks[i + 1 : i + 3]
        ):
            return False  # "One US fluid ounce", "63,150 Model 3s"
        if self._title_case is None:
            words = [t.text for t in self.toks if t.kind == "word" and len(t.text) > 3]
            self._title_case = len(words) >= 4 and sum(t[0].isupper() for t in words) > 0.5 * len(words)
        return not self._title_case

    def is_label(self, lead: int) -> bool:
        """A bare number right after a name or a label word is part of a name ("Big 12", "Game 7")."""
        k = lead - 1
        if k < 0 or self.toks[k].kind != "word":
            return False
        if self.low(k) in V.LABEL_WORDS:
            return True
        starts_sentence = k == 0 or self.low(k - 1) in (".", "!", "?", ":", '"', "“")
        word = self.toks[k].text
        capitalised = word[0].isupper() or any(c.isupper() for c in word[1:])  # "Big 12", "iPhone 11"
        return capitalised and not starts_sentence and self.low(k) not in V.MONTHS

    def per_unit(self, name: str, last_unit_tok: int) -> tuple[str, int]:
        """Add a rate: "$58.24 per barrel", "$21.25 per square foot", "$3,500 a month" keep their denominator."""
        k = last_unit_tok + 1
        hyphened = self.low(k) in _DASHES and self.low(k + 1) == "a" and self.low(k + 2) in _DASHES
        if hyphened and self.glued(k + 2, k + 3) and _lemma(self.low(k + 3)) in V.RATE_DENOMINATORS:
            return f"{name} per {_lemma(self.low(k + 3))}", k + 3  # "52,000 barrel-a-day"
        if (
            self.low(k) in ("a", "an")
            and _lemma(self.low(k + 1)) in V.RATE_DENOMINATORS
            and self.low(k + 2) not in V.TIME_AGO_WORDS
        ):
            return f"{name} per {_lemma(self.low(k + 1))}", k + 1  # "$3,500 a month", "$1,271 an ounce"
        if self.low(k) != "per" or not self.toks[k + 1 : k + 2] or self.toks[k + 1].kind != "word":
            return name, last_unit_tok
        phrase = self.match_phrase(k + 1, _UNIT_PHRASES)
        if phrase is not None:
            return f"{name} per {phrase[1]}", k + phrase[0]
        return f"{name} per {_lemma(self.low(k + 1))}", k + 1

    # -- result -------------------------------------------------------------------------------------------
    def finish(self, first: int, last: int, value: float | None, interval: tuple[float, float], qualifier: str) -> int:
        unit = self.unit_after(last + 1 + (self.low(last + 1) == "of"), 2.0)
        return self.emit(first, last, value, interval[0], interval[1], qualifier, None, unit)

    def emit(
        self,
        first: int,
        last: int,
        value: float | None,
        low: float | None,
        high: float | None,
        qualifier: str,
        change: str | None,
        unit: str | None,
    ) -> int:
        if qualifier != "range" and qualifier != "vague":
            low, high, qualifier = _interval(value, qualifier)
        start, end = self.toks[first].start, self.toks[last].end
        self.found.append(
            Quantity(
                self.text[start:end],
                start,
                end,
                value if qualifier not in ("range", "vague") else None,
                low,
                high,
                qualifier,
                change,
                unit,
            )
        )
        return last + 1


#: Units a figure is converted between; counted nouns are not among them.
_MEASURES = (
    set(V.UNIT_ALIASES.values())
    | set(V.CASED_UNITS.values())
    | set(V.CURRENCY_SYMBOLS.values())
    | set(V.CURRENCY_CODES.values())
    | set(V.DOLLAR_PREFIXES.values())
    | V.SINGULAR_UNITS
)
_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*|\s*/\s*")


def _inherit_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure in brackets right after another restates it in other units ("just under 296 hp (224 kW / 300 PS)",
    "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)"): it asserts the same bound and the same change.
    """
    out = list(found)
    bracketed = False
    for n in range(1, len(out)):
        before, q = out[n - 1], out[n]
        gap = text[before.end : q.start]
        bracketed = bool(_CONVERSION_GAP.fullmatch(gap)) and ("/" not in gap or bracketed)
        if not bracketed or q.qualifier not in ("exact", "range") or q.change is not None:
            continue
        if q.unit not in _MEASURES or before.unit not in _MEASURES:
            continue  # "at least 5 people (3 children)" is a part, not the same figure restated
        qualifier = before.qualifier if q.qualifier == "exact" and before.qualifier not in ("range", "vague") else None
        low, high = q.low, q.high
        if qualifier:
            low, high, qualifier = _interval(q.value, qualifier)
        out[n] = replace(q, qualifier=qualifier or q.qualifier, low=low, high=high, change=before.change)
    return out


def _number(digits: str) -> float | None:
    return float(digits.replace(",", "")) if _WELL_FORMED.fullmatch(digits) else None


def _interval(value: float | None, qualifier: str) -> tuple[float | None, float | None, str]:
    """The interval a qualified number asserts. See ``vocabulary.APPROXIMATE_BAND`` for the band."""
    assert value is not None
    floor = 0.0 if value >= 0 else None
    if qualifier == "approximate":
        band = abs(value) * V.APPROXIMATE_BAND
        if value == int(value) and abs(value) >= 1:
            band = max(band, 1.0)  # "about 5" admits 4 and 6: small counts are rounded to the unit
        return value - band, value + band, qualifier
    if qualifier in ("at_least", "more_than"):
        return value, None, qualifier
    if qualifier in ("at_most", "less_than"):
        return (min(floor, value) if floor is not None else None), value, qualifier
    if qualifier == "nearly":
        return value - abs(value) * V.NEARLY_BAND, value, "less_than"
    return value, value, "exact"


def _is_plural(word: str) -> bool:
    if word in V.IRREGULAR_PLURALS or word == "feet":
        return True
    if word.endswith("men") and len(word) > 4 and word not in V.SINGULAR_MEN:
        return True  # "gunmen", "fishermen", "policemen"
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and word not in V.NOT_PLURAL
    )


def _lemma(word: str) -> str:
    """Singular of a plural noun; irregular forms come from the vocabulary."""
    if word in V.UNIT_ALIASES:
        return V.UNIT_ALIASES[word]
    if word in V.IRREGULAR_PLURALS:
        return V.IRREGULAR_PLURALS[word]
    if not _is_plural(word):
        return word
    if word.endswith("men") and not word.endswith("s"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")) or word[:-2] in V.NOT_PLURAL:
        return word[:-2]  # "churches", "viruses", "buses"
    if word.endswith("ves") and word[:-3] in V.VES_TO_F:
        return word[:-3] + "f"  # "wolves"
    if word.endswith("ves") and word[:-3] in V.VES_TO_FE:
        return word[:-3] + "fe"  # "claimed two lives"
    return word[:-1]


lemma = _lemma
