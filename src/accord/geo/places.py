"""The place of an event in a parsed sentence.

A place counts when the sentence introduces it as where something happened: the object of a
locative preposition ("met in Beijing", "near Bakhmut", "outside Kherson"), of "of" after nouns such
as "outskirts" ("on the outskirts of Khartoum"), of "to" after a movement ("a visit to Beijing"), of
"on" after an attack ("an attack on Odesa"), or the object of a verb such as "visit" or "shell".
A place that is also an actor ("Beijing said", "Moscow and Beijing agreed") and country adjectives
never count. The cue words live in ``geo/data/places.yaml`` (``cues``).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from spacy.symbols import PROPN

from accord.errors import DataError
from accord.geo.gazetteer import lookup_place, non_locative_heads, place_data, to_location
from accord.nlp.spans import span_ents, token_ent_types, token_pos, token_starts, token_texts
from accord.records import Location

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
# The small English model sometimes labels a city PERSON or ORG ("arrived in Kyiv"); such an
# entity (or an untagged proper noun) still counts when a locative cue introduces it and the
# gazetteer knows it as a country, region, state or a city of at least this many people - smaller
# towns share their names with too many words ("Alliance", "Retreat").
_MISLABELS = frozenset({"PERSON", "ORG"})
_MISLABEL_MIN_POPULATION = 100_000


@dataclass(frozen=True, slots=True)
class _Cues:
    prepositions: frozenset[str]
    of_heads: frozenset[str]
    to_heads: frozenset[str]
    on_heads: frozenset[str]
    object_verbs: frozenset[str]


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    raw = place_data().get("cues")
    if not isinstance(raw, dict):
        raise DataError("places.yaml: needs a 'cues' mapping")
    try:
        return _Cues(**{k: frozenset(str(w).lower() for w in raw[k]) for k in _Cues.__slots__})
    except (KeyError, TypeError) as exc:
        raise DataError(f"places.yaml: cues needs lists {', '.join(_Cues.__slots__)} ({exc})") from None


def _head_lemma(tok) -> str:
    return tok.lemma_.lower() if tok.lemma_ else tok.lower_


def _introduced(root) -> bool:
    """Whether the syntax around ``root`` (the head token of a place name) marks it as a location."""
    cues = _cues()
    if root.dep_ in ("amod",) or root.tag_ in ("JJ", "JJR", "JJS"):
        return False
    head = root.head
    if root.dep_ in ("dobj", "obj") and head.pos_ in ("VERB", "AUX"):
        return bool({head.lower_, _head_lemma(head)} & cues.object_verbs)
    if root.dep_ != "pobj" or head.dep_ != "prep" and head.pos_ != "ADP":
        return False
    prep = head.lower_
    governor = head.head  # the word the prepositional phrase attaches to
    gov = {governor.lower_, _head_lemma(governor)}
    if prep in cues.prepositions:
        return not (governor.pos_ in ("NOUN", "PROPN") and gov & non_locative_heads())
    if prep == "of":
        return bool(gov & cues.of_heads)
    if prep == "to":
        return bool(gov & cues.to_heads)
    if prep == "on":
        return bool(gov & cues.on_heads)
    return False


def _overlaps(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _proper_noun_phrases(sent_span, taken: list[tuple[int, int]]):
    """Proper-noun runs outside any entity (names the tagger missed), as (start_tok, end_tok)."""
    base, end, doc = sent_span.start, sent_span.end, sent_span.doc
    if end <= base:
        return
    # The document's tag, entity-label, offset and text arrays, read once per Doc (``Span.to_array`` reads
    # the whole document's for every span).
    pos, labels, starts, texts = token_pos(doc), token_ent_types(doc), token_starts(doc), token_texts(doc)
    k = base
    while k < end:
        if pos[k] == PROPN and not labels[k]:
            j = k
            while j + 1 < end and pos[j + 1] == PROPN and not labels[j + 1]:
                j += 1
            if not _overlaps(starts[k], starts[j] + len(texts[j]), taken):
                yield doc[k : j + 1]
            k = j + 1
        else:
            k += 1


_GENERIC_PLACE_WORDS = frozenset({"province", "region", "city", "town", "state", "county", "district", "oblast",
                                  "governorate", "prefecture", "village", "area", "valley", "enclave"})


def find_event_location(
    sent_span, actor_char_spans: list[tuple[int, int]] | tuple = (), *, country_hint: str | None = None
) -> Location | None:
    """The place where the event in ``sent_span`` (a spaCy sentence Span) happened, or None.

    ``actor_char_spans`` are (start, end) character offsets of actor mentions in the document; a
    place overlapping one is an actor, not a location. The Location's ``start``/``end`` are document
    character offsets of the place name. The first introduced place the gazetteer knows wins.
    For many events of one document use a :class:`PlaceFinder`, which does the work once per span.
    """
    return PlaceFinder(country_hint)(sent_span, actor_char_spans)


class PlaceFinder:
    """:func:`find_event_location` for the events of one document, remembering each span's places.

    Everything but the actor check depends on the span alone: its entities and untagged proper nouns,
    whether the syntax introduces each as a location, and the gazetteer's answer. A sentence with several
    triggers asks about the same clause and sentence spans again and again, so that work is done once per
    span and each call only drops the places that overlap its actors."""

    def __init__(self, country_hint: str | None = None) -> None:
        self.country_hint = country_hint
        self._places: dict[tuple[int, int], list[tuple[int, int, Location]]] = {}

    def __call__(self, sent_span, actor_char_spans: list[tuple[int, int]] | tuple = ()) -> Location | None:
        key = (sent_span.start, sent_span.end)
        places = self._places.get(key)
        if places is None:
            places = self._places[key] = _introduced_places(sent_span, self.country_hint)
        return self._first(places, actor_char_spans)

    def at(self, doc, start: int, end: int, actor_char_spans: list[tuple[int, int]] | tuple = ()) -> Location | None:
        """``self(doc[start:end], actor_char_spans)``, making the Span only the first time the range is asked
        about (a sentence's triggers ask about the same clauses again and again)."""
        places = self._places.get((start, end))
        if places is None:
            return self(doc[start:end], actor_char_spans)
        return self._first(places, actor_char_spans)

    @staticmethod
    def _first(places: list[tuple[int, int, Location]], actor_char_spans) -> Location | None:
        if not places:
            return None
        actors = [(int(s), int(e)) for s, e in actor_char_spans or ()]
        for start, end, loc in places:
            if not _overlaps(start, end, actors):
                return loc
        return None


def _introduced_places(sent_span, country_hint: str | None) -> list[tuple[int, int, Location]]:
    """The places the syntax of ``sent_span`` introduces as locations and the gazetteer knows, in text order,
    with their character spans."""
    ents = span_ents(sent_span)
    candidates = [ent for ent in ents if ent.label_ in _PLACE_LABELS or ent.label_ in _MISLABELS]
    candidates += _proper_noun_phrases(sent_span, [(e.start_char, e.end_char) for e in ents])
    candidates.sort(key=lambda span: span.start_char)
    out = []
    for span in candidates:
        if not _introduced(span.root):
            continue
        place = lookup_place(_qualified(span), country_hint)
        if place is None:
            # "Montenegro province", "the Kherson region": the proper name without its generic noun.
            proper = " ".join(t.text for t in span if t.pos_ == "PROPN" and t.lower_ not in _GENERIC_PLACE_WORDS)
            if proper and proper != span.text:
                place = lookup_place(proper, country_hint)
        if place is None:
            continue
        if getattr(span, "label_", "") not in _PLACE_LABELS and not (
            place.kind != "city" or place.population >= _MISLABEL_MIN_POPULATION
        ):
            continue
        out.append((span.start_char, span.end_char, to_location(place, span.text, span.start_char, span.end_char)))
    return out


def _qualified(span) -> str:
    """'Alexandria, Louisiana' when a place name is followed by a comma and another place name."""
    doc = span.doc
    if span.end + 1 < len(doc) and doc[span.end].text == "," and doc[span.end + 1].ent_type_ == "GPE":
        j = span.end + 1
        while j + 1 < len(doc) and doc[j + 1].ent_iob_ == "I":
            j += 1
        return f"{span.text}, {doc[span.end + 1 : j + 1].text}"
    return span.text
