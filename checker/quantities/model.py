"""What a quantity is: the :class:`Quantity` a sentence states and the :class:`Qualifier` of its number."""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

from checker.quantities import lexicon as L


class Qualifier(StrEnum):
    """How a number bounds what it counts. Members are strings, so JSON and CSV output read "at_least" as before."""

    EXACT = "exact"
    APPROXIMATE = "approximate"
    AT_LEAST = "at_least"
    MORE_THAN = "more_than"
    AT_MOST = "at_most"
    LESS_THAN = "less_than"
    RANGE = "range"
    VAGUE = "vague"


#: "nearly 100": read as a qualifier of its own, stated as LESS_THAN with a band below the number (see interval).
NEARLY = "nearly"


@dataclass(frozen=True)
class Quantity:
    """One quantity as the text states it.

    ``low``/``high`` bound the interval the text asserts (None: unbounded). ``value`` is the number as written,
    None for ranges and vague amounts. ``start``/``end`` index the span (qualifier words included) in the text
    given to :func:`checker.quantities.extract`. A ``qualifier`` given as a string is stored as its Qualifier.
    """

    text: str
    start: int
    end: int
    value: float | None
    low: float | None
    high: float | None
    qualifier: Qualifier
    change: str | None = None
    unit: str | None = None

    def __post_init__(self) -> None:
        if not isinstance(self.qualifier, Qualifier):
            object.__setattr__(self, "qualifier", Qualifier(self.qualifier))


def interval(value: float, qualifier: str) -> tuple[float | None, float | None, Qualifier]:
    """The interval a qualified number asserts: (low, high, qualifier as stated). See ``APPROXIMATE_BAND``."""
    floor = 0.0 if value >= 0 else None
    if qualifier == Qualifier.APPROXIMATE:
        band = abs(value) * L.APPROXIMATE_BAND
        if value == int(value) and abs(value) >= 1:
            band = max(band, 1.0)  # "about 5" admits 4 and 6: small counts are rounded to the unit
        return value - band, value + band, Qualifier.APPROXIMATE
    if qualifier in (Qualifier.AT_LEAST, Qualifier.MORE_THAN):
        return value, None, Qualifier(qualifier)
    if qualifier in (Qualifier.AT_MOST, Qualifier.LESS_THAN):
        return (min(floor, value) if floor is not None else None), value, Qualifier(qualifier)
    if qualifier == NEARLY:
        return value - abs(value) * L.NEARLY_BAND, value, Qualifier.LESS_THAN
    return value, value, Qualifier.EXACT


def convertible(a: Quantity, b: Quantity) -> bool:
    """Two figures in different units of one kind that convert ("2,000 ft" and "700 metres"; not °F and °C)."""
    fa, fb = L.UNIT_FACTORS.get(a.unit or ""), L.UNIT_FACTORS.get(b.unit or "")
    return fa is not None and fb is not None and a.unit != b.unit and fa[0] == fb[0]


def in_first_unit(q: Quantity, widen: float = 0.0) -> Quantity:
    """``q`` converted to the first unit of its kind (metres, grams, square metres, litres, km/h), an exact figure's
    interval widened by ``widen`` of each end: a converted figure is rounded in the copy ("10 miles (15
    kilometers)"); "about 600m" already admits as much."""
    kind, factor = L.UNIT_FACTORS[q.unit or ""]
    if q.qualifier != Qualifier.EXACT:
        widen = 0.0

    def scaled(v: float | None, side: int) -> float | None:
        return None if v is None else v * factor * (1 + side * widen)

    value = None if q.value is None else q.value * factor
    return replace(q, value=value, low=scaled(q.low, -1), high=scaled(q.high, 1), unit=L.FIRST_UNITS[kind])
