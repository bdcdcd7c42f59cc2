"""Every rule of the quantity reader is tested on its own examples: a rule is its examples."""

from __future__ import annotations

import pytest

from checker.quantities import extract
from checker.quantities.cores import core_at
from checker.quantities.exclusions import RULES, excluding_rule
from checker.quantities.tokens import Window

EXCLUSION_EXAMPLES = [(r.name, sentence, figure) for r in RULES for sentence, figure in r.examples]


def test_every_exclusion_rule_has_examples():
    for r in RULES:
        assert r.examples, r.name
    assert len({r.name for r in RULES}) == len(RULES)


@pytest.mark.parametrize(
    ("name", "sentence", "figure"), EXCLUSION_EXAMPLES, ids=[f"{n}:{s}" for n, s, _ in EXCLUSION_EXAMPLES]
)
def test_exclusion_examples(name, sentence, figure):
    w = Window(sentence)
    at = max(i for i, t in enumerate(w.toks) if t.text == figure)  # the figure's last occurrence
    core = core_at(w, at)
    assert core is not None, "the figure is no number core"
    rule = excluding_rule(w, core)
    assert rule is not None and rule.name == name
    start = w.toks[at].start
    assert not any(q.start <= start < q.end for q in extract(sentence)), "the figure was read as a quantity"
