"""Shared output helpers for the store commands: rows as a Rich table, JSON, CSV, TSV, JSON lines or Parquet,
to the terminal or a file whose extension names the format."""

from __future__ import annotations

import csv
import io
import json
import sys
from pathlib import Path
from typing import Iterable

import typer

from accord.errors import AccordError, Code, OutputError

FORMATS = ("table", "json", "csv", "tsv", "jsonl", "parquet")
#: The format each output file extension names.
EXTENSIONS = {".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl",
              ".parquet": "parquet"}
#: Columns of running text: shortened with an ellipsis to fit the terminal. Every other column (codes,
#: dates, ids, counts) is never cut or wrapped.
PROSE = frozenset({"text", "sentence", "title", "place", "trigger", "name", "mention", "document", "reason",
                   "warning", "source", "types", "actor_name", "recipient_name", "url", "speaker", "via"})


def resolve_format(fmt: str | None, output: Path | None, allowed: Iterable[str] = FORMATS,
                   default: str = "table") -> str:
    """The output format: ``--format`` if given, else the one ``--output``'s extension names, else
    ``default``. A format and an extension that disagree are an error (E415), never a silent choice."""
    allowed = tuple(allowed)
    named = EXTENSIONS.get(output.suffix.lower()) if output is not None else None
    if fmt is not None:
        fmt = fmt.lower()
        if fmt not in allowed:
            raise typer.BadParameter(f"--format must be one of {', '.join(allowed)}")
        if named is not None and named != fmt and not (fmt == "table" and named == "csv"):
            raise OutputError(Code.OUTPUT_FORMAT_CONFLICT, f"(--format {fmt}, but {output.name} names {named})")
        return fmt
    if named is not None:
        if named not in allowed:
            raise OutputError(Code.OUTPUT_FORMAT_CONFLICT,
                              f"({output.name} names {named}, which this command does not write; use one of "
                              f"{', '.join(f for f in allowed if f != 'table')})")
        return named
    return default


def _width(value) -> int:
    return max((len(line) for line in str(value).splitlines()), default=0)


def fit_table(rows: list[dict], title: str | None = None, *, width: int | None = None, prose: Iterable[str] = PROSE,
              **table_options):
    """A Rich table that fits ``width`` columns (default: the terminal's): codes, dates, ids and numbers keep
    their full width and never wrap; prose columns share the room left and end in an ellipsis.

    Widths are set here rather than left to Rich, whose shrinking of an over-wide table cuts every column
    alike, codes included."""
    from rich.console import Console
    from rich.table import Table

    width = width or Console().width
    prose = frozenset(prose)
    table = Table(title=title, show_edge=False, **table_options)
    cols = list(rows[0]) if rows else []
    longest = {c: max([len(str(c))] + [_width(r[c]) for r in rows if r[c] is not None]) for c in cols}
    is_prose = {c: c in prose or longest[c] > 24 for c in cols}
    fixed = sum(longest[c] for c in cols if not is_prose[c])
    room = width - fixed - (3 * len(cols) - 1)  # each column two spaces of padding; a rule between columns
    flexible = [c for c in cols if is_prose[c]]
    shares = {c: min(longest[c], 60) for c in flexible}
    total = sum(shares.values()) or 1
    widths = {c: max(min(longest[c], room * shares[c] // total), min(longest[c], 4)) for c in flexible}
    spare = room - sum(widths.values())
    for c in sorted(flexible, key=lambda c: longest[c] - widths[c], reverse=True):  # hand out what rounding left
        extra = max(0, min(spare, longest[c] - widths[c]))
        widths[c] += extra
        spare -= extra
    for c in cols:
        table.add_column(str(c), no_wrap=True, overflow="ellipsis", width=widths[c] if is_prose[c] else longest[c])
    for r in rows:
        table.add_row(*("" if r[c] is None else " ".join(str(r[c]).split()) if is_prose[c] else str(r[c])
                        for c in cols))
    return table


def print_table(rows: list[dict], title: str | None = None, console=None, **options) -> None:
    from rich.console import Console

    console = console or Console()
    console.print(fit_table(rows, title, width=console.width, **options) if rows else f"{title or 'Result'}: no rows")


def write_output(output: Path, text: str | bytes, *, force: bool = False, protect: Path | None = None) -> None:
    """Write a command's output file safely (never the store, never half a file); see accord.outputs."""
    from accord.outputs import output_path, write_text

    if isinstance(text, str):
        write_text(output, text, protect=[protect] if protect else (), force=force)
        return
    with output_path(output, protect=[protect] if protect else (), force=force) as target:
        Path(target).write_bytes(text)


def emit(rows: list[dict], fmt: str | None, output: Path | None, title: str | None = None, *, force: bool = False,
         protect: Path | None = None) -> None:
    """Print ``rows`` as a table on the terminal, or write them in ``fmt`` (or the format ``output``'s
    extension names) to stdout or ``output``."""
    try:
        fmt = output_format(fmt, output, force=force, protect=protect)
        if fmt == "table" and output is None:
            print_table(rows, title)
            return
        if fmt == "table":  # a table written to a file is CSV
            fmt = "csv"
        data = to_bytes(rows, "parquet") if fmt == "parquet" else to_text(rows, fmt)
        if output is None:
            if isinstance(data, bytes):
                sys.stdout.buffer.write(data)
            else:
                sys.stdout.write(data)
        else:
            write_output(output, data, force=force, protect=protect)
    except AccordError as exc:
        fail(exc)
    if output is not None:
        typer.echo(f"wrote {len(rows)} rows to {output}", err=True)


def output_format(fmt: str | None, output: Path | None, allowed: Iterable[str] = FORMATS, default: str = "table", *,
                  force: bool = False, protect: Path | None = None) -> str:
    """Check that ``output`` may be written (E407/E408 first: where comes before what), then resolve the
    format as :func:`resolve_format` does."""
    if output is not None:
        from accord.outputs import check_output

        check_output(output, protect=[protect] if protect else (), force=force)
    return resolve_format(fmt, output, allowed, default)


def to_text(rows: Iterable[dict] | dict, fmt: str) -> str:
    from accord.store.rows import jsonable  # imported here: it loads pyarrow and DuckDB, which --version never needs

    if fmt == "json":
        return json.dumps(jsonable(rows), ensure_ascii=False, indent=2) + "\n"
    rows = list(rows)
    if fmt == "jsonl":
        return "".join(json.dumps(jsonable(r), ensure_ascii=False) + "\n" for r in rows)
    buf = io.StringIO()
    if rows:
        writer = csv.DictWriter(buf, fieldnames=list(rows[0]), **({"delimiter": "\t"} if fmt == "tsv" else {}))
        writer.writeheader()
        for r in rows:
            writer.writerow({k: ("; ".join(map(str, v)) if isinstance(v, list) else jsonable(v)) for k, v in r.items()})
    return buf.getvalue()


def to_bytes(rows: list[dict], fmt: str) -> bytes:
    """Rows as a Parquet file (codes stay strings: each column keeps the type its values have)."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    buf = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(list(rows)), buf)
    return buf.getvalue()


def fail(exc: AccordError) -> None:
    """Report a failure as one coded line and exit 1 (with --debug, raise it for its traceback)."""
    from accord.cli.safe import debugging

    if debugging():
        raise exc
    typer.echo(f"accord: {exc}", err=True)
    raise typer.Exit(1)
