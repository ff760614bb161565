"""`accord actors`: resolve the actors mentioned in texts (a thin shell over accord.actors.resolve_texts)."""

from __future__ import annotations

import datetime as dt
import json
import sys
from typing import List, Optional

import typer


def actors(
    texts: Optional[List[str]] = typer.Argument(None, help="Texts to resolve; without any, one text per line from stdin."),
    date: Optional[str] = typer.Option(None, "--date", help="Document date YYYY-MM-DD (selects who held an office)."),
    fmt: str = typer.Option("table", "--format", help="table or json (one JSON list per input text, in order)."),
) -> None:
    """Print the political actors mentioned in each text."""
    from accord.actors import resolve_texts
    from accord.errors import AccordError

    if fmt not in ("table", "json"):
        raise typer.BadParameter("--format must be table or json")
    when = None
    if date:
        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(f"--date {date!r} is not YYYY-MM-DD") from None
    inputs = list(texts or [])
    if not inputs:
        inputs = [line.rstrip("\n") for line in sys.stdin if line.strip()]
    try:
        results = resolve_texts(inputs, when)
    except AccordError as exc:
        typer.echo(str(exc), err=True)
        raise typer.Exit(2) from None
    if fmt == "json":
        for found in results:
            typer.echo(json.dumps([a.to_dict() for a in found], ensure_ascii=False))
        return
    from rich.console import Console
    from rich.table import Table

    console = Console()
    for text, found in zip(inputs, results):
        table = Table(title=text if len(text) <= 100 else text[:97] + "...", title_justify="left")
        for col in ("mention", "name", "code", "kind", "id", "via"):
            table.add_column(col)
        for a in found:
            table.add_row(a.text, a.name, a.code, a.kind, a.id or "", a.via or "")
        console.print(table)


def register(app: typer.Typer) -> None:
    app.command("actors")(actors)
