"""Who did it and to whom: source and target actors of a trigger, read from the dependency parse.

Roles come from syntax, not word order: subjects (or the ``by``-agent of a passive), direct objects,
datives and prepositional complements named by the trigger, coordination, relative clauses and
controlled (xcomp) subjects. Actor mentions come from the actor resolver as token spans.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from accord.nlp.spans import tree
from accord.records import Actor
from accord.events.flags import finite_coordinate

SUBJ = ("nsubj", "csubj", "expl")
SUBJ_PASS = ("nsubjpass", "csubjpass")
OBJ = ("dobj", "obj", "dative", "iobj", "attr", "oprd")
#: Relations inside a noun phrase through which an actor of the phrase can be found
#: ("the leaders of France", "US hegemonic attempts", "Syria's government").
NP_INNER = ("compound", "amod", "poss", "nmod", "appos", "nummod", "det", "npadvmod")
NP_PREPS = frozenset({"of", "from", "in"})
#: For recipients, a complement inside the phrase also names the target ("the border with China").
TARGET_NP_PREPS = NP_PREPS | {"with", "near", "along", "by", "against", "to", "for", "among", "between"}
#: Prepositions of a participle inside a recipient phrase that name who it was made by or aimed at.
ACL_PREPS = frozenset({"by", "on", "against", "to", "with"})
#: Default recipient prepositions per PLOVER type (used when the trigger names none).
DEFAULT_TARGET_PREPS: dict[str, tuple[str, ...]] = {
    "CONSULT": ("with", "to"),
    "AGREE": ("with", "to"),
    "SUPPORT": ("for", "to", "with"),
    "CONCEDE": ("to", "for"),
    "COOPERATE": ("with",),
    "AID": ("to", "for"),
    "RETREAT": ("from", "to"),
    "REQUEST": ("on", "upon", "to", "from"),
    "ACCUSE": ("against", "over", "of"),
    "REJECT": ("from", "by"),
    "THREATEN": ("against", "with", "on"),
    "PROTEST": ("against", "outside"),
    "SANCTION": ("on", "against"),
    "MOBILIZE": ("against", "near", "to", "for"),
    "COERCE": ("against", "on"),
    "ASSAULT": ("on", "against", "at"),
}
#: Types whose participants act together when listed as one coordinated subject.
SYMMETRIC = frozenset({"CONSULT", "AGREE", "COOPERATE"})
PRONOUNS = frozenset({"it", "they", "he", "she", "we", "its", "their", "his", "her", "our", "us", "them", "i", "you", "itself", "themselves"})
FIRST_PERSON = frozenset({"we", "our", "us", "i", "my", "me", "ours"})


@dataclass
class Roles:
    source: list[Actor]
    target: list[Actor]
    source_via: str | None = None  # "subject", "agent", "speaker", "inherited", "pronoun"...


class MentionIndex:
    """Token index -> mention, for the mentions of one document."""

    def __init__(self, mentions) -> None:
        self.by_token: dict[int, object] = {}
        for m in mentions:
            for i in range(m.start, m.end):
                self.by_token.setdefault(i, m)

    def at(self, token):
        return self.by_token.get(token.i)


def _conj_chain(token) -> list:
    out = [token]
    for c in token.conjuncts:
        if c.i != token.i:
            out.append(c)
    return out


def np_actors(token, index: MentionIndex, depth: int = 3, _seen=None, preps: frozenset[str] = NP_PREPS) -> list[Actor]:
    """Actors denoted by the noun phrase headed by ``token`` (and its coordinated heads).

    Actors that name a country (or organisation) are preferred over bare sector words ("troops")."""
    actors: list[Actor] = []
    seen_mentions: set[int] = set() if _seen is None else _seen
    for head in _conj_chain(token):
        m = index.at(head)
        if m is not None:
            if id(m) not in seen_mentions:
                seen_mentions.add(id(m))
                actors.extend(m.actors)
                actors.extend(_coordinated_owners(head, m, index, seen_mentions))
            continue
        found = _search_np(head, index, depth, seen_mentions, preps)
        actors.extend(apposition_anchor(head, index, found))
    actors = _unique(actors)
    if any(a.country for a in actors):
        actors = [a for a in actors if a.country]
    return actors


def _coordinated_owners(head, mention, index: MentionIndex, seen: set[int]) -> list[Actor]:
    """"Russian and Chinese bombers", "US and South Korean troops", "Russia and Turkey's ministers": the
    parser hangs the other owners on the first modifier as conjuncts, and the resolver reads only the
    one next to the noun. Each owner named so is an actor of the same kind, with the noun's sector."""
    out: list[Actor] = []
    sector = next((a.sector for a in mention.actors if a.sector), None)
    for mod in head.children:
        if mod.dep_ not in ("amod", "compound", "nmod", "poss") or not mod.conjuncts:
            continue
        for t in (mod, *mod.conjuncts):
            mm = index.at(t)
            if mm is None or mm is mention or id(mm) in seen or mm.kind != "literal":
                continue
            seen.add(id(mm))
            for a in mm.actors:
                if not a.country:
                    continue
                if sector and not a.sector and a.kind == "state":
                    a = replace(a, sector=sector, code=f"{a.country}{sector}")
                out.append(a)
    return out


