"""The reading loop: find each number core, leave out what is no quantity, read what surrounds the rest."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.quantities import around
from checker.quantities import lexicon as L
from checker.quantities.cores import Core, core_at, ratio_after
from checker.quantities.exclusions import not_a_quantity
from checker.quantities.model import Qualifier, Quantity, interval
from checker.quantities.tokens import DASHES, Window
from checker.quantities.units import measure_after, per_unit, unit_after

_NUMBER_GLUE = DASHES | {":", "."}  # what glues an excluded number to the rest of it ("F-16", "11:30")


def extract(text: str) -> list[Quantity]:
    """Return every quantity in ``text``, in text order.

    Dates, years, times, ordinals, phone numbers, street numbers, model names ("F-16") and page furniture
    ("2 Min read") are left out. Ages come back with the unit ``year``. Never raises on any string.

    >>> [q.text for q in extract("At least 15 people were killed and up to 16 injured.")]
    ['At least 15', 'up to 16']
    """
    w = Window(text)
    found: list[Quantity] = []
    i = 0
    while i < w.n:
        nxt = _read_at(w, i, found)
        i = nxt if nxt > i else i + 1
    return _inherit_conversions(text, found)


def _read_at(w: Window, i: int, found: list[Quantity]) -> int:
    """Read a quantity whose number starts at token i into ``found``; return the token to read on from."""
    core = core_at(w, i)
    if core is None:
        return i + 1
    if core.vague is not None:
        # "dozens of people": the noun after "of" is what they count
        unit = unit_after(w, core.last + 1 + (w.low(core.last + 1) == "of"), 2.0)
        low, high = core.vague
        found.append(_quantity(w, core.first, core.last, None, low, high, Qualifier.VAGUE, None, unit))
        return core.last + 1
    core = ratio_after(w, core) or core
    if not_a_quantity(w, core):
        return _skip_past(w, core.last)
    return _read_figure(w, core, found)


def _skip_past(w: Window, last: int) -> int:
    """Skip the excluded number and anything glued to it ("F-16", "11:30", "555-1234")."""
    k = last + 1
    while k < w.n and w.glued(k - 1, k) and (w.kind(k) == "num" or w.low(k) in _NUMBER_GLUE):
        k += 1
    return k


def _read_figure(w: Window, core: Core, found: list[Quantity]) -> int:
    """Read what surrounds a bare number (currency, sign, scale, unit, range, qualifiers, change, counted noun)."""
    lead = around.lead_in(w, core.first, core.value)
    value, unit = lead.value, lead.unit
    last, value = around.scale(w, core.last, value, currency=unit is not None)
    scaled = last != core.last
    measure = measure_after(w, last, unit)
    if measure is not None:
        unit, last = measure.name, measure.last

    low = high = None
    qualifier: str = Qualifier.EXACT
    rng = around.range_after(w, lead.first, last, value, unit, scaled=scaled)
    if rng is not None:
        last, low, high, qualifier = rng.last, rng.low, rng.high, Qualifier.RANGE
        if unit is None or (rng.unit or "").startswith(unit + " per "):
            unit = rng.unit  # "between $62 and $68 per share": the rate is read after the second end

    start, prefix = around.prefix_qualifier(w, lead.first, lead.hint)
    if qualifier == Qualifier.RANGE:
        if w.low(start - 1) in ("between", "from"):
            start -= 1
    elif prefix:
        qualifier = prefix
    if qualifier == Qualifier.EXACT:
        suffix = around.suffix_qualifier(w, last)
        if suffix is not None:
            last, qualifier = suffix
    if qualifier == Qualifier.EXACT:
        qualifier = around.suffix_after_noun(w, last) or qualifier

    change = (
        (rng.change if rng else None) or around.change_before(w, start, unit, found) or around.change_after(w, last)
    )
    if lead.hint == "up" or (lead.hint == "-" and unit == "percent"):
        change, qualifier = ("up" if lead.hint == "up" else "down"), Qualifier.EXACT  # "Dow +0.2%"
    if qualifier == Qualifier.RANGE and unit and w.low(last + 1) == "per":
        rate = per_unit(w, unit, last)  # "between $62 and $68 per share"
        unit, last = rate.name, rate.last
    noun_from = last + 1
    if w.low(last + 1) in L.INCREMENT_WORDS and w.low(last + 2) != "than":
        change = change or "up"  # "3 more people"
        noun_from = last + 2
    if unit is None and qualifier == Qualifier.EXACT and around.is_appositive_age(w, lead.first, last, value):
        unit = "year"
    bare = qualifier == Qualifier.EXACT and change is None and unit is None
    if bare and (around.name_follows(w, noun_from) or (around.is_label(w, lead.first) and w.capitalised(noun_from))):
        return noun_from  # "iPhone 11 Pro Max", "787 Dreamliner", "90049 ZIP Code": a name, not an amount
    if unit is None:
        unit = _unit_before(w, start)
    if unit is None:
        unit = unit_after(w, noun_from, value if qualifier != Qualifier.RANGE else 2.0)
        if unit is None and qualifier == Qualifier.EXACT and change is None and around.is_label(w, lead.first):
            return last + 1  # "iPhone 11", "S&P 500", "category 4": a name, not a quantity
    if qualifier != Qualifier.RANGE:
        low, high, qualifier = interval(value, qualifier)
    found.append(_quantity(w, start, last, value, low, high, qualifier, change, unit))
    return last + 1


def _unit_before(w: Window, first: int) -> str | None:
    """A unit named by the words right before the figure's first token ("magnitude 6.8", "a magnitude of 6.8")."""
    for words, unit in L.UNITS_BEFORE:
        at = first - len(words)
        if at >= 0 and w.words_at(at, len(words)) == words and w.words_at(at - 2, 2) != ("order", "of"):
            return unit  # not "an order of magnitude 10 times larger"
    return None


