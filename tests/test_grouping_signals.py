"""Story grouping's signals beyond the words: years written in undated reports, people named in follow-ups, and the
page furniture an outlet repeats on every page."""

from __future__ import annotations

import numpy as np

from checker.grouping import Lead, _furniture, _text_years, group, represent


def _cosine(a: Lead, b: Lead) -> float:
    v = represent([a, b])
    return float((v[0] @ v[1].T).toarray()[0, 0])


QUAKE_2009 = Lead(
    "",
    "A strong earthquake struck the coast on Tuesday, toppling houses in the port town and cutting power to the "
    "region. Schools closed and ferries stopped; the governor flew in. It was the worst quake since 2009.",
)
QUAKE_2013 = Lead(
    "",
    "Rescue teams dug through collapsed homes after an earthquake shook the coast, officials said on Sunday. "
    "Aftershocks rattled the port town overnight, cutting power to the region, and survivors slept in tents. "
    "The 2013 quake left many homeless.",
)


def test_the_latest_year_an_undated_report_writes_is_its_year_and_dated_reports_need_none():
    leads = [
        QUAKE_2009,
        QUAKE_2013,
        Lead("", "No year here, only $2,013 and 1,999 people."),
        Lead("", "In 2009.", "2014-01-02"),
    ]
    days = np.array([-1, -1, -1, 700000])
    assert _text_years(leads, days).tolist() == [2009, 2013, -1, -1]


def test_undated_reports_that_write_years_far_apart_are_two_events_though_they_read_alike():
    assert _cosine(QUAKE_2009, QUAKE_2013) >= 0.16  # alike enough to be one story on the words alone
    assert len(group([QUAKE_2009, QUAKE_2013])) == 2
    same_year = Lead("", QUAKE_2013.text.replace("2013", "2009"))
    assert len(group([QUAKE_2009, same_year])) == 1


SHOOTING = Lead(
    "Man killed, two hurt in Bourbon Street shooting",
    "NEW ORLEANS — A man was killed and two people were wounded when gunfire broke out on Bourbon Street early "
    "Sunday. Police arrested Trung Le, 25, of Metairie, at the scene.",
    "2014-06-29",
)
TRIAL = Lead(
    "Jury finds Trung Le guilty in Bourbon Street shooting",
    "A jury on Friday found Trung Le guilty of manslaughter in the Bourbon Street gunfight that killed a man and "
    "wounded two people. Le faces a long sentence, the district attorney said.",
    "2015-01-16",
)


def test_a_follow_up_months_later_that_names_the_same_person_joins_the_story():
    assert 0.20 <= _cosine(SHOOTING, TRIAL) < 0.40  # too unlike for a follow-up on the words alone
    assert len(group([SHOOTING, TRIAL])) == 1
    anonymous = Lead(TRIAL.title.replace("Trung Le", "gunman"), TRIAL.text.replace("Le ", "He "), TRIAL.published)
    assert len(group([SHOOTING, anonymous])) == 2


def _page(title: str, story: str, date: str) -> Lead:
    menu = "Home | News | Weather | Sports | Traffic\nWatch Channel 7 live on your phone, tablet and TV\n"
    footer = "\nCopyright 2016 Sunshine Broadcasting. All rights reserved. Share on Facebook, Twitter, Email"
    return Lead(f"{title} - Channel 7 Sunshine News", menu + story + footer, date)


STATION = [
    _page("Teen shot near school", "A teenager was shot near Lincoln High on Monday, police said.", "2016-02-01"),
    _page("Store clerk wounded", "A clerk was wounded in a robbery at a Palm Avenue store.", "2016-03-10"),
    _page("Two hurt in drive-by", "Two men were hurt in a drive-by shooting in Liberty City.", "2016-04-22"),
]


def test_lines_an_outlet_repeats_on_pages_weeks_apart_are_furniture_and_a_reprint_is_not():
    days = np.array([736000, 736038, 736081])
    furniture = _furniture(STATION, days, 14)
    assert "Channel 7 Sunshine News" in furniture
    assert "Watch Channel 7 live on your phone, tablet and TV" in furniture
    assert not any("Lincoln" in line for line in furniture)
    within_days = np.array([736000, 736002, 736004])  # three reports of one week: syndicated copy, not furniture
    assert _furniture(STATION, within_days, 14) == set()
    reprints = [STATION[0]] * 3  # one article published three times is one article
    assert _furniture(reprints, days, 14) == set()


def test_an_outlets_furniture_does_not_make_its_stories_one():
    later = _page(
        "Teen shot near school: suspect held", "Police held a suspect in the Lincoln High shooting.", "2016-02-02"
    )
    stories = group([*STATION, later])
    assert sorted(map(sorted, stories)) == [[0, 3], [1], [2]]
