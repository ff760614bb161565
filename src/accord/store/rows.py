"""Records <-> flat rows: CodedDocuments become Arrow tables for bulk loading, and rows become records again.

Flattening is column-wise (tuples transposed once, then ``pyarrow.array``) because building millions of
small Python objects is the slow part of ingest; DuckDB then inserts a whole Arrow table in one statement.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from itertools import chain, repeat
from operator import add, is_not
from typing import Any, Iterable

import pyarrow as pa

from accord.records import Actor, Document, Event, Location, Paragraph, Problem, Quote

_S, _I, _F, _B = pa.string(), pa.int32(), pa.float64(), pa.bool_()
_ACTOR_FIELDS = ("mention", "start", "end", "name", "country", "sector", "code", "id", "kind", "via")
_ACTOR_TYPES = (_S, _I, _I, _S, _S, _S, _S, _S, _S, _S)


def _actor_schema(prefix: str) -> list[tuple[str, pa.DataType]]:
    return [(prefix + f, t) for f, t in zip(_ACTOR_FIELDS, _ACTOR_TYPES)]


DOCUMENT_SCHEMA = pa.schema(
    [
        ("id", _S), ("checksum", _S), ("title", _S), ("author", _S), ("date", _S), ("url", _S),
        ("links", pa.list_(_S)), ("source", _S), ("format", _S), ("text", _S), ("paragraphs", _S),
        ("coder_version", _S), ("run_id", _S), ("stored_at", pa.timestamp("us")),
        ("num_events", _I), ("num_quotes", _I), ("problems", _S), ("date_source", _S), ("warnings", _S),
    ]
)
EVENT_SCHEMA = pa.schema(
    [
        ("id", _S), ("gid", pa.int64()), ("doc_id", _S), ("sentence", _I), ("text", _S), ("start", _I),
        ("end", _I), ("event", _S), ("mode", _S), ("context", pa.list_(_S)), ("cameo", _S),
        ("quad_class", pa.int8()), ("goldstein", _F), ("date", _S), ("date_precision", _S), ("day", pa.date32()),
        ("loc_text", _S), ("loc_name", _S), ("loc_country", _S), ("loc_lat", _F), ("loc_lon", _F),
        ("loc_geonameid", pa.int64()), ("loc_start", _I), ("loc_end", _I),
        ("negated", _B), ("intent", _B), ("hypothetical", _B), ("quoted", _B),
        ("trigger", _S), ("trigger_start", _I), ("trigger_end", _I), ("rule", _S), ("confidence", _F),
        ("coder_version", _S), ("date_source", _S),
    ]
)
ACTOR_SCHEMA = pa.schema(
    [
        ("event_id", _S), ("doc_id", _S), ("role", _S), ("position", pa.int16()), ("text", _S), ("start", _I),
        ("end", _I), ("name", _S), ("country", _S), ("sector", _S), ("code", _S), ("actor_id", _S),
        ("kind", _S), ("via", _S),
    ]
)
QUOTE_SCHEMA = pa.schema(
    [
        ("id", _S), ("doc_id", _S), ("text", _S), ("start", _I), ("end", _I), ("speaker_text", _S),
        ("cue", _S), ("block", _B), *_actor_schema("sp_"),
    ]
)

_NO_ACTOR = (None,) * len(_ACTOR_FIELDS)


def _actor_tuple(a: Actor | None) -> tuple:
    if a is None:
        return _NO_ACTOR
    return (a.text, a.start, a.end, a.name, a.country, a.sector, a.code, a.id, a.kind, a.via)


def gid(event_id: str) -> int:
    """A stable positive 60-bit integer for an id such as ``ev-1a2b...`` (GDELT-style numeric ids)."""
    hexpart = event_id.rsplit("-", 1)[-1]
    try:
        return int(hexpart[:15], 16)
    except ValueError:
        import hashlib

        return int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)


def parse_day(value: str | None) -> date | None:
    """The calendar day of an ISO date of day, month or year precision (first day of the period)."""
    if not value:
        return None
    v = value.strip()
    try:
        if len(v) >= 10:
            return date.fromisoformat(v[:10])
        if len(v) == 7:
            return date(int(v[:4]), int(v[5:7]), 1)
        if len(v) == 4:
            return date(int(v), 1, 1)
    except ValueError:
        return None
    return None


def _one_or_none(speaker) -> tuple:
    return () if speaker is None else (speaker,)


@lru_cache(maxsize=65_536)
def _parse_day_cached(value: str | None) -> date | None:
    return parse_day(value)


def _columns(rows: list[tuple], schema: pa.Schema) -> pa.Table:
    if not rows:
        return schema.empty_table()
    cols = list(zip(*rows))
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(cols, schema)], schema=schema)


def _table(columns: list[list], schema: pa.Schema) -> pa.Table:
    return pa.Table.from_arrays([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema)


def _paragraphs_json(paragraphs) -> str:
    """The paragraphs' JSON form, written directly (json.dumps per document is a hot spot in bulk loads)."""
    return "[" + ",".join(
        f'{{"start": {p.start}, "end": {p.end}, "block_quote": {"true" if p.block_quote else "false"}}}' for p in paragraphs
    ) + "]"


