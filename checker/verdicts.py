"""Judge a group of aligned claims the way an editor would.

- ``consistent``: every two intervals overlap ("at least 15" and 19; "about 9,000" and 8,700).
- ``update``: they do not, but the larger figure comes from a later report (by publication date) or is worded
  as a revision ("rose to", "has grown to") of a count that only grows (deaths, arrests, evacuations).
- ``correction``: a report says it corrects a figure ("not five as first reported").
- ``conflict``: disjoint intervals with none of the above.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from checker import vocabulary as V
from checker.claims import Claim
from checker.quantities import Quantity

VERDICTS = ("consistent", "conflict", "update", "correction")


@dataclass(frozen=True)
class Verdict:
    """The judgement on one group. ``difference`` is the gap between the two furthest intervals (0 when they
    overlap); ``relative`` is that gap over the larger figure's magnitude."""

    name: str
    difference: float
    relative: float
    reason: str


def judge(claims: tuple[Claim, ...], published: Mapping[str, str | None], *, min_difference: float = 0.0) -> Verdict:
    """Judge the claims of one group. ``published`` maps article ids to ISO dates (or None).

    A gap smaller than ``min_difference`` (absolute) counts as agreement.
    """
    gap, lo_claim, hi_claim = 0.0, claims[0], claims[0]
    for i, a in enumerate(claims):
        for b in claims[i + 1 :]:
            g = gap_between(a.quantity, b.quantity)
            if g > gap:
                gap = g
                lo_claim, hi_claim = (a, b) if _centre(a.quantity) <= _centre(b.quantity) else (b, a)
    magnitude = max(abs(_centre(c.quantity)) for c in claims) or 1.0
    relative = gap / magnitude
    if gap == 0 or gap < min_difference:
        return Verdict("consistent", 0.0, 0.0, "the figures overlap")
    if lo_claim.correction or hi_claim.correction:
        corrector = lo_claim if lo_claim.correction else hi_claim
        return Verdict("correction", gap, relative, f"{corrector.article} words its figure as a correction")
    if lo_claim.event in V.CUMULATIVE_EVENTS:
        lo_date, hi_date = published.get(lo_claim.article), published.get(hi_claim.article)
        if lo_date and hi_date and hi_date > lo_date:
            return Verdict("update", gap, relative, f"{hi_claim.article} is later ({hi_date}) and higher")
        if hi_claim.update and not lo_claim.update:
            return Verdict("update", gap, relative, f"{hi_claim.article} words its figure as a rise")
    return Verdict("conflict", gap, relative, "the figures do not overlap")


def gap_between(a: Quantity, b: Quantity) -> float:
    """Distance between two intervals; 0 when they overlap. Strict bounds ("more than 20") exclude their end:
    "more than 20" and 20 are apart by the smallest step of the figures (1 for counts)."""
    lo_a, hi_a = _bounds(a)
    lo_b, hi_b = _bounds(b)
    if hi_a < lo_b or (hi_a == lo_b and (_open_high(a) or _open_low(b))):
        return max(lo_b - hi_a, _step(a, b))
    if hi_b < lo_a or (hi_b == lo_a and (_open_high(b) or _open_low(a))):
        return max(lo_a - hi_b, _step(a, b))
    return 0.0


def _bounds(q: Quantity) -> tuple[float, float]:
    return (q.low if q.low is not None else float("-inf"), q.high if q.high is not None else float("inf"))


def _open_low(q: Quantity) -> bool:
    return q.qualifier == "more_than"


def _open_high(q: Quantity) -> bool:
    return q.qualifier == "less_than"


def _step(a: Quantity, b: Quantity) -> float:
    """The smallest difference the figures can express: 1 between whole numbers, else a hundredth."""
    ends = [v for v in (a.low, a.high, b.low, b.high) if v is not None]
    if all(float(v).is_integer() for v in ends):
        return 1.0
    return max(abs(v) for v in ends) / 100 if ends else 0.0


def _centre(q: Quantity) -> float:
    if q.value is not None:
        return q.value
    lo, hi = q.low, q.high
    if lo is not None and hi is not None:
        return (lo + hi) / 2
    return lo if lo is not None else (hi or 0.0)
