"""The pair judge: its input, its shipped model file, its int8 graph against the torch model, and alignment on it.

The alignment tests are model-free: a stand-in ``probabilities`` function states what the judge would say, so each
test checks one rule of :func:`checker.align.align_judged` (threshold, one claim per article, complete linkage,
cheap pruning). The model tests load the shipped ONNX file.
"""

from __future__ import annotations

import hashlib
import json
import re

import numpy as np
import pytest

from checker.align import align_judged, dimension, may_pair
from checker.judge import MODEL_DIR, Judge, context, mask
from tests.factories import claim, quantity


@pytest.mark.parametrize(
    ("figure", "masked"),
    [
        ("at least 15", "at least #"),
        ("$2.5 million", "$#"),  # the scale is part of the number: "$15m" and "$12 million" look alike
        ("two hundred and five", "#"),
        ("twenty-one", "#"),
        ("dozens", "#"),  # a vague amount is masked like any number: "dozens" and "40" may be one count
        ("a man", "a man"),
    ],
)
def test_mask_hides_the_number_not_its_wording(figure, masked):
    assert mask(figure) == masked


def test_context_marks_the_figure_and_keeps_the_sentence():
    s = "Officials said 13 missiles were shot down and 2 drones."
    at = s.index("13")
    assert context(s, at, at + 2) == "Officials said « # » missiles were shot down and 2 drones."


def test_context_of_a_long_sentence_keeps_the_figure_near_its_words():
    s = "x " * 500 + "killed 40 people" + " y" * 500
    at = s.index("40")
    out = context(s, at, at + 2)
    assert "killed « # » people" in out and len(out) < 500


def test_the_card_states_the_shipped_file_hash():
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    data = (MODEL_DIR / meta["file"]).read_bytes()
    assert hashlib.sha256(data).hexdigest() == meta["sha256"]
    card = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert meta["sha256"] in card and meta["command"] in card


def test_int8_graph_holds_to_the_torch_model():
    """The int8 ONNX graph's probabilities on sample dev pairs, against the fine-tuned torch model's, recorded by
    the trainer when it exported the graph (``meta.json`` ``reference``)."""
    meta = json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))
    ref = meta["reference"]
    pairs = [tuple(p) for p in ref["pairs"]]
    assert len(pairs) >= 20
    got = Judge(cache=False).probabilities(pairs)
    want = np.array(ref["torch_probabilities"])
    # measured on the shipped graph: largest gap 0.12, mean 0.01; one side of the threshold on every pair
    assert np.abs(got - want).max() < 0.15 and np.abs(got - want).mean() < 0.03
    t = meta["threshold"]
    assert ((got >= t) == (want >= t)).mean() >= 0.95


def test_judge_pairs_one_toll_worded_two_ways_and_pruning_keeps_killed_from_injured():
    """A killed toll of two reports pairs whatever its value. The judge alone does not tell "two injured" from
    "five died" well enough (benchmarks/links.py found it pairing the items of headline lists), so that pair never
    reaches it: pruning refuses two different known events."""
    judge = Judge(cache=False)
    a = "Two people were killed in the attack on the market, police said."
    b = "Police said five people died when gunmen attacked the market."
    ca, cb = (context(s, m.start(), m.end()) for s, m in ((x, re.search(r"[Tt]wo|five", x)) for x in (a, b)))
    (p_same,) = judge.probabilities([(ca, cb)])
    assert p_same > meta_threshold()
    killed = claim("A", quantity("2", 2), event="killed")
    injured = claim("B", quantity("5", 5), event="injured")
    assert not may_pair(killed, injured) and may_pair(killed, claim("B", quantity("5", 5), event="killed"))


def meta_threshold() -> float:
    return json.loads((MODEL_DIR / "meta.json").read_text(encoding="utf-8"))["threshold"]


def test_judgements_are_cached_and_the_cache_changes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    pairs = [("« # » people were killed", "« # » died"), ("« # » injured", "« $# » in damage")]
    first = Judge(cache=True).probabilities(pairs)
    again = Judge(cache=True)
    again._logits = None  # a second judge must answer from the cache, not the model
    assert np.allclose(again.probabilities(pairs), first)


