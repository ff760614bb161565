"""PDF: text lines with their positions (pdfminer.six), page furniture removed, paragraphs rebuilt.

Page furniture is what the layout repeats rather than what the author wrote: running headers and
footers (lines at a page's top or bottom edge that recur on other pages, digits ignored), page
numbers ("Page 2 of 3", "- 4 -", "7"), URLs and "Written by NAME on DATE" lines at the page feet.
None of it reaches ``text``; bylines and URLs are kept as author, date, url and links.

Paragraphs are rebuilt from geometry: a vertical gap larger than the usual line pitch, a change of
font size (headings), or a change of indentation starts a new one; a paragraph whose lines are
all indented from the body's left edge is a block quote. Lines are re-joined with
:func:`accord.ingest.lines.join_lines`, which undoes soft line-end hyphenation. Limits: one text
column is assumed; multi-column pages and tables come out in pdfminer's reading order.
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from accord.errors import Code, IngestError
from accord.ingest.blocks import Block, Extracted, clean_inline, wholly_quoted
from accord.ingest.lines import Vocabulary, join_lines
from accord.ingest.meta import is_url_line, parse_byline

PAGE_NUMBER_RE = re.compile(
    r"^(?:(?:page|p\.|pg\.?)\s*\d+(?:\s*(?:of|/)\s*\d+)?|\d+\s*(?:of|/)\s*\d+|[-–—]?\s*\d{1,4}\s*[-–—]?|[ivxlc]{1,6})$",
    re.IGNORECASE,
)
_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", ")")
TOP_EDGE_LINES = 3
BOTTOM_EDGE_LINES = 4


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    size: float
    page_width: float


def _norm(text: str) -> str:
    for lig, plain in _LIGATURES.items():
        text = text.replace(lig, plain)
    return re.sub(r"\s+", " ", text).strip()


def _text_lines(obj):
    from pdfminer.layout import LTTextLine

    if isinstance(obj, LTTextLine):
        yield obj
    elif hasattr(obj, "__iter__") and not isinstance(obj, str):
        for child in obj:
            yield from _text_lines(child)


def _line_size(line) -> float:
    from pdfminer.layout import LTChar

    sizes = [round(c.size, 1) for c in line if isinstance(c, LTChar)]
    return statistics.median(sizes) if sizes else 0.0


def _read_lines(data: bytes, password: str) -> list[list[Line]]:
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    pages: list[list[Line]] = []
    for number, page in enumerate(extract_pages(io.BytesIO(data), password=password, laparams=LAParams())):
        lines = []
        for tl in _text_lines(page):
            text = _norm(tl.get_text())
            if text:
                lines.append(Line(number, text, tl.x0, tl.x1, page.height - tl.y1, _line_size(tl), page.width))
        lines.sort(key=lambda l: (round(l.top), l.x0))
        merged: list[Line] = []
        for line in lines:  # pieces of one visual line (same baseline) become one line
            if merged and abs(merged[-1].top - line.top) < 2 and line.x0 >= merged[-1].x1 - 1:
                prev = merged[-1]
                merged[-1] = Line(prev.page, prev.text + " " + line.text, prev.x0, line.x1, prev.top, prev.size, prev.page_width)
            else:
                merged.append(line)
        pages.append(merged)
    return pages


def _furniture_key(text: str) -> str:
    return re.sub(r"\d+", "#", text.lower())


def _body_size(lines: list[Line]) -> float:
    """The font size (rounded) that most characters are set in."""
    return Counter(round(l.size) for l in lines for _ in l.text).most_common(1)[0][0] if lines else 0.0


def _strip_furniture(pages: list[list[Line]], out: Extracted, meta_title: str | None) -> list[list[Line]]:
    """Remove running headers/footers, page numbers, edge URLs and bylines; keep what they say.

    An edge line is furniture when it recurs at the edge of other pages, is a page number, a URL or
    a byline, is set smaller than the body text, or holds the document's title with other words
    (a running head). Stripping stops at the first line from each edge that is none of these.
    """
    body_size = _body_size([l for p in pages for l in p])
    counts: Counter[str] = Counter()
    for lines in pages:
        edge = lines[:TOP_EDGE_LINES] + lines[-BOTTOM_EDGE_LINES:]
        counts.update({_furniture_key(l.text) for l in edge})
    n = len(pages)
    repeated = {k for k, c in counts.items() if n >= 2 and c >= 2 and c >= 0.5 * n}
    edge_urls: Counter[str] = Counter()

    def furniture(line: Line) -> bool:
        text = line.text
        byline = parse_byline(text)
        if byline:
            out.author = out.author or byline.author
            out.date = out.date or byline.date
            return True
        if is_url_line(text):
            edge_urls[text.rstrip(".,;")] += 1
            return True
        if meta_title and meta_title in text and len(text) > len(meta_title) + 3:
            return True
        return (
            _furniture_key(text) in repeated
            or bool(PAGE_NUMBER_RE.match(text))
            or line.size < 0.85 * body_size
        )

    kept_pages = []
    for lines in pages:
        start, end = 0, len(lines)
        while start < min(TOP_EDGE_LINES, end) and furniture(lines[start]):
            start += 1
        while end > max(start, len(lines) - BOTTOM_EDGE_LINES) and furniture(lines[end - 1]):
            end -= 1
        body = []
        for line in lines[start:end]:
            byline = parse_byline(line.text)
            if byline:
                out.author = out.author or byline.author
                out.date = out.date or byline.date
            else:
                body.append(line)
        kept_pages.append(body)
    out.links.extend(edge_urls)
    if edge_urls:
        url, count = edge_urls.most_common(1)[0]
        if count >= 2 or len(pages) == 1:
            out.url = out.url or url
    return kept_pages


def _ends_paragraph(line: Line, body_right: float) -> bool:
    return line.text.endswith(_TERMINAL) and line.x1 < body_right - 0.15 * line.page_width


def _paragraphs(lines: list[Line]) -> list[tuple[list[Line], bool]]:
    """Group body lines into paragraphs; the flag says whether the paragraph is indented."""
    if not lines:
        return []
    body_size = _body_size(lines)
    lefts = Counter(round(l.x0) for l in lines if round(l.size) == body_size)
    common = [x for x, c in lefts.items() if c >= max(2, 0.1 * len(lines))]
    body_left = min(common) if common else lefts.most_common(1)[0][0]
    body_right = sorted(l.x1 for l in lines)[int(0.9 * (len(lines) - 1))]
    pitches = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and round(a.size) == round(b.size) == body_size and b.top > a.top
    ]
    pitch = statistics.median(pitches) if pitches else body_size * 1.3

    def indented(line: Line) -> bool:
        return line.x0 > body_left + max(0.03 * line.page_width, body_size)

    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:]):
        current = paragraphs[-1]
        if cur.page != prev.page:
            new = _ends_paragraph(prev, body_right) or (
                prev.text.endswith(_TERMINAL) and cur.text[:1].isupper() and indented(cur) != indented(prev)
            )
        else:
            new = cur.top - prev.top > 1.4 * pitch
        new = new or abs(cur.size - prev.size) > 0.15 * body_size
        new = new or (indented(cur) and not indented(prev))
        new = new or (not indented(cur) and len(current) >= 2 and all(indented(l) for l in current))
        if new:
            paragraphs.append([cur])
        else:
            current.append(cur)
    return [(p, all(indented(l) for l in p)) for p in paragraphs]


def _title_lines(pages: list[list[Line]]) -> list[Line]:
    """Lines at the top of the first page set larger than the body text: the title."""
    first = pages[0] if pages else []
    all_lines = [l for p in pages for l in p]
    if not first or not all_lines:
        return []
    body_size = _body_size(all_lines)
    title = []
    for line in first:
        if line.size >= 1.15 * body_size and len(title) < 4:
            title.append(line)
        else:
            break
    return title


def _check_readable(data: bytes) -> tuple[str, dict]:
    """Refuse encrypted (E104) and broken (E105) files; return the password to use and the info dict."""
    from pypdf import PdfReader

    if b"%%EOF" not in data[-2048:]:
        raise IngestError(Code.PDF_BROKEN, "the file is truncated (no %%EOF marker at its end)")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        encrypted = reader.is_encrypted
    except Exception as exc:  # pypdf raises many error types on damaged files
        raise IngestError(Code.PDF_BROKEN, f"{type(exc).__name__}: {exc}") from exc
    if encrypted:
        try:
            opened = reader.decrypt("")
        except Exception:  # noqa: BLE001 - an unsupported cipher is as good as locked
            opened = 0
        if not opened:
            raise IngestError(Code.PDF_ENCRYPTED)
    info: dict = {}
    try:
        meta = reader.metadata
        if meta:
            info = {"title": meta.title, "author": meta.author}
    except Exception:  # noqa: BLE001 - metadata is optional
        info = {}
    return "", info


def _plausible_meta_title(title: object) -> str | None:
    if not title or not isinstance(title, str):
        return None
    title = clean_inline(title)
    if not title or re.search(r"\.(docx?|pdf|odt|rtf|indd|tex)$|^untitled|^microsoft word", title, re.I):
        return None
    return title


def parse_pdf(data: bytes) -> Extracted:
    """Blocks and metadata from PDF bytes; raises IngestError E104/E105 (or E101 when no text layer)."""
    password, info = _check_readable(data)
    try:
        pages = _read_lines(data, password)
    except Exception as exc:  # pdfminer raises many error types on damaged files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise IngestError(Code.PDF_ENCRYPTED, name) from exc
        raise IngestError(Code.PDF_BROKEN, f"{name}: {exc}") from exc
    out = Extracted()
    meta_title = _plausible_meta_title(info.get("title"))
    pages = _strip_furniture(pages, out, meta_title)
    title_lines = _title_lines(pages)
    if title_lines:
        out.title = clean_inline(" ".join(l.text for l in title_lines))
        pages[0] = pages[0][len(title_lines):]
    else:
        out.title = meta_title
    if not out.author and isinstance(info.get("author"), str) and info["author"].strip():
        out.author = clean_inline(info["author"])
    lines = [l for p in pages for l in p]
    if not lines:
        raise IngestError(Code.EMPTY, "the PDF has no text layer (scanned pages need OCR first)")
    vocab = Vocabulary.from_lines([l.text for l in lines])
    for group, indented in _paragraphs(lines):
        text = clean_inline(join_lines([l.text for l in group], vocab))
        if text:
            out.blocks.append(Block(text, indented and (len(group) >= 2 or wholly_quoted(text))))
    return out
