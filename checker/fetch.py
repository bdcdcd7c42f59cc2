"""Fetch an article from the web: one GET with a timeout and a size cap, kept for a while in the user's cache.

Only what the reader names is fetched (``claimdiff https://...``); nothing else in claimdiff opens a connection.
"""

from __future__ import annotations

import hashlib
import os
import time
import urllib.error
import urllib.request
from pathlib import Path

from checker.errors import InputError

#: Seconds to wait for the server: a news page answers in well under a second; a stalled one must not hang a hook.
TIMEOUT_S = 20
#: Largest page read: news pages with their scripts run to a few MB; anything bigger is not an article.
MAX_BYTES = 16 * 2**20
#: A page fetched within this many seconds is read again from the cache: a re-run after editing the draft sees
#: the same copy, while a live story is fetched afresh an hour later.
CACHE_MAX_AGE_S = 3600


def fetch(url: str, *, offline: bool = False, cache: bool = True) -> bytes:
    """The bytes of the page at ``url`` (http or https).

    Raises :class:`InputError` naming the address when ``offline`` (``about="offline"``), when the server cannot be
    reached or answers with an error, or when the page is larger than :data:`MAX_BYTES`.
    """
    if offline:
        raise InputError(f"{url}: a web address, and reading is offline", about="offline")
    cached = cache_directory() / f"{hashlib.sha256(url.encode('utf-8')).hexdigest()}.page" if cache else None
    if cached is not None and cached.is_file() and time.time() - cached.stat().st_mtime < CACHE_MAX_AGE_S:
        return cached.read_bytes()
    from checker import __version__

    request = urllib.request.Request(url, headers={"User-Agent": f"claimdiff/{__version__}"})
    try:
        with urllib.request.urlopen(request, timeout=TIMEOUT_S) as response:
            raw = response.read(MAX_BYTES + 1)
    except urllib.error.HTTPError as exc:
        raise InputError(f"{url}: the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        raise InputError(f"{url}: cannot fetch it ({exc.reason})") from None
    except (TimeoutError, OSError, ValueError) as exc:
        raise InputError(f"{url}: cannot fetch it ({exc})") from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"{url}: the page is larger than the {MAX_BYTES // 2**20} MB limit")
    if cached is not None:
        _store(cached, raw)
    return raw


def cache_directory() -> Path:
    """Where fetched pages are kept: ``pages`` in claimdiff's cache folder (``$CLAIMDIFF_CACHE_DIR`` or the
    platform's per-user cache)."""
    if os.environ.get("CLAIMDIFF_CACHE_DIR"):
        return Path(os.environ["CLAIMDIFF_CACHE_DIR"]) / "pages"
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimdiff", appauthor=False)) / "pages"


def _store(path: Path, raw: bytes) -> None:
    """Write atomically (two runs may fetch at once); a cache that cannot be written only costs a fetch."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_bytes(raw)
        partial.replace(path)
    except OSError:
        pass
