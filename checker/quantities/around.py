"""What surrounds a number core: currency and sign before it, a scale after it ("million", "$15m"), the other end
of a range, qualifier words ("at least", "or more"), the change it describes ("rose 3%") and names it is part of
("Game 7", "787 Dreamliner")."""

from __future__ import annotations

from dataclasses import dataclass

from checker.quantities import lexicon as L
from checker.quantities.cores import core_at
from checker.quantities.exclusions import not_a_quantity
from checker.quantities.lemmas import is_plural, lemma
from checker.quantities.model import Quantity
from checker.quantities.tokens import DASHES, Window, number
from checker.quantities.units import code_before, measure_after

#: American "to" of a range.
_THROUGH = ("through", "thru")
_MAX_FROM_GAP = 8  # tokens of a time phrase between "from X" and "to Y": "at 10.45pm last night" is six
_MAX_NOUN_WORDS = 4  # words of a counted noun phrase a bounding suffix may follow ("1,000 customers or more")
#: Words that may stand between a change word and its number ("rose a further 3%", "fell by nearly 2").
_CHANGE_FILLERS = ("a", "an", "another", "further", "by", "just", "only", "nearly", "almost", "roughly")


# -- currency and sign before the number ---------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Lead:
    """What stands before a number: the ``first`` token of the figure, the signed ``value``, the currency ``unit``,
    and a ``hint``: a qualifier from a glued prefix ("~5", "sub-7"), "up" for "+0.2%", "-" for a minus sign."""

    first: int
    value: float
    unit: str | None
    hint: str | None


def lead_in(w: Window, first: int, value: float) -> Lead:
    """Currency and sign before the number at token ``first``."""
    lead, unit, hint = first, None, None
    k = first - 1
    code = w.low(k)
    if w.kind(k) == "word" and w.glued(k, first):
        if code in L.DOLLAR_PREFIXES and w.low(k - 1) == "$" and w.glued(k - 1, k):
            unit, lead, k = L.DOLLAR_PREFIXES[code], k - 1, k - 2  # "$US55m", "$A82m"
        elif code_before(w, first):
            unit, lead, k = code_before(w, first), k, k - 1  # "USD10m", "PS2.7m"
    if w.low(k) in ("-", "−", "+") and w.glued(k, lead) and not w.word_glued_before(k):
        hint = "up" if w.low(k) == "+" else "-"
        value = value if hint == "up" else -value
        lead, k = k, k - 1
    if unit is None and w.low(k) == "=" and w.low(k - 1) == "y" and w.glued(k - 1, k) and w.glued(k, lead):
        unit, lead, k = "japanese yen", k - 1, k - 2  # "Y=590 billion": how wire copy writes "¥" in ASCII
    if unit is None and w.low(k) in L.CURRENCY_SYMBOLS:
        unit, lead, k = L.CURRENCY_SYMBOLS[w.low(k)], k, k - 1
        if (
            w.low(lead) == "$"
            and w.low(k) in L.DOLLAR_PREFIXES
            and (w.glued(k, lead) or (len(w.low(k)) > 1 and w[k].text.isupper()))
        ):
            unit, lead, k = L.DOLLAR_PREFIXES[w.low(k)], k, k - 1  # "US$58.24", "US $2.24"
        elif w.low(lead) == "$" and w.words_at(k - 3, 4) == ("u", ".", "s", "."):
            lead, k = k - 3, k - 4  # "U.S.$"
        if w.low(k) in ("-", "−") and w.glued(k, lead) and not w.word_glued_before(k):
            value, lead, k, hint = -value, k, k - 1, "-"  # "-$5m"
    if w.low(k) in DASHES and w.glued(k, lead) and w.low(k - 1) in L.GLUED_PREFIXES:
        k -= 1  # "minus-5", "sub-7"
    if w.low(k) in L.GLUED_PREFIXES:
        effect = L.GLUED_PREFIXES[w.low(k)]
        if effect == "negative":
            value, hint = -value, "-"
        else:
            hint = effect
        lead = k
    elif w.low(k) == "~" and (w.glued(k, lead) or w.low(k + 1) != "~"):
        hint, lead = "approximate", k
    return Lead(lead, value, unit, hint)


