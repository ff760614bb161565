"""The trigger lexicon: which head words express which events.

Two shipped files: ``data/triggers.yaml``, written by hand, and ``data/triggers_petrarch.yaml``,
generated from PETRARCH2's CAMEO verb dictionary by ``tools/petrarch_lexicon.py``. The hand lexicon
is primary: for a token, the generated entries are consulted only when no hand (or user) entry
matches it, and a generated entry *without* a frame (``with:``) is dropped for every word the hand
lexicon already lists (there the hand author decided which frames make the word an event).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError
from accord.nlp.spans import hyphen_before, token_lemma_ids, token_pos, token_texts, tree

PLOVER_TYPES = frozenset(
    "AGREE CONSULT SUPPORT CONCEDE COOPERATE AID RETREAT REQUEST ACCUSE REJECT THREATEN PROTEST "
    "SANCTION MOBILIZE COERCE ASSAULT".split()
)
CLASSES = frozenset(
    {"event", "commissive", "directive", "threat", "refusal", "accusation", "denial", "speech", "intent", "failure"}
)
#: The coarse tags :meth:`Lexicon.match` considers; any other token never matches (the coder skips it unseen).
TRIGGER_POS = frozenset({"VERB", "AUX", "NOUN", "PROPN"})
def _kinds() -> dict[int, str]:
    from spacy.symbols import IDS

    return {IDS["VERB"]: "VERB", IDS["AUX"]: "VERB", IDS["NOUN"]: "NOUN", IDS["PROPN"]: "NOUN"}


#: Coarse tag ids -> the lexicon's kind (what ``Lexicon.match`` reads from ``token.pos_``).
_KIND = _kinds()
#: Dependency relations through which a `with` item may hang below a child (prep -> pobj, prt, ...).
#: Verbs of withdrawing: their passive subject is the withdrawing party's forces, not what is acted on.
_WITHDRAWING = frozenset({"withdraw", "pull", "recall", "evacuate"})
_SECOND_LEVEL = frozenset({"prep", "prt", "dobj", "nsubjpass", "compound", "amod", "pobj", "xcomp", "advmod", "npadvmod", "attr", "acomp", "nmod", "conj", "agent", "dative", "oprd"})


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
    #: where the entry comes from: "lex" (hand lexicon), "petrarch" (generated), "user" (extra files)
    origin: str = "lex"
    #: the PETRARCH verb group of a generated entry
    group: str | None = None
    #: (verbs) the subject's head lemma must be one of these ("troops arrived" is a deployment)
    subject: frozenset[str] = frozenset()
    #: (verbs) the direct object's head lemma must be one of these ("ordered troops", not "ordered Israel to ...")
    object: frozenset[str] = frozenset()
    #: (verbs) only with a direct object ("returned the statues to Cambodia", not "returned to Delhi")
    transitive: bool = False
    #: (verbs) only when the clause carries an "if"/"unless" condition whose subject names a party (a country,
    #: a people, an organisation): "would respond if Israel struck", not "would act if prices rose"
    condition: bool = False
    #: (verbs) the direct object is what is fired, used or sent (missiles, drones, tear gas, weapons given), never
    #: the recipient: "fired missiles at Israel", "sent drones to Taiwan"
    instrument: bool = False
    #: (verbs) the clause's subject is the one threatened and whoever says the clause threatens: "said the United
    #: States would pay a heavy price", "warned that any attack would be met with a crushing response"; only in
    #: a future or modal clause with a speaker
    patient: bool = False

    @property
    def rule_id(self) -> str:
        if self.origin == "petrarch":
            group = (self.group or "none").lower().replace(" ", "-")
            return f"petrarch/{group}/{self.cameo or 'none'}/{self.line}"
        return f"{self.origin}/{self.klass}/{(self.event or 'none').lower()}/{self.line}"


def _alts(value) -> frozenset[str]:
    return frozenset(v.strip().lower() for v in str(value).split("|") if v.strip())


def _parse(entries: list, origin: str, source: str = "lex") -> list[Trigger]:
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
                transitive=bool(e.get("transitive", False)),
                condition=bool(e.get("condition", False)),
                instrument=bool(e.get("instrument", False)),
                patient=bool(e.get("patient", False)),
                confidence=float(e.get("confidence", 0.7)),
                line=i + 1,
                origin=source,
                group=str(e["group"]) if e.get("group") else None,
                subject=frozenset().union(*[_alts(w) for w in e.get("subject", ()) or ()]) if e.get("subject") else frozenset(),
                object=frozenset().union(*[_alts(w) for w in e.get("object", ()) or ()]) if e.get("object") else frozenset(),
            )
        )
    return out


class Lexicon:
    """Index of triggers by (pos, head lemma); ``match`` picks the most specific entry for a token.

    ``secondary`` entries (the generated PETRARCH lexicon) are a fallback: see the module docstring.
    """

    def __init__(self, triggers: list[Trigger], secondary: list[Trigger] = ()) -> None:
        self._index: dict[tuple[str, str], list[Trigger]] = {}
        for t in triggers:
            for h in t.heads:
                self._index.setdefault((t.pos, h), []).append(t)
        self._fallback: dict[tuple[str, str], list[Trigger]] = {}
        kept: list[Trigger] = []
        for t in secondary:
            heads = t.heads if t.with_ else frozenset(h for h in t.heads if (t.pos, h) not in self._index)
            if not heads:
                continue
            kept.append(t)
            for h in heads:
                self._fallback.setdefault((t.pos, h), []).append(t)
        self.triggers = list(triggers) + kept
        self._gate: dict = {}

    def __getstate__(self) -> dict:
        state = dict(self.__dict__)
        state["_gate"] = {}  # what the gate learnt in one process is not cached (``accord.cache``)
        return state

    def may_match(self, doc, i: int) -> bool:
        """False when ``match(doc[i])`` is certainly None, decided from the document's tag, lemma and lower-case
        arrays without making a Token: no lexicon key is the token's lemma, its lower-case form or (verbs) one
        of its inflection bases. A token written "word-word" is always passed on to ``match``."""
        pos = token_pos(doc)[i]
        kind = _KIND.get(pos)
        if kind is None:
            return False
        lemmas, lowers = token_lemma_ids(doc)
        key = (kind, lemmas[i], lowers[i])
        hit = self._gate.get(key)
        if hit is None:
            strings = doc.vocab.strings
            hit = self._gate[key] = self._has_key(kind, strings[lemmas[i]].lower(), strings[lowers[i]])
        return hit or hyphen_before(doc, i)

    def _has_key(self, pos: str, lemma: str, lower: str) -> bool:
        """Whether ``match`` finds any entry for a token of this kind, lemma and lower-case form (no hyphen)."""
        index, fallback = self._index, self._fallback
        if (pos, lemma) in index or (pos, lemma) in fallback or (pos, lower) in index or (pos, lower) in fallback:
            return True
        return pos == "VERB" and any((pos, k) in index for k in _inflection_bases(lower))

    def candidates(self, pos: str, lemma: str) -> list[Trigger]:
        return self._index.get((pos, lemma), []) + self._fallback.get((pos, lemma), [])

    def match(self, token) -> Trigger | None:
        """The best entry for a spaCy token, or None."""
        pos = "VERB" if token.pos_ in ("VERB", "AUX") else "NOUN" if token.pos_ in ("NOUN", "PROPN") else None
        if pos is None:  # (TRIGGER_POS lists these tags: the coder skips other tokens before calling)
            # spaCy sometimes tags a verb as ADJ/ADP/NOUN in headlines; let verbs with a subject through.
            return None
        lemma = token.lemma_.lower()
        key = lemma if (pos, lemma) in self._index or (pos, lemma) in self._fallback else token.lower_
        if pos == "VERB" and (pos, key) not in self._index and (pos, key) not in self._fallback:
            key = next((k for k in _inflection_bases(token.lower_) if (pos, k) in self._index), key)
        joined = _hyphen_compound(token)
        if joined is not None and ((pos, joined) in self._index or (pos, joined) in self._fallback):
            key = joined  # "cease-fire", "sit-in", "pull-out": the tokenizer splits what the lexicon lists whole
        primary = self._index.get((pos, key), [])
        fallback = self._fallback.get((pos, key), [])
        if not primary and not fallback:
            return None
        deps = _dependent_lemmas(token)
        return self._best(primary, token, deps) or self._best(fallback, token, deps)

    @staticmethod
    def _best(cands: list[Trigger], token, deps: frozenset[str]) -> Trigger | None:
        best: Trigger | None = None
        best_score = -1
        subjects = None  # the subject's lemmas, read once for the entries that ask
        objects = None  # the direct objects (indices), read from the document's tree lists once
        for t in cands:
            if t.without and not t.without.isdisjoint(deps):
                continue
            if t.intransitive or t.transitive or t.object:
                if objects is None:
                    tr = tree(token.doc)
                    objects = [c for c in tr.children[token.i] if tr.deps[c] in ("dobj", "obj")]
                if t.intransitive and objects:
                    continue
                if t.transitive and not objects:
                    continue
            if t.with_ and any(alt.isdisjoint(deps) for alt in t.with_):
                continue
            if t.subject:
                if subjects is None:
                    subjects = _subject_lemmas(token)
                if t.subject.isdisjoint(subjects):
                    continue
            if t.object and not any(tr.lemmas[c] in t.object or tr.lowers[c] in t.object for c in objects):
                continue
            if t.condition and not party_condition(token):
                continue
            score = len(t.with_) + bool(t.subject) + bool(t.object) + t.condition
            if score > best_score:
                best, best_score = t, score
        return best


#: Entity labels that make a condition's subject a party: "if Israel struck", "if Armenian troops crossed",
#: "if the European Union seized".
PARTY_ENTITIES = frozenset({"GPE", "NORP", "ORG"})


def _names_party(phrase) -> bool:
    return any(t.ent_type_ in PARTY_ENTITIES or (t.pos_ == "PROPN" and t.ent_type_ != "PERSON") for t in phrase.subtree)


def party_condition(token) -> bool:
    """An "if"/"unless" clause on the token, or on the verbs that govern it through xcomp/conj ("would be
    forced to respond if NATO placed ..."), whose subject names a party, or any such clause when the verb
    is aimed "against" a party ("could take action against Israel if the bombing continued")."""
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "obj")]  # "take action against Israel"
    against = any(c.dep_ == "prep" and c.lower_ == "against" and any(g.dep_ == "pobj" and _names_party(g) for g in c.children)
                  for h in holders for c in h.children)
    node = token
    for _ in range(4):
        for c in node.children:
            if c.dep_ != "advcl" or not any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                continue
            if against or any(s.dep_ in ("nsubj", "nsubjpass") and _names_party(s) for s in c.children):
                return True
        if node.dep_ in ("xcomp", "conj") and node.head is not node:
            node = node.head
        else:
            break
    return False


#: Nouns that count or group what their 'of' phrase names: "a batch of troops arrived" is the troops arriving.
QUANTITY_NOUNS = frozenset({
    "batch", "patch", "group", "contingent", "unit", "team", "convoy", "column", "detachment", "company", "squad",
    "number", "dozen", "dozens", "hundred", "hundreds", "thousand", "thousands", "score", "scores", "wave", "first",
    "second", "rest", "bulk", "part", "some", "many", "most", "all", "force", "platoon", "battalion",
})


def _inflection_bases(word: str) -> tuple[str, ...]:
    """Base forms of an inflected verb the tagger's lemma missed ("staged" -> lemma "stag", base "stage";
    "staging" -> "stage"): tried, in order, only when neither the lemma nor the word is in the lexicon."""
    out = []
    if word.endswith("ied") or word.endswith("ies"):
        out.append(word[:-3] + "y")
    if word.endswith("ed"):
        out += [word[:-1], word[:-2]]
    if word.endswith("ing"):
        out += [word[:-3] + "e", word[:-3]]
    if word.endswith("es"):
        out.append(word[:-2])
    if word.endswith("s") and not word.endswith("ss"):
        out.append(word[:-1])
    return tuple(w for w in out if len(w) > 2)


def _hyphen_compound(token) -> str | None:
    """'fire' in "cease-fire" (tokens cease, -, fire written without spaces) -> "cease-fire"."""
    return _hyphen_at(token.doc, token.i, token.lower_)


def _hyphen_at(doc, i: int, lower: str) -> str | None:
    """``_hyphen_compound(doc[i])`` with token ``i``'s lower-case form given (``lower``): no Token made."""
    if hyphen_before(doc, i):  # read from the document's token arrays: no Token made for the neighbours
        return f"{token_texts(doc)[i - 2].lower()}-{lower}"
    return None


