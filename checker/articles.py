"""Read article files into :class:`Article` objects.

Plain text is read as it is (the first line is the title when a blank line follows it and it reads like a
headline). Markdown loses its markup (emphasis, links, headings), and its front matter gives title, date and
source. HTML goes through trafilatura for its main text and metadata; a PDF with a text layer through pypdf;
``http(s)://`` addresses are fetched (:mod:`checker.fetch`); ``-`` reads standard input. A leading
``date YYYY-MM-DD`` line, as newsroom exports write it, gives the publication date.

Offsets are taken in :attr:`Article.text`, the text as read (markup stripped), so highlights land on the figures.
"""

from __future__ import annotations

import bisect
import datetime
import io
import logging
import os
import re
import stat
import sys
from dataclasses import dataclass, field, replace
from pathlib import Path

from checker.errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
MARKDOWN_SUFFIXES = frozenset({".md", ".markdown"})
#: The files a story folder's articles can be (see :mod:`checker.stories`).
ARTICLE_SUFFIXES = frozenset({".txt", ".pdf", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES})
#: Larger inputs are refused: a live blog runs to a few MB, and anything bigger is not an article.
MAX_BYTES = 64 * 1024 * 1024
#: A title is a short line; 200 characters covers the longest headlines of the GVA corpus (the longest is 190).
MAX_TITLE_CHARS = 200
_DATE_LINE = re.compile(r"(?:^|\n)[ \t]*date[ \t]+(\d{4}-\d{2}-\d{2})\b", re.IGNORECASE)
_ANSI = re.compile(r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b[@-_]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f]")
#: Text copied from PDFs or old CMSs carries a few stray control bytes (well under 1% of characters in every GVA
#: article); a file where more than 5% of the first 8 KB are control bytes is binary.
MAX_CONTROL_SHARE = 0.05
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
#: A first line that means to give the date ("date 14/06/2024"), whether or not it gives a real one.
_DATE_ATTEMPT = re.compile(r"[ \t]*date[ \t]+(\S*\d\S*)[ \t]*", re.IGNORECASE)
_ADDRESS = re.compile(r"https?://", re.IGNORECASE)
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
#: Front-matter keys as blog engines and newsroom tools write them, and what each gives.
_META_KEYS = {
    "title": "title", "headline": "title",
    "date": "date", "published": "date", "publishdate": "date", "pubdate": "date",
    "source": "source", "publisher": "source", "site": "source", "outlet": "source",
}  # fmt: skip
#: Markdown markup, in the order it is stripped (images before links, then strong and emphasis: see
#: :func:`strip_markdown`). Each pattern runs in time linear in the text, whatever it holds (issue 29: a lazy span
#: between delimiters took 40 s on 120 KB of "_a "): no lazy span between delimiters, and a bracket's class excludes
#: the bracket that opens it, so a failed match never rescans what the next attempt will scan.
_MARKDOWN = [
    (re.compile(r"^[ \t]*\[[^\]\n]+\]:[ \t]+\S+.*$", re.MULTILINE), ""),  # reference link definitions
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.MULTILINE), ""),  # rules
    # headings: the closing hashes are cut by _heading (a lazy span before "[ \t]*#*[ \t]*$" rescans every tail)
    (re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.MULTILINE), lambda m: _heading(m.group(1))),
    (re.compile(r"^[ \t]*>[ \t]?", re.MULTILINE), ""),  # block quotes
    (re.compile(r"^[ \t]*(?:[-*+]|\d+[.)])[ \t]+", re.MULTILINE), ""),  # list markers
    (re.compile(r"!\[([^\[\]\n]*)\]\([^)\[\]\n]*\)"), r"\1"),  # images: their alt text
    (re.compile(r"\[([^\[\]\n]+)\](?:\([^)\[\]\n]*\)|\[[^\[\]\n]*\])"), r"\1"),  # links: their text
    (re.compile(r"`([^`\n]+)`"), r"\1"),  # inline code
    (None, "strong"),  # **strong**, __strong__: _delimited
    (None, "emphasis"),  # *emphasis*, _emphasis_: _delimited
    (re.compile(r"</?[A-Za-z][^<>\n]*>"), ""),  # inline HTML tags
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])"), r"\1"),  # backslash escapes
]
#: Lines of page furniture that sites and CMS exports leave in the copy.
_BOILERPLATE_LINE = re.compile(
    r"(?i)advertisement|ad|sponsored( content)?|skip to (main )?content|share( this( article| story)?)?|"
    r"(sign up|subscribe)( (now|today|for our newsletter|to our newsletter))?|read more:?|related( articles)?:?|"
    r"support [\w .'’]{1,40}!|contribute today|updated:?|print|comments?|follow us( on \w+)?|"
    r"(\w+\.)+\w{2,}/\w+"  # a bare link line, "t.me/channel"
)
_DATA_URI = re.compile(r"data:[\w/+.-]*;base64,[A-Za-z0-9+/=\s]{256,}")
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article)", re.IGNORECASE)
_MARKUP = re.compile(rb"<(?:html|head|body|article|div|p)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One report: its text and what is known about where it came from.

    ``id`` is the label shown in tables (A, B, C... by default). ``published`` is an ISO date or None.
    ``notes`` carries warnings a reader should see (an encoding guessed, no numbers found). ``furniture`` are the
    (start, end) spans of ``text`` that are page furniture, not copy (a ``date`` line, "Advertisement"): a report
    showing the text may leave them out.
    """

    id: str
    path: str
    title: str
    text: str
    source: str | None = None
    published: str | None = None
    notes: tuple[str, ...] = field(default=())
    furniture: tuple[tuple[int, int], ...] = field(default=())


def default_labels(n: int) -> list[str]:
    """A, B, ..., Z, AA, AB, ... for ``n`` articles."""
    labels = []
    for i in range(n):
        label = ""
        i += 1
        while i:
            i, r = divmod(i - 1, 26)
            label = chr(65 + r) + label
        labels.append(label)
    return labels


def load_article(
    path: str | os.PathLike,
    *,
    label: str,
    published: str | None = None,
    offline: bool = False,
    cache: bool = True,
) -> Article:
    """Read one article. ``path`` may be ``-`` for standard input or an ``http(s)://`` address.

    ``published`` (ISO date) overrides any date found in the file. Raises :class:`InputError` for a missing,
    unreadable, empty or binary file, a PDF without text, an invalid date (``about="dates"``), or an address that
    cannot be fetched (``about="offline"`` when ``offline``). ``cache=False`` keeps no fetched page on disk.
    """
    name = str(path)
    if published is not None and not valid_date(published):
        raise InputError(f"{name}: not a date in the form YYYY-MM-DD: {published!r}", about="dates")
    suffix = Path(name.split("?", 1)[0]).suffix.lower()
    redirected: tuple[str, ...] = ()
    if is_address(name):
        from checker.fetch import fetch_page

        raw, final = fetch_page(name, offline=offline, cache=cache)
        if final != name:  # the reader should know which page was read
            redirected = (f"redirected to {final}",)
    else:
        raw = _read_stdin() if name == "-" else _read_file(Path(path))
    if suffix == ".pdf" or raw.startswith(b"%PDF-"):
        article = _from_pdf(raw, name, label, published)
        return replace(article, notes=(*redirected, *article.notes))
    text, notes = _decode(raw, name)
    notes = (*redirected, *notes)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    is_html = suffix in HTML_SUFFIXES or bool(_LOOKS_LIKE_HTML.match(raw[:512]))
    # a page's address rarely ends in .html; its markup says what it is
    if is_html or (is_address(name) and _MARKUP.search(raw[:4096])):
        return _from_html(text, name, label, published, notes)
    if suffix in MARKDOWN_SUFFIXES:
        return _from_markdown(text, name, label, published, notes)
    return _from_text(text, name, label, published, notes)


def is_address(name: str) -> bool:
    """Whether an article name is a web address (http or https) rather than a file."""
    return bool(_ADDRESS.match(name))


def valid_date(text: str) -> bool:
    """Whether ``text`` is a real calendar date written YYYY-MM-DD (2025-13-45 is not)."""
    if not _ISO_DATE.fullmatch(text):
        return False
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _read_stdin() -> bytes:
    if sys.stdin is None or sys.stdin.closed:
        raise InputError("-: standard input is closed")
    raw = sys.stdin.buffer.read(MAX_BYTES + 1)
    if len(raw) > MAX_BYTES:
        raise InputError(f"-: standard input is larger than the {MAX_BYTES // 2**20} MB limit")
    return raw


def _read_file(path: Path) -> bytes:
    try:
        st = path.stat()
    except FileNotFoundError:
        raise InputError(f"{path}: no such file") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{path}: is a directory; give the article files inside it (e.g. {path}/*.txt)")
    # A pipe is read like stdin: that is what `claimdiff <(curl ...) draft.txt` hands over.
    if not (stat.S_ISREG(st.st_mode) or stat.S_ISFIFO(st.st_mode)):
        raise InputError(f"{path}: not a regular file")
    if st.st_size > MAX_BYTES:
        raise InputError(f"{path}: {st.st_size / 2**20:.0f} MB is larger than the {MAX_BYTES // 2**20} MB limit")
    try:
        with path.open("rb") as f:
            raw = f.read(MAX_BYTES + 1)
    except PermissionError:
        raise InputError(f"{path}: permission denied") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot read it ({exc.strerror or exc})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{path}: larger than the {MAX_BYTES // 2**20} MB limit")
    return raw


def _decode(raw: bytes, name: str) -> tuple[str, tuple[str, ...]]:
    """Decode UTF-8 (with or without BOM) or UTF-16 with a BOM; fall back to cp1252 or Latin-1 and say so."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return _normalise(raw.decode("utf-16")), ()
        except UnicodeDecodeError:
            raise InputError(f"{name}: not valid UTF-16 text") from None
    head = raw[:8192]
    nuls = head.count(0)
    if nuls > len(head) * 0.3:
        # UTF-16 without a BOM puts a NUL beside every ASCII letter, all on the same side; binary data does not.
        odd, even = head[1::2].count(0), head[0::2].count(0)
        for encoding, ok in (("utf-16-le", not even and odd), ("utf-16-be", not odd and even)):
            if ok:
                try:
                    return _normalise(raw.decode(encoding)), (f"no byte-order mark; decoded as {encoding}",)
                except UnicodeDecodeError:
                    break
        raise InputError(f"{name}: looks like a binary file, not article text")
    notes: tuple[str, ...] = ("NUL bytes replaced by spaces",) if nuls else ()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    else:
        if _control_share(text) > MAX_CONTROL_SHARE:
            raise InputError(f"{name}: looks like a binary file, not article text")
        return _normalise(text), notes
    # UTF-8 copy with a stray byte (a paste from a legacy system) stays UTF-8, that byte replaced and counted: read
    # whole as cp1252 it would turn every curly quote into mojibake. A file with no UTF-8 sequence at all, or more
    # bad bytes than good sequences, is a legacy file: cp1252 (or Latin-1), as before.
    text = raw.decode("utf-8-sig", "replace")
    bad = text.count("\ufffd") - raw.count(b"\xef\xbf\xbd")
    good = sum(1 for ch in text if ord(ch) > 127 and ch not in "\ufffd\ufeff")
    if good >= bad and _control_share(text) <= MAX_CONTROL_SHARE:
        return _normalise(text), (*notes, f"{bad} byte(s) not valid UTF-8, each replaced by \ufffd")
    for encoding in ("cp1252", "latin-1"):
        try:
            text = raw.decode(encoding)
        except UnicodeDecodeError:
            continue
        if _control_share(text) > MAX_CONTROL_SHARE:
            break
        return _normalise(text), (*notes, f"not UTF-8; decoded as {encoding}")
    raise InputError(f"{name}: looks like a binary file, not article text")


def _control_share(text: str) -> float:
    sample = text[:8192]
    control = sum(1 for c in sample if ord(c) < 32 and c not in "\n\r\t\f")
    return control / max(1, len(sample))


_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u2060"))


def _normalise(text: str) -> str:
    """One kind of line break, no terminal escape sequences, no other control characters, no invisible breaks
    inside words (soft hyphens, zero-width spaces: "15-y\u00adear-old" is "15-year-old"): offsets are taken in this
    text."""
    text = text.lstrip("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL.sub(" ", _ANSI.sub("", text.translate(_INVISIBLE)))


def _from_text(
    text: str,
    name: str,
    label: str,
    published: str | None,
    notes: tuple[str, ...],
    meta: dict[str, str] | None = None,
) -> Article:
    meta = meta or {}
    date = _DATE_LINE.search(text[:2000])
    lines = text.split("\n")
    stated = _DATE_ATTEMPT.fullmatch(lines[0]) if lines else None
    if (date and not valid_date(date.group(1))) or (stated and not date):
        # "date 2024-13-45" or "date 14/06/2024": not a date, and not the headline either; said, not silent
        wrong = date.group(1) if date else stated.group(1)
        notes = (*notes, f"the date line gives {wrong!r}, not a date in the form YYYY-MM-DD; ignored")
        date = None
        if stated:
            lines = lines[1:]
            while lines and not lines[0].strip():
                lines = lines[1:]
    if date and lines and re.fullmatch(r"\s*date\s+\d{4}-\d{2}-\d{2}\s*", lines[0], re.IGNORECASE):
        # "date 2024-03-20", a blank line, then the headline: the headline is still the title
        lines = lines[1:]
        while lines and not lines[0].strip():
            lines = lines[1:]
    first = lines[0].strip() if lines else ""
    title = ""
    if (
        len(lines) > 2
        and not lines[1].strip()
        and first
        and len(first) <= MAX_TITLE_CHARS
        and not first.endswith((".", ":", ","))
    ):
        title = first.lstrip("# ").strip()
    if date and title.lower().startswith("date "):
        title = ""
    meta_date = meta.get("date", "")[:10]
    return Article(
        id=label,
        path=name,
        title=meta.get("title") or title or _stem(name),
        text=text,
        source=meta.get("source"),
        published=published or (meta_date if valid_date(meta_date) else None) or (date.group(1) if date else None),
        notes=notes,
        furniture=_furniture(text, date),
    )


def _furniture(text: str, date: re.Match[str] | None) -> tuple[tuple[int, int], ...]:
    """Spans of page furniture: the ``date`` line's date and lines such as "Advertisement" or "Share this"."""
    spans = []
    if date:
        spans.append((date.start() + (text[date.start()] == "\n"), date.end()))
    for line in re.finditer(r"[^\n]+", text):
        start, end = line.span()
        if date and start <= date.start() + 1 < end:
            start = max(start, date.end())  # the rest of the date's line
        if _BOILERPLATE_LINE.fullmatch(text[start:end].strip()):
            spans.append((start, end))
    return tuple(sorted(spans))


def _from_markdown(text: str, name: str, label: str, published: str | None, notes: tuple[str, ...]) -> Article:
    """Markdown: front matter (``---`` ... ``---``) gives title, date and source; the markup is stripped."""
    meta: dict[str, str] = {}
    front = _FRONT_MATTER.match(text)
    if front:
        for line in front.group(1).split("\n"):
            key, sep, value = line.partition(":")
            if sep and value.strip():
                meta.setdefault(_META_KEYS.get(key.strip().lower(), ""), value.strip().strip("\"'"))
        meta.pop("", None)
        text = text[front.end() :]
    text = strip_markdown(text)
    if not text.strip():
        raise InputError(f"{name}: no article text, only Markdown markup or front matter")
    return _from_text(text, name, label, published, notes, meta)


def strip_markdown(text: str) -> str:
    """The words of Markdown copy without its markup: headings, emphasis, links and images (their text kept),
    inline code, block quotes, list markers, rules, HTML tags and backslash escapes.

    >>> strip_markdown("**MAKASSAR** — *Thirty-five* people were [hurt](https://example.org).")
    'MAKASSAR — Thirty-five people were hurt.'
    """
    for pattern, repl in _MARKDOWN:
        if pattern is None:
            text = _delimited(text, ("**", "__") if repl == "strong" else ("*", "_"))
        else:
            text = pattern.sub(repl, text)
    return text


def _heading(text: str) -> str:
    """A heading's text without its closing hashes: the longest tail of spaces, hashes, spaces is cut."""
    return text.rstrip(" \t").rstrip("#").rstrip(" \t")


def _is_word(ch: str) -> bool:
    return ch.isalnum() or ch == "_"  # what re's \w matches


def _delimited(text: str, delimiters: tuple[str, ...]) -> str:
    r"""Strong (``("**", "__")``) or emphasis (``("*", "_")``) markup taken off its text, in O(n log n).

    The same result as ``re.sub`` with ``(**|__)(?=\S)(.+?)(?<=\S)\1`` (strong) or
    ``(?<![\w*])([*_])(?=\S)(.+?)(?<=\S)\1(?![\w*])`` (emphasis), which take time as the square of a line that
    opens many spans and closes none. Here each opener looks its nearest closer up among the closers found once,
    by bisection, and a span never crosses a line.
    """
    single = len(delimiters[0]) == 1
    n = len(text)

    def word_or_star(i: int) -> bool:
        return 0 <= i < n and (_is_word(text[i]) or text[i] == "*")

    positions: dict[str, list[int]] = {}
    for d in delimiters:
        found, at = [], text.find(d)
        while at != -1:
            found.append(at)
            at = text.find(d, at + 1)  # overlapping: "***" holds "**" at 0 and at 1
        positions[d] = found
    closers = {
        d: [j for j in found if j > 0 and not text[j - 1].isspace() and not (single and word_or_star(j + len(d)))]
        for d, found in positions.items()
    }
    openers = sorted(
        (i, d)
        for d, found in positions.items()
        for i in found
        if i + len(d) < n and not text[i + len(d)].isspace() and not (single and word_or_star(i - 1))
    )
    out, done, line_end = [], 0, -1
    for i, d in openers:
        if i < done:
            continue  # inside a span already taken
        if i > line_end:
            line_end = text.find("\n", i)
            line_end = n if line_end == -1 else line_end
        k = len(d)
        ends = closers[d]
        at = bisect.bisect_left(ends, i + k + 1)  # the span holds at least one character
        if at == len(ends) or ends[at] >= line_end:
            continue
        j = ends[at]
        out += [text[done:i], text[i + k : j]]
        done = j + k
    out.append(text[done:])
    return "".join(out)


def _from_pdf(raw: bytes, name: str, label: str, published: str | None) -> Article:
    """A PDF's text layer, page by page. A scan (pages with no text) is refused with a clear message."""
    try:
        from pypdf import PdfReader
    except ImportError:
        raise InputError(f"{name}: reading a PDF needs pypdf (pip install pypdf)") from None
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # its warnings on odd PDFs are not the reader's business
    try:
        reader = PdfReader(io.BytesIO(raw))
        pages = [(page.extract_text() or "").strip() for page in reader.pages]
        title = ((reader.metadata or {}).get("/Title") or "").strip()
    except Exception as exc:  # pypdf raises assorted errors on damaged files
        raise InputError(f"{name}: could not read the PDF ({type(exc).__name__})") from None
    text = _normalise("\n\n".join(p for p in pages if p))
    if not text.strip():
        raise InputError(f"{name}: the PDF has no text layer (a scan?); run OCR on it or paste its text into a .txt")
    article = _from_text(text, name, label, published, ())
    return replace(article, title=title or article.title)


def _from_html(text: str, name: str, label: str, published: str | None, notes: tuple[str, ...]) -> Article:
    import trafilatura  # 0.3 s to import: only HTML input pays for it

    # Inline images and fonts (data: URIs) can be tens of MB of base64 that holds no text; drop them before parsing.
    text = _DATA_URI.sub("data:,", text)
    try:
        doc = trafilatura.bare_extraction(text, with_metadata=True, include_comments=False, include_tables=False)
    except Exception as exc:  # trafilatura raises assorted lxml errors on broken markup
        raise InputError(f"{name}: could not read the HTML ({type(exc).__name__})") from None
    body = (getattr(doc, "text", None) or "") if doc is not None else ""
    if not body.strip():
        raise InputError(f"{name}: no article text found in the HTML")
    title = (doc.title or "").strip()
    if title and not body.startswith(title):
        body = f"{title}\n\n{body}"
    body = _normalise(body)
    return Article(
        id=label,
        path=name,
        title=title or _stem(name),
        text=body,
        source=doc.sitename or doc.hostname,
        published=published or (doc.date if doc.date and valid_date(doc.date) else None),
        notes=notes,
        furniture=_furniture(body, None),
    )


def _stem(name: str) -> str:
    """The title of an article that gives none: its file name, with control characters and undecodable bytes
    escaped (a name is not copy, and a title reaches the terminal)."""
    from checker.safeio import printable

    return "stdin" if name == "-" else printable(Path(name).stem)
