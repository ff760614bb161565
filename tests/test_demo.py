"""`accord demo`: the bundled examples hold two wire reports of one event (the Lavrov-Wang Yi call of
14 February 2024, from two outlets), and the demo clusters them and says so."""

from __future__ import annotations

import io

from rich.console import Console

from accord.cli.demo import run_demo
from accord.store import Store


def test_demo_clusters_two_outlets_reports_of_one_call(examples_dir, tmp_path):
    db = tmp_path / "demo.duckdb"
    out = io.StringIO()
    result = run_demo(examples_dir, db, Console(file=out, width=80))
    text = " ".join(out.getvalue().split())  # the summary line wraps at 80 columns

    assert result["clusters_reported_twice"] >= 1
    assert "Events reported more than once" in text
    assert f"of which {result['clusters_reported_twice']} with 2+ mentions" in text
    with Store(db, read_only=True) as store:
        multi = store.clusters(min_mentions=2)
        docs = {d["id"]: d for d in store.document_info()}
    call = [c for c in multi if set(c["doc_ids"]) == {"wire-2024-0214-01", "asia-2024-0214-10"}]
    assert len(call) == 1
    (c,) = call
    assert c["event"] == "CONSULT" and {c["actor_country"], c["recipient_country"]} == {"RUS", "CHN"}
    assert c["num_documents"] == 2 and str(c["date"]) == "2024-02-14"
    hosts = {docs[i]["url"].split("/")[2] for i in c["doc_ids"]}
    assert len(hosts) == 2  # two outlets, not one outlet repeating itself


def test_demo_run_twice_keeps_one_cluster_per_event(examples_dir, tmp_path):
    db = tmp_path / "demo.duckdb"
    first = run_demo(examples_dir, db, Console(file=io.StringIO(), width=80))
    second = run_demo(examples_dir, db, Console(file=io.StringIO(), width=80))
    assert second["store"]["runs"] == first["store"]["runs"] + 1
    assert {k: v for k, v in second["store"].items() if k != "runs"} == {k: v for k, v in first["store"].items() if k != "runs"}
    assert second["clusters_reported_twice"] == first["clusters_reported_twice"]
