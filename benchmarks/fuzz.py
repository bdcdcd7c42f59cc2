"""Hostile probes (issue 29), and a coverage-guided fuzz target.

    .venv/bin/python benchmarks/fuzz.py                      # every hostile probe: a table, exit 1 if one fails
    .venv/bin/python benchmarks/fuzz.py --only markdown      # the probes whose name holds "markdown"
    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz.py atheris -atheris_runs=200000   # libFuzzer's arguments follow
    .venv/bin/python benchmarks/fuzz.py atheris crash-<hash>           # replay a finding

Each probe builds its own folder of files, runs the real ``claimdiff`` in a subprocess and reports its exit code,
the lines it wrote on stderr, whether any file it was given (an input, a prior output, a baseline) changed, and its
time. A probe passes when the exit code is the documented one (0, 1 or 2, never a traceback's 1), trouble is one
line on stderr with no raw control character, nothing that was not an output changed, and it took under 10 s
(``MAX_S``; the fetch probes run with a 2 s deadline).

The atheris target feeds arbitrary bytes through decoding, sentence splitting, quantity extraction and claim
finding, and stops at the first exception or broken contract.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib
import json
import os
import resource
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import frame_cache  # noqa: E402  (after the path insert, as the module runs as a script)

#: A probe slower than this fails (the issue's bound for 1 MB of hostile Markdown).
MAX_S = 10.0
A = "Ferry sinks\n\nForty people were killed when a ferry sank off Sulawesi on Sunday, officials said.\n"
B = "Ferry sinks\n\nFifty people were killed when a ferry sank off Sulawesi on Sunday, officials said.\n"
MB = 2**20


@dataclass
class Probe:
    """One hostile run: ``setup(folder)`` makes its files and returns the claimdiff arguments; ``outputs`` may
    change; ``expect`` is the set of exit codes it may give; ``stdin`` names a file of the folder fed on stdin."""

    name: str
    setup: Callable[[Path], list[str]]
    expect: frozenset[int]
    outputs: tuple[str, ...] = ()
    stdin: str | None = None
    env: dict[str, str] = field(default_factory=dict)
    python: str | None = None  # run this Python code instead of the CLI (argv in sys.argv)
    limit_file_bytes: int | None = None  # RLIMIT_FSIZE: a full disk as far as the run can tell
    check: Callable[[Path, subprocess.CompletedProcess], str | None] | None = None


def _pair(d: Path) -> None:
    (d / "a.txt").write_text(A, encoding="utf-8")
    (d / "b.txt").write_text(B, encoding="utf-8")


def _baseline(d: Path, name: str = "base.json", text: str | None = None) -> str:
    (d / name).write_text(text or json.dumps({"version": 3, "acknowledged": []}), encoding="utf-8")
    return name


def _valid_baseline(d: Path, name: str = "base.json") -> str | None:
    try:
        json.loads((d / name).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f"{name} unreadable after the run: {exc}"
    return None


def _nonutf8(d: Path) -> None:
    _pair(d)
    (d / os.fsdecode(b"caf\xe9.txt")).write_text(B, encoding="utf-8")


def _markdown(body: str) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        (d / "a.md").write_text("Ferry sinks\n\n" + body, encoding="utf-8")
        (d / "b.txt").write_text(B, encoding="utf-8")
        return ["a.md", "b.txt"]

    return setup


def _config(text: str) -> Callable[[Path], list[str]]:
    def setup(d: Path) -> list[str]:
        _pair(d)
        (d / "claimdiff.toml").write_text(text, encoding="utf-8")
        return ["a.txt", "b.txt"]

    return setup


def _scan_folder(d: Path) -> list[str]:
    feed = d / "feed"
    feed.mkdir()
    (feed / "a.txt").write_text(A, encoding="utf-8")
    (feed / "b.txt").write_text(B, encoding="utf-8")
    (feed / os.fsdecode(b"caf\xe9.txt")).write_text(B, encoding="utf-8")
    os.mkfifo(feed / "pipe.txt")
    (feed / "dangling.txt").symlink_to(feed / "gone.txt")
    (feed / "loop.txt").symlink_to(feed / "loop.txt")
    return ["scan", "feed", "-q"]


def _scan_names_every_skip(d: Path, result: subprocess.CompletedProcess) -> str | None:
    for what in ("caf\\xe9.txt", "pipe.txt", "dangling.txt", "loop.txt"):
        if what not in result.stderr:
            return f"{what} not named on stderr"
    return None


def _trickle_server() -> str:
    """A server on 127.0.0.1 that sends a byte every half second, forever; and one that redirects to ftp."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            if self.path == "/ftp":
                self.send_response(302)
                self.send_header("Location", "ftp://127.0.0.1/x.txt")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            try:
                while True:
                    self.wfile.write(b"x")
                    self.wfile.flush()
                    time.sleep(0.5)
            except OSError:
                return

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}"


