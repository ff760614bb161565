"""Find actor mentions in a parsed document and resolve them against the knowledge base.

Three passes over the tokens, all linear in document length:
1. ``find_atoms``: greedy longest match of the phrase index (countries, organisations, people,
   sector words, collectives, non-actor phrases), with case checks for names and acronyms.
2. ``compose``: join adjacent atoms into one mention ("Russian" + "Foreign Minister" + "Sergei
   Lavrov"; "Israel's" + "high court"; "the leaders" + "of France and Germany") and drop non-actors
   (places after "in", topic nouns such as "the Russian language", names inside a person's name).
3. ``accord.actors.coref``: collective phrases, pronouns and the signatories of joint statements.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accord.actors.kb import Entry, KnowledgeBase, SectorWord, Term
from accord.records import Actor

_POSSESSIVE = {"'s", "’s", "'", "’"}
_FILLER_WORDS = {
    "new", "former", "senior", "top", "deputy", "acting", "interim", "chief", "then", "late", "ex", "-",
    "veteran", "outgoing", "incoming", "newly", "elected", "caretaker", "current", "first", "vice", "high",
    "special", "ousted", "exiled", "embattled", "powerful", "influential", "main", "rival", "ruling",
}
_MONTHS_DAYS = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
    "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
}
_NAME_PARTICLES = {"bin", "al", "el", "de", "da", "van", "von", "der", "la", "le", "ibn", "abu", "-", "ben"}
_SKIP_BEFORE_PLACE = {
    "the", "a", "an", "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
    "northeastern", "northwestern", "southeastern", "southwestern", "north-east", "north-west", "south-east",
    "south-west", "rural", "occupied", "neighbouring", "neighboring", "war-torn", "mainland", "downtown",
}
_ENTITY_VETO = {"PERSON", "ORG", "FAC", "WORK_OF_ART", "EVENT", "LAW", "PRODUCT"}
#: Offices whose current holder may be named by surname alone in a document about their country.
HEAD_ROLES = frozenset({"president", "prime_minister", "chancellor", "king", "queen", "emir", "sultan", "supreme_leader",
                        "head_of_state", "acting_president", "acting_prime_minister", "head_of_government"})
#: Tokens after a name that make it a different person ("Donald Trump Jr.").
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
#: Smallest city taken as the owner of an institution; smaller namesakes are too often the wrong place.
_OWNING_CITY = 100_000
#: A name the tagger reads as a person owns an institution only if it is a city this large ("Lyon police").
_BIG_PLACE = 500_000
#: ``via`` values of actors read directly from the text (not derived by coreference or context).
LITERAL_VIAS = frozenset({"name", "alias", "adjective", "capital", "metonym", "region", "title+surname", "surname",
                          "surname+organ", "sector phrase", "place", "located", "signatory", "untabled name"})
_PLACE_SUFFIXES = {"state", "province", "region", "city", "county", "oblast", "prefecture", "district"}
_ROLE_ORDER = ("president", "prime_minister", "chancellor", "king", "queen", "emir", "sultan", "supreme_leader",
               "secretary_general", "general_secretary")


@dataclass(frozen=True)
class Mention:
    """One actor mention: a token span of the spaCy doc and the actor(s) it names."""

    start: int  # token index, inclusive
    end: int  # token index, exclusive
    head: int  # token index of the syntactic head
    actors: tuple[Actor, ...]
    kind: str  # literal | collective | anaphor | pronoun


@dataclass(frozen=True)
class Atom:
    start: int
    end: int
    entries: tuple[Entry, ...]  # same phrase, all readings that passed the case check (priority order)

    @property
    def entry(self) -> Entry:
        return self.entries[0]

    @property
    def kind(self) -> str:
        return self.entries[0].kind

    @property
    def is_owner(self) -> bool:
        return self.kind in ("country", "org")


# --------------------------------------------------------------------------- pass 1: atoms


def _case_ok(form: tuple[str, ...], texts: list[str], i: int) -> bool:
    for k, alias_tok in enumerate(form):
        if alias_tok == alias_tok.lower():
            continue
        tok = texts[i + k]
        if tok == alias_tok:
            continue
        if tok.isupper() and len(tok) > 2 and not alias_tok.isupper():
            continue  # all-capitals headline: "RUSSIA SAYS ..."
        if tok[:1].isupper() and tok[1:] == alias_tok[1:] and alias_tok[:1].islower():
            continue
        return False
    return True


def find_atoms(texts: list[str], kb: KnowledgeBase) -> list[Atom]:
    """Greedy longest-match of the phrase index over token texts."""
    lower = [t.lower() for t in texts]
    n = len(texts)
    atoms: list[Atom] = []
    starts = kb.lengths  # first token -> phrase lengths: most tokens start no phrase and are passed over here
    i = 0
    while i < n:
        atom = _longest_at(i, texts, lower, kb) if lower[i] in starts else None
        if atom is None:
            i += 1
            continue
        if lower[i] == "the" and i + 1 < n:
            # "the Republic of Congo": a longer name after "the" beats "the republic"
            later = _longest_at(i + 1, texts, lower, kb)
            if later is not None and later.end > atom.end:
                atom = later
        atoms.append(atom)
        i = atom.end
    return atoms


def _longest_at(i: int, texts: list[str], lower: list[str], kb: KnowledgeBase) -> Atom | None:
    lengths = kb.lengths.get(lower[i])  # only the lengths some phrase starting with this word has
    if not lengths:
        return None
    room = len(texts) - i
    for length in lengths:
        if length > room:
            continue
        entries = kb.index.get(tuple(lower[i : i + length]))
        if not entries:
            continue
        ok = tuple(e for e in entries if _case_ok(e.form, texts, i))
        if ok:
            return Atom(i, i + length, ok)
    return None


# --------------------------------------------------------------------------- person terms


def choose_term(terms: list[Term], date: dt.date | None, role_hint: str | None = None,
                context: frozenset[str] = frozenset()) -> tuple[Term, bool]:
    """The term in force at ``date`` (and whether the person held it then; False = former/future).

    Among several terms in force (a monarch of several realms), a role matching the title wins, then a
    country named elsewhere in the document (``context``), then the usual order of offices.
    """
    if date is None:
        current = [t for t in terms if t.end is None] or [max(terms, key=lambda t: t.start or dt.date.min)]
        return _best_role(current, role_hint, context), True
    covering = [t for t in terms if t.covers(date)]
    if covering:
        return _best_role(covering, role_hint, context), True

    def distance(t: Term) -> int:
        if t.end is not None and t.end < date:
            return (date - t.end).days
        if t.start is not None and t.start > date:
            return (t.start - date).days
        return 0

    nearest = min(distance(t) for t in terms)
    return _best_role([t for t in terms if distance(t) == nearest], role_hint, context), False


def _best_role(terms: list[Term], role_hint: str | None, context: frozenset[str] = frozenset()) -> Term:
    if context and len({t.country for t in terms}) > 1:
        local = [t for t in terms if t.country in context]
        if local:
            terms = local
    if role_hint:
        for t in terms:
            if t.role == role_hint:
                return t
    for role in _ROLE_ORDER:
        for t in terms:
            if t.role == role:
                return t
    return terms[0]


# --------------------------------------------------------------------------- pass 2: composition


@dataclass
class _Group:
    atoms: list[Atom]
    start: int
    end: int
    owners: list[Atom]
    sectors: list[Atom]
    person: Atom | None = None
    person_span: tuple[int, int] | None = None  # an untabled name after a title
    possessive: bool = False
    former: bool = False
    located: bool = False  # owner given by "in <state>"
    person_owner: bool = False  # "the Biden administration": the person stands for the state


class Resolver:
    """Resolves mentions in one spaCy ``Doc`` (parsed or merely tokenised) at one date."""

    def __init__(self, doc, kb: KnowledgeBase, date: dt.date | None):
        from accord.nlp.spans import doc_text, token_texts

        self.doc = doc
        self.kb = kb
        self.date = date
        self.texts = token_texts(doc)
        self.text = doc_text(doc)  # Doc.text is rebuilt on every access: read it once per document
        self.parsed = doc.has_annotation("DEP")
        self.has_ents = doc.has_annotation("ENT_IOB")
        self.n = len(doc)

    # -- token helpers
    def _is_filler(self, i: int) -> bool:
        tok = self.doc[i]
        low = tok.lower_
        if low in _FILLER_WORDS or low in self.kb.former_words:
            return True
        if self.parsed:
            return tok.pos_ in ("ADJ", "NUM") or (tok.pos_ in ("NOUN", "PROPN") and tok.dep_ in ("compound", "amod"))
        return False

    def _prev_word(self, i: int) -> int | None:
        """The word before ``i``, skipping determiners and compass words ("in northern Iraq")."""
        j = i - 1
        while j >= 0 and (self.doc[j].lower_ in _SKIP_BEFORE_PLACE):
            j -= 1
        return j if j >= 0 else None

    def _char_span(self, start: int, end: int) -> tuple[str, int, int]:
        s = self.doc[start].idx
        last = self.doc[end - 1]
        e = last.idx + len(last.text)
        return self.text[s:e], s, e

    # -- main
    def _infinitive_to(self, i: int) -> bool:
        """Token ``i`` is the infinitive marker of a verb ("urged the two countries to show restraint")."""
        tok = self.doc[i]
        return self.parsed and tok.lower_ == "to" and tok.dep_ == "aux" and tok.head.pos_ in ("VERB", "AUX")

    def _verb_word(self, a: Atom) -> bool:
        """A one-word sector atom the parser reads as a finite verb with an object: "China masses troops near
        Taiwan", "Iran arms the Houthis" -- the word names the act, not people."""
        if not self.parsed or a.end - a.start != 1 or a.kind != "sector":
            return False
        tok = self.doc[a.start]
        return tok.pos_ == "VERB" and tok.tag_ in ("VBZ", "VBP", "VBD") and any(c.dep_ in ("dobj", "obj") for c in tok.children)

    def mentions(self, atoms: list[Atom]) -> list[Mention | tuple]:
        """Literal mentions, plus ``("collective", atom)`` placeholders for the coref pass."""
        out: list = []
        j = 0
        place_run_end = -1  # a coordinated list of places ("in Russia and China")
        while j < len(atoms):
            a = atoms[j]
            if a.kind == "nonactor" or self._verb_word(a):
                j += 1
                continue
            if a.kind == "anaphor":
                nxt_tok = self.doc[a.end] if a.end < self.n else None
                if nxt_tok is None or not (nxt_tok.lower_ == "of" or nxt_tok.text in _POSSESSIVE
                                           or (self.parsed and nxt_tok.pos_ in ("NOUN", "PROPN"))):
                    out.append(("anaphor", a))
                else:
                    # "the president of Armenia": an ordinary title phrase
                    g, j = self._group_from_anaphor(atoms, j)
                    if g is not None:
                        m = self._emit(g)
                        if m:
                            out.append(m)
                        continue
                j += 1
                continue
            if a.kind == "collective":
                of_owners = self._of_owners(a.end)
                if of_owners:  # "the leaders of France and Germany"
                    coll = a.entry.payload
                    word = SectorWord(coll.sector or "GOV")
                    as_sector = Atom(a.start, a.end, (Entry("sector", word.sector, a.entry.form, "", word.sector, word),))
                    g = _Group([as_sector], a.start, of_owners[1], [], [as_sector])
                    g.owners = of_owners[0]
                    m = self._emit(g)
                    if m:
                        out.append(m)
                    j = self._skip_to(atoms, j, of_owners[1])
                    continue
                if a.end < self.n and self.doc[a.end].lower_ in ("of", "to") \
                        and not self._infinitive_to(a.end):  # "both sides of the border", not "urged both sides to"
                    j += 1
                    continue
                out.append(("collective", a))
                j += 1
                continue
            g, j = self._group(atoms, j)
            self._place_owner(g)
            # "in Russia and China": the second name continues the place list
            if self._is_place(g) or (g.start <= place_run_end + 3 and self._continues_list(place_run_end, g.start)
                                     and self._bare(g) and self._coordinated(place_run_end, g)):
                place_run_end = g.end
                continue
            if self._bare(g) and len(g.owners) == 1 and g.owners[0].entry.role == "adjective":
                shared = self._shared_head(atoms, j)
                if shared is not None:
                    g.sectors = shared
            m = self._emit(g)
            if m:
                out.append(m)
        return out

    def _shared_head(self, atoms: list[Atom], j: int) -> list[Atom] | None:
        """Sector words of the next coordinated adjective ("Saudi and Emirati forces" -> forces)."""
        if j >= len(atoms):
            return None
        prev_end = atoms[j - 1].end
        nxt = atoms[j]
        between = [self.doc[k].lower_ for k in range(prev_end, nxt.start)]
        if not between or not all(w in (",", "and", "or") for w in between):
            return None
        if not (nxt.is_owner and nxt.entry.role == "adjective"):
            return None
        g2, j2 = self._group(atoms, j)
        if g2.sectors and g2.person is None:
            return list(g2.sectors)
        if len(g2.atoms) == 1 and j2 == j + 1:  # "Israeli, American and British forces"
            return self._shared_head(atoms, j2)
        return None

    def _group_from_anaphor(self, atoms: list[Atom], j: int) -> tuple[_Group | None, int]:
        """Re-read "the president of ..." as a title phrase (the word after "the" as a sector word)."""
        a = atoms[j]
        words = tuple(t.lower() for t in a.entry.form[1:])
        entries = self.kb.index.get(words, [])
        sector_entry = next((e for e in entries if e.kind == "sector"), None)
        if sector_entry is None:
            return None, j + 1
        as_sector = Atom(a.start + 1, a.end, (sector_entry,))
        atoms = atoms[:j] + [as_sector] + atoms[j + 1:]
        self._atom_at[as_sector.start] = as_sector
        g, nj = self._group(atoms, j)
        return g, nj

    def _skip_to(self, atoms: list[Atom], j: int, end: int) -> int:
        while j < len(atoms) and atoms[j].start < end:
            j += 1
        return j

    def _coordinated(self, prev_end: int, g: _Group) -> bool:
        """Whether ``g`` is a conjunct of the name ending at ``prev_end`` ("in Russia and China")."""
        if not self.parsed:
            return True
        tok = self.doc[g.end - 1]
        return tok.dep_ in ("conj", "appos") and prev_end - 1 <= tok.head.i < g.start

    def _continues_list(self, prev_end: int, start: int) -> bool:
        if prev_end < 0:
            return False
        between = [self.doc[k].lower_ for k in range(prev_end, start)]
        return bool(between) and all(w in (",", "and", "or", "the", "&") for w in between)

    def _group(self, atoms: list[Atom], j: int) -> tuple[_Group, int]:
        a = atoms[j]
        g = _Group([a], a.start, a.end, [a] if a.is_owner else [], [a] if a.kind == "sector" else [])
        if a.kind == "person":
            g.person = a
        k = j
        while True:
            pos = g.end
            if (g.atoms[-1].is_owner or g.atoms[-1].kind == "person") and pos < self.n \
                    and self.doc[pos].text in _POSSESSIVE:
                pos += 1
                g.possessive = True
            nxt = atoms[k + 1] if k + 1 < len(atoms) else None
            if pos + 1 < self.n and self.doc[pos].text == "-" and self.doc[pos + 1].text.islower():
                if self.doc[pos + 1].lower_ != "led" or not g.atoms[-1].is_owner:
                    break  # "Kremlin-friendly leaders", "Iran-backed militias": the name is a modifier
                pos += 2  # "the Saudi-led coalition", "Vietnamese-led forces": the leader owns them
            p, fillers = pos, 0
            while p < self.n and (nxt is None or p < nxt.start) and fillers < 3 and self._is_filler(p):
                if self.doc[p].lower_ in self.kb.former_words:
                    g.former = True
                p += 1
                fillers += 1
            if nxt is not None and nxt.start == p and nxt.kind == "person" and self._name_continues(nxt.end):
                e = self._name_after(nxt.start)
                if e > nxt.end:  # a different, untabled person ("Bashir Magashi")
                    g.person_span = (nxt.start, e)
                    g.end = e
                    k = self._skip_to(atoms, k, e) - 1
                    break
            if nxt is not None and nxt.start == p and g.person is not None and g.atoms[-1] is g.person \
                    and nxt.kind == "sector" and (not nxt.entry.payload.title or nxt.entry.payload.generic):
                # "the Biden administration", "Putin's spokesman": the person's state, that organ
                g.atoms.append(nxt)
                g.sectors.append(nxt)
                g.end = nxt.end
                g.person_owner = True
                k += 1
                break
            if nxt is not None and nxt.start == p and g.person is None and self._can_follow(g, nxt) \
                    and not self._verb_word(nxt):
                g.atoms.append(nxt)
                g.end = nxt.end
                if nxt.kind == "sector":
                    g.sectors.append(nxt)
                elif nxt.kind == "person":
                    g.person = nxt
                else:
                    g.owners.append(nxt)
                k += 1
                continue
            break
        j = k + 1
        # an untabled person's name after a title: "President Kagame", "King Hassan"
        last = g.atoms[-1]
        if g.person is None and last.kind == "sector" and last.entry.payload.title:
            e = self._name_after(g.end)
            if e > g.end:
                g.person_span = (g.end, e)
                g.end = e
                j = self._skip_to(atoms, j, e)
        # "President of Armenia", "the government of Sudan", "Prime Minister Kishida of Japan"
        if not g.owners and (g.sectors or g.person or g.person_span):
            of = self._of_owners(g.end)
            if of:
                g.owners = of[0]
                g.end = of[1]
                j = self._skip_to(atoms, j, g.end)
        # "rebels in the Ivory Coast", "opposition groups in Zimbabwe": a sector noun located in a state
        if not g.owners and g.sectors and g.person is None and g.person_span is None \
                and not g.sectors[-1].entry.payload.needs_owner \
                and g.end < self.n and self.doc[g.end].lower_ == "in":
            p = g.end + 1
            if p < self.n and p not in self._atom_at and self.doc[p].lower_ == "the":
                p += 1
            atom = self._atom_at.get(p)
            if atom is None:
                atom = self._place_atom(p, forward=True)
            if atom is not None and atom.kind in ("country", "place") and atom.entry.role in ("name", "capital", "place") \
                    and not (atom.end < self.n and self.doc[atom.end].text in _POSSESSIVE):
                g.owners = [atom]
                g.end = atom.end
                g.located = True
                j = self._skip_to(atoms, j, g.end)
        # "former President X", "the former president"
        for back in (1, 2):
            b = g.start - back
            if b >= 0 and self.doc[b].lower_ in self.kb.former_words:
                g.former = True
        return g, j

    def _can_follow(self, g: _Group, nxt: Atom) -> bool:
        last = g.atoms[-1]
        if nxt.kind in ("nonactor", "collective"):
            return False
        if last.is_owner:
            return nxt.kind in ("sector", "person")
        if last.kind == "sector":
            return nxt.kind in ("sector", "person")
        return False

    def _name_continues(self, i: int) -> bool:
        if i >= self.n or i in self._atom_at:
            return False
        tok = self.doc[i]
        return tok.text[:1].isupper() and tok.text.isalpha() and (not self.parsed or tok.pos_ == "PROPN")

    def _name_after(self, i: int) -> int:
        e = i
        while e < self.n and e - i < 5:
            tok = self.doc[e]
            text = tok.text
            if text.lower() in _NAME_PARTICLES and e > i and e + 1 < self.n and self.doc[e + 1].text[:1].isupper():
                e += 1
                continue
            if not text[:1].isupper() or text.lower() in _MONTHS_DAYS:
                break
            if self.parsed and tok.pos_ not in ("PROPN",) :
                break
            if self.has_ents and tok.ent_type_ not in ("PERSON", "", "NORP", "ORG", "GPE"):
                break
            if not (text.replace(".", "").replace("-", "").replace("'", "").isalpha()):
                break
            e += 1
        return e

    def _of_owners(self, i: int) -> tuple[list[Atom], int] | None:
        """Owner atoms after "of" at token ``i`` ("of France and Germany"), with the new end."""
        if i >= self.n or self.doc[i].lower_ != "of":
            return None
        owners: list[Atom] = []
        p = i + 1
        end = i
        while p < self.n:
            if p not in self._atom_at and self.doc[p].lower_ == "the":
                p += 1
                continue
            atom = self._atom_at.get(p)
            if atom is None or not atom.is_owner or atom.entry.role == "capital":
                break
            owners.append(atom)
            end = atom.end
            p = atom.end
            q = p
            while q < self.n and self.doc[q].lower_ in (",", "and", "the"):
                q += 1
            if q > p and q in self._atom_at and self._atom_at[q].is_owner:
                p = q
                continue
            break
        return (owners, end) if owners else None

    # -- filters
    def _bare(self, g: _Group) -> bool:
        return not g.sectors and g.person is None and g.person_span is None

    def _is_place(self, g: _Group, person: bool = False) -> bool:
        if not person and (not self._bare(g) or g.possessive or not g.owners):
            return False
        first = self.doc[g.start]
        if (g.start == 0 or self.doc[g.start - 1].text.strip() == "") and first.text.isupper() \
                and g.end < self.n and self.doc[g.end].text in (",", "-", "—", "("):
            return True  # a dateline: "KYIV, Feb 15 (Reuters) -"
        if g.start >= 2 and self.doc[g.start - 1].text == "," and g.start - 2 not in self._atom_ends \
                and self.doc[g.start - 2].text[:1].isupper() and self.doc[g.start - 2].ent_type_ in ("GPE", "LOC"):
            return True  # "Atlanta, Georgia", "Lyon, France": the second part of an address
        prev = self._prev_word(g.start)
        if prev is None:
            return False
        if not person and self._modifier_of_noun(g.owners[0]):
            return False  # "at a Philippine supply boat": the noun is the place, not the name
        word = self.doc[prev].lower_
        if word in self.kb.place_prepositions:
            head = self.doc[prev].head if self.parsed else None
            if word == "at" and head is not None and head.lemma_.lower() in self.kb.target_verbs:
                return False  # "fired missiles at Israel": a target
            return True
        if self.parsed and g.owners and self.doc[g.end - 1].dep_ == "dobj" and g.owners[0].entry.role in ("capital", "name") \
                and self.doc[g.end - 1].head.lemma_.lower() in self.kb.entry_verbs:
            return True  # "entered Kabul", "visited Moscow"
        if word in ("to", "from", "for"):
            if self.parsed:
                head = self.doc[prev].head
                if head.lower_ in self.kb.motion_heads or head.lemma_.lower() in self.kb.motion_heads:
                    return True
            k = self._prev_word(prev)
            if k is not None and self.doc[k].lower_ in self.kb.motion_heads:
                return True
        return False

    def _modifier_of_noun(self, a: Atom) -> bool:
        last = self.doc[a.end - 1]
        if self.parsed:
            return last.dep_ in ("amod", "compound", "nmod") and last.head.i >= a.end \
                and last.head.pos_ in ("NOUN", "PROPN")
        return a.entry.role == "adjective" and a.end < self.n and self.doc[a.end].text.isalpha()

    def _nonactor_owner(self, g: _Group) -> bool:
        """A bare name that is part of a larger name, a topic attribute, or a place modifier."""
        a = g.owners[0]
        if self.has_ents:
            for k in range(a.start, a.end):
                tok = self.doc[k]
                if tok.ent_type_ in _ENTITY_VETO and tok.ent_iob_ != "O":
                    ent_start, ent_end = self._ent_bounds(k)
                    if (ent_start < a.start or ent_end > a.end) and tok.ent_type_ != "ORG":
                        return True
                    if tok.ent_type_ == "ORG" and ent_end > a.end and not g.possessive:
                        nxt_atom = self._atom_at.get(a.end)
                        if nxt_atom is None:
                            return True
        if self.parsed and a.entry.kind == "country" and a.entry.role in ("adjective", "people"):
            tok = self.doc[a.end - 1]
            verb = tok.head if tok.dep_ != "conj" else tok.head.head
            if tok.dep_ in ("dobj", "conj", "pobj") and verb.lemma_.lower() in self.kb.language_verbs:
                return True
        nxt = a.end + (1 if g.possessive else 0)
        if nxt < self.n:
            w1 = self.doc[nxt].lower_
            w2 = w1 + " " + self.doc[nxt + 1].lower_ if nxt + 1 < self.n else w1
            if w2 in self.kb.nonactor_heads or (w1 in self.kb.nonactor_heads and self._modifies(a, nxt)):
                return True
            if w1 in self.kb.water_heads and self.doc[nxt].text[:1].isupper():
                return True  # "the Philippine Sea", "the Irish Sea", "the Taiwan Strait": a name of waters, nobody's
            if w1 == "-" and nxt + 1 < self.n and self.doc[nxt + 1].text.isalpha() and self.doc[nxt + 1].text.islower():
                return True  # "Moscow-based", "Iran-backed", "Kremlin-friendly", "Chinese-made": a modifier
        if a.start >= 2 and self.doc[a.start - 1].lower_ == "of" and self.doc[a.start - 2].lower_ in self.kb.water_heads \
                and self.doc[a.start - 2].text[:1].isupper():
            return True  # "the Gulf of Finland", "the Sea of Japan": the waters are named after the country
        if self.parsed:
            last = self.doc[a.end - 1]
            if last.dep_ in ("amod", "compound", "nmod", "poss") and last.head.i >= a.end:
                head = last.head
                if head.lower_ in self.kb.nonactor_heads or head.lemma_.lower() in self.kb.nonactor_heads:
                    return True
                if a.entry.role == "capital" and last.dep_ in ("compound", "nmod", "amod") and not g.possessive:
                    return True
        elif a.entry.role == "capital" and nxt < self.n and self.doc[nxt].text[:1].islower() and self.doc[nxt].text.isalpha():
            return True
        return False

    def _modifies(self, a: Atom, nxt: int) -> bool:
        """Whether the atom modifies the noun at ``nxt`` ("Korean won" yes, "Timor-Leste won" no)."""
        if not self.parsed:
            return True
        if self.doc[nxt].pos_ not in ("NOUN", "PROPN"):
            return False
        last = self.doc[a.end - 1]
        return last.head.i >= nxt

    def _ent_bounds(self, k: int) -> tuple[int, int]:
        s = k
        while s > 0 and self.doc[s].ent_iob_ == "I":
            s -= 1
        e = k + 1
        while e < self.n and self.doc[e].ent_iob_ == "I":
            e += 1
        return s, e

    # -- building actors
    def _emit(self, g: _Group) -> Mention | None:
        if g.sectors and g.person is None and g.person_span is None and self.parsed:
            last = g.sectors[-1]
            word = last.entry.payload
            tok = self.doc[last.end - 1]
            modifier = tok.dep_ in ("compound", "amod") and tok.head.i >= last.end and tok.head.pos_ == "NOUN" \
                and tok.head.lower_ not in self.kb.sector_words
            if modifier and tok.head.i - last.end <= 2 and _agent_head(tok.head, self.kb):
                # "a paramilitary organization", "rebel factions": the sector word heads an agent noun
                modifier = False
                g.end = tok.head.i + 1
            # "the Iranian drone program", "a military base", "the prisoner exchange": a modifier, not an actor
            if modifier and ((word.needs_owner and not word.generic) or not g.owners):
                g.sectors.pop()
                g.end = last.start
                while g.end > g.start and not self.doc[g.end - 1].text.isalnum():
                    g.end -= 1
                if not g.sectors and not g.owners:
                    return None
        if self._place_not_person(g):
            return None
        if self._bare(g):
            if not g.owners or g.owners[0].entry.role == "region":
                return None
            if self._nonactor_owner(g):
                return None
        actors = self._actors(g)
        if not actors:
            return None
        head = self._head(g.start, g.end)
        return Mention(g.start, g.end, head, tuple(actors), "literal")

    def _head(self, start: int, end: int) -> int:
        if self.parsed:
            return self.doc[start:end].root.i
        return end - 1

    def _sector_of(self, g: _Group, owner: Atom | None) -> str | None:
        specific = [s for s in g.sectors if not s.entry.payload.generic]
        if specific:
            # the head noun decides ("civilian prime minister" GOV); generic heads defer to their
            # modifier ("defence ministry spokesman" MIL, "opposition leader" OPP)
            first = specific[-1]
            # "the Russian party" with nothing after it: the state, in diplomatic prose
            if first.entry.form[-1].lower() in ("party", "parties") and owner is not None \
                    and owner.entry.role == "adjective" and len(g.sectors) == 1 \
                    and (first.end >= self.n or not self.doc[first.end].text[:1].isalpha() or
                         (self.parsed and self.doc[first.end].pos_ not in ("NOUN", "PROPN"))):
                return "GOV"
            return first.entry.sector
        if owner is not None:
            inherent = self._owner_sector(owner)
            if inherent:
                return inherent
        if g.sectors:
            return g.sectors[0].entry.sector
        return None

    def _owner_sector(self, owner: Atom) -> str | None:
        e = owner.entry
        if e.kind == "place" or (e.kind == "country" and e.role == "region"):
            return None
        if e.kind == "country":
            return e.sector if e.role in ("capital", "metonym") else None
        org = self.kb.organisations[e.key]
        return org.at(self.date)[1]

    def _actors(self, g: _Group) -> list[Actor]:
        if g.person is not None:
            verdict = self.person_verdict(g)
            if verdict is None:  # not the tabled person: an untabled name, kept only with a title or owner
                if not (g.sectors or g.owners):
                    return []
                start = g.person.start
                if start - 1 >= 0 and start - 1 not in self._atom_ends and self.doc[start - 1].pos_ == "PROPN":
                    start -= 1
                g.person_span = (start, g.person.end)
                g.person = None
        if g.person_span is not None:
            self._untabled.add(self.doc[g.person_span[1] - 1].lower_)
        text, s, e = self._char_span(g.start, g.end)
        if g.person is not None:
            actor = self._person_actor(g, text, s, e, *verdict)
            if actor is not None and g.person_owner:
                c = self.kb.countries.get(actor.country)
                sector = self._sector_of(g, None)
                if c is not None:
                    return [Actor(text, s, e, c.name, c.code, sector, id=c.id, kind="state", via=actor.via)]
                return [Actor(text, s, e, actor.name, actor.country, sector, id=actor.id, kind=actor.kind, via=actor.via)]
            if actor is not None:
                return [actor]
        owners = g.owners
        if not owners:
            if g.person_span is not None:
                sector = "ELI" if g.former else self._sector_of(g, None)
                name = self._char_span(*g.person_span)[0]
                return [Actor(text, s, e, name, None, sector, id=None, kind="person", via="untabled name")]
            # sector noun alone ("police", "protesters", "cartel leaders"): only words that need no owner
            if all(x.entry.payload.needs_owner or x.entry.payload.generic or x.entry.payload.title for x in g.sectors):
                return []
            specific = [x for x in g.sectors if not x.entry.payload.generic]
            if specific and specific[-1].entry.payload.title:  # "the civilian prime minister": a person
                return []
            return [Actor(text, s, e, text, None, self._sector_of(g, None), id=None, kind="sector", via="sector phrase")]
        out = []
        for owner in owners:
            sector = self._sector_of(g, owner)
            if g.former and (g.sectors or g.person_span):
                sector = "ELI"
            out.append(self._owner_actor(owner, sector, text, s, e, person_name=
                                         self._char_span(*g.person_span)[0] if g.person_span else None,
                                         via="located" if g.located and owner.entry.kind != "place" else None))
        return out

    def _owner_actor(self, owner: Atom, sector, text, s, e, person_name=None, via=None) -> Actor:
        entry = owner.entry
        via = via or _owner_via(owner, self.kb)
        if person_name:
            via = f"untabled name+{via}"
        if entry.kind == "place":  # the state that owns the city or province
            c = self.kb.countries.get(entry.key)
            return Actor(text, s, e, person_name or (c.name if c else entry.payload), entry.key, sector,
                         id=None if person_name or c is None else c.id, kind="person" if person_name else "state", via=via)
        if entry.kind == "country":
            c = self.kb.countries[entry.key]
            if person_name:
                return Actor(text, s, e, person_name, c.code, sector, id=None, kind="person", via=via)
            return Actor(text, s, e, c.name, c.code, sector, id=c.id, kind="state", via=via)
        org = self.kb.organisations[entry.key]
        country, _ = org.at(self.date)
        # State organs, parties and state media are parts of their state (the coder fills bare nouns from them).
        kind = {"igo": "igo", "ngo": "ngo", "state": "state", "party": "state", "media": "state"}.get(org.kind, "group")
        if person_name:
            return Actor(text, s, e, person_name, country, sector, id=None, kind="person", via=via)
        return Actor(text, s, e, org.name, country, sector, id=org.actor_id, kind=kind, via=via)

    def _place_not_person(self, g: _Group) -> bool:
        """A bare one-word surname that the tagger reads as a place ("from Lagos" is not Ricardo Lagos)."""
        p = g.person
        if p is None or p.end - p.start != 1 or g.sectors or g.owners:
            return False
        return self._is_place(g, person=True)

    # -- places owning institutions
    def _place_owner(self, g: _Group) -> None:
        """A city or province before an institution owns it: "Shanghai police", "Madras High Court"."""
        if g.owners or g.person is not None or not g.sectors or g.sectors[0].start != g.start:
            return
        i = g.start - 1
        while i >= 0 and self.doc[i].lower_ in self.kb.place_fillers and i not in self._atom_ends:
            i -= 1
        atom = self._place_atom(i + 1, forward=False)
        if atom is not None:
            g.owners = [atom]
            g.atoms.insert(0, atom)
            g.start = atom.start

    def _place_atom(self, edge: int, forward: bool) -> Atom | None:
        """A gazetteer city or province named by the capitalised words ending before (or starting at) ``edge``."""
        words: list[int] = []
        k = edge if forward else edge - 1
        while 0 <= k < self.n and len(words) <= 3 and k not in self._atom_at and k not in self._atom_ends:
            tok = self.doc[k]
            if not (tok.text[:1].isupper() and tok.text.replace("-", "").replace(".", "").isalpha()) \
                    or tok.lower_ in _MONTHS_DAYS:
                break
            if self.parsed and tok.pos_ != "PROPN" and tok.ent_type_ not in ("GPE", "LOC"):
                return None  # the tagger reads "Melbourne police" as ADJ + NOUN; the entity type still says GPE
            if self.has_ents and tok.ent_type_ == "NORP":
                return None
            words.append(k)
            k += 1 if forward else -1
        if not words or len(words) > 3:
            return None
        start, end = min(words), max(words) + 1
        if not forward and start == 0 and len(words) == 1 and self.doc[start].is_sent_start and not self.has_ents:
            return None
        place = self._lookup_place(start, end)
        if place is None:
            return None
        person = self.has_ents and any(t.ent_type_ == "PERSON" for t in self.doc[start:end])
        if person and not forward and place.population < _BIG_PLACE:
            return None  # "Harris campaign staff": a person's name that is also a town
        entry = Entry("place", place.country, tuple(t.text for t in self.doc[start:end]), "place", None, place.name)
        return Atom(start, end, (entry,))

    def _lookup_place(self, start: int, end: int):
        from accord.geo.gazetteer import lookup_place

        words = [t.text for t in self.doc[start:end]]
        while words:
            place = lookup_place(" ".join(words))
            if place is not None and place.country and place.kind in ("state", "region"):
                return place
            if place is not None and place.country and place.kind == "city" and place.population >= _OWNING_CITY:
                return place  # a town of that name is too likely the wrong one ("Calcutta", South Africa)
            if words[-1].lower() not in _PLACE_SUFFIXES:
                return None
            words = words[:-1]  # "Lagos State", "Sichuan Province"
        return None

    # -- safe person matching
    def person_verdict(self, g: _Group) -> tuple[list[Entry], str] | None:
        """The tabled people a person atom may name here, and how (``via``); None = not a tabled person.

        A full name (or multi-word alias) always matches; a one-word name (a surname) only after a
        title, or when the document named that person in full earlier, or when they are a current head
        of state/government of a country the document names. A title that implies an office keeps only
        people who held it ("Prime Minister Johnson"); a surname after a title no tabled namesake held
        is no match ("Senator Cruz"). A different first name or a suffix ("Michelle Obama", "Donald
        Trump Jr.") is never the tabled person.
        """
        p = g.person
        entries = [e for e in p.entries if e.kind == "person"]
        if not entries or self._other_name_around(p):
            return None
        single = p.end - p.start == 1
        titles = [x for x in g.sectors if x.entry.payload.title and x.start < p.start]
        roles = {x.entry.payload.role for x in titles if x.entry.payload.role}
        if roles:
            fitting = [e for e in entries if any(_role_fits(r, t) for t in self.kb.person_terms(e.key) for r in roles)]
            if fitting:
                entries = fitting
            elif single:
                return None
        if not single:
            name = tuple(w.lower() for w in p.entry.form)
            full = any(tuple(t.name.lower().split()) == name for e in entries for t in self.kb.person_terms(e.key))
            return entries, "name" if full else "alias"
        if titles:
            return entries, "title+surname"
        if p.entry.form[0].lower() in self._untabled:
            return None  # "Senator Cruz ... Cruz said": the untabled person named before
        if g.person_owner:  # "the Biden administration", "Putin's spokesman": a leader standing for the state
            # only a leader in office at the date: "the Lagos State government" is not Ricardo Lagos's
            leaders = [e for e in entries if any(t.role in HEAD_ROLES and (t.covers(self.date) if self.date else t.end is None)
                                                 for t in self.kb.person_terms(e.key)) or e.key in self._named]
            if leaders:
                return leaders, "surname+organ"
        named = [e for e in entries if e.key in self._named]
        if named:
            return named, "surname"
        heads = [e for e in entries if self._current_head_here(e.key)]
        if heads:
            return heads, "surname"
        if len(entries) == 1 and self._head_in_office(entries[0].key):
            # "Putin inspected the pipeline": the table's only person of that surname, a head of state or
            # government in office at the date. Namesakes, former leaders and other offices still abstain.
            return entries, "surname:sole-head"
        return None

    def _head_in_office(self, person_id: str) -> bool:
        for t in self.kb.person_terms(person_id):
            if t.role in HEAD_ROLES and ((self.date is None and t.end is None)
                                         or (self.date is not None and t.covers(self.date))):
                return True
        return False

    def _other_name_around(self, p: Atom) -> bool:
        """A first name or suffix that is not the tabled person's: "Michelle Obama", "Hunter Biden", "Trump Jr."."""
        if p.end < self.n and self.doc[p.end].lower_ in _NAME_SUFFIXES:
            return True
        if not self.parsed:
            return False
        i = p.start - 1
        if i >= 0 and i not in self._atom_ends:
            tok = self.doc[i]
            if tok.pos_ == "PROPN" and tok.text[:1].isupper() and tok.text.replace("-", "").isalpha() \
                    and tok.lower_ not in _MONTHS_DAYS and (not self.has_ents or (
                        tok.ent_type_ == "PERSON" and self.doc[p.start].ent_iob_ == "I")):
                return True
        j = p.end
        if j < self.n and self._name_continues(j) and self.has_ents and self.doc[j].ent_type_ == "PERSON" \
                and self.doc[j].ent_iob_ == "I":
            return True  # "Kim Yo Jong" is not "Kim"
        return False

    def _current_head_here(self, person_id: str) -> bool:
        about = self._context | {t.country for pid in self._named for t in self.kb.person_terms(pid)}
        for t in self.kb.person_terms(person_id):
            if t.role not in HEAD_ROLES or t.country not in about:
                continue
            if (self.date is None and t.end is None) or (self.date is not None and t.covers(self.date)):
                return True
        return False

    def _person_actor(self, g: _Group, text, s, e, entries=None, via: str = "name") -> Actor | None:
        title_role = next((x.entry.payload.role for x in g.sectors if x.entry.payload.role), None)
        owner_country = None
        if g.owners:
            oe = g.owners[0].entry
            owner_country = oe.key if oe.kind in ("country", "place") else self.kb.organisations[oe.key].country
        mention_words = {t.lower_ for t in self.doc[g.start : g.person.end]}
        best = None
        for entry in (entries if entries is not None else g.person.entries):
            if entry.kind != "person":
                continue
            terms = self.kb.person_terms(entry.key)
            if not terms:
                continue
            term, in_office = choose_term(terms, self.date, title_role, self._context)
            overlap = len(mention_words & set(term.name.lower().replace("-", " ").split()))
            owner_ok = owner_country is None or any(t.country == owner_country for t in terms)
            score = (owner_ok, overlap, in_office)
            if best is None or score > best[0]:
                best = (score, term, in_office)
        if best is None:
            return None
        if not best[0][0]:
            return None
        _, term, in_office = best
        terms = self.kb.person_terms(term.person_id)
        if not in_office and title_role and self.date is not None:
            # "President Ashraf Ghani fled" on his last day: the text gives the office it ends that day
            last_day = [t for t in terms if t.end == self.date and _role_fits(title_role, t)]
            if last_day:
                term, in_office = last_day[0], True
        sector = term.sector if in_office and not g.former else "ELI"
        held = title_role in HEAD_ROLES and any(_role_fits(title_role, t) for t in terms)
        if not in_office and not g.former and not held:
            # (a title of an office the person held at another time is a historical reference: ELI)
            specific = [x for x in g.sectors if not x.entry.payload.generic]
            if specific:  # "opposition leader Juan Guaido": the text gives the role of the day
                sector = specific[-1].entry.sector
        country = term.country
        if term.org:
            org = self.kb.organisations.get(term.org)
            if org is not None:
                country = org.country
        if via in ("name", "alias"):
            self._named.add(term.person_id)
        return Actor(text, s, e, term.name, country, sector,
                     id=term.qid or f"accord:person:{term.person_id}", kind="person", via=via)

    def run(self, atoms: list[Atom]) -> list:
        self._named: set[str] = set()  # people named in full so far (their surname may follow alone)
        self._untabled: set[str] = set()  # surnames of untabled people named so far ("Senator Cruz")
        self._atom_at = {a.start: a for a in atoms}
        self._atom_ends = {a.end - 1 for a in atoms}
        self._context = frozenset(a.entry.key for a in atoms if a.kind == "country")
        return self.mentions(atoms)


def _role_fits(title_role: str, term: Term) -> bool:
    """Whether a title's office matches a term ("president" fits acting_president, not vice_president)."""
    role = term.role
    if title_role in ("general", "admiral"):
        return term.sector == "MIL"
    if role == title_role:
        return True
    return role.endswith("_" + title_role) and not role.startswith(("vice", "deputy"))


def _owner_via(owner: Atom, kb: KnowledgeBase) -> str:
    """How an owner atom was found: a state's name, adjective, capital or metonym; an organisation's name or alias."""
    e = owner.entry
    if e.kind == "country":
        return {"adjective": "adjective", "people": "adjective", "capital": "capital", "metonym": "metonym",
                "region": "region"}.get(e.role, "name")
    if e.kind == "org":
        org = kb.organisations.get(e.key)
        if org is not None and tuple(w.lower() for w in e.form) == tuple(org.name.lower().split()):
            return "name"
        return "alias"
    return e.kind


def _agent_head(tok, kb: KnowledgeBase) -> bool:
    low = tok.lower_
    return low in kb.agent_heads or tok.lemma_.lower() in kb.agent_heads or (low.endswith("s") and low[:-1] in kb.agent_heads)
