"""Synthetic hard examples for the judge (train only, marked synthetic): minimal rewrites of labelled links.

    python -m training.synthetic tasks --out /tmp/claimdiff_synth --parts 7   # the writers' sheets
    python -m training.synthetic merge /tmp/claimdiff_synth                    # -> training/labels/synthetic.json

For one labelled same-count link of each train article pair (chosen by a hash of the pair id), a writer sees the
two figures' sentences, each figure marked ``[[...]]``, and rewrites the second sentence twice: ``same``, the same
count in other words (a verb for a noun phrase, "the death toll rose to N" for "killing N people", another
construction), and ``other``, a minimal change of a few words after which the figure counts something else (one
of the trap classes of ``shared/notes/labelling.md``: injured for killed, last year's, another town, a plan, a
part). The judge then learns from (first sentence, ``same``) = same count and (first sentence, ``other``) = not,
the two classes the issue found it missing: the same toll in other words, and a shared word over another count.
The sentences are the labels' own quotes (at most 240 characters each); no article text is added.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import re
from pathlib import Path

from training.examples import Example, figure_context
from training.make_tasks import LABELS

FILE = LABELS / "synthetic.json"
WHYS = ("part", "another time", "another event", "plan", "different thing")
_MARK = re.compile(r"\[\[(.+?)\]\]")

BRIEF = """# Rewrite task: the same count in other words, and another count in the same words

Each item shows two sentences from two news reports of one story. Each has one figure marked [[...]]; a labeller
decided both figures state THE SAME COUNT (described after "what:"). Rewrite sentence B twice:

1. "same": B rewritten so that it states the SAME count in clearly different words: change the construction
   (a verb for a noun phrase: "killing [[12]] people" -> "the death toll stands at [[12]]"; passive for active;
   "[[3]] held" -> "police arrested [[three]] people"), or attribute it, or reorder it. Keep the figure (you may
   write it in words or digits, with the same qualifier such as "at least") and mark it [[...]].
