"""Time and peak memory against input size: one article of 1 KB ... 5 MB compared against a normal one.

Each size runs ``claimdiff BIG.txt examples/belgorod/<first>.txt --format json -q --no-cache`` in a fresh process,
so the figures are what a hook sees (model load included). The big article is real news copy: GVA articles
(``../shared/corpora/gva_semeval2018_task5``) laid end to end until the size is reached, as a live blog grows; without
the corpus it repeats the Belgorod articles. If the cost grows faster than the size, a stage is super-linear.

    python benchmarks/sizes.py                      # 1 KB, 10 KB, 100 KB, 1 MB, 5 MB
    python benchmarks/sizes.py --sizes 1000 5000000 --backend sentence-transformers
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import CORPORA, ROOT

SIZES = (1_000, 10_000, 100_000, 1_000_000, 5_000_000)


def copy_stream() -> str:
    gva = CORPORA / "gva_semeval2018_task5"
    if gva.exists():
        incidents = json.loads((gva / "index.json").read_text(encoding="utf-8"))["incidents"]
        return "\n\n".join((gva / a["file"]).read_text(encoding="utf-8") for i in incidents for a in i["articles"])
    return "\n\n".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "belgorod").glob("*.txt")))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES), help="article sizes in bytes")
    parser.add_argument("--backend", default="onnx")
    args = parser.parse_args()

    stream = copy_stream()
    other = sorted((ROOT / "examples" / "belgorod").glob("*.txt"))[0]
    print("| size | wall | peak RSS | MB/s |")
    print("|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes:
            text = (stream * (size // max(len(stream), 1) + 1))[:size]
            big = Path(tmp) / f"big_{size}.txt"
            big.write_text(text, encoding="utf-8")
            command = [sys.executable, "-m", "checker", str(big), str(other), "--format", "json", "-q", "--no-cache"]
            start = time.perf_counter()
            child = subprocess.Popen(
                [*command, "--backend", args.backend], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
            )
            _, status, usage = os.wait4(child.pid, 0)
            wall = time.perf_counter() - start
            code = os.waitstatus_to_exitcode(status)
            note = "" if code in (0, 1) else f" (exit {code}: {child.stderr.read().decode()[:200]})"
            rss = usage.ru_maxrss / 1024
            print(f"| {_size(size)} | {wall:.1f} s | {rss:.0f} MB | {size / 2**20 / wall:.2f} |{note}")


def _size(n: int) -> str:
    return f"{n / 1e6:g} MB" if n >= 1e6 else f"{n / 1e3:g} KB"


if __name__ == "__main__":
    main()
