"""Choose the article pairs to label and write the labellers' task sheets (outside the repository).

    python -m training.make_tasks --out /tmp/claimdiff_tasks --parts 8

Pairs: ECB+, two reports of one sub-topic (5 pairs a train sub-topic, 4 a dev one, 3 a test one); GVA, two
articles of one incident from two outlets (185 train, 45 dev, 60 test incidents). The split is fixed before
labelling (:mod:`training.splits`). Each article is labelled over its first ``WINDOW`` characters (to the end of
that line): the lead, where a report states its counts; figures past it are neither linked nor scored.

The sheets hold article text, so they are written outside the repository; the manifest committed beside the
labels (``training/labels/pairs.json``) names only paths, splits and windows.
"""

from __future__ import annotations

import argparse
import functools
import json
import random
import zlib
from pathlib import Path

from benchmarks._corpora import corpus
from benchmarks.ecb_pairs import as_written
from training.figures import figures, marked
from training.splits import ecb_split, gva_split

WINDOW = 2400
#: Pairs labelled by two labellers, for agreement: one in ten.
DOUBLE_EVERY = 10
PER_SUBTOPIC = {"train": 5, "dev": 4, "test": 3}
GVA_INCIDENTS = {"train": 185, "dev": 45, "test": 60}
LABELS = Path(__file__).resolve().parent / "labels"


@functools.cache
def _cluster_articles(path: Path) -> dict[str, str]:
    """A ``news_clusters`` corpus's articles by id, as claimdiff reads them: the title, a blank line, the body."""
    out = {}
    for raw in path.read_text(encoding="utf-8").splitlines():
        for a in json.loads(raw)["articles"]:
            out[a["id"]] = f"{a['title']}\n\n{a['text']}" if a.get("title") else a["text"]
    return out


def article_text(root: Path, relative: str) -> str:
    """The article as labelled and as benchmarked: ECB+ numbers joined again (same length, same offsets); a
    ``news_clusters`` article is named ``news_clusters/<corpus>/clusters.jsonl#<article id>``."""
    if "#" in relative:
        path, article_id = relative.split("#", 1)
        return _cluster_articles(root / path)[article_id]
    text = (root / relative).read_text(encoding="utf-8")
    return as_written(text) if relative.startswith("ecbplus_text/") else text


def window(text: str) -> int:
    """End of the labelled part: ``WINDOW`` characters, then to the end of that line."""
    if len(text) <= WINDOW:
        return len(text)
    nl = text.find("\n", WINDOW)
    return len(text) if nl < 0 else nl


def _usable(root: Path, rel: str) -> bool:
    text = article_text(root, rel)
    n = len(figures(text[: window(text)], "A"))
    return 2 <= n <= 45


def choose_pairs(root: Path) -> list[dict]:
    rng = random.Random(20261203)
    pairs = []
    ecb = json.loads((root / "ecbplus_text" / "index.json").read_text(encoding="utf-8"))
    for sub in sorted(ecb["subtopics"], key=lambda s: s["subtopic"]):
        split = ecb_split(sub["topic"])
        files = [f"ecbplus_text/{a['file']}" for a in sub["articles"]]
        files = [f for f in files if _usable(root, f)]
        candidates = [(a, b) for i, a in enumerate(files) for b in files[i + 1 :]]
        rng.shuffle(candidates)
        used: set[str] = set()
        chosen = []
        for a, b in candidates:  # prefer pairs of articles not used yet: more texts, fewer repeats
            if a not in used and b not in used:
                chosen.append((a, b))
                used |= {a, b}
            if len(chosen) == PER_SUBTOPIC[split]:
                break
        for a, b in chosen:
            pairs.append(
                {
                    "id": f"ecb_{Path(a).stem}_{Path(b).stem}",
                    "corpus": "ecb",
                    "group": sub["subtopic"],
                    "split": split,
                    "a": a,
                    "b": b,
                    "date_a": None,
                    "date_b": None,
                }
            )
    gva = json.loads((root / "gva_semeval2018_task5" / "index.json").read_text(encoding="utf-8"))["incidents"]
    by_split: dict[str, list] = {"train": [], "dev": [], "test": []}
    for inc in sorted(gva, key=lambda i: zlib.crc32(f"pick:{i['incident_id']}".encode())):
        arts = [a for a in inc["articles"] if _usable(root, f"gva_semeval2018_task5/{a['file']}")]
        pair = next(((x, y) for i, x in enumerate(arts) for y in arts[i + 1 :] if x["outlet"] != y["outlet"]), None)
        split = gva_split(inc["incident_id"])
        if pair and len(by_split[split]) < GVA_INCIDENTS[split]:
            x, y = pair
            by_split[split].append(
                {
                    "id": f"gva_{inc['incident_id']}",
                    "corpus": "gva",
                    "group": inc["incident_id"],
                    "split": split,
                    "a": f"gva_semeval2018_task5/{x['file']}",
                    "b": f"gva_semeval2018_task5/{y['file']}",
                    "date_a": x["dct"],
                    "date_b": y["dct"],
                }
            )
    for split in ("train", "dev", "test"):
        pairs += by_split[split]
    for p in pairs:
        p["window_a"] = window(article_text(root, p["a"]))
        p["window_b"] = window(article_text(root, p["b"]))
    return pairs


def sheet(root: Path, pair: dict) -> str:
    lines = [f"=== PAIR {pair['id']} ===", f"(corpus {pair['corpus']}, story {pair['group']})"]
    for side in ("a", "b"):
        text = article_text(root, pair[side])[: pair[f"window_{side}"]]
        date = pair[f"date_{side}"] or "undated"
        lines += [f"--- ARTICLE {side.upper()} ({date}) ---", marked(text, figures(text, side.upper())), ""]
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=8)
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    pairs = choose_pairs(root)
    rng = random.Random(7)
    order = list(range(len(pairs)))
    rng.shuffle(order)
    parts: list[list[int]] = [[] for _ in range(args.parts)]
    doubles = order[::DOUBLE_EVERY]
    for k, i in enumerate(doubles):  # a double pair goes first in two different parts
        first = k % args.parts
        parts[first].append(i)
        if args.parts > 1:  # the second part is never the first: an offset of 1 .. parts - 1
            parts[(first + 1 + (k // args.parts) % (args.parts - 1)) % args.parts].append(i)
    for k, i in enumerate(x for x in order if x not in set(doubles)):
        parts[k % args.parts].append(i)
    args.out.mkdir(parents=True, exist_ok=True)
    for n, members in enumerate(parts, 1):
        body = "\n\n".join(sheet(root, pairs[i]) for i in members)
        (args.out / f"part{n}.txt").write_text(body, encoding="utf-8")
        for i in members:
            pairs[i].setdefault("parts", []).append(n)
    LABELS.mkdir(exist_ok=True)
    (LABELS / "pairs.json").write_text(json.dumps(pairs, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(pairs)} pairs, {len(doubles)} labelled twice, {args.parts} parts in {args.out}")
    for split in ("train", "dev", "test"):
        print(f"  {split}: {sum(p['split'] == split for p in pairs)}")


if __name__ == "__main__":
    main()
