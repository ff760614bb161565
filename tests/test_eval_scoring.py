"""The scorer on hand-made predictions: matching, per-type P/R/F1, actors, triples, negation, misses."""

from __future__ import annotations

import pytest

from accord.eval.gold import GoldDocument, GoldEvent
from accord.eval.scoring import score
from accord.records import Actor, Event


def actor(code: str | None, sector: str | None = None) -> Actor:
    return Actor(text=code or "someone", start=0, end=0, name=code or "someone", country=code, sector=sector)


def event(kind: str, src=(), tgt=(), *, negated=False, intent=False, doc="d1") -> Event:
    return Event(
        doc_id=doc, sentence=0, text="", start=0, end=0, event=kind, mode=None, context=(), cameo="",
        quad_class=0, goldstein=0.0, actor=tuple(actor(c) for c in src), recipient=tuple(actor(c) for c in tgt),
        date=None, date_precision="day", negated=negated, intent=intent,
    )


def gold(kind: str, src=(), tgt=(), **kw) -> GoldEvent:
    return GoldEvent(event=kind, source=frozenset(src), target=frozenset(tgt), **kw)


def doc(*events: GoldEvent, id="d1", text="Some paragraph.", phenomena=()) -> GoldDocument:
    return GoldDocument(id=id, text=text, date="2023-01-01", events=tuple(events), phenomena=tuple(phenomena))


def test_eval_scoring_exact_match_is_tp_with_full_triple():
    report = score([doc(gold("CONSULT", ["CHN"], ["RUS"]))], {"d1": [event("CONSULT", ["CHN"], ["RUS"])]})
    m = report.metrics
    assert (m["tp"], m["fp"], m["fn"]) == (1, 0, 0)
    assert m["type_precision"] == m["type_recall"] == m["f1"] == 1.0
    assert m["source_accuracy"] == m["target_accuracy"] == 1.0
    assert m["triple_accuracy"] == m["triple_accuracy_strict"] == 1.0
    assert report.misses == ()


def test_eval_scoring_missing_document_counts_as_nothing_coded():
    report = score([doc(gold("ASSAULT", ["AZE"], ["ARM"]))], {})
    assert report.metrics["fn"] == 1
    assert report.misses[0]["kind"] == "missed"
    assert report.misses[0]["predicted"] is None


def test_eval_scoring_wrong_type_is_fn_and_fp_and_shown_as_miscoded():
    report = score([doc(gold("REQUEST", ["CHN"], ["USA"]))], {"d1": [event("ACCUSE", ["CHN"], ["USA"])]})
    m = report.metrics
    assert (m["tp"], m["fp"], m["fn"]) == (0, 1, 1)
    assert report.per_type["REQUEST"]["recall"] == 0.0
    assert report.per_type["ACCUSE"]["precision"] == 0.0
    miss = report.misses[0]
    assert miss["kind"] == "wrong_type"
    assert miss["expected"]["event"] == "REQUEST" and miss["predicted"]["event"] == "ACCUSE"


def test_eval_scoring_type_match_with_wrong_actors_counts_for_type_not_triple():
    report = score([doc(gold("SANCTION", ["DEU"], ["RUS"]))], {"d1": [event("SANCTION", ["RUS"], ["DEU"])]})
    m = report.metrics
    assert m["tp"] == 1 and m["f1"] == 1.0
    assert m["source_accuracy"] == 0.0 and m["target_accuracy"] == 0.0
    assert m["triple_accuracy"] == 0.0
    assert report.misses[0]["kind"] == "wrong_actors"


@pytest.mark.parametrize(
    "gold_src,pred_src,intersect,exact",
    [
        (["FRA", "DEU", "GBR"], ["FRA"], 1.0, 0.0),
        (["FRA", "DEU", "GBR"], ["GBR", "DEU", "FRA"], 1.0, 1.0),
        (["FRA"], ["ITA"], 0.0, 0.0),
    ],
)
def test_eval_scoring_source_accuracy_intersect_and_exact(gold_src, pred_src, intersect, exact):
    report = score([doc(gold("REQUEST", gold_src, ["IRN"]))], {"d1": [event("REQUEST", pred_src, ["IRN"])]})
    assert report.metrics["source_accuracy"] == intersect
    assert report.metrics["source_exact_accuracy"] == exact


