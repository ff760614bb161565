"""tools/lost_causes.py: how a traced trigger's history is read as the cause of a lost event."""

from __future__ import annotations

import sys
from pathlib import Path

TOOLS = Path(__file__).resolve().parent.parent / "tools"
sys.path.insert(0, str(TOOLS))

import lost_causes  # noqa: E402


def test_positive_coding_wins_over_everything_else():
    assert lost_causes.cause_of(["reached", "roles", "coded:positive"]) == "kept_by_rules"


def test_flags_come_before_guards():
    assert lost_causes.cause_of(["guard:speculation", "reached", "roles", "coded:negated"]) == "flag:negated"


def test_a_guard_names_the_cause():
    assert lost_causes.cause_of(["guard:asked_or_planned"]) == "guard:asked_or_planned"


def test_never_reached_is_suppressed():
    assert lost_causes.cause_of([]) == "suppressed"


def test_roles_without_a_known_actor():
    assert lost_causes.cause_of(["reached", "roles:none"]) == "no_actor"


def test_nominal_skipped_before_roles():
    assert lost_causes.cause_of(["reached"]) == "noun_skip"


def test_build_drop_is_reported_over_roles():
    assert lost_causes.cause_of(["reached", "roles", "build:none"]) == "build_none"
