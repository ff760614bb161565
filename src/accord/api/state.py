"""The one process that owns the store file, and how requests share it.

DuckDB lets one process open a file for writing and then no other process may open it at all. The
server therefore holds the only connection: every read request gets its own cursor (a consistent
snapshot, answered while a write is in progress), and writes — coding and storing a document, then
re-clustering — go one at a time under a lock. Coding itself runs outside the store lock (it does not
touch the file) but under its own lock, because one spaCy pipeline is shared by the request threads.
"""

from __future__ import annotations

import threading
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from accord.settings import Settings
from accord.store import Store


class ServerStore:
    def __init__(self, path: Path, settings: Settings):
        self.settings = settings
        self.store = Store(path, settings=settings)
        self.write_lock = threading.Lock()
        self.code_lock = threading.Lock()
        with self.write_lock:
            self.store.ensure_clusters()

    @contextmanager
    def read(self) -> Iterator[Store]:
        """A read-only view on a fresh cursor, closed when the request is done."""
        view = self.store.reader()
        try:
            yield view
        finally:
            view.close()

    def close(self) -> None:
        with self.write_lock:
            self.store.close()
