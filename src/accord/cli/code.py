"""`accord code`: read documents, code events, store them and print them."""

from __future__ import annotations

import csv
import json
import sys
from collections import Counter
from enum import Enum
from pathlib import Path
from typing import Callable, Iterable, Iterator, List, Optional

import typer
from rich.console import Console
from rich.progress import BarColumn, Progress, ProgressColumn, SpinnerColumn, TextColumn, TimeElapsedColumn
from rich.table import Table
from rich.text import Text

from accord.records import DOCUMENT_SCHEMA, Document, Problem


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
    "id", "doc_id", "date", "date_precision", "date_source", "event", "mode", "cameo", "quad_class", "goldstein",
    "actor_code", "actor_name", "recipient_code", "recipient_name", "trigger", "negated", "intent",
    "hypothetical", "quoted", "speaker", "place", "place_country", "lat", "lon", "confidence", "rule", "text",
]


def event_csv_row(e) -> dict:
    loc = e.event_loc
    return {
        "id": e.id, "doc_id": e.doc_id, "date": e.date, "date_precision": e.date_precision, "date_source": e.date_source,
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


def _events_table(rows: list, width: int | None = None) -> Table:
    """The coded events for a terminal of any width: document titles and triggers end in an ellipsis when
    space runs out; dates, actor codes, event types and CAMEO codes are never cut."""
    from accord.cli._output import fit_table

    table_rows = []
    for coded in rows:
        for e in coded.events:
            fl = [n for n, v in (("neg", e.negated), ("intent", e.intent), ("hypo", e.hypothetical), ("quoted", e.quoted)) if v]
            table_rows.append({
                "date": e.date or "",
                "dyad": (",".join(a.code for a in e.actor) or "-") + ">" + (",".join(a.code for a in e.recipient) or "-"),
                "event": f"{e.event}{'/' + e.mode if e.mode else ''} ({e.cameo})",
                "flags": " ".join(fl),
                "conf": f"{e.confidence:.2f}",
                "trigger": e.trigger,
                "document": coded.document.title or coded.document.id,
            })
    if not table_rows:
        t = Table(title="Coded events", header_style="bold")
        for col in ("date", "dyad", "event", "flags", "conf", "trigger", "document"):
            t.add_column(col, no_wrap=True)
        return t
    return fit_table(table_rows, "Coded events", width=width, prose=("document", "trigger"), header_style="bold")


def _problems_table(title: str, rows: list[dict], style: str, width: int) -> Table:
    from accord.cli._output import fit_table

    return fit_table(rows, title, width=width, prose=("source", "reason", "warning"), header_style=style)


class _Count(ProgressColumn):
    """Inputs done out of the total, with thousands separators ("288/1,050"; "288/?" when unknown)."""

    def render(self, task) -> Text:
        total = f"{int(task.total):,}" if task.total is not None else "?"
        return Text(f"{int(task.completed):,}/{total}", style="progress.download")


#: Problems of the pipeline, not of the document's text: such a document is left out of the store.
_RETRY_LATER = frozenset({"E201", "E202", "E204"})


def _unstored(store, documents: Iterable[Document], counts: dict, on_stored: Callable, block: int = 64) -> Iterator[Document]:
    """The documents whose text is not yet stored by this coder version (looked up by content hash, a block
    at a time); a stored one is handed to ``on_stored`` (its coded form, read back) instead of being coded."""
    buffer: list[Document] = []

    def flush() -> Iterator[Document]:
        stored = store.stored_checksums(d.checksum for d in buffer)
        for d in buffer:
            if d.checksum in stored:
                counts["skipped"] += 1
                coded = store.coded_document(stored[d.checksum])
                if coded is not None:
                    on_stored(coded)
            else:
                yield d

    for document in documents:
        buffer.append(document)
        if len(buffer) >= block:
            yield from flush()
            buffer = []
    if buffer:
        yield from flush()


def run_code(
    paths: list[str],
    fmt: Format | None,
    db: Path | None,
    no_store: bool,
    out=None,
    err_console: Console | None = None,
    fields: list[str] | None = None,
) -> dict:
    """Code ``paths`` and write the chosen format to ``out``; returns the run counts.

    With the store, documents already stored (same text, same or newer coder) are not coded again but
    read back, results are committed in small batches (settings ``commit_documents``/``commit_seconds``),
    and the run is recorded as "finished" or, when stopped, "interrupted"."""
    from accord.ingest import read_paths
    from accord.ingest.count import count_inputs
    from accord.ingest.jsonl import parse_field_options
    from accord.pipeline import code_documents
    from accord.settings import load_settings

    out = out or sys.stdout
    err = err_console or Console(stderr=True)
    settings = load_settings(db_path=db) if db else load_settings()
    if fields:
        settings = settings.with_(jsonl_fields=parse_field_options(fields))
    warnings: list[Problem] = []
    if fmt is None:
        fmt = Format.table if out.isatty() else Format.jsonl
    problems: list[Problem] = []
    counts = {"documents": 0, "events": 0, "quotes": 0, "problems": 0, "skipped": 0}
    collected: list = []
    writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS) if fmt is Format.csv else None
    if writer:
        writer.writeheader()

    def documents():
        for item in read_paths(paths, settings):
            if isinstance(item, Problem):
                advance()
                problems.append(item)
                if fmt is Format.documents:
                    out.write(json.dumps(problem_line(item), ensure_ascii=False) + "\n")
                continue
            yield item

    def show(coded) -> None:
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

    progress = Progress(
        SpinnerColumn(), TextColumn("[bold]coding"), BarColumn(), _Count(),
        TextColumn("{task.fields[events]} events"), TimeElapsedColumn(), console=err, transient=True,
        disable=not err.is_terminal,
    )

    task = progress.add_task("coding", total=count_inputs(paths) if progress.console.is_terminal else None, events=0)

    def advance() -> None:
        progress.update(task, advance=1, events=counts["events"])

    def shown_stored(coded) -> None:
        advance()
        show(coded)

    def coded_stream(docs) -> Iterator:
        with progress:
            for coded in code_documents(docs, settings):
                counts["documents"] += 1
                counts["events"] += len(coded.events)
                counts["quotes"] += len(coded.quotes)
                problems.extend(coded.problems)
                warnings.extend(coded.document.warnings)
                advance()
                show(coded)
                if not coded.events and any(p.code in _RETRY_LATER for p in coded.problems):
                    continue  # not stored, so that a re-run (say with a larger time budget) tries it again
                yield coded

    if no_store:
        for _ in coded_stream(documents()):
            pass
    else:
        from accord.store import Store

        with Store(settings.db_path, settings=settings) as store:
            run_id = store.begin_run(settings)
            result = None
            try:
                result = store.add(coded_stream(_unstored(store, documents(), counts, shown_stored)), run=run_id)
            finally:
                summary = result.to_dict() if result is not None else {"documents_coded": counts["documents"]}
                summary["documents_skipped"] = counts["skipped"] + (result.skipped if result is not None else 0)
                store.finish_run(run_id, summary, problems + warnings + (result.problems if result is not None else []),
                                 status="finished" if result is not None else "interrupted")
            counts["stored"] = result.to_dict()
            counts["skipped"] = summary["documents_skipped"]
            problems.extend(result.problems)
    counts["problems"] = len(problems)
    counts["warnings"] = dict(sorted(Counter(w.code for w in warnings).items()))
    if fmt is Format.table:
        console = Console(file=out)
        console.print(_events_table(collected, console.width))
    if problems:
        err.print(_problems_table(f"{len(problems)} input(s) skipped or partly coded",
                                  [{"source": p.source, "code": p.code, "stage": p.stage, "reason": p.message}
                                   for p in problems], "bold red", err.width))
    if warnings:
        err.print(_problems_table(f"{len(warnings)} warning(s): read, but check the result",
                                  [{"source": w.source, "code": w.code, "warning": w.message} for w in warnings],
                                  "bold yellow", err.width))
    by_code = ", ".join(f"{n} {code}" for code, n in counts["warnings"].items())
    skipped = f"; {counts['skipped']} already stored or duplicate" if counts["skipped"] else ""
    err.print(
        f"[green]{counts['documents']} document(s), {counts['events']} event(s), {counts['quotes']} quote(s)"
        f"[/green]; {len(problems)} problem(s){skipped}" + (f"; {len(warnings)} warning(s) ({by_code})" if warnings else "")
        + ("" if no_store else f"; store: {settings.db_path}"),
        soft_wrap=True,
    )
    return counts


