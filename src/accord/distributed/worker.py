"""What runs on a Dask worker: read, parse and code one partition, return flat Arrow tables.

The spaCy model, the actor knowledge base, the lexicon and everything else coding loads on first use are
loaded once per worker process by :class:`AccordWorker` (a Dask worker plugin), before the worker's first
task, and reused by every task. A worker parses in its own process (``n_process=1``): a Dask worker is the
unit of parallelism, and its process may not start children of its own. A task never returns spaCy
objects: it returns the partition's documents, events, actors and quotes as Arrow tables (the store's own
flattening, ``accord.store.rows.Batch``) plus its problems, so the client can write them as they are.
"""

from __future__ import annotations

import dataclasses
import os
import time
from datetime import datetime, timezone
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from accord.distributed.partition import Partition
from accord.records import Document, Problem
from accord.settings import Settings


#: Coded once when a worker starts, so that every table and index coding loads lazily is ready before the
#: first task (and no task's CPU time includes it).
WARM_UP_TEXT = ("The foreign minister of France met his German counterpart in Berlin on Monday and urged "
                "Russia to withdraw its troops.")


def worker_settings(settings: Settings) -> Settings:
    """The settings a worker codes with: the client's, parsing in the worker's own process."""
    return settings if settings.n_process == 1 else settings.with_(n_process=1)


class AccordWorker(WorkerPlugin):
    """Loads Accord's model and tables once when a worker starts, and codes one sentence to warm it up."""

    name = "accord"

    def __init__(self, settings: Settings):
        self.settings = worker_settings(settings)

    def setup(self, worker) -> None:
        from accord.actors import load_kb
        from accord.events.lexicon import load_lexicon
        from accord.nlp import load_nlp
        from accord.pipeline import code_text

        load_nlp(self.settings)
        load_kb(self.settings)
        load_lexicon()
        code_text(WARM_UP_TEXT, "2024-01-01", settings=self.settings)


def _read(part: Partition, settings: Settings):
    """The partition's Documents and Problems, with the sources a single-process run gives them."""
    from accord.ingest.reader import _finisher, read_file
    from accord.ingest.jsonl import read_jsonl_lines

    if part.path is None:
        for f in part.files:
            yield from read_file(Path(f), settings)
        return
    with open(part.path, "rb") as handle:
        handle.seek(part.start)
        lines = handle.read(part.end - part.start).splitlines(keepends=True)
    shift = part.first_line - 1
    for item in read_jsonl_lines(lines, part.path, _finisher(settings), settings.max_chars, settings.jsonl_fields):
        path, _, line = (item.source or "").rpartition(":")
        if shift and line.isdigit() and path == part.path:
            item = dataclasses.replace(item, source=f"{path}:{int(line) + shift}")
        yield item


def code_partition(part: Partition, settings: Settings, skip: frozenset[str] = frozenset(),
                   coder_version: str | None = None) -> dict:
    """Ingest, parse and code one partition. ``skip``: checksums of documents already stored.

    ``cpu_seconds`` in the result is the worker process's CPU time during the task (with Dask's own threads),
    what the bench divides by documents to predict the speed-up; ``seconds`` its wall time (a worker whose
    tasks' wall time falls short of the run's waited for work; one whose CPU falls short of it, for a core)."""
    import accord
    from accord.pipeline import code_documents
    from accord.store.rows import Batch

    settings = worker_settings(settings)
    cpu0, wall0 = time.process_time(), time.perf_counter()
    docs: list[Document] = []
    problems: list[dict] = []
    skipped = 0
    for item in _read(part, settings):
        if isinstance(item, Problem):
            problems.append(item.to_dict())
        elif item.checksum in skip:
            skipped += 1
        else:
            docs.append(item)
    batch = Batch()
    now = datetime.now(timezone.utc).replace(tzinfo=None)
    version = str(coder_version or accord.CODER_VERSION)
    n_docs = 0
    for coded in code_documents(docs, settings):
        batch.add(coded, coder_version=version, run_id=None, stored_at=now)
        problems.extend(p.to_dict() for p in coded.problems)
        n_docs += 1
    return {"partition": part.id, "tables": batch.tables(), "problems": problems, "documents": n_docs,
            "skipped": skipped, "inputs": part.documents, "pid": os.getpid(),
            "cpu_seconds": time.process_time() - cpu0, "seconds": time.perf_counter() - wall0}