_FETCH_WITH_2_S = (
    "import sys; import checker.fetch as f; f.TIMEOUT_S = 2; from checker.cli import main; sys.exit(main())"
)


def _damaged_cache(d: Path) -> list[str]:
    _pair(d)
    cache = d / "cache"
    cache.mkdir()
    path = cache / frame_cache.FILENAME
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE entries (key BLOB PRIMARY KEY, value BLOB NOT NULL)")
        db.executemany("INSERT INTO entries VALUES (?, ?)", [(os.urandom(32), os.urandom(200)) for _ in range(2000)])
    db.close()
    raw = bytearray(path.read_bytes())
    raw[8192 : 8192 + 4096] = os.urandom(4096)  # 4 KB of garbage inside, past the header
    path.write_bytes(bytes(raw))
    return ["a.txt", "b.txt", "-q"]


def _cache_healed(d: Path, result: subprocess.CompletedProcess) -> str | None:
    with sqlite3.connect(d / "cache" / frame_cache.FILENAME) as db:
        ok = db.execute("PRAGMA integrity_check").fetchone()
    return None if ok == ("ok",) else f"the frame cache is still damaged: {ok}"


def _then(*args: str, prepare: Callable[[Path], object] = _pair) -> Callable[[Path], list[str]]:
    """A setup that makes the pair of articles (or runs ``prepare``) and gives ``args``."""

    def setup(d: Path) -> list[str]:
        prepare(d)
        return list(args)

    return setup


def _also(*steps: Callable[[Path], object]) -> Callable[[Path], None]:
    def prepare(d: Path) -> None:
        _pair(d)
        for step in steps:
            step(d)

    return prepare


def _baseline_text(text: str) -> Callable[[Path], object]:
    return lambda d: _baseline(d, text=text)


def _link(target: str, name: str) -> Callable[[Path], object]:
    return lambda d: os.symlink(target, d / name)


SURROGATE_ENTRY = (
    '{"version": 3, "acknowledged": [{"articles": ["x\\ud800.txt"], "fingerprint": "f", "figures": ["1", "2"], '
    '"count": "killed", "sentences": []}]}'
)
NONUTF8 = os.fsdecode(b"caf\xe9.txt")