class _NoPlace:
    """Stands in for an event without a place, so the place columns are plain attribute reads."""

    __slots__ = ()
    text = name = country = lat = lon = geonameid = start = end = None


_NO_PLACE = _NoPlace()
_ROLES = pa.array(["actor", "recipient", "speaker"])


def _gids(ids: pa.Array) -> pa.Array:
    """:func:`gid` of every id. When the ids are all alike (the coder's: one length, the last '-' at one
    place, 15 hexadecimal digits after it) their bytes are decoded in numpy, else one by one."""
    import numpy as np

    n = len(ids)
    if n and not ids.null_count and not ids.offset:
        offsets = np.frombuffer(ids.buffers()[1], np.int32, n + 1)
        width = int(offsets[1] - offsets[0])
        if width >= 16 and (np.diff(offsets) == width).all():
            raw = np.frombuffer(ids.buffers()[2], np.uint8, n * width, int(offsets[0])).reshape(n, width)
            first = bytes(raw[0])
            dash = first.rfind(b"-")
            if dash + 16 <= width and (raw[:, dash] == 45).all() and not (raw[:, dash + 1:] == 45).any():
                d = raw[:, dash + 1:dash + 16]
                lower = d | 32
                if (((d >= 48) & (d <= 57)) | ((lower >= 97) & (lower <= 102))).all():
                    nibbles = np.where(d <= 57, d - 48, lower - 87).astype(np.int64)
                    return pa.array(nibbles @ (16 ** np.arange(14, -1, -1, dtype=np.int64)), pa.int64())
    return pa.array([gid(i) for i in ids.to_pylist()], pa.int64())


def _days(dates: list, doc_days: pa.Array, doc_of_event) -> pa.Array:
    """The calendar day of every event (:func:`parse_day` of its date, else its document's day), parsing
    each distinct date once."""
    import pyarrow.compute as pc

    encoded = pa.array(dates, pa.string()).dictionary_encode()
    parsed = pa.array([_parse_day_cached(v) for v in encoded.dictionary.to_pylist()], pa.date32())
    own = parsed.take(encoded.indices)
    if own.null_count == 0:
        return own
    return pc.coalesce(own, doc_days.take(pa.array(doc_of_event)))


