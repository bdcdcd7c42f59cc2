"""The models' training examples: the judge's mined negatives are the other figure pairs the encoder finds closest;
the claim encoder's triplets take a labelled lookalike as the hard negative."""

from __future__ import annotations

from pathlib import Path

import numpy as np

import embeddings
from training import examples as ex


def _figure(sentence: str, word: str) -> dict:
    start = sentence.index(word)
    return {"start": start, "end": start + len(word), "quote_start": 0, "sentence": sentence, "text": word}


def _figures() -> dict[str, dict]:
    """One article pair's figures: A1 and B1 one count, A2 and B3 a lookalike pair, B2 another count."""
    return {
        "A1": _figure("Police said 3 people died.", "3"),
        "A2": _figure("Officials counted 40 homes.", "40"),
        "B1": _figure("Police said 5 people died.", "5"),
        "B2": _figure("Rescuers saved 12 people.", "12"),
        "B3": _figure("Officials counted 38 homes.", "38"),
    }


AXES = {"Police": 0, "Officials": 1, "Rescuers": 2}


class _Encoder:
    """Unit vectors by the first word of the sentence: glue only, the product never sees it."""

    def encode(self, texts):
        out = np.zeros((len(texts), 3), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i, AXES[t.split()[0]]] = 1.0
        return out


def test_mined_negatives_are_the_closest_unlinked_pairs_and_never_a_link(monkeypatch):
    figs = _figures()
    record = {"id": "p", "counts": [{"a": [{"id": "A1"}], "b": [{"id": "B1"}]}], "not_same": []}
    monkeypatch.setattr(ex, "corpus", lambda name: Path("/nowhere") / name)
    monkeypatch.setattr(ex, "_sentences", lambda root, r: figs)
    monkeypatch.setattr(embeddings, "load_encoder", lambda *a, **k: _Encoder())
    got = ex.examples([record], easy=0, mined=1)
    assert [(e.label, e.why) for e in got] == [(1, "same"), (0, "mined")]
    mined = got[1]
    assert {mined.a.split()[0], mined.b.split()[0]} == {"Officials"}  # A2 with B3, the closest unlinked pair
    assert [e.why for e in ex.examples([record], easy=0)] == ["same"]  # none without ``mined``


def test_claim_encoder_triplets_take_a_labelled_lookalike_as_the_negative_and_never_a_link(monkeypatch):
    from training import train_claims as tc

    figs = _figures()
    record = {
        "id": "p",
        "counts": [{"a": [{"id": "A1"}], "b": [{"id": "B1"}]}],
        "not_same": [{"a": {"id": "A1"}, "b": {"id": "B2"}, "why": "different thing"}],
    }
    monkeypatch.setattr(tc, "corpus", lambda name: Path("/nowhere") / name)
    monkeypatch.setattr(tc, "_sentences", lambda root, r: figs)
    ctx = {k: tc._ctx(f) for k, f in figs.items()}
    # both ways: A1 -> B1 against its labelled lookalike B2; B1 -> A1 against the only other A figure, A2
    assert sorted(tc.triplets([record])) == sorted(
        [(ctx["A1"], ctx["B1"], ctx["B2"]), (ctx["B1"], ctx["A1"], ctx["A2"])]
    )
