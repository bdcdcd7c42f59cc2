"""What each of the gates' rules costs and saves on ``--alignment learned``, measured on labelled links.

    python benchmarks/veto.py --split train            # every candidate row of the train pairs (batches 1-7)
    python benchmarks/veto.py --split dev --rows /tmp/rows.jsonl   # and every row, the hidden ones with their text

``--alignment learned`` lets the gates' rules (:func:`checker.align.comparable`) veto a figure pair before the
linker weighs it. Each rule is evaluated on its own for every candidate row (``training.train_linker.candidates``:
the pairs the judge scores and the claim encoder's shortlist keeps). For the rows one rule alone refuses, it counts
what dropping that rule would let the linker decide: same-count pairs whose values the verdict finds apart (the
discrepancies the rule hides: ``apart``; ``flagged``, those the linker scores at or above its threshold), and other
pairs whose values are apart and that the linker scores at or above its threshold (``false flags``: what the rule
prevents). A rule whose ``flagged`` is under its ``false flags`` saves an editor more than it costs. Rows, not
discrepancies: a count stated twice in a report is two rows.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker.vocabulary as V
from benchmarks._corpora import corpus
from checker.align import _kind, _same_thing, comparable, lead_claims, nouns_compatible, orders_apart
from checker.claims import Claim
from checker.linker import load_linker
from checker.quantities.model import convertible
from checker.verdicts import gap_between
from training.examples import load_records
from training.train_linker import candidates, linked

RULES = (
    "not a pair",
    "orders apart",
    "part",
    "time",
    "owner",
    "known event",
    "open noun",
    "noun",
    "lead place",
    "place",
    "side place",
)
#: The table's last row: rows two or more rules refuse, which dropping any one rule would not let through.
MANY = "two or more"


def refusals(a: Claim, b: Claim, leads: bool) -> set[str]:
    """The rules of :func:`checker.align.comparable` that refuse ``a`` and ``b``, each read on its own."""
    out = set()
    if a.article == b.article or a.quantity.change != b.quantity.change:
        # a syndicated twin's figure against its own article's, or a level against a change: never a pair, no rule
        return {"not a pair"}
    if orders_apart(a.quantity, b.quantity):
        out.add("orders apart")
    if a.owner and b.owner and a.owner != b.owner:
        out.add("owner")
    if a.partial or b.partial:
        if a.partial and b.partial and a.noun is not None and a.noun == b.noun:
            return out  # the same part: comparable allows it whatever the other rules say, but the owner
        out.add("part")
    if a.scope != b.scope:
        out.add("time")
    if a.event in V.EVENTS or b.event in V.EVENTS:
        if a.event != b.event:
            out.add("known event")
    elif a.noun is None or b.noun is None or not _same_thing(a, b):
        out.add("open noun")
    if not (
        nouns_compatible(a.noun, b.noun)
        or convertible(a.quantity, b.quantity)
        or (leads and _kind(a.noun) == _kind(b.noun))
    ):
        out.add("noun")
    if leads and a.named_places and b.named_places and not a.places & b.places:
        if not (a.places & b.article_names or b.places & a.article_names):
            out.add("lead place")
    elif a.on_topic and b.on_topic:
        apart = a.named_places and b.named_places and not a.places & b.places
        if apart and not (a.places & b.article_places or b.places & a.article_places):
            out.add("place")
    elif not a.places & b.places:
        out.add("side place")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("train", "dev", "test"), default="dev")
    parser.add_argument("--max-batch", type=int, default=None, help="only pairs of labelling batches up to this one")
    parser.add_argument("--rows", type=Path, help="also write every candidate row here, one JSON object a line")
    args = parser.parse_args()
    rows_file = args.rows.open("w", encoding="utf-8") if args.rows else contextlib.nullcontext()
    with rows_file as dump:
        records = load_records(args.split, args.max_batch)
        linker = load_linker()
        alone: dict[str, Counter] = {rule: Counter() for rule in (*RULES, MANY)}
        total = Counter()
        for n, texts, mine, pairs, x in candidates(records, corpus("ecbplus_text").parent):
            is_link = linked(records[n], texts)
            lead = lead_claims(mine)
            for (i, j), p in zip(pairs, linker.probabilities(x), strict=True):
                a, b = (mine[i], mine[j]) if mine[i].article == "A" else (mine[j], mine[i])
                same = is_link(a, b)
                apart = gap_between(a.quantity, b.quantity) > 0
                leads = i in lead and j in lead
                refused = refusals(a, b, leads)
                # the rules restated one by one must add up to the product's own answer, or this table measures
                # another road
                assert (not refused) == comparable(a, b, leads=leads), (a.what, b.what, refused)
                row = Counter(
                    rows=1,
                    same=same,
                    hidden=same and apart,
                    would_flag=same and apart and p >= linker.threshold,
                    false_flag=(not same) and apart and p >= linker.threshold,
                )
                total += row
                if dump:
                    record = {"pair": records[n]["id"], "p": round(float(p), 4), "refused": sorted(refused)}
                    record |= {"same": same, "apart": apart, "leads": leads}
                    if same and apart:  # the discrepancies a rule may hide: enough to read them
                        record |= {side: [c.quantity.text, c.what, c.sentence.text] for side, c in (("a", a), ("b", b))}
                    dump.write(json.dumps(record) + "\n")
                if len(refused) == 1:
                    alone[next(iter(refused))] += row
                elif len(refused) > 1:
                    alone[MANY] += row
                if (n + 1) % 100 == 0 and (i, j) == pairs[0]:
                    print(f"  {n + 1}/{len(records)} pairs", file=sys.stderr, flush=True)
    print(f"{args.split}: {total['rows']} candidate rows, {total['same']} same count, {total['hidden']} apart")
    print(f"{'rule (alone)':14} {'rows':>6} {'same':>5} {'apart':>6} {'flagged':>8} {'false flags':>12}")
    for rule in (*RULES, MANY):
        c = alone[rule]
        print(f"{rule:14} {c['rows']:6} {c['same']:5} {c['hidden']:6} {c['would_flag']:8} {c['false_flag']:12}")


if __name__ == "__main__":
    main()