def _search_np(token, index: MentionIndex, depth: int, seen: set[int], preps: frozenset[str] = NP_PREPS) -> list[Actor]:
    """Actors inside the phrase under ``token``: the nearest ones, preferring those with a country."""
    found = _search_np_all(token, index, depth, seen, preps)
    with_country = [a for a in found if a.country]
    return with_country or found


def _search_np_all(token, index: MentionIndex, depth: int, seen: set[int], preps: frozenset[str]) -> list[Actor]:
    if depth <= 0:
        return []
    first: list[Actor] = []
    for c in token.children:
        if c.dep_ == "acl" and c.tag_ == "VBN" and "by" in preps:
            # "sanctions imposed on India", "an appeal filed by lawyers of X": who the thing was made by or for
            targets = [g for p in c.children if p.dep_ in ("prep", "agent") and p.lower_ in ACL_PREPS
                       for g in p.children if g.dep_ == "pobj"]
        elif c.dep_ in NP_INNER or (c.dep_ == "prep" and c.lower_ in preps):
            targets = [c] if c.dep_ != "prep" else [g for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        if targets:
            for t in targets:
                m = index.at(t)
                if m is not None and m.kind == "pronoun" and c.dep_ == "poss":
                    continue  # "his commitment", "its borders": the owner is usually the actor itself
                if m is not None and id(m) not in seen:
                    seen.add(id(m))
                    out = list(m.actors)
                    for cj in t.conjuncts:
                        mm = index.at(cj)
                        if mm is not None and id(mm) not in seen:
                            seen.add(id(mm))
                            out.extend(mm.actors)
                    if any(a.country for a in out):
                        return out
                    first = first or out
                    continue
                deeper = _search_np_all(t, index, depth - 1, seen, preps)
                if any(a.country for a in deeper):
                    return deeper
                first = first or deeper
    return first


def _unique(actors: list[Actor]) -> list[Actor]:
    out, keys = [], set()
    for a in actors:
        key = (a.code, a.name, a.start)
        if key not in keys:
            keys.add(key)
            out.append(a)
    return out


def _headline_subject(verb):
    """A headline's subject read as a compound of its verb ("Turkey shells Kurdish positions": the parser hangs
    "Turkey" on "shells" as a compound): the proper noun before a present-tense verb that has no subject."""
    if verb.tag_ != "VBZ":
        return None
    lefts = [c for c in verb.children if c.i < verb.i and c.dep_ == "compound" and c.pos_ == "PROPN"]
    return lefts[-1] if lefts else None


def subject_token(verb):
    """The subject token of a verb (following control, coordination and relative clauses).

    Returns (token, passive, via)."""
    node = verb
    for _ in range(6):
        subs = [c for c in node.children if (c.dep_ in SUBJ or c.dep_ in SUBJ_PASS) and c.lower_ not in NAME_SUFFIXES] \
            or [c for c in node.children if c.dep_ in SUBJ or c.dep_ in SUBJ_PASS]
        if subs:
            c = subs[-1]
            return c, c.dep_ in SUBJ_PASS, "subject" if node is verb else "inherited"
        headline = _headline_subject(node)
        if headline is not None:
            return headline, False, "subject" if node is verb else "inherited"
        if node.dep_ == "relcl" or (node.dep_ == "acl" and node.tag_ == "VBG"):
            return node.head, False, "relative"
        if node.dep_ == "acl" and node.tag_ == "VBN":
            if _misread_main_verb(node):
                return node.head, False, "subject" if node is verb else "inherited"
            if node is not verb:
                # "a demonstration staged by students to protest ...": the purpose is the agent's (or,
                # with no agent, the noun's: "troops sent to the border to attack"), and it is active.
                agent = agent_token(node)
                return (agent, False, "inherited") if agent is not None else (node.head, False, "relative")
            return node.head, True, "relative"
        if node.dep_ == "conj" and node.head.dep_ == "ccomp" and finite_coordinate(node):
            # "Tehran said it had never threatened shipping and blamed the US": the finite conjunct is
            # coordinated with the reporting verb, whose subject it shares.
            node = node.head.head
            continue
        if node.dep_ in ("xcomp", "conj", "advcl", "pcomp", "acomp") and node.head is not node:
            # Object control: "urged Iran to stop" -> the controller is the object of the head verb.
            if node.dep_ == "xcomp":
                for c in node.head.children:
                    if c.dep_ in ("dobj", "obj") and node.head.lemma_.lower() in OBJECT_CONTROL:
                        return c, False, "controller"
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            continue
        break
    return None, False, None


#: "President Joseph R. Biden, Jr. spoke": the parser may make the suffix a second subject.
NAME_SUFFIXES = frozenset({"jr.", "jr", "sr.", "sr", "ii", "iii", "iv"})

OBJECT_CONTROL = frozenset(
    {"urge", "ask", "call", "press", "encourage", "invite", "request", "force", "order", "tell", "pressure",
     "persuade", "allow", "permit", "implore", "help", "compel", "instruct", "advise", "warn", "appeal"}
)


#: Reporting verbs after which the parser may misread the reported clause's verb as a participle.
_REPORTING = frozenset({"say", "report", "tell", "announce", "state", "add", "claim", "confirm", "quote", "write"})


def _misread_main_verb(participle) -> bool:
    """"Palestinian youths resorted to throwing stones, officials said": the parser reads "resorted"
    as a participle modifying "youths", the subject of "said". A past form right after the noun,
    with no comma and no "by"-agent, whose noun is the subject of a reporting verb, is the main verb."""
    noun = participle.head
    if noun.dep_ != "nsubj" or noun.head.lemma_.lower() not in _REPORTING or noun.head.i < participle.i:
        return False
    if participle.i != noun.right_edge.i + 1 and participle.i != noun.i + 1:
        return False
    return agent_token(participle) is None


def agent_token(verb):
    tr = tree(verb.doc)  # the document's tree lists: no Token made for the children looked at
    deps, kids = tr.deps, tr.children
    for c in kids[verb.i]:
        if deps[c] == "agent":
            for g in kids[c]:
                if deps[g] == "pobj":
                    return verb.doc[g]
    return None


def prep_objects(token, preps: tuple[str, ...] | frozenset[str]) -> list:
    """Objects of the named prepositions under ``token`` (also under its particle/object: "call on")."""
    doc = token.doc
    tr = tree(doc)  # the document's tree lists: Tokens made only for the objects found
    deps, lowers, kids = tr.deps, tr.lowers, tr.children
    out = []
    for c in kids[token.i]:
        dep = deps[c]
        if dep in ("prep", "dative", "agent") and lowers[c] in preps:
            out.extend(doc[g] for g in kids[c] if deps[g] == "pobj")
        elif dep == "prt" and lowers[c] in preps:
            # "called on Iran" is sometimes parsed with "on" as particle and Iran as dobj.
            out.extend(doc[g] for g in kids[token.i] if deps[g] in ("dobj",))
    return out


def out_of_objects(token) -> list:
    """"pulled its troops out of Somalia": the objects of "out of" on ``token`` (read as "from"), whether
    the parser makes "out" a particle or a preposition."""
    doc = token.doc
    tr = tree(doc)
    deps, lowers, kids = tr.deps, tr.lowers, tr.children
    return [doc[x] for c in kids[token.i] if lowers[c] == "out" and deps[c] in ("prt", "prep", "advmod")
            for g in kids[c] if deps[g] == "prep" and lowers[g] == "of"
            for x in kids[g] if deps[x] == "pobj"]


#: Recipient prepositions on an object noun ("halted aid to Serbia", "imposed sanctions on Iran").
OBJECT_NOUN_PREPS = frozenset({"to", "for", "with", "on", "against", "toward", "towards", "into", "from", "among", "between"})


def complement_objects(token, preps) -> list:
    """Recipients hanging on the trigger's object or on its 'of' complement ("a suspension of links with Serbia")."""
    out = []
    for c in token.children:
        if c.dep_ in OBJ:
            out.extend(prep_objects(c, OBJECT_NOUN_PREPS))
        elif c.dep_ == "prep" and c.lower_ == "of":
            for g in c.children:
                if g.dep_ == "pobj":
                    out.extend(prep_objects(g, frozenset(preps) | {"with", "to"}))
    return out


def object_tokens(token) -> list:
    tr = tree(token.doc)
    deps = tr.deps
    return [token.doc[c] for c in tr.children[token.i] if deps[c] in OBJ]


def clause_complement(token):
    """The clausal complement a class verb governs (xcomp/ccomp, "is ready to X", or the pcomp of 'of'/'for')."""
    doc = token.doc
    tr = tree(doc)  # the document's tree lists: a Token made only for the complement found
    deps, kids = tr.deps, tr.children
    own = kids[token.i]
    for c in own:
        if deps[c] in ("xcomp", "ccomp"):
            return doc[c]
    for c in own:
        if deps[c] == "acomp":
            for g in kids[c]:
                if deps[g] in ("xcomp", "ccomp"):
                    return doc[g]
    for c in own:
        if deps[c] == "prep":
            for g in kids[c]:
                if deps[g] == "pcomp":
                    return doc[g]
    return None


# --------------------------------------------------------------------------- role NPs the tables do not know

#: Entity labels that are never an unknown actor: places, times, quantities, works, laws, languages.
_NOT_ACTOR_LABELS = frozenset({
    "GPE", "LOC", "FAC", "DATE", "TIME", "MONEY", "PERCENT", "QUANTITY", "CARDINAL", "ORDINAL",
    "WORK_OF_ART", "LAW", "LANGUAGE", "EVENT", "PRODUCT", "NORP",
})
UNRESOLVED = "unresolved"
#: A name the tagger calls a person is still a place when it names a city this large ("Kharkiv").
BIG_PLACE = 300_000


def _name_span(head):
    """The tokens of the proper name headed by ``head``: its compound/flat modifiers and the entity."""
    doc = head.doc
    start = end = head.i
    for c in head.children:
        if c.dep_ in ("compound", "flat", "nmod") and c.pos_ == "PROPN" and c.i < head.i:
            start = min(start, c.left_edge.i if c.left_edge.pos_ == "PROPN" else c.i)
    if head.ent_iob_ in ("B", "I"):
        s = head.i
        while s > 0 and doc[s].ent_iob_ == "I":
            s -= 1
        e = head.i
        while e + 1 < len(doc) and doc[e + 1].ent_iob_ == "I":
            e += 1
        start, end = min(start, s), max(end, e)
    while start < head.i and not doc[start].text[:1].isalnum():
        start += 1
    return doc[start:end + 1]


def _unknown_name(token, index: MentionIndex):
    """``token`` heads a proper name of a person or body that no actor mention covers, or None."""
    if token.pos_ != "PROPN" or not token.text[:1].isupper() or token.ent_type_ in _NOT_ACTOR_LABELS:
        return None
    span = _name_span(token)
    if any(index.at(t) is not None for t in span):
        return None
    from accord.geo.gazetteer import lookup_place

    place = lookup_place(span.text)
    if place is not None and (token.ent_type_ != "PERSON" or place.kind in ("country", "state")
                              or (place.population or 0) >= BIG_PLACE):
        return None  # "attacked Kharkiv": a place (the tagger may call a big city a person; not a small town)
    if len(span) == 1 and token.is_sent_start and not token.ent_type_:
        return None  # a capitalised first word the tagger does not see as a name is as often a common word
    return span


def unresolved_actors(token, index: MentionIndex) -> list[Actor]:
    """A role NP that names a person or body the tables do not know ("Erdogan accused Gulen",
    "The ELN said it would free Odin Sanchez", "faulted Buhari's decision"): an actor with no country
    and no code, kind ``person`` (or ``group`` for an organisation), ``via="unresolved"``. The event then
    says who acted or was acted on even when the knowledge base cannot code them; unknown is not
    guessed. Looks at the head (and its conjuncts), then at its possessor and its 'of'/'by' complement."""
    out: list[Actor] = []
    for head in _conj_chain(token):
        spans = [_unknown_name(head, index)]
        if spans[0] is None and head.pos_ in ("NOUN", "PROPN"):
            inner = [c for c in head.children if c.dep_ == "poss"]
            inner += [g for c in head.children if c.dep_ == "prep" and c.lower_ in ("of", "by")
                      for g in c.children if g.dep_ == "pobj"]
            spans = [_unknown_name(t, index) for t in inner]
        for span in spans:
            if span is None:
                continue
            root = span.root
            kind = "group" if root.ent_type_ == "ORG" or span.text.isupper() else "person"
            out.append(Actor(text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                             country=None, sector=None, id=None, kind=kind, via=UNRESOLVED))
            break
    return _unique(out)


def resolved(actors) -> list[Actor]:
    """The actors that the tables (or the context) coded: not the unresolved role NPs."""
    return [a for a in actors if a.via != UNRESOLVED]


def apposition_anchor(token, index: MentionIndex, actors: list[Actor]) -> list[Actor]:
    """"Odin Sanchez, a former Colombian congressman": the person is the name, the country comes from
    the apposition. Actors found only through an apposition of an unknown name are re-anchored on the
    name (its text and offsets), so the event points at the person, not at the description."""
    span = _unknown_name(token, index)
    if span is None or not actors:
        return actors
    appos = [c for c in token.children if c.dep_ == "appos"]
    if not appos or not all(any(c.left_edge.idx <= a.start < c.right_edge.idx + len(c.right_edge.text) for c in appos)
                            for a in actors):
        return actors
    return [replace(a, text=span.text, start=span.start_char, end=span.end_char, name=span.text,
                    kind="person", id=None, via=a.via or "apposition") for a in actors[:1]]


#: Sectors of what an actor moves rather than whom it acts on ("withdrew its troops from X").
FORCE_SECTORS = frozenset({"MIL", "COP", "PRM", "UAF"})


def moved_forces(actors: list[Actor], source: list[Actor]) -> bool:
    """The object names the source's own forces (no country, or the source's): what is sent or
    withdrawn, not the recipient."""
    if not actors:
        return False
    countries = {a.country for a in source if a.country}
    return all(a.sector in FORCE_SECTORS and (a.country is None or a.country in countries) and a.kind in ("sector", "state")
               for a in actors)


#: Participles that make a thing its owner's: "a Marshall Islands-flagged tanker", "a British-owned ship".
OWNING_PARTICIPLES = frozenset({"flagged", "owned", "registered", "operated", "run", "crewed", "chartered"})


def _hyphenated_state(kb, token, participles: frozenset, roles: tuple, via: str, whole: bool) -> list[Actor]:
    """The country named before a hyphenated participle on ``token`` ("Panama-flagged", "Saudi-led"). The
    actor's span is the country's words, or (``whole``) the words through ``token`` ("Saudi-led coalition")."""
    if kb is None:
        return []
    for c in token.children:
        if c.dep_ not in ("amod", "compound") or c.lower_ not in participles:
            continue
        for owner in c.children:
            if owner.dep_ not in ("npadvmod", "compound", "amod", "nmod"):
                continue
            words = [w for w in owner.subtree if w.i < c.i and w.text != "-"]
            for entry in kb.index.get(tuple(w.lower_ for w in words), ()):
                if entry.kind == "country" and entry.role in roles:
                    country = getattr(kb, "countries", {}).get(entry.key)
                    first, last = words[0], (token if whole else words[-1])
                    return [Actor(text=token.doc[first.i:last.i + 1].text, start=first.idx,
                                  end=last.idx + len(last.text), name=getattr(country, "name", entry.key),
                                  country=entry.key, sector=None,
                                  id=getattr(country, "qid", None) or f"accord:country:{entry.key}", kind="state",
                                  via=via)]
    return []


def owned_thing_actors(kb, token) -> list[Actor]:
    """The state a thing belongs to when a hyphenated participle says so ("seized a Panama-flagged
    tanker", "attacked a British-owned ship"): the recipient is that state. "-led" and "-backed" are
    not ownership ("a Saudi-led coalition" acts itself; "Iran-backed militias" are not Iran)."""
    return _hyphenated_state(kb, token, OWNING_PARTICIPLES, ("name", "adjective", "short", "capital"), "owner", False)


#: Participles that name who made a proposal: "a French-drafted resolution", "the US-brokered truce".
AUTHORING_PARTICIPLES = frozenset({"drafted", "proposed", "sponsored", "brokered", "mediated", "authored", "tabled",
                                   "submitted", "written", "drawn"})


def authored_actors(kb, token) -> list[Actor]:
    """The state that made what ``token`` names ("vetoed a French-drafted resolution", "rejected an
    Egyptian-proposed truce", "welcomed the US-brokered ceasefire"): a reaction to a proposal is aimed at
    its author, before anything the proposal is about ("… resolution on Sudan")."""
    return _hyphenated_state(kb, token, AUTHORING_PARTICIPLES, ("name", "adjective", "short", "capital"), "author", False)


def act_agent_actors(token, index: MentionIndex) -> list[Actor]:
    """"condemned the sanctions on Zimbabwe imposed by Washington", "rejected the report drawn up by the
    IAEA", "criticised the raid by Israeli police", "denounced Washington's sanctions on Cuba": a reaction
    to an act or a document whose maker the phrase names (a 'by'-agent of its participle, a 'by'
    complement or a possessor of the noun) is aimed at the maker, not at whom the act was about. Only for
    a common noun that is no actor itself and names none in its modifiers."""
    if token.pos_ != "NOUN" or index.at(token) is not None:
        return []
    if any(c.dep_ in ("compound", "amod", "nmod") and index.at(c) is not None for c in token.children):
        return []  # "the UN resolution drafted by Britain": the phrase names its own actor; it stays the recipient
    for c in token.children:
        agent = None
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = agent_token(c)
        elif c.dep_ == "poss" and index.at(c) is not None and index.at(c).kind != "pronoun":
            agent = c  # "the United States' sanctions on Zimbabwe": the owner made them
        elif c.dep_ == "prep" and c.lower_ == "by":
            agent = next((g for g in c.children if g.dep_ == "pobj"), None)
        if agent is not None:
            found = np_actors(agent, index)
            if found:
                return found
    for g in prep_objects(token, ("on", "against")):
        # "the tariffs on Chinese cars imposed by the EU": the parser hangs the participle on the nearer noun
        # ("the raid on the Jenin camp by Israeli troops")
        for c in g.children:
            agent = None
            if c.dep_ == "acl" and c.tag_ == "VBN" and c.lemma_.lower() in MAKING_PARTICIPLES:
                agent = agent_token(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                agent = next((x for x in c.children if x.dep_ == "pobj"), None)
            found = np_actors(agent, index) if agent is not None else []
            if found:
                return found
    return []


#: Participles that say who imposed or carried out an act: "sanctions on X imposed by Y".
MAKING_PARTICIPLES = frozenset({"impose", "levy", "slap", "carry", "launch", "conduct", "order", "announce",
                                "adopt", "pass", "introduce", "issue", "enact"})


#: Crowd words standing alone as an actor ("Hundreds protested", "thousands marched").
CROWD_WORDS = frozenset({"hundreds", "thousands", "dozens", "scores", "millions", "tens"})


def crowd_actors(token) -> list[Actor]:
    """"Hundreds protested outside the embassy": a crowd of unnamed people (civilians), whose country the
    context may supply. "Thousands of people" is left to the sector reading of "people"."""
    if token.lower_ not in CROWD_WORDS or any(c.dep_ == "prep" and c.lower_ == "of" for c in token.children):
        return []
    return [Actor(text=token.text, start=token.idx, end=token.idx + len(token.text), name=token.text, country=None,
                  sector="CVL", kind="sector", via="argument")]


def instrument_agent(token, index: MentionIndex) -> list[Actor]:
    """"The missiles fired by the Israeli military struck ...", "a car bomb planted by militants
    exploded": a subject that is a thing made or used by someone acts for its maker, named by the
    'by'-agent of its participle. An act named as the subject ("a drone strike by the Israeli military
    hit ...") acts for its own 'by'-agent."""
    for c in token.children:
        if c.dep_ == "acl" and c.tag_ == "VBN":
            agent = agent_token(c)
            if agent is not None:
                return np_actors(agent, index)
        elif c.dep_ == "prep" and c.lower_ == "by":
            for g in c.children:
                if g.dep_ == "pobj":
                    found = np_actors(g, index)
                    if found:
                        return found
    return []


#: Things that carry words to someone ("a letter to the president urging ..."), and verbs of addressing.
MESSAGE_NOUNS = frozenset({
    "letter", "message", "note", "memo", "cable", "telegram", "appeal", "petition", "statement", "complaint",
    "warning", "ultimatum", "plea", "call", "request", "missive", "notice", "communique", "communiqué",
})
ADDRESSING_VERBS = frozenset({"write", "appeal", "petition", "complain", "speak", "talk", "turn"})


def addressed_by_message(token):
    """"sent a letter to the Iranian president urging restraint", "wrote to the minister asking ...":
    the parser hangs the participle on the addressee, but it says what the message does. Returns
    (addressee token, verb whose subject sent it) or None."""
    if token.dep_ != "acl" or token.tag_ != "VBG":
        return None
    addressee = token.head
    prep = addressee.head
    if addressee.dep_ != "pobj" or prep.lower_ != "to" or prep.head is prep:
        return None
    holder = prep.head
    if holder.pos_ in ("NOUN", "PROPN") and holder.lemma_.lower() in MESSAGE_NOUNS and holder.head.pos_ in ("VERB", "AUX"):
        return addressee, holder.head
    if holder.pos_ == "VERB" and (holder.lemma_.lower() in ADDRESSING_VERBS or any(
            c.dep_ in ("dobj", "obj") and c.lemma_.lower() in MESSAGE_NOUNS for c in holder.children)):
        return addressee, holder  # "wrote to X asking", "sent a letter to X urging" (the 'to' on the verb)
    return None


#: "The Saudi-led coalition", "the US-led war against Iraq": the leader named before "-led" is the actor.
LEADING_PARTICIPLES = frozenset({"led", "headed", "commanded"})


def leader_actors(kb, token) -> list[Actor]:
    """The state that leads what ``token`` names ("a Saudi-led coalition" acts as Saudi Arabia, as PLOVER
    codes it; "Iran-backed militias" are not Iran and stay as they are)."""
    return _hyphenated_state(kb, token, LEADING_PARTICIPLES, ("name", "adjective", "capital"), "leader", True)


def condition_subjects(token) -> list:
    """Subjects of an "if"/"unless" clause on ``token`` ("threatened retaliation if Finland joined NATO"):
    the one a threat is aimed at."""
    out = []
    node = token
    for _ in range(4):  # also on the verbs governing it: "would be forced to respond if NATO placed ..."
        for c in node.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                out.extend(g for g in c.children if g.dep_ in ("nsubj", "nsubjpass"))
        if out or node.dep_ not in ("xcomp", "conj") or node.head is node:
            break
        node = node.head
    return out


#: Where a deployment is aimed: "massed troops near its border with Ukraine", "close to the Armenian border".
DEPLOYMENT_PREPS = frozenset({"near", "along", "to", "toward", "towards", "on", "against", "at"})


def deployment_places(token) -> list:
    """Objects of the prepositions that say where forces are moved, on the verb, on its object, or after
    "close"/"up" ("moved artillery close to the border")."""
    out = []
    holders = [token] + [c for c in token.children if c.dep_ in ("dobj", "obj")]
    holders += [c for c in token.children if c.dep_ in ("advmod", "prt") and c.lower_ in ("close", "up", "closer")]
    for h in holders:
        for c in h.children:
            if c.dep_ == "prep" and c.lower_ in DEPLOYMENT_PREPS:
                out.extend(g for g in c.children if g.dep_ == "pobj")
    return out


#: Nouns of a shared line between two parties: "a ceasefire on its border with Tajikistan".
BORDER_NOUNS = frozenset({"border", "frontier", "boundary"})
#: Types whose other party a shared border names when nothing else does: a truce, talks or joint patrols
#: "on the border with X" are with X; clashes "on the frontier with X" are fought with X. Not withdrawals
#: or arrests near a border, which are nobody's across it.
BORDER_TYPES = frozenset({"AGREE", "CONSULT", "COOPERATE", "ASSAULT"})


def border_counterparts(token, index: MentionIndex, source: list[Actor]) -> list[Actor]:
    """The party across a border named in the trigger's complements ("agreed to a ceasefire on its
    border with Tajikistan", "clashed with militants on the frontier with Afghanistan"): the 'with'/
    'between' complement of a border noun under the trigger, outside its subject, other than the source."""
    from spacy.parts_of_speech import NOUN

    from accord.nlp.spans import tokens_with_lemma

    doc = token.doc
    if not any(b == token.i or token.is_ancestor(doc[b]) for b in tokens_with_lemma(doc, BORDER_NOUNS, NOUN)):
        return []  # no border noun under the trigger (most sentences have none): no subtree to walk
    src = {a.country for a in source if a.country}
    subjects = {t.i for c in token.children if c.dep_ in SUBJ + SUBJ_PASS for t in c.subtree}
    for t in token.subtree:
        if t.i in subjects or t.lemma_.lower() not in BORDER_NOUNS or t.pos_ != "NOUN":
            continue
        for g in prep_objects(t, ("with", "between")):
            found = [a for a in np_actors(g, index) if a.country and a.country not in src]
            if found:
                return found
    return []


#: Prepositions inside a recipient phrase that say where the thing hit is ("a hospital in Kyiv", "the town of Goris").
PLACE_PREPS = frozenset({"in", "of", "near", "outside", "at", "on", "across", "around"})
#: Gazetteer kinds that belong to one country and so name its people or government as a recipient.
_PLACE_KINDS = frozenset({"country", "state", "region", "city"})


def _place_country(kb, span) -> tuple[str, object] | None:
    """(country, span) for a proper name that names a place: a country or its capital in the actor tables,
    else a gazetteer place. (None, span) for a known place of no country ("the Red Sea"); None when
    the words are no known place. A city the tagger calls a person or organisation counts only when it
    is of some size (the tagger's usual slip), never a small town that shares a surname; regions and
    states have names of their own ("Tigray", "Darfur")."""
    from accord.geo.gazetteer import lookup_place

    key = tuple(t.lower_ for t in span)
    for entry in kb.index.get(key, ()) if kb is not None else ():
        if entry.kind == "country" and entry.role in ("name", "capital", "short"):
            return entry.key, span
    texts = [span.text]
    proper = " ".join(t.text for t in span if t.lower_ not in _GENERIC_PLACE_WORDS and t.pos_ == "PROPN")
    if proper and proper != span.text:
        texts.append(proper)  # "the Tigray region" -> "Tigray"
    for text in texts:
        place = lookup_place(text)
        if place is None or place.kind not in _PLACE_KINDS:
            continue
        if place.kind == "city" and span.root.ent_type_ in ("PERSON", "ORG", "NORP") \
                and (place.population or 0) < MISLABELLED_PLACE:
            return None
        return (place.country or None), span
    return None


#: In a recipient's position a name the tagger calls a person is a place when it names a city this large
#: ("the shelling of Kherson", "strikes on Khan Younis"); smaller towns share too many surnames.
MISLABELLED_PLACE = 50_000
_GENERIC_PLACE_WORDS = frozenset({"province", "region", "city", "town", "state", "county", "district", "oblast",
                                  "governorate", "prefecture", "village", "area", "valley", "enclave", "strip"})


#: The ``via`` of a recipient named only by a place: the place stays the event's location too.
PLACE_NAMED = "place-named"


def place_actors(kb, token, index: MentionIndex | None = None, depth: int = 2) -> list[Actor]:
    """A recipient named only by where it is: "struck Kharkiv", "a hospital in Kyiv", "the Jenin refugee
    camp", "Russia's Kursk region", "the Armenian town of Goris", "Beirut's southern suburbs". The
    recipient is the country of the place (a state actor on the place's words, ``via=PLACE_NAMED``).
    Looks at the phrase head, its proper-name modifiers and possessor, then at the places its 'in'/'of'/
    'near' complements name; a known place of no country ("in the Red Sea") ends the search."""
    if kb is None or token.pos_ not in ("NOUN", "PROPN"):
        return []
    from accord.events.implicit import country_actor, water_name

    if water_name(kb, token):
        return []  # "fired a missile into the Sea of Japan", "seized a tanker in the Gulf of Oman": nobody's waters

    spans = []
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        spans.append(_name_span(token))
    for c in token.children:
        if c.dep_ in ("compound", "poss", "nmod", "npadvmod") and c.pos_ == "PROPN" and c.text[:1].isupper():
            spans.append(_name_span(c))
    for span in spans:
        if index is not None and any(index.at(t) is not None for t in span):
            continue  # an actor mention: np_actors already had its say
        hit = _place_country(kb, span)
        if hit is None:
            continue
        country, span = hit
        if country is None:
            return []
        return [country_actor(kb, country, span.text, span.start_char, span.end_char, PLACE_NAMED)]
    if depth > 0:
        for head in _conj_chain(token)[1:]:  # "Kharkiv and Kupiansk"
            found = place_actors(kb, head, index, depth - 1)
            if found:
                return found
        for c in token.children:
            if c.dep_ == "prep" and c.lower_ in PLACE_PREPS:
                for g in c.children:
                    if g.dep_ == "pobj":
                        found = place_actors(kb, g, index, depth - 1)
                        if found:
                            return found
    return []


def placed_sector_actors(actors: list[Actor], place: list[Actor]) -> list[Actor]:
    """Sector actors of no country in a phrase that names where they are ("a police post in Pakistan's
    Khyber Pakhtunkhwa province") take that place's country, before any guess from the sentence."""
    if not place or not actors or any(a.country for a in actors):
        return actors
    c0 = place[0].country
    return [replace(a, country=c0, code=f"{c0}{a.sector or ''}", via=a.via or "context:phrase-place")
            if a.kind == "sector" and a.sector not in ("UAF", "CRM", "IMG") else a for a in actors]
