"""Read the quantities in news text the way an editor reads them.

``extract(text)`` finds every number a sentence asserts (digits, number words, money, percentages, ranges, vague
amounts) and turns each into a :class:`Quantity`: the span, the number as stated, the interval it asserts, the
qualifier, any change it describes and the unit it counts.

One job a module: :mod:`.tokens` (tokens and a safe window over them), :mod:`.cores` (the bare number at a token),
:mod:`.exclusions` (numbers that are no quantity, each a named rule with its examples), :mod:`.around` (currency,
sign, scale, range, qualifier, change), :mod:`.units` (what a number counts), :mod:`.reader` (the loop). The
vocabularies are data (``checker/data/units.toml``, ``currencies.toml``, ``qualifiers.toml``, ``numbers.toml``),
loaded once by :mod:`.lexicon`; every record's examples are tests (``tests/test_quantity_data.py``).

Why hand-written rules: the packages that parse quantities either misread news copy (quantulum3 reads "$15m" as
dollar-metres and "11:30 a.m." as 30 years), take 10-29 ms a sentence (Recognizers-Text), or cannot be installed
(CQE pins old protobuf and downloads spaCy models at run time); see ``shared/notes/dependencies.md``. Number words
are still added up by text2num.
"""

from __future__ import annotations

from checker.quantities.lemmas import lemma
from checker.quantities.lexicon import WORDS_OF_NUMBERS
from checker.quantities.model import Qualifier, Quantity
from checker.quantities.reader import extract

#: Every qualifier a Quantity may carry, as the strings of the JSON output.
QUALIFIERS = tuple(q.value for q in Qualifier)

__all__ = ["QUALIFIERS", "WORDS_OF_NUMBERS", "Qualifier", "Quantity", "extract", "lemma"]
