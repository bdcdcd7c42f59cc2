"""Who says each figure: the reporting-verb data, the article-level reading, one name per source, the report.

The parse tests use spaCy's small English model (the parser claims already use); the seeds' sources are the ones
the attribution issue names, read as an editor reads them.
"""

from __future__ import annotations

import pytest

from checker.articles import load_article
from checker.attribution import canonical, examples, expansion, headline_source, same_source, source_span
from checker.claims import find_claims
from checker.frames import parse
from checker.sentences import split
from tests.conftest import BELGOROD
from tests.factories import claim, quantity, report


@pytest.mark.parametrize(("sentence", "figure", "source"), examples())
def test_every_reporting_record_reads_its_examples(sentence, figure, source):
    doc = parse([sentence])[sentence]
    at = sentence.index(figure)
    num = [t for t in doc if t.idx <= at < t.idx + len(t)][-1]
    span = source_span(doc, num)
    assert (sentence[span[0] : span[1]] if span else "") == source


@pytest.mark.parametrize(
    ("sentence", "figure"),
    [
        ("Anna Bui has been confirmed as one of the three victims.", "three"),  # a passive subject says nothing
        ("Police say a man outside the club told the driver to stop.", "a man"),  # the figure is the teller
        ("Three people died in the fire.", "Three"),  # the reporter's own
    ],
)
def test_a_figure_its_sentence_does_not_attribute_has_no_source_from_the_parse(sentence, figure):
    doc = parse([sentence])[sentence]
    at = sentence.index(figure)
    num = [t for t in doc if t.idx <= at < t.idx + len(t)][-1]
    span = source_span(doc, num)
    assert span is None or figure not in sentence[span[0] : span[1]]
    if figure == "three":
        assert span is None


@pytest.mark.parametrize(
    ("name", "earlier", "expected"),
    [
        ("Gladkov", ["Belgorod Governor Vyacheslav Gladkov"], "Vyacheslav Gladkov"),
        ("the governor", ["Belgorod Governor Vyacheslav Gladkov"], "Vyacheslav Gladkov"),
        ("Belgorod Governor Vyacheslav Gladkov", [], "Vyacheslav Gladkov"),
        ("the ministry", ["Russia's Defense Ministry"], "Russia's Defense Ministry"),
        ("police", ["Police Chief Hassan Aden"], "police"),  # the force, not its chief
        ("hospital officials", [], "hospital officials"),
    ],
)
def test_one_name_per_source_within_a_report(name, earlier, expected):
    assert canonical(name, earlier) == expected


def test_an_acronym_names_what_it_stands_for():
    assert expansion("UN", ["United Nations"]) == "United Nations"
    assert expansion("THR", ["The Hollywood Reporter"]) == "Hollywood Reporter"  # the article is no part of a name
    assert expansion("USGS", ["Geneva"]) is None


@pytest.mark.parametrize(
    ("title", "source"),
    [
        ("Police: 7 dead in Elgin party shooting", "Police"),
        ("Lawyer: Lindsay Lohan checks into rehab facility", "Lawyer"),
        ("Seven dead in Elgin shooting, police say", "police"),
        ("One Killed, Several Wounded in Shelling on Belgorod Evacuee Shelter – Governor", "Governor"),
        ("UPDATE: 4 shot in west Jackson", None),
        ("Indonesia earthquake: 24 dead and over 200 injured", None),
        ("Three killed as rioters bomb Greek bank", None),
    ],
)
def test_a_headline_names_its_source_or_none(title, source):
    assert headline_source(title) == source


def test_sources_are_one_across_reports():
    assert same_source("Vyacheslav Gladkov", "Gladkov")
    assert same_source("Russia's Defense Ministry", "the Defense Ministry")
    assert same_source("police", "Elgin police")
    assert not same_source("state radio", "hospital officials")
    assert same_source(None, None) and not same_source(None, "police")


@pytest.fixture(scope="module")
def seed_claims():
    out = {}
    for label, path in zip("AB", BELGOROD, strict=True):
        article = load_article(path, label=label)
        out[label] = find_claims(article, split(article.text))
    return out


def source_of(claims, text: str, sentence_has: str) -> str | None:
    (c,) = [c for c in claims if c.quantity.text == text and sentence_has in c.sentence.text]
    return c.attribution


def test_the_seeds_figures_carry_their_sources(seed_claims):
    """The sources the attribution issue names for the founding pair."""
    a, b = seed_claims["A"], seed_claims["B"]
    assert same_source(source_of(a, "three", "injured"), "Vyacheslav Gladkov")
    assert same_source(source_of(b, "one", "person died"), "Vyacheslav Gladkov")
    assert "Defense Ministry" in source_of(b, "13", "missiles")
    assert source_of(a, "hundreds", "evacuate") == "AFP"
    assert same_source(source_of(b, "around 9,000", "evacuated"), "Vyacheslav Gladkov")  # "a day after saying"


def test_a_flagged_group_of_different_sources_says_so_and_the_option_lets_it_pass():
    a = claim("A", quantity("25", 25), sentence="State radio reported 25 dead.")
    b = claim("B", quantity("31", 31), sentence="Hospital officials counted 31 bodies.")
    from dataclasses import replace

    doc = report([(replace(a, attribution="state radio"), replace(b, attribution="hospital officials"))])
    group = doc.groups[0]
    assert group.sources_differ and not group.same_sourced
    assert doc.exit_code_for("any") == 1 and doc.exit_code_for("any", same_source_only=True) == 0
    same = report([(replace(a, attribution="police"), replace(b, attribution=None))])
    assert same.exit_code_for("any", same_source_only=True) == 1  # one cites no one: it still fails


def test_the_json_lists_every_claim_with_its_source(belgorod_report):
    doc = belgorod_report.to_dict()
    listed = [c for a in doc["articles"] for c in a["claims"]]
    assert len(listed) == doc["summary"]["claims"]
    sourced = [c for c in listed if c["attribution"]]
    assert sourced and all(c["attribution_start"] < c["attribution_end"] for c in sourced)
    evacuated = next(g for g in doc["groups"] if g["what"].startswith("evacuated"))
    assert "different sources" in evacuated["reason"]
