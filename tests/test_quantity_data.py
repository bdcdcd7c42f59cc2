"""Every rule of the quantity reader is tested on its own examples: a rule is its examples."""

from __future__ import annotations

import datetime

import pytest

from checker.quantities import extract, sources
from checker.quantities import lexicon as L
from checker.quantities.cores import core_at
from checker.quantities.exclusions import RULES, excluding_rule
from checker.quantities.tokens import Window

EXCLUSION_EXAMPLES = [(r.name, sentence, figure) for r in RULES for sentence, figure in r.examples]


def test_every_exclusion_rule_has_examples():
    for r in RULES:
        assert r.examples, r.name
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    ("name", "sentence", "figure"), EXCLUSION_EXAMPLES, ids=[f"{n}:{s}" for n, s, _ in EXCLUSION_EXAMPLES]
)
def test_exclusion_examples(name, sentence, figure):
    w = Window(sentence)
    at = max(i for i, t in enumerate(w.toks) if t.text == figure)  # the figure's last occurrence
    core = core_at(w, at)
    assert core is not None, "the figure is no number core"
    rule = excluding_rule(w, core)
    assert rule is not None and rule.name == name
    start = w.toks[at].start
    assert not any(q.start <= start < q.end for q in extract(sentence)), "the figure was read as a quantity"


def _records(data: dict, *kinds: str) -> list[dict]:
    return [dict(r, _kind=kind) for kind in kinds for r in data.get(kind, ())]


UNIT_RECORDS = _records(L.UNIT_DATA, "unit", "base") + _records(L.CURRENCY_DATA, "currency", "subunit")
UNIT_EXAMPLES = [(r["name"], sentence, unit) for r in UNIT_RECORDS for sentence, unit in r["examples"]]
QUALIFIER_EXAMPLES = [
    (r["name"], sentence, figure, expected)
    for r in _records(L.QUALIFIER_DATA, "qualifier", "change")
    for sentence, figure, expected in r["examples"]
]
VAGUE_EXAMPLES = [
    (r["phrase"], sentence, figure) for r in L.QUALIFIER_DATA["vague"] for sentence, figure in r["examples"]
]


def test_every_data_record_has_examples_and_a_source():
    records = [*UNIT_RECORDS, *_records(L.QUALIFIER_DATA, "qualifier", "change", "vague")]
    for r in [*records, *L.UNIT_DATA["prefix"]]:
        assert r["source"].strip(), r
    for r in records:
        assert r["examples"], r


def test_no_surface_names_two_units():
    seen: dict[str, str] = {}
    for r in UNIT_RECORDS:
        for surface in (*r.get("surfaces", ()), *r.get("words", ())):
            assert seen.setdefault(surface, r["name"]) == r["name"], surface


@pytest.mark.parametrize(("name", "sentence", "unit"), UNIT_EXAMPLES, ids=[f"{n}:{s}" for n, s, _ in UNIT_EXAMPLES])
def test_unit_examples(name, sentence, unit):
    assert unit in [q.unit for q in extract(sentence)]


@pytest.mark.parametrize(
    ("name", "sentence", "figure", "expected"), QUALIFIER_EXAMPLES, ids=[f"{q[0]}:{q[1]}" for q in QUALIFIER_EXAMPLES]
)
def test_qualifier_and_change_examples(name, sentence, figure, expected):
    (q,) = [q for q in extract(sentence) if q.text == figure]
    assert expected in (q.qualifier, q.change)


@pytest.mark.parametrize(
    ("phrase", "sentence", "figure"), VAGUE_EXAMPLES, ids=[f"{v[0]}:{v[1]}" for v in VAGUE_EXAMPLES]
)
def test_vague_examples(phrase, sentence, figure):
    (q,) = [q for q in extract(sentence) if q.text == figure]
    assert (q.qualifier, q.low, q.high) == ("vague", *L.VAGUE[phrase])


def test_generated_currencies_are_what_the_registry_gives():
    babel = pytest.importorskip("babel")
    text = sources._DATA.read_text(encoding="utf-8")
    generated = text.split(sources.MARKER)[1].strip()
    if f"babel {babel.__version__}," not in generated:
        pytest.skip("another babel: regenerate with python -m checker.quantities.sources")
    assert generated == sources.generate(datetime.date(2026, 1, 1)).strip()


NUMBER_EXAMPLES = [
    (r.get("word") or r["sign"], sentence, figure, value)
    for r in [*L.NUMBER_DATA["fraction"], *L.NUMBER_DATA["vulgar"]]
    for sentence, figure, value in r["examples"]
]


@pytest.mark.parametrize(
    ("name", "sentence", "figure", "value"), NUMBER_EXAMPLES, ids=[f"{n[0]}:{n[1]}" for n in NUMBER_EXAMPLES]
)
def test_fraction_examples(name, sentence, figure, value):
    (q,) = [q for q in extract(sentence) if q.text == figure]
    assert q.value == pytest.approx(value)


def test_every_unit_that_converts_names_its_kind_s_first_unit():
    assert L.UNIT_FACTORS["mile"][1] / L.UNIT_FACTORS["kilometre"][1] == pytest.approx(1.609344)
    assert L.UNIT_FACTORS["pound-mass"][1] / L.UNIT_FACTORS["kilogram"][1] == pytest.approx(0.45359237)
    for unit, (kind, factor) in L.UNIT_FACTORS.items():
        assert kind in L.FIRST_UNITS and factor > 0, unit
        assert L.UNIT_FACTORS[L.FIRST_UNITS[kind]][1] == 1.0  # factors count in the kind's first unit
