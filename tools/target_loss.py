"""Aggregate causes of a lost recipient: type and source right, target wrong. Counts only, no sentences.

    .venv/bin/python tools/target_loss.py GOLD_FILE [GOLD_FILE ...]

Reads PLV dyads (the target is a span of the text) and PLOVER records (the target is the coded actor
list; its ``actorText`` is located in the text). For every gold event where a predicted event of the
gold type has the right source but no predicted event of that type has both sides right, the loss is
put in one bucket, first that applies:

- ``joint``: the gold target is among the predicted event's *sources* (a joint subject "X and Y agreed"
  against a gold X->Y);
- ``place``: no actor was resolved in the target span and the span names a gazetteer place (a region,
  a city: "Tigray", "Donetsk region");
- ``no-actor``: no actor resolved in the span, and it is no known place (an unknown name or body);
- ``wrong-actor``: the predicted recipient is someone else (resolved to the wrong country or actor);
- with no predicted recipient, by where the span's head sits relative to the trigger:
  ``prep:<p>`` (the object of a preposition, on the trigger or its object), ``possessive`` ("X's
  proposal", "the border with X" counted as ``prep:with``), ``embedded`` (inside a clause under the
  trigger: ccomp / xcomp / advcl / relcl), ``object`` (a direct object), ``subject-side`` (the span is
  above the trigger or in its subject), ``other``.

Run it on evaluation-only sets freely: it prints per-type counts, never text.
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from accord.eval.gold import PLV, load_gold  # noqa: E402
from accord.eval.plv import _side, side_matches, span_countries  # noqa: E402
from accord.eval.runner import code_gold_with_actors  # noqa: E402

#: with --lemmas: head lemmas of the spans with no actor, per bucket (a class-level view, no sentences)
LEMMAS: dict[str, Counter] = {}
CLAUSES = ("ccomp", "xcomp", "advcl", "relcl", "acl", "pcomp", "conj")


def _span_of(text: str, words: tuple[str, ...]) -> tuple[int, int] | None:
    for w in words:
        i = text.find(w) if w else -1
        if i >= 0:
            return i, i + len(w)
    return None


def _root(parsed, span):
    toks = [t for t in parsed if t.idx < span[1] and span[0] < t.idx + len(t.text)]
    if not toks:
        return None
    inside = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in inside or t.head.i == t.i), toks[0])


def _position(parsed, event, span) -> str:
    root = _root(parsed, span)
    trig = None
    if event.trigger_start is not None:
        trig = next((t for t in parsed if t.idx <= event.trigger_start < t.idx + len(t.text)), None)
    if root is None or trig is None:
        return "other"
    path = []
    node = root
    for _ in range(12):
        if node.i == trig.i:
            break
        path.append(node)
        if node.head.i == node.i:
            return "subject-side"
        node = node.head
    else:
        return "other"
    if not path:
        return "other"
    deps = [t.dep_ for t in path]
    if any(d in CLAUSES for d in deps[:-1]) or deps[-1] in CLAUSES:
        clause = next(t for t in reversed(path) if t.dep_ in CLAUSES)
        return f"embedded:{clause.dep_}"
    if root.dep_ == "poss" or any(t.dep_ == "poss" for t in path):
        return "possessive"
    if root.dep_ == "pobj":
        return f"prep:{root.head.lower_}"
    if any(t.dep_ == "pobj" for t in path):
        p = next(t for t in path if t.dep_ == "pobj")
        return f"prep:{p.head.lower_}"
    if deps[-1] in ("dobj", "obj", "dative", "attr"):
        return "object" if len(path) == 1 else "inside-object"
    if deps[-1] in ("nsubj", "nsubjpass", "agent"):
        return "subject-side"
    return "other"


def main(argv: list[str]) -> int:
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    from accord.geo.gazetteer import lookup_place
    from accord.nlp.pipeline import load_nlp

    if argv[0] == "--lemmas":
        argv = argv[1:]
        LEMMAS.update({k: Counter() for k in ("no-actor:NOUN", "no-actor:ORG", "no-actor:PERSON", "no-actor:PROPN")})
        globals()["LEMMAS"] = __import__("collections").defaultdict(Counter, LEMMAS)
    nlp = load_nlp()
    for path in argv:
        gold = load_gold(path)
        docs = list(gold.documents)
        events, actors, _ = code_gold_with_actors(docs)
        buckets: dict[str, Counter] = {}
        total = Counter()
        for doc in docs:
            preds = [e for e in events.get(doc.id, ()) if not e.negated]
            doc_actors = actors.get(doc.id, ())
            parsed = None
            for g in doc.events:
                if g.negated:
                    continue
                if gold.format == PLV:
                    s_span, t_span = g.source_span, g.target_span
                else:
                    s_span, t_span = _span_of(doc.text, g.source_text), _span_of(doc.text, g.target_text)
                    if not g.target:
                        continue
                if t_span is None and gold.format == PLV:
                    continue
                t_span = t_span or (-1, -1)  # a PLOVER target not found in the text: compared by country
                s_cc, t_cc = span_countries(s_span, doc_actors), span_countries(t_span, doc_actors)
                if gold.format != PLV:
                    s_cc, t_cc = s_cc | frozenset(g.source), t_cc | frozenset(g.target)
                of_type = [e for e in preds if e.event in g.types]
                src_ok = [e for e in of_type if side_matches(s_span, s_cc, _side(e.actor))]
                if not src_ok or any(side_matches(t_span, t_cc, _side(e.recipient)) for e in src_ok):
                    continue
                e = src_ok[0]
                key = "|".join([g.event, *sorted(g.accept)])
                if t_span == (-1, -1):
                    cause = "wrong-actor" if any(x.recipient for x in src_ok) else "no-recipient"
                elif any(side_matches(t_span, t_cc, _side(x.actor)) and len(x.actor) > 1 for x in src_ok):
                    cause = "joint"
                elif not span_countries(t_span, doc_actors) and not any(
                        a.start < t_span[1] and t_span[0] < a.end for a in doc_actors):
                    words = doc.text[t_span[0]:t_span[1]]
                    stripped = " ".join(w for w in words.split() if w[:1].isupper() and w.lower() not in ("the",))
                    place = lookup_place(words) or (stripped and lookup_place(stripped))
                    if place:
                        cause = f"place:{place.kind}"
                        if LEMMAS:
                            parsed = parsed if parsed is not None else nlp(doc.text)
                            LEMMAS[cause][f"{place.kind}:{_position(parsed, e, t_span)}"] += 1
                    else:
                        parsed = parsed if parsed is not None else nlp(doc.text)
                        root = _root(parsed, t_span)
                        kind = "?" if root is None else root.ent_type_ or root.pos_
                        cause = f"no-actor:{kind}"
                        if root is not None and LEMMAS:
                            LEMMAS[cause][root.lemma_.lower()] += 1
                elif any(x.recipient for x in src_ok):
                    cause = "wrong-actor"
                else:
                    parsed = parsed if parsed is not None else nlp(doc.text)
                    cause = _position(parsed, e, t_span)
                buckets.setdefault(cause, Counter())[key] += 1
                total[cause] += 1
        print(f"== {gold.path.name}: {sum(total.values())} events with type and source right, target lost")
        for cause, n in total.most_common():
            per = ", ".join(f"{t} {c}" for t, c in buckets[cause].most_common())
            print(f"  {cause:14s} {n:4d}   {per}")
    for cause, lemmas in LEMMAS.items():
        if lemmas:
            print(f"  head lemmas of {cause}: " + ", ".join(f"{w} {n}" for w, n in lemmas.most_common(25)))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
