"""Which figure pairs state the same count: a small model learned from labelled links, over the pair judge's
score, the claim encoder's vectors and where the two figures stand.

The pair judge reads two sentences, one pair at a time; it does not know that it prefers another partner for
either figure, that one figure is a headline's and the other a late paragraph's, or that the two are orders of
magnitude apart. The claim encoder (:func:`load_claim_encoder`) places each figure in its context as one vector,
trained so that mentions of one count lie close: it errs where the judge does not, and at one vector a claim it
chooses what the judge is asked (:func:`shortlist`). The linker weighs all of those, as one logistic regression
over :data:`FEATURES` fitted on the labelled links (``python -m training.train_linker``; its card is
``checker/models/linker/README.md``). It reads
none of the hand gates' rules (event classes, counted nouns, places, parts, times, owners: what
:func:`checker.align.comparable` reads): given them as inputs as well, it found no more on dev (the card's
ablation). The learned alignment (the default, ``--alignment learned``) asks about the pairs the rules allow only
(:func:`to_judge`) and lets the linker decide among them, with no similarity floor and no lead-figure rule; the
gates' plans and sole lead tolls are kept beside (:func:`checker.align.spared`).

Why a logistic regression written out as numbers rather than a pickled scikit-learn model: a pickle is tied to
the scikit-learn version that wrote it and can run code when loaded; a dozen weights in JSON cannot.
"""

from __future__ import annotations

import functools
import json
import math
from bisect import bisect_right
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from checker.claims import Claim
from embeddings import Encoder

MODEL_DIR = Path(__file__).resolve().parent / "models" / "linker"

#: The inputs, in order. Each is a number a pair of claims (a of one article, b of another) and its judge score.
FEATURES = (
    "judge_logit",  # the pair judge's log-odds of the same count
    "judge_best_a",  # b is a's most probable partner among the other article's figures (1/0)
    "judge_best_b",  # a is b's most probable partner
    "judge_margin",  # p minus the best p either figure has with any other partner (<= 0 unless the best)
    "judge_rank",  # the pair's rank among a's partners plus its rank among b's (2 when best for both; at most 8)
    "candidates",  # log of how many partners the two figures have between them (a figure among many is harder)
    "similarity",  # cosine of the two sentences
    # how far apart the figures' orders of magnitude are beyond a factor of three: |log10 a - log10 b| - log10 3,
    # at least 0, at most 3 (0 when either is vague). Not their values: "two killed" and "five dead" are one count,
    # and a model that preferred equal values would learn to miss exactly the discrepancies it is for
    "magnitude_apart",
    "vague_one",  # one figure is a vague amount ("dozens", "hundreds"), the other not
    "position",  # the mean of the two figures' places in their articles (0 first claim ... 1 last)
    "headlines",  # how many of the two are in their article's first sentence (a headline or the lead)
    # the claim encoder's (checker/models/claims): the cosine of the two figures' context vectors, and as for the
    # judge, its margin to either figure's best partner and the two ranks. The two models err apart: with them the
    # linker's dev average precision went from 0.645 to 0.697 (0.201 to 0.259 on the pairs the verdict finds
    # apart); the cosine is the input it misses most after the judge and the magnitudes (``train_linker --report``)
    "claim_cosine",
    "claim_margin",
    "claim_rank",
)

#: The claim encoder's graph, its card and meta (``python -m training.train_claims`` writes them).
CLAIMS_DIR = MODEL_DIR.parent / "claims"
#: Word pieces of one figure context the claim encoder reads (the judge reads two in 96).
CLAIMS_MAX_TOKENS = 96

_FACTOR_THREE = math.log10(3)


def _value(c: Claim) -> float | None:
    q = c.quantity
    if q.value is not None:
        return abs(q.value)
    if q.low is not None and q.high is not None:
        return (abs(q.low) + abs(q.high)) / 2
    return None


def _cosines(vectors: np.ndarray, pairs: Sequence[tuple[int, int]]) -> np.ndarray:
    """The dot product of rows i and j of ``vectors`` (unit rows: their cosine) for each pair (i, j)."""
    i, j = np.asarray(pairs, dtype=np.intp).reshape(-1, 2).T
    return np.einsum("ij,ij->i", vectors[i], vectors[j]).astype(np.float64)


