"""Score predicted events against PLV dyads (one labelled event per real-news sentence): a pure function.

A PLV sentence may hold other events than the one labelled, so precision cannot be measured; what is
measured is whether the labelled event is among what the coder found:

- **type found**: the gold type (or an accepted one: ``YIELD`` = CONCEDE or RETREAT) is the type of
  one of the sentence's positive (not negated) predicted events;
- **type + source / target / both sides**: one predicted event of that type whose actor matches the
  gold source span and (for *both*) whose recipient matches the gold target span.

A side matches the span (lenient, by character offsets into the text) when one of the event's actors
on that side overlaps the span (``actor.start < span.end`` and ``span.start < actor.end``: containment
either way or partial overlap), or when it has the same country as an actor the coder resolved from a
mention inside the span (the span "Tehran" and an actor IRN named elsewhere in the sentence). A side
the gold does not name ("An actor", "a recipient", a string not in the text) is satisfied by anything.
For a symmetric type (CONSULT) the sides may be swapped.

**Joint events.** Accord's coding convention (``tests/gold/README.md``) codes a symmetric joint action
with coordinated subjects ("X and Y agreed", "X and Y held talks", "a joint exercise by X and Y") with
both countries as source and an empty target, and states that this is the same as X->Y and Y->X. For
the joint types of ``gold_codes.yaml`` (AGREE, CONSULT, COOPERATE) a predicted event with **no
recipient** whose actors include one matching the gold source span and *another* matching the gold
target span therefore matches the dyad on both sides. A joint event with a recipient of its own, or
with only one of the two sides among its actors, is not one. The metrics ``type_target_directed`` and
``type_both_directed`` are the same measures without this equivalence (a joint event then matches only
the source), reported beside them so the effect of the convention stays visible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from typing import Mapping, Sequence

from accord.eval.codes import load_codes
from accord.eval.gold import GoldDocument, GoldEvent
from accord.eval.scoring import Report
from accord.records import Actor, Event

GATED = ("type_found", "type_source", "type_both")


@dataclass(frozen=True)
class Side:
    """A predicted side reduced to what is compared: offsets and countries of its actors."""

    spans: tuple[tuple[int, int], ...]
    countries: frozenset[str]


def _side(actors: Sequence[Actor]) -> Side:
    return Side(tuple((a.start, a.end) for a in actors), frozenset(a.country for a in actors if a.country))


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def span_countries(span: tuple[int, int] | None, actors: Sequence[Actor]) -> frozenset[str]:
    """Countries of the actors the coder resolved from mentions that overlap the span."""
    if span is None:
        return frozenset()
    return frozenset(a.country for a in actors if a.country and _overlaps((a.start, a.end), span))


def side_matches(span: tuple[int, int] | None, span_cc: frozenset[str], side: Side) -> bool:
    """The lenient rule of the module docstring."""
    if span is None:
        return True
    return any(_overlaps(s, span) for s in side.spans) or bool(span_cc & side.countries)


def _actor_matches(span: tuple[int, int], span_cc: frozenset[str], a: Actor) -> bool:
    return _overlaps((a.start, a.end), span) or bool(a.country and a.country in span_cc)


def joint_matches(s_span, s_cc: frozenset[str], t_span, t_cc: frozenset[str], event: Event) -> bool:
    """A joint event (no recipient) whose actors name both gold sides, with two different actors: the
    equivalence of the module docstring. Both spans must be named."""
    if event.recipient or s_span is None or t_span is None or len(event.actor) < 2:
        return False
    for a in event.actor:
        if not _actor_matches(s_span, s_cc, a):
            continue
        for b in event.actor:
            if b is a or (b.country and b.country == a.country and (b.start, b.end) == (a.start, a.end)):
                continue
            if _actor_matches(t_span, t_cc, b) and not (a.country and a.country == b.country):
                return True
    return False


def _dyad(event: Event) -> dict:
    return {
        "event": event.event,
        "mode": event.mode,
        "source": sorted({a.country or a.code for a in event.actor}),
        "target": sorted({a.country or a.code for a in event.recipient}),
        "trigger": event.trigger,
        "rule": event.rule,
    }


def _expected(g: GoldEvent) -> dict:
    return {"event": g.event, "mode": None, "source": list(g.source_text), "target": list(g.target_text)}


def score_plv(
    gold_docs: Sequence[GoldDocument],
    predicted: Mapping[str, Sequence[Event]],
    actors: Mapping[str, Sequence[Actor]] | None = None,
) -> Report:
    """Score coded events (keyed by document id) on PLV gold; ``actors`` are each document's resolved
    actor mentions (for the same-country rule). Metrics are shares of gold dyads."""
    codes = load_codes()
    symmetric, joint_types = codes.symmetric_types, codes.joint_types
    actors = actors or {}
    found, src_ok, tgt_ok, both_ok = Counter(), Counter(), Counter(), Counter()
    tgt_directed, both_directed, joint = Counter(), Counter(), Counter()
    support = Counter()
    n_pred = n_empty = unnamed_sides = 0
    misses: list[dict] = []
    for doc in gold_docs:
        events = [e for e in predicted.get(doc.id, ()) if not e.negated]
        n_pred += len(events)
        n_empty += not events
        doc_actors = actors.get(doc.id, ())
        for g in doc.events:
            key = "|".join([g.event, *sorted(g.accept)])  # YIELD is reported as CONCEDE|RETREAT
            support[key] += 1
            unnamed_sides += (g.source_span is None) + (g.target_span is None)
            s_cc = span_countries(g.source_span, doc_actors)
            t_cc = span_countries(g.target_span, doc_actors)
            of_type = [e for e in events if e.event in g.types]
            best = (False, False, False)
            directed = (False, False)
            via_joint = False
            for e in of_type:
                a, r = _side(e.actor), _side(e.recipient)
                s = side_matches(g.source_span, s_cc, a)
                t = side_matches(g.target_span, t_cc, r)
                if g.event in symmetric and not (s and t):
                    ss, st = side_matches(g.source_span, s_cc, r), side_matches(g.target_span, t_cc, a)
                    if ss and st:
                        s, t = ss, st
                directed = max(directed, (s and t, t))
                if not (s and t) and g.event in joint_types and joint_matches(g.source_span, s_cc, g.target_span, t_cc, e):
                    s = t = via_joint = True
                cand = (s and t, s, t)
                best = max(best, cand)
            found[key] += bool(of_type)
            both_ok[key] += best[0]
            src_ok[key] += best[1]
            tgt_ok[key] += best[2]
            both_directed[key] += directed[0]
            tgt_directed[key] += directed[1]
            joint[key] += via_joint and not directed[0]
            if not of_type or not best[0]:
                misses.append({
                    "doc_id": doc.id, "text": doc.text, "phenomena": [],
                    "kind": "missed" if not of_type else "wrong_actors",
                    "expected": _expected(g),
                    "predicted": _dyad(of_type[0]) if of_type else None,
                    "predicted_types": sorted({e.event for e in events}),
                })
    n_gold = sum(support.values())

    def share(c: Counter) -> float:
        return sum(c.values()) / n_gold if n_gold else 0.0

    metrics = {
        "documents": len(gold_docs),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "events_per_sentence": n_pred / len(gold_docs) if gold_docs else 0.0,
        "no_event_sentences": n_empty / len(gold_docs) if gold_docs else 0.0,
        "unnamed_sides": unnamed_sides,
        "type_found": share(found),
        "type_source": share(src_ok),
        "type_target": share(tgt_ok),
        "type_both": share(both_ok),
        "type_target_directed": share(tgt_directed),
        "type_both_directed": share(both_directed),
        "joint_matches": sum(joint.values()),
    }
    per_type = {
        t: {
            "support": support[t],
            "found": found[t],
            "type_found": found[t] / support[t],
            "type_source": src_ok[t] / support[t],
            "type_both": both_ok[t] / support[t],
            "type_both_directed": both_directed[t] / support[t],
        }
        for t in sorted(support)
    }
    misses.sort(key=lambda m: m["kind"] != "missed")
    return Report(metrics, per_type, {}, tuple(misses), ())
