"""A writer killed with SIGKILL mid-run leaves only whole documents; re-running completes the rest."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from accord.store import Store

N_DOCS = 400
WRITER = """
import sys, time
from accord.store import Store
from accord.store.synthetic import synthetic_corpus

def slow(docs):
    for i, d in enumerate(docs):
        if i % 40 == 0:
            print(i, flush=True)
        time.sleep(0.002)
        yield d

with Store(sys.argv[1]) as s:
    r = s.add(slow(synthetic_corpus(int(sys.argv[2]), events_per_doc=40)), batch_documents=25)
    print("done", r.added, r.skipped, flush=True)
"""


def _run(path: Path, kill_after_line: int | None) -> str:
    proc = subprocess.Popen([sys.executable, "-c", WRITER, str(path), str(N_DOCS)], stdout=subprocess.PIPE, text=True,
                            env={**os.environ, "PYTHONUNBUFFERED": "1"})
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line.strip())
            if kill_after_line is not None and len(lines) >= kill_after_line:
                time.sleep(0.05)
                proc.send_signal(signal.SIGKILL)
                break
    finally:
        proc.wait(timeout=120)
    return "\n".join(lines)


def _whole(path: Path) -> tuple[int, int]:
    with Store(path) as s:
        bad = s.con.execute(
            """SELECT count(*) FROM documents d
               WHERE d.num_events <> (SELECT count(*) FROM events e WHERE e.doc_id = d.id)
                  OR 2 * d.num_events <> (SELECT count(*) FROM event_actors a WHERE a.doc_id = d.id)"""
        ).fetchone()[0]
        orphans = s.con.execute(
            "SELECT count(*) FROM events e WHERE NOT EXISTS (SELECT 1 FROM documents d WHERE d.id = e.doc_id)"
        ).fetchone()[0]
        assert bad == 0 and orphans == 0
        return s.counts()["documents"], s.counts()["events"]


def test_store_kill_and_resume_leaves_whole_documents(tmp_path):
    path = tmp_path / "killed.duckdb"
    _run(path, kill_after_line=5)  # killed while documents ~160-200 are being flattened or written
    docs, events = _whole(path)
    assert docs < N_DOCS and docs % 25 == 0 and events == docs * 40
    out = _run(path, kill_after_line=None)
    assert out.splitlines()[-1] == f"done {N_DOCS - docs} {docs}"
    assert _whole(path) == (N_DOCS, N_DOCS * 40)
