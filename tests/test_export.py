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


#: (layout, what) -> rows in the fixture store: three mentions; the two shellings of Odesa are one event.
ROWS = {
    ("accord", "events"): 3, ("accord", "dyads"): 4, ("polecat", "events"): 3, ("polecat", "dyads"): 4,
    ("icews", "events"): 4, ("icews", "dyads"): 4, ("phoenix", "events"): 4, ("phoenix", "dyads"): 4,
    ("gdelt", "events"): 2, ("gdelt", "mentions"): 3,
}
#: Columns that hold codes: they must stay text in every reader.
CODE_COLUMNS = ("cameo", "Accord CAMEO", "EventCode", "EventBaseCode", "EventRootCode", "CAMEO Code",
                "ActionGeo_ADM1Code", "ActionGeo_FeatureID")


def _doc_key(layout: str, what: str) -> str:
    if layout == "gdelt":
        return f"gdelt/{what}"
    return f"{layout}/events"


@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "tsv"])
@pytest.mark.parametrize("layout, what", sorted(ROWS))
def test_export_every_format_and_layout_loads_back(store, tmp_path, fmt, layout, what):
    out = tmp_path / f"out.{fmt}"
    rows = ROWS[(layout, what)]
    n = export(store, out, fmt, layout, what)
    assert n == rows
    rel = _load(out, fmt)
    if layout == "accord" and fmt == "jsonl" and what == "events":
        assert len(rel.fetchall()) == rows  # nested records: checked in the round-trip test
        return
    expected = _columns(layout, what) if layout == "accord" else documented(_doc_key(layout, what))
    assert rel.columns == expected
    assert len(rel.fetchall()) == rows


@pytest.mark.parametrize("layout, what", [k for k in sorted(ROWS) if k[0] != "accord"])
def test_export_layouts_load_in_pandas_and_duckdb_with_codes_as_text(store, tmp_path, layout, what):
    pd = pytest.importorskip("pandas")
    fmt = "tsv" if layout == "phoenix" else "csv"
    out = tmp_path / f"out.{fmt}"
    export(store, out, fmt, layout, what)
    sep = "\t" if fmt == "tsv" else ","
    cols = documented(_doc_key(layout, what))
    codes = [c for c in CODE_COLUMNS if c in cols]
    df = pd.read_csv(out, sep=sep, dtype={c: str for c in codes})
    assert list(df.columns) == cols and len(df) == ROWS[(layout, what)]
    for c in codes:
        values = [v for v in df[c].dropna()]
        assert all(isinstance(v, str) for v in values), c
    if "EventCode" in cols or "CAMEO Code" in cols or "Accord CAMEO" in cols:
        col = next(c for c in ("EventCode", "CAMEO Code", "Accord CAMEO") if c in cols)
        assert set(df[col].dropna()) <= {"190", "112", "195", "1124"} and "190" in set(df[col])
    types = ", ".join(f"'{c}': 'VARCHAR'" for c in codes)
    rel = duckdb.connect().sql(f"SELECT * FROM read_csv('{out}', delim='{sep}', header=true"
                               + (f", types={{{types}}}" if codes else "") + ")")
    assert rel.columns == cols
    if codes:
        assert all(t == "VARCHAR" for c, t in zip(rel.columns, rel.types) if c in codes)


def test_export_plover_json_has_cite_info_and_link(store, tmp_path):
    out = tmp_path / "plover.jsonl"
    assert export(store, out, "jsonl", "plover", "events") == 3
    first = json.loads(out.read_text().splitlines()[0])
    assert {"id", "date", "actor", "recipient", "event", "mode", "context", "event_loc", "event_text",
            "quad_code", "text", "text_info", "cite_info", "link"} <= set(first)
    assert first["cite_info"]["url"] == first["link"] and first["cite_info"]["codebook"] == "PLOVER 2.0"
    assert first["actor"][0]["entity_text"] and "identifier_id" in first["actor"][0]


def test_export_gdelt_mentions_join_events(store, tmp_path):
    ev, me = tmp_path / "e.parquet", tmp_path / "m.parquet"
    export(store, ev, "parquet", "gdelt", "events")
    export(store, me, "parquet", "gdelt", "mentions")
    joined = duckdb.sql(f"SELECT e.NumMentions, count(*) FROM '{me}' m JOIN '{ev}' e USING (GLOBALEVENTID) GROUP BY ALL").fetchall()
    assert sorted(joined) == [(1, 1), (2, 2)]


def test_export_accord_jsonl_round_trips_events(store, tmp_path):
    out = tmp_path / "events.jsonl"
    export(store, out, "jsonl", "accord", "events")
    back = [event_from_dict(json.loads(line)) for line in out.read_text().splitlines()]
    assert back == store.records()


def test_export_gdelt_is_one_row_per_event_cluster(store, tmp_path):
    out = tmp_path / "g.parquet"
    export(store, out, "parquet", "gdelt", "events")
    rows = duckdb.sql(
        f"SELECT AccordEventType, SQLDATE, MonthYear, Year, NumMentions, NumSources, NumArticles, EventRootCode, "
        f"ActionGeo_CountryCode, GLOBALEVENTID FROM '{out}' ORDER BY AccordEventType").fetchall()
    assert [r[:9] for r in rows] == [
        ("ACCUSE", 20240603, 202406, 2024, 1, 1, 1, "11", None), ("ASSAULT", 20240602, 202406, 2024, 2, 2, 2, "19", "UP")]
    assert len({r[9] for r in rows}) == 2 and all(r[9] > 0 for r in rows)
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
@pytest.mark.parametrize("fmt", [f for f in FORMATS if f != "tsv"])
def test_export_accord_other_tables(store, tmp_path, what, fmt):
    out = tmp_path / f"{what}.{fmt}"
    n = export(store, out, fmt, "accord", what)
    assert n == {"documents": 2, "quotes": 0, "clusters": 2}[what]
    if n and not (fmt == "jsonl" and what != "clusters"):
        assert _load(out, fmt).columns == documented(f"accord/{what}")


@pytest.mark.parametrize("layout, what, fmt", [("gdelt", "documents", "csv"), ("polecat", "quotes", "csv"),
                                               ("accord", "events", "xlsx"), ("cameo", "events", "csv"),
                                               ("gdelt", "dyads", "csv"), ("plover", "events", "csv")])
def test_export_unsupported_combination_raises(store, tmp_path, layout, what, fmt):
    with pytest.raises(StoreError, match="E403"):
        export(store, tmp_path / "x", fmt, layout, what)
