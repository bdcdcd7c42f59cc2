"""Alignment on its own, model-free: claims from the factory, vectors made by hand.

Each test states one rule of ``checker.align``: which claims may state the same count, and how similarity
decides among those that may.
"""

from __future__ import annotations

from dataclasses import replace

import numpy as np
import pytest

from checker.align import Group, align, align_judged, allowed, believed, comparable, orders_apart, spared
from checker.quantities import extract
from tests.factories import claim, quantity


def two(event_a="killed", event_b="killed", **fields):
    a = claim("A", quantity("3", 3), event=event_a)
    b = claim("B", quantity("5", 5), event=event_b)
    return replace(a, **fields.get("a", {})), replace(b, **fields.get("b", {}))


def test_same_event_same_noun_is_comparable():
    assert comparable(*two())


def test_killed_never_pairs_with_injured():
    assert not comparable(*two("killed", "injured"))


@pytest.mark.parametrize(
    ("a", "b", "ok"),
    [
        ({"partial": True, "noun": "child"}, {"partial": False}, False),  # a part against a whole
        ({"partial": True, "noun": "child"}, {"partial": True, "noun": "child"}, True),  # the same part
        ({"scope": frozenset({"2004"})}, {}, False),  # another time
        ({"owner": "eds"}, {"owner": "hp"}, False),  # another owner's figure
        ({"owner": "eds"}, {}, True),  # only one names an owner
        # "Vaughn finished with 16 points and nine rebounds" / "Hansbrough finished with 20 points and nine rebounds"
        (
            {"owner": "vaughn", "partial": True, "noun": "point"},
            {"owner": "hansbrough", "partial": True, "noun": "point"},
            False,
        ),
        ({"noun": "child"}, {"noun": "officer"}, False),  # two different kinds of person
        ({"noun": "child"}, {"noun": "person"}, True),  # people covers children
    ],
)
def test_gates(a, b, ok):
    assert comparable(*two(a=a, b=b)) is ok


@pytest.mark.parametrize(
    ("change_a", "change_b", "ok"),
    [
        ("down", "down", True),  # "stocks plunged 5.4 per cent" / "closed down 3.9 percent"
        ("down", None, False),  # a fall against a level
        ("up", "down", False),  # a rise against a fall
    ],
)
def test_a_change_pairs_only_with_a_change_the_same_way(change_a, change_b, ok):
    a, b = two()
    a = replace(a, quantity=replace(a.quantity, change=change_a))
    b = replace(b, quantity=replace(b.quantity, change=change_b))
    assert comparable(a, b) is ok


def test_an_open_event_pairs_only_with_the_same_open_event():
    assert not comparable(*two("hold", "arrested"))
    assert comparable(*two("hold", "hold"))


def unit(*xs: float) -> np.ndarray:
    v = np.array(xs, dtype=np.float32)
    return v / np.linalg.norm(v)


def test_non_leads_pair_only_when_their_sentences_are_close():
    # each article's first injured figure is its lead; the second ones are later paragraphs
    a1, a2 = claim("A", quantity("7", 7), event="injured"), claim("A", quantity("4", 4), event="injured")
    b1, b2 = claim("B", quantity("7", 7), event="injured"), claim("B", quantity("6", 6), event="injured")
    claims = [a1, a2, b1, b2]
    apart = np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 0, 0), unit(0, 0.3, 1)])  # cosine of a2, b2: 0.29
    close = np.stack([unit(1, 0, 0), unit(0, 1, 0), unit(1, 0, 0), unit(0, 1, 0.3)])  # 0.96

    def pairs(vectors):
        return {frozenset(c.quantity.text for c in g.claims) for g in align(claims, vectors)}

    assert pairs(apart) == {frozenset({"7"})}
    assert pairs(close) == {frozenset({"7"}), frozenset({"4", "6"})}


def test_one_claim_per_article_in_a_group():
    a1, a2 = claim("A", quantity("3", 3)), claim("A", quantity("4", 4))
    b = claim("B", quantity("5", 5))
    vectors = np.stack([unit(1, 0), unit(1, 0), unit(1, 0)])
    groups = align([a1, a2, b], vectors)
    assert [sorted(c.article for c in g.claims) for g in groups] == [["A", "B"]]


def test_allowed_is_the_gates_rules_without_the_similarity_floors():
    """What ``--alignment learned`` lets the linker decide among: every pair :func:`comparable` allows, however
    unlike their sentences (the vectors here are orthogonal: cosine 0, under every floor of :func:`align`)."""
    killed_a, killed_b = claim("A", quantity("2", 2)), claim("B", quantity("5", 5))
    injured_b = claim("B", quantity("3", 3), event="injured")
    claims = [killed_a, killed_b, injured_b]
    assert allowed(claims, [(0, 1), (0, 2)]).tolist() == [True, False]
    assert align(claims, np.eye(3, dtype=np.float32)) == []  # the gates' floors refuse what allowed lets through
    assert allowed(claims, []).shape == (0,)


