"""The trigger lexicon: which head words express which events (data in ``data/triggers.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from accord.errors import DataError

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
CLASSES = frozenset(
    {"event", "commissive", "directive", "threat", "refusal", "accusation", "denial", "speech", "intent", "failure"}
)
#: Dependency relations through which a `with` item may hang below a child (prep -> pobj, prt, ...).
_SECOND_LEVEL = frozenset({"prep", "prt", "dobj", "compound", "amod", "pobj", "xcomp", "advmod", "npadvmod", "attr", "acomp", "nmod", "conj", "agent", "dative"})


@dataclass(frozen=True)
class Trigger:
    """One lexicon entry."""

    pos: str  # VERB or NOUN
    heads: frozenset[str]
    with_: tuple[frozenset[str], ...]
    without: frozenset[str]
    event: str | None
    mode: str | None
    cameo: str | None
    klass: str
    target: tuple[str, ...]
    context: tuple[str, ...]
    light: bool
    confidence: float
    line: int  # position in the lexicon: part of the rule id
    intransitive: bool = False

    @property
    def rule_id(self) -> str:
        return f"lex/{self.klass}/{(self.event or 'none').lower()}/{self.line}"


def _alts(value) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in str(value).split("|") if v.strip())


def _parse(entries: list, origin: str) -> list[Trigger]:
    out: list[Trigger] = []
    for i, e in enumerate(entries):
        if not isinstance(e, dict):
            raise DataError(f"{origin}: entry {i} is not a mapping")
        if ("verb" in e) == ("noun" in e):
            raise DataError(f"{origin}: entry {i} needs exactly one of 'verb' or 'noun': {e}")
        klass = e.get("class", "event")
        if klass not in CLASSES:
            raise DataError(f"{origin}: entry {i}: unknown class {klass!r}")
        event = e.get("event")
        if klass not in ("speech", "intent") and event not in PLOVER_TYPES:
            raise DataError(f"{origin}: entry {i}: unknown PLOVER type {event!r}")
        cameo = e.get("cameo")
        if cameo is not None and not str(cameo).isdigit():
            raise DataError(f"{origin}: entry {i}: CAMEO code must be digits: {cameo!r}")
        out.append(
            Trigger(
                pos="VERB" if "verb" in e else "NOUN",
                heads=_alts(e.get("verb") or e.get("noun")),
                with_=tuple(_alts(w) for w in e.get("with", ()) or ()),
                without=frozenset().union(*[_alts(w) for w in e.get("without", ()) or ()]) if e.get("without") else frozenset(),
                event=event,
                mode=e.get("mode"),
                cameo=str(cameo) if cameo is not None else None,
                klass=klass,
                target=tuple(e.get("target", ()) or ()),
                context=tuple(e.get("context", ()) or ()),
                light=bool(e.get("light", False)),
                intransitive=bool(e.get("intransitive", False)),
                confidence=float(e.get("confidence", 0.7)),
                line=i + 1,
            )
        )
    return out


class Lexicon:
    """Index of triggers by (pos, head lemma); ``match`` picks the most specific entry for a token."""

    def __init__(self, triggers: list[Trigger]) -> None:
        self.triggers = triggers
        self._index: dict[tuple[str, str], list[Trigger]] = {}
        for t in triggers:
            for h in t.heads:
                self._index.setdefault((t.pos, h), []).append(t)

    def candidates(self, pos: str, lemma: str) -> list[Trigger]:
        return self._index.get((pos, lemma), [])

    def match(self, token) -> Trigger | None:
        """The best entry for a spaCy token, or None."""
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            # spaCy sometimes tags a verb as ADJ/ADP/NOUN in headlines; let verbs with a subject through.
            return None
        lemma = token.lemma_.lower()
        cands = self.candidates(pos, lemma) or (self.candidates(pos, token.lower_) if token.lower_ != lemma else [])
        if not cands:
            return None
        deps = _dependent_lemmas(token)
        best: Trigger | None = None
        best_score = -1
        for t in cands:
            if t.without and (t.without & deps):
                continue
            if t.intransitive and any(c.dep_ in ("dobj", "obj") for c in token.children):
                continue
            if not all(alt & deps for alt in t.with_):
                continue
            score = len(t.with_)
            if score > best_score:
                best, best_score = t, score
        return best


def _dependent_lemmas(token) -> frozenset[str]:
    found: set[str] = set()
    for c in token.children:
        if c.dep_ in ("punct", "cc", "nsubj", "nsubjpass", "csubj"):
            continue  # who acts never decides what the act is ("Russian forces struck")
        found.add(c.lemma_.lower())
        found.add(c.lower_)
        if c.dep_ in _SECOND_LEVEL:
            for g in c.children:
                if g.dep_ in ("compound", "amod", "pobj", "dobj", "prep", "prt", "nmod", "xcomp", "conj", "pcomp", "npadvmod"):
                    found.add(g.lemma_.lower())
                    found.add(g.lower_)
                    if g.dep_ in ("prep", "pcomp", "xcomp"):
                        for gg in g.children:
                            if gg.dep_ in ("pobj", "dobj", "compound"):
                                found.add(gg.lemma_.lower())
    return frozenset(found)


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...]) -> Lexicon:
    triggers: list[Trigger] = []
    ref = resources.files("accord.events") / "data" / "triggers.yaml"
    data = yaml.safe_load(ref.read_text(encoding="utf-8"))
    triggers.extend(_parse(data.get("entries", []), "triggers.yaml"))
    for p in paths:
        extra = yaml.safe_load(Path(p).read_text(encoding="utf-8")) or {}
        more = _parse(extra.get("entries", []), p)
        # User entries come first so that, at equal specificity, they win.
        triggers = more + triggers
    return Lexicon(triggers)


def load_lexicon(extra_files: tuple[str, ...] = ()) -> Lexicon:
    """The shipped lexicon plus any user trigger files (same format)."""
    return _load(tuple(str(p) for p in extra_files))
