"""Choose the figures whose source to label, and write the labellers' sheets (outside the repository).

    python -m training.make_attribution_tasks --out /tmp/claimdiff_attr --parts 4

Figures are the labelled counts of ``training/labels/links.json`` (every mention of a count both reports state:
real counts, not years and ages), one an article, of a stable sample of the articles, in the split of their pair
(train pairs are used as dev: attribution is not trained), plus every figure of the two seed articles (dev).
Each sheet shows the article's labelled window with the chosen figures marked ``[F3: 13]``; the labeller names who
the copy says states each figure. The manifest (``training/labels/attribution_figures.json``) holds ids,
offsets and splits, no text.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

from benchmarks._corpora import corpus
from training.figures import figures, is_age
from training.make_tasks import LABELS, article_text

PER_ARTICLE = 1
#: Articles a split keeps (a stable sample), beside the seeds: enough for a figure to move accuracy by 0.4-0.5 %.
KEEP = {"dev": 260, "test": 220}
SEEDS = ("../shared/seeds/belgorod_kremlin_vows.txt", "../shared/seeds/belgorod_one_killed.txt")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--parts", type=int, default=4)
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    rng = random.Random(20261203)
    records = json.loads((LABELS / "links.json").read_text(encoding="utf-8"))
    articles: dict[str, dict] = {}
    for r in records:
        split = "test" if r["split"] == "test" else "dev"
        for side in ("a", "b"):
            text = article_text(root, r[side])[: r[f"window_{side}"]]
            mentions = {f["start"]: f for c in r["counts"] for f in c[side] if not is_age(text, f["start"], f["end"])}
            if not mentions:
                continue
            chosen = rng.sample(sorted(mentions), min(PER_ARTICLE, len(mentions)))
            entry = articles.setdefault(
                r[side], {"article": r[side], "split": split, "window": r[f"window_{side}"], "figures": {}}
            )
            for start in chosen:
                f = mentions[start]
                entry["figures"][start] = {"start": f["start"], "end": f["end"], "text": f["text"]}
    seeds_root = Path(__file__).resolve().parent.parent
    for seed in SEEDS:
        text = (seeds_root / seed).read_text(encoding="utf-8")
        figs = [f for f in figures(text, "F") if not is_age(text, f.start, f.end)]
        articles[seed] = {
            "article": seed,
            "split": "dev",
            "window": len(text),
            "figures": {f.start: {"start": f.start, "end": f.end, "text": f.text} for f in figs},
        }
    for split, keep in KEEP.items():
        names = sorted(n for n, e in articles.items() if e["split"] == split and n not in SEEDS)
        for name in set(names) - set(rng.sample(names, min(keep, len(names)))):
            del articles[name]
    manifest = []
    for k, (name, entry) in enumerate(sorted(articles.items())):
        text = (seeds_root / name).read_text(encoding="utf-8") if name in SEEDS else article_text(root, name)
        text = text[: entry["window"]]
        figs = sorted(entry["figures"].values(), key=lambda f: f["start"])
        for n, f in enumerate(figs, 1):
            f["id"] = f"F{n}"
        manifest.append({"id": f"attr_{k}", **entry, "figures": figs})
    rng.shuffle(manifest)
    args.out.mkdir(parents=True, exist_ok=True)
    for part in range(args.parts):
        members = manifest[part :: args.parts]
        sheets = []
        for m in members:
            name = m["article"]
            text = (seeds_root / name).read_text(encoding="utf-8") if name in SEEDS else article_text(root, name)
            text = text[: m["window"]]
            pieces, at = [], 0
            for f in m["figures"]:
                pieces += [text[at : f["start"]], f"[{f['id']}: {f['text']}]"]
                at = f["end"]
            pieces.append(text[at:])
            sheets.append(f"=== ARTICLE {m['id']} ===\n{''.join(pieces)}\n")
        (args.out / f"part{part + 1}.txt").write_text("\n".join(sheets), encoding="utf-8")
    manifest.sort(key=lambda m: m["id"])
    (LABELS / "attribution_figures.json").write_text(json.dumps(manifest, indent=1) + "\n", encoding="utf-8")
    n = sum(len(m["figures"]) for m in manifest)
    print(
        f"{len(manifest)} articles, {n} figures "
        f"(dev {sum(len(m['figures']) for m in manifest if m['split'] == 'dev')}, "
        f"test {sum(len(m['figures']) for m in manifest if m['split'] == 'test')})"
    )


if __name__ == "__main__":
    main()
