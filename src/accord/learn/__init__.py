"""Coder v2's learned decision layer: a frozen sentence encoder and a small calibrated head over the rules."""

from accord.learn.stage import decide_document

__all__ = ["decide_document"]
