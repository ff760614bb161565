"""The Accord store: coded documents in an embedded DuckDB file, written idempotently and atomically.

Identity and idempotence: a document is keyed by its id and its content checksum. Adding a document
whose checksum is already stored by the same (or a newer) coder version is a no-op; a newer coder
version, or new text under the same id, replaces the old rows. Writes go in batches of documents, each
batch one transaction (delete old rows, insert Arrow tables), so a crash leaves only whole documents.
"""

from __future__ import annotations

import gc
import json
import logging
import time
import uuid
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, is_dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Iterable, Iterator

import duckdb

import accord
from accord.errors import Code, MESSAGES, StoreError, StoreOutdatedError
from accord.records import Document, Event, Problem, Quote
from accord.settings import Settings, load_settings
from accord.store import rows as R
from accord.store.filters import Filters
from accord.store.schema import LATEST, current_version, is_accord_database, migrate

log = logging.getLogger(__name__)

_TABLES = ("documents", "events", "event_actors", "quotes")
#: In a bulk load (group commit, documents coming faster than ``_Writer.linger`` apart), a batch grows to
#: this many times ``commit_documents`` before it is flattened (see ``Store.add``).
FAST_BATCH_FACTOR = 10


@dataclass
class AddResult:
    """What ``Store.add`` did: documents added / replaced / skipped, rows written, per-document problems."""

    added: int = 0
    replaced: int = 0
    skipped: int = 0
    events: int = 0
    quotes: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def documents(self) -> int:
        return self.added + self.replaced

    def to_dict(self) -> dict:
        return {
            "documents_added": self.added,
            "documents_replaced": self.replaced,
            "documents_skipped": self.skipped,
            "events": self.events,
            "quotes": self.quotes,
            "problems": len(self.problems),
        }


def version_key(v: str | None) -> tuple:
    """Order coder releases numerically where possible ("10" > "9"), else lexically (a coder version's
    variant, after "+", is not ordered: see :func:`is_current`)."""
    parts = []
    for part in str(v or "0").partition("+")[0].replace("-", ".").split("."):
        parts.append((0, int(part), "") if part.isdigit() else (1, 0, part))
    return tuple(parts)


def _head_digest() -> str:
    """The first 8 hex digits of the SHA-256 of the learned head coder v2 loads (weights and card), or ""
    when it cannot be read."""
    import hashlib

    try:
        from accord.learn.head import HEAD_NAME, _data_dir

        files = [_data_dir() / f"{HEAD_NAME}{suffix}" for suffix in (".npz", ".json")]
        key = tuple((str(f), f.stat().st_mtime_ns, f.stat().st_size) for f in files)
        if key not in _DIGESTS:
            h = hashlib.sha256()
            for f in files:
                h.update(f.read_bytes())
            _DIGESTS[key] = h.hexdigest()[:8]
        return _DIGESTS[key]
    except (ImportError, OSError):
        return ""


_DIGESTS: dict[tuple, str] = {}


def coder_version(settings: Settings | dict | None = None) -> str:
    """The coder version stored with every document: the rules' release (``accord.CODER_VERSION``, "1")
    for coder v1, and the release plus "+v2." and a digest of the learned head for coder v2
    ("1+v2.3f9a0c1b"), so that documents coded by v1, by v2, or by v2 with another head are told apart."""
    coder = settings.get("coder") if isinstance(settings, dict) else getattr(settings, "coder", "v1")
    if coder != "v2":
        return str(accord.CODER_VERSION)
    digest = _head_digest()
    return f"{accord.CODER_VERSION}+v2" + (f".{digest}" if digest else "")


_coder_version = coder_version  # for methods whose parameter is called coder_version


def is_current(stored: str | None, wanted: str | None) -> bool:
    """Whether a document stored by coder version ``stored`` needs no re-coding by ``wanted``: the same coder
    (same variant: v1, or v2 with the same head), of the same or a newer release. Switching coders (v1 to
    v2, v2 to v1, or a retrained head) re-codes and replaces; an older release never overwrites a newer."""
    s, w = str(stored or "0"), str(wanted or "0")
    return s.partition("+")[2] == w.partition("+")[2] and version_key(s) >= version_key(w)


