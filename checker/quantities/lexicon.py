"""The word tables the quantity rules read, loaded once from ``checker/data`` into frozen lookups.

Units, currencies, qualifiers, change words, vague amounts and fractions come from ``units.toml``,
``currencies.toml``, ``qualifiers.toml`` and ``numbers.toml`` (one record an entry, with its examples and source);
the other word classes still live in :mod:`checker.vocabulary`. Multi-word entries become :class:`PhraseTable`
objects keyed by token tuples, so a rule matches "at least" or "per cent" on the tokens it already has instead of on
raw text.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from checker import vocabulary as V
from checker.quantities.tokens import tokenize

_DATA = Path(__file__).resolve().parent.parent / "data"


def _load(name: str) -> dict[str, Any]:
    with open(_DATA / f"{name}.toml", "rb") as f:
        return tomllib.load(f)


#: The records as read, for the tests that walk their examples.
UNIT_DATA = _load("units")
CURRENCY_DATA = _load("currencies")
QUALIFIER_DATA = _load("qualifiers")
NUMBER_DATA = _load("numbers")


def _unit_tables() -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(case-blind surface -> unit, cased symbol -> unit, glued-only surfaces, singular unit words)."""
    aliases: dict[str, str] = {}
    cased: dict[str, str] = {}
    glued: set[str] = set()
    singular: set[str] = set()
    for unit in UNIT_DATA["unit"]:
        aliases |= dict.fromkeys(unit.get("surfaces", ()), unit["name"])
        cased |= dict.fromkeys(unit.get("symbols", ()), unit["name"])
        glued |= set(unit.get("glued", ()))
        singular |= set(unit.get("words", ()))
    for prefix in UNIT_DATA["prefix"]:
        for base in UNIT_DATA["base"]:
            for spelling in base["spellings"]:
                word = prefix["name"] + spelling
                aliases[word] = aliases[word + "s"] = prefix["name"] + base["name"]
    for money in (*CURRENCY_DATA["currency"], *CURRENCY_DATA["subunit"]):
        aliases |= dict.fromkeys(money.get("words", ()), money["name"])
        singular |= set(money.get("singular", ()))
    for names in CURRENCY_DATA.get("names", ()):
        aliases |= dict.fromkeys(names["words"], names["currency"])  # registry names of a hand record's currency
    return aliases, cased, frozenset(glued), frozenset(singular)


_ALIASES, _CASED, _GLUED, _SINGULAR = _unit_tables()
#: Unit words and abbreviations (case-blind) -> unit name. Regular plurals are left to ``lemma``.
UNIT_ALIASES: Mapping[str, str] = MappingProxyType(_ALIASES)
#: Unit symbols whose case decides their meaning, looked up on the token as written, before UNIT_ALIASES.
CASED_UNITS: Mapping[str, str] = MappingProxyType(_CASED)
#: Abbreviations read as units only when glued to the number ("5m", "45g", "3min"): spaced, they are words.
GLUED_ONLY_UNITS = _GLUED
#: Singular words that are units by themselves, so a singular count is not needed to read them ("5.2 litre").
SINGULAR_UNITS = _SINGULAR


def _currency_table(field: str) -> Mapping[str, str]:
    return MappingProxyType({s: c["name"] for c in CURRENCY_DATA["currency"] for s in c.get(field, ())})


#: Signs of a currency ("$", "£").
CURRENCY_SYMBOLS = _currency_table("symbols")
#: ISO codes and their common spellings glued to an amount ("USD10m", "PS2.7m").
CURRENCY_CODES = _currency_table("codes")
#: Letters before "$" that name whose dollar it is ("US$", "A$", "HK$").
DOLLAR_PREFIXES = _currency_table("dollar")
#: Letters written after an amount for a currency's hundredth ("118.5p", "18 sen").
SUBUNIT_AFTER: Mapping[str, str] = MappingProxyType(
    {s: u["name"] for u in CURRENCY_DATA["subunit"] for s in u.get("after", ())}
)

