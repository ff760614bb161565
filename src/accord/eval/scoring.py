"""Score predicted events against gold documents: a pure function, no coder, no I/O.

Matching happens inside each document, one-to-one and greedily: candidate (gold, predicted) pairs
need a compatible type (the gold type or one of its ``accept`` types) and are taken best first —
exact type before an accepted alternative, then by how well the actor and recipient countries
agree. Everything reported (per-type P/R/F1, actor accuracy, triple accuracy, misses) is computed
from that matching. The definitions are written out in tests/gold/README.md.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from typing import Iterable, Mapping, Sequence

from accord.eval.codes import load_codes
from accord.eval.gold import GoldDocument, GoldEvent
from accord.records import Event

# Severity order of gold-centred errors in the "worst misses" list (lowest first = worst).
_SEVERITY = {"missed": 0, "wrong_type": 1, "negation_violated": 2, "wrong_actors": 3}


@dataclass(frozen=True)
class Prediction:
    """The parts of a predicted :class:`Event` that scoring looks at (countries normalised)."""

    event: str
    source: frozenset[str]
    target: frozenset[str]
    source_sector: frozenset[str] = frozenset()
    negated: bool = False
    intent: bool = False
    mode: str | None = None
    trigger: str = ""
    text: str = ""
    rule: str = ""

    def to_dict(self) -> dict:
        d = {"event": self.event, "mode": self.mode, "source": sorted(self.source), "target": sorted(self.target)}
        if self.trigger:
            d["trigger"] = self.trigger
        if self.rule:
            d["rule"] = self.rule
        if self.negated:
            d["negated"] = True
        if self.intent:
            d["intent"] = True
        return d


def _actor_code(actor) -> str | None:
    codes = load_codes()
    if getattr(actor, "kind", "") == "igo" and not actor.country:
        return "IGO"
    return codes.country(actor.country)


def prediction_from_event(event: Event) -> Prediction:
    """Reduce a coded event to what is scored."""
    return Prediction(
        event=event.event,
        source=frozenset(c for c in (_actor_code(a) for a in event.actor) if c),
        target=frozenset(c for c in (_actor_code(a) for a in event.recipient) if c),
        source_sector=frozenset(a.sector for a in event.actor if a.sector),
        negated=bool(event.negated),
        intent=bool(event.intent),
        mode=event.mode,
        trigger=event.trigger,
        text=event.text,
        rule=event.rule,
    )


def _agreement(gold: frozenset[str], pred: frozenset[str]) -> int:
    """2 = same set (both empty included), 1 = sets intersect, 0 = no overlap."""
    if gold == pred:
        return 2
    return 1 if gold & pred else 0


def _lenient_ok(gold: frozenset[str], pred: frozenset[str]) -> bool:
    return not gold or bool(gold & pred)


def _strict_ok(gold: frozenset[str], pred: frozenset[str]) -> bool:
    return not pred if not gold else bool(gold & pred)


def _orient(gold: GoldEvent, pred: Prediction) -> Prediction:
    """For a symmetric type (CONSULT), the prediction with its sides swapped when that agrees better."""
    if gold.event not in load_codes().symmetric_types or pred.source == pred.target:
        return pred
    straight = _agreement(gold.source, pred.source) + _agreement(gold.target, pred.target)
    swapped = _agreement(gold.source, pred.target) + _agreement(gold.target, pred.source)
    if swapped > straight:
        return replace(pred, source=pred.target, target=pred.source)
    return pred


@dataclass
class DocResult:
    """The matching of one document, from which every metric is summed."""

    doc: GoldDocument
    pairs: list[tuple[GoldEvent, Prediction]] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    false_positives: list[Prediction] = field(default_factory=list)
    duplicates: list[Prediction] = field(default_factory=list)
    negated_gold: list[tuple[GoldEvent, str]] = field(default_factory=list)  # (event, outcome)
    n_predicted: int = 0
    n_negated_predicted: int = 0


def match_document(doc: GoldDocument, predictions: Sequence[Prediction]) -> DocResult:
    """Match one document's predictions to its gold events (see the module docstring)."""
    result = DocResult(doc, n_predicted=len(predictions))
    positives = [p for p in predictions if not p.negated]
    negated = [p for p in predictions if p.negated]
    result.n_negated_predicted = len(negated)
    gold_pos = [g for g in doc.events if not g.negated]

    candidates = []
    for gi, g in enumerate(gold_pos):
        for pi, p in enumerate(positives):
            if p.event in g.types:
                oriented = _orient(g, p)
                rank = (
                    int(p.event == g.event),
                    _agreement(g.source, oriented.source) + _agreement(g.target, oriented.target),
                    -gi,
                    -pi,
                )
                candidates.append((rank, gi, pi, oriented))
    candidates.sort(key=lambda c: c[:3], reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    for _, gi, pi, oriented in candidates:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        result.pairs.append((gold_pos[gi], oriented))
    result.pairs.sort(key=lambda pair: gold_pos.index(pair[0]))
    result.missed = [g for gi, g in enumerate(gold_pos) if gi not in used_g]

    matched_gold = [g for g, _ in result.pairs]
    for pi, p in enumerate(positives):
        if pi in used_p:
            continue
        actors = p.source | p.target
        if actors and any(p.event in g.types and actors <= (g.source | g.target) for g in matched_gold):
            result.duplicates.append(p)  # the same event again (e.g. "X and Y met" coded both ways)
        else:
            result.false_positives.append(p)

    for g in (g for g in doc.events if g.negated):
        if any(p.event in g.types for p in negated):
            outcome = "coded_negated"
        elif any(p.event in g.types and _lenient_ok(g.source, p.source) for p in result.false_positives):
            outcome = "violated"
        else:
            outcome = "not_coded"
        result.negated_gold.append((g, outcome))
    return result


def _prf(tp: int, fp: int, fn: int) -> dict:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": precision, "recall": recall, "f1": f1}


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


def aggregate(results: Iterable[DocResult]) -> tuple[dict, dict]:
    """Sum document results into (metrics, per_type)."""
    results = list(results)
    tp, fp, fn = Counter(), Counter(), Counter()
    src_n = src_any = src_exact = tgt_n = tgt_any = tgt_exact = 0
    sector_n = sector_ok = 0
    triple_lenient = triple_strict = 0
    intent_n = intent_ok = 0
    negation = Counter()
    n_gold = n_pred = n_dup = 0
    empty_docs = empty_docs_clean = 0
    for r in results:
        n_pred += r.n_predicted
        n_dup += len(r.duplicates)
        gold_pos = [g for g in r.doc.events if not g.negated]
        n_gold += len(gold_pos)
        if not gold_pos:
            empty_docs += 1
            empty_docs_clean += not r.false_positives
        for g, p in r.pairs:
            tp[g.event] += 1
            if g.source:
                src_n += 1
                src_any += bool(g.source & p.source)
                src_exact += g.source == p.source
            if g.target:
                tgt_n += 1
                tgt_any += bool(g.target & p.target)
                tgt_exact += g.target == p.target
            if g.source_sector:
                sector_n += 1
                sector_ok += bool(g.source_sector & p.source_sector)
            if g.intent:
                intent_n += 1
                intent_ok += p.intent
            triple_lenient += _lenient_ok(g.source, p.source) and _lenient_ok(g.target, p.target)
            triple_strict += _strict_ok(g.source, p.source) and _strict_ok(g.target, p.target)
        for g in r.missed:
            fn[g.event] += 1
        for p in r.false_positives:
            fp[p.event] += 1
        for _, outcome in r.negated_gold:
            negation[outcome] += 1

    types = sorted(set(tp) | set(fp) | set(fn))
    per_type = {t: {**_prf(tp[t], fp[t], fn[t]), "support": tp[t] + fn[t]} for t in types}
    micro = _prf(sum(tp.values()), sum(fp.values()), sum(fn.values()))
    n_types = len(types)
    n_neg = sum(negation.values())
    metrics = {
        "documents": len(results),
        "gold_events": n_gold,
        "predicted_events": n_pred,
        "duplicates": n_dup,
        "tp": micro["tp"],
        "fp": micro["fp"],
        "fn": micro["fn"],
        "type_precision": micro["precision"],
        "type_recall": micro["recall"],
        "f1": micro["f1"],
        "macro_precision": sum(v["precision"] for v in per_type.values()) / n_types if n_types else 0.0,
        "macro_recall": sum(v["recall"] for v in per_type.values()) / n_types if n_types else 0.0,
        "macro_f1": sum(v["f1"] for v in per_type.values()) / n_types if n_types else 0.0,
        "source_accuracy": _ratio(src_any, src_n),
        "source_exact_accuracy": _ratio(src_exact, src_n),
        "target_accuracy": _ratio(tgt_any, tgt_n),
        "target_exact_accuracy": _ratio(tgt_exact, tgt_n),
        "source_sector_accuracy": _ratio(sector_ok, sector_n),
        "triple_accuracy": triple_lenient / n_gold if n_gold else 0.0,
        "triple_accuracy_strict": triple_strict / n_gold if n_gold else 0.0,
        "intent_flag_accuracy": _ratio(intent_ok, intent_n),
        "negated_gold": n_neg,
        "negation_respected": _ratio(negation["coded_negated"] + negation["not_coded"], n_neg),
        "negation_coded_negated": negation["coded_negated"],
        "no_event_documents": empty_docs,
        "no_event_documents_clean": _ratio(empty_docs_clean, empty_docs),
    }
    return metrics, per_type


@dataclass(frozen=True)
class Report:
    """Everything an evaluation found; ``to_dict`` is the JSON form (``accord.eval-report/1``)."""

    metrics: dict
    per_type: dict
    by_phenomenon: dict
    misses: tuple[dict, ...]
    false_positives: tuple[dict, ...]
    name: str = ""
    path: str = ""
    format: str = ""
    sha256: str = ""
    problems: tuple[dict, ...] = ()
    seconds: float | None = None

    def to_dict(self, worst: int | None = None) -> dict:
        return {
            "schema": "accord.eval-report/1",
            "name": self.name,
            "path": self.path,
            "format": self.format,
            "sha256": self.sha256,
            "seconds": self.seconds,
            "metrics": self.metrics,
            "per_type": self.per_type,
            "by_phenomenon": self.by_phenomenon,
            "misses": list(self.misses[:worst] if worst is not None else self.misses),
            "false_positives": list(self.false_positives[:worst] if worst is not None else self.false_positives),
            "problems": list(self.problems),
        }


def _misses(results: Sequence[DocResult]) -> list[dict]:
    out = []
    for order, r in enumerate(results):
        base = {"doc_id": r.doc.id, "text": r.doc.text, "phenomena": list(r.doc.phenomena)}
        spare = list(r.false_positives)
        for g in r.missed:
            # the closest unmatched prediction, if any, is what the coder said instead
            best = max(
                spare,
                key=lambda p: _agreement(g.source, p.source) + _agreement(g.target, p.target),
                default=None,
            )
            if best is not None and (best.source & g.source or best.target & g.target):
                spare.remove(best)
                out.append({**base, "kind": "wrong_type", "expected": g.to_dict(), "predicted": best.to_dict(), "_o": order})
            else:
                out.append({**base, "kind": "missed", "expected": g.to_dict(), "predicted": None, "_o": order})
        for g, p in r.pairs:
            if not (_lenient_ok(g.source, p.source) and _lenient_ok(g.target, p.target)):
                out.append({**base, "kind": "wrong_actors", "expected": g.to_dict(), "predicted": p.to_dict(), "_o": order})
        for g, outcome in r.negated_gold:
            if outcome == "violated":
                out.append({**base, "kind": "negation_violated", "expected": g.to_dict(), "predicted": None, "_o": order})
    out.sort(key=lambda m: (_SEVERITY[m["kind"]], m["_o"]))
    for m in out:
        del m["_o"]
    return out


def score(
    gold_docs: Sequence[GoldDocument],
    predicted: Mapping[str, Sequence[Event | Prediction]],
) -> Report:
    """Score predictions (keyed by gold document id) against gold documents.

    Values may be :class:`~accord.records.Event` objects or already reduced :class:`Prediction` s;
    a document missing from ``predicted`` counts as one where nothing was coded.
    """
    results = []
    for doc in gold_docs:
        preds = [p if isinstance(p, Prediction) else prediction_from_event(p) for p in predicted.get(doc.id, ())]
        results.append(match_document(doc, preds))
    metrics, per_type = aggregate(results)

    groups: dict[str, list[DocResult]] = defaultdict(list)
    for r in results:
        for tag in r.doc.phenomena:
            groups[tag].append(r)
    by_phenomenon = {}
    for tag in sorted(groups):
        m, _ = aggregate(groups[tag])
        if not m["gold_events"]:  # only no-event documents: recall and F1 mean nothing here
            m.update(type_recall=None, f1=None, triple_accuracy=None)
            if not m["fp"]:
                m["type_precision"] = None
        by_phenomenon[tag] = {
            k: m[k]
            for k in ("documents", "gold_events", "tp", "fp", "fn", "type_precision", "type_recall", "f1",
                      "triple_accuracy", "negation_respected", "no_event_documents_clean")
        }

    fps = [
        {"doc_id": r.doc.id, "text": r.doc.text, "phenomena": list(r.doc.phenomena), "kind": "false_positive",
         "expected": None, "predicted": p.to_dict()}
        for r in results
        for p in r.false_positives
    ]
    return Report(metrics, per_type, by_phenomenon, tuple(_misses(results)), tuple(fps))
