"""Text in, L2-normalised vectors out. Knows nothing about news.

The one interface is :class:`Encoder` (``encode(texts) -> np.ndarray`` of shape ``(len(texts), dim)``, float32,
rows of unit length). :func:`load_encoder` returns the encoder of a named backend. Heavy libraries (torch,
sentence-transformers) are imported only when the first text is encoded, so that importing this package is
cheap.
"""

from __future__ import annotations

import functools
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np

from embeddings.errors import ModelUnavailable

# ONNX Runtime writes a device identifier and a telemetry cache under the user's cache folder on import, and its
# POSIX telemetry is built to upload an event; this switch, read when it is imported, turns all of it off. A user's
# own setting is kept.
os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")

__all__ = ["BACKENDS", "DEFAULT_BACKEND", "Encoder", "ModelUnavailable", "load_encoder"]


class Encoder(Protocol):
    """Turns texts into L2-normalised float32 vectors, one row per text, in input order."""

    name: str

    def encode(self, texts: Sequence[str]) -> np.ndarray: ...


#: The first is the default: ONNX int8 is 2-5x faster to start and to encode, and keeps cosine >= 0.98 to the reference
#: (tests/test_embeddings.py). sentence-transformers on torch stays as the reference the fast one is checked against.
BACKENDS = ("onnx", "sentence-transformers")
DEFAULT_BACKEND = BACKENDS[0]


def load_encoder(backend: str = DEFAULT_BACKEND, *, cache: bool = True) -> Encoder:
    """Return the encoder of ``backend``; the model behind it is shared by the process and itself loads on first use.

    With ``cache``, vectors are kept on disk between runs (:mod:`embeddings.cache`). Raises ``ValueError`` for an
    unknown backend.
    """
    encoder = _backend(backend)
    if not cache:
        return encoder
    from embeddings.cache import CachedEncoder

    return CachedEncoder(encoder)


@functools.cache  # one model per process, however many times compare() runs
def _backend(backend: str) -> Encoder:
    if backend == "onnx":
        from embeddings.onnx_backend import OnnxEncoder

        return OnnxEncoder()
    if backend == "sentence-transformers":
        from embeddings.sentence_transformers_backend import SentenceTransformerEncoder

        return SentenceTransformerEncoder()
    raise ValueError(f"unknown embedding backend {backend!r}; choose one of {', '.join(BACKENDS)}")
