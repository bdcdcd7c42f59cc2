"""The README stays true: every CLI option is documented, CI runs the README's test command, code is ruff-clean."""

from __future__ import annotations

import os
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


# -- the README's sample output and its pre-commit snippet cannot drift ---------------------------------------


def readme_samples() -> list[tuple[str, str]]:
    """(command, shown output) for every ``$ claimdiff ...`` block of the README's introduction."""
    intro = README.split("## Quick start", 1)[0]
    samples = []
    for block in re.findall(r"```\n(.+?)```", intro, flags=re.DOTALL):
        if block.startswith("$ claimdiff"):
            command, _, output = block.partition("\n")
            samples.append((command[2:], output))
    return samples


def test_the_readme_has_a_sample():
    assert readme_samples()


@pytest.mark.parametrize(("command", "shown"), readme_samples())
def test_the_readme_sample_output_is_what_the_command_prints(command, shown):
    env = {**os.environ, "COLUMNS": "120", "NO_COLOR": "1"}
    env["PATH"] = f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}"
    result = subprocess.run(["bash", "-c", command], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode in (0, 1), result.stderr

    def lines(text: str) -> list[str]:
        return [line.rstrip() for line in text.rstrip("\n").splitlines()]

    assert lines(result.stdout) == lines(shown)


def test_the_readme_pre_commit_snippet_is_a_complete_config_at_the_released_tag():
    import yaml

    import checker

    section = README.split("## Use in an editorial review step", 1)[1]
    config = yaml.safe_load(section.split("```yaml\n", 1)[1].split("```", 1)[0])
    (repo,) = config["repos"]
    assert repo["rev"] == f"v{checker.__version__}"
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert [h["id"] for h in repo["hooks"]] == [hooks[0]["id"]]
    assert "--hook" in hooks[0]["entry"].split()


def test_the_version_is_written_once():
    import tomllib

    import checker

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert "version" not in project["project"] and "version" in project["project"]["dynamic"]
    assert project["tool"]["setuptools"]["dynamic"]["version"] == {"attr": "checker.__version__"}
    result = subprocess.run([sys.executable, "-m", "checker", "--version"], capture_output=True, text=True, cwd=ROOT)
    assert result.stdout.split() == ["claimdiff", checker.__version__]


def test_the_readme_has_the_editorial_review_section():
    section = README.split("## Use in an editorial review step", 1)[1].split("\n## ", 1)[0]
    for topic in ("pre-commit", "--write-baseline", "[tool.claimdiff]", "Exit codes", "story"):
        assert topic in section, topic
