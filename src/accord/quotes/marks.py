"""Find quotation-mark spans in text, paragraph by paragraph (no parsing needed).

Double marks (curly, straight, guillemets) are paired first; single marks (British ‘…’ or straight
'…') are paired only outside double-quoted spans, and only when they cannot be apostrophes: an
opening mark follows a space, bracket or dash and precedes a letter; a closing mark follows a
non-space and precedes no letter. A quote left open at the end of a paragraph counts only when the
next paragraph opens a quote again (the newswire convention for quotes running over paragraphs).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DOUBLE_OPEN = "\u201c\u201e\u00ab"  # “ „ «
DOUBLE_CLOSE = "\u201d\u00bb"  # ” »
SINGLE_OPEN = "\u2018'"  # ‘ '
SINGLE_CLOSE = "\u2019'"  # ’ '
OPENERS = DOUBLE_OPEN + SINGLE_OPEN + '"'
_BEFORE_OPEN = set(" \t\n\r([{\u2014\u2013-/\u201c\"")
_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


@dataclass(frozen=True, slots=True)
class Span:
    """One paragraph of the text: ``text[start:end]``."""

    start: int
    end: int
    block_quote: bool = False


@dataclass(frozen=True, slots=True)
class Segment:
    """A quoted stretch: marks at ``open`` .. ``close`` (exclusive), quoted text at ``start`` .. ``end``."""

    open: int
    close: int
    start: int
    end: int
    para: int
    single: bool = False
    continues: bool = False  # left open at paragraph end; the next paragraph reopens it


def split_paragraphs(text: str, paragraphs=()) -> list[Span]:
    """The document's paragraphs, each further split at blank lines (a one-paragraph plain text)."""
    spans: list[Span] = []
    for p in paragraphs or (Span(0, len(text)),):
        pos = p.start
        for m in _BLANK_LINE.finditer(text, p.start, p.end):
            if m.start() > pos:
                spans.append(Span(pos, m.start(), p.block_quote))
            pos = m.end()
        if pos < p.end:
            spans.append(Span(pos, p.end, p.block_quote))
    return [s for s in spans if text[s.start : s.end].strip()]


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """Shrink ``start..end`` past surrounding spaces and a trailing comma (``"…back down,"``)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1
    return start, end


def _starts_quote(text: str, para: Span) -> bool:
    stripped = text[para.start : para.end].lstrip()
    return bool(stripped) and stripped[0] in OPENERS


_DOUBLE_MARK = re.compile(f"[{DOUBLE_OPEN}{DOUBLE_CLOSE}\"]")
_SINGLE_OPEN_MARK = re.compile(f"[{SINGLE_OPEN}]")
_SINGLE_CLOSE_MARK = re.compile(f"[{SINGLE_CLOSE}]")


def _double_pairs(text: str, para: Span) -> tuple[list[tuple[int, int]], int | None]:
    """Pairs (open, close-mark index) in a paragraph, and the position of a mark left open.

    Only the marks are visited (found by a regular expression), not every character."""
    pairs: list[tuple[int, int]] = []
    opened: int | None = None
    for m in _DOUBLE_MARK.finditer(text, para.start, para.end):
        i = m.start()
        ch = text[i]
        if ch in DOUBLE_OPEN:
            opened = i  # a second opener means the first was never closed: restart here
        elif ch in DOUBLE_CLOSE:
            if opened is not None:
                pairs.append((opened, i))
                opened = None
        else:  # a straight mark
            if opened is not None:
                pairs.append((opened, i))
                opened = None
            elif i + 1 < para.end and not text[i + 1].isspace():
                opened = i
    return pairs, opened


def _is_single_open(text: str, i: int, para: Span) -> bool:
    if text[i] not in SINGLE_OPEN:
        return False
    before_ok = i == para.start or text[i - 1] in _BEFORE_OPEN
    after = text[i + 1] if i + 1 < para.end else ""
    return before_ok and after.isalpha()


def _is_single_close(text: str, i: int, para: Span) -> bool:
    if text[i] not in SINGLE_CLOSE or i == para.start or text[i - 1].isspace():
        return False
    after = text[i + 1] if i + 1 < para.end else ""
    return not after.isalnum()


def _looks_possessive(text: str, i: int, end: int) -> bool:
    """``countries’ leaders``: a closing mark after -s followed by a word is likely an apostrophe."""
    return text[i - 1] in "sS" and i + 2 < end and text[i + 1] == " " and text[i + 2].isalpha()


def _single_pairs(text: str, para: Span, taken: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int | None]:
    # One pass marks the characters inside double-quoted stretches (asking every pair for every
    # character made a paragraph without line breaks quadratic).
    inside = bytearray(para.end - para.start + 1)
    for a, b in taken:
        lo, hi = max(a, para.start), min(b, para.end)
        if lo <= hi:
            inside[lo - para.start : hi - para.start + 1] = b"\x01" * (hi - lo + 1)

    def free(i: int) -> bool:
        return not (para.start <= i <= para.end and inside[i - para.start])

    def next_taken(i: int) -> int:
        """The first position after ``i`` inside a double-quoted stretch (or the paragraph end)."""
        at = inside.find(1, i + 1 - para.start, para.end - para.start)
        return para.end if at < 0 else at + para.start

    # Only opening marks are visited (found by a regular expression), not every character.
    pairs: list[tuple[int, int]] = []
    left_open: int | None = None
    m = _SINGLE_OPEN_MARK.search(text, para.start, para.end)
    while m is not None:
        i = m.start()
        if free(i) and _is_single_open(text, i, para):
            taken_at = next_taken(i)
            limit = next((o.start() for o in _SINGLE_OPEN_MARK.finditer(text, i + 1, taken_at)
                          if _is_single_open(text, o.start(), para)), taken_at)
            closers = [c.start() for c in _SINGLE_CLOSE_MARK.finditer(text, i + 2, limit)
                       if _is_single_close(text, c.start(), para)]
            if not closers:
                left_open = i if limit == para.end else None
                m = _SINGLE_OPEN_MARK.search(text, limit, para.end)
                continue
            chosen = next((j for j in closers if not _looks_possessive(text, j, para.end)), closers[0])
            pairs.append((i, chosen))
            m = _SINGLE_OPEN_MARK.search(text, chosen + 1, para.end)
            continue
        m = _SINGLE_OPEN_MARK.search(text, i + 1, para.end)
    return pairs, left_open


def find_segments(text: str, paras: list[Span]) -> list[Segment]:
    """Every quoted stretch in ``text``, in order; quotes nested inside others are not listed."""
    segments: list[Segment] = []
    for n, para in enumerate(paras):
        continued = n + 1 < len(paras) and _starts_quote(text, paras[n + 1])
        doubles, open_double = _double_pairs(text, para)
        taken = list(doubles)
        if open_double is not None:
            taken.append((open_double, para.end))
        singles, open_single = _single_pairs(text, para, taken)
        found = [(a, b, False) for a, b in doubles] + [(a, b, True) for a, b in singles]
        for a, b, single in found:
            start, end = trim(text, a + 1, b)
            if end > start:
                segments.append(Segment(a, b + 1, start, end, n, single))
        for a, single in ((open_double, False), (open_single, True)):
            if a is not None and continued:
                start, end = trim(text, a + 1, para.end)
                if end > start:
                    segments.append(Segment(a, para.end, start, end, n, single, continues=True))
    segments.sort(key=lambda s: s.open)
    return segments
