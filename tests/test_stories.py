"""Hook mode: which articles make a story, and what ``claimdiff --hook`` says for each (in-process, no pre-commit)."""

from __future__ import annotations

import pytest

from checker.cli import main
from checker.errors import InputError
from checker.stories import stories

AGREE = ("Five people were injured in the crash.\n", "5 people were hurt in the crash, police said.\n")


def tree(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_a_story_is_the_folder_by_default(tmp_path, monkeypatch):
    tree(tmp_path, {"fire/a.txt": "", "fire/b.md": "", "fire/notes.json": "", "fire/.draft.txt": "", "quake/c.txt": ""})
    monkeypatch.chdir(tmp_path)
    found = stories(["fire/a.txt", "quake/c.txt"])
    assert [(s.key, s.articles, s.changed) for s in found] == [
        ("fire", ("fire/a.txt", "fire/b.md"), ("fire/a.txt",)),
        ("quake", ("quake/c.txt",), ("quake/c.txt",)),
    ]


def test_a_glob_names_story_folders_that_span_subfolders(tmp_path, monkeypatch):
    tree(tmp_path, {"desk/fire/wires/ap.txt": "", "desk/fire/draft.md": "", "desk/quake/x.txt": "", "misc/y.txt": ""})
    monkeypatch.chdir(tmp_path / "desk")  # the pattern is taken from the root, not the working directory
    found = stories([tmp_path / "desk/fire/draft.md", tmp_path / "misc/y.txt"], rule="desk/*", root=tmp_path)
    assert [s.articles for s in found] == [("fire/draft.md", "fire/wires/ap.txt"), (str(tmp_path / "misc/y.txt"),)]


def test_a_pattern_that_matches_no_folder_is_an_error(tmp_path):
    with pytest.raises(InputError) as caught:
        stories([tmp_path / "a.txt"], rule="nowhere/*", root=tmp_path)
    assert caught.value.about == "story"


def test_a_lone_article_passes_with_one_line(capsys, tmp_path, monkeypatch):
    tree(tmp_path, {"fire/a.txt": AGREE[0]})
    monkeypatch.chdir(tmp_path)
    assert main(["--hook", "-q", "fire/a.txt"]) == 0
    out, err = capsys.readouterr()
    assert out.strip().splitlines() == [
        "claimdiff: fire/a.txt: the only article of its story (fire); nothing to compare"
    ]
    assert err == ""


def test_a_changed_article_is_compared_with_its_story_and_the_config_pattern(capsys, tmp_path, monkeypatch):
    tree(
        tmp_path,
        {
            "desk/fire/wires/ap.txt": "Up to 12 people were hurt in the blast, police said.\n",
            "desk/fire/draft.txt": "14 people were injured in the blast, police said.\n",
        },
    )
    (tmp_path / "claimdiff.toml").write_text('story = "desk/*"\nformat = "json"\n')
    monkeypatch.chdir(tmp_path)
    assert main(["--hook", "-q", "desk/fire/draft.txt"]) == 1
    out = capsys.readouterr().out
    assert '"desk/fire/wires/ap.txt"' in out and '"conflict"' in out


def test_hook_mode_takes_no_labels(capsys, tmp_path, monkeypatch):
    tree(tmp_path, {"fire/a.txt": AGREE[0]})
    monkeypatch.chdir(tmp_path)
    assert main(["--hook", "fire/a.txt", "--label", "X"]) == 2
    assert "--hook" in capsys.readouterr().err
