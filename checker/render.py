"""Renderers: a :class:`~checker.report.Report` in, text out. They format; they compute nothing.

``table`` (rich, for a terminal), ``json`` (the contract of :meth:`Report.to_dict`), ``markdown`` (for a review
ticket or a pull-request comment), ``html`` (one self-contained page, every article text escaped) and ``csv``
(one row per claim in a group).
"""

from __future__ import annotations

import csv
import html
import io
import json
import re

from rich.console import Console
from rich.table import Table
from rich.text import Text

from checker.claims import Claim
from checker.quantities import Quantity
from checker.report import Discrepancy, Report

FORMATS = ("table", "json", "markdown", "html", "csv")
#: Characters of context kept on each side of the number in a quote.
QUOTE_CONTEXT = 60
#: Below this terminal width the quotes are cut shorter, so a row still fits a narrow window.
NARROW = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_STYLE = {"conflict": "bold red", "update": "bold yellow", "correction": "bold magenta", "consistent": "green"}


def render(report: Report, fmt: str, *, show_all: bool = False, explain: bool = False, width: int = 120) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`) as a string."""
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report, show_all=show_all)
    if fmt == "html":
        return render_html(report, show_all=show_all)
    if fmt == "csv":
        return render_csv(report, show_all=show_all)
    buffer = io.StringIO()
    render_table(report, Console(file=buffer, width=width, no_color=True), show_all=show_all, explain=explain)
    return buffer.getvalue()


def render_json(report: Report) -> str:
    """The JSON contract, keys in a fixed order, one trailing newline."""
    return json.dumps(report.to_dict(), ensure_ascii=False, indent=2) + "\n"


def _shown(report: Report, show_all: bool) -> list[Discrepancy]:
    return [g for g in report.groups if show_all or g.is_discrepancy]


def _columns(g: Discrepancy, report: Report) -> list[Claim | None]:
    """The group's claim for each article, in article order (None where the article has none)."""
    by_article = {c.article: c for c in g.claims}
    return [by_article.get(a.id) for a in report.articles]


def _context(claim: Claim, width: int) -> tuple[str, str, str]:
    """The sentence around the claim's number: (left, number, right), "…" where cut."""
    s, q = claim.sentence.text, claim.quantity
    left = ("…" if q.start > width else "") + s[max(0, q.start - width) : q.start]
    right = s[q.end : q.end + width] + ("…" if q.end + width < len(s) else "")
    return left, q.text, right


def _verdict(g: Discrepancy) -> str:
    return "acknowledged" if g.acknowledged else g.verdict.name


# -- terminal ---------------------------------------------------------------------------------------------


def render_table(report: Report, console: Console, *, show_all: bool = False, explain: bool = False) -> None:
    """Print the discrepancy table (and, with ``show_all``, every other group) and a summary line."""
    context = QUOTE_CONTEXT if console.width >= NARROW else QUOTE_CONTEXT // 2
    for article in report.articles:
        line = Text(f"{article.id}: ", style="bold")
        line.append(_clean(article.title))
        extra = [x for x in (article.source, article.published) if x]
        if extra:
            line.append(f" ({', '.join(extra)})", style="dim")
        for note in article.notes:
            line.append(f" [{note}]", style="yellow")
        console.print(line)
    groups = _shown(report, show_all)
    if groups:
        table = Table(show_lines=True, expand=False)
        table.add_column("#", no_wrap=True)
        table.add_column("What")
        for article in report.articles:
            table.add_column(article.id, ratio=1, min_width=16)
        table.add_column("Verdict", min_width=12)
        for g in groups:
            table.add_row(*_row(g, report, explain, context))
        console.print(table)
    console.print(_summary(report))


def _row(g: Discrepancy, report: Report, explain: bool, context: int) -> list[Text | str]:
    cells: list[Text | str] = [g.id, Text(g.what)]
    for claim in _columns(g, report):
        cells.append(_quote(claim, context) if claim else Text("—", style="dim"))
    verdict = Text(_verdict(g), style=_STYLE.get(g.verdict.name, "") if not g.acknowledged else "dim")
    if g.verdict.name != "consistent":
        verdict.append(f"\nΔ {_fmt(g.verdict.difference)} ({g.verdict.relative:.0%})", style="dim")
    if explain:
        verdict.append(f"\nsimilarity {g.similarity:.2f}\n{g.verdict.reason}", style="dim")
        places = sorted(set().union(*(c.places for c in g.claims)))
        if places:
            verdict.append(f"\nplace: {', '.join(places)}", style="dim")
    cells.append(verdict)
    return cells


def _quote(claim: Claim, context: int) -> Text:
    """The claim's number in bold, with a little of its sentence around it."""
    left, number, right = _context(claim, context)
    text = Text()
    text.append(_interval(claim.quantity) + "\n", style="bold")
    text.append(_clean(left))
    text.append(_clean(number), style="bold reverse")
    text.append(_clean(right))
    return text


def _interval(q: Quantity) -> str:
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


def _summary_text(report: Report) -> str:
    n = len(report.discrepancies)
    acknowledged = sum(g.acknowledged for g in report.groups)
    text = f"{n} discrepanc{'y' if n == 1 else 'ies'}"
    text += f" in {len(report.groups)} aligned group{'s' if len(report.groups) != 1 else ''}"
    text += f" · {len(report.claims)} claims in {len(report.articles)} articles"
    if acknowledged:
        text += f" · {acknowledged} acknowledged in the baseline"
    return text


def _summary(report: Report) -> Text:
    return Text(_summary_text(report), style="bold red" if report.discrepancies else "bold green")


# -- markdown ---------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    text = _clean(text)
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return text


def render_markdown(report: Report, *, show_all: bool = False) -> str:
    """A GitHub-flavoured Markdown table, one row per group, one column per article."""
    lines = ["## claimdiff", ""]
    for a in report.articles:
        extra = ", ".join(x for x in (a.source, a.published) if x)
        lines.append(f"- **{_md(a.id)}**: {_md(a.title)}" + (f" ({_md(extra)})" if extra else ""))
    lines.append("")
    groups = _shown(report, show_all)
    if groups:
        lines.append("| # | What | " + " | ".join(_md(a.id) for a in report.articles) + " | Verdict |")
        lines.append("|---|---|" + "---|" * len(report.articles) + "---|")
        for g in groups:
            cells = []
            for c in _columns(g, report):
                if c is None:
                    cells.append("—")
                    continue
                left, number, right = _context(c, QUOTE_CONTEXT)
                cells.append(f"**{_md(_interval(c.quantity))}**<br>{_md(left)}**{_md(number)}**{_md(right)}")
            verdict = f"**{_verdict(g)}**"
            if g.verdict.name != "consistent":
                verdict += f" (Δ {_fmt(g.verdict.difference)}, {g.verdict.relative:.0%})"
            lines.append(f"| {g.id} | {_md(g.what)} | " + " | ".join(cells) + f" | {verdict} |")
        lines.append("")
    lines.append(_summary_text(report))
    return "\n".join(lines) + "\n"


# -- csv --------------------------------------------------------------------------------------------------

CSV_COLUMNS = (
    "group",
    "what",
    "verdict",
    "difference",
    "relative_difference",
    "fingerprint",
    "article",
    "path",
    "text",
    "value",
    "low",
    "high",
    "qualifier",
    "unit",
    "sentence",
)


def render_csv(report: Report, *, show_all: bool = False) -> str:
    """One row per claim in a group, with the group's verdict on every row."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    paths = {a.id: a.path for a in report.articles}
    for g in _shown(report, show_all):
        for c in g.claims:
            q = c.quantity
            writer.writerow(
                [
                    g.id,
                    g.what,
                    _verdict(g),
                    _plain(g.verdict.difference),
                    round(g.verdict.relative, 4),
                    g.fingerprint,
                    c.article,
                    paths[c.article],
                    q.text,
                    _plain(q.value),
                    _plain(q.low),
                    _plain(q.high),
                    q.qualifier,
                    q.unit or "",
                    c.sentence.text,
                ]
            )
    return buffer.getvalue()


def _plain(x: float | None) -> str:
    if x is None:
        return ""
    return str(int(x)) if float(x).is_integer() else repr(round(float(x), 6))


# -- html -------------------------------------------------------------------------------------------------

_CSS = """
body{font:15px/1.45 system-ui,sans-serif;margin:2rem;color:#222}
table{border-collapse:collapse;width:100%;margin:1rem 0}
td,th{border:1px solid #ccc;padding:.4rem .6rem;vertical-align:top;text-align:left}
.conflict{color:#b00020;font-weight:bold}.update{color:#9a6700;font-weight:bold}
.correction{color:#8250df;font-weight:bold}.consistent,.acknowledged{color:#1a7f37}
mark{background:#ffe58a;font-weight:bold}
.sources{display:grid;grid-template-columns:repeat(auto-fit,minmax(22rem,1fr));gap:1.5rem}
.sources article{border:1px solid #ddd;padding:1rem;white-space:pre-wrap;overflow-wrap:anywhere}
"""


def render_html(report: Report, *, show_all: bool = False) -> str:
    """One self-contained page: the table, then the sources side by side with their claimed figures marked.

    Everything taken from an article is escaped; the page loads nothing from anywhere.
    """
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>claimdiff: {e(_summary_text(report))}</title><style>{_CSS}</style></head><body>",
        "<h1>claimdiff</h1>",
        f"<p>{e(_summary_text(report))}</p>",
    ]
    groups = _shown(report, show_all)
    if groups:
        out.append("<table><thead><tr><th>#</th><th>What</th>")
        out += [f"<th>{e(a.id)}: {e(a.title)}</th>" for a in report.articles]
        out.append("<th>Verdict</th></tr></thead><tbody>")
        for g in groups:
            out.append(f'<tr id="{e(g.id)}"><td>{e(g.id)}</td><td>{e(g.what)}</td>')
            for c in _columns(g, report):
                if c is None:
                    out.append("<td>—</td>")
                    continue
                s, q = c.sentence.text, c.quantity
                quote = f"{e(s[: q.start])}<mark>{e(q.text)}</mark>{e(s[q.end :])}"
                out.append(f"<td><b>{e(_interval(q))}</b><br>{quote}</td>")
            verdict = _verdict(g)
            detail = (
                f"<br>Δ {e(_fmt(g.verdict.difference))} ({g.verdict.relative:.0%})" if verdict != "consistent" else ""
            )
            out.append(
                f'<td class="{e(verdict)}">{e(verdict)}{detail}<br><small>{e(g.verdict.reason)}</small></td></tr>'
            )
        out.append("</tbody></table>")
    out.append('<h2>Sources</h2><div class="sources">')
    marks: dict[str, list[tuple[int, int]]] = {a.id: [] for a in report.articles}
    for g in groups:
        for c in g.claims:
            start = c.sentence.start + c.quantity.start
            marks[c.article].append((start, start + len(c.quantity.text)))
    for a in report.articles:
        text, pieces, at = a.text, [], 0
        for start, end in sorted(set(marks[a.id])):
            if start < at:
                continue
            pieces.append(e(text[at:start]) + f"<mark>{e(text[start:end])}</mark>")
            at = end
        pieces.append(e(text[at:]))
        meta = ", ".join(x for x in (a.source, a.published, a.path) if x)
        out.append(
            f"<article><h3>{e(a.id)}: {e(a.title)}</h3><p><small>{e(meta)}</small></p>{''.join(pieces)}</article>"
        )
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"
