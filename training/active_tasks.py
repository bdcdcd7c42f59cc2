"""Batches 6 and 7 of the link labels: train pairs chosen by the shipped linker's doubt about figures whose values
differ.

    python -m training.active_tasks --out /tmp/claimdiff_tasks6 --parts 7 --limit 600
    python -m training.active_tasks --out /tmp/claimdiff_tasks7 --parts 7 --limit 1400 --batch 7 --read 60 --choose 12

A discrepancy is flagged only when two figures whose values are apart are linked, and of such candidate pairs only
2 % were one count (216 of 9,792 train rows before batch 6): the linker had little to learn "the same count, other
value" from. These batches ask the labellers about the article pairs where that doubt is greatest. The pool is every
``train`` pair of two articles of one story (ECB+ sub-topic, GVA incident, ``news_clusters`` cluster) that nobody
has labelled, each article with 2 to 45 figures, at most ``--read`` of a story; each is read by the product's
learned road (:func:`training.train_linker.candidates`) and scored by the sum of the three largest p(1 - p) over its
candidate pairs whose intervals are apart, p being the shipped linker's P(same count). The labellers see the text
only, in the usual sheet, never a score. Dev and test are untouched: only train pairs are drawn. (Measured after:
of the two batches' 1,013 pairs, such rows were one count 2.5 % of the time (350 of 14,119), no richer than before.)

    python -m training.active_tasks --dev --out /tmp/tasks8 --parts 7 --limit 420 --batch 8 --choose 12 --read 60

draws unlabelled ``dev`` pairs instead, by their hash alone (no model reads them), at most ``--choose`` of a story,
in turn from each corpus: a larger dev, so that choices made on it rest on more than 37 required discrepancies.
"""

from __future__ import annotations

import argparse
import json
import zlib
from pathlib import Path

import numpy as np

from benchmarks._corpora import corpus
from training.cluster_tasks import PER_CLUSTER, _news_only, cluster_split, round_robin, write_batch
from training.figures import figures
from training.make_tasks import LABELS, article_text, window
from training.splits import ecb_split, gva_split

#: The candidate pairs of an article pair whose doubt is summed: a few, so long articles do not win by length.
TOP = 3


def _stories(root: Path) -> list[tuple[str, str, str, list[tuple[str, str | None]]]]:
    """(corpus, story, split, [(article path, date)]) of every story of ECB+, GVA and ``news_clusters``."""
    out = []
    ecb = json.loads((root / "ecbplus_text" / "index.json").read_text(encoding="utf-8"))
    for sub in ecb["subtopics"]:
        arts = [(f"ecbplus_text/{a['file']}", None) for a in sub["articles"]]
        out.append(("ecb", sub["subtopic"], ecb_split(sub["topic"]), arts))
    gva = json.loads((root / "gva_semeval2018_task5" / "index.json").read_text(encoding="utf-8"))["incidents"]
    for inc in gva:
        arts = [(f"gva_semeval2018_task5/{a['file']}", a["dct"]) for a in inc["articles"]]
        out.append(("gva", str(inc["incident_id"]), gva_split(inc["incident_id"]), arts))
    news = _news_only(root)
    for name in sorted(PER_CLUSTER):
        for raw in (root / "news_clusters" / name / "clusters.jsonl").read_text(encoding="utf-8").splitlines():
            cluster = json.loads(raw)
            arts = [
                (f"news_clusters/{name}/clusters.jsonl#{a['id']}", a.get("date"))
                for a in cluster["articles"]
                if name != "allsides" or a["id"] in news
            ]
            out.append((name, cluster["cluster"], cluster_split(cluster["cluster"]), arts))
    return out