@contextmanager
def _collector_paused():
    """Flattening a batch allocates hundreds of thousands of small objects, and every one makes the
    cyclic garbage collector rescan the live heap (most of the flattening time). The batch holds no
    cycles, so collection waits until it is done."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _utcnow() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


_DUCKDB_MAGIC = b"DUCK"  # bytes 8-11 of every DuckDB database file


def _first_line(exc: BaseException) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__


def _connect(path: Path, read_only: bool):
    """Open ``path`` with DuckDB, refusing anything that is not a DuckDB file or a new file in an existing
    folder, and turning every failure into a StoreError that says which case it is."""
    where = f"({path}"
    if path.is_dir():
        raise StoreError(Code.STORE_OPEN_FAILED, f"{where} is a directory; pass a file path)")
    if path.exists():
        if not path.is_file():
            raise StoreError(Code.STORE_OPEN_FAILED, f"{where} is not a regular file)")
        try:
            with path.open("rb") as fh:
                head = fh.read(16)
        except OSError as exc:
            raise StoreError(Code.STORE_OPEN_FAILED, f"{where}: {exc.strerror or exc})") from exc
        if not head:
            if read_only:
                raise StoreError(Code.STORE_OPEN_FAILED, f"{where} is empty; run `accord code ... --db {path}` first)")
            path.unlink()  # an empty file holds nothing: start a new store in its place
        elif head[8:12] != _DUCKDB_MAGIC:
            raise StoreError(Code.STORE_OPEN_FAILED, f"{where} is not a DuckDB database file; Accord leaves it alone)")
    elif read_only:
        raise StoreError(Code.STORE_OPEN_FAILED, f"{where} does not exist; run `accord code ... --db {path}` first)")
    elif not path.parent.is_dir():
        raise StoreError(Code.STORE_OPEN_FAILED, f"{where}: folder {path.parent} does not exist)")
    try:
        return duckdb.connect(str(path), read_only=read_only)
    except duckdb.Error as exc:
        text = _first_line(exc)
        if "lock" in text.lower():
            raise StoreError(Code.STORE_LOCKED, f"{where}: {text})") from exc
        if "version" in text.lower() and "storage" in text.lower():
            raise StoreError(Code.STORE_SCHEMA_NEWER, f"{where}: {text})") from exc
        raise StoreError(Code.STORE_OPEN_FAILED, f"{where}: {text}; the file may be truncated or corrupt)") from exc


def _refuse_foreign(con, path: Path) -> None:
    """A DuckDB file is a store only when it is empty or carries Accord's marker; never touch another one."""
    names = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_catalog = current_database()"
    ).fetchall()}
    if not names or is_accord_database(names):
        return
    shown = ", ".join(sorted(names)[:5]) + (" ..." if len(names) > 5 else "")
    raise StoreError(Code.STORE_FOREIGN, f"({path} holds tables {shown})")


def _probe(path: Path) -> None:
    """Open an existing file read-only and check that it is an Accord store this version can write, and
    that its tables can be read, before anything opens it for writing."""
    con = _connect(path, read_only=True)
    try:
        _refuse_foreign(con, path)
        version = current_version(con)
        if version > LATEST:
            raise StoreError(Code.STORE_SCHEMA_NEWER, f"(file at version {version}, this Accord knows {LATEST})")
        if version:  # read a column of each main table: a truncated file fails here, before any write
            for table, column in (("documents", "checksum"), ("events", "id"), ("event_actors", "event_id"), ("runs", "id")):
                con.execute(f"SELECT max({column}) FROM {table}").fetchone()
    except duckdb.Error as exc:
        raise StoreError(Code.STORE_OPEN_FAILED, f"({path}: {_first_line(exc)}; the file may be truncated or corrupt)") from exc
    finally:
        con.close()


