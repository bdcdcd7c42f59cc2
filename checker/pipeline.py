"""``compare``: the one road from files to a :class:`~checker.report.Report`.

files → articles → sentences → quantities → claims → aligned groups → verdicts → report.
"""

from __future__ import annotations

import os
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np

from checker import baseline as baseline_file
from checker.align import (
    MODES,
    align,
    align_judged,
    believed,
    pairable,
    pairable_by_judge,
    sole_figures,
    spared,
)
from checker.articles import Article, default_labels, load_article
from checker.claims import Claim, find_claims
from checker.errors import InputError
from checker.language import language_of
from checker.report import Discrepancy, Report
from checker.sentences import split
from checker.verdicts import judge, summarise

#: The most claims one story may hold for the learned alignment; a larger one (a feed compared at once, two live
#: blogs) is aligned by the gates, with a note on its first article. The gates' cost grows with the pairs their
#: rules and floors let through; the learned road asks the claim encoder and the judge about each figure's partners
#: in every other article: 1,000 5 KB cuts of one feed compared at once (one story, ``tests/test_hard_inputs.py``) had
#: run 5 minutes at nearly 1 GB when stopped (2026-12-08); through the gates, 300 such cuts took 59 s at 0.7 GB.
MAX_LEARNED_CLAIMS = 2_000

#: Called as ``progress(stage, done, total)`` while work goes on.
Progress = Callable[[str, int, int], None]


