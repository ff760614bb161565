"""Placeholder wiring until the coder lands: returns the document with no events."""

from __future__ import annotations


def code_document(document, sdoc, settings=None):
    from accord.pipeline import CodedDocument

    return CodedDocument(document)
