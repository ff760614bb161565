"""Exports of the store in three layouts (accord, POLECAT-style, GDELT-style) and three formats.

Each (layout, what) pair is one SELECT over the store; DuckDB writes it as CSV, JSON lines or Parquet.
The accord layout in JSON lines is the records' own nested JSON form (``Event.to_dict`` ...), so it
reads back with ``records.event_from_dict``. Columns are documented in docs/LAYOUTS.md.
"""

from __future__ import annotations

import errno
import json
from pathlib import Path

import duckdb

import accord
from accord.errors import Code, StoreError
from accord.store.filters import Filters

FORMATS = ("csv", "jsonl", "parquet")
LAYOUTS = ("accord", "polecat", "gdelt")
WHATS = ("events", "dyads", "documents", "quotes", "clusters")

_OUTLET = r"coalesce(nullif(regexp_extract(d.url, '^[A-Za-z]+://(?:www\.)?([^/:]+)', 1), ''), regexp_replace(d.source, ':[0-9]+$', ''))"
_VERSION = f"'accord {accord.__version__} coder ' || e.coder_version"

# Per-event aggregates of its actors and recipients (first one, and all joined with "; ").
_PARTIES = """
parties AS (
  SELECT event_id,
    array_to_string(list(name ORDER BY position) FILTER (WHERE role = 'actor'), '; ') AS actor_names,
    array_to_string(list_filter(list(country ORDER BY position) FILTER (WHERE role = 'actor' AND country IS NOT NULL), lambda c, i: list_position(list(country ORDER BY position) FILTER (WHERE role = 'actor' AND country IS NOT NULL), c) = i), '; ') AS actor_countries,
    array_to_string(list(code ORDER BY position) FILTER (WHERE role = 'actor'), '; ') AS actor_codes,
    arg_min(name, position) FILTER (WHERE role = 'actor') AS actor_name,
    arg_min(country, position) FILTER (WHERE role = 'actor') AS actor_country,
    arg_min(sector, position) FILTER (WHERE role = 'actor') AS actor_sector,
    arg_min(code, position) FILTER (WHERE role = 'actor') AS actor_code,
    array_to_string(list(name ORDER BY position) FILTER (WHERE role = 'recipient'), '; ') AS recipient_names,
    array_to_string(list_filter(list(country ORDER BY position) FILTER (WHERE role = 'recipient' AND country IS NOT NULL), lambda c, i: list_position(list(country ORDER BY position) FILTER (WHERE role = 'recipient' AND country IS NOT NULL), c) = i), '; ') AS recipient_countries,
    array_to_string(list(code ORDER BY position) FILTER (WHERE role = 'recipient'), '; ') AS recipient_codes,
    arg_min(name, position) FILTER (WHERE role = 'recipient') AS recipient_name,
    arg_min(country, position) FILTER (WHERE role = 'recipient') AS recipient_country,
    arg_min(sector, position) FILTER (WHERE role = 'recipient') AS recipient_sector,
    arg_min(code, position) FILTER (WHERE role = 'recipient') AS recipient_code,
    arg_min(name, position) FILTER (WHERE role = 'speaker') AS speaker_name,
    arg_min(country, position) FILTER (WHERE role = 'speaker') AS speaker_country
  FROM event_actors GROUP BY event_id
)"""

# Dyad rows: one per (event, actor, recipient); events without a recipient give one row with NULLs.
_PAIRS = """
parties AS (
  SELECT a.event_id, a.position AS actor_position, r.position AS recipient_position,
    a.name AS actor_name, a.country AS actor_country, a.sector AS actor_sector, a.code AS actor_code,
    a.name AS actor_names, a.country AS actor_countries, a.code AS actor_codes,
    r.name AS recipient_name, r.country AS recipient_country, r.sector AS recipient_sector, r.code AS recipient_code,
    r.name AS recipient_names, r.country AS recipient_countries, r.code AS recipient_codes
  FROM event_actors a LEFT JOIN event_actors r ON r.event_id = a.event_id AND r.role = 'recipient'
  WHERE a.role = 'actor'
)"""

_CLUSTER = """
cl AS (SELECT m.event_id, c.cluster_id, c.num_mentions, c.num_sources, c.num_documents
       FROM cluster_members m JOIN clusters c ON c.cluster_id = m.cluster_id)"""


