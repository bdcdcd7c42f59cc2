"""Read article files into :class:`Article` objects.

Plain text and Markdown are read as they are (the first line is the title when a blank line follows it and it
reads like a headline); HTML goes through trafilatura for its main text and metadata; ``-`` reads standard input.
A leading ``date YYYY-MM-DD`` line, as newsroom exports write it, gives the publication date.
"""

from __future__ import annotations

import os
import re
import stat
import sys
from dataclasses import dataclass, field
from pathlib import Path

from checker.errors import InputError

HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
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
_DATA_URI = re.compile(r"data:[\w/+.-]*;base64,[A-Za-z0-9+/=\s]{256,}")
_LOOKS_LIKE_HTML = re.compile(rb"^\s*(?:<!doctype\s+html|<html|<head|<body|<article)", re.IGNORECASE)


@dataclass(frozen=True)
class Article:
    """One report: its text and what is known about where it came from.

    ``id`` is the label shown in tables (A, B, C... by default). ``published`` is an ISO date or None.
    ``notes`` carries warnings a reader should see (an encoding guessed, no numbers found).
    """

    id: str
    path: str
    title: str
    text: str
    source: str | None = None
    published: str | None = None
    notes: tuple[str, ...] = field(default=())


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


def load_article(path: str | os.PathLike, *, label: str, published: str | None = None) -> Article:
    """Read one article. ``path`` may be ``-`` for standard input.

    ``published`` (ISO date) overrides any date found in the file. Raises :class:`InputError` for a missing,
    unreadable, empty or binary file.
    """
    name = str(path)
    if published is not None and not _ISO_DATE.fullmatch(published):
        raise InputError(f"{name}: --date must be YYYY-MM-DD, got {published!r}")
    raw = _read_stdin() if name == "-" else _read_file(Path(path))
    text, notes = _decode(raw, name)
    if not text.strip():
        raise InputError(f"{name}: the file is empty")
    is_html = Path(name).suffix.lower() in HTML_SUFFIXES or bool(_LOOKS_LIKE_HTML.match(raw[:512]))
    if is_html:
        return _from_html(text, name, label, published, notes)
    return _from_text(text, name, label, published, notes)


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


def _from_text(text: str, name: str, label: str, published: str | None, notes: tuple[str, ...]) -> Article:
    date = _DATE_LINE.search(text[:2000])
    lines = text.split("\n")
    first = lines[0].strip()
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
    return Article(
        id=label,
        path=name,
        title=title or _stem(name),
        text=text,
        source=None,
        published=published or (date.group(1) if date else None),
        notes=notes,
    )


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
    return Article(
        id=label,
        path=name,
        title=title or _stem(name),
        text=_normalise(body),
        source=doc.sitename or doc.hostname,
        published=published or (doc.date if doc.date and _ISO_DATE.fullmatch(doc.date) else None),
        notes=notes,
    )


def _stem(name: str) -> str:
    return "stdin" if name == "-" else Path(name).stem
