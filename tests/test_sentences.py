"""Sentence splitting keeps offsets into the article."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.sentences import split
from tests.conftest import BELGOROD


def test_offsets_point_into_the_article():
    text = BELGOROD[0].read_text(encoding="utf-8")
    sentences = split(text)
    assert len(sentences) > 10
    for s in sentences:
        assert text[s.start : s.end] == s.text


def test_abbreviations_and_times_stay_inside_a_sentence():
    text = "Russia's Defense Ministry said it shot down 13 missiles at 11:30 a.m. Moscow time. Gladkov said more."
    assert [s.text for s in split(text)] == [
        "Russia's Defense Ministry said it shot down 13 missiles at 11:30 a.m. Moscow time.",
        "Gladkov said more.",
    ]


def test_lines_without_full_stops_are_separate():
    text = "Kyiv has ramped up drone attacks.\n2 Min read\nongoing strikes\n"
    assert [s.text for s in split(text)] == ["Kyiv has ramped up drone attacks.", "2 Min read", "ongoing strikes"]


def test_hard_wrapped_lines_are_joined():
    text = "Three people in the region had been injured by debris from\ndowned Ukrainian weapons, he said."
    assert len(split(text)) == 1


@settings(max_examples=200, deadline=None)
@given(st.text())
def test_any_text_splits_with_valid_offsets(text):
    for s in split(text):
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text
