"""Alignment and discrepancy finding on the labelled same-count links (``training/labels/links.json``).

3,528 article pairs (ECB+, GVA and the six news_clusters corpora: two reports of one story), every figure of each
article's first 2,400 characters listed mechanically and linked by a labeller to the figure of the other report
that states the same count (or marked as a lookalike that is not). Each article is compared over its labelled
window only, so that every figure claimdiff reads was seen by a labeller. Split by topic and incident
(``training/splits.py``, ``training.cluster_tasks.cluster_split``); the judge and the linker train on ``train``,
thresholds are chosen on ``dev``, ``test`` runs once.

    python benchmarks/links.py --split dev                      # the default alignment (learned)
    python benchmarks/links.py --split dev --alignment gates    # the hand gates; also: both, judge
    python benchmarks/links.py --split test --alignment all     # every mode, once, at the end
    python benchmarks/links.py --split dev --alignment gates,learned --intervals   # is the difference beyond chance?

Figures (``shared/notes/labelling.md``): recall = required discrepancies (a count the two reports state with a
conflict, update or correction) found in one flagged group / required; flag precision = flagged groups whose two
figures are a labelled count with any discrepancy kind (optional included) / flagged groups; trap alarms = labelled
lookalikes flagged / lookalikes. Link recall = labelled same-count links whose figures land in one group;
pair precision = grouped claim pairs that are labelled links / grouped pairs; reading = linked figures claimdiff
reads as a claim. Ages are left out of every figure (``training.figures.is_age``).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import Counter
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import corpus
from checker.align import MODES
from embeddings import DEFAULT_BACKEND, load_encoder
from training.examples import load_records
from training.figures import is_age
from training.make_tasks import article_text

REQUIRED = {"conflict", "update", "correction"}
#: The labelled corpora: batch 1 (ECB+, GVA) and batch 2 (``news_clusters``; fcc and wikinewssum are test only).
CORPORA = ("ecb", "gva", "allsides", "basil", "multinews", "pac", "fcc", "wikinewssum")


def _overlaps(claim, fig: dict) -> bool:
    lo = claim.sentence.start + claim.quantity.start
    hi = claim.sentence.start + claim.quantity.end
    return lo < fig["end"] and fig["start"] < hi


def _side(claims, figs: list[dict]) -> set[int]:
    return {k for k, c in enumerate(claims) if any(_overlaps(c, f) for f in figs)}


def compare_pair(
    record: dict, alignment: str, encoder, root: Path, tmp: Path, threshold=None, cache=False, any_story=False
):
    """(the report, {"a": text, "b": text}) of one labelled pair compared over its labelled windows."""
    paths, texts = [], {}
    for side in ("a", "b"):
        texts[side] = article_text(root, record[side])[: record[f"window_{side}"]]
        path = tmp / f"{record['id']}_{side}.txt"
        path.write_text(texts[side], encoding="utf-8")
        paths.append(path)
    dates = [record["date_a"], record["date_b"]] if record["date_a"] and record["date_b"] else None
    report = checker.compare(
        paths,
        labels=["A", "B"],
        dates=dates,
        encoder=encoder,
        alignment=alignment,
        cache=cache,
        same_count_threshold=threshold,
        english_only=False,  # a labelled pair is compared whatever claimdiff thinks of its language
        any_story=any_story,
    )
    return report, texts


def evaluate(
    records: list[dict],
    alignment: str,
    encoder,
    root: Path,
    tmp: Path,
    misses: bool = False,
    threshold=None,
    stories: dict[str, Counter] | None = None,
) -> dict:
    """The totals of :func:`line` over ``records``; with ``stories``, each story's own (by labelled group) added
    to it as well."""
    t = dict.fromkeys(
        (
            "required",
            "found",
            "flagged",
            "good_flags",
            "traps",
            "alarms",
            "links",
            "linked",
            "grouped_pairs",
            "good_pairs",
            "figures",
            "read",
        ),
        0,
    )
    for r in records:
        before = dict(t)
        report, texts = compare_pair(r, alignment, encoder, root, tmp, threshold)

        def keep(figs, side, texts=texts):
            return [f for f in figs if not is_age(texts[side], f["start"], f["end"])]

        counts = [(c, keep(c["a"], "a"), keep(c["b"], "b")) for c in r["counts"]]
        counts = [(c, a, b) for c, a, b in counts if a and b]
        a_claims = [c for c in report.claims if c.article == "A"]
        b_claims = [c for c in report.claims if c.article == "B"]
        for _, a, b in counts:
            for f in a:
                t["figures"] += 1
                t["read"] += any(_overlaps(c, f) for c in a_claims)
            for f in b:
                t["figures"] += 1
                t["read"] += any(_overlaps(c, f) for c in b_claims)

        def holds(group, a_figs, b_figs) -> bool:
            ga = [c for c in group.claims if c.article == "A"]
            gb = [c for c in group.claims if c.article == "B"]
            return bool(_side(ga, a_figs)) and bool(_side(gb, b_figs))

        flagged = report.discrepancies
        for c, a, b in counts:
            if c["kind"] in REQUIRED:
                t["required"] += 1
                hit = any(holds(g, a, b) for g in flagged)
                t["found"] += hit
                if misses and not hit:
                    print(
                        f"MISSED {r['id']} {c['what']} ({c['kind']}): {[f['text'] for f in a]} / "
                        f"{[f['text'] for f in b]}"
                    )
            for fa in a:
                for fb in b:
                    t["links"] += 1
                    t["linked"] += any(holds(g, [fa], [fb]) for g in report.groups)
        link_figs = [(a, b) for c, a, b in counts]
        for g in flagged:
            t["flagged"] += 1
            ok = any(holds(g, a, b) for c, a, b in counts if c["kind"] != "agree")
            t["good_flags"] += ok
            if misses and not ok:
                print(
                    f"FALSE FLAG {r['id']} {g.what}: "
                    + " / ".join(f"{c.quantity.text!r} in {c.sentence.text[:90]!r}" for c in g.claims)
                )
        for g in report.groups:
            ga = [c for c in g.claims if c.article == "A"]
            gb = [c for c in g.claims if c.article == "B"]
            if ga and gb:
                t["grouped_pairs"] += 1
                t["good_pairs"] += any(_side(ga, a) and _side(gb, b) for a, b in link_figs)
        for n in r["not_same"]:
            if is_age(texts["a"], n["a"]["start"], n["a"]["end"]) or is_age(texts["b"], n["b"]["start"], n["b"]["end"]):
                continue
            t["traps"] += 1
            alarm = any(holds(g, [n["a"]], [n["b"]]) for g in flagged)
            t["alarms"] += alarm
            if misses and alarm:
                print(f"TRAP {r['id']} {n['why']}: {n['a']['text']!r} / {n['b']['text']!r} ({n['what']})")
        if stories is not None:
            stories.setdefault(r["group"], Counter()).update({k: t[k] - before[k] for k in t})
    return t


#: Resamples of the bootstrap over stories, and its seed: intervals are the same from run to run.
RESAMPLES = 2000
SEED = 13


def intervals(runs: dict[str, dict[str, Counter]]) -> list[str]:
    """95 % intervals of recall and flag precision for each road in ``runs`` (name: story: totals), and of each
    road's difference from the first, by resampling whole stories: one story's discrepancies rise and fall
    together (dev's 90 required discrepancies come from 46 stories), so figures of pairs would be too narrow. The
    same resampled stories serve every road: the differences are paired."""
    names = list(runs)
    groups = sorted(set().union(*(runs[n] for n in names)))
    keys = ("found", "required", "good_flags", "flagged")
    table = np.array([[[runs[n].get(g, Counter())[k] for k in keys] for g in groups] for n in names], dtype=float)
    draws = np.random.default_rng(SEED).integers(0, len(groups), size=(RESAMPLES, len(groups)))
    sums = table[:, draws].sum(axis=2)  # road x resample x key
    recall = sums[..., 0] / np.maximum(sums[..., 1], 1)
    precision = sums[..., 2] / np.maximum(sums[..., 3], 1)

    def span(values) -> str:
        lo, hi = np.percentile(values, [2.5, 97.5])
        return f"[{lo:.1%}, {hi:.1%}]"

    out = [f"95 % intervals, {len(groups)} stories resampled {RESAMPLES} times (seed {SEED}):"]
    for k, n in enumerate(names):
        out.append(f"  {n:22} recall {span(recall[k])} | flag precision {span(precision[k])}")
        if k:
            found = sums[k, :, 0] - sums[0, :, 0]
            lo, hi = np.percentile(found, [2.5, 97.5])
            out.append(
                f"  {n} - {names[0]}: found {lo:+.0f} to {hi:+.0f}, flag precision {span(precision[k] - precision[0])}"
            )
    return out


def line(name: str, t: dict) -> str:
    def pct(a, b):
        return f"{t[a]}/{t[b]} = {t[a] / max(t[b], 1):.1%}"

    return (
        f"{name:24} recall {pct('found', 'required')} | flag precision {pct('good_flags', 'flagged')} | "
        f"trap alarms {pct('alarms', 'traps')} | link recall {pct('linked', 'links')} | "
        f"pair precision {pct('good_pairs', 'grouped_pairs')} | reading {pct('read', 'figures')}"
    )


def _modes(text: str) -> list[str]:
    """``--alignment``'s value: the roads to measure, in order (the first is the one the others are set against)."""
    modes = list(MODES) if text == "all" else text.split(",")
    unknown = [m for m in modes if m not in MODES]
    if unknown:
        raise argparse.ArgumentTypeError(f"unknown alignment {', '.join(unknown)}: choose from {', '.join(MODES)}")
    return modes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "test", "all"), default="dev")
    parser.add_argument(
        "--alignment", type=_modes, default=[MODES[0]], help=f"one of {', '.join(MODES)}, several with commas, or all"
    )
    parser.add_argument("--corpus", choices=(*CORPORA, "all"), default="all", help="one corpus, or all")
    parser.add_argument("--by-corpus", action="store_true", help="also a line for each corpus")
    parser.add_argument("--misses", action="store_true")
    parser.add_argument("--threshold", type=float, nargs="*", help="sweep the judge's threshold (dev only)")
    # dev grew in batch 8 (2026-12-07): --max-batch 7 is the dev every earlier figure was measured on
    parser.add_argument("--max-batch", type=int, help="only pairs of labelling batches up to this one")
    parser.add_argument(
        "--intervals", action="store_true", help="95 %% intervals by story, and each road against the first"
    )
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    records = [r for r in load_records(args.split, args.max_batch) if args.corpus in ("all", r["corpus"])]
    encoder = load_encoder(DEFAULT_BACKEND, cache=False)
    print(f"links {args.split} ({args.corpus}): {len(records)} pairs")
    runs: dict[str, dict[str, Counter]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for mode in args.alignment:
            for t in args.threshold or [None]:
                name = mode if t is None else f"{mode}@{t}"
                stories = runs.setdefault(name, {})
                if not args.by_corpus:
                    totals = evaluate(records, mode, encoder, root, Path(tmp), args.misses, t, stories)
                    print(line(name, totals), flush=True)
                    continue
                total: dict[str, int] = {}
                for corpus_name in CORPORA:
                    mine = [r for r in records if r["corpus"] == corpus_name]
                    if mine:
                        t_c = evaluate(mine, mode, encoder, root, Path(tmp), args.misses, t, stories)
                        print(line(f"{name} {corpus_name} ({len(mine)})", t_c), flush=True)
                        total = {k: total.get(k, 0) + v for k, v in t_c.items()}
                print(line(f"{name} all ({len(records)})", total), flush=True)
    if args.intervals:
        print("\n".join(intervals(runs)))


if __name__ == "__main__":
    main()
