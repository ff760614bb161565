"""Scale-out figures for `make bench`: one process vs a local Dask cluster, and ACCORD_N_PROCESS=2 vs 1.

Same corpus, same run, interleaved (one process, Dask, one process, Dask, ...; medians), because the machine
may be shared. Prints one JSON object:

- wall-clock documents/s of one process and of the cluster (started once, before the rounds; its start-up is
  reported apart), the speed-up, per-worker peak RSS, and whether the stores hold identical document ids,
  event ids and sources;
- CPU seconds per document: one process (all its threads), each worker process during the run, the client
  (writer and in-process scheduler) — and the speed-up those CPU figures predict on a machine with a free
  core per worker (Amdahl: the client's CPU competes for the same cores);
- the same for ``n_process=2`` against ``n_process=1`` (``code_documents`` alone, no store);
- the machine's load average before and after, since wall-clock ratios mean little on a busy machine.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
CORPUS = ROOT.parent / "shared" / "data" / "wh_diplomacy_2021_2022.jsonl"


def _corpus(tmp: Path, limit: int) -> tuple[str, Path]:
    out = tmp / "corpus.jsonl"
    if CORPUS.exists():
        name, lines = CORPUS.name, CORPUS.read_text(encoding="utf-8").splitlines()[:limit]
    else:
        base = [json.dumps({"id": p.stem, "text": p.read_text(encoding="utf-8")})
                for p in sorted((ROOT / "examples").glob("*.txt"))]
        # the same text twice is stored once: make each copy distinct, as different articles are
        name = "examples (repeated)"
        lines = [json.dumps({"id": f"{json.loads(b)['id']}-{k}", "text": f"{json.loads(b)['text']}\n\nCopy {k}."})
                 for k in range(max(1, limit // max(1, len(base))) + 1) for b in base][:limit]
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return name, out


def _cpu_self() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _cpu_children() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)  # children that ended and were waited for
    return r.ru_utime + r.ru_stime


def _ids(store) -> tuple:
    q = store.con.execute
    return (sorted(r[0] for r in q("SELECT id FROM documents").fetchall()),
            sorted(r[0] for r in q("SELECT id FROM events").fetchall()),
            sorted(r[0] for r in q("SELECT source FROM documents").fetchall()))


def _peak_rss_mb(pid: int) -> float | None:
    """The process's peak resident set (VmHWM), in MB; None where /proc is not available."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def one_process(corpus: Path, tmp: Path, tag: str) -> dict:
    from accord.ingest import read_paths
    from accord.pipeline import code_documents
    from accord.records import Document
    from accord.store import Store

    with Store(tmp / f"one-{tag}.duckdb") as s:
        t, c = time.perf_counter(), _cpu_self()
        s.add(code_documents(d for d in read_paths([corpus]) if isinstance(d, Document)))
        wall, cpu = time.perf_counter() - t, _cpu_self() - c
        return {"seconds": wall, "cpu_seconds": cpu, "ids": _ids(s)}


def on_cluster(corpus: Path, tmp: Path, tag: str, scheduler: str) -> dict:
    from accord.distributed import code_distributed
    from accord.store import Store

    with Store(tmp / f"dask-{tag}.duckdb") as s:
        t, c = time.perf_counter(), _cpu_self()
        r = code_distributed([corpus], s, scheduler=scheduler)
        wall, client_cpu = time.perf_counter() - t, _cpu_self() - c
        ids = _ids(s)
    return {"seconds": wall, "client_cpu_seconds": client_cpu, "ids": ids, "documents": r.documents,
            "partitions": r.partitions, "task_cpu": dict(r.task_cpu), "task_seconds": dict(r.task_seconds),
            "workers": r.workers}