def test_a_pair_scored_alone_keeps_its_score_whatever_is_asked_beside_it():
    """The int8 graph quantises a batch's activations with one scale: batched, a pair's score moves with its
    neighbours; scored ``alone`` it does not, which the gates' check of their flags relies on."""
    judge = Judge(cache=False)
    pair = ("Three others were « # » hospitalized, officers said.", "« # » were listed with critical injuries.")
    beside = [("« # » people were killed in the attack on the market", "Police said « # » died when gunmen attacked.")]
    alone = judge.probabilities([pair], alone=True)[0]
    assert judge.probabilities([pair, *beside * 40], alone=True)[0] == alone
    assert judge.probabilities([pair])[0] == pytest.approx(alone, abs=0.1)  # the same model, batched


# --- alignment on the judge, model-free ---


def _claims(*specs):
    return [claim(article, quantity(str(v), v), sentence=f"{v} {word} in the attack.") for article, v, word in specs]


def _vectors(n):
    """Sentence vectors all alike (cosine 1): the stand-in judge alone decides."""
    return np.full((n, 4), 0.5, dtype=np.float32)


def stand_in(table):
    """A judge that says ``table[(i, j)]`` for claims i < j, and 0 for any other pair."""

    def probabilities(pairs):
        return np.array([table.get(p, 0.0) for p in pairs], dtype=np.float32)

    return probabilities


def test_pairs_at_or_above_the_threshold_join():
    claims = _claims(("A", 3, "killed"), ("B", 5, "died"), ("B", 7, "hurt"))
    groups = align_judged(claims, _vectors(3), stand_in({(0, 1): 0.9, (0, 2): 0.2}), threshold=0.5)
    assert [[c.quantity.value for c in g.claims] for g in groups] == [[3, 5]]
    assert groups[0].same_count == {(0, 1): pytest.approx(0.9)}


def test_one_claim_per_article_the_most_probable_first():
    claims = _claims(("A", 3, "killed"), ("B", 5, "died"), ("B", 4, "dead"))
    groups = align_judged(claims, _vectors(3), stand_in({(0, 1): 0.7, (0, 2): 0.95}), threshold=0.5)
    assert [[c.quantity.value for c in g.claims] for g in groups] == [[3, 4]]


def test_a_group_of_three_reports_needs_every_pair_above_the_threshold():
    claims = _claims(("A", 3, "killed"), ("B", 5, "killed"), ("C", 7, "injured"))
    table = {(0, 1): 0.9, (1, 2): 0.8, (0, 2): 0.1}  # C is like B, not like A
    groups = align_judged(claims, _vectors(3), stand_in(table), threshold=0.5)
    assert [[c.article for c in g.claims] for g in groups] == [["A", "B"]]
    table[(0, 2)] = 0.6
    groups = align_judged(claims, _vectors(3), stand_in(table), threshold=0.5)
    assert [[c.article for c in g.claims] for g in groups] == [["A", "B", "C"]]


def test_cheap_pruning_keeps_money_from_people_and_levels_from_changes():
    people = claim("A", quantity("3", 3, unit="person"))
    money = claim("B", quantity("$3", 3, unit="dollar"))
    length = claim("B", quantity("3 km", 3, unit="kilometre"))
    assert dimension(money.quantity) == "money" and dimension(length.quantity) == "length"
    assert not may_pair(people, money) and not may_pair(people, length)
    assert may_pair(people, claim("B", quantity("5", 5, unit="person")))
    asked = []

    def probabilities(pairs):
        asked.extend(pairs)
        return np.ones(len(pairs), dtype=np.float32)

    align_judged([people, money, length], _vectors(3), probabilities, threshold=0.5)
    assert asked == []  # the judge is never asked about a pair pruning refuses


def test_the_pruned_pairs_are_the_pairs_may_pair_allows():
    """The vectorised pruning (row blocks in numpy) against the rule it implements, pair by pair."""
    from checker.align import _pruned_pairs

    units = ["person", "dollar", "kilometre", "percent", None]
    claims = [
        claim("ABC"[k % 3], quantity(str(k), k, unit=units[k % len(units)]), sentence=f"{k} of them in the attack.")
        for k in range(1, 16)
    ]
    vectors = np.ones((len(claims), 4), dtype=np.float32) / 2
    want = [(i, j) for i in range(len(claims)) for j in range(i + 1, len(claims)) if may_pair(claims[i], claims[j])]
    assert _pruned_pairs(claims, vectors) == want and want
