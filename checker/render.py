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

from checker.articles import Article
from checker.claims import Claim
from checker.quantities import Quantity
from checker.report import Discrepancy, Report

FORMATS = ("table", "json", "markdown", "html", "csv")
#: Characters of context kept on each side of the number in a quote.
QUOTE_CONTEXT = 60
#: Below this terminal width (80 columns is what a pipe or a hook gets) the table's columns would cut quotes to
#: stubs, so each group is stacked instead, its quotes whole.
NARROW = 100
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u202a-\u202e\u2066-\u2069]")
_STYLE = {"conflict": "bold red", "update": "bold yellow", "correction": "bold magenta", "consistent": "green"}


def render(report: Report, fmt: str, *, show_all: bool = False, explain: bool = False, width: int = 120) -> str:
    """The report in ``fmt`` (one of :data:`FORMATS`) as a string."""
    if fmt == "json":
        return render_json(report)
    if fmt == "markdown":
        return render_markdown(report, show_all=show_all, explain=explain)
    if fmt == "html":
        return render_html(report, show_all=show_all, explain=explain)
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


def _context(claim: Claim, width: int | None) -> tuple[str, str, str]:
    """The sentence around the claim's number: (left, number, right), cut at word boundaries about ``width``
    characters from it ("…" where cut); the whole sentence when ``width`` is None."""
    s, q = claim.sentence.text, claim.quantity
    left, right = s[: q.start], s[q.end :]
    if width is not None and len(left) > width:
        cut = left[-width:]
        left = "…" + (cut.split(" ", 1)[1] if " " in cut[:-1] else cut)
    if width is not None and len(right) > width:
        cut = right[:width]
        right = (cut.rsplit(" ", 1)[0] if " " in cut[1:] else cut) + "…"
    return left, q.text, right


def _verdict(g: Discrepancy) -> str:
    return "acknowledged" if g.acknowledged else g.verdict.name


def _difference(g: Discrepancy, report: Report) -> str:
    """Δ between the figures as written, with the pair it is about when the group has more than two reports; empty
    for agreement and for vague amounts."""
    v = g.verdict
    if v.name == "consistent" or not v.stated_difference:  # agreement, a vague amount, or a strict bound's edge
        return ""
    text = f"Δ {_fmt(v.stated_difference)}"
    if v.stated_relative is not None:
        text += f" ({v.stated_relative:.0%})"
    if len(g.claims) > 2 and v.pair:
        text += f" {v.pair[0]}–{v.pair[1]}"
    return text


# -- terminal ---------------------------------------------------------------------------------------------


