"""Renderers, model-free: reports built from claims directly (tests/factories.py)."""

from __future__ import annotations

import re
from dataclasses import replace

from checker.render import render
from tests.factories import claim, quantity, report

MONEY = (
    "The city council approved $15m for the new bridge over the river, the mayor told reporters at the town hall "
    "on Monday evening after a long and heated session."
)
MONEY_B = "Officials said $12 million had been set aside for the bridge over the river."
DOZENS = "Dozens of people were hurt when the stands collapsed."


def money_report():
    a = claim("A", quantity("$15m", 15e6, low=13.5e6, high=16.5e6, qualifier="approximate"), noun=None, sentence=MONEY)
    b = claim("B", quantity("$12 million", 12e6), noun=None, sentence=MONEY_B)
    return report([(a, b)])


def plain(text: str) -> str:
    """Table text without borders and with whitespace folded, to read what a cell says across its lines."""
    return " ".join(re.sub(r"[│┃┏┓┗┛┡┩└┘━─╇┳┻┯┷╍═╪╋┼┬┴|]", " ", text).split())


def test_figures_are_shown_as_written_and_intervals_only_with_explain():
    doc = money_report()
    for fmt in ("table", "markdown"):
        out = render(doc, fmt)
        assert "$15m" in out and "$12 million" in out, fmt
        assert "13,500,000" not in out and "approximate" not in out, fmt
        explained = render(doc, fmt, explain=True)
        assert "approximate" in explained and "13,500,000" in explained and "16,500,000" in explained, fmt


def test_the_difference_compares_the_figures_as_written():
    out = plain(render(money_report(), "table"))
    assert "Δ 3,000,000 (20%)" in out
    assert "1,500,000" not in out


def test_a_vague_amount_gets_no_difference():
    a = claim("A", quantity("Dozens", None, low=12, high=120, qualifier="vague"), event="injured", sentence=DOZENS)
    b = claim("B", quantity("300", 300), event="injured")
    out = render(report([(a, b)]), "table")
    assert "conflict" in out and "Δ" not in out
    assert "Dozens" in out and "vague" not in out


def test_quotes_are_cut_at_word_boundaries():
    out = render(money_report(), "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| G1"))
    right = row.split("|")[3].strip().split("**$15m**")[-1]
    assert right.endswith("…")
    after = MONEY.split("$15m", 1)[1]
    shown = right[:-1]
    # what is shown is the start of the rest of the sentence, and it stops where a word ends
    assert after.startswith(shown) and after[len(shown)] == " "


def test_a_narrow_terminal_stacks_whole_quotes():
    doc = money_report()
    narrow = plain(render(doc, "table", width=80))
    assert plain(MONEY) in narrow and plain(MONEY_B) in narrow
    assert "┃" not in render(doc, "table", width=80)  # no columns
    wide = render(doc, "table", width=120)
    assert "┃" in wide and plain(MONEY) not in plain(wide)  # the wide table cuts the long quote


def test_the_label_says_what_each_side_counts_when_they_differ():
    a = claim("A", quantity("hundreds", None, low=100, high=1000, qualifier="vague"), event="evacuated", noun=None)
    b = claim("B", quantity("around 9,000", 9000, low=8100, high=9900, qualifier="approximate"), event="evacuated",
              noun="child")  # fmt: skip
    doc = report([(a, b)])
    # plain words: what B says it counts, and nothing for A, which does not say (not "A: not said, B: child")
    assert doc.groups[0].label == "evacuated (children in B)"
    assert "evacuated (child)" not in render(doc, "markdown")
    two = report([(replace(a, noun="person"), b)])
    assert two.groups[0].label == "evacuated (people in A; children in B)"
    same = report([(claim("A", quantity("3", 3)), claim("B", quantity("5", 5)))])
    assert same.groups[0].label == "killed (people)" and same.groups[0].what == "killed (person)"


def test_json_gains_the_pairs_and_keeps_every_field():
    a, b, c = (claim(x, quantity(str(n), n)) for x, n in zip("ABC", (34, 36, 41), strict=True))
    doc = report([(a, b, c)], published={"A": "2024-06-14", "B": "2024-06-14", "C": "2024-06-15"}).to_dict()
    group = doc["groups"][0]
    assert {"id", "what", "verdict", "reason", "difference", "relative_difference", "similarity", "fingerprint"} <= set(
        group
    )
    assert group["verdict"] == "conflict"
    assert [(p["articles"], p["verdict"]) for p in group["pairs"]] == [
        (["A", "B"], "conflict"),
        (["A", "C"], "update"),
        (["B", "C"], "update"),
    ]


# -- html -----------------------------------------------------------------------------------------------------


def test_html_shows_metadata_as_a_header_and_leaves_furniture_out():
    furniture = "date 2024-03-20 Advertisement\n\n"
    text = furniture + MONEY_B
    a = claim("A", quantity("$15m", 15e6, low=13.5e6, high=16.5e6, qualifier="approximate"), noun=None, sentence=MONEY)
    b = claim("B", quantity("$12 million", 12e6), noun=None, sentence=MONEY_B, sentence_start=len(furniture))
    doc = report(
        [(a, b)],
        texts={"B": text},
        published={"B": "2024-03-20"},
        furniture={"B": ((0, len("date 2024-03-20")), (len("date 2024-03-20 "), len(furniture) - 2))},
    )
    out = render(doc, "html")
    pane = out.split("<h2>Sources</h2>", 1)[1].split("<article>")[2]
    assert "<dd>2024-03-20</dd>" in pane
    body = pane.split('<div class="text">', 1)[1]
    assert "date 2024" not in body and "Advertisement" not in body
    assert body.startswith("Officials said")


def test_html_rows_link_to_their_figures_and_back():
    out = render(money_report(), "html")
    for article in "AB":
        anchor = f"G1-{article}"
        assert f'href="#{anchor}"' in out.split("<h2>Sources</h2>")[0]  # the row links to the figure...
        mark = re.search(rf'<a id="{anchor}" href="#G1"><mark>([^<]+)</mark></a>', out)
        assert mark, anchor  # ... and the figure back to the row
    assert '<tr id="G1">' in out
    assert re.search(r'<a id="G1-A" href="#G1"><mark>\$15m</mark></a>', out)
