"""The store: migrations, idempotent and atomic adds, round trips, runs and filters."""

from __future__ import annotations

import duckdb
import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from accord.errors import StoreError
from accord.records import Actor, Event, Location, Quote
from accord.store import Filters, Store
from accord.store.schema import LATEST, MIGRATIONS
from accord.store.synthetic import actor, coded, event, place

BEIJING_TEXT = (
    "BEIJING, May 16 - Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Beijing "
    "on Thursday. Washington imposed new sanctions on Russian banks the same day. \"We will not be intimidated,\" "
    "Kremlin spokesman Dmitry Peskov told reporters."
)


def beijing_doc(doc_id: str = "wire-0516-a", text: str = BEIJING_TEXT):
    s1 = text.split(". ")[0] + "."
    s2 = "Washington imposed new sanctions on Russian banks the same day."
    putin = actor("RUS", "Vladimir Putin", text="Vladimir Putin", start=text.find("Vladimir Putin"), kind="person")
    xi = actor("CHN", "Xi Jinping", text="Xi Jinping", start=text.find("Xi Jinping"), kind="person")
    consult = event(doc_id, s1, "CONSULT", [putin], [xi], "2024-05-16", trigger="held talks", mode="visit",
                    place=place("Beijing", "CHN", 1816670, 39.9075, 116.39723), confidence=0.9)
    sanction = event(doc_id, s2, "SANCTION", [actor("USA", "United States", text="Washington")],
                     [actor("RUS", "Russia", sector="BUS", text="Russian banks")], "2024-05-16",
                     trigger="imposed new sanctions", sentence=1, start=text.find(s2), context=("economic",))
    peskov = actor("RUS", "Dmitry Peskov", text="Dmitry Peskov", start=text.find("Dmitry Peskov"), kind="person")
    q = Quote(doc_id, "We will not be intimidated,", text.find("We will"), text.find("We will") + 27,
              speaker=peskov, speaker_text="Kremlin spokesman Dmitry Peskov", cue="told")
    return coded(doc_id, text, "2024-05-16", [consult, sanction], [q], title="Putin and Xi meet in Beijing",
                 url="https://wire.example.net/2024/05/16/putin-xi")


@pytest.fixture()
def store(tmp_path):
    with Store(tmp_path / "accord.duckdb") as s:
        yield s


def test_store_migrations_from_empty_file(tmp_path):
    path = tmp_path / "fresh.duckdb"
    with Store(path) as s:
        assert s.schema_version == LATEST
        tables = {r[0] for r in s.con.execute("SELECT table_name FROM information_schema.tables").fetchall()}
    assert {"documents", "events", "event_actors", "quotes", "runs", "clusters", "cluster_members", "dyads"} <= tables
    with Store(path) as s:  # reopening applies nothing twice
        assert s.con.execute("SELECT count(*) FROM schema_version").fetchone()[0] == len(MIGRATIONS)


def test_store_migrates_a_version_one_file(tmp_path):
    path = tmp_path / "old.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER, description VARCHAR, applied_at TIMESTAMP)")
    for stmt in MIGRATIONS[0].statements:
        con.execute(stmt)
    con.execute("INSERT INTO schema_version VALUES (1, 'v1', current_timestamp)")
    con.close()
    with Store(path) as s:
        assert s.schema_version == LATEST
        s.add([beijing_doc()])
        assert s.dedup().clusters == 2


def test_store_refuses_a_newer_schema(tmp_path):
    path = tmp_path / "future.duckdb"
    with Store(path) as s:
        s.con.execute("INSERT INTO schema_version VALUES (?, 'from the future', current_timestamp)", [LATEST + 1])
    with pytest.raises(StoreError, match="E401"):
        Store(path)


def test_store_read_only_missing_file_raises(tmp_path):
    with pytest.raises(StoreError, match="E402"):
        Store(tmp_path / "nope.duckdb", read_only=True)


@pytest.mark.parametrize("same_call", [True, False])
def test_store_same_document_twice_is_stored_once(store, same_call):
    doc = beijing_doc()
    if same_call:
        r = store.add([doc, doc])
        assert (r.added, r.skipped, r.events) == (1, 1, 2)
    else:
        assert store.add([doc]).added == 1
        r = store.add([doc])
        assert (r.added, r.replaced, r.skipped, r.events) == (0, 0, 1, 0)
    assert store.counts()["documents"] == 1
    assert store.counts()["events"] == 2
    assert store.counts()["event_actors"] == 4  # one actor and one recipient per event
    assert store.counts()["quotes"] == 1


