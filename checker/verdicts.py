"""Judge a group of aligned claims the way an editor would.

Every two reports of a group are judged as a pair:

- ``consistent``: the two intervals overlap ("at least 15" and 19; "about 9,000" and 8,700).
- ``update``: the larger figure comes from a later report (by publication date) or is worded as a revision
  ("rose to", "has grown to") of a count that only grows (deaths, arrests, evacuations). A later report that
  raises a stated figure of such a count is an update even when the intervals overlap ("more than 8,700" one day,
  "more than 12,000" the next).
- ``correction``: a report says it corrects a figure ("not five as first reported").
- ``conflict``: disjoint intervals with none of the above: reports of the same day, or undated, that disagree.

The group's verdict is its most severe pair's (conflict > correction > update > consistent), so a same-day
disagreement is not hidden by a later report that updates both.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields

from checker import vocabulary as V
from checker.claims import Claim
from checker.quantities import Quantity
from checker.quantities.model import convertible, in_first_unit

#: Scale words and letters after a figure's digits, lower-cased, and what they multiply by.
SCALES = {k: v for k, v in (V.MULTIPLIERS | V.CURRENCY_MULTIPLIERS).items() if v >= 1e3}

VERDICTS = ("consistent", "conflict", "update", "correction")
#: How a group's verdict is chosen from its pairs' verdicts: the highest wins.
SEVERITY = {"consistent": 0, "update": 1, "correction": 2, "conflict": 3}


@dataclass(frozen=True)
class Judgement:
    """What a verdict says. ``difference`` is the gap between the intervals (0 when they overlap) and ``relative``
    that gap over the larger figure's magnitude. ``stated_difference`` compares the figures as written, a bound by
    its bound ("up to 16" against 18 is 2), and ``stated_relative`` is that over the larger figure; both are None
    for a vague amount ("dozens") and when the figures agree."""

    name: str
    difference: float
    relative: float
    reason: str
    stated_difference: float | None = None
    stated_relative: float | None = None


@dataclass(frozen=True)
class PairVerdict(Judgement):
    """The judgement on two reports of a group; ``articles`` are their ids, in the group's order."""

    articles: tuple[str, str] = ("", "")


@dataclass(frozen=True)
class Verdict(Judgement):
    """The judgement on one group: its most severe pair's (the largest gap among equals), and every pair."""

    pairs: tuple[PairVerdict, ...] = ()
    #: The two reports the verdict is about when only some pairs were counted (a reference's own); else None.
    about: tuple[str, str] | None = None

    @property
    def pair(self) -> tuple[str, str] | None:
        """The two reports the verdict is about, or None for a group of one."""
        if self.about is not None:
            return self.about
        worst = _worst(self.pairs)
        return worst.articles if worst else None


def judge(claims: tuple[Claim, ...], published: Mapping[str, str | None], *, min_difference: float = 0.0) -> Verdict:
    """Judge the claims of one group. ``published`` maps article ids to ISO dates (or None).

    A gap smaller than ``min_difference`` (absolute) counts as agreement.

    >>> judge((claim_a, claim_b), {"A": "2024-06-14", "B": "2024-06-14"}).name   # doctest: +SKIP
    'conflict'
    """
    if len(claims) > LISTED_GROUP:
        # copies of one feed: claims that read alike are judged alike, so each distinct pair of readings is judged
        # once, between the first claims that give them (a group of 1,000 copies would list half a million pairs)
        firsts: dict[tuple, Claim] = {}
        for c in claims:
            firsts.setdefault(_reading(c, published), c)
        if len(firsts) == 1:
            return Verdict("consistent", 0.0, 0.0, f"all {len(claims)} reports give the same figure")
        claims = tuple(firsts.values())
    pairs = tuple(
        judge_pair(a, b, published, min_difference=min_difference)
        for i, a in enumerate(claims)
        for b in claims[i + 1 :]
    )
    return summarise(pairs)


#: A group of up to this many claims lists every pair's verdict; a larger one each distinct pair of readings.
LISTED_GROUP = 64


