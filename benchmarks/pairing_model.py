"""Could a learned pairing beat the alignment gates? Logistic regression over claim features, on the ECB+ pairs.

Every pair of claims of the two articles of a labelled ECB+ pair (benchmarks/labels) is a candidate. Its label: 1 when
both claims hold the figures of an ``expected`` or ``agree`` entry (the same count), -1 for a trap, 0 otherwise. Its
features are what ``checker.align`` reads (sentence cosine, event, predicate, noun, lead, part, scope, place, owner)
and one it does not: the cosine of the figure's own words, six words either side with the number masked.

Both rules pair one-to-one, most alike first, as ``align`` does; a pair "flags" when its intervals do not overlap
(``verdicts.gap_between``).
The gates are ``align.comparable`` with its similarity floors; the model is scored topic by topic, trained on the
other topics (leave-one-topic-out), at several probability thresholds. Model-free of claimdiff's own verdicts, so the
figures are close to but not equal to ``ecb_pairs.py``'s.

    .venv/bin/python benchmarks/pairing_model.py            # dev pairs
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks import ecb_pairs as E
from benchmarks._corpora import corpus
from checker import align
from checker import vocabulary as V
from checker.verdicts import gap_between
from embeddings import DEFAULT_BACKEND, load_encoder

FEATURES = (
    "sentence",
    "window",
    "both_leads",
    "same_event",
    "event_conflict",
    "same_predicate",
    "same_noun",
    "same_kind",
    "both_parts",
    "one_part",
    "same_scope",
    "both_on_topic",
    "owner_conflict",
    "same_unit",
)


def _window(claim, words: int = 6) -> str:
    text, q = claim.sentence.text, claim.quantity
    return " ".join([*text[: q.start].split()[-words:], "N", *text[q.end :].split()[:words]])


def candidates(split: str) -> list[dict]:
    """One row per claim pair of each labelled article pair: features, label and what a flag would mean."""
    root = corpus("ecbplus_text").parent
    encoder = load_encoder(DEFAULT_BACKEND, cache=False)
    tmp = Path(tempfile.mkdtemp(prefix="pairing_"))
    rows = []
    for record in E.load_labels(split):
        paths = []
        for side in ("a", "b"):
            path = tmp / record[side].replace("/", "_")
            path.write_text(E.as_written((root / record[side]).read_text(encoding="utf-8")), encoding="utf-8")
            paths.append(path)
        report = checker.compare(paths, labels=["A", "B"], encoder=encoder)
        claims = [c for c in report.claims if c.is_level]
        lead = align.lead_claims(claims)
        sentence = encoder.encode([c.sentence.text for c in claims])
        window = encoder.encode([_window(c) for c in claims])
        same = record["expected"] + record.get("agree", [])
        for i, a in enumerate(claims):
            for j, b in enumerate(claims):
                if a.article != "A" or b.article != "B":
                    continue
                pair = E.Claims(a, b)
                label = 1 if any(E._both(pair, e) for e in same) else 0
                if not label and any(E._both(pair, t) for t in record.get("must_not_flag", [])):
                    label = -1
                known = a.event in V.EVENTS, b.event in V.EVENTS
                leads = i in lead and j in lead
                features = {
                    "sentence": float(sentence[i] @ sentence[j]),
                    "window": float(window[i] @ window[j]),
                    "both_leads": leads,
                    "same_event": all(known) and a.event == b.event,
                    "event_conflict": all(known) and a.event != b.event,
                    "same_predicate": a.predicate is not None and a.predicate == b.predicate,
                    "same_noun": a.noun is not None and a.noun == b.noun,
                    "same_kind": align._kind(a.noun) == align._kind(b.noun),
                    "both_parts": a.partial and b.partial,
                    "one_part": a.partial != b.partial,
                    "same_scope": a.scope == b.scope,
                    "both_on_topic": a.on_topic and b.on_topic,
                    "owner_conflict": bool(a.owner and b.owner and a.owner != b.owner),
                    "same_unit": a.quantity.unit == b.quantity.unit,
                }
                gates = align.comparable(a, b, leads=leads) and (
                    features["sentence"] >= V.MIN_SIMILARITY_SECONDARY
                    or (leads and features["sentence"] >= V.MIN_SIMILARITY)
                )
                rows.append(
                    {
                        "pair": record["id"],
                        "topic": E.topic_of(record),
                        "a": i,
                        "b": j,
                        "label": label,
                        "required": any(E._both(pair, e) for e in record["expected"] if e.get("required", True)),
                        "disagree": gap_between(a.quantity, b.quantity) > 0,
                        "gates": gates,
                        "features": [float(features[f]) for f in FEATURES],
                    }
                )
    return rows


def one_to_one(rows: list[dict], score: np.ndarray, floor: float) -> np.ndarray:
    """Pairs taken per article pair, most alike first, each claim at most once, score >= ``floor``."""
    taken = np.zeros(len(rows), dtype=bool)
    by_pair: dict[str, list[int]] = defaultdict(list)
    for k, row in enumerate(rows):
        by_pair[row["pair"]].append(k)
    for members in by_pair.values():
        used: set[tuple[str, int]] = set()
        for k in sorted(members, key=lambda k: (-score[k], k)):
            if score[k] < floor:
                break
            if ("A", rows[k]["a"]) in used or ("B", rows[k]["b"]) in used:
                continue
            used |= {("A", rows[k]["a"]), ("B", rows[k]["b"])}
            taken[k] = True
    return taken


def line(name: str, rows: list[dict], taken: np.ndarray) -> str:
    flags = [rows[k] for k in np.flatnonzero(taken) if rows[k]["disagree"]]
    good = sum(r["label"] == 1 for r in flags)
    return (
        f"{name:22} flags {len(flags):4}  same count {good:3} ({good / max(len(flags), 1):4.0%})  "
        f"required {sum(r['required'] for r in flags):3}  traps {sum(r['label'] == -1 for r in flags):3}  "
        f"same-count pairs taken {sum(rows[k]['label'] == 1 for k in np.flatnonzero(taken))}"
    )


def main() -> None:
    from sklearn.linear_model import LogisticRegression

    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    args = parser.parse_args()
    rows = candidates(args.split)
    X = np.array([r["features"] for r in rows])
    y = np.array([r["label"] == 1 for r in rows])
    topics = np.array([r["topic"] for r in rows])
    print(f"{len(rows)} candidate pairs, {int(y.sum())} of the same count, {sum(r['label'] == -1 for r in rows)} traps")
    gates = np.array([1.0 + r["features"][0] if r["gates"] else -1.0 for r in rows])
    print(line("gates (align today)", rows, one_to_one(rows, gates, 0.0)))
    score = np.zeros(len(rows))
    for topic in sorted(set(topics)):
        train = topics != topic
        model = LogisticRegression(class_weight="balanced", max_iter=2000).fit(X[train], y[train])
        score[~train] = model.predict_proba(X[~train])[:, 1]
    for floor in (0.5, 0.7, 0.8, 0.9, 0.95, 0.97):
        print(line(f"model, p >= {floor}", rows, one_to_one(rows, score, floor)))
    model = LogisticRegression(class_weight="balanced", max_iter=2000).fit(X, y)
    print("weights: " + ", ".join(f"{f} {w:+.2f}" for f, w in zip(FEATURES, model.coef_[0], strict=True)))


if __name__ == "__main__":
    main()
