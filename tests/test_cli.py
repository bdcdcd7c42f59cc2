"""The claimdiff command: exit codes, bad input, the JSON contract. Runs the real CLI in a subprocess."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BELGOROD, ROOT


def run(*args: str, stdin: str | None = None, cwd=None) -> subprocess.CompletedProcess:
    env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120"}
    return subprocess.run(
        [sys.executable, "-m", "checker", *map(str, args)],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=env,
        timeout=300,
    )


@pytest.fixture(scope="module")
def belgorod_json():
    result = run(*BELGOROD, "--format", "json")
    assert result.returncode == 1, result.stderr
    return json.loads(result.stdout)


def test_table_lists_the_discrepancy_and_exits_1():
    result = run(*BELGOROD)
    assert result.returncode == 1, result.stderr
    assert "evacuated" in result.stdout and "conflict" in result.stdout
    assert "1 discrepancy" in result.stdout
    assert "Traceback" not in result.stderr


def test_json_follows_the_contract(belgorod_json):
    doc = belgorod_json
    assert set(doc) >= {"articles", "groups", "summary"}
    assert {"id", "path", "title", "source", "published"} <= set(doc["articles"][0])
    group = doc["groups"][0]
    assert {"id", "what", "verdict", "similarity", "claims"} <= set(group)
    claim = group["claims"][0]
    assert {"article", "sentence", "text", "start", "end", "value", "low", "high", "qualifier"} <= set(claim)
    for g in doc["groups"]:
        for c in g["claims"]:
            assert c["sentence"][c["start"] : c["end"]] == c["text"]
    assert set(doc["summary"]) >= {"articles", "claims", "groups", "discrepancies"}
    assert doc["summary"]["discrepancies"] == sum(g["verdict"] != "consistent" for g in doc["groups"])


def test_json_matches_the_python_api(belgorod_json, belgorod_report):
    api = belgorod_report.to_dict()
    for doc in (api, belgorod_json):
        for article in doc["articles"]:
            article["path"] = os.path.basename(article["path"])
    assert api == belgorod_json


def test_no_discrepancy_exits_0(write_articles):
    paths = write_articles("Five people were injured in the crash.", "5 people were hurt in the crash, police said.")
    result = run(*paths)
    assert result.returncode == 0, result.stderr
    assert "0 discrepancies" in result.stdout


def test_stdin_is_an_article(write_articles):
    (path,) = write_articles("Five people were injured in the crash.")
    result = run(path, "-", stdin="Nine people were injured in the crash.")
    assert result.returncode == 1, result.stderr


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        (lambda d: [d / "nope.txt", BELGOROD[0]], "no such file"),
        (lambda d: [d, BELGOROD[0]], "is a directory"),
        (lambda d: [_write(d / "e.txt", b""), BELGOROD[0]], "empty"),
        (lambda d: [_write(d / "b.txt", b"\x00\x01\x02\xff" * 64), BELGOROD[0]], "binary"),
        (lambda d: [BELGOROD[0]], "at least two"),
        (lambda d: [BELGOROD[0], BELGOROD[0]], "given twice"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(tmp_path, setup, message):
    result = run(*setup(tmp_path))
    assert result.returncode == 2
    assert message in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1, result.stderr
    assert "Traceback" not in result.stderr


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_latin1_is_decoded_and_said(tmp_path):
    a = _write(tmp_path / "a.txt", "Caf\xe9 fire: five people were injured in the blaze.".encode("cp1252"))
    b = _write(tmp_path / "b.txt", b"Five people were injured in the blaze at the cafe.")
    result = run(a, b)
    assert result.returncode == 0, result.stderr
    assert "decoded as cp1252" in result.stderr


def test_an_article_without_claims_is_a_message_not_an_error(write_articles):
    paths = write_articles("The Kremlin said it would act on the Belgorod attack.", "Five were injured in Belgorod.")
    result = run(*paths)
    assert result.returncode == 0, result.stderr
    assert "no numeric claims" in result.stderr


def test_output_never_overwrites_an_input(write_articles):
    paths = write_articles("Five people were injured.", "Seven people were injured.")
    before = paths[0].read_text()
    result = run(*paths, "-o", paths[0])
    assert result.returncode == 2 and "refusing" in result.stderr
    assert paths[0].read_text() == before


def test_help_shows_examples_and_does_not_import_torch():
    code = (
        "import sys; from checker.cli import main\n"
        "try:\n main(['--help'])\nexcept SystemExit: pass\n"
        "print('torch' in sys.modules, 'sentence_transformers' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT)
    assert "examples:" in result.stdout and "exit codes" in result.stdout
    assert result.stdout.strip().endswith("False False")


def test_console_script_is_installed():
    script = Path(sys.executable).parent / "claimdiff"
    result = subprocess.run([str(script), "--version"], capture_output=True, text=True)
    assert result.returncode == 0 and "claimdiff" in result.stdout


def test_the_cli_choices_are_the_librarys():
    """The CLI keeps its own copies so that --help imports no model code; they must not drift."""
    import embeddings
    from checker import align, cli, render, report

    assert cli.ALIGNMENTS == align.MODES
    assert cli.FORMATS == render.FORMATS
    assert cli.BACKENDS == embeddings.BACKENDS
    assert set(cli.FAIL_ON) == set(report.FAIL_ON)
