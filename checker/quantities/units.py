"""What a number counts or measures: a unit right after it ("%", "km/h", "118.5p"), a rate ("per barrel",
"a month"), an age ("18-year-old") or the counted noun phrase up to its plural head ("14 first-team players")."""

from __future__ import annotations

from dataclasses import dataclass

from checker.quantities import lexicon as L
from checker.quantities.lemmas import is_plural, lemma
from checker.quantities.tokens import DASHES, Window

_MAX_UNIT_WORDS = 4  # a counted noun phrase is at most this long ("first-team players", "rushing yards")
_JOINERS = (",", "and", "or", "to")


@dataclass(frozen=True, slots=True)
class Measure:
    """A unit read after a number: its ``name`` and the ``last`` token it takes."""

    name: str
    last: int


def measure_after(w: Window, last: int, currency: str | None) -> Measure | None:
    """A unit of measure right after the number ending at ``last`` ("%", "per cent", "km/h", "bhp"), or the
    ``currency`` read before it with any rate after ("$58.24 per barrel"). None when no unit follows."""
    i = last + 1
    symbol = w[i].text
    glued = w.glued(last, i)
    initial = len(symbol) == 1 and not glued and _initial_or_name(w, i)  # "12 C. Smith", "two F-16s"; not "45g."
    if (
        currency is None
        and symbol in L.CASED_UNITS
        and (glued or symbol.lower() not in L.GLUED_ONLY_UNITS)
        and not initial
    ):
        return per_unit(w, L.CASED_UNITS[symbol], i)  # "450 Nm", "12 C" (not "C. Smith", "two F-16s")
    if (
        currency is None
        and w.low(i) in ("m", "cm", "km")
        and w.low(i + 1) == "2"
        and w.glued(last, i)
        and w.glued(i, i + 1)
    ):
        return Measure("square " + L.UNIT_ALIASES[w.low(i)], i + 1)  # "32m2"
    if currency is None and is_subunit(w, i):
        return Measure(L.SUBUNIT_AFTER[w.low(i)], i)  # "118.5p", "18 sen"
    phrase = w.phrase_at(i, L.UNIT_PHRASES)
    if phrase is not None:
        return Measure(currency, last) if currency else per_unit(w, phrase.value, phrase.last)
    word = w.low(i)
    if currency is not None:
        return per_unit(w, currency, last)
    if word in L.CURRENCY_SYMBOLS and w.glued(last, i):
        return Measure(L.CURRENCY_SYMBOLS[word], i)  # "1,200€"
    if word in L.UNIT_ALIASES and (w.glued(last, i) or word not in L.GLUED_ONLY_UNITS):
        return per_unit(w, L.UNIT_ALIASES[word], i)
    if word in L.CURRENCY_CODES and len(word) == 3 and w[i].text.isupper():
        return Measure(L.CURRENCY_CODES[word], i)  # "110 JPY"
    return None


def code_before(w: Window, first: int) -> str | None:
    """The currency of a code glued before the number at ``first`` ("USD10m", "PS2.7m"). A code is a word of its
    own: glued after other letters or digits ("usat.ly/2a2Pln5") it is part of a name or an address."""
    k = first - 1
    if w.kind(k) == "word" and w.glued(k, first) and not w.word_glued_before(k):
        return L.CURRENCY_CODES.get(w.low(k))
    return None


def _initial_or_name(w: Window, i: int) -> bool:
    """A capital letter that is an initial ("C. Smith") or begins a model name ("F-16", "K-9", "C-130")."""
    return w.low(i + 1) == "." or (w.low(i + 1) in DASHES and w.glued(i, i + 1) and w.glued(i + 1, i + 2))


def is_subunit(w: Window, i: int) -> bool:
    """ "118.5p", "68 p" in a text about prices; "18 sen"."""
    word = w.low(i)
    if word not in L.SUBUNIT_AFTER:
        return False
    if word != "p":
        return True
    if w.low(i + 1) == "." and w.low(i + 2) == "m":
        return False  # "5 p.m."
    pence = w.memo.get("pence")
    if pence is None:
        pence = w.memo["pence"] = w.any_word_in(L.PENCE_CONTEXT)
    return pence


