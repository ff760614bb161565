"""Dyad analytics over the stored events: time series, networks, top actors and dyads, type distributions.

A dyad is an (actor, recipient) pair of one event; an event with two actors and one recipient gives two
dyads, and is counted once per series or edge it belongs to. Actors are matched by country code or full
actor code (``RUS`` or ``RUSGOV``). By default only factual events count (not negated, not hypothetical);
pass ``Filters(factual=False)`` to count them all.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from accord.errors import Code, StoreError
from accord.store.filters import Filters

PERIODS = ("day", "week", "month")
_QUADS = ", ".join(f"count(DISTINCT e.id) FILTER (WHERE e.quad_class = {q}) AS quad{q}" for q in (1, 2, 3, 4))


def _filters(filters: Filters | None, kw: dict) -> Filters:
    if filters is None and "factual" not in kw:
        kw = {**kw, "factual": True}
    return Filters.of(filters, **kw)


def _side(col_country: str, col_code: str, value: str) -> tuple[str, list]:
    return f"({col_country} = ? OR {col_code} = ?)", [value.upper(), value.upper()]


def _dyad_condition(a: str, b: str | None, directed: bool) -> tuple[str, list]:
    a_act, pa_act = _side("d.actor_country", "d.actor_code", a)
    if b is None:
        if directed:
            return a_act, pa_act
        a_rec, pa_rec = _side("d.recipient_country", "d.recipient_code", a)
        return f"({a_act} OR {a_rec})", pa_act + pa_rec
    b_rec, pb_rec = _side("d.recipient_country", "d.recipient_code", b)
    cond, params = f"({a_act} AND {b_rec})", pa_act + pb_rec
    if not directed:
        b_act, pb_act = _side("d.actor_country", "d.actor_code", b)
        a_rec, pa_rec = _side("d.recipient_country", "d.recipient_code", a)
        cond, params = f"({cond} OR ({b_act} AND {a_rec}))", params + pb_act + pa_rec
    return cond, params


def _period_start(d: date, by: str) -> date:
    if by == "week":
        return d - timedelta(days=d.weekday())
    if by == "month":
        return d.replace(day=1)
    return d


def _next_period(d: date, by: str) -> date:
    if by == "day":
        return d + timedelta(days=1)
    if by == "week":
        return d + timedelta(days=7)
    return date(d.year + (d.month == 12), d.month % 12 + 1, 1)


def dyad_series(
    store,
    a: str,
    b: str | None = None,
    by: str = "day",
    directed: bool = True,
    start: str | date | None = None,
    end: str | date | None = None,
    types: tuple[str, ...] | list[str] | None = None,
    filters: Filters | None = None,
    fill: bool = True,
    **kw: Any,
) -> list[dict]:
    """One row per period: events, counts per quad class and per PLOVER type, summed and mean Goldstein.

    ``b=None`` means ``a`` against everyone (as actor when directed, on either side when not). Periods
    with no events are filled with zeros between the first and last period (or ``start``/``end``), at most
    ``MAX_FILLED_PERIODS`` of them (else E404); ``fill=False`` gives only the periods with events.
    """
    if by not in PERIODS:
        raise StoreError(Code.QUERY_INVALID, f"by={by!r}; use one of {', '.join(PERIODS)}")
    f = _filters(filters, {**kw, "start": start, "end": end, "types": tuple(types) if types else None})
    where, params = f.where("e")
    dcond, dparams = _dyad_condition(a, b, directed)
    type_list = list(f.types) if f.types else [
        r[0]
        for r in store.con.execute(
            f"SELECT DISTINCT e.event FROM events e JOIN dyads d ON d.event_id = e.id "
            f"WHERE {dcond} AND {where} AND e.day IS NOT NULL ORDER BY 1",
            dparams + params,
        ).fetchall()
    ]
    type_cols = "".join(
        f", count(DISTINCT e.id) FILTER (WHERE e.event = '{t}') AS \"{t}\"" for t in type_list if t.isalnum()
    )
    rows = store.rows(
        f"""WITH sel AS (SELECT DISTINCT d.event_id FROM dyads d WHERE {dcond})
            SELECT date_trunc('{by}', e.day)::DATE AS period, count(DISTINCT e.id) AS events, {_QUADS},
                   sum(e.goldstein) AS goldstein_sum, avg(e.goldstein) AS goldstein_mean{type_cols}
            FROM events e JOIN sel ON sel.event_id = e.id
            WHERE {where} AND e.day IS NOT NULL
            GROUP BY 1 ORDER BY 1""",
        dparams + params,
    )
    for r in rows:
        r["goldstein_sum"] = round(r["goldstein_sum"], 4) if r["goldstein_sum"] is not None else 0.0
        r["goldstein_mean"] = round(r["goldstein_mean"], 4) if r["goldstein_mean"] is not None else None
    if not fill or (not rows and not (f.start and f.end)):
        return rows
    try:
        first = _period_start(f.start, by) if f.start else rows[0]["period"]
        last = _period_start(f.end, by) if f.end else rows[-1]["period"]
    except (OverflowError, ValueError):
        raise StoreError(Code.QUERY_INVALID, f"(the range {f.start} to {f.end} is outside the calendar)") from None
    n_periods = _count_periods(first, last, by)
    if n_periods > MAX_FILLED_PERIODS:
        raise StoreError(
            Code.QUERY_INVALID,
            f"({first} to {last} by {by} is {n_periods:,} periods, more than {MAX_FILLED_PERIODS:,} to fill with "
            "zeros; narrow --start/--end, use a longer --by, or ask for only the periods with events (--sparse))",
        )
    have = {r["period"]: r for r in rows}
    empty = {k: 0 for k in rows[0]} if rows else {"events": 0, **{f"quad{q}": 0 for q in (1, 2, 3, 4)},
                                                    "goldstein_sum": 0.0, "goldstein_mean": None,
                                                    **{t: 0 for t in type_list}}
    out, p = [], first
    while p <= last:
        out.append(have.get(p) or {**empty, "period": p, "goldstein_mean": None})
        if p == date.max or (by != "day" and p > date.max - timedelta(days=31)):
            break
        p = _next_period(p, by)
    return out


#: A filled series has at most this many periods (274 years of days); beyond it, ask for a sparse one.
MAX_FILLED_PERIODS = 100_000


def _count_periods(first: date, last: date, by: str) -> int:
    if last < first:
        return 0
    if by == "day":
        return (last - first).days + 1
    if by == "week":
        return (last - first).days // 7 + 1
    return (last.year - first.year) * 12 + last.month - first.month + 1


def network(store, start: str | date | None = None, end: str | date | None = None,
            filters: Filters | None = None, min_weight: int = 1, **kw: Any) -> dict:
    """Countries as nodes (with event counts as actor and as recipient) and directed weighted edges."""
    f = _filters(filters, {**kw, "start": start, "end": end})
    where, params = f.where("e")
    edges = store.rows(
        f"""SELECT d.actor_country AS source, d.recipient_country AS target, count(DISTINCT e.id) AS weight, {_QUADS},
                   round(avg(e.goldstein), 4) AS goldstein_mean
            FROM dyads d JOIN events e ON e.id = d.event_id
            WHERE {where} AND d.actor_country IS NOT NULL AND d.recipient_country IS NOT NULL
              AND d.actor_country <> d.recipient_country
            GROUP BY 1, 2 HAVING count(DISTINCT e.id) >= ? ORDER BY weight DESC, source, target""",
        params + [min_weight],
    )
    nodes = store.rows(
        f"""SELECT a.country AS id,
                   count(DISTINCT e.id) AS events,
                   count(DISTINCT e.id) FILTER (WHERE a.role = 'actor') AS as_actor,
                   count(DISTINCT e.id) FILTER (WHERE a.role = 'recipient') AS as_recipient
            FROM event_actors a JOIN events e ON e.id = a.event_id
            WHERE {where} AND a.role <> 'speaker' AND a.country IS NOT NULL
            GROUP BY 1 ORDER BY events DESC, id""",
        params,
    )
    return {"nodes": nodes, "edges": edges}


_KEYS = {"country": "a.country", "code": "a.code", "name": "a.name", "sector": "a.sector"}


def top_actors(store, n: int = 10, by: str = "country", role: str | None = None,
               filters: Filters | None = None, **kw: Any) -> list[dict]:
    """The actors (by country, code, name or sector) in the most events."""
    if by not in _KEYS:
        raise StoreError(Code.QUERY_INVALID, f"by={by!r}; use one of {', '.join(_KEYS)}")
    if role not in (None, "actor", "recipient"):
        raise StoreError(Code.QUERY_INVALID, f"role={role!r}; use actor or recipient")
    f = _filters(filters, kw)
    where, params = f.where("e")
    role_cond = f"a.role = '{role}'" if role else "a.role <> 'speaker'"
    return store.rows(
        f"""SELECT {_KEYS[by]} AS {by}, count(DISTINCT e.id) AS events,
                   count(DISTINCT e.id) FILTER (WHERE a.role = 'actor') AS as_actor,
                   count(DISTINCT e.id) FILTER (WHERE a.role = 'recipient') AS as_recipient,
                   round(avg(e.goldstein), 4) AS goldstein_mean
            FROM event_actors a JOIN events e ON e.id = a.event_id
            WHERE {where} AND {role_cond} AND {_KEYS[by]} IS NOT NULL
            GROUP BY 1 ORDER BY events DESC, 1 LIMIT ?""",
        params + [int(n) if n else None],  # n = 0 or None: every row
    )


def top_dyads(store, n: int = 10, directed: bool = True, filters: Filters | None = None, **kw: Any) -> list[dict]:
    """The (actor country, recipient country) pairs with the most events; undirected sorts each pair."""
    f = _filters(filters, kw)
    where, params = f.where("e")
    if directed:
        pair = "d.actor_country AS actor, d.recipient_country AS recipient"
    else:
        pair = ("least(d.actor_country, d.recipient_country) AS actor, "
                "greatest(d.actor_country, d.recipient_country) AS recipient")
    return store.rows(
        f"""SELECT {pair}, count(DISTINCT e.id) AS events, {_QUADS}, round(avg(e.goldstein), 4) AS goldstein_mean
            FROM dyads d JOIN events e ON e.id = d.event_id
            WHERE {where} AND d.actor_country IS NOT NULL AND d.recipient_country IS NOT NULL
              AND d.actor_country <> d.recipient_country
            GROUP BY 1, 2 ORDER BY events DESC, 1, 2 LIMIT ?""",
        params + [int(n) if n else None],  # n = 0 or None: every row
    )


def type_distribution(store, filters: Filters | None = None, **kw: Any) -> list[dict]:
    """Events per PLOVER type with their quad class, share of all events and mean Goldstein."""
    f = _filters(filters, kw)
    where, params = f.where("e")
    return store.rows(
        f"""SELECT e.event, min(e.quad_class) AS quad_class, count(*) AS events,
                   round(count(*) / sum(count(*)) OVER (), 4) AS share, round(avg(e.goldstein), 4) AS goldstein_mean
            FROM events e WHERE {where} GROUP BY 1 ORDER BY events DESC, 1""",
        params,
    )