def _standing(claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], scores: np.ndarray) -> np.ndarray:
    """For each pair and its score: (best for a, best for b, margin to either figure's best, rank for a plus rank
    for b), against every other candidate partner of either figure in the other's article (with three reports a
    figure has a best partner in each). Ranks by bisection, so that a live blog's 20,000 pairs cost no square."""
    partners: dict[tuple[int, str], list[float]] = {}
    for (i, j), p in zip(pairs, scores, strict=True):
        partners.setdefault((i, claims[j].article), []).append(p)
        partners.setdefault((j, claims[i].article), []).append(p)
    for values in partners.values():
        values.sort()
    out = np.zeros((len(pairs), 4), dtype=np.float64)
    for k, ((i, j), p) in enumerate(zip(pairs, scores, strict=True)):
        of_a, of_b = partners[i, claims[j].article], partners[j, claims[i].article]
        above_a, above_b = len(of_a) - bisect_right(of_a, p), len(of_b) - bisect_right(of_b, p)
        out[k] = (p >= of_a[-1], p >= of_b[-1], p - max(of_a[-1], of_b[-1]), min(4, 1 + above_a) + min(4, 1 + above_b))
    return out


def features(
    claims: Sequence[Claim],
    vectors: np.ndarray,
    pairs: Sequence[tuple[int, int]],
    judge: np.ndarray,
    claim_vectors: np.ndarray,
) -> np.ndarray:
    """One row of :data:`FEATURES` for each pair (i, j) of ``claims`` (float32): ``judge[k]`` the judge's P(same
    count) of ``pairs[k]``, row i of ``vectors`` claim i's sentence vector and of ``claim_vectors`` its claim
    encoder vector (:func:`load_claim_encoder`)."""
    if not pairs:
        return np.zeros((0, len(FEATURES)), dtype=np.float32)
    judge = np.clip(np.asarray(judge, dtype=np.float64), 1e-6, 1 - 1e-6)
    cosine = _cosines(claim_vectors, pairs)
    by_judge, by_claims = _standing(claims, pairs, judge), _standing(claims, pairs, cosine)
    order: dict[str, list[int]] = {}
    for k, c in enumerate(claims):
        order.setdefault(c.article, []).append(k)
    position = {k: n / max(1, len(ks) - 1) for ks in order.values() for n, k in enumerate(ks)}
    count: dict[tuple[int, str], int] = {}
    for i, j in pairs:
        count[i, claims[j].article] = count.get((i, claims[j].article), 0) + 1
        count[j, claims[i].article] = count.get((j, claims[i].article), 0) + 1
    rows = []
    for k, (i, j) in enumerate(pairs):
        a, b = claims[i], claims[j]
        p = judge[k]
        va, vb = _value(a), _value(b)
        gap = abs(math.log10(va + 1) - math.log10(vb + 1)) if va is not None and vb is not None else 0.0
        rows.append(
            (
                math.log(p / (1 - p)),
                *by_judge[k],
                math.log(count[i, b.article] + count[j, a.article]),
                float(vectors[i] @ vectors[j]),
                min(3.0, max(0.0, gap - _FACTOR_THREE)),
                float((a.quantity.qualifier == "vague") != (b.quantity.qualifier == "vague")),
                (position[i] + position[j]) / 2,
                float((a.sentence.index == 0) + (b.sentence.index == 0)),
                cosine[k],
                by_claims[k, 2],
                by_claims[k, 3],
            )
        )
    return np.asarray(rows, dtype=np.float32)


#: In each other article, the partners of a figure nearest it by the claim encoder that the judge is asked about
#: (with ties): a pair goes to the judge when either figure has the other among these. With 3, the learned road ran
#: 6.0 GVA articles/s against 2.7 asking the judge about every candidate (``benchmarks/speed.py --gva-incidents 40
#: --alignment learned``, empty caches), dev measured the same (10/37 · 10/28 · 7/725 against 10/37 · 10/27 ·
#: 7/725, the linker refit on the shortlist) and test found more (16/80 · 21/61 · 16/1,584 against 14/80 · 19/60 ·
#: 17/1,584): fewer distractors reach the linker.
SHORTLIST = 3


