"""Who states each figure: the source a report gives for it, and one name per source.

Two stages. :func:`source_span` reads the parse of a figure's sentence (the same parse the claim frame comes
from, so it costs nothing more): the subject of a reporting verb above the figure ("*Police* said three people
were killed", "three died, *the governor* told reporters"), or the object of "according to". :func:`attribute`
then reads the article: a pronoun ("he said") names the source named last before it, a quote with no speaker in
its sentence takes the speaker of the sentence that closes it, a headline "Police: 7 dead" or "7 dead, police say"
names its own, and every mention of one source gets one name (:func:`canonical`): "Governor Vyacheslav Gladkov",
"Gladkov" and "the governor" are "Vyacheslav Gladkov"; "the ministry" after "Russia's Defense Ministry" is that
ministry. Unnamed sources stay what the copy says ("police", "hospital officials").

The words are data (``checker/data/reporting.toml``, one record a class with examples and its source).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from functools import cache
from pathlib import Path
from typing import Any

_DATA = Path(__file__).resolve().parent / "data" / "reporting.toml"
#: Hops from a figure up to the reporting verb that governs its clause: "Police said [the man] [who] [fired] killed
#: three" is five; more reaches verbs of other clauses.
_MAX_HOPS = 8
#: Parts of a subject that are not the source's name: "Gladkov, *who visited the site*, said".
_ASIDE_DEPS = frozenset({"relcl", "acl", "appos", "punct", "advcl", "cc", "conj", "prep"})
_QUOTE = re.compile(r"[\"“”]|''|``")


@cache
def _data() -> dict:
    return tomllib.loads(_DATA.read_text(encoding="utf-8"))


@cache
def reporting_verbs() -> frozenset[str]:
    """Lemmas of every reporting verb class."""
    return frozenset(w for r in _data()["verb"] for w in r["words"].split())


@cache
def _words(name: str) -> frozenset[str]:
    return frozenset(next(r for r in _data()["words"] if r["name"] == name)["words"].split())


def examples() -> list[tuple[str, str, str]]:
    """(sentence, figure, source) of every record, for the tests."""
    return [tuple(x) for kind in ("verb", "phrase") for r in _data()[kind] for x in r["examples"]]


def source_span(doc: Any, num: Any) -> tuple[int, int] | None:
    """The characters of ``doc`` (a parsed sentence) that name the source of the figure at token ``num``, or
    None when the sentence names none for it."""
    t, hops = num, 0
    verbs = reporting_verbs()
    while t.head.i != t.i and hops < _MAX_HOPS:
        t, hops = t.head, hops + 1
        if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in verbs:
            subject = _sayer(t, num)
            if subject is not None:
                return _phrase(_named(subject))
    # "Three died, police said": the reporting verb hangs beside the figure's clause, not above it
    root = t
    for child in root.children:
        if child.dep_ in ("parataxis", "advcl", "conj", "ccomp") and child.lemma_.lower() in verbs and child.i > num.i:
            subject = _sayer(child, num)
            if subject is not None:
                return _phrase(_named(subject))
    for tok in doc:  # "according to police", anywhere in the figure's sentence
        if tok.lower_ == "according":
            to = next((c for c in tok.children if c.lower_ == "to"), None)
            obj = next((c for c in to.children if c.dep_ == "pobj"), None) if to is not None else None
            if obj is not None:
                return _phrase(_named(obj))
    return None


def _sayer(verb: Any, num: Any) -> Any:
    """Who the reporting ``verb`` makes the speaker of the figure ``num``, or None.

    Its active subject, not a passive one ("Anna Bui has been confirmed as one of the three victims": Anna Bui says
    nothing), not the figure itself or a phrase holding it ("Police say *a man* outside the club told the driver"),
    not a relative pronoun ("the man who they say"); a participle with no subject speaks for its clause's subject
    ("HUR released footage, *saying* it had taken out two ..."), and a clause the parser hung on a noun for that
    noun ("The head of the region, Vyacheslav Gladkov, announced ...")."""
    for _ in range(3):
        subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subject is not None:
            if subject.i == num.i or num in subject.subtree or subject.lower_ in _RELATIVE:
                return None
            return subject
        if any(c.dep_ == "nsubjpass" for c in verb.children):
            agent = next((c for c in verb.children if c.dep_ == "agent"), None)
            obj = next((c for c in agent.children if c.dep_ == "pobj"), None) if agent is not None else None
            return obj  # "was reported by state media"; a passive with no agent names no one
        if verb.dep_ in ("acl", "relcl") and verb.head.pos_ in ("NOUN", "PROPN"):
            return None if num in verb.head.subtree and verb.head.i <= num.i <= verb.i else verb.head
        if verb.dep_ in ("advcl", "xcomp", "conj", "pcomp") and verb.head.i != verb.i:
            verb = verb.head
            continue
        return None
    return None


_RELATIVE = frozenset({"who", "which", "that", "whom"})
#: Heads of a subject that speak for the organisation after "for" or "of": "a spokesman for the Kaufman County
#: Sheriff's Department".
_SPEAKS_FOR = frozenset({"spokesman", "spokeswoman", "spokesperson", "representative", "statement", "official"})


def _named(subject: Any) -> Any:
    """The subject, or the name it stands for: "the head of the region, *Vyacheslav Gladkov*," names him; "a
    spokesman for *the Sheriff's Department*" names the department."""
    if subject.lemma_.lower() in _SPEAKS_FOR:
        prep = next((c for c in subject.children if c.dep_ == "prep" and c.lower_ in ("for", "of")), None)
        obj = next((c for c in prep.children if c.dep_ == "pobj"), None) if prep is not None else None
        if obj is not None:
            return obj
    appos = next((c for c in subject.children if c.dep_ == "appos" and c.pos_ == "PROPN"), None)
    title = subject.lower_.strip(".") in _words("titles")
    return appos if appos is not None and (subject.pos_ != "PROPN" or title) else subject