@dataclass
class Batch:
    """The records of a batch of documents, turned into Arrow tables column by column on ``tables()``:
    ``add`` only keeps the records (and a document's own row); every column is then one pass over the
    records and one ``pyarrow.array`` call, and what can be computed on whole columns (days, numeric ids,
    each actor's event) is."""

    documents: list[tuple] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    event_docs: list[int] = field(default_factory=list)  # the document (index in ``documents``) of each event
    doc_days: list = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    coder_version: str = ""

    def add(self, coded, *, coder_version: str, run_id: str | None, stored_at: datetime) -> tuple[int, int]:
        """Append one CodedDocument; return (events, quotes) kept (an id repeated in a document is kept once)."""
        self.coder_version = coder_version
        d: Document = coded.document
        evs = coded.events
        n_ev = len(evs)
        if n_ev > 1 and len({e.id for e in evs}) < n_ev:
            seen: set[str] = set()
            evs = [e for e in evs if not (e.id in seen or seen.add(e.id))]
            n_ev = len(evs)
        self.events.extend(evs)
        self.event_docs.extend([len(self.documents)] * n_ev)
        self.doc_days.append(_parse_day_cached(d.date))
        qs = coded.quotes
        if qs:
            qseen: set[str] = set()
            qs = [q for q in qs if not (q.id in qseen or qseen.add(q.id))]
            self.quotes.extend(qs)
        self.documents.append(
            (
                d.id, d.checksum, d.title, d.author, d.date, d.url, list(d.links), d.source, d.format, d.text,
                _paragraphs_json(d.paragraphs), coder_version, run_id, stored_at,
                n_ev, len(qs), json.dumps([p.to_dict() for p in coded.problems]) if coded.problems else "[]",
                d.date_source, json.dumps([w.to_dict() for w in d.warnings]) if d.warnings else "[]",
            )
        )
        return n_ev, len(qs)

    def _event_table(self) -> pa.Table:
        evs = self.events
        n = len(evs)
        ids = pa.array([e.id for e in evs], _S)
        dates = [e.date for e in evs]
        locs = [e.event_loc or _NO_PLACE for e in evs]
        arrays = [
            ids, _gids(ids), pa.array([e.doc_id for e in evs], _S),
            pa.array([e.sentence for e in evs], _I), pa.array([e.text for e in evs], _S),
            pa.array([e.start for e in evs], _I), pa.array([e.end for e in evs], _I),
            pa.array([e.event for e in evs], _S), pa.array([e.mode for e in evs], _S),
            pa.array([e.context for e in evs], pa.list_(_S)), pa.array([e.cameo for e in evs], _S),
            pa.array([e.quad_class for e in evs], pa.int8()), pa.array([e.goldstein for e in evs], _F),
            pa.array(dates, _S), pa.array([e.date_precision for e in evs], _S),
            _days(dates, pa.array(self.doc_days, pa.date32()), self.event_docs),
            pa.array([l.text for l in locs], _S), pa.array([l.name for l in locs], _S),
            pa.array([l.country for l in locs], _S), pa.array([l.lat for l in locs], _F),
            pa.array([l.lon for l in locs], _F), pa.array([l.geonameid for l in locs], pa.int64()),
            pa.array([l.start for l in locs], _I), pa.array([l.end for l in locs], _I),
            pa.array([e.negated for e in evs], _B), pa.array([e.intent for e in evs], _B),
            pa.array([e.hypothetical for e in evs], _B), pa.array([e.quoted for e in evs], _B),
            pa.array([e.trigger for e in evs], _S), pa.array([e.trigger_start for e in evs], _I),
            pa.array([e.trigger_end for e in evs], _I), pa.array([e.rule for e in evs], _S),
            pa.array([e.confidence for e in evs], _F), pa.repeat(pa.scalar(self.coder_version, _S), n),
            pa.array([e.date_source for e in evs], _S),
        ]
        return pa.Table.from_arrays(arrays, schema=EVENT_SCHEMA)

    def _actor_table(self, events: pa.Table) -> pa.Table:
        """One row per actor, recipient and speaker of each event, event by event (the deduplication's
        joins run faster on rows stored in event order); event ids, roles and positions come from the
        per-event counts in numpy."""
        import numpy as np

        evs = self.events
        n = len(evs)
        acts = [e.actor for e in evs]
        recs = [e.recipient for e in evs]
        speakers = [e.speaker for e in evs]
        counts = np.zeros((n, 3), np.int64)
        counts[:, 0] = np.fromiter(map(len, acts), np.int64, n)
        counts[:, 1] = np.fromiter(map(len, recs), np.int64, n)
        if speakers.count(None) == n:  # the usual case: no quoted event, so no speaker rows
            rows = list(chain.from_iterable(map(add, acts, recs)))
        else:
            counts[:, 2] = np.fromiter(map(is_not, speakers, repeat(None)), np.int64, n)
            rows = [a for t in map(add, map(add, acts, recs), map(_one_or_none, speakers)) for a in t]
        if not rows:
            return ACTOR_SCHEMA.empty_table()
        counts = counts.ravel()
        segment_start = np.cumsum(counts) - counts
        position = np.arange(len(rows), dtype=np.int64) - np.repeat(segment_start, counts)
        role = np.repeat(np.tile(np.arange(3, dtype=np.int8), n), counts)
        where = pa.array(np.repeat(np.arange(n, dtype=np.int64), counts.reshape(-1, 3).sum(axis=1)))
        arrays = [
            events.column("id").take(where), events.column("doc_id").take(where),
            pa.DictionaryArray.from_arrays(pa.array(role), _ROLES).cast(_S), pa.array(position, pa.int16()),
            pa.array([a.text for a in rows], _S), pa.array([a.start for a in rows], _I),
            pa.array([a.end for a in rows], _I), pa.array([a.name for a in rows], _S),
            pa.array([a.country for a in rows], _S), pa.array([a.sector for a in rows], _S),
            pa.array([a.code for a in rows], _S), pa.array([a.id for a in rows], _S),
            pa.array([a.kind for a in rows], _S), pa.array([a.via for a in rows], _S),
        ]
        return pa.Table.from_arrays(arrays, schema=ACTOR_SCHEMA)

    def _quote_table(self) -> pa.Table:
        return _columns(
            [(q.id, q.doc_id, q.text, q.start, q.end, q.speaker_text, q.cue, q.block, *_actor_tuple(q.speaker))
             for q in self.quotes],
            QUOTE_SCHEMA,
        )

    def tables(self) -> dict[str, pa.Table]:
        events = self._event_table()
        return {
            "documents": _columns(self.documents, DOCUMENT_SCHEMA),
            "events": events,
            "event_actors": self._actor_table(events),
            "quotes": self._quote_table(),
        }

    def __len__(self) -> int:
        return len(self.documents)


