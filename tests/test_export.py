"""Exports: every format x layout loads back into DuckDB with the columns docs/LAYOUTS.md documents."""

from __future__ import annotations

import json
import re
from pathlib import Path

import duckdb
import pytest

from accord.errors import StoreError
from accord.records import event_from_dict
from accord.store import Store
from accord.store.export import FORMATS, LAYOUTS, export
from accord.store.synthetic import actor, coded, event, place

LAYOUTS_MD = Path(__file__).resolve().parents[1] / "docs" / "LAYOUTS.md"


def documented(key: str) -> list[str]:
    """The column names of the table marked ``<!-- columns: key -->`` in docs/LAYOUTS.md."""
    text = LAYOUTS_MD.read_text(encoding="utf-8")
    block = text.split(f"<!-- columns: {key} -->", 1)[1].strip().split("\n\n", 1)[0]
    return [re.match(r"\|\s*`([^`]+)`", line).group(1) for line in block.splitlines()[2:]]


def _columns(key_layout: str, what: str) -> list[str]:
    cols = documented(f"{key_layout}/events")
    if key_layout == "accord" and what == "dyads":
        cols = cols[:1] + documented("accord/dyads-extra") + cols[1:]
    return cols


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    text = ("KYIV, June 3 - Russian forces shelled the port of Odesa overnight, Ukrainian officials said. "
            "The United States and Britain condemned the strike and urged Moscow to halt its attacks.")
    s1, s2 = text.split(". ", 1)
    shelling = event("kyiv-1", s1 + ".", "ASSAULT", [actor("RUS", "Russian forces", sector="MIL")],
                     [actor("UKR", "Odesa", sector=None)], "2024-06-02", trigger="shelled",
                     place=place("Odesa", "UKR", 698740, 46.47747, 30.73262), mode="heavy-weapons", confidence=0.9)
    condemn = event("kyiv-1", s2, "ACCUSE", [actor("USA", "United States"), actor("GBR", "Britain")],
                    [actor("RUS", "Moscow")], "2024-06-03", trigger="condemned", sentence=1, start=len(s1) + 2,
                    context=("military",))
    other = event("wire-9", "Russian artillery hit Odesa's port during the night.", "ASSAULT",
                  [actor("RUS", "Russian artillery", sector="MIL")], [actor("UKR", "Odesa", sector=None)],
                  "2024-06-02", trigger="hit", place=place("Odesa", "UKR", 698740), confidence=0.7)
    docs = [
        coded("kyiv-1", text, "2024-06-03", [shelling, condemn], url="https://www.kyiv-wire.example.com/odesa"),
        coded("wire-9", other.text, "2024-06-03", [other], url="https://other.example.org/9"),
    ]
    path = tmp_path_factory.mktemp("ex") / "e.duckdb"
    with Store(path) as s:
        s.add(docs)
        yield s


def _load(path: Path, fmt: str) -> duckdb.DuckDBPyRelation:
    con = duckdb.connect()
    reader = {"csv": "read_csv_auto", "jsonl": "read_json_auto", "parquet": "read_parquet"}[fmt]
    return con.sql(f"SELECT * FROM {reader}('{path}')")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("layout", LAYOUTS)
@pytest.mark.parametrize("what, rows", [("events", 3), ("dyads", 4)])
def test_export_every_format_and_layout_loads_back(store, tmp_path, fmt, layout, what, rows):
    out = tmp_path / f"out.{fmt}"
    n = export(store, out, fmt, layout, what)
    assert n == rows
    rel = _load(out, fmt)
    if layout == "accord" and fmt == "jsonl" and what == "events":
        assert len(rel.fetchall()) == rows  # nested records: checked in the round-trip test
        return
    assert rel.columns == _columns(layout, what)
    assert len(rel.fetchall()) == rows


def test_export_accord_jsonl_round_trips_events(store, tmp_path):
    out = tmp_path / "events.jsonl"
    export(store, out, "jsonl", "accord", "events")
    back = [event_from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert back == store.events()


def test_export_gdelt_counts_mentions_from_clusters(store, tmp_path):
    out = tmp_path / "g.parquet"
    export(store, out, "parquet", "gdelt", "events")
    rows = duckdb.sql(
        f"SELECT AccordEventType, SQLDATE, NumMentions, NumSources, NumArticles, EventRootCode, GLOBALEVENTID "
        f"FROM '{out}' ORDER BY AccordEventType, SOURCEURL").fetchall()
    assert [r[:6] for r in rows] == [
        ("ACCUSE", 20240603, 1, 1, 1, "11"), ("ASSAULT", 20240602, 2, 2, 2, "19"), ("ASSAULT", 20240602, 2, 2, 2, "19")]
    assert len({r[6] for r in rows}) == 3 and all(r[6] > 0 for r in rows)
    again = tmp_path / "g2.parquet"
    export(store, again, "parquet", "gdelt", "events")
    assert duckdb.sql(f"SELECT list(GLOBALEVENTID ORDER BY GLOBALEVENTID) FROM '{again}'").fetchall() == \
        duckdb.sql(f"SELECT list(GLOBALEVENTID ORDER BY GLOBALEVENTID) FROM '{out}'").fetchall()


def test_export_polecat_joins_several_actors(store, tmp_path):
    out = tmp_path / "p.csv"
    export(store, out, "csv", "polecat", "events", types=("ACCUSE",))
    (row,) = duckdb.sql(f"SELECT \"Actor Name\", \"Actor Country\", \"Source\", \"Contexts\" FROM read_csv_auto('{out}')").fetchall()
    assert row == ("United States; Britain", "USA; GBR", "kyiv-wire.example.com", "military")


@pytest.mark.parametrize("what", ["documents", "quotes", "clusters"])
@pytest.mark.parametrize("fmt", FORMATS)
def test_export_accord_other_tables(store, tmp_path, what, fmt):
    out = tmp_path / f"{what}.{fmt}"
    n = export(store, out, fmt, "accord", what)
    assert n == {"documents": 2, "quotes": 0, "clusters": 2}[what]
    if n and not (fmt == "jsonl" and what != "clusters"):
        assert _load(out, fmt).columns == documented(f"accord/{what}")


@pytest.mark.parametrize("layout, what, fmt", [("gdelt", "documents", "csv"), ("polecat", "quotes", "csv"),
                                               ("accord", "events", "xlsx"), ("cameo", "events", "csv")])
def test_export_unsupported_combination_raises(store, tmp_path, layout, what, fmt):
    with pytest.raises(StoreError, match="E403"):
        export(store, tmp_path / "x", fmt, layout, what)
