"""Batch 2 of the link labels: pairs from every kind of story, chosen and split before anyone labels them.

    python -m training.cluster_tasks --out /tmp/claimdiff_tasks2 --parts 7
    python -m training.cluster_tasks --out /tmp/claimdiff_tasks3 --parts 2 --batch 3 --limit 300
    python -m training.cluster_tasks --out /tmp/claimdiff_tasks4 --parts 7 --batch 4 --split train --extra 10 --gva 380
    python -m training.cluster_tasks --out /tmp/claimdiff_tasks5 --parts 7 --batch 5 --split train --extra 10 --gva 1000

Pairs come from ``news_clusters`` (US politics and policy, world and general news, football, short AllSides news
leads) and from the GVA and ECB+ stories batch 1 did not use. The split is fixed here, by story, before labelling
(:func:`cluster_split`): ``fcc`` (football) and ``wikinewssum`` (world news 2004-05) are out-of-domain test whole,
as is a third of every other corpus's clusters by a hash of the cluster id; of the rest a quarter is dev. GVA and
ECB+ keep batch 1's rule (:mod:`training.splits`).

Each sheet interleaves the corpora, the test and dev pairs and a doubly labelled tenth from its first lines, so a
labeller who stops early still leaves a varied, split-balanced set. The manifest (paths, splits, windows, never
text) is appended to ``training/labels/pairs.json``; the sheets hold text and are written outside the repository.
"""

from __future__ import annotations

import argparse
import json
import random
import zlib
from pathlib import Path

from benchmarks._corpora import corpus
from training.figures import figures
from training.make_tasks import DOUBLE_EVERY, LABELS, article_text, sheet, window
from training.splits import ecb_split, gva_split

#: Corpora held out of training whole: the out-of-domain test.
HELD_OUT = ("fcc", "wikinewssum")
#: Pairs a cluster gives at most (clusters of three give up to three pairs).
PER_CLUSTER = {"allsides": 3, "basil": 2, "pac": 1, "multinews": 2, "fcc": 6, "wikinewssum": 3}


def cluster_split(cluster: str) -> str:
    """``train``, ``dev`` or ``test`` for a ``news_clusters`` cluster id ("allsides_5607")."""
    corpus_name = cluster.split("_", 1)[0]
    if corpus_name in HELD_OUT or zlib.crc32(f"test:{cluster}".encode()) % 3 == 0:
        return "test"
    return "dev" if zlib.crc32(f"dev:{cluster}".encode()) % 4 == 0 else "train"


def _figure_count(text: str) -> int:
    return len(figures(text[: window(text)], "A"))


def _news_only(root: Path) -> set[str]:
    """AllSides article ids that are news, not opinion or analysis (``sides.jsonl``)."""
    keep = set()
    for raw in (root / "news_clusters" / "allsides" / "sides.jsonl").read_text(encoding="utf-8").splitlines():
        row = json.loads(raw)
        if row.get("allsides_tag") is None:
            keep.add(row["id"])
    return keep


def cluster_pairs(root: Path, rng: random.Random, extra: int = 0) -> list[dict]:
    news = _news_only(root)
    out = []
    for name in sorted(PER_CLUSTER):
        path = root / "news_clusters" / name / "clusters.jsonl"
        for raw in path.read_text(encoding="utf-8").splitlines():
            cluster = json.loads(raw)
            arts = [a for a in cluster["articles"] if name != "allsides" or a["id"] in news]
            rel = {a["id"]: f"news_clusters/{name}/clusters.jsonl#{a['id']}" for a in arts}
            arts = [a for a in arts if 1 <= _figure_count(article_text(root, rel[a["id"]])) <= 45]
            candidates = [(x, y) for i, x in enumerate(arts) for y in arts[i + 1 :]]
            rng.shuffle(candidates)
            for x, y in candidates[: PER_CLUSTER[name] + extra]:
                out.append(
                    {
                        "id": f"{x['id']}__{y['id']}",
                        "corpus": name,
                        "group": cluster["cluster"],
                        "split": cluster_split(cluster["cluster"]),
                        "a": rel[x["id"]],
                        "b": rel[y["id"]],
                        "date_a": x.get("date"),
                        "date_b": y.get("date"),
                    }
                )
    return out


