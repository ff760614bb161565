"""Code a corpus on a Dask cluster and write the results through one writer: the same store as one process.

``code_distributed(paths, store, workers=2)`` starts a local cluster of worker processes (or connects to
``scheduler="tcp://host:8786"``), registers :class:`~accord.distributed.worker.AccordWorker` so each
worker loads the model once, submits one task per partition (``partition.plan``) and writes each result to
the store in the client, in input order as results arrive — DuckDB has one writer, and the order makes
the store equal to a single-process run's (the first copy of a repeated text is the one kept). Writing is idempotent: a partition that
was retried or computed twice changes nothing, documents already stored (by content checksum) are
skipped before they are parsed, so a killed run re-run completes the store. Lost workers' partitions are
recomputed by Dask (``retries``). With ``out_dir`` the events are also written as Parquet partitioned by
year and month, one file per partition (rewritten, never duplicated, on a re-run).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable

from accord.distributed.partition import Partition, plan
from accord.settings import Settings, load_settings

log = logging.getLogger(__name__)


@dataclass
class DistributedResult:
    partitions: int = 0
    documents: int = 0  # coded this run
    skipped: int = 0  # already stored before the run (not parsed again)
    added: int = 0
    replaced: int = 0
    events: int = 0
    quotes: int = 0
    problems: list[dict] = field(default_factory=list)
    dashboard: str | None = None
    workers: int = 0
    #: CPU seconds the tasks used, by worker process id (the bench's per-document cost on the workers).
    task_cpu: dict = field(default_factory=dict)
    #: Wall seconds the tasks took, by worker process id.
    task_seconds: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"partitions": self.partitions, "documents_coded": self.documents, "documents_skipped": self.skipped,
                "documents_added": self.added, "documents_replaced": self.replaced, "events": self.events,
                "quotes": self.quotes, "problems": len(self.problems), "workers": self.workers}


#: Partitions asked for per worker thread: enough that the last, unequal tasks of a run leave no worker idle
#: for long, few enough that each task's fixed cost (a few milliseconds) stays negligible.
PARTITIONS_PER_THREAD = 8

#: Dask settings for a local cluster (its scheduler and nannies run in this process, its workers in their
#: own), measured with bench/distributed_bench.py. Dask's statistical profiler samples every worker
#: thread's stack every 10 ms: on spaCy's deep call stacks that cost about a sixth of a worker's CPU time,
#: so it is off. The nanny starts workers with
#: MALLOC_TRIM_THRESHOLD_=65536, which makes glibc hand memory back to the system after nearly every batch
#: and costs parsing 15-25% more CPU per document; workers keep glibc's default, as one process does.
#: The event-loop, system and memory monitors poll 10-50 times a second; at that rate an idle cluster of two
#: workers costs 9% of a core (a third of it in this process, beside the writer); polled as below, 1.9%.
CLUSTER_CONFIG = {
    "distributed.worker.profile.enabled": False,
    "distributed.nanny.pre-spawn-environ": {"OMP_NUM_THREADS": 1, "MKL_NUM_THREADS": 1, "OPENBLAS_NUM_THREADS": 1},
    "distributed.admin.tick.interval": "200ms",
    "distributed.admin.system-monitor.interval": "2s",
    "distributed.worker.memory.monitor-interval": "1s",
}


def start_cluster(workers: int, *, memory_limit: str = "2GB", dashboard: bool = False):
    """A local cluster of ``workers`` single-threaded worker processes (spaCy parses in one thread)."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(CLUSTER_CONFIG):  # read as the scheduler and nannies start, passed on to the workers
        return LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=memory_limit,
                            dashboard_address=":0" if dashboard else None, silence_logs=logging.ERROR,
                            # without a dashboard the scheduler's HTTP endpoints take any free port, not 8787
                            scheduler_kwargs=None if dashboard else {"dashboard_address": ":0"})


