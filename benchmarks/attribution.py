"""Who states each figure: claimdiff's attribution against 484 hand-labelled figures (ECB+, GVA, the seeds).

    python benchmarks/attribution.py --split dev      # tune here
    python benchmarks/attribution.py --split test     # once, at the end
    python benchmarks/attribution.py --misses

Labels (``training/labels/attribution.json``) were written from the text alone, before claimdiff attributed
anything: for each marked figure, the source the article gives for it as the article names it most fully, or
none. The split is the pairs' (``training/splits.py``). A figure is right when both say no source, or when the two
names are one source (:func:`checker.attribution.same_source`: "Gladkov" and "Vyacheslav Gladkov", "police" and
"Elgin police"). Every labelled figure is attributed, whether or not claimdiff reads it as a claim: the figure's
sentence is parsed and read by the same functions claims use; how many of them are claims is reported beside.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import corpus
from checker.articles import Article
from checker.attribution import attribute, same_source
from checker.claims import find_claims
from checker.frames import read
from checker.sentences import split
from training.attribution_labels import text_of
from training.make_tasks import LABELS


def attributed(text: str, title: str, spans: list[tuple[int, int]]) -> list[str | None]:
    """claimdiff's source for each figure span of ``text``, read as ``find_claims`` reads a claim's."""
    sentences = split(text)
    at = [next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None) for start, _ in spans]
    wanted: dict[str, list[tuple[int, int]]] = {}
    for (start, end), k in zip(spans, at, strict=True):
        if k is not None:
            s = sentences[k]
            wanted.setdefault(s.text, []).append((start - s.start, min(end, s.end) - s.start))
    readings = read(list(wanted.items()), cache=False)
    figures = []
    for n, ((start, end), k) in enumerate(zip(spans, at, strict=True)):
        if k is not None:
            s = sentences[k]
            frame = readings[s.text].frames[(start - s.start, min(end, s.end) - s.start)]
            following = sentences[k + 1].text if k + 1 < len(sentences) else None
            figures.append(((s.start, start), n, (s.start, s.end, s.text, following, frame.source)))
    figures.sort()
    names = attribute(text, title, [f for _, _, f in figures])
    got: list[str | None] = [None] * len(spans)
    for (_, n, _), (name, _) in zip(figures, names, strict=True):
        got[n] = name
    return got


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--misses", action="store_true")
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    records = json.loads((LABELS / "attribution.json").read_text(encoding="utf-8"))
    records = [r for r in records if args.split == "all" or r["split"] == args.split]
    right = total = sourced = sourced_right = claims_read = 0
    for r in records:
        text = text_of(root, r["article"], r["window"])
        title = text.split("\n", 1)[0].strip()
        spans = [(f["start"], f["end"]) for f in r["figures"]]
        got = attributed(text, title, spans)
        article = Article(id="A", path=r["article"], title=title, text=text)
        claims = find_claims(article, split(text), cache=False)
        for f, name in zip(r["figures"], got, strict=True):
            total += 1
            ok = same_source(name, f["source"])
            right += ok
            if f["source"] is not None:
                sourced += 1
                sourced_right += ok
            claims_read += any(c.sentence.start + c.quantity.start < f["end"] and f["start"] <
                               c.sentence.start + c.quantity.end for c in claims)  # fmt: skip
            if args.misses and not ok:
                print(f"{r['id']} {f['text']!r}: gold {f['source']!r}, claimdiff {name!r}\n    {f['quote'][:160]!r}")
    print(f"attribution {args.split}: {len(records)} articles, {total} figures ({sourced} with a source)")
    print(f"  accuracy: {right}/{total} = {right / max(total, 1):.1%}")
    print(
        f"  figures with a source: {sourced_right}/{sourced} = {sourced_right / max(sourced, 1):.1%}; "
        f"with none: {right - sourced_right}/{total - sourced} = "
        f"{(right - sourced_right) / max(total - sourced, 1):.1%}"
    )
    print(f"  figures claimdiff reads as claims: {claims_read}/{total}")


if __name__ == "__main__":
    main()
