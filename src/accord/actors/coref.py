"""References inside a document: collectives ("the two countries"), pronouns, joint-statement authors.

Deliberately conservative: a pronoun is resolved only as a subject or possessor, only outside
quotes, and only to an actor named in the same or the previous sentence. The one exception is the
parties of a meeting or call (``references.yaml: document_parties``): early in a readout, "the leaders"
or a subject "they" with nothing nearby to refer to names the two states the meeting is between.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace

from accord.actors.kb import Collective, KnowledgeBase
from accord.actors.resolve import Atom, Mention
from accord.records import Actor

_JOINT = re.compile(
    r"\bjoint\b.{0,60}\b(statement|declaration|communiqu|readout|vision|fact sheet)|\bcommuniqu[eé]\b"
    r"|\bdeclaration\b.{0,40}\b(between|of|by)\b",
    re.I,
)
_SUBJECT_DEPS = ("nsubj", "nsubjpass", "poss")
_PLURAL_TAGS = ("NNS", "NNPS")
_QUOTES = {'"': '"', "“": "”"}
_QUOTE_OR_BREAK = re.compile('["“”\n]')


def is_joint_statement(title: str | None, text: str) -> bool:
    if title and _JOINT.search(title):
        return True
    return bool(re.search(r"\bjoint (statement|declaration|communiqu)", text[:400], re.I))


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside double quotes (straight or curly)."""
    out = []
    open_at = None
    closer = None
    for m in _QUOTE_OR_BREAK.finditer(text):  # only marks and line breaks matter: visit just those
        i, ch = m.start(), m.group()
        if open_at is None and ch in _QUOTES:
            open_at, closer = i, _QUOTES[ch]
        elif open_at is not None and ch == closer:
            out.append((open_at, i + 1))
            open_at = None
        elif open_at is not None and ch == "\n" and text[i - 1 : i] == "\n":
            open_at = None  # an unclosed quote ends with its paragraph
    return out


def _inside(ranges: list[tuple[int, int]], pos: int) -> bool:
    return any(s <= pos < e for s, e in ranges)


def _country_level(actor: Actor, kb: KnowledgeBase, sector: str | None, text: str, s: int, e: int, via: str) -> Actor:
    """The antecedent seen as its state (or organisation) with the collective's sector."""
    if actor.kind == "person" and actor.country in kb.countries:
        c = kb.countries[actor.country]
        return Actor(text, s, e, c.name, c.code, sector, id=c.id, kind="state", via=via)
    return replace(actor, text=text, start=s, end=e, sector=sector, code="", via=via)


#: words before an office that make it another office ("Vice President" is not "the President")
_OFFICE_PREFIXES = frozenset({"vice", "deputy", "former", "ex", "acting", "crown", "first", "prime", "assistant",
                              "under", "lieutenant"})


def _holds_office(form: tuple[str, ...], mention_text: str) -> bool:
    """Whether a person's mention carries the office of a bare title: "the president" in "President Biden"
    and "U.S. President Joe Biden", not in "Vice President Harris"; "the prime minister" in "Prime Minister
    Kishida", not in "Deputy Prime Minister Freeland"."""
    office = [w.lower() for w in form[1:]] if form and form[0].lower() == "the" else [w.lower() for w in form]
    words = [w.lower().strip(",.") for w in re.split(r"[\s-]+", mention_text) if w]
    k = len(office)
    for i in range(len(words) - k + 1):
        if words[i : i + k] == office:
            return i == 0 or words[i - 1] not in _OFFICE_PREFIXES
    return False


def signatory_actors(actors: list[Actor], kb: KnowledgeBase) -> tuple[Actor, ...]:
    """Distinct states (as governments) among ``actors``, in order."""
    seen, out = set(), []
    for a in actors:
        if not a.country or a.country in seen:
            continue
        seen.add(a.country)
        if a.country in kb.countries:
            c = kb.countries[a.country]
            out.append(Actor(a.text, a.start, a.end, c.name, c.code, "GOV", id=c.id, kind="state", via=a.via))
        else:
            out.append(replace(a, sector=a.sector or "GOV", code=""))
    return tuple(out)


