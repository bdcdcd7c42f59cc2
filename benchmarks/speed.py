"""How fast claimdiff is, as medians of several runs in one invocation.

    python benchmarks/speed.py               # CLI cold start, --help, peak memory, encoder, whole GVA corpus
    python benchmarks/speed.py --runs 3 --gva-incidents 200

- cold wall time of ``claimdiff examples/belgorod/*.txt --format json`` (a new process each run);
- wall time of ``claimdiff --help``;
- peak RSS of the Belgorod run;
- encoder sentences/s on GVA sentences (model already loaded);
- articles/s over the GVA corpus (every incident through ``checker.compare``), split by stage.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import CORPORA, ROOT
from checker.sentences import split
from embeddings import load_encoder

CLAIMDIFF = [sys.executable, "-m", "checker"]


def wall(command: list[str], runs: int) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of ``runs`` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
        start = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=False, env={**os.environ, "CI": "true"})
        times.append(time.perf_counter() - start)
        peaks.append(max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024)
    return statistics.median(times), max(peaks)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gva-incidents", type=int, default=0, help="limit the corpus run (0: all)")
    args = parser.parse_args()

    belgorod = sorted(str(p) for p in (ROOT / "examples" / "belgorod").glob("*.txt"))
    pair, rss = wall([*CLAIMDIFF, *belgorod, "--format", "json", "-q"], args.runs)
    helptime, _ = wall([*CLAIMDIFF, "--help"], args.runs)
    print(f"claimdiff examples/belgorod/*.txt --format json (cold): {pair:.2f} s median of {args.runs}")
    print(f"claimdiff --help: {helptime:.2f} s median of {args.runs}")
    print(f"peak RSS of the pair: {rss:.0f} MB")

    gva = CORPORA / "gva_semeval2018_task5"
    if not gva.exists():
        print(f"skipped the corpus figures: {gva} is not here")
        return
    incidents = json.loads((gva / "index.json").read_text(encoding="utf-8"))["incidents"]
    if args.gva_incidents:
        incidents = incidents[: args.gva_incidents]
    encoder = load_encoder()
    sentences = [s.text for a in incidents[0:50] for f in a["articles"] for s in split((gva / f["file"]).read_text())]
    encoder.encode(sentences[:8])
    rates = []
    for _ in range(3):
        start = time.perf_counter()
        encoder.encode(sentences[:640])
        rates.append(640 / (time.perf_counter() - start))
    print(f"encoder: {statistics.median(rates):,.0f} sentences/s ({encoder.name})")

    stages: dict[str, float] = {}
    n_articles = 0
    start = time.perf_counter()
    for incident in incidents:
        report = checker.compare([gva / a["file"] for a in incident["articles"]], encoder=encoder)
        n_articles += len(incident["articles"])
        for stage, seconds in report.timings.items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    elapsed = time.perf_counter() - start
    print(f"GVA: {n_articles} articles in {elapsed:.1f} s = {n_articles / elapsed:.1f} articles/s")
    print("  " + ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in stages.items()))


if __name__ == "__main__":
    main()
