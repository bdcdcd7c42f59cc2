"""Verdicts, model-free: claims are built directly (tests/factories.py), so each rule is tested alone in milliseconds.

The cases follow the README's verdict table, one or more per row; a test keeps the two in step.
"""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from checker.verdicts import judge, stated_difference
from tests.conftest import ROOT
from tests.factories import claim, quantity

DAY1, DAY2 = "2024-06-14", "2024-06-15"


def exact(n: float, text: str | None = None):
    return quantity(text or f"{n:,.0f}", n)


# fmt: off
# (id, claims of A, B[, C...] as (figure, keyword options), dates, expected verdict) -- the README table's rows
CASES = [
    ("consistent: 'at least 15' and 19", [quantity("at least 15", 15, low=15, qualifier="at_least"), exact(19)],
     [None, None], "consistent"),
    ("consistent: 'about 9,000' and 8,700", [quantity("about 9,000", 9000, low=8100, high=9900,
     qualifier="approximate"), exact(8700)], [None, None], "consistent"),
    ("conflict: 'up to 16' and 18 on the same day", [quantity("up to 16", 16, low=0, high=16, qualifier="at_most"),
     exact(18)], [DAY1, DAY1], "conflict"),
    ("conflict: undated reports", [exact(34), exact(36)], [None, None], "conflict"),
    ("update: the larger figure is in a later report", [exact(34), exact(41)], [DAY1, DAY2], "update"),
    ("update: a later report raises an overlapping figure", [
        quantity("more than 8,700", 8700, low=8700, qualifier="more_than"),
        quantity("more than 12,000", 12000, low=12000, qualifier="more_than")], [DAY1, DAY2], "update"),
    ("consistent: compatible figures on the same day", [
        quantity("more than 8,700", 8700, low=8700, qualifier="more_than"),
        quantity("more than 12,000", 12000, low=12000, qualifier="more_than")], [DAY1, DAY1], "consistent"),
    ("conflict: a later report with a lower figure", [exact(41), exact(34)], [DAY1, DAY2], "conflict"),
    ("consistent: '15M' and '15.1 million' (an abbreviated figure was rounded)", [exact(15e6, "15M"),
     exact(15.1e6, "15.1 million")], [DAY1, DAY1], "consistent"),
    ("consistent: '$13.6 million' and '$13,625,777'", [exact(13.6e6, "$13.6 million"), exact(13_625_777)],
     [None, None], "consistent"),
    ("consistent: '$2.45-million' and '$2,453,000'", [exact(2.45e6, "$2.45-million"), exact(2_453_000)], [None, None],
     "consistent"),
    ("consistent: '102K' and '101,789'", [exact(102e3, "102K"), exact(101_789)], [None, None], "consistent"),
    ("conflict: '$2.5bn' and '$2.4bn' (rounding intervals are half-open)", [exact(2.5e9, "$2.5bn"),
     exact(2.4e9, "$2.4bn")], [None, None], "conflict"),
    ("conflict: '$43 million' and '$43,885,310' (rounds to $44 million)", [exact(43e6, "$43 million"),
     exact(43_885_310)], [None, None], "conflict"),
    ("conflict: '$1 trillion' and '$1.2 trillion' (one significant digit is held to)", [exact(1e12, "$1 trillion"),
     exact(1.2e12, "$1.2 trillion")], [None, None], "conflict"),
    ("conflict: '1 million' and 943,000", [exact(1e6, "1 million"), exact(943_000)], [None, None], "conflict"),
    ("conflict: figures written out in full are exact", [exact(120), exact(118)], [DAY1, DAY1], "conflict"),
    ("conflict: '2,000 ft' and '700 metres' (compared converted)", [quantity("2,000 ft", 2000, unit="foot"),
     quantity("700 metres", 700, unit="metre")], [None, None], "conflict"),
    ("consistent: '10 miles' and '15 kilometres' (a conversion the copy rounded)", [
     quantity("10 miles", 10, unit="mile"), quantity("15 kilometres", 15, unit="kilometre")], [None, None],
     "consistent"),
    ("conflict: '150 metres' and 'about 200ft'", [quantity("150 metres", 150, unit="metre"),
     quantity("about 200ft", 200, low=180, high=220, qualifier="approximate", unit="foot")], [None, None], "conflict"),
]
# fmt: on


