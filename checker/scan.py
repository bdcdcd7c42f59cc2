"""Scan a whole feed: read every article, group them into stories, compare inside each story, report per story.

>>> result = scan(["feed/"])                       # doctest: +SKIP
>>> [s.to_dict()["summary"]["discrepancies"] for s in result.index()]   # doctest: +SKIP

Stages: read (:func:`checker.articles.load_article`; a bad file is recorded in ``skipped`` and the run goes on) →
group (:mod:`checker.grouping`) → compare (:func:`checker.compare`, once per story of two or more articles from at
least two sources; in-process, or on a Dask cluster: :mod:`checker.distributed`) → :class:`ScanResult`.
"""

from __future__ import annotations

import errno
import glob
import hashlib
import html
import json
import os
import stat
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from checker.articles import Article, default_labels, load_article, valid_date
from checker.errors import InputError
from checker.safeio import clashes, printable

if TYPE_CHECKING:
    from checker.report import Report

#: The files a folder contributes: the suffixes the loaders read.
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
FORMATS = ("jsonl", "markdown", "html")
#: Articles whose sentences are parsed ahead together while the stories before them are compared: enough to keep
#: the worker processes busy, few enough that the first comparisons start soon and that their readings stay in
#: memory (frames keeps 20,000; a story is never cut, and one larger than that has its sentences parsed again).
PREPARE_ARTICLES = 200
#: Worker processes that parse (spaCy is single-threaded; the encoder already uses every core).
PARSE_PROCESSES = min(2, len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1)
#: ``progress(stage, done, total)``: called as articles are read and stories compared.
Progress = Callable[[str, int, int], None]


@dataclass(frozen=True)
class StoryArticle:
    """One article of a story, as the report lists it (``id`` is its column label in the story's comparison)."""

    path: str
    id: str
    title: str
    source: str | None
    published: str | None


@dataclass(frozen=True)
class Story:
    """Articles that report the same events, and their comparison (None when there was nothing to compare)."""

    id: str
    articles: tuple[StoryArticle, ...]
    report: Report | None = None

    @property
    def discrepancies(self) -> int:
        return len(self.report.discrepancies) if self.report is not None else 0

    def to_dict(self) -> dict[str, Any]:
        """One JSONL line: story id, articles, and ``groups``/``summary`` as in ``compare``'s JSON."""
        doc = self.report.to_dict() if self.report is not None else None
        summary = doc["summary"] if doc else {"articles": len(self.articles), "claims": 0, "groups": 0,
                                              "discrepancies": 0, "acknowledged": 0}  # fmt: skip
        return {
            "story": self.id,
            "articles": [
                {"path": a.path, "id": a.id, "title": a.title, "source": a.source, "published": a.published}
                for a in self.articles
            ],
            "groups": doc["groups"] if doc else [],
            "summary": {**summary, "compared": doc is not None},
        }


@dataclass
class ScanResult:
    """Every story of the feed (every article read is in exactly one), the files skipped, and stage timings."""

    stories: list[Story]
    skipped: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)

    def index(self) -> list[Story]:
        """Stories sorted by how much they disagree (most discrepancies first, then by id)."""
        return sorted(self.stories, key=lambda s: (-s.discrepancies, s.id))


def expand(names: Sequence[str | os.PathLike]) -> tuple[list[str], list[str]]:
    """The article files named by files, folders (searched recursively, symbolic links to folders not followed)
    and globs, sorted; and one message for each name that matched none and each file that cannot be read as an
    article (a name that is not UTF-8, a FIFO or device, a dangling link, a symbolic-link loop, a folder that
    cannot be listed), naming it."""
    found: set[str] = set()
    problems: list[str] = []
    for name in map(os.fspath, names):
        if os.path.isdir(name):
            candidates = []
            for folder, dirs, files in os.walk(name, onerror=lambda e: problems.append(_unlistable(e))):
                dirs.sort()
                # a link to a folder is not walked (a loop would never end), but a broken one is named
                for entry in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
                    if Path(entry).suffix.lower() in SUFFIXES:
                        candidates.append(os.path.join(folder, entry))
            explicit = False
        elif glob.has_magic(name):
            candidates = [p for p in glob.glob(name, recursive=True) if not os.path.isdir(p)]
            explicit = False
        else:
            candidates = [name] if os.path.lexists(name) else []
            explicit = True
        hits = []
        for path in candidates:
            why = _unreadable(path)
            if why is None:
                hits.append(path)
            elif why != "folder" or explicit:
                problems.append(f"{printable(path)}: {why}")
        if not candidates:
            problems.append(f"{printable(name)}: no such file or folder, or no article in it")
        found.update(hits)
    return sorted(found), problems