def _reading(c: Claim, published: Mapping[str, str | None]) -> tuple:
    """What a pair verdict reads of a claim besides its article: the figure, its date and how it is worded."""
    q = c.quantity
    return (q.text, q.low, q.high, q.change, published.get(c.article), c.planned, c.correction, c.update, c.event)


def summarise(pairs: tuple[PairVerdict, ...], counted: Callable[[PairVerdict], bool] | None = None) -> Verdict:
    """The group's verdict from its pairs' verdicts: the most severe of the pairs ``counted`` keeps (all by
    default), every pair still listed. With a reference draft, only the draft's own pairs count ("the draft
    against the others"); pairs a baseline acknowledges count for nothing."""
    kept = tuple(p for p in pairs if counted is None or counted(p))
    worst = _worst(kept)
    if worst is None:
        reason = "one report only" if not pairs else "no pair of its reports is counted"
        return Verdict("consistent", 0.0, 0.0, reason, pairs=pairs)
    about = worst.articles if counted is not None else None
    if worst.name == "consistent":
        return Verdict("consistent", 0.0, 0.0, "the figures overlap", pairs=pairs, about=about)
    return Verdict(**{f.name: getattr(worst, f.name) for f in fields(Judgement)}, pairs=pairs, about=about)


def judge_pair(a: Claim, b: Claim, published: Mapping[str, str | None], *, min_difference: float = 0.0) -> PairVerdict:
    """Judge two claims of different reports (see the module's docstring for the rules). Figures in two units of
    one kind are compared converted, each widened by ``CONVERSION_BAND`` ("2,000 ft" against "700 metres")."""
    qa, qb = a.quantity, b.quantity
    converted = convertible(qa, qb)
    if converted:
        qa, qb = in_first_unit(qa, V.CONVERSION_BAND), in_first_unit(qb, V.CONVERSION_BAND)
    gap = gap_between(qa, qb)
    lo, hi = (a, b) if _centre(qa) <= _centre(qb) else (b, a)
    magnitude = max(abs(_centre(qa)), abs(_centre(qb))) or 1.0
    stated = stated_difference(qa, qb)
    stated_relative = stated / magnitude if stated else None
    ids = (a.article, b.article)

    def verdict(name: str, reason: str) -> PairVerdict:
        if converted:
            reason += f"; {a.quantity.unit} and {b.quantity.unit} compared converted ({qa.unit}s)"
        if name == "consistent":
            return PairVerdict(name, 0.0, 0.0, reason, articles=ids)
        if a.planned != b.planned:
            # "9,000 children would be evacuated" against "evacuated hundreds": an editor still wants the row,
            # told that one side is a plan
            plan, done = (a, b) if a.planned else (b, a)
            reason += f"; {plan.article}'s figure is a plan, {done.article}'s what was done"
        return PairVerdict(name, gap, gap / magnitude, reason, stated, stated_relative, articles=ids)

    dates = published.get(a.article), published.get(b.article)
    if gap == 0 or gap < min_difference:
        later = _later_and_higher(a, b, published)
        if gap == 0 and later is not None and a.event in V.CUMULATIVE_EVENTS:
            earlier = a if later is b else b
            raised = f"{later.article} is later ({published[later.article]}) and raises {earlier.article}'s figure"
            return verdict("update", raised)
        return verdict("consistent", f"{a.article} and {b.article}: the figures overlap")
    if lo.correction or hi.correction:
        corrector = lo if lo.correction else hi
        return verdict("correction", f"{corrector.article} words its figure as a correction")
    if lo.event in V.CUMULATIVE_EVENTS:
        lo_date, hi_date = published.get(lo.article), published.get(hi.article)
        if lo_date and hi_date and hi_date > lo_date:
            return verdict("update", f"{hi.article} is later ({hi_date}) and higher than {lo.article}")
        if hi.update and not lo.update:
            return verdict("update", f"{hi.article} words its figure as a rise over {lo.article}'s")
    if dates[0] and dates[0] == dates[1]:
        when = f" on the same day ({dates[0]})"
    elif dates[0] and dates[1]:
        when = ""
    elif dates[0] or dates[1]:
        when = f" ({b.article if dates[0] else a.article} is undated)"
    else:
        when = " (both undated)"
    return verdict("conflict", f"{a.article} and {b.article} disagree{when}")