def register(app: typer.Typer) -> None:
    @app.command("code")
    def code(
        paths: List[str] = typer.Argument(..., help="Files or directories (text, Markdown, HTML, PDF, JSONL); '-' reads stdin."),
        format: Optional[Format] = typer.Option(None, "--format", "-f", help="table (default on a terminal), jsonl (default otherwise: one event per line), documents (one JSON document with its events per line) or csv."),
        db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: accord.duckdb or ACCORD_DB)."),
        no_store: bool = typer.Option(False, "--no-store", help="Code without writing the store."),
        field: Optional[List[str]] = typer.Option(None, "--field", help="JSONL/JSON input: read Accord field NAME (text, title, date, url, author, id, links) from record key KEY, as NAME=KEY; repeatable. Defaults: see accord.ingest.jsonl."),
        workers: Optional[int] = typer.Option(None, "--workers", min=1, max=512, help="Code on a local Dask cluster of N worker processes (results stored by this process)."),
        scheduler: Optional[str] = typer.Option(None, "--scheduler", envvar="ACCORD_SCHEDULER", help="Code on an existing Dask cluster, e.g. tcp://host:8786 (env ACCORD_SCHEDULER)."),
        out_dir: Optional[Path] = typer.Option(None, "--out", help="With --workers/--scheduler: also write events as Parquet partitioned by year and month under DIR."),
    ) -> None:
        """Code documents into PLOVER/CAMEO events, store them and print them.

        Unreadable inputs are reported and skipped; the exit code is 1 only when nothing could be read.
        Documents already in the store are not coded again; results are committed as the run goes, so an
        interrupted run keeps what it finished and a re-run completes the rest."""
        import signal

        from accord.errors import SettingsError
        from accord.ingest.jsonl import parse_field_options

        try:
            parse_field_options(field or ())
        except SettingsError as exc:
            typer.echo(f"accord: {exc}", err=True)
            raise typer.Exit(2)
        if workers is not None or scheduler:
            if no_store or format not in (None,):
                typer.echo("accord: [E302] --workers/--scheduler store the results; --no-store and --format are not "
                           "available there (export the store instead)", err=True)
                raise typer.Exit(2)
            from accord.cli.code_distributed import run_distributed

            counts = run_distributed(paths, db, workers=workers, scheduler=scheduler, out_dir=out_dir, fields=field)
            counts.setdefault("skipped", counts.get("documents_skipped", 0))
        else:
            def _terminated(signum, frame):  # `kill`: stop like Ctrl-C, committing what was coded
                raise SystemExit(143)

            previous = signal.signal(signal.SIGTERM, _terminated)
            try:
                counts = run_code(paths, format, db, no_store, fields=field)
            finally:
                signal.signal(signal.SIGTERM, previous)
        if counts["documents"] == 0 and counts["skipped"] == 0 and counts["problems"]:
            raise typer.Exit(1)
