"""Number reading on Recognizers-Text's English number, range and percent specs (MIT), beside NewsQuant.

    python benchmarks/recognizers.py            # P / R / F1 of values per spec file
    python benchmarks/recognizers.py --misses   # every miss and false alarm

A gold figure is found when a quantity ``checker.quantities.extract`` returns for the same input has the same
value: a number its value, a percentage its number, a range both ends (an open end is unbounded). Precision counts
every returned quantity, so a number found in an input that holds none (``"Results": []``) costs precision; the
number model leaves measures to Recognizers' dimension model ("the 180ml liquid" holds no *number* there), which a
news reader does read, so recall is the figure to watch on NumberModel.

Which cases are news quantities: cardinals, decimals, fractions, number words, suffixed amounts ("1.2m", "3k"),
percentages and ranges of them are. Ranges of ordinals ("between the tenth and the fifteenth") are ranks, not
amounts: claimdiff reads no ordinal as a quantity by contract, so those cases are scored apart ("ranks").
"""

from __future__ import annotations

import argparse
import json
import math
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import corpus
from checker.quantities import Quantity, extract

SPECS = ("NumberModel", "NumberRangeModel", "PercentModel")
_INTERVAL = re.compile(r"^([\[(])\s*([^,]*)\s*,\s*([^,\])]*)\s*([\])])$")
_ORDINAL = re.compile(r"\b(?:\w+th|first|second|third|\d+(?:st|nd|rd|th))\b", re.IGNORECASE)


def gold_interval(resolution: dict) -> tuple[float, float] | None:
    value = str(resolution.get("value", ""))
    m = _INTERVAL.match(value)
    if m:
        low = float(m.group(2)) if m.group(2) else -math.inf
        high = float(m.group(3)) if m.group(3) else math.inf
        return low, high
    try:
        v = float(value.replace(",", "").rstrip("%"))
    except ValueError:
        return None
    return v, v


def interval(q: Quantity) -> tuple[float, float]:
    """The interval as Recognizers writes it. claimdiff floors an upper bound at 0 ("under 170" is 0 to 170: a count
    is never negative); Recognizers leaves it open, so that floor is read as no lower end."""
    if q.value is not None and q.qualifier == "exact":
        return q.value, q.value
    if q.qualifier in ("at_most", "less_than") and q.low == 0:
        return -math.inf, q.high if q.high is not None else math.inf
    low = q.low if q.low is not None else -math.inf
    high = q.high if q.high is not None else math.inf
    return low, high


def same(a: tuple[float, float], b: tuple[float, float]) -> bool:
    return all(x == y or math.isclose(x, y, rel_tol=1e-6) for x, y in zip(a, b, strict=True))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    root = corpus("recognizers_text_numbers")
    print(f"{'spec':<22}{'cases':>6}{'gold':>6}{'found':>6}{'P':>7}{'R':>7}{'F1':>7}")
    for spec in SPECS:
        rows = {"news": [0, 0, 0, 0], "ranks": [0, 0, 0, 0]}  # cases, gold, predicted, matched
        for case in json.loads((root / f"{spec}.json").read_text(encoding="utf-8")):
            text = case["Input"]
            golds = [g for g in (gold_interval(r.get("Resolution") or {}) for r in case["Results"]) if g]
            kind = "ranks" if spec == "NumberRangeModel" and _ORDINAL.search(text) else "news"
            predicted = extract(text)
            free = list(range(len(predicted)))
            matched = 0
            for g in golds:
                hit = next((i for i in free if same(interval(predicted[i]), g)), None)
                if hit is None:
                    if args.misses:
                        print(f"  miss  {spec}: {text!r} -> {g}")
                    continue
                free.remove(hit)
                matched += 1
            if args.misses:
                for i in free:
                    print(f"  extra {spec}: {text!r} -> {predicted[i].text!r} {interval(predicted[i])}")
            row = rows[kind]
            row[0] += 1
            row[1] += len(golds)
            row[2] += len(predicted)
            row[3] += matched
        for kind, (cases, gold, pred, hit) in rows.items():
            if not cases:
                continue
            p, r = hit / pred if pred else 0.0, hit / gold if gold else 0.0
            f = 2 * p * r / (p + r) if p + r else 0.0
            name = spec if kind == "news" else f"{spec} ({kind})"
            print(f"{name:<22}{cases:6}{gold:6}{hit:6}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}")


if __name__ == "__main__":
    main()
