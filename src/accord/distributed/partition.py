"""Split the inputs of a run into partitions a worker can read on its own.

A partition is a group of small files or a byte range of a large JSONL corpus cut at line ends, with the
number of the range's first line (so each document keeps the source ``file.jsonl:LINE`` it has in a
single-process run) and how many documents it holds (for a progress bar with a real total). Plans are
deterministic: the same inputs and the same ``target`` give the same partitions and ids.

Partition size follows the cluster: with ``target`` (the client asks for several partitions per worker
thread) a corpus is cut into about that many pieces, no smaller than ``MIN_RANGE_BYTES`` and no larger
than ``RANGE_BYTES``. A 2 MB corpus cut at 4 MB is one task and one busy worker; cut into 8 per worker, the
last tasks are short, so no worker waits long for the slowest one at the end of a run.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from accord.ingest.detect import declared_format

#: A JSONL range is at most about this many bytes; small files are grouped up to this size or FILES_PER_PARTITION.
RANGE_BYTES = 4 * 1024 * 1024
FILES_PER_PARTITION = 32
#: ... and, when a run asks for a number of partitions, at least this many bytes (about 25 news articles,
#: a few seconds of coding: a task's own overhead is a few milliseconds).
MIN_RANGE_BYTES = 64 * 1024


@dataclass(frozen=True)
class Partition:
    """``files`` (read whole), or one JSONL ``path`` from byte ``start`` to ``end`` starting at ``first_line``."""

    id: str
    files: tuple[str, ...] = ()
    path: str | None = None
    start: int = 0
    end: int = 0
    first_line: int = 1
    documents: int = 0


def _pid(*parts) -> str:
    return "p-" + hashlib.sha256("\x1f".join(map(str, parts)).encode()).hexdigest()[:12]


def _files(paths: Iterable[str | Path]) -> list[Path]:
    from accord.ingest.reader import _walk

    out: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            out.extend(_walk(p))
        else:
            out.append(p)  # a missing file is reported by the worker that reads it, as in one process
    return out


def _jsonl_ranges(path: Path, range_bytes: int) -> list[Partition]:
    parts: list[Partition] = []
    size = path.stat().st_size
    with path.open("rb") as handle:
        start, line = 0, 1
        while start < size:
            handle.seek(min(start + range_bytes, size))
            if handle.tell() < size:
                handle.readline()  # finish the line the cut fell in
            end = handle.tell()
            handle.seek(start)
            chunk = handle.read(end - start)
            lines = chunk.count(b"\n") + (0 if chunk.endswith(b"\n") or not chunk else 1)
            docs = sum(1 for raw in chunk.splitlines() if raw.strip())
            parts.append(Partition(_pid(path, start, end), path=str(path), start=start, end=end, first_line=line,
                                   documents=docs))
            start, line = end, line + lines
    return parts


def _sizes(files: list[Path], target: int | None) -> tuple[int, int]:
    """Range bytes and files per partition that cut the inputs into about ``target`` partitions."""
    if not target or target < 1:
        return RANGE_BYTES, FILES_PER_PARTITION
    total = sum(f.stat().st_size for f in files if f.is_file())
    range_bytes = min(RANGE_BYTES, max(MIN_RANGE_BYTES, -(-total // target)))
    others = sum(1 for f in files if not (f.is_file() and declared_format(f.suffix.lower()) == "jsonl"))
    return range_bytes, min(FILES_PER_PARTITION, max(1, -(-others // target)))


def plan(paths: Iterable[str | Path], *, range_bytes: int | None = None,
         files_per_partition: int | None = None, target: int | None = None) -> list[Partition]:
    """The partitions of the inputs, in input order: about ``target`` of them when given (within the
    size bounds above); explicit ``range_bytes``/``files_per_partition`` win."""
    files = _files(paths)
    auto_bytes, auto_files = _sizes(files, target)
    range_bytes = range_bytes or auto_bytes
    files_per_partition = files_per_partition or auto_files
    out: list[Partition] = []
    group: list[str] = []
    group_bytes = 0

    def flush() -> None:
        nonlocal group, group_bytes
        if group:
            out.append(Partition(_pid(*group), files=tuple(group), documents=len(group)))
            group, group_bytes = [], 0

    for f in files:
        if f.is_file() and declared_format(f.suffix.lower()) == "jsonl":
            flush()
            out.extend(_jsonl_ranges(f, range_bytes))
            continue
        size = f.stat().st_size if f.is_file() else 0
        if group and (len(group) >= files_per_partition or group_bytes + size > range_bytes):
            flush()
        group.append(str(f))
        group_bytes += size
    flush()
    return out
