"""Model-free building blocks for unit tests: claims made directly from their dataclasses, no text reading."""

from __future__ import annotations

from checker.claims import Claim
from checker.quantities import Quantity
from checker.sentences import Sentence


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
        sentence=Sentence(0, text, 0, len(text)),
        quantity=q,
        event=event,
        noun=noun,
        places=frozenset(),
        update=update,
        correction=correction,
    )
