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

    .venv/bin/python tools/miss_buckets.py --list OUT.jsonl [CORPUS_DIR]

also writes one JSON line per false positive, wrong type and missed event of those splits (record id, part, sentence,
gold events, the prediction at fault, its trigger and rule, a *cause* class) for reading the team's own
records; held-out records are never listed. The cause classes, counted on stdout:

- ``second_event``: a false positive in a record whose gold events are all matched by other predictions;
- ``statement``: the trigger is a verb of saying, thinking or stance (said, believe, stressed, expressed);
- ``nominal``: the trigger is a noun (a circumstance or a complement, "the talks", "the attack");
- ``type:<GOLD>-><PRED>``: wrong type, by the gold and the predicted type;
- ``missed:<GOLD>``: a missed gold event (listed so that a guard's cost in recall can be read beside it);
- ``by_type:<PRED>``: any other false positive, by the predicted type.
"""

from __future__ import annotations

import json
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


STATEMENT_LEMMAS = frozenset(
    "say tell state stress emphasize emphasise underscore note express reiterate believe think hope add "
    "describe call consider view see affirm highlight acknowledge recognize recognise".split()
)


def cause_of(item: dict, trigger_pos: str | None, trigger_lemma: str | None, all_matched: bool) -> str:
    """The cause class of one listed error (see the module docstring)."""
    if item["kind"] == "missed":
        return f"missed:{item['expected']['event']}"
    if item["kind"] == "wrong_type":
        return f"type:{item['expected']['event']}->{item['predicted']['event']}"
    if all_matched and item["gold"]:
        return "second_event"
    if trigger_lemma in STATEMENT_LEMMAS:
        return "statement"
    if trigger_pos in ("NOUN", "PROPN"):
        return "nominal"
    return f"by_type:{item['predicted']['event']}"


def _trigger_token(nlp_doc, text: str, trigger: str):
    """The token of ``trigger`` (the predicted event's trigger words) in the parsed sentence, if found."""
    if not trigger:
        return None
    at = text.find(trigger)
    if at < 0:
        return None
    span = nlp_doc.char_span(at, at + len(trigger), alignment_mode="expand")
    return span.root if span is not None else None


def list_errors(out: Path, docs, events, report, nlp) -> Counter:
    """Write the false positives and wrong types of ``docs`` (never held-out) to ``out``; count their causes."""
    by_id = {d.id: d for d in docs}
    unmatched = Counter(m["doc_id"] for m in report.misses if m["kind"] in ("missed", "wrong_type"))
    items = [{**m, "kind": "wrong_type"} for m in report.misses if m["kind"] == "wrong_type"]
    items += [{**fp, "kind": "false_positive"} for fp in report.false_positives]
    items += [{**m, "predicted": {}} for m in report.misses if m["kind"] == "missed"]
    causes: Counter = Counter()
    with out.open("w", encoding="utf-8") as fh:
        for it in items:
            d = by_id[it["doc_id"]]
            if split_of(d.id) == "heldout":
                continue
            parsed = nlp(d.text)
            tok = _trigger_token(parsed, d.text, it["predicted"].get("trigger", ""))
            row = {
                "id": d.id, "part": part_of(d.id), "kind": it["kind"], "text": d.text,
                "gold": [g.to_dict() for g in d.events if not g.negated],
                "negated_gold": [g.to_dict() for g in d.events if g.negated],
                "predicted": it["predicted"], "expected": it.get("expected"),
                "coded": [{"event": e.event, "trigger": e.trigger, "rule": e.rule,
                           "actor": [a.code for a in e.actor], "recipient": [a.code for a in e.recipient]}
                          for e in events.get(d.id, [])],
                "trigger_lemma": tok.lemma_.lower() if tok is not None else None,
                "trigger_pos": tok.pos_ if tok is not None else None,
            }
            row["cause"] = cause_of(row, row["trigger_pos"], row["trigger_lemma"],
                                    it["kind"] == "false_positive" and not unmatched[d.id])
            causes[(row["part"], row["cause"])] += 1
            fh.write(json.dumps(row, ensure_ascii=False) + "\n")
    return causes


def main(argv: list[str]) -> int:
    from accord.nlp.pipeline import load_nlp

    listing = None
    if argv[:1] == ["--list"]:
        listing, argv = Path(argv[1]), argv[2:]
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
    if listing is not None:
        causes = list_errors(listing, docs, events, report, nlp)
        totals: Counter = Counter()
        for (_, cause), n in causes.items():
            totals[cause.split(":")[0] if cause.startswith(("by_type", "missed")) else cause] += n
        print(f"listed {sum(causes.values())} errors in {listing}; causes:")
        for cause, n in totals.most_common():
            print(f"  {cause:32s}{n:6d}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
