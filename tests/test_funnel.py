"""``benchmarks/funnel.py``: each labelled count is placed at the last stage of the learned alignment it reaches."""

from __future__ import annotations

from benchmarks.funnel import STAGES, stages
from embeddings import DEFAULT_BACKEND, load_encoder

A = "Three people were killed in the shooting in Elmira on Friday, police said."
B = "Three people were killed in the shooting in Elmira on Friday, officials said."


def _figure(text: str, word: str) -> dict:
    start = text.index(word)
    return {"start": start, "end": start + len(word), "text": word}


def test_a_count_both_reports_state_is_grouped_and_a_span_no_claim_covers_is_not_read(tmp_path):
    (tmp_path / "a.txt").write_text(A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(B, encoding="utf-8")
    record = {
        "id": "elmira",
        "a": "a.txt",
        "b": "b.txt",
        "window_a": len(A),
        "window_b": len(B),
        "date_a": None,
        "date_b": None,
        "counts": [
            {"kind": "agree", "a": [_figure(A, "Three")], "b": [_figure(B, "Three")]},
            # a labelled span claimdiff reads as no claim (a weekday, standing in for a figure it misses)
            {"kind": "conflict", "a": [_figure(A, "Friday")], "b": [_figure(B, "Three")]},
        ],
    }
    work = tmp_path / "work"
    work.mkdir()
    every, required = stages([record], load_encoder(DEFAULT_BACKEND, cache=False), tmp_path, work)
    assert every == {"grouped": 1, "not read": 1}
    assert +required == {"not read": 1}  # only the conflict is required
    assert set(every) <= set(STAGES)
