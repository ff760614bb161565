"""Read gold files: PLOVER gold-standard records, PLV dyads or Accord's own JSONL gold (format found per file).

All three become :class:`GoldDocument` objects with normalised types and codes, so scoring never sees
the difference. A line that cannot be read becomes a :class:`~accord.records.Problem` (code E304)
and the rest of the file is still used.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from accord.errors import AccordError, Code, MESSAGES
from accord.eval.codes import GoldCodes, load_codes
from accord.records import Problem

PLOVER = "plover"
ACCORD = "accord"
#: real-news dyads: ``text``, ``source`` / ``target`` as spans of the text, one ``event`` (``YIELD`` = CONCEDE or RETREAT)
PLV = "plv"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_SECTOR = re.compile(r"^[A-Za-z]{3}")


@dataclass(frozen=True)
class GoldEvent:
    """One expected event. Country sets compare as sets; ``accept`` lists other types also counted right."""

    event: str
    source: frozenset[str] = frozenset()
    target: frozenset[str] = frozenset()
    mode: str | None = None
    source_sector: frozenset[str] = frozenset()
    target_sector: frozenset[str] = frozenset()
    trigger: str | None = None
    negated: bool = False
    intent: bool = False
    accept: frozenset[str] = frozenset()
    note: str | None = None
    hypothetical: bool = False
    cameo: str | None = None
    #: the words of the text that name the source / target (training corpora give them; optional)
    source_text: tuple[str, ...] = ()
    target_text: tuple[str, ...] = ()
    #: character offsets (start, end) of the source / target span in the text (PLV gold); None = not named
    source_span: tuple[int, int] | None = None
    target_span: tuple[int, int] | None = None

    @property
    def types(self) -> frozenset[str]:
        return self.accept | {self.event}

    def to_dict(self) -> dict:
        d = {
            "event": self.event,
            "mode": self.mode,
            "source": sorted(self.source),
            "target": sorted(self.target),
        }
        for key in ("trigger", "note"):
            if getattr(self, key):
                d[key] = getattr(self, key)
        if self.negated:
            d["negated"] = True
        if self.intent:
            d["intent"] = True
        return d


@dataclass(frozen=True)
class GoldDocument:
    id: str
    text: str
    date: str | None
    events: tuple[GoldEvent, ...]
    title: str | None = None
    phenomena: tuple[str, ...] = ()
    origin: str = ""  # "file.jsonl:LINE"
    format: str = ACCORD


@dataclass(frozen=True)
class GoldFile:
    path: Path
    format: str
    documents: tuple[GoldDocument, ...]
    problems: tuple[Problem, ...] = field(default=())
    sha256: str = ""


def fingerprint(path: str | Path) -> str:
    """sha256 of the file bytes: the identity of a gold set for the CI floors."""
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def detect_format(record: dict) -> str:
    """``accord`` when the record lists ``events``; ``plv`` when it has one ``event`` and its sides are
    plain strings (spans of the text); ``plover`` when it has one ``event`` with coded actor lists."""
    if isinstance(record.get("events"), list):
        return ACCORD
    if "event" in record and "text" in record and isinstance(record.get("source"), str) \
            and isinstance(record.get("target"), str) and (record["source"] or record["target"]) \
            and "eventText" not in record and "textInfo" not in record:
        return PLV
    if "event" in record and "text" in record:
        return PLOVER
    raise ValueError("neither an Accord gold document (no 'events' list) nor a PLOVER record (no 'event')")


def load_gold(path: str | Path) -> GoldFile:
    """Read a gold JSONL file. Raises :class:`AccordError` (E109) only when the file is missing."""
    path = Path(path)
    if not path.is_file():
        raise AccordError(Code.NOT_FOUND, str(path))
    codes = load_codes()
    docs: list[GoldDocument] = []
    problems: list[Problem] = []
    fmt: str | None = None
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            origin = f"{path.name}:{lineno}"
            try:
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError("the line is not a JSON object")
                fmt = fmt or detect_format(record)
                doc = _READERS[fmt](record, origin, codes)
                if doc.id in seen:
                    if fmt == ACCORD:
                        raise ValueError(f"duplicate id {doc.id!r}")
                    doc = replace(doc, id=f"{doc.id}@{lineno}")  # the PLOVER records reuse a few ids
                seen.add(doc.id)
                docs.append(doc)
            except (ValueError, TypeError, KeyError) as exc:
                problems.append(
                    Problem(origin, Code.GOLD_INVALID.value, f"{MESSAGES[Code.GOLD_INVALID]} {exc}", "eval")
                )
    return GoldFile(path, fmt or ACCORD, tuple(docs), tuple(problems), fingerprint(path))


def _text(record: dict) -> str:
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise ValueError("'text' is missing or empty")
    return text


def _plover_actors(value, codes: GoldCodes) -> tuple[frozenset[str], frozenset[str]]:
    if not isinstance(value, list):  # "" or missing: no actor coded
        return frozenset(), frozenset()
    countries, sectors = set(), set()
    for entity in value:
        if not isinstance(entity, dict):
            raise ValueError(f"actor entry {entity!r} is not an object")
        code = codes.country(entity.get("code"))
        if code:
            countries.add(code)
        match = _SECTOR.match(entity.get("sector") or "")
        if match:
            sectors.add(match.group(0).upper())
    return frozenset(countries), frozenset(sectors)


def _plover_doc(record: dict, origin: str, codes: GoldCodes) -> GoldDocument:
    event, mode = codes.event_type(str(record.get("event") or ""), record.get("mode"))
    if event not in codes.plover_types:
        raise ValueError(f"unknown event type {record.get('event')!r}")
    source, source_sector = _plover_actors(record.get("source"), codes)
    target, target_sector = _plover_actors(record.get("target"), codes)
    gold = GoldEvent(
        event=event,
        mode=mode,
        source=source,
        target=target,
        source_sector=source_sector,
        target_sector=target_sector,
        trigger=record.get("eventText") or None,
        note=record.get("comment") or None,
    )
    return GoldDocument(
        id=str(record.get("id") or origin),
        text=_text(record),
        date=record.get("date") if _DATE.match(str(record.get("date") or "")) else None,
        events=(gold,),
        origin=origin,
        format=PLOVER,
    )


def _code_list(record: dict, key: str, codes: GoldCodes, *, country: bool) -> frozenset[str]:
    value = record.get(key, [])
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' must be a list of codes")
    if country:
        return frozenset(c for c in (codes.country(v) for v in value) if c)
    return frozenset(v.strip().upper() for v in value if v.strip())


_EVENT_KEYS = {
    "event", "mode", "source", "source_sector", "target", "target_sector", "trigger",
    "negated", "intent", "accept", "note", "hypothetical", "cameo", "source_text", "target_text",
}
#: ``origin`` says where a corpus sentence came from (written, wh-readout, plover-gsr); ``source_doc``
#: the id of the document it was taken from.
_DOC_KEYS = {"id", "date", "title", "text", "events", "phenomena", "note", "origin", "source_doc"}


def _spans(raw: dict, key: str, text: str | None) -> tuple[str, ...]:
    value = raw.get(key, [])
    if isinstance(value, str):
        value = [value] if value else []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"'{key}' must be a list of strings")
    if text is not None:
        missing = [v for v in value if v not in text]
        if missing:
            raise ValueError(f"'{key}' {missing} not found in the text")
    return tuple(value)


def _accord_event(raw: dict, codes: GoldCodes, text: str | None = None) -> GoldEvent:
    if not isinstance(raw, dict):
        raise ValueError(f"event {raw!r} is not an object")
    unknown = set(raw) - _EVENT_KEYS
    if unknown:
        raise ValueError(f"unknown event field(s) {sorted(unknown)}")
    event, mode = codes.event_type(str(raw.get("event") or ""), raw.get("mode"))
    if event not in codes.plover_types:
        raise ValueError(f"unknown event type {raw.get('event')!r}")
    accept = set()
    for alt in raw.get("accept") or []:
        alt_type, _ = codes.event_type(str(alt))
        if alt_type not in codes.plover_types:
            raise ValueError(f"unknown event type {alt!r} in 'accept'")
        accept.add(alt_type)
    source = _code_list(raw, "source", codes, country=True)
    if not source:
        raise ValueError(f"{event} event has no source")
    cameo = raw.get("cameo")
    if cameo is not None and not (isinstance(cameo, str) and cameo.isdigit()):
        raise ValueError(f"'cameo' must be a string of digits, got {cameo!r}")
    return GoldEvent(
        event=event,
        mode=mode,
        source=source,
        target=_code_list(raw, "target", codes, country=True),
        source_sector=_code_list(raw, "source_sector", codes, country=False),
        target_sector=_code_list(raw, "target_sector", codes, country=False),
        trigger=raw.get("trigger") or None,
        negated=bool(raw.get("negated", False)),
        intent=bool(raw.get("intent", False)),
        accept=frozenset(accept),
        note=raw.get("note") or None,
        hypothetical=bool(raw.get("hypothetical", False)),
        cameo=cameo,
        source_text=_spans(raw, "source_text", text),
        target_text=_spans(raw, "target_text", text),
    )


def _accord_doc(record: dict, origin: str, codes: GoldCodes) -> GoldDocument:
    unknown = set(record) - _DOC_KEYS
    if unknown:
        raise ValueError(f"unknown document field(s) {sorted(unknown)}")
    if not isinstance(record.get("id"), str) or not record["id"]:
        raise ValueError("'id' is missing")
    date = record.get("date")
    if not (isinstance(date, str) and _DATE.match(date)):
        raise ValueError(f"'date' must be YYYY-MM-DD, got {date!r}")
    if not isinstance(record.get("events"), list):
        raise ValueError("'events' must be a list (use [] for a paragraph with no event)")
    phenomena = record.get("phenomena", [])
    if not isinstance(phenomena, list) or not all(isinstance(p, str) for p in phenomena):
        raise ValueError("'phenomena' must be a list of tags")
    return GoldDocument(
        id=record["id"],
        text=_text(record),
        date=date,
        title=record.get("title"),
        events=tuple(_accord_event(e, codes, record.get("text")) for e in record["events"]),
        phenomena=tuple(phenomena),
        origin=origin,
        format=ACCORD,
    )


#: PLV type names that are not PLOVER 2.0 names: the type they stand for and the other types accepted.
_PLV_TYPES = {"YIELD": ("CONCEDE", frozenset({"RETREAT"}))}


def _span(text: str, value) -> tuple[int, int] | None:
    """Offsets of the first occurrence of the span; None when the side is not named ("An actor", "a
    recipient" and any other string that is not part of the text)."""
    if not isinstance(value, str) or not value.strip():
        return None
    at = text.find(value)
    return (at, at + len(value)) if at >= 0 else None


def _plv_doc(record: dict, origin: str, codes: GoldCodes) -> GoldDocument:
    text = _text(record)
    raw = str(record.get("event") or "").strip().upper()
    if raw in _PLV_TYPES:
        event, accept = _PLV_TYPES[raw]
    else:
        event, _ = codes.event_type(raw)
        accept = frozenset()
    if event not in codes.plover_types:
        raise ValueError(f"unknown event type {record.get('event')!r}")
    gold = GoldEvent(
        event=event,
        accept=accept,
        source_text=(record["source"],) if record.get("source") else (),
        target_text=(record["target"],) if record.get("target") else (),
        source_span=_span(text, record.get("source")),
        target_span=_span(text, record.get("target")),
    )
    return GoldDocument(id=str(record.get("id") or origin), text=text, date=None, events=(gold,), origin=origin, format=PLV)


_READERS = {PLOVER: _plover_doc, ACCORD: _accord_doc, PLV: _plv_doc}
