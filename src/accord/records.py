"""The record types that cross every boundary: typed, frozen, versioned.

Inside a process the pipeline works on spaCy ``Doc`` objects; between stages, in the store, in JSON and
in the API only these flat records travel. ``to_dict`` gives the JSON form described by the schema
files in ``accord/schema/`` (``accord.document/1``, ``accord.event/1`` ...).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

DOCUMENT_SCHEMA = "accord.document/1"
EVENT_SCHEMA = "accord.event/1"
ACTOR_SCHEMA = "accord.actor/1"
QUOTE_SCHEMA = "accord.quote/1"


#: ``json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)``, without making a new encoder for each
#: call (``json.dumps`` builds one whenever it is given options; an id is made for every event).
_HASH_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=str)


def content_hash(*parts: Any, length: int = 16) -> str:
    """A stable hex digest of the JSON form of ``parts`` (used for ids)."""
    raw = _HASH_JSON.encode(parts)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:length]


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of ``Document.text``: ``text[start:end]``."""

    start: int
    end: int
    block_quote: bool = False

    def to_dict(self) -> dict:
        return {"start": self.start, "end": self.end, "block_quote": self.block_quote}


@dataclass(frozen=True, slots=True)
class Document:
    """One input document after ingestion: cleaned text plus metadata."""

    id: str
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None  # publication date, ISO 8601 (YYYY-MM-DD)
    url: str | None = None
    links: tuple[str, ...] = ()
    source: str | None = None  # path, "<stdin>", or "file.jsonl:LINE"
    format: str = "text"  # text | markdown | html | pdf | jsonl
    paragraphs: tuple[Paragraph, ...] = ()
    checksum: str = ""  # sha256 of text, for idempotent storage
    #: where ``date`` came from: "page" (a byline or date line in the text), "metadata" (declared by the
    #: source or the caller), "file-metadata" (a file's creation date); None without a date
    date_source: str | None = None
    #: what was read but may be wrong, as Problems with W-codes (accord.errors), e.g. W101 layout uncertain
    warnings: tuple["Problem", ...] = ()

    def __post_init__(self) -> None:
        if self.date and self.date_source is None:
            object.__setattr__(self, "date_source", "metadata")
        if not self.checksum:
            object.__setattr__(self, "checksum", hashlib.sha256(self.text.encode("utf-8")).hexdigest())
        if not self.paragraphs and self.text:
            object.__setattr__(self, "paragraphs", (Paragraph(0, len(self.text)),))

    @staticmethod
    def make_id(text: str, source: str | None = None) -> str:
        return "doc-" + content_hash(text, length=16)

    def to_dict(self) -> dict:
        return {
            "schema": DOCUMENT_SCHEMA,
            "id": self.id,
            "title": self.title,
            "author": self.author,
            "date": self.date,
            "url": self.url,
            "links": list(self.links),
            "source": self.source,
            "format": self.format,
            "checksum": self.checksum,
            "text": self.text,
            "paragraphs": [p.to_dict() for p in self.paragraphs],
            "date_source": self.date_source,
            "warnings": [w.to_dict() for w in self.warnings],
        }


@dataclass(frozen=True, slots=True)
class Problem:
    """A document (or line) that was skipped or only partly processed, with a coded reason."""

    source: str
    code: str  # an errors.Code value, e.g. "E105"
    message: str
    stage: str = "ingest"  # ingest | nlp | code | store

    def to_dict(self) -> dict:
        return {"source": self.source, "code": self.code, "message": self.message, "stage": self.stage}


@dataclass(frozen=True, slots=True)
class Actor:
    """An actor mention resolved against the knowledge base.

    ``code`` is the CAMEO-style concatenation of country and sector (``RUSGOV``); ``id`` a stable
    identifier (Wikidata QID where known, else an Accord id such as ``accord:country:RUS``).
    ``start``/``end`` are character offsets into the document text (for resolved anaphora: of the
    referring expression, e.g. "the two countries").
    """

    text: str
    start: int
    end: int
    name: str
    country: str | None
    sector: str | None = None
    code: str = ""
    id: str | None = None
    kind: str = "state"  # state | igo | ngo | person | group | sector | collective
    via: str | None = None  # how it was resolved when not literal: "coref:the two countries", "speaker"...

    def __post_init__(self) -> None:
        if not self.code:
            object.__setattr__(self, "code", f"{self.country or ''}{self.sector or ''}")

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "name": self.name,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "id": self.id,
            "kind": self.kind,
            "via": self.via,
        }


@dataclass(frozen=True, slots=True)
class Location:
    text: str
    name: str
    country: str | None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    start: int | None = None
    end: int | None = None

    def to_dict(self) -> dict:
        return {
            "text": self.text,
            "name": self.name,
            "country": self.country,
            "lat": self.lat,
            "lon": self.lon,
            "geonameid": self.geonameid,
        }


