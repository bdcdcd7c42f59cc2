"""The one-story check: do two reports given to ``compare`` tell one story? (issue 28, item 3)

``compare`` groups its articles as ``scan`` does (:func:`checker.grouping.group`) before comparing them. Two
errors cost an editor: a pair of reports of one story held apart (its discrepancies are not compared: lost
recall), and a pair of different stories of one kind joined (a 2015 ferry sinking against a 2025 one: absurd flags).

    python benchmarks/one_story.py --split dev     # tune here
    python benchmarks/one_story.py --split test    # once, at the end

Same-story pairs: the labelled article pairs (``training/labels/links.json``, every corpus), whole articles with
their dates; "with required" are those with a labelled conflict, update or correction (what is lost when held
apart). Different-story pairs of the same kind: ECB+ topics' two sub-topics (two earthquakes, two rehab stints;
undated, split by topic as ``benchmarks/stories.py``) and GVA incidents of one state within 14 days of each
other (dated; split by incident).
"""

from __future__ import annotations

import argparse
import itertools
import json
import random
import sys
import tempfile
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks._corpora import corpus
from benchmarks.links import REQUIRED
from checker import grouping
from checker.articles import load_article
from training.make_tasks import LABELS, article_text

SEED = 20261205
THRESHOLDS = (0.04, 0.08, 0.12)


def _lead(path: Path, date: str | None) -> grouping.Lead:
    return grouping.lead_of(load_article(path, label="A", published=date, offline=True, cache=False))


def _one(tmp: Path, name: str, texts: tuple[str, str], dates: tuple[str | None, str | None]) -> tuple[bool, ...]:
    leads = []
    for side, text, date in zip("ab", texts, dates, strict=True):
        path = tmp / f"{name}_{side}.txt"
        path.write_text(text, encoding="utf-8")
        leads.append(_lead(path, date))
    return tuple(len(_check(leads, t)) == 1 for t in THRESHOLDS)


def _check(leads: list[grouping.Lead], t: float) -> list[list[int]]:
    grouping.APART_COSINE = t  # the sweep: each threshold in turn
    return grouping.one_story(leads)


def same_story(split: str, tmp: Path, root: Path) -> None:
    records = [r for r in json.loads((LABELS / "links.json").read_text(encoding="utf-8")) if r["split"] == split]
    held: dict[str, list[tuple[bool, ...]]] = {}
    lost = [0] * len(THRESHOLDS)
    required = 0
    for r in records:
        texts = (article_text(root, r["a"]), article_text(root, r["b"]))
        joined = _one(tmp, r["id"].replace("/", "_")[:80], texts, (r["date_a"], r["date_b"]))
        n = sum(c["kind"] in REQUIRED for c in r["counts"])
        required += n
        lost = [x + (0 if j else n) for x, j in zip(lost, joined, strict=True)]
        held.setdefault(r["corpus"], []).append(joined)
    held["all"] = [j for name in sorted(held) for j in held[name]]
    for k, t in enumerate(THRESHOLDS):
        for name, rows in sorted(held.items(), key=lambda kv: (kv[0] == "all", kv[0])):
            n = sum(row[k] for row in rows)
            print(f"t={t:.2f} same story {split:4} {name:10} held as one {n:4}/{len(rows):<4} {n / len(rows):6.1%}")
        print(f"t={t:.2f} required discrepancies of pairs held apart (lost): {lost[k]}/{required}")


def different_stories(split: str, tmp: Path, per_corpus: int) -> None:
    rng = random.Random(SEED)
    ecb_root = corpus("ecbplus_text")
    ecb_pairs = []
    subtopics: dict[str, list[dict]] = {}
    for sub in json.loads((ecb_root / "index.json").read_text(encoding="utf-8"))["subtopics"]:
        if ("test" if zlib.crc32(sub["topic"].encode()) % 3 == 0 else "dev") == split:
            subtopics.setdefault(sub["topic"], []).append(sub)
    for _, subs in sorted(subtopics.items()):
        for x, y in itertools.combinations(subs, 2):
            for a, b in itertools.product(x["articles"], y["articles"]):
                ecb_pairs.append((ecb_root / a["file"], ecb_root / b["file"], None, None))
    gva_root = corpus("gva_semeval2018_task5")
    incidents = [
        i
        for i in json.loads((gva_root / "index.json").read_text(encoding="utf-8"))["incidents"]
        if ("test" if zlib.crc32(str(i["incident_id"]).encode()) % 2 else "dev") == split
    ]
    gva_pairs = []
    for x, y in itertools.combinations(incidents, 2):
        if x["state"] != y["state"]:
            continue
        a, b = x["articles"][0], y["articles"][0]
        if a.get("dct") and b.get("dct") and abs(_day(a["dct"]) - _day(b["dct"])) <= grouping.WINDOW_DAYS:
            gva_pairs.append((gva_root / a["file"], gva_root / b["file"], a["dct"], b["dct"]))
    for name, pairs in (("ecb", ecb_pairs), ("gva", gva_pairs)):
        pairs = sorted(pairs)
        rng.shuffle(pairs)
        pairs = pairs[:per_corpus]
        rows = [_one(tmp, f"{name}{k}", (_text(a), _text(b)), (da, db)) for k, (a, b, da, db) in enumerate(pairs)]
        for k, t in enumerate(THRESHOLDS):
            n = sum(row[k] for row in rows)
            print(f"t={t:.2f} different  {split:4} {name:10} joined (wrong) {n:4}/{len(rows):<4} {n / len(rows):6.1%}")


def _text(path: Path) -> str:
    from benchmarks.ecb_pairs import as_written

    text = path.read_text(encoding="utf-8")
    return as_written(text) if "ecbplus_text" in str(path) else text


def _day(iso: str) -> int:
    import datetime as dt

    return dt.date.fromisoformat(iso).toordinal()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--different", type=int, default=400, help="different-story pairs per corpus")
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    with tempfile.TemporaryDirectory() as tmp:
        same_story(args.split, Path(tmp), root)
        different_stories(args.split, Path(tmp), args.different)


if __name__ == "__main__":
    main()
