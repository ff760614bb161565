"""Read endpoints: events, one event with its evidence, documents, dyads, series, network, clusters, stats."""

from __future__ import annotations

from typing import Annotated, Literal, Optional

from fastapi import APIRouter, Depends, Query, Request

from accord.errors import Code
from accord.api.errors import ApiError
from accord.api.params import Common, common, side
from accord.store import Filters, analytics, browse
from accord.store.browse import MAX_PAGE
from accord.store.explain import explain
from accord.store.rows import jsonable

router = APIRouter(prefix="/v1", tags=["read"])
Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="Rows per page.")]
Offset = Annotated[int, Query(ge=0, description="Rows to skip.")]
CountryParam = Annotated[Optional[str], Query(max_length=16)]
SectorParam = Annotated[Optional[str], Query(max_length=3)]


def _server(request: Request):
    return request.app.state.server


@router.get("/events", summary="Events matching the filters, one page with the total")
def events(request: Request, f: Common = Depends(common),
           quad: Annotated[Optional[list[int]], Query(description="Quad class 1-4; repeat for several.")] = None,
           actor_country: CountryParam = None, recipient_country: CountryParam = None,
           actor_sector: SectorParam = None, recipient_sector: SectorParam = None,
           sort: Annotated[str, Query(max_length=20, description="date, confidence, goldstein, event, doc, quad; '-' reverses.")] = "date",
           limit: Limit = 50, offset: Offset = 0):
    with _server(request).read() as store:
        page = browse.event_page(
            store, f.filters(store), quads=tuple(quad) if quad else None,
            actor=side(store, actor_country, actor_sector, "actor"),
            recipient=side(store, recipient_country, recipient_sector, "recipient"),
            sort=sort, offset=offset, limit=limit)
        return {"ok": True, **page.to_dict()}


@router.get("/events/{event_id}", summary="One event with its evidence (marked sentence, rule, cluster, document)")
def event(request: Request, event_id: str):
    with _server(request).read() as store:
        record = browse.event_record(store, event_id)
        if record is None:
            raise ApiError(Code.API_NOT_FOUND, f"no event {event_id!r}")
        why = explain(store, event_id, parse=False)
        return {"ok": True, "event": record.to_dict(), "evidence": jsonable(why.to_dict())}


@router.get("/documents", summary="Stored documents (no text), newest first")
def documents(request: Request, q: Annotated[Optional[str], Query(max_length=500)] = None,
              limit: Limit = 50, offset: Offset = 0):
    with _server(request).read() as store:
        return {"ok": True, **browse.document_list(store, offset, limit, q)}


@router.get("/documents/{doc_id}", summary="One document: text, metadata, its events and quotes")
def document(request: Request, doc_id: str):
    with _server(request).read() as store:
        view = browse.document_view(store, doc_id)
        if view is None:
            raise ApiError(Code.API_NOT_FOUND, f"no document {doc_id!r}")
        return {"ok": True, **view}


@router.get("/dyads", summary="Country pairs with the most events")
def dyads(request: Request, f: Common = Depends(common), directed: bool = False,
          limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20):
    with _server(request).read() as store:
        rows = analytics.top_dyads(store, limit, directed=directed, filters=f.filters(store, True))
        return {"ok": True, "directed": directed, "dyads": jsonable(rows)}


@router.get("/actors", summary="Actors in the most events")
def actors(request: Request, f: Common = Depends(common),
           by: Literal["country", "code", "name", "sector"] = "country",
           role: Optional[Literal["actor", "recipient"]] = None, limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20):
    with _server(request).read() as store:
        rows = analytics.top_actors(store, limit, by=by, role=role, filters=f.filters(store, True))
        return {"ok": True, "actors": jsonable(rows)}


@router.get("/series", summary="Events between a and b per period: quad classes, Goldstein, types")
def series(request: Request, a: Annotated[str, Query(max_length=16, description="Country or actor code, e.g. RUS.")],
           b: Annotated[Optional[str], Query(max_length=16, description="The other side (omit: a against all).")] = None,
           by: Literal["day", "week", "month"] = "month", directed: bool = False, f: Common = Depends(common)):
    with _server(request).read() as store:
        a_code = browse.check_country(store, a, "a")
        b_code = browse.check_country(store, b, "b")
        rows = analytics.dyad_series(store, a_code, b_code, by=by, directed=directed, filters=f.filters(store, True))
        return {"ok": True, "a": a_code, "b": b_code, "by": by, "directed": directed, "series": jsonable(rows)}


@router.get("/network", summary="Countries and the weighted directed edges between them")
def network(request: Request, f: Common = Depends(common), min_weight: Annotated[int, Query(ge=1)] = 1):
    with _server(request).read() as store:
        net = analytics.network(store, filters=f.filters(store, True), min_weight=min_weight)
        for n in net["nodes"]:
            n["name"] = browse.country_name(n["id"]) or n["id"]
        return {"ok": True, **jsonable(net)}


@router.get("/places", summary="Event locations: counts per country and per geocoded place")
def places(request: Request, f: Common = Depends(common), limit: Annotated[int, Query(ge=1, le=5000)] = 500):
    with _server(request).read() as store:
        return {"ok": True, **jsonable(browse.places(store, f.filters(store), limit))}


@router.get("/clusters", summary="Deduplicated events: reports of one event across documents")
def clusters(request: Request, f: Common = Depends(common), min_mentions: Annotated[int, Query(ge=1)] = 1,
             limit: Limit = 50):
    with _server(request).read() as store:
        filt = Filters.of(f.filters(store), limit=limit)
        return {"ok": True, "clusters": jsonable(store.clusters(filt, min_mentions=min_mentions))}


@router.get("/stats", summary="What the store holds: counts, date span, types, countries")
def stats(request: Request):
    with _server(request).read() as store:
        return {"ok": True, **browse.overview(store)}
