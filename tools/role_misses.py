"""List the coder's role misses (right type, wrong source or target) on the tunable corpus splits.

    .venv/bin/python tools/role_misses.py [--out build/role_misses.jsonl] [CORPUS_DIR]

Codes every corpus record whose split (``accord.learn.train.split_of``) is *train* or *validation* —
held-out records are never read — and writes one JSON line per ``wrong_actors`` miss of the scorer:
record id, corpus part, title, sentence, gold and coded sides, trigger, and how each coded actor was
found (``via``: ``coref:…``, ``speaker``, ``parties:…``). These are the team's own records; the tool is
never pointed at an evaluation-only set. It prints the per-part counts and each side's ``via`` counts.
"""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from accord.eval.runner import code_gold  # noqa: E402
from accord.eval.scoring import prediction_from_event, score  # noqa: E402
from accord.learn.train import read_corpus, split_of  # noqa: E402
from miss_buckets import part_of  # noqa: E402


def _coded_event(events, pred: dict):
    for e in events:
        p = prediction_from_event(e)
        if p.event == pred["event"] and sorted(p.source) == pred["source"] and sorted(p.target) == pred["target"]:
            if not pred.get("trigger") or p.trigger == pred["trigger"]:
                return e
    return None


def _sides(actors) -> list[dict]:
    return [{"text": a.text, "code": a.code, "via": getattr(a, "via", None) or ""} for a in actors]


def main(argv: list[str]) -> int:
    out = ROOT / "build" / "role_misses.jsonl"
    if argv[:1] == ["--out"]:
        out, argv = Path(argv[1]), argv[2:]
    corpus = Path(argv[0]) if argv else ROOT / "corpus"
    docs, _, _ = read_corpus(corpus)
    docs = [d for d in docs if split_of(d.id) != "heldout"]
    by_id = {d.id: d for d in docs}
    events, _ = code_gold(docs)
    parts, vias = Counter(), Counter()
    rows = []
    for m in score(docs, events).misses:
        if m["kind"] != "wrong_actors":
            continue
        doc = by_id[m["doc_id"]]
        e = _coded_event(events.get(doc.id, []), m["predicted"])
        row = {
            "id": doc.id,
            "part": part_of(doc.id),
            "title": doc.title or "",
            "text": doc.text,
            "gold": {k: m["expected"].get(k) for k in ("event", "source", "target")},
            "coded": {k: m["predicted"].get(k) for k in ("event", "source", "target", "trigger")},
        }
        if e is not None:
            row["actor"], row["recipient"] = _sides(e.actor), _sides(e.recipient)
            row["rule"] = e.rule
            for side, actors in (("source", e.actor), ("target", e.recipient)):
                for a in actors:
                    vias[f"{side}:{(getattr(a, 'via', '') or 'direct').split(':')[0]}"] += 1
        parts[row["part"]] += 1
        rows.append(row)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    print(f"{len(rows)} role misses -> {out}")
    for part, n in sorted(parts.items()):
        print(f"  {part:14s} {n:5d}")
    for via, n in vias.most_common():
        print(f"  via {via:24s} {n:5d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