class Coref:
    def __init__(self, doc, kb: KnowledgeBase, signatories: tuple[Actor, ...], parties: tuple[Actor, ...] = (),
                 title_people: tuple[Actor, ...] = ()):
        from accord.nlp.spans import doc_text

        self.doc = doc
        self.kb = kb
        self.signatories = signatories
        self.parties = parties
        self.title_people = title_people
        self.parsed = doc.has_annotation("DEP")
        self.text = doc_text(doc)
        self.quotes = quoted_ranges(self.text)
        self.sent_of = {}
        if self.parsed or doc.has_annotation("SENT_START"):
            for si, sent in enumerate(doc.sents):
                for t in range(sent.start, sent.end):
                    self.sent_of[t] = si
        else:
            for t in range(len(doc)):
                self.sent_of[t] = 0

    def _span(self, start: int, end: int) -> tuple[str, int, int]:
        s = self.doc[start].idx
        last = self.doc[end - 1]
        e = last.idx + len(last.text)
        return self.text[s:e], s, e

    def resolve(self, items: list) -> list[Mention]:
        mentions: list[Mention] = []
        covered = set()
        for it in items:
            if isinstance(it, Mention):
                mentions.append(self._signatory_side(it) if self.signatories else it)
                covered.update(range(it.start, it.end))
            else:
                kind, atom = it
                m = self._collective(atom, mentions) if kind == "collective" else self._anaphor(atom, mentions)
                if m is not None:
                    mentions.append(m)
                covered.update(range(atom.start, atom.end))
        if self.parsed:
            mentions = self._pronouns(mentions, covered)
        return mentions

    # -- joint statements
    def _signatory_side(self, m: Mention) -> Mention:
        """"The Korean Party" in a Russia–DPRK statement is the signatory the adjective names (PRK, not KOR)."""
        if len(m.actors) != 1 or m.end - m.start > 3:
            return m
        a = m.actors[0]
        words = [t.lower_ for t in self.doc[m.start:m.end]]
        if a.kind != "state" or a.sector != "GOV" or words[-1] not in ("side", "party") or not a.country:
            return m
        sig = {x.country for x in self.signatories}
        if a.country in sig:
            return m
        adjective = words[-2] if len(words) >= 2 else ""
        for code in sig:
            c = self.kb.countries.get(code)
            if c is not None and any(adj.lower().split()[-1] == adjective for adj in c.adjectives):
                return Mention(m.start, m.end, m.head, (Actor(a.text, a.start, a.end, c.name, c.code, "GOV", id=c.id,
                                                              kind="state", via="signatory"),), m.kind)
        return m

    # -- collectives
    def _collective(self, atom: Atom, before: list[Mention]) -> Mention | None:
        coll: Collective = atom.entry.payload
        if coll.alone and atom.end < len(self.doc) and (
                self.doc[atom.end].pos_ in ("NOUN", "PROPN", "ADJ", "NUM") if self.parsed
                else self.doc[atom.end].text[:1].isalnum()):
            return None  # "the two ships", "the two main parties": a noun phrase of other things
        text, s, e = self._span(atom.start, atom.end)
        via = f"coref:{text}"
        head = self.doc[atom.start : atom.end].root.i if self.parsed else atom.end - 1
        sig = self.signatories
        if sig and (coll.n is None or coll.n == len(sig)):
            actors = [_country_level(a, self.kb, coll.sector, text, s, e, via) for a in sig]
            return Mention(atom.start, atom.end, head, tuple(actors), "collective")
        if coll.we:
            return None
        sent = self.sent_of.get(atom.start, 0)
        window = [m for m in before if self.sent_of.get(m.start, 0) >= sent - 2 and m.kind != "pronoun"]
        if self.parsed:  # "Germany urged the two countries to ...": the subject of its own verb is not one of them
            verb = next((t for t in self.doc[head].ancestors if t.pos_ in ("VERB", "AUX")), None)
            if verb is not None:
                window = [m for m in window if not (self.doc[m.head].dep_ in ("nsubj", "nsubjpass")
                                                    and self.doc[m.head].head.i == verb.i)]
        wants_people = coll.people
        found = self._distinct(window, coll.n, persons_only=wants_people)
        parties = self._parties_at(atom.start, coll.n)
        if wants_people and len(found) < (coll.n or 2):
            if parties:  # "the leaders" are the people the meeting is between, not countries named since
                found = list(reversed(parties))
            else:
                found = self._distinct(window, coll.n, persons_only=False)
        if coll.n is not None:
            found = found[: coll.n]
        party_codes = {a.country for a in parties}
        if parties and {a.country for a in found} & party_codes and not {a.country for a in found} <= party_codes:
            found = []  # one party and a country the talks were about ("discussed Ukraine"): the parties
        if len(found) < (coll.n or 2):
            if not parties:
                return None
            found = list(reversed(parties))
        found.reverse()
        actors = [_country_level(a, self.kb, coll.sector, text, s, e, via) for a in found]
        return Mention(atom.start, atom.end, head, tuple(actors), "collective")

    def _parties_at(self, token_i: int, n: int | None = None) -> tuple[Actor, ...]:
        """The meeting's parties if a reference at ``token_i`` (naming ``n`` actors) may take them."""
        spec = self.kb.parties
        if not self.parties or spec is None or self.sent_of.get(token_i, 0) >= spec.within_sentences:
            return ()
        if n is not None and n != len(self.parties):
            return ()
        if _inside(self.quotes, self.doc[token_i].idx):
            return ()
        return self.parties

    # -- definite descriptions
    def _anaphor(self, atom: Atom, before: list[Mention]) -> Mention | None:
        want = self.kb.anaphors[atom.entry.key]
        text, s, e = self._span(atom.start, atom.end)
        sent = self.sent_of.get(atom.start, 0)
        title_word = atom.entry.form[-1].lower()
        for m in reversed(before):
            if self.sent_of.get(m.start, 0) < sent - 1:
                break
            if len(m.actors) != 1 or m.kind == "pronoun":
                continue
            a = m.actors[0]
            if want == "person":
                if a.kind != "person" or not _holds_office(atom.entry.form, self._span(m.start, m.end)[0]):
                    continue
            elif a.kind != want or not a.country:
                continue
            head = self.doc[atom.start : atom.end].root.i if self.parsed else atom.end - 1
            sector = a.sector
            if want == "state":
                sector = None  # "the country" is the state itself, whatever organ was named before
            elif want in ("igo", "ngo", "group"):
                sector = self._org_sector(a)
            actor = replace(a, text=text, start=s, end=e, sector=sector, code="", via=f"coref:{text}")
            return Mention(atom.start, atom.end, head, (actor,), "anaphor")
        if want == "person":
            return self._office_holder(atom, before)
        return None

    def _office_holder(self, atom: Atom, before: list[Mention]) -> Mention | None:
        """A bare title ("The President", "the Vice President", "the Emir") with no holder named in the same
        or the previous sentence: the one person holding that office among the people named earlier in the
        document and in its title (a readout's "The President" five sentences after "President Biden spoke
        with ..."), outside quotes; when several hold it, the title's first such person (the readout's
        principal); otherwise nobody."""
        if _inside(self.quotes, self.doc[atom.start].idx):
            return None
        form = atom.entry.form
        people: dict[str, Actor] = {}
        for m in before:
            if len(m.actors) == 1 and m.kind == "literal" and m.actors[0].kind == "person" and m.actors[0].country \
                    and _holds_office(form, self._span(m.start, m.end)[0]):
                people.setdefault(m.actors[0].name, m.actors[0])
        titled = [a for a in self.title_people if a.country and _holds_office(form, a.text)]
        for a in titled:
            people.setdefault(a.name, a)
        if len(people) == 1:
            holder = next(iter(people.values()))
        elif titled:
            holder = titled[0]
        else:
            return None
        text, s, e = self._span(atom.start, atom.end)
        head = self.doc[atom.start : atom.end].root.i if self.parsed else atom.end - 1
        actor = replace(holder, text=text, start=s, end=e, code="", via=f"coref:{text}")
        return Mention(atom.start, atom.end, head, (actor,), "anaphor")

    def _org_sector(self, actor: Actor) -> str | None:
        for org in self.kb.organisations.values():
            if actor.id == org.actor_id:
                return org.sector
        return actor.sector

    @staticmethod
    def _distinct(window: list[Mention], n: int | None, persons_only: bool) -> list[Actor]:
        """The last ``n`` distinct actors (by country) named in ``window``, newest first."""
        found: list[Actor] = []
        seen = set()
        for m in reversed(window):
            for a in reversed(m.actors):
                if not a.country or a.country in seen or (persons_only and a.kind != "person"):
                    continue
                seen.add(a.country)
                found.append(a)
            if n is not None and len(found) >= n:
                break
        return found

    # -- pronouns
    def _pronouns(self, mentions: list[Mention], covered: set[int]) -> list[Mention]:
        kb = self.kb
        out = list(mentions)
        ordered = sorted(mentions, key=lambda m: m.start)
        # Sentence indices grow with token indices, so a pronoun's window (mentions of its own and the previous
        # sentence that end before it) is found by bisection in this list, not by a pass over every mention.
        sents = [self.sent_of.get(m.start, 0) for m in ordered]
        starts = [m.start for m in ordered]
        for tok in self._pronoun_tokens():
            low = tok.lower_
            if tok.i in covered:
                continue
            kind = None
            if low in kb.we_pronouns:
                kind = "we"
            elif low in kb.plural_pronouns:
                kind = "plural"
            elif low in kb.singular_pronouns:
                kind = "singular"
            elif low in kb.person_pronouns:
                kind = "person"
            if kind is None or tok.dep_ not in _SUBJECT_DEPS:
                continue
            if _inside(self.quotes, tok.idx):
                continue
            text, s, e = tok.text, tok.idx, tok.idx + len(tok.text)
            via = f"coref:{text}"
            if kind == "we":
                if self.signatories:
                    actors = tuple(replace(a, text=text, start=s, end=e, via=via, code="") for a in self.signatories)
                    out.append(Mention(tok.i, tok.i + 1, tok.i, actors, "pronoun"))
                continue
            if kind == "singular" and tok.dep_ != "poss" and tok.head.lemma_.lower() in kb.expletive_heads:
                continue
            antecedent = self._antecedent(tok, ordered, kind, sents, starts)
            if antecedent is None and kind == "plural" and tok.dep_ == "nsubj" and low in self._party_pronouns():
                parties = self._parties_at(tok.i)
                antecedent = tuple(_country_level(a, kb, "GOV", text, s, e, via) for a in parties) or None
            if antecedent is None:
                continue
            actors = tuple(replace(a, text=text, start=s, end=e, via=via) for a in antecedent)
            out.append(Mention(tok.i, tok.i + 1, tok.i, actors, "pronoun"))
        out.sort(key=lambda m: (m.start, m.end))
        return out

    def _party_pronouns(self) -> frozenset[str]:
        return self.kb.parties.pronouns if self.kb.parties is not None else frozenset()

    def _pronoun_tokens(self):
        """The tokens written as one of the knowledge base's pronouns, in order; found by comparing the
        document's lower-case forms as integers (``Doc.to_array``) instead of making every token."""
        from spacy.attrs import LOWER
        from spacy.strings import get_string_id

        kb, doc = self.kb, self.doc
        words = kb.we_pronouns | kb.plural_pronouns | kb.singular_pronouns | kb.person_pronouns
        if not words or not len(doc):
            return
        wanted = {get_string_id(w) for w in words}
        for i, low in enumerate(doc.to_array(LOWER).tolist()):
            if low in wanted:
                yield doc[i]

    def _antecedent(self, tok, ordered: list[Mention], kind: str, sents: list[int],
                    starts: list[int]) -> tuple[Actor, ...] | None:
        """``sents`` and ``starts``: the sentence index and first token of each mention of ``ordered``."""
        sent = self.sent_of.get(tok.i, 0)
        first = bisect_left(sents, sent - 1)
        last = bisect_left(starts, tok.i, first)  # a mention starting at or after the pronoun cannot end before it
        window = [m for m in ordered[first:last] if m.end <= tok.i]
        if not window:
            return None
        # (mention whose head decides subjecthood, actors)
        candidates: list[tuple[Mention | None, tuple[Actor, ...]]] = []
        if kind == "plural":
            for idx, m in enumerate(window):
                if m.kind == "pronoun":
                    continue
                if len(m.actors) > 1 or self.doc[m.head].tag_ in _PLURAL_TAGS or m.actors[0].kind == "group":
                    candidates.append((m, m.actors))
                # coordinated pair: "Russia and China", "Moscow and Beijing"
                if idx + 1 < len(window):
                    n2 = window[idx + 1]
                    between = [t.lower_ for t in self.doc[m.end : n2.start]]
                    if between and all(w in (",", "and", "the", "both") for w in between) and "and" in between:
                        candidates.append((m, m.actors + n2.actors))
        elif kind == "singular":
            for m in window:
                head = self.doc[m.head]
                plural = head.tag_ in _PLURAL_TAGS and not head.text[:1].isupper()
                if len(m.actors) == 1 and m.actors[0].kind in ("state", "igo", "ngo", "group") \
                        and m.actors[0].country and not plural:
                    candidates.append((m, m.actors))
        else:
            persons = [m for m in window if len(m.actors) == 1 and m.actors[0].kind == "person"]
            candidates = [(m, m.actors) for m in persons]
        if not candidates:
            return None
        # the subject of a clause governing the pronoun: "Putin greeted his counterpart",
        # "The Houthis said they would ..."
        for verb in tok.ancestors:
            subj = [c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass") and c.i != tok.i]
            for c in candidates:
                if c[0] is not None and any(c[0].start <= x.i < c[0].end for x in subj):
                    return c[1]
        if kind == "person" and len({c[1][0].name for c in candidates}) > 1:
            return None
        subjects = [c for c in candidates if c[0] is not None and self.doc[c[0].head].dep_ in ("nsubj", "nsubjpass")]
        pool = subjects or candidates
        return pool[-1][1]
