"""`accord explain EVENT_ID`: why an event was coded — sentence, marks, rule, parse path, confidence, cluster."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from accord.cli._output import fail
from accord.errors import AccordError


def explain_command(
    event_id: str = typer.Argument(..., help="An event id (`ev-…`), as in `accord query events` or an export."),
    db: Optional[Path] = typer.Option(None, "--db", help="DuckDB store file (default: settings db_path, ACCORD_DB)."),
    fmt: str = typer.Option("text", "--format", "-f", help="text | json"),
    parse: bool = typer.Option(True, "--parse/--no-parse", help="Parse the sentence again to show dependency paths."),
) -> None:
    """Explain one stored event: the evidence with actor, trigger and recipient marked, the rule and the
    lexicon entry it names, the dependency paths, the confidence, where the date came from and its cluster."""
    from accord.cli.query import _open
    from accord.store.explain import explain
    from accord.store.rows import jsonable

    if fmt not in ("text", "json"):
        raise typer.BadParameter("--format must be text or json")
    try:
        with _open(db) as store:
            ex = explain(store, event_id, parse=parse)
    except AccordError as exc:
        fail(exc)
        return
    if fmt == "json":
        typer.echo(json.dumps(jsonable(ex.to_dict()), ensure_ascii=False, indent=2))
        return
    from rich.console import Console
    from rich.markup import escape

    c = Console()
    e = ex.event
    c.print(f"[bold]{e['id']}[/bold]  {e['event']}{'/' + e['mode'] if e['mode'] else ''}  CAMEO {e['cameo']}  "
            f"quad {e['quad_class']}  Goldstein {e['goldstein']}")
    c.print(f"  {escape(ex.marked)}")
    for p in ex.parties:
        c.print(f"  {p['role']:<9} {escape(p['text'] or '')!s:<28} → {p['code'] or '-'} "
                f"({p['name'] or '-'}; {p['kind'] or '-'}; via {p['via'] or 'name'})")
    r = ex.rule
    c.print(f"  rule      {escape(r.get('id') or '-')}")
    if "entry" in r:
        en = r["entry"]
        c.print(f"            entry {r['lexicon_line']}: {en['pos'].lower()} {'|'.join(en['heads'])}"
                f"{' with ' + ', '.join('|'.join(w) for w in en['with']) if en['with'] else ''} → {en['event']}"
                f" (prior {en['prior']}; {escape(str(en['source']))})")
    for p in ex.paths:
        c.print(f"  path      {p['role']}: {escape(p['path'])}")
    flags = [k for k in ("negated", "intent", "hypothetical", "quoted") if e.get(k)]
    c.print(f"  confidence {e['confidence']}   flags {', '.join(flags) or 'none'}")
    c.print(f"  date      {e['date'] or '-'} ({e['date_precision'] or '-'}; source: {e['date_source']})")
    if ex.document:
        d = ex.document
        c.print(f"  document  {d['id']}  {escape(d.get('title') or '')}  {d.get('date') or ''}  {d.get('url') or d.get('source') or ''}")
    if ex.cluster:
        cl = ex.cluster
        c.print(f"  cluster   {cl['cluster_id']}: {cl['num_mentions']} mentions in {cl['num_documents']} documents "
                f"from {cl['num_sources']} sources" + (f"; also {', '.join(cl['others'][:5])}" if cl["others"] else ""))
    else:
        c.print("  cluster   not clustered yet (`accord query clusters --db …` builds the clusters)")


def register(app: typer.Typer) -> None:
    app.command("explain")(explain_command)
