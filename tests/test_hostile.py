"""Hostile inputs that used to cost time or data (issue 29): Markdown that made the patterns quadratic, pages that
trickle or redirect away, damaged and locked caches, feeds with unreadable entries, copy that starts like a
spreadsheet formula, bad bytes and bad date lines."""

from __future__ import annotations

import os
import random
import re
import sqlite3
import subprocess
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker import fetch
from checker.articles import _delimited, load_article, strip_markdown
from checker.errors import InputError
from tests.conftest import ROOT
from tests.factories import claim, quantity, report

# -- Markdown in linear time ------------------------------------------------------------------------------------

#: Each built at 1 MB from the pattern that made the old regular expressions quadratic.
HOSTILE_MARKDOWN = (
    '["_a " * (2**20 // 3), "**a " * (2**20 // 4), "![a](" * (2**20 // 5), "![" * 2**19, "[a](" * 2**18, '
    '"# " + " " * 2**20 + "x"]'
)


def test_hostile_markdown_of_1_mb_is_stripped():
    """Each input took minutes with the old patterns (40 s for 120 KB of "_a "); the bound is generous on purpose:
    the time itself is measured by benchmarks/fuzz.py."""
    code = f"from checker.articles import strip_markdown\nfor text in {HOSTILE_MARKDOWN}: strip_markdown(text)\n"
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


_OLD_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_OLD_EMPHASIS = re.compile(r"(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])")


def test_strong_and_emphasis_are_stripped_as_the_old_patterns_did():
    """The linear scan gives what the quadratic patterns gave, on every short string over the markup's alphabet."""
    rng = random.Random(29)
    for _ in range(20_000):
        text = "".join(rng.choice("*_ a\nb_*é") for _ in range(rng.randint(0, 14)))
        assert _delimited(text, ("**", "__")) == _OLD_STRONG.sub(r"\2", text), text
        assert _delimited(text, ("*", "_")) == _OLD_EMPHASIS.sub(r"\2", text), text


@pytest.mark.parametrize(
    ("markdown", "read"),
    [
        ("## Title ##", "Title"),
        ("# C#", "C"),
        ("![alt](x.png) and [t](https://x.org/a_(b))", "alt and t)"),
        ("a ![ b [link](u) c", "a ![ b link c"),
    ],
)
def test_headings_images_and_links_read_as_before(markdown, read):
    assert strip_markdown(markdown) == read


# -- decoding and date lines ------------------------------------------------------------------------------------


