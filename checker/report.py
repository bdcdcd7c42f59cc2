"""The report of a comparison: articles, groups with their verdicts, and a summary.

:meth:`Report.to_dict` is the JSON contract; every renderer reads a :class:`Report` and computes nothing.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from typing import Any

from checker.articles import Article
from checker.claims import Claim
from checker.verdicts import Verdict


@dataclass(frozen=True)
class Discrepancy:
    """A group of claims, one per article, about one count, with its verdict."""

    id: str
    what: str
    claims: tuple[Claim, ...]
    verdict: Verdict
    similarity: float
    acknowledged: bool = False
    #: The pair judge's P(same count) for pairs of claims (indices into ``claims``); empty under the gates.
    same_count: dict[tuple[int, int], float] = field(default_factory=dict, compare=False)

    def same_count_of(self, a: str, b: str) -> float | None:
        """The judge's P(same count) for the claims of articles ``a`` and ``b`` in this group, or None."""
        at = {c.article: i for i, c in enumerate(self.claims)}
        if a not in at or b not in at:
            return None
        i, j = sorted((at[a], at[b]))
        return self.same_count.get((i, j))

    @property
    def is_discrepancy(self) -> bool:
        """Not consistent and not acknowledged in a baseline."""
        return self.verdict.name != "consistent" and not self.acknowledged

    @property
    def same_sourced(self) -> bool:
        """Whether two of the group's reports that disagree cite the same source, or one of them cites none."""
        from checker.attribution import same_source

        by_article = {c.article: c for c in self.claims}
        for p in self.verdict.pairs:
            if p.name == "consistent":
                continue
            a, b = (by_article[x].attribution for x in p.articles)
            if a is None or b is None or same_source(a, b):
                return True
        return False

    @property
    def sources_differ(self) -> bool:
        """Whether the group's figures come from different named sources (every figure named, not all one)."""
        from checker.attribution import sources_differ

        return sources_differ([c.attribution for c in self.claims])

    @property
    def label(self) -> str:
        """What the row counts, in an editor's words: ``what`` when every report counts the same thing, else what
        each one counts ("evacuated (children in B)"), so that a row never claims more than its reports say."""
        nouns = [c.noun for c in self.claims]
        if len(set(nouns)) <= 1:
            event = (self.claims[0].event or "count").replace("_", " ") if self.claims else "count"
            return f"{event} ({_plural(nouns[0])})" if nouns and nouns[0] else self.what
        event = (self.claims[0].event or "count").replace("_", " ")
        said: dict[str, list[str]] = {}
        for c in self.claims:
            if c.noun:
                said.setdefault(_plural(c.noun), []).append(c.article)
        # "evacuated (children in B)": what each report says it counts, and nothing for a report that does not say
        return f"{event} (" + "; ".join(f"{noun} in {', '.join(arts)}" for noun, arts in said.items()) + ")"

    @property
    def fingerprint(self) -> str:
        """A stable id for a baseline: the counted thing and the claims' normalised sentences, not offsets.

        It survives re-runs and edits elsewhere in the articles; changing a figure in one of its sentences
        changes it.
        """
        parts = sorted(_normalise(c.sentence.text) for c in self.claims)
        return hashlib.sha256("\n".join([self.what, *parts]).encode("utf-8")).hexdigest()[:16]


#: Which verdicts make each ``--fail-on`` policy exit 1.
FAIL_ON = {
    "conflict": frozenset({"conflict"}),
    "update": frozenset({"conflict", "update"}),
    "any": frozenset({"conflict", "update", "correction"}),
    "never": frozenset(),
}


def _normalise(sentence: str) -> str:
    return re.sub(r"\W+", " ", sentence.lower()).strip()