def more_gva_ecb(root: Path, used: set[str], rng: random.Random, n_gva: int, n_ecb: int) -> list[dict]:
    """Pairs of GVA incidents and ECB+ sub-topics whose articles batch 1 did not label."""
    out = []
    gva = json.loads((root / "gva_semeval2018_task5" / "index.json").read_text(encoding="utf-8"))["incidents"]
    for inc in sorted(gva, key=lambda i: zlib.crc32(f"pick2:{i['incident_id']}".encode())):
        if len([p for p in out if p["corpus"] == "gva"]) >= n_gva:
            break
        arts = [a for a in inc["articles"] if f"gva_semeval2018_task5/{a['file']}" not in used]
        pair = next(((x, y) for i, x in enumerate(arts) for y in arts[i + 1 :] if x["outlet"] != y["outlet"]), None)
        if pair is None:
            continue
        x, y = pair
        a, b = f"gva_semeval2018_task5/{x['file']}", f"gva_semeval2018_task5/{y['file']}"
        if not all(2 <= _figure_count(article_text(root, r)) <= 45 for r in (a, b)):
            continue
        out.append(
            {
                "id": f"gva2_{inc['incident_id']}",
                "corpus": "gva",
                "group": inc["incident_id"],
                "split": gva_split(inc["incident_id"]),
                "a": a,
                "b": b,
                "date_a": x["dct"],
                "date_b": y["dct"],
            }
        )
    ecb = json.loads((root / "ecbplus_text" / "index.json").read_text(encoding="utf-8"))
    candidates = []
    for sub in sorted(ecb["subtopics"], key=lambda s: s["subtopic"]):
        files = [f"ecbplus_text/{a['file']}" for a in sub["articles"]]
        files = [f for f in files if f not in used]
        pairs = [(a, b, sub) for i, a in enumerate(files) for b in files[i + 1 :]]
        rng.shuffle(pairs)
        candidates += pairs[:2]
    rng.shuffle(candidates)
    for a, b, sub in candidates:
        if len([p for p in out if p["corpus"] == "ecb"]) >= n_ecb:
            break
        if not all(2 <= _figure_count(article_text(root, r)) <= 45 for r in (a, b)):
            continue
        out.append(
            {
                "id": f"ecb_{Path(a).stem}_{Path(b).stem}",
                "corpus": "ecb",
                "group": sub["subtopic"],
                "split": ecb_split(sub["topic"]),
                "a": a,
                "b": b,
                "date_a": None,
                "date_b": None,
            }
        )
    return out


def interleave(pairs: list[dict], rng: random.Random) -> list[dict]:
    """Round-robin over (corpus, split) streams, each shuffled: any prefix of the order is varied."""
    streams: dict[tuple[str, str], list[dict]] = {}
    for p in pairs:
        streams.setdefault((p["corpus"], p["split"]), []).append(p)
    for key in sorted(streams):
        rng.shuffle(streams[key])
    return round_robin({key: stream[::-1] for key, stream in streams.items()})


def round_robin(streams: dict) -> list[dict]:
    """One item of each stream in turn (streams by sorted key, each from its front) until all are empty."""
    out = []
    while any(streams.values()):
        for key in sorted(streams):
            if streams[key]:
                out.append(streams[key].pop(0))
    return out


def write_batch(root: Path, order: list[dict], n_parts: int, out: Path) -> None:
    """Deal ``order`` into ``n_parts`` sheets in ``out``, a tenth of it twice (in another part at about the same
    depth), and append the pairs, with their parts, to ``training/labels/pairs.json``."""
    parts: list[list[dict]] = [[] for _ in range(n_parts)]
    for k, p in enumerate(order):
        parts[k % n_parts].append(p)
        if k % DOUBLE_EVERY == 0 and n_parts > 1:
            parts[(k + 1 + (k // DOUBLE_EVERY) % (n_parts - 1)) % n_parts].append(p)
    out.mkdir(parents=True, exist_ok=True)
    for n, members in enumerate(parts, 1):
        (out / f"part{n}.txt").write_text("\n\n".join(sheet(root, p) for p in members), encoding="utf-8")
        for p in members:
            p.setdefault("parts", []).append(n)
    old = json.loads((LABELS / "pairs.json").read_text(encoding="utf-8"))
    (LABELS / "pairs.json").write_text(json.dumps(old + order, indent=1, sort_keys=True) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=7)
    parser.add_argument("--gva", type=int, default=300, help="new GVA incident pairs")
    parser.add_argument("--ecb", type=int, default=200, help="new ECB+ pairs")
    parser.add_argument("--batch", type=int, default=2, help="a later batch takes further pairs of the clusters")
    parser.add_argument("--limit", type=int, default=0, help="at most this many new pairs (0: all)")
    parser.add_argument("--extra", type=int, help="further pairs of each cluster (default: batch - 2)")
    parser.add_argument(
        "--split", choices=("train", "dev", "test"), help="only pairs of this split (the judge's curve wants train)"
    )
    args = parser.parse_args()
    root = corpus("news_clusters").parent
    old = json.loads((LABELS / "pairs.json").read_text(encoding="utf-8"))
    used = {p[s] for p in old for s in ("a", "b")}
    rng = random.Random(20261205)
    fresh = cluster_pairs(root, rng, extra=args.batch - 2 if args.extra is None else args.extra)
    if args.batch == 2 or args.split:  # batch 3 took only further cluster pairs
        fresh += more_gva_ecb(root, used, rng, args.gva, args.ecb)
    known = {p["id"] for p in old}
    fresh = [p for p in fresh if p["id"] not in known and args.split in (None, p["split"])]
    if args.limit:
        fresh = interleave(fresh, rng)[: args.limit]
    for p in fresh:
        p["batch"] = args.batch
        p["window_a"] = window(article_text(root, p["a"]))
        p["window_b"] = window(article_text(root, p["b"]))
    write_batch(root, interleave(fresh, rng), args.parts, args.out)
    print(f"{len(fresh)} new pairs in {args.parts} parts in {args.out}")
    for name in sorted({p["corpus"] for p in fresh}):
        mine = [p for p in fresh if p["corpus"] == name]
        print(f"  {name}: " + ", ".join(f"{s} {sum(p['split'] == s for p in mine)}" for s in ("train", "dev", "test")))


if __name__ == "__main__":
    main()
