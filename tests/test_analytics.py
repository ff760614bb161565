"""Dyad series, networks, top actors/dyads and type distributions on hand-built events."""

from __future__ import annotations

from datetime import date

import pytest

from accord.errors import StoreError
from accord.store import Filters, Store
from accord.store.analytics import dyad_series, network, top_actors, top_dyads, type_distribution
from accord.store.synthetic import actor, coded, event


def _doc(doc_id, day, items):
    evs = []
    for i, (kind, a, b, g, *flags) in enumerate(items):
        text = f"Sentence {i} of {doc_id}: {a} and {b} {kind.lower()}."
        evs.append(event(doc_id, text, kind, [actor(a)], [actor(b)] if b else [], day, trigger=kind.lower(),
                         goldstein=g, sentence=i, start=i * 100, negated="negated" in flags))
    return coded(doc_id, " ".join(e.text for e in evs), day, evs)


DOCS = [
    _doc("d1", "2024-03-04", [("CONSULT", "RUS", "CHN", 1.0), ("AGREE", "RUS", "CHN", 4.0), ("SANCTION", "USA", "RUS", -4.0)]),
    _doc("d2", "2024-03-05", [("CONSULT", "CHN", "RUS", 1.0), ("ACCUSE", "USA", "CHN", -2.0)]),
    _doc("d3", "2024-03-12", [("AID", "RUS", "CHN", 7.0), ("CONSULT", "RUS", "CHN", 1.0, "negated")]),
    _doc("d4", "2024-04-20", [("ASSAULT", "RUS", "UKR", -9.0), ("REQUEST", "UKR", None, -5.0)]),
]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    with Store(tmp_path_factory.mktemp("an") / "a.duckdb") as s:
        s.add(DOCS)
        yield s


def test_analytics_dyad_series_by_day_counts_and_goldstein(store):
    rows = dyad_series(store, "RUS", "CHN", by="day")
    assert [(r["period"], r["events"]) for r in rows][:2] == [(date(2024, 3, 4), 2), (date(2024, 3, 5), 0)]
    first = rows[0]
    assert (first["CONSULT"], first["AGREE"], first["quad1"]) == (1, 1, 2)
    assert (first["goldstein_sum"], first["goldstein_mean"]) == (5.0, 2.5)
    last = rows[-1]
    assert (last["period"], last["events"], last["AID"], last["quad2"]) == (date(2024, 3, 12), 1, 1, 1)
    assert len(rows) == 9  # 4 .. 12 March, empty days filled with zeros
    assert sum(r["events"] for r in rows) == 3  # the negated CONSULT is not counted


@pytest.mark.parametrize(
    "kwargs, expected",
    [
        ({"by": "week"}, [(date(2024, 3, 4), 2)]),  # weeks start on Monday; 12 March is the next week
        ({"by": "week", "directed": False}, [(date(2024, 3, 4), 3)]),
        ({"by": "month", "directed": False}, [(date(2024, 3, 1), 4)]),
        ({"by": "month", "directed": False, "types": ["CONSULT"]}, [(date(2024, 3, 1), 2)]),
        ({"by": "month", "filters": Filters(factual=False)}, [(date(2024, 3, 1), 4)]),
    ],
)
def test_analytics_dyad_series_periods_and_direction(store, kwargs, expected):
    rows = [r for r in dyad_series(store, "RUS", "CHN", **kwargs) if r["events"]]
    if kwargs["by"] == "week":
        rows = [r for r in rows if r["period"] == date(2024, 3, 4)]
    assert [(r["period"], r["events"]) for r in rows] == expected


def test_analytics_dyad_series_against_everyone_and_range(store):
    rows = dyad_series(store, "RUS", by="month", start="2024-02-01", end="2024-05-31")
    assert [(r["period"].month, r["events"]) for r in rows] == [(2, 0), (3, 3), (4, 1), (5, 0)]
    assert rows[2]["ASSAULT"] == 1 and rows[2]["goldstein_sum"] == -9.0
    both = dyad_series(store, "RUS", by="month", directed=False, start="2024-03-01", end="2024-03-31")
    assert both[0]["events"] == 5  # + CHN->RUS consult, USA->RUS sanction


def test_analytics_dyad_series_rejects_unknown_period(store):
    with pytest.raises(StoreError, match="E404"):
        dyad_series(store, "RUS", "CHN", by="decade")


def test_analytics_network_nodes_and_weighted_edges(store):
    net = network(store, start="2024-03-01", end="2024-03-31")
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("RUS", "CHN")]["weight"] == 3
    assert (edges[("RUS", "CHN")]["quad1"], edges[("RUS", "CHN")]["quad2"]) == (2, 1)
    assert edges[("USA", "RUS")]["quad4"] == 1 and ("RUS", "UKR") not in edges
    nodes = {n["id"]: n for n in net["nodes"]}
    assert (nodes["RUS"]["as_actor"], nodes["RUS"]["as_recipient"]) == (3, 2)


def test_analytics_top_actors_and_dyads(store):
    assert top_actors(store, 1)[0]["country"] == "RUS"
    assert top_actors(store, 2, role="recipient")[0] == {
        "country": "CHN", "events": 4, "as_actor": 0, "as_recipient": 4, "goldstein_mean": 2.5}
    assert top_dyads(store, 1)[0]["actor"] == "RUS" and top_dyads(store, 1)[0]["events"] == 3
    undirected = top_dyads(store, 1, directed=False)[0]
    assert (undirected["actor"], undirected["recipient"], undirected["events"]) == ("CHN", "RUS", 4)
    assert [r["country"] for r in top_actors(store, 5, types=("SANCTION", "ACCUSE"))] == ["USA", "CHN", "RUS"]
    assert top_actors(store, 5, text="assault")[0]["country"] in {"RUS", "UKR"}


def test_analytics_type_distribution(store):
    rows = {r["event"]: r for r in type_distribution(store)}
    assert rows["CONSULT"]["events"] == 2 and rows["CONSULT"]["quad_class"] == 1
    assert abs(sum(r["share"] for r in rows.values()) - 1.0) < 1e-3
    only_ukr = type_distribution(store, country="UKR")
    assert {r["event"] for r in only_ukr} == {"ASSAULT", "REQUEST"}
