"""`make faults`: the heavy fault figures - coding time against document length, a 500-page PDF, peak
memory of a batch with very long documents, and a kill -9 loop whose resumed stores must equal a clean run.

Everything is generated here (texts in our own words, the PDF with fpdf2); nothing is read from
../shared/data. Prints one line per measurement and a summary; exits 1 if a resumed store differs from
the clean one or a peak RSS reaches 1 GB.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

ACCORD = [sys.executable, "-c", "from accord.cli.main import app; app()"]
RSS_LIMIT_MB = 1024

_SENTENCES = [
    "Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in Nairobi on Monday to discuss trade.",
    "The French foreign ministry condemned the missile strike on the Ukrainian city of Kharkiv.",
    "\"We will not accept these threats,\" the Iranian foreign minister told reporters in Tehran.",
    "Police in Lagos arrested twelve protesters outside the parliament, a spokesman said.",
    "Germany and Poland signed an agreement on border security in Berlin.",
    "Japan pledged $200 million in aid to the Philippines after the typhoon.",
    "The United Nations Security Council called for an immediate ceasefire in Sudan.",
    "Brazilian officials said talks with Argentina on the gas pipeline would resume next month.",
]


def text_of(chars: int, paragraph_every: int = 0) -> str:
    """About ``chars`` characters of news sentences; a blank line every ``paragraph_every`` sentences (0: none)."""
    out, n, i = [], 0, 0
    while n < chars:
        s = _SENTENCES[i % len(_SENTENCES)]
        sep = "\n\n" if paragraph_every and i and i % paragraph_every == 0 else " "
        out.append((sep if out else "") + s)
        n += len(s) + len(sep)
        i += 1
    return "".join(out)[:chars]


def lengths(sizes: list[int]) -> list[tuple[str, int, float, int]]:
    """Seconds to parse and code one document per length, in one warm process (no time budget)."""
    from accord.pipeline import code_documents
    from accord.records import Document
    from accord.settings import load_settings

    settings = load_settings(doc_seconds=0)
    next(code_documents([Document(id="warm", text=text_of(2000))], settings))
    rows = []
    for kind, para in (("no newlines", 0), ("paragraphs", 6)):
        for n in sizes:
            doc = Document(id=f"{kind}-{n}", text=text_of(n, para), date="2024-05-16")
            t0 = time.perf_counter()
            coded = next(code_documents([doc], settings))
            secs = time.perf_counter() - t0
            rows.append((kind, n, secs, len(coded.events)))
            print(f"  {kind:12s} {n:>8,} chars  {secs:7.1f} s  {secs / n * 1e4:5.2f} s per 10k chars  "
                  f"{len(coded.events):5d} events", flush=True)
    return rows


def _run(args: list[str], env: dict | None = None) -> tuple[int, float, float]:
    """Run a command; returns (exit code, wall seconds, peak RSS in MB of that process)."""
    t0 = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env={**os.environ, **(env or {})})
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace") if proc.stderr else ""
    if proc.returncode not in (0,):
        print("   stderr:", err.strip().splitlines()[-1:] if err.strip() else "")
    return proc.returncode, time.perf_counter() - t0, usage.ru_maxrss / 1024


def make_pdf(path: Path, pages: int) -> int:
    """A ``pages``-page PDF of news paragraphs; returns its number of characters of text."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_auto_page_break(False)
    pdf.set_font("Helvetica", size=10)
    chars = 0
    for p in range(pages):
        pdf.add_page()
        body = text_of(1400, 4).replace("\u201c", '"').replace("\u201d", '"')
        pdf.multi_cell(0, 5, f"Page {p + 1}. " + body)
        chars += len(body)
    pdf.output(str(path))
    return chars


def big_pdf(tmp: Path, pages: int) -> tuple[float, float, int]:
    pdf = tmp / f"report-{pages}.pdf"
    chars = make_pdf(pdf, pages)
    db = tmp / f"pdf-{pages}.duckdb"
    code, secs, rss = _run([*ACCORD, "code", str(pdf), "--db", str(db), "-f", "jsonl"])
    docs, events, _ = _state(db) if db.exists() else ((), (), [])
    print(f"  {pages}-page PDF ({chars:,} chars): exit {code}, {secs:.1f} s, peak RSS {rss:.0f} MB, "
          f"{len(docs)} document(s), {len(events)} events", flush=True)
    return secs, rss, code


def big_batch(tmp: Path, long_docs: int, long_chars: int, short_docs: int) -> tuple[float, float, int]:
    folder = tmp / "batch"
    folder.mkdir(exist_ok=True)
    for i in range(long_docs):
        (folder / f"long{i}.txt").write_text(text_of(long_chars, 0) + f" Item {i}.", encoding="utf-8")
    for i in range(short_docs):
        (folder / f"short{i:04d}.txt").write_text(text_of(600 + 7 * i, 3) + f" Item {i}.", encoding="utf-8")
    code, secs, rss = _run([*ACCORD, "code", str(folder), "--db", str(tmp / "batch.duckdb"), "-f", "jsonl"])
    total = long_docs * long_chars + sum(600 + 7 * i for i in range(short_docs))
    print(f"  batch of {long_docs} x {long_chars:,}-char + {short_docs} short documents ({total:,} chars): exit {code}, "
          f"{secs:.1f} s, peak RSS {rss:.0f} MB", flush=True)
    return secs, rss, code


