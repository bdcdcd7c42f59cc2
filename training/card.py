"""Write the judge's model card (``README.md`` beside the model) from its ``meta.json``.

    python -m training.card [MODEL_DIR]

The trainer calls this; run it alone after adding measured figures to ``meta.json`` under ``evaluation``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from checker.judge import MODEL_DIR


def render(meta: dict) -> str:
    dev = meta["dev"]
    synthetic = meta["train"].get("synthetic", 0)
    synthetic_lines = [
        f"Of them {synthetic} are synthetic, marked so and from train pairs only (`training/labels/synthetic.json`,",
        "`python -m training.synthetic`): for one link of each train pair a writer rewrote the second sentence as the",
        "same count in other words (a same-count example) and, changing a few words, as another count: a different",
        "thing, another time, another event, a plan, a part (not the same count).",
    ]
    lines = [
        "# claimdiff pair judge",
        "",
        "Says how likely two figures of two news reports state **the same count** (the same thing counted, of the",
        "same event, at the same time, over the same scope), whatever their values. claimdiff scores every grouped",
        "pair with it (`same_count` in the JSON, `--explain`). Under the learned alignment (the default since",
        "2026-12-08) the linker weighs its score beside the claim encoder's (`checker/models/linker`); under",
        "`--alignment gates` a grouped pair whose figures are apart stands only when it scores at least 0.5, the",
        "mean of its two readings, each pair scored alone (`checker.align.believed`, `MIN_SAME_COUNT_APART`, chosen",
        "on dev; spared: a plan against what was done, and two reports' only lead figures of a known event); with",
        "`--alignment both` or `judge` it aligns claims (`checker/align.py`, `align_judged`). The verdict still",
        "comes from the figures' intervals.",
        "",
        "| | |",
        "|---|---|",
        f"| file | `{meta['file']}` ({meta['bytes'] / 1e6:.1f} MB), int8 ONNX (dynamic quantisation, per-channel) |",
        f"| SHA-256 | `{meta['sha256']}` |",
        f"| base | {meta['base']} |",
        "| architecture | BERT cross-encoder (6 layers, 384 hidden), one logit; sigmoid gives P(same count) |",
        f"| input | two figure contexts (`checker.judge.context`: the sentence, the figure marked « », its number "
        f"masked as #), at most {meta['max_tokens']} word pieces together |",
        f"| threshold | {meta['threshold']:.3f} (best link F1 on the dev examples) |",
        "| licence | Apache-2.0 (the base model's); the labels are claimdiff's own (MIT) |",
        f"| command | `{meta['command']}` (seed {meta['seed']}, {meta['epochs']} epochs, batch {meta['batch']}, "
        f"lr {meta['learning_rate']}; {meta['train_seconds']} s of training on 2 CPU cores) |",
        "",
        "## Data",
        "",
        "`training/labels/links.json` (offsets and short quotes only; the texts stay in `../shared/corpora`): article",
        "pairs of one story from eight corpora. Batch 1: ECB+ (two reports of one sub-topic, 43 topics: earthquakes,",
        "fires, piracy, trials, acquisitions, sports, launches) and GVA (two outlets of one US gun-violence incident).",
        "Batches 2 and 3 (`training/cluster_tasks.py`): `news_clusters`, six corpora of multi-outlet clusters: PAC and",
        "BASIL (US politics and policy: budgets, bills, votes, polls), Multi-News (general news), AllSides leads",
        "(news only), WikinewsSum (world news 2004-05) and FCC (Euro 2016 football), and further GVA and ECB+ stories.",
        *(
            ["Batches 4 and 5 (train only): the further pairs of large Multi-News clusters and what GVA and ECB+ left."]
            if meta["train"].get("max_batch", 3) >= 4
            else []
        ),
        "Every figure of each article's first 2,400 characters was listed mechanically (`training/figures.py`) and a",
        "labeller linked the figures of A and B that state the same count, and named why tempting lookalikes are not",
        "(a part, another time, another event, a plan, a different thing, a number that counts nothing). Labels were",
        "written from the text alone, before any model ran on the pair (the brief: `training/LABELLING_TASK.md`); a",
        "tenth was labelled twice and the disagreements settled from the text. Ages are left out.",
        "",
        "Licences of the texts (the labels are claimdiff's own): ECB+'s annotation CC BY 3.0, its texts the",
        "outlets'; GVA (SemEval-2018 task 5) has no licence file (a sibling subset is CC BY 4.0); Multi-News is for",
        "non-commercial research and education only; PAC, BASIL, FCC and AllSides texts belong to their outlets (the",
        "repositories state no licence for them; FCC's code is Apache-2.0); WikinewsSum's repository is MIT at a later",
        "commit. The texts were used for research; see `news_clusters/README.md` in the corpora.",
        "",
        f"Training examples: {meta['train']['examples']} from {meta['train']['pairs']} train pairs "
        f"({meta['train']['positives']} same-count): every labelled link (at most 4 mention pairs a count), every",
        "hard negative and up to 4 random other figure pairs per article pair.",
        *(synthetic_lines if synthetic else []),
        "",
        "## Split",
        "",
        "Fixed before labelling, by story: GVA and ECB+ as `training/splits.py` (the benchmarks' old test halves stay",
        "test; a quarter of the rest dev); `news_clusters` by `training.cluster_tasks.cluster_split`: FCC (football)",
        "and WikinewsSum (world news) are test whole, never trained on (out of domain), and so is a third of every",
        "other corpus's clusters by a hash of the cluster id; of the rest a quarter is dev. No story is in two parts.",
        "",
        "## Scores",
        "",
        f"Dev examples (every figure pair of the dev article pairs): {dev['examples']} pairs, {dev['positives']} same",
        f"count; ROC AUC {dev['auc']}, average precision {dev['average_precision']}; at the threshold precision",
        f"{dev['precision']}, recall {dev['recall']}, F1 {dev['f1']}.",
    ]
    for name, table in meta.get("evaluation", {}).items():
        lines += ["", f"### {name}", "", *table]
    lines += [
        "",
        "## Limits",
        "",
        "English news copy only. Trained on 2,400-character leads of news reports (US crime and politics, general",
        "and world news, sport); it has not seen live blogs, tables or financial filings. It judges one pair of",
        "sentences: a count whose sense needs the paragraph before (the toll rose to 12 after a paragraph on another",
        "town) can be misjudged. The int8 graph is held to the torch model's probabilities on sample dev pairs",
        "(`tests/test_judge.py`).",
        "",
    ]
    return "\n".join(lines)


def write(model_dir: Path = MODEL_DIR) -> Path:
    meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
    path = model_dir / "README.md"
    path.write_text(render(meta), encoding="utf-8")
    return path


if __name__ == "__main__":
    print(write(Path(sys.argv[1]) if len(sys.argv) > 1 else MODEL_DIR))
