"""The editorial review step: formats, exit policy, baseline, config, reference mode (in-process CLI)."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest

from checker.cli import main
from tests.conftest import BELGOROD

CONFLICT = ("Up to 12 people were hurt in the blast, police said.", "14 people were injured in the blast, police said.")


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args] + ["-q"])
    out, err = capsys.readouterr()
    return code, out, err


def test_json_parses_back(capsys):
    code, out, _ = run(capsys, *BELGOROD, "--format", "json")
    assert code == 1
    doc = json.loads(out)
    assert doc["summary"]["discrepancies"] == 1


def test_csv_parses_back_one_row_per_claim(capsys):
    code, out, _ = run(capsys, *BELGOROD, "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 1
    assert len(rows) == 2 and {r["article"] for r in rows} == {"A", "B"}
    assert {r["text"] for r in rows} == {"hundreds", "around 9,000"}
    assert all(r["verdict"] == "conflict" for r in rows)


def test_markdown_is_a_table(capsys):
    _, out, _ = run(capsys, *BELGOROD, "--format", "markdown")
    lines = [line for line in out.splitlines() if line.startswith("|")]
    assert re.fullmatch(r"\| # \| What \| A \| B \| Verdict \|", lines[0])
    assert re.fullmatch(r"\|(---\|){5}", lines[1])
    assert all(line.count("|") - line.count("\\|") == 6 for line in lines)
    assert "**hundreds**" in out


def test_html_escapes_everything_from_articles(capsys, write_articles):
    paths = write_articles(
        "<script>alert(1)</script> Five people were injured in the crash on <b>Main</b> Street.",
        "Seven people were injured in the crash, police said. <img src=x onerror=alert(2)>",
    )
    code, out, _ = run(capsys, *paths, "--format", "html")
    assert code == 1
    assert "<script>" not in out and "<img" not in out and "<b>Main" not in out
    assert "&lt;script&gt;" in out and "&lt;img src=x" in out
    assert "<mark>Five</mark>" in out


def test_output_file(capsys, tmp_path):
    out_file = tmp_path / "report.md"
    code, out, _ = run(capsys, *BELGOROD, "--format", "markdown", "-o", out_file)
    assert code == 1 and out == ""
    assert "| G1 |" in out_file.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("policy", "texts", "code"),
    [
        ("any", CONFLICT, 1),
        ("conflict", CONFLICT, 1),
        ("update", CONFLICT, 1),
        ("never", CONFLICT, 0),
        (
            "conflict",
            (
                "Two people were killed in the strike on the city.",
                "The death toll from the strike on the city has risen to five.",
            ),
            0,
        ),
        (
            "update",
            (
                "Two people were killed in the strike on the city.",
                "The death toll from the strike on the city has risen to five.",
            ),
            1,
        ),
    ],
)
def test_fail_on_policy(capsys, write_articles, policy, texts, code):
    assert run(capsys, *write_articles(*texts), "--fail-on", policy)[0] == code


def test_baseline_round_trip(capsys, write_articles, tmp_path):
    baseline = tmp_path / "baseline.json"
    paths = write_articles(
        "Up to 12 people were hurt in the blast, police said.\n\nThe mayor visited the scene on Monday.",
        *CONFLICT[1:],
    )
    assert run(capsys, *paths, "--write-baseline", baseline)[0] == 0
    assert json.loads(baseline.read_text())["acknowledged"]
    assert run(capsys, *paths, "--baseline", baseline)[0] == 0
    # an edit elsewhere in the article keeps the fingerprint
    paths[0].write_text(paths[0].read_text().replace("on Monday", "on Tuesday afternoon"))
    assert run(capsys, *paths, "--baseline", baseline)[0] == 0
    # a changed figure does not
    paths[0].write_text(paths[0].read_text().replace("Up to 12", "Up to 10"))
    assert run(capsys, *paths, "--baseline", baseline)[0] == 1


def test_config_is_found_upward_and_flags_win(capsys, write_articles, tmp_path, monkeypatch):
    paths = write_articles(*CONFLICT)
    (tmp_path / "pyproject.toml").write_text('[tool.claimdiff]\nformat = "json"\nfail-on = "never"\n')
    nested = tmp_path / "desk" / "today"
    nested.mkdir(parents=True)
    monkeypatch.chdir(nested)
    code, out, _ = run(capsys, *paths)
    assert code == 0 and json.loads(out)["summary"]["discrepancies"] == 1
    code, out, _ = run(capsys, *paths, "--fail-on", "any", "--format", "csv")
    assert code == 1 and out.startswith("group,")


def test_bad_config_is_one_line_and_exit_2(capsys, write_articles, tmp_path, monkeypatch):
    paths = write_articles(*CONFLICT)
    (tmp_path / "claimdiff.toml").write_text('colour = "red"\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = run(capsys, *paths)
    assert code == 2 and "unknown claimdiff setting" in err


def test_reference_mode_on_belgorod(capsys):
    draft, wire = BELGOROD[1], BELGOROD[0]
    code, out, _ = run(capsys, "--reference", draft, wire, "--format", "json", "--all")
    doc = json.loads(out)
    assert code == 1
    assert doc["articles"][0]["path"] == str(draft)
    assert doc["groups"] and all(any(c["article"] == "A" for c in g["claims"]) for g in doc["groups"])


def test_three_reports_do_not_hide_a_same_day_conflict(capsys, write_articles):
    """A (14 June) 34 killed, B (14 June) 36, C (15 June) 41: C updates both, but A and B disagree."""
    paths = write_articles(
        *(f"{n} people were killed in the flooding in the province, officials said.\n" for n in (34, 36, 41))
    )
    dates = ["--date", "2024-06-14", "--date", "2024-06-14", "--date", "2024-06-15"]
    code, out, _ = run(capsys, *paths, *dates, "--fail-on", "conflict", "--format", "json")
    assert code == 1
    (group,) = [g for g in json.loads(out)["groups"] if len(g["claims"]) == 3]
    assert group["verdict"] == "conflict" and "A and B" in group["reason"]
    assert {tuple(p["articles"]): p["verdict"] for p in group["pairs"]} == {
        ("A", "B"): "conflict",
        ("A", "C"): "update",
        ("B", "C"): "update",
    }