def _subject_lemmas(token) -> frozenset[str]:
    """Lemmas of the token's subject head (and of a coordinated or controlling verb's subject); a
    quantity or group noun adds what its 'of' phrase names ("a first batch of troops")."""
    node = token
    for _ in range(3):
        agents = [g for a in node.children if a.dep_ == "agent" for g in a.children if g.dep_ == "pobj"]
        for c in agents + list(node.children):
            # a passive's by-agent is who acts ("exports were blocked by Polish farmers"), before its subject
            if c.dep_ in ("nsubj", "nsubjpass") or c in agents:
                found = {c.lemma_.lower(), c.lower_}
                if c.lemma_.lower() in QUANTITY_NOUNS or c.lower_ in QUANTITY_NOUNS or c.pos_ == "NUM":
                    for p in c.children:
                        if p.dep_ == "prep" and p.lower_ == "of":
                            found |= {g.lemma_.lower() for g in p.children if g.dep_ == "pobj"}
                            found |= {g.lower_ for g in p.children if g.dep_ == "pobj"}
                            found |= {m.lemma_.lower() for g in p.children if g.dep_ == "pobj" for m in g.children
                                      if m.dep_ in ("compound", "amod")}
                found |= {m.lemma_.lower() for m in c.children if m.dep_ == "compound"}
                return frozenset(found)
        if node.dep_ in ("conj", "xcomp") and node.head is not node:
            node = node.head
        else:
            break
    return frozenset()