def compare(
    paths: Sequence[str | os.PathLike],
    *,
    labels: Sequence[str] | None = None,
    dates: Sequence[str | None] | None = None,
    backend: str | None = None,
    encoder=None,
    cache: bool = True,
    min_difference: float = 0.0,
    min_similarity: float | None = None,
    reference: str | os.PathLike | None = None,
    baseline: str | os.PathLike | None = None,
    offline: bool = False,
    progress: Progress | None = None,
    alignment: str = MODES[0],
    english_only: bool = True,
    same_count_threshold: float | None = None,
    any_story: bool = False,
) -> Report:
    """Compare the numeric claims of two or more articles.

    ``labels`` name the articles (default A, B, C...); ``dates`` give their publication dates (ISO, or None to keep
    what the file says). ``backend`` names the embedding backend (default: the fast one, see
    :data:`embeddings.BACKENDS`); ``encoder`` overrides it with any object that has ``encode(texts) -> np.ndarray``.
    ``cache=False`` keeps no vectors (nor fetched pages) on disk. ``min_difference`` ignores smaller gaps;
    ``min_similarity`` overrides the sentence-similarity floor of alignment. With ``reference`` (a draft), that
    article is compared against every other one and only groups that involve it are reported (the reference may also
    be among ``paths``). ``baseline`` names a file of acknowledged differences (see :mod:`checker.baseline`). Web
    addresses (http, https) are fetched unless ``offline``. ``alignment`` is one of :data:`checker.align.MODES`: the
    learned linker (:mod:`checker.linker`) deciding among the pairs the gates' rules allow (default; a story of
    more than :data:`MAX_LEARNED_CLAIMS` claims is aligned by the gates, with a note), the gates, the gates with
    the pair judge deciding, or the judge alone. An article that is not in
    English is an :class:`~checker.errors.InputError` (``about="language"``) unless ``english_only`` is False;
    then it is compared with a note saying so. ``same_count_threshold`` overrides the judge's threshold (for
    benchmarks that sweep it; the shipped one was chosen on dev). The articles are first checked to tell one story
    (:func:`checker.grouping.one_story`): claims of different stories are never compared, each article of another
    story than the first article's (the reference's) gets a note saying so, and ``Report.stories`` lists them;
    ``any_story`` compares every article as one story. Raises :class:`~checker.errors.InputError` for
    bad input and :class:`embeddings.ModelUnavailable` when the model is not installed.
    """
    if alignment not in MODES:
        raise ValueError(f"unknown alignment {alignment!r}; choose one of {', '.join(MODES)}")
    acknowledged = baseline_file.load(baseline) if baseline is not None else None
    if reference is not None:
        paths = [reference, *(p for p in paths if not _same_article(p, reference))]
    timings: dict[str, float] = {}
    clock = time.perf_counter()

    def lap(stage: str) -> None:
        nonlocal clock
        now = time.perf_counter()
        timings[stage] = timings.get(stage, 0.0) + now - clock
        clock = now

    paths = [str(p) for p in paths]
    _check_paths(paths)
    defaults = default_labels(len(paths))
    if labels and len(labels) == len(paths) and None in labels:  # one article named, the others lettered
        named = {x for x in labels if x is not None}
        spare = iter(d for d in default_labels(len(paths) * 2) if d not in named)
        labels = [
            x if x is not None else (defaults[i] if defaults[i] not in named else next(spare))
            for i, x in enumerate(labels)
        ]
    labels = list(labels) if labels else defaults
    if len(labels) != len(paths) or len(set(labels)) != len(labels):
        raise InputError(f"give {len(paths)} different labels, one per article", about="labels")
    dates = list(dates) if dates else [None] * len(paths)
    if len(dates) != len(paths):
        raise InputError(f"give {len(paths)} dates, one per article", about="dates")

    articles: list[Article] = []
    for i, (path, label, date) in enumerate(zip(paths, labels, dates, strict=True)):
        article = load_article(path, label=label, published=date, offline=offline, cache=cache)
        written_in = language_of(article.text)
        if written_in != "english":
            if english_only:
                raise InputError(
                    f"{path}: not English ({written_in}); claimdiff reads English news copy only",
                    about="language",
                )
            note = f"not English ({written_in}): claimdiff reads English copy only, so figures may be missed"
            article = replace(article, notes=(*article.notes, note))
        articles.append(article)
        if progress:
            progress("reading", i + 1, len(paths))
    lap("load")
    articles, stories = _stories(articles, any_story=any_story)
    lap("stories")

    sentences = [split(a.text) for a in articles]
    lap("sentences")
    claims: list[Claim] = []
    for i, (article, sents) in enumerate(zip(articles, sentences, strict=True)):
        found = find_claims(article, sents, cache=cache)
        if not found:
            articles[i] = replace(article, notes=(*article.notes, "no numeric claims found"))
        claims.extend(found)
        if progress:
            progress("claims", i + 1, len(articles))
    lap("claims")

    # levels pair with levels, changes with changes ("plunged 5.4 per cent"); embed only what can pair; an
    # article alone in its story pairs with nothing
    keep = pairable_by_judge(claims) if alignment in ("judge", "learned") else pairable(claims)
    told = stories[:1] if reference is not None else stories  # a draft is compared within its own story only
    story_of = {a: k for k, story in enumerate(told) if len(story) > 1 for a in story}
    candidates = [c for c, ok in zip(claims, keep, strict=True) if ok and c.article in story_of]
    by_story: dict[int, list[Claim]] = {}  # each story's candidates, in claim order
    for c in candidates:
        by_story.setdefault(story_of[c.article], []).append(c)
    embedded = candidates
    if alignment == "learned":
        # only a claim the gates' rules let pair within its story (:func:`pairable`, the leads as
        # :func:`checker.align.allowed` reads them) reaches the judge or the gates' spared pairs; the others need no
        # sentence vector (a zero row prunes them). On 44 GVA articles (benchmarks/speed.py --gva-incidents 20,
        # 2026-12-08) the embedding stage went from 1.9 s to 0.7 s, the learned road from 14.9 to 27.4 articles/s
        # (the gates 26.1); dev moved by one false flag (26/88 -> 26/87 real), the sentence vectors being batched
        embedded = [c for mine in by_story.values() for c, ok in zip(mine, pairable(mine), strict=True) if ok]
    texts = sorted({c.sentence.text for c in embedded})
    if encoder is None and texts:
        from embeddings import DEFAULT_BACKEND, load_encoder

        encoder = load_encoder(backend or DEFAULT_BACKEND, cache=cache)
    if progress:
        progress("embedding", 0, len(texts))
    vectors_by_text = dict(zip(texts, encoder.encode(texts), strict=True)) if texts else {}
    if progress:
        progress("embedding", len(texts), len(texts))
    lap("embeddings")

    floor = {"min_similarity": min_similarity} if min_similarity is not None else {}
    if alignment != "gates":
        from checker.judge import context, load_judge

        judge_model = load_judge(cache)
        if alignment == "learned":
            from checker.linker import features, load_claim_encoder, load_linker, to_judge

            linker = load_linker()
            claim_encoder = load_claim_encoder(cache)
        default = linker.threshold if alignment == "learned" else judge_model.meta["threshold"]
        threshold = same_count_threshold if same_count_threshold is not None else default

    by_gates: list[str] = []  # the first article of each story too large for the learned alignment

    width = len(next(iter(vectors_by_text.values()))) if vectors_by_text else 1
    unread = np.zeros(width, dtype=np.float32)

    def align_story(mine: list[Claim]) -> list:
        vectors = np.stack([vectors_by_text.get(c.sentence.text, unread) for c in mine]) if mine else np.zeros((0, 1))
        too_large = alignment == "learned" and len(mine) > MAX_LEARNED_CLAIMS
        if too_large:
            ids = {c.article for c in mine}
            by_gates.append(next(a.id for a in articles if a.id in ids))
        if alignment == "gates" or too_large:
            # the judge's scores, given for --explain, also take back a flag it does not believe
            return believed(_with_judgements(align(mine, vectors, **floor), cache), sole_figures(mine))
        contexts = [context(c.sentence.text, c.quantity.start, c.quantity.end) for c in mine]

        def probabilities(pairs):
            if progress:
                progress("judging", 0, len(pairs))
            if alignment == "learned":
                # among the pairs the gates' rules allow, the judge weighs each figure's nearest partners by the
                # claim encoder; the linker weighs those (its inputs rank each figure's partners among them)
                keep, claim_vectors = to_judge(mine, pairs, contexts, claim_encoder)
                chosen = [pair for pair, ok in zip(pairs, keep, strict=True) if ok]
                p = np.zeros(len(pairs), dtype=np.float32)
                if chosen:
                    judged = judge_model.probabilities([(contexts[i], contexts[j]) for i, j in chosen])
                    p[keep] = linker.probabilities(features(mine, vectors, chosen, judged, claim_vectors))
            else:
                p = judge_model.probabilities([(contexts[i], contexts[j]) for i, j in pairs])
            if progress:
                progress("judging", len(pairs), len(pairs))
            return p

        mode = "judge" if alignment == "learned" else alignment
        groups = align_judged(mine, vectors, probabilities, threshold=threshold, mode=mode, keys=contexts, **floor)
        if alignment == "learned":  # what the judge is not asked to decide: plans, and reports' sole lead tolls
            groups += spared(align(mine, vectors, **floor), groups, sole_figures(mine))
        return groups

    groups = []
    for k in sorted(by_story):  # each story aligned on its own: no group spans two stories
        groups += align_story(by_story[k])
    if reference is not None:
        groups = [g for g in groups if any(c.article == articles[0].id for c in g.claims)]
    if by_gates:
        note = f"more than {MAX_LEARNED_CLAIMS:,} claims in one story: aligned by the gates (--alignment gates)"
        articles = [replace(a, notes=(*a.notes, note)) if a.id in by_gates else a for a in articles]
    lap("alignment")

    published = {a.id: a.published for a in articles}
    order = {a.id: i for i, a in enumerate(articles)}
    judged = []
    # with a reference draft, a group's verdict is the draft's against the others: a wire-against-wire
    # difference is not the draft's to answer for (it stays listed under the JSON's pairs)
    counted = (lambda p: articles[0].id in p.articles) if reference is not None else None
    for g in groups:
        verdict = judge(g.claims, published, min_difference=min_difference)
        if counted is not None:
            verdict = summarise(verdict.pairs, counted)
        if verdict.name != "consistent":
            verdict = _with_sources(verdict, g.claims)
        judged.append((g, verdict))
    judged.sort(
        key=lambda gv: (
            gv[1].name == "consistent",
            min(order[c.article] for c in gv[0].claims),
            gv[0].claims[0].sentence.start,
            gv[0].claims[0].quantity.start,
        )
    )
    report_groups = tuple(
        Discrepancy(
            id=f"G{i + 1}",
            what=_what(g.claims),
            claims=g.claims,
            verdict=v,
            similarity=g.similarity,
            same_count=g.same_count,
        )
        for i, (g, v) in enumerate(judged)
    )
    report = Report(
        articles=tuple(articles),
        groups=report_groups,
        claims=tuple(claims),
        options={
            "backend": getattr(encoder, "name", backend or "none"),
            "min_difference": min_difference,
            "alignment": alignment,
            "reference": articles[0].id if reference is not None else None,
        },
        timings=timings,
        stories=tuple(stories),
    )
    if acknowledged:
        report = baseline_file.apply(
            report, acknowledged, counted, reference=articles[0].id if reference is not None else None
        )
    lap("report")
    return report


