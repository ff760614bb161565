"""Named entities of a token range, found in time proportional to the range.

spaCy's ``Doc.ents`` (and ``Span.ents``, which goes through it) rebuilds the list of every entity in the
document by scanning all its tokens. Asking for the entities of one sentence that way, once per sentence
or per event, makes coding quadratic in document length; these helpers read the tokens' IOB tags instead.

``Doc.text`` is rebuilt from the tokens on every access too; :func:`doc_text` keeps the text of the document
being coded for the stages that each read it.
"""

from __future__ import annotations

from spacy.tokens import Span


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
    out = []
    n = len(doc)
    for i in range(max(0, lo), min(hi, n)):
        tok = doc[i]
        if tok.ent_iob_ == "B" and tok.ent_type:
            out.append(Span(doc, i, _entity_end(doc, i, n), label=tok.ent_type, kb_id=tok.ent_kb_id))
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
