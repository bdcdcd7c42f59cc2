"""Where the similarity floor for lead figures comes from (``vocabulary.MIN_SIMILARITY``).

Two articles' lead killed/injured figures that pass every other gate of alignment (event, counted noun, place,
time) are paired when their sentences are at least this alike. This benchmark measures, on the GVA / SemEval-2018
Task 5 corpus, how many such lead pairs each floor keeps:

- same incident, different outlets: pairs that should be compared (a floor that drops them misses conflicts);
- different incidents: pairs of two other shootings, which a desk never compares with each other. They show how
  little the similarity of two lead sentences says once the gates have passed: every report of a shooting reads
  alike, so it is the gates, not the embedding, that tell incidents apart.

    python benchmarks/lead_floor.py                 # 500 incidents, seed 2018
    python benchmarks/lead_floor.py --incidents 0   # all of them
"""

from __future__ import annotations

import argparse
import json
import random
import sys
from dataclasses import replace
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import corpus
from checker.align import comparable
from embeddings import DEFAULT_BACKEND, load_encoder

EVENTS = ("killed", "injured")
FLOORS = (0.05, 0.10, 0.15, 0.20, 0.25, 0.30, 0.35, 0.40)
#: Share of the pairs of articles of different incidents that are sampled (there are millions).
OTHER_SHARE = 0.02


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--incidents", type=int, default=500, help="incidents sampled (0: all)")
    parser.add_argument("--seed", type=int, default=2018)
    args = parser.parse_args()

    root = corpus("gva_semeval2018_task5")
    incidents = json.loads((root / "index.json").read_text(encoding="utf-8"))["incidents"]
    rng = random.Random(args.seed)
    rng.shuffle(incidents)
    if args.incidents:
        incidents = incidents[: args.incidents]
    encoder = load_encoder(DEFAULT_BACKEND, cache=False)

    # each article's lead killed/injured claims, read with all articles of its incident
    leads = []  # (incident index, outlet, {event: claim})
    for k, incident in enumerate(incidents):
        report = checker.compare([root / a["file"] for a in incident["articles"]], encoder=encoder)
        for article, meta in zip(report.articles, incident["articles"], strict=True):
            found = {e: report.lead(article.id, e) for e in EVENTS}
            leads.append((k, meta["outlet"], {e: c for e, c in found.items() if c is not None}))
    texts = sorted({c.sentence.text for _, _, d in leads for c in d.values()})
    vectors = dict(zip(texts, encoder.encode(texts), strict=True))

    same, other = [], []
    for i, (ki, oi, di) in enumerate(leads):
        for kj, oj, dj in leads[i + 1 :]:
            if (ki == kj and oi == oj) or (ki != kj and rng.random() > OTHER_SHARE):
                continue
            for event in di.keys() & dj.keys():
                a, b = replace(di[event], article="X"), replace(dj[event], article="Y")
                if comparable(a, b, leads=True):
                    similarity = float(vectors[a.sentence.text] @ vectors[b.sentence.text])
                    (same if ki == kj else other).append(similarity)
    same_a, other_a = np.array(same), np.array(other)
    print(f"backend: {encoder.name}; {len(incidents)} incidents (seed {args.seed})")
    print(f"lead pairs that pass the gates: {len(same)} of one incident, {len(other)} of two (sampled)")
    print("floor  same incident kept  other incidents kept")
    for floor in FLOORS:
        print(f"{floor:5.2f}  {np.mean(same_a >= floor):18.1%}  {np.mean(other_a >= floor):20.1%}")


if __name__ == "__main__":
    main()
