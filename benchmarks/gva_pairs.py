"""Cross-source alignment on real copy: the GVA / SemEval-2018 Task 5 gun-violence corpus.

Uses only the public API (``checker.compare`` on files, ``Report.lead``), with the model loaded once.

1. Agreement: for every incident, compare all its articles at once; each article's lead killed and injured
   figures are checked against the incident's gold counts (GVA).
2. False alarms: pairs of articles from different outlets whose lead killed/injured figures all contain the gold
   counts. Any killed/injured group flagged on such a pair is a false alarm.
3. Detection: in each such pair, one article's lead killed or injured figure is rewritten to another value in the
   same style (digits stay digits, words stay words). A rewrite is detected when one flagged group holds the
   rewritten claim and the other article's right figure.

    python benchmarks/gva_pairs.py                 # all figures, seed 2018, up to 300 pairs
    python benchmarks/gva_pairs.py --pairs 100 --misses
    python benchmarks/gva_pairs.py --parity       # also: same groups and verdicts with the reference backend?
    python benchmarks/gva_pairs.py --split test   # the held-out half of the incidents, run once a change is done

Incidents are split into a dev half and a test half by a stable hash of the incident id (:func:`split_of`); tune
on dev only.

``--parity`` compares every pair (and every rewrite) a second time with the reference backend
(sentence-transformers on torch) and reports the share of comparisons whose groups and verdicts are identical.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
import zlib
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import corpus
from checker.align import MODES
from embeddings import BACKENDS, DEFAULT_BACKEND, load_encoder

EVENTS = ("killed", "injured")
#: At most this many article pairs of one incident, so that a few big stories do not dominate the sample.
PAIRS_PER_INCIDENT = 3
# number words for 0-20, in order, for rewriting figures written as words
WORDS = (
    "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen"
    " eighteen nineteen twenty"
).split(" ")


def split_of(incident_id: str) -> str:
    """``dev`` or ``test``: a stable hash of the GVA incident id, half and half."""
    return "test" if zlib.crc32(str(incident_id).encode()) % 2 else "dev"


def contains(claim, gold: int) -> bool:
    q = claim.quantity
    low = q.low if q.low is not None else float("-inf")
    high = q.high if q.high is not None else float("inf")
    return low <= gold <= high


def leads(report, article: str) -> dict[str, object]:
    return {e: report.lead(article, e) for e in EVENTS}


def signature(report) -> list:
    """What a reader sees of a report: each group's verdict and the claims it holds."""
    return sorted(
        (g.verdict.name, tuple(sorted((c.article, c.sentence.start, c.quantity.start) for c in g.claims)))
        for g in report.groups
    )


def matches_gold(figures: dict, gold: dict) -> bool:
    """Every lead killed/injured figure contains the gold count, and there is at least one."""
    present = {e: c for e, c in figures.items() if c is not None}
    return bool(present) and all(contains(c, gold[f"num_{e}"]) for e, c in present.items())


