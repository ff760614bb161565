"""PLV dyads: the format is detected, spans become offsets, and the lenient side rule is applied."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from accord.eval.floors import gated_metrics, raise_floors
from accord.eval.gold import PLV, load_gold
from accord.eval.plv import score_plv
from accord.records import Actor, Event

SAMPLE = Path(__file__).parent / "data" / "plv_sample.jsonl"


def actor(text: str, doc_text: str, country: str, sector: str | None = None) -> Actor:
    start = doc_text.index(text)
    return Actor(text=text, start=start, end=start + len(text), name=text, country=country, sector=sector)


def event(kind: str, doc, src=(), tgt=(), *, negated=False) -> Event:
    return Event(
        doc_id=doc.id, sentence=0, text=doc.text, start=0, end=len(doc.text), event=kind, mode=None,
        context=(), cameo="010", quad_class=1, goldstein=0.0, actor=tuple(src), recipient=tuple(tgt),
        date=None, date_precision="day", negated=negated,
    )


@pytest.fixture(scope="module")
def gold():
    return load_gold(SAMPLE)


def test_eval_plv_format_detected_and_spans_found(gold):
    assert gold.format == PLV and not gold.problems and len(gold.documents) == 4
    first = gold.documents[0]
    g = first.events[0]
    assert first.text[slice(*g.source_span)] == "The Chilean navy"
    assert first.text[slice(*g.target_span)] == "two Peruvian fishing trawlers"


def test_eval_plv_yield_accepts_concede_or_retreat_and_placeholder_side_unnamed(gold):
    yield_event = gold.documents[2].events[0]
    assert yield_event.types == {"CONCEDE", "RETREAT"}
    assert gold.documents[3].events[0].target_span is None  # "a recipient" is not in the text


def test_eval_plv_scores_type_and_sides_by_overlap(gold):
    coerce_doc, consult_doc, yield_doc, accuse_doc = gold.documents
    t = coerce_doc.text
    predicted = {
        # "Chilean navy" inside the gold source span; "Peruvian" inside the target span
        coerce_doc.id: [event("COERCE", coerce_doc, [actor("Chilean navy", t, "CHL", "MIL")], [actor("Peruvian", t, "PER")])],
        # CONSULT is symmetric: the sides may be swapped
        consult_doc.id: [event("CONSULT", consult_doc, [actor("Ethiopian", consult_doc.text, "ETH")],
                               [actor("Kenya", consult_doc.text, "KEN")])],
        # right type, wrong source (the Malian troops); the target is the place
        yield_doc.id: [event("RETREAT", yield_doc, [actor("Malian troops", yield_doc.text, "MLI", "MIL")],
                             [actor("Kidal", yield_doc.text, "MLI")])],
        # a negated event is not a finding
        accuse_doc.id: [event("ACCUSE", accuse_doc, [actor("Danish", accuse_doc.text, "DNK")], negated=True)],
    }
    report = score_plv(gold.documents, predicted)
    m = report.metrics
    assert m["type_found"] == pytest.approx(3 / 4)
    assert m["type_both"] == pytest.approx(2 / 4)
    assert m["type_target"] == pytest.approx(3 / 4)
    assert m["events_per_sentence"] == pytest.approx(3 / 4)  # negated events are not counted
    assert report.per_type["CONCEDE|RETREAT"]["type_found"] == 1.0
    assert report.per_type["CONCEDE|RETREAT"]["type_both"] == 0.0
    kinds = {miss["doc_id"]: miss["kind"] for miss in report.misses}
    assert kinds == {yield_doc.id: "wrong_actors", accuse_doc.id: "missed"}


def test_eval_plv_same_country_as_the_span_counts(gold):
    doc = gold.documents[1]
    # the coder resolved "Kenya" inside the source span; the predicted actor is a Kenyan named elsewhere
    mentions = {doc.id: [actor("Kenya", doc.text, "KEN"), actor("Ethiopian", doc.text, "ETH")]}
    nairobi = actor("Nairobi", doc.text, "KEN")
    predicted = {doc.id: [event("CONSULT", doc, [nairobi], [actor("Ethiopian", doc.text, "ETH")])]}
    assert score_plv([doc], predicted, mentions).metrics["type_both"] == 1.0
    assert score_plv([doc], predicted).metrics["type_both"] == 0.0


def _plv_doc(tmp_path, text: str, source: str, target: str, kind: str):
    path = tmp_path / "plv.jsonl"
    path.write_text(json.dumps({"id": "j1", "text": text, "source": source, "target": target, "event": kind}) + "\n")
    return load_gold(path).documents[0]


def test_eval_plv_joint_event_matches_a_directed_dyad_by_the_convention(tmp_path):
    text = "Uruguay and Paraguay signed an agreement on Tuesday to dredge the Parana waterway together."
    doc = _plv_doc(tmp_path, text, "Uruguay", "Paraguay", "AGREE")
    joint = event("AGREE", doc, [actor("Uruguay", text, "URY"), actor("Paraguay", text, "PRY")])
    m = score_plv([doc], {doc.id: [joint]}).metrics
    assert (m["type_both"], m["type_target"], m["joint_matches"]) == (1.0, 1.0, 1)
    # without the equivalence the joint event gives the source only
    assert (m["type_both_directed"], m["type_target_directed"], m["type_source"]) == (0.0, 0.0, 1.0)


def test_eval_plv_joint_equivalence_needs_both_sides_no_recipient_and_a_joint_type(tmp_path):
    text = "Uruguay and Paraguay signed an agreement on Tuesday to dredge the Parana waterway with Brazil."
    doc = _plv_doc(tmp_path, text, "Uruguay", "Paraguay", "AGREE")
    uy, py, br = actor("Uruguay", text, "URY"), actor("Paraguay", text, "PRY"), actor("Brazil", text, "BRA")
    cases = [
        event("AGREE", doc, [uy, py], [br]),  # a joint event aimed at someone else is no X->Y
        event("AGREE", doc, [uy, br]),  # the gold target is not among the actors
        event("AGREE", doc, [uy]),  # one actor only
    ]
    for e in cases:
        assert score_plv([doc], {doc.id: [e]}).metrics["type_both"] == 0.0
    doc2 = _plv_doc(tmp_path, text, "Uruguay", "Paraguay", "ACCUSE")  # not a joint type
    assert score_plv([doc2], {doc2.id: [event("ACCUSE", doc2, [uy, py])]}).metrics["type_both"] == 0.0


def test_eval_plv_floors_gate_its_own_metrics(gold):
    report = score_plv(gold.documents, {})
    from dataclasses import replace

    report = replace(report, name="plv_sample", format=PLV, sha256=gold.sha256)
    assert gated_metrics(report) == ("type_found", "type_source", "type_both")
    floors, _ = raise_floors({}, report)
    assert set(floors["plv_sample"]) == {"sha256", "type_found", "type_source", "type_both"}


def test_eval_plv_bad_line_is_a_problem_not_a_crash(tmp_path):
    path = tmp_path / "plv.jsonl"
    lines = SAMPLE.read_text(encoding="utf-8").splitlines()[:2]
    bad = json.loads(lines[1]) | {"event": "DANCE"}
    path.write_text("\n".join([lines[0], json.dumps(bad)]) + "\n", encoding="utf-8")
    loaded = load_gold(path)
    assert len(loaded.documents) == 1 and loaded.problems[0].code == "E304"


def test_eval_plv_cli_table_codes_the_sample(tmp_path):
    """End to end with the real coder: the table shows the PLV summary, JSON carries the metrics."""
    from typer.testing import CliRunner

    from accord.cli.main import app

    runner = CliRunner()
    table = runner.invoke(app, ["eval", str(SAMPLE), "--worst", "2"])
    assert table.exit_code == 0, table.output
    assert "type + both sides" in table.output and "CONCEDE|RETREAT" in table.output
    out = runner.invoke(app, ["eval", str(SAMPLE), "--format", "json"])
    data = json.loads(out.output)
    assert data["format"] == "plv" and 0.0 <= data["metrics"]["type_found"] <= 1.0
