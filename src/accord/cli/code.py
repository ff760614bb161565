"""`accord code`: read documents, code events, store them and print them."""

from __future__ import annotations

import csv
import json
import sys
from enum import Enum
from pathlib import Path
from typing import Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table

from accord.records import DOCUMENT_SCHEMA, Problem


class Format(str, Enum):
    table = "table"
    jsonl = "jsonl"
    documents = "documents"
    csv = "csv"


def problem_line(problem: Problem) -> dict:
    """The `--format documents` line for an input that could not be read."""
    return {
        "schema": DOCUMENT_SCHEMA,
        "id": None,
        "title": None,
        "author": None,
        "date": None,
        "url": None,
        "links": [],
        "source": problem.source,
        "text": "",
        "events": [],
        "quotes": [],
        "errors": [problem.to_dict()],
    }


CSV_COLUMNS = [
    "id", "doc_id", "date", "date_precision", "event", "mode", "cameo", "quad_class", "goldstein",
    "actor_code", "actor_name", "recipient_code", "recipient_name", "trigger", "negated", "intent",
    "hypothetical", "quoted", "speaker", "place", "place_country", "lat", "lon", "confidence", "rule", "text",
]


def event_csv_row(e) -> dict:
    loc = e.event_loc
    return {
        "id": e.id, "doc_id": e.doc_id, "date": e.date, "date_precision": e.date_precision,
        "event": e.event, "mode": e.mode or "", "cameo": e.cameo, "quad_class": e.quad_class,
        "goldstein": e.goldstein,
        "actor_code": ";".join(a.code for a in e.actor), "actor_name": ";".join(a.name for a in e.actor),
        "recipient_code": ";".join(a.code for a in e.recipient),
        "recipient_name": ";".join(a.name for a in e.recipient),
        "trigger": e.trigger, "negated": e.negated, "intent": e.intent, "hypothetical": e.hypothetical,
        "quoted": e.quoted, "speaker": e.speaker.name if e.speaker else "",
        "place": loc.name if loc else "", "place_country": (loc.country or "") if loc else "",
        "lat": loc.lat if loc else "", "lon": loc.lon if loc else "",
        "confidence": e.confidence, "rule": e.rule, "text": e.text,
    }


def _events_table(rows: list) -> Table:
    t = Table(title="Coded events", show_lines=False, header_style="bold")
    for col in ("document", "date", "source", "event", "target", "trigger", "flags", "conf"):
        t.add_column(col, overflow="fold")
    for coded in rows:
        for e in coded.events:
            fl = [n for n, v in (("neg", e.negated), ("intent", e.intent), ("hypo", e.hypothetical), ("quoted", e.quoted)) if v]
            t.add_row(
                (coded.document.title or coded.document.id)[:40],
                e.date or "",
                ", ".join(a.code for a in e.actor) or "-",
                f"{e.event}{'/' + e.mode if e.mode else ''} ({e.cameo})",
                ", ".join(a.code for a in e.recipient) or "-",
                e.trigger,
                " ".join(fl),
                f"{e.confidence:.2f}",
            )
    return t


def run_code(
    paths: list[str],
    fmt: Format | None,
    db: Path | None,
    no_store: bool,
    out=None,
    err_console: Console | None = None,
) -> dict:
    """Code ``paths`` and write the chosen format to ``out``; returns the run counts."""
    from accord.ingest import read_paths
    from accord.pipeline import code_documents
    from accord.settings import load_settings

    out = out or sys.stdout
    err = err_console or Console(stderr=True)
    settings = load_settings(db_path=db) if db else load_settings()
    if fmt is None:
        fmt = Format.table if out.isatty() else Format.jsonl
    problems: list[Problem] = []
    counts = {"documents": 0, "events": 0, "quotes": 0, "problems": 0}
    collected: list = []
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS) if fmt is Format.csv else None
    if writer:
        writer.writeheader()

    def documents():
        for item in read_paths(paths, settings):
            if isinstance(item, Problem):
                problems.append(item)
                if fmt is Format.documents:
                    out.write(json.dumps(problem_line(item), ensure_ascii=False) + "\n")
                continue
            yield item

    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[events]} events"), TimeElapsedColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    )

    def coded_stream() -> Iterator:
        with progress:
            task = progress.add_task("coding", total=None, events=0)
            for coded in code_documents(documents(), settings):
                counts["documents"] += 1
                counts["events"] += len(coded.events)
                counts["quotes"] += len(coded.quotes)
                problems.extend(coded.problems)
                progress.update(task, advance=1, events=counts["events"])
                if fmt is Format.documents:
                    out.write(json.dumps(coded.to_dict(), ensure_ascii=False) + "\n")
                elif fmt is Format.jsonl:
                    for e in coded.events:
                        out.write(json.dumps(e.to_dict(), ensure_ascii=False) + "\n")
                elif writer is not None:
                    for e in coded.events:
                        writer.writerow(event_csv_row(e))
                else:
                    collected.append(coded)
                yield coded

    if no_store:
        for _ in coded_stream():
            pass
    else:
        from accord.store import Store

        with Store(settings.db_path, settings=settings) as store:
            run_id = store.begin_run(settings)
            result = store.add(coded_stream(), run=run_id)
            counts["stored"] = result.to_dict()
            store.finish_run(run_id, result, problems)
    counts["problems"] = len(problems)
    if fmt is Format.table:
        Console(file=out).print(_events_table(collected))
    if problems:
        t = Table(title=f"{len(problems)} input(s) skipped or partly coded", header_style="bold red")
        for col in ("source", "code", "stage", "reason"):
            t.add_column(col, overflow="fold")
        for p in problems:
            t.add_row(p.source, p.code, p.stage, p.message)
        err.print(t)
    err.print(
        f"[green]{counts['documents']} document(s), {counts['events']} event(s), {counts['quotes']} quote(s)"
        f"[/green]; {len(problems)} problem(s)" + ("" if no_store else f"; store: {settings.db_path}")
    )
    return counts


def register(app: typer.Typer) -> None:
    @app.command("code")
    def code(
        paths: List[str] = typer.Argument(..., help="Files or directories (text, Markdown, HTML, PDF, JSONL); '-' reads stdin."),
        format: Optional[Format] = typer.Option(None, "--format", "-f", help="table (default on a terminal), jsonl (default otherwise: one event per line), documents (one JSON document with its events per line) or csv."),
        db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: accord.duckdb or ACCORD_DB)."),
        no_store: bool = typer.Option(False, "--no-store", help="Code without writing the store."),
    ) -> None:
        """Code documents into PLOVER/CAMEO events, store them and print them.

        Unreadable inputs are reported and skipped; the exit code is 1 only when nothing could be read."""
        from accord.cli._output import fail
        from accord.errors import AccordError

        try:
            counts = run_code(paths, format, db, no_store)
        except AccordError as exc:  # e.g. the store is held by `accord serve` (E402): a message, not a traceback
            fail(exc)
        if counts["documents"] == 0 and counts["problems"]:
            raise typer.Exit(1)