def _temporal(doc, kids, deps) -> bool:
    """A preposition (its children's indexes ``kids``) whose objects are all dates or times ("on Thursday", "at
    dawn", "in March")."""
    objs = [g for g in kids if deps[g] == "pobj"]
    return bool(objs) and all(doc[g].ent_type_ in ("DATE", "TIME") for g in objs)


def _dependent_lemmas(token) -> frozenset[str]:
    # Read from the document's tree lists (accord.nlp.spans.tree): no Token made for the children looked at.
    doc = token.doc
    tr = tree(doc)
    deps, lemmas, lowers, kids = tr.deps, tr.lemmas, tr.lowers, tr.children
    found: set[str] = set()
    for c in kids[token.i]:
        dc = deps[c]
        if dc in ("punct", "cc", "nsubj", "csubj") or (dc == "nsubjpass" and lemmas[token.i] in _WITHDRAWING):
            continue  # who acts never decides what the act is ("Russian forces struck"); a passive's subject is
            # what is acted on and is read like an object ("troops were airlifted to", "sanctions were imposed"),
            # except forces withdrawn, who stand for their owner ("UN peacekeepers were pulled out of Gorazde")
        if dc == "prep" and _temporal(doc, kids[c], deps):
            continue  # "launched an ICBM on Thursday", "fired at dawn": a time frames no act
        found.add(lemmas[c])
        found.add(lowers[c])
        joined = _hyphen_at(doc, c, lowers[c])
        if joined is not None:
            found.add(joined)
        if dc == "ccomp" and doc[c].pos_ in ("NOUN", "PROPN"):
            # "declared Russia a terrorist regime": the parser reads the object and what it is made as a small clause
            found.update(lemmas[g] for g in kids[c] if deps[g] in ("amod", "compound"))
        if dc in _SECOND_LEVEL:
            for g in kids[c]:
                dg = deps[g]
                if dg in ("compound", "amod", "pobj", "dobj", "prep", "prt", "nmod", "xcomp", "conj", "pcomp", "npadvmod", "acl",
                          "appos"):
                    joined = _hyphen_at(doc, g, lowers[g])
                    found.add(joined if joined is not None else lemmas[g])  # "Iran-backed" is not "back", "Saudi-led" is not "lead"
                    found.add(lowers[g])
                    if dg == "pobj":
                        # "deployed as peacekeeping forces", "on a peacekeeping mission": the kind named by a compound
                        found.update(lemmas[m] for m in kids[g] if deps[m] == "compound")
                    if dg in ("prep", "pcomp", "xcomp", "appos"):
                        # "designated Russia a terrorist state": the object's apposition names what it is made
                        for gg in kids[g]:
                            if deps[gg] in (("amod", "compound") if dg == "appos" else ("pobj", "dobj", "compound")):
                                found.add(lemmas[gg])
                                found.add(lowers[gg])  # as on every other level: "a batch of missiles" has "missiles"
    return frozenset(found)


