"""`accord export`: write events, dyads, documents, quotes or clusters as CSV, JSON lines or Parquet."""

from __future__ import annotations

from pathlib import Path
from typing import Optional

import typer

from accord.cli._output import fail
from accord.errors import AccordError
from accord.cli.query import COUNTRY, DB, END, FORCE, START, TYPES, open_with_clusters, store_path


def export_command(
    output: Path = typer.Option(..., "--output", "-o", help="File to write."),
    fmt: Optional[str] = typer.Option(None, "--format", "-f",
                                      help="csv | tsv | jsonl | parquet (default: from the file's extension, else csv)"),
    layout: str = typer.Option("accord", "--layout", "-l", help="accord | polecat | gdelt (see docs/LAYOUTS.md)"),
    what: str = typer.Option("events", "--what", "-w", help="events | dyads | documents | quotes | clusters"),
    start: Optional[str] = START, end: Optional[str] = END, types: Optional[list[str]] = TYPES,
    country: Optional[str] = COUNTRY, db: Optional[Path] = DB, force: bool = FORCE,
) -> None:
    """Export the store in the accord, POLECAT-style or GDELT-style layout.

    The output is never the store or another database, and an existing file is replaced only with --force."""
    from accord.cli._output import resolve_format
    from accord.outputs import check_output
    from accord.store.export import FORMATS, export

    try:
        check_output(output, protect=[store_path(db)], force=force)  # before any work
        fmt = resolve_format(fmt, output, FORMATS, default="csv")
        with open_with_clusters(db) as store:
            n = export(store, output, fmt, layout, what, start=start, end=end,
                       types=tuple(types) if types else None, country=country, force=force)
            if not n:
                from accord.cli.query import hint_unknown

                hint_unknown(store, [], types, country)
    except AccordError as exc:
        fail(exc)
    typer.echo(f"wrote {n} {what} rows ({layout} layout, {fmt}) to {output}", err=True)


def register(app: typer.Typer) -> None:
    app.command("export")(export_command)