@pytest.mark.parametrize(("figures", "dates", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_two_reports(figures, dates, expected):
    claims = tuple(claim(label, f) for label, f in zip("ABC", figures, strict=False))
    published = dict(zip("ABC", dates, strict=False))
    assert judge(claims, published).name == expected


def test_a_figure_worded_as_a_rise_is_an_update():
    claims = (claim("A", exact(2)), claim("B", exact(5), update=True))
    verdict = judge(claims, {"A": None, "B": None})
    assert verdict.name == "update" and "B" in verdict.reason


def test_a_figure_worded_as_a_correction_is_a_correction():
    claims = (claim("A", exact(4)), claim("B", exact(5), correction=True))
    verdict = judge(claims, {"A": DAY1, "B": DAY1})
    assert verdict.name == "correction" and "B" in verdict.reason


def test_readme_verdict_table_has_a_case_for_every_row():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = readme.split("### Verdicts", 1)[1].split("\n\n", 2)[1]
    rows = set(re.findall(r"^\| `(\w+)` \|", table, flags=re.MULTILINE))
    tested = {c[3] for c in CASES} | {"correction"}
    assert rows and rows == tested


# -- three or more reports -------------------------------------------------------------------------------


def test_a_same_day_conflict_is_not_hidden_by_a_later_update():
    """A (14 June) 34 killed, B (14 June) 36, C (15 June) 41: A and B disagree, C updates both."""
    claims = (claim("A", exact(34)), claim("B", exact(36)), claim("C", exact(41)))
    verdict = judge(claims, {"A": DAY1, "B": DAY1, "C": DAY2})
    assert verdict.name == "conflict"
    assert verdict.pair == ("A", "B")
    assert "A" in verdict.reason and "B" in verdict.reason and "C" not in verdict.reason
    names = {p.articles: p.name for p in verdict.pairs}
    assert names == {("A", "B"): "conflict", ("A", "C"): "update", ("B", "C"): "update"}


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        # two agreeing reports and a later, higher one: the row is the update
        ((34, 34, 41), "update"),
        # every pair agrees
        ((34, 34, 34), "consistent"),
    ],
)
def test_the_row_takes_the_most_severe_pair(names, expected):
    claims = tuple(claim(label, exact(n)) for label, n in zip("ABC", names, strict=True))
    assert judge(claims, {"A": DAY1, "B": DAY1, "C": DAY2}).name == expected


def test_a_correction_outranks_an_update():
    claims = (claim("A", exact(4)), claim("B", exact(5), correction=True), claim("C", exact(9)))
    verdict = judge(claims, {"A": DAY1, "B": DAY1, "C": DAY2})
    assert verdict.name == "correction" and "B" in verdict.pair


# -- differences as written --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        (quantity("$15m", 15e6, low=13.5e6, high=16.5e6, qualifier="approximate"), exact(12e6, "$12 million"), 3e6),
        (quantity("up to 16", 16, low=0, high=16, qualifier="at_most"), exact(18), 2),
        (quantity("10-12", None, low=10, high=12, qualifier="range"), exact(15), 3),
        (quantity("dozens", None, low=12, high=120, qualifier="vague"), exact(300), None),
    ],
    ids=["money as written", "a bound by its bound", "a range from its nearer end", "a vague amount has none"],
)
def test_stated_difference(a, b, expected):
    assert stated_difference(a, b) == expected


def test_a_conflict_carries_its_difference_as_written():
    a = quantity("$15m", 15e6, low=13.5e6, high=16.5e6, qualifier="approximate")
    claims = (claim("A", a, noun=None), claim("B", exact(10e6, "$10 million"), noun=None))
    verdict = judge(claims, {"A": None, "B": None})
    assert verdict.name == "conflict"
    # the interval gap: "$15m" [13.5m, 16.5m] less its rounding (0.49m) against "$10 million" (one significant
    # digit: none)
    assert verdict.stated_difference == 5e6 and verdict.difference == pytest.approx(3.5e6 - 0.49e6)


def test_a_plan_against_what_was_done_is_shown_and_says_so():
    plan = replace(claim("A", quantity("around 9,000", 9000), event="evacuated"), planned=True)
    done = claim("B", quantity("hundreds", None, low=100, high=1000, qualifier="vague"), event="evacuated")
    verdict = judge((plan, done), {"A": None, "B": None})
    assert verdict.name == "conflict"
    assert "A's figure is a plan, B's what was done" in verdict.reason
    both_done = judge((replace(plan, planned=False), done), {"A": None, "B": None})
    assert "plan" not in both_done.reason


def test_copies_of_a_feed_are_judged_once_per_distinct_reading():
    # 200 copies of one wire figure and one outlet's other figure: the verdict is the same as for two reports,
    # and the pairs listed are the distinct pairs of readings, not the 20,000 pairs of claims
    copies = [claim(f"W{i}", exact(34)) for i in range(200)]
    other = claim("X", exact(36))
    verdict = judge((*copies, other), {})
    assert verdict.name == "conflict"
    assert len(verdict.pairs) == 1
    assert set(verdict.pairs[0].articles) == {"W0", "X"}
    same = judge(tuple(copies), {})
    assert same.name == "consistent" and "all 200 reports" in same.reason


def test_figures_in_two_units_are_compared_in_one_and_say_so():
    a, b = claim("A", quantity("2,000 ft", 2000, unit="foot")), claim("B", quantity("700 metres", 700, unit="metre"))
    verdict = judge((a, b), {"A": None, "B": None})
    assert verdict.name == "conflict" and "foot and metre compared converted (metres)" in verdict.reason
    # 2,000 ft is 609.6 m, widened 5 % either way: 579.1-640.1 against 665-735
    assert verdict.difference == pytest.approx(700 * 0.95 - 609.6 * 1.05)
    fahrenheit = claim("B", quantity("70F", 70, unit="fahrenheit"))
    celsius = claim("A", quantity("21C", 21, unit="celsius"))
    # temperatures do not convert by a factor: the figures are judged as written
    assert judge((celsius, fahrenheit), {"A": None, "B": None}).name == "conflict"