def probes() -> list[Probe]:
    none_or_found = frozenset({0, 1})
    trouble = frozenset({2})
    found = frozenset({1})
    nothing = frozenset({0})
    base = _trickle_server()
    empty = '{"version": 3, "acknowledged": []}'
    config = _config
    return [
        Probe(
            "nonutf8-name --write-baseline",
            _then("a.txt", NONUTF8, "--write-baseline", "base.json", prepare=_also(_nonutf8, _baseline_text(empty))),
            nothing,
            outputs=("base.json",),
            check=lambda d, r: _valid_baseline(d),
        ),
        Probe(
            "nonutf8-name -o r.json",
            _then("a.txt", NONUTF8, "--format", "json", "-o", "r.json", prepare=_nonutf8),
            found,
            outputs=("r.json",),
        ),
        Probe(
            "baseline with a lone surrogate, rewritten",
            _then("a.txt", "b.txt", "--write-baseline", "base.json", prepare=_also(_baseline_text(SURROGATE_ENTRY))),
            nothing,
            outputs=("base.json",),
            check=lambda d, r: _valid_baseline(d),
        ),
        Probe(
            "full disk during --write-baseline",
            _then("a.txt", "b.txt", "--write-baseline", "base.json", prepare=_also(_baseline_text(empty + " " * 4000))),
            trouble,
            limit_file_bytes=300,
            env={"CLAIMDIFF_CACHE_DIR": "/nonexistent/claimdiff-cache"},
            check=lambda d, r: None if "base.json" in r.stderr and "None" not in r.stderr else "baseline not named",
        ),
        Probe(
            "-o a hard link of an input",
            _then("a.txt", "b.txt", "-o", "h.txt", prepare=_also(lambda d: os.link(d / "a.txt", d / "h.txt"))),
            trouble,
        ),
        Probe("-o the file on stdin", _then("-", "b.txt", "-o", "a.txt"), trouble, stdin="a.txt"),
        Probe(
            "-o the --baseline",
            _then("a.txt", "b.txt", "--baseline", "base.json", "-o", "base.json", prepare=_also(_baseline_text(empty))),
            trouble,
        ),
        Probe(
            "-o the --write-baseline", _then("a.txt", "b.txt", "--write-baseline", "w.json", "-o", "w.json"), trouble
        ),
        Probe("scan -o an article of the folder", lambda d: [*_scan_folder(d), "-o", "feed/a.txt"], trouble),
        Probe("--baseline /dev/zero", _then("a.txt", "b.txt", "--baseline", "/dev/zero"), trouble),
        Probe(
            "config baseline = /dev/zero, --hook",
            _then("a.txt", "--hook", prepare=config('baseline = "/dev/zero"')),
            trouble,
        ),
        Probe(
            "a symbolic-link loop as an article",
            _then("l.txt", "b.txt", prepare=_also(_link("l.txt", "l.txt"))),
            trouble,
        ),
        Probe(
            "a symbolic-link loop as -o",
            _then("a.txt", "b.txt", "-o", "l.txt", prepare=_also(_link("l.txt", "l.txt"))),
            trouble,
        ),
        Probe("http://[::1", _then("http://[::1", "b.txt"), trouble),
        Probe(
            "baseline with wrong inner types",
            _then(
                "a.txt",
                "b.txt",
                "--baseline",
                "base.json",
                prepare=_also(_baseline_text('{"version": 3, "acknowledged": [{"fingerprint": [], "articles": 5}]}')),
            ),
            trouble,
        ),
        Probe(
            "baseline nested 100,000 deep",
            _then(
                "a.txt",
                "b.txt",
                "--baseline",
                "base.json",
                prepare=_also(_baseline_text("[" * 100_000 + "]" * 100_000)),
            ),
            trouble,
        ),
        Probe(
            "baseline with a UTF-8 BOM",
            _then("a.txt", "b.txt", "--baseline", "base.json", prepare=_also(_baseline_text("\ufeff" + empty))),
            found,
        ),
        Probe(
            "baseline version 99",
            _then("a.txt", "b.txt", "--baseline", "base.json", prepare=_also(_baseline_text(empty.replace("3", "99")))),
            trouble,
        ),
        Probe(
            'config min-similarity = "high"',
            _then("a.txt", "b.txt", prepare=config('min-similarity = "high"')),
            trouble,
        ),
        Probe("config baseline = 5", _then("a.txt", "b.txt", prepare=config("baseline = 5")), trouble),
        Probe('config story = "/*", --hook', _then("a.txt", "--hook", prepare=config('story = "/*"')), trouble),
        Probe('config story = "", --hook', _then("a.txt", "--hook", prepare=config('story = ""')), trouble),
        Probe("config story = 5, --hook", _then("a.txt", "--hook", prepare=config("story = 5")), trouble),
        Probe(
            "config [tool] claimdiff = 5",
            _then(
                "a.txt", "b.txt", prepare=_also(lambda d: (d / "pyproject.toml").write_text("[tool]\nclaimdiff = 5\n"))
            ),
            trouble,
        ),
        Probe("1 MB of '_a ' in Markdown", _markdown("_a " * (MB // 3)), none_or_found),
        Probe("1 MB of '**a ' in Markdown", _markdown("**a " * (MB // 4)), none_or_found),
        Probe("1 MB of '![a](' in Markdown", _markdown("![a](" * (MB // 5)), none_or_found),
        Probe("1 MB of '![' in Markdown", _markdown("![" * (MB // 2)), none_or_found),
        Probe(
            "a page that trickles (2 s deadline)",
            _then(f"{base}/slow", "b.txt", "--no-cache"),
            trouble,
            python=_FETCH_WITH_2_S,
        ),
        Probe("a redirect to ftp://", _then(f"{base}/ftp", "b.txt", "--no-cache"), trouble),
        Probe(
            "4 KB of garbage inside the frame cache",
            _damaged_cache,
            found,
            outputs=("cache",),
            env={"CLAIMDIFF_CACHE_DIR": "cache"},
            check=_cache_healed,
        ),
        Probe(
            "terminal escapes in a name",
            _then("a\x1b]0;pwned\x07\x1b[31m.txt", "b.txt"),
            trouble,
            check=lambda d, r: "raw escape on stderr" if "\x1b" in r.stderr else None,
        ),
        Probe(
            "claimdiff -- -x.txt b.txt",
            _then("--", "-x.txt", "b.txt", prepare=_also(lambda d: (d / "-x.txt").write_text(A))),
            found,
        ),
        Probe("--min-similarity nan", _then("a.txt", "b.txt", "--min-similarity", "nan"), trouble),
        Probe("--min-similarity 2", _then("a.txt", "b.txt", "--min-similarity", "2"), trouble),
        Probe("--min-similarity inf", _then("a.txt", "b.txt", "--min-similarity", "inf"), trouble),
        Probe("scan: non-UTF-8 name, FIFO, dangling link, loop", _scan_folder, found, check=_scan_names_every_skip),
    ]


def _snapshot(folder: Path) -> dict[str, str]:
    """Every regular file under ``folder`` (links not followed) and the SHA-256 of its bytes."""
    out = {}
    for dirpath, _, files in os.walk(folder):
        for name in files:
            path = Path(dirpath) / name
            if path.is_symlink() or not path.is_file():
                continue
            try:
                out[os.path.relpath(path, folder)] = hashlib.sha256(path.read_bytes()).hexdigest()
            except OSError:
                continue
    return out


def run_probe(probe: Probe) -> dict:
    with tempfile.TemporaryDirectory(prefix="claimdiff-fuzz-") as tmp:
        folder = Path(tmp)
        args = probe.setup(folder)
        before = _snapshot(folder)
        env = {**os.environ, "NO_COLOR": "1", "COLUMNS": "120", "PYTHONPATH": str(ROOT)}
        env.setdefault("CLAIMDIFF_CACHE_DIR", str(folder / ".cache-default"))
        env.update(probe.env)
        for name in ("http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"):
            env.pop(name, None)
        command = (
            [sys.executable, "-c", probe.python, *args] if probe.python else [sys.executable, "-m", "checker", *args]
        )
        limit = probe.limit_file_bytes

        def preexec() -> None:
            if limit is not None:
                resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

        stdin = open(folder / probe.stdin, "rb") if probe.stdin else subprocess.DEVNULL  # noqa: SIM115
        clock = time.perf_counter()
        try:
            result = subprocess.run(
                command, cwd=folder, env=env, stdin=stdin, capture_output=True, timeout=120, preexec_fn=preexec
            )
        finally:
            if probe.stdin:
                stdin.close()
        seconds = time.perf_counter() - clock
        result = subprocess.CompletedProcess(
            result.args,
            result.returncode,
            result.stdout.decode("utf-8", "replace"),
            result.stderr.decode("utf-8", "replace"),
        )
        after = _snapshot(folder)
        changed = sorted(
            p
            for p in set(before) | set(after)
            if before.get(p) != after.get(p)
            and p in before  # a new file is an output; a changed or removed one is what must not happen
            and not any(p == o or p.startswith(o + os.sep) for o in probe.outputs)
        )
        lines = [line for line in result.stderr.splitlines() if line.strip()]
        problems = []
        if result.returncode not in probe.expect:
            problems.append(f"exit {result.returncode}, expected {sorted(probe.expect)}")
        if "Traceback" in result.stderr:
            problems.append("traceback")
        if result.returncode == 2 and len(lines) != 1:
            problems.append(f"{len(lines)} lines of trouble")
        if any(c < " " and c != "\t" for line in lines for c in line):
            problems.append("raw control character on stderr")
        if changed:
            problems.append(f"changed: {', '.join(changed)}")
        if seconds > MAX_S:
            problems.append(f"{seconds:.1f} s")
        if probe.check is not None:
            extra = probe.check(folder, result)
            if extra:
                problems.append(extra)
        return {
            "probe": probe.name,
            "exit": result.returncode,
            "stderr_lines": len(lines),
            "changed": bool(changed),
            "seconds": round(seconds, 2),
            "ok": not problems,
            "problems": problems,
            "stderr": lines[-1][:160] if lines else "",
        }


def hostile(only: str | None = None, as_json: bool = False) -> int:
    rows = [run_probe(p) for p in probes() if only is None or only.lower() in p.name.lower()]
    if as_json:
        print(json.dumps(rows, indent=2, ensure_ascii=False))
    else:
        print(f"{'probe':48} {'exit':>4} {'lines':>5} {'changed':>7} {'s':>6}  result")
        for r in rows:
            verdict = "ok" if r["ok"] else "FAIL: " + "; ".join(r["problems"])
            print(
                f"{r['probe'][:48]:48} {r['exit']:>4} {r['stderr_lines']:>5} {r['changed']!s:>7} "
                f"{r['seconds']:>6.2f}  {verdict}"
            )
            if not r["ok"]:
                print(f"{'':48}   stderr: {r['stderr']}")
        print(f"{sum(r['ok'] for r in rows)}/{len(rows)} probes as documented")
    return 0 if all(r["ok"] for r in rows) else 1


# -- atheris: coverage-guided, bytes in -------------------------------------------------------------------------


def one_input(data: bytes) -> None:
    """One fuzz input through decoding, splitting, extraction and claim finding, checking their contracts."""
    from checker.articles import Article, _decode
    from checker.claims import find_claims
    from checker.errors import InputError
    from checker.quantities import extract
    from checker.sentences import split

    try:
        text, _ = _decode(data, "fuzz")
    except InputError:
        return
    sentences = split(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for q in extract(s.text):
            assert s.text[q.start : q.end] == q.text
            assert q.low is None or q.high is None or q.low <= q.high, q
    article = Article(id="A", path="fuzz", title="fuzz", text=text)
    for claim in find_claims(article, sentences):
        q = claim.quantity
        assert claim.sentence.text[q.start : q.end] == q.text


def atheris_main(argv: list[str]) -> None:
    import atheris

    with atheris.instrument_imports():
        for module in ("checker.articles", "checker.claims", "checker.quantities", "checker.sentences"):
            importlib.import_module(module)
    atheris.Setup([sys.argv[0], *argv], one_input)
    atheris.Fuzz()


def main() -> int:
    if sys.argv[1:2] == ["atheris"]:
        atheris_main(sys.argv[2:])
        return 0
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--only", help="run the probes whose name holds this text")
    parser.add_argument("--json", action="store_true", help="one JSON list of rows instead of a table")
    args = parser.parse_args()
    socket.setdefaulttimeout(30)
    return hostile(args.only, args.json)


if __name__ == "__main__":
    raise SystemExit(main())