# -- scale ------------------------------------------------------------------------------------------------------------


def scale(w: Window, last: int, value: float, *, currency: bool) -> tuple[int, float]:
    """Apply "million", "bn", a glued "k" ("150k") and, beside a currency or in capitals, "m"/"b" ("$15m", "4.3M"):
    (last token, scaled value). A lower-case "m" alone is metres. A scale word hyphenated to its number is its scale,
    never the other end of a range: "$2-million bond" (GVA), "a three-year, $31.5-million contract", "US
    $5.4-billion" (ECB+), "the $8-billion Keystone project" (PAC), "700-million-barrel" (Multi-News)."""
    while True:
        word = w.low(last + 1)
        if word in L.MULTIPLIERS and not (word == "hundred" and w.kind(last) == "word"):
            value *= L.MULTIPLIERS[word]
            last += 1
        elif (
            word == "-"
            and w.glued(last, last + 1)
            and w.glued(last + 1, last + 2)
            and w.low(last + 2) in L.MULTIPLIERS
            and w.low(last + 2) != "hundred"
        ):
            value *= L.MULTIPLIERS[w.low(last + 2)]
            last += 2
        elif (
            word in L.CURRENCY_MULTIPLIERS
            and w.glued(last, last + 1)
            and (currency or _currency_word_at(w, last + 2) or w[last + 1].text.isupper() or word == "k")
        ):
            value *= L.CURRENCY_MULTIPLIERS[word]
            last += 1
        else:
            return last, value


def _currency_word_at(w: Window, i: int) -> bool:
    return lemma(w.low(i)) in L.CURRENCY_WORDS


# -- ranges ---------------------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Range:
    """The other end of a range: its ``last`` token, both ends, the change a "from X to Y" describes, and the unit
    read after the second end."""

    last: int
    low: float
    high: float
    change: str | None
    unit: str | None


def range_after(w: Window, lead: int, last: int, value: float, unit: str | None, *, scaled: bool) -> Range | None:
    """The range that starts with the number ending at ``last``.

    "from X to Y" is always a range (descending too, and after a change verb, which gives its change); "X to Y" when
    X is bare or both ends have the same unit ("5% to 6%"); "between X and Y"; "X or Y"; "X-Y". "rose by 3 to 7" is a
    change and a level, "3-1" a score: no range.
    """
    joiner_at = last + 1
    before = w.low(lead - 1)
    after_from = before == "from"
    if after_from and w.low(joiner_at) not in ("to", *DASHES):
        joiner_at = _to_after_gap(w, joiner_at)  # "from 20 mpg in 2008 to 29 mpg"
    joiner = w.low(joiner_at)
    if joiner in _THROUGH:
        joiner = "to"  # "ages 5 through 12", "2011 through 2015"
    own_unit = scaled or unit is not None
    change = change_word(w.low(lead - 2)) if after_from else None
    if joiner in DASHES:
        spaced = not (w.glued(last, last + 1) and w.glued(last + 1, last + 2))
        if spaced and joiner == "-":
            return None  # " - " is a clause dash
    elif joiner == "to":
        if before == "by" and own_unit:
            return None  # "increased by $43.6 billion to $419.2 billion"
        if not after_from and before != "between" and change_word(before):
            return None
    elif not ((joiner == "and" and before == "between") or joiner == "or"):
        return None
    j = joiner_at + 1
    second_unit = None
    if w.low(j) in L.CURRENCY_SYMBOLS:
        second_unit, j = L.CURRENCY_SYMBOLS[w.low(j)], j + 1
    elif w.low(j) in L.DOLLAR_PREFIXES and w.low(j + 1) == "$":
        second_unit, j = L.DOLLAR_PREFIXES[w.low(j)], j + 2
    core = core_at(w, j)
    if core is None or core.vague is not None or core.first != j:
        return None
    if joiner not in DASHES and not_a_quantity(w, core):
        return None  # "between 1600 and 1900"; a glued "10-12" was checked as a whole
    end, high = scale(w, core.last, core.value, currency=(unit or second_unit) is not None)
    measure = measure_after(w, end, second_unit)
    if measure is not None:
        second_unit, end = measure.name, measure.last
    if own_unit and joiner == "to" and not after_from and before != "between" and second_unit != unit:
        return None  # "up 9.4 per cent to $84": a change, then a level
    low = value
    bare_high = core.value
    if high != bare_high and bare_high and value * high / bare_high <= high and not scaled:
        low = value * high / bare_high  # "$89 to $93 billion": the multiplier belongs to both ends
    if low > high and after_from and joiner == "to":
        low, high = high, low  # "fell from 208 pounds to 193"
    if not low < high:
        return None
    return Range(end, low, high, change, second_unit)