#: What a unit measures: money never pairs with a length, a share with a count of people (checker/align.py).
_KIND = {u["name"]: u["kind"] for u in UNIT_DATA["unit"]}
_KIND |= {p["name"] + b["name"]: b["kind"] for p in UNIT_DATA["prefix"] for b in UNIT_DATA["base"]}
_KIND |= {b["name"]: b["kind"] for b in UNIT_DATA["base"]}
_KIND |= {c["name"]: "money" for c in CURRENCY_DATA["currency"]}


#: Units figures are converted between -> (kind, what one of them is in the kind's first unit): ``factor`` of
#: units.toml, and the metric prefixes of metres, grams and litres.
UNIT_FACTORS: Mapping[str, tuple[str, float]] = MappingProxyType(
    {
        p["name"] + b["name"]: (b["kind"], p["factor"])
        for p in UNIT_DATA["prefix"]
        for b in UNIT_DATA["base"]
        if b["name"] in ("metre", "gram", "litre")
    }
    | {u["name"]: (u["kind"], u["factor"]) for u in UNIT_DATA["unit"] if "factor" in u}
)


#: The unit each kind's ``factor`` is counted in.
FIRST_UNITS: Mapping[str, str] = MappingProxyType(
    {
        "length": "metre",
        "mass": "gram",
        "area": "square metre",
        "land": "square metre",
        "volume": "litre",
        "speed": "kilometre per hour",
    }
)


def unit_kind(unit: str | None) -> str:
    """What a unit measures ("length", "ratio", "money"), or "count" for a counted noun or none."""
    return _KIND.get(unit or "", "count")


#: Words that name a unit standing right before the number ("magnitude 6.8"), as word tuples -> unit, longest first.
UNITS_BEFORE: tuple[tuple[tuple[str, ...], str], ...] = tuple(
    sorted(
        ((tuple(b.split()), u["name"]) for u in UNIT_DATA["unit"] for b in u.get("before", ())),
        key=lambda item: -len(item[0]),
    )
)

#: Qualifier phrases before and after a number -> qualifier name.
PREFIX_QUALIFIERS = {p: q["name"] for q in QUALIFIER_DATA["qualifier"] for p in q.get("before", ())}
SUFFIX_QUALIFIERS = {p: q["name"] for q in QUALIFIER_DATA["qualifier"] for p in q.get("after", ())}
_CHANGES = {c["name"]: frozenset(c["words"].split()) for c in QUALIFIER_DATA["change"]}
CHANGE_UP = _CHANGES["up"]
CHANGE_DOWN = _CHANGES["down"]
#: Vague amounts as intervals ("dozens" = 12 to 120).
VAGUE: Mapping[str, tuple[float, float]] = MappingProxyType(
    {v["phrase"]: (float(v["low"]), float(v["high"])) for v in QUALIFIER_DATA["vague"]}
)

