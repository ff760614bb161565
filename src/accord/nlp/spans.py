"""Named entities of a token range, found in time proportional to the range.

spaCy's ``Doc.ents`` (and ``Span.ents``, which goes through it) rebuilds the list of every entity in the
document by scanning all its tokens. Asking for the entities of one sentence that way, once per sentence
or per event, makes coding quadratic in document length; these helpers read the tokens' IOB tags instead.

``Doc.text`` is rebuilt from the tokens on every access too; :func:`doc_text` keeps the text of the document
being coded for the stages that each read it.
"""

from __future__ import annotations

from spacy.attrs import ENT_IOB, ENT_TYPE
from spacy.tokens import Span

_B, _I = 3, 1  # Token.ent_iob for "B" and "I"


_LAST_TEXT: tuple = (None, "")  # the last Doc asked about and its text (one tuple: read and replaced whole)


def doc_text(doc) -> str:
    """``doc.text``, remembered for the last Doc asked about: the actor, quote and event stages of one
    document all read it, and spaCy joins every token's text again each time."""
    global _LAST_TEXT
    last = _LAST_TEXT
    if last[0] is doc:
        return last[1]
    text = doc.text
    _LAST_TEXT = (doc, text)
    return text


def _entity_end(doc, start: int, stop: int) -> int:
    j = start + 1
    while j < stop and doc[j].ent_iob_ == "I":
        j += 1
    return j


def ents_starting_in(doc, lo: int, hi: int) -> list[Span]:
    """Entities whose first token lies in ``doc[lo:hi]`` (each with its full extent, which may pass ``hi``)."""
    n = len(doc)
    lo, hi = max(0, lo), min(hi, n)
    if lo >= hi:
        return []
    # The range's IOB tags and entity labels as integers, one call: no Token made for a token outside entities.
    tags = doc[lo:hi].to_array([ENT_IOB, ENT_TYPE]).tolist()
    out = []
    for k, (iob, label) in enumerate(tags):
        if iob != _B or not label:
            continue
        j = k + 1
        while j < len(tags) and tags[j][0] == _I:
            j += 1
        end = lo + j if j < len(tags) else _entity_end(doc, hi - 1, n)  # an entity running on past the range
        out.append(Span(doc, lo + k, end, label=label, kb_id=doc[lo + k].ent_kb_id))
    return out


def span_ents(span) -> list[Span]:
    """The entities wholly inside ``span`` (what ``span.ents`` returns), in order."""
    return [e for e in ents_starting_in(span.doc, span.start, span.end) if e.end <= span.end]


def ent_around(doc, i: int) -> Span | None:
    """The entity that contains token ``i``, or None."""
    if not doc[i].ent_type or doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B":
        return None
    return Span(doc, start, _entity_end(doc, start, len(doc)), label=doc[start].ent_type, kb_id=doc[start].ent_kb_id)
