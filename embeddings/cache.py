"""An on-disk cache of sentence vectors, so that a desk re-running after an edit re-embeds only what changed.

One SQLite file per user (``platformdirs.user_cache_dir("claimdiff")``, or ``$CLAIMDIFF_CACHE_DIR``), keyed by the
encoder's name and the SHA-256 of the sentence: the text itself is never written, so embargoed copy does not land in
the cache. SQLite is used because it already solves what a hand-made file format would have to: two processes writing
at once (its own locking, WAL journal) and a half-written file (transactions). The cache can only ever make a run
faster: a corrupt file (unreadable at open, or a damaged page met by a later read or write) is deleted and rebuilt
once, and a locked or unwritable one is skipped for the rest of the run after one wait, with a note on stderr
(logger ``claimdiff``), not waited for again at every call.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import sqlite3
import threading
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from embeddings import Encoder

FILENAME = "embeddings-v1.sqlite3"
#: How long a process waits for another one's write before it gives up caching (it still encodes). Writes take
#: milliseconds; two seconds covers a slow disk without stalling a save hook.
LOCK_TIMEOUT_S = 2.0


def default_directory() -> Path:
    """``$CLAIMDIFF_CACHE_DIR`` if set, else the platform's per-user cache directory for claimdiff."""
    if os.environ.get("CLAIMDIFF_CACHE_DIR"):
        return Path(os.environ["CLAIMDIFF_CACHE_DIR"])
    import platformdirs

    return Path(platformdirs.user_cache_dir("claimdiff", appauthor=False))


def _key(model: str, text: str) -> bytes:
    return hashlib.sha256(f"{model}\0{text}".encode("utf-8", "surrogatepass")).digest()


_log = logging.getLogger("claimdiff.cache")


class Store:
    """A key-to-bytes table in one SQLite file of the cache directory, shared by processes.

    ``get`` and ``put`` never raise: a store that cannot be opened (locked, unwritable) answers nothing and keeps
    nothing for the rest of the run (``skipped`` says why), and a corrupt file is deleted and made anew once.
    """

    def __init__(
        self,
        filename: str,
        directory: str | os.PathLike | None = None,
        *,
        table: str = "entries",
        column: str = "value",
    ) -> None:
        self.path = Path(directory if directory is not None else default_directory()) / filename
        self.table, self.column = table, column
        # One connection per thread and process, kept open: opening one (WAL mode, table check) cost more than the
        # reads and writes of a story (a GVA scan opened 7,736 for 9.6 s of 379 s). A connection is never shared
        # by threads (Dask workers run tasks on several) nor carried across a fork.
        self._local = threading.local()
        self._open: list[tuple[int, sqlite3.Connection]] = []
        #: Why this store is not used for the rest of the run (locked past LOCK_TIMEOUT_S, damaged again after a
        #: rebuild, unwritable), or None. Set once, noted once: every later call answers at once.
        self.skipped: str | None = None
        self._rebuilt = False

    def __del__(self) -> None:
        # at interpreter exit the modules close() uses, contextlib itself included, may be gone already
        try:  # noqa: SIM105
            self.close()
        except Exception:
            pass

    def close(self) -> None:
        """Close the connections this store opened in this process. A sqlite3 connection holds a reference cycle,
        so without this it would stay open (and hold its locks) until the garbage collector runs."""
        opened = self.__dict__.get("_open", [])  # __del__ of a store whose __init__ failed
        for pid, db in opened:
            if pid == os.getpid():  # a forked child leaves its parent's connections alone
                with contextlib.suppress(sqlite3.Error):
                    db.close()
        opened.clear()
        self._local = threading.local()  # every thread opens anew on its next call

    def _db(self) -> sqlite3.Connection | None:
        if self.skipped is not None:
            return None
        held = getattr(self._local, "db", None)
        if held is not None and held[0] == os.getpid():
            return held[1]
        db = self._connect()
        if db is None and self.skipped is None:
            self._skip("it cannot be opened", note=False)  # an unwritable cache folder is the user's choice
        self._local.db = (os.getpid(), db) if db is not None else None
        if db is not None:
            self._open.append((os.getpid(), db))
        return db

    def _drop(self) -> None:
        """Close this thread's connection after an error: the next call opens the file anew (and rebuilds it if
        it was damaged)."""
        held = getattr(self._local, "db", None)
        self._local.db = None
        if held is not None and held[0] == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                held[1].close()
            with contextlib.suppress(ValueError):
                self._open.remove(held)

    def _connect(self) -> sqlite3.Connection | None:
        """Open (creating if needed) the store; None when it cannot be used. A corrupt file is replaced once."""
        for attempt in range(2):
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(
                    self.path, timeout=LOCK_TIMEOUT_S, isolation_level=None, check_same_thread=False
                )  # used by the thread that opened it only; closed by whichever thread closes the store
                db.execute("PRAGMA journal_mode=WAL")
                # a cache may lose its last writes to a power cut, never its consistency: WAL commits then need no
                # fsync each (a scan commits twice a story)
                db.execute("PRAGMA synchronous=NORMAL")
                db.execute(
                    f"CREATE TABLE IF NOT EXISTS {self.table} (key BLOB PRIMARY KEY, {self.column} BLOB NOT NULL)"
                )
                db.execute(f"SELECT count(*) FROM {self.table} WHERE key = x''").fetchone()
                return db
            except sqlite3.DatabaseError as exc:
                if "locked" in str(exc) or "busy" in str(exc):
                    self._skip("another process holds it locked")
                    return None
                if attempt or not _is_corrupt(exc):
                    return None
                self._rebuilt = True
                _remove(self.path)
            except OSError:
                return None
        return None

    def _skip(self, why: str, *, note: bool = True) -> None:
        """Use no store for the rest of this run (in this process), and say so once."""
        if self.skipped is None:
            self.skipped = why
            if note:
                _log.warning("claimdiff: cache %s not used for this run: %s", self.path, why)

    def _failed(self, exc: sqlite3.DatabaseError) -> bool:
        """After a read or write failed: True when the store was rebuilt and the call may be tried again; else the
        store is skipped for the run. A damaged page is met by a read, not by opening the file, so this is where
        a store damaged inside heals."""
        self._drop()
        if _is_corrupt(exc) and not self._rebuilt:
            self._rebuilt = True
            self.close()  # every connection of this process lets go of the damaged file
            _remove(self.path)
            _log.warning("claimdiff: cache %s was damaged; rebuilt", self.path)
            return True
        locked = "locked" in str(exc) or "busy" in str(exc)
        self._skip("another process holds it locked" if locked else f"it fails ({exc})")
        return False

    def get(self, keys: Sequence[bytes]) -> dict[bytes, bytes]:
        """The stored values of those ``keys`` the store has."""
        for _ in range(2):  # once more after a damaged store was rebuilt
            db = self._db()
            if db is None:
                return {}
            found: dict[bytes, bytes] = {}
            try:
                for start in range(0, len(keys), 500):  # SQLite's default limit on bound parameters is 999
                    chunk = list(keys[start : start + 500])
                    marks = ",".join("?" * len(chunk))
                    query = f"SELECT key, {self.column} FROM {self.table} WHERE key IN ({marks})"
                    found.update(db.execute(query, chunk))
            except sqlite3.DatabaseError as exc:
                if not self._failed(exc):
                    return {}
                continue
            return found
        return {}

    def put(self, rows: Sequence[tuple[bytes, bytes]]) -> None:
        """Store ``rows`` in one transaction (all rows or none; in WAL mode with ``synchronous=NORMAL`` a commit is
        not flushed to disk at once, so a power cut may lose the last ones, never the file's consistency)."""
        if not rows:
            return
        for _ in range(2):  # once more after a damaged store was rebuilt
            db = self._db()
            if db is None:
                return
            try:
                db.execute("BEGIN IMMEDIATE")
                db.executemany(f"INSERT OR REPLACE INTO {self.table} (key, {self.column}) VALUES (?, ?)", rows)
                db.execute("COMMIT")
                return
            except sqlite3.DatabaseError as exc:
                # locked by another process for longer than LOCK_TIMEOUT_S, a full disk, a damaged page: the run
                # goes on, uncached or with the store rebuilt
                with contextlib.suppress(sqlite3.Error):
                    if db.in_transaction:
                        db.rollback()
                if not self._failed(exc):
                    return


