"""The one-story check: reports of different stories are never compared silently (issue 28, item 3)."""

from __future__ import annotations

import json

import checker
from checker import grouping
from tests.test_cli import run

PADMA_2015 = (
    "Ferry capsizes on Padma river, three dead\n\n"
    "DHAKA, Bangladesh - A passenger ferry capsized on the Padma river near Munshiganj on Sunday, killing at least "
    "three people, police said. Rescuers pulled 40 survivors from the water, district official Saiful Hasan said.\n"
)
LAMPEDUSA_2025 = (
    "Dozens killed as overcrowded boat sinks off Lampedusa\n\n"
    "ROME - At least 34 migrants drowned when an overcrowded wooden boat sank off the Italian island of Lampedusa "
    "on Tuesday, the coast guard said. The Italian navy saved 22.\n"
)
LAMPEDUSA_WIRE = (
    "Migrant boat sinks near Lampedusa\n\n"
    "Thirty migrants drowned off Lampedusa after their wooden boat overturned, the Italian coast guard "
    "reported. Twenty-two were saved.\n"
)


def lead(title: str, text: str, published: str | None = None) -> grouping.Lead:
    return grouping.Lead(title, text, published)


def test_reports_sharing_no_name_and_few_words_are_two_stories():
    leads = [lead("", PADMA_2015), lead("", LAMPEDUSA_2025), lead("", LAMPEDUSA_WIRE)]
    assert grouping.one_story(leads) == [[0], [1, 2]]


def test_a_shared_name_keeps_reports_in_one_story_whatever_their_words():
    a = lead("", "Officials in Munshiganj counted the dead on Sunday.")
    b = lead("", "The river at Munshiganj claimed a passenger ferry, with three lives lost.")
    assert grouping.one_story([a, b]) == [[0, 1]]


def test_years_apart_and_no_name_in_common_are_two_stories_though_the_words_agree():
    text_a = "A passenger ferry sank in the river; three people died and 40 were rescued, police said."
    text_b = "A passenger ferry sank in the river; 34 people died and 22 were rescued, police said."
    assert grouping.one_story([lead("", text_a, "2015-05-03"), lead("", text_b, "2015-06-01")]) == [[0, 1]]
    assert grouping.one_story([lead("", text_a, "2015-05-03"), lead("", text_b, "2025-05-03")]) == [[0], [1]]


def test_compare_notes_another_story_and_aligns_nothing_across_stories(write_articles, encoder):
    paths = write_articles(PADMA_2015, LAMPEDUSA_2025, LAMPEDUSA_WIRE)
    report = checker.compare(paths, encoder=encoder)
    assert report.stories == (("A",), ("B", "C"))
    assert all({c.article for c in g.claims} <= {"B", "C"} for g in report.groups)
    assert report.groups, "the two Lampedusa reports are still compared with each other"
    assert not report.articles[0].notes
    assert all("another story than A" in a.notes[-1] for a in report.articles[1:])
    doc = report.to_dict()
    assert doc["stories"] == [["A"], ["B", "C"]] and doc["summary"]["stories"] == 2


def test_any_story_compares_them_anyway(write_articles, encoder):
    paths = write_articles(PADMA_2015, LAMPEDUSA_2025)
    apart = checker.compare(paths, encoder=encoder)
    assert apart.groups == () and not apart.compared
    together = checker.compare(paths, encoder=encoder, any_story=True)
    assert together.compared and any({c.article for c in g.claims} == {"A", "B"} for g in together.groups)


def test_the_cli_says_nothing_was_compared_and_exits_as_trouble_with_the_report_written(write_articles):
    paths = write_articles(PADMA_2015, LAMPEDUSA_2025)
    result = run(*map(str, paths), "--format", "json")
    assert result.returncode == 2
    assert "different stories" in result.stderr and "--any-story" in result.stderr
    assert json.loads(result.stdout)["stories"] == [["A"], ["B"]]
    anyway = run(*map(str, paths), "--any-story", "--format", "markdown")
    assert anyway.returncode == 1, anyway.stderr
    assert "stories" not in anyway.stdout.splitlines()[-1]


def test_every_format_says_which_stories(write_articles):
    paths = write_articles(PADMA_2015, LAMPEDUSA_2025, LAMPEDUSA_WIRE)
    for fmt in ("table", "markdown", "html"):
        result = run(*map(str, paths), "--format", fmt)
        assert result.returncode in (0, 1), result.stderr
        assert "2 stories (A | B, C)" in result.stdout, fmt
    assert "another story than A" in result.stderr


def test_the_hook_compares_a_draft_only_with_its_own_story(tmp_path):
    desk = tmp_path / "desk"
    desk.mkdir()
    (desk / "padma.txt").write_text(PADMA_2015, encoding="utf-8")
    (desk / "wire.txt").write_text(LAMPEDUSA_WIRE, encoding="utf-8")
    (desk / "draft.txt").write_text(LAMPEDUSA_2025, encoding="utf-8")
    result = run("--hook", "desk/draft.txt", "--format", "json", cwd=tmp_path)
    assert result.returncode == 1, result.stderr
    doc = json.loads(result.stdout)
    stories = doc["stories"] if "stories" in doc else doc[0]["stories"]
    assert stories[0] == ["A", "C"] or sorted(map(len, stories)) == [1, 2]
    alone = run("--hook", "desk/padma.txt", cwd=tmp_path)
    assert alone.returncode == 0, alone.stderr
    assert "no other report of its story" in alone.stdout