def dask_rounds(corpus: Path, tmp: Path, workers: int, rounds: int) -> dict:
    import psutil

    from accord.distributed import start_cluster

    from accord.distributed.worker import AccordWorker
    from accord.settings import load_settings

    t = time.perf_counter()
    cluster = start_cluster(workers)
    try:
        from distributed import Client

        with Client(cluster) as client:
            client.register_plugin(AccordWorker(load_settings()), name="accord")  # load and warm up, once
            start_s = time.perf_counter() - t
            pids = sorted(client.run(os.getpid).values())
        procs = [psutil.Process(p) for p in pids]
        ones, dasks, worker_cpu, worker_sys = [], [], [], []
        for k in range(rounds):
            ones.append(one_process(corpus, tmp, str(k)))
            before = [p.cpu_times() for p in procs]
            dasks.append(on_cluster(corpus, tmp, str(k), cluster.scheduler_address))
            after = [p.cpu_times() for p in procs]
            worker_cpu.append([a.user + a.system - b.user - b.system for a, b in zip(after, before)])
            worker_sys.append([a.system - b.system for a, b in zip(after, before)])
        peaks = [_peak_rss_mb(p) for p in pids]
    finally:
        cluster.close()
    n = len(ones[0]["ids"][0])
    one_s = statistics.median(o["seconds"] for o in ones)
    dask_s = statistics.median(d["seconds"] for d in dasks)
    c_one = statistics.median(o["cpu_seconds"] for o in ones) / n
    c_worker = statistics.median(sum(w) for w in worker_cpu) / n  # all workers' CPU per document
    c_client = statistics.median(d["client_cpu_seconds"] for d in dasks) / n
    c_tasks = statistics.median(sum(d["task_cpu"].values()) for d in dasks) / n  # inside tasks only
    busiest = statistics.median(max(w) for w in worker_cpu)
    # On `workers` free cores the run takes as long as the busiest worker or, when the client's CPU has to
    # share those cores, the total CPU spread over them.
    predicted = c_one * n / max(busiest, (c_worker + c_client) * n / workers)
    return {
        "documents": n, "workers": workers, "rounds": rounds, "partitions": dasks[0]["partitions"],
        "cluster_start_seconds": round(start_s, 1),
        "one_process_docs_per_s": round(n / one_s, 2), "dask_docs_per_s": round(n / dask_s, 2),
        "speedup": round(statistics.median(o["seconds"] / d["seconds"] for o, d in zip(ones, dasks)), 2),
        "one_process_cpu_per_doc": round(c_one, 4), "workers_cpu_per_doc": round(c_worker, 4),
        "tasks_cpu_per_doc": round(c_tasks, 4), "client_cpu_per_doc": round(c_client, 4),
        # each worker's time inside tasks over the run's wall time: below 1, it waited for work
        "worker_busy_fraction": [round(v / dasks[-1]["seconds"], 2) for v in dasks[-1]["task_seconds"].values()],
        "worker_cpu_seconds": [round(c, 1) for c in worker_cpu[-1]],
        "worker_system_cpu_seconds": [round(c, 1) for c in worker_sys[-1]],
        "predicted_speedup": round(predicted, 2),
        "worker_peak_rss_mb": sorted(round(p) for p in peaks if p is not None),
        "stores_identical": all(o["ids"] == d["ids"] for o, d in zip(ones, dasks)),
    }


def n_process_rounds(corpus: Path, processes: int, rounds: int, limit: int) -> dict:
    from accord.ingest import read_paths
    from accord.pipeline import code_documents
    from accord.records import Document
    from accord.settings import load_settings

    docs = [d for d in read_paths([corpus]) if isinstance(d, Document)][:limit]
    base = load_settings(n_process=1)
    multi = base.with_(n_process=processes)

    def timed(settings) -> tuple[float, float, float, list]:
        t, c, k = time.perf_counter(), _cpu_self(), _cpu_children()
        events = [sorted(e.id for e in coded.events) for coded in code_documents(docs, settings)]
        return time.perf_counter() - t, _cpu_self() - c, _cpu_children() - k, events

    ones, multis = [], []
    for _ in range(rounds):
        ones.append(timed(base))
        multis.append(timed(multi))
    one_s = statistics.median(o[0] for o in ones)
    multi_s = statistics.median(m[0] for m in multis)
    c_one = statistics.median(o[1] for o in ones)
    main_cpu = statistics.median(m[1] for m in multis)
    parse_cpu = statistics.median(m[2] for m in multis)
    # The main process codes what the parsing processes return: it is the serial part.
    predicted = c_one / max(main_cpu, parse_cpu / processes, (main_cpu + parse_cpu) / processes)
    return {
        "documents": len(docs), "processes": processes, "rounds": rounds,
        "one_process_docs_per_s": round(len(docs) / one_s, 2), "n_process_docs_per_s": round(len(docs) / multi_s, 2),
        "speedup": round(statistics.median(o[0] / m[0] for o, m in zip(ones, multis)), 2),
        "one_process_cpu_seconds": round(c_one, 1), "main_cpu_seconds": round(main_cpu, 1),
        "parsing_processes_cpu_seconds": round(parse_cpu, 1), "predicted_speedup": round(predicted, 2),
        "same_events": all(o[3] == m[3] for o, m in zip(ones, multis)),
    }


def run(documents: int = 400, workers: int = 2, rounds: int = 2, n_process_documents: int = 200) -> dict:
    load_before = os.getloadavg()
    from accord.nlp import load_nlp
    from accord.pipeline import code_text

    load_nlp()  # the model load is counted for neither side
    code_text("The foreign minister of France met his German counterpart in Berlin.", "2024-01-01")
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        name, corpus = _corpus(tmp, documents)
        out: dict = {"corpus": name, "cores": os.cpu_count()}
        if n_process_documents:  # first: RUSAGE_CHILDREN must not count the Dask workers when they end
            out["n_process"] = n_process_rounds(corpus, workers, rounds, n_process_documents)
        out["dask"] = dask_rounds(corpus, tmp, workers, rounds)
    out["load_average_before"] = [round(x, 2) for x in load_before]
    out["load_average_after"] = [round(x, 2) for x in os.getloadavg()]
    return out


if __name__ == "__main__":
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--documents", type=int, default=400, help="Documents in the Dask comparison.")
    ap.add_argument("--workers", type=int, default=2, help="Dask workers (and n_process processes).")
    ap.add_argument("--rounds", type=int, default=2, help="Interleaved rounds; medians are reported.")
    ap.add_argument("--n-process-documents", type=int, default=200, help="Documents in the n_process comparison (0: skip).")
    a = ap.parse_args()
    print(json.dumps(run(a.documents, a.workers, a.rounds, a.n_process_documents)))