def _to_after_gap(w: Window, i: int) -> int:
    """The "to" of "from X <when> to Y" when a short time phrase sits between ("from $36,040 at 10.45pm last night to
    $34,935"); otherwise ``i``. Only words, years and clock times may stand in the gap."""
    for k in range(i, min(i + _MAX_FROM_GAP, w.n)):
        tok = w[k]
        if tok.low == "to":
            return k if k > i else i
        if tok.low in (",", ";", ":", "from", "and", "but") or tok.low in DASHES:
            return i
        if tok.low == "." and not (w.glued(k - 1, k) and w.kind(k - 1) == "word"):
            return i  # a full stop; "U.S." may stand
        if tok.kind == "num":
            value = number(tok.text)
            is_year = value is not None and L.YEAR_RANGE[0] <= value <= L.YEAR_RANGE[1] and "." not in tok.text
            if not (is_year or w.low(k + 1) in L.TIME_WORDS or w.low(k - 1) in L.MONTHS):
                return i
        elif tok.kind == "sym" and tok.low != ".":
            return i
    return i


# -- qualifiers -------------------------------------------------------------------------------------------------------


def prefix_qualifier(w: Window, start: int, hint: str | None) -> tuple[int, str | None]:
    """Qualifier words before token ``start`` ("at least about 5"): (first token of the figure, qualifier or None).
    The bound wins over "about"; a sign leaves "about minus 387" approximate; "only ~45g" stays approximate."""
    qualifier = hint if hint not in ("up", "-") else None
    hit = w.phrase_ending(start - 1, L.PREFIX)
    while hit is not None:
        if qualifier is None or (qualifier == "approximate" and hit.value != "exact"):
            qualifier = hit.value
        start = hit.first
        hit = w.phrase_ending(start - 1, L.PREFIX)
    return start, qualifier


def suffix_qualifier(w: Window, last: int) -> tuple[int, str] | None:
    """ "20 or more", "100+", "100-plus", "50-odd": (last token, qualifier) of a bounding suffix after ``last``."""
    suffix = w.phrase_at(last + 1, L.SUFFIX)
    nxt = w.low(last + 1)
    if suffix is not None and (
        suffix.last > suffix.first
        or (nxt == "+" and w.glued(last, last + 1))
        or nxt == "plus"
        or (nxt == "odd" and w.low(last) in DASHES)
    ):
        return suffix.last, suffix.value
    if nxt in DASHES and w.low(last + 2) in ("plus", "odd"):
        return last + 2, "at_least" if w.low(last + 2) == "plus" else "approximate"
    return None


def suffix_after_noun(w: Window, last: int) -> str | None:
    """ "1,000 customers or more": a bounding suffix after a short counted noun phrase."""
    k = last + 1
    while k <= last + _MAX_NOUN_WORDS and w.kind(k) == "word":
        if w.low(k) == "or":
            hit = w.phrase_at(k, L.SUFFIX)
            return hit.value if hit and hit.last > hit.first else None
        if w.low(k) in L.UNIT_STOPWORDS:
            return None
        k += 1
    return None


# -- changes ----------------------------------------------------------------------------------------------------------


def change_word(word: str) -> str | None:
    """ "up" or "down" for a word of change ("rose", "slid"), else None."""
    if word in L.CHANGE_UP:
        return "up"
    if word in L.CHANGE_DOWN:
        return "down"
    return None


