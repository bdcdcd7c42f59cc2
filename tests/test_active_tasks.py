"""Batches 6-8's choice of pairs: the order labellers meet them in, and a pool of unlabelled pairs of one split."""

from __future__ import annotations

import json

import pytest

from benchmarks._corpora import CORPORA
from training import active_tasks
from training.make_tasks import LABELS


def _pair(ident: str, corpus: str, doubt: float) -> dict:
    return {"id": ident, "corpus": corpus, "doubt": doubt}


def test_sheets_go_round_the_corpora_most_doubtful_first():
    chosen = [_pair("e1", "ecb", 0.1), _pair("e2", "ecb", 0.9), _pair("e3", "ecb", 0.5), _pair("g1", "gva", 0.2)]
    assert [p["id"] for p in active_tasks.order(chosen)] == ["e2", "g1", "e3", "e1"]


def test_equal_doubt_is_ordered_by_id_so_the_sheets_are_stable():
    chosen = [_pair("b", "gva", 0.5), _pair("a", "gva", 0.5)]
    assert [p["id"] for p in active_tasks.order(chosen)] == ["a", "b"]


@pytest.mark.parametrize("split", ["train", "dev"])
def test_the_pool_holds_only_unlabelled_pairs_of_its_split(split):
    if not (CORPORA / "news_clusters").exists():  # the corpora live in ../shared, absent on a bare machine
        pytest.skip(f"{CORPORA} holds no news_clusters")
    pool = active_tasks.pool(CORPORA, per_story=5, split=split)
    assert pool, f"the corpora leave unlabelled {split} pairs"
    labelled = {frozenset((p["a"], p["b"])) for p in json.loads((LABELS / "pairs.json").read_text(encoding="utf-8"))}
    assert all(p["split"] == split for p in pool)
    assert all(frozenset((p["a"], p["b"])) not in labelled for p in pool)
    assert len({p["id"] for p in pool}) == len(pool)
    per_story: dict[str, int] = {}
    for p in pool:
        per_story[p["group"]] = per_story.get(p["group"], 0) + 1
    assert max(per_story.values()) <= 5