def _quantity(
    w: Window,
    first: int,
    last: int,
    value: float | None,
    low: float | None,
    high: float | None,
    qualifier: Qualifier,
    change: str | None,
    unit: str | None,
) -> Quantity:
    start, end = w[first].start, w[last].end
    stated = value if qualifier not in (Qualifier.RANGE, Qualifier.VAGUE) else None
    return Quantity(w.text[start:end], start, end, stated, low, high, qualifier, change, unit)


#: Units a figure is converted between; counted nouns are not among them.
_MEASURES = frozenset(
    set(L.UNIT_ALIASES.values())
    | set(L.CASED_UNITS.values())
    | set(L.CURRENCY_SYMBOLS.values())
    | set(L.CURRENCY_CODES.values())
    | set(L.DOLLAR_PREFIXES.values())
    | L.SINGULAR_UNITS
)
_CONVERSION_GAP = re.compile(r"\s*[(\[]\s*|\s*/\s*")


def _inherit_conversions(text: str, found: list[Quantity]) -> list[Quantity]:
    """A figure in brackets right after another restates it in other units ("just under 296 hp (224 kW / 300 PS)",
    "dropped by 1 to 1.5 degrees Celsius (1.8 to 2.7 Fahrenheit)"): it asserts the same bound and the same change."""
    out = list(found)
    bracketed = False
    for n in range(1, len(out)):
        before, q = out[n - 1], out[n]
        gap = text[before.end : q.start]
        bracketed = bool(_CONVERSION_GAP.fullmatch(gap)) and ("/" not in gap or bracketed)
        if not bracketed or q.qualifier not in (Qualifier.EXACT, Qualifier.RANGE) or q.change is not None:
            continue
        if q.unit not in _MEASURES or before.unit not in _MEASURES:
            continue  # "at least 5 people (3 children)" is a part, not the same figure restated
        restated = q.qualifier == Qualifier.EXACT and before.qualifier not in (Qualifier.RANGE, Qualifier.VAGUE)
        low, high, qualifier = q.low, q.high, q.qualifier
        if restated and q.value is not None:
            low, high, qualifier = interval(q.value, before.qualifier)
        out[n] = replace(q, qualifier=qualifier, low=low, high=high, change=before.change)
    return out
