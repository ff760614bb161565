"""Aggregate lexicon coverage of an evaluation's misses: is the gold type's word in the lexicon at all?

    .venv/bin/python tools/miss_coverage.py GOLD_FILE [--lemmas]

For every gold event of a type the coder did not find in its sentence, each token of the sentence is
looked up by lemma (frames ignored) in the hand and generated lexicons. A miss is *absent* when no
token has an entry of the gold type, *framed* when some token has one but no entry matched there
(its ``with``/``without``/subject constraints failed), else *matched* (a trigger matched but the
clause rules, roles or flags lost the event). Prints counts per type only -- never sentences -- so it
can be run on evaluation-only sets. ``--lemmas`` adds, per type, the lemmas whose entries of the gold type
failed their frame (*framed*) with their counts: which frames are too narrow, still without any sentence.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accord.eval.gold import load_gold  # noqa: E402
from accord.eval.runner import code_gold  # noqa: E402
from accord.events.lexicon import load_lexicon  # noqa: E402


def main(argv: list[str]) -> int:
    lemmas = "--lemmas" in argv
    argv = [a for a in argv if a != "--lemmas"]
    if len(argv) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    from accord.nlp.pipeline import load_nlp

    gold = load_gold(argv[0])
    docs = list(gold.documents)
    events, _ = code_gold(docs)
    nlp = load_nlp()
    lex = load_lexicon()
    kinds: dict[str, Counter] = {}
    framed_lemmas: dict[str, Counter] = {}
    for doc in docs:
        found = {e.event for e in events.get(doc.id, ()) if not e.negated}
        missed = [g for g in doc.events if not g.negated and not (g.types & found)]
        if not missed:
            continue
        parsed = nlp(doc.text)
        for g in missed:
            has_entry = has_match = False
            failed: set[str] = set()
            for tok in parsed:
                pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN" if tok.pos_ in ("NOUN", "PROPN") else None
                if pos is None:
                    continue
                cands = lex.candidates(pos, tok.lemma_.lower()) + lex.candidates(pos, tok.lower_)
                if any(t.event in g.types for t in cands):
                    has_entry = True
                    m = lex.match(tok)
                    ok = m is not None and m.event in g.types
                    has_match |= ok
                    if not ok:
                        failed.add(f"{tok.lemma_.lower()}/{pos[0]}")
            kind = "matched" if has_match else "framed" if has_entry else "absent"
            kinds.setdefault(g.event, Counter())[kind] += 1
            if kind == "framed":
                framed_lemmas.setdefault(g.event, Counter()).update(failed)
    total = Counter()
    print(f"{'type':10s} {'misses':>6s} {'absent':>7s} {'framed':>7s} {'matched':>7s}")
    for t in sorted(kinds):
        c = kinds[t]
        total.update(c)
        print(f"{t:10s} {sum(c.values()):6d} {c['absent']:7d} {c['framed']:7d} {c['matched']:7d}")
    n = sum(total.values())
    print(f"{'all':10s} {n:6d} {total['absent']:7d} {total['framed']:7d} {total['matched']:7d}")
    if n:
        print(f"share absent {total['absent'] / n:.3f}, framed {total['framed'] / n:.3f}, matched {total['matched'] / n:.3f}")
    if lemmas:
        print("framed misses by lemma (/V verb, /N noun) whose entries of the gold type did not match:")
        for t in sorted(framed_lemmas):
            print(f"  {t:10s} " + ", ".join(f"{w} {k}" for w, k in framed_lemmas[t].most_common(12)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
