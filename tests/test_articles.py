"""Reading article files: formats, metadata, encodings and bad input."""

from __future__ import annotations

import pytest

from checker.articles import default_labels, load_article
from checker.errors import InputError
from tests.conftest import BELGOROD


def test_seed_date_line_gives_the_publication_date():
    one_killed = next(p for p in BELGOROD if "one_killed" in p.name)
    article = load_article(one_killed, label="B")
    assert article.published == "2024-03-20"
    assert article.id == "B"


def test_first_line_is_the_title_when_a_blank_line_follows(tmp_path):
    path = tmp_path / "a.md"
    path.write_text("Five killed in Elgin shooting\n\nFive people were killed on Sunday.\n", encoding="utf-8")
    article = load_article(path, label="A")
    assert article.title == "Five killed in Elgin shooting"
    assert "Five people were killed" in article.text


def test_a_first_paragraph_is_not_a_title(tmp_path):
    path = tmp_path / "lead.txt"
    path.write_text("The Kremlin said it would act.\n\nMore text here.\n", encoding="utf-8")
    assert load_article(path, label="A").title == "lead"


def test_html_goes_through_trafilatura(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>Two dead</title><meta property='og:site_name' content='Daily Planet'>"
        "<meta property='article:published_time' content='2024-03-19'></head><body><nav>Home | News</nav>"
        "<article><h1>Two dead in Elgin shooting</h1><p>Two people were killed and three injured in a shooting in "
        "Elgin on Sunday night, police said in a statement on Monday morning.</p></article></body></html>",
        encoding="utf-8",
    )
    article = load_article(path, label="A")
    assert "Two people were killed" in article.text
    assert "Home | News" not in article.text
    assert article.source == "Daily Planet"
    assert article.published == "2024-03-19"


def test_date_option_wins(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("date 2024-03-20 body\n\nThree people were injured.\n", encoding="utf-8")
    assert load_article(path, label="A", published="2024-03-21").published == "2024-03-21"


@pytest.mark.parametrize(
    ("content", "encoding", "note"),
    [
        ("Caf\u00e9 owner said 3 people were hurt.", "cp1252", "decoded as cp1252"),
        ("\ufeffThree people were hurt.", "utf-8", None),
        ("\ufeffThree people were hurt.", "utf-16", None),
    ],
)
def test_encodings_are_decoded(tmp_path, content, encoding, note):
    path = tmp_path / "a.txt"
    path.write_bytes(content.encode(encoding))
    article = load_article(path, label="A")
    assert "people were hurt" in article.text
    assert not article.text.startswith("\ufeff")
    assert (note in " ".join(article.notes)) if note else not article.notes


def test_line_endings_are_normalised(tmp_path):
    path = tmp_path / "a.txt"
    path.write_bytes(b"Title line\r\n\r\nThree people were hurt.\rTwo died.\n")
    assert "\r" not in load_article(path, label="A").text


def test_invisible_breaks_inside_words_are_dropped(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Title\n\nA 15-y\u00adear-old was hurt.\u200b\n", encoding="utf-8")
    assert load_article(path, label="A").text.endswith("A 15-year-old was hurt.\n")


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.txt", "no such file"),
        (lambda d: d, "is a directory"),
        (lambda d: _write(d / "empty.txt", b"  \n\n"), "empty"),
        (lambda d: _write(d / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))), "binary"),
    ],
)
def test_bad_input_is_one_clear_error(tmp_path, make, message):
    path = make(tmp_path)
    with pytest.raises(InputError, match=message) as err:
        load_article(path, label="A")
    assert str(path) in str(err.value)


def _write(path, data: bytes):
    path.write_bytes(data)
    return path


def test_labels_run_past_z():
    labels = default_labels(28)
    assert labels[:3] == ["A", "B", "C"] and labels[25:] == ["Z", "AA", "AB"]


def test_page_furniture_is_marked_for_a_report_to_leave_out(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(
        " date 2024-03-20 Support The Daily Planet!\nContribute today\n\nTwo dead in Elgin\n\nAdvertisement\n\n"
        "Two people were killed in a shooting in Elgin.\nt.me/elginnews\n",
        encoding="utf-8",
    )
    article = load_article(path, label="A")
    shown = [article.text[start:end].strip() for start, end in article.furniture]
    furniture = ["date 2024-03-20", "Support The Daily Planet!", "Contribute today", "Advertisement", "t.me/elginnews"]
    assert shown == furniture
    assert article.published == "2024-03-20"


@pytest.mark.parametrize("markdown", [">", "---\ntitle: Only a title\n---\n", "![](photo.png)\n\n* * *\n"])
def test_markdown_with_no_words_is_refused(tmp_path, markdown):
    path = tmp_path / "empty.md"
    path.write_text(markdown, encoding="utf-8")
    with pytest.raises(InputError, match="no article text"):
        load_article(path, label="A")
