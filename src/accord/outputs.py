"""Output files written safely: never over the store or another database, never over an existing file
unless asked, never half-written.

A file is written to a temporary name beside it and renamed into place when complete, so a full disk or
a crash leaves the old file (or nothing) rather than a truncated one. Devices and pipes (``/dev/stdout``)
are written directly.
"""

from __future__ import annotations

import errno
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterable, Iterator

from accord.errors import Code, OutputError

_DUCKDB_MAGIC = b"DUCK"


def _same(a: Path, b: Path) -> bool:
    try:
        if a.exists() and b.exists():
            return os.path.samefile(a, b)
    except OSError:
        pass
    return a.resolve() == b.resolve()


def _is_database(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(16)[8:12] == _DUCKDB_MAGIC
    except OSError:
        return False


def check_output(path: str | Path, protect: Iterable[str | Path] = (), force: bool = False) -> Path:
    """The output path, if it may be written; else an :class:`OutputError` that says why not.

    ``protect`` lists files that must never be overwritten (the store); a DuckDB database is never
    overwritten either, and any other existing file only with ``force``."""
    path = Path(path)
    for p in protect:
        p = Path(p)
        for guarded in (p, p.with_name(p.name + ".wal")):
            if _same(path, guarded):
                raise OutputError(Code.OUTPUT_REFUSED, f"({path} is the store itself; write the output elsewhere)")
    if path.is_dir():
        raise OutputError(Code.OUTPUT_FAILED, f"({path} is a directory; pass a file name)")
    if not path.parent.is_dir():
        raise OutputError(Code.OUTPUT_FAILED, f"(folder {path.parent} does not exist; create it first)")
    if path.exists() and path.is_file():
        if _is_database(path):
            raise OutputError(Code.OUTPUT_REFUSED, f"({path} is a DuckDB database; Accord never overwrites one)")
        if not force:
            raise OutputError(Code.OUTPUT_REFUSED, f"({path} exists; pass --force to replace it)")
    return path


def _failed(path: Path, exc: OSError) -> OutputError:
    reason = "the disk is full" if exc.errno == errno.ENOSPC else (exc.strerror or str(exc))
    return OutputError(Code.OUTPUT_FAILED, f"({path}: {reason})")


@contextmanager
def output_path(path: str | Path, protect: Iterable[str | Path] = (), force: bool = False) -> Iterator[Path]:
    """A path to write the output to (a temporary one beside ``path``); it becomes ``path`` only when the
    block completes. For a device or pipe the path itself is yielded."""
    path = check_output(path, protect, force)
    if path.exists() and not path.is_file():
        try:
            yield path
        except OSError as exc:
            raise _failed(path, exc) from exc
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".accord-tmp", dir=path.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        os.replace(tmp_path, path)
    except OSError as exc:
        raise _failed(path, exc) from exc
    finally:
        if tmp_path.exists():
            tmp_path.unlink()


def write_text(path: str | Path, text: str, protect: Iterable[str | Path] = (), force: bool = False) -> None:
    """Write ``text`` (UTF-8) to ``path`` safely; see :func:`output_path`."""
    with output_path(path, protect, force) as target:
        try:
            with open(target, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            raise _failed(Path(path), exc) from exc