class Store:
    """An Accord database file. Use as a context manager, or call ``close()``."""

    def __init__(self, path: str | Path | None = None, read_only: bool = False, *, settings: Settings | None = None):
        self.settings = settings or load_settings()
        self.path = Path(path) if path is not None else Path(self.settings.db_path)
        self.read_only = read_only
        if not read_only and self.path.is_file() and self.path.stat().st_size > 0:
            _probe(self.path)  # check an existing file read-only first: a file that fails is never written
        self.con = _connect(self.path, read_only)
        try:
            _refuse_foreign(self.con, self.path)
            if read_only:
                version = current_version(self.con)
                if version > LATEST:
                    raise StoreError(Code.STORE_SCHEMA_NEWER, f"(file at version {version}, this Accord knows {LATEST})")
                if version < LATEST:
                    raise StoreOutdatedError(
                        Code.STORE_OPEN_FAILED,
                        f"({self.path} is at schema version {version}; open it once writable to migrate)",
                    )
            else:
                migrate(self.con)
                # Every read orders explicitly; letting bulk inserts ignore row order makes them ~10% faster.
                self.con.execute("SET preserve_insertion_order = false")
        except duckdb.Error as exc:
            self.con.close()
            raise StoreError(Code.STORE_OPEN_FAILED, f"({self.path}: {_first_line(exc)})") from exc
        except BaseException:
            self.con.close()
            raise

    # ---- lifecycle ------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def reader(self) -> "Store":
        """A read-only view of this store on a new cursor of the same connection, for one thread.

        DuckDB lets only one process open a file for writing, but inside that process every cursor
        reads a consistent snapshot while another cursor writes; a server answers reads this way
        while it codes and stores. The view never writes (``read_only``), so it never re-clusters."""
        view = object.__new__(Store)
        view.settings, view.path, view.read_only = self.settings, self.path, True
        view.con = self.con.cursor()
        return view

    @property
    def schema_version(self) -> int:
        return current_version(self.con)

    def rows(self, sql: str, params: list | None = None) -> list[dict]:
        """Run a query and return rows as dicts (the analytics and export modules build on this)."""
        cur = self.con.execute(sql, params or [])
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r)) for r in cur.fetchall()]

    # ---- runs -----------------------------------------------------------------------------------
    def begin_run(self, settings: Settings | dict | None = None) -> str:
        """Record the start of a coding run; returns its id (stored with every document it writes)."""
        run_id = "run-" + uuid.uuid4().hex[:16]
        if settings is None:
            settings = self.settings
        coder = coder_version(settings if isinstance(settings, dict) and "coder" in settings else
                              settings if is_dataclass(settings) else self.settings)
        if is_dataclass(settings):
            settings = asdict(settings)
        # This connection holds the file's write lock, so no run recorded as running is still going:
        # those were killed before they could say so.
        self.con.execute("UPDATE runs SET status = 'interrupted' WHERE status = 'running' OR status IS NULL")
        self.con.execute(
            "INSERT INTO runs (id, started_at, finished_at, accord_version, coder_version, settings, counts, problems, "
            "status) VALUES (?, ?, NULL, ?, ?, ?, NULL, NULL, 'running')",
            [run_id, _utcnow(), accord.__version__, coder, json.dumps(settings, default=str)],
        )
        return run_id

    def finish_run(self, run_id: str, counts: dict | AddResult | None = None, problems: Iterable[Problem | dict] = (),
                   *, status: str = "finished") -> None:
        """Record how a run ended: ``status`` is "finished" or "interrupted" (stopped before its input ended)."""
        if status not in ("finished", "interrupted"):
            raise ValueError("status must be 'finished' or 'interrupted'")
        if isinstance(counts, AddResult):
            problems = list(problems) + counts.problems
            counts = counts.to_dict()
        probs = [p.to_dict() if isinstance(p, Problem) else p for p in problems]
        self.con.execute(
            "UPDATE runs SET finished_at = ?, counts = ?, problems = ?, status = ? WHERE id = ?",
            [_utcnow(), json.dumps(counts or {}), json.dumps(probs), status, run_id],
        )

    def runs(self) -> list[dict]:
        out = self.rows("SELECT * FROM runs ORDER BY started_at")
        for r in out:
            for k in ("settings", "counts", "problems"):
                r[k] = json.loads(r[k]) if r[k] else None
        return out

    # ---- writing --------------------------------------------------------------------------------
    def add(
        self,
        coded_docs: Iterable,
        run: str | None = None,
        *,
        coder_version: str | None = None,
        batch_documents: int | None = None,
        batch_events: int = 100_000,
        batch_seconds: float | None = None,
    ) -> AddResult:
        """Store coded documents (any iterable, consumed lazily) and return what was done.

        Documents are written in batches of at most ``batch_documents`` documents (default: settings
        ``commit_documents``) or ``batch_seconds`` of input (default: ``commit_seconds``); each batch is one
        transaction, so after a crash every document is either wholly present or absent, and re-running
        ``add`` on the same input completes the rest. Ctrl-C (or SystemExit) still commits what was coded.
        Flattening a batch (Python) overlaps with writing the previous one (DuckDB, in a writer thread).
        When input arrives faster than it is written, the batches waiting for the writer are committed
        together in one transaction (group commit: small transactions would double the cost of a bulk
        load); an explicit ``batch_documents`` makes every batch its own transaction. With group commit,
        a batch whose documents all came within ``_Writer.linger`` seconds (a bulk load, not the parser's
        pace) keeps growing up to ``FAST_BATCH_FACTOR`` times ``commit_documents`` before it is flattened:
        it would be committed in the same group anyway, and flattening costs ~10 % less CPU in batches of
        a few thousand documents than of 200 (the fixed cost of ~50 Arrow conversions per batch).
        """

        version = str(coder_version or _coder_version(self.settings))
        max_docs = batch_documents or self.settings.commit_documents
        max_secs = self.settings.commit_seconds if batch_seconds is None else batch_seconds
        result = AddResult()
        call = _CallState(stored=self._stored_keys())
        group = batch_documents is None
        fast_docs = max_docs * FAST_BATCH_FACTOR
        writer = _Writer(self, version, run, result, group=group, queue_events=batch_events)
        pending: list = []
        n_events = 0
        since = time.monotonic()
        try:
            try:
                for coded in coded_docs:
                    pending.append(coded)
                    n_events += len(coded.events)
                    if ((len(pending) >= max_docs and (not group or len(pending) >= fast_docs
                                                       or time.monotonic() - since >= _Writer.linger))
                            or n_events >= batch_events or (max_secs and time.monotonic() - since >= max_secs)):
                        self._submit(pending, version, run, result, call, writer)
                        pending, n_events, since = [], 0, time.monotonic()
            except (KeyboardInterrupt, SystemExit):
                if pending and writer.error is None:
                    self._submit(pending, version, run, result, call, writer)
                raise
            if pending:
                self._submit(pending, version, run, result, call, writer)
        finally:
            try:
                writer.close()
            finally:
                call.stored.note(call.ids | call.sums, self.con)
        return result

    def _stored_keys(self) -> "_StoredKeys":
        """The digests of the stored ids and checksums, read once per store and kept up to date by this
        store's writes; read again when the documents table has changed behind its back."""
        keys = getattr(self, "_keys", None)
        if keys is None or not keys.still_valid(self.con):
            keys = self._keys = _StoredKeys.of(self.con)
        return keys

    def add_tables(self, tables: dict, run: str | None = None, *, coder_version: str | None = None) -> AddResult:
        """Store documents already flattened to Arrow tables (``accord.store.rows.Batch.tables()``, as Dask
        workers return them), with the same rules as :meth:`add`: a document whose content is stored by
        the same coder (of the same or a newer release, see :func:`is_current`) is skipped, new text or
        another coder replaces; of copies of one text the first is kept, of one id the last. One
        transaction. ``coder_version`` (default: the tables' own) is written on every row; ``run`` on
        the documents.

        The plan is SQL over the registered Arrow table: a batch none of whose ids and checksums can be
        stored (see :class:`_StoredKeys`) and that repeats none goes straight to the INSERT."""
        import numpy as np
        import pyarrow as pa
        import pyarrow.compute as pc

        result = AddResult()
        docs = tables["documents"]
        n = docs.num_rows
        if not n:
            return result
        tables = dict(tables)
        if coder_version is not None:
            for name in ("documents", "events"):
                t = tables[name]
                tables[name] = t.set_column(t.schema.get_field_index("coder_version"), "coder_version",
                                            pa.array([str(coder_version)] * t.num_rows, pa.string()))
        if run is not None:
            t = tables["documents"]
            tables["documents"] = t.set_column(t.schema.get_field_index("run_id"), "run_id",
                                               pa.array([run] * n, pa.string()))
        docs = tables["documents"]
        keys = self._stored_keys()
        ids, sums = docs.column("id"), docs.column("checksum")
        repeats = pc.count_distinct(ids).as_py() < n or pc.count_distinct(sums).as_py() < n
        if not repeats and not keys.may_hold(ids.to_pylist() + sums.to_pylist()):
            self._write(self.con, tables, [])
            result.added = n
        else:
            keep, delete = self._plan_tables(docs, result)
            if keep is not None:
                wanted = pa.array([i for _, i in keep], pa.string())
                tables = {name: (t.filter(pc.is_in(t.column("id" if name == "documents" else "doc_id"),
                                                   value_set=wanted)) if t.num_rows else t)
                          for name, t in tables.items()}
                if pc.count_distinct(ids).as_py() < n:
                    tables = _last_copies(tables, docs, {p for p, _ in keep})
                self._write(self.con, tables, delete)
        keys.note(set(ids.to_pylist()) | set(sums.to_pylist()), self.con)
        result.events += tables["events"].num_rows if result.documents else 0
        result.quotes += tables["quotes"].num_rows if result.documents else 0
        return result

    def _plan_tables(self, docs, result: AddResult) -> tuple[list[tuple[int, str]] | None, list[str]]:
        """Add, skip or replace each row of a documents table, in SQL: returns the (row, id) of the
        documents to insert (None: none) and the stored ids to delete, and counts into ``result``."""
        import pyarrow as pa

        n = docs.num_rows
        incoming = pa.table({"pos": pa.array(range(n), pa.int64()), "id": docs.column("id"),
                             "checksum": docs.column("checksum"), "iver": docs.column("coder_version")})
        con = self.con
        con.register("_accord_in", incoming)
        try:
            con.execute(
                "CREATE OR REPLACE TEMP TABLE _accord_match AS "
                "SELECT i.pos, d.id AS sid, true AS same_sum, d.coder_version AS sver, i.iver "
                "FROM _accord_in i JOIN documents d ON d.checksum = i.checksum "
                "UNION ALL SELECT i.pos, d.id, false, d.coder_version, i.iver "
                "FROM _accord_in i JOIN documents d ON d.id = i.id")
            pairs = con.execute("SELECT DISTINCT sver, iver FROM _accord_match WHERE same_sum").fetchall()
            current = pa.table({"sver": pa.array([p[0] for p in pairs], pa.string()),
                                "iver": pa.array([p[1] for p in pairs], pa.string()),
                                "cur": pa.array([is_current(*p) for p in pairs], pa.bool_())})
            con.register("_accord_current", current)
            plan = con.execute(
                """WITH m AS (
                       SELECT m.pos, m.sid, m.same_sum AND coalesce(c.cur, false) AS cur FROM _accord_match m
                       LEFT JOIN _accord_current c ON c.sver IS NOT DISTINCT FROM m.sver AND c.iver IS NOT DISTINCT FROM m.iver),
                   per AS (SELECT pos, bool_or(cur) AS stored_current, count(*) AS stale FROM m GROUP BY pos),
                   inc AS (SELECT i.pos, i.id, coalesce(per.stale, 0) AS stale,
                                  row_number() OVER (PARTITION BY i.checksum ORDER BY i.pos) AS copy,
                                  coalesce(per.stored_current, false) AS stored_current
                           FROM _accord_in i LEFT JOIN per ON per.pos = i.pos),
                   kept AS (SELECT pos, id, stale, row_number() OVER (PARTITION BY id ORDER BY pos) AS nth,
                                   count(*) OVER (PARTITION BY id) AS copies
                            FROM inc WHERE copy = 1 AND NOT stored_current)
                   SELECT count(*) FILTER (WHERE stale = 0 AND nth = 1) AS added,
                          count(*) FILTER (WHERE stale > 0 OR nth > 1) AS replaced,
                          list((pos, id)) FILTER (WHERE nth = copies) AS final,
                          (SELECT list(DISTINCT m.sid) FROM m WHERE m.pos IN (SELECT pos FROM kept)) AS stale_ids
                   FROM kept""").fetchall()[0]
        finally:
            con.unregister("_accord_in")
            try:
                con.unregister("_accord_current")
            except duckdb.Error:
                pass
            con.execute("DROP TABLE IF EXISTS _accord_match")
        added, replaced, final, stale_ids = plan
        result.added += added
        result.replaced += replaced
        result.skipped += n - added - replaced
        if not final:
            return None, []
        return [tuple(f.values()) if isinstance(f, dict) else tuple(f) for f in final], sorted(stale_ids or [])

    def all_checksums(self, coder_version: str | None = None) -> frozenset[str]:
        """Checksums of the stored documents that need no re-coding by ``coder_version`` (default: the
        coder of this store's settings; Dask workers skip them when a run is resumed)."""
        wanted = str(coder_version or _coder_version(self.settings))
        versions = [v for (v,) in self.con.execute("SELECT DISTINCT coder_version FROM documents").fetchall()]
        good = [v for v in versions if is_current(v, wanted)]
        if not good:
            return frozenset()
        return frozenset(r[0] for r in self.con.execute(
            "SELECT checksum FROM documents WHERE coder_version IN (SELECT unnest(?))", [good]).fetchall())

    def stored_checksums(self, checksums: Iterable[str], coder_version: str | None = None) -> dict[str, str]:
        """Which of ``checksums`` are stored by this coder (see :func:`is_current`; default: the coder of
        this store's settings), with the id they are stored under: those documents need no coding."""
        sums = list(set(checksums))
        if not sums:
            return {}
        wanted = str(coder_version or _coder_version(self.settings))
        rows = self.con.execute(
            "SELECT checksum, coder_version, id FROM documents WHERE checksum IN (SELECT unnest(?)) ORDER BY id", [sums]
        ).fetchall()
        out: dict[str, str] = {}
        for c, v, i in rows:
            if is_current(v, wanted):
                out.setdefault(c, i)
        return out

    def coded_document(self, doc_id: str):
        """A stored document with its events and quotes, as the pipeline's CodedDocument (None if absent)."""
        from accord.pipeline import CodedDocument

        docs = self.documents([doc_id])
        if not docs:
            return None
        return CodedDocument(docs[0], tuple(self.records(doc_id=doc_id)), tuple(self.quotes(doc_id)))

    def _plan(self, docs: list, version: str, result: AddResult, call: "_CallState") -> tuple[list, list[str], dict]:
        """Decide per document: skip, add or replace. Returns (documents to write, ids to delete, status)."""
        ids = list({c.document.id for c in docs})
        sums = list({c.document.checksum for c in docs})
        stored = []
        if call.stored is None or call.stored.may_hold(ids + sums):
            stored = self.con.execute(
                "SELECT id, checksum, coder_version FROM documents WHERE id IN (SELECT unnest(?)) "
                "OR checksum IN (SELECT unnest(?))",
                [ids, sums],
            ).fetchall()
        by_id = {r[0]: (r[1], r[2]) for r in stored}
        by_sum: dict[str, list[tuple[str, str]]] = {}
        for i, s, v in stored:
            by_sum.setdefault(s, []).append((i, v))
        write, delete, status, at = [], [], {}, {}
        for c in docs:
            d = c.document
            if d.checksum in call.sums:  # the same content earlier in this call (maybe not committed yet)
                result.skipped += 1
                continue
            same_content = by_sum.get(d.checksum, [])
            if any(is_current(v, version) for _, v in same_content):
                result.skipped += 1
                continue
            stale = {i for i, _ in same_content}
            if d.id in by_id or d.id in call.ids:
                stale.add(d.id)
            if stale:
                result.replaced += 1
                status[d.id] = sorted(stale)
                delete.extend(stale)
            else:
                result.added += 1
                status[d.id] = []
            call.ids.add(d.id)
            call.sums.add(d.checksum)
            if d.id in at:  # the same id earlier in this batch: the later text replaces it
                write[at[d.id]] = None
            at[d.id] = len(write)
            write.append(c)
        return [c for c in write if c is not None], sorted(set(delete)), status

    def _submit(self, docs: list, version: str, run: str | None, result: AddResult, call: "_CallState",
                writer: "_Writer") -> None:
        write, delete, status = self._plan(docs, version, result, call)
        if write:
            writer.put(write, delete, status)

    def _tables(self, docs: list, version: str, run: str | None) -> tuple[dict, int, int]:
        with _collector_paused():
            return self._tables_now(docs, version, run)

    def _tables_now(self, docs: list, version: str, run: str | None) -> tuple[dict, int, int]:
        batch = R.Batch()
        now = _utcnow()
        n_ev = n_q = 0
        for c in docs:
            e, q = batch.add(c, coder_version=version, run_id=run, stored_at=now)
            n_ev += e
            n_q += q
        return batch.tables(), n_ev, n_q

    @staticmethod
    def _write(con, tables: dict, delete_ids: list[str]) -> None:
        """Write one batch in one transaction: delete the replaced documents' rows, insert the new ones."""
        con.execute("BEGIN TRANSACTION")
        try:
            if delete_ids:
                for table, key in (("event_actors", "doc_id"), ("events", "doc_id"), ("quotes", "doc_id"), ("documents", "id")):
                    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [delete_ids])
            for name, table in tables.items():
                if table.num_rows:
                    view = f"_accord_batch_{name}"
                    con.register(view, table)
                    try:
                        cols = ", ".join(f'"{c}"' for c in table.column_names)
                        con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM {view}")
                    finally:
                        con.unregister(view)
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise

    def delete_documents(self, ids: Iterable[str]) -> None:
        ids = list(ids)
        self.con.execute("BEGIN TRANSACTION")
        try:
            for table, key in (("event_actors", "doc_id"), ("events", "doc_id"), ("quotes", "doc_id"), ("documents", "id")):
                self.con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))", [ids])
            self.con.execute("COMMIT")
        except BaseException:
            self.con.execute("ROLLBACK")
            raise

    # ---- reading --------------------------------------------------------------------------------
    def event_rows(self, filters: Filters | None = None, **kw: Any) -> list[dict]:
        f = Filters.of(filters, **kw)
        where, params = f.where("e")
        limit = f" LIMIT {int(f.limit)}" if f.limit else ""
        return self.rows(f"SELECT e.* FROM events e WHERE {where} ORDER BY e.day NULLS LAST, e.doc_id, e.start, e.id{limit}", params)

    def records(self, filters: Filters | None = None, **kw: Any) -> list[Event]:
        """Stored events as :class:`~accord.records.Event` records (nested actors, places), matching the
        filters (see :class:`Filters`), ordered by day, document, offset."""
        return list(self.iter_events(filters, **kw))

    # ---- tables for data people -----------------------------------------------------------------
    def arrow(self, what: str = "events", filters: Filters | None = None, *, layout: str = "accord", **kw: Any):
        """A ``pyarrow.Table`` of ``what`` (events, dyads, clusters, documents, quotes, mentions) in an export
        layout (``accord``, ``polecat``, ``gdelt``, ``icews``, ``phoenix``; see docs/LAYOUTS.md). Codes stay
        strings (CAMEO ``"041"``)."""
        from accord.store.codes import registered
        from accord.store.export import query_for

        if what in ("events", "dyads", "clusters", "mentions"):
            self.ensure_clusters()
        sql, params = query_for(layout, what, Filters.of(filters, **kw))
        gids = [r[0] for r in self.con.execute(
            "SELECT DISTINCT loc_geonameid FROM events WHERE loc_geonameid IS NOT NULL").fetchall()]
        with registered(self.con, geonameids=gids):
            return self.con.execute(sql, params).to_arrow_table()

    def frame(self, what: str = "events", filters: Filters | None = None, *, layout: str = "accord", **kw: Any):
        """The same as :meth:`arrow`, as a pandas ``DataFrame``."""
        return self.arrow(what, filters, layout=layout, **kw).to_pandas()

    def events(self, filters: Filters | None = None, *, layout: str = "accord", **kw: Any):
        """Stored events matching the filters as a pandas ``DataFrame`` (one row per event mention, the
        accord layout's columns unless ``layout`` says otherwise). For records use :meth:`records`;
        for Arrow, :meth:`arrow`."""
        return self.frame("events", filters, layout=layout, **kw)

    def dyad_series(self, a: str, b: str | None = None, by: str = "month", directed: bool = False, **kw: Any):
        """:func:`accord.store.analytics.dyad_series` as a pandas ``DataFrame`` indexed by period."""
        import pandas as pd

        from accord.store.analytics import dyad_series

        rows = dyad_series(self, a, b, by=by, directed=directed, **kw)
        df = pd.DataFrame(rows)
        if not df.empty:
            df["period"] = pd.to_datetime(df["period"])
            df = df.set_index("period")
        return df

    def iter_events(self, filters: Filters | None = None, chunk: int = 20_000, **kw: Any) -> Iterator[Event]:
        rows = self.event_rows(filters, **kw)
        for i in range(0, len(rows), chunk):
            part = rows[i : i + chunk]
            ids = [r["id"] for r in part]
            actors: dict[str, list[dict]] = {}
            for a in self.rows("SELECT * FROM event_actors WHERE event_id IN (SELECT unnest(?))", [ids]):
                actors.setdefault(a["event_id"], []).append(a)
            for r in part:
                yield R.event_from_row(r, actors.get(r["id"], ()))

    def documents(self, ids: Iterable[str] | None = None) -> list[Document]:
        if ids is None:
            rows = self.rows("SELECT * FROM documents ORDER BY id")
        else:
            rows = self.rows("SELECT * FROM documents WHERE id IN (SELECT unnest(?)) ORDER BY id", [list(ids)])
        return [R.document_from_row(r) for r in rows]

    def document_info(self) -> list[dict]:
        """Per-document bookkeeping (no text): id, checksum, coder version, run, counts, problems."""
        return self.rows(
            "SELECT id, checksum, title, date, url, source, coder_version, run_id, stored_at, num_events, "
            "num_quotes, problems FROM documents ORDER BY id"
        )

    def quotes(self, doc_id: str | None = None) -> list[Quote]:
        if doc_id is None:
            rows = self.rows("SELECT * FROM quotes ORDER BY doc_id, start")
        else:
            rows = self.rows("SELECT * FROM quotes WHERE doc_id = ? ORDER BY start", [doc_id])
        return [R.quote_from_row(r) for r in rows]

    def counts(self) -> dict[str, int]:
        out = {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in _TABLES + ("runs", "clusters")}
        return out

    # ---- deduplication --------------------------------------------------------------------------
    def dedup(self, window_days: int | None = None, *, full: bool = False):
        """Cluster reports of the same real-world event; see :mod:`accord.store.dedup`.

        Incremental by default: mentions not yet clustered join (or found) clusters. A full rebuild
        happens with ``full=True`` or when the stored clusters were built with another window."""
        from accord.store.dedup import build_clusters

        window = self.settings.dedup_window_days if window_days is None else int(window_days)
        built = self.con.execute("SELECT DISTINCT window_days FROM clusters").fetchall()
        if any(w != window for (w,) in built):
            full = True
        return build_clusters(self, window, full=full)

    def clusters_stale(self) -> bool:
        """True when some stored event is not in any cluster (or a clustered event has gone)."""
        n_events = self.con.execute("SELECT count(*) FROM events").fetchone()[0]
        n_members = self.con.execute(
            "SELECT count(*) FROM cluster_members m JOIN events e ON e.id = m.event_id"
        ).fetchone()[0]
        n_all = self.con.execute("SELECT count(*) FROM cluster_members").fetchone()[0]
        return n_events != n_members or n_all != n_members

    def ensure_clusters(self) -> None:
        if self.clusters_stale() and not self.read_only:
            self.dedup()

    def clusters(self, filters: Filters | None = None, min_mentions: int = 1, **kw: Any) -> list[dict]:
        from accord.store.dedup import cluster_rows

        return cluster_rows(self, Filters.of(filters, **kw), min_mentions)


