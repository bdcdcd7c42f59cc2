"""Files in and out without losing anything (issue 29): atomic writes, bounded reads, file identity, printable names."""

from __future__ import annotations

import errno
import json
import os
from pathlib import Path

import pytest

from checker import baseline, safeio
from checker.errors import InputError
from tests.factories import claim, quantity, report


def _no_space(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


def test_a_full_disk_leaves_the_old_file_whole_and_names_it(tmp_path, monkeypatch):
    target = tmp_path / "report.json"
    target.write_text("the old report\n")
    monkeypatch.setattr(safeio.os, "fsync", _no_space)
    with pytest.raises(OSError) as err:
        safeio.atomic_write(target, "the new report, cut short by the disk\n")
    assert err.value.filename == str(target) and err.value.errno == errno.ENOSPC
    assert target.read_text() == "the old report\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.json"]  # no temporary file left behind


def test_text_that_cannot_be_encoded_leaves_the_old_file_whole(tmp_path):
    target = tmp_path / "r.txt"
    target.write_text("old")
    with pytest.raises(UnicodeEncodeError):
        safeio.atomic_write(target, "caf\udce9")
    assert target.read_text() == "old"


def test_an_atomic_write_keeps_the_mode_and_writes_through_a_link(tmp_path):
    real = tmp_path / "real.json"
    real.write_text("old")
    real.chmod(0o640)
    link = tmp_path / "link.json"
    link.symlink_to(real)
    safeio.atomic_write(link, "new")
    assert link.is_symlink() and real.read_text() == "new"
    assert real.stat().st_mode & 0o777 == 0o640


def test_printable_escapes_undecodable_bytes_and_control_characters():
    assert safeio.printable(os.fsdecode(b"caf\xe9.txt")) == "caf\\xe9.txt"
    assert safeio.printable("a\x1b]0;pwned\x07\x1b[31m.txt") == "a\\x1b]0;pwned\\x07\\x1b[31m.txt"
    assert safeio.printable("two\nlines\u2028") == "two\\nlines\\u2028"
    assert safeio.printable("Café — “quoted”") == "Café — “quoted”"  # ordinary text is left alone
    safeio.printable(os.fsdecode(b"\xff\xfe")).encode("utf-8")  # always encodable


def test_a_bounded_read_refuses_a_device_a_folder_and_a_large_file(tmp_path):
    with pytest.raises(InputError, match="not a regular file"):
        safeio.read_bounded("/dev/zero", what="baseline file")
    with pytest.raises(InputError, match="is a directory"):
        safeio.read_bounded(tmp_path)
    big = tmp_path / "big.json"
    big.write_bytes(b" " * 2048)
    with pytest.raises(InputError, match="larger than"):
        safeio.read_bounded(big, limit=1024)
    loop = tmp_path / "loop.json"
    loop.symlink_to(loop)
    with pytest.raises(InputError, match="cannot read"):
        safeio.read_bounded(loop)


def test_clashes_sees_hard_links_symbolic_links_and_files_not_there_yet(tmp_path):
    a = tmp_path / "a.txt"
    a.write_text("x")
    os.link(a, tmp_path / "hard.txt")
    (tmp_path / "soft.txt").symlink_to(a)
    for name in ("hard.txt", "soft.txt", "a.txt", "./a.txt"):
        assert safeio.clashes(tmp_path / name, [str(a)]) == str(a), name
    assert safeio.clashes(tmp_path / "new.txt", [str(a)]) is None
    assert safeio.clashes(tmp_path / "new.txt", [str(tmp_path / "new.txt")]) is not None


# -- the baseline ---------------------------------------------------------------------------------------------


def _report(path_b: str = "b.txt", path_a: str = "a.txt"):
    from dataclasses import replace

    r = report([[claim("A", quantity("34", 34)), claim("B", quantity("36", 36))]])
    return replace(r, articles=(replace(r.articles[0], path=path_a), replace(r.articles[1], path=path_b)))


def test_a_full_disk_during_write_baseline_leaves_the_baseline_whole(tmp_path, monkeypatch):
    path = tmp_path / "base.json"
    baseline.write(_report(), path)
    before = path.read_bytes()
    monkeypatch.setattr(safeio.os, "fsync", _no_space)
    with pytest.raises(OSError) as err:
        baseline.write(_report("c.txt"), path)
    assert err.value.filename == str(path)  # the message names the baseline, never None
    assert path.read_bytes() == before
    assert baseline.load(path)


def test_a_name_that_is_not_utf8_is_recorded_and_loads_back(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    path = tmp_path / "base.json"
    path.write_text(json.dumps({"version": 3, "acknowledged": []}))
    assert baseline.write(_report(str(tmp_path / name), str(tmp_path / "a.txt")), path) == 1
    loaded = baseline.load(path)  # the file is valid UTF-8 JSON, and the name comes back as it was
    assert {article for _, article in loaded.pairs} == {"a.txt", name}


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('{"version": 3, "acknowledged": [{"fingerprint": [], "articles": 5}]}', "malformed"),
        ('{"version": 3, "acknowledged": [{"fingerprint": "f", "articles": [5]}]}', "malformed"),
        ('{"version": 3, "acknowledged": [{"fingerprint": "f", "figures": "34"}]}', "malformed"),
        ('{"version": 3, "acknowledged": ["f"]}', "malformed"),
        ('{"version": 3, "acknowledged": {"f": 1}}', "not a claimdiff baseline"),
        ("[" * 100_000 + "]" * 100_000, "not a claimdiff baseline"),
        ('{"version": 99, "acknowledged": []}', "newer claimdiff"),
        ('{"version": "3", "acknowledged": []}', "unknown version"),
        ("\xff\xfe not JSON", "not a claimdiff baseline"),
    ],
    ids=["inner types", "article type", "figures type", "entry type", "not a list", "deep", "v99", "v text", "bytes"],
)
def test_a_malformed_baseline_is_one_input_error(tmp_path, text, message):
    path = tmp_path / "base.json"
    path.write_text(text, encoding="latin-1" if text.startswith("\xff") else "utf-8")
    with pytest.raises(InputError, match=message) as err:
        baseline.load(path)
    assert err.value.about == "baseline" and "\n" not in str(err.value)


def test_a_baseline_with_a_byte_order_mark_is_read(tmp_path):
    path = tmp_path / "base.json"
    baseline.write(_report(), path)
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert baseline.load(path)


def test_a_baseline_that_is_a_device_is_refused_without_reading_it():
    with pytest.raises(InputError, match="not a regular file"):
        baseline.load("/dev/zero")


def test_a_baseline_path_read_is_bounded(tmp_path, monkeypatch):
    path = tmp_path / "base.json"
    path.write_text(json.dumps({"version": 3, "acknowledged": []}) + " " * 4096)
    monkeypatch.setattr(baseline, "MAX_BYTES", 1024)
    with pytest.raises(InputError, match="larger than"):
        baseline.load(path)


def test_the_stored_name_is_a_path_relative_to_the_baseline(tmp_path):
    # realpath, not Path.resolve: a loop in the folder's path gives no RuntimeError
    assert baseline._relative(str(tmp_path / "x" / "a.txt"), Path(tmp_path)) == "x/a.txt"
