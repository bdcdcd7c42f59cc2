"""Inputs a newsroom has: web pages (served from 127.0.0.1 only), Markdown with front matter, PDF, and the options
that name articles (--date, --label, --reference, a folder)."""

from __future__ import annotations

import io
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from checker import fetch
from checker.articles import load_article, strip_markdown
from checker.cli import main
from checker.errors import InputError

PAGE = (
    "<html><head><title>Ferry sinks off Sulawesi</title><meta property='og:site_name' content='Island Post'>"
    "</head><body><article><h1>Ferry sinks off Sulawesi</h1><p>Thirty-five people were killed when a ferry sank "
    "off Sulawesi on Sunday, police said in a statement on Monday morning.</p><p>Rescuers were still searching the "
    "waters near the port for survivors late on Monday, the navy said.</p></article></body></html>"
)
WIRE = "Forty people were killed when a ferry sank off Sulawesi on Sunday, officials said.\n"


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args] + ["-q"])
    out, err = capsys.readouterr()
    return code, out, err


def one_line(err: str) -> bool:
    return len(err.strip().splitlines()) == 1 and "Traceback" not in err


# -- web addresses ----------------------------------------------------------------------------------------------


@pytest.fixture
def site(monkeypatch, tmp_path):
    """A web server on 127.0.0.1: ``pages`` maps paths to bodies (or to ``"slow"``); ``hits`` counts requests."""
    pages: dict[str, bytes | str] = {}
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            page = pages.get(self.path)
            if page is None:
                self.send_error(404, "Not Found")
                return
            if page == "slow":
                time.sleep(2)
                page = PAGE.encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args):
            pass

    for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path / "cache"))

    class Server(ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # a client that hung up early (the size cap, the timeout) is what those tests do

    server = Server(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", pages, hits
    server.shutdown()
    server.server_close()


def test_a_web_page_is_fetched_read_and_cached(capsys, site, write_articles):
    base, pages, hits = site
    pages["/ferry"] = PAGE.encode()
    (wire,) = write_articles(WIRE)
    code, out, err = run(capsys, f"{base}/ferry", wire, "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert doc["articles"][0]["title"] == "Ferry sinks off Sulawesi"
    assert doc["articles"][0]["path"] == f"{base}/ferry"
    assert any(c["text"] == "Thirty-five" for g in doc["groups"] for c in g["claims"])
    assert run(capsys, f"{base}/ferry", wire, "--format", "json")[1] == out
    assert hits == ["/ferry"]  # the second run read the cached copy


def test_a_plain_text_page_is_read_as_text(capsys, site, write_articles):
    base, pages, _ = site
    pages["/wire"] = WIRE.replace("Forty", "Thirty-five").encode()
    code, out, err = run(capsys, f"{base}/wire", *write_articles(WIRE), "--format", "json")
    assert code == 1, err
    assert json.loads(out)["articles"][0]["title"] == "wire"


def test_offline_refuses_web_addresses(capsys, site, write_articles):
    base, pages, hits = site
    pages["/ferry"] = PAGE.encode()
    code, _, err = run(capsys, f"{base}/ferry", *write_articles(WIRE), "--offline")
    assert code == 2 and one_line(err) and "--offline" in err and f"{base}/ferry" in err
    assert hits == []


@pytest.mark.parametrize(
    ("path", "setting", "message"),
    [
        ("/missing", None, "404"),
        ("/huge", ("MAX_BYTES", 1000), "larger than"),
        ("/slow", ("TIMEOUT_S", 0.3), "cannot fetch"),
    ],
    ids=["not found", "too large", "too slow"],
)
def test_a_page_that_cannot_be_fetched_is_one_line_and_exit_2(
    capsys, site, monkeypatch, write_articles, path, setting, message
):
    base, pages, _ = site
    pages["/huge"] = PAGE.encode() * 10
    pages["/slow"] = "slow"
    if setting:
        monkeypatch.setattr(fetch, *setting)
    code, _, err = run(capsys, f"{base}{path}", *write_articles(WIRE))
    assert code == 2 and one_line(err), err
    assert message in err and f"{base}{path}" in err


def test_an_unreachable_server_is_one_line_and_exit_2(capsys, write_articles, monkeypatch):
    import socket

    with socket.socket() as s:  # a port nobody listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    monkeypatch.setenv("NO_PROXY", "127.0.0.1")
    code, _, err = run(capsys, f"http://127.0.0.1:{port}/x", *write_articles(WIRE))
    assert code == 2 and one_line(err) and "cannot fetch" in err


# -- Markdown -----------------------------------------------------------------------------------------------------

FRONT = """---
title: "Ferry sinks off Sulawesi"
date: 2024-06-14T08:00:00Z
source: Island Post
---
# Ferry sinks off Sulawesi

**MAKASSAR** — *Thirty-five* people were killed when a [ferry](https://example.org/ferry) sank off Sulawesi.
"""


def test_markdown_front_matter_gives_title_date_and_source(tmp_path):
    path = tmp_path / "ferry.md"
    path.write_text(FRONT, encoding="utf-8")
    article = load_article(path, label="A")
    assert (article.title, article.published, article.source) == (
        "Ferry sinks off Sulawesi",
        "2024-06-14",
        "Island Post",
    )
    assert "---" not in article.text and "title:" not in article.text


@pytest.mark.parametrize(
    ("markdown", "read"),
    [
        ("**MAKASSAR** — *Thirty-five* people", "MAKASSAR — Thirty-five people"),
        ("a [ferry](https://example.org/x) sank", "a ferry sank"),
        ("## Two dead ##", "Two dead"),
        ("> 12 were hurt", "12 were hurt"),
        ("- 12 were hurt\n* 3 died", "12 were hurt\n3 died"),
        ("`3` dead, __four__ hurt, snake_case_name", "3 dead, four hurt, snake_case_name"),
        ("![a photo](x.png) 3 dead \\*", "a photo 3 dead *"),
    ],
)
def test_markup_is_stripped(markdown, read):
    assert strip_markdown(markdown) == read


def test_markdown_figures_are_read_and_highlighted_without_markup(capsys, tmp_path):
    a = tmp_path / "ferry.md"
    a.write_text(FRONT, encoding="utf-8")
    b = tmp_path / "wire.txt"
    b.write_text(WIRE.replace("Sunday", "Sunday near Makassar"), encoding="utf-8")
    code, out, _ = run(capsys, a, b, "--format", "json")
    claims = [c for g in json.loads(out)["groups"] for c in g["claims"] if c["article"] == "A"]
    assert code == 1 and claims
    for c in claims:
        assert "*" not in c["sentence"] and c["sentence"][c["start"] : c["end"]] == c["text"]
    _, page, _ = run(capsys, a, b, "--format", "html")
    assert "<mark>Thirty-five</mark>" in page.split("<h2>Sources</h2>")[1]
    assert "**" not in page


# -- PDF ----------------------------------------------------------------------------------------------------------


def pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text layer holds ``lines`` (Helvetica, one line each)."""
    shown = " ".join(f"({line}) Tj 0 -16 Td" for line in lines)
    content = f"BT /F1 12 Tf 72 720 Td {shown} ET"
    objects = [
        "<< /Type /Catalog /Pages 2 0 R >>",
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        "/Resources << /Font << /F1 5 0 R >> >> >>",
        f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out, offsets = b"%PDF-1.4\n", []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{body}\nendobj\n".encode()
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{o:010d} 00000 n \n".encode() for o in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return out


def test_a_pdf_is_read_from_its_text_layer(capsys, tmp_path, write_articles):
    path = tmp_path / "ferry.pdf"
    path.write_bytes(pdf(["Ferry sinks off Sulawesi", "", "Thirty-five people were killed when a ferry sank."]))
    article = load_article(path, label="A")
    assert "Thirty-five people were killed when a ferry sank." in article.text
    code, out, err = run(capsys, path, *write_articles(WIRE), "--format", "json")
    assert code == 1, err
    assert any(c["text"] == "Thirty-five" for g in json.loads(out)["groups"] for c in g["claims"])


def test_a_scanned_pdf_gets_a_clear_line(capsys, tmp_path, write_articles):
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    buffer = io.BytesIO()
    writer.write(buffer)
    path = tmp_path / "scan.pdf"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(InputError, match="no text layer"):
        load_article(path, label="A")
    code, _, err = run(capsys, path, *write_articles(WIRE))
    assert code == 2 and one_line(err) and "no text layer" in err and "scan.pdf" in err


# -- the options that name articles ----------------------------------------------------------------------------


@pytest.mark.parametrize("date", ["2025-13-45", "2024-02-30", "14/06/2024"])
def test_an_impossible_date_is_refused(capsys, write_articles, date):
    code, _, err = run(
        capsys, *write_articles(WIRE, WIRE.replace("Forty", "Fifty")), "--date", date, "--date", "2024-06-14"
    )
    assert code == 2 and one_line(err) and "--date" in err and date in err


def test_a_date_line_that_is_no_date_is_ignored(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2025-13-45\n\n" + WIRE, encoding="utf-8")
    assert load_article(path, label="A").published is None


def test_labels_name_the_article_they_stand_before(capsys, write_articles):
    a, b = write_articles(WIRE, WIRE.replace("Forty", "Fifty"))
    code, out, err = run(capsys, "--label", "AP", a, "--label", "Draft", b, "--format", "json")
    assert code == 1, err
    assert [(x["id"], x["path"]) for x in json.loads(out)["articles"]] == [("AP", str(a)), ("Draft", str(b))]


def test_a_folder_alone_gets_the_helpful_message(capsys, tmp_path):
    code, _, err = run(capsys, tmp_path)
    assert code == 2 and one_line(err) and "is a directory" in err and f"{tmp_path}/*.txt" in err


@pytest.mark.parametrize("where", ["first", "last"])
def test_the_reference_may_also_be_among_the_articles(capsys, write_articles, where):
    draft, *wires = write_articles(WIRE.replace("Forty", "Fifty"), WIRE, WIRE.replace("Forty", "Forty-one"))
    articles = [draft, *wires] if where == "first" else [*wires, draft]  # as a glob of the folder gives them
    code, out, err = run(capsys, "--reference", draft, *articles, "--format", "json")
    assert code == 1, err
    doc = json.loads(out)
    assert [a["path"] for a in doc["articles"]] == [str(draft), *map(str, wires)]


def test_no_cache_keeps_no_page(capsys, site, write_articles, tmp_path):
    base, pages, hits = site
    pages["/ferry"] = PAGE.encode()
    (wire,) = write_articles(WIRE)
    for _ in range(2):
        assert run(capsys, f"{base}/ferry", wire, "--no-cache")[0] == 1
    assert hits == ["/ferry", "/ferry"]
    assert not (tmp_path / "cache" / "pages").exists()
