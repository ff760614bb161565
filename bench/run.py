"""`make bench`: end-to-end speed of Accord on a real corpus, against the bare spaCy pipeline, plus store ingest.

Codes the White House readouts (../shared/data/wh_diplomacy_2021_2022.jsonl) when present, else the
examples repeated; stores the result in a temporary DuckDB file. In the same run it times the bare spaCy
pipeline (same model, same texts, same batch size) so the ratio shows what coding adds. Then it loads N
synthetic events into a fresh store to time ingest alone, and clusters them.
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.pipeline import code_documents  # noqa: E402
from accord.records import Document  # noqa: E402
from accord.settings import load_settings  # noqa: E402

CORPUS = ROOT.parent / "shared" / "data" / "wh_diplomacy_2021_2022.jsonl"


def _read_jsonl(path: Path) -> list[Document]:
    docs = []
    for i, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        d = json.loads(line)
        if d.get("text"):
            docs.append(Document(id=str(d.get("id") or Document.make_id(d["text"])), text=d["text"], title=d.get("title"),
                                 date=d.get("date"), url=d.get("url"), source=f"{path.name}:{i}", format="jsonl"))
    return docs


def load_corpus(limit: int | None) -> tuple[str, list[Document]]:
    """The benchmark documents: the shared readouts, else the examples repeated to a few hundred."""
    paths, name = ([CORPUS], CORPUS.name) if CORPUS.exists() else ([ROOT / "examples"], "examples (repeated)")
    try:
        from accord.ingest import read_paths

        docs = [d for d in read_paths(paths) if isinstance(d, Document)]
    except ImportError:
        docs = _read_jsonl(CORPUS) if CORPUS.exists() else []
    if not CORPUS.exists() and docs:
        base = docs
        docs = [
            Document(id=f"{d.id}-{k}", text=d.text, title=d.title, date=d.date, url=d.url, source=d.source, format=d.format)
            for k in range(max(1, 300 // len(base)))
            for d in base
        ]
    return name, docs[:limit] if limit else docs


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def bench_pipeline(docs: list[Document], settings) -> dict:
    from accord.nlp import load_nlp
    from accord.store import Store

    nlp = load_nlp(settings)
    words = sum(len(d.text.split()) for d in docs)
    texts = [d.text for d in docs]
    list(nlp.pipe(texts[: min(8, len(texts))], batch_size=settings.batch_size))  # warm up

    t = time.perf_counter()
    for _ in nlp.pipe(texts, batch_size=settings.batch_size):
        pass
    bare = time.perf_counter() - t

    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "bench.duckdb", settings=settings) as store:
            run = store.begin_run(settings)
            t = time.perf_counter()
            result = store.add(code_documents(docs, settings), run=run)
            full = time.perf_counter() - t
            store.finish_run(run, result)
            t = time.perf_counter()
            dedup = store.dedup()
            dedup_s = time.perf_counter() - t
    return {
        "documents": len(docs),
        "words": words,
        "events_stored": result.events,
        "full_seconds": round(full, 2),
        "documents_per_s": round(len(docs) / full, 1),
        "words_per_s": round(words / full),
        "events_per_s": round(result.events / full, 1),
        "bare_spacy_seconds": round(bare, 2),
        "bare_spacy_words_per_s": round(words / bare),
        "full_over_bare": round(full / bare, 3),
        "clusters": dedup.clusters,
        "dedup_seconds": round(dedup_s, 2),
    }


def bench_encoder(docs: list[Document], settings, n_sentences: int = 400) -> dict:
    """Coder v2's sentence encoder alone: sentences/s on the benchmark's own sentences (one process)."""
    from accord.learn.encoder import get_encoder
    from accord.nlp import load_nlp

    nlp = load_nlp(settings)
    sents: list[str] = []
    for sdoc in nlp.pipe([d.text for d in docs[:200]], batch_size=settings.batch_size):
        sents.extend(s.text for s in sdoc.sents if s.text.strip())
        if len(sents) >= n_sentences:
            break
    sents = sents[:n_sentences]
    t = time.perf_counter()
    enc = get_encoder()
    load = time.perf_counter() - t
    enc.encode(sents[:16])  # warm up
    t = time.perf_counter()
    enc.encode(sents)
    secs = time.perf_counter() - t
    return {"sentences": len(sents), "seconds": round(secs, 2), "sentences_per_s": round(len(sents) / secs, 1),
            "load_seconds": round(load, 2)}


def bench_ingest(n_events: int) -> dict:
    """Store ingest beside a bare DuckDB write, and dedup (bench/store_bench.py, in its own process)."""
    import subprocess

    out = subprocess.run([sys.executable, str(ROOT / "bench" / "store_bench.py"), "--events", str(n_events)],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_dask() -> dict:
    """One process vs a 2-worker local Dask cluster, and n_process=2 vs 1 (bench/distributed_bench.py, in its
    own process)."""
    import subprocess

    out = subprocess.run([sys.executable, str(ROOT / "bench" / "distributed_bench.py")],
                         capture_output=True, text=True, check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def bench_dedup_gold() -> dict:
    from accord.store.dedup_eval import score_dedup

    return score_dedup(ROOT / "tests" / "gold" / "dedup_gold.json").to_dict()


def bench_actor_kb(repeat: int = 3) -> dict:
    """Time to build the actor knowledge base (it is loaded at every CLI start): first build, with the
    tokenizer, and the fastest rebuild; CPU seconds, so a shared machine distorts them less."""
    from accord.actors.kb import build_kb

    t = time.process_time()
    kb = build_kb()
    first = time.process_time() - t
    again = []
    for _ in range(repeat):
        t = time.process_time()
        build_kb()
        again.append(time.process_time() - t)
    stats = kb.stats()
    return {"first_cpu_seconds": round(first, 3), "rebuild_cpu_seconds": round(min(again), 3),
            "organisations": stats["organisations"], "sector_words": stats["sector_words"], "phrases": stats["phrases"]}


def bench_actor_resolution(repeat: int = 3) -> dict:
    """Actor resolution on top of spaCy's parse (the actor issue allows at most 30 %): the test set's realistic
    paragraphs (tests/data/actor_mentions.jsonl, 8 lines each), parsed once, resolved ``repeat`` times; CPU
    seconds, best round of each."""
    import datetime as dt
    import json as _json

    from accord.actors.kb import load_kb
    from accord.actors import resolve_document
    from accord.nlp.pipeline import load_nlp

    path = ROOT / "tests" / "data" / "actor_mentions.jsonl"
    lines = [_json.loads(line)["text"] for line in path.open(encoding="utf-8") if line.strip()]
    paragraphs = [" ".join(lines[i: i + 8]) for i in range(0, len(lines), 8)]
    nlp, kb = load_nlp(), load_kb()
    parse, resolve = [], []
    for _ in range(repeat):
        t = time.process_time()
        docs = list(nlp.pipe(paragraphs))
        parse.append(time.process_time() - t)
        t = time.process_time()
        for doc in docs:
            resolve_document(doc, dt.date(2023, 6, 1), kb=kb)
        resolve.append(time.process_time() - t)
    return {"paragraphs": len(paragraphs), "parse_cpu_seconds": round(min(parse), 3),
            "resolve_cpu_seconds": round(min(resolve), 3), "share": round(min(resolve) / min(parse), 3)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="Code at most N documents.")
    ap.add_argument("--ingest-events", type=int, nargs="*", default=[200_000, 2_000_000],
                    help="Synthetic event counts for the store benchmark (none: skip).")
    ap.add_argument("--no-nlp", action="store_true", help="Skip the coding benchmark (store only).")
    ap.add_argument("--no-dask", action="store_true", help="Skip the 1 process vs 2 Dask workers comparison.")
    ap.add_argument("--json", action="store_true", help="Print one JSON object instead of text.")
    args = ap.parse_args(argv)

    settings = load_settings()
    out: dict = {"settings": {"spacy_model": settings.spacy_model, "batch_size": settings.batch_size,
                              "n_process": settings.n_process, "coder": settings.coder}}
    if not args.no_nlp:
        name, docs = load_corpus(args.limit)
        out["corpus"] = name
        out["pipeline"] = bench_pipeline(docs, settings)
        if settings.coder == "v2":
            out["pipeline_v1"] = bench_pipeline(docs, settings.with_(coder="v1"))
            out["encoder"] = bench_encoder(docs, settings)
        from coder_bench import bench_coders  # bench/coder_bench.py: bare spaCy, v1, v2 interleaved

        out["coders"] = bench_coders(args.limit)
    if not args.no_nlp:
        out["dedup_gold"] = bench_dedup_gold()
    out["ingest"] = [bench_ingest(n) for n in args.ingest_events or []]
    if not args.no_nlp and not args.no_dask:
        out["dask"] = bench_dask()
    out["actor_kb"] = bench_actor_kb()
    if not args.no_nlp:
        out["actor_resolution"] = bench_actor_resolution()
    if not args.no_nlp:  # start-up beside spaCy's load, and coding over parsing (bench/startup_bench.py)
        from startup_bench import bench_startup, ratio_in_own_process

        out["startup"] = bench_startup()
        out["startup_ratio"] = ratio_in_own_process(200)  # issue #16's measure, in a process of its own
    out["peak_rss_mb"] = round(_rss_mb(), 1)

    if args.json:
        print(json.dumps(out, indent=2))
        return 0
    if "pipeline" in out:
        p = out["pipeline"]
        print(f"corpus: {out['corpus']}  ({p['documents']} documents, {p['words']:,} words)")
        print(f"full pipeline : {p['documents_per_s']:>8} docs/s  {p['words_per_s']:>8,} words/s  "
              f"{p['events_per_s']:>8} events/s stored  ({p['events_stored']} events, {p['full_seconds']} s)")
        print(f"bare spaCy    : {p['bare_spacy_words_per_s']:>25,} words/s  ({p['bare_spacy_seconds']} s)")
        print(f"full / bare   : {p['full_over_bare']:.2f}x time (target <= 1.30)")
        print(f"dedup         : {p['clusters']} clusters in {p['dedup_seconds']} s")
    if out.get("dedup_gold"):
        g = out["dedup_gold"]
        print(f"dedup gold    : pairwise precision {g['precision']}, recall {g['recall']} "
              f"({g['gold_pairs']} gold pairs over {g['selected']} events)")
    for i in out.get("ingest", []):
        d = i["dedup"]
        print(f"store ingest  : {i['events_per_s']:,} events/s for {i['events']:,} synthetic events ({i['seconds']} s) "
              f"beside a bare DuckDB write of the same Arrow tables at {i['bare_duckdb_events_per_s']:,} events/s "
              f"({i['store_over_bare']}x wall; target >= 0.7x); re-adding skipped {i['readd_skipped_documents']:,} documents "
              f"in {i['readd_seconds']} s")
        if "store_over_bare_cpu" in i:
            print(f"store ingest  : CPU {i['store_cpu_seconds']} s beside bare {i['bare_cpu_seconds']} s "
                  f"({i['store_over_bare_cpu']}x), peak RSS {i['peak_rss_mb']} MB after ingest")
        if "tables_over_bare_cpu" in i:
            print(f"add_tables    : Arrow in (the Dask client's path) {i['tables_seconds']} s, CPU {i['tables_cpu_seconds']} s "
                  f"({i['tables_over_bare']}x wall, {i['tables_over_bare_cpu']}x CPU of the bare write; target >= 0.85x); "
                  f"load average {i.get('load_average')}")
        print(f"dedup         : {d['clusters']:,} clusters ({d['multi_mention_clusters']:,} with several mentions) from "
              f"{i['events']:,} events in {d['seconds']} s, peak RSS {d['peak_rss_mb']} MB (target < 60 s, < 2 GB at 2M); "
              f"incremental pass with nothing new {d['incremental_noop_seconds']} s")
    if out.get("dask"):
        k = out["dask"]["dask"]
        print(f"dask          : {k['dask_docs_per_s']} docs/s on {k['workers']} workers vs {k['one_process_docs_per_s']} "
              f"docs/s in one process ({k['speedup']}x wall clock; goal >= 1.7x) on {k['documents']} documents, "
              f"{k['partitions']} partitions, medians of {k['rounds']} interleaved rounds; worker peak RSS "
              f"{k['worker_peak_rss_mb']} MB (goal <= 1 GB); cluster start {k['cluster_start_seconds']} s; "
              f"stores identical: {k['stores_identical']}")
        print(f"dask CPU      : {k['one_process_cpu_per_doc']} s/doc in one process, {k['workers_cpu_per_doc']} s/doc on "
              f"the workers, {k['client_cpu_per_doc']} s/doc in the client (writer, scheduler): predicted "
              f"{k['predicted_speedup']}x with a free core per worker; workers inside tasks for "
              f"{k['worker_busy_fraction']} of the run")
        m = out["dask"].get("n_process")
        if m:
            print(f"n_process={m['processes']}   : {m['n_process_docs_per_s']} vs {m['one_process_docs_per_s']} docs/s "
                  f"({m['speedup']}x wall clock; goal >= 1.4x) on {m['documents']} documents; CPU: one process "
                  f"{m['one_process_cpu_seconds']} s, main {m['main_cpu_seconds']} s + parsing processes "
                  f"{m['parsing_processes_cpu_seconds']} s: predicted {m['predicted_speedup']}x; same events: {m['same_events']}")
        print(f"machine load  : {out['dask']['load_average_before']} before, {out['dask']['load_average_after']} after "
              f"(1/5/15-minute load averages on {out['dask']['cores']} cores; wall-clock ratios need a quiet machine)")
    k = out["actor_kb"]
    print(f"actor KB load : {k['first_cpu_seconds']} s CPU first (with tokenizer), {k['rebuild_cpu_seconds']} s rebuild "
          f"({k['organisations']:,} organisations, {k['sector_words']:,} sector words, {k['phrases']:,} phrases)")
    if "actor_resolution" in out:
        r = out["actor_resolution"]
        print(f"actor resolve : {r['resolve_cpu_seconds']} s CPU on {r['paragraphs']} paragraphs beside spaCy's parse "
              f"{r['parse_cpu_seconds']} s: {r['share']:.0%} on top (goal <= 30 %)")
    if "pipeline_v1" in out:
        p, v1 = out["pipeline"], out["pipeline_v1"]
        print(f"coder         : {out['settings']['coder']} above; v1 (rules only): {v1['words_per_s']:>8,} words/s "
              f"({v1['events_stored']} events, {v1['full_seconds']} s, {v1['full_over_bare']:.2f}x bare)")
        print(f"v2 / bare     : {p['words_per_s'] / p['bare_spacy_words_per_s']:.2f}x bare spaCy's words/s (target >= 0.50)")
    if "encoder" in out:
        e = out["encoder"]
        print(f"encoder       : {e['sentences_per_s']:>8} sentences/s ({e['sentences']} sentences in {e['seconds']} s, "
              f"loaded in {e['load_seconds']} s)")
    if "startup" in out:
        from startup_bench import report_lines

        print("\n".join(report_lines(out["startup"], out.get("startup_ratio"))))
    if "coders" in out:
        from coder_bench import report as coders_report

        print(coders_report(out["coders"]))
    print(f"peak RSS      : {out['peak_rss_mb']} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
