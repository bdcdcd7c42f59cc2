"""``benchmarks/links.py``: story-level intervals and the roads it measures."""

from __future__ import annotations

import argparse
from collections import Counter

import pytest

from benchmarks.links import _modes, intervals


def _stories(found: list[int], required: int = 2, flagged: int = 2) -> dict[str, Counter]:
    """One road's tallies, one story a value of ``found`` (each with a flag per discrepancy found)."""
    return {
        f"story{k}": Counter(found=f, required=required, good_flags=f, flagged=flagged) for k, f in enumerate(found)
    }


def _difference(lines: list[str]) -> tuple[float, float]:
    text = next(line for line in lines if " - " in line).split("found ")[1].split(",")[0]
    lo, hi = text.split(" to ")
    return float(lo), float(hi)


def test_a_road_against_itself_differs_by_nothing_and_a_better_road_by_more_than_nothing():
    base = _stories([0, 1, 0, 2, 1, 0, 1, 1, 0, 2])
    same = intervals({"gates": base, "learned": dict(base)})
    assert _difference(same) == (0.0, 0.0)
    better = intervals({"gates": base, "learned": _stories([1, 2, 1, 2, 2, 1, 2, 2, 1, 2])})
    lo, hi = _difference(better)
    assert 0 < lo <= hi <= 10  # one more in 8 of 10 stories: never fewer, never more than the stories hold


def test_intervals_are_the_same_from_run_to_run_and_hold_the_estimate():
    runs = {"gates": _stories([0, 1, 2, 0, 1]), "learned": _stories([1, 1, 2, 0, 2])}
    first = intervals(runs)
    assert first == intervals(runs)
    recall = next(line for line in first if line.strip().startswith("gates")).split("recall [")[1].split("]")[0]
    lo, hi = (float(x.rstrip("%")) / 100 for x in recall.split(", "))
    assert lo <= 4 / 10 <= hi


def test_alignment_takes_several_roads_in_order_and_refuses_unknown_ones():
    assert _modes("learned,gates") == ["learned", "gates"]
    assert _modes("gates") == ["gates"]
    with pytest.raises(argparse.ArgumentTypeError, match="unknown alignment magic"):
        _modes("gates,magic")
