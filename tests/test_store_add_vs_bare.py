"""``Store.add`` stores exactly what a bare DuckDB write of the same flattened Arrow tables stores: every
column of the four document tables, compared with ``EXCEPT ALL`` in both directions, only the time stored
blanked (the benchmark's "bare write" is therefore the same work, issue #14)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

import duckdb

from accord.store import Store
from accord.store import rows as R
from accord.store.schema import migrate
from accord.store.synthetic import synthetic_corpus

from test_store_rows_identity import realistic_documents

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))
from store_bench import _bare_insert  # noqa: E402  (the benchmark's baseline itself)

_TABLES = ("documents", "events", "event_actors", "quotes")


def _bare(path, docs, version: str) -> None:
    con = duckdb.connect(str(path))
    migrate(con)
    batch = R.Batch()
    for c in docs:
        batch.add(c, coder_version=version, run_id=None, stored_at=datetime(2024, 1, 1))
    _bare_insert(con, batch.tables())
    con.close()


def _differences(store_path, bare_path) -> dict[str, tuple[int, int, int]]:
    """Per table: (rows, rows only in the store, rows only in the bare file), every column but stored_at."""
    con = duckdb.connect()
    con.execute(f"ATTACH '{store_path}' AS s (READ_ONLY)")
    con.execute(f"ATTACH '{bare_path}' AS b (READ_ONLY)")
    out = {}
    for t in _TABLES:
        cols = [r[0] for r in con.execute(f"DESCRIBE s.{t}").fetchall() if r[0] != "stored_at"]
        sel = ", ".join(f'"{c}"' for c in cols)
        n = con.execute(f"SELECT count(*) FROM s.{t}").fetchone()[0]
        only_s = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM s.{t} EXCEPT ALL SELECT {sel} FROM b.{t})").fetchone()[0]
        only_b = con.execute(f"SELECT count(*) FROM (SELECT {sel} FROM b.{t} EXCEPT ALL SELECT {sel} FROM s.{t})").fetchone()[0]
        out[t] = (n, only_s, only_b)
    con.close()
    return out


def test_add_stores_every_column_the_bare_write_stores(tmp_path):
    docs = realistic_documents()[:4] + list(synthetic_corpus(300, 7, seed=5))  # the hand-written reports, distinct ids
    with Store(tmp_path / "store.duckdb") as s:
        r = s.add(docs, coder_version="1", batch_events=500)  # several batches through the writer thread
        assert not r.problems
    _bare(tmp_path / "bare.duckdb", docs, "1")
    diff = _differences(tmp_path / "store.duckdb", tmp_path / "bare.duckdb")
    assert all(n > 0 for t, (n, _, _) in diff.items()), diff
    assert all(a == 0 and b == 0 for _, a, b in diff.values()), diff
