"""The README stays true: every CLI option is documented, CI runs the README's test command, code is ruff-clean."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checker.cli import build_parser
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```\n(.+?)\n```", section)


@pytest.mark.parametrize(
    "option", [o for a in build_parser()._actions for o in a.option_strings if o != "-h" and o != "--help"]
)
def test_every_option_is_in_the_readme(option):
    assert f"`{option}" in README or f" {option}" in README, option


def test_every_option_has_an_example_or_description_in_help():
    help_text = build_parser().format_help()
    assert "examples:" in help_text
    for action in build_parser()._actions:
        assert action.help, action.option_strings


def test_quick_start_has_two_commands_and_ci_runs_the_second():
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "examples/belgorod" in commands[0]
    assert "torch==2.13.0" in commands[0] and "torch==2.13.0" in commands[1]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert commands[1] in ci.splitlines()


def test_code_is_ruff_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[dev]')")
    result = subprocess.run([ruff, "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "option", [o for a in build_parser()._actions for o in a.option_strings if o not in ("-h", "--help")]
)
def test_every_option_has_an_example_in_help(option):
    examples = build_parser().epilog.split("examples:", 1)[1].split("configuration:", 1)[0]
    assert re.search(rf"(?<![\w-]){re.escape(option)}(?![\w-])", examples) or (
        option.startswith("--") and any(o in examples for o in _aliases(option))
    ), option


def _aliases(option: str) -> list[str]:
    for action in build_parser()._actions:
        if option in action.option_strings:
            return action.option_strings
    return []
