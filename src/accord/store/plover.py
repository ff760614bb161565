"""The PLOVER JSON layout: one event per line with the field names of the PLOVER manual.

Actors and recipients are PLOVER entities (``code``, ``sector``, ``entity_text``, ``identifier_id`` — the
Wikidata id where Accord knows one); ``cite_info`` says where the text came from and who coded it; ``link``
is the article's URL. Accord's own evidence (trigger offsets, rule, confidence, flags) is kept under
``accord``, so a reader that knows only PLOVER ignores it.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlparse

import accord
from accord.records import Actor, Event
from accord.store.filters import Filters

CODEBOOK = "PLOVER 2.0"
_QID = re.compile(r"^Q\d+$")


def _entity(a: Actor) -> dict:
    return {
        "code": a.country or a.code,
        "sector": a.sector,
        "entity_text": a.text,
        "name": a.name,
        "identifier_id": a.id if a.id and _QID.match(a.id) else None,
    }


def _outlet(url: str | None, source: str | None) -> str | None:
    if url:
        host = urlparse(url).netloc.lower()
        if host:
            return host[4:] if host.startswith("www.") else host
    return re.sub(r":\d+$", "", source) if source else None


def plover_record(e: Event, doc: dict, cluster_id: str | None = None) -> dict:
    """One event as a PLOVER JSON object (``doc``: the stored document's url, title, source, date)."""
    loc = e.event_loc
    return {
        "id": e.id,
        "date": e.date,
        "actor": [_entity(a) for a in e.actor],
        "recipient": [_entity(a) for a in e.recipient],
        "event": e.event,
        "mode": e.mode,
        "context": list(e.context),
        "event_loc": None if loc is None else {
            "name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon,
            "geonameid": loc.geonameid, "text": loc.text,
        },
        "event_text": e.trigger,
        "quad_code": e.quad_class,
        "text": e.text,
        "text_info": {"start": e.start, "end": e.end, "event_start": e.trigger_start, "event_end": e.trigger_end},
        "cite_info": {
            "url": doc.get("url"),
            "title": doc.get("title"),
            "publication": _outlet(doc.get("url"), doc.get("source")),
            "publication_date": doc.get("date"),
            "language": "en",
            "coder": f"accord {accord.__version__}",
            "codebook": CODEBOOK,
            "version": e.coder_version if hasattr(e, "coder_version") else accord.CODER_VERSION,
        },
        "link": doc.get("url"),
        "accord": {
            "doc_id": e.doc_id, "sentence": e.sentence, "cameo": e.cameo, "goldstein": e.goldstein,
            "date_precision": e.date_precision, "date_source": getattr(e, "date_source", None),
            "negated": e.negated, "intent": e.intent,
            "hypothetical": e.hypothetical, "quoted": e.quoted, "rule": e.rule, "confidence": e.confidence,
            "cluster_id": cluster_id,
        },
    }


def export_plover(store, path: Path, filters: Filters) -> int:
    docs = {r["id"]: r for r in store.rows("SELECT id, url, title, source, date FROM documents")}
    clusters = dict(store.con.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall())
    n = 0
    with Path(path).open("w", encoding="utf-8") as out:
        for e in store.iter_events(filters):
            out.write(json.dumps(plover_record(e, docs.get(e.doc_id, {}), clusters.get(e.id)), ensure_ascii=False) + "\n")
            n += 1
    return n
