"""The claim encoder (``checker/models/claims``): its shipped file against its card, its int8 graph against the
torch model it was exported from, and what it must tell apart on real sentences."""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np

from checker.judge import context
from checker.linker import CLAIMS_DIR, load_claim_encoder


def _meta() -> dict:
    return json.loads((CLAIMS_DIR / "meta.json").read_text(encoding="utf-8"))


def test_the_card_states_the_shipped_file_hash_and_command():
    meta = _meta()
    assert hashlib.sha256((CLAIMS_DIR / meta["file"]).read_bytes()).hexdigest() == meta["sha256"]
    card = (CLAIMS_DIR / "README.md").read_text(encoding="utf-8")
    assert meta["sha256"] in card and meta["command"] in card


def test_int8_graph_holds_to_the_torch_model():
    """Cosines of sample dev pairs under the int8 graph, against the fine-tuned torch model's, recorded by the
    trainer when it exported the graph (``meta.json`` ``reference``)."""
    ref = _meta()["reference"]
    pairs = [tuple(p) for p in ref["pairs"]]
    assert len(pairs) >= 20
    encoder = load_claim_encoder(cache=False)
    got = np.array([float(encoder.encode([a])[0] @ encoder.encode([b])[0]) for a, b in pairs])
    want = np.array(ref["torch_cosines"])
    assert np.abs(got - want).max() < 0.1 and np.abs(got - want).mean() < 0.03


def _ctx(sentence: str, figure: str) -> str:
    m = re.search(rf"\b{re.escape(figure)}\b", sentence)
    assert m, figure
    return context(sentence, m.start(), m.end())


def test_one_count_worded_two_ways_lies_nearer_than_another_count_of_the_story():
    """The same toll as a noun phrase and as a verb, whatever its value, is nearer than the injured of the same
    attack in the same words (the class the pair judge missed on held-back copy: issue 27)."""
    encoder = load_claim_encoder(cache=False)
    toll = _ctx("The death toll from the market bombing rose to 41 on Sunday, officials said.", "41")
    killed = _ctx("The bombing at the market killed at least 38 people, officials said on Sunday.", "38")
    injured = _ctx("The bombing at the market injured at least 38 people, officials said on Sunday.", "38")
    v = encoder.encode([toll, killed, injured])
    assert v[0] @ v[1] > v[0] @ v[2]
    assert np.allclose(np.linalg.norm(v, axis=1), 1.0, atol=1e-5)