@pytest.mark.parametrize(
    "pred_tgt,lenient,strict",
    [((), 1.0, 1.0), (["GBR"], 1.0, 0.0)],
)
def test_eval_scoring_empty_gold_target_lenient_and_strict(pred_tgt, lenient, strict):
    report = score([doc(gold("AGREE", ["JOR", "GBR"]))], {"d1": [event("AGREE", ["JOR"], pred_tgt)]})
    assert report.metrics["triple_accuracy"] == lenient
    assert report.metrics["triple_accuracy_strict"] == strict
    assert report.metrics["target_accuracy"] is None  # no gold target to judge


def test_eval_scoring_negated_prediction_is_not_a_positive_prediction():
    report = score([doc(gold("CONSULT", ["IND"], ["CHN"]))], {"d1": [event("CONSULT", ["IND"], ["CHN"], negated=True)]})
    assert report.metrics["tp"] == 0 and report.metrics["fn"] == 1 and report.metrics["fp"] == 0


@pytest.mark.parametrize(
    "predictions,outcome_ok,fp",
    [
        ([], True, 0),  # correctly not coded
        ([event("ASSAULT", ["RUS"], ["UKR"], negated=True)], True, 0),  # coded and flagged negated
        ([event("ASSAULT", ["RUS"], ["UKR"])], False, 1),  # "denied attacking" coded as an attack
    ],
)
def test_eval_scoring_negated_gold_event(predictions, outcome_ok, fp):
    gold_doc = doc(gold("ACCUSE", ["UKR"], ["RUS"]), gold("ASSAULT", ["RUS"], ["UKR"], negated=True))
    preds = [event("ACCUSE", ["UKR"], ["RUS"]), *predictions]
    report = score([gold_doc], {"d1": preds})
    m = report.metrics
    assert m["negated_gold"] == 1
    assert m["negation_respected"] == (1.0 if outcome_ok else 0.0)
    assert m["fp"] == fp and m["tp"] == 1 and m["gold_events"] == 1
    assert any(x["kind"] == "negation_violated" for x in report.misses) is (not outcome_ok)


def test_eval_scoring_symmetric_event_coded_both_ways_is_a_duplicate_not_fp():
    report = score(
        [doc(gold("CONSULT", ["KOR", "JPN"]))],
        {"d1": [event("CONSULT", ["KOR"], ["JPN"]), event("CONSULT", ["JPN"], ["KOR"])]},
    )
    m = report.metrics
    assert (m["tp"], m["fp"], m["duplicates"]) == (1, 0, 1)
    assert m["type_precision"] == 1.0


def test_eval_scoring_accepted_alternative_type_matches_and_counts_under_gold_type():
    g = gold("CONSULT", ["UKR"], ["USA"], intent=True, accept=frozenset({"AGREE"}))
    report = score([doc(g)], {"d1": [event("AGREE", ["UKR"], ["USA"], intent=True)]})
    assert report.metrics["tp"] == 1 and report.per_type["CONSULT"]["tp"] == 1
    assert report.metrics["intent_flag_accuracy"] == 1.0


def test_eval_scoring_greedy_matching_pairs_by_actor_agreement():
    gold_doc = doc(gold("ASSAULT", ["ISR"], ["LBN"]), gold("ASSAULT", ["LBN"], ["ISR"]))
    preds = [event("ASSAULT", ["LBN"], ["ISR"]), event("ASSAULT", ["ISR"], ["LBN"])]
    report = score([gold_doc], {"d1": preds})
    assert report.metrics["triple_accuracy"] == 1.0 and report.metrics["tp"] == 2