def _phrase(head: Any) -> tuple[int, int]:
    """The source's words: the head and its modifiers ("Georgia Bureau *of Investigation*", "the Academy of
    Motion Picture Arts *and Sciences*"), less relative clauses, appositions, attached clauses and other
    prepositional phrases ("Gladkov *on social media*")."""
    keep = [head]

    def wanted(c: Any, inside_of: bool) -> bool:
        if c.dep_ == "prep":
            return c.lower_ == "of"
        if c.dep_ in ("cc", "conj"):
            return inside_of
        return c.dep_ not in _ASIDE_DEPS

    stack = [(c, False) for c in head.children if wanted(c, False)]
    while stack:
        tok, inside_of = stack.pop()
        keep.append(tok)
        inner = inside_of or tok.lower_ == "of"
        stack.extend((c, inner) for c in tok.children if wanted(c, inner))
    start = min(t.idx for t in keep)
    end = max(t.idx + len(t) for t in keep)
    return start, end


_HEADLINE_COLON = re.compile(r"^\s*([A-Z][\w.'’ -]{1,40}?)\s*:\s+\S")
_HEADLINE_SAY = re.compile(r",\s*((?:[\w.'’-]+\s){0,3}[\w.'’-]+)\s+(?:say|says|said)\s*$", re.IGNORECASE)
#: Headline prefixes that name no source: "UPDATE: ...", "WATCH: ...".
_NOT_A_SOURCE = frozenset({"update", "updated", "breaking", "watch", "video", "photos", "live", "exclusive",
                           "report", "opinion", "analysis", "editorial", "graphic", "warning"})  # fmt: skip
