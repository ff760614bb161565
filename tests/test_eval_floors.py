"""The CI floors: checked against a report, raised to current scores, never lowered, fingerprinted."""

from __future__ import annotations

from dataclasses import replace

import pytest

from accord.errors import AccordError
from accord.eval import floors as fl
from accord.eval.scoring import Report

METRICS = {"type_precision": 0.61234, "type_recall": 0.5, "f1": 0.55, "triple_accuracy": 0.3}


def report(sha="abc", **metrics) -> Report:
    return Report({**METRICS, **metrics}, {}, {}, (), (), name="accord_gold", path="tests/gold/accord_gold.jsonl", sha256=sha)


def test_eval_floors_raise_to_current_scores_rounded_down():
    floors, changes = fl.raise_floors({"accord_gold": {"sha256": "abc", "f1": 0.0}}, report())
    entry = floors["accord_gold"]
    assert entry["type_precision"] == 0.612 and entry["f1"] == 0.55 and entry["sha256"] == "abc"
    assert changes


def test_eval_floors_never_lower():
    start = {"accord_gold": {"sha256": "abc", "f1": 0.9, "type_recall": 0.8}}
    floors, _ = fl.raise_floors(start, report())
    assert floors["accord_gold"]["f1"] == 0.9 and floors["accord_gold"]["type_recall"] == 0.8
    assert start["accord_gold"]["f1"] == 0.9  # the input is not modified


def test_eval_floors_changed_gold_needs_rebaseline():
    start = {"accord_gold": {"sha256": "old", "f1": 0.9}}
    with pytest.raises(AccordError, match="rebaseline"):
        fl.raise_floors(start, report(sha="new"))
    floors, _ = fl.raise_floors(start, report(sha="new"), rebaseline=True)
    assert floors["accord_gold"]["sha256"] == "new" and floors["accord_gold"]["f1"] == 0.55


@pytest.mark.parametrize(
    "entry,failing",
    [
        ({"sha256": "abc", "f1": 0.55, "type_recall": 0.5}, []),
        ({"sha256": "abc", "f1": 0.56}, ["f1"]),
        ({"sha256": "zzz", "f1": 0.0}, ["gold file changed"]),
    ],
)
def test_eval_floors_check(entry, failing):
    failures = fl.check(report(), entry)
    assert len(failures) == len(failing)
    for needle, message in zip(failing, failures):
        assert needle in message


def test_eval_floors_file_round_trip(tmp_path):
    path = tmp_path / "floors.json"
    floors, _ = fl.raise_floors({}, replace(report(), name="plover_gsr_dev"))
    fl.save_floors(floors, path)
    assert fl.load_floors(path) == floors
    assert fl.load_floors(tmp_path / "absent.json") == {}
