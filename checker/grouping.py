"""Group articles into stories: which reports tell of the same events.

Each article is represented by its headline and lead (the first :data:`LEAD_CHARS` characters): TF-IDF of its
lower-cased words (sublinear, English stop words out), where names and places weigh by their rarity; capitalised
names can be added as features of their own (:data:`NAME_WEIGHT`, off: measured no better). Dates are the other
signal: story identity lives in names, places and dates. Candidate pairs come from a blocked nearest-neighbour step
(each article is compared only with articles whose publication dates lie within :data:`WINDOW_DAYS` of its own,
:data:`NEIGHBOURS` best at most), so the cost grows with the articles times the articles of a date window, not with
the square of the feed. Stories are then the average-linkage clusters (cosine ≥ :data:`THRESHOLD`) inside each
connected part of that sparse graph, with pairs outside the date window held apart.

>>> group([Lead("Fire in Elgin", "A fire in Elgin ..."), Lead("Elgin fire", "Crews in Elgin ...")])  # doctest: +SKIP
[[0, 1]]
"""

from __future__ import annotations

import contextlib
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp

#: Characters of the body read after the headline. The issue measured the first 600 (TF-IDF beat MiniLM vectors on
#: GVA, 0.81 against 0.73); on the dev halves more text helps (benchmarks/stories.py, names unweighted, 14 days,
#: best threshold each): 600 chars GVA 0.865 / ECB+ 0.906, 1,500 0.873 / 0.919, 3,000 0.881 / 0.922. The cap keeps
#: the cost of a 5 MB article that of a long report.
LEAD_CHARS = 3000
#: Least average cosine for two clusters to be one story: the best mean of the two dev halves at 3,000 characters
#: (0.12: GVA 0.884, ECB+ 0.876; 0.16: 0.881, 0.922; 0.20: 0.865, 0.896).
THRESHOLD = 0.16
#: Reports of one story fall within this many days of each other (beyond it, stories join only as FOLLOW_UP says).
#: GVA dev (600 chars, names weighted 2, threshold 0.12): 7 days 0.848, 30 days 0.855, no window 0.739 (precision
#: 0.67); at 3,000 chars and 0.16, 14 days 0.881 and 21 days 0.882: the shorter window is cheaper.
WINDOW_DAYS = 14
#: Neighbours kept per article in the candidate graph (the approximate nearest-neighbour step).
NEIGHBOURS = 20
#: Extra weight of a capitalised name or place as a feature of its own, on top of its word. Measured on the dev
#: halves: 0 beats 1, 2 and 3 at 3,000 chars (GVA 0.881 / 0.878 / - ; ECB+ 0.922 / 0.909), and at 600 chars 1 beats
#: 2 and 3 (GVA 0.865, 0.851, 0.838): the words of a 3,000-character lead already carry the names and places.
NAME_WEIGHT = 0.0
#: Reports a day or less apart are likelier one story: their cosine gains NEAR_BONUS (dated pairs only). GVA dev at
#: 0.16: no bonus 0.881; 0.03 0.889; 0.06 0.891; 0.10 0.865 (precision falls); 3 days, 0.06: 0.887.
NEAR_DAYS = 1
NEAR_BONUS = 0.06

#: Stories beyond the date window join as one when their whole texts read alike: a sentencing or an indictment
#: months later names the same people and place. Story centroids (mean TF-IDF row) at cosine >= this, only between
#: dated stories more than the window apart. GVA dev half (benchmarks/stories.py --split dev; without this stage
#: 0.891, P 0.965, R 0.827), joining the most alike first within FOLLOW_UP_DAYS: 0.30 0.898, 0.35 0.903, 0.40 0.905
#: (P 0.949, R 0.864), 0.45 0.900, 0.50 0.893. Plain single link scored the same on dev but chained a 60,000-article
#: feed into one story (F1 0.11); names weighted 2 in this stage gained 0.002. ECB+ (undated) is unchanged.
FOLLOW_UP = 0.40
#: ... and at most this many days apart, a joined story spanning no more: a trial, a sentencing, an anniversary.
#: GVA dev at 0.40 (single link): 90 days 0.900, 180 0.904, 365 0.905 (P 0.946), 730 0.904, no limit 0.905 (P 0.940).
FOLLOW_UP_DAYS = 365
#: Story centroids compared at once in the follow-up stage: 512 rows against 30,000 stories is 60 MB of float32.
FOLLOW_UP_BLOCK = 512

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]+|\d+")
_NAME = re.compile(r"(?<![.!?]\s)(?<!^)\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*")


@dataclass(frozen=True)
class Lead:
    """What grouping reads of one article: its headline, its text and its publication date (ISO, or None)."""

    title: str
    text: str
    published: str | None = None


def _lead_text(lead: Lead) -> str:
    return f"{lead.title}\n{lead.text[:LEAD_CHARS]}"


