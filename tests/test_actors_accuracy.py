"""Accuracy of actor resolution on Accord's own test sets (tests/data/actor_mentions*.jsonl)."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.actors import evaluate_mentions
from accord.settings import load_settings

DATA = Path(__file__).parent / "data"


@pytest.mark.parametrize("name", ["actor_mentions.jsonl", "actor_mentions_heldout.jsonl", "actor_mentions_heldout2.jsonl"])
def test_actors_accuracy_test_set_passes_95_percent(name):
    settings = load_settings(actor_files=[DATA / "leaders_sample.csv"])
    report = evaluate_mentions(DATA / name, settings=settings)
    print(f"\n{name}: {report['correct']}/{report['items']} = {report['accuracy']:.1%}")
    for cat, row in report["by_category"].items():
        print(f"  {cat:18s} {row['correct']:4d}/{row['items']:<4d} {row['accuracy']:.1%}")
    for f in report["failures"]:
        print(f"  FAIL line {f['line']}: expected {f['expected']} got {f['got'] and f['got']['code']}")
    assert report["accuracy"] >= 0.95


def test_actors_accuracy_main_set_is_large_and_covers_every_category():
    from accord.actors.evaluate import read_cases

    cases = read_cases(DATA / "actor_mentions.jsonl")
    mentions = sum(len(c.get("mentions", [])) for c in cases)
    absent = sum(len(c.get("absent", [])) for c in cases)
    assert mentions >= 300 and absent >= 50
    categories = {c["category"] for c in cases}
    assert {"countries", "short_forms", "adjectives", "capitals_metonyms", "igos", "ngos", "militant_groups",
            "leaders_titles", "leaders_dated", "sector_nouns", "compounds", "collectives", "non-actors"} <= categories


ALL_SETS = ["actor_mentions.jsonl", "actor_mentions_heldout.jsonl", "actor_mentions_heldout2.jsonl",
            "actor_mentions_blind3.jsonl"]
SURNAME_VIAS = {"surname", "surname+organ"}


@pytest.mark.parametrize("name", ALL_SETS)
def test_actors_accuracy_no_surname_only_false_match(name):
    """A person matched by surname alone is never the wrong person (issue 9: unknown is better than wrong)."""
    report = evaluate_mentions(DATA / name)
    wrong = [f for f in report["failures"] if f["got"] and f["got"].get("via") in SURNAME_VIAS]
    assert not wrong, wrong


def test_actors_accuracy_blind_set_is_large_and_covers_issue_9():
    from accord.actors.evaluate import read_cases

    cases = read_cases(DATA / "actor_mentions_blind3.jsonl")
    assert sum(len(c["mentions"]) for c in cases) >= 420
    assert {c["category"] for c in cases} == {"organisations", "officials", "sector_phrases", "place_institutions",
                                              "namesakes", "term_boundaries", "joint_sides", "ordinary"}