@pytest.mark.parametrize(
    ("a", "b", "apart"),
    [
        ("Hansbrough entered the game with 2,282 points.", "Hansbrough finished with 20 points.", True),
        ("46 were arrested on Wednesday.", "One person was arrested.", True),
        ("Hundreds of bystanders could have been hurt.", "The shots wounded 4 people.", True),
        ("The cliff is 2,000 ft high.", "The cliff is 50 metres high.", True),  # 610 m, compared converted
        ("At least 1,419 people died.", "Hundreds of people died.", False),
        ("Five people were killed.", "40 people were killed.", False),
        ("At least 5 people were killed.", "120 people were killed.", False),  # an open bound is never apart
    ],
)
def test_figures_an_order_of_magnitude_apart_are_two_counts(a, b, apart):
    qa, qb = extract(a)[0], extract(b)[0]
    assert orders_apart(qa, qb) is apart
    claim_a, claim_b = two()
    pair = replace(claim_a, quantity=qa), replace(claim_b, quantity=qb)
    assert comparable(*pair) is not apart


@pytest.mark.parametrize("same_sentence", [True, False])
@pytest.mark.parametrize("road", ["gates", "judge"])
def test_a_figure_is_not_set_against_another_of_the_sentence_that_states_it(same_sentence, road):
    """Sentence similarity cannot choose between two figures of one sentence: where the other report's sentence
    states a figure too ("aiming for 70%"), its other figure ("44.4%") is no discrepancy. A figure of another
    sentence that agrees leaves the closest sentence's figure standing."""
    goal = "Biden set a goal of 70% of adults."
    both = "Vaccinations stand at 44.4%, and Biden is aiming for 70% of adults."
    a = claim("A", quantity("70%", 70, unit="percent"), event=None, noun="percent", sentence=goal)
    now = claim("B", quantity("44.4%", 44.4, unit="percent"), event=None, noun="percent", sentence=both)
    aim_text = both if same_sentence else "Biden is aiming for 70% of adults."
    aim = claim(
        "B",
        quantity("70%", 70, unit="percent"),
        event=None,
        noun="percent",
        sentence=aim_text,
        sentence_start=0 if same_sentence else 200,
    )
    claims = [a, now, aim]
    vectors = np.stack([unit(1, 0), unit(1, 0), unit(1, 0) if same_sentence else unit(1, 0.5)])
    if road == "gates":
        groups = align(claims, vectors)
    else:
        groups = align_judged(claims, vectors, lambda pairs: np.full(len(pairs), 0.9), threshold=0.5)
    paired = {(g.claims[0].quantity.text, g.claims[1].quantity.text) for g in groups}
    assert paired == ({("70%", "70%")} if same_sentence else {("70%", "44.4%")})


def test_the_judge_takes_back_the_gates_pairs_it_does_not_believe():
    """A claim stays in a gates group when its figure agrees with another's or the judge gives one of its pairs
    P(same count) >= the threshold; a pair the judge did not score keeps its claims."""
    five_a, five_b, nine_c = (claim(k, quantity(t, v)) for k, t, v in (("A", "5", 5), ("B", "5", 5), ("C", "9", 9)))
    low = {(0, 1): 0.1, (0, 2): 0.1, (1, 2): 0.1}
    [kept] = believed([Group((five_a, five_b, nine_c), 0.9, low)], threshold=0.3)
    assert kept.claims == (five_a, five_b)  # the two fives agree; nine is apart from both and not believed
    assert kept.same_count == {(0, 1): 0.1}
    assert believed([Group((five_a, nine_c), 0.9, {(0, 1): 0.29})], threshold=0.3) == []
    believed_pair = Group((five_a, nine_c), 0.9, {(0, 1): 0.3})
    assert believed([believed_pair], threshold=0.3) == [believed_pair]
    unscored = Group((five_a, nine_c), 0.9)
    assert believed([unscored], threshold=0.3) == [unscored]
    # a plan against what was done keeps its row: the editor is told that one side is a plan
    plan = Group((five_a, replace(nine_c, planned=True)), 0.9, {(0, 1): 0.1})
    assert believed([plan], threshold=0.3) == [plan]


def test_the_learned_road_keeps_the_gates_plans_and_sole_tolls_only_beside_its_own_groups():
    """Of the gates' pairs, ``spared`` keeps a plan against what was done and two sole lead tolls, never a pair a
    learned group already holds a claim of, nor any other pair."""
    figures = (("A", "two", 2), ("B", "seven", 7), ("C", "9", 9))
    two_a, seven_b, nine_c = (claim(k, quantity(t, v)) for k, t, v in figures)
    plan = Group((two_a, replace(nine_c, planned=True)), 0.9)
    tolls = Group((two_a, seven_b), 0.9)
    other = Group((seven_b, nine_c), 0.9)
    assert spared([plan, tolls, other], []) == [plan]
    assert spared([plan, tolls, other], [], sole={two_a, seven_b}) == [plan, tolls]
    assert spared([plan, tolls, other], [Group((two_a, nine_c), 0.5)], sole={two_a, seven_b}) == []
    assert spared([Group((two_a, seven_b, replace(nine_c, planned=True)), 0.9)], []) == []  # pairs only
