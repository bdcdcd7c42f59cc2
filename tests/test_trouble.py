"""Anything a user can cause is one line on stderr and exit 2, never a traceback that exits 1 (issue 29): every
option and configuration key with a wrong value, outputs that are inputs, hostile names."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from checker.cli import main
from tests.conftest import ROOT

A = "Ferry sinks\n\nForty people were killed when a ferry sank off Sulawesi on Sunday, officials said.\n"
B = "Ferry sinks\n\nFifty people were killed when a ferry sank off Sulawesi on Sunday, officials said.\n"


@pytest.fixture
def pair(tmp_path, monkeypatch):
    """Two articles that disagree, in a folder of their own that is the working directory (no config above)."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    (tmp_path / "claimdiff.toml").write_text("")  # stops the search for a config at this folder
    return tmp_path


def run(capsys, *args) -> tuple[int, str, str]:
    """main() in-process; a usage error (argparse's SystemExit) gives its exit code like any other."""
    try:
        code = main([str(a) for a in args])
    except SystemExit as exc:
        code = exc.code
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err and "\x1b" not in err


# -- every option with a wrong value ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["--format", "yaml"],
        ["--fail-on", "sometimes"],
        ["--min-difference", "a lot"],
        ["--min-difference", "nan"],
        ["--min-difference", "-1"],
        ["--min-difference", "inf"],
        ["--min-similarity", "high"],
        ["--min-similarity", "nan"],
        ["--min-similarity", "2"],
        ["--min-similarity", "inf"],
        ["--min-similarity", "-0.5"],
        ["--backend", "gpu"],
        ["--alignment", "vibes"],
        ["--date", "2024-13-45"],
        ["--date", "yesterday"],
        ["--label", "A", "--label", "A"],
        ["--baseline", "missing.json"],
        ["--baseline", "."],
        ["--baseline", "/dev/zero"],
        ["--reference", "missing.txt"],
        ["--write-baseline"],
        ["--hook", "--label", "X"],
        ["--no-such-option"],
    ],
    ids=lambda a: " ".join(a),
)
def test_every_option_with_a_wrong_value_is_one_line_and_exit_2(capsys, pair, args):
    code, _, err = run(capsys, "a.txt", "b.txt", *args)
    assert code == 2 and one_line(err), err


@pytest.mark.parametrize(
    "args",
    [["--since", "yesterday"], ["--format", "csv"], ["--scheduler", "tcp://127.0.0.1:1"], ["missing-folder"]],
    ids=lambda a: " ".join(a),
)
def test_every_scan_option_with_a_wrong_value_is_one_line_and_exit_2(capsys, pair, args):
    code, _, err = run(capsys, "scan", *(args if args[0] == "missing-folder" else [".", *args]))
    assert code == 2 and one_line(err), err


# -- every config key with a wrong type ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    "config",
    [
        "format = 5",
        'format = "yaml"',
        "fail-on = []",
        'fail-on = "sometimes"',
        "baseline = 5",
        'baseline = ""',
        "baseline = true",
        'baseline = "/dev/zero"',
        'baseline = "."',
        'min-difference = "a lot"',
        "min-difference = -1",
        "min-difference = nan",
        "min-difference = inf",
        "min-difference = true",
        'min-similarity = "high"',
        "min-similarity = 2",
        "min-similarity = nan",
        "min-similarity = [0.5]",
        "story = 5",
        'story = ""',
        'story = "/*"',
        "story = {}",
        'colour = "blue"',
        "not toml at all = = =",
        "[tool]\nclaimdiff = 5",
        "[tool.claimdiff]\nstory = 5",
    ],
)
@pytest.mark.parametrize("hook", [False, True], ids=["compare", "hook"])
def test_every_config_key_with_a_wrong_type_is_one_line_and_exit_2(capsys, pair, config, hook):
    (pair / "claimdiff.toml").write_text(config + "\n")
    code, _, err = run(capsys, *(["a.txt", "--hook"] if hook else ["a.txt", "b.txt"]))
    assert code == 2 and one_line(err), err
    assert "claimdiff.toml" in err or "baseline" in err


def test_a_config_too_large_to_be_one_is_refused(capsys, pair):
    (pair / "claimdiff.toml").write_text("# " + "x" * (2 * 2**20) + "\n")
    code, _, err = run(capsys, "a.txt", "b.txt")
    assert code == 2 and one_line(err) and "larger than" in err


