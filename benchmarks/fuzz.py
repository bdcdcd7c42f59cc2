"""A coverage-guided fuzz target for atheris: bytes in, through decoding, sentence splitting, quantity extraction and
claim finding. It stops at the first exception or broken contract (a span that does not point into its text, an
interval with low > high). For long searches outside CI; the Hypothesis tests in tests/ run the same contracts in CI.

    .venv/bin/pip install atheris
    .venv/bin/python benchmarks/fuzz.py -atheris_runs=200000          # or -max_total_time=3600
    .venv/bin/python benchmarks/fuzz.py crash-<hash>                    # replay a finding

Arguments are libFuzzer's (https://llvm.org/docs/LibFuzzer.html#options).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import atheris

with atheris.instrument_imports():
    from checker.articles import Article, _decode
    from checker.claims import find_claims
    from checker.errors import InputError
    from checker.quantities import extract
    from checker.sentences import split


def one_input(data: bytes) -> None:
    try:
        text, _ = _decode(data, "fuzz")
    except InputError:
        return
    sentences = split(text)
    for s in sentences:
        assert text[s.start : s.end] == s.text
        for q in extract(s.text):
            assert s.text[q.start : q.end] == q.text
            assert q.low is None or q.high is None or q.low <= q.high, q
    article = Article(id="A", path="fuzz", title="fuzz", text=text)
    for claim in find_claims(article, sentences):
        q = claim.quantity
        assert claim.sentence.text[q.start : q.end] == q.text


def main() -> None:
    atheris.Setup(sys.argv, one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
