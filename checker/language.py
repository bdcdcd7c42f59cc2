"""Is this English? A stop-word and script test, offline, for copy claimdiff cannot read.

claimdiff reads English news copy only (its quantity rules, its parser and its models are English). A Russian
report of "34 погибших" would otherwise pass as "no discrepancy", which an editor reads as "they agree". Letters of
another script (Cyrillic, Arabic, CJK...) above half of an article's letters name that script; Latin-script copy
whose share of the commonest English function words is below a measured floor, and which holds more function words
of another Latin-script language than English ones, is another language. The test is a
classic of language identification (Grefenstette 1995) and needs no model: a detector package (langdetect, fastText
lid) would add a dependency for a yes/no question this answers on every article of our corpora.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

_DATA = Path(__file__).resolve().parent / "data" / "language.toml"
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_LETTER = re.compile(r"[^\W\d_]", re.UNICODE)


@cache
def _data() -> dict:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def _scripts() -> list[tuple[str, re.Pattern]]:
    """Each script's name and a character class of its letters (a regex counts them at C speed: a 5 MB feed)."""
    return [
        (r["name"], re.compile("[" + "".join(f"\\u{lo:04x}-\\u{hi:04x}" for lo, hi in r["ranges"]) + "]"))
        for r in _data()["script"]
    ]


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(next(r for r in _data()["stopwords"] if r["name"] == "english")["words"].split())


@cache
def _other_stopwords() -> frozenset[str]:
    return frozenset(next(r for r in _data()["stopwords"] if r["name"] == "other")["words"].split())


def language_of(text: str) -> str:
    """``"english"``, or what the copy is written in instead, as a note names it ("Cyrillic script (Russian,
    Ukrainian...)", "a language other than English"). Short or letterless texts are taken as English: too little
    to tell."""
    letters = len(_LETTER.findall(text))
    if not letters:
        return "english"
    for name, pattern in _scripts():
        if len(pattern.findall(text)) * 2 > letters:
            return name
    latin = _data()["latin"][0]
    words = [w.lower() for w in _WORD.findall(text)]
    if len(words) < latin["min_words"]:
        return "english"
    english = sum(w in _stopwords() for w in words) / len(words)
    other = sum(w in _other_stopwords() for w in words) / len(words)
    # another language is written in its own function words, not merely without English ones (a table)
    return latin["name"] if english < latin["min_share"] and other > english else "english"


def all_records() -> list[tuple[str, str]]:
    """Every (text, expected) example of the data file, for the tests."""
    data = _data()
    return [tuple(x) for kind in ("stopwords", "script", "latin") for r in data[kind] for x in r["examples"]]
