"""The HTTP API, in process (FastAPI TestClient) on a store the tests build."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
import warnings  # noqa: E402

with warnings.catch_warnings():  # starlette warns about httpx at import; the client works as documented
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient  # noqa: E402

from accord.api import create_app  # noqa: E402
from accord.settings import load_settings  # noqa: E402
from api_store import build  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("api") / "api.duckdb")


@pytest.fixture(scope="module")
def client(db):
    with TestClient(create_app(db, load_settings(db_path=db))) as c:
        yield c


def _is_error(r, status: int, code: str | None = None) -> dict:
    assert r.status_code == status, r.text
    body = r.json()
    assert body["ok"] is False and set(body["error"]) == {"code", "message", "detail"}
    assert body["error"]["code"].startswith("E") and body["error"]["message"]
    assert "Traceback" not in r.text
    if code:
        assert body["error"]["code"] == code, body
    return body


def test_api_events_filter_paginate_and_sort(client):
    r = client.get("/v1/events", params={"country": "RUS", "start": "2024-05-01", "end": "2024-06-30"})
    body = r.json()
    assert r.status_code == 200 and body["ok"] and body["total"] == 3
    assert [e["event"] for e in body["events"]] == ["CONSULT", "ACCUSE", "AGREE"]
    only = client.get("/v1/events", params={"recipient_country": "RUS", "start": "2024-05-01", "end": "2024-06-30"}).json()
    assert {e["event"] for e in only["events"]} == {"ACCUSE", "AGREE"}
    quad3 = client.get("/v1/events", params={"quad": 3, "q": "Kharkiv"}).json()
    assert [e["event"] for e in quad3["events"]] == ["ACCUSE"]
    page1 = client.get("/v1/events", params={"limit": 5, "offset": 0, "sort": "-confidence"}).json()
    page2 = client.get("/v1/events", params={"limit": 5, "offset": 5, "sort": "-confidence"}).json()
    assert page1["total"] == page2["total"] > 10 and len(page1["events"]) == 5
    assert not {e["id"] for e in page1["events"]} & {e["id"] for e in page2["events"]}
    confs = [e["confidence"] for e in page1["events"] + page2["events"]]
    assert confs == sorted(confs, reverse=True)
    by_type = client.get("/v1/events", params=[("type", "consult"), ("type", "AGREE"), ("limit", 1000)]).json()
    assert {e["event"] for e in by_type["events"]} == {"CONSULT", "AGREE"}
    assert client.get("/v1/events", params={"doc": "doc-energy"}).json()["total"] == 1


def test_api_event_evidence_marks_parties_and_links_document(client):
    ev = client.get("/v1/events", params={"q": "shelling"}).json()["events"][0]
    r = client.get(f"/v1/events/{ev['id']}")
    body = r.json()
    assert r.status_code == 200 and body["event"]["id"] == ev["id"]
    assert body["evidence"]["marked"].startswith("[ACTOR: Ukraine] [TRIGGER: accused] [RECIPIENT: Russia]")
    assert body["evidence"]["event"]["rule"] and body["evidence"]["event"]["confidence"] == pytest.approx(0.71)
    assert body["evidence"]["document"]["id"] == "doc-lavrov-wang"
    assert body["evidence"]["paths"] == []  # no re-parse on the server


def test_api_document_view_has_text_events_and_quotes(client):
    body = client.get("/v1/documents/doc-lavrov-wang").json()
    assert body["document"]["schema"] == "accord.document/1" and body["document"]["title"].startswith("Lavrov")
    assert "Kharkiv" in body["document"]["text"]
    assert [e["event"] for e in body["events"]] == ["CONSULT", "ACCUSE"]
    assert body["quotes"][0]["text"].startswith("We will not accept")
    listed = client.get("/v1/documents", params={"q": "energy"}).json()
    assert listed["total"] == 1 and listed["documents"][0]["id"] == "doc-energy"


def test_api_analytics_endpoints(client):
    series = client.get("/v1/series", params={"a": "RUS", "b": "CHN", "by": "month", "start": "2024-05-01",
                                               "end": "2024-06-30"}).json()
    months = {row["period"][:7]: row for row in series["series"]}
    assert months["2024-05"]["quad1"] == 1 and months["2024-06"]["events"] == 1
    assert months["2024-06"]["goldstein_mean"] == pytest.approx(4.0)
    dyads = client.get("/v1/dyads", params={"limit": 50}).json()["dyads"]
    assert any({d["actor"], d["recipient"]} == {"CHN", "RUS"} for d in dyads)
    net = client.get("/v1/network").json()
    assert {"RUS", "CHN"} <= {n["id"] for n in net["nodes"]} and net["edges"][0]["weight"] >= 1
    assert next(n for n in net["nodes"] if n["id"] == "RUS")["name"] == "Russia"
    places = client.get("/v1/places").json()
    kharkiv = next(p for p in places["places"] if p["name"] == "Kharkiv")
    assert kharkiv["country"] == "UKR" and kharkiv["lat"] == pytest.approx(49.98, abs=0.01)
    assert next(c for c in places["countries"] if c["country"] == "RUS")["numeric"] == "643"
    clusters = client.get("/v1/clusters", params={"limit": 3}).json()["clusters"]
    assert len(clusters) == 3 and clusters[0]["num_mentions"] >= clusters[-1]["num_mentions"]
    stats = client.get("/v1/stats").json()
    assert stats["counts"]["documents"] == 42 and stats["first_day"] <= "2024-05-14" <= stats["last_day"]
    assert {"CONSULT", "ACCUSE", "AGREE"} <= {t["event"] for t in stats["types"]}
    assert client.get("/v1/actors", params={"by": "country", "limit": 3}).json()["actors"][0]["events"] > 0


def test_api_exports_stream_every_layout(client):
    import pyarrow.parquet as pq

    for layout, what, fmt in [("accord", "events", "csv"), ("accord", "events", "jsonl"), ("polecat", "events", "csv"),
                              ("gdelt", "events", "csv"), ("gdelt", "mentions", "tsv"), ("icews", "events", "csv"),
                              ("phoenix", "events", "csv"), ("plover", "events", "jsonl"),
                              ("accord", "clusters", "parquet"), ("accord", "documents", "jsonl")]:
        r = client.get(f"/v1/export/{what}", params={"layout": layout, "format": fmt, "country": "RUS"})
        assert r.status_code == 200, (layout, what, fmt, r.text[:300])
        assert int(r.headers["x-accord-rows"]) > 0 and "attachment" in r.headers["content-disposition"]
        if fmt == "parquet":
            assert pq.read_table(io.BytesIO(r.content)).num_rows == int(r.headers["x-accord-rows"])
        elif fmt == "jsonl":
            json.loads(r.text.splitlines()[0])
        else:
            assert len(r.text.splitlines()) == int(r.headers["x-accord-rows"]) + 1
    gdelt = client.get("/v1/export/events", params={"layout": "gdelt", "doc": "doc-energy"}).text.splitlines()
    assert "EventCode" in gdelt[0] and ",057," in gdelt[1]
    _is_error(client.get("/v1/export/events", params={"layout": "plover", "format": "csv"}), 422, "E403")


BAD = [
    ("/v1/events", {"type": "PARTY"}, "E305"), ("/v1/events", {"country": "ATLANTIS"}, "E404"),
    ("/v1/events", {"start": "2024-02-30"}, "E404"), ("/v1/events", {"limit": -1}, "E404"),
    ("/v1/events", {"offset": -5}, "E404"), ("/v1/events", {"quad": 7}, "E404"), ("/v1/events", {"sort": "rank"}, "E404"),
    ("/v1/events", {"min_confidence": "high"}, "E404"), ("/v1/events", {"actor_country": "XXQ"}, "E404"),
    ("/v1/dyads", {"limit": 0}, "E404"), ("/v1/dyads", {"end": "yesterday"}, "E404"),
    ("/v1/actors", {"by": "shoe size"}, "E404"), ("/v1/series", {}, "E404"), ("/v1/series", {"a": "RUS", "by": "year"}, "E404"),
    ("/v1/series", {"a": "NARNIA"}, "E404"), ("/v1/network", {"min_weight": -1}, "E404"),
    ("/v1/places", {"type": "x"}, "E305"), ("/v1/clusters", {"min_mentions": 0}, "E404"),
    ("/v1/documents", {"limit": 100000}, "E404"), ("/v1/export/events", {"format": "xlsx"}, "E404"),
    ("/v1/export/tweets", {}, "E404"), ("/v1/export/events", {"sector": "SOLDIERS"}, "E404"),
]


@pytest.mark.parametrize("path,params,code", BAD)
def test_api_bad_parameters_are_422_in_the_error_shape(client, path, params, code):
    _is_error(client.get(path, params=params), 422, code)


def test_api_every_error_has_the_one_shape(client):
    _is_error(client.get("/v1/events/ev-nope"), 404, "E410")
    _is_error(client.get("/v1/documents/doc-nope"), 404, "E410")
    _is_error(client.get("/v1/nothing-here"), 404, "E410")
    _is_error(client.delete("/v1/events"), 405, "E413")
    _is_error(client.post("/v1/code", json={"title": "no text"}), 422, "E404")
    _is_error(client.post("/v1/code", json={"text": "   "}), 422, "E101")
    _is_error(client.post("/v1/code", json={"text": "A sentence.", "date": "soon"}), 422, "E404")
    _is_error(client.post("/v1/code", content=b"{not json", headers={"content-type": "application/json"}), 422, "E404")
    _is_error(client.post("/v1/code", files={"file": ("x.bin", bytes(range(256)) * 20)}), 422, "E102")


INJECTIONS = ["'; DROP TABLE events; --", "RUS' OR '1'='1", "\" OR 1=1 --", "1); DELETE FROM documents; --",
              "%' UNION SELECT * FROM runs --"]


def test_api_sql_injection_in_every_parameter_leaves_the_store_intact(client, db):
    before = client.get("/v1/stats").json()["counts"]
    names = ["start", "end", "type", "country", "sector", "q", "doc", "min_confidence", "factual", "quad",
             "actor_country", "recipient_country", "actor_sector", "recipient_sector", "sort", "limit", "offset"]
    statuses = set()
    for evil in INJECTIONS:
        for name in names:
            r = client.get("/v1/events", params={name: evil})
            assert r.status_code in (200, 422), (name, r.text)
            statuses.add(r.status_code)
            if r.status_code == 200:
                assert r.json()["total"] in (0, before["events"])  # matched literally, or not a constraint
            else:
                _is_error(r, 422)
        for path, params in [("/v1/series", {"a": evil}), ("/v1/series", {"a": "RUS", "b": evil}),
                             ("/v1/events/" + evil, {}), ("/v1/documents/" + evil, {}),
                             ("/v1/documents", {"q": evil}), ("/v1/export/events", {"layout": evil}),
                             ("/v1/network", {"q": evil}), ("/v1/clusters", {"country": evil})]:
            r = client.get(path, params=params)
            assert r.status_code in (200, 404, 422) and "Traceback" not in r.text
    assert statuses == {200, 422}
    assert client.get("/v1/stats").json()["counts"] == before
    assert client.get("/v1/events", params={"q": "Kharkiv"}).json()["total"] == 1


def test_api_openapi_and_docs(client):
    spec = client.get("/openapi.json").json()
    assert {"/v1/events", "/v1/events/{event_id}", "/v1/code", "/v1/series", "/v1/export/{what}"} <= set(spec["paths"])
    assert client.get("/docs").status_code == 200


def test_api_upload_over_the_limit_is_413(tmp_path):
    db = build(tmp_path / "small.duckdb", synthetic_docs=2)
    with TestClient(create_app(db, load_settings(db_path=db, api_max_bytes=2_000))) as c:
        big = ("The ministers met in Geneva. " * 200).encode()
        _is_error(c.post("/v1/code", files={"file": ("big.txt", big)}), 413, "E411")
        _is_error(c.post("/v1/code", json={"text": big.decode()}), 413, "E411")

        def chunks():
            for _ in range(10):
                yield b"x" * 500

        _is_error(c.post("/v1/code", content=chunks(), headers={"content-type": "text/plain"}), 413, "E411")


def test_api_token_guards_storing(tmp_path):
    db = build(tmp_path / "tok.duckdb", synthetic_docs=2)
    with TestClient(create_app(db, load_settings(db_path=db, api_token="s3cret"))) as c:
        _is_error(c.post("/v1/code?store=true", json={"text": "Officials met."}), 401, "E412")
        _is_error(c.post("/v1/code?store=true", json={"text": "Officials met."},
                         headers={"Authorization": "Bearer wrong"}), 401, "E412")
        assert c.get("/v1/events").status_code == 200
        assert "access-control-allow-origin" not in c.get("/v1/stats", headers={"Origin": "https://elsewhere.example"}).headers


def test_api_reads_go_on_while_a_write_holds_the_lock(client):
    server = client.app.state.server
    with server.write_lock:  # as during POST /v1/code?store=true
        r = client.get("/v1/events", params={"limit": 3})
        assert r.status_code == 200 and r.json()["total"] > 0


def test_api_reads_are_answered_during_a_real_write(tmp_path):
    """A long store write (as POST /v1/code?store=true makes, under the write lock) in one thread; reads
    from the same server are answered before it finishes and see the snapshot from before it."""
    import threading

    from accord.store.synthetic import synthetic_corpus

    db = build(tmp_path / "busy.duckdb", synthetic_docs=0)
    with TestClient(create_app(db, load_settings(db_path=db))) as c:
        server = c.app.state.server
        before = c.get("/v1/stats").json()["counts"]["events"]
        started = threading.Event()

        def write():
            with server.write_lock:
                started.set()
                server.store.add(synthetic_corpus(1200, 8, seed=11), batch_documents=300)
                server.store.dedup()

        writer = threading.Thread(target=write)
        writer.start()
        started.wait(10)
        answered_during = 0
        while writer.is_alive():
            r = c.get("/v1/events", params={"limit": 1})
            assert r.status_code == 200
            if writer.is_alive():
                answered_during += 1
                assert (r.json()["total"] - before) % (300 * 8) == 0  # whole batches (transactions) only
        writer.join()
        assert answered_during >= 1
        assert c.get("/v1/stats").json()["counts"]["events"] == before + 1200 * 8


def test_api_other_process_gets_a_coded_error_not_a_traceback(client, db, tmp_path):
    text = tmp_path / "report.txt"
    text.write_text("The Turkish foreign minister met his Greek counterpart in Athens on Monday.", encoding="utf-8")
    proc = subprocess.run([sys.executable, "-c", "from accord.cli.main import app; app()", "code", str(text),
                           "--db", str(db), "-f", "jsonl"], capture_output=True, text=True, timeout=120)
    assert proc.returncode == 1
    assert "E405" in proc.stderr and "Traceback" not in proc.stderr and "lock" in proc.stderr.lower()


@pytest.mark.slow
def test_api_code_text_returns_documents_and_stores_them(tmp_path):
    from accord.schema_check import validate

    db = build(tmp_path / "code.duckdb", synthetic_docs=2)
    with TestClient(create_app(db, load_settings(db_path=db))) as c:
        text = ("Japanese Prime Minister Fumio Kishida met Indian Prime Minister Narendra Modi in New Delhi on "
                "Monday. India and Japan signed a defence agreement.")
        r = c.post("/v1/code?store=true", json={"text": text, "title": "Kishida in Delhi", "date": "2024-03-18"})
        body = r.json()
        assert r.status_code == 200 and body["ok"] and body["stored"]["documents_added"] == 1
        doc = body["documents"][0]
        validate(doc, "accord.document/1")
        assert doc["title"] == "Kishida in Delhi" and {e["event"] for e in doc["events"]} & {"CONSULT", "AGREE"}
        stored = c.get("/v1/events", params={"doc": doc["id"]}).json()
        assert stored["total"] == len(doc["events"]) > 0
        up = c.post("/v1/code", files={"file": ("note.md", b"# Talks\n\nGermany urged Iran to resume talks.\n")}).json()
        assert up["stored"] is None and up["documents"][0]["format"] == "markdown"


def test_api_serve_command_starts_the_app_and_holds_the_file(tmp_path):
    import socket
    import time
    import urllib.request

    db = build(tmp_path / "serve.duckdb", synthetic_docs=2)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    cmd = [sys.executable, "-c", "from accord.cli.main import app; app()"]
    proc = subprocess.Popen(cmd + ["serve", "--db", str(db), "--port", str(port)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline, health = time.monotonic() + 60, None
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/v1/health", timeout=2) as r:
                    health = json.loads(r.read())
                break
            except OSError:
                time.sleep(0.2)
        assert health and health["ok"] and health["db"] == str(db)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            assert b"Accord" in r.read()
        second = subprocess.run(cmd + ["serve", "--db", str(db), "--port", str(port + 1)],
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 1 and "E405" in second.stderr and "Traceback" not in second.stderr
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=15)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