#: '..., ” Khmelnytsky mayor Oleksandr Symchyshyn said': up to six words after the closing quote, ending in a
#: capitalised one (a name) or "the governor" / "he".
_SPEAKER_AFTER_QUOTE = re.compile(
    r"(?:[\"”]|''),?\s+((?:[\w.'’-]+\s){0,5}[A-Z][\w.'’-]*|the [a-z]+|he|she|they)\s+"
    r"(?:said|says|added|told|wrote|explained|noted|stated)\b"
)
_SPEAKER_OPENS = re.compile(
    r"\s*(?:((?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*|he|she|they|He|She|They)\s+(?:said|says|added|explained)\b"
    r"|(?:said|says|added)\s+((?:[\w.'’-]+\s){0,5}[A-Z][\w.'’-]*))"
)
#: A headline's source after a dash: "One Killed, Several Wounded in Shelling – Governor".
_HEADLINE_DASH = re.compile(r"\s[–—-]\s*([A-Z][\w.'’ ]{1,30})\s*$")


_HEADLINE_COLON_END = re.compile(r":\s*([A-Z][\w.'’ ]{1,40})\s*$")
#: The last word of a headline's label that makes it a source: "Police:", "Lawyer:", "Newburgh Police" (not
#: "Indonesia earthquake:", "UPDATE:", "CHARGED WITH MURDER:").
_SOURCE_WORDS = frozenset({"police", "ministry", "officials", "official", "army", "military", "authorities",
                           "report", "reports", "media", "agency", "sources", "witnesses", "department", "office",
                           "says", "say"})  # fmt: skip


def _names_a_source(label: str) -> bool:
    words = label.strip().split()
    if not words or any(ch.isdigit() for ch in label) or label.strip().lower() in _NOT_A_SOURCE:
        return False
    if label.isupper() and len(words) > 1:
        return False  # a label in capitals ("CHARGED WITH MURDER")
    return words[-1].lower() in _SOURCE_WORDS | _words("titles")


def headline_source(title: str) -> str | None:
    """The source a headline gives its figures: "Police: 7 dead", "Lawyer: ..." -> "Police"; "7 dead, police say"
    -> "police"; None for "UPDATE: 4 shot" and a headline that names none."""
    m = _HEADLINE_COLON.match(title)
    if m and _names_a_source(m.group(1)):
        return m.group(1).strip()
    m = _HEADLINE_COLON_END.search(title)
    if m and _names_a_source(m.group(1)):
        return m.group(1).strip()  # "... Killed at Halloween Party in Newburgh: Newburgh Police"
    m = _HEADLINE_SAY.search(title)
    if m:
        return m.group(1).strip()
    m = _HEADLINE_DASH.search(title)
    if m and m.group(1).split()[-1].lower() in _words("titles") | {"police", "ministry", "officials", "army"}:
        return m.group(1).strip()  # "– Governor", "– Police"; not "– WDRB 41 Louisville News", an outlet's name
    return None


def quote_speaker(sentence: str, following: str | None) -> str | None:
    """The speaker of a quote with no source in its own sentence: named where the quote closes, in this
    sentence ('"...12 bodies," Santoso said') or the next ('... He said.')."""
    if not _QUOTE.search(sentence):
        return None
    for text in (sentence, following or ""):
        m = _SPEAKER_AFTER_QUOTE.search(text)
        if m:
            return m.group(1)
    # a quote that closes its sentence, its speaker opening the next: '... like we did."' / 'Manning said.'
    if following and re.search(r"(?:[\"”]|'')\s*$", sentence):
        m = _SPEAKER_OPENS.match(following)
        if m:
            return next(g for g in m.groups() if g)
    return None


def _strip(name: str) -> str:
    name = re.sub(r"^(?:the|a|an)\s+", "", name.strip(), flags=re.IGNORECASE)
    return re.sub(r"\s+", " ", name).strip(" ,.")


def is_pronoun(name: str) -> bool:
    return name.strip().lower() in _words("pronouns")


