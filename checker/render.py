"""Renderers: a :class:`~checker.report.Report` in, text out. They format; they compute nothing."""

from __future__ import annotations

import json
import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.report import Discrepancy, Report

FORMATS = ("table", "json")
#: Characters of context kept on each side of the number in a table quote.
QUOTE_CONTEXT = 60
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_STYLE = {"conflict": "bold red", "update": "bold yellow", "correction": "bold magenta", "consistent": "green"}


def render_json(report: Report) -> str:
    """The JSON contract, keys in a fixed order, one trailing newline."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def render_table(report: Report, console: Console, *, show_all: bool = False, explain: bool = False) -> None:
    """Print the discrepancy table (and, with ``show_all``, the consistent groups) and a summary line."""
    for article in report.articles:
        line = Text(f"{article.id}: ", style="bold")
        line.append(_clean(article.title))
        extra = [x for x in (article.source, article.published) if x]
        if extra:
            line.append(f" ({', '.join(extra)})", style="dim")
        for note in article.notes:
            line.append(f" [{note}]", style="yellow")
        console.print(line)
    groups = [g for g in report.groups if show_all or g.is_discrepancy]
    if groups:
        table = Table(show_lines=True, expand=False)
        table.add_column("#", no_wrap=True)
        table.add_column("What")
        for article in report.articles:
            table.add_column(article.id, ratio=1, min_width=20)
        table.add_column("Verdict", min_width=12)
        for g in groups:
            table.add_row(*_row(g, report, explain))
        console.print(table)
    console.print(_summary(report))


def _row(g: Discrepancy, report: Report, explain: bool) -> list[Text | str]:
    by_article = {c.article: c for c in g.claims}
    cells: list[Text | str] = [g.id, Text(g.what)]
    for article in report.articles:
        claim = by_article.get(article.id)
        cells.append(_quote(claim) if claim else Text("—", style="dim"))
    verdict = Text(g.verdict.name, style=_STYLE.get(g.verdict.name, ""))
    if g.is_discrepancy:
        verdict.append(f"\nΔ {_fmt(g.verdict.difference)} ({g.verdict.relative:.0%})", style="dim")
    if explain:
        verdict.append(f"\nsimilarity {g.similarity:.2f}\n{g.verdict.reason}", style="dim")
        places = sorted(set().union(*(c.places for c in g.claims)))
        if places:
            verdict.append(f"\nplace: {', '.join(places)}", style="dim")
    cells.append(verdict)
    return cells


def _quote(claim) -> Text:
    """The claim's number in bold, with a little of its sentence around it."""
    s, q = claim.sentence.text, claim.quantity
    left = s[max(0, q.start - QUOTE_CONTEXT) : q.start]
    right = s[q.end : q.end + QUOTE_CONTEXT]
    text = Text()
    text.append(_interval(q) + "\n", style="bold")
    text.append(("…" if q.start > QUOTE_CONTEXT else "") + _clean(left))
    text.append(_clean(q.text), style="bold reverse")
    text.append(_clean(right) + ("…" if q.end + QUOTE_CONTEXT < len(s) else ""))
    return text


def _interval(q) -> str:
    if q.qualifier == "exact":
        return _fmt(q.value)
    lo = "" if q.low is None else _fmt(q.low)
    hi = "∞" if q.high is None else _fmt(q.high)
    return f"{q.qualifier.replace('_', ' ')} [{lo}, {hi}]"


def _fmt(x: float | None) -> str:
    if x is None:
        return "?"
    if float(x).is_integer():
        return f"{int(x):,}"
    return f"{x:,.2f}"


def _clean(text: str) -> str:
    """No control characters or bidi overrides from article text may reach the terminal."""
    return _CONTROL.sub(" ", text.replace("\n", " "))


def _summary(report: Report) -> Text:
    n = len(report.discrepancies)
    style = "bold red" if n else "bold green"
    text = Text(f"{n} discrepanc{'y' if n == 1 else 'ies'}", style=style)
    text.append(
        f" in {len(report.groups)} aligned group{'s' if len(report.groups) != 1 else ''}"
        f" · {len(report.claims)} claims in {len(report.articles)} articles"
    )
    return text
