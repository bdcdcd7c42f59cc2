"""Shared fixtures. The real embedding model is loaded once per test session."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

ROOT = Path(__file__).resolve().parent.parent
BELGOROD = sorted((ROOT / "examples" / "belgorod").glob("*.txt"))


SHARED_CORPORA = ROOT.parent / "shared" / "corpora"


@pytest.fixture(scope="session", autouse=True)
def private_cache(tmp_path_factory):
    """Every run, in-process or in a subprocess, keeps its embedding cache in a fresh folder, not the user's."""
    import os

    os.environ["CLAIMDIFF_CACHE_DIR"] = str(tmp_path_factory.mktemp("cache"))


@pytest.fixture(scope="session")
def encoder():
    """The product's default encoder (all-MiniLM-L6-v2, int8 on ONNX Runtime), loaded offline from PyPI packages."""
    from embeddings import load_encoder

    return load_encoder(cache=False)


@pytest.fixture(scope="session")
def belgorod_report(encoder):
    import checker

    return checker.compare(BELGOROD, encoder=encoder)


@pytest.fixture
def write_articles(tmp_path):
    """Write article texts to files and return their paths, in order."""

    def write(*texts: str, suffix: str = ".txt") -> list[Path]:
        paths = []
        for i, text in enumerate(texts):
            path = tmp_path / f"article_{i}{suffix}"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
        return paths

    return write


class BagOfWordsEncoder:
    """A stand-in encoder for unit tests of the glue only: hashed bag of words, L2-normalised."""

    name = "test/bag-of-words"

    def encode(self, texts):
        out = np.zeros((len(texts), 64), dtype=np.float32)
        for i, text in enumerate(texts):
            for word in text.lower().split():
                out[i, sum(map(ord, word)) % 64] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def bag_of_words():
    return BagOfWordsEncoder()
