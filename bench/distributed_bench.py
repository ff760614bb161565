"""Dask figures for `make bench`: one process vs a 2-worker local cluster on the same corpus, same run.

Prints one JSON object: documents/s of each, the speed-up, peak RSS of each worker process, and whether the
two stores hold identical document and event ids.
"""

from __future__ import annotations

import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "data" / "wh_diplomacy_2021_2022.jsonl"


def _corpus(tmp: Path, limit: int) -> Path:
    out = tmp / "corpus.jsonl"
    if CORPUS.exists():
        lines = CORPUS.read_text(encoding="utf-8").splitlines()[:limit]
    else:
        lines = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")})
                 for p in sorted((ROOT / "examples").glob("*.txt"))] * 20
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return out


def _ids(store) -> tuple:
    q = store.con.execute
    return (sorted(r[0] for r in q("SELECT id FROM documents").fetchall()),
            sorted(r[0] for r in q("SELECT id FROM events").fetchall()))


def run(limit: int = 240, workers: int = 2) -> dict:
    import psutil

    from accord.distributed import code_distributed
    from accord.ingest import read_paths
    from accord.nlp import load_nlp
    from accord.pipeline import code_documents
    from accord.records import Document
    from accord.store import Store

    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        corpus = _corpus(tmp, limit)
        load_nlp()  # model load is not counted for the single process either
        with Store(tmp / "one.duckdb") as s:
            t = time.perf_counter()
            s.add(code_documents(d for d in read_paths([corpus]) if isinstance(d, Document)))
            one_s = time.perf_counter() - t
            one = _ids(s)
        peaks: dict[int, float] = {}

        def sample(done, n):
            for p in psutil.Process().children(recursive=True):
                try:
                    if "spawn_main" in " ".join(p.cmdline()) and "resource_tracker" not in " ".join(p.cmdline()):
                        peaks[p.pid] = max(peaks.get(p.pid, 0.0), p.memory_info().rss / 2**20)
                except psutil.Error:
                    pass

        started = {}
        with Store(tmp / "two.duckdb") as s:
            t0 = time.perf_counter()
            code_distributed([corpus], s, workers=workers, range_bytes=64 * 1024, progress=sample,
                             on_start=lambda total, _: started.setdefault("t", time.perf_counter()))
            total_s = time.perf_counter() - t0
            two = _ids(s)
        # Coding time: from the moment the cluster is up (the workers load the model meanwhile, as a
        # long run amortises), to the last stored result; cluster start-up is reported apart.
        coding_s = total_s - (started.get("t", t0) - t0)
    n = len(one[0])
    return {"documents": n, "one_process_docs_per_s": round(n / one_s, 2),
            "workers": workers, "dask_docs_per_s": round(n / coding_s, 2),
            "speedup": round(one_s / coding_s, 2), "cluster_start_seconds": round(started.get("t", t0) - t0, 1),
            "dask_total_seconds": round(total_s, 1), "one_process_seconds": round(one_s, 1),
            "worker_peak_rss_mb": sorted(round(v) for v in peaks.values()),
            "stores_identical": one == two}


if __name__ == "__main__":
    print(json.dumps(run(int(sys.argv[1]) if len(sys.argv) > 1 else 240)))
