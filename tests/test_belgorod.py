"""The founding example, as a careful editor reads it (shared/seeds/README.md)."""

from __future__ import annotations


def texts(group):
    return [c.sentence.text for c in group.claims]


def test_evacuation_figures_land_in_one_flagged_group(belgorod_report):
    evacuations = [g for g in belgorod_report.groups if g.claims[0].event == "evacuated"]
    assert len(evacuations) == 1
    (group,) = evacuations
    quoted = {c.quantity.text for c in group.claims}
    assert quoted == {"hundreds", "around 9,000"}
    assert group.is_discrepancy


def test_injured_never_pairs_with_killed(belgorod_report):
    for group in belgorod_report.groups:
        events = {c.event for c in group.claims}
        assert len(events) == 1, events
        joined = " ".join(texts(group))
        assert not ("three people in the region had been injured" in joined and "one person died" in joined)


def test_khmelnytsky_toll_never_pairs_with_the_belgorod_death(belgorod_report):
    for group in belgorod_report.groups:
        joined = " ".join(texts(group))
        assert not ("death toll from a Russian strike in Ukraine" in joined and "Belgorod" in joined)


def test_boilerplate_and_dates_are_not_claims(belgorod_report):
    quoted = {(c.sentence.text, c.quantity.text) for g in belgorod_report.groups for c in g.claims}
    sentences = " | ".join(s for s, _ in quoted)
    for phrase in ("fifth term", "11:30 a.m.", "1955", "2 Min read", "over 30 years", "starting from just 2"):
        assert not any(phrase in s and phrase.split()[-1] in q for s, q in quoted), (phrase, sentences)


def test_the_only_discrepancy_is_the_evacuation(belgorod_report):
    assert [g.what for g in belgorod_report.discrepancies] == ["evacuated (child)"]
    assert belgorod_report.exit_code == 1
