"""A review step a desk can live with: the reference's own reasons, copy claimdiff cannot read, help at the point
of need, and the small things a first-time user trips on. Each test is one complaint of a desk's trial run."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from checker import config
from checker.articles import load_article
from checker.cli import main
from checker.language import all_records, language_of
from checker.verdicts import judge, summarise
from tests.conftest import ROOT
from tests.factories import claim, quantity

RUSSIAN = (
    "ДЖАКАРТА — По меньшей мере 34 человека погибли при крушении парома у побережья Сулавеси, сообщили спасатели в "
    "понедельник. Ещё 12 человек числятся пропавшими без вести, поиски продолжаются.\n",
    "ДЖАКАРТА — 36 человек погибли при крушении парома у побережья Сулавеси, сообщили власти в понедельник. Спасатели "
    "подняли из воды 120 выживших, поиски пропавших продолжаются.\n",
)


@pytest.mark.parametrize(("text", "expected"), all_records())
def test_every_language_record_reads_its_examples(text, expected):
    assert language_of(text) == expected


def test_english_copy_is_english_even_when_short_or_full_of_figures():
    assert language_of("3 dead, 12 hurt") == "english"
    assert language_of("") == "english"


def test_a_russian_article_is_trouble_not_silence(write_articles, capsys):
    """Two Russian versions (34 and 36 dead) must not pass as "0 discrepancies, exit 0"."""
    paths = write_articles(*RUSSIAN)
    assert main([*map(str, paths)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "Cyrillic" in err[0] and "not English" in err[0] and "--any-language" in err[0]


def test_with_any_language_it_is_compared_and_every_format_says_so(write_articles, capsys, encoder):
    import checker
    from checker.render import render

    paths = write_articles(*RUSSIAN)
    report = checker.compare(paths, english_only=False, encoder=encoder)
    assert all(any("not English" in n for n in a.notes) for a in report.articles)
    for fmt in ("table", "markdown", "html", "json", "csv"):
        out = render(report, fmt)
        if fmt == "csv":  # a spreadsheet has no place for notes; the CLI prints them on stderr
            continue
        assert "not English" in out, fmt


def test_with_a_reference_the_row_is_the_draft_against_the_others():
    """Draft 35 against wires 34 and 36: the row's reason is the draft's pair, not wire against wire (the wires'
    own 34 against 36 is the larger gap, and was what the row showed)."""
    draft = claim("A", quantity("35", 35))
    wire_b, wire_c = claim("B", quantity("34", 34)), claim("C", quantity("37", 37))
    verdict = judge((draft, wire_b, wire_c), {})
    assert verdict.pair == ("B", "C")  # all pairs: the widest gap is wire against wire
    focused = summarise(verdict.pairs, lambda p: "A" in p.articles)
    assert "A" in focused.pair and focused.reason.startswith("A and ")
    assert len(focused.pairs) == 3  # every pair still listed


def test_the_title_follows_a_date_line(tmp_path):
    path = tmp_path / "ferry_a.txt"
    path.write_text("date 2024-06-14\n\nFerry sinks off Sulawesi, 34 dead\n\nThirty-four people died.\n")
    article = load_article(path, label="A")
    assert article.title == "Ferry sinks off Sulawesi, 34 dead" and article.published == "2024-06-14"


def test_one_date_for_one_of_three_articles_dates_the_article_after_it(write_articles, capsys):
    paths = write_articles(
        "Five people were killed in the blast, police said.\n",
        "Five people died in the blast, officials said.\n",
        "Six people were killed in the blast, police said.\n",
    )
    code = main([str(paths[0]), str(paths[1]), "--date", "2024-06-15", str(paths[2]), "--format", "json", "-q"])
    doc = json.loads(capsys.readouterr().out)
    assert code in (0, 1)
    assert [a["published"] for a in doc["articles"]] == [None, None, "2024-06-15"]


def test_one_label_names_the_next_article_and_the_others_keep_letters(write_articles, capsys):
    paths = write_articles("Five people were killed.\n", "Five people died.\n", "Five dead.\n")
    main(["--label", "AP", str(paths[0]), str(paths[1]), str(paths[2]), "--format", "json", "-q"])
    doc = json.loads(capsys.readouterr().out)
    assert [a["id"] for a in doc["articles"]] == ["AP", "B", "C"]


def test_claimdiff_toml_takes_the_readme_table(tmp_path):
    (tmp_path / "claimdiff.toml").write_text('[tool.claimdiff]\nformat = "markdown"\nfail-on = "conflict"\n')
    _, table = config.find(tmp_path)
    assert table["format"] == "markdown" and table["fail-on"] == "conflict"
    (tmp_path / "claimdiff.toml").write_text('format = "json"\n')  # the keys at the top level still read
    assert config.find(tmp_path)[1]["format"] == "json"


CONFLICT = (
    "Up to 12 people were hurt in the blast, police said.\n",
    "14 people were injured in the blast, police said.\n",
)


def test_a_blocked_run_says_how_to_acknowledge_it_and_a_bare_write_baseline_uses_the_config(
    write_articles, tmp_path, monkeypatch, capsys
):
    paths = write_articles(*CONFLICT)
    (tmp_path / "pyproject.toml").write_text('[tool.claimdiff]\nbaseline = "desk/baseline.json"\n')
    monkeypatch.chdir(tmp_path)
    assert main([*map(str, paths)]) == 1  # the configured baseline does not exist yet: nothing acknowledged
    err = capsys.readouterr().err
    (hint,) = [line for line in err.splitlines() if "to acknowledge" in line]
    command = hint.split("to acknowledge these differences: ", 1)[1].split()
    assert command[0] == "claimdiff" and command[-1] == "--write-baseline"
    assert main([*command[1:], "-q"]) == 0  # the printed command, run as printed (less the program name)
    assert (tmp_path / "desk" / "baseline.json").exists()
    assert main([*map(str, paths), "-q"]) == 0  # acknowledged now


def test_a_bare_write_baseline_without_a_configured_one_is_one_line(write_articles, tmp_path, monkeypatch, capsys):
    paths = write_articles(*CONFLICT)
    monkeypatch.chdir(tmp_path)
    assert main([*map(str, paths), "--write-baseline"]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "--write-baseline" in err[0]


def test_a_long_run_in_a_pipe_shows_plain_progress_lines(tmp_path):
    """A pipe or a hook's log gets a plain line per stage once a run is slow (the model load alone makes a first
    run in a fresh process slow enough: the threshold is 3 s)."""
    from checker.cli import _progress

    ticks = iter([5.0, 5.0, 6.0, 20.0])
    progress = _progress(enabled=True)
    progress.clock = lambda: next(ticks)
    progress.started = 0.0
    progress.plain, progress.enabled = True, False
    lines = []
    import contextlib
    import io

    buffer = io.StringIO()
    with contextlib.redirect_stderr(buffer):
        update = progress.__enter__()
        update("claims", 1, 3)  # t=5: first line
        update("claims", 2, 3)  # t=5: too soon for another
        update("embedding", 0, 10)  # t=6: a new stage
        update("claims", 3, 3)  # t=20: the stage's end
    lines = buffer.getvalue().splitlines()
    assert lines == ["claimdiff: claims 1/3 (5 s)", "claimdiff: embedding 0/10 (6 s)", "claimdiff: claims 3/3 (20 s)"]


def test_the_package_builds_without_warnings_and_ships_its_data(tmp_path):
    """setuptools' "Package 'checker.data' is absent from the packages configuration" warning, seen on every
    editable install, is gone, and the wheel carries the vocabularies and the pair judge."""
    import zipfile

    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-v", "-w", str(tmp_path),
         str(ROOT)],
        capture_output=True, text=True, timeout=600,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "absent from the `packages` configuration" not in result.stdout + result.stderr
    (wheel,) = tmp_path.glob("claimdiff-*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    assert {"checker/data/units.toml", "checker/data/language.toml", "checker/models/judge/judge-int8.onnx",
            "checker/models/judge/meta.json", "checker/models/judge/README.md"} <= names  # fmt: skip
