"""How many inputs ``read_paths`` will yield, counted cheaply before reading, so a progress bar knows its total.

A file is one input; a JSONL file one per non-blank line (counted on the bytes, nothing is parsed). Standard
input and JSON files (one document or an array of them) cannot be counted without reading them: then the
total is unknown (None).
"""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

from accord.ingest.detect import declared_format
from accord.ingest.reader import STDIN, _walk


def _jsonl_lines(path: Path) -> int:
    """Non-blank lines (the JSONL reader skips blank ones)."""
    with path.open("rb") as fh:
        return sum(1 for line in fh if not line.isspace())


def count_inputs(paths: Iterable[str | Path]) -> int | None:
    """The number of inputs under ``paths`` (documents and unreadable files alike), or None if unknown."""
    total = 0
    for raw in paths:
        if str(raw) == STDIN:
            return None
        path = Path(raw)
        files = list(_walk(path)) if path.is_dir() else [path]
        for f in files:
            suffix = f.suffix.lower()
            if suffix == ".json":
                return None
            try:
                total += _jsonl_lines(f) if declared_format(suffix) == "jsonl" else 1
            except OSError:
                total += 1  # reported as one unreadable input
    return total
