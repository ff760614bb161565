"""Plain text: paragraphs from blank lines, wrapped lines re-joined, title and byline found.

Layout conventions read here: a first short line followed by a blank line is the title; a
"Written by NAME on DATE" line anywhere (and "By NAME" or a bare date near the top) is metadata;
a paragraph indented further than the body, or quoted e-mail style with "> ", is a block quote.
Text copied out of a PDF keeps its page furniture (page counters, URL lines, bylines, running
headers, form feeds); :func:`accord.ingest.furniture.clean_text_pages` removes it first and rejoins
the sentences a page break cut.
"""

from __future__ import annotations

import re
from collections import Counter

from accord.ingest.blocks import Block, Extracted, clean_inline
from accord.ingest.furniture import clean_text_pages
from accord.ingest.lines import Vocabulary, join_lines
from accord.ingest.meta import parse_byline, parse_date_line

_BULLET_RE = re.compile(r"^\s*(?:[-*•·–]|\d{1,3}[.)])\s+(?=\S)")
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", "'", ")")
WRAP_LIMIT = 100  # lines no longer than this are taken as wrapped by the layout


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _raw_blocks(lines: list[str]) -> list[list[str]]:
    blocks: list[list[str]] = []
    current: list[str] = []
    for line in lines:
        if line.strip():
            current.append(line)
        elif current:
            blocks.append(current)
            current = []
    if current:
        blocks.append(current)
    return blocks


def looks_like_title(line: str) -> bool:
    words = line.split()
    return (
        0 < len(words) <= 25
        and len(line) <= 160
        and not line.rstrip().endswith((".", ",", ";", ":"))
        and not line.lstrip().startswith((">", "-", "*", '"', "“"))
    )


def _split_paragraphs(lines: list[str], few_blocks: bool) -> list[list[str]]:
    """Split one blank-line block into paragraphs: one per line when lines are not wrapped."""
    if len(lines) == 1:
        return [lines]
    widths = [len(line.rstrip()) for line in lines]
    if max(widths[:-1]) > WRAP_LIMIT:
        return [[line] for line in lines]
    paragraphs: list[list[str]] = [[]]
    wrap_width = max(widths)
    for i, line in enumerate(lines):
        if paragraphs[-1] and _BULLET_RE.match(line):
            paragraphs.append([])
        paragraphs[-1].append(line)
        is_last = i == len(lines) - 1
        if (
            not is_last
            and few_blocks
            and len(lines) >= 6
            and line.rstrip().endswith(_TERMINAL)
            and len(line.rstrip()) < 0.75 * wrap_width
        ):
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _head_metadata(line: str) -> tuple[str | None, str | None] | None:
    """(author, date) when the line is a byline or a bare date, else None."""
    byline = parse_byline(line, near_top=True)
    if byline:
        return byline.author, byline.date
    when = parse_date_line(line)
    return (None, when) if when else None


def parse_text(text: str, *, detect_title: bool = True) -> Extracted:
    """Blocks and metadata from plain text (``detect_title`` off when a title is given elsewhere)."""
    text, found = clean_text_pages(text, WRAP_LIMIT)
    text = text.expandtabs(4)
    out = Extracted(author=found.author, date=found.date, links=list(found.links))
    kept: list[str] = []
    for line in text.split("\n"):
        byline = parse_byline(line)
        if byline:
            out.author = out.author or byline.author
            out.date = out.date or byline.date
            kept.append("")
        else:
            kept.append(line.rstrip())
    raw = _raw_blocks(kept)

    if detect_title and len(raw) >= 2 and len(raw[0]) == 1 and looks_like_title(raw[0][0]):
        out.title = clean_inline(raw[0][0])
        raw = raw[1:]
    # "By NAME" and bare date lines among the first blocks are metadata, not body
    head = 0
    while head < min(3, len(raw)) and len(raw[head]) <= 3:
        found = [_head_metadata(line) for line in raw[head]]
        if not all(found):
            break
        for author, when in found:
            out.author = out.author or author
            out.date = out.date or when
        raw.pop(head)

    vocab = Vocabulary.from_lines(kept)
    base = Counter(min(_indent(l) for l in block) for block in raw).most_common(1)
    base_indent = base[0][0] if base else 0
    few_blocks = len(raw) <= 2
    for block in raw:
        indent = min(_indent(l) for l in block)
        email_quote = all(l.lstrip().startswith(">") for l in block)
        if email_quote:
            block = [re.sub(r"^\s*>+ ?", "", l) for l in block]
        quote = email_quote or (indent >= base_indent + 2 and len(raw) > 1)
        for para in _split_paragraphs(block, few_blocks):
            para = [_BULLET_RE.sub("", para[0], count=1)] + para[1:]
            joined = clean_inline(join_lines(para, vocab))
            if joined:
                out.blocks.append(Block(joined, quote))
    if out.date:
        out.date_source = "page"
    return out