def per_unit(w: Window, name: str, last_unit_tok: int) -> Measure:
    """Add a rate: "$58.24 per barrel", "$21.25 per square foot", "$3,500 a month" keep their denominator."""
    k = last_unit_tok + 1
    hyphened = w.low(k) in DASHES and w.low(k + 1) == "a" and w.low(k + 2) in DASHES
    if hyphened and w.glued(k + 2, k + 3) and lemma(w.low(k + 3)) in L.RATE_DENOMINATORS:
        return Measure(f"{name} per {lemma(w.low(k + 3))}", k + 3)  # "52,000 barrel-a-day"
    if w.low(k) in ("a", "an") and lemma(w.low(k + 1)) in L.RATE_DENOMINATORS and w.low(k + 2) not in L.TIME_AGO_WORDS:
        return Measure(f"{name} per {lemma(w.low(k + 1))}", k + 1)  # "$3,500 a month", "$1,271 an ounce"
    if w.low(k) != "per" or w.kind(k + 1) != "word":
        return Measure(name, last_unit_tok)
    phrase = w.phrase_at(k + 1, L.UNIT_PHRASES)
    if phrase is not None:
        return Measure(f"{name} per {phrase.value}", phrase.last)
    return Measure(f"{name} per {lemma(w.low(k + 1))}", k + 1)


def counted_noun_follows(w: Window, last: int) -> bool:
    """A plural, a unit or a multiplier right after the number ending at ``last``."""
    word = w.low(last + 1)
    return (
        is_plural(word)
        or (word in L.UNIT_ALIASES and (w.glued(last, last + 1) or word not in L.GLUED_ONLY_UNITS))
        or word in L.MULTIPLIERS
        or w.phrase_at(last + 1, L.UNIT_PHRASES) is not None  # "1520 sq m"
    )


def in_age_list(w: Window, last: int) -> bool:
    """ "aged 21", "ages 19 and 41": the numbers after an age word, however many."""
    k = last - 1
    while k >= 0 and (w.kind(k) == "num" or w.low(k) in L.AGE_LIST_WORDS) and k > last - 8:
        k -= 1
    return w.low(k) in L.AGE_WORDS


def unit_after(w: Window, i: int, value: float) -> str | None:
    """What a number counts, from the words from token i on: an age, a measure word or a short noun phrase up to
    its plural head ("14 first-team players" → "first-team player"). None when nothing is named."""
    age = _age_unit(w, i, value)
    if age is not None:
        return age
    if w.low(i) in DASHES and w.glued(i - 1, i):
        compound = compound_noun(w, i)
        if compound is not None:
            return compound
    if in_age_list(w, i - 1) or (w.low(i - 3) == "age" and w.low(i - 2) == "of"):
        return "year"  # "aged 21", "over the age of 21"
    return _noun_phrase(w, i, value)


def _age_unit(w: Window, i: int, value: float) -> str | None:
    """An age or a duration written after the number: "18-year-old", "an 8- and 9-year-old", "half an hour"."""
    word = w.low(i)
    if word in ("and", "or", "to") and w.kind(i + 1) == "num":
        ahead = w.words_at(i + 2, 4)
        if ahead[:1] in (("-",), ("year",), ("years",)) and any(a in L.AGE_UNITS for a in ahead):
            return "year"  # "his two children, 6 and 12-years-old"
    if word in DASHES and w.glued(i - 1, i) and w.low(i + 1) in ("and", "or", "to"):
        ahead = w.words_at(i + 2, 6)
        if any(a in L.AGE_UNITS for a in ahead) and "old" in ahead:
            return "year"  # "an 8- and 9-year-old boy"
    if word in DASHES and w.low(i + 1) in L.AGE_UNITS and w.low(i + 3) == "old":
        return lemma(w.low(i + 1))  # "18-year-old", "16-years-old"
    if word in ("year", "month") and w.low(i + 1) in DASHES and w.low(i + 2) == "old":
        return word  # "50 year-old"
    if word in ("year", "years", "month", "months") and w.low(i + 1) == "old":
        return lemma(word)  # "SIXTEEN YEAR OLD CHILD"
    if word in DASHES and w.low(i + 1) == "yo" and w.glued(i, i + 1):
        return "year"  # "a 6-yo"
    if value < 1 and word in ("a", "an") and w.low(i + 1) in L.DURATION_WORDS:
        return w.low(i + 1)  # "half an hour"
    return None