def _stories(articles: list[Article], *, any_story: bool) -> tuple[list[Article], list[tuple[str, ...]]]:
    """The articles, those of another story than the first article's noted, and the stories as article ids."""
    from checker import grouping

    if any_story:
        return articles, [tuple(a.id for a in articles)]
    parts = grouping.one_story([grouping.lead_of(a) for a in articles])
    stories = [tuple(articles[i].id for i in part) for part in parts]
    first = stories[0]
    noted = []
    for article in articles:
        if article.id in first:
            noted.append(article)
            continue
        mates = next(s for s in stories if article.id in s)
        others = f"; compared only with {', '.join(x for x in mates if x != article.id)}" if len(mates) > 1 else ""
        them = "it" if len(first) == 1 else "them"
        note = (
            f"another story than {', '.join(first)} (no name in common; few words in common or years apart): "
            f"not compared with {them}{others}; --any-story compares them anyway"
        )
        noted.append(replace(article, notes=(*article.notes, note)))
    return noted, stories


#: The most grouped pairs the judge scores under the gates (for display, and to take back a flag it does not believe):
#: each is read both ways, alone, so at 80-220 readings/s (this machine, 2026-12-07/08) 5 to 12 seconds at most.
MAX_SCORED_PAIRS = 500


def _with_judgements(groups: list, cache: bool) -> list:
    """The gates' groups, each pair of claims given the pair judge's P(same count), for ``--explain`` and the JSON
    (a handful of pairs: the judge loads only when there is a group)."""
    from checker.judge import context, load_judge

    pairs = [(g, i, j) for g in groups for i in range(len(g.claims)) for j in range(i + 1, len(g.claims))]
    if len(pairs) > MAX_SCORED_PAIRS:
        # a feed compared at once makes groups of hundreds of reports, and their pairs grow as the square: the
        # first report against each other one, then no more than the cap (a display aid must not cost minutes)
        pairs = [(g, 0, j) for g in groups for j in range(1, len(g.claims))][:MAX_SCORED_PAIRS]
    if not pairs:
        return groups
    ctx = {id(c): context(c.sentence.text, c.quantity.start, c.quantity.end) for g in groups for c in g.claims}
    # the judge reads a pair in order, and its two readings differ by up to a tenth: their mean, each pair scored
    # alone, so that the flags the judge takes back (believed) hang neither on the order the articles were named in
    # nor on the other pairs of the comparison
    forward = [(ctx[id(g.claims[i])], ctx[id(g.claims[j])]) for g, i, j in pairs]
    p = load_judge(cache).probabilities(forward + [(b, a) for a, b in forward], alone=True)
    p = (p[: len(forward)] + p[len(forward) :]) / 2
    scores: dict[int, dict[tuple[int, int], float]] = {}
    for (g, i, j), x in zip(pairs, p, strict=True):
        scores.setdefault(id(g), {})[(i, j)] = float(x)
    return [replace(g, same_count=scores.get(id(g), {})) for g in groups]