def _last_copies(tables: dict, docs, rows: set[int]) -> dict:
    """The tables of a batch that holds one id twice (two texts), cut down to the copies at ``rows`` of
    the documents table: a copy's events and quotes are its ``num_events``/``num_quotes`` rows of that
    id, in document order (as ``Batch`` lays them out); its actors are those of its events."""
    import pyarrow as pa

    ids = docs.column("id").to_pylist()
    out = {"documents": docs.take(pa.array(sorted(rows), pa.int64()))}
    for name, count in (("events", "num_events"), ("quotes", "num_quotes")):
        counts = docs.column(count).to_pylist()
        blocks: dict[str, list[bool]] = {}
        for i, (doc_id, k) in enumerate(zip(ids, counts)):
            blocks.setdefault(doc_id, []).extend([i in rows] * (k or 0))
        seen: dict[str, int] = {}
        mask = []
        for doc_id in tables[name].column("doc_id").to_pylist():
            j = seen[doc_id] = seen.get(doc_id, -1) + 1
            flags = blocks.get(doc_id, ())
            mask.append(bool(flags[j]) if j < len(flags) else False)
        out[name] = tables[name].filter(pa.array(mask, pa.bool_()))
    kept = set(out["events"].column("id").to_pylist())
    actors = tables["event_actors"]
    seen_rows: set[tuple] = set()
    mask = []
    for key in reversed(list(zip(*(actors.column(c).to_pylist() for c in ("event_id", "role", "position"))))):
        mask.append(key[0] in kept and key not in seen_rows)
        seen_rows.add(key)
    out["event_actors"] = actors.filter(pa.array(mask[::-1], pa.bool_()))
    return out


