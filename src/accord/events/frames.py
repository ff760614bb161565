"""Frames in which a trigger is no political event: private sides, ordinary crime, accidents, beliefs.

The coder's other guards (natural forces, sports results, commentators' speculation) sit in
``coder.py``; these read their words from ``data/frames.yaml`` so a user can extend them without touching
code. Each function answers one question about a trigger token and the sides the role reader found.

The learned layer is trained on the rule reader's candidates *before* these guards
(:func:`training_candidates`, used by ``accord.learn.train``): the head learns from the hard negatives they
stand for, and the guards filter at coding time, v1 and v2 alike (docs/LEARNED_LAYER.md).
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from functools import lru_cache, wraps
from importlib import resources

from accord.errors import DataError
from accord.yamlload import safe_load as _yaml_load

_WORD_LISTS = ("private_source_sectors", "private_source_countries", "political_sectors", "scene_prepositions",
               "crime_words", "crime_political_sectors", "accident_verbs", "belief_verbs", "possibility_modals",
               "opinion_modals", "sport_verbs", "lone_attackers", "political_victims", "raid_verbs",
               "law_enforcement", "topic_verbs", "praise_verbs", "stance_nouns",
               "averting_verbs", "risk_nouns", "force_words")


_ACTIVE: ContextVar[bool] = ContextVar("accord_frame_guards", default=True)


def active() -> bool:
    """Whether the frame guards apply (always, except while the learned layer's training reads candidates)."""
    return _ACTIVE.get()


@contextmanager
def training_candidates():
    """Code with the frame guards off: the candidates the learned layer is trained on."""
    token = _ACTIVE.set(False)
    try:
        yield
    finally:
        _ACTIVE.reset(token)


def _guard(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        return _ACTIVE.get() and fn(*args, **kwargs)
    return wrapper


@dataclass(frozen=True)
class Frames:
    private_source_sectors: frozenset
    private_source_countries: frozenset
    political_sectors: frozenset
    scene_prepositions: frozenset
    crime_words: frozenset
    crime_political_sectors: frozenset
    accident_verbs: frozenset
    belief_verbs: frozenset
    possibility_modals: frozenset
    opinion_modals: frozenset
    sport_verbs: frozenset
    lone_attackers: frozenset
    political_victims: frozenset
    raid_verbs: frozenset
    law_enforcement: frozenset
    topic_verbs: frozenset
    praise_verbs: frozenset
    stance_nouns: frozenset
    averting_verbs: frozenset
    risk_nouns: frozenset
    force_words: frozenset
    sport_cues: re.Pattern


@lru_cache(maxsize=1)
def frames() -> Frames:
    ref = resources.files("accord.events") / "data" / "frames.yaml"
    data = _yaml_load(ref.read_text(encoding="utf-8")) or {}
    lists = {}
    for key in _WORD_LISTS:
        words = data.get(key)
        if not isinstance(words, list) or not all(isinstance(w, str) and w for w in words):
            raise DataError(f"frames.yaml: {key} must be a list of non-empty strings")
        lists[key] = frozenset(w if key.endswith(("sectors", "countries")) else w.lower() for w in words)
    cues = data.get("sport_cues") or []
    if not all(isinstance(p, str) and p for p in cues):
        raise DataError("frames.yaml: sport_cues must be non-empty strings")
    try:
        pattern = re.compile("|".join(f"(?:{p})" for p in cues) or r"(?!x)x")
    except re.error as exc:
        raise DataError(f"frames.yaml: bad sport cue: {exc}") from exc
    return Frames(**lists, sport_cues=pattern)


def _private(actor, f: Frames) -> bool:
    return actor.sector in f.private_source_sectors or actor.country in f.private_source_countries


def _political_recipient(actor, doc, f: Frames) -> bool:
    """A recipient that makes a private side's act political: a state organ, a sector of standing, an IGO or
    NGO, or a country named as itself ("a deal with Nigeria"), not as the demonym of a company ("a Brazilian
    railway operator") nor as the scene ("talks in Paris")."""
    if actor.kind in ("igo", "ngo") or actor.country in ("IGO", "NGO"):
        return True
    if actor.sector is not None:
        return actor.sector in f.political_sectors
    span = doc.char_span(actor.start, actor.end, alignment_mode="expand") if doc is not None else None
    if span is None:
        return True
    root = span.root
    if root.dep_ in ("amod", "compound", "nmod", "poss") and root.head.pos_ in ("NOUN", "PROPN"):
        return False
    if root.dep_ == "pobj" and root.head.lower_ in f.scene_prepositions:
        return False
    return True


MATERIAL_CONFLICT = frozenset({"ASSAULT", "COERCE", "PROTEST", "MOBILIZE", "SANCTION"})


@_guard
def private_dealing(token, trig, source, target) -> bool:
    """Every side that acts is a company or a criminal, and nobody political is acted upon: "Toyota agreed to
    buy a stake in a Chinese battery maker", "gangs clashed in a township", "kidnappers freed a pastor"."""
    f = frames()
    if trig.event in MATERIAL_CONFLICT:
        return False  # traders rioting, cartel gunmen attacking a village: the act is political whoever does it
    if not source or not all(_private(a, f) for a in source):
        return False
    if not target:
        return False  # "the carmaker agreed ...", with no one named: what it agreed may be with a government
    return not any(_political_recipient(a, token.doc, f) for a in target)


_NAMING_ENTITIES = frozenset({"NORP", "GPE", "ORG"})


@_guard
def lone_attacker(token, trig, agent, target) -> bool:
    """One private person attacking people who have no political standing: "a man stabbed three people at a
    station in Hamburg", "a teenager shot two classmates". A side that names the attacker ("a Palestinian
    gunman", "an Islamic State gunman") or a political victim keeps the attack (frames.yaml)."""
    if trig.event != "ASSAULT" or agent is None:
        return False
    f = frames()
    if agent.lemma_.lower() not in f.lone_attackers or agent.tag_ not in ("NN", "NNP") or agent.lower_.endswith("men"):
        return False
    if any(c.ent_type_ in _NAMING_ENTITIES or c.dep_ in ("compound", "poss") for c in agent.children):
        return False
    if any(a.sector in f.crime_political_sectors or a.kind in ("igo", "ngo") for a in target):
        return False
    words = {t.lemma_.lower() for t in token.subtree if not (agent.left_edge.i <= t.i <= agent.right_edge.i)}
    return not words & f.political_victims


def police_raid(token, trig, agent, source) -> bool:
    """A raid by the police or investigators that kills nobody: a search and seizure, COERCE (frames.yaml).
    Off while the learned layer's candidates are read, like the guards (the head is trained as before)."""
    if not _ACTIVE.get() or trig.event != "ASSAULT" or token.lemma_.lower() not in frames().raid_verbs:
        return False
    f = frames()
    by_police = agent is not None and (
        agent.lemma_.lower() in f.law_enforcement or agent.lower_ in f.law_enforcement
        or any(c.lower_ in f.law_enforcement for c in agent.children if c.dep_ in ("compound", "amod")))
    if not by_police and not (source and all(a.sector in ("COP", "JUD") for a in source)):
        return False
    return not any(t.lemma_.lower() in f.force_words for t in token.subtree if t is not token)


_TOPIC_PATH = frozenset({"xcomp", "acl", "advcl", "pcomp", "ccomp", "pobj", "prep", "dobj", "conj"})
_FINITE = frozenset({"VBD", "VBZ", "VBP", "MD"})


def _finite_clause(node) -> bool:
    """A verb with a subject and a tense of its own: an act the sentence reports in its own right (except a
    "how" clause of a topic: "discussed how the United States is working to ...")."""
    if node.pos_ not in ("VERB", "AUX"):
        return False
    tensed = node.tag_ in _FINITE or any(c.dep_ == "aux" and c.tag_ in _FINITE for c in node.children)
    if not tensed or not any(c.dep_ in ("nsubj", "nsubjpass") for c in node.children):
        return False
    return not (node.dep_ == "ccomp" and any(c.lower_ == "how" for c in node.children))


@_guard
def topic_of_frame(token, is_event) -> bool:
    """An act named as what is discussed, praised or committed to, not as done: "discussed enhancing
    cooperation", "recognized Poland's generosity in hosting refugees", "reaffirmed his commitment to continue
    supporting the Afghan forces" (frames.yaml). The governing word, or the verb of a governing noun, must be an
    event of its own or a verb of saying (``is_event``: "noted the importance of cooperation"): then the topic
    adds no event; when it is neither, the act named may be how the event is found."""
    f = frames()
    node, loose = token, False
    for _ in range(6):
        if node.head is node or node.dep_ not in _TOPIC_PATH or (node is not token and _finite_clause(node)):
            return False
        if node.dep_ in ("pobj", "prep") or node.tag_ == "VBG" or any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children):
            loose = True  # an infinitive, gerund or prepositional phrase: named, not asserted
        node = node.head
        lemma = node.lemma_.lower()
        if loose and node.pos_ == "VERB" and (lemma in f.topic_verbs or lemma in f.praise_verbs):
            return is_event(node)
        if loose and node.pos_ == "NOUN" and lemma in f.stance_nouns:
            return is_event(node) or (node.head is not node and node.head.pos_ == "VERB" and is_event(node.head))
    return False


@_guard
def unrealised_noun(token) -> bool:
    """A nominal event the sentence does not say happens: the subject of a possibility ("an invasion of
    Lebanon would be costly"), what is averted or cited ("to counter militant incursions", "citing the risk
    of torture"), or what a noun of risk names ("the threat of military intervention") (frames.yaml)."""
    if token.pos_ not in ("NOUN", "PROPN"):
        return False
    f = frames()
    node = token
    while node.dep_ == "conj" and node.head is not node:
        node = node.head
    head = node.head
    if node.dep_ in ("nsubj", "nsubjpass") and head.pos_ in ("VERB", "AUX"):
        return any(c.dep_ == "aux" and c.lower_ in f.possibility_modals for c in head.children)
    if node.dep_ in ("dobj", "obj") and head.lemma_.lower() in f.averting_verbs:
        return True
    if node.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in f.risk_nouns:
        return True
    return False


@_guard
def ordinary_crime(token, trig, target) -> bool:
    """A sentence for a common crime of someone with no political standing: "a court jailed a former clerk
    for embezzlement". (Arrests and charges by the police stay COERCE and ACCUSE, as real news codes them.)"""
    if trig.event != "SANCTION":
        return False
    f = frames()
    if any(a.sector in f.crime_political_sectors or a.kind in ("igo", "ngo") for a in target):
        return False
    if any(a.sector is None and a.kind == "state" for a in target):
        return False  # a country or its government as the patient ("jailed an American for theft" has a CVL)
    for child in token.children:
        if child.dep_ in ("dobj", "obj", "nsubjpass", "prep", "advcl"):
            if child.dep_ == "prep" and child.lower_ not in ("for", "over", "on", "after"):
                continue
            if any(t.lemma_.lower() in f.crime_words or t.lower_ in f.crime_words for t in child.subtree):
                return True
    return False


def _governed_by(token, deps: tuple[str, ...], lemmas, hops: int) -> bool:
    """Whether a verb of ``lemmas`` governs ``token`` within ``hops`` steps up the parse, each step through
    one of ``deps`` (a participle, conjunct or complement of it)."""
    node = token
    for _ in range(hops):
        if node.dep_ not in deps or node.head is node:
            return False
        node = node.head
        if node.lemma_.lower() in lemmas:
            return True
    return False


@_guard
def accident_outcome(token) -> bool:
    """A casualty participle or conjunct on a verb of accident: "a helicopter crashed ..., killing all four"."""
    return _governed_by(token, ("advcl", "conj", "xcomp"), frames().accident_verbs, hops=2)


@_guard
def believed_possibility(token) -> bool:
    """An act someone believes or expects could happen: "some diplomats believe Iran might agree to talks"."""
    f = frames()
    if not any(c.dep_ == "aux" and c.lower_ in f.possibility_modals for c in token.children):
        return False
    return _governed_by(token, ("ccomp", "xcomp", "conj"), f.belief_verbs, hops=3)


@_guard
def sports_frame(token, agent) -> bool:
    """A club's or federation's business in a sports report: "Arsenal signed the Nigerian winger",
    "the wrestling federation banned two athletes for doping"."""
    f = frames()
    if token.lemma_.lower() not in f.sport_verbs and not (token.pos_ == "NOUN" and token.head.lemma_.lower() in f.sport_verbs):
        return False
    return bool(f.sport_cues.search(token.sent.text.lower()))