def _unreadable(path: str) -> str | None:
    """Why ``path`` cannot be scanned as an article, or None when it is a regular file with a UTF-8 name."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return "the name is not valid UTF-8; rename the file to scan it"
    try:
        st = os.stat(path)
    except FileNotFoundError:
        return "a symbolic link to nothing" if os.path.islink(path) else "no such file"
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "a symbolic-link loop"
        return f"cannot read it ({exc.strerror or exc})"
    if stat.S_ISDIR(st.st_mode):
        return "folder"
    if stat.S_ISFIFO(st.st_mode):
        return "a FIFO, not an article file"
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file"
    return None


def _unlistable(error: OSError) -> str:
    return f"{printable(error.filename or '?')}: cannot list the folder ({error.strerror or error})"


def scan(
    paths: Sequence[str | os.PathLike],
    *,
    since: str | None = None,
    dates: Mapping[str, str | None] | None = None,
    scheduler: str | None = None,
    encoder=None,
    cache: bool = True,
    progress: Progress | None = None,
    output: str | os.PathLike | None = None,
) -> ScanResult:
    """Group the articles named by ``paths`` (files, folders, globs) into stories and compare each story.

    ``since`` (ISO date) leaves out articles published before it (undated articles stay). ``dates`` maps a path to
    its publication date when the file gives none. ``scheduler`` is None or ``"local"`` (in-process) or the address
    of a running ``dask.distributed`` scheduler. ``encoder`` overrides the default sentence encoder (in-process
    only). A file that cannot be read is listed in ``skipped`` and the run goes on. Raises :class:`InputError` when
    ``since`` is not a date, or when ``output`` (where the report will be written) is one of the articles.
    Deterministic: the same files give the same stories, ids and order.
    """
    from checker import grouping

    if since is not None and not valid_date(since):
        raise InputError(f"not a date in the form YYYY-MM-DD: {since!r}", about="since")
    timings: dict[str, float] = {}
    clock = time.perf_counter()
    files, skipped = expand(paths)
    if output is not None:
        hit = clashes(output, files)
        if hit:
            raise InputError(f"{printable(output)}: is one of the scanned articles; refusing to overwrite it")
    if scheduler not in (None, "local"):
        from checker.distributed import read_on_cluster

        read, unread = read_on_cluster(files, dates or {}, address=scheduler, cache=cache, progress=progress)
    else:
        read, unread = read_articles(files, dates or {}, cache=cache, progress=progress)
    skipped += unread
    articles = [a for a in read if since is None or a.published is None or a.published >= since]
    timings["read"] = time.perf_counter() - clock

    clock = time.perf_counter()
    members = grouping.group([grouping.Lead(a.title, a.text, a.published) for a in articles])
    stories = [_story([articles[i] for i in m]) for m in members]
    timings["group"] = time.perf_counter() - clock

    clock = time.perf_counter()
    jobs = [s for s in stories if comparable(s)]
    reports = _compare_all(jobs, scheduler=scheduler, encoder=encoder, cache=cache, progress=progress, problems=skipped)
    stories = [Story(s.id, s.articles, reports.get(s.id)) for s in stories]
    timings["compare"] = time.perf_counter() - clock
    stories.sort(key=lambda s: (min((a.published or "9999") for a in s.articles), s.articles[0].path, s.id))
    return ScanResult(stories, skipped, timings)


def read_articles(
    files: Sequence[str], dates: Mapping[str, str | None], *, cache: bool = True, progress: Progress | None = None
) -> tuple[list[Article], list[str]]:
    """Read ``files`` in order: the articles, and one message a file that could not be read.

    ``dates`` gives a file's publication date when the file itself says none.
    """
    articles: list[Article] = []
    skipped: list[str] = []
    for done, path in enumerate(files, 1):
        try:
            article = load_article(path, label="A", offline=True, cache=cache)
        except InputError as error:
            skipped.append(printable(error))
            continue
        except (OSError, ValueError, RecursionError) as error:  # whatever a file does, the others are read
            skipped.append(f"{printable(path)}: cannot read it ({type(error).__name__}: {printable(error)})")
            continue
        if article.published is None and dates.get(path):
            article = replace(article, published=dates[path])
        articles.append(article)
        if progress:
            progress("read", done, len(files))
    return articles, skipped


def _story(articles: list[Article]) -> Story:
    articles = sorted(articles, key=lambda a: (a.published or "9999", a.path))
    labels = default_labels(len(articles))
    digest = hashlib.sha1("\n".join(sorted(a.path for a in articles)).encode("utf-8", "surrogateescape")).hexdigest()[
        :10
    ]
    refs = tuple(
        StoryArticle(a.path, lab, a.title, a.source, a.published) for a, lab in zip(articles, labels, strict=True)
    )
    return Story(f"s{digest}", refs)


def comparable(story: Story) -> bool:
    """Two or more articles from at least two sources (an article of unknown source counts as its own source)."""
    sources = {a.source or f"unknown:{a.path}" for a in story.articles}
    return len(story.articles) >= 2 and len(sources) >= 2


def compare_story(story: Story, *, encoder=None, cache: bool = True) -> Report:
    """Run :func:`checker.compare` on one story's articles, labelled and dated as the story lists them."""
    from checker.pipeline import compare

    return compare(
        [a.path for a in story.articles],
        labels=[a.id for a in story.articles],
        dates=[a.published for a in story.articles],
        encoder=encoder,
        cache=cache,
        offline=True,
    )


