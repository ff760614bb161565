"""Store figures for `make bench`: ingest beside a bare DuckDB write of the same Arrow tables, and dedup.

``python bench/store_bench.py --events N`` loads N synthetic events (streamed, 10 per document, 5,000
documents a chunk) three ways, interleaved chunk by chunk, each into a fresh file: the records with
``Store.add`` (flatten, plan, write: the single-process ``accord code`` path), the same rows already
flattened to Arrow with ``Store.add_tables`` (what the Dask client does with its workers' tables), and
the same Arrow tables with plain ``INSERT … SELECT`` (the bare write); wall and CPU time of each, their
ratios to the bare write, and peak RSS after ingest. Then a fresh process opens the
store and clusters it from scratch (``Store.dedup(full=True)``), reporting its time and peak RSS. Prints one
JSON object.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _chunks(n_events: int, per_doc: int = 10, docs_per_chunk: int = 5_000):
    from accord.store.synthetic import synthetic_corpus

    chunk = []
    for doc in synthetic_corpus(max(1, n_events // per_doc), per_doc):
        chunk.append(doc)
        if len(chunk) >= docs_per_chunk:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _bare_insert(con, tables: dict) -> None:
    """What DuckDB alone does with a batch already flattened to Arrow: one INSERT … SELECT per table."""
    con.execute("BEGIN TRANSACTION")
    for name, table in tables.items():
        if table.num_rows:
            con.register("_bare", table)
            cols = ", ".join(f'"{c}"' for c in table.column_names)
            con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bare")
            con.unregister("_bare")
    con.execute("COMMIT")


def _timed(fn) -> tuple[float, float]:
    """Wall and CPU seconds (all threads) of ``fn()``, after paying the garbage collector's debt for the
    synthetic records made just before (their making is not what is measured)."""
    gc.collect()
    w, c = time.perf_counter(), time.process_time()
    fn()
    return time.perf_counter() - w, time.process_time() - c


def ingest_and_bare(store_path: Path, bare_path: Path, n_events: int, tables_path: Path | None = None) -> dict:
    """``Store.add``, ``Store.add_tables`` and the bare DuckDB write of the same rows, interleaved chunk by
    chunk (so that load from elsewhere on the machine hits all alike). The bare write and ``add_tables`` get
    each chunk already flattened and one transaction per chunk; ``Store.add`` gets the records and does
    everything it does for a user (flatten, decide add/skip/replace, write in batches of
    ``commit_documents`` documents)."""
    import duckdb

    from accord.store import Store
    from accord.store import rows as R
    from accord.store.core import coder_version
    from accord.store.schema import migrate

    tables_path = tables_path or bare_path.with_name("tables.duckdb")
    bare = duckdb.connect(str(bare_path))
    migrate(bare)
    bare.execute("SET preserve_insertion_order = false")
    t = {k: 0.0 for k in ("store_wall", "store_cpu", "bare_wall", "bare_cpu", "tables_wall", "tables_cpu")}
    events = tables_events = 0
    with Store(store_path) as store, Store(tables_path) as by_tables:
        version = coder_version(store.settings)  # the version Store.add writes: the same rows, but stored_at
        for i, chunk in enumerate(_chunks(n_events)):
            batch = R.Batch()
            for c in chunk:
                batch.add(c, coder_version=version, run_id=None, stored_at=datetime(2024, 1, 1))
            tables = batch.tables()
            del batch
            out = []
            runs = [
                ("bare", lambda: _bare_insert(bare, tables)),
                ("tables", lambda: out.append(("tables", by_tables.add_tables(tables)))),
                ("store", lambda: out.append(("store", store.add(chunk)))),
            ]
            for name, fn in runs[i % 3:] + runs[:i % 3]:  # rotate who goes first
                w, c = _timed(fn)
                t[name + "_wall"] += w
                t[name + "_cpu"] += c
            got = dict(out)
            events += got["store"].events
            tables_events += got["tables"].events
            del tables
        rss = _rss_mb()
        readd = skipped = 0.0
        for chunk in _chunks(min(n_events, 200_000)):
            out = []
            w, _ = _timed(lambda: out.append(store.add(chunk)))
            readd += w
            skipped += out[0].skipped
    bare.close()
    assert tables_events == events, (tables_events, events)
    return {
        "events": events, "seconds": round(t["store_wall"], 2), "events_per_s": round(events / t["store_wall"]),
        "bare_duckdb_seconds": round(t["bare_wall"], 2), "bare_duckdb_events_per_s": round(n_events / t["bare_wall"]),
        "store_over_bare": round(t["bare_wall"] / t["store_wall"], 2),
        "store_cpu_seconds": round(t["store_cpu"], 2), "bare_cpu_seconds": round(t["bare_cpu"], 2),
        "store_over_bare_cpu": round(t["bare_cpu"] / t["store_cpu"], 2),
        "tables_seconds": round(t["tables_wall"], 2), "tables_cpu_seconds": round(t["tables_cpu"], 2),
        "tables_over_bare": round(t["bare_wall"] / t["tables_wall"], 2),
        "tables_over_bare_cpu": round(t["bare_cpu"] / t["tables_cpu"], 2),
        "peak_rss_mb": round(rss), "readd_skipped_documents": int(skipped), "readd_seconds": round(readd, 2),
        "load_average": [round(x, 2) for x in os.getloadavg()],
    }


def dedup_in_fresh_process(path: Path) -> dict:
    code = (
        "import json, resource, sys, time; sys.path.insert(0, %r)\n"
        "from accord.store import Store\n"
        "with Store(%r) as s:\n"
        "    t = time.perf_counter(); r = s.dedup(full=True); sec = time.perf_counter() - t\n"
        "    t = time.perf_counter(); s.dedup(); inc = time.perf_counter() - t\n"
        "print(json.dumps({'seconds': round(sec, 2), 'clusters': r.clusters, 'multi_mention_clusters': r.merged,"
        " 'incremental_noop_seconds': round(inc, 2),"
        " 'peak_rss_mb': round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))\n"
    ) % (str(ROOT / "src"), str(path))
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def run(n_events: int) -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        out = ingest_and_bare(tmp / "store.duckdb", tmp / "bare.duckdb", n_events)
        out["dedup"] = dedup_in_fresh_process(tmp / "store.duckdb")
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.events)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
