"""Bucket the coder's role errors (right type, wrong source or target) on the tunable corpus splits, counts only.

    .venv/bin/python tools/role_buckets.py [CORPUS_DIR]

Codes every corpus record whose split (``accord.learn.train.split_of``) is *train* or *validation* (held-out
records are never read) and splits each ``wrong_actors`` miss of the scorer by side and cause, per corpus part:

- ``source_missing`` / ``target_missing``: the gold side names a country, nothing was coded on that side;
- ``source_wrong`` / ``target_wrong``: something was coded, with no country in common with the gold side;
- ``swapped``: the coded source is the gold target and the other way round.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "tools"))

from accord.eval.runner import code_gold  # noqa: E402
from accord.eval.scoring import score  # noqa: E402
from accord.learn.train import read_corpus, split_of  # noqa: E402
from miss_buckets import part_of  # noqa: E402


def side_cause(gold: set, pred: set) -> str | None:
    """How one side of a prediction departs from the gold side (None when it agrees)."""
    if not gold or gold & pred:
        return None  # the scorer's lenient match: an empty gold side takes anything, else one country in common
    return "missing" if not pred else "wrong"


def buckets(docs, events) -> dict[str, Counter]:
    table: dict[str, Counter] = defaultdict(Counter)
    for m in score(docs, events).misses:
        if m["kind"] != "wrong_actors":
            continue
        part = part_of(m["doc_id"])
        g, p = m["expected"], m["predicted"]
        gs, gt = set(g.get("source") or []), set(g.get("target") or [])
        ps, pt = set(p.get("source") or []), set(p.get("target") or [])
        table[part]["role"] += 1
        if gs and gt and ps == gt and pt == gs:
            table[part]["swapped"] += 1
            continue
        for side, gold, pred in (("source", gs, ps), ("target", gt, pt)):
            cause = side_cause(gold, pred)
            if cause:
                table[part][f"{side}_{cause}"] += 1
    return table


def main(argv: list[str]) -> int:
    corpus = Path(argv[0]) if argv else ROOT / "corpus"
    docs, _, _ = read_corpus(corpus)
    docs = [d for d in docs if split_of(d.id) != "heldout"]
    events, _ = code_gold(docs)
    table = buckets(docs, events)
    cols = ["role", "swapped", "source_missing", "source_wrong", "target_missing", "target_wrong"]
    print(f"{'part':14s}" + "".join(f"{c:>16s}" for c in cols))
    for part in ("readouts", "written", "written_coop", "negatives"):
        print(f"{part:14s}" + "".join(f"{table[part][c]:>16d}" for c in cols))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
