"""Write the linker's card (``README.md`` beside ``linker.json``) from its weights and measured figures.

    python -m training.linker_card [MODEL_DIR]

``python -m training.train_linker`` calls this. The alignment figures measured by ``benchmarks/links.py`` live in
``evaluation.json`` beside the weights (``{"title": ["markdown line", ...]}``), so adding them leaves the weights and
their SHA-256 as they were; run this alone after editing it.
"""

from __future__ import annotations

import hashlib
import json
import sys
from pathlib import Path

from checker.linker import MODEL_DIR
from training.card import render as judge_card


def _section(markdown: str, title: str) -> list[str]:
    """The lines of the ``## title`` section of a card, without the heading."""
    body = markdown.split(f"\n## {title}\n", 1)[1]
    return body.split("\n## ", 1)[0].strip("\n").splitlines()


def render(meta: dict, sha256: str, evaluation: dict[str, list[str]]) -> str:
    dev, judge = meta["dev"], meta["judge_alone_on_dev"]
    judge_meta = json.loads((MODEL_DIR.parent / "judge" / "meta.json").read_text(encoding="utf-8"))
    shared = judge_card(judge_meta)
    weights = "\n".join(
        f"| `{name}` | {coef:+.3f} |" for name, coef in zip(meta["features"], meta["coef"], strict=True)
    )
    lines = [
        "# claimdiff linker",
        "",
        "Says how likely two figures of two news reports state **the same count**, from the pair judge's score",
        "(`checker/models/judge`), the claim encoder's cosine of the two figures (`checker/models/claims`) and what",
        "claimdiff read of the two claims: whether either model prefers another partner for either figure, the",
        "sentences' similarity, how far apart the figures' orders of magnitude are (beyond a factor of three: never",
        "their values), where the figures stand in their articles. The learned alignment (the default since",
        "2026-12-08; `--alignment learned`) groups claims with it among the pairs the gates' rules allow (the same",
        "event, compatible nouns, place, part, time, owner: `checker.align.allowed`), with no similarity floor",
        "(`checker/linker.py`, then `checker.align.align_judged`), and keeps the gates' plans and sole lead tolls",
        "beside (`checker.align.spared`); the verdict still comes from the figures' intervals.",
        "",
        "| | |",
        "|---|---|",
        f"| file | `linker.json`, {len(meta['features'])} standardised inputs and their weights |",
        f"| SHA-256 | `{sha256}` |",
        "| model | logistic regression (scikit-learn `LogisticRegression`, L2, C="
        f"{meta['c']}, lbfgs): no randomness to seed |",
        f"| threshold | {meta['threshold']:.3f} (chosen on dev with `benchmarks/links.py`: "
        "`training/train_linker.py`, `THRESHOLD`) |",
        "| licence | the weights and labels are claimdiff's own (MIT) |",
        "| command | `python -m training.train_linker` (reads every labelled train and dev pair through the product's"
        " own road, then fits in seconds); `--report` prints the learning curve and the ablation |",
        "",
        "## Data",
        "",
        "The labelled links of the pair judge (see its card), read through `checker.compare`: every figure pair",
        "the judge would be asked about (claims of the two reports, both levels or both changes, of one dimension,",
        "not two different known events, sentences at least 0.05 alike, allowed by the gates' rules, one of either",
        "figure's three nearest allowed partners by the claim encoder: `checker.linker.to_judge`) is one row,",
        "labelled 1 when the two figures are mentions of one labelled count. Until 2026-12-08 the rules vetoed after",
        "the linker, over about seven times as many rows; asking only about what they allow made the learned road",
        "fast enough to be the default (`benchmarks/speed.py`).",
        "",
        "The texts' licences are the judge's card's (`checker/models/judge/README.md`, Data); the labels are",
        "claimdiff's own.",
        "",
        f"Train: {meta['train']['rows']} rows from the {meta['train']['pairs']} of the "
        f"{meta['train'].get('records', 1501):,} train article pairs that hold a candidate pair; "
        f"{meta['train']['same_count']} same count.",
        "",
        "## Split",
        "",
        *_section(shared, "Split"),
        "",
        "Fitted on train. The judge's and the claim encoder's scores there are on what they learned from, so they",
        "are surer than on unseen copy; fitted on them, the linker still scores dev as well as one fitted on dev",
        "itself by five-fold cross-validation (average precision 0.698 against 0.693; 0.257 against 0.244 on the",
        "rows the verdict finds apart), so dev stays unseen and chooses the threshold, and test is scored once.",
        "",
        "## Scores",
        "",
        'Dev rows (every shortlisted candidate figure pair of the 520 dev article pairs); "apart" are the pairs whose',
        "figures the verdict finds apart, the only ones a wrong link turns into a false flag; precision, recall and",
        "F1 at each row's best-F1 threshold:",
        "",
        "| | ROC AUC | average precision | precision | recall | F1 |",
        "|---|---|---|---|---|---|",
    ]
    for name, d in (("judge alone", judge), ("linker", dev)):
        for part in ("all", "apart"):
            s = d[part]
            lines.append(
                f"| {name}, {part} | {s['roc_auc']:.3f} | {s['average_precision']:.3f} | {s['precision']:.3f} |"
                f" {s['recall']:.3f} | {s['f1']:.3f} |"
            )
    lines += ["", "## Weights", "", "| input | weight (standardised) |", "|---|---|", weights]
    for title, table in evaluation.items():
        lines += ["", f"## {title}", "", *table]
    lines += [
        "",
        "## Limits",
        "",
        "It reads what claimdiff read: a figure the claim filter drops (durations, vote tallies) or the judge's",
        "pruning leaves out is never linked. It weighs one pair at a time; the one-claim-per-article grouping of",
        "`align_judged` settles which partner a figure keeps. English news copy only, as the judge.",
        "",
    ]
    return "\n".join(lines)


def write(model_dir: Path = MODEL_DIR) -> Path:
    raw = (model_dir / "linker.json").read_bytes()
    evaluation_file = model_dir / "evaluation.json"
    evaluation = json.loads(evaluation_file.read_text(encoding="utf-8")) if evaluation_file.exists() else {}
    path = model_dir / "README.md"
    path.write_text(render(json.loads(raw), hashlib.sha256(raw).hexdigest(), evaluation), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR))