class CachedEncoder:
    """Wraps an :class:`~embeddings.Encoder`; answers from the cache what it has seen and stores what it encodes."""

    def __init__(self, encoder: Encoder, directory: str | os.PathLike | None = None) -> None:
        self.encoder = encoder
        self.name = encoder.name
        self.store = Store(FILENAME, directory, table="vectors", column="vector")
        self.path = self.store.path
        self.hits = 0
        self.misses = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Same contract as the wrapped encoder."""
        keys = [_key(self.name, t) for t in texts]
        found = {}
        for key, blob in self.store.get(keys).items():
            vector = np.frombuffer(blob, dtype=np.float32)
            if vector.size and np.isfinite(vector).all():  # a damaged row is a miss, not an answer
                found[key] = vector
        missing = [i for i, k in enumerate(keys) if k not in found]
        self.hits += len(texts) - len(missing)
        self.misses += len(missing)
        fresh = self.encoder.encode([texts[i] for i in missing]) if missing else None
        if fresh is None:
            dimension = len(next(iter(found.values()))) if found else 0
            out = np.zeros((len(texts), dimension), dtype=np.float32)
        else:
            out = np.zeros((len(texts), fresh.shape[1]), dtype=np.float32)
            for row, i in enumerate(missing):
                out[i] = fresh[row]
            self.store.put(
                [(keys[i], np.asarray(fresh[row], dtype=np.float32).tobytes()) for row, i in enumerate(missing)]
            )
        for i, k in enumerate(keys):
            if k in found and len(found[k]) == out.shape[1]:
                out[i] = found[k]
        return out


def _is_corrupt(exc: sqlite3.DatabaseError) -> bool:
    text = str(exc).lower()
    return "not a database" in text or "malformed" in text or "corrupt" in text or "disk i/o" in text


def _remove(path: Path) -> None:
    for suffix in ("", "-wal", "-shm"):
        try:
            Path(f"{path}{suffix}").unlink()
        except FileNotFoundError:
            pass
        except OSError:
            return
