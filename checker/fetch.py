"""Fetch an article from the web: one GET with a deadline and a size cap, kept for a while in the user's cache.

Only what the reader names is fetched (``claimdiff https://...``); nothing else in claimdiff opens a connection.
The whole page (name lookup, connection, headers, body) must arrive within :data:`TIMEOUT_S`: a server that trickles
a byte every few seconds cannot hold a hook. Redirects are followed to http and https addresses only, and the
address a page came from is reported (:func:`fetch_page`).
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import os
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

from checker.errors import InputError
from checker.safeio import atomic_write, printable

#: Seconds for the whole page, from the name lookup to its last byte: a news page arrives in well under a second;
#: a stalled or trickling one must not hang a hook.
TIMEOUT_S = 20
#: Largest page read: news pages with their scripts run to a few MB; anything bigger is not an article.
MAX_BYTES = 16 * 2**20
#: A page fetched within this many seconds is read again from the cache: a re-run after editing the draft sees
#: the same copy, while a live story is fetched afresh an hour later.
CACHE_MAX_AGE_S = 3600
#: Redirects followed at most (urllib's own limit is 10; a news page needs one or two).
MAX_REDIRECTS = 5
_SCHEMES = ("http", "https")
_CHUNK = 64 * 1024


def fetch(url: str, *, offline: bool = False, cache: bool = True) -> bytes:
    """The bytes of the page at ``url`` (http or https): :func:`fetch_page` without the final address."""
    return fetch_page(url, offline=offline, cache=cache)[0]


def fetch_page(url: str, *, offline: bool = False, cache: bool = True) -> tuple[bytes, str]:
    """The bytes of the page at ``url`` (http or https), and the address they came from after redirects.

    Raises :class:`InputError` naming the address, on one line, when ``offline`` (``about="offline"``), when the
    address is malformed, when the server cannot be reached, answers with an error, redirects to anything but
    http(s) or more than :data:`MAX_REDIRECTS` times, does not deliver the whole page within :data:`TIMEOUT_S`, or
    when the page is larger than :data:`MAX_BYTES`.
    """
    name = printable(url)
    if offline:
        raise InputError(f"{name}: a web address, and reading is offline", about="offline")
    cached = cache_directory() / f"{hashlib.sha256(url.encode('utf-8', 'surrogatepass')).hexdigest()}.page"
    if cache and _fresh(cached):
        with contextlib.suppress(OSError):
            final = _read_final(cached) or url
            return cached.read_bytes(), final
    raw, final = _get_within_deadline(url, name)
    if len(raw) > MAX_BYTES:
        raise InputError(f"{name}: the page is larger than the {MAX_BYTES // 2**20} MB limit")
    if cache:
        _store(cached, raw, final if final != url else None)
    return raw, final


def _get_within_deadline(url: str, name: str) -> tuple[bytes, str]:
    """GET ``url`` in a worker thread and wait for it at most :data:`TIMEOUT_S` in all (a socket timeout alone
    bounds each read, not their sum)."""
    deadline = time.monotonic() + TIMEOUT_S
    box: dict[str, object] = {}
    stop = threading.Event()

    def work() -> None:
        try:
            box["page"] = _get(url, deadline, stop)
        except BaseException as exc:  # handed to the caller, which words it
            box["error"] = exc

    worker = threading.Thread(target=work, name="claimdiff-fetch", daemon=True)
    worker.start()
    worker.join(TIMEOUT_S)
    if worker.is_alive():  # the daemon thread ends with its socket's timeout, or with the process
        stop.set()
        raise InputError(f"{name}: cannot fetch it (no complete page within {TIMEOUT_S:g} s)")
    error = box.get("error")
    if error is not None:
        raise _in_words(error, name)
    return box["page"]  # type: ignore[return-value]


def _get(url: str, deadline: float, stop: threading.Event) -> tuple[bytes, str]:
    from checker import __version__

    if urllib.parse.urlsplit(url).scheme.lower() not in _SCHEMES:
        raise InputError(f"{printable(url)}: only http and https addresses are fetched")
    request = urllib.request.Request(url, headers={"User-Agent": f"claimdiff/{__version__}"})
    opener = urllib.request.build_opener(_Redirects())
    with opener.open(request, timeout=max(0.05, deadline - time.monotonic())) as response:
        chunks, size = [], 0
        while size <= MAX_BYTES:
            if stop.is_set() or time.monotonic() > deadline:
                raise TimeoutError(f"no complete page within {TIMEOUT_S:g} s")
            chunk = response.read1(_CHUNK) if hasattr(response, "read1") else response.read(_CHUNK)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
        return b"".join(chunks), response.geturl()


class _Redirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib also follows ftp), at most :data:`MAX_REDIRECTS` of them."""

    max_redirections = MAX_REDIRECTS

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        target = urllib.parse.urljoin(req.full_url, newurl)
        if urllib.parse.urlsplit(target).scheme.lower() not in _SCHEMES:
            raise InputError(
                f"{printable(req.full_url)}: redirected to {printable(target)}, which is not an http(s) address"
            )
        return super().redirect_request(req, fp, code, msg, headers, target)


def _in_words(error: BaseException, name: str) -> BaseException:
    """Any failure of a fetch as one :class:`InputError` line naming the address."""
    if isinstance(error, InputError):
        return error
    if isinstance(error, urllib.error.HTTPError):
        return InputError(f"{name}: the server answered {error.code} {printable(error.reason)}")
    if isinstance(error, urllib.error.URLError):
        return InputError(f"{name}: cannot fetch it ({_line(error.reason)})")
    if isinstance(error, OSError | ValueError | TimeoutError | http.client.HTTPException):
        return InputError(f"{name}: cannot fetch it ({_line(error) or type(error).__name__})")
    return error  # an interrupt or a bug: not the page's fault


def _line(reason: object) -> str:
    text = str(reason).strip()
    return printable(text.splitlines()[0] if text else "")


def _fresh(path: Path) -> bool:
    try:
        return path.is_file() and time.time() - path.stat().st_mtime < CACHE_MAX_AGE_S
    except OSError:
        return False


def _read_final(page: Path) -> str | None:
    try:
        return page.with_suffix(".url").read_text(encoding="utf-8").strip() or None
    except (OSError, ValueError):
        return None


def cache_directory() -> Path:
    """Where fetched pages are kept: ``pages`` in claimdiff's cache folder (``$CLAIMDIFF_CACHE_DIR`` or the
    platform's per-user cache)."""
    if os.environ.get("CLAIMDIFF_CACHE_DIR"):
        return Path(os.environ["CLAIMDIFF_CACHE_DIR"]) / "pages"
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimdiff", appauthor=False)) / "pages"


def _store(path: Path, raw: bytes, final: str | None) -> None:
    """Write atomically (two runs may fetch at once); a cache that cannot be written only costs a fetch. The
    address redirected to is kept beside the page, so a cached read reports it too."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        if final:
            atomic_write(path.with_suffix(".url"), final.encode("utf-8", "surrogatepass"))
        else:
            with contextlib.suppress(FileNotFoundError):
                path.with_suffix(".url").unlink()
        atomic_write(path, raw)
    except OSError:
        pass