def _accord_flat(pairs: bool) -> str:
    pair_cols = "p.actor_position, p.recipient_position, " if pairs else ""
    return f"""
    SELECT e.id AS event_id, {pair_cols}e.doc_id, e.sentence, e.text, e.start, e."end", e.event, e.mode,
           array_to_string(e.context, '; ') AS context, e.cameo, e.quad_class, e.goldstein, e.date,
           e.date_precision, e.day,
           p.actor_name, p.actor_country, p.actor_sector, p.actor_code, p.actor_names, p.actor_countries,
           p.recipient_name, p.recipient_country, p.recipient_sector, p.recipient_code, p.recipient_names,
           p.recipient_countries,
           e.loc_text, e.loc_name, e.loc_country, e.loc_lat, e.loc_lon, e.loc_geonameid,
           e.negated, e.intent, e.hypothetical, e.quoted, {"NULL::VARCHAR" if pairs else "p.speaker_name"} AS speaker_name,
           e.trigger, e.trigger_start, e.trigger_end, e.rule, e.confidence, e.coder_version,
           cl.cluster_id, coalesce(cl.num_mentions, 1) AS num_mentions,
           d.title AS doc_title, d.date AS doc_date, d.url AS doc_url, d.source AS doc_source"""


def _polecat(pairs: bool) -> str:
    eid = "e.id || '/' || p.actor_position || '/' || coalesce(p.recipient_position::VARCHAR, '-')" if pairs else "e.id"
    return f"""
    SELECT {eid} AS "Event ID", e.day AS "Event Date", e.event AS "Event Type", e.mode AS "Event Mode",
           e.goldstein AS "Intensity", e.quad_class AS "Quad Code", array_to_string(e.context, '; ') AS "Contexts",
           p.actor_names AS "Actor Name", p.actor_countries AS "Actor Country", p.actor_sector AS "Primary Actor Sector",
           p.recipient_names AS "Recipient Name", p.recipient_countries AS "Recipient Country",
           p.recipient_sector AS "Primary Recipient Sector",
           e.loc_text AS "Placename", e.loc_name AS "City", NULL::VARCHAR AS "Province", e.loc_country AS "Country",
           e.loc_lat AS "Latitude", e.loc_lon AS "Longitude", e.loc_geonameid AS "GeoNames ID",
           {_OUTLET} AS "Source", d.date AS "Publication Date", 'en' AS "Language", {_VERSION} AS "Version",
           e.id AS "Accord Event ID", e.cameo AS "Accord CAMEO", e.trigger AS "Accord Trigger", e.rule AS "Accord Rule",
           e.confidence AS "Accord Confidence", e.text AS "Accord Sentence", e.doc_id AS "Accord Document ID",
           cl.cluster_id AS "Accord Cluster ID", e.negated AS "Accord Negated", e.hypothetical AS "Accord Hypothetical\""""


def _gdelt(pairs: bool) -> str:
    gid = (
        "('0x' || substr(sha256(e.id || '/' || p.actor_position || '/' || coalesce(p.recipient_position::VARCHAR, '-')), 1, 15))::BIGINT"
        if pairs
        else "e.gid"
    )
    return f"""
    SELECT {gid} AS GLOBALEVENTID, strftime(e.day, '%Y%m%d')::INTEGER AS SQLDATE,
           p.actor_code AS Actor1Code, p.actor_name AS Actor1Name, p.actor_country AS Actor1CountryCode,
           p.actor_sector AS Actor1Type1Code,
           p.recipient_code AS Actor2Code, p.recipient_name AS Actor2Name, p.recipient_country AS Actor2CountryCode,
           p.recipient_sector AS Actor2Type1Code,
           (e.sentence = 0)::INTEGER AS IsRootEvent, e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode,
           left(e.cameo, 2) AS EventRootCode, e.quad_class::INTEGER AS QuadClass, e.goldstein AS GoldsteinScale,
           coalesce(cl.num_mentions, 1) AS NumMentions, coalesce(cl.num_sources, 1) AS NumSources,
           coalesce(cl.num_documents, 1) AS NumArticles, NULL::DOUBLE AS AvgTone,
           e.loc_name AS ActionGeo_FullName, e.loc_country AS ActionGeo_CountryCode, e.loc_lat AS ActionGeo_Lat,
           e.loc_lon AS ActionGeo_Long, strftime(d.stored_at, '%Y%m%d%H%M%S')::BIGINT AS DATEADDED,
           coalesce(d.url, d.source) AS SOURCEURL,
           e.id AS AccordEventID, e.event AS AccordEventType, cl.cluster_id AS AccordClusterID"""


