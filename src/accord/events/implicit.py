"""Actors a reader supplies from context: a country for bare sector words ("police"), recipients named
only as places or adjectives ("shelled Iraqi towns", "withdraw from Chad"), sector nouns standing as
event arguments ("thousands of people rallied"), and the country a document is mostly about."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from accord.events.roles import Roles
from accord.records import Actor

#: Sectors that say nothing about nationality: such actors never take the country of the sentence.
STATELESS_SECTORS = frozenset({"UAF", "CRM", "REB", "IMG", "ISM", "PRM"})


def main_country(mentions) -> str | None:
    """The country named clearly more often than any other in the document, if there is one."""
    counts = Counter(a.country for m in mentions if m.kind == "literal" for a in m.actors
                     if a.country and a.country not in ("IGO", "NGO", "IMG", "MNC", "ISM"))
    if not counts:
        return None
    (top, n), *rest = counts.most_common(2) + [(None, 0)]
    second = rest[0][1] if rest else 0
    return top if n >= 2 and n > 2 * second else None


def sector_actors(kb, token) -> list[Actor]:
    """A sector noun standing as the subject or object of an event ("thousands of people rallied",
    "a court convicted"): an actor of that sector whose country the context may supply."""
    if kb is None or token.pos_ not in ("NOUN", "PROPN"):
        return []
    node = token
    if node.lower_ in ("thousands", "hundreds", "dozens", "scores", "millions", "tens") or node.pos_ == "NUM":
        for c in node.children:  # "thousands of people"
            if c.dep_ == "prep" and c.lower_ == "of":
                node = next((g for g in c.children if g.dep_ == "pobj"), node)
    words = [node] + [c for c in node.children if c.dep_ == "compound"]  # "Lt. Gen. Prosper Avril"
    for w in words:
        for entry in kb.index.get((w.lower_,), ()) or kb.index.get((w.lemma_.lower(),), ()):
            if entry.kind == "sector" and entry.sector:
                return [Actor(text=node.text, start=node.idx, end=node.idx + len(node.text), name=node.text,
                              country=None, sector=entry.sector, kind="sector", via="argument")]
    return []


def water_name(kb, token) -> bool:
    """Whether the token heads the name of waters (``water_heads`` of actors/data/nonactors.yaml: "Sea" in "the
    Sea of Japan", "Strait" in "the Taiwan Strait"), capitalised as a name is: such a name is nobody's,
    whatever country it names."""
    return token.text[:1].isupper() and token.lower_ in kb.water_heads and token.pos_ in ("PROPN", "NOUN")


def adjective_actors(kb, token) -> list[Actor]:
    """A country named only by an adjective on a thing: "shell Iraqi towns", "curbs on German goods"."""
    if kb is None or water_name(kb, token):
        return []
    out: list[Actor] = []
    if token.pos_ == "PROPN" and token.text[:1].isupper():
        # A country named where the resolver saw a place ("withdraw its force from Chad").
        words = [c for c in token.children if c.dep_ == "compound"] + [token]
        key = tuple(w.lower_ for w in sorted(words, key=lambda w: w.i))
        for entry in kb.index.get(key, ()):
            if entry.kind == "country" and entry.role in ("name", "capital"):
                first = min(words, key=lambda w: w.i)
                return [country_actor(kb, entry.key, token.doc[first.i:token.i + 1].text, first.idx,
                                       token.idx + len(token.text), "place-as-recipient")]
    for c in token.children:
        if c.dep_ == "prep" and c.lower_ in ("in", "of"):
            # "towns in northern Israel": a recipient named by where it is
            for g in c.children:
                if g.dep_ == "pobj" and g.pos_ == "PROPN":
                    inner = adjective_actors(kb, g)
                    if inner:
                        return inner
        if c.dep_ in ("amod", "compound") and c.text[:1].isupper():
            for entry in kb.index.get((c.lower_,), ()):
                if entry.kind == "country" and entry.role in ("adjective", "name"):
                    out.append(country_actor(kb, entry.key, c.text, c.idx, c.idx + len(c.text), "adjective"))
                    break
    return out


def country_actor(kb, code: str, text: str, start, end, via: str, sector: str | None = None) -> Actor:
    country = getattr(kb, "countries", {}).get(code) if kb is not None else None
    return Actor(text=text, start=start or 0, end=end or 0, name=getattr(country, "name", code), country=code,
                 sector=sector, id=getattr(country, "qid", None) or f"accord:country:{code}", kind="state", via=via)


def fill_countries(index, sdoc, document_country: str | None, sent, roles: Roles, loc) -> Roles:
    """Give a country to bare sector actors ("police", "opposition activists") from the event's place,
    or from the one country the sentence names; otherwise leave it unknown."""
    if all(a.country for a in roles.source + roles.target):
        return roles
    country, how = (loc.country, "context:place") if loc is not None and loc.country else (None, None)
    if country is None:
        named = {a.country for i in range(sent.start, sent.end) if (m := index.at(sdoc[i])) is not None
                 for a in m.actors if a.country and a.kind in ("state", "person", "collective")}
        if len(named) == 1:
            country, how = named.pop(), "context:sentence"
    if country is None and document_country:
        country, how = document_country, "context:document"
    if country is None:
        return roles

    def fill(actors: list[Actor], other: list[Actor]) -> list[Actor]:
        # "The foreign minister met his Indian counterpart": a counterpart is of another country, so the country
        # it names is not the bare actor's.
        facing = {o.country for o in other if "counterpart" in o.text.lower()}
        out = []
        for a in actors:
            if a.country or (a.sector in STATELESS_SECTORS and how in ("context:sentence", "context:document")) \
                    or country in facing:
                out.append(a)
            else:
                out.append(replace(a, country=country, code=f"{country}{a.sector or ''}", via=a.via or how))
        return out

    return Roles(fill(roles.source, roles.target), fill(roles.target, roles.source), source_via=roles.source_via)


def sentence_countries(kb, index, sent) -> set[str]:
    """Every country a sentence names: its actor mentions, and country names or adjectives that the
    resolver left as places or modifiers ("a Marshall Islands-flagged tanker")."""
    found = {a.country for t in sent if (m := index.at(t)) is not None for a in m.actors if a.country}
    if kb is None:
        return found
    tokens = list(sent)
    for i, t in enumerate(tokens):
        if not t.text[:1].isupper():
            continue
        for n in (3, 2, 1):
            key = tuple(x.lower_ for x in tokens[i:i + n])
            entries = kb.index.get(key, ()) if len(key) == n else ()
            hit = next((e.key for e in entries if e.kind == "country" and e.role in ("name", "adjective", "people")), None)
            if hit:
                found.add(hit)
                break
    return found