def change_before(w: Window, start: int, unit: str | None, found: list[Quantity]) -> str | None:
    """ "rose by 3", "up 19 cents", "fell 3 per cent" are changes; "rose to 5" is a level. ``found`` holds the
    quantities read so far, for a list item that drops its verb."""
    k = start - 1
    if w.low(k) == "to":
        return None
    if w.low(k) == "by":
        k -= 1
        for back in range(k, max(k - 3, -1), -1):
            if change_word(w.low(back)) and w.low(back) not in ("up", "down"):
                return change_word(w.low(back))  # "grow sales by 35 per cent"
    while w.low(k) in _CHANGE_FILLERS:
        k -= 1
    word = w.low(k)
    change = change_word(word)
    if change and word in ("up", "down") and w.low(k - 1) in L.PHRASAL_VERBS:
        return None
    if change and word in L.COUNT_VERBS and w.low(start - 1) != "by" and unit not in L.RATE_UNITS:
        return None  # "lost 3 games", "cut 500 jobs" are counts; "lost 1.1%" is a change
    if change is None and w.low(start - 1) == "by" and found:
        return _elided_change(w, start, found[-1])
    return change


def _elided_change(w: Window, start: int, before: Quantity) -> str | None:
    """ "Ross was down 2.3%, Burlington by 2.6%": a list item that drops its verb keeps the previous change."""
    gap = w.text[before.end : w[start].start]
    if before.change is None or "," not in gap or len(gap.split()) > 4 or any(c in gap for c in ".;:"):
        return None
    return before.change


def change_after(w: Window, last: int) -> str | None:
    """ "0.68 percent lower", "2 points higher"."""
    return {"higher": "up", "lower": "down"}.get(w.low(last + 1))


# -- ages and names ---------------------------------------------------------------------------------------------------


def is_appositive_age(w: Window, lead: int, last: int, value: float) -> bool:
    """ "Joe Maddon, 66, said" and "John Smith (32)": a bare number set off after a name is an age."""
    if not (0 < value <= L.MAX_AGE and value.is_integer()):
        return False
    opener, closer = w.low(lead - 1), w.low(last + 1)
    if opener == "both" and w.low(lead - 2) == ",":
        return True  # "Antoine and Ormani, both 24, died"
    if opener == "," and closer in ("", "-", "–", "—", "|"):
        closer = ","  # the end of a headline: "man charged in death of boy, 3"
    if (opener, closer) not in ((",", ","), (",", "."), (",", ";"), (",", "of"), ("(", ")")):
        return False
    name = w[lead - 2]
    if name.kind != "word":
        return False
    return name.text[0].isupper() or name.low in L.PERSON_WORDS  # "Joe Maddon, 66," "girl, 3,"


def name_follows(w: Window, i: int) -> bool:
    """A capitalised word after a bare number names a product or a place ("11 Pro", "787 Dreamliner"), unless it
    describes a plural noun after it ("5 Israeli soldiers") or the text is in title case ("2 Dead In ...")."""
    if not w.capitalised(i):
        return False
    word = w.low(i)
    if (
        word in L.UNIT_STOPWORDS
        or word in L.MONTHS
        or word in L.UNIT_ALIASES
        or word in L.SINGULAR_UNITS
        or is_plural(word)
    ):
        return False
    if len(word) < 3 or any((t.kind == "word" and is_plural(t.low)) or t.kind == "num" for t in w.toks[i + 1 : i + 3]):
        return False  # "One US fluid ounce", "63,150 Model 3s"
    return not w.title_case


def is_label(w: Window, lead: int) -> bool:
    """A bare number right after a name or a label word is part of a name ("Big 12", "Game 7", "iPhone 11")."""
    k = lead - 1
    if w.kind(k) != "word":
        return False
    if w.low(k) in L.LABEL_WORDS:
        return True
    starts_sentence = k == 0 or w.low(k - 1) in (".", "!", "?", ":", '"', "“")
    word = w[k].text
    inner_capital = any(c.isupper() for c in word[1:])  # "iPhone 11", "NASDAQ 100"
    if w.headline_case and not inner_capital:
        return False  # "Shooting Kills 2, Wounds 5 Others": in a headline every word is capitalised
    capitalised = word[0].isupper() or inner_capital
    return capitalised and not starts_sentence and w.low(k) not in L.MONTHS
