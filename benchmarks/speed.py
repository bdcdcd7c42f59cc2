"""How fast claimdiff is, per embedding backend side by side, as medians of several runs in one invocation.

    python benchmarks/speed.py               # both backends: cold start, --help, peak memory, encoder, GVA corpus
    python benchmarks/speed.py --runs 3 --gva-incidents 200 --backend onnx
    python benchmarks/speed.py --quantities  # only quantity extraction: sentences/s on every GVA sentence, one core
    python benchmarks/speed.py --runs 3 --gva-incidents 20 --backend onnx --alignment gates   # the hand gates

For each backend:
- cold wall time of ``claimdiff examples/belgorod/*.txt --format json`` (a new process each run, ``--no-cache``;
  ``--alignment`` as given, the product's default (learned) by default);
  the same with a warm embedding cache, as a desk re-running after an edit sees it;
- peak RSS of that cold run;
- encoder sentences/s on GVA sentences (model already loaded);
- articles/s over the GVA corpus (every incident through ``checker.compare``), split by stage.
And once: the pair judge's pairs/s and the claim encoder's figure contexts/s (int8 ONNX, uncached); the wall
time of ``claimdiff --help``; the dependency parser's cost (importing spaCy and loading its model in a new process;
sentences/s on GVA sentences that hold a quantity), which is part of the claims stage.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import CORPORA, ROOT
from checker.align import MODES
from checker.sentences import split
from embeddings import BACKENDS, load_encoder

CLAIMDIFF = [sys.executable, "-m", "checker"]


def wall(command: list[str], runs: int, env: dict[str, str] | None = None) -> tuple[float, float]:
    """Median wall seconds and the largest peak RSS (MB) of ``runs`` fresh processes."""
    times, peaks = [], []
    for _ in range(runs):
        start = time.perf_counter()
        child = subprocess.Popen(
            command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env={**os.environ, **(env or {})}
        )
        _, _, usage = os.wait4(child.pid, 0)  # this child's own peak, not the largest of all children so far
        times.append(time.perf_counter() - start)
        peaks.append(usage.ru_maxrss / 1024)
    return statistics.median(times), max(peaks)


def extraction_rate(sentences: list[str], runs: int) -> float:
    """Sentences per second of ``checker.quantities.extract`` on one core: the best of ``runs`` passes, since a
    shared machine only ever slows a pass down."""
    from checker.quantities import extract

    best = 0.0
    for _ in range(runs):
        start = time.perf_counter()
        for s in sentences:
            extract(s)
        best = max(best, len(sentences) / (time.perf_counter() - start))
    return best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--gva-incidents", type=int, default=0, help="limit the corpus run (0: all)")
    parser.add_argument("--backend", action="append", choices=BACKENDS, help="only this backend (repeatable)")
    parser.add_argument("--quantities", action="store_true", help="only the quantity extraction rate")
    parser.add_argument(
        "--alignment", default=MODES[0], help="the Belgorod runs' --alignment (default: the product's, learned)"
    )
    args = parser.parse_args()
    backends = args.backend or list(BACKENDS)
    gva = CORPORA / "gva_semeval2018_task5"
    if args.quantities:
        if not gva.exists():
            print(f"skipped: {gva} is not here")
            return
        sentences = [s.text for p in sorted((gva / "incidents").glob("*/*.txt")) for s in split(p.read_text())]
        rate = extraction_rate(sentences, args.runs)
        print(f"quantities: {len(sentences)} GVA sentences, {rate:,.0f} sentences/s (one core, best of {args.runs})")
        return

    belgorod = sorted(str(p) for p in (ROOT / "examples" / "belgorod").glob("*.txt"))
    helptime, _ = wall([*CLAIMDIFF, "--help"], args.runs)
    print(f"claimdiff --help: {helptime:.2f} s median of {args.runs}")
    load_parser = [sys.executable, "-c", "from checker.frames import _nlp; _nlp()"]
    parser_cold, parser_rss = wall(load_parser, args.runs)
    print(f"parser, import and load in a new process: {parser_cold:.2f} s, {parser_rss:.0f} MB (median of {args.runs})")
    rows: dict[str, dict[str, str]] = {b: {} for b in backends}
    with tempfile.TemporaryDirectory() as cache:
        for backend in backends:
            command = [*CLAIMDIFF, *belgorod, "--format", "json", "-q", "--backend", backend]
            command += ["--alignment", args.alignment]
            cold, rss = wall([*command, "--no-cache"], args.runs)
            wall(command, 1, {"CLAIMDIFF_CACHE_DIR": cache})  # fill the cache
            warm, _ = wall(command, args.runs, {"CLAIMDIFF_CACHE_DIR": cache})
            rows[backend] |= {
                "Belgorod pair, cold": f"{cold:.2f} s",
                "Belgorod pair, warm cache": f"{warm:.2f} s",
                "peak RSS, cold pair": f"{rss:.0f} MB",
            }

    if gva.exists():
        incidents = json.loads((gva / "index.json").read_text(encoding="utf-8"))["incidents"]
        if args.gva_incidents:
            incidents = incidents[: args.gva_incidents]
        sample = [s.text for a in incidents[:50] for f in a["articles"] for s in split((gva / f["file"]).read_text())]
        from checker.frames import parse
        from checker.quantities import extract

        numeric = [t for t in sample if extract(t)][:640]
        parse(numeric[:8])  # load the model outside the timing
        start = time.perf_counter()
        parse(numeric[8:])
        rate = (len(numeric) - 8) / (time.perf_counter() - start)
        print(f"parser: {rate:,.0f} sentences/s (GVA sentences with a number)")
        from checker.judge import Judge, context

        contexts = [context(t, q.start, q.end) for t in numeric for q in extract(t)[:1]]
        pairs = [(contexts[i], contexts[(i * 7 + 3) % len(contexts)]) for i in range(min(640, len(contexts)))]
        judge = Judge(cache=False)
        judge.probabilities(pairs[:8])  # load the model outside the timing
        start = time.perf_counter()
        judge.probabilities(pairs)
        rate = len(pairs) / (time.perf_counter() - start)
        print(f"pair judge: {rate:,.0f} pairs/s (int8, pairs of GVA figure contexts, uncached)")
        from checker.linker import load_claim_encoder

        claims = load_claim_encoder(cache=False)
        claims.encode(contexts[:8])  # load the model outside the timing
        start = time.perf_counter()
        claims.encode(contexts[:640])
        rate = min(640, len(contexts)) / (time.perf_counter() - start)
        print(f"claim encoder: {rate:,.0f} figure contexts/s (int8, GVA figure contexts, uncached)")
        for backend in backends:
            encoder = load_encoder(backend, cache=False)
            encoder.encode(sample[:8])  # load the model outside the timings
            rates = []
            for _ in range(3):
                start = time.perf_counter()
                encoder.encode(sample[:640])
                rates.append(640 / (time.perf_counter() - start))
            rows[backend]["encoder"] = f"{statistics.median(rates):,.0f} sentences/s"

            stages: dict[str, float] = {}
            n_articles = 0
            start = time.perf_counter()
            for incident in incidents:
                paths = [gva / a["file"] for a in incident["articles"]]
                report = checker.compare(paths, encoder=encoder, alignment=args.alignment)
                n_articles += len(incident["articles"])
                for stage, seconds in report.timings.items():
                    stages[stage] = stages.get(stage, 0.0) + seconds
            elapsed = time.perf_counter() - start
            rate = n_articles / elapsed
            rows[backend]["GVA corpus"] = f"{n_articles} articles, {elapsed:.1f} s = {rate:.1f} articles/s"
            rows[backend]["GVA by stage"] = ", ".join(f"{stage} {seconds:.1f} s" for stage, seconds in stages.items())
    else:
        print(f"skipped the corpus figures: {gva} is not here")

    print()
    print("| measure | " + " | ".join(backends) + " |")
    print("|---|" + "---|" * len(backends))
    for measure in rows[backends[0]]:
        print(f"| {measure} | " + " | ".join(rows[b].get(measure, "") for b in backends) + " |")


if __name__ == "__main__":
    main()