def canonical(name: str, earlier: Sequence[str]) -> str:
    """One name for a source within a report, given the sources named before it (fullest first is not needed).

    A surname or a title names the person an earlier, fuller mention introduced ("Gladkov", "the governor" after
    "Belgorod Governor Vyacheslav Gladkov" -> "Vyacheslav Gladkov"); an organisation's common noun names the
    organisation ("the ministry" after "Russia's Defense Ministry"). A person's name loses its title and the place
    before it; an unnamed source stays as written, less its article ("police", "hospital officials")."""
    name = _strip(name)
    lowered = name.lower()
    titles = _words("titles")
    full = expansion(name, earlier)
    if full is not None:
        return full  # "UN" after "United Nations", "THR" after "The Hollywood Reporter"
    for prior in reversed(earlier):
        p = _strip(prior)
        words = p.split()
        if p.lower() == lowered:
            return _person(p)
        if len(name.split()) == 1 and name[:1].isupper() and words and words[-1].lower() == lowered and len(words) > 1:
            return _person(p)  # "Gladkov" after "Vyacheslav Gladkov"
        if lowered in titles and lowered in (w.lower().strip(".") for w in words) and len(words) > 1:
            return _person(p)  # "the governor" after "Governor Vyacheslav Gladkov"
        if len(name.split()) == 1 and name[:1].islower() and len(words) > 1 and words[-1].lower() == lowered:
            return p  # "the ministry" after "Russia's Defense Ministry"
    return _person(name)


