"""Every record of the rule data (checker/data/*.toml) is tested on its own examples: a rule is its examples."""

from __future__ import annotations

import operator

import pytest

from checker import vocabulary as V
from checker.articles import Article
from checker.claims import find_claims
from checker.sentences import split


def claims_of(text: str):
    return find_claims(Article(id="A", path="a.txt", title="a", text=text), split(text))


EVENT_EXAMPLES = [(r["name"], sentence, events) for r in V.EVENT_RECORDS for sentence, *events in r["examples"]]
GRAMMAR_EXAMPLES = [(r["name"], *example) for r in V._data("grammar")["class"] for example in r["examples"]]


def test_every_record_has_examples_and_a_source():
    for record in [*V.EVENT_RECORDS, *V._data("grammar")["class"]]:
        assert record["examples"] and record["source"].strip(), record["name"]


@pytest.mark.parametrize(("name", "sentence", "events"), EVENT_EXAMPLES, ids=[f"{n}:{s}" for n, s, _ in EVENT_EXAMPLES])
def test_event_examples(name, sentence, events):
    assert [c.event for c in claims_of(sentence) if c.event] == events


@pytest.mark.parametrize(
    ("name", "sentence", "figure", "field", "value"), GRAMMAR_EXAMPLES, ids=[f"{g[0]}:{g[1]}" for g in GRAMMAR_EXAMPLES]
)
def test_grammar_examples(name, sentence, figure, field, value):
    (claim,) = [c for c in claims_of(sentence) if c.quantity.text == figure]
    assert operator.attrgetter(field)(claim) == value


NOUN_KINDS = V._data("nouns")["kind"]
NOUN_PAIRS = [(r["name"], a, b, same) for r in NOUN_KINDS for a, b, same in r["pairs"]]


def test_every_noun_kind_has_pairs_a_source_and_no_noun_twice():
    nouns = [n for r in NOUN_KINDS for field in ("covers", "members") for n in r[field].split()]
    assert len(nouns) == len(set(nouns))
    for r in NOUN_KINDS:
        assert r["pairs"] and r["source"].strip(), r["name"]


@pytest.mark.parametrize(("name", "a", "b", "same"), NOUN_PAIRS, ids=[f"{n}:{a}/{b}" for n, a, b, _ in NOUN_PAIRS])
def test_noun_kind_pairs(name, a, b, same):
    from checker.align import nouns_compatible

    assert nouns_compatible(a, b) is same and nouns_compatible(b, a) is same