# ---- rows back to records -------------------------------------------------------------------------


def _actor_from(row: dict, prefix: str) -> Actor | None:
    if row.get(prefix + "kind") is None:
        return None
    return Actor(
        text=row[prefix + "mention"] or "",
        start=row[prefix + "start"] or 0,
        end=row[prefix + "end"] or 0,
        name=row[prefix + "name"] or "",
        country=row[prefix + "country"],
        sector=row[prefix + "sector"],
        code=row[prefix + "code"] or "",
        id=row[prefix + "id"],
        kind=row[prefix + "kind"],
        via=row[prefix + "via"],
    )


def actor_from_row(row: dict) -> Actor:
    return Actor(
        text=row["text"] or "", start=row["start"] or 0, end=row["end"] or 0, name=row["name"] or "",
        country=row["country"], sector=row["sector"], code=row["code"] or "", id=row["actor_id"],
        kind=row["kind"] or "state", via=row["via"],
    )


def event_from_row(row: dict, actors: Iterable[dict] = ()) -> Event:
    """Rebuild an Event from its ``events`` row and its ``event_actors`` rows."""
    acts: list[tuple[int, Actor]] = []
    recs: list[tuple[int, Actor]] = []
    speaker = None
    for a in actors:
        if a["role"] == "speaker":
            speaker = actor_from_row(a)
        else:
            (acts if a["role"] == "actor" else recs).append((a["position"], actor_from_row(a)))
    loc = None
    if row["loc_name"] is not None or row["loc_text"] is not None:
        loc = Location(
            text=row["loc_text"] or "", name=row["loc_name"] or "", country=row["loc_country"],
            lat=row["loc_lat"], lon=row["loc_lon"], geonameid=row["loc_geonameid"],
            start=row["loc_start"], end=row["loc_end"],
        )
    return Event(
        doc_id=row["doc_id"], sentence=row["sentence"], text=row["text"], start=row["start"], end=row["end"],
        event=row["event"], mode=row["mode"], context=tuple(row["context"] or ()), cameo=row["cameo"] or "",
        quad_class=row["quad_class"], goldstein=row["goldstein"],
        actor=tuple(a for _, a in sorted(acts, key=lambda t: t[0])),
        recipient=tuple(a for _, a in sorted(recs, key=lambda t: t[0])),
        date=row["date"], date_precision=row["date_precision"], event_loc=loc,
        negated=bool(row["negated"]), intent=bool(row["intent"]), hypothetical=bool(row["hypothetical"]),
        quoted=bool(row["quoted"]), speaker=speaker, trigger=row["trigger"] or "",
        trigger_start=row["trigger_start"], trigger_end=row["trigger_end"], rule=row["rule"] or "",
        confidence=row["confidence"], id=row["id"],
        date_source=row.get("date_source") or ("publication" if row["date"] else "none"),
    )


def document_from_row(row: dict) -> Document:
    paragraphs = tuple(
        Paragraph(p["start"], p["end"], bool(p.get("block_quote"))) for p in json.loads(row["paragraphs"] or "[]")
    )
    return Document(
        id=row["id"], text=row["text"], title=row["title"], author=row["author"], date=row["date"], url=row["url"],
        links=tuple(row["links"] or ()), source=row["source"], format=row["format"] or "text",
        paragraphs=paragraphs, checksum=row["checksum"],
        date_source=row.get("date_source") or None,
        warnings=tuple(
            Problem(w["source"], w["code"], w["message"], w.get("stage", "ingest"))
            for w in json.loads(row.get("warnings") or "[]")
        ),
    )


def quote_from_row(row: dict) -> Quote:
    return Quote(
        doc_id=row["doc_id"], text=row["text"], start=row["start"], end=row["end"],
        speaker=_actor_from(row, "sp_"), speaker_text=row["speaker_text"], cue=row["cue"], block=bool(row["block"]),
    )


def jsonable(value: Any) -> Any:
    """Make DuckDB row values JSON-serialisable (dates, timestamps)."""
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    return value
