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


def test_store_cli_dyad_lists_only_periods_with_events_unless_dense(db):
    args = ["query", "dyad", "CHN", "RUS", "--start", "2024-04-01", "--end", "2024-04-30", "-f", "json", "--db", str(db)]
    assert [r["period"] for r in json.loads(_ok(args).stdout)] == ["2024-04-09"]
    dense = json.loads(_ok([*args, "--dense"]).stdout)
    assert len(dense) == 30 and sum(r["events"] for r in dense) == 1


@pytest.mark.parametrize("name, check", [
    ("events.json", lambda p: json.loads(p.read_text())[0]["event"] == "CONSULT"),
    ("events.jsonl", lambda p: json.loads(p.read_text().splitlines()[0])["schema"].startswith("accord.event")),
    ("events.tsv", lambda p: p.read_text().splitlines()[0].startswith("date\tevent\t")),
    ("events.parquet", lambda p: __import__("pyarrow.parquet").parquet.read_table(p).column("cameo").to_pylist()
     == ["040", "040"]),
])
def test_store_cli_output_format_follows_the_extension(db, tmp_path, name, check):
    out = tmp_path / name
    _ok(["query", "events", "-o", str(out), "--db", str(db)])
    assert check(out)


def test_store_cli_export_format_follows_the_extension(db, tmp_path):
    import pyarrow.parquet as pq

    out = tmp_path / "gdelt.parquet"
    assert "parquet" in _ok(["export", "-l", "gdelt", "-o", str(out), "--db", str(db)]).stderr
    assert pq.read_table(out).num_rows == 1


@pytest.mark.parametrize("args", [["export", "-f", "csv", "-o", "{dir}/e.parquet"],
                                  ["query", "actors", "-f", "csv", "-o", "{dir}/a.json"],
                                  ["export", "-o", "{dir}/e.json"]])
def test_store_cli_format_and_extension_that_disagree_are_an_error(db, tmp_path, args):
    args = [a.format(dir=tmp_path) for a in args]
    result = runner.invoke(app, [*args, "--db", str(db)])
    assert result.exit_code == 1 and "[E415]" in result.stderr and len(result.stderr.strip().splitlines()) == 1
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("args, hint", [
    (["query", "events", "-t", "CONSULTS"], "did you mean CONSULT?"),
    (["query", "clusters", "--country", "Russia"], "Russia → RUS"),
    (["query", "actors", "--country", "russia"], "Russia → RUS"),
    (["query", "types", "-t", "MEETING"], "use one of ACCUSE, AGREE"),
])
def test_store_cli_unknown_filter_value_gets_a_hint(db, args, hint):
    result = _ok([*args, "--db", str(db)])
    lines = [line for line in result.stderr.splitlines() if line.startswith("hint:")]
    assert len(lines) == 1 and hint in lines[0]


def test_store_cli_known_value_without_matches_gets_no_hint(db):
    result = _ok(["query", "events", "--country", "BRA", "-t", "ASSAULT", "--db", str(db)])
    assert "hint:" not in result.stderr and "no rows" in result.stdout


def test_store_cli_events_csv_carries_the_flags(db, tmp_path):
    out = tmp_path / "e.csv"
    _ok(["query", "events", "-o", str(out), "--db", str(db)])
    rows = list(csv.DictReader(out.open()))
    assert {r["negated"] for r in rows} == {"False"} and {r["hypothetical"] for r in rows} == {"False"}


def test_store_cli_progress_total_counts_files_and_jsonl_lines(tmp_path):
    from accord.ingest.count import count_inputs

    (tmp_path / "wires").mkdir()
    (tmp_path / "wires" / "a.txt").write_text("Putin met Xi in Beijing.\n")
    (tmp_path / "wires" / "b.md").write_text("# Talks\n\nLavrov met Wang.\n")
    (tmp_path / "wires" / ".hidden.txt").write_text("not read\n")
    feed = tmp_path / "feed.jsonl"
    feed.write_text('{"text": "Kyiv and Warsaw agreed on grain transit."}\n\n{"text": "Ankara hosted talks."}\n'
                    '{"text": "Paris sent aid."}')
    assert count_inputs([str(tmp_path / "wires"), str(feed)]) == 5
    assert count_inputs(["-"]) is None