def overlap(a: Quantity, b: Quantity) -> bool:
    """Whether two figures agree as :func:`judge_pair` reads them: their intervals overlap (compared converted, each
    widened by ``CONVERSION_BAND``, when the units are two of one kind)."""
    if convertible(a, b):
        a, b = in_first_unit(a, V.CONVERSION_BAND), in_first_unit(b, V.CONVERSION_BAND)
    return gap_between(a, b) == 0


def _later_and_higher(a: Claim, b: Claim, published: Mapping[str, str | None]) -> Claim | None:
    """The claim of the later-dated report when its stated figure is higher than the earlier one's, else None."""
    da, db = published.get(a.article), published.get(b.article)
    if not (da and db) or da == db:
        return None
    earlier, later = (a, b) if da < db else (b, a)
    before, after = _stated(earlier.quantity), _stated(later.quantity)
    if before is None or after is None or after[0] <= before[1]:
        return None
    return later


def stated_difference(a: Quantity, b: Quantity) -> float | None:
    """How far apart two figures are as written: "$15m" and "$12 million" are 3,000,000 apart, "up to 16" and 18
    are 2, a range is measured from its nearer end. None when either is a vague amount ("dozens", "hundreds")."""
    sa, sb = _stated(a), _stated(b)
    if sa is None or sb is None:
        return None
    return max(sb[0] - sa[1], sa[0] - sb[1], 0.0)


def _stated(q: Quantity) -> tuple[float, float] | None:
    """The figure as written, as (low, high): a single number twice, a range its two ends, a bound its bound."""
    if q.qualifier == "vague":
        return None
    if q.value is not None:
        return (q.value, q.value)
    if q.qualifier == "range" and q.low is not None and q.high is not None:
        return (q.low, q.high)
    bound = q.low if q.qualifier in ("at_least", "more_than") else q.high
    return None if bound is None else (bound, bound)


def _worst(pairs: tuple[PairVerdict, ...]) -> PairVerdict | None:
    return max(pairs, key=lambda p: (SEVERITY[p.name], p.difference), default=None)


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
    """The interval the copy asserts, widened by the rounding a scaled figure admits (:func:`rounding`)."""
    half = rounding(q)
    return (
        q.low - half if q.low is not None else float("-inf"),
        q.high + half if q.high is not None else float("inf"),
    )


#: A figure written with a scale word or letter ("15M", "$13.6 million", "102K", "$2.5bn").
_SCALED = re.compile(r"(\d+(?:,\d{3})*(?:\.(\d+))?)[\s-]*(" + "|".join(SCALES) + r")\b", re.IGNORECASE)


def rounding(q: Quantity) -> float:
    """Just under half the last written digit of a scaled figure of two or more significant digits: "15M" stands
    for 14.51-15.49 million, "$13.6 million" for 13.551-13.649 million, "102K" for 101,510-102,490, so that they
    agree with "15.1 million", "$13,625,777" and "101,789" (an outlet that abbreviates a precise figure has
    rounded it; the labelled links of AllSides and BASIL copy pair them as agreeing). 0 otherwise: a figure of
    one significant digit is a claim an editor holds the copy to ("$1 trillion" against "$1.2 trillion", "1
    million jobs" against 943,000, as the labelled links have them), and a figure written out in full is exact
    ("120" against "118"). Just under half, because rounding intervals are half-open: "$2.5bn" and "$2.4bn" must
    stay apart."""
    m = _SCALED.search(q.text)
    if m is None:
        return 0.0
    digits = m.group(1).replace(",", "")
    whole, _, decimals = digits.partition(".")
    significant = len((whole.lstrip("0") + decimals).lstrip("0")) if decimals else len(whole.strip("0"))
    if significant < 2:
        return 0.0
    return SCALES[m.group(3).lower()] * 10.0 ** -len(decimals) * 0.49


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
