"""Story grouping: who reports the same events (model-free: TF-IDF, dates and clustering only)."""

from __future__ import annotations

import pytest

from checker.grouping import Lead, group

ELGIN_A = Lead(
    "Five hurt in Elgin shooting",
    "ELGIN, Ill. — Five people were wounded early Sunday when gunfire broke out at a party on North Street in "
    "Elgin, police said. Officers found the victims at the house on North Street.",
    "2014-01-12",
)
ELGIN_B = Lead(
    "Elgin police: party shooting on North Street leaves five wounded",
    "Police in Elgin are searching for a gunman after five people were shot at a North Street party on Sunday. "
    "Elgin officers said the wounded were taken to Sherman Hospital.",
    "2014-01-13",
)
TOKYO = Lead(
    "Tokyo stocks close higher on exporters",
    "TOKYO — The Nikkei average rose on Monday as Toyota and Sony gained on a weaker yen, traders in Tokyo said.",
    "2014-01-13",
)


def _partition(stories: list[list[int]]) -> set[frozenset[int]]:
    return {frozenset(s) for s in stories}


def test_reports_of_one_event_form_one_story_and_another_event_its_own():
    assert _partition(group([ELGIN_A, TOKYO, ELGIN_B])) == {frozenset({0, 2}), frozenset({1})}


WALNUT = Lead(
    "Elgin man shot on Walnut Avenue",
    "ELGIN, Ill. — A 19-year-old man was shot in the leg on Walnut Avenue late Friday, Elgin police said. He was "
    "taken to a hospital and is expected to survive.",
    None,
)


@pytest.mark.parametrize(
    ("second", "second_date", "together"),
    [
        (ELGIN_B, "2014-01-14", True),
        (ELGIN_B, "2014-03-20", True),
        (WALNUT, "2014-03-20", False),
        (ELGIN_B, None, True),
    ],
    ids=[
        "two days later",
        "a follow-up two months later that reads alike",
        "another shooting in the town two months later",
        "undated",
    ],
)
def test_the_date_window_keeps_far_apart_reports_apart_unless_they_read_as_a_follow_up(second, second_date, together):
    later = Lead(second.title, second.text, second_date)
    assert (len(group([ELGIN_A, later])) == 1) is together


def test_every_article_is_in_exactly_one_story_and_the_result_is_stable():
    leads = [ELGIN_A, TOKYO, ELGIN_B, Lead("", "", None), TOKYO]
    stories = group(leads)
    assert sorted(i for s in stories for i in s) == list(range(len(leads)))
    assert group(leads) == stories
    assert group([]) == []
    assert group([Lead("", "", None), Lead("", "", None)]) == [[0], [1]]


def test_follow_ups_never_chain_a_story_over_more_than_a_year():
    # the same report on three dates 200 days apart: each reads as a follow-up of the one before, but one story
    # spanning 400 days would be a chain, not a story (single link chained a 60,000-article feed into one)
    dates = ["2014-01-12", "2014-07-31", "2015-02-16"]
    stories = group([Lead(ELGIN_A.title, ELGIN_A.text, d) for d in dates])
    assert _partition(stories) == {frozenset({0, 1}), frozenset({2})}


def test_the_tf_idf_is_scikit_learns_and_the_stop_words_its_list():
    """claimdiff computes TF-IDF itself (importing scikit-learn cost most of a warm run): held to the library."""
    import tomllib

    import numpy as np
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    from checker.grouping import _DATA, _analyse, _tfidf, stop_words

    assert stop_words() == ENGLISH_STOP_WORDS
    for text, kept in tomllib.loads(_DATA.read_text(encoding="utf-8"))["stopwords"][0]["examples"]:
        assert [t for t in _analyse(text) if t not in stop_words()] == kept
    texts = [
        "Ferry capsizes on Padma river, three dead. The ferry capsized near Munshiganj; ferry officials counted.",
        "Dozens killed as overcrowded boat sinks off Lampedusa, the coast guard said on Tuesday.",
        "Thirty migrants drowned off Lampedusa after their wooden boat overturned; 22 were saved.",
        "",
    ]
    docs = [_analyse(t) for t in texts]
    ours, terms = _tfidf(docs)
    theirs = TfidfVectorizer(analyzer=_analyse, sublinear_tf=True, norm=None, dtype=np.float32)
    expected = theirs.fit_transform(texts)
    assert terms == theirs.get_feature_names_out().tolist()
    assert ours.shape == expected.shape and np.allclose(ours.toarray(), expected.toarray(), atol=1e-6)