def code_distributed(
    paths: Iterable[str | Path],
    store,
    *,
    workers: int | None = None,
    scheduler: str | None = None,
    settings: Settings | None = None,
    out_dir: str | Path | None = None,
    run: str | None = None,
    progress: Callable[[int, int], None] | None = None,
    on_start: Callable[[int, str | None], None] | None = None,
    retries: int = 3,
    dashboard: bool = False,
    range_bytes: int | None = None,
) -> DistributedResult:
    """Code ``paths`` on Dask and store the results; see the module docstring."""
    from distributed import Client, as_completed

    from accord.distributed.worker import AccordWorker, code_partition

    settings = settings or load_settings()
    result = DistributedResult()
    cluster = None
    if scheduler:
        client = Client(scheduler)
    else:
        cluster = start_cluster(max(1, int(workers or 1)), dashboard=dashboard)
        client = Client(cluster)
    try:
        result.dashboard = client.dashboard_link if (dashboard or scheduler) else None
        info = client.scheduler_info().get("workers", {})
        result.workers = len(info)
        threads = sum(int(w.get("nthreads", 1)) for w in info.values()) or 1
        parts = plan(paths, range_bytes=range_bytes, target=threads * PARTITIONS_PER_THREAD)
        result.partitions = len(parts)
        client.register_plugin(AccordWorker(settings), name="accord")  # each worker loads and warms up now
        if on_start:
            on_start(sum(p.documents for p in parts), result.dashboard)
        from accord.store.core import coder_version

        version = coder_version(settings)  # v1, or v2 with its head: stamped by the workers, checked here
        skip = client.scatter({"accord-stored-checksums": store.all_checksums(version)},
                              broadcast=True)["accord-stored-checksums"]
        futures = [client.submit(code_partition, p, settings, skip, version, key=f"accord-{p.id}", retries=retries,
                                 pure=False) for p in parts]
        order = {f.key: i for i, f in enumerate(futures)}
        ready: dict[int, dict] = {}
        next_i = done = 0
        for future in as_completed(futures):
            ready[order[future.key]] = future.result()
            future.release()
            # Written in input order, as one process would: the first copy of a repeated text wins.
            while next_i in ready:
                out = ready.pop(next_i)
                next_i += 1
                added = store.add_tables(out["tables"], run, coder_version=version)
                result.documents += out["documents"]
                result.skipped += out["skipped"]
                result.added += added.added
                result.replaced += added.replaced
                result.events += added.events
                result.quotes += added.quotes
                result.problems.extend(out["problems"])
                result.task_cpu[out["pid"]] = result.task_cpu.get(out["pid"], 0.0) + out["cpu_seconds"]
                result.task_seconds[out["pid"]] = result.task_seconds.get(out["pid"], 0.0) + out["seconds"]
                if out_dir is not None:
                    _write_parquet(Path(out_dir), out)
                done += out["inputs"]
                if progress:
                    progress(done, out["inputs"])
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    return result


def _write_parquet(root: Path, out: dict) -> None:
    """The partition's events under ``root/events/year=YYYY/month=M/<partition>.parquet`` (hive layout that
    DuckDB reads with ``hive_partitioning``) and its documents (without text) under ``root/documents``."""
    import pyarrow.compute as pc
    import pyarrow.parquet as pq

    events = out["tables"]["events"]
    name = f"{out['partition']}.parquet"
    if events.num_rows:
        years, months = pc.year(events.column("day")), pc.month(events.column("day"))
        for y, m in sorted({(a, b) for a, b in zip(years.to_pylist(), months.to_pylist())}, key=str):
            mask = pc.and_kleene(pc.equal(years, y) if y is not None else pc.is_null(years),
                                 pc.equal(months, m) if m is not None else pc.is_null(months))
            folder = root / "events" / f"year={y if y is not None else 'unknown'}" / f"month={m if m is not None else 'unknown'}"
            folder.mkdir(parents=True, exist_ok=True)
            pq.write_table(events.filter(mask), folder / name)
    docs = out["tables"]["documents"]
    if docs.num_rows:
        (root / "documents").mkdir(parents=True, exist_ok=True)
        pq.write_table(docs.drop_columns(["text"]), root / "documents" / name)


__all__ = ["code_distributed", "DistributedResult", "Partition", "plan", "start_cluster"]
