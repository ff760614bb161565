"""Ethnic groups are coded by where they live, not by the state their name comes from.

"Ethnic Albanians in south Serbia" are Serbian civilians (SRB CVL), "the Albanians of southern Serbia"
too, and "ethnic Turks" in a Swedish story are not Turkey. A plural demonym marked as an ethnic group
("ethnic X") or placed inside another country ("X in/of <country>") takes the country of residence;
an "ethnic" group with no place named keeps no country (the event coder fills it from context).
"""

from __future__ import annotations

from dataclasses import replace

from accord.actors.kb import KnowledgeBase
from accord.records import Actor

_PLACE_PREPS = frozenset({"in", "of", "from", "inside", "across", "throughout"})
_ETHNIC = frozenset({"ethnic", "ethnically"})


def _people_word(token, kb: KnowledgeBase) -> bool:
    return any(e.kind == "country" and e.role == "people" for e in kb.index.get((token.lower_,), ()))


def _country_of_place(tokens, kb: KnowledgeBase) -> str | None:
    """The country a place phrase names: a country name in the phrase, else the gazetteer."""
    for t in tokens:
        for e in kb.index.get((t.lower_,), ()):
            if e.kind == "country" and e.role in ("name", "capital"):
                return e.key
    text = " ".join(t.text for t in tokens if t.pos_ == "PROPN")
    if text:
        from accord.geo import geocode

        loc = geocode(text)
        if loc is not None and loc.country:
            return loc.country
    return None


def apply_residence(mentions: list, sdoc, kb: KnowledgeBase) -> list:
    """Mentions with ethnic groups re-coded to their country of residence."""
    out = []
    for m in mentions:
        head = sdoc[m.head]
        if m.kind != "literal" or len(m.actors) != 1 or m.actors[0].kind != "state" or not _people_word(head, kb):
            out.append(m)
            continue
        ethnic = any(sdoc[i].lower_ in _ETHNIC for i in range(max(0, m.start - 1), m.end))
        residence = None
        for c in head.children:
            if c.dep_ == "prep" and c.lower_ in _PLACE_PREPS:
                pobj = [g for g in c.children if g.dep_ == "pobj"]
                if pobj:
                    residence = _country_of_place(list(pobj[0].subtree), kb)
        actor: Actor = m.actors[0]
        if residence and residence != actor.country:
            new = replace(actor, country=residence, sector="CVL", code=f"{residence}CVL", via="residence")
        elif ethnic and not residence:
            new = replace(actor, country=None, sector="CVL", code="CVL", kind="sector", via="ethnic-group")
        else:
            out.append(m)
            continue
        out.append(replace(m, actors=(new,)))
    return out
