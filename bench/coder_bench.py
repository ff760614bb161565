"""Coder speed: bare spaCy, coder v1 and coder v2 on the same texts, interleaved in one process.

Why interleaved and CPU time: the machine is shared, so absolute speeds drift by ±50 % between runs;
timing A, B, C, A, B, C … in one process and comparing medians of CPU seconds (``time.process_time``)
keeps the ratios meaningful. Wall seconds are printed too (what a user waits for on a quiet machine).

Also reports what share of the sentences coder v2 sends through the encoder (docs/LEARNED_LAYER.md,
"Which sentences are encoded") and the encoder's own sentences/s on exactly those sentences.

Run: ``.venv/bin/python bench/coder_bench.py [--limit N] [--rounds R]`` (``make bench`` calls it).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from accord.pipeline import code_documents  # noqa: E402
from accord.records import Document  # noqa: E402
from accord.settings import load_settings  # noqa: E402

READOUTS = ROOT.parent / "shared" / "data" / "wh_diplomacy_2021_2022.jsonl"


def readouts(limit: int | None) -> list[Document]:
    """The White House readouts (the benchmark corpus of the issue), else the examples repeated."""
    if READOUTS.is_file():
        docs = []
        for i, line in enumerate(READOUTS.read_text(encoding="utf-8").splitlines(), 1):
            d = json.loads(line) if line.strip() else {}
            if d.get("text"):
                docs.append(Document(id=str(d.get("id") or i), text=d["text"], title=d.get("title"), date=d.get("date"),
                                     source=f"{READOUTS.name}:{i}", format="jsonl"))
    else:
        from accord.ingest import read_paths

        base = [d for d in read_paths([ROOT / "examples"]) if isinstance(d, Document)]
        docs = [Document(id=f"{d.id}-{k}", text=d.text, date=d.date, source=d.source) for k in range(20) for d in base]
    return docs[:limit] if limit else docs


class _Counting:
    """Wraps coder v2's BatchDecider to count sentences seen and encoded, and to keep the encoded texts."""

    def __init__(self) -> None:
        import accord.learn.stage as stage

        self.stage, self.original = stage, stage.BatchDecider
        self.sentences = self.encoded = 0
        self.texts: list[str] = []
        counter = self

        class Decider(stage.BatchDecider):
            def defer(self, ctx, per_sentence):
                out = super().defer(ctx, per_sentence)
                counter.texts.extend(s.text for _, s, _, _ in self.pending[id(ctx.document)][2])
                return out

            def finish(self, coded, settings):
                counter.sentences += self.sentences
                counter.encoded += self.encoded
                return super().finish(coded, settings)

        self.cls = Decider

    def __enter__(self) -> "_Counting":
        self.stage.BatchDecider = self.cls
        return self

    def __exit__(self, *exc) -> None:
        self.stage.BatchDecider = self.original


def _timed(fn) -> tuple[float, float, object]:
    c, w = time.process_time(), time.perf_counter()
    out = fn()
    return time.process_time() - c, time.perf_counter() - w, out


def bench_coders(limit: int | None = None, rounds: int = 1) -> dict:
    """Median CPU and wall seconds of bare spaCy, v1 and v2 over ``rounds`` interleaved rounds."""
    from accord.learn.encoder import get_encoder
    from accord.nlp import load_nlp

    docs = readouts(limit)
    base = load_settings()
    s1, s2 = base.with_(coder="v1"), base.with_(coder="v2")
    nlp = load_nlp(base)
    texts = [d.text for d in docs]
    words = sum(len(t.split()) for t in texts)
    list(code_documents(docs[:4], s2))  # warm up: model, tables, encoder, head
    runs = {"bare": [], "v1": [], "v2": []}
    counted = None
    events = {}
    for _ in range(rounds):
        runs["bare"].append(_timed(lambda: sum(1 for _ in nlp.pipe(texts, batch_size=base.batch_size)))[:2])
        c, w, out = _timed(lambda: list(code_documents(docs, s1)))
        runs["v1"].append((c, w))
        events["v1"] = sum(len(x.events) for x in out)
        with _Counting() as counted:
            c, w, out = _timed(lambda: list(code_documents(docs, s2)))
        runs["v2"].append((c, w))
        events["v2"] = sum(len(x.events) for x in out)
    med = {k: (statistics.median(c for c, _ in v), statistics.median(w for _, w in v)) for k, v in runs.items()}
    enc = get_encoder()
    sample = counted.texts[: max(1, len(counted.texts) // rounds)]
    c, w, _ = _timed(lambda: enc.encode_tokens(sample))
    out = {
        "corpus": READOUTS.name if READOUTS.is_file() else "examples (repeated)",
        "documents": len(docs), "words": words, "rounds": rounds,
        "events": events,
        "cpu_seconds": {k: round(v[0], 2) for k, v in med.items()},
        "wall_seconds": {k: round(v[1], 2) for k, v in med.items()},
        "v1_over_bare_cpu": round(med["bare"][0] / med["v1"][0], 3),
        "v2_over_bare_cpu": round(med["bare"][0] / med["v2"][0], 3),
        "v1_over_bare_wall": round(med["bare"][1] / med["v1"][1], 3),
        "v2_over_bare_wall": round(med["bare"][1] / med["v2"][1], 3),
        "sentences": counted.sentences // rounds, "sentences_encoded": counted.encoded // rounds,
        "fraction_encoded": round(counted.encoded / max(1, counted.sentences), 3),
        "encoder_sentences": len(sample),
        "encoder_sentences_per_cpu_s": round(len(sample) / max(c, 1e-9), 1),
        "encoder_sentences_per_wall_s": round(len(sample) / max(w, 1e-9), 1),
    }
    return out


def report(b: dict) -> str:
    """The figures as ``make bench`` prints them."""
    return "\n".join([
        f"coders        : {b['corpus']}, {b['documents']} documents, {b['words']:,} words, {b['rounds']} interleaved round(s); "
        f"speed as a share of bare spaCy's words/s (CPU / wall)",
        f"  v1 (rules)  : {b['v1_over_bare_cpu']:.2f}x / {b['v1_over_bare_wall']:.2f}x  ({b['events']['v1']} events)",
        f"  v2 (learned): {b['v2_over_bare_cpu']:.2f}x / {b['v2_over_bare_wall']:.2f}x  ({b['events']['v2']} events; target >= 0.50)",
        f"  v2 encoded {b['sentences_encoded']:,} of {b['sentences']:,} sentences ({b['fraction_encoded']:.1%}); encoder "
        f"{b['encoder_sentences_per_cpu_s']} sentences per CPU second, {b['encoder_sentences_per_wall_s']} per wall second",
        f"  CPU seconds : bare {b['cpu_seconds']['bare']}, v1 {b['cpu_seconds']['v1']}, v2 {b['cpu_seconds']['v2']}",
    ])


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--limit", type=int, default=None, help="At most N documents.")
    ap.add_argument("--rounds", type=int, default=1, help="Interleaved rounds (medians are reported).")
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args(argv)
    b = bench_coders(args.limit, args.rounds)
    print(json.dumps(b, indent=2) if args.json else report(b))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