def _compare_all(
    jobs: list[Story], *, scheduler: str | None, encoder, cache: bool, progress: Progress | None, problems: list[str]
) -> dict[str, Report]:
    if scheduler not in (None, "local"):
        from checker.distributed import compare_stories

        return compare_stories(jobs, address=scheduler, cache=cache, progress=progress, problems=problems)
    if encoder is None and jobs:
        from embeddings import DEFAULT_BACKEND, load_encoder

        encoder = load_encoder(DEFAULT_BACKEND, cache=cache)
    from checker.frames import ReadAhead

    reports = {}
    done = 0
    batches = _batches(jobs, PREPARE_ARTICLES)
    # while this process embeds and compares one batch of stories, the workers parse the next
    with ReadAhead(PARSE_PROCESSES, cache=cache) as ahead:
        pending = [ahead.submit(reading_items(b, cache=cache)) for b in batches[:1]]
        for i, batch in enumerate(batches):
            if i + 1 < len(batches):
                pending.append(ahead.submit(reading_items(batches[i + 1], cache=cache)))
            ahead.collect(pending.pop(0))
            for story in batch:
                try:
                    reports[story.id] = compare_story(story, encoder=encoder, cache=cache)
                except (InputError, OSError, ValueError, RecursionError) as error:
                    # a file changed or gone since it was read: the other stories go on
                    problems.append(f"story {story.id} not compared: {printable(error)}")
                done += 1
                if progress:
                    progress("compare", done, len(jobs))
    return reports


def reading_items(stories: Sequence[Story], *, cache: bool = True) -> list[tuple[str, list[tuple[int, int]]]]:
    """Every sentence with a figure in ``stories``, with its figures' spans: what comparing them will parse
    (:func:`checker.claims.reading_items`). An article that cannot be read gives none (comparing its story
    reports it in ``skipped``)."""
    from checker.claims import reading_items as article_items
    from checker.sentences import split

    items: list[tuple[str, list[tuple[int, int]]]] = []
    for story in stories:
        for ref in story.articles:
            try:
                article = load_article(ref.path, label=ref.id, offline=True, cache=cache)
            except (InputError, OSError, ValueError, RecursionError):
                continue
            items += article_items(split(article.text))
    return items


def _batches(stories: list[Story], articles: int) -> list[list[Story]]:
    """``stories`` in order, cut into runs of about ``articles`` articles (a story is never cut)."""
    batches: list[list[Story]] = [[]]
    size = 0
    for story in stories:
        if size >= articles:
            batches.append([])
            size = 0
        batches[-1].append(story)
        size += len(story.articles)
    return [b for b in batches if b]


def render_jsonl(result: ScanResult) -> str:
    """One story a line, in the result's order."""
    return "".join(json.dumps(s.to_dict(), ensure_ascii=False) + "\n" for s in result.stories)


def _headline(story: Story) -> str:
    return story.articles[0].title or Path(story.articles[0].path).name


def render_markdown(result: ScanResult) -> str:
    """An index of stories sorted by disagreement, then each story's comparison that found a discrepancy."""
    from checker.render import render_markdown as story_markdown

    lines = ["# Stories", "", "| story | articles | discrepancies | headline |", "|---|---|---|---|"]
    for s in result.index():
        title = _headline(s).replace("|", "\\|")
        lines.append(f"| {s.id} | {len(s.articles)} | {s.discrepancies if s.report else '-'} | {title} |")
    for s in result.index():
        if s.discrepancies:
            lines += ["", f"## {s.id}: {_headline(s)}", "", story_markdown(s.report)]
    return "\n".join(lines) + "\n"


def render_html(result: ScanResult) -> str:
    """One self-contained page: the index sorted by disagreement, each row linking to its story's discrepancy
    table, rendered as a comparison's HTML renders it (``checker.render.html_table``)."""
    from checker.render import HTML_CSS, html_table

    e = html.escape
    rows = "".join(
        f"<tr><td><a href='#{e(s.id)}'>{e(s.id)}</a></td><td>{len(s.articles)}</td>"
        f"<td>{s.discrepancies if s.report else '-'}</td><td>{e(_headline(s))}</td></tr>"
        for s in result.index()
    )
    details = "".join(
        f"<section id='{e(s.id)}'><h2>{e(s.id)}: {e(_headline(s))}</h2>"
        f"<p>{e(', '.join(a.path for a in s.articles))}</p>"
        f"{html_table(s.report, list(s.report.discrepancies), prefix=f'{s.id}-', links=False)}</section>"
        for s in result.index()
        if s.discrepancies
    )
    return (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>claimdiff scan</title><style>{HTML_CSS}</style></head><body>"
        "<h1>Stories</h1><table><thead><tr><th>story</th><th>articles</th><th>discrepancies</th><th>headline</th>"
        f"</tr></thead><tbody>{rows}</tbody></table>{details}</body></html>\n"
    )


RENDERERS = {"jsonl": render_jsonl, "markdown": render_markdown, "html": render_html}