def pool(root: Path, per_story: int = 12, split: str = "train") -> list[dict]:
    """Every ``split`` pair of two articles of one story that nobody has labelled, each article with 2 to 45
    figures in its reading window (the earlier batches' rule), at most ``per_story`` of a story (by a hash)."""
    old = json.loads((LABELS / "pairs.json").read_text(encoding="utf-8"))
    known = {frozenset((p["a"], p["b"])) for p in old}
    usable: dict[str, bool] = {}

    def ok(rel: str) -> bool:
        if rel not in usable:
            text = article_text(root, rel)
            usable[rel] = 2 <= len(figures(text[: window(text)], "A")) <= 45
        return usable[rel]

    out = []
    for name, story, story_split, arts in _stories(root):
        if story_split != split:
            continue
        mine = []
        for i, (a, date_a) in enumerate(arts):
            for b, date_b in arts[i + 1 :]:
                if frozenset((a, b)) in known or not (ok(a) and ok(b)):
                    continue
                ident = zlib.crc32(f"{a}|{b}".encode())
                mine.append(
                    {
                        "id": f"active_{name}_{ident:08x}",
                        "corpus": name,
                        "group": story,
                        "split": story_split,
                        "a": a,
                        "b": b,
                        "date_a": date_a,
                        "date_b": date_b,
                    }
                )
        out += sorted(mine, key=lambda p: p["id"])[:per_story]
    for p in out:
        p["window_a"] = window(article_text(root, p["a"]))
        p["window_b"] = window(article_text(root, p["b"]))
    return sorted(out, key=lambda p: p["id"])


def doubt(records: list[dict], root: Path) -> np.ndarray:
    """Each record's summed doubt (see the module's docstring); 0 where no candidate pair is apart."""
    from checker.linker import load_linker
    from checker.verdicts import gap_between
    from training.train_linker import candidates

    linker = load_linker()
    per: list[list[float]] = [[] for _ in records]
    for n, _, mine, pairs, x in candidates(records, root):
        p = linker.probabilities(x)
        for (i, j), q in zip(pairs, p, strict=True):
            if gap_between(mine[i].quantity, mine[j].quantity) > 0:
                per[n].append(float(q * (1 - q)))
        if (n + 1) % 100 == 0:
            print(f"  scored {n + 1}/{len(records)}", flush=True)
    return np.array([sum(sorted(v, reverse=True)[:TOP]) for v in per])


def order(chosen: list[dict]) -> list[dict]:
    """Round-robin over the corpora, each in decreasing doubt: any prefix is varied and the most doubtful first."""
    streams: dict[str, list[dict]] = {}
    for p in sorted(chosen, key=lambda p: (-p["doubt"], p["id"])):
        streams.setdefault(p["corpus"], []).append(p)
    return round_robin(streams)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=7)
    parser.add_argument("--limit", type=int, default=560, help="pairs to label")
    parser.add_argument("--batch", type=int, default=6)
    # an ECB+ sub-topic of 20 articles has 190 pairs; the doubtful pairs of one story repeat its figures
    parser.add_argument("--read", type=int, default=12, help="pairs of one story read at most")
    parser.add_argument("--choose", type=int, default=3, help="pairs of one story chosen at most")
    # dev measures: its pairs are drawn by their hash, never by a model's doubt, so that dev stays a fair sample
    parser.add_argument("--dev", action="store_true", help="draw unlabelled dev pairs by hash instead (no model)")
    args = parser.parse_args()
    root = corpus("news_clusters").parent
    split = "dev" if args.dev else "train"
    candidates = pool(root, args.read, split)
    print(f"pool: {len(candidates)} unlabelled {split} pairs", flush=True)
    scores = np.ones(len(candidates)) if args.dev else doubt(candidates, root)
    for p, s in zip(candidates, scores, strict=True):
        p["doubt"] = round(float(s), 4)
    ranked = sorted(candidates, key=lambda p: (-p["doubt"], p["id"]))
    chosen, per_story = [], {}
    for p in ranked:
        if (len(chosen) == args.limit and not args.dev) or p["doubt"] == 0:
            break
        if per_story.get(p["group"], 0) < args.choose:
            chosen.append(p)
            per_story[p["group"]] = per_story.get(p["group"], 0) + 1
    fresh = order(chosen)[: args.limit]  # dev: each corpus in turn, then the limit
    for p in fresh:
        p["batch"] = args.batch
    write_batch(root, fresh, args.parts, args.out)
    least = "" if args.dev else f"; doubt {min(p['doubt'] for p in fresh)} and above"  # dev pairs carry no doubt
    print(f"{len(fresh)} new pairs in {args.parts} parts in {args.out}{least}")
    for name in sorted({p["corpus"] for p in fresh}):
        print(f"  {name}: {sum(p['corpus'] == name for p in fresh)}")


if __name__ == "__main__":
    main()
