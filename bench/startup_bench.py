"""Start-up of the `accord` command beside spaCy's own load time, and what coding adds to parsing.

Every figure is a median of ``--repeat`` runs, the cases interleaved (A, B, C, A, B, C ...) so that load from
other processes on a shared machine falls on all of them alike. Each start-up is a fresh process; its wall
time and its CPU time (user + system, from ``RUSAGE_CHILDREN``) are both reported: on a busy machine the CPU
time is the steadier figure.

- ``spacy``: ``import spacy; spacy.load(model)`` - the floor any command that parses text pays;
- ``code cold``: ``accord code`` on one sentence with an empty index cache (``ACCORD_CACHE_DIR`` pointing at a
  new directory), so every index is built and stored; ``code warm``: the same with the cache filled; both
  ``--no-store`` (``code warm + store`` writes a new DuckDB file as well);
- ``version``: ``accord --version``; ``actors``: ``accord actors`` on one line, warm cache.

The full/bare ratio codes the same documents as bare ``nlp.pipe`` in one process, interleaved, by CPU time:
coding without the store (the pipeline's own cost) and the ratio bench/run.py reports (with the store) stays
where it is. It is issue #16's measure: coder v1, 200 documents, the median of 7 interleaved rounds after an
untimed round of each, in a process of its own (``make bench`` runs ``--ratio-only``): in the bench's own process,
after every other measure, three rounds read higher than the same code measured alone.
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SENTENCE = ("Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Beijing on Thursday, "
            "the Kremlin said.\n")


def _child_cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def _run(argv: list[str], env: dict, stdin: str | None = None) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process; a failure is an error, not a figure."""
    cpu = _child_cpu()
    t = time.perf_counter()
    out = subprocess.run(argv, env=env, input=stdin, capture_output=True, text=True, cwd=ROOT)
    wall = time.perf_counter() - t
    if out.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed ({out.returncode}): {out.stderr.strip()[-400:]}")
    return wall, _child_cpu() - cpu


def _accord() -> list[str]:
    exe = BIN / "accord"
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "accord"]


def bench_startup(repeat: int = 3) -> dict:
    from accord.settings import load_settings

    model = load_settings().spacy_model
    accord = _accord()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        text = tmp / "one.txt"
        text.write_text(SENTENCE, encoding="utf-8")
        warm_dir = tmp / "warm-cache"
        base = {k: v for k, v in os.environ.items() if k not in ("ACCORD_NO_CACHE", "ACCORD_CACHE_DIR")}
        warm = {**base, "ACCORD_CACHE_DIR": str(warm_dir)}
        _run([*accord, "code", str(text), "--no-store", "-f", "jsonl"], warm)  # fills the warm cache
        code = [*accord, "code", str(text), "--no-store", "-f", "jsonl"]
        cases = {
            "spacy": lambda i: _run([sys.executable, "-c", f"import spacy; spacy.load({model!r})"], base),
            "code_cold": lambda i: _run(code, {**base, "ACCORD_CACHE_DIR": str(tmp / f"cold-{i}")}),
            "code_warm": lambda i: _run(code, warm),
            "code_warm_store": lambda i: _run([*accord, "code", str(text), "--db", str(tmp / f"s{i}.duckdb"), "-f",
                                               "jsonl"], warm),
            "version": lambda i: _run([*accord, "--version"], warm),
            "actors": lambda i: _run([*accord, "actors", "--format", "json"], warm, stdin=SENTENCE),
        }
        runs: dict[str, list[tuple[float, float]]] = {k: [] for k in cases}
        for i in range(repeat):
            for name, case in cases.items():
                runs[name].append(case(i))
    out = {name: {"wall_s": round(statistics.median(w for w, _ in r), 2),
                  "cpu_s": round(statistics.median(c for _, c in r), 2)} for name, r in runs.items()}
    out["repeat"] = repeat
    out["load_average"] = [round(x, 2) for x in os.getloadavg()]
    return out


