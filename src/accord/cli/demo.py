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


def run_demo(examples: Path, db: Path | None, console: Console) -> dict:
    """Code ``examples`` into the store, then print events, dyads and the Russia-China series."""
    from accord.cli.code import Format, run_code
    from accord.settings import load_settings
    from accord.store import Store
    from accord.store import analytics

    settings = load_settings(db_path=db) if db else load_settings()
    console.rule(f"[bold]Accord demo: coding {examples}")
    buf = io.StringIO()
    counts = run_code([str(examples)], Format.table, settings.db_path, False, out=buf, err_console=console)
    console.print(buf.getvalue(), end="", markup=False, highlight=False)
    with Store(settings.db_path, read_only=True, settings=settings) as store:
        store_counts = store.counts()
        types = analytics.type_distribution(store)
        t = Table(title="Event types in the store", header_style="bold")
        for col in ("event", "events"):
            t.add_column(col)
        for row in types:
            t.add_row(str(row["event"]), str(row["events"]))
        console.print(t)
        dyads = analytics.top_dyads(store, limit=10)
        t = Table(title="Top dyads (source -> target)", header_style="bold")
        cols = [c for c in ("source", "target", "events", "goldstein_mean") if dyads and c in dyads[0]] or list(dyads[0]) if dyads else []
        for col in cols:
            t.add_column(col)
        for row in dyads:
            t.add_row(*[f"{row[c]:.2f}" if isinstance(row[c], float) else str(row[c]) for c in cols])
        console.print(t)
        series = analytics.dyad_series(store, "RUS", "CHN", by="month", directed=False)
        t = Table(title="Russia <-> China by month (accord query dyad RUS CHN --by month)", header_style="bold")
        if series:
            keys = [k for k in series[0] if not isinstance(series[0][k], (dict, list))]
            for k in keys:
                t.add_column(k)
            for row in series:
                t.add_row(*[f"{row[k]:.2f}" if isinstance(row[k], float) else str(row[k]) for k in keys])
        console.print(t)
    console.print(f"[bold green]Stored[/]: {store_counts} in {settings.db_path}")
    return {"counts": counts, "store": store_counts}


def register(app: typer.Typer) -> None:
    @app.command("demo")
    def demo(
        examples: Optional[Path] = typer.Option(None, "--examples", help="Folder of documents to code (default: ./examples)."),
        db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: accord.duckdb)."),
    ) -> None:
        """Code the bundled example documents into the store and print a summary."""
        run_demo(examples or _examples_dir(), db, Console())
