"""The word tables the quantity rules read, built once from the vocabulary into frozen lookups.

Multi-word entries become :class:`PhraseTable` objects keyed by token tuples, so a rule matches "at least" or
"per cent" on the tokens it already has instead of on raw text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

from checker import vocabulary as V
from checker.quantities.tokens import tokenize

# Every table of the vocabulary that the quantity rules read, re-exported under one name so that the rules do not
# care where a table comes from.
NUMBER_WORDS = V.NUMBER_WORDS
MULTIPLIERS = V.MULTIPLIERS
CURRENCY_MULTIPLIERS = V.CURRENCY_MULTIPLIERS
FRACTIONS = V.FRACTIONS
VAGUE = V.VAGUE
VAGUE_SCALES = V.VAGUE_SCALES
APPROXIMATE_BAND = V.APPROXIMATE_BAND
NEARLY_BAND = V.NEARLY_BAND
CHANGE_UP = V.CHANGE_UP
CHANGE_DOWN = V.CHANGE_DOWN
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
AGE_LIST_WORDS = V.AGE_LIST_WORDS
AGE_UNITS = V.AGE_UNITS
PERSON_WORDS = V.PERSON_WORDS
MAX_AGE = V.MAX_AGE
YEAR_RANGE = V.YEAR_RANGE
CURRENCY_SYMBOLS = V.CURRENCY_SYMBOLS
CURRENCY_CODES = V.CURRENCY_CODES
GLUED_PREFIXES = V.GLUED_PREFIXES
LABEL_WORDS = V.LABEL_WORDS
DOLLAR_PREFIXES = V.DOLLAR_PREFIXES
UNIT_ALIASES = V.UNIT_ALIASES
CASED_UNITS = V.CASED_UNITS
SUBUNIT_AFTER = V.SUBUNIT_AFTER
PENCE_CONTEXT = V.PENCE_CONTEXT
SINGULAR_MEN = V.SINGULAR_MEN
TIME_AGO_WORDS = V.TIME_AGO_WORDS
RATE_DENOMINATORS = V.RATE_DENOMINATORS
GLUED_ONLY_UNITS = V.GLUED_ONLY_UNITS
RATE_UNITS = V.RATE_UNITS
ADJECTIVES_BEFORE_ONE = V.ADJECTIVES_BEFORE_ONE
IRREGULAR_PLURALS = V.IRREGULAR_PLURALS
VES_TO_F = V.VES_TO_F
VES_TO_FE = V.VES_TO_FE
SINGULAR_UNITS = V.SINGULAR_UNITS
UNIT_STOPWORDS = V.UNIT_STOPWORDS
NOT_PLURAL = V.NOT_PLURAL
#: Currency words a glued "m"/"k" may stand before ("15m dollars"), as lemmas.
CURRENCY_WORDS = frozenset({"dollar", "ruble", "euro", "pound", "yen", "yuan", "rupee", "shekel"})


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
PREFIX = phrase_table(V.PREFIX_QUALIFIERS)
#: Words after a number that bound it ("or more", "or so").
SUFFIX = phrase_table(V.SUFFIX_QUALIFIERS)
#: Units of more than one token ("per cent", "km/h", "square feet").
UNIT_PHRASES = phrase_table(V.UNIT_ALIASES, min_tokens=2)
#: Page furniture after a number ("2 Min read").
BOILERPLATE = tuple(tuple(p.split()) for p in V.BOILERPLATE_AFTER)

#: Words a quantity written in words can start with.
WORD_STARTERS = frozenset(
    V.NUMBER_WORDS
    | {p.split()[0] for p in V.VAGUE}
    | set(V.VAGUE_SCALES)
    | set(V.FRACTIONS)
    | {"a", "an", "one", "dozen", "dozens"}
)
#: Every word a quantity written in words may contain, bar the articles: a sentence with none of them and no
#: digit has no quantity, so callers may skip it unread.
WORDS_OF_NUMBERS = frozenset(w for p in (*WORD_STARTERS, *V.VAGUE) for w in p.split()) - {"a", "an"}
