"""What runs on a Dask worker: read, parse and code one partition, return flat Arrow tables.

The spaCy model, the actor knowledge base and the lexicon are loaded once per worker process by
:class:`AccordWorker` (a Dask worker plugin) and reused by every task. A task never returns spaCy
objects: it returns the partition's documents, events, actors and quotes as Arrow tables (the store's own
flattening, ``accord.store.rows.Batch``) plus its problems, so the client can write them as they are.
"""

from __future__ import annotations

import dataclasses
import os
from datetime import datetime, timezone
from pathlib import Path

from distributed.diagnostics.plugin import WorkerPlugin

from accord.distributed.partition import Partition
from accord.records import Document, Problem
from accord.settings import Settings


class AccordWorker(WorkerPlugin):
    """Loads Accord's model and tables once when a worker starts."""

    name = "accord"

    def __init__(self, settings: Settings):
        self.settings = settings

    def setup(self, worker) -> None:
        from accord.actors import load_kb
        from accord.events.lexicon import load_lexicon
        from accord.nlp import load_nlp

        load_nlp(self.settings)
        load_kb(self.settings)
        load_lexicon()


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
    for item in read_jsonl_lines(lines, part.path, _finisher(settings), settings.max_chars):
        path, _, line = (item.source or "").rpartition(":")
        if shift and line.isdigit() and path == part.path:
            item = dataclasses.replace(item, source=f"{path}:{int(line) + shift}")
        yield item


def code_partition(part: Partition, settings: Settings, skip: frozenset[str] = frozenset(),
                   coder_version: str | None = None) -> dict:
    """Ingest, parse and code one partition. ``skip``: checksums of documents already stored."""
    import accord
    from accord.pipeline import code_documents
    from accord.store.rows import Batch

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
            "skipped": skipped, "inputs": part.documents, "pid": os.getpid()}
