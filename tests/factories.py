"""Model-free building blocks for unit tests: claims made directly from their dataclasses, no text reading."""

from __future__ import annotations

from collections.abc import Sequence

from checker.articles import Article
from checker.claims import Claim
from checker.quantities import Quantity
from checker.report import Discrepancy, Report
from checker.sentences import Sentence
from checker.verdicts import judge


def quantity(
    text: str,
    value: float | None = None,
    *,
    low: float | None = None,
    high: float | None = None,
    qualifier: str = "exact",
    unit: str | None = None,
) -> Quantity:
    """A quantity as written in ``text``; an exact ``value`` is its own interval."""
    if qualifier == "exact" and value is not None:
        low = high = value
    return Quantity(text, 0, len(text), value, low, high, qualifier, unit=unit)


def claim(
    article: str,
    figure: Quantity,
    *,
    event: str = "killed",
    noun: str | None = "person",
    sentence: str | None = None,
    sentence_start: int = 0,
    update: bool = False,
    correction: bool = False,
) -> Claim:
    """A claim of ``article`` whose sentence starts with the figure (``"{figure} people were killed."`` by default)."""
    text = sentence or f"{figure.text} people were {event.replace('_', ' ')} in the attack."
    start = text.index(figure.text)
    q = Quantity(
        figure.text,
        start,
        start + len(figure.text),
        figure.value,
        figure.low,
        figure.high,
        figure.qualifier,
        unit=figure.unit,
    )
    return Claim(
        article=article,
        sentence=Sentence(0, text, sentence_start, sentence_start + len(text)),
        quantity=q,
        event=event,
        noun=noun,
        places=frozenset(),
        update=update,
        correction=correction,
    )


def report(
    groups: Sequence[Sequence[Claim]],
    *,
    texts: dict[str, str] | None = None,
    published: dict[str, str | None] | None = None,
    furniture: dict[str, tuple[tuple[int, int], ...]] | None = None,
) -> Report:
    """A report of the given groups, judged; an article per label the claims use, its text from ``texts`` (default:
    its claims' sentences)."""
    labels = sorted({c.article for g in groups for c in g})
    texts = texts or {}
    published = published or {}
    furniture = furniture or {}
    articles = tuple(
        Article(
            id=label,
            path=f"{label.lower()}.txt",
            title=f"Report {label}",
            text=texts.get(label) or " ".join(c.sentence.text for g in groups for c in g if c.article == label),
            published=published.get(label),
            furniture=furniture.get(label, ()),
        )
        for label in labels
    )
    dates = {a.id: a.published for a in articles}
    judged = tuple(
        Discrepancy(id=f"G{i + 1}", what=g[0].what, claims=tuple(g), verdict=judge(tuple(g), dates), similarity=0.5)
        for i, g in enumerate(groups)
    )
    return Report(articles=articles, groups=judged, claims=tuple(c for g in groups for c in g))
