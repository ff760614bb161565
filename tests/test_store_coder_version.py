"""Coder-version bookkeeping and the add/skip/replace rules, on both ingest paths (records through
``Store.add``, Arrow tables through ``Store.add_tables``)."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from accord.settings import load_settings
from accord.store import Store
from accord.store import rows as R
from accord.store.core import coder_version, is_current
from accord.store.synthetic import actor, coded, event

TEXT = ("Turkish Foreign Minister Hakan Fidan met his Ukrainian counterpart in Ankara on Monday. "
        "Turkey pledged further humanitarian aid to Ukraine.")


def report(doc_id: str = "ank-1", text: str = TEXT):
    s1, s2 = text.split(". ")[0] + ".", text.split(". ")[1]
    fidan = actor("TUR", "Hakan Fidan", text="Hakan Fidan", start=text.find("Hakan"), kind="person")
    met = event(doc_id, s1, "CONSULT", [fidan], [actor("UKR", "Ukraine", text="his Ukrainian counterpart")],
                "2024-03-11", trigger="met", mode="visit")
    aid = event(doc_id, s2, "AID", [actor("TUR", "Turkey")], [actor("UKR", "Ukraine")], "2024-03-11",
                trigger="pledged", sentence=1, start=text.find(s2), mode="humanitarian")
    return coded(doc_id, text, "2024-03-11", [met, aid], title="Fidan meets Ukrainian counterpart")


def _v1():
    return load_settings().with_(coder="v1")


def _v2():
    return load_settings().with_(coder="v2")


def test_coder_version_names_the_coder():
    assert coder_version(_v1()) == "1"
    v2 = coder_version(_v2())
    assert re.fullmatch(r"1\+v2\.[0-9a-f]{8}", v2)
    assert coder_version({"coder": "v2"}) == v2 and coder_version(None) == "1"


@pytest.mark.parametrize("stored, wanted, current", [
    ("1", "1", True),
    ("2", "1", True),  # an older release never overwrites a newer one
    ("1", "2", False),
    ("10", "9", True),
    ("1", "1+v2.0a1b2c3d", False),  # v1 output, v2 asked for: re-code
    ("1+v2.0a1b2c3d", "1", False),  # and back
    ("1+v2.0a1b2c3d", "1+v2.ffff0000", False),  # v2 with a retrained head
    ("1+v2.0a1b2c3d", "1+v2.0a1b2c3d", True),
    (None, "1", False),
])
def test_is_current(stored, wanted, current):
    assert is_current(stored, wanted) is current


def test_store_records_the_coder_of_its_settings(tmp_path):
    v2 = coder_version(_v2())
    with Store(tmp_path / "a.duckdb", settings=_v2()) as s:
        run = s.begin_run(_v2())
        assert s.add([report()], run=run).added == 1
        assert {r["coder_version"] for r in s.rows("SELECT coder_version FROM events")} == {v2}
        assert s.document_info()[0]["coder_version"] == v2
        assert s.runs()[0]["coder_version"] == v2
        # a resumed v2 run finds the document stored: it is neither coded nor written again
        assert s.stored_checksums([report().document.checksum]) == {report().document.checksum: "ank-1"}
        assert s.add([report()]).skipped == 1


def test_switching_coders_recodes_and_replaces(tmp_path):
    path = tmp_path / "switch.duckdb"
    doc = report()
    with Store(path, settings=_v1()) as s:
        assert s.add([doc]).added == 1
        assert s.all_checksums() == {doc.document.checksum}
    with Store(path, settings=_v2()) as s:
        # v1 output is not what a v2 run would store: the run codes it again and replaces it
        assert s.stored_checksums([doc.document.checksum]) == {}
        assert s.all_checksums() == frozenset()
        fewer = coded(doc.document.id, doc.document.text, "2024-03-11", [doc.events[1]])
        r = s.add([fewer])
        assert (r.added, r.replaced, r.skipped) == (0, 1, 0)
        assert [e.event for e in s.records()] == ["AID"]
        assert s.add([fewer]).skipped == 1  # unchanged and coded by the same coder: skipped
    with Store(path, settings=_v1()) as s:  # and back to v1
        assert s.add([doc]).replaced == 1
        assert sorted(e.event for e in s.records()) == ["AID", "CONSULT"]
        assert s.document_info()[0]["coder_version"] == "1"


def _tables(docs, version="1"):
    batch = R.Batch()
    for c in docs:
        batch.add(c, coder_version=version, run_id=None, stored_at=datetime(2024, 1, 1))
    return batch.tables()


def _store(path, docs, way, version="1"):
    with Store(path) as s:
        if way == "add":
            r = s.add(docs, coder_version=version)
        else:
            r = s.add_tables(_tables(docs, version))
        info = [(d["id"], d["checksum"][:8], d["coder_version"], d["num_events"]) for d in s.document_info()]
        return (r.added, r.replaced, r.skipped, r.events), info, s.counts()


EDITED = TEXT.replace("on Monday", "on Monday morning")

# (what is already stored, what comes in) -> (added, replaced, skipped, events)
CASES = {
    "new": ([], [report()], (1, 0, 0, 2)),
    "same again": ([report()], [report()], (0, 0, 1, 0)),
    "same text, another id": ([report("ank-1")], [report("ank-1-copy")], (0, 0, 1, 0)),
    "new text, same id": ([report()], [report("ank-1", EDITED)], (0, 1, 0, 2)),
    "one text twice in a batch": ([], [report("a"), report("b")], (1, 0, 1, 2)),
    "one id twice in a batch": ([], [report("a"), report("a", EDITED)], (1, 1, 0, 2)),
}


@pytest.mark.parametrize("case", CASES)
def test_add_and_add_tables_follow_the_same_rules(tmp_path, case):
    before, incoming, counts = CASES[case]
    results = []
    for way in ("add", "tables"):
        path = tmp_path / f"{way}.duckdb"
        if before:
            _store(path, before, way)
        results.append(_store(path, incoming, way))
    assert results[0][0] == counts, "add"
    assert results[1][0] == counts, "add_tables"
    assert results[0][1:] == results[1][1:]


def test_add_tables_stamps_the_coder_and_replaces_another_coders_rows(tmp_path):
    v2 = coder_version(_v2())
    with Store(tmp_path / "t.duckdb", settings=_v2()) as s:
        assert s.add_tables(_tables([report()])).added == 1  # a v1 worker's tables
        r = s.add_tables(_tables([report()]), coder_version=v2)
        assert (r.added, r.replaced, r.skipped) == (0, 1, 0)
        assert {v for (v,) in s.con.execute("SELECT DISTINCT coder_version FROM events").fetchall()} == {v2}
        assert s.add_tables(_tables([report()]), coder_version=v2).skipped == 1
        assert s.counts()["events"] == 2


def test_migration_marks_what_coder_v2_stored_as_v1(tmp_path):
    """Stores written before coder versions named the coder: v2 runs' rows get '+v2' (no head digest,
    so they match no head and are coded again); v1 runs' rows stay "1"."""
    path = tmp_path / "old.duckdb"
    with Store(path, settings=_v1()) as s:
        run1 = s.begin_run({"coder": "v1"})
        s.add([report("by-v1")], run=run1)
        run2 = s.begin_run({"coder": "v2"})
        s.add([report("by-v2", EDITED)], run=run2, coder_version="1")  # what the old store wrote
        s.con.execute("UPDATE runs SET coder_version = '1'")
        s.con.execute("DELETE FROM schema_version WHERE version = 5")
    with Store(path, settings=_v2()) as s:
        assert s.schema_version == 5
        info = {d["id"]: d["coder_version"] for d in s.document_info()}
        assert info == {"by-v1": "1", "by-v2": "1+v2"}
        assert dict(s.con.execute("SELECT doc_id, any_value(coder_version) FROM events GROUP BY doc_id").fetchall()) == info
        assert sorted(r["coder_version"] for r in s.runs()) == ["1", "1+v2"]
        assert s.stored_checksums([report("by-v2", EDITED).document.checksum]) == {}