def _read(name: str) -> dict:
    ref = resources.files("accord.events") / "data" / name
    if not ref.is_file():
        return {}
    return _yaml_load(ref.read_text(encoding="utf-8")) or {}


@lru_cache(maxsize=8)
def _load(paths: tuple[str, ...], generated: bool = True) -> Lexicon:
    """Once per process, and between processes from the user cache (``accord.cache``): parsing the
    generated lexicon's ~3,700 frames takes about a second even with the C YAML loader."""
    from accord.cache import cached

    data = Path(__file__).resolve().parent / "data"
    sources = [Path(__file__).resolve(), data / "triggers.yaml", *([data / GENERATED] if generated else []),
               *map(Path, paths)]
    return cached("lexicon", sources, lambda: _build(paths, generated), extra=[f"generated={generated}", *paths])


def _build(paths: tuple[str, ...], generated: bool) -> Lexicon:
    triggers: list[Trigger] = []
    triggers.extend(_parse(_read("triggers.yaml").get("entries", []), "triggers.yaml"))
    for p in paths:
        extra = _yaml_load(Path(p).read_text(encoding="utf-8")) or {}
        more = _parse(extra.get("entries", []), p, "user")
        # User entries come first so that, at equal specificity, they win.
        triggers = more + triggers
    secondary = _parse(_read(GENERATED).get("entries", []), GENERATED, "petrarch") if generated else []
    return Lexicon(triggers, secondary)


#: The generated lexicon (tools/petrarch_lexicon.py).
GENERATED = "triggers_petrarch.yaml"


def load_lexicon(extra_files: tuple[str, ...] = (), *, generated: bool = True) -> Lexicon:
    """The shipped lexicon plus any user trigger files (same format); ``generated=False`` leaves out
    the PETRARCH-derived entries (the hand lexicon alone, as in coder v1)."""
    return _load(tuple(str(p) for p in extra_files), generated)
