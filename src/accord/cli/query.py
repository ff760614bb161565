"""`accord query ...`: dyad series, top actors and dyads, type distribution, network, clusters, events."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from accord.cli._output import emit, fail, output_format, to_text, write_output
from accord.errors import AccordError, Code, StoreError, StoreOutdatedError
from accord.settings import load_settings

#: The largest -n/--limit accepted (beyond it the number is a mistake, not a wish); 0 means no limit.
MAX_LIMIT = 1_000_000_000
#: The longest deduplication window accepted, in days (a century).
MAX_WINDOW_DAYS = 36_500

query_app = typer.Typer(help="Query the event store: dyads over time, top actors, networks, clusters, events.",
                        no_args_is_help=True)

DB = typer.Option(None, "--db", help="DuckDB store file (default: settings db_path, ACCORD_DB).")
START = typer.Option(None, "--start", help="First day (YYYY-MM-DD).")
END = typer.Option(None, "--end", help="Last day (YYYY-MM-DD).")
TYPES = typer.Option(None, "--type", "-t", help="PLOVER event type(s) to keep; repeat the option.")
COUNTRY = typer.Option(None, "--country", help="Keep events with this actor/recipient country (or code).")
SECTOR = typer.Option(None, "--sector", help="Keep events with an actor/recipient of this sector.")
SEARCH = typer.Option(None, "--search", "-s", help="Keep events whose sentence or trigger contains this text.")
ALL = typer.Option(False, "--all", help="Also count negated and hypothetical events.")
FORMAT = typer.Option(None, "--format", "-f",
                      help="table | json | csv | tsv | jsonl | parquet (default: from --output's extension, else table)")
OUTPUT = typer.Option(None, "--output", "-o", help="Write to this file instead of the terminal (.csv .tsv .json .jsonl .parquet).")
LIMIT = typer.Option(20, "--limit", "-n", min=0, max=MAX_LIMIT, help="Maximum rows; 0 means no limit.")
FORCE = typer.Option(False, "--force", help="Replace the --output file if it exists (never the store).")


def store_path(db: Optional[Path]) -> Path:
    return Path(db) if db else load_settings().db_path


def _open(db: Optional[Path], writable: bool = False):
    """The store, read-only unless the command writes (an existing file only: queries never create one)."""
    from accord.store import Store

    path = store_path(db)
    if not path.exists():
        raise StoreError(Code.STORE_OPEN_FAILED, f"({path} does not exist; run `accord code ... --db {path}` first)")
    if writable:
        return Store(path)
    try:
        return Store(path, read_only=True)
    except StoreOutdatedError:  # an older Accord store: bring its schema up to date once, then read
        Store(path).close()
        return Store(path, read_only=True)


def open_with_clusters(db: Optional[Path]):
    """The store opened read-only, after rebuilding its event clusters first if they are out of date
    (the only write a reading command makes, to Accord's own tables)."""
    store = _open(db)
    try:
        stale = store.clusters_stale()
    except BaseException:
        store.close()
        raise
    if not stale:
        return store
    store.close()
    with _open(db, writable=True) as writer:
        writer.dedup()
    return _open(db)


def _filters(start, end, types, country, sector, search, all_):
    from accord.store import Filters

    return Filters.of(start=start, end=end, types=tuple(types) if types else None, country=country, sector=sector,
                      text=search, factual=not all_)


def hint_unknown(store, rows, types=None, country=None) -> None:
    """When a query found nothing, say so if a filter value is not a known type or country (one line each)."""
    if rows:
        return
    from accord.store.hints import filter_hints

    for line in filter_hints(store, types, country):
        typer.echo(f"hint: {line}", err=True)


def _dyad_table(rows: list[dict]) -> list[dict]:
    """The dyad series for a terminal: short headers, and the per-type counts in one column (most first),
    so that any number of types fits 80 columns; csv/json keep one column per type."""
    fixed = ("period", "events", "quad1", "quad2", "quad3", "quad4", "goldstein_sum", "goldstein_mean")
    out = []
    for r in rows:
        counts = sorted(((k, v) for k, v in r.items() if k not in fixed and v), key=lambda kv: (-kv[1], kv[0]))
        out.append({"period": r["period"], "events": r["events"], "q1": r["quad1"], "q2": r["quad2"], "q3": r["quad3"],
                    "q4": r["quad4"], "gold_sum": r["goldstein_sum"], "gold_mean": r["goldstein_mean"],
                    "types": ", ".join(f"{k} {v}" for k, v in counts)})
    return out


@query_app.command("dyad")
def dyad(
    a: str = typer.Argument(..., help="Actor country or code, e.g. RUS or RUSGOV."),
    b: Optional[str] = typer.Argument(None, help="Recipient country or code (omit: A against everyone)."),
    by: str = typer.Option("day", "--by", help="day | week | month"),
    undirected: bool = typer.Option(False, "--undirected", help="Merge A->B and B->A."),
    dense: bool = typer.Option(False, "--dense/--sparse",
                               help="--dense fills the periods without events with zeros; the default lists only "
                                    "periods with events."),
    start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    all_: bool = ALL, fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Events between A and B per period: counts per type and quad class, Goldstein sum and mean."""
    from accord.store.analytics import dyad_series

    try:
        fmt = output_format(fmt, output, force=force, protect=store_path(db))
        with _open(db) as store:
            f = _filters(start, end, types, None, None, None, all_)
            rows = dyad_series(store, a, b, by=by, directed=not undirected, filters=f, fill=dense)
            hint_unknown(store, rows, f.types)
    except AccordError as exc:
        fail(exc)
    if fmt == "table" and output is None:
        rows = _dyad_table(rows)
    emit(rows, fmt, output, f"{a.upper()} {'<->' if undirected else '->'} {(b or '*').upper()} by {by}", force=force, protect=store_path(db))


@query_app.command("actors")
def actors(
    by: str = typer.Option("country", "--by", help="country | code | name | sector"),
    role: Optional[str] = typer.Option(None, "--role", help="actor | recipient (default both)"),
    limit: int = LIMIT, start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, search: Optional[str] = SEARCH,
    all_: bool = ALL, fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """The actors in the most events."""
    from accord.store.analytics import top_actors

    try:
        with _open(db) as store:
            rows = top_actors(store, limit, by=by, role=role,
                              filters=_filters(start, end, types, country, sector, search, all_))
            hint_unknown(store, rows, types, country)
    except AccordError as exc:
        fail(exc)
    emit(rows, fmt, output, "Top actors", force=force, protect=store_path(db))


@query_app.command("dyads")
def dyads(
    undirected: bool = typer.Option(False, "--undirected", help="Count A->B and B->A together."),
    limit: int = LIMIT, start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, search: Optional[str] = SEARCH,
    all_: bool = ALL, fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """The country pairs with the most events."""
    from accord.store.analytics import top_dyads

    try:
        with _open(db) as store:
            rows = top_dyads(store, limit, directed=not undirected,
                             filters=_filters(start, end, types, country, sector, search, all_))
            hint_unknown(store, rows, types, country)
    except AccordError as exc:
        fail(exc)
    emit(rows, fmt, output, "Top dyads", force=force, protect=store_path(db))


@query_app.command("types")
def types_(
    start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, search: Optional[str] = SEARCH,
    all_: bool = ALL, fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Events per PLOVER type."""
    from accord.store.analytics import type_distribution

    try:
        with _open(db) as store:
            rows = type_distribution(store, filters=_filters(start, end, types, country, sector, search, all_))
            hint_unknown(store, rows, types, country)
    except AccordError as exc:
        fail(exc)
    emit(rows, fmt, output, "Event types", force=force, protect=store_path(db))


@query_app.command("network")
def network(
    min_weight: int = typer.Option(1, "--min-weight", min=1, max=MAX_LIMIT, help="Drop edges with fewer events."),
    start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, search: Optional[str] = SEARCH,
    all_: bool = ALL, fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Countries and the directed, weighted edges between them (JSON: nodes and edges; CSV: edges)."""
    from accord.store.analytics import network as build

    try:
        with _open(db) as store:
            net = build(store, filters=_filters(start, end, types, country, sector, search, all_),
                        min_weight=min_weight)
            hint_unknown(store, net["edges"], types, country)
    except AccordError as exc:
        fail(exc)
    try:
        fmt = output_format(fmt, output, force=force, protect=store_path(db))
    except AccordError as exc:
        fail(exc)
    if fmt == "json":
        text = to_text(net, "json")
        if output:
            write_output(output, text, force=force, protect=store_path(db))
        else:
            typer.echo(text, nl=False)
        return
    if fmt == "table" and output is None:
        emit(net["nodes"], "table", None, "Nodes", force=force, protect=store_path(db))
    emit(net["edges"], fmt, output, "Edges", force=force, protect=store_path(db))


@query_app.command("clusters")
def clusters(
    rebuild: bool = typer.Option(False, "--rebuild", help="Recompute the clusters first."),
    window: Optional[int] = typer.Option(None, "--window", min=0, max=MAX_WINDOW_DAYS,
                                         help="Days within which reports may merge (implies --rebuild)."),
    min_mentions: int = typer.Option(1, "--min-mentions", min=1, max=MAX_LIMIT, help="Only clusters with at least this many mentions."),
    limit: int = LIMIT, start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, search: Optional[str] = SEARCH,
    fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Deduplicated events: reports of the same event across documents, largest first."""
    try:
        if rebuild or window is not None:
            with _open(db, writable=True) as writer:
                writer.dedup(window)
        with open_with_clusters(db) as store:
            fmt = output_format(fmt, output, force=force, protect=store_path(db))
            rows = store.clusters(start=start, end=end, types=tuple(types) if types else None, country=country,
                                  text=search, min_mentions=min_mentions, limit=limit)
            hint_unknown(store, rows, types, country)
    except AccordError as exc:
        fail(exc)
    if fmt == "table":
        rows = [
            {"date": r["date"], "event": r["event"], "dyad": f"{r['actor_country'] or '?'}>{r['recipient_country'] or '?'}",
             "place": r["place"], "mentions": r["num_mentions"], "docs": r["num_documents"],
             "sources": r["num_sources"], "sentence": r["representative_sentence"]}
            for r in rows
        ]
    emit(rows, fmt, output, "Event clusters", force=force, protect=store_path(db))


@query_app.command("events")
def events(
    doc: Optional[str] = typer.Option(None, "--doc", help="Only events of this document id."),
    limit: int = LIMIT, start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, sector: Optional[str] = SECTOR, search: Optional[str] = SEARCH,
    fmt: Optional[str] = FORMAT, output: Optional[Path] = OUTPUT, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Stored events with their evidence (JSON gives the full accord.event/1 records)."""
    from accord.store import Filters

    try:
        fmt = output_format(fmt, output, force=force, protect=store_path(db))
        with _open(db) as store:
            f = Filters.of(start=start, end=end, types=tuple(types) if types else None, country=country,
                           sector=sector, text=search, doc_id=doc, limit=limit)
            evs = store.records(f)
            hint_unknown(store, evs, types, country)
    except AccordError as exc:
        fail(exc)
    if fmt in ("json", "jsonl"):
        emit([e.to_dict() for e in evs], fmt, output, force=force, protect=store_path(db))
        return
    if fmt == "table" and output is None:
        rows = [
            {"date": e.date, "event": e.event + (f"/{e.mode}" if e.mode else ""), "cameo": e.cameo,
             "dyad": dyad_label(e), "flags": event_flags(e), "text": e.text}
            for e in evs
        ]
    else:
        rows = [
            {
                "date": e.date, "event": e.event, "mode": e.mode, "cameo": e.cameo,
                "actor": "; ".join(a.code or a.name for a in e.actor),
                "recipient": "; ".join(a.code or a.name for a in e.recipient),
                "place": e.event_loc.name if e.event_loc else None, "trigger": e.trigger,
                "negated": e.negated, "hypothetical": e.hypothetical, "intent": e.intent, "quoted": e.quoted,
                "confidence": e.confidence, "text": e.text, "id": e.id, "doc_id": e.doc_id,
            }
            for e in evs
        ]
    emit(rows, fmt, output, "Events", force=force, protect=store_path(db))


def dyad_label(e) -> str:
    """Actor and recipient codes as one short cell: "UKRGOV>POLGOV", "EUR>RUS", "RUS>?"."""
    return (",".join(a.code or a.name for a in e.actor) or "?") + ">" + (",".join(a.code or a.name for a in e.recipient) or "?")


def event_flags(e) -> str:
    """The qualifiers a reader must not miss, short: neg(ated), hypo(thetical), intent, quoted."""
    return " ".join(n for n, v in (("neg", e.negated), ("hypo", e.hypothetical), ("intent", e.intent),
                                   ("quoted", e.quoted)) if v)


def register(app: typer.Typer) -> None:
    app.add_typer(query_app, name="query")
