"""Where the learned alignment loses the labelled same-count links: the stage each labelled count reaches.

    python benchmarks/funnel.py --split dev                 # every labelled count of the dev pairs
    python benchmarks/funnel.py --split dev --by-corpus

Each labelled count (``training/labels/links.json``; ages left out) is placed at the last stage any pair of its
mentions in A and B reaches on ``--alignment learned``, as ``benchmarks/links.py`` compares the pair:

- ``not read``: one side has no mention claimdiff reads as a claim;
- ``pruned``: no pair of its mentions reaches the judge (level against change, another dimension, two known
  events, sentences under the pruning floor: ``checker.align._pruned_pairs``);
- ``vetoed``: the gates' rules refuse every one (``checker.align.allowed``);
- ``not shortlisted``: of those they allow, none is among either figure's nearest allowed partners by the claim
  encoder (``checker.linker.shortlist``; both steps are ``checker.linker.to_judge``);
- ``under threshold``: the linker scores them all under its threshold;
- ``lost in grouping``: one scores at or above it, yet the two figures end in different groups (a figure keeps one
  partner an article);
- ``grouped``: two of its mentions share a group.

Why the stages are read by wrapping the pipeline's functions rather than from a product API: they are the
alignment's internals, which no user needs; ``training/train_linker.py`` reads its rows the same way.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker.align
import checker.linker
import checker.pipeline
from benchmarks._corpora import corpus
from benchmarks.links import CORPORA, REQUIRED, _overlaps, compare_pair
from embeddings import DEFAULT_BACKEND, load_encoder
from training.figures import is_age
from training.make_tasks import LABELS

STAGES = ("not read", "pruned", "vetoed", "not shortlisted", "under threshold", "lost in grouping", "grouped")


class _Spy:
    """Records, for one comparison, each judged pair's shortlist, veto and final probability by claim identity."""

    def __init__(self) -> None:
        self.stage: dict[tuple[int, int], int] = {}
        self._short: dict[tuple[int, int], bool] = {}
        self._allowed: dict[tuple[int, int], bool] = {}
        self.threshold = checker.linker.load_linker().threshold

    def install(self):
        real_align, real_allowed, real_shortlist = (
            checker.pipeline.align_judged,
            checker.align.allowed,
            checker.linker.shortlist,
        )

        def keyed(claims, pairs, values):
            return {(id(claims[i]), id(claims[j])): bool(v) for (i, j), v in zip(pairs, values, strict=True)}

        def shortlist(claims, pairs, *args, **kw):
            keep = real_shortlist(claims, pairs, *args, **kw)
            self._short |= keyed(claims, pairs, keep)
            return keep

        def allowed(claims, pairs):
            ok = real_allowed(claims, pairs)
            self._allowed |= keyed(claims, pairs, ok)
            return ok

        def align_judged(claims, vectors, probabilities, **kw):
            def recorded(pairs):
                p = np.asarray(probabilities(pairs))
                for (i, j), x in zip(pairs, p, strict=True):
                    key = (id(claims[i]), id(claims[j]))
                    if not self._allowed.get(key):
                        stage = 2
                    elif not self._short.get(key):
                        stage = 3
                    else:
                        stage = 4 if x < self.threshold else 5
                    self.stage[key] = self.stage[key[::-1]] = stage
                return p

            return real_align(claims, vectors, recorded, **kw)

        checker.pipeline.align_judged, checker.align.allowed, checker.linker.shortlist = (
            align_judged,
            allowed,
            shortlist,
        )

        def restore() -> None:
            checker.pipeline.align_judged, checker.align.allowed = real_align, real_allowed
            checker.linker.shortlist = real_shortlist

        return restore


def stages(records: list[dict], encoder, root: Path, tmp: Path) -> tuple[Counter, Counter]:
    """(stage of every labelled count, stage of the required ones) over ``records``, on ``--alignment learned``."""
    every, required = Counter(), Counter()
    for r in records:
        spy = _Spy()
        restore = spy.install()
        try:
            report, texts = compare_pair(r, "learned", encoder, root, tmp)
        finally:
            restore()
        claims = {
            "a": [c for c in report.claims if c.article == "A"],
            "b": [c for c in report.claims if c.article == "B"],
        }
        for count in r["counts"]:
            kept = {side: [f for f in count[side] if not is_age(texts[side], f["start"], f["end"])] for side in "ab"}
            if not kept["a"] or not kept["b"]:
                continue  # a count of ages only
            mentions = {side: [c for c in claims[side] if any(_overlaps(c, f) for f in kept[side])] for side in "ab"}
            if any(set(mentions["a"]) & set(g.claims) and set(mentions["b"]) & set(g.claims) for g in report.groups):
                stage = 6
            elif not mentions["a"] or not mentions["b"]:
                stage = 0
            else:
                stage = max((spy.stage.get((id(a), id(b)), 1) for a in mentions["a"] for b in mentions["b"]), default=1)
            every[STAGES[stage]] += 1
            required[STAGES[stage]] += count["kind"] in REQUIRED
    return every, required


def line(name: str, every: Counter, required: Counter) -> str:
    total = sum(every.values())
    return f"{name:24} {total:5} counts | " + " | ".join(f"{s} {every[s]} ({required[s]} req.)" for s in STAGES)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--by-corpus", action="store_true", help="also a line for each corpus")
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    records = [r for r in json.loads((LABELS / "links.json").read_text(encoding="utf-8")) if r["split"] == args.split]
    encoder = load_encoder(DEFAULT_BACKEND, cache=False)
    every, required = Counter(), Counter()
    with tempfile.TemporaryDirectory() as tmp:
        for name in CORPORA:
            mine = [r for r in records if r["corpus"] == name]
            if not mine:
                continue
            e, q = stages(mine, encoder, root, Path(tmp))
            every, required = every + e, required + q
            if args.by_corpus:
                print(line(f"{name} ({len(mine)})", e, q), flush=True)
    print(line(f"all ({len(records)})", every, required))


if __name__ == "__main__":
    main()