# -- inputs are never outputs -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("setup", "args"),
    [
        (lambda d: os.link(d / "a.txt", d / "hard.txt"), ["a.txt", "b.txt", "-o", "hard.txt"]),
        (lambda d: (d / "soft.txt").symlink_to(d / "a.txt"), ["a.txt", "b.txt", "-o", "soft.txt"]),
        (lambda d: None, ["a.txt", "b.txt", "-o", "./b.txt"]),
        (lambda d: os.link(d / "a.txt", d / "hard.txt"), ["a.txt", "b.txt", "--write-baseline", "hard.txt"]),
        (
            lambda d: (d / "base.json").write_text("{}"),
            ["a.txt", "b.txt", "--baseline", "base.json", "-o", "base.json"],
        ),
        (lambda d: None, ["a.txt", "b.txt", "--write-baseline", "w.json", "-o", "w.json"]),
        (lambda d: (d / "claimdiff.toml").write_text('baseline = "b.json"\n'), ["a.txt", "b.txt", "-o", "b.json"]),
        (lambda d: None, ["a.txt", "--hook", "-o", "b.txt"]),
    ],
    ids=[
        "-o hard link",
        "-o symlink",
        "-o ./b.txt",
        "baseline hard link",
        "-o baseline",
        "-o write-baseline",
        "-o configured baseline",
        "hook -o other article",
    ],
)
def test_an_output_that_is_an_input_is_refused_and_nothing_changes(capsys, pair, setup, args):
    setup(pair)
    before = {p.name: p.read_bytes() for p in pair.iterdir() if p.is_file()}
    code, _, err = run(capsys, *args)
    assert code == 2 and one_line(err) and "refusing to overwrite" in err, err
    assert {p.name: p.read_bytes() for p in pair.iterdir() if p.is_file()} == before


def test_the_file_on_standard_input_is_not_an_output(tmp_path):
    (tmp_path / "a.txt").write_text(A)
    (tmp_path / "b.txt").write_text(B)
    with open(tmp_path / "a.txt", "rb") as stdin:
        result = subprocess.run(
            [sys.executable, "-m", "checker", "-", "b.txt", "-o", "a.txt"],
            stdin=stdin,
            capture_output=True,
            text=True,
            cwd=tmp_path,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            timeout=120,
        )
    assert result.returncode == 2 and one_line(result.stderr) and "standard input" in result.stderr
    assert (tmp_path / "a.txt").read_text() == A


# -- hostile names, "--", and errors from anywhere --------------------------------------------------------------


def test_terminal_escapes_in_a_name_are_shown_escaped(capsys, pair):
    code, _, err = run(capsys, "a\x1b]0;pwned\x07\x1b[31m.txt", "b.txt")
    assert code == 2 and one_line(err)
    assert "a\\x1b]0;pwned\\x07\\x1b[31m.txt" in err


def test_a_name_that_is_not_utf8_is_shown_escaped(capsys, pair):
    code, _, err = run(capsys, os.fsdecode(b"caf\xe9.txt"), "b.txt")
    assert code == 2 and one_line(err) and "caf\\xe9.txt" in err
    err.encode("utf-8")


def test_a_symbolic_link_loop_as_an_article_or_an_output_is_one_line(capsys, pair):
    (pair / "loop.txt").symlink_to(pair / "loop.txt")
    code, _, err = run(capsys, "loop.txt", "b.txt")
    assert code == 2 and one_line(err) and "loop.txt" in err


def test_double_dash_ends_the_options(capsys, pair):
    (pair / "-x.txt").write_text(A)
    code, out, err = run(capsys, "--format", "json", "--", "-x.txt", "b.txt")
    assert code == 1, err
    assert '"path": "-x.txt"' in out


@pytest.mark.parametrize(
    "error",
    [ValueError("bad value"), UnicodeDecodeError("utf-8", b"\xff", 0, 1, "bad"), RecursionError("deep"),
     OSError(5, "Input/output error", "x.txt"), RuntimeError("Symlink loop from 'l.txt'"), KeyError("bug")],
    ids=lambda e: type(e).__name__,
)  # fmt: skip
def test_any_error_from_below_is_one_line_and_exit_2(capsys, pair, monkeypatch, error):
    import checker.pipeline

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(checker.pipeline, "compare", fail)
    monkeypatch.delenv("CLAIMDIFF_DEBUG", raising=False)
    code, _, err = run(capsys, "a.txt", "b.txt")
    assert code == 2 and one_line(err), err
    if isinstance(error, OSError):
        assert "x.txt: Input/output error" in err


def test_an_output_that_cannot_be_written_is_named_and_the_old_one_kept(capsys, pair, monkeypatch):
    import errno

    from checker import safeio

    (pair / "r.json").write_text("old")

    def no_space(*_):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(safeio.os, "fsync", no_space)
    code, _, err = run(capsys, "a.txt", "b.txt", "--format", "json", "-o", "r.json")
    assert code == 2 and one_line(err) and "r.json" in err and "None" not in err
    assert (pair / "r.json").read_text() == "old"
