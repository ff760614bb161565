"""The CI accuracy gate: the coder must not score below the recorded floors (tests/eval_floors.json).

Floors are only raised (``python -m accord.eval.floors GOLD --floors tests/eval_floors.json``); a gold
file whose fingerprint changed fails here until it is re-baselined on purpose (tests/gold/README.md).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.eval import evaluate
from accord.eval.floors import check, load_floors

TESTS = Path(__file__).parent
FLOORS = load_floors(TESTS / "eval_floors.json")


def _gate(path: Path) -> None:
    report = evaluate(path)
    entry = FLOORS.get(report.name)
    assert entry, f"no floors recorded for {report.name} in tests/eval_floors.json"
    failures = check(report, entry)
    assert not failures, "\n".join(failures)


@pytest.mark.slow
def test_eval_gate_plover_gold_standard(shared_data):
    _gate(shared_data / "plover_gsr_dev.jsonl")


@pytest.mark.slow
def test_eval_gate_plv_dev(shared_data):
    _gate(shared_data / "plv_dev.jsonl")


#: Every gold file of this repository is gated: a new blind set is covered once its floors are recorded.
OWN_GOLD = sorted((TESTS / "gold").glob("*.jsonl"))


@pytest.mark.slow
@pytest.mark.parametrize("path", OWN_GOLD, ids=[p.stem for p in OWN_GOLD])
def test_eval_gate_own_gold(path):
    _gate(path)
