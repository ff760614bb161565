"""Shared output helpers for the store commands: rows as a Rich table, JSON or CSV, to stdout or a file."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterable

import typer

from accord.errors import AccordError

FORMATS = ("table", "json", "csv")


def write_output(output: Path, text: str, *, force: bool = False, protect: Path | None = None) -> None:
    """Write a command's output file safely (never the store, never half a file); see accord.outputs."""
    from accord.outputs import write_text

    write_text(output, text, protect=[protect] if protect else (), force=force)


def emit(rows: list[dict], fmt: str, output: Path | None, title: str | None = None, *, force: bool = False,
         protect: Path | None = None) -> None:
    if fmt not in FORMATS:
        raise typer.BadParameter(f"--format must be one of {', '.join(FORMATS)}")
    if fmt == "table" and output is None:
        from rich.console import Console
        from rich.table import Table

        table = Table(title=title)
        cols = list(rows[0]) if rows else []
        for c in cols:
            longest = max((len(str(r[c])) for r in rows), default=0)
            if longest > 40:  # prose columns wrap and take most of the remaining width
                table.add_column(str(c), overflow="fold", ratio=4, min_width=20)
            elif longest > 12:
                table.add_column(str(c), overflow="fold", ratio=1)
            else:
                table.add_column(str(c), no_wrap=True)
        for r in rows:
            table.add_row(*("" if r[c] is None else str(r[c]) for c in cols))
        Console().print(table if rows else f"{title or 'Result'}: no rows")
        return
    if fmt == "table":  # a table written to a file is CSV
        fmt = "csv"
    text = to_text(rows, fmt)
    if output is None:
        sys.stdout.write(text)
    else:
        write_output(output, text, force=force, protect=protect)
        typer.echo(f"wrote {len(rows)} rows to {output}", err=True)


def to_text(rows: Iterable[dict] | dict, fmt: str) -> str:
    from accord.store.rows import jsonable  # imported here: it loads pyarrow and DuckDB, which --version never needs

    if fmt == "json":
        return json.dumps(jsonable(rows), ensure_ascii=False, indent=2) + "\n"
    rows = list(rows)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]))
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else jsonable(v)) for k, v in r.items()})
    return buf.getvalue()


def fail(exc: AccordError) -> None:
    """Report a failure as one coded line and exit 1 (with --debug, raise it for its traceback)."""
    from accord.cli.safe import debugging

    if debugging():
        raise exc
    typer.echo(f"accord: {exc}", err=True)
    raise typer.Exit(1)