def test_store_same_text_under_another_id_is_skipped(store):
    store.add([beijing_doc("wire-a")])
    r = store.add([beijing_doc("wire-a-copy")])
    assert r.skipped == 1 and store.counts()["documents"] == 1


def test_store_newer_coder_version_replaces_events(store):
    doc = beijing_doc()
    store.add([doc], coder_version="1")
    fewer = coded(doc.document.id, doc.document.text, "2024-05-16", [doc.events[0]])
    r = store.add([fewer], coder_version="2")
    assert (r.added, r.replaced, r.skipped) == (0, 1, 0)
    assert [e.event for e in store.records()] == ["CONSULT"]
    assert store.counts()["event_actors"] == 2 and store.counts()["quotes"] == 0
    info = store.document_info()
    assert [(d["coder_version"], d["num_events"]) for d in info] == [("2", 1)]
    # an older coder does not overwrite a newer one
    assert store.add([doc], coder_version="1").skipped == 1
    assert store.add([doc], coder_version="10").replaced == 1  # "10" > "2" numerically


def test_store_new_text_under_same_id_replaces(store):
    store.add([beijing_doc("wire-x")])
    edited = BEIJING_TEXT.replace("on Thursday", "on Thursday afternoon")
    r = store.add([beijing_doc("wire-x", edited)])
    assert r.replaced == 1
    assert store.counts()["documents"] == 1
    assert store.documents()[0].text == edited


def test_store_replace_is_atomic_when_the_write_fails(store, monkeypatch):
    doc = beijing_doc()
    store.add([doc], coder_version="1")

    def boom(con, tables, delete_ids):
        con.execute("BEGIN TRANSACTION")
        con.execute("DELETE FROM events")  # half done ...
        con.execute("ROLLBACK")
        raise duckdb.Error("disk full")

    monkeypatch.setattr(Store, "_write", staticmethod(boom))
    r = store.add([coded(doc.document.id, doc.document.text, "2024-05-16", [])], coder_version="2")
    assert r.replaced == 0 and [p.code for p in r.problems] == ["E203"]
    assert store.counts()["events"] == 2  # the old version is intact


def test_store_roundtrip_events_documents_quotes(store):
    doc = beijing_doc()
    store.add([doc])
    assert store.records() == sorted(doc.events, key=lambda e: (e.start, e.id))
    assert store.documents() == [doc.document]
    assert store.quotes() == list(doc.quotes)


def test_store_bad_document_does_not_sink_the_batch(store):
    good = beijing_doc("wire-good")
    e = good.events[0]
    bad_event = Event(**{**{f: getattr(e, f) for f in e.__slots__}, "doc_id": "wire-bad", "quad_class": 300, "id": ""})
    bad = coded("wire-bad", "Russia and China held talks in Beijing.", "2024-05-16", [bad_event])
    r = store.add([good, bad])
    assert r.added == 1 and [p.code for p in r.problems] == ["E203"]
    assert {d.id for d in store.documents()} == {"wire-good"}


def test_store_runs_record_settings_counts_and_problems(store):
    run = store.begin_run({"batch_size": 8})
    result = store.add([beijing_doc()], run=run)
    store.finish_run(run, result)
    (row,) = store.runs()
    assert row["id"] == run and row["settings"] == {"batch_size": 8}
    assert row["counts"]["documents_added"] == 1 and row["finished_at"] is not None
    assert store.document_info()[0]["run_id"] == run


@pytest.mark.parametrize(
    "filters, expected",
    [
        ({"types": ("CONSULT",)}, ["CONSULT"]),
        ({"country": "USA"}, ["SANCTION"]),
        ({"country": "CHN"}, ["CONSULT"]),
        ({"sector": "BUS"}, ["SANCTION"]),
        ({"text": "sanctions"}, ["SANCTION"]),
        ({"start": "2024-05-17"}, []),
        ({"end": "2024-05-16"}, ["CONSULT", "SANCTION"]),
    ],
)
def test_store_events_filters(store, filters, expected):
    store.add([beijing_doc()])
    assert sorted(e.event for e in store.records(Filters.of(**filters))) == expected


# ---- property-based round trip ----------------------------------------------------------------

_code = st.sampled_from(["RUS", "CHN", "USA", "UKR", "IGO", None])
_txt = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)
_actors = st.builds(
    Actor, text=_txt, start=st.integers(0, 10_000), end=st.integers(0, 10_000), name=_txt, country=_code,
    sector=st.sampled_from(["GOV", "MIL", "BUS", None]), id=st.none() | _txt,
    kind=st.sampled_from(["state", "person", "igo"]), via=st.none() | st.just("coref:the two countries"),
)
_locs = st.none() | st.builds(
    Location, text=_txt, name=_txt, country=_code, lat=st.none() | st.floats(-90, 90), lon=st.none() | st.floats(-180, 180),
    geonameid=st.none() | st.integers(1, 10**9),
)