def bench_ratio(docs, settings, rounds: int = 7) -> dict:
    """CPU seconds of bare ``nlp.pipe`` and of coding (no store) on the same documents, interleaved, after one
    untimed round of each (the first coding of a text fills per-process memos that later rounds reuse)."""
    from accord.nlp import load_nlp
    from accord.pipeline import code_documents

    nlp = load_nlp(settings)
    texts = [d.text for d in docs]
    list(code_documents(docs[:4], settings))  # model, indexes and lexicons loaded before timing

    def bare():
        for _ in nlp.pipe(texts, batch_size=settings.batch_size):
            pass

    def full():
        for _ in code_documents(docs, settings):
            pass

    bare()
    full()
    times: dict[str, list[float]] = {"bare": [], "full": []}
    for _ in range(rounds):
        for name, fn in (("bare", bare), ("full", full)):
            t = time.process_time()
            fn()
            times[name].append(time.process_time() - t)
    bare_s, full_s = statistics.median(times["bare"]), statistics.median(times["full"])
    return {"documents": len(docs), "rounds": rounds, "bare_cpu_s": round(bare_s, 2), "full_cpu_s": round(full_s, 2),
            "full_over_bare": round(full_s / bare_s, 3), "coder": settings.coder}


def ratio_in_this_process(documents: int = 200, rounds: int = 7) -> dict:
    """:func:`bench_ratio` for coder v1 on the first ``documents`` of the bench corpus."""
    from run import load_corpus

    from accord.settings import load_settings

    _, docs = load_corpus(documents)
    return bench_ratio(docs, load_settings().with_(coder="v1"), rounds)


def ratio_in_own_process(documents: int = 200, rounds: int = 7) -> dict:
    """:func:`ratio_in_this_process` in a fresh process, as ``make bench`` reports it."""
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--ratio-only", "--ratio-docs", str(documents),
                          "--ratio-rounds", str(rounds)], capture_output=True, text=True, check=True, cwd=ROOT)
    return json.loads(out.stdout.strip().splitlines()[-1])


def report_lines(s: dict, r: dict | None = None) -> list[str]:
    """The lines `make bench` prints."""
    sp = s["spacy"]
    lines = [
        f"start-up      : accord code, one sentence: {s['code_warm']['wall_s']} s warm cache "
        f"({s['code_warm']['cpu_s']} s CPU), {s['code_cold']['wall_s']} s cold ({s['code_cold']['cpu_s']} s CPU); "
        f"spaCy load {sp['wall_s']} s ({sp['cpu_s']} s CPU); warm - spaCy = "
        f"{s['code_warm']['wall_s'] - sp['wall_s']:+.2f} s (goal <= +1 s); with the store "
        f"{s['code_warm_store']['wall_s']} s",
        f"start-up      : accord --version {s['version']['wall_s']} s ({s['version']['cpu_s']} s CPU); accord actors, "
        f"one line {s['actors']['wall_s']} s ({s['actors']['cpu_s']} s CPU); medians of {s['repeat']}, "
        f"load average {s['load_average'][0]}",
    ]
    if r:
        lines.append(f"full / bare   : {r['full_over_bare']:.2f}x CPU, coding without the store, coder {r['coder']} "
                     f"({r['full_cpu_s']} s vs {r['bare_cpu_s']} s bare spaCy, {r['documents']} documents, median of "
                     f"{r['rounds']} interleaved; target <= 1.15)")
    return lines


def main(argv: list[str] | None = None) -> int:
    import argparse

    sys.path.insert(0, str(ROOT / "src"))
    sys.path.insert(0, str(ROOT / "bench"))
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--ratio-docs", type=int, default=200, help="Documents for the full/bare ratio (0: skip).")
    ap.add_argument("--ratio-rounds", type=int, default=7, help="Interleaved rounds of the full/bare ratio.")
    ap.add_argument("--ratio-only", action="store_true", help="The full/bare ratio alone, as one JSON object.")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    if args.ratio_only:
        print(json.dumps(ratio_in_this_process(args.ratio_docs or 200, args.ratio_rounds)))
        return 0
    out = {"startup": bench_startup(args.repeat)}
    if args.ratio_docs:
        from run import load_corpus

        from accord.settings import load_settings

        out["ratio"] = ratio_in_this_process(args.ratio_docs, args.ratio_rounds)
    if args.json:
        print(json.dumps(out, indent=2))
    else:
        print("\n".join(report_lines(out["startup"], out.get("ratio"))))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
