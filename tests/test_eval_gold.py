"""Reading gold files: format detection, PLOVER normalisation, validation, and Accord's own gold set."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

from accord.eval.gold import ACCORD, PLOVER, load_gold

GOLD = Path(__file__).parent / "gold" / "accord_gold.jsonl"

PLOVER_LINES = [
    {"id": "P-1", "date": "2000-01-01", "event": "DEMAND", "text": "Tokyo demanded that Seoul withdraw its patrol boats.",
     "source": [{"actorText": "Tokyo", "code": "JAP", "sector": "GOV"}], "target": [{"actorText": "Seoul", "code": "KOR"}],
     "eventText": "demanded", "textInfo": {"markup": ""}},
    {"id": "P-2", "date": "2000-01-01", "event": "INVESTIGATE", "text": "Villagers were questioned by police.",
     "source": [{"actorText": "police", "code": "ITL", "sector": "COP"}], "target": "",
     "eventText": "questioned", "textInfo": {"markup": ""}},
    {"id": "P-2", "date": "2000-01-01", "event": "FIGHT", "text": "Rebels ambushed an army convoy.",
     "source": [{"actorText": "Rebels", "code": "UGA", "sector": "REBalb"}], "eventText": "ambushed", "textInfo": {"markup": ""}},
]


def write(tmp_path: Path, rows: list) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_gold_plover_records_are_normalised(tmp_path):
    gold = load_gold(write(tmp_path, PLOVER_LINES))
    assert gold.format == PLOVER and not gold.problems
    first, second, third = gold.documents
    assert first.events[0].event == "REQUEST"
    assert first.events[0].source == {"JPN"} and first.events[0].target == {"KOR"}
    assert first.events[0].source_sector == {"GOV"}
    assert second.events[0].event == "ACCUSE" and second.events[0].mode == "investigate"
    assert second.events[0].source == {"ITA"} and second.events[0].target == frozenset()
    assert third.events[0].event == "ASSAULT" and third.events[0].source_sector == {"REB"}
    assert third.id == "P-2@3"  # a reused id is made unique by its line


@pytest.mark.parametrize(
    "bad,message",
    [
        ({"id": "x", "date": "2023-01-01", "text": "T.", "events": [{"event": "HUG", "source": ["USA"]}]}, "unknown event type"),
        ({"id": "x", "date": "2023-01-01", "text": "T.", "events": [{"event": "AID", "source": []}]}, "no source"),
        ({"id": "x", "date": "Jan 2023", "text": "T.", "events": []}, "date"),
        ({"id": "x", "date": "2023-01-01", "text": "", "events": []}, "text"),
        ({"id": "x", "date": "2023-01-01", "text": "T.", "events": [], "colour": "red"}, "unknown document field"),
        ({"id": "x", "date": "2023-01-01", "text": "T.", "events": [{"event": "AID", "source": ["USA"], "targte": []}]}, "unknown event field"),
        ("not json at all", "Expecting value"),
    ],
)
def test_eval_gold_bad_accord_line_becomes_a_problem(tmp_path, bad, message):
    good = {"id": "ok", "date": "2023-01-01", "text": "Quiet day.", "events": []}
    gold = load_gold(write(tmp_path, [good, bad]))
    assert [d.id for d in gold.documents] == ["ok"]
    assert len(gold.problems) == 1 and gold.problems[0].code == "E304"
    assert message in gold.problems[0].message and gold.problems[0].source.endswith(":2")


def test_eval_gold_missing_file_raises_not_found(tmp_path):
    from accord.errors import AccordError

    with pytest.raises(AccordError, match="E109"):
        load_gold(tmp_path / "nope.jsonl")


def test_eval_gold_accord_set_is_valid_and_covers_the_ontology():
    gold = load_gold(GOLD)
    assert gold.format == ACCORD and gold.problems == ()
    assert len(gold.documents) >= 40
    positive = Counter(e.event for d in gold.documents for e in d.events if not e.negated)
    assert len(positive) == 16, f"every PLOVER type should be in the gold set, have {sorted(positive)}"
    phenomena = Counter(p for d in gold.documents for p in d.phenomena)
    for tag in ("joint_statement", "passive", "negation", "reported_speech", "intent", "hypothetical",
                "historical", "no_event", "coordination", "date_dependent_leader", "modal_demand", "several_events"):
        assert phenomena[tag] >= 1, tag
    assert sum(1 for d in gold.documents if not d.events) >= 3
    assert all("2010" <= d.date[:4] <= "2026" for d in gold.documents)
