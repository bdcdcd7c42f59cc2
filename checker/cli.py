"""The ``claimdiff`` command: parse options, call :func:`checker.compare`, render. Nothing else."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

EXIT_OK, EXIT_DISCREPANCIES, EXIT_TROUBLE = 0, 1, 2

EPILOG = """\
examples:
  claimdiff examples/belgorod/*.txt                 compare two reports, print the discrepancy table
  claimdiff wire.txt draft.md --all                 also list the figures that agree
  claimdiff a.html b.txt --format json -o out.json  machine-readable report for a script
  claimdiff a.txt b.txt --label AP --label Draft    name the columns
  claimdiff a.txt b.txt --date 2024-03-19 --date 2024-03-20
                                                    publication dates, so a later higher toll is an update
  cat draft.txt | claimdiff wire.txt -              read one article from standard input
  claimdiff a.txt b.txt --explain                   show why claims were grouped

exit codes (as diff(1)):
  0  no discrepancy
  1  discrepancies found
  2  trouble: bad input, missing model, unwritable output
"""


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="claimdiff",
        description="Find where news reports of the same events disagree on the numbers.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("articles", nargs="*", metavar="ARTICLE", help=".txt, .md or .html files; - for stdin")
    parser.add_argument("--format", choices=("table", "json"), default="table", help="output format (default: table)")
    parser.add_argument("-o", "--output", metavar="FILE", help="write the report to FILE instead of stdout")
    parser.add_argument("--all", action="store_true", help="also list groups whose figures agree")
    parser.add_argument("--explain", action="store_true", help="show similarity, event and place of each group")
    parser.add_argument(
        "--label", action="append", metavar="NAME", help="name of the next article (repeat, in article order)"
    )
    parser.add_argument(
        "--date", action="append", metavar="YYYY-MM-DD", help="publication date of the next article (repeat)"
    )
    parser.add_argument(
        "--min-difference",
        type=float,
        default=0.0,
        metavar="N",
        help="ignore gaps smaller than N (default: 0)",
    )
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    parser.add_argument("--version", action="version", version="%(prog)s 0.1.0")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run claimdiff; return the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if len(args.articles) < 2:
        return _fail("give at least two articles to compare (see claimdiff --help)")

    from checker.errors import InputError
    from checker.pipeline import compare
    from embeddings import ModelUnavailable

    inputs = {Path(p).resolve() for p in args.articles if p != "-"}
    if args.output and Path(args.output).resolve() in inputs:
        return _fail(f"{args.output}: is one of the articles; refusing to overwrite it")
    try:
        with _progress(enabled=not args.quiet) as progress:
            report = compare(
                args.articles,
                labels=args.label,
                dates=args.date,
                min_difference=args.min_difference,
                progress=progress,
            )
    except InputError as exc:
        return _fail(str(exc))
    except ModelUnavailable as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        return _fail("interrupted")

    try:
        _write(report, args)
    except OSError as exc:
        return _fail(f"{args.output}: cannot write ({exc.strerror or exc})")
    for article in report.articles:
        for note in article.notes:
            if not args.quiet:
                print(f"claimdiff: {article.path}: {note}", file=sys.stderr)
    return report.exit_code


def _write(report, args) -> None:
    from rich.console import Console

    from checker.render import render_json, render_table

    if args.format == "json":
        text = render_json(report)
        if args.output:
            Path(args.output).write_text(text, encoding="utf-8")
        else:
            sys.stdout.write(text)
        return
    if args.output:
        with open(args.output, "w", encoding="utf-8") as fh:
            render_table(report, Console(file=fh, width=160, no_color=True), show_all=args.all, explain=args.explain)
    else:
        render_table(report, Console(), show_all=args.all, explain=args.explain)


class _progress:
    """A rich progress display on stderr, shown only when stderr is a terminal."""

    def __init__(self, *, enabled: bool) -> None:
        self.enabled = enabled and sys.stderr.isatty() and not os.environ.get("CI")
        self.display = None
        self.tasks: dict[str, int] = {}

    def __enter__(self):
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

    def __exit__(self, *exc) -> None:
        if self.display is not None:
            self.display.stop()


def _fail(message: str) -> int:
    print(f"claimdiff: {message}", file=sys.stderr)
    return EXIT_TROUBLE


if __name__ == "__main__":
    raise SystemExit(main())