_PROPER = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+(?:of|and|the|for|&)?\s*[A-Z][\w&'’.-]*)+")
_ACRONYM = re.compile(r"^[A-Z](?:[A-Z.&-]){1,7}$")
_MINOR = frozenset({"of", "and", "the", "for", "&"})


def expansion(name: str, names: Sequence[str]) -> str | None:
    """The name an acronym stands for among ``names`` (words' initials, less "of", "and", "the"), or None:
    "UN" -> "United Nations", "H-P" -> "Hewlett-Packard", "THR" -> "The Hollywood Reporter"."""
    if not _ACRONYM.match(name):
        return None
    letters = re.sub(r"[^A-Z]", "", name)
    for candidate in reversed(names):
        words = [w for w in re.split(r"[\s-]+", candidate.strip()) if w and w[:1].isupper()]
        initials = "".join(w[0] for w in words if w.lower() not in _MINOR)
        with_the = "".join(w[0] for w in words if w.lower() not in _MINOR - {"the"})
        if len(words) > 1 and letters in (initials, with_the):
            return _strip(candidate)
    return None


def _person(name: str) -> str:
    """A named person without the title and place before the name: "Belgorod Governor Vyacheslav Gladkov" ->
    "Vyacheslav Gladkov". Names with no title, and organisations, are kept whole."""
    words = name.split()
    titles = _words("titles")
    last_title = max((i for i, w in enumerate(words) if w.lower().strip(".") in titles), default=-1)
    rest = words[last_title + 1 :]
    if last_title >= 0 and rest and all(w[:1].isupper() for w in rest):
        return " ".join(rest)
    return name


def key(name: str | None) -> str | None:
    """What two reports' names of one source share, for comparing sources across reports: the name folded, less
    its article and possessive ("Russia's Defense Ministry" and "the Defense Ministry" -> "defense ministry")."""
    if name is None:
        return None
    folded = re.sub(r"^.*['’]s\s+", "", _strip(name).lower())
    return folded or None


def same_source(a: str | None, b: str | None) -> bool:
    """Whether two canonical names are one source across reports: equal keys, or one's words end the other's
    ("Gladkov" / "Vyacheslav Gladkov", "police" / "Elgin police")."""
    ka, kb = key(a), key(b)
    if ka is None or kb is None:
        return ka == kb
    wa, wb = ka.split(), kb.split()
    # one's words end or begin the other's: "Gladkov" / "Vyacheslav Gladkov", "officers" / "officers involved"
    return ka == kb or wa[-len(wb) :] == wb or wb[-len(wa) :] == wa or wa[: len(wb)] == wb or wb[: len(wa)] == wa


_NAME = r"((?:[A-Z][\w.'’-]*\s){0,4}[A-Z][\w.'’-]*)"
_SAYS = r"(?:said|says|told|added|reported|announced|wrote|confirmed|stated)"
_SAYER = re.compile(rf"{_NAME}\s+{_SAYS}\b|\b{_SAYS}\s+{_NAME}|\baccording to (?:the\s+)?{_NAME}")


#: Capitalised words after "said" that name no one: "said Wednesday", "said In a statement".
_NOT_NAMES = frozenset(
    "the a an but and as in on at this that monday tuesday wednesday thursday friday saturday sunday today "
    "january february march april may june july august september october november december".split()
)


def named_sayers(text: str) -> list[tuple[int, str]]:
    """(offset, name) of every named speaker of an article's text, sentences without figures included: the
    passage a pronoun or a title looks back into ("Governor Vyacheslav Gladkov said ...", later "the governor")."""
    out = []
    for m in _SAYER.finditer(text):
        name = next(g for g in m.groups() if g)
        first = name.split()[0].lower()
        if not is_pronoun(name) and first not in _NOT_NAMES:
            out.append((m.start(), name))
    return out


def _found(text: str, name: str | None, start: int) -> tuple[int, int] | None:
    """Where ``name`` is written in ``text`` from ``start`` on (the figure's sentence or the next), else None."""
    if name is None:
        return None
    at = text.find(name, start)
    return (at, at + len(name)) if at >= 0 else None


def attribute(
    text: str, title: str, figures: Sequence[tuple[int, int, str, str | None, tuple[int, int] | None]]
) -> list[tuple[str | None, tuple[int, int] | None]]:
    """The source of each figure of one article, as (name, span of the words naming it in ``text``).

    ``figures`` are (sentence start, sentence end, sentence text, next sentence's text, source span in the
    sentence from :func:`source_span`) in text order. Names are canonical within the article (:func:`canonical`)."""
    sayers = named_sayers(text)
    proper = _PROPER.findall(text)  # every run of capitalised words: what an acronym may stand for
    seen: list[str] = []
    out: list[tuple[str | None, tuple[int, int] | None]] = []
    for start, _end, sentence, following, span in figures:
        raw, where = None, None
        if span is not None:
            raw, where = sentence[span[0] : span[1]], (start + span[0], start + span[1])
        if raw is None:
            raw = quote_speaker(sentence, following)
            where = _found(text, raw, start)
        headline = (start == 0 and title and sentence.strip() == title.strip()) or not re.search(
            r"[.!?\"”’)]\s*$", sentence
        )  # the title, or a line with no full stop: a related story's headline ("... Shelter – Governor")
        if raw is None and headline:
            raw = headline_source(sentence)
            where = _found(text, raw, start)
        if raw is not None and is_pronoun(raw):
            # "we believe ...," said Detective Klementich: a pronoun inside a quote is its speaker; else "he said"
            # names the speaker named last
            before = [name for at, name in sayers if at < start] + seen
            speaker = quote_speaker(sentence, following)
            if speaker is not None and not is_pronoun(speaker):
                raw, where = speaker, _found(text, speaker, start) or where
            else:
                raw = before[-1] if before else None  # where stays the pronoun's words
        if raw is None:
            out.append((None, None))
            continue
        earlier = [name for at, name in sayers if at < start + (span[0] if span else 0)] + seen
        name = expansion(_strip(raw), proper) or canonical(raw, earlier)
        seen.append(raw)
        out.append((name, where))
    return out


def sources_differ(names: Sequence[str | None]) -> bool:
    """Whether figures come from different named sources: every one named, and not all one source."""
    if len(names) < 2 or any(n is None for n in names):
        return False
    return not all(same_source(names[0], n) for n in names[1:])
