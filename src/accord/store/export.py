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

FORMATS = ("csv", "tsv", "jsonl", "parquet")
LAYOUTS = ("accord", "polecat", "gdelt", "icews", "phoenix", "plover")
WHATS = ("events", "dyads", "mentions", "documents", "quotes", "clusters")

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
    arg_min(country, position) FILTER (WHERE role = 'speaker') AS speaker_country,
    array_to_string(list(sector ORDER BY position) FILTER (WHERE role = 'actor' AND sector IS NOT NULL), '; ') AS actor_sectors,
    array_to_string(list(sector ORDER BY position) FILTER (WHERE role = 'recipient' AND sector IS NOT NULL), '; ') AS recipient_sectors,
    array_to_string(list(text ORDER BY position) FILTER (WHERE role = 'actor'), '; ') AS actor_texts,
    array_to_string(list(text ORDER BY position) FILTER (WHERE role = 'recipient'), '; ') AS recipient_texts,
    nullif(array_to_string(list(actor_id ORDER BY position) FILTER (WHERE role = 'actor' AND regexp_matches(actor_id, '^Q[0-9]+$')), '; '), '') AS actor_qids,
    nullif(array_to_string(list(actor_id ORDER BY position) FILTER (WHERE role = 'recipient' AND regexp_matches(actor_id, '^Q[0-9]+$')), '; '), '') AS recipient_qids,
    arg_min(start, position) FILTER (WHERE role = 'actor') AS actor_start,
    arg_min(start, position) FILTER (WHERE role = 'recipient') AS recipient_start
  FROM event_actors GROUP BY event_id
)"""

# Dyad rows: one per (event, actor, recipient); events without a recipient give one row with NULLs.
_PAIRS = """
parties AS (
  SELECT a.event_id, a.position AS actor_position, r.position AS recipient_position,
    a.name AS actor_name, a.country AS actor_country, a.sector AS actor_sector, a.code AS actor_code,
    a.name AS actor_names, a.country AS actor_countries, a.code AS actor_codes,
    r.name AS recipient_name, r.country AS recipient_country, r.sector AS recipient_sector, r.code AS recipient_code,
    r.name AS recipient_names, r.country AS recipient_countries, r.code AS recipient_codes,
    a.sector AS actor_sectors, r.sector AS recipient_sectors, a.text AS actor_texts, r.text AS recipient_texts,
    CASE WHEN regexp_matches(a.actor_id, '^Q[0-9]+$') THEN a.actor_id END AS actor_qids,
    CASE WHEN regexp_matches(r.actor_id, '^Q[0-9]+$') THEN r.actor_id END AS recipient_qids,
    a.start AS actor_start, r.start AS recipient_start
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
           e.date_precision, e.date_source, e.day,
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
           p.actor_names AS "Actor Name", p.actor_countries AS "Actor Country", acc.cow AS "Actor COW",
           p.actor_sector AS "Primary Actor Sector", p.actor_sectors AS "Actor Sectors", NULL::VARCHAR AS "Actor Title",
           p.actor_texts AS "Actor Name Raw", p.actor_qids AS "Wikipedia Actor ID",
           p.recipient_names AS "Recipient Name", p.recipient_countries AS "Recipient Country", rcc.cow AS "Recipient COW",
           p.recipient_sector AS "Primary Recipient Sector", p.recipient_sectors AS "Recipient Sectors",
           NULL::VARCHAR AS "Recipient Title", p.recipient_texts AS "Recipient Name Raw",
           p.recipient_qids AS "Wikipedia Recipient ID",
           e.loc_name AS "Placename", CASE WHEN g.geo_type IN (3, 4) THEN e.loc_name END AS "City",
           NULL::VARCHAR AS "District", g.province AS "Province", e.loc_country AS "Country",
           e.loc_lat AS "Latitude", e.loc_lon AS "Longitude", e.loc_geonameid AS "GeoNames ID",
           e.loc_text AS "Raw Placename", g.feature AS "Feature Type",
           {_OUTLET} AS "Source", d.date AS "Publication Date",
           story.people AS "Story People", story.organisations AS "Story Organizations", story.places AS "Story Locations",
           'en' AS "Language", {_VERSION} AS "Version",
           e.id AS "Accord Event ID", e.cameo AS "Accord CAMEO", e.trigger AS "Accord Trigger", e.rule AS "Accord Rule",
           e.confidence AS "Accord Confidence", e.text AS "Accord Sentence", e.doc_id AS "Accord Document ID",
           cl.cluster_id AS "Accord Cluster ID", e.negated AS "Accord Negated", e.intent AS "Accord Intent",
           e.hypothetical AS "Accord Hypothetical", e.date_precision AS "Accord Date Precision",
           e.date_source AS "Accord Date Source\""""


def _icews() -> str:
    return f"""
    SELECT e.gid AS "Event ID", e.day AS "Event Date", p.actor_name AS "Source Name",
           p.actor_sector AS "Source Sectors", coalesce(acc.name, p.actor_country) AS "Source Country",
           cam.name AS "Event Text", e.cameo AS "CAMEO Code", e.goldstein AS "Intensity",
           p.recipient_name AS "Target Name", p.recipient_sector AS "Target Sectors",
           coalesce(rcc.name, p.recipient_country) AS "Target Country", e.doc_id AS "Story ID",
           e.sentence + 1 AS "Sentence Number", {_OUTLET} AS "Publisher",
           CASE WHEN g.geo_type IN (3, 4) THEN e.loc_name END AS "City", NULL::VARCHAR AS "District",
           g.province AS "Province", coalesce(lcc.name, e.loc_country) AS "Country",
           e.loc_lat AS "Latitude", e.loc_lon AS "Longitude\""""


def _phoenix() -> str:
    return f"""
    SELECT e.id || '/' || p.actor_position || '/' || coalesce(p.recipient_position::VARCHAR, '-') AS EventID,
           strftime(e.day, '%Y%m%d') AS Date, year(e.day) AS Year, month(e.day) AS Month, day(e.day) AS Day,
           p.actor_code AS SourceActorFull, p.actor_country AS SourceActorEntity, p.actor_sector AS SourceActorRole,
           NULL::VARCHAR AS SourceActorAttribute,
           p.recipient_code AS TargetActorFull, p.recipient_country AS TargetActorEntity,
           p.recipient_sector AS TargetActorRole, NULL::VARCHAR AS TargetActorAttribute,
           e.cameo AS EventCode, left(e.cameo, 2) AS EventRootCode,
           CASE WHEN left(e.cameo, 2) IN ('01', '02') THEN 0 WHEN left(e.cameo, 2) IN ('03', '04', '05') THEN 1
                WHEN left(e.cameo, 2) IN ('06', '07', '08') THEN 2
                WHEN left(e.cameo, 2) IN ('09', '10', '11', '12', '13') THEN 3 ELSE 4 END AS PentaClass,
           e.goldstein AS GoldsteinScore, array_to_string(e.context, ';') AS Issues,
           e.loc_lat AS Lat, e.loc_lon AS Lon, e.loc_name AS LocationName, g.province AS StateName,
           e.loc_country AS CountryCode, e.doc_id || '_' || (e.sentence + 1) AS SentenceID,
           coalesce(d.url, d.source) AS URLs, {_OUTLET} AS NewsSources"""


def _gdelt_geo(prefix: str, alias: str, name: str, country: str, lat: str, lon: str, gid: str) -> str:
    return (f"""coalesce({alias}.geo_type, CASE WHEN {name} IS NOT NULL THEN 4 ELSE 0 END) AS {prefix}_Type,
           {name} AS {prefix}_FullName, {alias}cc.fips AS {prefix}_CountryCode,
           coalesce({alias}.adm1, {alias}cc.fips) AS {prefix}_ADM1Code, NULL::VARCHAR AS {prefix}_ADM2Code,
           {lat} AS {prefix}_Lat, {lon} AS {prefix}_Long, {gid}::VARCHAR AS {prefix}_FeatureID""")


def _gdelt_events(where: str) -> str:
    """GDELT 2.0's 61 event columns, one row per deduplicated event (cluster); the representative mention
    gives the actors, codes and place; Accord's extras come last."""
    actor_cols = []
    for n, side in (("1", "actor"), ("2", "recipient")):
        actor_cols.append(f"""p.{side}_code AS Actor{n}Code, p.{side}_name AS Actor{n}Name,
           p.{side}_country AS Actor{n}CountryCode, NULL::VARCHAR AS Actor{n}KnownGroupCode,
           NULL::VARCHAR AS Actor{n}EthnicCode, NULL::VARCHAR AS Actor{n}Religion1Code,
           NULL::VARCHAR AS Actor{n}Religion2Code, p.{side}_sector AS Actor{n}Type1Code,
           NULL::VARCHAR AS Actor{n}Type2Code, NULL::VARCHAR AS Actor{n}Type3Code""")
    action_geo = _gdelt_geo("ActionGeo", "g", "e.loc_name", "e.loc_country", "e.loc_lat", "e.loc_lon", "e.loc_geonameid")
    # Accord places events, not actors: the actor geography blocks are empty (type 0), as GDELT leaves them
    # when it cannot place an actor.
    actor1_geo, actor2_geo = (
        ",\n           ".join(f"{t} AS {p}_{c}" for c, t in (
            ("Type", "0"), ("FullName", "NULL::VARCHAR"), ("CountryCode", "NULL::VARCHAR"), ("ADM1Code", "NULL::VARCHAR"),
            ("ADM2Code", "NULL::VARCHAR"), ("Lat", "NULL::DOUBLE"), ("Long", "NULL::DOUBLE"), ("FeatureID", "NULL::VARCHAR")))
        for p in ("Actor1Geo", "Actor2Geo"))
    return f"""WITH {_PARTIES}
    SELECT c.gid AS GLOBALEVENTID, strftime(coalesce(c.date, e.day), '%Y%m%d')::INTEGER AS SQLDATE,
           strftime(coalesce(c.date, e.day), '%Y%m')::INTEGER AS MonthYear, year(coalesce(c.date, e.day)) AS Year,
           round(year(coalesce(c.date, e.day)) + (dayofyear(coalesce(c.date, e.day)) - 1) / 365.0, 4) AS FractionDate,
           {actor_cols[0]},
           {actor_cols[1]},
           (e.sentence = 0)::INTEGER AS IsRootEvent, e.cameo AS EventCode, left(e.cameo, 3) AS EventBaseCode,
           left(e.cameo, 2) AS EventRootCode, e.quad_class::INTEGER AS QuadClass, e.goldstein AS GoldsteinScale,
           c.num_mentions AS NumMentions, c.num_sources AS NumSources, c.num_documents AS NumArticles,
           NULL::DOUBLE AS AvgTone,
           {actor1_geo},
           {actor2_geo},
           {action_geo},
           strftime(d.stored_at, '%Y%m%d%H%M%S')::BIGINT AS DATEADDED,
           coalesce(d.url, d.source) AS SOURCEURL,
           c.cluster_id AS AccordClusterID, e.id AS AccordEventID, e.event AS AccordEventType, e.mode AS AccordEventMode,
           e.date_source AS AccordDateSource
    FROM clusters c JOIN events e ON e.id = c.representative_id JOIN documents d ON d.id = e.doc_id
    LEFT JOIN parties p ON p.event_id = e.id
    LEFT JOIN _geo g ON g.geonameid = e.loc_geonameid LEFT JOIN _cc gcc ON gcc.iso3 = e.loc_country
    WHERE EXISTS (SELECT 1 FROM cluster_members m JOIN events e ON e.id = m.event_id
                  WHERE m.cluster_id = c.cluster_id AND {where})
    ORDER BY SQLDATE, GLOBALEVENTID"""


def _gdelt_mentions(where: str) -> str:
    """GDELT 2.0's mentions table: one row per event mention (a sentence of a document)."""
    return f"""WITH {_PARTIES}
    SELECT c.gid AS GLOBALEVENTID,
           strftime(coalesce(c.date, e.day), '%Y%m%d%H%M%S')::BIGINT AS EventTimeDate,
           strftime(coalesce(try_cast(left(d.date, 10) AS DATE)::TIMESTAMP, d.stored_at), '%Y%m%d%H%M%S')::BIGINT AS MentionTimeDate,
           1 AS MentionType, {_OUTLET} AS MentionSourceName, coalesce(d.url, d.source) AS MentionIdentifier,
           e.sentence + 1 AS SentenceID, p.actor_start AS Actor1CharOffset, p.recipient_start AS Actor2CharOffset,
           e.trigger_start AS ActionCharOffset, 1 AS InRawText, round(e.confidence * 100)::INTEGER AS Confidence,
           length(d.text) AS MentionDocLen, NULL::DOUBLE AS MentionDocTone, NULL::VARCHAR AS MentionDocTranslationInfo,
           e.id AS Extras
    FROM events e JOIN documents d ON d.id = e.doc_id
    JOIN cluster_members m ON m.event_id = e.id JOIN clusters c ON c.cluster_id = m.cluster_id
    LEFT JOIN parties p ON p.event_id = e.id
    WHERE {where}
    ORDER BY GLOBALEVENTID, e.doc_id, e.start, e.id"""


_STORY = """
story AS (
  SELECT doc_id,
    nullif(array_to_string(list_sort(list_distinct(list(name) FILTER (WHERE kind = 'person'))), '; '), '') AS people,
    nullif(array_to_string(list_sort(list_distinct(list(name) FILTER (WHERE kind IN ('igo', 'ngo', 'group', 'mnc', 'organisation')))), '; '), '') AS organisations,
    (SELECT nullif(array_to_string(list_sort(list_distinct(list(x.loc_name))), '; '), '') FROM events x WHERE x.doc_id = ea.doc_id) AS places
  FROM event_actors ea GROUP BY doc_id
)"""

#: layout -> the "what" values it has, and whether its rows are one per (event, actor, recipient).
LAYOUT_ROWS = {
    "accord": {"events": False, "dyads": True, "documents": None, "quotes": None, "clusters": None},
    "polecat": {"events": False, "dyads": True},
    "icews": {"events": True, "dyads": True},
    "phoenix": {"events": True, "dyads": True},
    "gdelt": {"events": None, "mentions": None},
    "plover": {"events": None},
}


def _event_query(layout: str, pairs: bool, where: str) -> str:
    select = {"accord": _accord_flat, "polecat": _polecat, "icews": lambda _: _icews(),
              "phoenix": lambda _: _phoenix()}[layout](pairs)
    order = 'e.day NULLS LAST, e.doc_id, e.start, e.id' + (", p.actor_position, p.recipient_position" if pairs else "")
    extra = f", {_STORY}" if layout == "polecat" else ""
    return f"""WITH {_PAIRS if pairs else _PARTIES}, {_CLUSTER}{extra}
    {select}
    FROM events e JOIN documents d ON d.id = e.doc_id
    {"JOIN" if pairs else "LEFT JOIN"} parties p ON p.event_id = e.id
    LEFT JOIN cl ON cl.event_id = e.id
    {_LOOKUPS if layout != "accord" else ""}
    {"LEFT JOIN story ON story.doc_id = e.doc_id" if layout == "polecat" else ""}
    WHERE {where}
    ORDER BY {order}"""


_LOOKUPS = """LEFT JOIN _cc acc ON acc.iso3 = p.actor_country LEFT JOIN _cc rcc ON rcc.iso3 = p.recipient_country
    LEFT JOIN _cc lcc ON lcc.iso3 = e.loc_country LEFT JOIN _geo g ON g.geonameid = e.loc_geonameid
    LEFT JOIN _cameo cam ON cam.code = e.cameo"""


def _check(layout: str, what: str) -> None:
    if layout not in LAYOUT_ROWS:
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"(layout {layout!r}; use one of {', '.join(LAYOUTS)})")
    if what not in WHATS:
        raise StoreError(Code.EXPORT_UNSUPPORTED, f"(what {what!r}; use one of {', '.join(WHATS)})")
    if what not in LAYOUT_ROWS[layout]:
        raise StoreError(Code.EXPORT_UNSUPPORTED,
                         f"({layout} layout has {', '.join(LAYOUT_ROWS[layout])}, not {what})")


