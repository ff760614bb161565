"""`accord eval`: score the coder on a gold file (or White House readouts); rendering only."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import typer

from accord.errors import AccordError

_SUMMARY = (
    ("type_precision", "type precision (micro)"),
    ("type_recall", "type recall (micro)"),
    ("f1", "type F1 (micro)"),
    ("macro_f1", "type F1 (macro)"),
    ("source_accuracy", "source country, sets intersect"),
    ("source_exact_accuracy", "source country, exact set"),
    ("target_accuracy", "target country, sets intersect"),
    ("target_exact_accuracy", "target country, exact set"),
    ("source_sector_accuracy", "source sector"),
    ("triple_accuracy", "full triple (lenient)"),
    ("triple_accuracy_strict", "full triple (strict)"),
    ("intent_flag_accuracy", "intent flag on intent events"),
    ("negation_respected", "negated gold not coded as positive"),
    ("no_event_documents_clean", "no-event documents left clean"),
)


def _fmt(value) -> str:
    if value is None:
        return "–"
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _dyad(d: dict | None) -> str:
    if not d:
        return "—"
    flags = "".join(f" [{k}]" for k in ("negated", "intent") if d.get(k))
    mode = f"/{d['mode']}" if d.get("mode") else ""
    return f"{d['event']}{mode} {','.join(d['source']) or '?'} → {','.join(d['target']) or '∅'}{flags}"


def _render_report(report, worst: int, by_phenomenon: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    m = report.metrics
    console.print(
        f"[bold]{report.name}[/bold] ({report.format}, {m['documents']} documents, {m['gold_events']} gold events, "
        f"{m['predicted_events']} predicted, {report.seconds}s)"
    )
    summary = Table("metric", "value", title="Summary")
    for key, label in _SUMMARY:
        summary.add_row(label, _fmt(m.get(key)))
    summary.add_row("TP / FP / FN / duplicates", f"{m['tp']} / {m['fp']} / {m['fn']} / {m['duplicates']}")
    console.print(summary)

    per_type = Table("type", "support", "TP", "FP", "FN", "precision", "recall", "F1", title="Per type")
    for name, row in report.per_type.items():
        per_type.add_row(name, *(_fmt(row[k]) for k in ("support", "tp", "fp", "fn", "precision", "recall", "f1")))
    console.print(per_type)

    if by_phenomenon and report.by_phenomenon:
        table = Table("phenomenon", "docs", "gold", "TP", "FP", "FN", "F1", "triple", title="By phenomenon")
        for tag, row in report.by_phenomenon.items():
            table.add_row(tag, *(_fmt(row[k]) for k in ("documents", "gold_events", "tp", "fp", "fn", "f1", "triple_accuracy")))
        console.print(table)

    if worst > 0:
        rows = list(report.misses[:worst]) + list(report.false_positives[: max(0, worst - len(report.misses))])
        if rows:
            console.print(f"[bold]Worst {len(rows)}[/bold]")
        for row in rows:
            text = row["text"] if len(row["text"]) <= 300 else row["text"][:297] + "…"
            console.print(
                f"[red]{row['kind']}[/red] {row['doc_id']}: expected {_dyad(row['expected'])}; "
                f"predicted {_dyad(row['predicted'])}\n  [dim]{text}[/dim]",
                highlight=False,
            )
    _render_problems(console, report.problems)


_PLV_SUMMARY = (
    ("type_found", "type found (gold type among the sentence's events)"),
    ("type_source", "type + source span"),
    ("type_target", "type + target span"),
    ("type_both", "type + both sides"),
    ("type_target_directed", "type + target, joint events not counted as X->Y"),
    ("type_both_directed", "type + both, joint events not counted as X->Y"),
    ("joint_matches", "dyads matched only by a joint event (convention)"),
    ("events_per_sentence", "events predicted per sentence"),
    ("no_event_sentences", "sentences with no event predicted"),
    ("unnamed_sides", "gold sides not named in the text (not scored)"),
)


def _render_plv(report, worst: int) -> None:
    """PLV dyads: recall-style shares only (a sentence may hold events that are not labelled)."""
    from rich.console import Console
    from rich.table import Table

    console = Console()
    m = report.metrics
    console.print(
        f"[bold]{report.name}[/bold] ({report.format}, {m['documents']} sentences, {m['gold_events']} labelled dyads, "
        f"{m['predicted_events']} predicted, {report.seconds}s)"
    )
    summary = Table("metric", "value", title="Summary")
    for key, label in _PLV_SUMMARY:
        summary.add_row(label, _fmt(m.get(key)))
    console.print(summary)
    per_type = Table("type", "support", "type found", "type + source", "type + both", title="Per type (recall)")
    for name, row in report.per_type.items():
        per_type.add_row(name, *(_fmt(row[k]) for k in ("support", "type_found", "type_source", "type_both")))
    console.print(per_type)
    for row in report.misses[:worst]:
        text = row["text"] if len(row["text"]) <= 300 else row["text"][:297] + "…"
        e = row["expected"]
        console.print(
            f"[red]{row['kind']}[/red] {row['doc_id']}: expected {e['event']} {e['source']} → {e['target']}; "
            f"predicted {_dyad(row['predicted'])}; types found {row['predicted_types'] or '—'}\n  [dim]{text}[/dim]",
            highlight=False,
        )
    _render_problems(console, report.problems)


def _render_problems(console, problems) -> None:
    """A count per code and the first few, so a broken coder does not flood the terminal."""
    if not problems:
        return
    counts: dict[str, int] = {}
    for problem in problems:
        counts[problem["code"]] = counts.get(problem["code"], 0) + 1
    console.print("[yellow]problems:[/yellow] " + ", ".join(f"{code} × {n}" for code, n in sorted(counts.items())))
    for problem in problems[:3]:
        console.print(f"  [yellow]{problem['code']}[/yellow] {problem['source']}: {problem['message']}", highlight=False)


def _render_readouts(report, worst: int) -> None:
    from rich.console import Console
    from rich.table import Table

    console = Console()
    d = report.to_dict()
    console.print(
        f"[bold]readouts[/bold] {d['path']}: {d['evaluated']} of {d['total']} evaluated, "
        f"USA–counterpart CONSULT found in {d['hits']} ({d['consult_dyad_share']:.3f}); "
        f"any CONSULT in {d['any_consult_share']:.3f} ({d['seconds']}s)"
    )
    for reason, n in d["skipped"].items():
        console.print(f"  skipped: {reason}: {n}")
    _render_problems(console, report.problems)
    if worst > 0 and report.misses:
        table = Table("document", "expected", "CONSULTs coded", title=f"First {min(worst, len(report.misses))} misses")
        for miss in report.misses[:worst]:
            table.add_row(miss["title"], " – ".join(miss["expected"]), "; ".join(_dyad(c) for c in miss["consults"]) or "—")
        console.print(table)


def register(app: typer.Typer) -> None:
    @app.command("eval")
    def eval_command(
        gold_file: Optional[Path] = typer.Argument(None, help="Gold JSONL: PLOVER gold records, PLV dyads or Accord gold (detected)."),
        format: str = typer.Option("table", "--format", "-f", help="table or json."),
        worst: int = typer.Option(10, "--worst", min=0, max=1_000_000_000, help="Show the N worst misses."),
        by_phenomenon: bool = typer.Option(False, "--by-phenomenon", help="Break scores down by phenomenon tag."),
        update_floors: bool = typer.Option(False, "--update-floors", help="Raise the CI floors to these scores (never lowers)."),
        rebaseline: bool = typer.Option(False, "--rebaseline", help="With --update-floors: accept a changed gold file."),
        floors_file: Path = typer.Option(Path("tests/eval_floors.json"), "--floors", help="The floors file."),
        readouts: Optional[Path] = typer.Option(None, "--readouts", help="Check CONSULT dyads on a readouts JSONL instead."),
        limit: Optional[int] = typer.Option(None, "--limit", min=0, max=1_000_000_000,
                                            help="Only the first N documents (0: all)."),
    ) -> None:
        """Score the event coder on a gold file: per-type P/R/F1, actor accuracy, triples, worst misses."""
        if format not in ("table", "json"):
            raise typer.BadParameter("--format must be table or json")
        try:
            if readouts is not None:
                from accord.eval.readouts import evaluate_readouts

                result = evaluate_readouts(readouts, limit=limit)
                if format == "json":
                    typer.echo(json.dumps(result.to_dict(worst=worst), indent=2, ensure_ascii=False))
                else:
                    _render_readouts(result, worst)
                if gold_file is None:
                    return
            if gold_file is None:
                raise typer.BadParameter("give a GOLD_FILE or --readouts PATH")
            from accord.eval import evaluate

            report = evaluate(gold_file, limit=limit)
            if format == "json":
                typer.echo(json.dumps(report.to_dict(worst=worst), indent=2, ensure_ascii=False))
            elif report.format == "plv":
                _render_plv(report, worst)
            else:
                _render_report(report, worst, by_phenomenon)
            if update_floors:
                from accord.eval import floors as fl

                if limit:
                    raise typer.BadParameter("--update-floors needs the whole gold file (drop --limit)")
                new, changes = fl.raise_floors(fl.load_floors(floors_file), report, rebaseline=rebaseline)
                fl.save_floors(new, floors_file)
                for line in changes or [f"{report.name}: no floor raised"]:
                    typer.echo(line, err=True)
        except AccordError as exc:
            typer.echo(str(exc), err=True)
            raise typer.Exit(2) from exc