def _state(db: Path) -> tuple:
    from accord.store import Store

    with Store(db, read_only=True) as s:
        docs = tuple(r[0] for r in s.con.execute("SELECT id FROM documents ORDER BY id").fetchall())
        events = tuple(r[0] for r in s.con.execute("SELECT id FROM events ORDER BY id").fetchall())
        runs = [r["status"] for r in s.runs()]
    return docs, events, runs


def kill_loop(tmp: Path, rounds: int, n_docs: int, seed: int) -> list[dict]:
    folder = tmp / "corpus"
    folder.mkdir(exist_ok=True)
    for i in range(n_docs):
        (folder / f"wire{i:04d}.txt").write_text(text_of(900 + 13 * i, 3) + f" Item {i}.", encoding="utf-8")
    env = {"ACCORD_COMMIT_DOCUMENTS": "5", "ACCORD_BATCH_SIZE": "8"}
    clean = tmp / "clean.duckdb"
    _, clean_secs, _ = _run([*ACCORD, "code", str(folder), "--db", str(clean)], env)
    want = _state(clean)[:2]
    print(f"  clean run: {len(want[0])} documents, {len(want[1])} events, {clean_secs:.1f} s", flush=True)
    rng = random.Random(seed)
    results = []
    for r in range(rounds):
        db = tmp / f"killed-{r}.duckdb"
        kills = 0
        for attempt in range(2):  # two kills per round, each after a random number of printed events
            stop_after = rng.randrange(1, max(2, int(len(want[1]) * 0.9)))
            proc = subprocess.Popen([*ACCORD, "code", str(folder), "--db", str(db), "-f", "jsonl"],
                                    stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                                    env={**os.environ, **env, "PYTHONUNBUFFERED": "1"})
            printed = 0
            for _ in proc.stdout:
                printed += 1
                if printed >= stop_after:
                    time.sleep(rng.uniform(0, 0.5))
                    proc.send_signal(signal.SIGKILL)
                    break
            proc.wait()
            kills += proc.returncode == -signal.SIGKILL
        stored_before = len(_state(db)[0]) if db.exists() else 0
        code, secs, _ = _run([*ACCORD, "code", str(folder), "--db", str(db)], env)
        docs, events, runs = _state(db)
        ok = (docs, events) == want
        results.append({"round": r + 1, "kills": kills, "kept": stored_before, "resume_s": secs, "equal": ok,
                        "runs": runs})
        print(f"  round {r + 1}: {kills} kill(s) -9, {stored_before}/{len(want[0])} documents kept, resume {secs:.1f} s, "
              f"store equal to clean run: {ok}, runs {runs}", flush=True)
    return results


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--quick", action="store_true", help="Smaller sizes (a minute or two).")
    ap.add_argument("--seed", type=int, default=None, help="Seed of the kill moments (default: from the clock).")
    args = ap.parse_args()
    seed = args.seed if args.seed is not None else int(time.time())
    sizes = [25_000, 50_000, 100_000] if args.quick else [25_000, 50_000, 100_000, 200_000, 400_000]
    failed = False
    with tempfile.TemporaryDirectory(prefix="accord-faults-") as tmp_name:
        tmp = Path(tmp_name)
        print("Coding time by document length (one warm process):", flush=True)
        rows = lengths(sizes)
        for kind in ("no newlines", "paragraphs"):
            pts = [(n, s) for k, n, s, _ in rows if k == kind]
            (n0, s0), (n1, s1) = pts[0], pts[-1]
            print(f"  {kind}: {n1 // n0}x the length took {s1 / s0:.1f}x the time (linear: {n1 // n0}x)")
        print("A long PDF (its own process):", flush=True)
        _, pdf_rss, pdf_code = big_pdf(tmp, 100 if args.quick else 500)
        print("Peak memory of a batch with very long documents:", flush=True)
        _, batch_rss, batch_code = big_batch(tmp, 2 if args.quick else 4, 300_000, 100 if args.quick else 300)
        print(f"Kill -9 loop (seed {seed}):", flush=True)
        results = kill_loop(tmp, 2 if args.quick else 5, 40 if args.quick else 120, seed)
    print("Summary:")
    print(f"  peak RSS: PDF {pdf_rss:.0f} MB, batch {batch_rss:.0f} MB (limit {RSS_LIMIT_MB} MB)")
    print(f"  kill -9: {sum(r['equal'] for r in results)}/{len(results)} resumed stores equal to the clean run, "
          f"{sum(r['kills'] for r in results)} kills, runs marked interrupted: "
          f"{sum(s == 'interrupted' for r in results for s in r['runs'])}")
    if max(pdf_rss, batch_rss) >= RSS_LIMIT_MB or pdf_code or batch_code or not all(r["equal"] for r in results):
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
