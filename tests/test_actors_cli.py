"""`accord actors`: JSON lines per input text, table output, stdin input, clear errors."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from accord.cli.main import app

runner = CliRunner()


def test_actors_cli_json_prints_one_list_per_text_in_order():
    result = runner.invoke(app, ["actors", "--format", "json", "--date", "2024-05-16",
                                 "Russian President Vladimir Putin thanked Beijing.", "NATO troops arrived."])
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [[a["code"] for a in found] for found in lines] == [["RUSGOV", "CHNGOV"], ["IGOMIL"]]
    assert lines[0][0]["name"] == "Vladimir Putin"


def test_actors_cli_reads_stdin_one_text_per_line():
    result = runner.invoke(app, ["actors", "--format", "json"], input="Iran accused Israel.\nThe Kremlin said no.\n")
    assert result.exit_code == 0, result.output
    lines = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [[a["country"] for a in found] for found in lines] == [["IRN", "ISR"], ["RUS"]]


def test_actors_cli_table_shows_codes():
    result = runner.invoke(app, ["actors", "Syrian rebels attacked."])
    assert result.exit_code == 0 and "SYRREB" in result.output


def test_actors_cli_rejects_a_bad_date():
    result = runner.invoke(app, ["actors", "--date", "yesterday", "Iran"])
    assert result.exit_code != 0


def test_actors_cli_says_how_each_actor_was_resolved():
    result = runner.invoke(app, ["actors", "--format", "json", "--date", "2023-05-01",
                                 "Olaf Scholz met Shanghai police officials. Scholz said Russia's troops must leave."])
    assert result.exit_code == 0, result.output
    (found,) = [json.loads(line) for line in result.output.splitlines() if line.strip()]
    assert [(a["text"], a["via"]) for a in found] == [
        ("Olaf Scholz", "name"), ("Shanghai police officials", "place"), ("Scholz", "surname"),
        ("Russia's troops", "name")]
    table = runner.invoke(app, ["actors", "--date", "2024-03-01", "Senator Cruz spoke."])
    assert table.exit_code == 0 and "untabled name" in table.output