# The word classes that still live in checker.vocabulary, under one name so that rules do not care where a table
# comes from.
NUMBER_WORDS = V.NUMBER_WORDS
MULTIPLIERS = V.MULTIPLIERS
CURRENCY_MULTIPLIERS = V.CURRENCY_MULTIPLIERS
#: Denominators as words, singular ("a fifth of") and plural ("three fifths"); "halves" is no fraction ("both halves").
FRACTIONS: Mapping[str, float] = MappingProxyType({f["word"]: f["value"] for f in NUMBER_DATA["fraction"]})
FRACTION_PLURALS: Mapping[str, float] = MappingProxyType(
    {f["plural"]: f["value"] for f in NUMBER_DATA["fraction"] if f["word"] != "half"}
)
#: Unicode vulgar fractions ("½").
VULGAR: Mapping[str, float] = MappingProxyType({v["sign"]: v["value"] for v in NUMBER_DATA["vulgar"]})
VAGUE_SCALES = V.VAGUE_SCALES
APPROXIMATE_BAND = V.APPROXIMATE_BAND
NEARLY_BAND = V.NEARLY_BAND
PHRASAL_VERBS = V.PHRASAL_VERBS
COUNT_VERBS = V.COUNT_VERBS
INCREMENT_WORDS = V.INCREMENT_WORDS
MONTHS = V.MONTHS
PRONOUN_ONE_AFTER = V.PRONOUN_ONE_AFTER
PRONOUN_ONE_BEFORE = V.PRONOUN_ONE_BEFORE
DURATION_WORDS = V.DURATION_WORDS
CALL_VERBS = V.CALL_VERBS
ORDINAL_SUFFIXES = V.ORDINAL_SUFFIXES
TIME_WORDS = V.TIME_WORDS
STREET_WORDS = V.STREET_WORDS
AGE_WORDS = V.AGE_WORDS
AGE_LIST_WORDS = V.AGE_LIST_WORDS | {"through", "thru"}  # "ages 5 through 12"
AGE_UNITS = V.AGE_UNITS
PERSON_WORDS = V.PERSON_WORDS
MAX_AGE = V.MAX_AGE
YEAR_RANGE = V.YEAR_RANGE
GLUED_PREFIXES = V.GLUED_PREFIXES
LABEL_WORDS = V.LABEL_WORDS
PENCE_CONTEXT = V.PENCE_CONTEXT
SINGULAR_MEN = V.SINGULAR_MEN
TIME_AGO_WORDS = V.TIME_AGO_WORDS
RATE_DENOMINATORS = V.RATE_DENOMINATORS
RATE_UNITS = V.RATE_UNITS
ADJECTIVES_BEFORE_ONE = V.ADJECTIVES_BEFORE_ONE
IRREGULAR_PLURALS = V.IRREGULAR_PLURALS
VES_TO_F = V.VES_TO_F
VES_TO_FE = V.VES_TO_FE
UNIT_STOPWORDS = V.UNIT_STOPWORDS
NOT_PLURAL = V.NOT_PLURAL
#: What a currency word after an amount reads as ("15m yen", "2bn rupees"): every currency's name and the name's last
#: word ("rupee" of "indian rupee"), from the records (a hand list of eight read "15m yuan" as metres).
CURRENCY_WORDS = frozenset(n for c in CURRENCY_DATA["currency"] for n in (c["name"], c["name"].split()[-1]))


@dataclass(frozen=True)
class PhraseTable:
    """Phrases as lower-case token tuples, each with its value; ``longest`` is the most tokens of any phrase."""

    entries: Mapping[tuple[str, ...], str]
    longest: int


def phrase_table(table: Mapping[str, str], *, min_tokens: int = 1) -> PhraseTable:
    """Tokenize every key of ``table`` the way text is tokenized; keep phrases of at least ``min_tokens``."""
    entries = {tuple(t.low for t in tokenize(k)): v for k, v in table.items()}
    entries = {k: v for k, v in entries.items() if len(k) >= min_tokens}
    return PhraseTable(MappingProxyType(entries), max(len(k) for k in entries))


#: Words before a number that change what it asserts ("at least", "no fewer than").
PREFIX = phrase_table(PREFIX_QUALIFIERS)
#: Words after a number that bound it ("or more", "or so").
SUFFIX = phrase_table(SUFFIX_QUALIFIERS)
#: Units of more than one token ("per cent", "km/h", "square feet").
UNIT_PHRASES = phrase_table(UNIT_ALIASES, min_tokens=2)
#: Page furniture after a number ("2 Min read").
BOILERPLATE = tuple(tuple(p.split()) for p in V.BOILERPLATE_AFTER)

#: Words a quantity written in words can start with.
WORD_STARTERS = frozenset(
    V.NUMBER_WORDS
    | {p.split()[0] for p in VAGUE}
    | set(V.VAGUE_SCALES)
    | set(FRACTIONS)
    | set(FRACTION_PLURALS)
    | {"halves"}
    | {"a", "an", "one", "dozen", "dozens"}
)
#: Every word a quantity written in words may contain, bar the articles: a sentence with none of them and no
#: digit has no quantity, so callers may skip it unread.
WORDS_OF_NUMBERS = frozenset(w for p in (*WORD_STARTERS, *VAGUE) for w in p.split()) - {"a", "an"}
