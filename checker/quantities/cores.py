"""Number cores: the bare number at a token, before anything around it is read.

Digits ("9,000", ".5", "1.99×10−30"), number words ("a hundred and two", "twenty-one", "a dozen"), fractions
("a third of", "two-thirds"), shares ("one in five") and vague amounts ("dozens", "tens of thousands").
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from text_to_num import text2num

from checker.quantities import lexicon as L
from checker.quantities.lemmas import lemma
from checker.quantities.tokens import DASHES, Window, number

_DASH_OR_GLUED = DASHES | {""}

_SCALE_WORDS = ("hundred", "thousand", "million", "billion", "trillion")
_MAX_DENOMINATOR = 16  # "2 1/2", "3/4 inch", "1/16": finer fractions in copy are dates or scores
_PLURAL_SCALES = ("hundreds", "thousands", "millions", "billions", "dozens", "scores")


@dataclass(frozen=True, slots=True)
class Core:
    """A bare number over tokens ``first``..``last``. A vague amount has ``vague`` (its interval) and value 0."""

    first: int
    last: int
    value: float
    vague: tuple[float, float] | None = None


def core_at(w: Window, i: int) -> Core | None:
    """The bare number that starts at token i, or None."""
    tok = w[i]
    if tok.kind == "num":
        return _digits_at(w, i)
    if tok.kind != "word" or tok.low not in L.WORD_STARTERS:
        if tok.text in L.VULGAR:
            return Core(i, i, L.VULGAR[tok.text])  # "½ mile"
        return None  # most words cannot start a quantity: skip the phrase look-ups
    return vague_at(w, i) or fraction_at(w, i) or number_words_at(w, i)


def _digits_at(w: Window, i: int) -> Core | None:
    value = number(w[i].text)
    if value is None or not math.isfinite(value):
        return None
    if w.low(i - 1) == "." and w.glued(i - 1, i) and w.glued(i - 2, i - 1):
        return None  # "1.2.3" versions, IP addresses
    if w.low(i + 1) in ("/", "⁄") and w.glued(i, i + 1) and w.glued(i + 1, i + 2):
        denominator = number(w[i + 2].text)
        if denominator and (w.low(i + 3) == "of" or _measure_follows(w, i + 3, value, denominator)):
            return Core(i, i + 2, value / denominator)  # "1/16 of a pint", "3/4 inch"
    fraction = _fraction_after(w, i, value)
    if fraction is not None:
        return fraction
    power = power_of_ten(w, i)
    if power is not None:
        last, exponent = power
        scaled = value * 10.0**exponent
        return Core(i, last, scaled) if math.isfinite(scaled) else None  # "1.99×10−30"
    return Core(i, i, value)


def _fraction_after(w: Window, i: int, whole: float) -> Core | None:
    """A whole number and a fraction of one, read as one number: "2½", "5 ½", "2 1/2 miles"."""
    nxt = w[i + 1]
    if nxt.text in L.VULGAR:
        return Core(i, i + 1, whole + L.VULGAR[nxt.text])
    if not whole.is_integer() or w.kind(i + 1) != "num" or w.glued(i, i + 1):
        return None
    slashed = w.low(i + 2) in ("/", "⁄") and w.glued(i + 1, i + 2) and w.glued(i + 2, i + 3)
    if not slashed or w.kind(i + 3) != "num" or (w.low(i + 4) in ("/", "⁄") and w.glued(i + 3, i + 4)):
        return None  # "2 1/2/2019" is no fraction
    numerator, denominator = number(nxt.text), number(w[i + 3].text)
    if numerator is None or denominator is None or not 0 < numerator < denominator <= _MAX_DENOMINATOR:
        return None
    return Core(i, i + 3, whole + numerator / denominator)


def power_of_ten(w: Window, i: int) -> tuple[int, int] | None:
    """The "×10^-30" written after the mantissa at token i: (last token, exponent)."""
    if w.low(i + 1) not in ("×", "x", "*") or w.low(i + 2) != "10" or not w.glued(i + 2, i + 3):
        return None
    k = i + 3
    if w.low(k) == "^":
        k += 1
    sign = -1 if w.low(k) in ("-", "−") else 1
    if w.low(k) in ("-", "−", "+"):
        k += 1
    digits = w[k].text
    if w.kind(k) != "num" or not digits.isdigit() or len(digits) > 3 or int(digits) > 300:
        return None  # beyond 1e300 a float overflows: no news figure is that large
    return k, sign * int(digits)


def _measure_follows(w: Window, k: int, numerator: float, denominator: float) -> bool:
    """ "3/4 inch", "1/2 mile": a proper fraction before a unit of measure (not "9/11 victims", "24/7 coverage")."""
    if not (0 < numerator < denominator <= _MAX_DENOMINATOR and w.kind(k) == "word"):
        return False
    return w.low(k) in L.UNIT_ALIASES or lemma(w.low(k)) in L.SINGULAR_UNITS


def ratio_after(w: Window, core: Core) -> Core | None:
    """ "one out of three Germans", "1 in 5 adults": the core extended to the share, its value a fraction."""
    last, value = core.last, core.value
    if w.words_at(last + 1, 2) == ("out", "of"):
        k = last + 3
    elif w.low(last + 1) == "in" and value == 1:
        k = last + 2  # only "one in N": "killed 2 in 3 shootings" is two deaths
    else:
        return None
    whole = core_at(w, k)
    if whole is None or whole.vague is not None or whole.first != k or not 0 < value < whole.value <= 1000:
        return None
    after = w.low(whole.last + 1)
    if after in L.AGE_UNITS or after in L.DURATION_WORDS or after in L.MONTHS or lemma(after) in L.SINGULAR_UNITS:
        return None  # "2 in 3 days", "5 in 10 minutes"
    return Core(core.first, whole.last, value / whole.value)


def vague_at(w: Window, i: int) -> Core | None:
    """ "tens of thousands", "several hundred", "dozens", "a handful"."""
    word = w.low(i)
    if word in L.VAGUE_SCALES and w.low(i + 1) == "of" and w.low(i + 2) in L.VAGUE:
        scale = L.VAGUE_SCALES[word]
        lo, hi = L.VAGUE[w.low(i + 2)]
        return Core(i, i + 2, 0.0, (lo * scale, hi * scale))  # "tens of thousands"
    for n in (2, 1):
        phrase = " ".join(w.words_at(i, n))
        scale = L.MULTIPLIERS.get(w.low(i + n), 0) if w.low(i + n) in L.NUMBER_WORDS else 0
        if phrase in ("several", "a few") and scale:
            lo, hi = L.VAGUE[phrase]
            return Core(i, i + n, 0.0, (lo * scale, hi * scale))  # "several hundred"
    for n in (3, 2, 1):
        words = w.words_at(i, n)
        phrase = " ".join(words)
        if phrase in L.VAGUE and len(words) == n:
            if phrase in _PLURAL_SCALES:
                if w.low(i - 1) in L.NUMBER_WORDS or w.kind(i - 1) == "num":
                    return None  # "several hundreds" is read by the number-word rule
                if phrase == "scores" and w.low(i + 1) != "of":
                    return None  # "scores" is a sports word unless "scores of"
            return Core(i, i + n - 1, 0.0, L.VAGUE[phrase])
    return None


def fraction_at(w: Window, i: int) -> Core | None:
    """ "half of", "a half", "a third of", "two-thirds", "three quarters"."""
    word, nxt = w.low(i), w.low(i + 1)
    if word == "half" and w.words_at(i + 1, 2) == ("a", "dozen"):
        return Core(i, i + 2, 6.0)  # "half a dozen firearms"
    if word == "half" and w.words_at(i + 1, 4) == ("-", "a", "-", "dozen"):
        return Core(i, i + 4, 6.0)  # "half-a-dozen versions"
    if word == "half" and (nxt in ("of", "the", "a", "an") or w.low(i - 1) in ("a", "one")):
        start = i - 1 if w.low(i - 1) in ("a", "one") else i
        if w.low(start - 1) == "and":
            return None  # "two and a half" is read as 2.5 by the number-word rule
        return Core(start, i, 0.5)
    if word in ("a", "one") and nxt in L.FRACTIONS and nxt != "half" and w.low(i + 2) == "of":
        return Core(i, i + 1, L.FRACTIONS[nxt])  # "a fifth of the staff"; "a fifth term" is an ordinal
    if word in L.NUMBER_WORDS:
        numerator = _words_value(word)
        if numerator is not None and nxt in _DASH_OR_GLUED and w.low(i + 2) in L.FRACTION_PLURALS:
            return Core(i, i + 2, numerator * L.FRACTION_PLURALS[w.low(i + 2)])
        if numerator is not None and nxt in L.FRACTION_PLURALS:
            return Core(i, i + 1, numerator * L.FRACTION_PLURALS[nxt])
    return None


def number_words_at(w: Window, i: int) -> Core | None:
    """A run of number words ("a hundred and two", "twenty-one", "a dozen", "two and a half")."""
    j = i
    words: list[str] = []
    if w.low(i) in ("a", "an") and w.low(i + 1) in (*_SCALE_WORDS, "dozen"):
        words.append("one")
        j = i + 1
    k = j
    last = None
    dozen = False
    while k < w.n:
        word = w.low(k)
        if word in L.NUMBER_WORDS:
            words.append(word)
            last = k
            k += 1
        elif word == "dozen" and (last is not None or words == ["one"]):
            dozen = True
            last = k
            break
        elif (word in DASHES and w.glued(k - 1, k) and w.low(k + 1) in L.NUMBER_WORDS and last == k - 1) or (
            word == "and" and last == k - 1 and w.low(k - 1) in _SCALE_WORDS and w.low(k + 1) in L.NUMBER_WORDS
        ):
            k += 1
        else:
            break
    if last is None:
        return None
    if (
        w.low(i) == "one"
        and last == i
        and (w.low(i - 1) in L.PRONOUN_ONE_AFTER or w.low(i + 1) in L.PRONOUN_ONE_BEFORE)
    ):
        return None  # "no one", "the same one", "one another": a pronoun, not a count
    value = _words_value(" ".join(words))
    if value is None:
        return None  # "two eighteen": number words that do not add up to one number
    if dozen:
        value *= 12
    if (
        w.words_at(last + 1, 2) == ("and", "a")
        and w.low(last + 3) in ("half", "quarter")
        # "five and a half million" is 5.5 million; "one billion and a quarter million" no (1e9 + 0.25) million
        and not (w.low(last + 4) in L.MULTIPLIERS and any(x in L.MULTIPLIERS for x in words))
    ):
        value += L.FRACTIONS[w.low(last + 3)]  # "two and a half", "one and a quarter"
        last += 3
    return Core(i, last, value)


def _words_value(words: str) -> float | None:
    """What text2num adds number words up to, or None when they do not make one number."""
    try:
        return float(text2num(words, "en"))
    except ValueError:
        pass
    head, trillion, tail = words.partition("trillion")  # text2num's English stops at billions
    if not trillion:
        return None
    high = _words_value(head.strip()) if head.strip() else 1.0
    low = _words_value(tail.strip()) if tail.strip() else 0.0
    if high is None or low is None or low >= 1e12:
        return None
    return high * 1e12 + low
