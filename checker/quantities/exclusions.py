"""Numbers that are not quantities: dates, times, scores, phone and street numbers, model names, page furniture.

Each rule is a named function with the sentences it is for. Rules run in order; each says True (not a quantity),
False (a quantity: later rules may not exclude it) or None (no opinion). ``examples`` give a sentence and the number
in it the rule leaves out (its last occurrence in the sentence); ``tests/test_quantity_data.py`` checks that this
rule, and no earlier one, is the one that leaves it out.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from checker.quantities import lexicon as L
from checker.quantities.cores import Core
from checker.quantities.tokens import DASHES, Window, number
from checker.quantities.units import code_before, counted_noun_follows, is_subunit

Test = Callable[[Window, Core], "bool | None"]


@dataclass(frozen=True)
class Rule:
    """One exclusion: ``test`` decides on a number core; ``digits`` rules apply to numbers written in digits only."""

    name: str
    test: Test
    examples: tuple[tuple[str, str], ...]
    digits: bool


RULES: list[Rule] = []


def rule(name: str, *examples: tuple[str, str], digits: bool = False) -> Callable[[Test], Test]:
    """Register the decorated test as the next exclusion rule."""

    def register(test: Test) -> Test:
        RULES.append(Rule(name, test, examples, digits))
        return test

    return register


def excluding_rule(w: Window, core: Core) -> Rule | None:
    """The rule that leaves the number ``core`` out, or None when it is a quantity."""
    digits = w.kind(core.first) == "num"
    for r in RULES:
        if r.digits and not digits:
            continue
        verdict = r.test(w, core)
        if verdict is not None:
            return r if verdict else None
    return None


def not_a_quantity(w: Window, core: Core) -> bool:
    """Whether the number ``core`` is no quantity (a date, a time, a score, a name...)."""
    return excluding_rule(w, core) is not None


# -- numbers written in digits -----------------------------------------------------------------------------------


@rule(
    "glued_to_a_name",
    ("The airliner flew as MH17 that day.", "17"),
    ("See usat.ly/2a2Pln5 for more.", "5"),
    digits=True,
)
def _glued_to_a_name(w: Window, c: Core) -> bool | None:
    """ "S1", "MH17", "COVID19": letters glued before the digits, bar a currency code ("USD10m", "A$5")."""
    first = c.first
    before = w[first - 1]
    if (
        w.glued(first - 1, first)
        and before.kind == "word"
        and code_before(w, first) is None
        and not (before.low in L.DOLLAR_PREFIXES and w.low(first - 2) == "$")
    ):
        return True
    return None


@rule("model_name", ("Two F-16 jets took off.", "16"), ("Sales slowed in mid-2019.", "2019"), digits=True)
def _model_name(w: Window, c: Core) -> bool | None:
    """ "F-16", "S-300", "COVID-19", "mid-2019": a word, a hyphen and digits, all glued."""
    first = c.first
    maker = w[first - 2]
    if (
        w.low(first - 1) in DASHES
        and w.glued(first - 1, first)
        and w.glued(first - 2, first - 1)
        and maker.kind == "word"
        and maker.low not in L.NUMBER_WORDS
        and maker.low not in L.GLUED_PREFIXES
    ):
        return True
    return None


@rule("ordinal", ("She finished 21st in the race.", "21"), digits=True)
def _ordinal(w: Window, c: Core) -> bool | None:
    return True if w.low(c.last + 1) in L.ORDINAL_SUFFIXES and w.glued(c.last, c.last + 1) else None


@rule("code", ("The page ran alert(1) when it loaded.", "1"), digits=True)
def _code(w: Window, c: Core) -> bool | None:
    """ "alert(1)", "item[3]": code, not copy."""
    first = c.first
    glued_bracket = w.low(first - 1) in ("(", "[") and w.glued(first - 1, first)
    return True if glued_bracket and w.word_glued_before(first - 1) else None


@rule("second_of_a_score", ("The final score was 89-89.", "89"), digits=True)
def _second_of_a_score(w: Window, c: Core) -> bool | None:
    """The second number of "89-89" or "2-0" (a score); glued after a symbol ("#-5") it is a quantity."""
    first = c.first
    if w.low(first - 1) in DASHES and w.glued(first - 1, first) and w.glued(first - 2, first - 1):
        return w.kind(first - 2) == "num"
    return None


@rule("score", ("The visitors won 3-1 on Saturday.", "3"), digits=True)
def _score(w: Window, c: Core) -> bool | None:
    """ "won 3-1", "tied at 89-89": a falling or level pair is a score, not a range."""
    last = c.last
    if (
        w.low(last + 1) in DASHES
        and w.glued(last, last + 1)
        and w.glued(last + 1, last + 2)
        and w.kind(last + 2) == "num"
    ):
        second = number(w[last + 2].text)
        if second is not None and c.value >= second:
            return True
    return None


@rule("clock_or_ratio", ("The train left at 11:30 sharp.", "11"), ("They won 2:1.", "1"), digits=True)
def _clock_or_ratio(w: Window, c: Core) -> bool | None:
    """ "11:30", scores "2:1"."""
    if w.low(c.last + 1) == ":" and w.low(c.last + 2).isdigit():
        return True
    if w.low(c.first - 1) == ":" and w.kind(c.first - 2) == "num":
        return True
    return None


@rule("decade", ("Prices soared in the 1990s.", "1990"), ("Most of them were in their 20's.", "20"), digits=True)
def _decade(w: Window, c: Core) -> bool | None:
    """ "1990s", "1990's", "in their 20's"."""
    last = c.last
    after = w.low(last + 1)
    if after == "s" and w.glued(last, last + 1):
        return True
    if after in ("'", "’") and w.low(last + 2) == "s" and w.glued(last, last + 1):
        return True
    return None


@rule("slash_date", ("The form was signed on 2/19/17.", "19"), digits=True)
def _slash_date(w: Window, c: Core) -> bool | None:
    """A number in a month/day/year date: three digit groups joined by glued slashes ("2/19/17")."""
    k = c.first
    while k >= 2 and w.low(k - 1) == "/" and w.kind(k - 2) == "num" and w.glued(k - 2, k - 1) and w.glued(k - 1, k):
        k -= 2
    groups = 1
    while w.low(k + 1) == "/" and w.glued(k, k + 1) and w.glued(k + 1, k + 2) and w.kind(k + 2) == "num":
        k += 2
        groups += 1
    return True if groups == 3 else None


@rule("alphanumeric_code", ("Read the story at on.dnj.com/26L5nFu today.", "26"), digits=True)
def _alphanumeric_code(w: Window, c: Core) -> bool | None:
    """ "26L5nFu", "3l9PXa": digits, letters and digits again, all glued, are a code (a short link), not an amount."""
    last = c.last
    if not (w.glued(last, last + 1) and w.kind(last + 1) == "word" and w.glued(last + 1, last + 2)):
        return None
    code_goes_on = w.glued(last + 2, last + 3) and w.kind(last + 3) in ("num", "word")
    if w.low(last + 1) in ("m", "cm", "km") and w.low(last + 2) == "2" and not code_goes_on:
        return None  # "32m2": square metres
    return True if w.kind(last + 2) in ("num", "word") else None


@rule("glued_word_after", ("The studio showed the film in 3D on Friday.", "3"), digits=True)
def _glued_word_after(w: Window, c: Core) -> bool | None:
    """ "3TV", "3D", "4x4": letters glued after the digits that are no unit, multiplier or currency."""
    last = c.last
    after = w[last + 1]
    if (
        w.glued(last, last + 1)
        and after.kind == "word"
        and after.low not in L.UNIT_ALIASES
        and after.low not in L.MULTIPLIERS
        and after.low not in L.CURRENCY_MULTIPLIERS
        and after.low not in L.TIME_WORDS
        and after.low not in L.CURRENCY_SYMBOLS
        and not is_subunit(w, last + 1)
        and after.text not in L.CASED_UNITS
    ):
        return True
    return None


@rule("phone_number", ("The hotline, 1-800-222-1222, is open all night.", "1"), digits=True)
def _phone_number(w: Window, c: Core) -> bool | None:
    return True if _is_phone(w, c.first) else None


def _is_phone(w: Window, i: int) -> bool:
    """Digit groups joined by dashes or dots in a phone number shape (555-123-4567, 1-800-222-1222), or an area code
    in brackets before one ("(904) 630-0500")."""
    if len(w[i].text) == 3 and w.low(i - 1) == "(" and w.low(i + 1) == ")" and w.kind(i + 2) == "num":
        return _is_phone(w, i + 2)
    j = i
    groups = []
    while w.kind(j) == "num":
        groups.append(len(w[j].text))
        if w.low(j + 1) in ("-", ".") and w.glued(j, j + 1) and w.glued(j + 1, j + 2):
            j += 2
        else:
            break
    return len(groups) >= 3 or groups[-2:] == [3, 4]


@rule(
    "year",
    ("He was born in 1955 in a small town.", "1955"),
    ("Sales grew from 2011 to 2015.", "2011"),
    ("Records from 1995 through 1998 were lost.", "1995"),
    digits=True,
)
def _year(w: Window, c: Core) -> bool | None:
    """ "born in 1955", "in 2019": a year, unless money, a qualifier or a counted noun makes it an amount."""
    text = w[c.first].text
    if "." in text or "," in text or not L.YEAR_RANGE[0] <= c.value <= L.YEAR_RANGE[1]:
        return None
    qualified = w.phrase_ending(c.first - 1, L.PREFIX) is not None
    if w.low(c.first - 1) in L.CURRENCY_SYMBOLS or qualified or counted_noun_follows(w, c.last):
        return None
    return None if _starts_a_range_of_amounts(w, c) else True


def _starts_a_range_of_amounts(w: Window, c: Core) -> bool:
    """ "1500 to 2000 people", "between 1500 and 2000 people", "1000-5000": the other end counts something or is no
    year, so neither end is one ("in 2019 and 2020 people" stays two years)."""
    last = c.last
    joiner = w.low(last + 1)
    words = ("to", "through", "thru", *(("and",) if w.low(c.first - 1) == "between" else ()))
    glued_dash = joiner in DASHES and w.glued(last, last + 1) and w.glued(last + 1, last + 2)
    if not (joiner in words or glued_dash) or w.kind(last + 2) != "num":
        return False  # "June 13, 2003 — 13 years to the day": a spaced dash joins clauses
    end = number(w[last + 2].text)
    if end is None or end <= c.value:
        return False  # "sentenced in June 2012 to 15 years": a date, then a term
    return end > L.YEAR_RANGE[1] or counted_noun_follows(w, last + 2)


# -- any number ----------------------------------------------------------------------------------------------------


@rule("number_to_dial", ("Neighbours called 911 after the shots.", "911"))
def _number_to_dial(w: Window, c: Core) -> bool | None:
    return True if w.low(c.first - 1) in L.CALL_VERBS and not counted_noun_follows(w, c.last) else None


_CLOCK_SUFFIXES = (("a", ".", "m", "."), ("p", ".", "m", "."))


@rule("clock_time", ("The blast happened at 5 pm local time.", "5"), ("Shots rang out at 2 a.m. on Sunday.", "2"))
def _clock_time(w: Window, c: Core) -> bool | None:
    after = w.words_at(c.last + 1, 4)
    return True if w.low(c.last + 1) in L.TIME_WORDS or after in _CLOCK_SUFFIXES else None


@rule("day_after_month", ("The vote is set for March 29 in the capital.", "29"), ("It ended Oct. 31.", "31"))
def _day_after_month(w: Window, c: Core) -> bool | None:
    before = w.low(c.first - 1)
    if c.value <= 31 and (before in L.MONTHS or (w.low(c.first - 2) in L.MONTHS and before == ".")):
        return True
    return None


@rule("day_before_month", ("The talks began on 11 February.", "11"), ("It was signed on the 3 of May.", "3"))
def _day_before_month(w: Window, c: Core) -> bool | None:
    after = w.low(c.last + 1)
    if c.value <= 31 and (after in L.MONTHS or (after == "of" and w.low(c.last + 2) in L.MONTHS)):
        return True
    return None


@rule("street_number", ("Police were called to the 300 block of Main Street.", "300"), ("He lives at 9 Elm Road.", "9"))
def _street_number(w: Window, c: Core) -> bool | None:
    """ "300 block", "1600 Pennsylvania Avenue", "9 E 71st St"."""
    after = w.low(c.last + 1)
    return True if after == "block" or (after and after[0].isalpha() and _street_follows(w, c.last)) else None


@rule("street_number_range", ("The fire spread to 16-18 Industrial Avenue overnight.", "16"))
def _street_number_range(w: Window, c: Core) -> bool | None:
    """ "16-18 Industrial Avenue"; any other "16-18" is a quantity (a range)."""
    last = c.last
    if w.low(last + 1) in DASHES and w.glued(last + 1, last + 2) and w.low(last + 2).isdigit():
        return _street_follows(w, last + 2)
    return None


def _street_follows(w: Window, last: int) -> bool:
    """An address: capitalised words (or an ordinal like "71st") up to a street word: "9 E 71st St"."""
    for k in range(last + 1, min(last + 5, w.n)):
        tok = w[k]
        if tok.kind == "num" and w.low(k + 1) in L.ORDINAL_SUFFIXES:
            continue
        if tok.kind != "word" or not tok.text[0].isupper():
            return tok.low in L.ORDINAL_SUFFIXES and w.glued(k - 1, k) and k < last + 4
        if tok.low in L.STREET_WORDS:
            return True
    return False


@rule("duration_adjective", ("The club signed a five-year deal with him.", "five"))
def _duration_adjective(w: Window, c: Core) -> bool | None:
    """ "a five-year award": an adjective, not an amount ("18-year-old" is an age)."""
    last = c.last
    dashed = w.low(last + 1) in DASHES and w.low(last + 2) in L.DURATION_WORDS
    return True if dashed and w.low(last + 3) not in DASHES else None


@rule("page_furniture", ("Reporting by staff. 2 Min read", "2"))
def _page_furniture(w: Window, c: Core) -> bool | None:
    """ "2 Min read", "12 comments"."""
    return True if any(w.words_at(c.last + 1, len(p)) == p for p in L.BOILERPLATE) else None
