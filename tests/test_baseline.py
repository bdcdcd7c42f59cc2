"""One baseline for a whole desk: created where it is named, merged per article, readable and stable."""

from __future__ import annotations

import json
from dataclasses import replace

from checker import baseline
from checker.cli import main
from tests.factories import claim, quantity, report

CONFLICT = ("Up to 12 people were hurt in the blast, police said.", "14 people were injured in the blast, police said.")


def story(first: str, second: str, n: int, m: int):
    """A report of two articles of one story, ``first`` and ``second`` (paths), with figures n and m."""
    doc = report([(claim("A", quantity(str(n), n)), claim("B", quantity(str(m), m)))])
    a, b = doc.articles
    return replace(doc, articles=(replace(a, path=first), replace(b, path=second)))


def test_writing_creates_the_file_and_its_folder(tmp_path):
    path = tmp_path / "reviews" / "desk" / "baseline.json"
    assert baseline.write(story(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), 3, 5), path) == 1
    assert len(json.loads(path.read_text())["acknowledged"]) == 1


def two_stories(tmp_path):
    """A baseline file with one difference of each of two stories acknowledged, and the two reports."""
    path = tmp_path / "baseline.json"
    fire = story(str(tmp_path / "fire" / "a.txt"), str(tmp_path / "fire" / "b.txt"), 3, 5)
    quake = story(str(tmp_path / "quake" / "a.txt"), str(tmp_path / "quake" / "b.txt"), 30, 50)
    baseline.write(fire, path)
    baseline.write(quake, path)
    return path, fire, quake


def test_writing_merges_and_keeps_other_stories(tmp_path):
    path, fire, quake = two_stories(tmp_path)
    assert baseline.load(path) == {fire.groups[0].fingerprint, quake.groups[0].fingerprint}
    entries = json.loads(path.read_text())["acknowledged"]
    assert [e["articles"] for e in entries] == [["fire/a.txt", "fire/b.txt"], ["quake/a.txt", "quake/b.txt"]]


def test_rewriting_a_story_replaces_only_its_entries(tmp_path):
    path, _, quake = two_stories(tmp_path)
    # the fire story now agrees: its acknowledgement goes, the quake's stays
    baseline.write(story(str(tmp_path / "fire" / "a.txt"), str(tmp_path / "fire" / "b.txt"), 5, 5), path)
    assert baseline.load(path) == {quake.groups[0].fingerprint}


def test_the_file_is_stable_and_readable(tmp_path):
    path = tmp_path / "baseline.json"
    doc = story(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), 3, 5)
    baseline.write(doc, path)
    first = path.read_text()
    baseline.write(doc, path)
    assert path.read_text() == first
    entry = json.loads(first)["acknowledged"][0]
    assert list(entry) == sorted(entry) and entry["what"] == "killed (person)" and len(entry["sentences"]) == 2


def test_a_version_1_file_is_still_read(tmp_path):
    path = tmp_path / "old.json"
    path.write_text(json.dumps({"version": 1, "acknowledged": [{"fingerprint": "abc", "what": "x", "sentences": []}]}))
    assert baseline.load(path) == {"abc"}


def test_the_baseline_named_in_the_config_is_created_by_write_baseline(capsys, write_articles, tmp_path, monkeypatch):
    paths = write_articles(*CONFLICT)
    (tmp_path / "pyproject.toml").write_text('[tool.claimdiff]\nbaseline = "reviews/claimdiff-baseline.json"\n')
    monkeypatch.chdir(tmp_path)
    target = tmp_path / "reviews" / "claimdiff-baseline.json"
    assert main([*map(str, paths), "-q", "--write-baseline", str(target)]) == 0, capsys.readouterr().err
    assert target.exists()
    assert main([*map(str, paths), "-q"]) == 0  # the config's baseline now acknowledges the difference


def test_a_missing_baseline_is_one_line_naming_the_fix(capsys, write_articles, tmp_path):
    paths = write_articles(*CONFLICT)
    assert main([*map(str, paths), "-q", "--baseline", str(tmp_path / "none.json")]) == 2
    err = capsys.readouterr().err
    assert "no such baseline file" in err and "--write-baseline" in err and len(err.strip().splitlines()) == 1


def test_a_baseline_acknowledges_the_same_articles_given_in_another_order(capsys, write_articles, tmp_path):
    # the two reports name the victims with their own words: the row's label must not depend on which came first
    first, second = write_articles(
        "DOVER — Two children were killed in a house fire on Main Street on Sunday, fire officials said.",
        "DOVER — Three kids were killed when fire swept through a house on Main Street on Sunday, officials said.",
    )
    target = tmp_path / "baseline.json"
    assert main([str(first), str(second), "-q", "--write-baseline", str(target)]) == 0, capsys.readouterr().err
    assert main([str(second), str(first), "-q", "--baseline", str(target)]) == 0
