"""Event coding: PLOVER 2.0 and CAMEO events from parsed, actor-resolved documents."""

from accord.events.coder import code_document

__all__ = ["code_document"]
