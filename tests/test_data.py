"""Every record of the rule data (checker/data/*.toml) is tested on its own examples: a rule is its examples."""

from __future__ import annotations

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
    assert getattr(claim, field) == value
