"""Singular and plural of the nouns that follow numbers ("gunmen" → "gunman", "lives" → "life")."""

from __future__ import annotations

from checker.quantities import lexicon as L


def is_plural(word: str) -> bool:
    """Whether a lower-case word reads as a plural noun."""
    if word in L.IRREGULAR_PLURALS or word == "feet":
        return True
    if word.endswith("men") and len(word) > 4 and word not in L.SINGULAR_MEN:
        return True  # "gunmen", "fishermen", "policemen"
    return (
        len(word) > 3
        and word.endswith("s")
        and not word.endswith(("ss", "us", "is", "'s", "’s"))
        and word not in L.NOT_PLURAL
    )


def lemma(word: str) -> str:
    """Singular of a lower-case plural noun, and the name of a unit word ("km" → "kilometre"); other words as given."""
    if word in L.UNIT_ALIASES:
        return L.UNIT_ALIASES[word]
    if word in L.IRREGULAR_PLURALS:
        return L.IRREGULAR_PLURALS[word]
    if not is_plural(word):
        return word
    if word.endswith("men") and not word.endswith("s"):
        return word[:-3] + "man"
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("ches", "shes", "xes", "sses", "zes")) or word[:-2] in L.NOT_PLURAL:
        return word[:-2]  # "churches", "viruses", "buses"
    if word.endswith("ves") and word[:-3] in L.VES_TO_F:
        return word[:-3] + "f"  # "wolves"
    if word.endswith("ves") and word[:-3] in L.VES_TO_FE:
        return word[:-3] + "fe"  # "claimed two lives"
    return word[:-1]