def _with_sources(verdict, claims: Sequence[Claim]):
    """The verdict, its reason saying so when the figures come from different named sources: an editor reads "the
    outlets quote different sources" differently from "the outlets disagree" ("state radio: 25; hospital
    officials: 31"). The verdict itself is kept."""
    from checker.attribution import sources_differ

    if not sources_differ([c.attribution for c in claims]):
        return verdict
    sources = "; ".join(f"{c.attribution}: {c.quantity.text}" for c in claims)
    return replace(verdict, reason=f"{verdict.reason}; different sources ({sources})")


def _check_paths(paths: list[str]) -> None:
    for p in paths:
        if os.path.isdir(p):  # the loader's message says what to give instead
            load_article(p, label="")
    if len(paths) < 2:
        raise InputError("give at least two articles to compare")
    seen: dict[tuple[int, int] | str, str] = {}
    for p in paths:
        key: tuple[int, int] | str = p
        if p != "-":
            try:
                st = Path(p).stat()
                key = (st.st_dev, st.st_ino)
            except OSError:
                continue  # the loader reports the missing file
        if key in seen:
            what = "standard input is" if p == "-" else f"{p} is"
            raise InputError(f"{what} given twice (also as {seen[key]}); compare different articles")
        seen[key] = p


def _same_article(a: str | os.PathLike, b: str | os.PathLike) -> bool:
    """Whether two names are one article: the same file by its device and inode, or the same address."""
    if str(a) == str(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _what(claims: Sequence[Claim]) -> str:
    """What a group counts: its event, and the most specific noun its claims name, the one most of them name (then
    the first in alphabetical order): the same whatever order the articles were given in, so that a baseline's
    fingerprint survives a reordering."""
    named = [c for c in claims if c.noun]
    specific = [c for c in named if c.noun != "person"]
    pool = specific or named or list(claims)
    votes = Counter(c.what for c in pool)
    return min(votes, key=lambda what: (-votes[what], what))
