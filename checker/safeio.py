"""Files in and out without losing anything: atomic writes, bounded reads, file identity, printable names.

- :func:`atomic_write` writes a temporary file beside the target, flushes and fsyncs it, and renames it over the
  target, so a crash, a full disk or an encoding error leaves the old file whole (or no file), never half of one.
- :func:`read_bounded` reads at most a given number of bytes from a file a user or a repository names, so that
  ``--baseline /dev/zero`` is one line, not a process killed for memory.
- :func:`identity` and :func:`clashes` say whether two names are the same file (device and inode, or real path), so
  that no output ever replaces an input, whether named twice, by a hard link, a symbolic link or standard input.
- :func:`printable` shows any name safely on a terminal: surrogates (bytes that are not UTF-8) and control
  characters (terminal escapes) escaped, never raw.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from checker.errors import InputError

#: A baseline or a config file larger than this is not one: a desk's baseline of 10,000 acknowledged differences
#: is about 5 MB.
MAX_SMALL_FILE_BYTES = 32 * 2**20


def printable(name: object) -> str:
    """``name`` as text that is safe to print on a terminal and encodes as UTF-8: a byte that is not UTF-8 (a
    surrogate escape from the file system) as ``\\xe9``, a control character as ``\\x1b``, ``\\n`` or ``\\t``.

    >>> printable("caf\\udce9.txt"), printable("a\\x1b[31mb")
    ('caf\\\\xe9.txt', 'a\\\\x1b[31mb')
    """
    text = os.fspath(name) if isinstance(name, os.PathLike) else str(name)
    out = []
    for ch in text:
        code = ord(ch)
        if 0xDC80 <= code <= 0xDCFF:  # os.fsdecode's escape of one undecodable byte
            out.append(f"\\x{code - 0xDC00:02x}")
        elif 0xD800 <= code <= 0xDFFF:
            out.append(f"\\u{code:04x}")
        elif code < 32 or 0x7F <= code < 0xA0 or ch in "\u2028\u2029":
            out.append(repr(ch)[1:-1] if ch in "\n\r\t" else f"\\x{code:02x}" if code < 256 else f"\\u{code:04x}")
        else:
            out.append(ch)
    return "".join(out)


def atomic_write(path: str | os.PathLike, data: str | bytes, *, encoding: str = "utf-8") -> None:
    """Replace the file at ``path`` with ``data`` all at once: written to a temporary file in the same folder,
    flushed, fsynced and renamed over it. On any failure (a full disk, text that cannot be encoded) the old file is
    left as it was and the temporary file is removed; the error raised is an :class:`OSError` whose ``filename`` is
    ``path``, or the encoding error.

    Writing to a path that is not a regular file (``/dev/stdout``, a pipe) writes to it directly: there is nothing
    to rename over.
    """
    target = Path(path)
    raw = data.encode(encoding) if isinstance(data, str) else data  # before anything is touched
    try:
        st = os.stat(target)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise _named(exc, target) from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        if stat.S_ISDIR(st.st_mode):
            raise IsADirectoryError(21, "is a directory", str(target))
        try:
            with open(target, "wb") as f:
                f.write(raw)
        except OSError as exc:
            raise _named(exc, target) from None
        return
    # the real file behind a symbolic link is replaced, not the link
    real = Path(os.path.realpath(target)) if target.is_symlink() else target
    folder = real.parent
    fd, temporary = -1, None
    try:
        fd, temporary = tempfile.mkstemp(prefix=f".{real.name}.", suffix=".tmp", dir=folder)
        with os.fdopen(fd, "wb") as f:
            fd = -1
            f.write(raw)
            f.flush()
            os.fsync(f.fileno())
        if st is not None:  # keep the old file's permissions (mkstemp makes it 0600)
            with contextlib.suppress(OSError):
                os.chmod(temporary, stat.S_IMODE(st.st_mode))
        else:
            with contextlib.suppress(OSError):
                umask = os.umask(0)
                os.umask(umask)
                os.chmod(temporary, 0o666 & ~umask)
        os.replace(temporary, real)
        temporary = None
        _sync_folder(folder)
    except OSError as exc:
        raise _named(exc, target) from None
    finally:
        if fd >= 0:
            os.close(fd)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable; a file system that cannot fsync a folder loses nothing by skipping it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _named(exc: OSError, path: Path) -> OSError:
    """The same error, naming the target the user gave (not a temporary file, never None)."""
    named = type(exc)(exc.errno, exc.strerror or str(exc), str(path)) if exc.errno else OSError(str(exc))
    named.filename = str(path)
    return named


def read_bounded(path: str | os.PathLike, *, limit: int = MAX_SMALL_FILE_BYTES, what: str = "file") -> bytes:
    """The bytes of the regular file at ``path``, at most ``limit`` of them.

    Raises :class:`FileNotFoundError` when it is missing (the caller words that), and :class:`InputError` naming
    the file when it is not a regular file (a device, a folder, a FIFO that would block), when it is larger than
    ``limit``, or when it cannot be read (a symbolic-link loop, no permission).
    """
    name = printable(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(f"{name}: is a directory, not a {what}")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(f"{name}: not a regular file; a {what} must be one")
    if st.st_size > limit:
        raise InputError(f"{name}: larger than the {limit // 2**20} MB limit for a {what}")
    try:
        with open(path, "rb") as f:
            raw = f.read(limit + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read the {what} ({exc.strerror or exc})") from None
    if len(raw) > limit:  # it grew while being read
        raise InputError(f"{name}: larger than the {limit // 2**20} MB limit for a {what}")
    return raw


Identity = tuple[int, int]


def identity(path: str | os.PathLike | int) -> Identity | None:
    """(device, inode) of the file at ``path`` (following links), or of an open descriptor; None when there is
    no such file or it cannot be examined."""
    try:
        st = os.fstat(path) if isinstance(path, int) else os.stat(path)
    except (OSError, ValueError):
        return None
    return (st.st_dev, st.st_ino)


def stdin_identity() -> Identity | None:
    """The identity of the regular file on standard input (``claimdiff a.txt - < b.txt``), or None for a pipe or a
    terminal."""
    try:
        fd = sys.stdin.fileno() if sys.stdin is not None else 0
        st = os.fstat(fd)
    except (OSError, ValueError, AttributeError):
        return None
    return (st.st_dev, st.st_ino) if stat.S_ISREG(st.st_mode) else None


def clashes(output: str | os.PathLike, inputs: Iterable[str | os.PathLike], *, stdin: bool = False) -> str | None:
    """The input (or ``"-"``) that ``output`` would overwrite, or None. Two names are the same file when they have
    the same device and inode (a hard link, a symbolic link) or the same real path (a file not there yet)."""
    out_id = identity(output)
    out_real = os.path.realpath(output)
    for name in inputs:
        if name == "-" or "://" in str(name):
            continue
        if (out_id is not None and identity(name) == out_id) or os.path.realpath(name) == out_real:
            return str(name)
    if stdin and out_id is not None and stdin_identity() == out_id:
        return "-"
    return None