def test_eval_scoring_igo_codes_compare_as_igo():
    report = score([doc(gold("REJECT", ["RUS"], ["IGO"]))], {"d1": [event("REJECT", ["RUS"], ["UNO"])]})
    assert report.metrics["triple_accuracy"] == 1.0


def test_eval_scoring_no_event_document_false_alarm():
    docs = [doc(id="quiet", phenomena=["no_event", "historical"]), doc(id="calm", phenomena=["no_event"])]
    report = score(docs, {"quiet": [event("MOBILIZE", ["RUS"], [], doc="quiet")]})
    m = report.metrics
    assert m["fp"] == 1 and m["no_event_documents"] == 2 and m["no_event_documents_clean"] == 0.5
    assert report.false_positives[0]["doc_id"] == "quiet"
    assert report.by_phenomenon["historical"]["fp"] == 1
    assert report.by_phenomenon["no_event"]["documents"] == 2


def test_eval_scoring_per_type_and_macro():
    docs = [
        doc(gold("AGREE", ["AUS", "PNG"]), id="a"),
        doc(gold("PROTEST", ["GEO"], ["GEO"]), id="b"),
    ]
    preds = {"a": [event("AGREE", ["AUS"], ["PNG"], doc="a")], "b": [event("COERCE", ["GEO"], ["GEO"], doc="b")]}
    report = score(docs, preds)
    assert report.per_type["AGREE"]["f1"] == 1.0
    assert report.per_type["PROTEST"]["f1"] == 0.0 and report.per_type["COERCE"]["f1"] == 0.0
    assert report.metrics["macro_f1"] == pytest.approx(1 / 3)
    assert report.metrics["f1"] == pytest.approx(0.5)


def test_eval_scoring_report_json_form_is_serialisable():
    import json

    report = score([doc(gold("AID", ["USA"], ["UKR"]), phenomena=["aid"])], {"d1": [event("AID", ["USA"], ["UKR"])]})
    data = json.loads(json.dumps(report.to_dict(worst=5)))
    assert data["schema"] == "accord.eval-report/1"
    assert data["metrics"]["f1"] == 1.0 and data["by_phenomenon"]["aid"]["tp"] == 1


@pytest.mark.parametrize("use_accept", [False, True])
def test_eval_scoring_gold_set_scored_against_itself_is_perfect(use_accept):
    from pathlib import Path

    from accord.eval.gold import load_gold
    from accord.eval.scoring import Prediction

    docs = load_gold(Path(__file__).parent / "gold" / "accord_gold.jsonl").documents
    oracle = {
        d.id: [
            Prediction(
                event=sorted(g.accept)[0] if use_accept and g.accept else g.event,
                source=g.source, target=g.target, negated=g.negated, intent=g.intent,
            )
            for g in d.events
        ]
        for d in docs
    }
    m = score(docs, oracle).metrics
    assert m["f1"] == 1.0 and m["triple_accuracy"] == 1.0 and m["triple_accuracy_strict"] == 1.0
    assert m["negation_respected"] == 1.0 and m["no_event_documents_clean"] == 1.0 and m["duplicates"] == 0


@pytest.mark.parametrize(
    "kind,triple",
    [("CONSULT", 1.0), ("ASSAULT", 0.0)],  # a meeting has no direction; an attack does
)
def test_eval_scoring_symmetric_types_accept_swapped_sides(kind, triple):
    report = score([doc(gold(kind, ["DEU"], ["BRA"]))], {"d1": [event(kind, ["BRA"], ["DEU"])]})
    assert report.metrics["tp"] == 1
    assert report.metrics["triple_accuracy"] == triple


def test_eval_scoring_phenomenon_without_gold_events_has_no_recall():
    report = score([doc(id="q", phenomena=["historical"])], {})
    row = report.by_phenomenon["historical"]
    assert row["type_recall"] is None and row["f1"] is None and row["type_precision"] is None
    assert row["no_event_documents_clean"] == 1.0
