"""`accord export`: write events, dyads, documents, quotes or clusters as CSV, JSON lines or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from accord.cli._output import fail
from accord.errors import AccordError
from accord.cli.query import COUNTRY, DB, END, START, TYPES, _open


def export_command(
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    fmt: str = typer.Option("csv", "--format", "-f", help="csv | jsonl | parquet"),
    layout: str = typer.Option("accord", "--layout", "-l", help="accord | polecat | gdelt (see docs/LAYOUTS.md)"),
    what: str = typer.Option("events", "--what", "-w", help="events | dyads | documents | quotes | clusters"),
    start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, db: Optional[Path] = DB,
) -> None:
    """Export the store in the accord, POLECAT-style or GDELT-style layout."""
    from accord.store.export import export

    try:
        with _open(db, writable=True) as store:
            n = export(store, output, fmt, layout, what, start=start, end=end,
                       types=tuple(types) if types else None, country=country)
    except AccordError as exc:
        fail(exc)
    typer.echo(f"wrote {n} {what} rows ({layout} layout, {fmt}) to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
