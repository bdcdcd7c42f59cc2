"""One baseline for a whole desk: created where it is named, merged per article, readable and stable."""

from __future__ import annotations

import hashlib
import json
from dataclasses import replace
from pathlib import Path

import pytest

from checker import baseline
from checker.cli import main
from checker.quantities import extract
from checker.verdicts import summarise
from tests.factories import claim, quantity, report

CONFLICT = ("Up to 12 people were hurt in the blast, police said.", "14 people were injured in the blast, police said.")


def on_disk(doc):
    """``doc``, its articles' texts written at their paths: a baseline drops the entries of reports that are gone."""
    for a in doc.articles:
        Path(a.path).parent.mkdir(parents=True, exist_ok=True)
        Path(a.path).write_text(a.text, encoding="utf-8")
    return doc


def story(first: str, second: str, n: int, m: int):
    """A report of two articles of one story, ``first`` and ``second`` (paths, written), with figures n and m."""
    doc = report([(claim("A", quantity(str(n), n)), claim("B", quantity(str(m), m)))])
    a, b = doc.articles
    return on_disk(replace(doc, articles=(replace(a, path=first), replace(b, path=second))))


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
    """A report of one group over articles a, b, c, d (as many as ``figures``), judged."""
    claims = []
    for k, n in enumerate(figures):
        label = "ABCD"[k]
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


# -- keyed by meaning: values, not spelling; reports by content, not path --------------------------------------


def said(tmp_path, *sentences: str, event: str = "killed"):
    """A report of one group, a claim per sentence (articles a, b, c... written under ``tmp_path``), each figure read
    from its sentence as the product reads it."""
    claims = []
    for label, text in zip("ABC", sentences, strict=False):
        figure = extract(text)[0]
        claims.append(claim(label, figure, event=event, sentence=text))
    doc = report([tuple(claims)])
    return on_disk(
        replace(doc, articles=tuple(replace(a, path=str(tmp_path / f"{a.id.lower()}.txt")) for a in doc.articles))
    )


@pytest.mark.parametrize(
    ("written", "restyled", "changed", "other"),
    [
        (
            "Thirty-six people were killed in the sinking.",
            "36 people were killed in the sinking.",
            "35 people were killed in the sinking.",
            "34 people were killed, police said.",
        ),
        (
            "The repairs cost $15m, the council said.",
            "The repairs cost $15 million, the council said.",
            "The repairs cost £15m, the council said.",
            "The repairs cost $12m, officials said.",
        ),
        (
            "Some 1,000 people were evacuated from the valley.",
            "Some 1000 people were evacuated from the valley.",
            "At least 1000 people were evacuated from the valley.",
            "About 700 people were evacuated, police said.",
        ),
    ],
)
def test_a_restyled_figure_keeps_its_acknowledgement_and_a_changed_one_does_not(
    tmp_path, written, restyled, changed, other
):
    path = tmp_path / "baseline.json"
    baseline.write(said(tmp_path, written, other), path)
    assert acknowledged(said(tmp_path, restyled, other), path) == [True]
    # a changed value, currency or bound is another claim: a new difference
    changed = said(tmp_path, changed, other)
    assert changed.groups[0].verdict.name != "consistent" and acknowledged(changed, path) == [False]


def test_an_entry_holds_the_values_not_the_spelling(tmp_path):
    path = tmp_path / "baseline.json"
    baseline.write(said(tmp_path, "Thirty-six people were killed.", "At least 40 people were killed, he said."), path)
    doc = json.loads(path.read_text())
    entry = doc["acknowledged"][0]
    assert doc["version"] == 4 and entry["count"] == "killed" and entry["figures"] == ["36", "at least 40"]
    assert len(entry["contents"]) == len(entry["articles"]) == 2


def test_moved_reports_keep_their_acknowledgements_and_rewriting_leaves_no_stale_entry(tmp_path):
    path = tmp_path / "baseline.json"
    doc = said(tmp_path, "34 people were killed.", "36 people were killed, he said.")
    baseline.write(doc, path)
    (tmp_path / "wires").mkdir()
    for name in ("a.txt", "b.txt"):  # git mv a.txt b.txt wires/: the same texts, new paths
        (tmp_path / name).rename(tmp_path / "wires" / name)
    doc = replace(
        doc, articles=tuple(replace(a, path=str(tmp_path / "wires" / Path(a.path).name)) for a in doc.articles)
    )
    assert acknowledged(doc, path) == [True]
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())
    baseline.write(doc, path)
    assert [e["articles"] for e in json.loads(path.read_text())["acknowledged"]] == [["wires/a.txt", "wires/b.txt"]]
    written = baseline.record(doc, copy)
    assert (written.recorded, written.renamed, written.dropped) == (1, 1, 1)


