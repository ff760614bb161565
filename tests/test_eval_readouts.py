"""The readout check: the expected dyad from the title, and counting CONSULT hits."""

from __future__ import annotations

import json

import pytest

from accord.eval.readouts import evaluate_readouts, expected_counterpart
from accord.pipeline import CodedDocument
from accord.records import Actor, Event


@pytest.mark.parametrize(
    "title,expected",
    [
        ("Readout of President Biden’s Call with Prime Minister Kishida of Japan", "JPN"),
        ("Readout of Vice President Harris’s Meeting with President Yoon of the Republic of Korea", "KOR"),
        ("Readout of President Biden’s Meeting with NATO Secretary General Stoltenberg", "IGO"),
        ("U.S.-ROK Leaders’ Joint Statement", "KOR"),
        ("Joint Statement Following Meeting Between President Biden and Iraqi Prime Minister Kadhimi", "IRQ"),
        ("Readout of White House Meeting with New Jersey State Legislators on Broadband", None),
        ("Readout of President Biden’s Call with President Macron of France and Chancellor Scholz of Germany", None),
    ],
)
def test_eval_readouts_expected_counterpart_from_title(title, expected):
    counterpart, reason = expected_counterpart(title)
    assert counterpart == expected
    assert bool(reason) is (expected is None)


READOUTS = [
    {"id": "r1", "date": "2022-03-01", "kind": "readout",
     "title": "Readout of President Biden’s Call with Prime Minister Kishida of Japan",
     "text": "President Biden spoke today with Prime Minister Fumio Kishida of Japan to discuss the crisis in Ukraine. "
             "The leaders agreed to keep coordinating closely on sanctions."},
    {"id": "r2", "date": "2022-04-12", "kind": "readout",
     "title": "Readout of President Biden’s Meeting with President Duda of Poland",
     "text": "President Biden met with President Andrzej Duda of Poland at the White House. They reaffirmed their "
             "commitment to the defence of every inch of NATO territory."},
    {"id": "r3", "date": "2022-05-02", "kind": "readout",
     "title": "Readout of the White House’s Meeting with Airline Leaders",
     "text": "Senior officials met airline chief executives to discuss summer travel."},
    {"id": "r4", "date": "2022-05-03", "kind": "readout", "title": "Readout of a Call", "text": ""},
]


def write(tmp_path, rows):
    path = tmp_path / "readouts.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows) + "\n", encoding="utf-8")
    return path


def _consult(doc_id, src, tgt):
    mk = lambda c: Actor(text=c, start=0, end=0, name=c, country=c)  # noqa: E731
    return Event(doc_id=doc_id, sentence=0, text="", start=0, end=0, event="CONSULT", mode="phone", context=(),
                 cameo="040", quad_class=1, goldstein=1.0, actor=(mk(src),), recipient=(mk(tgt),), date=None,
                 date_precision="day")


def test_eval_readouts_counts_hits_with_a_stub_coder(tmp_path, monkeypatch):
    def fake_code_documents(documents, settings=None):
        for d in documents:  # r1: JPN -> USA (either direction counts); r2: a CONSULT with the wrong country
            events = (_consult(d.id, "JPN", "USA"),) if d.id == "r1" else (_consult(d.id, "USA", "CAN"),)
            yield CodedDocument(d, events=events)

    monkeypatch.setattr("accord.pipeline.code_documents", fake_code_documents)
    report = evaluate_readouts(write(tmp_path, READOUTS))
    d = report.to_dict()
    assert (d["total"], d["evaluated"], d["hits"]) == (4, 2, 1)
    assert d["consult_dyad_share"] == 0.5 and d["any_consult_share"] == 1.0
    assert d["skipped"] == {"no foreign counterpart in title": 1, "unreadable line": 1}
    assert d["misses"][0]["doc_id"] == "r2" and d["misses"][0]["expected"] == ["USA", "POL"]


def test_eval_readouts_limit(tmp_path, monkeypatch):
    monkeypatch.setattr("accord.pipeline.code_documents", lambda docs, settings=None: (CodedDocument(d) for d in docs))
    report = evaluate_readouts(write(tmp_path, READOUTS), limit=1)
    assert report.total == 1 and report.evaluated == 1 and report.hits == 0


@pytest.mark.slow
def test_eval_readouts_runs_the_real_pipeline(tmp_path):
    report = evaluate_readouts(write(tmp_path, READOUTS[:2]))
    assert report.evaluated == 2 and 0.0 <= report.share <= 1.0


def test_eval_readouts_resolver_fills_in_leaders_but_not_lone_surnames(monkeypatch):
    import accord.actors

    def fake_resolve_texts(texts, date=None, settings=None):
        mk = lambda text, c: Actor(text=text, start=0, end=0, name=text, country=c, kind="person")  # noqa: E731
        return [[mk("Yang Jiechi", "CHN"), mk("Young", "TTO")] for _ in texts]

    monkeypatch.setattr(accord.actors, "resolve_texts", fake_resolve_texts, raising=False)
    assert expected_counterpart("Readout of a Meeting with Politburo Member Yang Jiechi and Young Advocates") == ("CHN", "")
    # names in the title win over the resolver
    assert expected_counterpart("Readout of President Biden’s Call with President Duda of Poland") == ("POL", "")


@pytest.mark.parametrize(
    "title",
    ["Readout of President Biden’s Call with Governor Greg Abbott of Texas",
     "Readout of the Vice President’s Meeting with New York State Leaders on Voting Rights"],
)
def test_eval_readouts_us_state_titles_are_domestic(title, monkeypatch):
    import accord.actors

    monkeypatch.setattr(accord.actors, "resolve_texts",
                        lambda texts, date=None, settings=None: [[Actor(text="Greg Abbott", start=0, end=0, name="x", country="AUS")]],
                        raising=False)
    assert expected_counterpart(title) == (None, "no foreign counterpart in title")
