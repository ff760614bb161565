"""Helpers of the event-class tests (test_events_classes*.py): what the default coder finds in a sentence."""

from __future__ import annotations

from accord.pipeline import code_text


def coded(text: str, date: str = "2024-05-16"):
    """The sentence's events that are not negated."""
    return [e for e in code_text(text, date=date).events if not e.negated]


def types(text: str) -> set[str]:
    return {e.event for e in coded(text)}


def has(text: str, event: str, source: str | None = None, target: str | None = None, mode: str | None = None) -> bool:
    """Whether an event of ``event`` (and ``mode``) has ``source`` among its actors and ``target`` among its
    recipients (country codes; None: any)."""
    for e in coded(text):
        if e.event != event or (mode and e.mode != mode):
            continue
        if source and source not in {a.country for a in e.actor}:
            continue
        if target and target not in {a.country for a in e.recipient}:
            continue
        return True
    return False
