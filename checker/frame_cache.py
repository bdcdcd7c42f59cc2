"""Frames kept between runs, so that a draft checked again on every save is not parsed again.

One SQLite file beside the vector cache (:class:`embeddings.cache.Store`), keyed by the SHA-256 of the parser's
name and the sentence. Like the vector cache it holds no article text: a sentence's entry is the character spans
of its asides and, for each quantity span, its frame with every word of the copy written as a character span of
the sentence; the only words stored are the lemmas of the counted noun and of the predicate ("child",
"evacuate"), which are dictionary forms, not the copy.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass

from checker.frames import Frame
from embeddings.cache import Store, default_directory

FILENAME = "frames-v7.sqlite3"

_stores: dict[str, Store] = {}


def store() -> Store:
    """The frame store of the current cache directory (``$CLAIMDIFF_CACHE_DIR`` is read on every call), one per
    directory and process, so that its connection stays open between the stories of a scan."""
    path = str(default_directory())
    if path not in _stores:
        _stores[path] = Store(FILENAME, path)
    return _stores[path]


@dataclass(frozen=True)
class Reading:
    """What the parse says of one sentence: the spans of its asides (relative clauses, appositions) and the frame
    of each quantity span."""

    asides: tuple[tuple[int, int], ...]
    frames: dict[tuple[int, int], Frame]


def key(model: str, sentence: str) -> bytes:
    return hashlib.sha256(f"{model}\0{sentence}".encode("utf-8", "surrogatepass")).digest()


def encode(reading: Reading, sentence: str) -> bytes:
    """The reading as stored: words of the copy as spans of ``sentence``."""
    lowered = sentence.lower()
    frames = [[s, e, _encode_frame(f, lowered)] for (s, e), f in reading.frames.items()]
    return json.dumps({"asides": reading.asides, "frames": frames}).encode()


def decode(blob: bytes, sentence: str) -> Reading | None:
    """The reading stored for ``sentence``, or None for an entry that does not fit it (a damaged row)."""
    try:
        data = json.loads(blob)
        lowered = sentence.lower()
        frames = {(s, e): _decode_frame(f, lowered) for s, e, f in data["frames"]}
        return Reading(tuple(tuple(a) for a in data["asides"]), frames)
    except (ValueError, KeyError, TypeError, IndexError):
        return None


def _encode_frame(f: Frame, lowered: str) -> list:
    owner = lowered.find(f.owner) if f.owner else -1
    return [
        f.noun,
        f.predicate,
        f.planned,
        f.part,
        f.verbal,
        f.group_name,
        f.predicate_at,
        len(f.predicate_word or ""),
        [owner, owner + len(f.owner)] if f.owner else None,
        f.role,
        list(f.source) if f.source else None,
    ]


def _decode_frame(row: Sequence, lowered: str) -> Frame:
    noun, predicate, planned, part, verbal, group_name, at, length, owner, role, source = row
    return Frame(
        noun=noun,
        predicate=predicate,
        planned=planned,
        part=part,
        predicate_word=lowered[at : at + length] if length else None,
        predicate_at=at,
        verbal=verbal,
        owner=lowered[owner[0] : owner[1]] if owner else None,
        group_name=group_name,
        role=role,
        source=tuple(source) if source else None,
    )