@dataclass(frozen=True, slots=True)
class Quote:
    """A direct or block quote with its speaker (resolved to an actor where possible)."""

    doc_id: str
    text: str
    start: int
    end: int
    speaker: Actor | None = None
    speaker_text: str | None = None
    cue: str | None = None  # the reporting verb or cue ("said", "stating:")
    block: bool = False

    @property
    def id(self) -> str:
        return "q-" + content_hash(self.doc_id, self.start, self.end, self.text)

    def to_dict(self) -> dict:
        return {
            "schema": QUOTE_SCHEMA,
            "id": self.id,
            "doc_id": self.doc_id,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "speaker_text": self.speaker_text,
            "cue": self.cue,
            "block": self.block,
        }


@dataclass(frozen=True, slots=True)
class Event:
    """One coded event (``accord.event/1``)."""

    doc_id: str
    sentence: int
    text: str
    start: int
    end: int
    event: str  # PLOVER type
    mode: str | None
    context: tuple[str, ...]
    cameo: str
    quad_class: int
    goldstein: float
    actor: tuple[Actor, ...]
    recipient: tuple[Actor, ...]
    date: str | None
    date_precision: str  # day | month | year
    event_loc: Location | None = None
    negated: bool = False
    intent: bool = False
    hypothetical: bool = False
    quoted: bool = False
    speaker: Actor | None = None
    trigger: str = ""
    trigger_start: int | None = None
    trigger_end: int | None = None
    rule: str = ""
    confidence: float = 0.5
    id: str = field(default="")
    #: where ``date`` came from: "text" (an expression in the sentence), "publication" (the document's
    #: publication date), "file-metadata" (the publication date, itself only a file's creation date), "none"
    date_source: str = "none"

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(
                self,
                "id",
                "ev-"
                + content_hash(
                    self.doc_id,
                    self.start,
                    self.end,
                    self.event,
                    self.mode,
                    [a.code for a in self.actor],
                    [a.code for a in self.recipient],
                    self.trigger_start,
                    self.trigger,
                ),
            )

    @property
    def source_country(self) -> str | None:
        return self.actor[0].country if self.actor else None

    @property
    def target_country(self) -> str | None:
        return self.recipient[0].country if self.recipient else None

    def to_dict(self) -> dict:
        return {
            "schema": EVENT_SCHEMA,
            "id": self.id,
            "doc_id": self.doc_id,
            "sentence": self.sentence,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "event": self.event,
            "mode": self.mode,
            "context": list(self.context),
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "actor": [a.to_dict() for a in self.actor],
            "recipient": [a.to_dict() for a in self.recipient],
            "date": self.date,
            "date_precision": self.date_precision,
            "event_loc": self.event_loc.to_dict() if self.event_loc else None,
            "negated": self.negated,
            "intent": self.intent,
            "hypothetical": self.hypothetical,
            "quoted": self.quoted,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "trigger": self.trigger,
            "trigger_start": self.trigger_start,
            "trigger_end": self.trigger_end,
            "rule": self.rule,
            "confidence": self.confidence,
            "date_source": self.date_source,
        }


def actor_from_dict(d: dict) -> Actor:
    return Actor(
        text=d.get("text", ""),
        start=int(d.get("start") or 0),
        end=int(d.get("end") or 0),
        name=d.get("name") or d.get("text", ""),
        country=d.get("country"),
        sector=d.get("sector"),
        code=d.get("code") or "",
        id=d.get("id"),
        kind=d.get("kind") or "state",
        via=d.get("via"),
    )


def event_from_dict(d: dict) -> Event:
    """Rebuild an :class:`Event` from its JSON form (the inverse of ``Event.to_dict``)."""
    loc = d.get("event_loc")
    return Event(
        doc_id=d["doc_id"],
        sentence=int(d["sentence"]),
        text=d["text"],
        start=int(d["start"]),
        end=int(d["end"]),
        event=d["event"],
        mode=d.get("mode"),
        context=tuple(d.get("context") or ()),
        cameo=str(d.get("cameo") or ""),
        quad_class=int(d.get("quad_class") or 0),
        goldstein=float(d.get("goldstein") or 0.0),
        actor=tuple(actor_from_dict(a) for a in d.get("actor") or ()),
        recipient=tuple(actor_from_dict(a) for a in d.get("recipient") or ()),
        date=d.get("date"),
        date_precision=d.get("date_precision") or "day",
        event_loc=Location(
            text=loc.get("text", ""),
            name=loc.get("name", ""),
            country=loc.get("country"),
            lat=loc.get("lat"),
            lon=loc.get("lon"),
            geonameid=loc.get("geonameid"),
        )
        if loc
        else None,
        negated=bool(d.get("negated")),
        intent=bool(d.get("intent")),
        hypothetical=bool(d.get("hypothetical")),
        quoted=bool(d.get("quoted")),
        speaker=actor_from_dict(d["speaker"]) if d.get("speaker") else None,
        trigger=d.get("trigger") or "",
        trigger_start=d.get("trigger_start"),
        trigger_end=d.get("trigger_end"),
        rule=d.get("rule") or "",
        confidence=float(d.get("confidence") or 0.0),
        id=d.get("id") or "",
        date_source=d.get("date_source") or ("publication" if d.get("date") else "none"),
    )