def shortlist(
    claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], claim_vectors: np.ndarray, k: int = SHORTLIST
) -> np.ndarray:
    """Which ``pairs`` (i, j) hold one of either figure's ``k`` nearest candidate partners in the other's article,
    by the claim encoder's cosine (a bool array in pair order): what the learned alignment asks the judge about,
    one vector product a pair instead of one cross-encoder run."""
    if not pairs:
        return np.zeros(0, dtype=bool)
    cosine = _cosines(claim_vectors, pairs)
    partners: dict[tuple[int, str], list[float]] = {}
    for (a, b), c in zip(pairs, cosine, strict=True):
        partners.setdefault((a, claims[b].article), []).append(c)
        partners.setdefault((b, claims[a].article), []).append(c)
    kth = {key: sorted(values, reverse=True)[min(k, len(values)) - 1] for key, values in partners.items()}
    return np.array(
        [
            c >= kth[a, claims[b].article] or c >= kth[b, claims[a].article]
            for (a, b), c in zip(pairs, cosine, strict=True)
        ],
        dtype=bool,
    )


def to_judge(
    claims: Sequence[Claim], pairs: Sequence[tuple[int, int]], contexts: Sequence[str], encoder: Encoder
) -> tuple[np.ndarray, np.ndarray]:
    """(keep, claim_vectors): which ``pairs`` the learned road asks the judge about, and the claim encoder's vector
    of each claim (``contexts[i]`` is claim i's figure context; a claim in no allowed pair keeps a zero row).

    A pair is kept when the gates' rules allow it (:func:`checker.align.allowed`) and, among the allowed pairs, it
    holds one of either figure's :data:`SHORTLIST` nearest partners by the claim encoder's cosine. The rules come
    first because they veto the linker's choice anyway: asking the judge and the claim encoder about pairs they
    veto only costs time (GVA, 20 incidents: alignment 5.6 s -> 0.1 s, ``benchmarks/speed.py``), and the linker
    is fitted on the same candidates (``training.train_linker``), so its inputs mean the same there and here."""
    from checker.align import allowed

    keep = allowed(claims, pairs)
    claim_vectors = np.zeros((len(claims), 1), dtype=np.float32)
    chosen = [pair for pair, ok in zip(pairs, keep, strict=True) if ok]
    if chosen:
        members = sorted({k for pair in chosen for k in pair})
        encoded = np.asarray(encoder.encode([contexts[k] for k in members]), dtype=np.float32)
        claim_vectors = np.zeros((len(claims), encoded.shape[1]), dtype=np.float32)
        claim_vectors[members] = encoded
        keep[np.flatnonzero(keep)] = shortlist(claims, chosen, claim_vectors)
    return keep, claim_vectors


@functools.cache  # one model per process and cache setting
def load_claim_encoder(cache: bool = True) -> Encoder:
    """The shipped claim encoder: figure contexts (:func:`checker.judge.context`) to unit vectors, on the ONNX
    backend's runtime; with ``cache``, vectors are kept on disk as the sentence encoder's are."""
    from embeddings.onnx_backend import OnnxEncoder

    meta = json.loads((CLAIMS_DIR / "meta.json").read_text(encoding="utf-8"))
    encoder = OnnxEncoder(CLAIMS_DIR / meta["file"], name=f"claims/{meta['sha256'][:16]}", max_tokens=CLAIMS_MAX_TOKENS)
    if not cache:
        return encoder
    from embeddings.cache import CachedEncoder

    return CachedEncoder(encoder)


class Linker:
    """The shipped linker: :meth:`probabilities` of the same count from :func:`features` rows."""

    def __init__(self, model_dir: Path = MODEL_DIR) -> None:
        meta = json.loads((model_dir / "linker.json").read_text(encoding="utf-8"))
        if tuple(meta["features"]) != FEATURES:
            raise ValueError(f"{model_dir / 'linker.json'} was fitted on other features: retrain the linker")
        self.meta = meta
        self.mean = np.asarray(meta["mean"], dtype=np.float64)
        self.scale = np.asarray(meta["scale"], dtype=np.float64)
        self.coef = np.asarray(meta["coef"], dtype=np.float64)
        self.intercept = float(meta["intercept"])
        self.threshold = float(meta["threshold"])

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        """P(same count) for each row of :func:`features` (float32)."""
        if len(rows) == 0:
            return np.zeros(0, dtype=np.float32)
        z = ((rows - self.mean) / self.scale) @ self.coef + self.intercept
        return (1.0 / (1.0 + np.exp(-z))).astype(np.float32)


@functools.cache
def load_linker() -> Linker:
    """The shipped linker (its weights are a few hundred bytes of JSON)."""
    return Linker()