def _event_query(layout: str, pairs: bool, where: str) -> str:
    select = {"accord": _accord_flat, "polecat": _polecat, "gdelt": _gdelt}[layout](pairs)
    order = 'e.day NULLS LAST, e.doc_id, e.start, e.id' + (", p.actor_position, p.recipient_position" if pairs else "")
    return f"""WITH {_PAIRS if pairs else _PARTIES}, {_CLUSTER}
    {select}
    FROM events e JOIN documents d ON d.id = e.doc_id
    {"JOIN" if pairs else "LEFT JOIN"} parties p ON p.event_id = e.id
    LEFT JOIN cl ON cl.event_id = e.id
    WHERE {where}
    ORDER BY {order}"""


def query_for(layout: str, what: str, filters: Filters) -> tuple[str, list]:
    """The SELECT for a (layout, what) pair (flat form), with its parameters."""
    if layout not in LAYOUTS:
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"(layout {layout!r}; use one of {', '.join(LAYOUTS)})")
    if what not in WHATS:
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"(what {what!r}; use one of {', '.join(WHATS)})")
    if what in ("events", "dyads"):
        where, params = filters.where("e")
        return _event_query(layout, what == "dyads", where), params
    if layout != "accord":
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"({what} export only in the accord layout)")
    if what == "documents":
        return ("SELECT id, checksum, title, author, date, url, array_to_string(links, ' ') AS links, source, format, "
                "coder_version, run_id, stored_at, num_events, num_quotes, problems, text FROM documents ORDER BY id"), []
    if what == "quotes":
        return ("SELECT id, doc_id, text, start, \"end\", speaker_text, cue, block, sp_name AS speaker_name, "
                "sp_country AS speaker_country, sp_sector AS speaker_sector, sp_code AS speaker_code "
                "FROM quotes ORDER BY doc_id, start"), []
    where, params = filters.where("e")
    return (f"""SELECT c.cluster_id, c.event, c.mode, c.actor_country, c.recipient_country, c.actor_sector,
                   c.recipient_sector, c.date, c.last_date, c.place, c.num_mentions, c.num_documents, c.num_sources,
                   c.first_seen, array_to_string(c.event_ids, ' ') AS event_ids,
                   array_to_string(c.doc_ids, ' ') AS doc_ids, c.representative_id, c.representative_sentence,
                   c.confidence, c.window_days
               FROM clusters c WHERE EXISTS (SELECT 1 FROM cluster_members m JOIN events e ON e.id = m.event_id
                   WHERE m.cluster_id = c.cluster_id AND {where})
               ORDER BY c.date NULLS LAST, c.cluster_id"""), params


def _sql_literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


def export(store, path: str | Path, format: str = "csv", layout: str = "accord", what: str = "events",
           filters: Filters | None = None, *, force: bool = False, **kw) -> int:
    """Write the selected rows to ``path``; returns the number of rows written.

    The store itself and any DuckDB database are never overwritten, another existing file only with
    ``force``; the file appears only when complete (see :mod:`accord.outputs`)."""
    from accord.outputs import check_output, output_path

    if format not in FORMATS:
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"(format {format!r}; use one of {', '.join(FORMATS)})")
    f = Filters.of(filters, **kw)
    path = check_output(path, protect=[store.path], force=force)
    if what in ("events", "dyads", "clusters"):
        store.ensure_clusters()
    records = layout == "accord" and format == "jsonl" and what in ("events", "documents", "quotes")
    sql, params = ("", []) if records else query_for(layout, what, f)
    with output_path(path, protect=[store.path], force=force) as target:
        if records:
            return _export_records(store, target, what, f)
        fmt = {"csv": "FORMAT csv, HEADER true", "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}[format]
        n = store.con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        try:
            store.con.execute(f"COPY ({sql}) TO {_sql_literal(target)} ({fmt})", params)
        except duckdb.IOException as exc:
            full = "no space" in str(exc).lower()
            raise OSError(errno.ENOSPC if full else errno.EIO, "no space left" if full else str(exc).splitlines()[0]) from exc
    return int(n)


def _export_records(store, path: Path, what: str, f: Filters) -> int:
    """The accord JSON-lines form: one record's ``to_dict()`` per line (nested actors, places, speakers)."""
    n = 0
    with path.open("w", encoding="utf-8") as out:
        if what == "events":
            records = store.iter_events(f)
        elif what == "documents":
            records = store.documents()
        else:
            records = store.quotes()
        for r in records:
            out.write(json.dumps(r.to_dict(), ensure_ascii=False) + "\n")
            n += 1
    return n
