"""The labelled same-count links: read the labellers' sheets, resolve figure ids to offsets, measure agreement.

    python -m training.links /tmp/claimdiff_labels     # merges into training/labels/links.json, prints agreement

A labeller's line names figures by the ids of the task sheet (``A3``); ids are resolved here by listing the
figures again (:mod:`training.figures` is deterministic), and the committed file keeps what survives a change of
lister: each figure's offset, its text and a short quote (its sentence, cut to ``QUOTE`` characters). Whole
texts never enter the repository.

A pair labelled twice keeps the first labeller's labels (parts in order), amended where a third reader settled a
disagreement from the text (``adjudicated.jsonl`` in the same folder: one line per figure pair, same count or not
and why); both versions are kept for the agreement figure: link F1 between the two labellers (a link = a pair of
figures stated to be the same count) and the agreement on each shared link's kind.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from benchmarks._corpora import corpus
from training.figures import Figure, figures
from training.make_tasks import LABELS, article_text

QUOTE = 240
KINDS = ("agree", "conflict", "update", "correction", "optional")
WHYS = ("part", "another time", "another event", "plan", "different thing", "counts nothing")


def _figure(f: Figure) -> dict:
    return {
        "id": f.id,
        "start": f.start,
        "end": f.end,
        "text": f.text,
        "quote": f.sentence[:QUOTE],
        "quote_start": f.s_start,
    }


def resolve(line: dict, pair: dict, root: Path) -> dict:
    """One labeller's line as a record of offsets: ``counts`` (kind, what, figures of A and of B) and
    ``not_same`` (a figure of each side and why they are not one count). Unknown ids are dropped."""
    figs = {}
    for side in ("a", "b"):
        text = article_text(root, pair[side])[: pair[f"window_{side}"]]
        figs.update({f.id: f for f in figures(text, side.upper())})
    counts = []
    for c in line.get("counts", []):
        a = [_figure(figs[i]) for i in c.get("a", []) if str(i).startswith("A") and i in figs]
        b = [_figure(figs[i]) for i in c.get("b", []) if str(i).startswith("B") and i in figs]
        kind = c.get("kind", "agree")
        if a and b and kind in KINDS:
            counts.append({"what": c.get("what", ""), "kind": kind, "a": a, "b": b})
    not_same = []
    for n in line.get("not_same", []):
        a, b = figs.get(n.get("a")), figs.get(n.get("b"))
        if a and b and a.id.startswith("A") and b.id.startswith("B") and n.get("why") in WHYS:
            not_same.append({"why": n["why"], "what": n.get("what", ""), "a": _figure(a), "b": _figure(b)})
    return {"counts": counts, "not_same": not_same, "domain": line.get("domain", "")}


def link_set(record: dict) -> set[tuple[str, str]]:
    return {(x["id"], y["id"]) for c in record["counts"] for x in c["a"] for y in c["b"]}


def agreement(first: dict, second: dict) -> tuple[int, int, int, int, int]:
    """(links of the first, of the second, shared, shared with the same kind, shared with a discrepancy kind on
    one side only)."""
    kinds = [
        {(x["id"], y["id"]): c["kind"] for c in r["counts"] for x in c["a"] for y in c["b"]} for r in (first, second)
    ]
    shared = kinds[0].keys() & kinds[1].keys()
    same_kind = sum(kinds[0][k] == kinds[1][k] for k in shared)
    flips = sum((kinds[0][k] == "agree") != (kinds[1][k] == "agree") for k in shared)
    return len(kinds[0]), len(kinds[1]), len(shared), same_kind, flips


def settle(record: dict, decisions: list[dict], figs: dict[str, dict]) -> int:
    """Amend ``record`` by the adjudicator's ``decisions``; returns how many changed it. A pair settled as the same
    count joins the count that holds one of its figures, or a count of its own; a pair settled as not the same
    count leaves its count (the figure that has no other partner there is taken out) and becomes a hard negative."""
    changed = 0
    for d in decisions:
        a, b = d["a"], d["b"]
        if a not in figs or b not in figs:
            continue
        holding = [
            c for c in record["counts"] if any(x["id"] == a for x in c["a"]) and any(y["id"] == b for y in c["b"])
        ]
        if d.get("same"):
            kind = d.get("kind") if d.get("kind") in KINDS else "agree"
            if holding:
                for c in holding:
                    changed += c["kind"] != kind
                    c["kind"] = kind
                continue
            record["counts"].append(
                {"what": f"settled: {d.get('note', '')}"[:120], "kind": kind, "a": [figs[a]], "b": [figs[b]]}
            )
            changed += 1
        elif holding:
            for c in holding:
                side = "a" if len(c["a"]) <= len(c["b"]) else "b"
                drop = a if side == "a" else b
                c[side] = [x for x in c[side] if x["id"] != drop]
            record["counts"] = [c for c in record["counts"] if c["a"] and c["b"]]
            if d.get("why") in WHYS:
                record["not_same"].append({"why": d["why"], "what": d.get("note", ""), "a": figs[a], "b": figs[b]})
            changed += 1
    return changed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sheets", type=Path, help="folder of the labellers' part*.jsonl")
    args = parser.parse_args()
    root = corpus("ecbplus_text").parent
    pairs = {p["id"]: p for p in json.loads((LABELS / "pairs.json").read_text(encoding="utf-8"))}
    labelled: dict[str, list[tuple[str, dict]]] = {}
    for path in sorted(args.sheets.glob("part*.jsonl"), key=lambda p: int(p.stem[4:])):
        for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not raw.strip():
                continue
            try:
                line = json.loads(raw)
            except json.JSONDecodeError:
                print(f"{path.name}:{n}: not JSON, skipped", file=sys.stderr)
                continue
            pair = pairs.get(line.get("id"))
            if pair is None:
                print(f"{path.name}:{n}: unknown pair {line.get('id')!r}, skipped", file=sys.stderr)
                continue
            versions = labelled.setdefault(pair["id"], [])
            record = (path.stem, resolve(line, pair, root))
            mine = [k for k, (who, _) in enumerate(versions) if who == path.stem]
            if mine:  # a labeller's own repeat is their correction (sheets are appended to, never rewritten)
                versions[mine[0]] = record
            else:
                versions.append(record)
    decisions: dict[str, list[dict]] = {}
    settled = args.sheets / "adjudicated.jsonl"
    if settled.exists():
        for raw in settled.read_text(encoding="utf-8").splitlines():
            if raw.strip():
                d = json.loads(raw)
                decisions.setdefault(d["id"], []).append(d)
    # labels of earlier batches (their sheets are gone) stay as they are; a pair labelled again here is replaced
    known = LABELS / "links.json"
    earlier = json.loads(known.read_text(encoding="utf-8")) if known.exists() else []
    out = [r for r in earlier if r["id"] not in labelled]
    changes = 0
    totals = [0, 0, 0, 0, 0]
    doubles = 0
    for pid, versions in sorted(labelled.items()):
        pair = pairs[pid]
        who, record = versions[0]
        entry = {
            k: pair[k] for k in ("id", "corpus", "group", "split", "a", "b", "date_a", "date_b", "window_a", "window_b")
        }
        entry.update(record, labeller=f"{args.sheets.name}/{who}")
        if len(versions) > 1:
            doubles += 1
            entry["second"] = {
                "labeller": versions[1][0],
                "counts": versions[1][1]["counts"],
                "not_same": versions[1][1]["not_same"],
            }
            totals = [t + x for t, x in zip(totals, agreement(record, versions[1][1]), strict=True)]
            if pid in decisions:
                figs = {}
                for side in ("a", "b"):
                    text = article_text(root, pair[side])[: pair[f"window_{side}"]]
                    figs.update({f.id: _figure(f) for f in figures(text, side.upper())})
                entry["counts"] = json.loads(json.dumps(entry["counts"]))  # the second version keeps its own
                changes += settle(entry, decisions[pid], figs)
        out.append(entry)
    out.sort(key=lambda r: r["id"])
    (LABELS / "links.json").write_text(
        json.dumps(out, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    links = sum(len(link_set(r)) for r in out)
    domains = {r["domain"].lower() for r in out}
    per_split = ", ".join(f"{s} {sum(r['split'] == s for r in out)}" for s in ("train", "dev", "test"))
    print(
        f"{len(out)} pairs ({per_split}),"
        f" {links} same-count links, {sum(len(r['not_same']) for r in out)} hard negatives, {len(domains)} domains"
    )
    a, b, shared, same_kind, flips = totals
    if doubles:
        p, r = shared / max(b, 1), shared / max(a, 1)
        print(
            f"agreement on {doubles} pairs labelled twice: link F1 {2 * p * r / max(p + r, 1e-9):.3f} "
            f"({shared} shared of {a} / {b}); same kind on {same_kind}/{shared} shared links; "
            f"agree-vs-discrepancy disagreements {flips}; {changes} labels changed by adjudication"
        )


if __name__ == "__main__":
    main()