@st.composite
def _events(draw, doc_id="doc-prop"):
    return Event(
        doc_id=doc_id, sentence=draw(st.integers(0, 500)), text=draw(_txt), start=draw(st.integers(0, 10**6)),
        end=draw(st.integers(0, 10**6)), event=draw(st.sampled_from(["CONSULT", "AID", "ASSAULT", "SANCTION"])),
        mode=draw(st.none() | st.sampled_from(["visit", "phone"])), context=tuple(draw(st.lists(_txt, max_size=3))),
        cameo=draw(st.sampled_from(["040", "042", "190", ""])), quad_class=draw(st.integers(1, 4)),
        goldstein=draw(st.floats(-10, 10)), actor=tuple(draw(st.lists(_actors, max_size=3))),
        recipient=tuple(draw(st.lists(_actors, max_size=2))),
        date=draw(st.none() | st.sampled_from(["2024-05-16", "2024-05", "2024"])),
        date_precision=draw(st.sampled_from(["day", "month", "year"])), event_loc=draw(_locs),
        negated=draw(st.booleans()), intent=draw(st.booleans()), hypothetical=draw(st.booleans()),
        quoted=draw(st.booleans()), speaker=draw(st.none() | _actors), trigger=draw(_txt),
        trigger_start=draw(st.none() | st.integers(0, 10**6)), trigger_end=draw(st.none() | st.integers(0, 10**6)),
        rule=draw(_txt), confidence=draw(st.floats(0, 1)),
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(events=st.lists(_events(), max_size=6, unique_by=lambda e: e.id))
def test_store_roundtrip_any_events(store, events):
    store.delete_documents(["doc-prop"])
    store.add([coded("doc-prop", "Some text of a report.", "2024-05-16", events)])
    assert sorted(store.records(), key=lambda e: e.id) == sorted(events, key=lambda e: e.id)


def test_store_events_is_a_dataframe_with_codes_as_text(tmp_path):
    pd = pytest.importorskip("pandas")
    from accord.store.synthetic import actor, coded, event

    call = event("c-1", "US and Japanese officials spoke by phone on Monday.", "CONSULT", [actor("USA")],
                 [actor("JPN")], "2024-05-13", trigger="spoke", mode="phone", cameo="041")
    with Store(tmp_path / "df.duckdb") as s:
        s.add([coded("c-1", call.text, "2024-05-13", [call], url="https://gov.example.gov/c-1")])
        df = s.events(types=("CONSULT",))
        assert isinstance(df, pd.DataFrame) and len(df) == 1
        assert df.loc[0, "cameo"] == "041" and df.loc[0, "actor_country"] == "USA"
        assert s.arrow("events").num_rows == 1
        assert list(s.frame("events", layout="gdelt")["EventCode"]) == ["041"]
        series = s.dyad_series("USA", "JPN", by="month")
        assert int(series["events"].sum()) == 1 and series.index[0].month == 5
        assert s.events(types=("ASSAULT",)).empty


def test_store_core_group_commit_keeps_the_later_version_of_a_document_given_twice(store):
    """Batches that wait for the writer are committed together; a document replaced by a later batch of
    the same call must still end as its later version, with its events written once."""
    from accord.store.synthetic import synthetic_corpus

    edited = BEIJING_TEXT.replace("on Thursday", "on Thursday evening")
    docs = [beijing_doc("wire-twice")] + list(synthetic_corpus(900, 3, seed=5)) + [beijing_doc("wire-twice", edited)]
    r = store.add(iter(docs))
    assert (r.added, r.replaced, r.skipped) == (901, 1, 0)
    assert store.counts()["documents"] == 901
    assert [d.text for d in store.documents(["wire-twice"])] == [edited]
    assert store.con.execute("SELECT count(*) FROM events WHERE doc_id = 'wire-twice'").fetchone()[0] == 2


def test_store_core_content_stored_before_the_call_is_skipped_among_new_documents(store):
    from accord.store.synthetic import synthetic_corpus

    old = list(synthetic_corpus(600, 2, seed=3))
    store.add(old)
    again = old[417]
    fresh = [coded(f"wire-{i:04d}", f"Foreign ministers of Brazil and India met in Brasilia for talks, round {i}.",
                   "2025-02-03") for i in range(600)]
    r = store.add(fresh[:300] + [again] + fresh[300:])
    assert (r.added, r.skipped) == (600, 1)
    assert store.counts()["documents"] == 1200
