"""The ``claimdiff`` command: parse options, call :func:`checker.compare`, render. Nothing else.

Library errors name no flag; :func:`_message` points each at the option behind it.
"""

from __future__ import annotations

import argparse
import math
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from checker import __version__

EXIT_OK, EXIT_DISCREPANCIES, EXIT_TROUBLE = 0, 1, 2
FORMATS = ("table", "json", "markdown", "html", "csv")
FAIL_ON = ("conflict", "update", "any", "never")
#: Mirrors embeddings.BACKENDS (the first is the default); kept here so that --help imports no model code.
BACKENDS = ("onnx", "sentence-transformers")
#: Mirrors checker.align.MODES (the first is the default), for the same reason.
ALIGNMENTS = ("learned", "gates", "both", "judge")
#: Defaults for the options a config file may set (flags win over the file, the file over these).
DEFAULTS = {
    "format": "table",
    "fail-on": "any",
    "baseline": None,
    "min-difference": 0.0,
    "min-similarity": None,
    "story": "folder",
}
#: The option behind each kind of library error (``InputError.about``).
OPTION_FOR = {"labels": "--label", "dates": "--date", "offline": "--offline", "story": "story"}

EPILOG = """\
examples:
  claimdiff examples/belgorod/*.txt                 compare two reports, print the discrepancy table
  claimdiff wire.txt draft.md --all                 also list the figures that agree
  claimdiff a.html b.txt --format json -o out.json  machine-readable report for a script
  claimdiff a.txt b.txt --format markdown           paste into a review ticket
  claimdiff a.txt b.txt --format html -o diff.html  one page with the sources side by side
  claimdiff a.txt b.txt --format csv                one row per claim, for a spreadsheet
  claimdiff --reference draft.txt ap.txt afp.txt    only what the draft says against each wire
  claimdiff --label AP a.txt --label Draft b.txt    name the columns (each label names the next article)
  claimdiff a.txt b.txt --date 2024-03-19 --date 2024-03-20
                                                    publication dates, so a later higher toll is an update
  claimdiff a.txt b.txt --fail-on conflict          exit 1 only for conflicts, not updates
  claimdiff a.txt b.txt --same-source-only          do not fail when the two reports quote different sources
  claimdiff a.txt b.txt --write-baseline ok.json    accept today's differences ...
  claimdiff a.txt b.txt --baseline ok.json          ... and fail only on new ones
  claimdiff a.txt b.txt --min-difference 2          ignore gaps smaller than 2
  claimdiff a.txt b.txt --explain                   show why claims were grouped
  claimdiff a.txt b.txt --min-similarity 0.5        pair only closely worded sentences
  claimdiff a.txt b.txt -q --format json            no progress or notes on stderr, for a script
  claimdiff a.txt b.txt --backend sentence-transformers
                                                    embed with the reference model on torch (slower)
  claimdiff a.txt b.txt --alignment judge           let the trained judge pair any figures (finds more, flags more)
  claimdiff a.txt b.txt --no-cache                  keep no sentence vectors on disk
  claimdiff --version                               which claimdiff this is
  claimdiff https://example.org/story draft.md      fetch a page (timeout and size cap; cached for an hour)
  claimdiff a.txt https://example.org/x --offline   refuse web addresses: read only local files
  claimdiff ru_a.txt ru_b.txt --any-language        compare copy that is not English (noted: figures may be missed)
  claimdiff --hook desk/wires/ap.txt                as a pre-commit hook: compare each file with its story
  claimdiff ferry2015.txt ferry2025.txt --any-story compare reports even when they tell different stories
  cat draft.txt | claimdiff wire.txt -              read one article from standard input

configuration:
  [tool.claimdiff] in pyproject.toml, or claimdiff.toml, found from the working directory upward, may set
  format, fail-on, baseline, min-difference, min-similarity and story ("folder" or a glob of story folders,
  for --hook). Flags win.

exit codes (as diff(1)):
  0  no discrepancy (or none under --fail-on, or all acknowledged in the baseline)
  1  discrepancies found
  2  trouble: bad input, missing model, unwritable output, or reports that tell different stories with no
     two of one story (the report still says which; --any-story compares them anyway)

Reports are first checked to tell one story (shared names, shared words): an article of another story gets a note,
is compared only with its own story's articles, and the summary lists the stories.
"""


