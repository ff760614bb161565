"""`accord code`: the CLI contract other tools depend on (formats, store, bad input)."""

from __future__ import annotations

import csv
import io
import json

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.schema_check import validate

ARTICLE = (
    "Kenya and Ethiopia sign border security pact\n\n"
    "NAIROBI, March 4 - Kenyan President William Ruto met Ethiopian Prime Minister Abiy Ahmed in "
    "Nairobi on Monday, and the two leaders signed an agreement on border security. "
    "Ruto urged Ethiopia to reopen the Moyale crossing to trucks carrying food aid.\n"
)


@pytest.fixture()
def corpus(tmp_path):
    (tmp_path / "pact.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "wire.jsonl").write_text(
        json.dumps({"id": "w1", "date": "2024-03-05", "title": "Sanctions", "text": "The European Union imposed sanctions on Belarus on Tuesday."}) + "\n",
        encoding="utf-8",
    )
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Type /Catalog")
    return tmp_path


def test_cli_code_documents_format_one_line_per_input(corpus):
    result = CliRunner().invoke(app, ["code", str(corpus), "--format", "documents", "--no-store"])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(lines) == 3
    by_source = {line["source"].rsplit("/", 1)[-1]: line for line in lines}
    broken = next(v for k, v in by_source.items() if k.startswith("broken"))
    assert broken["errors"] and broken["errors"][0]["code"] == "E105"
    pact = next(v for k, v in by_source.items() if k.startswith("pact"))
    assert pact["schema"] == "accord.document/1"
    assert {"id", "title", "author", "date", "url", "links", "source", "text", "events", "quotes", "errors"} <= set(pact)
    assert any(e["event"] == "CONSULT" for e in pact["events"])
    for line in lines:
        if line["id"] is not None:
            validate(line)


def test_cli_code_jsonl_is_one_event_per_line(corpus):
    result = CliRunner().invoke(app, ["code", str(corpus / "wire.jsonl"), "--format", "jsonl", "--no-store"])
    assert result.exit_code == 0, result.output
    events = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert events and all(e["schema"] == "accord.event/1" for e in events)
    sanction = next(e for e in events if e["event"] == "SANCTION")
    assert sanction["doc_id"] == "w1" and sanction["recipient"][0]["country"] == "BLR"
    for e in events:
        validate(e)


def test_cli_code_csv_and_store(corpus, tmp_path):
    db = tmp_path / "store.duckdb"
    result = CliRunner().invoke(app, ["code", str(corpus / "pact.txt"), "--format", "csv", "--db", str(db)])
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows and {"event", "actor_code", "recipient_code", "trigger", "rule"} <= set(rows[0])
    from accord.store import Store

    with Store(db, read_only=True) as store:
        assert store.counts()["documents"] == 1
        assert store.counts()["events"] == len(rows)


def test_cli_version_and_help():
    runner = CliRunner()
    assert runner.invoke(app, ["--version"]).stdout.startswith("accord ")
    for command in ("code", "actors", "query", "export", "eval", "demo"):
        out = runner.invoke(app, [command, "--help"])
        assert out.exit_code == 0 and "Usage" in out.stdout
