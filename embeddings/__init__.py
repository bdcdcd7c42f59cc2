"""Text in, L2-normalised vectors out. Knows nothing about news.

The one interface is :class:`Encoder` (``encode(texts) -> np.ndarray`` of shape ``(len(texts), dim)``, float32,
rows of unit length). :func:`load_encoder` returns the encoder of a named backend. Heavy libraries (torch,
sentence-transformers) are imported only when the first text is encoded, so that importing this package is
cheap.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import Protocol

import numpy as np

from embeddings.errors import ModelUnavailable

__all__ = ["BACKENDS", "Encoder", "ModelUnavailable", "load_encoder"]


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text, in input order."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


BACKENDS = ("sentence-transformers",)


@cache
def load_encoder(backend: str = "sentence-transformers") -> Encoder:
    """Return the encoder of ``backend``, one per process. The model itself loads on first use.

    Raises ``ValueError`` for an unknown backend.
    """
    if backend == "sentence-transformers":
        from embeddings.sentence_transformers_backend import SentenceTransformerEncoder

        return SentenceTransformerEncoder()
    raise ValueError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
