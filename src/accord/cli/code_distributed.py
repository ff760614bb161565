"""`accord code --workers N` / `--scheduler URL`: the distributed path of `accord code` (a thin shell)."""

from __future__ import annotations

from pathlib import Path

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def run_distributed(paths: list[str], db: Path | None, *, workers: int | None, scheduler: str | None,
                    out_dir: Path | None = None, fields: list[str] | None = None,
                    err_console: Console | None = None) -> dict:
    """Code on Dask, store through this process, print a summary; returns the counts."""
    from accord.distributed import code_distributed
    from accord.store import Store
    from accord.settings import load_settings

    err = err_console or Console(stderr=True)
    settings = load_settings(db_path=db) if db else load_settings()
    if fields:
        from accord.ingest.jsonl import parse_field_options

        settings = settings.with_(jsonl_fields=parse_field_options(fields))
    progress = Progress(TextColumn("[bold]coding"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                        console=err, transient=True, disable=not err.is_terminal)
    task = None

    def started(total: int, dashboard: str | None) -> None:
        nonlocal task
        if dashboard:
            err.print(f"Dask dashboard: {dashboard}")
        task = progress.add_task("coding", total=total)

    def advance(done: int, n: int) -> None:
        if task is not None:
            progress.update(task, completed=done)

    with Store(settings.db_path, settings=settings) as store, progress:
        run_id = store.begin_run(settings)
        result = code_distributed(paths, store, workers=workers, scheduler=scheduler, settings=settings,
                                  out_dir=out_dir, run=run_id, progress=advance, on_start=started,
                                  dashboard=bool(scheduler))
        counts = result.to_dict()
        store.finish_run(run_id, counts, result.problems)
    err.print(f"[green]{counts['documents_coded']} document(s) coded on {counts['workers']} worker(s), "
              f"{counts['events']} event(s) stored[/green]; {counts['documents_skipped']} already stored; "
              f"{counts['problems']} problem(s); store: {settings.db_path}"
              + (f"; Parquet: {out_dir}" if out_dir else ""))
    for p in result.problems[:20]:
        err.print(f"  {p.get('source')}: {p.get('code')} {p.get('message')}")
    return {"documents": counts["documents_coded"] + counts["documents_skipped"], "problems": counts["problems"],
            **counts}
