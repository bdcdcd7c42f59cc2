"""Collect the labellers' sources into ``training/labels/attribution.json``.

    python -m training.attribution_labels /tmp/claimdiff_attr_labels

Each figure keeps its offsets, its text, a short quote (its sentence, cut) and the gold source (None: the report
cites no one for it). Whole texts stay in ``../shared``.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

from checker.sentences import split
from training.make_attribution_tasks import SEEDS
from training.make_tasks import LABELS, article_text

QUOTE = 240


def text_of(root: Path, name: str, window: int) -> str:
    """The labelled text of an attribution article (a corpus article's window, or a seed)."""
    here = Path(__file__).resolve().parent.parent
    text = (here / name).read_text(encoding="utf-8") if name in SEEDS else article_text(root, name)
    return text[:window]


def main() -> None:
    from benchmarks._corpora import corpus

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sheets", type=Path)
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    manifest = {m["id"]: m for m in json.loads((LABELS / "attribution_figures.json").read_text(encoding="utf-8"))}
    labels: dict[str, dict] = {}
    for path in sorted(args.sheets.glob("part*.jsonl")):
        for raw in path.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                line = json.loads(raw)
                labels.setdefault(line["id"], {"sources": line.get("sources", {}), "labeller": path.stem})
    out = []
    for aid, m in sorted(manifest.items()):
        if aid not in labels:
            continue
        text = text_of(root, m["article"], m["window"])
        sentences = split(text)
        figures = []
        for f in m["figures"]:
            if f["id"] not in labels[aid]["sources"]:
                continue
            s = next((s for s in sentences if s.start <= f["start"] < s.end), None)
            figures.append(
                {
                    **f,
                    "source": labels[aid]["sources"][f["id"]],
                    "quote": s.text[:QUOTE] if s else f["text"],
                    "quote_start": s.start if s else f["start"],
                }
            )
        out.append(
            {
                "id": aid,
                "article": m["article"],
                "split": m["split"],
                "window": m["window"],
                "labeller": labels[aid]["labeller"],
                "figures": figures,
            }
        )
    (LABELS / "attribution.json").write_text(json.dumps(out, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    n = [f for r in out for f in r["figures"]]
    print(
        f"{len(out)} articles, {len(n)} figures ({sum(f['source'] is not None for f in n)} with a source); "
        f"dev {sum(len(r['figures']) for r in out if r['split'] == 'dev')}, "
        f"test {sum(len(r['figures']) for r in out if r['split'] == 'test')}"
    )


if __name__ == "__main__":
    main()
