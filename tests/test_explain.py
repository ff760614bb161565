"""`accord explain`: the evidence of one stored event, marked, with its rule, parties, date and cluster."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from accord.cli.main import app
from accord.store import Store
from accord.store.explain import explain, mark, rule_source
from accord.store.synthetic import actor, coded, event, place

runner = CliRunner()


def _store(path):
    text = "Russian forces shelled the port of Odesa overnight, Ukrainian officials said."
    ev = event("kyiv-1", text, "ASSAULT", [actor("RUS", "Russian forces", sector="MIL", text="Russian forces", start=0)],
               [actor("UKR", "Ukraine", sector=None, text="Odesa", start=35)], "2024-06-02", trigger="shelled",
               place=place("Odesa", "UKR", 698740), confidence=0.83)
    with Store(path) as s:
        s.add([coded("kyiv-1", text, "2024-06-03", [ev], url="https://kyiv.example.com/odesa")])
        s.dedup()
    return ev


def test_explain_marks_actor_trigger_and_recipient(tmp_path):
    ev = _store(tmp_path / "x.duckdb")
    with Store(tmp_path / "x.duckdb", read_only=True) as s:
        ex = explain(s, ev.id, parse=False)
    assert ex.marked == "[ACTOR: Russian forces] [TRIGGER: shelled] the port of [RECIPIENT: Odesa] overnight, Ukrainian officials said."
    assert ex.event["confidence"] == 0.83 and ex.event["event"] == "ASSAULT"
    assert ex.cluster["num_mentions"] == 1 and ex.cluster["others"] == []
    assert ex.document["url"] == "https://kyiv.example.com/odesa"


def test_explain_rule_source_names_the_lexicon_entry():
    from accord.events.lexicon import load_lexicon

    first = load_lexicon().triggers[0]
    info = rule_source(f"accord/v1/{first.rule_id}/subject+future-promise")
    assert info["coder"] == "v1" and info["roles"] == "subject" and info["adjustments"] == ["future-promise"]
    assert info["entry"]["event"] == first.event and info["lexicon_line"] == first.line


def test_explain_mark_ignores_spans_outside_the_sentence():
    assert mark("Iran protested.", 100, [(100, 104, "ACTOR"), (5, 9, "X")]) == "[ACTOR: Iran] protested."


def test_explain_cli_json_and_unknown_id(tmp_path):
    db = tmp_path / "x.duckdb"
    ev = _store(db)
    out = runner.invoke(app, ["explain", ev.id, "--db", str(db), "--format", "json", "--no-parse"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["event"]["id"] == ev.id and data["parties"][0]["code"] == "RUSMIL"
    missing = runner.invoke(app, ["explain", "ev-0000000000000000", "--db", str(db)])
    assert missing.exit_code == 1 and "E404" in missing.output and "Traceback" not in missing.output


def test_explain_rule_source_separates_the_v2_decision_from_the_roles():
    info = rule_source("accord/v1/lex/event/consult/4/subject/v2:confirm")
    assert info["roles"] == "subject"
    assert info["decision"] == "confirm"
    info = rule_source("accord/v1/lex/event/accuse/12/passive-agent+negated/v2:retype:ASSAULT")
    assert info["roles"] == "passive-agent" and info["adjustments"] == ["negated"]
    assert info["decision"] == "retype:ASSAULT"
    assert "decision" not in rule_source("accord/v1/lex/event/consult/4/subject")