2. "other": B changed MINIMALLY (a few words, most of the sentence kept) so that the marked figure now counts
   something else, and name the change as "why", exactly one of:
   - "different thing": another thing counted under shared words (injured for killed, arrested for charged,
     launched for shot down, votes against for votes for, jobs created for jobs cut);
   - "another time": another period or an earlier event ("last year", "so far this year", "in 2019");
   - "another event": another attack, place, match, company or bill;
   - "plan": planned, possible or feared instead of done ("could rise to", "plans to cut");
   - "part": a part of the whole (children among the dead, one town's share).
   Vary the kind of change across items. Keep the figure as it is, marked [[...]].

Write one JSON object per item, one line each, appended to your own file as you go:
{"item": "<item id>", "same": "<sentence>", "other": "<sentence>", "why": "<class>"}
Each sentence must contain exactly one [[...]]. Do not run any model or script that writes these for you.
"""


def _intact(fig: dict) -> bool:
    """Whether the figure lies inside its committed quote (a quote is cut to 240 characters, a late figure not)."""
    s = fig["start"] - fig["quote_start"]
    return s >= 0 and s + fig["end"] - fig["start"] <= len(fig["quote"]) and fig["end"] > fig["start"]


def _choose(record: dict) -> tuple[dict, dict, str] | None:
    """One link of a train pair: a count by a hash of the pair id, the first mention on each side (the first
    whose figure lies inside its quote)."""
    counts = [
        {**c, "a": [f for f in c["a"] if _intact(f)], "b": [f for f in c["b"] if _intact(f)]} for c in record["counts"]
    ]
    counts = [c for c in counts if c["a"] and c["b"]]
    if not counts:
        return None
    count = counts[int(hashlib.sha256(record["id"].encode()).hexdigest(), 16) % len(counts)]
    return count["a"][0], count["b"][0], count.get("what", "")


def _marked(fig: dict) -> str:
    s = fig["start"] - fig["quote_start"]
    e = s + fig["end"] - fig["start"]
    q = fig["quote"]
    return f"{q[:s]}[[{q[s:e]}]]{q[e:]}"


def items() -> list[dict]:
    """The items of every train pair with a link, in id order."""
    records = json.loads((LABELS / "links.json").read_text(encoding="utf-8"))
    out = []
    for r in sorted(records, key=lambda r: r["id"]):
        chosen = _choose(r) if r["split"] == "train" else None
        if chosen:
            a, b, what = chosen
            out.append({"item": r["id"], "a": _marked(a), "b": _marked(b), "what": what})
    return out


def _span(sentence: str) -> dict | None:
    """``{"sentence", "start", "end"}`` of a sentence with one ``[[...]]`` mark, or None."""
    marks = list(_MARK.finditer(sentence))
    if len(marks) != 1:
        return None
    m = marks[0]
    plain = sentence[: m.start()] + m.group(1) + sentence[m.end() :]
    return {"sentence": plain, "start": m.start(), "end": m.start() + len(m.group(1))}


def merge(folder: Path) -> list[dict]:
    """The writers' lines checked and joined to their items; a malformed line is skipped and counted."""
    by_id = {i["item"]: i for i in items()}
    out, skipped = {}, 0
    for path in sorted(folder.glob("part*.jsonl"), key=lambda p: int(p.stem[4:])):
        for raw in path.read_text(encoding="utf-8").splitlines():
            try:
                line = json.loads(raw)
            except json.JSONDecodeError:
                skipped += raw.strip() != ""
                continue
            item = by_id.get(line.get("item"))
            same, other = _span(line.get("same", "")), _span(line.get("other", ""))
            if item is None or same is None or other is None or line.get("why") not in WHYS:
                skipped += 1
                continue
            # a writer's own later line for an item is their correction (the files are appended to, never rewritten)
            if item["item"] in out and out[item["item"]]["writer"] != f"{folder.name}/{path.stem}":
                continue
            out[item["item"]] = {
                "pair": item["item"],
                "a": _span(item["a"]),
                "same": same,
                "other": other,
                "why": line["why"],
                "writer": f"{folder.name}/{path.stem}",
                "synthetic": True,
            }
    print(f"{len(out)} items written, {skipped} lines skipped", flush=True)
    return [out[k] for k in sorted(out)]


def synthetic_examples(pairs: set[str] | None = None) -> list[Example]:
    """Two examples an item (``same`` = 1, ``other`` = 0), for the train pairs in ``pairs`` (all if None)."""
    if not FILE.exists():
        return []
    out = []
    for row in json.loads(FILE.read_text(encoding="utf-8")):
        if pairs is not None and row["pair"] not in pairs:
            continue
        a = figure_context(row["a"]["sentence"], row["a"]["start"], row["a"]["end"])
        flip = hashlib.sha256(row["pair"].encode()).digest()[0] % 2  # the judge must not care which comes first
        for key, label, why in (("same", 1, "synthetic same"), ("other", 0, f"synthetic {row['why']}")):
            s = row[key]
            b = figure_context(s["sentence"], s["start"], s["end"])
            out.append(Example(*((b, a) if flip else (a, b)), label, row["pair"], why))
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = parser.add_subparsers(dest="command", required=True)
    t = sub.add_parser("tasks")
    t.add_argument("--out", type=Path, required=True)
    t.add_argument("--parts", type=int, default=7)
    m = sub.add_parser("merge")
    m.add_argument("folder", type=Path)
    args = parser.parse_args()
    if args.command == "tasks":
        args.out.mkdir(parents=True, exist_ok=True)
        all_items = items()
        (args.out / "BRIEF.md").write_text(BRIEF, encoding="utf-8")
        for n in range(args.parts):
            mine = all_items[n :: args.parts]
            body = "\n\n".join(f"=== ITEM {i['item']} ===\nwhat: {i['what']}\nA: {i['a']}\nB: {i['b']}" for i in mine)
            (args.out / f"part{n + 1}.txt").write_text(body + "\n", encoding="utf-8")
        print(f"{len(all_items)} items in {args.parts} parts in {args.out}")
    else:
        rows = merge(args.folder)
        FILE.write_text(json.dumps(rows, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
