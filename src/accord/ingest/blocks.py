"""The common shape every format reader produces: paragraphs (blocks) plus metadata.

Each reader turns its input into an :class:`Extracted`; :func:`finish` (in ``reader``) applies the
rules shared by all formats and builds the :class:`~accord.records.Document`. ``assemble`` lays the
blocks out as ``text`` (paragraphs separated by a blank line) with their offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from accord.records import Paragraph

_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_OPEN_QUOTES = "\"“«„'‘"
_CLOSE_QUOTES = "\"”»'’"


@dataclass
class Block:
    """One paragraph of body text; ``quote`` marks a block quote shown as such by the layout."""

    text: str
    quote: bool = False


@dataclass
class Extracted:
    """What a format reader found: body blocks and whatever metadata the format carries."""

    blocks: list[Block] = field(default_factory=list)
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None
    links: list[str] = field(default_factory=list)
    #: where ``date`` came from: "page", "metadata" or "file-metadata" (see accord.ingest.docmeta)
    date_source: str | None = None
    #: (code, detail) of what was read but may be wrong (W-codes in accord.errors)
    warnings: list[tuple] = field(default_factory=list)


def clean_inline(text: str) -> str:
    """Collapse whitespace (including non-breaking and zero-width spaces) to single spaces."""
    text = text.replace("\u00ad", "").replace("\u200b", "").replace("\ufeff", "")
    text = _CONTROL_RE.sub(" ", text)
    return re.sub(r"\s+", " ", text).strip()


def wholly_quoted(text: str) -> bool:
    """True for a paragraph that is one quotation: it opens and closes with quotation marks."""
    t = text.strip()
    if len(t) < 2 or t[0] not in _OPEN_QUOTES:
        return False
    end = t.rstrip(".,;")
    if not end or end[-1] not in _CLOSE_QUOTES:
        return False
    inner = end[1:-1]
    # a closing mark followed by attribution inside ("...," she said. "...") is not one quotation
    return not re.search(r"[”\"]\s*,?\s+(?:he|she|they|it|[A-Z]\w+)\s+(?:said|says|added|told|wrote)\b", inner)


def mark_introduced_quotes(blocks: list[Block]) -> list[Block]:
    """A paragraph wholly in quotation marks after one ending with ':' is a block quote."""
    for prev, block in zip(blocks, blocks[1:]):
        if not block.quote and prev.text.rstrip().endswith(":") and wholly_quoted(block.text):
            block.quote = True
    return blocks


def assemble(blocks: list[Block]) -> tuple[str, tuple[Paragraph, ...]]:
    """Join blocks into text with a blank line between paragraphs; return text and offsets."""
    parts: list[str] = []
    paragraphs: list[Paragraph] = []
    pos = 0
    for block in blocks:
        text = block.text.strip()
        if not text:
            continue
        if parts:
            parts.append("\n\n")
            pos += 2
        parts.append(text)
        paragraphs.append(Paragraph(pos, pos + len(text), block.quote))
        pos += len(text)
    return "".join(parts), tuple(paragraphs)
