"""Why the rules lose events they have a trigger for: the ``framed`` and ``lost`` buckets by cause.

    .venv/bin/python tools/lost_causes.py [CORPUS_DIR] [--examples N]

Codes the *train* and *validation* records of the corpus (``accord.learn.train.split_of``; held-out records
are never read) with the default coder, tracing the rule machinery, and for every gold event the coder
missed whose type some token's lexicon entry has, says what dropped it:

- ``frame:<check>``: the token has an entry of the gold type but its frame failed (``without``,
  ``intransitive``, ``transitive``, ``with``, ``subject``, ``object``), or ``frame:outscored`` when another
  type's entry of the same word won;
- ``guard:<name>``: a clause guard of the coder returned true for the trigger (``_asked_or_planned``,
  ``_background_clause``, ``_speculation`` ...);
- ``suppressed``: the trigger sits in the complement of a governing verb or a modal demand, or is a
  speech/intent word, and was never coded on its own;
- ``noun_skip``: a nominal trigger skipped before its roles were read (light noun, compound, object of a
  verb trigger);
- ``no_actor``: the roles found no known source or target;
- ``historical`` / ``build_none``: ``_build`` dropped it (a dated past, or no roles after filling);
- ``flag:negated`` / ``flag:intent`` / ``flag:hypothetical``: coded, but not as a positive event;
- ``kept_by_rules``: the rules coded the type positively; the learned layer, the merge or the scorer's
  actor match lost it.

Counts only, per cause, with the commonest trigger lemmas; ``--examples N`` prints N record ids per cause
(ids, not text: the lemmas name the class). ``--list FILE`` also writes one JSON line per miss (the absent
ones included, cause ``absent``): record id, cause, trigger lemma, the record's text, the gold event and the
coder's events for that record. The corpus is the team's own data and held-out records are never coded, so
the listing never holds held-out or evaluation-set text; ``FILE`` belongs under ``build/`` (not committed).
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accord.events import coder  # noqa: E402
from accord.events.lexicon import _dependent_lemmas, _subject_lemmas, load_lexicon  # noqa: E402

#: (doc text, token index) -> what happened to the token's trigger, in order
TRACE: dict[tuple[str, int], list[str]] = defaultdict(list)

SENTENCE_GUARDS = ("_purpose_of_act", "_asked_or_planned", "_background_clause", "_aid_as_purpose")
TRIGGER_GUARDS = ("_internal_session", "_non_political_reading", "_restates_its_noun", "_dated_background",
                  "_speculation", "_casualty_outcome")


def _key(token) -> tuple[str, int]:
    return token.doc.text, token.i


def _wrap_guard(name: str) -> None:
    orig = getattr(coder, name)

    def traced(*args, **kwargs):
        out = orig(*args, **kwargs)
        if out:
            tok = next((a for a in args if hasattr(a, "lemma_")), None)
            if tok is not None:
                TRACE[_key(tok)].append(f"guard:{name.lstrip('_')}")
        return out

    setattr(coder, name, traced)


def install() -> None:
    for name in SENTENCE_GUARDS + TRIGGER_GUARDS:
        _wrap_guard(name)
    orig_trigger, orig_roles, orig_build = coder._code_trigger, coder._roles, coder._build

    def code_trigger(ctx, si, sent, token, trig, **kw):
        TRACE[_key(token)].append("reached")
        ev = orig_trigger(ctx, si, sent, token, trig, **kw)
        if ev is not None:
            TRACE[_key(token)].append("coded:" + ("negated" if ev.negated else "intent" if ev.intent
                                                  else "hypothetical" if ev.hypothetical else "positive"))
        return ev

    def roles(ctx, token, trig, inner):
        r = orig_roles(ctx, token, trig, inner)
        known = coder.resolved(r.source) or coder.resolved(r.target)
        TRACE[_key(token)].append("roles" if known else "roles:none")
        return r

    def build(ctx, si, sent, token, trig, r, **kw):
        ev = orig_build(ctx, si, sent, token, trig, r, **kw)
        if ev is None:
            TRACE[_key(token)].append("build:none")
        return ev

    coder._code_trigger, coder._roles, coder._build = code_trigger, roles, build


def frame_failure(lex, tok, types: frozenset) -> str:
    """Which frame check rejected every entry of the gold type on this token."""
    pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
    cands = [t for t in lex.candidates(pos, tok.lemma_.lower()) + lex.candidates(pos, tok.lower_) if t.event in types]
    deps = _dependent_lemmas(tok)
    objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
    checks = []
    for t in cands:
        if t.without and not t.without.isdisjoint(deps):
            checks.append("without")
        elif t.intransitive and objs:
            checks.append("intransitive")
        elif t.transitive and not objs:
            checks.append("transitive")
        elif t.with_ and any(alt.isdisjoint(deps) for alt in t.with_):
            checks.append("with")
        elif t.subject and t.subject.isdisjoint(_subject_lemmas(tok)):
            checks.append("subject")
        elif t.object and not any(c.lemma_.lower() in t.object or c.lower_ in t.object for c in objs):
            checks.append("object")
        else:
            return "outscored"
    # the least demanding failure names the class: a bare entry that failed on one condition
    return min(checks, key=("without", "intransitive", "transitive", "subject", "object", "with").index) if checks else "none"


def cause_of(trace: list[str]) -> str:
    guards = [t for t in trace if t.startswith("guard:")]
    if "coded:positive" in trace:
        return "kept_by_rules"
    for flag in ("negated", "intent", "hypothetical"):
        if f"coded:{flag}" in trace:
            return f"flag:{flag}"
    if guards:
        return guards[0]
    if "reached" not in trace:
        return "suppressed"
    if "build:none" in trace:
        return "build_none"
    if "roles:none" in trace:
        return "no_actor"
    if "roles" not in trace:
        return "noun_skip"
    return "dropped_after_roles"


def main(argv: list[str]) -> int:
    from accord.eval.runner import code_gold
    from accord.eval.scoring import score
    from accord.learn.train import read_corpus, split_of
    from accord.nlp.pipeline import load_nlp

    examples = 0
    if "--examples" in argv:
        i = argv.index("--examples")
        examples = int(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    listing = None
    if "--list" in argv:
        i = argv.index("--list")
        listing = Path(argv[i + 1])
        argv = argv[:i] + argv[i + 2:]
    corpus = Path(argv[0]) if argv else ROOT / "corpus"
    docs, _, _ = read_corpus(corpus)
    docs = [d for d in docs if split_of(d.id) != "heldout"]
    install()
    events, _ = code_gold(docs)
    nlp, lex = load_nlp(), load_lexicon()
    by_id = {d.id: d for d in docs}
    causes: Counter = Counter()
    lemmas: dict[str, Counter] = defaultdict(Counter)
    ids: dict[str, list[str]] = defaultdict(list)
    rows: list[dict] = []
    for m in score(docs, events).misses:
        if m["kind"] != "missed":
            continue
        d = by_id[m["doc_id"]]
        g = next(g for g in d.events if g.to_dict() == m["expected"])
        sdoc = nlp(d.text)
        found = None
        for tok in sdoc:
            if tok.pos_ not in ("VERB", "AUX", "NOUN", "PROPN"):
                continue
            pos = "VERB" if tok.pos_ in ("VERB", "AUX") else "NOUN"
            if not any(t.event in g.types for t in lex.candidates(pos, tok.lemma_.lower()) + lex.candidates(pos, tok.lower_)):
                continue
            mt = lex.match(tok)
            if mt is not None and mt.event in g.types:
                c = cause_of(TRACE.get((tok.doc.text, tok.i), []))
                found = (c, tok.lemma_.lower())
                if c != "suppressed":
                    break  # a reached trigger says more than a suppressed one
            elif found is None:
                found = ("frame:" + frame_failure(lex, tok, g.types), tok.lemma_.lower())
        if listing is not None:
            rows.append({"id": d.id, "cause": found[0] if found else "absent", "lemma": found[1] if found else "",
                         "text": d.text, "gold": m["expected"],
                         "coded": [{"event": e.event, "source": [a.code for a in e.actor],
                                    "target": [a.code for a in e.recipient], "trigger": e.trigger, "rule": e.rule,
                                    "negated": e.negated, "intent": e.intent, "hypothetical": e.hypothetical}
                                   for e in events.get(d.id, [])]})
        if found is None:
            continue  # absent: another remit
        c, lemma = found
        key = f"{sorted(g.types)[0]:10s} {c}"
        causes[key] += 1
        lemmas[key][lemma] += 1
        ids[key].append(d.id)
    by_cause = Counter()
    for k, n in causes.items():
        by_cause[k.split()[1]] += n
    print("cause totals (framed + lost, train+validation):")
    for c, n in by_cause.most_common():
        print(f"  {c:32s} {n:5d}")
    print("\nby gold type and cause:")
    for k, n in causes.most_common():
        top = ", ".join(f"{w} {c}" for w, c in lemmas[k].most_common(6))
        print(f"  {k:44s} {n:4d}  {top}")
        if examples:
            print("      " + " ".join(ids[k][:examples]))
    if listing is not None:
        listing.parent.mkdir(parents=True, exist_ok=True)
        with listing.open("w", encoding="utf-8") as fh:
            for r in rows:
                fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        print(f"\n{len(rows)} misses listed in {listing}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
