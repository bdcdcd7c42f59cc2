"""Frames kept between runs (checker.frame_cache): the same answer, no parse, and no copy in the cache."""

from __future__ import annotations

import itertools
import json
import os
import subprocess
import sys

from checker import frames
from checker.frame_cache import FILENAME
from checker.frames import read
from tests.conftest import BELGOROD, ROOT

SENTENCES = [
    ("Ferry sinks off the coast: 34 dead, 120 rescued", [(27, 29), (36, 39)]),
    ("Officials said around 9,000 children would be evacuated from the region.", [(15, 27)]),
    ("Toyota recalled 2.3 million vehicles on Tuesday.", [(16, 27)]),
]


def test_a_kept_reading_is_the_reading(tmp_path, monkeypatch):
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    fresh = read(SENTENCES, cache=False)
    frames._read.clear()  # as in a new process
    read(SENTENCES, cache=True)  # parses and keeps them
    frames._read.clear()
    kept = read(SENTENCES, cache=True)
    assert (tmp_path / FILENAME).exists()
    assert kept == fresh
    assert kept[SENTENCES[0][0]].frames[(36, 39)].predicate == "rescue"


PROBE = (
    "import sys, json, checker; r = checker.compare({paths}); print(json.dumps(['spacy' in sys.modules, r.to_dict()]))"
)


def test_a_second_run_parses_nothing_and_answers_the_same(tmp_path):
    env = {**os.environ, "CLAIMDIFF_CACHE_DIR": str(tmp_path)}
    code = PROBE.format(paths=[str(p) for p in BELGOROD])
    runs = [
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True) for _ in "ab"
    ]
    (parsed_first, first), (parsed_again, again) = (json.loads(r.stdout) for r in runs)
    assert parsed_first and not parsed_again
    assert first == again


def test_the_cache_holds_no_copy(tmp_path, monkeypatch):
    """Only the lemmas of a figure's noun and predicate are words ("vehicle", "recall"); the copy is spans."""
    monkeypatch.setenv("CLAIMDIFF_CACHE_DIR", str(tmp_path))
    frames._read.clear()
    read(SENTENCES, cache=True)
    stored = (tmp_path / FILENAME).read_bytes().lower()
    for sentence, _ in SENTENCES:
        words = sentence.lower().split()
        for pair in itertools.pairwise(words):
            assert " ".join(pair).encode() not in stored, pair
    assert b"toyota" not in stored and b"officials" not in stored  # an owner and a subject: spans only


def test_reading_ahead_in_worker_processes_is_reading_here(monkeypatch):
    alone = read(SENTENCES, cache=False)
    frames._read.clear()
    monkeypatch.setattr(frames, "_readings", _readings_not_in_this_process)
    with frames.ReadAhead(2, cache=False) as ahead:
        first, second = ahead.submit(SENTENCES[:1]), ahead.submit(SENTENCES[1:])
        shared = {**ahead.collect(second), **ahead.collect(first)}
    assert shared == alone


_PARENT = os.getpid()
_READINGS = frames._readings


def _readings_not_in_this_process(jobs):
    """``frames._readings`` that fails in the test's own process: the work must go to the workers."""
    assert os.getpid() != _PARENT, "read in the parent process"
    return _READINGS(jobs)


def test_a_worker_that_dies_leaves_its_sentences_to_be_read_here(monkeypatch):
    alone = read(SENTENCES, cache=False)
    frames._read.clear()
    monkeypatch.setattr(frames, "_readings", _readings_dying_in_workers)
    with frames.ReadAhead(2, cache=False) as ahead:
        first = ahead.collect(ahead.submit(SENTENCES))
        frames._read.clear()
        second = ahead.collect(ahead.submit(SENTENCES))  # no workers any more: read here
    assert first == second == alone


def _readings_dying_in_workers(jobs):
    if os.getpid() != _PARENT:
        os._exit(1)  # as a worker killed for memory
    return _READINGS(jobs)