@dataclass(frozen=True)
class Report:
    """Everything ``checker.compare`` found. ``groups`` come discrepancies first, then in text order."""

    articles: tuple[Article, ...]
    groups: tuple[Discrepancy, ...]
    claims: tuple[Claim, ...]
    options: dict[str, Any] = field(default_factory=dict)
    timings: dict[str, float] = field(default_factory=dict, compare=False)
    #: The stories the articles tell, as article ids (the first article's first): claims of different stories are
    #: never compared. Empty when not checked (one story).
    stories: tuple[tuple[str, ...], ...] = ()

    @property
    def compared(self) -> bool:
        """Whether any two articles were compared: two or more of them tell one story (with a reference draft,
        the draft's story)."""
        stories = self.stories[:1] if self.options.get("reference") else self.stories
        return not self.stories or any(len(s) > 1 for s in stories)

    @property
    def discrepancies(self) -> tuple[Discrepancy, ...]:
        return tuple(g for g in self.groups if g.is_discrepancy)

    @property
    def exit_code(self) -> int:
        """0 when no group disagrees, 1 otherwise (diff(1) convention)."""
        return self.exit_code_for("any")

    def exit_code_for(self, fail_on: str, *, same_source_only: bool = False) -> int:
        """1 when a discrepancy falls under the policy: ``conflict`` (conflicts only), ``update`` (conflicts and
        updates), ``any`` (every verdict but consistent) or ``never``; 0 otherwise. With ``same_source_only``, a
        group fails only when two of its reports that disagree cite the same source, or one cites none: two
        outlets quoting different sources ("state radio: 25", "hospital officials: 31") are reported, not failed."""
        failing = FAIL_ON[fail_on]
        return 1 if any(g.verdict.name in failing and (not same_source_only or g.same_sourced) for g in
                        self.discrepancies) else 0  # fmt: skip

    def lead(self, article: str, event: str) -> Claim | None:
        """The article's lead figure for an event: its first standing total for it about its own story (not a
        part, not another year's figure, not a side event), headline first: the figure alignment joins first.

        >>> report.lead("A", "killed")          # doctest: +SKIP
        """
        return next(
            (c for c in self.claims if c.article == article and c.event == event and c.can_lead),
            None,
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON document ``--format json`` prints."""
        return {
            "articles": [
                {
                    "id": a.id,
                    "path": a.path,
                    "title": a.title,
                    "source": a.source,
                    "published": a.published,
                    "notes": list(a.notes),
                    "claims": [_claim(c) for c in self.claims if c.article == a.id],
                }
                for a in self.articles
            ],
            "groups": [
                {
                    "id": g.id,
                    "what": g.what,
                    "verdict": g.verdict.name,
                    "reason": g.verdict.reason,
                    "difference": _number(g.verdict.difference),
                    "relative_difference": round(g.verdict.relative, 4),
                    "similarity": round(g.similarity, 4),
                    "same_count": round(min(g.same_count.values()), 4) if g.same_count else None,
                    "acknowledged": g.acknowledged,
                    "fingerprint": g.fingerprint,
                    "stated_difference": _number(g.verdict.stated_difference),
                    "label": g.label,
                    "claims": [_claim(c) for c in g.claims],
                    "pairs": [
                        {
                            "articles": list(p.articles),
                            "verdict": p.name,
                            "reason": p.reason,
                            "difference": _number(p.difference),
                            "stated_difference": _number(p.stated_difference),
                            "same_count": _probability(g.same_count_of(*p.articles)),
                        }
                        for p in g.verdict.pairs
                    ],
                }
                for g in self.groups
            ],
            "stories": [list(s) for s in self.stories] or [[a.id for a in self.articles]],
            "summary": {
                "articles": len(self.articles),
                "stories": len(self.stories) or 1,
                "claims": len(self.claims),
                "groups": len(self.groups),
                "discrepancies": len(self.discrepancies),
                "acknowledged": sum(g.acknowledged for g in self.groups),
            },
        }


def _claim(c: Claim) -> dict[str, Any]:
    q = c.quantity
    return {
        "article": c.article,
        "sentence": c.sentence.text,
        "sentence_start": c.sentence.start,
        "text": q.text,
        "start": q.start,
        "end": q.end,
        "value": _number(q.value),
        "low": _number(q.low),
        "high": _number(q.high),
        "qualifier": q.qualifier,
        "change": q.change,
        "unit": q.unit,
        "event": c.event,
        "noun": c.noun,
        "places": sorted(c.places),
        "predicate": c.predicate,
        "planned": c.planned,
        "part_of": c.partial,
        "owner": c.owner,
        "attribution": c.attribution,
        "attribution_start": c.attribution_span[0] if c.attribution_span else None,
        "attribution_end": c.attribution_span[1] if c.attribution_span else None,
    }


_PLURALS = {"person": "people", "child": "children", "man": "men", "woman": "women", "police": "police"}


def _plural(noun: str) -> str:
    """The plural an editor writes for a counted noun's lemma: "child" -> "children", "missile" -> "missiles"."""
    if noun in _PLURALS:
        return _PLURALS[noun]
    if noun.endswith(("s", "x", "ch", "sh")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def _probability(x: float | None) -> float | None:
    return None if x is None else round(float(x), 4)


def _number(x: float | None) -> float | int | None:
    """Whole numbers as ints, so JSON says 9000, not 9000.0; others rounded to stay stable across platforms."""
    if x is None:
        return None
    if float(x).is_integer() and abs(x) < 2**53:
        return int(x)
    return round(float(x), 6)