def rewrite(text: str, claim, rng: random.Random) -> tuple[str, int] | None:
    """The article text with the claim's number changed, in the same style, or None if it cannot be."""
    q = claim.quantity
    if q.value is None or not float(q.value).is_integer() or q.value < 0:
        return None
    old = int(q.value)
    new = old + rng.choice((2, 3, 4, 5))
    start = claim.sentence.start + q.start
    span = text[start : start + len(q.text)]
    if span != q.text:
        return None
    for written, replacement in ((str(old), str(new)), (f"{old:,}", f"{new:,}")):
        if written in span:
            return text[:start] + span.replace(written, replacement, 1) + text[start + len(span) :], new
    if old < len(WORDS) and new < len(WORDS):
        lower = span.lower()
        word = WORDS[old]
        at = lower.find(word)
        if at >= 0:
            repl = WORDS[new].capitalize() if span[at].isupper() else WORDS[new]
            return text[:start] + span[:at] + repl + span[at + len(word) :] + text[start + len(span) :], new
    return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--pairs", type=int, default=300, help="consistent pairs to test (default 300)")
    parser.add_argument("--seed", type=int, default=2018)
    parser.add_argument("--misses", action="store_true", help="print false alarms and missed rewrites")
    parser.add_argument("--incidents", type=int, default=0, help="limit the agreement run (0: all)")
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND)
    parser.add_argument(
        "--alignment", choices=MODES, default=MODES[0], help=f"one of {', '.join(MODES)} (default: {MODES[0]})"
    )
    parser.add_argument("--parity", action="store_true", help="check every comparison against the reference backend")
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev", help="which half of the incidents")
    parser.add_argument(
        "--flags", metavar="FILE", help="write every flagged group of the consistent pairs (any event) as JSON lines"
    )
    args = parser.parse_args()

    root = corpus("gva_semeval2018_task5")
    incidents = json.loads((root / "index.json").read_text(encoding="utf-8"))["incidents"]
    incidents = [i for i in incidents if args.split == "all" or split_of(i["incident_id"]) == args.split]
    encoder = load_encoder(args.backend, cache=False)
    encoder.encode(["warm up"])  # load the model once, outside the timings
    reference = load_encoder("sentence-transformers", cache=False) if args.parity else None
    parity = [0, 0]

    def check_parity(paths, report) -> None:
        if reference is not None:
            parity[1] += 1
            parity[0] += signature(checker.compare(paths, encoder=reference, alignment=args.alignment)) == signature(
                report
            )

    rng = random.Random(args.seed)

    # 1. agreement of lead figures with gold, all articles of an incident compared at once
    agree = {e: [0, 0] for e in EVENTS}
    started = time.perf_counter()
    n_articles = 0
    sample = incidents[: args.incidents] if args.incidents else incidents
    for incident in sample:
        paths = [root / a["file"] for a in incident["articles"]]
        report = checker.compare(paths, encoder=encoder, alignment=args.alignment)
        n_articles += len(paths)
        for article in report.articles:
            for event, claim in leads(report, article.id).items():
                if claim is not None:
                    gold = incident["gold"][f"num_{event}"]
                    agree[event][1] += 1
                    agree[event][0] += contains(claim, gold)
                    if args.misses and not contains(claim, gold):
                        print(
                            f"LEAD {incident['incident_id']} {event} gold {gold}: {claim.quantity.text!r} in "
                            f"{claim.sentence.text[:150]!r}"
                        )
    elapsed = time.perf_counter() - started
    rate = n_articles / elapsed
    print(
        f"agreement ({args.split} half): {len(sample)} incidents, {n_articles} articles in {elapsed:.0f} s "
        f"({rate:.1f} articles/s)"
    )
    for event, (ok, n) in agree.items():
        print(f"  lead {event} figure contains the gold count: {ok}/{n} = {ok / max(n, 1):.1%}")

    # 2 and 3. consistent pairs of different outlets, then one rewrite per pair
    candidates = []
    for incident in incidents:
        articles = incident["articles"]
        pairs = [(a, b) for i, a in enumerate(articles) for b in articles[i + 1 :] if a["outlet"] != b["outlet"]]
        rng.shuffle(pairs)
        candidates += [(incident, pair) for pair in pairs[:PAIRS_PER_INCIDENT]]
    rng.shuffle(candidates)

    flags_out = open(args.flags, "w", encoding="utf-8") if args.flags else None  # noqa: SIM115
    consistent = false_alarms = tried = detected = compared = 0
    pair_seconds = 0.0
    with tempfile.TemporaryDirectory() as tmp:
        for incident, (a, b) in candidates:
            if consistent >= args.pairs:
                break
            gold = incident["gold"]
            paths = [root / a["file"], root / b["file"]]
            t0 = time.perf_counter()
            report = checker.compare(paths, encoder=encoder, alignment=args.alignment)
            pair_seconds += time.perf_counter() - t0
            compared += 1
            check_parity(paths, report)
            figures = {x.id: leads(report, x.id) for x in report.articles}
            if not all(matches_gold(f, gold) for f in figures.values()):
                continue
            consistent += 1
            flagged = [g for g in report.discrepancies if g.claims[0].event in EVENTS]
            if flags_out:
                for g in report.discrepancies:
                    record = {
                        "incident": incident["incident_id"],
                        "a": a["file"],
                        "b": b["file"],
                        "what": g.what,
                        "verdict": g.verdict.name,
                        "claims": [
                            {"article": c.article, "figure": c.quantity.text, "sentence": c.sentence.text}
                            for c in g.claims
                        ],
                    }
                    flags_out.write(json.dumps(record) + "\n")
            false_alarms += len(flagged)
            if args.misses:
                for g in flagged:
                    print(f"FALSE ALARM {incident['incident_id']} {g.what} {g.verdict.name} sim {g.similarity:.2f}:")
                    for c in g.claims:
                        print(f"    {c.article}: {c.quantity.text!r} in {c.sentence.text[:140]!r}")

            # rewrite one article's killed or injured lead figure
            which = rng.choice(["A", "B"])
            other = "B" if which == "A" else "A"
            events = [e for e in EVENTS if figures[which][e] is not None and figures[other][e] is not None]
            if not events:
                continue  # the two right values must both be there to be found in one group
            event = rng.choice(events)
            claim = figures[which][event]
            path = paths[0] if which == "A" else paths[1]
            changed = rewrite(path.read_text(encoding="utf-8"), claim, rng)
            if changed is None:
                continue
            text, new_value = changed
            out = Path(tmp) / f"{incident['incident_id']}_{which}.txt"
            out.write_text(text, encoding="utf-8")
            new_paths = [out, paths[1]] if which == "A" else [paths[0], out]
            tried += 1
            report2 = checker.compare(new_paths, encoder=encoder, alignment=args.alignment)
            check_parity(new_paths, report2)
            right = figures[other][event]
            hit = any(
                g.claims[0].event == event
                and any(c.article == which and c.quantity.value == new_value for c in g.claims)
                and any(c.article == other and contains(c, gold[f"num_{event}"]) for c in g.claims)
                for g in report2.discrepancies
            )
            detected += hit
            if args.misses and not hit:
                print(f"MISSED {incident['incident_id']} {event}: {claim.quantity.text!r} -> {new_value} in {which}")
                print(f"    {which}: {claim.sentence.text[:160]!r}")
                print(f"    {other}: {right.sentence.text[:160]!r}")

    if flags_out:
        flags_out.close()
    print(f"backend: {encoder.name}")
    if reference is not None:
        print(f"parity with {reference.name}: same groups and verdicts in {parity[0]}/{parity[1]} comparisons")
    print(f"pairs: {consistent} consistent pairs of different outlets (seed {args.seed}, {args.split} half)")
    print(f"  false killed/injured groups per pair: {false_alarms / max(consistent, 1):.3f} ({false_alarms} in all)")
    print(f"  rewrites detected: {detected}/{tried} = {detected / max(tried, 1):.1%}")
    print(
        f"  speed: {compared / max(pair_seconds, 1e-9):.1f} pairs/s over {compared} pairs compared (model loaded once)"
    )


if __name__ == "__main__":
    main()
