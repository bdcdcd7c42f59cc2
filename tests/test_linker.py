"""The linker (:mod:`checker.linker`): its inputs, its shipped weights, and alignment with it on real text."""

from __future__ import annotations

import hashlib
import json
import math

import numpy as np
import pytest

import checker
from checker.linker import FEATURES, MODEL_DIR, Linker, features, load_linker, shortlist, to_judge
from tests.factories import claim, quantity


def _row(claims, judge=(0.5,), pairs=((0, 1),)) -> dict[str, float]:
    vectors = np.eye(len(claims), dtype=np.float32)
    (row,) = features(claims, vectors, list(pairs), np.asarray(judge), vectors) if len(pairs) == 1 else [None]
    return dict(zip(FEATURES, row.tolist(), strict=True))


def test_one_row_of_every_input_for_each_pair():
    claims = [claim("A", quantity("2", 2)), claim("B", quantity("5", 5)), claim("B", quantity("500", 500))]
    # the claim encoder puts A's figure nearer B's "500" (cosine 0.8) than B's "5" (0.6)
    claim_vectors = np.array([[1.0, 0.0, 0.0], [0.6, 0.8, 0.0], [0.8, 0.0, 0.6]], dtype=np.float32)
    rows = features(claims, np.eye(3, dtype=np.float32), [(0, 1), (0, 2)], np.array([0.9, 0.2]), claim_vectors)
    assert rows.shape == (2, len(FEATURES)) and rows.dtype == np.float32
    first, second = (dict(zip(FEATURES, r.tolist(), strict=True)) for r in rows)
    assert first["judge_logit"] == pytest.approx(math.log(0.9 / 0.1), rel=1e-5)
    assert first["judge_best_a"] == 1.0 and second["judge_best_a"] == 0.0  # A's figure prefers B's "5"
    assert first["judge_rank"] == 2.0 and second["judge_rank"] == 3.0  # best for both; second for A, best for "500"
    assert first["candidates"] == pytest.approx(math.log(3)) and first["similarity"] == 0.0
    # the encoder's view is ranked the other way round, on its own
    assert first["claim_cosine"] == pytest.approx(0.6) and second["claim_cosine"] == pytest.approx(0.8)
    assert first["claim_margin"] == pytest.approx(-0.2) and second["claim_margin"] == pytest.approx(0.0)
    assert first["claim_rank"] == 3.0 and second["claim_rank"] == 2.0


def test_values_within_a_factor_of_three_are_not_held_against_a_pair():
    """ "two killed" and "five dead" may be one count told apart: the linker must not learn to prefer equal values,
    or it would miss the discrepancies it is for. Orders of magnitude apart count against a pair."""
    near = _row([claim("A", quantity("2", 2)), claim("B", quantity("5", 5))])
    far = _row([claim("A", quantity("2", 2)), claim("B", quantity("500", 500))])
    vague = _row(
        [claim("A", quantity("dozens", None, low=12, high=120, qualifier="vague")), claim("B", quantity("5", 5))]
    )
    assert near["magnitude_apart"] == 0.0
    assert far["magnitude_apart"] == pytest.approx(math.log10(501 / 3) - math.log10(3), abs=1e-4)
    # a vague amount or a range stands by its middle ("dozens": 66), and is marked vague
    assert vague["magnitude_apart"] == pytest.approx(math.log10(67 / 6) - math.log10(3), abs=1e-4)
    assert vague["vague_one"] == 1.0 and near["vague_one"] == 0.0
    assert "same_value" not in FEATURES


def test_no_pairs_no_rows():
    assert features([], np.zeros((0, 3)), [], np.zeros(0), np.zeros((0, 3))).shape == (0, len(FEATURES))
    assert load_linker().probabilities(np.zeros((0, len(FEATURES)), dtype=np.float32)).shape == (0,)


def test_the_shipped_weights_match_their_card_and_read_the_judge_as_evidence():
    meta = json.loads((MODEL_DIR / "linker.json").read_text(encoding="utf-8"))
    digest = hashlib.sha256((MODEL_DIR / "linker.json").read_bytes()).hexdigest()
    card = (MODEL_DIR / "README.md").read_text(encoding="utf-8")
    assert digest in card, "retrained without rewriting the card: python -m training.linker_card"
    linker = Linker()
    assert set(meta["features"]) <= set(FEATURES) and 0 < linker.threshold < 1
    assert all(math.isfinite(w) for w in meta["coef"])
    # the judge's belief raises P(same count), all else equal; figures orders of magnitude apart lower it
    low, high = np.zeros((2, len(FEATURES)), dtype=np.float32), None
    high = low.copy()
    high[1, FEATURES.index("judge_logit")] = 4.0
    assert linker.probabilities(high)[1] > linker.probabilities(low)[0]
    if "magnitude_apart" in meta["features"]:
        far = low.copy()
        far[0, FEATURES.index("magnitude_apart")] = 2.0
        assert linker.probabilities(far)[0] < linker.probabilities(low)[0]


