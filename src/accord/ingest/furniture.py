"""Page furniture: what a page layout repeats rather than what the author wrote.

One module for every reader that sees pages — the PDF reader (lines with positions) and the plain
text reader (text copied out of a PDF, where pages survive only as form feeds or "Page 2 of 3"
lines). Furniture is: page numbers ("Page 2 of 3", "- 4 -", "7", "1/3"), bare URL lines (also a
browser's "https://… 1/3" print footer), "Written by NAME on DATE" bylines, and running headers and
footers (lines at a page's edge that recur on other pages, digits ignored). None of it belongs in
``text``; what it says (links, author, date) is kept as metadata.

When furniture sat inside a paragraph that a page break cut ("…criticized the United States ⏎
http://… ⏎ Page 2 of 3 ⏎ for allegedly maintaining…"), the two halves are joined again.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from accord.ingest.meta import is_url_line, parse_byline

PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:page|p\.|pg\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–—]?\s*\d{1,4}\s*[-–—]?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
#: Page counters that cannot be prose even away from a page edge ("Page 2 of 3", "2 / 3").
STRONG_PAGE_NUMBER_RE = re.compile(r"^(?:(?:page|pg\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+)$", re.I)
#: A browser's print footer: the page URL followed by a page counter ("https://… 1/3").
URL_COUNTER_RE = re.compile(r"^(?P<url>(?:https?://|www\.)\S+)\s+\d+\s*(?:/|of)\s*\d+$", re.I)
TOP_EDGE_LINES = 3
BOTTOM_EDGE_LINES = 4
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", ")", ";")


@dataclass
class Found:
    """What the furniture said: author and date of a byline, links of URL lines."""

    author: str | None = None
    date: str | None = None
    links: list[str] = field(default_factory=list)
    removed: int = 0


def furniture_key(text: str) -> str:
    """A line's identity as furniture: case and whitespace folded, every number the same."""
    return re.sub(r"\d+", "#", re.sub(r"\s+", " ", text.strip().lower()))


def repeated_keys(pages: list[list[str]], top: int = TOP_EDGE_LINES, bottom: int = BOTTOM_EDGE_LINES) -> set[str]:
    """Keys of lines that recur at the edges of at least half the pages (two pages at least)."""
    n = len(pages)
    if n < 2:
        return set()
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:top] + lines[-bottom:] if len(lines) > top + bottom else lines
        counts.update({furniture_key(line) for line in edge if line.strip()})
    return {k for k, c in counts.items() if c >= 2 and c >= 0.5 * n and any(ch.isalnum() for ch in k)}


def page_url(line: str) -> str | None:
    """The URL of a line that is nothing but a URL (or a URL and a page counter), else None."""
    text = line.strip()
    m = URL_COUNTER_RE.match(text)
    if m:
        return m["url"].rstrip(".,;")
    if is_url_line(text):
        return text.rstrip(".,;")
    return None


def take(line: str, found: Found, *, at_edge: bool, repeated: set[str] = frozenset()) -> bool:
    """True when ``line`` is furniture; what it says goes into ``found``.

    Away from a page edge only unambiguous furniture counts (a byline, a URL line, a "Page 2 of 3"
    counter); at an edge a bare number and a recurring line count too.
    """
    text = line.strip()
    if not text:
        return False
    byline = parse_byline(text)
    if byline:
        found.author = found.author or byline.author
        found.date = found.date or byline.date
        return True
    url = page_url(text)
    if url:
        found.links.append(url)
        return True
    if STRONG_PAGE_NUMBER_RE.match(text):
        return True
    if at_edge and (PAGE_NUMBER_RE.match(text) or furniture_key(text) in repeated):
        return True
    return False


def _continues(before: str, after: str) -> bool:
    """True when ``after`` carries on the sentence that ``before`` left unfinished."""
    b, a = before.rstrip(), after.lstrip()
    if not b or not a or b.endswith(_TERMINAL):
        return False
    if b.endswith(("-", ",")) or a[0].islower() or a[0].isdigit():
        return True
    last = re.findall(r"[^\W\d_]+", b)
    return bool(last) and last[-1][0].islower() and len(b) > 40


def _pages(lines: list[str]) -> list[tuple[int, int]]:
    """(start, end) line ranges of the pages of extracted text: form feeds or page counters end a page."""
    bounds: list[tuple[int, int]] = []
    start = 0
    for i, line in enumerate(lines):
        if "\f" in line:
            bounds.append((start, i + 1))
            start = i + 1
        elif STRONG_PAGE_NUMBER_RE.match(line.strip()):
            bounds.append((start, i + 1))
            start = i + 1
    bounds.append((start, len(lines)))
    return [(s, e) for s, e in bounds if s < e]


def clean_text_pages(text: str, wrap_limit: int = 100) -> tuple[str, Found]:
    """Text copied out of a paged document with its furniture removed and cut sentences rejoined.

    Pages are told by form feeds or page counters. A line is removed when it is unambiguous
    furniture anywhere, or a page number or recurring line at a page edge. When removed lines
    (and the blank lines around them) separate the two halves of one sentence, the halves are
    joined: on one line when either is an unwrapped paragraph, else as adjacent wrapped lines.
    """
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    found = Found()
    pages = _pages(raw)
    non_blank = [[i for i in range(s, e) if raw[i].replace("\f", "").strip()] for s, e in pages]
    page_lines = [[raw[i].replace("\f", "") for i in idx] for idx in non_blank]
    repeated = repeated_keys(page_lines) if len(pages) >= 2 else set()
    edge: set[int] = set()
    if len(pages) >= 2:
        for idx in non_blank:
            edge.update(idx[:TOP_EDGE_LINES])
            edge.update(idx[-BOTTOM_EDGE_LINES:])
    removed = [False] * len(raw)
    page_break = [False] * len(raw)  # removed lines that show a page ended here
    for i, line in enumerate(raw):
        clean = line.replace("\f", "")
        if take(clean, found, at_edge=i in edge, repeated=repeated):
            removed[i] = True
            page_break[i] = bool(PAGE_NUMBER_RE.match(clean.strip())) or furniture_key(clean) in repeated
    out: list[str] = []
    gap_had_furniture = False
    pending_blank = 0
    for i, line in enumerate(raw):
        clean = line.replace("\f", "").rstrip()
        if removed[i]:
            gap_had_furniture = gap_had_furniture or page_break[i] or "\f" in line
            found.removed += 1
            if not gap_had_furniture:
                pending_blank += 1  # a byline or URL line alone separates what it stood between
            continue
        if not clean.strip():
            pending_blank += 1
            if "\f" in line:
                gap_had_furniture = True
            continue
        prev = out[-1] if out else ""
        if out and gap_had_furniture and _continues(prev, clean):
            if len(prev) > wrap_limit or len(clean.strip()) > wrap_limit:
                out[-1] = _glue(prev, clean.strip())
            else:
                out.append(clean)
        else:
            if out and (pending_blank or gap_had_furniture):
                out.append("")
            out.append(clean)
        pending_blank = 0
        gap_had_furniture = False
    return "\n".join(out), found


def _glue(before: str, after: str) -> str:
    from accord.ingest.lines import join_lines

    return join_lines([before, after])