def render_table(report: Report, console: Console, *, show_all: bool = False, explain: bool = False) -> None:
    """Print the discrepancy table (and, with ``show_all``, every other group) and a summary line.

    Below :data:`NARROW` columns each group is stacked, one whole quote a line, so that quotes are not cut to stubs.
    """
    for article in report.articles:
        line = Text(f"{article.id}: ", style="bold")
        line.append(_clean(article.title))
        extra = [x for x in (article.source, article.published) if x]
        if extra:
            line.append(f" ({', '.join(extra)})", style="dim")
        for note in article.notes:
            line.append(f" [{note}]", style="yellow")
        console.print(line, soft_wrap=not console.is_terminal)
    groups = _shown(report, show_all)
    if groups and console.width < NARROW:
        # a narrow terminal, a pipe or a hook's log: each group as plain lines, whole quotes, no padding, so that a
        # log or a grep reads it as it reads any text
        for g in groups:
            _print_stacked(console, g, report, explain)
    elif groups:
        table = Table(show_lines=True, expand=False)
        table.add_column("#", no_wrap=True)
        table.add_column("What")
        for article in report.articles:
            table.add_column(article.id, ratio=1, min_width=16)
        table.add_column("Verdict", min_width=12)
        # each side of a figure gets about two lines of its column: a wide terminal shows more of the sentence
        context = max(QUOTE_CONTEXT, 2 * (console.width - 40) // max(len(report.articles), 1))
        for g in groups:
            table.add_row(*_row(g, report, explain, context))
        console.print(table)
    console.print(_summary(report), soft_wrap=not console.is_terminal)


def _row(g: Discrepancy, report: Report, explain: bool, context: int = QUOTE_CONTEXT) -> list[Text | str]:
    cells: list[Text | str] = [g.id, Text(g.label)]
    for claim in _columns(g, report):
        cells.append(_quote(claim, context, explain) if claim else Text("—", style="dim"))
    cells.append(_verdict_cell(g, report, explain))
    return cells


def _verdict_cell(g: Discrepancy, report: Report, explain: bool) -> Text:
    verdict = Text(_verdict(g), style=_STYLE.get(g.verdict.name, "") if not g.acknowledged else "dim")
    difference = _difference(g, report)
    if difference:
        verdict.append(f"\n{difference}", style="dim")
    if g.sources_differ:
        verdict.append("\nsources differ", style="italic")
    if explain:
        judged = f" · same count {min(g.same_count.values()):.2f}" if g.same_count else ""
        verdict.append(f"\nsimilarity {g.similarity:.2f}{judged}\n{g.verdict.reason}", style="dim")
        places = sorted(set().union(*(c.places for c in g.claims)))
        if places:
            verdict.append(f"\nplace: {', '.join(places)}", style="dim")
    return verdict


def _print_stacked(console: Console, g: Discrepancy, report: Report, explain: bool) -> None:
    """One group as lines: a heading, then each report's figure and whole sentence, then a blank line."""
    heading = Text(f"{g.id} {g.label} · ", style="bold")
    heading.append_text(_verdict_cell(g, report, explain))
    console.print(heading, soft_wrap=not console.is_terminal)
    for article, claim in zip(report.articles, _columns(g, report), strict=True):
        line = Text(f"  {article.id}: ")
        line.append_text(_quote(claim, None, explain) if claim else Text("—", style="dim"))
        console.print(line, soft_wrap=not console.is_terminal)
    console.print()


def _quote(claim: Claim, context: int | None, explain: bool) -> Text:
    """The claim's figure as written, then its number in bold with its sentence (or some of it) around."""
    left, number, right = _context(claim, context)
    text = Text()
    text.append(_clean(claim.quantity.text), style="bold")
    if explain:
        text.append(f" {_interval(claim.quantity)}", style="dim")
    if claim.attribution:
        text.append(f" · per {_clean(claim.attribution)}", style="italic")
    text.append("\n")
    text.append(_clean(left))
    text.append(_clean(number), style="bold reverse")
    text.append(_clean(right))
    return text


def _interval(q: Quantity) -> str:
    """The interval a figure asserts, as --explain shows it beside the figure as written: "at least 15" [15, ∞],
    "$15m" approximate [13,500,000, 16,500,000]. A bound's words are not repeated ("more than 17,000" is written
    beside it); how a figure was read as approximate or vague is said, since the copy may not say it."""
    if q.qualifier == "exact":
        return f"[{_fmt(q.value)}]"
    lo = "−∞" if q.low is None else _fmt(q.low)
    hi = "∞" if q.high is None else _fmt(q.high)
    if q.qualifier in ("at_least", "more_than", "at_most", "less_than"):
        return f"[{lo}, {hi}]"
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
    if len(report.stories) > 1:
        told = " | ".join(", ".join(s) for s in report.stories)
        text += f" · {len(report.stories)} stories ({told}), not compared with each other"
    return text


def _summary(report: Report) -> Text:
    return Text(_summary_text(report), style="bold red" if report.discrepancies else "bold green")


# -- markdown ---------------------------------------------------------------------------------------------


def _md(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    text = _clean(text)
    text = re.sub(r"([\\`*_\[\]<>|])", r"\\\1", text)
    return text


def render_markdown(report: Report, *, show_all: bool = False, explain: bool = False) -> str:
    """A GitHub-flavoured Markdown table, one row per group, one column per article."""
    lines = ["## claimdiff", ""]
    for a in report.articles:
        extra = ", ".join(x for x in (a.source, a.published) if x)
        notes = "".join(f" *[{_md(n)}]*" for n in a.notes)
        lines.append(f"- **{_md(a.id)}**: {_md(a.title)}" + (f" ({_md(extra)})" if extra else "") + notes)
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
                interval = f" {_md(_interval(c.quantity))}" if explain else ""
                source = f" · per {_md(c.attribution)}" if c.attribution else ""
                cells.append(
                    f"**{_md(c.quantity.text)}**{interval}{source}<br>{_md(left)}**{_md(number)}**{_md(right)}"
                )
            verdict = f"**{_verdict(g)}**"
            difference = _difference(g, report)
            if difference:
                verdict += f" ({_md(difference)})"
            if g.sources_differ:
                verdict += " · sources differ"
            if explain:
                judged = f"same count {min(g.same_count.values()):.2f}; " if g.same_count else ""
                verdict += f"<br>{judged}{_md(g.verdict.reason)}"
            lines.append(f"| {g.id} | {_md(g.label)} | " + " | ".join(cells) + f" | {verdict} |")
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
    "source",
)


#: What a spreadsheet reads as a formula at the start of a cell (OWASP's list for CSV injection).
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> object:
    """A cell a spreadsheet shows as text: copy that starts like a formula ("=HYPERLINK(...)", "-2+3", "@SUM") gets
    a leading apostrophe, the convention spreadsheets hide; numbers (a difference of -3) stay numbers."""
    if not isinstance(value, str) or not value.startswith(_FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value


def render_csv(report: Report, *, show_all: bool = False) -> str:
    """One row per claim in a group, with the group's verdict on every row. A text cell that starts like a formula
    (``=``, ``+``, ``-``, ``@``) is prefixed with an apostrophe (:func:`_cell`), so a spreadsheet shows it."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    paths = {a.id: a.path for a in report.articles}
    for g in _shown(report, show_all):
        for c in g.claims:
            q = c.quantity
            row = [
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
                c.attribution or "",
            ]
            writer.writerow([_cell(v) for v in row])
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
.sources article{border:1px solid #ddd;padding:1rem}
.sources .text{white-space:pre-wrap;overflow-wrap:anywhere}
.sources dl{display:grid;grid-template-columns:auto 1fr;gap:0 .6rem;font-size:.85em;color:#555;margin:0 0 .8rem}
.sources dd{margin:0}
a mark{color:inherit}:target mark,tr:target{outline:2px solid #b00020}
"""


def render_html(report: Report, *, show_all: bool = False, explain: bool = False) -> str:
    """One self-contained page: the table, then the sources side by side with their claimed figures marked.

    Each row links to its figures in the sources (``#G1-A``) and each marked figure back to its row (``#G1``).
    An article's metadata heads its pane; its page furniture (a ``date`` line, "Advertisement") is left out.
    Everything taken from an article is escaped; the page loads nothing from anywhere.
    """
    e = html.escape
    out = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">",
        f"<title>claimdiff: {e(_summary_text(report))}</title><style>{_CSS}</style></head><body>",
        f"<header><h1>claimdiff</h1><p>{e(_summary_text(report))}</p></header>",
    ]
    groups = _shown(report, show_all)
    out.append(html_table(report, groups, explain=explain))
    out.append('<h2>Sources</h2><div class="sources">')
    marks: dict[str, dict[tuple[int, int], str]] = {a.id: {} for a in report.articles}
    for g in groups:
        for c in g.claims:
            start = c.sentence.start + c.quantity.start
            marks[c.article].setdefault((start, start + len(c.quantity.text)), g.id)
    for a in report.articles:
        out.append(f'<article>{_pane_header(a)}<div class="text">{_pane_text(a, marks[a.id])}</div></article>')
    out.append("</div></body></html>")
    return "\n".join(out) + "\n"


def html_table(
    report: Report, groups: list[Discrepancy], *, explain: bool = False, prefix: str = "", links: bool = True
) -> str:
    """The discrepancy table as HTML: a row a group, each figure in its sentence, the verdict and its reason. Row
    ids are ``prefix`` + the group id (a page of several stories prefixes each story's); with ``links`` each figure
    links to its place in the sources below the table."""
    e = html.escape
    if not groups:
        return ""
    out = ["<table><thead><tr><th>#</th><th>What</th>"]
    out += [f"<th>{e(a.id)}: {e(a.title)}</th>" for a in report.articles]
    out.append("<th>Verdict</th></tr></thead><tbody>")
    for g in groups:
        out.append(f'<tr id="{e(prefix + g.id)}"><td>{e(g.id)}</td><td>{e(g.label)}</td>')
        for c in _columns(g, report):
            if c is None:
                out.append("<td>—</td>")
                continue
            s, q = c.sentence.text, c.quantity
            figure = f"<b>{e(q.text)}</b>"
            if links:
                figure = f'<a href="#{e(prefix + _anchor(g, c))}">{figure}</a>'

            interval = f" <small>{e(_interval(q))}</small>" if explain else ""
            source = f" <i>· per {e(c.attribution)}</i>" if c.attribution else ""
            quote = f"{e(s[: q.start])}<mark>{e(q.text)}</mark>{e(s[q.end :])}"
            out.append(f"<td>{figure}{interval}{source}<br>{quote}</td>")
        verdict = _verdict(g)
        difference = _difference(g, report)
        detail = f"<br>{e(difference)}" if difference else ""
        if g.sources_differ:
            detail += "<br><i>sources differ</i>"
        out.append(f'<td class="{e(verdict)}">{e(verdict)}{detail}<br><small>{e(g.verdict.reason)}</small></td></tr>')
    out.append("</tbody></table>")
    return "".join(out)


#: The stylesheet of every HTML page claimdiff writes (a comparison, a scan's index).
HTML_CSS = _CSS


def _anchor(g: Discrepancy, claim: Claim) -> str:
    return f"{g.id}-{claim.article}"


def _pane_header(a: Article) -> str:
    """An article's metadata as its pane's header: label and title, then source, date and file."""
    e = html.escape
    named = (("source", a.source), ("published", a.published), ("file", a.path), *(("note", n) for n in a.notes))
    meta = "".join(f"<dt>{name}</dt><dd>{e(value)}</dd>" for name, value in named if value)
    return f"<header><h3>{e(a.id)}: {e(a.title)}</h3><dl>{meta}</dl></header>"


def _pane_text(a: Article, marks: dict[tuple[int, int], str]) -> str:
    """The article's text, escaped, without its furniture, each marked figure linking back to its row."""
    e = html.escape
    text, pieces, at = a.text, [], 0
    cuts = sorted([(start, end, None) for start, end in a.furniture] + [(s, t, g) for (s, t), g in marks.items()])
    for start, end, group in cuts:
        if start < at:
            continue
        pieces.append(e(text[at:start]))
        if group is not None:
            anchor = f"{group}-{a.id}"
            pieces.append(f'<a id="{e(anchor)}" href="#{e(group)}"><mark>{e(text[start:end])}</mark></a>')
        at = end
    pieces.append(e(text[at:]))
    return "".join(pieces).strip()