def _noun_phrase(w: Window, i: int, value: float) -> str | None:
    """The counted noun phrase from token i, up to its plural head (or its first noun after "one")."""
    words: list[str] = []
    k = i
    while k < w.n and len(words) < _MAX_UNIT_WORDS:
        tok = w[k]
        if tok.low in DASHES and words and w.glued(k - 1, k) and w.glued(k, k + 1):
            words[-1] += "-" + w.low(k + 1)
            k += 2
            continue
        if tok.kind == "num" and words and w.glued(k - 1, k):
            words[-1] += tok.low  # "Pantsir-S1"
            k += 1
            continue
        if not words and tok.low in ("other", "more") and _plural_noun(w, k + 1):
            k += 1  # "two other men", "three more children": the noun after counts
            continue
        if tok.kind != "word" or tok.low in L.UNIT_STOPWORDS:
            break
        if not words and tok.low.endswith("ed") and tok.low not in L.UNIT_ALIASES:
            if _plural_noun(w, k + 1):
                k += 1  # "300 recorded songs": the participle describes, the noun counts ("shipping" is a noun)
                continue
            break  # "5 killed": a verb, not a unit
        if w.low(k + 1) in DASHES and w.low(k + 2) == "a" and w.glued(k, k + 1):
            rate = per_unit(w, lemma(tok.low), k).name
            if " per " in rate:
                return rate  # "a 52,000 barrel-a-day refinery"
        words.append(tok.low)
        if is_plural(words[-1]) and value != 1:
            return per_unit(w, " ".join([*words[:-1], lemma(words[-1])]), k).name
        if value == 1 and tok.low not in L.ADJECTIVES_BEFORE_ONE:
            return lemma(tok.low)  # "one school", "one more fatality": the first noun
        k += 1
    if words and (value == 1 or lemma(words[0]) in L.SINGULAR_UNITS or words[0] in L.UNIT_ALIASES):
        return lemma(words[0])
    return None


def _plural_noun(w: Window, k: int) -> bool:
    return w.kind(k) == "word" and is_plural(w.low(k)) and w.low(k) not in L.UNIT_STOPWORDS


def compound_noun(w: Window, dash: int) -> str | None:
    """The noun of a number-noun compound: "a 6.1-inch display", "three-point range", and the shared noun of
    "four-, five- and six-cylinder engines"."""
    k = dash
    if w.low(k + 1) in _JOINERS:
        k += 1
        while k < dash + 10 and (
            w.low(k) in _JOINERS
            or w.low(k) in L.NUMBER_WORDS
            or w.kind(k) == "num"
            or (w.low(k) in DASHES and w.low(k + 1) in _JOINERS)
        ):
            k += 1
        if w.low(k) not in DASHES or not w.glued(k - 1, k):
            return None
    nxt = w[k + 1]
    if nxt.kind != "word" or not w.glued(k, k + 1):
        return None
    if nxt.low in L.UNIT_ALIASES or nxt.low in L.SINGULAR_UNITS:
        return lemma(nxt.low)
    if len(nxt.low) < 3 or nxt.low in L.UNIT_STOPWORDS or nxt.low in L.NUMBER_WORDS:
        return None  # "3-D", "one-on-one", "twenty-one"
    return lemma(nxt.low)
