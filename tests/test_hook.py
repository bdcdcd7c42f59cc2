"""claimdiff as a pre-commit hook, run by the real pre-commit against this checkout in a temporary git repository.

pre-commit builds the hook's own environment from the committed code (``rev:`` is this checkout's HEAD) once for
the module: every case shares one ``PRE_COMMIT_HOME``. Each case commits for real, with the hook installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from tests.conftest import ROOT

AGREE = ("Five people were injured in the crash.\n", "5 people were hurt in the crash, police said.\n")
DISAGREE = (
    "Up to 12 people were hurt in the blast, police said.\n",
    "14 people were injured in the blast, police said.\n",
)

pytestmark = pytest.mark.skipif(
    shutil.which("git") is None or not (ROOT / ".git").exists(), reason="needs git and a git checkout of claimdiff"
)


def git(*args: str, cwd: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(["git", *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def hook_env(tmp_path_factory) -> dict:
    """The environment of a commit: pre-commit's home shared by the module, git told who commits."""
    home = tmp_path_factory.mktemp("pre-commit-home")
    return {
        **os.environ,
        "PRE_COMMIT_HOME": str(home),
        "GIT_AUTHOR_NAME": "Desk",
        "GIT_AUTHOR_EMAIL": "desk@example.org",
        "GIT_COMMITTER_NAME": "Desk",
        "GIT_COMMITTER_EMAIL": "desk@example.org",
        "NO_COLOR": "1",
        "COLUMNS": "80",  # what a hook gets
    }


@pytest.fixture(scope="module")
def clone(tmp_path_factory) -> Path:
    """A clone of this checkout with no tags, as a desk's own clone may be: the README says ``rev:`` then takes
    the commit SHA."""
    path = tmp_path_factory.mktemp("claimdiff-clone") / "claimdiff"
    result = git("clone", "-q", "--no-tags", str(ROOT), str(path), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert git("tag", cwd=path).stdout.strip() == ""
    return path


@pytest.fixture(scope="module")
def rev(clone) -> str:
    """The clone's HEAD, read once, so that every case uses the one hook environment pre-commit builds for it."""
    return git("rev-parse", "HEAD", cwd=clone).stdout.strip()


@pytest.fixture
def newsroom(tmp_path, hook_env, clone, rev) -> Path:
    """A repository of articles with claimdiff installed as its pre-commit hook, as the README shows it."""
    repo = tmp_path / "newsroom"
    repo.mkdir()
    git("init", "-q", cwd=repo)
    config = yaml.safe_load(readme_hook_config())
    (entry,) = config["repos"]
    # the snippet as the README gives it, with the desk's clone as the repository and, since the clone has no tags,
    # its commit SHA as rev (the README's comment on rev says so)
    assert "SHA" in readme_hook_config()
    entry["repo"], entry["rev"] = str(clone), rev
    entry["hooks"][0]["verbose"] = True  # pre-commit shows a passing hook's output too, so the test can read it
    (repo / ".pre-commit-config.yaml").write_text(yaml.safe_dump(config), encoding="utf-8")
    pre_commit = Path(sys.executable).parent / "pre-commit"
    result = subprocess.run([str(pre_commit), "install"], cwd=repo, env=hook_env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    git("add", ".pre-commit-config.yaml", cwd=repo)
    assert git("commit", "-q", "--no-verify", "-m", "config", cwd=repo, env=hook_env).returncode == 0
    return repo


def commit(repo: Path, env: dict, files: dict[str, str]) -> subprocess.CompletedProcess:
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text, encoding="utf-8")
    git("add", *files, cwd=repo)
    return git("commit", "-m", "copy", cwd=repo, env=env)


def committed(repo: Path) -> set[str]:
    return set(git("ls-tree", "-r", "--name-only", "HEAD", cwd=repo).stdout.split())


def readme_hook_config() -> str:
    """The README's .pre-commit-config.yaml snippet."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Use in an editorial review step", 1)[1]
    return section.split("```yaml\n", 1)[1].split("```", 1)[0]


def test_a_one_file_commit_passes_with_nothing_to_compare(newsroom, hook_env):
    result = commit(newsroom, hook_env, {"story/wire.txt": AGREE[0]})
    output = result.stdout + result.stderr
    assert result.returncode == 0, output
    assert "story/wire.txt" in committed(newsroom)
    assert sum("nothing to compare" in line for line in output.splitlines()) == 1, output


def test_a_two_story_commit_compares_each_story_with_its_files_in_the_repository(newsroom, hook_env):
    first = commit(newsroom, hook_env, {"fire/wire.txt": AGREE[0], "quake/wire.txt": AGREE[0]})
    assert first.returncode == 0, first.stdout + first.stderr
    # the second commit brings one article to each story; each is compared with its story's committed wire
    second = commit(newsroom, hook_env, {"fire/draft.txt": AGREE[1], "quake/draft.md": AGREE[1]})
    output = second.stdout + second.stderr
    assert second.returncode == 0, output
    assert {"fire/draft.txt", "quake/draft.md"} <= committed(newsroom)
    assert output.count("0 discrepancies") == 2, output
    assert "nothing to compare" not in output


def test_a_commit_with_a_discrepancy_is_blocked(newsroom, hook_env):
    assert commit(newsroom, hook_env, {"blast/wire.txt": DISAGREE[0]}).returncode == 0
    result = commit(newsroom, hook_env, {"blast/draft.txt": DISAGREE[1]})
    output = result.stdout + result.stderr
    assert result.returncode == 1, output
    assert "conflict" in output and "1 discrepancy" in output
    assert "blast/draft.txt" not in committed(newsroom)
    # it says how to acknowledge what blocked it, in one command
    assert "to acknowledge these differences: claimdiff --hook" in output and "--write-baseline" in output