def _analyse(text: str) -> list[str]:
    words = [w.lower() for w in _WORD.findall(text)]
    if not NAME_WEIGHT:
        return words
    names = ["@" + n.lower().replace(" ", "_") for n in _NAME.findall(text)]
    return words + names


def represent(leads: Sequence[Lead]) -> sp.csr_matrix:
    """L2-normalised TF-IDF rows, one per lead: words and capitalised names (names weighted :data:`NAME_WEIGHT`)."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

    def analyser(text: str) -> list[str]:
        return [t for t in _analyse(text) if t not in ENGLISH_STOP_WORDS]

    vectoriser = TfidfVectorizer(analyzer=analyser, sublinear_tf=True, min_df=1, norm=None, dtype=np.float32)
    try:
        matrix = vectoriser.fit_transform([_lead_text(lead) for lead in leads]).tocsc()
    except ValueError:  # not one word in any lead: every article is a story of its own
        return sp.csr_matrix((len(leads), 1), dtype=np.float32)
    names = np.array([t.startswith("@") for t in vectoriser.get_feature_names_out()])
    if names.any() and NAME_WEIGHT != 1.0:
        scale = np.where(names, NAME_WEIGHT, 1.0).astype(np.float32)
        matrix = matrix @ sp.diags(scale)
    matrix = sp.csr_matrix(matrix)
    norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    return sp.csr_matrix(sp.diags(1.0 / norms) @ matrix, dtype=np.float32)


def _days(leads: Sequence[Lead]) -> np.ndarray:
    """Days since 1970 of each lead, or -1 when it has no (valid) date."""
    out = np.full(len(leads), -1, dtype=np.int64)
    for i, lead in enumerate(leads):
        if lead.published:
            with contextlib.suppress(ValueError):  # a malformed date is no date
                out[i] = dt.date.fromisoformat(lead.published[:10]).toordinal()
    return out


def candidate_graph(
    vectors: sp.csr_matrix, days: np.ndarray, *, threshold: float, window: int, neighbours: int
) -> sp.csr_matrix:
    """The sparse graph of each article's ``neighbours`` best matches (cosine ≥ ``threshold``) within the window.

    Articles are blocked by date: a block of ``window`` days is compared with itself and the next block only, so
    the work per article is bounded by the articles of two windows. Undated articles are compared with every
    article (an undated report could belong to any window).
    """
    n = vectors.shape[0]
    rows: list[np.ndarray] = []
    cols: list[np.ndarray] = []
    vals: list[np.ndarray] = []
    dated = np.flatnonzero(days >= 0)
    undated = np.flatnonzero(days < 0)
    blocks: dict[int, list[int]] = {}
    for i in dated:
        blocks.setdefault(int(days[i]) // max(window, 1), []).append(int(i))

    def keep(query: np.ndarray, pool: np.ndarray, same: bool) -> None:
        if not len(query) or not len(pool):
            return
        sims = (vectors[query] @ vectors[pool].T).toarray()
        if same:
            sims[np.arange(len(query)), np.arange(len(query))] = 0.0
        gap = np.abs(days[query][:, None] - days[pool][None, :])
        timed = (days[query][:, None] >= 0) & (days[pool][None, :] >= 0)
        sims[timed & (gap <= NEAR_DAYS)] += NEAR_BONUS
        sims[timed & (gap > window)] = 0.0
        k = min(neighbours, sims.shape[1])
        top = np.argpartition(-sims, k - 1, axis=1)[:, :k]
        best = np.take_along_axis(sims, top, axis=1)
        good = best >= threshold
        rows.append(np.repeat(query, k)[good.ravel()])
        cols.append(pool[top][good])
        vals.append(best[good])

    for b in sorted(blocks):
        here = np.array(blocks[b])
        near = np.array(blocks[b] + blocks.get(b + 1, []))
        keep(here, near, same=False)
    keep(undated, np.arange(n), same=False)
    if not rows:
        return sp.csr_matrix((n, n), dtype=np.float32)
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    off = r != c
    graph = sp.coo_matrix((v[off], (r[off], c[off])), shape=(n, n)).tocsr()
    return graph.maximum(graph.T)


def _average_linkage(vectors: sp.csr_matrix, days: np.ndarray, members: np.ndarray, threshold: float, window: int):
    """Average-linkage clusters of ``members`` (cosine ≥ ``threshold``), pairs beyond the date window apart."""
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    sims = (vectors[members] @ vectors[members].T).toarray()
    d = days[members]
    timed = (d[:, None] >= 0) & (d[None, :] >= 0)
    gap = np.abs(d[:, None] - d[None, :])
    sims[timed & (gap <= NEAR_DAYS)] += NEAR_BONUS
    sims[timed & (gap > window)] = 0.0
    distance = np.clip(1.0 - sims, 0.0, 1.0)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    return fcluster(tree, t=1.0 - threshold, criterion="distance")


def group(
    leads: Sequence[Lead],
    *,
    threshold: float = THRESHOLD,
    window: int = WINDOW_DAYS,
    neighbours: int = NEIGHBOURS,
) -> list[list[int]]:
    """Partition ``leads`` into stories: lists of indices, each sorted, ordered by their first index.

    Every index appears in exactly one story (an article alone is a story of one). Deterministic: the same leads
    give the same stories.
    """
    n = len(leads)
    if n == 0:
        return []
    vectors = represent(leads)
    days = _days(leads)
    graph = candidate_graph(vectors, days, threshold=threshold, window=window, neighbours=neighbours)
    from scipy.sparse.csgraph import connected_components

    _, part = connected_components(graph, directed=False)
    stories: list[list[int]] = []
    order = np.argsort(part, kind="stable")
    bounds = np.flatnonzero(np.diff(part[order])) + 1
    for members in np.split(order, bounds):
        members = np.sort(members)
        if len(members) <= 2:
            # two articles joined by an edge are already above the threshold and within the window
            stories.append(members.tolist())
            continue
        labels = _average_linkage(vectors, days, members, threshold, window)
        for label in np.unique(labels):
            stories.append(members[labels == label].tolist())
    stories = _follow_ups(stories, vectors, days, FOLLOW_UP, window)
    return sorted(stories, key=lambda s: s[0])


def _follow_ups(
    stories: list[list[int]], vectors: sp.csr_matrix, days: np.ndarray, threshold: float, window: int
) -> list[list[int]]:
    """``stories`` with their follow-ups joined: dated stories more than ``window`` and at most
    :data:`FOLLOW_UP_DAYS` days apart whose centroids are at least ``threshold`` alike. The most alike pairs join
    first, and a joined story never spans more than ``FOLLOW_UP_DAYS``: single link alone would chain a city's
    crime reports across years. Stories the window already compared are left as they are; undated stories too.
    Each story's members stay sorted."""
    if len(stories) < 2:
        return stories
    # each story's first and last date (days since 1970), or -1 when no member is dated
    first = np.array([min((int(days[i]) for i in s if days[i] >= 0), default=-1) for s in stories])
    last = np.array([max((int(days[i]) for i in s if days[i] >= 0), default=-1) for s in stories])
    rows = np.concatenate([np.full(len(s), k) for k, s in enumerate(stories)])
    cols = np.concatenate([np.asarray(s) for s in stories])
    membership = sp.csr_matrix(
        (np.ones(len(cols), dtype=np.float32), (rows, cols)), shape=(len(stories), vectors.shape[0])
    )
    centroids = sp.csr_matrix(membership @ vectors)
    norms = np.sqrt(np.asarray(centroids.multiply(centroids).sum(axis=1)).ravel())
    norms[norms == 0] = 1.0
    centroids = sp.csr_matrix(sp.diags(1.0 / norms) @ centroids, dtype=np.float32)
    # stories blocked by their first date: a block is compared with itself and the next, as candidate_graph does
    blocks: dict[int, list[int]] = {}
    for k in np.flatnonzero(first >= 0):
        blocks.setdefault(int(first[k]) // FOLLOW_UP_DAYS, []).append(int(k))
    edges = []
    for b in sorted(blocks):
        here = np.array(blocks[b])
        pool = np.array(blocks[b] + blocks.get(b + 1, []))
        for at in range(0, len(here), FOLLOW_UP_BLOCK):
            query = here[at : at + FOLLOW_UP_BLOCK]
            sims = (centroids[query] @ centroids[pool].T).toarray()
            r, c = np.nonzero(sims >= threshold)
            a, z = query[r], pool[c]
            gap = np.maximum(first[a] - last[z], first[z] - last[a])  # days between the two stories' spans
            keep = (a < z) & (gap > window) & (gap <= FOLLOW_UP_DAYS)  # each pair once, beyond the window
            edges += zip((-sims[r, c][keep]).round(6).tolist(), a[keep].tolist(), z[keep].tolist(), strict=True)
    if not edges:
        return stories
    parent = list(range(len(stories)))
    span = {k: (int(first[k]), int(last[k])) for k in range(len(stories))}

    def root(k: int) -> int:
        while parent[k] != k:
            parent[k] = parent[parent[k]]
            k = parent[k]
        return k

    for _, a, z in sorted(edges):
        ra, rz = root(a), root(z)
        if ra == rz:
            continue
        lo, hi = min(span[ra][0], span[rz][0]), max(span[ra][1], span[rz][1])
        if hi - lo > FOLLOW_UP_DAYS:
            continue
        parent[rz] = ra
        span[ra] = (lo, hi)
    joined: dict[int, list[int]] = {}
    for k, story in enumerate(stories):
        joined.setdefault(root(k), []).extend(story)
    return [sorted(members) for members in joined.values()]
