"""`accord eval`: table and JSON output, floors update, readouts, bad input."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from accord.cli.main import app
from accord.pipeline import CodedDocument
from accord.records import Actor, Event

runner = CliRunner()

GOLD = [
    {"id": "g1", "date": "2023-03-10", "text": "Saudi Arabia and Iran agreed on Friday to restore diplomatic relations.",
     "events": [{"event": "AGREE", "source": ["SAU", "IRN"], "target": []}], "phenomena": ["agreement"]},
    {"id": "g2", "date": "2023-11-15", "text": "Japan's economy shrank in the third quarter, data showed.",
     "events": [], "phenomena": ["no_event"]},
]


def _stub(documents, settings=None):
    mk = lambda c: Actor(text=c, start=0, end=0, name=c, country=c)  # noqa: E731
    for d in documents:
        events = ()
        if d.id == "g1":
            events = (Event(doc_id="g1", sentence=0, text=d.text, start=0, end=10, event="AGREE", mode=None, context=(),
                            cameo="057", quad_class=1, goldstein=8.0, actor=(mk("SAU"),), recipient=(mk("IRN"),),
                            date=d.date, date_precision="day"),)
        yield CodedDocument(d, events=events)


def _gold(tmp_path):
    path = tmp_path / "mini_gold.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in GOLD) + "\n", encoding="utf-8")
    return path


def test_eval_cli_json_output(tmp_path, monkeypatch):
    monkeypatch.setattr("accord.pipeline.code_documents", _stub)
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["name"] == "mini_gold" and data["format"] == "accord"
    assert data["metrics"]["f1"] == 1.0 and data["metrics"]["no_event_documents_clean"] == 1.0


def test_eval_cli_table_output_with_phenomena(tmp_path, monkeypatch):
    monkeypatch.setattr("accord.pipeline.code_documents", lambda docs, settings=None: (CodedDocument(d) for d in docs))
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--by-phenomenon", "--worst", "3"])
    assert result.exit_code == 0, result.output
    assert "Per type" in result.output and "By phenomenon" in result.output and "missed" in result.output


def test_eval_cli_update_floors_raises_only(tmp_path, monkeypatch):
    monkeypatch.setattr("accord.pipeline.code_documents", _stub)
    floors = tmp_path / "floors.json"
    floors.write_text(json.dumps({"mini_gold": {"f1": 0.0, "type_recall": 1.0}}), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(_gold(tmp_path)), "--format", "json", "--update-floors", "--floors", str(floors)])
    assert result.exit_code == 0, result.output
    entry = json.loads(floors.read_text())["mini_gold"]
    assert entry["f1"] == 1.0 and entry["type_recall"] == 1.0 and len(entry["sha256"]) == 64


def test_eval_cli_missing_file_is_reported_not_raised(tmp_path):
    result = runner.invoke(app, ["eval", str(tmp_path / "absent.jsonl")])
    assert result.exit_code == 2 and "E109" in result.output


def test_eval_cli_readouts(tmp_path, monkeypatch):
    monkeypatch.setattr("accord.pipeline.code_documents", lambda docs, settings=None: (CodedDocument(d) for d in docs))
    path = tmp_path / "r.jsonl"
    path.write_text(json.dumps({"id": "r", "date": "2022-01-01", "title": "Readout of a Call with President Macron of France",
                                "text": "The President spoke with President Macron."}) + "\n", encoding="utf-8")
    result = runner.invoke(app, ["eval", "--readouts", str(path), "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["evaluated"] == 1