def test_weights_fitted_on_other_inputs_are_refused(tmp_path):
    meta = json.loads((MODEL_DIR / "linker.json").read_text(encoding="utf-8"))
    meta["features"] = [*meta["features"][:-1], "a_feature_that_does_not_exist"]
    (tmp_path / "linker.json").write_text(json.dumps(meta), encoding="utf-8")
    with pytest.raises(ValueError, match="retrain"):
        Linker(tmp_path)


# --- the learned alignment on real text, the product's models ---


def test_learned_alignment_flags_one_toll_told_apart(write_articles, encoder):
    report = checker.compare(
        write_articles(
            "Air defences shot down 13 missiles over the Belgorod region overnight, the governor said.",
            "Russian air defences shot down 10 missiles over the Belgorod region overnight, officials said.",
        ),
        encoder=encoder,
        alignment="learned",
    )
    (group,) = report.groups
    assert group.verdict.name == "conflict" and {c.quantity.text for c in group.claims} == {"13", "10"}
    assert all(0.0 <= p <= 1.0 for p in group.same_count.values())


def test_learned_alignment_keeps_injured_from_killed(write_articles, encoder):
    report = checker.compare(
        write_articles(
            "Three people were injured by debris in Belgorod on Friday.",
            "One person was killed by debris in Belgorod on Friday.",
        ),
        encoder=encoder,
        alignment="learned",
    )
    assert report.discrepancies == ()


def test_the_shortlist_keeps_each_figure_s_nearest_partners_by_the_claim_encoder():
    """The judge is asked only about pairs where either figure has the other among its ``k`` nearest candidates in
    the other's article; a figure's far partner still goes when it is the other figure's nearest."""
    claims = [claim("A", quantity("2", 2)), claim("A", quantity("9", 9))]
    claims += [claim("B", quantity(str(v), v)) for v in (3, 4, 5)]
    # A0 lies nearest B2 (0.99), then B3 (0.90), then B4 (0.50); A1 nearest B4 (0.86), far from B2 and B3
    v = np.array(
        [[1, 0, 0], [0, 0.2, 0.98], [0.99, 0.141, 0], [0.9, 0.436, 0], [0.5, 0.3, 0.812]],
        dtype=np.float32,
    )
    pairs = [(0, 2), (0, 3), (0, 4), (1, 2), (1, 3), (1, 4)]
    # k=1: A0-B2 and A1-B4 are nearest both ways; A0-B3 is not A0's nearest but is B3's, so it is asked too
    assert shortlist(claims, pairs, v, k=1).tolist() == [True, True, False, False, False, True]
    # two A figures: with k=2 every B figure keeps both
    assert shortlist(claims, pairs, v, k=2).all()
    assert shortlist(claims, [], v).shape == (0,)


def test_the_judge_is_asked_only_about_pairs_the_rules_allow_and_only_those_are_encoded():
    """``to_judge`` drops a pair the gates' rules refuse (killed against injured) before the claim encoder reads
    anything, and encodes each claim of an allowed pair once."""
    claims = [
        claim("A", quantity("2", 2)),
        claim("B", quantity("3", 3)),
        claim("B", quantity("4", 4), event="injured"),
    ]
    contexts = ["two killed", "three killed", "four injured"]

    class Encoder:
        def __init__(self) -> None:
            self.read: list[str] = []

        def encode(self, texts):
            self.read += list(texts)
            return np.eye(len(texts), 3, dtype=np.float32)

    encoder = Encoder()
    keep, vectors = to_judge(claims, [(0, 1), (0, 2)], contexts, encoder)
    assert keep.tolist() == [True, False]
    assert encoder.read == ["two killed", "three killed"]
    assert vectors.shape == (3, 3) and not vectors[2].any()
    keep, vectors = to_judge(claims, [(0, 2)], contexts, Encoder())
    assert keep.tolist() == [False] and not vectors.any()