class _StoredKeys:
    """A 64-bit digest (the first 16 hex digits of MD5) of every stored document id and checksum, read once
    per store (sorted) and extended by the store's own writes. Looking a batch up in SQL scans the
    documents table, so with 200 documents a batch a large store spent most of its ingest there; a batch
    none of whose keys' digests is here cannot be stored (documents of the same call are tracked by
    ``_CallState``) and needs no lookup. A digest that matches only sends the batch to the SQL lookup:
    collisions (and documents deleted since) cost time, never correctness. DuckDB computes the stored
    digests in bulk; Python the batch's, with the same MD5. The digests are read again when the
    documents table no longer has the number of rows it had after this store's last write (another
    connection wrote)."""

    def __init__(self, digests, rows: int = 0):
        self.digests = digests
        self.extra: set[int] = set()
        self.rows = rows
        self.asked: dict[str, int] = {}  # digests computed by may_hold since the last note (note needs them again)

    @classmethod
    def of(cls, con) -> "_StoredKeys":
        import numpy as np

        col = con.execute(
            "SELECT ('0x' || left(md5(k), 16))::UBIGINT AS h FROM "
            "(SELECT id AS k FROM documents UNION ALL SELECT checksum FROM documents)"
        ).fetchnumpy()["h"]
        return cls(np.sort(np.asarray(col, dtype=np.uint64)), len(col) // 2)

    @staticmethod
    def _digest(keys) -> list[int]:
        from hashlib import md5

        return [int.from_bytes(md5(k.encode()).digest()[:8], "big") for k in keys]

    def still_valid(self, con) -> bool:
        return con.execute("SELECT count(*) FROM documents").fetchall()[0][0] == self.rows

    def note(self, keys, con) -> None:
        """Keys just written (or attempted) by this store."""
        import numpy as np

        asked = self.asked
        self.extra.update(asked[k] for k in keys if k in asked)
        self.extra.update(self._digest([k for k in keys if k not in asked]))
        self.asked = {}
        if len(self.extra) > max(100_000, len(self.digests) // 4):
            self.digests = np.union1d(self.digests, np.fromiter(self.extra, np.uint64, len(self.extra)))
            self.extra = set()
        self.rows = con.execute("SELECT count(*) FROM documents").fetchall()[0][0]

    def may_hold(self, keys: list[str]) -> bool:
        import numpy as np

        if not keys or not (len(self.digests) or self.extra):
            return False
        digests = self._digest(keys)
        if len(self.asked) < 500_000:  # bounded: a huge add call recomputes the rest in note
            self.asked.update(zip(keys, digests))
        if self.extra and not self.extra.isdisjoint(digests):
            return True
        if not len(self.digests):
            return False
        h = np.array(digests, np.uint64)
        pos = np.searchsorted(self.digests, h).clip(0, len(self.digests) - 1)
        return bool((self.digests[pos] == h).any())


@dataclass
class _CallState:
    """Ids and checksums written earlier in one ``add`` call (their batch may still be in flight), and the
    keys stored before the call began."""

    ids: set[str] = field(default_factory=set)
    sums: set[str] = field(default_factory=set)
    stored: _StoredKeys | None = None


class _Writer:
    """Writes batches on its own DuckDB connection in a background thread.

    DuckDB releases the GIL while it inserts and commits, so the next batches are flattened meanwhile.
    With ``group``, every batch waiting when the writer is free goes into one transaction (as long as
    none replaces a document written earlier in the group); up to ``queue_events`` events wait. While
    batches keep coming (the next within ``linger`` seconds of the last) the writer lets the group grow
    to ``queue_events`` events before it commits: a bulk load then writes a few large transactions,
    which costs DuckDB half the CPU of many small ones, while documents coded at the pace of the
    parser (a batch every few seconds) are still committed one batch at a time, ``linger`` later. A
    transaction that fails is retried one document per transaction; a document that still fails
    becomes a Problem.
    """

    linger = 0.25

    def __init__(self, store: Store, version: str, run: str | None, result: AddResult, *, group: bool = False,
                 queue_events: int = 100_000):
        import threading
        from collections import deque

        self.store, self.version, self.run, self.result = store, version, run, result
        self.group, self.queue_events = group, max(1, queue_events)
        self.con = store.con.cursor()
        self.pending: deque = deque()
        self.queued_events = 0
        self.last_put = 0.0
        self.blocked = 0  # producers waiting for room in the queue
        self.closed = False
        self.ready = threading.Condition()
        self.error: BaseException | None = None
        self.thread = threading.Thread(target=self._loop, name="accord-store-writer", daemon=True)
        self.thread.start()

    def put(self, docs: list, delete: list[str], status: dict) -> None:
        if self.error is not None:
            raise self.error
        try:
            tables, n_ev, n_q = self.store._tables(docs, self.version, self.run)
        except (ValueError, TypeError, OverflowError, AttributeError) as exc:  # pyarrow errors are ValueErrors
            log.warning("batch could not be flattened (%s); checking documents one by one", exc)
            good = []
            for c in docs:
                try:
                    self.store._tables([c], self.version, self.run)
                    good.append(c)
                except (ValueError, TypeError, OverflowError, AttributeError) as exc1:
                    self._drop(c, status, exc1)
            if not good:
                return
            docs = good
            delete = sorted({i for c in docs for i in status.get(c.document.id) or []})
            tables, n_ev, n_q = self.store._tables(docs, self.version, self.run)
        with self.ready:
            # One batch waits at most in strict mode; in group mode, up to queue_events events.
            while self.pending and (not self.group or self.queued_events + n_ev > self.queue_events):
                self.blocked += 1
                self.ready.notify_all()
                self.ready.wait()
                self.blocked -= 1
            self.pending.append((docs, delete, status, tables, n_ev, n_q))
            self.queued_events += n_ev
            self.last_put = time.monotonic()
            self.ready.notify_all()

    def _drop(self, c, status: dict, exc: BaseException) -> None:
        """Count a document that could not be stored as a Problem (its old rows, if any, stay)."""
        d = c.document
        if status.get(d.id):
            self.result.replaced -= 1
        else:
            self.result.added -= 1
        self.result.problems.append(
            Problem(d.source or d.id, Code.STORE_FAILED.value, f"{MESSAGES[Code.STORE_FAILED]} {type(exc).__name__}: {exc}", "store")
        )

    def close(self) -> None:
        with self.ready:
            self.closed = True
            self.ready.notify_all()
        self.thread.join()
        self.con.close()
        if self.error is not None:
            raise self.error

    def _take(self) -> list | None:
        """The next group of batches to write (None once closed and drained)."""
        with self.ready:
            while not self.pending and not self.closed:
                self.ready.wait()
            if not self.pending:
                return None
            if self.group:  # let a fast stream of batches fill the group (see the class docstring)
                while (not self.closed and not self.blocked and self.queued_events < self.queue_events
                       and (wait := self.last_put + self.linger - time.monotonic()) > 0):
                    self.ready.wait(wait)
            items = [self.pending.popleft()]
            if self.group:
                written = {c.document.id for c in items[0][0]}
                while self.pending and not set(self.pending[0][1]) & written:
                    items.append(self.pending.popleft())
                    written.update(c.document.id for c in items[-1][0])
            self.queued_events -= sum(item[4] for item in items)
            self.ready.notify_all()
            return items

    def _loop(self) -> None:
        while True:
            items = self._take()
            if items is None:
                return
            if self.error is not None:
                continue
            try:
                if len(items) == 1:
                    self._one(*items[0])
                else:
                    self._many(items)
            except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
                self.error = exc

    def _many(self, items: list) -> None:
        """Write several batches in one transaction; if that fails, each batch on its own."""
        import pyarrow as pa

        merged = {name: pa.concat_tables([item[3][name] for item in items]) for name in items[0][3]}
        delete = sorted({i for item in items for i in item[1]})
        try:
            Store._write(self.con, merged, delete)
        except duckdb.Error as exc:
            log.warning("group write failed (%s); writing its batches one by one", exc)
            for item in items:
                self._one(*item)
            return
        self.result.events += sum(item[4] for item in items)
        self.result.quotes += sum(item[5] for item in items)

    def _one(self, docs, delete, status, tables, n_ev, n_q) -> None:
        result = self.result
        try:
            Store._write(self.con, tables, delete)
            result.events += n_ev
            result.quotes += n_q
            return
        except duckdb.Error as exc:
            log.warning("batch write failed (%s); writing documents one by one", exc)
        for c in docs:
            d = c.document
            try:
                one, e, q = self.store._tables([c], self.version, self.run)
                Store._write(self.con, one, status.get(d.id) or [])
            except duckdb.Error as exc:
                self._drop(c, status, exc)
                continue
            result.events += e
            result.quotes += q
