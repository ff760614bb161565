"""Store figures for `make bench`: ingest beside a bare DuckDB write of the same Arrow tables, and dedup.

``python bench/store_bench.py --events N`` loads N synthetic events (streamed, 10 per document) into a fresh
store with ``Store.add`` and, in the same run, writes the same rows — already flattened to Arrow — into a
fresh DuckDB file with plain ``INSERT … SELECT`` (the bare write). Then a fresh process opens the store and
clusters it from scratch (``Store.dedup(full=True)``), reporting its time and peak RSS. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
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


def bare_write(path: Path, n_events: int) -> float:
    """Seconds DuckDB alone takes to insert the flattened rows (flattening itself is not timed)."""
    import duckdb

    from accord.store import rows as R
    from accord.store.schema import migrate

    con = duckdb.connect(str(path))
    migrate(con)
    con.execute("SET preserve_insertion_order = false")
    seconds = 0.0
    for chunk in _chunks(n_events):
        batch = R.Batch()
        for c in chunk:
            batch.add(c, coder_version="1", run_id=None, stored_at=datetime(2024, 1, 1))
        tables = batch.tables()
        t = time.perf_counter()
        con.execute("BEGIN TRANSACTION")
        for name, table in tables.items():
            if table.num_rows:
                con.register("_bare", table)
                cols = ", ".join(f'"{c}"' for c in table.column_names)
                con.execute(f"INSERT INTO {name} ({cols}) SELECT {cols} FROM _bare")
                con.unregister("_bare")
        con.execute("COMMIT")
        seconds += time.perf_counter() - t
    con.close()
    return seconds


def ingest(path: Path, n_events: int) -> dict:
    """Store.add timed per pre-built chunk, so that making the synthetic records is not counted."""
    from accord.store import Store

    seconds = readd = 0.0
    events = skipped = 0
    with Store(path) as store:
        for chunk in _chunks(n_events):
            t = time.perf_counter()
            events += store.add(chunk).events
            seconds += time.perf_counter() - t
        for chunk in _chunks(min(n_events, 200_000)):
            t = time.perf_counter()
            skipped += store.add(chunk).skipped
            readd += time.perf_counter() - t
    return {"events": events, "seconds": round(seconds, 2), "events_per_s": round(events / seconds),
            "readd_skipped_documents": skipped, "readd_seconds": round(readd, 2)}


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
        store = ingest(tmp / "store.duckdb", n_events)
        bare = bare_write(tmp / "bare.duckdb", n_events)
        store["bare_duckdb_events_per_s"] = round(n_events / bare)
        store["store_over_bare"] = round(store["events_per_s"] / store["bare_duckdb_events_per_s"], 2)
        store["dedup"] = dedup_in_fresh_process(tmp / "store.duckdb")
    return store


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=200_000)
    args = ap.parse_args(argv)
    print(json.dumps(run(args.events)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
