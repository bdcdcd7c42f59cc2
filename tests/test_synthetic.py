"""The synthetic rewrites' plumbing: marks parsed, broken quotes left out, writers' lines checked and corrected."""

from __future__ import annotations

import json

from training import synthetic


def test_one_mark_gives_the_plain_sentence_and_the_figures_span():
    got = synthetic._span("Police arrested [[three]] people on Friday.")
    assert got == {"sentence": "Police arrested three people on Friday.", "start": 16, "end": 21}
    assert got["sentence"][got["start"] : got["end"]] == "three"


def test_no_mark_or_two_marks_is_refused():
    assert synthetic._span("Police arrested three people.") is None
    assert synthetic._span("[[Two]] killed and [[five]] hurt.") is None


def test_a_figure_cut_off_by_its_quote_is_not_offered_to_writers():
    inside = {"quote": "Six were shot.", "quote_start": 100, "start": 100, "end": 103, "text": "Six"}
    outside = {"quote": "Six were shot.", "quote_start": 100, "start": 400, "end": 403, "text": "ten"}
    assert synthetic._intact(inside)
    assert not synthetic._intact(outside)
    record = {"id": "p", "split": "train", "counts": [{"a": [outside], "b": [inside], "what": "shot"}]}
    assert synthetic._choose(record) is None


def test_merge_skips_bad_lines_and_keeps_a_writers_own_correction(tmp_path, monkeypatch):
    item = {"item": "p1", "a": "Police said [[two]] died.", "b": "[[Two]] people were killed.", "what": "killed"}
    monkeypatch.setattr(synthetic, "items", lambda: [item])
    lines = [
        "not json",
        json.dumps({"item": "p1", "same": "No mark here.", "other": "[[Two]] hurt.", "why": "different thing"}),
        json.dumps({"item": "p1", "same": "The toll is [[two]].", "other": "[[Two]] hurt.", "why": "injured"}),
        json.dumps({"item": "p1", "same": "The toll is [[two]].", "other": "[[Two]] hurt.", "why": "different thing"}),
        json.dumps({"item": "p1", "same": "[[Two]] died, police said.", "other": "[[Two]] hurt.", "why": "part"}),
        json.dumps({"item": "nope", "same": "[[1]]", "other": "[[1]]", "why": "plan"}),
    ]
    (tmp_path / "part1.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (tmp_path / "part2.jsonl").write_text(
        json.dumps({"item": "p1", "same": "[[2]] dead.", "other": "[[2]] held.", "why": "different thing"}) + "\n",
        encoding="utf-8",
    )
    rows = synthetic.merge(tmp_path)
    assert len(rows) == 1
    row = rows[0]
    assert row["same"]["sentence"] == "Two died, police said."  # part1's own last good line, not part2's
    assert row["why"] == "part" and row["synthetic"] is True
    assert row["a"] == {"sentence": "Police said two died.", "start": 12, "end": 15}


def test_each_row_teaches_one_same_and_one_other(monkeypatch, tmp_path):
    row = {
        "pair": "p1",
        "a": {"sentence": "Police said two died.", "start": 12, "end": 15},
        "same": {"sentence": "The death toll is two.", "start": 18, "end": 21},
        "other": {"sentence": "Police said two were hurt.", "start": 12, "end": 15},
        "why": "different thing",
    }
    path = tmp_path / "synthetic.json"
    path.write_text(json.dumps([row]), encoding="utf-8")
    monkeypatch.setattr(synthetic, "FILE", path)
    ex = synthetic.synthetic_examples()
    assert [e.label for e in ex] == [1, 0]
    assert all("« # »" in e.a and "« # »" in e.b for e in ex)
    assert synthetic.synthetic_examples({"another pair"}) == []