def test_one_bad_byte_in_utf8_copy_is_replaced_not_the_whole_file_read_as_latin1(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Title\n\n“Forty” people were killed, officials said.\n".encode() + b"\xff stray\n")
    article = load_article(path, label="A")
    assert "“Forty”" in article.text and "â€" not in article.text
    assert any("1 byte(s) not valid UTF-8" in n for n in article.notes)


def test_a_legacy_file_is_still_read_as_cp1252(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes("Title\n\nThe café owner said “three” were hurt.\n".encode("cp1252"))
    article = load_article(path, label="A")
    assert "café" in article.text and "“three”" in article.text
    assert any("cp1252" in n for n in article.notes)


@pytest.mark.parametrize("line", ["date 2024-13-45", "date 14/06/2024", "Date 2024-6-14"])
def test_an_invalid_date_line_is_a_note_not_the_title(tmp_path, line):
    path = tmp_path / "ferry.txt"
    path.write_text(f"{line}\n\nFerry sinks\n\nForty people were killed.\n", encoding="utf-8")
    article = load_article(path, label="A")
    assert article.published is None
    assert article.title == "Ferry sinks"
    assert any("not a date" in n for n in article.notes)


# -- fetch: a deadline for the whole page, redirects to http(s) only -------------------------------------------


@pytest.fixture
def server(monkeypatch):
    """127.0.0.1 only: /trickle sends a byte every 0.1 s for 5 s; /ftp redirects to ftp://; /moved to /page."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path in ("/ftp", "/moved"):
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/x.txt" if self.path == "/ftp" else "/page")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            if self.path == "/page":
                self.wfile.write(b"Ferry sinks\n\nForty people were killed, officials said.\n")
                return
            try:
                for _ in range(50):
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.1)
            except OSError:
                return

        def log_message(self, *args):
            pass

    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    srv = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{srv.server_address[1]}"
    srv.shutdown()
    srv.server_close()


def test_a_page_that_trickles_is_cut_at_the_deadline_for_the_whole_page(server, monkeypatch):
    # each byte comes well within the socket timeout, so only a deadline for the whole page stops it
    monkeypatch.setattr(fetch, "TIMEOUT_S", 1)
    with pytest.raises(InputError, match="no complete page within 1 s") as err:
        fetch.fetch(f"{server}/trickle", cache=False)
    assert "\n" not in str(err.value)


def test_a_redirect_to_ftp_is_refused(server):
    with pytest.raises(InputError, match="not an http\\(s\\) address"):
        fetch.fetch(f"{server}/ftp", cache=False)


def test_a_redirect_is_followed_and_reported(server, monkeypatch, tmp_path):
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    for _ in range(2):  # fetched, then from the cache: reported both times
        article = load_article(f"{server}/moved", label="A")
        assert "Forty people" in article.text
        assert f"redirected to {server}/page" in article.notes


@pytest.mark.parametrize("address", ["http://[::1", "http://exa mple.org/\n", "https://"])
def test_a_malformed_address_is_one_line(address):
    with pytest.raises(InputError) as err:
        fetch.fetch(address, cache=False)
    assert "\n" not in str(err.value)


# -- caches that heal -----------------------------------------------------------------------------------------------


def _filled_store(tmp_path):
    from embeddings.cache import Store

    store = Store("x.sqlite3", tmp_path)
    rows = [(os.urandom(32), os.urandom(200)) for _ in range(3000)]
    store.put(rows)
    store.close()
    return store, rows


def test_garbage_inside_a_store_is_rebuilt_at_the_first_failed_read(tmp_path):
    from embeddings.cache import Store

    _, rows = _filled_store(tmp_path)
    path = tmp_path / "x.sqlite3"
    with sqlite3.connect(path) as db:
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    raw = bytearray(path.read_bytes())
    raw[8192 : 8192 + 4096] = b"\xa5" * 4096  # 4 KB of garbage past the header: opening the file still works
    path.write_bytes(bytes(raw))
    store = Store("x.sqlite3", tmp_path)
    store.get([k for k, _ in rows])  # meets the damaged pages
    store.put([(b"k", b"v")])
    assert store.get([b"k"]) == {b"k": b"v"}  # rebuilt, and in use again
    store.close()
    with sqlite3.connect(path) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    db.close()


def test_a_locked_store_is_waited_for_once_then_skipped_for_the_run(tmp_path, monkeypatch):
    from embeddings import cache

    _filled_store(tmp_path)
    holder = sqlite3.connect(tmp_path / "x.sqlite3", isolation_level=None)
    holder.execute("PRAGMA locking_mode=EXCLUSIVE")
    holder.execute("BEGIN EXCLUSIVE")
    monkeypatch.setattr(cache, "LOCK_TIMEOUT_S", 0.05)
    opened = []
    real_connect = cache.sqlite3.connect
    monkeypatch.setattr(cache.sqlite3, "connect", lambda *a, **k: opened.append(a) or real_connect(*a, **k))
    try:
        store = cache.Store("x.sqlite3", tmp_path)
        for _ in range(5):
            assert store.get([b"k"]) == {}
            store.put([(b"k", b"v")])
        assert len(opened) == 1 and store.skipped and "locked" in store.skipped
    finally:
        holder.rollback()
        holder.close()


# -- scan names and skips what it cannot read ---------------------------------------------------------------------


def test_scan_names_and_skips_every_file_it_cannot_read(tmp_path):
    from checker.scan import expand

    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text("Title\n\nForty people were killed.\n")
    (feed / os.fsdecode(b"caf\xe9.txt")).write_text("x")
    os.mkfifo(feed / "pipe.txt")
    (feed / "dangling.txt").symlink_to(feed / "gone.txt")
    (feed / "loop.txt").symlink_to(feed / "loop.txt")
    (feed / "folder-link").symlink_to(feed)  # not walked: it would never end
    files, problems = expand([feed])
    assert files == [str(feed / "a.txt")]
    said = " ".join(problems)
    for name, why in [("caf\\xe9.txt", "not valid UTF-8"), ("pipe.txt", "FIFO"), ("dangling.txt", "to nothing"),
                      ("loop.txt", "loop")]:  # fmt: skip
        assert name in said and why in said, (name, said)
    said.encode("utf-8")  # printable: no surrogate reaches stderr


def test_scan_refuses_an_output_that_is_one_of_its_articles(tmp_path):
    from checker.scan import scan

    feed = tmp_path / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text("Title\n\nForty people were killed.\n")
    os.link(feed / "a.txt", tmp_path / "report.jsonl")
    with pytest.raises(InputError, match="refusing to overwrite"):
        scan([feed], output=tmp_path / "report.jsonl")
    assert (feed / "a.txt").read_text().startswith("Title")


# -- CSV cells that start like a formula ---------------------------------------------------------------------------


def test_csv_cells_that_start_like_a_formula_are_neutralised():
    import csv
    import io

    from checker.render import render_csv

    sentence = '=HYPERLINK("http://evil.example","34") people were killed'
    a = claim("A", quantity("34", 34), sentence=sentence)
    b = claim("B", quantity("36", 36), sentence="@SUM(1) 36 people were killed")
    rows = list(csv.DictReader(io.StringIO(render_csv(report([[a, b]])))))
    assert [r["sentence"][:2] for r in rows] == ["'=", "'@"]
    assert rows[0]["sentence"][1:] == sentence  # the copy kept, behind the apostrophe
    assert rows[0]["difference"] == "2" and not rows[0]["value"].startswith("'")


def test_a_negative_number_is_not_taken_for_a_formula():
    from checker.render import _cell

    assert _cell("-3") == "-3" and _cell("-3 dead") == "'-3 dead" and _cell("+1") == "+1" and _cell(-3) == -3
