"""`accord demo`: code the bundled example documents into the store and show what was found."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Optional

import typer
from rich.console import Console
from rich.table import Table


def _examples_dir() -> Path:
    here = Path.cwd() / "examples"
    if here.is_dir():
        return here
    return Path(__file__).resolve().parents[3] / "examples"


def _fmt(v) -> str:
    if isinstance(v, float):
        return f"{v:.2f}"
    return "" if v is None else str(v)


def run_demo(examples: Path, db: Path | None, console: Console) -> dict:
    """Code ``examples`` into the store and cluster reports of one event (``Store.dedup``), then print what
    was found: documents, events, events reported more than once, dyads and the Russia-China monthly
    series."""
    from accord.cli.code import Format, run_code
    from accord.settings import load_settings
    from accord.store import Store, analytics

    settings = load_settings(db_path=db) if db else load_settings()
    console.rule(f"[bold]Accord demo: coding {examples} into {settings.db_path}")
    counts = run_code([str(examples)], Format.jsonl, settings.db_path, False, out=io.StringIO(), err_console=console)
    with Store(settings.db_path, settings=settings) as writer:
        writer.dedup()
    with Store(settings.db_path, read_only=True, settings=settings) as store:
        store_counts = store.counts()
        reported = store.clusters(min_mentions=2)
        docs = Table(title="Documents", header_style="bold")
        for col in ("source", "title", "date", "events"):
            docs.add_column(col, overflow="fold")
        per_doc = {r["doc_id"]: r["n"] for r in store.rows("SELECT doc_id, count(*) AS n FROM events GROUP BY doc_id")}
        for d in store.document_info():
            docs.add_row(Path(str(d.get("source") or "")).name, _fmt(d.get("title"))[:60], _fmt(d.get("date")),
                         str(per_doc.get(d["id"], 0)))
        console.print(docs)

        events = Table(title="Some coded events (accord query events shows them all)", header_style="bold")
        for col in ("date", "source", "event", "target", "trigger"):
            events.add_column(col, overflow="fold")
        for e in store.records()[:25]:
            events.add_row(
                e.date or "", ",".join(a.code for a in e.actor) or "-",
                f"{e.event}{'/' + e.mode if e.mode else ''}{' (negated)' if e.negated else ''}",
                ",".join(a.code for a in e.recipient) or "-", e.trigger,
            )
        console.print(events)

        clusters = Table(title="Events reported more than once (accord query clusters)", header_style="bold")
        for col in ("date", "source", "event", "target", "mentions", "documents"):
            clusters.add_column(col, overflow="fold")
        for c in reported[:10]:
            clusters.add_row(_fmt(c.get("date")), c.get("actor_country") or "-", c["event"],
                             c.get("recipient_country") or "-", _fmt(c["num_mentions"]), _fmt(c["num_documents"]))
        console.print(clusters)

        types = Table(title="Event types", header_style="bold")
        for col in ("event", "quad", "events", "mean Goldstein"):
            types.add_column(col)
        for row in analytics.type_distribution(store):
            types.add_row(row["event"], _fmt(row.get("quad_class")), _fmt(row["events"]), _fmt(row.get("goldstein_mean")))
        console.print(types)

        dyads = Table(title="Top dyads", header_style="bold")
        for col in ("source", "target", "events", "mean Goldstein"):
            dyads.add_column(col)
        for row in analytics.top_dyads(store, n=10):
            dyads.add_row(row["actor"], row["recipient"], _fmt(row["events"]), _fmt(row.get("goldstein_mean")))
        console.print(dyads)

        series = Table(title="Russia <-> China by month  (accord query dyad RUS CHN --by month)", header_style="bold")
        for col in ("month", "events", "verbal coop", "material coop", "verbal conflict", "material conflict", "Goldstein sum"):
            series.add_column(col)
        for row in analytics.dyad_series(store, "RUS", "CHN", by="month", directed=False):
            if not row["events"]:
                continue
            series.add_row(str(row["period"])[:7], _fmt(row["events"]), _fmt(row["quad1"]), _fmt(row["quad2"]),
                           _fmt(row["quad3"]), _fmt(row["quad4"]), _fmt(row["goldstein_sum"]))
        console.print(series)
    shown = {k: v for k, v in store_counts.items() if k != "clusters"}
    console.print(f"[bold green]Stored[/] in {settings.db_path}: " + ", ".join(f"{k} {v}" for k, v in shown.items())
                  + f"; clusters {store_counts['clusters']}, of which {len(reported)} with 2+ mentions")
    console.print("Look at it in the browser (dashboard and API; Ctrl-C stops the server):")
    console.print(f"  [bold]accord serve --db {settings.db_path}[/]", soft_wrap=True)
    console.print("  then open http://127.0.0.1:8000/ (API docs at http://127.0.0.1:8000/docs)", soft_wrap=True)
    return {"counts": counts, "store": store_counts, "clusters_reported_twice": len(reported)}


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        examples: Optional[Path] = typer.Option(None, "--examples", help="Folder of documents to code (default: ./examples)."),
        db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: accord.duckdb)."),
    ) -> None:
        """Code the bundled example documents into the store and print a summary."""
        run_demo(examples or _examples_dir(), db, Console())
