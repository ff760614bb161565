"""date_source and document warnings in the store: migration 3, round trips and every export layout."""

from __future__ import annotations

import csv
import dataclasses
import json

import duckdb
import pytest

from accord.pipeline import CodedDocument
from accord.records import Problem
from accord.store import Store
from accord.store.export import export
from accord.store.schema import LATEST, MIGRATIONS
from accord.store.synthetic import actor, coded, event

TEXT = "Chile and Peru agreed on Monday to reopen their border. The talks were held in Lima."


def _coded(doc_id: str = "doc-ds") -> CodedDocument:
    s1, s2 = TEXT.split(". ")
    agree = dataclasses.replace(
        event(doc_id, s1 + ".", "AGREE", [actor("CHL", "Chile")], [actor("PER", "Peru")], "2023-03-13", trigger="agreed"),
        date_source="text",
    )
    consult = dataclasses.replace(
        event(doc_id, s2, "CONSULT", [actor("CHL", "Chile")], [actor("PER", "Peru")], "2023-03-14",
              trigger="talks", sentence=1, start=len(s1) + 2),
        date_source="file-metadata",
    )
    base = coded(doc_id, TEXT, "2023-03-14", [agree, consult])
    warning = Problem(f"{doc_id}.pdf", "W101", "The PDF's layout could not be read with confidence.")
    doc = dataclasses.replace(base.document, date_source="file-metadata", warnings=(warning,))
    return dataclasses.replace(base, document=doc)


def test_store_date_source_round_trips(tmp_path):
    with Store(tmp_path / "a.duckdb") as store:
        store.add([_coded()])
        assert sorted(e.date_source for e in store.records()) == ["file-metadata", "text"]
        (doc,) = store.documents()
        assert doc.date_source == "file-metadata"
        assert [w.code for w in doc.warnings] == ["W101"]


def test_store_date_source_migrates_a_version_two_file(tmp_path):
    """Rows stored before migration 3 read back as dated from the publication (or not dated)."""
    path = tmp_path / "v2.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
    for migration in MIGRATIONS[:2]:
        for stmt in migration.statements:
            con.execute(stmt)
        con.execute("INSERT INTO schema_version VALUES (?, ?, current_timestamp)", [migration.version, migration.description])
    con.execute("INSERT INTO documents (id, checksum, text, date) VALUES ('old', 'x', 'Old text.', '2020-01-02')")
    con.execute("INSERT INTO events (id, doc_id, sentence, text, start, \"end\", event, date, date_precision, quad_class, goldstein, confidence) "
                "VALUES ('ev-old', 'old', 0, 'Old text.', 0, 9, 'CONSULT', '2020-01-02', 'month', 1, 1.0, 0.5)")
    con.close()
    with Store(path) as store:
        assert store.schema_version == LATEST
        (old,) = store.records()
        assert old.date_source == "publication"
        assert store.documents()[0].date_source == "metadata"  # a date given without its source was declared
        store.add([_coded()])
        assert len(store.records()) == 3


@pytest.mark.parametrize(
    "layout, fmt, column",
    [("accord", "csv", "date_source"), ("accord", "parquet", "date_source"), ("polecat", "csv", "Accord Date Source"),
     ("gdelt", "csv", "AccordDateSource"), ("accord", "jsonl", "date_source")],
)
def test_store_date_source_in_every_export_layout(tmp_path, layout, fmt, column):
    out = tmp_path / f"events.{fmt}"
    with Store(tmp_path / "a.duckdb") as store:
        store.add([_coded()])
        export(store, out, format=fmt, layout=layout, what="events")
    if fmt == "csv":
        values = [row[column] for row in csv.DictReader(out.open(encoding="utf-8"))]
    elif fmt == "jsonl":
        values = [json.loads(line)[column] for line in out.open(encoding="utf-8")]
    else:
        values = duckdb.sql(f"SELECT \"{column}\" FROM read_parquet('{out}')").fetchall()
        values = [v[0] for v in values]
    assert sorted(values) == ["file-metadata", "text"]


def test_store_date_source_in_documents_export(tmp_path):
    out = tmp_path / "docs.csv"
    with Store(tmp_path / "a.duckdb") as store:
        store.add([_coded()])
        export(store, out, format="csv", layout="accord", what="documents")
    (row,) = list(csv.DictReader(out.open(encoding="utf-8")))
    assert row["date_source"] == "file-metadata" and json.loads(row["warnings"])[0]["code"] == "W101"
