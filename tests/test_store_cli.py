"""`accord query ...` and `accord export` on a temporary database (thin shells over the library)."""

from __future__ import annotations

import csv
import json

import pytest
from typer.testing import CliRunner

from accord.cli.main import app
from accord.store import Store
from accord.store.synthetic import actor, coded, event, place

runner = CliRunner()


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    text = "Chinese Foreign Minister Wang Yi met Sergei Lavrov in Beijing on Tuesday to discuss the war in Ukraine."
    ev = event("wire-1", text, "CONSULT", [actor("CHN", "Wang Yi", kind="person")], [actor("RUS", "Sergei Lavrov", kind="person")],
               "2024-04-09", trigger="met", place=place("Beijing", "CHN", 1816670))
    text2 = "Lavrov and Wang held talks in the Chinese capital on Tuesday, the Russian foreign ministry said."
    ev2 = event("wire-2", text2, "CONSULT", [actor("RUS", "Sergei Lavrov")], [actor("CHN", "Wang Yi")],
                "2024-04-09", trigger="held talks", place=place("Beijing", "CHN", 1816670))
    with Store(path) as s:
        s.add([coded("wire-1", text, "2024-04-09", [ev], url="https://a.example.com/1"),
               coded("wire-2", text2, "2024-04-09", [ev2], url="https://b.example.com/2")])
    return path


def _ok(args):
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    return result


def test_store_cli_query_dyad_json(db):
    out = json.loads(_ok(["query", "dyad", "CHN", "RUS", "--by", "month", "--format", "json", "--db", str(db)]).stdout)
    assert out == [{"period": "2024-04-01", "events": 1, "quad1": 1, "quad2": 0, "quad3": 0, "quad4": 0,
                    "goldstein_sum": 1.0, "goldstein_mean": 1.0, "CONSULT": 1}]
    both = json.loads(_ok(["query", "dyad", "CHN", "RUS", "--undirected", "-f", "json", "--db", str(db)]).stdout)
    assert both[0]["events"] == 2


@pytest.mark.parametrize("command", [["actors"], ["dyads", "--undirected"], ["types"], ["network"], ["clusters"],
                                     ["events", "--country", "RUS"]])
def test_store_cli_query_commands_write_csv(db, tmp_path, command):
    out = tmp_path / "out.csv"
    _ok(["query", *command, "--format", "csv", "-o", str(out), "--db", str(db)])
    rows = list(csv.DictReader(out.open()))
    assert rows, command


def test_store_cli_query_tables_render(db):
    result = _ok(["query", "clusters", "--db", str(db)])
    assert "CONSULT" in result.stdout


def test_store_cli_clusters_rebuild_with_window(db):
    out = json.loads(_ok(["query", "clusters", "--rebuild", "--window", "0", "-f", "json", "--db", str(db)]).stdout)
    assert len(out) == 1  # a meeting reported either way round (RUS->CHN, CHN->RUS) on one day is one event


def test_store_cli_export_gdelt_parquet(db, tmp_path):
    out = tmp_path / "g.parquet"
    result = _ok(["export", "--format", "parquet", "--layout", "gdelt", "-o", str(out), "--db", str(db)])
    assert "wrote 1 events rows" in result.output  # GDELT rows are deduplicated events
    assert out.stat().st_size > 0


@pytest.mark.parametrize("args, code", [(["query", "actors"], "E402"), (["export", "-o", "x.csv"], "E402")])
def test_store_cli_missing_database_is_reported(tmp_path, args, code):
    result = runner.invoke(app, [*args, "--db", str(tmp_path / "missing.duckdb")])
    assert result.exit_code == 1 and code in result.output


def test_store_cli_bad_option_is_reported(db):
    result = runner.invoke(app, ["query", "dyad", "RUS", "--by", "year", "--db", str(db)])
    assert result.exit_code == 1 and "E404" in result.output
