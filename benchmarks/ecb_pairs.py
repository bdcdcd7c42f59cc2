"""Cross-domain discrepancy finding on hand-labelled ECB+ article pairs (earthquakes, piracy, fires, heists, ...).

The labels (``benchmarks/labels/ecb_pairs_*.json``) were written by reading both articles, before claimdiff was
run on them, the way ``../shared/notes/labelling.md`` defines: each ``expected`` entry is a figure an editor must
see (``required``) or may note; each ``must_not_flag`` entry is a trap. Quotes and offsets only: the texts stay in
``../shared``.

The pairs are split by a fixed rule on the ECB+ topic number (:func:`split_of`): develop on ``dev``, run ``test``
once when a change is finished.

    python benchmarks/ecb_pairs.py                  # dev part
    python benchmarks/ecb_pairs.py --split test     # the test part, once
    python benchmarks/ecb_pairs.py --misses         # every missed discrepancy, false flag and trap alarm
    python benchmarks/ecb_pairs.py --stages         # how many misses were lost in reading, pairing, judging

Figures (labelling.md): recall = required discrepancies found / required; found = one flagged group holds both
figures (the labelled sentence's, or the same value stated elsewhere in that article; a trap has no value, so it
matches by its sentence only). Flag precision = flagged groups that are an expected discrepancy (required or
optional) / flagged groups. Trap alarms = traps flagged / traps.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import tempfile
import zlib
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import checker
from benchmarks._corpora import corpus
from checker.align import MODES
from embeddings import BACKENDS, DEFAULT_BACKEND, load_encoder

LABELS = Path(__file__).resolve().parent / "labels"


def split_of(topic: str) -> str:
    """``dev`` or ``test`` for an ECB+ topic: a stable hash of the topic number, about two thirds dev."""
    return "test" if zlib.crc32(topic.encode()) % 3 == 0 else "dev"


def topic_of(record: dict) -> str:
    return Path(record["a"]).parent.name.split("_")[0]


#: ECB+ texts were rebuilt from tokens with a space after every separator inside a number ("230, 000", "6. 1 -
#: magnitude", "$2. 5 million"), which no newsroom copy has. Moving that space after the number keeps every
#: offset of the labels outside the figure itself.
_SPLIT_NUMBER = re.compile(r"(?<=\d)([.,:]) (\d+)")


def as_written(text: str) -> str:
    """The ECB+ text with numbers joined again, the same length, every offset kept but inside figures."""
    return _SPLIT_NUMBER.sub(lambda m: f"{m.group(1)}{m.group(2)} ", text)


def load_labels(split: str) -> list[dict]:
    records = []
    for path in sorted(LABELS.glob("ecb_pairs_*.json")):
        records += json.loads(path.read_text(encoding="utf-8"))
    return [r for r in records if split == "all" or split_of(topic_of(r)) == split]


def _span(side: str, entry: dict) -> tuple[int, int]:
    """Character span of the labelled figure in its article text."""
    quote, start = entry[f"{side}_quote"], entry[f"{side}_start"]
    figure = entry.get(f"{side}_figure") or ""
    at = quote.find(figure) if figure else -1
    if at < 0:
        return start, start + len(quote)
    return start + at, start + at + len(figure)


def _holds(group, label: str, span: tuple[int, int], value: float | None) -> bool:
    """Whether a group holds a claim of article ``label`` whose figure overlaps ``span``, or states the
    labelled value (an article that repeats a figure states one claim, whichever sentence the label quotes)."""
    for c in group.claims:
        if c.article != label:
            continue
        lo = c.sentence.start + c.quantity.start
        hi = c.sentence.start + c.quantity.end
        if lo < span[1] and span[0] < hi:
            return True
        if value is not None and value in (c.quantity.value, c.quantity.low):
            return True
    return False


def _both(group, entry: dict) -> bool:
    return _holds(group, "A", _span("a", entry), entry.get("a_value")) and _holds(
        group, "B", _span("b", entry), entry.get("b_value")
    )


class Claims:
    """Any claims, shaped as a group for :func:`_holds` and :func:`_both`."""

    def __init__(self, *claims) -> None:
        self.claims = claims


def _stage(report, entry: dict) -> str:
    """Where a missed discrepancy was lost: ``reading`` (no claim of one side carries its figure), ``pairing``
    (both are claims, never grouped together) or ``judging`` (grouped, judged consistent)."""
    for side, label in (("a", "A"), ("b", "B")):
        if not any(_holds(Claims(c), label, _span(side, entry), entry.get(f"{side}_value")) for c in report.claims):
            return "reading"
    if any(_both(g, entry) for g in report.groups):
        return "judging"
    return "pairing"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--split", choices=("dev", "test", "all"), default="dev")
    parser.add_argument("--misses", action="store_true", help="print misses, false flags and trap alarms")
    parser.add_argument("--stages", action="store_true", help="count where each missed discrepancy is lost")
    parser.add_argument("--backend", choices=BACKENDS, default=DEFAULT_BACKEND)
    parser.add_argument("--threshold", type=float, help="the judge's threshold, to sweep it on dev")
    parser.add_argument(
        "--alignment", choices=MODES, default=MODES[0], help=f"one of {', '.join(MODES)} (default: {MODES[0]})"
    )
    args = parser.parse_args()

    root = corpus("ecbplus_text").parent
    records = load_labels(args.split)
    if not records:
        print(f"no labelled pairs in {LABELS} for split {args.split}")
        return
    encoder = load_encoder(args.backend, cache=False)
    tmp = Path(tempfile.mkdtemp(prefix="ecb_pairs_"))

    def article(relative: str) -> Path:
        path = tmp / relative.replace("/", "_")
        if not path.exists():
            path.write_text(as_written((root / relative).read_text(encoding="utf-8")), encoding="utf-8")
        return path

    required = found = flagged = good_flags = traps = trap_alarms = 0
    lost: Counter[str] = Counter()
    domains = set()
    for r in records:
        domains.add(r["domain"])
        report = checker.compare(
            [article(r["a"]), article(r["b"])], labels=["A", "B"], encoder=encoder, alignment=args.alignment
        )
        groups = report.discrepancies
        expected = r.get("expected", [])
        for e in expected:
            if not e.get("required", True):
                continue
            required += 1
            hit = any(_both(g, e) for g in groups)
            found += hit
            if not hit:
                lost[_stage(report, e)] += 1
            if args.misses and not hit:
                print(f"MISSED {r['id']} {e['count']}: {e['a_figure']!r} vs {e['b_figure']!r}")
                print(f"    A: {e['a_quote'][:150]!r}\n    B: {e['b_quote'][:150]!r}")
        for g in groups:
            flagged += 1
            ok = any(_both(g, e) for e in expected)
            good_flags += ok
            if args.misses and not ok:
                print(f"FALSE FLAG {r['id']} {g.what} {g.verdict.name} sim {g.similarity:.2f}:")
                for c in g.claims:
                    print(f"    {c.article}: {c.quantity.text!r} in {c.sentence.text[:140]!r}")
        for t in r.get("must_not_flag", []):
            traps += 1
            alarm = any(_both(g, t) for g in groups)
            trap_alarms += alarm
            if args.misses and alarm:
                print(f"TRAP {r['id']} {t['what']}: {t['a_figure']!r} vs {t['b_figure']!r} ({t['why']})")

    print(f"ECB+ {args.split}: {len(records)} pairs, {len(domains)} domains, {required} required discrepancies")
    print(f"  recall: {found}/{required} = {found / max(required, 1):.1%}")
    print(f"  flag precision: {good_flags}/{flagged} = {good_flags / max(flagged, 1):.1%}")
    print(f"  trap alarms: {trap_alarms}/{traps} = {trap_alarms / max(traps, 1):.1%}")
    if args.stages:
        print("  missed, by stage: " + ", ".join(f"{stage} {n}" for stage, n in sorted(lost.items())))


if __name__ == "__main__":
    main()
