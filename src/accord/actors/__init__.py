"""Political actors: the knowledge base and resolution of actor mentions in text.

    from accord.actors import load_kb, resolve_document, resolve_texts
    kb = load_kb()                                   # cached per settings.actor_files
    analysis = resolve_document(sdoc, date, title=title)
    analysis.mentions      # Mention(start, end, head, actors, kind) in document order
    analysis.signatories   # authors of a joint statement ("the Parties"), possibly empty
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace

from accord.actors.coref import Coref, is_joint_statement, signatory_actors
from accord.actors.kb import KnowledgeBase, build_kb, load_kb
from accord.actors.residence import apply_residence
from accord.actors.resolve import LITERAL_VIAS, Mention, Resolver, find_atoms
from accord.records import Actor

__all__ = [
    "ActorAnalysis",
    "KnowledgeBase",
    "Mention",
    "build_kb",
    "evaluate_mentions",
    "load_kb",
    "resolve_document",
    "resolve_texts",
]


@dataclass(frozen=True)
class ActorAnalysis:
    mentions: list[Mention]
    signatories: tuple[Actor, ...] = ()

    @property
    def actors(self) -> list[Actor]:
        return [a for m in self.mentions for a in m.actors]


def _as_date(date) -> dt.date | None:
    if date is None or isinstance(date, dt.date) and not isinstance(date, dt.datetime):
        return date
    if isinstance(date, dt.datetime):
        return date.date()
    try:
        return dt.date.fromisoformat(str(date)[:10])
    except ValueError:
        return None


_TITLE_TOKENIZER = None
_TITLES: list[tuple] = []  # (kb, title, date, actors) of the latest titles read, see _title_actors


def _title_actors(title: str, kb: KnowledgeBase, date) -> list[Actor]:
    """The actors a title names (a new list each call). Remembered for the latest few titles: one document asks
    about its title more than once (meeting parties, then the people it names), and each reading tokenizes
    the title and runs a resolver over it."""
    for k, t, d, actors in _TITLES:
        if t == title and d == date and k is kb:
            return list(actors)
    actors = tuple(_read_title_actors(title, kb, date))
    _TITLES[:] = [(kb, title, date, actors)] + _TITLES[:3]
    return list(actors)


def _read_title_actors(title: str, kb: KnowledgeBase, date) -> list[Actor]:
    global _TITLE_TOKENIZER
    if _TITLE_TOKENIZER is None:
        import spacy

        _TITLE_TOKENIZER = spacy.blank("en").tokenizer
    # "U.S.-Japan Joint Statement": split names joined by hyphens
    words = []
    for w in title.split():
        parts = w.split("-")
        if len(parts) > 1 and all(kb.index.get((p.lower(),)) for p in parts if p):
            words.extend(p for p in parts if p)
        else:
            words.append(w)
    tdoc = _TITLE_TOKENIZER(" ".join(words))
    resolver = Resolver(tdoc, kb, date)
    items = resolver.run(find_atoms([t.text for t in tdoc], kb))
    actors = [a for m in items if isinstance(m, Mention) for a in m.actors]
    return [Actor(a.text, 0, 0, a.name, a.country, a.sector, id=a.id, kind=a.kind, via="title") for a in actors]


def _title_signatories(title: str, kb: KnowledgeBase, date) -> tuple[Actor, ...]:
    return signatory_actors(_title_actors(title, kb, date), kb)


def _title_people(title: str | None, kb: KnowledgeBase, date) -> list[Actor]:
    """The people a title names, in order ("Readout of President X's Call with Prime Minister Y of Z")."""
    if not title:
        return []
    spec = kb.parties
    if spec is not None and spec.title_nouns:  # "... Kamala Harris Call with ..." -> "... Kamala Harris , Call with ..."
        nouns = "|".join(re.escape(n) for n in sorted(spec.title_nouns, key=len, reverse=True))
        title = re.sub(rf"(?<=[A-Za-z.]) (?=(?:{nouns})\b)", " , ", title, flags=re.I)
    return [a for a in _title_actors(title, kb, date) if a.kind == "person"]


def _meeting_parties(title: str | None, items: list, doc, kb: KnowledgeBase, date) -> tuple[Actor, ...]:
    """The states of the people a meeting or call is between: those the title names, else those named in
    the opening sentence(s); nothing unless there are 2 to ``max_parties`` of them (precision first)."""
    spec = kb.parties
    if spec is None:
        return ()

    def fits(actors: list[Actor]) -> tuple[Actor, ...]:
        states = signatory_actors([a for a in actors if a.kind == "person"], kb)
        return states if 2 <= len(states) <= spec.max_parties else ()

    if title:
        found = fits(_title_people(title, kb, date))
        if found:
            return found
    if not doc.has_annotation("SENT_START"):
        return ()
    opening = list(doc.sents)[: spec.opening_sentences]
    if not opening:
        return ()
    limit = opening[-1].end
    actors = [Actor(a.text, a.start, a.end, a.name, a.country, a.sector, id=a.id, kind=a.kind, via="opening")
              for m in items if isinstance(m, Mention) and m.start < limit for a in m.actors]
    return fits(actors)


def _opening_signatories(items: list, doc, kb: KnowledgeBase) -> tuple[Actor, ...]:
    first_sents = list(doc.sents)[:2] if doc.has_annotation("SENT_START") else []
    limit = first_sents[-1].end if first_sents else min(len(doc), 60)
    actors = [a for m in items if isinstance(m, Mention) and m.start < limit for a in m.actors]
    actors = [Actor(a.text, a.start, a.end, a.name, a.country, a.sector, id=a.id, kind=a.kind, via="opening")
              for a in actors]
    return signatory_actors(actors, kb)


def _literal(via: str | None) -> bool:
    return via is not None and (via in LITERAL_VIAS or via.startswith("untabled name"))


def _plain(mentions: list[Mention]) -> list[Mention]:
    """Mentions whose literal actors carry ``via=None`` (the event coder reads a set ``via`` as "derived")."""
    out = []
    for m in mentions:
        if any(_literal(a.via) for a in m.actors):
            m = replace(m, actors=tuple(replace(a, via=None) if _literal(a.via) else a for a in m.actors))
        out.append(m)
    return out


def resolve_document(sdoc, date=None, kb: KnowledgeBase | None = None, title: str | None = None,
                     explain: bool = False) -> ActorAnalysis:
    """All actor mentions in a spaCy ``Doc``, in document order, resolved at ``date``.

    With ``explain`` every actor says how it was resolved (``via``: name, alias, adjective, capital,
    metonym, title+surname, surname, sector phrase, place, located, signatory, coref:…); without it
    (the event coder) only derived actors (coreference, title, residence) carry ``via``, as the
    record's contract says.
    """
    kb = kb or load_kb()
    date = _as_date(date)
    resolver = Resolver(sdoc, kb, date)
    items = resolver.run(find_atoms(resolver.texts, kb))
    signatories: tuple[Actor, ...] = ()
    if is_joint_statement(title, resolver.text):
        if title:
            signatories = _title_signatories(title, kb, date)
        if len(signatories) < 2:
            signatories = _opening_signatories(items, sdoc, kb)
        if len(signatories) < 2:
            signatories = ()
    parties = () if signatories else _meeting_parties(title, items, sdoc, kb, date)
    people = tuple(_title_people(title, kb, date))
    mentions = apply_residence(Coref(sdoc, kb, signatories, parties, people).resolve(items), sdoc, kb)
    return ActorAnalysis(mentions if explain else _plain(mentions), signatories)


def resolve_texts(texts: list[str], date=None, settings=None) -> list[list[Actor]]:
    """Parse and resolve each text; one list of actors (in mention order) per text."""
    from accord.nlp import parse_texts

    kb = load_kb(settings)
    return [resolve_document(doc, date, kb=kb, explain=True).actors for doc in parse_texts(texts, settings)]


def evaluate_mentions(path, settings=None) -> dict:
    """Score a JSONL mention test set (see tests/data/actor_mentions.jsonl); see accord.actors.evaluate."""
    from accord.actors.evaluate import evaluate_mentions as _evaluate

    return _evaluate(path, settings=settings)