def query_for(layout: str, what: str, filters: Filters) -> tuple[str, list]:
    """The SELECT for a (layout, what) pair (flat form), with its parameters."""
    _check(layout, what)
    where, params = filters.where("e")
    if layout == "gdelt":
        return (_gdelt_events(where) if what == "events" else _gdelt_mentions(where)), params
    if layout == "plover":
        raise StoreError(Code.EXPORT_UNSUPPORTED, "(the plover layout is nested JSON: use --format jsonl)")
    if what in ("events", "dyads"):
        return _event_query(layout, LAYOUT_ROWS[layout][what], where), params
    if what == "documents":
        return ("SELECT id, checksum, title, author, date, url, array_to_string(links, ' ') AS links, source, format, "
                "coder_version, run_id, stored_at, num_events, num_quotes, problems, text, date_source, warnings "
                "FROM documents ORDER BY id"), []
    if what == "quotes":
        return ("SELECT id, doc_id, text, start, \"end\", speaker_text, cue, block, sp_name AS speaker_name, "
                "sp_country AS speaker_country, sp_sector AS speaker_sector, sp_code AS speaker_code "
                "FROM quotes ORDER BY doc_id, start"), []
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
    _check(layout, what)
    f = Filters.of(filters, **kw)
    path = check_output(path, protect=[store.path], force=force)
    if what in ("events", "dyads", "clusters", "mentions"):
        store.ensure_clusters()
    if layout == "plover" and format != "jsonl":
        raise StoreError(Code.EXPORT_UNSUPPORTED, "(the plover layout is nested JSON: use --format jsonl)")
    records = (layout == "accord" and format == "jsonl" and what in ("events", "documents", "quotes")) or layout == "plover"
    sql, params = ("", []) if records else query_for(layout, what, f)
    with output_path(path, protect=[store.path], force=force) as target:
        if layout == "plover":
            from accord.store.plover import export_plover

            return export_plover(store, target, f)
        if records:
            return _export_records(store, target, what, f)
        from accord.store.codes import registered

        fmt = {"csv": "FORMAT csv, HEADER true", "tsv": "FORMAT csv, HEADER true, DELIMITER '\t'",
               "jsonl": "FORMAT json", "parquet": "FORMAT parquet"}[format]
        gids = [r[0] for r in store.con.execute(
            "SELECT DISTINCT loc_geonameid FROM events WHERE loc_geonameid IS NOT NULL").fetchall()]
        with registered(store.con, geonameids=gids):
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