class _Parser(argparse.ArgumentParser):
    """A parser whose usage errors are one line on stderr and exit 2, like every other trouble."""

    def error(self, message: str):  # type: ignore[override]
        from checker.safeio import printable

        self.exit(EXIT_TROUBLE, f"{self.prog}: {printable(message)} (see {self.prog} --help)\n")


def _number(low: float, high: float = math.inf) -> Callable[[str], float]:
    """An argparse type: a finite number from ``low`` to ``high`` ("nan", "inf" and 2 for a cosine are refused)."""

    def parse(text: str) -> float:
        value = float(text)  # ValueError: argparse says "invalid value"
        if not (math.isfinite(value) and low <= value <= high):
            span = f"from {low:g} to {high:g}" if math.isfinite(high) else f"≥ {low:g}"
            raise argparse.ArgumentTypeError(f"{text!r} is not a finite number {span}")
        return value

    parse.__name__ = "number"
    return parse


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="claimdiff",
        description="Find where news reports of the same events disagree on the numbers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "articles", nargs="*", metavar="ARTICLE", help=".txt, .md, .html or .pdf files, http(s) addresses; - for stdin"
    )
    parser.add_argument("--format", choices=FORMATS, help="output format (default: table)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--all", action="store_true", help="also list groups whose figures agree")
    parser.add_argument("--explain", action="store_true", help="show similarity, reason and place of each group")
    parser.add_argument(
        "--reference", metavar="DRAFT", help="compare DRAFT against every other article; report only its groups"
    )
    parser.add_argument(
        "--label", action="append", metavar="NAME", help="name of the next article (repeat, in article order)"
    )
    parser.add_argument(
        "--date", action="append", metavar="YYYY-MM-DD", help="publication date of the next article (repeat)"
    )
    parser.add_argument("--fail-on", choices=FAIL_ON, help="which verdicts exit 1 (default: any)")
    parser.add_argument("--baseline", metavar="FILE", help="do not fail on the differences acknowledged in FILE")
    parser.add_argument(
        "--write-baseline",
        metavar="FILE",
        nargs="?",
        const="",
        help="record the current differences in FILE (created or merged); alone, in the configured baseline",
    )
    parser.add_argument(
        "--any-story",
        action="store_true",
        help="compare the articles even when they seem to tell different stories",
    )
    parser.add_argument(
        "--hook", action="store_true", help="compare each named article with the other articles of its story"
    )
    parser.add_argument("--offline", action="store_true", help="refuse web addresses; read only local files")
    parser.add_argument(
        "--same-source-only",
        action="store_true",
        help="exit 1 only for disagreements between reports that cite the same source, or where one cites none",
    )
    parser.add_argument(
        "--any-language",
        action="store_true",
        help="compare an article that is not in English (by default: trouble, exit 2), with a note that says so",
    )
    parser.add_argument(
        "--min-difference", type=_number(0.0), metavar="N", help="ignore gaps smaller than N (default: 0)"
    )
    parser.add_argument(
        "--min-similarity",
        type=_number(0.0, 1.0),
        metavar="X",
        help="least sentence similarity to pair lead figures (default: 0.15)",
    )
    parser.add_argument(
        "--backend", choices=BACKENDS, default=BACKENDS[0], help="embedding backend (default: onnx, the fast one)"
    )
    parser.add_argument(
        "--alignment",
        choices=ALIGNMENTS,
        default=ALIGNMENTS[0],
        help="which figures state the same count: the learned linker among the pairs the gates' rules allow "
        "(default), the hand gates, the gates with the trained pair judge deciding, or the judge alone",
    )
    parser.add_argument(
        "--no-cache", action="store_true", help="do not keep sentence vectors in the user cache between runs"
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display and no notes on stderr")
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run claimdiff; return the exit code: 0, 1 (discrepancies) or 2 (trouble, one line on stderr).

    This is the one place where anything a user can cause (a bad file, name, option, configuration, page) becomes
    that one line: an :class:`OSError`, :class:`ValueError`, :class:`UnicodeError` or :class:`RecursionError` from
    reading input is trouble, never a traceback that exits 1 (which a hook reads as "discrepancies found"). Set
    ``CLAIMDIFF_DEBUG=1`` to see the traceback of an unexpected error.
    """
    from checker.errors import InputError
    from embeddings import ModelUnavailable

    try:
        argv = list(sys.argv[1:] if argv is None else argv)
        if argv[:1] == ["scan"]:
            return _scan(build_scan_parser().parse_args(argv[1:]))
        return _main(argv)
    except (InputError, ModelUnavailable) as exc:
        return _fail(_message(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")
    except BrokenPipeError:  # `claimdiff ... | head`: the reader left; nothing to say to it
        with _suppress_all():  # no second error when Python flushes standard output at exit
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_TROUBLE
    except OSError as exc:
        return _fail(_os_message(exc))
    except RuntimeError as exc:
        if "Symlink loop" not in str(exc):  # pathlib's word for ELOOP; anything else is a bug, below
            return _internal(exc)
        return _fail(f"cannot read the input: {_first_line(exc).replace('Symlink loop', 'a symbolic-link loop')}")
    except (ValueError, RecursionError) as exc:  # UnicodeError is a ValueError
        if os.environ.get("CLAIMDIFF_DEBUG"):
            raise
        return _fail(f"cannot read the input ({type(exc).__name__}: {_first_line(exc)})")
    except Exception as exc:  # a bug: still exit 2, so that no hook reads it as "discrepancies found"
        return _internal(exc)


def _internal(exc: Exception) -> int:
    if os.environ.get("CLAIMDIFF_DEBUG"):
        raise exc
    return _fail(f"internal error ({type(exc).__name__}: {_first_line(exc)}); CLAIMDIFF_DEBUG=1 shows the traceback")


def _main(argv: list[str]) -> int:
    from checker import config
    from checker.safeio import clashes

    # "--" ends the options: "claimdiff -- -x.txt b.txt" compares a file whose name starts with a dash
    words, rest = (argv[: argv.index("--")], argv[argv.index("--") + 1 :]) if "--" in argv else (argv, [])
    # intermixed: "--label AP a.txt --label Draft b.txt" names each article where it stands
    parser = build_parser()
    args = parser.parse_intermixed_args(words)
    args.articles = [*args.articles, *rest]
    _quiet_notes(args.quiet)
    if args.label or args.date:
        # one value per article: in article order, wherever they stand; fewer: each names the article after it
        labels, dates = _per_article(parser, argv, args.articles)
        if args.label and len(args.label) != len(args.articles):
            args.label = labels
        if args.date and len(args.date) != len(args.articles):
            args.date = dates

    settings = _settings(args, config.find())
    if args.write_baseline == "":  # a bare --write-baseline: the configuration's baseline
        if not settings["baseline"]:
            return _fail("--write-baseline: name a file, or set baseline in the configuration")
        args.write_baseline = settings["baseline"]
    args.argv = argv
    if args.hook:
        return _hook(args, settings)
    inputs = [p for p in [*args.articles, args.reference] if p]
    refused = _overwrites(args, settings, inputs, clashes)
    if refused:
        return _fail(refused)
    report = _compare(args, settings, args.articles)
    return _finish([report], args, settings)


def _overwrites(args: argparse.Namespace, settings: dict, inputs: Sequence[str], clashes) -> str | None:
    """Why an output would replace something this run reads (an article, standard input's file, the baseline),
    or None. Files are compared by device and inode, so a hard link or a symbolic link is caught too."""
    stdin = "-" in inputs
    if args.output:
        hit = clashes(args.output, inputs, stdin=stdin)
        if hit:
            what = "the file on standard input" if hit == "-" else "one of the articles"
            return f"{args.output}: is {what}; refusing to overwrite it"
        for name, label in ((settings.get("baseline"), "baseline"), (args.write_baseline, "baseline to write")):
            if name and clashes(args.output, [name]):
                return f"{args.output}: is the {label}; refusing to overwrite it with the report"
    if args.write_baseline:
        hit = clashes(args.write_baseline, inputs, stdin=stdin)
        if hit:
            what = "the file on standard input" if hit == "-" else "one of the articles"
            return f"{args.write_baseline}: is {what}; refusing to overwrite it with a baseline"
    return None


SCAN_EPILOG = """\
examples:
  claimdiff scan examples/                          every story of a folder, one JSON line a story
  claimdiff scan 'feed/**/*.html' --since 2024-03-01 --format markdown -o stories.md
                                                    index of stories sorted by how much they disagree
  claimdiff scan feed/ --format html -o stories.html  one page: the index and each story's discrepancies
  claimdiff scan feed/ --scheduler tcp://10.0.0.5:8786  compare the stories on a running Dask cluster

exit codes: 0 no discrepancy in any story, 1 discrepancies found, 2 trouble (no article read, bad option,
unreachable scheduler, unwritable output). A file that cannot be read is named on stderr and skipped.
"""


def build_scan_parser() -> argparse.ArgumentParser:
    from checker.scan import FORMATS as SCAN_FORMATS

    parser = _Parser(
        prog="claimdiff scan",
        description="Group a feed of articles into stories and check every story for discrepancies.",
        epilog=SCAN_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="+", metavar="DIR_OR_GLOB", help="folders (searched recursively), globs, files")
    parser.add_argument("--since", metavar="YYYY-MM-DD", help="leave out articles published before this date")
    parser.add_argument("--format", choices=SCAN_FORMATS, default="jsonl", help="output format (default: jsonl)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument(
        "--scheduler", default="local", metavar="local|ADDRESS", help="local (default) or a Dask scheduler address"
    )
    parser.add_argument("--no-cache", action="store_true", help="do not keep sentence vectors between runs")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display and no notes on stderr")
    return parser


def _scan(args: argparse.Namespace) -> int:
    """``claimdiff scan``: call :func:`checker.scan.scan`, report skipped files on stderr, write the stories."""
    from checker.errors import InputError
    from checker.safeio import printable
    from checker.scan import RENDERERS, scan
    from embeddings import ModelUnavailable

    _quiet_notes(args.quiet)
    try:
        with _progress(enabled=not args.quiet) as progress:
            result = scan(
                args.paths,
                since=args.since,
                scheduler=args.scheduler,
                cache=not args.no_cache,
                progress=progress,
                output=args.output,
            )
    except (InputError, ModelUnavailable) as exc:
        return _fail(f"--since: {exc}" if getattr(exc, "about", None) == "since" else str(exc))
    if not result.stories:  # one line: what was named and why nothing came of it
        return _fail("no article to scan: " + "; ".join(result.skipped) if result.skipped else "no article to scan")
    for message in result.skipped:
        print(f"claimdiff: skipped {printable(message)}", file=sys.stderr)
    _emit(RENDERERS[args.format](result), args.output)
    return EXIT_DISCREPANCIES if any(s.discrepancies for s in result.stories) else EXIT_OK


def _emit(text: str, output: str | None) -> None:
    """Write a report to ``output`` atomically (the old file stays whole on any failure), or to standard output.
    A name that is not UTF-8 in the report is written as a backslash escape (in JSON, the same name again)."""
    from checker.safeio import atomic_write

    raw = text.encode("utf-8", "backslashreplace")
    if output:
        atomic_write(output, raw)
        return
    sys.stdout.flush()
    stream = getattr(sys.stdout, "buffer", None)
    if stream is not None:
        stream.write(raw)
        stream.flush()
    else:  # a text stream with no bytes underneath (a test's capture)
        sys.stdout.write(raw.decode("utf-8"))


def _hook(args: argparse.Namespace, settings: dict) -> int:
    """Hook mode: each named article against the other articles of its story; a story of one passes."""
    from checker.errors import InputError
    from checker.safeio import clashes, printable
    from checker.stories import stories

    if args.label or args.date or args.reference:
        raise InputError("--hook compares whole stories: it takes no --label, --date or --reference")
    root = settings.get("story-root")
    reports, headings = [], []
    for story in stories(args.articles, rule=settings["story"], root=Path(root) if root else None):
        if len(story.articles) < 2:
            print(
                f"claimdiff: {printable(story.changed[0])}: the only article of its story "
                f"({printable(story.key)}); nothing to compare"
            )
            continue
        refused = _overwrites(args, settings, [*story.articles, *args.articles], clashes)
        if refused:
            raise InputError(refused)
        # one changed article is the draft the commit is about: its rows are judged against the others (a
        # wire-against-wire difference is not the commit's to answer for)
        reference = story.changed[0] if len(story.changed) == 1 else None
        report = _compare(args, settings, story.articles, reference=reference)
        if not report.compared:  # the folder's reports tell other stories: a first report of its story passes
            print(
                f"claimdiff: {printable(story.changed[0])}: no other report of its story in "
                f"{printable(story.key)}; nothing to compare"
            )
            continue
        reports.append(report)
        headings.append(printable(f"story {story.key}: {', '.join(story.articles)}"))
    return _finish(reports, args, settings, headings)


def _compare(args: argparse.Namespace, settings: dict, articles: Sequence[str], *, reference: str | None = None):
    from checker.pipeline import compare

    baseline = settings["baseline"]
    if baseline and not Path(baseline).exists() and (args.write_baseline or not args.baseline):
        # about to be created, or named by the configuration before anyone acknowledged anything: nothing is
        # acknowledged yet (a --baseline FILE that is missing stays trouble: a mistyped name)
        baseline = None
    with _progress(enabled=not args.quiet) as progress:
        return compare(
            articles,
            labels=args.label,
            dates=args.date,
            min_difference=settings["min-difference"],
            min_similarity=settings["min-similarity"],
            reference=reference or args.reference,
            baseline=baseline,
            offline=args.offline,
            progress=progress,
            backend=args.backend,
            cache=not args.no_cache,
            alignment=args.alignment,
            english_only=not args.any_language,
            any_story=args.any_story,
        )


def _finish(reports: list, args: argparse.Namespace, settings: dict, headings: Sequence[str] = ()) -> int:
    """Record the baseline, write the reports and the articles' notes; the exit code of the worst report.

    ``headings`` (one per report) head each table, saying which story it is about."""
    from checker.baseline import Written, record
    from checker.safeio import printable

    if args.write_baseline:
        written = Written(0)
        for report in reports:
            try:
                written += record(report, args.write_baseline)
            except OSError as exc:  # atomic: the baseline as it was, and its name in the message
                return _fail(f"{exc.filename or args.write_baseline}: cannot write ({exc.strerror or exc})")
        if not args.quiet:
            where = printable(args.write_baseline)
            print(f"claimdiff: {written.recorded} difference(s) recorded in {where}{written.note}", file=sys.stderr)
    try:
        _write(reports, args, settings["format"], headings)
    except BrokenPipeError:
        raise
    except OSError as exc:
        return _fail(f"{exc.filename or args.output or 'standard output'}: cannot write ({exc.strerror or exc})")
    if not args.quiet:
        for report in reports:
            for article in report.articles:
                for note in article.notes:
                    print(f"claimdiff: {printable(article.path)}: {printable(note)}", file=sys.stderr)
    if args.write_baseline:
        return EXIT_OK
    if any(not report.compared for report in reports):
        # nothing compared is no pass: a gate that exits 0 here would let any figure through
        return _fail("the reports tell different stories, so nothing was compared (--any-story compares them anyway)")
    code = max(
        (report.exit_code_for(settings["fail-on"], same_source_only=args.same_source_only) for report in reports),
        default=EXIT_OK,
    )
    if code == EXIT_DISCREPANCIES and not args.quiet:
        command = printable(_acknowledge_command(args, settings))
        print(f"claimdiff: to acknowledge these differences: {command}", file=sys.stderr)
    return code


def _per_article(parser: argparse.ArgumentParser, argv: Sequence[str], articles: Sequence[str]):
    """Each ``--label`` and ``--date`` given to the article that follows it: lists in article order, None where an
    article has none (``--date 2024-03-20 c.txt`` dates the third of three articles only). A value after the last
    article goes to the last one."""
    takes_value = {o for a in parser._actions if a.option_strings and a.nargs is None for o in a.option_strings}
    pending: dict[str, str] = {}
    labels: list[str | None] = [None] * len(articles)
    dates: list[str | None] = [None] * len(articles)
    k = 0
    words = list(argv)
    i = 0
    ended = False  # past "--": every word is an article
    while i < len(words):
        word = words[i]
        if word == "--" and not ended:
            ended = True
            i += 1
            continue
        name, _, inline = word.partition("=") if not ended else (word, "", "")
        if not ended and name in ("--label", "--date"):
            value = inline if inline else (words[i + 1] if i + 1 < len(words) else "")
            pending[name] = value
            i += 1 if inline else 2
            continue
        if not ended and word.startswith("-") and word != "-":
            i += 2 if (word in takes_value and "=" not in word) else 1
            continue
        if k < len(articles):
            labels[k] = pending.pop("--label", None)
            dates[k] = pending.pop("--date", None)
            k += 1
        i += 1
    if pending and articles:  # "a.txt b.txt --date 2024-03-20": the last article's
        labels[-1] = pending.get("--label", labels[-1])
        dates[-1] = pending.get("--date", dates[-1])
    return (labels if any(x is not None for x in labels) else None, dates if any(dates) else None)


def _acknowledge_command(args: argparse.Namespace, settings: dict) -> str:
    """The one command that records what blocked this run in the baseline: this run's own arguments, with
    ``--write-baseline`` (bare when the configuration names the baseline)."""
    import shlex

    words = [w for w in getattr(args, "argv", []) if w not in ("-q", "--quiet")]
    if settings.get("baseline"):
        return shlex.join(["claimdiff", *words, "--write-baseline"])
    command = shlex.join(["claimdiff", *words, "--write-baseline", "claimdiff-baseline.json"])
    return f"{command} (then run with --baseline claimdiff-baseline.json, or name it in the configuration)"


def _message(exc: Exception) -> str:
    """A library error in the CLI's words: the option it is about, and how to mend a missing baseline."""
    about = getattr(exc, "about", None)
    if about == "baseline" and "no such" in str(exc):
        return f"{exc} (create one with --write-baseline)"
    if about == "language":
        return f"{exc} (--any-language compares it anyway, with a note)"
    option = OPTION_FOR.get(about or "")
    return f"{option}: {exc}" if option else str(exc)


def _settings(args: argparse.Namespace, found) -> dict:
    """Flags over the config file over the defaults."""
    settings = dict(DEFAULTS)
    if found is not None:
        settings.update(found[1])
    for key in DEFAULTS:
        value = getattr(args, key.replace("-", "_"), None)
        if value is not None:
            settings[key] = value
    if settings["format"] not in FORMATS or settings["fail-on"] not in FAIL_ON:
        from checker.errors import InputError

        where = found[0] if found else "config"
        raise InputError(f"{where}: format must be one of {FORMATS} and fail-on one of {FAIL_ON}")
    return settings


def _write(reports: list, args: argparse.Namespace, fmt: str, headings: Sequence[str] = ()) -> None:
    from rich.console import Console

    from checker.render import render, render_table

    if fmt != "table" or args.output:
        _emit("".join(render(report, fmt, show_all=args.all, explain=args.explain) for report in reports), args.output)
        return
    console = Console()
    for i, report in enumerate(reports):
        if i < len(headings):
            console.print(headings[i], style="bold", markup=False, highlight=False)
        render_table(report, console, show_all=args.all, explain=args.explain)


class _progress:
    """Progress on stderr: a rich display when stderr is a terminal; in a pipe or a hook's log, a plain line per
    stage once the run has taken ``PLAIN_AFTER_S`` (a quick run prints nothing), and again every ``PLAIN_EVERY_S``."""

    PLAIN_AFTER_S = 3.0
    PLAIN_EVERY_S = 10.0

    def __init__(self, *, enabled: bool) -> None:
        import time

        terminal = sys.stderr is not None and sys.stderr.isatty() and not os.environ.get("CI")
        self.enabled = enabled and terminal
        self.plain = enabled and not terminal
        self.display = None
        self.tasks: dict[str, int] = {}
        self.clock = time.monotonic
        self.started = self.clock()
        self.printed: dict[str, float] = {}

    def __enter__(self):
        if self.plain:
            return self.line
        if not self.enabled:
            return None
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn

        self.display = Progress(
            SpinnerColumn(),
            TextColumn("{task.description}"),
            BarColumn(),
            MofNCompleteColumn(),
            console=Console(stderr=True),
            transient=True,
        )
        self.display.start()
        return self.update

    def update(self, stage: str, done: int, total: int) -> None:
        if stage not in self.tasks:
            label = "loading the model and embedding" if stage == "embedding" else stage
            self.tasks[stage] = self.display.add_task(label, total=total)
        self.display.update(self.tasks[stage], completed=done, total=total)

    def line(self, stage: str, done: int, total: int) -> None:
        now = self.clock()
        if now - self.started < self.PLAIN_AFTER_S:
            return
        last = self.printed.get(stage)
        if last is None or now - last >= self.PLAIN_EVERY_S or (done == total and last is not None):
            self.printed[stage] = now
            print(f"claimdiff: {stage} {done}/{total} ({now - self.started:.0f} s)", file=sys.stderr, flush=True)

    def __exit__(self, *exc) -> None:
        if self.display is not None:
            self.display.stop()


def _quiet_notes(quiet: bool) -> None:
    """Notes from the library's loggers (a cache rebuilt or skipped) reach stderr unless ``--quiet``."""
    import logging

    logging.getLogger("claimdiff").setLevel(logging.ERROR if quiet else logging.WARNING)


def _fail(message: str) -> int:
    """One line on stderr, with every name in it printable (no raw terminal escapes, no undecodable bytes)."""
    from checker.safeio import printable

    with _suppress_all():
        print(f"claimdiff: {printable(message)}", file=sys.stderr)
    return EXIT_TROUBLE


def _os_message(exc: OSError) -> str:
    """An operating-system error as "NAME: what went wrong": the file it is about, never ``None``."""
    reason = exc.strerror or _first_line(exc) or type(exc).__name__
    names = [n for n in (exc.filename, exc.filename2) if n is not None]
    return f"{': '.join(map(str, names))}: {reason}" if names else reason


def _first_line(exc: BaseException) -> str:
    text = str(exc)
    return text.splitlines()[0] if text.strip() else ""


class _suppress_all:
    """Ignore an error while telling the user about another (stderr closed, or not a terminal that can take it)."""

    def __enter__(self) -> None:
        return None

    def __exit__(self, *exc) -> bool:
        return exc[0] is not None and issubclass(exc[0], Exception)


if __name__ == "__main__":
    raise SystemExit(main())
