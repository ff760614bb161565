"""Bucket the coder's type errors on the tunable corpus splits by cause, counts only.

    .venv/bin/python tools/miss_buckets.py [CORPUS_DIR]

Codes every corpus record whose split (``accord.learn.train.split_of``) is *train* or *validation* —
held-out records are never read into the analysis — and counts, per corpus part (readouts, written,
written_coop, negatives):

- ``absent``: a gold event whose type no lexicon entry of any token of the sentence has;
- ``framed``: some token has an entry of the gold type but its frame (with/subject/object) failed;
- ``lost``: a trigger of the gold type matched, but the clause rules or the roles dropped the event;
- ``wrong_type``: the coder coded the gold event's actors with another type;
- ``fp_negative`` / ``fp_other``: predictions matching no gold event, in no-event records / elsewhere;
- ``role``: right type, wrong source or target (another helper's remit; counted only).
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accord.eval.runner import code_gold  # noqa: E402
from accord.eval.scoring import score  # noqa: E402
from accord.events.lexicon import load_lexicon  # noqa: E402
from accord.learn.train import read_corpus, split_of  # noqa: E402


def part_of(record_id: str) -> str:
    if record_id.startswith("wh-"):
        return "readouts"
    if record_id.startswith(("wneg-", "wc-negatives")):
        return "negatives"
    return "written_coop" if record_id.startswith("wc-") else "written"


def coverage(nlp, lex, text: str, types: frozenset) -> str:
    has_entry = has_match = False
    for tok in nlp(text):
        pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
        if pos is None:
            continue
        cands = lex.candidates(pos, tok.lemma_.lower()) + lex.candidates(pos, tok.lower_)
        if any(t.event in types for t in cands):
            has_entry = True
            m = lex.match(tok)
            has_match |= m is not None and m.event in types
    return "lost" if has_match else "framed" if has_entry else "absent"


def main(argv: list[str]) -> int:
    from accord.nlp.pipeline import load_nlp

    corpus = Path(argv[0]) if argv else ROOT / "corpus"
    docs, _, _ = read_corpus(corpus)
    docs = [d for d in docs if split_of(d.id) != "heldout"]
    events, _ = code_gold(docs)
    nlp, lex = load_nlp(), load_lexicon()
    table: dict[str, Counter] = defaultdict(Counter)
    by_id = {d.id: d for d in docs}
    for d in docs:
        table[part_of(d.id)]["records"] += 1
    report = score(docs, events)
    for m in report.misses:
        part = part_of(m["doc_id"])
        if m["kind"] == "wrong_actors":
            table[part]["role"] += 1
        elif m["kind"] == "wrong_type":
            table[part]["wrong_type"] += 1
        elif m["kind"] == "missed":
            g = next(g for g in by_id[m["doc_id"]].events if g.to_dict() == m["expected"])
            table[part][coverage(nlp, lex, by_id[m["doc_id"]].text, g.types)] += 1
    for fp in report.false_positives:
        d = by_id[fp["doc_id"]]
        empty = not any(not g.negated for g in d.events)
        table[part_of(fp["doc_id"])]["fp_negative" if empty else "fp_other"] += 1
    cols = ["records", "absent", "framed", "lost", "wrong_type", "fp_negative", "fp_other", "role"]
    print(f"{'part':14s}" + "".join(f"{c:>12s}" for c in cols))
    for part in ("readouts", "written", "written_coop", "negatives"):
        print(f"{part:14s}" + "".join(f"{table[part][c]:>12d}" for c in cols))
    m = report.metrics
    print(f"train+validation: P {m['type_precision']:.3f} R {m['type_recall']:.3f} F1 {m['f1']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