def test_entries_of_reports_that_are_gone_are_dropped_and_others_kept(tmp_path):
    path, _, _ = two_stories(tmp_path)
    for name in ("a.txt", "b.txt"):
        (tmp_path / "fire" / name).unlink()  # the fire story is deleted
    (tmp_path / "quake" / "a.txt").unlink()  # one quake report is deleted: b.txt's entry still holds for it
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())
    flood = story(str(tmp_path / "flood" / "a.txt"), str(tmp_path / "flood" / "b.txt"), 7, 9)
    baseline.write(flood, path)
    entries = json.loads(path.read_text())["acknowledged"]
    assert [e["articles"] for e in entries] == [["flood/a.txt", "flood/b.txt"], ["quake/a.txt", "quake/b.txt"]]
    written = baseline.record(flood, copy)
    assert (written.recorded, written.gone, written.dropped) == (1, 1, 1)
    assert written.note == "; 1 old entry dropped (1 of reports that are gone)"


def draft_against(tmp_path, draft: int, *wires: int):
    """A report of a draft A against wires B, C... (figures as given), judged as ``compare`` judges a reference run:
    only the draft's pairs counted."""
    figures = (draft, *wires)
    sentences = {x: f"{n} people were killed, {x} said." for x, n in zip("ABCD", figures, strict=False)}
    doc = on_disk(three(tmp_path, *figures, sentences=sentences))
    group = doc.groups[0]
    counted = draft_counted(doc)
    return replace(doc, groups=(replace(group, verdict=summarise(group.verdict.pairs, counted)),)), counted


def draft_counted(doc):
    draft = doc.articles[0].id
    return lambda p: draft in p.articles


def test_with_a_reference_only_an_entry_naming_the_draft_acknowledges_its_difference(tmp_path):
    path = tmp_path / "baseline.json"
    # the two wires differ, 34 against 36, and that difference is acknowledged (an entry naming only b and c)
    wires = report([(claim("B", quantity("34", 34)), claim("C", quantity("36", 36)))])
    wires = replace(
        wires, articles=tuple(replace(a, path=str(tmp_path / f"{a.id.lower()}.txt")) for a in wires.articles)
    )
    baseline.write(on_disk(wires), path)
    assert [e["articles"] for e in json.loads(path.read_text())["acknowledged"]] == [["b.txt", "c.txt"]]
    # the draft says 34 too: its 34 against c's 36 is the draft's own difference, not acknowledged by the wires'
    doc, counted = draft_against(tmp_path, 34, 34, 36)
    assert not baseline.apply(doc, baseline.load(path), counted).groups[0].acknowledged
    assert not baseline.apply(doc, baseline.load(path), counted, reference="A").groups[0].acknowledged
    # acknowledged for the draft (an entry naming a.txt), the same difference with a new wire is acknowledged too
    baseline.write(doc, path)
    assert baseline.apply(doc, baseline.load(path), counted).groups[0].acknowledged
    again, counted = draft_against(tmp_path, 34, 34, 36, 36)
    assert baseline.apply(again, baseline.load(path), counted).groups[0].acknowledged


def test_a_version_3_file_still_loads_matches_and_is_rewritten_as_version_4(tmp_path):
    path = tmp_path / "old.json"
    doc = on_disk(three(tmp_path, 34, 36))
    spelled = hashlib.sha256(b"killed\n34\n36").hexdigest()[:16]  # version 3: the count and the figures as written
    old = {"articles": ["a.txt", "b.txt"], "count": "killed", "figures": ["34", "36"], "fingerprint": spelled}
    path.write_text(json.dumps({"version": 3, "acknowledged": [{**old, "sentences": ["", ""]}]}))
    copy = tmp_path / "copy.json"
    copy.write_bytes(path.read_bytes())
    assert acknowledged(doc, path) == [True]
    baseline.write(doc, path)
    rewritten = json.loads(path.read_text())
    assert rewritten["version"] == 4 and [len(e["contents"]) for e in rewritten["acknowledged"]] == [2]
    assert acknowledged(doc, path) == [True]
    assert baseline.record(doc, copy).note == ""  # rewritten in the new form, not dropped


def test_write_baseline_after_a_move_says_what_it_dropped(capsys, write_articles, tmp_path):
    first, second = write_articles(*CONFLICT)
    target = tmp_path / "baseline.json"
    assert main([str(first), str(second), "-q", "--write-baseline", str(target)]) == 0, capsys.readouterr().err
    (tmp_path / "desk").mkdir()
    moved = [tmp_path / "desk" / p.name for p in (first, second)]
    for before, after in zip((first, second), moved, strict=True):
        before.rename(after)  # git mv: the same texts under other names
    assert main([*map(str, moved), "-q", "--baseline", str(target)]) == 0
    capsys.readouterr()
    assert main([*map(str, moved), "--write-baseline", str(target), "--format", "json"]) == 0
    err = capsys.readouterr().err
    assert "1 difference(s) recorded in" in err and "; 1 old entry dropped (1 naming a moved report)" in err
    names = {n for e in json.loads(target.read_text())["acknowledged"] for n in e["articles"]}
    assert names == {f"desk/{first.name}", f"desk/{second.name}"}
