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


def acknowledged(doc, path) -> list[bool]:
    """Which groups of ``doc`` the baseline file at ``path`` acknowledges."""
    return [g.acknowledged for g in baseline.apply(doc, baseline.load(path)).groups]


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
    assert acknowledged(fire, path) == [True] and acknowledged(quake, path) == [True]
    entries = json.loads(path.read_text())["acknowledged"]
    assert [e["articles"] for e in entries] == [["fire/a.txt", "fire/b.txt"], ["quake/a.txt", "quake/b.txt"]]
    assert [e["figures"] for e in entries] == [["3", "5"], ["30", "50"]]


def test_rewriting_a_story_replaces_only_its_entries(tmp_path):
    path, fire, quake = two_stories(tmp_path)
    # the fire story now agrees: its acknowledgement goes, the quake's stays
    baseline.write(story(str(tmp_path / "fire" / "a.txt"), str(tmp_path / "fire" / "b.txt"), 5, 5), path)
    assert acknowledged(fire, path) == [False] and acknowledged(quake, path) == [True]


def test_the_file_is_stable_and_readable(tmp_path):
    path = tmp_path / "baseline.json"
    doc = story(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), 3, 5)
    baseline.write(doc, path)
    first = path.read_text()
    baseline.write(doc, path)
    assert path.read_text() == first
    entry = json.loads(first)["acknowledged"][0]
    assert list(entry) == sorted(entry) and entry["count"] == "killed" and len(entry["sentences"]) == 2


def test_a_version_2_file_is_still_read(tmp_path):
    doc = story(str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), 3, 5)
    path = tmp_path / "old.json"
    old = {"articles": ["a.txt", "b.txt"], "fingerprint": doc.groups[0].fingerprint, "sentences": [], "what": "x"}
    path.write_text(json.dumps({"version": 2, "acknowledged": [old]}))
    assert acknowledged(doc, path) == [True]


def three(tmp_path, *figures, sentences=None):
    """A report of one group over articles a, b, c (as many as ``figures``), judged."""
    claims = []
    for k, n in enumerate(figures):
        label = "ABC"[k]
        text = (sentences or {}).get(label)
        claims.append(claim(label, quantity(str(n), n), sentence=text))
    doc = report([tuple(claims)])
    arts = tuple(replace(a, path=str(tmp_path / f"{a.id.lower()}.txt")) for a in doc.articles)
    return replace(doc, articles=arts)


def test_an_acknowledgement_survives_a_third_report(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(three(tmp_path, 34, 36), path)
    # a third wire repeats one of the acknowledged figures: the same 34-against-36 difference
    assert acknowledged(three(tmp_path, 34, 36, 34), path) == [True]
    # a third wire with a figure of its own is a new difference
    assert acknowledged(three(tmp_path, 34, 36, 40), path) == [False]


def test_an_acknowledgement_survives_a_copy_edit_and_not_a_changed_figure(tmp_path):
    path = tmp_path / "baseline.json"
    before = {"A": "34 people were killed in the sinking, police said.", "B": "36 people were killed, he said."}
    baseline.write(three(tmp_path, 34, 36, sentences=before), path)
    edited = {"A": "34 people have been killed in the sinking, Santoso said.", "B": before["B"]}
    assert acknowledged(three(tmp_path, 34, 36, sentences=edited), path) == [True]
    changed = {"A": "35 people were killed in the sinking, police said.", "B": before["B"]}
    assert acknowledged(three(tmp_path, 35, 36, sentences=changed), path) == [False]


def test_an_acknowledgement_survives_a_reordering(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(three(tmp_path, 34, 36), path)
    doc = three(tmp_path, 36, 34)  # the same two figures, the articles named the other way round
    swapped = {"a.txt": str(tmp_path / "b.txt"), "b.txt": str(tmp_path / "a.txt")}
    doc = replace(doc, articles=tuple(replace(a, path=swapped[a.path.rsplit("/", 1)[1]]) for a in doc.articles))
    assert acknowledged(doc, path) == [True]


def test_acknowledged_pairs_leave_the_others_to_judge(tmp_path):
    """Three reports, the A-B difference acknowledged: the group is judged on its other pairs (34, 36, 40 -> still
    a conflict, now about C)."""
    path = tmp_path / "baseline.json"
    baseline.write(three(tmp_path, 34, 36), path)
    group = baseline.apply(three(tmp_path, 34, 36, 40), baseline.load(path)).groups[0]
    assert group.verdict.name == "conflict" and "C" in group.verdict.pair


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
