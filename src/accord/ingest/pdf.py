"""PDF: text lines with their positions (pdfminer.six), page furniture removed, paragraphs rebuilt.

Page furniture (:mod:`accord.ingest.furniture`, shared with the plain-text reader) is what the
layout repeats rather than what the author wrote: running headers and footers, page numbers, URLs
and "Written by NAME on DATE" lines at the page edges. None of it reaches ``text``; bylines and
URLs are kept as author, date, url and links. A plain date line under the title ("June 15, 2021",
"Published 15 June 2021 10:32 BST") is the publication date.

Columns: each page's text lines (pdfminer's layout analysis, with coordinates) are tested for a
gutter — a vertical band in the middle of the text that (almost) no line crosses, with a column on
each side; each side is tested again, so three columns are read too. Between lines that cross a
gutter (a full-width title), the left column is read, then the right. When the layout cannot be
trusted (text side by side on one baseline that is not in columns: tables, forms), the document
carries warning W101.

Metadata is one source among several, ranked (see :mod:`accord.ingest.docmeta`): a byline or date
line on the page beats the info dictionary; placeholder values ("(anonymous)", "Administrator",
"Microsoft Word - doc1.docx" ...) are ignored; the creation date is the publication date only when
the page gives none, and is then marked ``date_source="file-metadata"``.

Paragraphs are rebuilt from geometry: a vertical gap larger than the usual line pitch, a change of
font size (headings), or a change of indentation starts a new one; a paragraph whose lines are
all indented from the body's left edge is a block quote. Lines are re-joined with
:func:`accord.ingest.lines.join_lines`, which undoes soft line-end hyphenation. Limits: columns are
split at most three levels deep; tables come out row by row (with W101).
"""

from __future__ import annotations

import io
import re
import statistics
from collections import Counter
from dataclasses import dataclass

from accord.errors import Code, IngestError
from accord.ingest.blocks import Block, Extracted, clean_inline, wholly_quoted
from accord.ingest.docmeta import real
from accord.ingest.furniture import (
    BOTTOM_EDGE_LINES,
    PAGE_NUMBER_RE,
    TOP_EDGE_LINES,
    furniture_key,
    page_url,
    repeated_keys,
)
from accord.ingest.lines import Vocabulary, join_lines
from accord.ingest.meta import normalise_date, parse_byline, parse_date_line

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_TERMINAL = (".", "!", "?", ":", '"', "”", "’", ")")
#: A gutter must leave at least this many lines on each side of it.
MIN_COLUMN_LINES = 4
#: A column of prose has at least this many words in its median line.
MIN_COLUMN_WORDS = 4
#: Pieces of one baseline further apart than this many font sizes are not one line of prose.
WIDE_GAP_SIZES = 4.0


@dataclass
class Line:
    page: int
    text: str
    x0: float
    x1: float
    top: float  # distance from the top of the page
    size: float
    page_width: float
    column: int = 0  # 0 full width (or a one-column page); 1, 2 ... the page's columns in reading order
    shift: float = 0.0  # subtracted from x0/x1 to compare a right-column line with left-column ones


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


def _reads_as_column(lines: list[Line]) -> bool:
    """A column of prose: most lines start at one left edge and hold several words (table cells hold one to three)."""
    starts = Counter(round(l.x0 / 3) for l in lines)
    top = starts.most_common(1)[0][0]
    if sum(c for k, c in starts.items() if abs(k - top) <= 1) < 0.6 * len(lines):
        return False
    return statistics.median(len(l.text.split()) for l in lines) >= MIN_COLUMN_WORDS


def _gutter(lines: list[Line]) -> float | None:
    """The x of a vertical band in the middle half of ``lines``' extent that no body line crosses, or None.

    Lines that cross it (a full-width title, a centred page number) are allowed as long as they are
    few; both sides need ``MIN_COLUMN_LINES`` lines and a real gap between them.
    """
    if len(lines) < 2 * MIN_COLUMN_LINES:
        return None
    lo, hi = min(l.x0 for l in lines), max(l.x1 for l in lines)
    width = hi - lo
    best: tuple[int, float] | None = None
    x = lo + 0.25 * width
    while x <= lo + 0.75 * width:
        crossing = sum(1 for l in lines if l.x0 < x - 1 and l.x1 > x + 1)
        centre = lo + width / 2
        if best is None or crossing < best[0] or (crossing == best[0] and abs(x - centre) < abs(best[1] - centre)):
            best = (crossing, x)
        x += 2.0
    if best is None:
        return None
    crossing, x = best
    left = [l for l in lines if l.x1 <= x + 1]
    right = [l for l in lines if l.x0 >= x - 1]
    if len(left) < MIN_COLUMN_LINES or len(right) < MIN_COLUMN_LINES or crossing > 0.25 * len(lines):
        return None
    if min(l.x0 for l in right) - max(l.x1 for l in left) < 2:
        return None
    return x


@dataclass
class _Columns:
    """How a set of lines splits into columns: a gutter with the two sides' own splits, or a leaf."""

    gutter: float | None = None
    left: "_Columns | None" = None
    right: "_Columns | None" = None

    def gutters(self) -> list[float]:
        if self.gutter is None:
            return []
        return [self.gutter, *self.left.gutters(), *self.right.gutters()]


def _columns(lines: list[Line], depth: int = 0) -> _Columns:
    """Split ``lines`` at gutters, recursively (three columns are a gutter and a two-column side).

    A split is kept only when each side is itself split or reads as a column of prose (its lines
    mostly start at one left edge and hold several words); otherwise the lines are one column, and
    text side by side on one baseline (a table) is merged line by line and flagged.
    """
    x = _gutter(lines) if depth < 3 else None
    if x is None:
        return _Columns()
    left = [l for l in lines if l.x1 <= x + 1]
    right = [l for l in lines if l.x0 >= x - 1]
    lt, rt = _columns(left, depth + 1), _columns(right, depth + 1)
    for side, tree in ((left, lt), (right, rt)):
        if tree.gutter is None and not _reads_as_column(side):
            return _Columns()
    return _Columns(x, lt, rt)


def _merge_baselines(lines: list[Line], gutters: list[float], wide: list[int]) -> list[Line]:
    """Pieces of one visual line (same baseline, left to right) become one line; never across a gutter."""
    lines.sort(key=lambda l: (round(l.top), l.x0))
    merged: list[Line] = []
    for line in lines:
        prev = merged[-1] if merged else None
        same = prev is not None and abs(prev.top - line.top) < 2 and line.x0 >= prev.x1 - 1
        if same and any(prev.x1 <= g + 1 < line.x1 and line.x0 >= g - 1 for g in gutters):
            same = False
        if same:
            if line.x0 - prev.x1 > WIDE_GAP_SIZES * max(prev.size, 1.0):
                wide[0] += 1
            merged[-1] = Line(prev.page, prev.text + " " + line.text, prev.x0, line.x1, prev.top, prev.size, prev.page_width)
        else:
            merged.append(line)
    return merged


def _column_order(lines: list[Line], tree: _Columns, origin: float, counter: list[int]) -> list[Line]:
    """Reading order: between lines that cross a gutter, the left side's columns, then the right side's.

    Each leaf column gets its own number (``Line.column``) and the shift that lines its left edge
    up with the page's (``Line.shift``), so paragraphs are rebuilt per column.
    """
    if tree.gutter is None:
        counter[0] += 1
        ordered = sorted(lines, key=lambda l: (l.top, l.x0))
        edge = Counter(round(l.x0) for l in ordered).most_common(1)[0][0] if ordered else origin
        for line in ordered:
            line.column, line.shift = counter[0], max(0.0, edge - origin)
        return ordered
    g = tree.gutter
    out: list[Line] = []
    left: list[Line] = []
    right: list[Line] = []

    def flush() -> None:
        if left:
            out.extend(_column_order(left, tree.left, origin, counter))
        if right:
            out.extend(_column_order(right, tree.right, origin, counter))
        left.clear()
        right.clear()

    for line in sorted(lines, key=lambda l: (l.top, l.x0)):
        if line.x1 <= g + 1:
            left.append(line)
        elif line.x0 >= g - 1:
            right.append(line)
        else:
            flush()
            line.column, line.shift = 0, 0.0
            out.append(line)
    flush()
    return out


def _read_lines(data: bytes, password: str, warnings: list[tuple]) -> list[list[Line]]:
    """Each page's lines in reading order (columns detected); unreliable layouts add W101 to ``warnings``."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    pages: list[list[Line]] = []
    doubtful: list[int] = []
    for number, page in enumerate(extract_pages(io.BytesIO(data), password=password, laparams=LAParams())):
        pieces = []
        for tl in _text_lines(page):
            text = _norm(tl.get_text())
            if text:
                pieces.append(Line(number, text, tl.x0, tl.x1, page.height - tl.y1, _line_size(tl), page.width))
        tree = _columns(pieces)
        wide = [0]
        merged = _merge_baselines(pieces, tree.gutters(), wide)
        if tree.gutter is not None:
            origin = min(l.x0 for l in merged)
            merged = _column_order(merged, tree, origin, [0])
        if merged and wide[0] > max(2, 0.2 * len(merged)):
            doubtful.append(number + 1)
        pages.append(merged)
    if doubtful:
        warnings.append((
            Code.PDF_LAYOUT_UNCERTAIN,
            f"pages {', '.join(map(str, doubtful[:10]))}{' ...' if len(doubtful) > 10 else ''}: text set side by "
            "side that is not in columns (a table or a form); sentences may be out of order",
        ))
    return pages


def _body_size(lines: list[Line]) -> float:
    """The font size (rounded) that most characters are set in."""
    return Counter(round(l.size) for l in lines for _ in l.text).most_common(1)[0][0] if lines else 0.0


def _strip_furniture(pages: list[list[Line]], out: Extracted, meta_title: str | None) -> list[list[Line]]:
    """Remove running headers/footers, page numbers, edge URLs and bylines; keep what they say.

    An edge line (by position: the topmost and bottommost lines of a page, whatever the column
    order) is furniture when it recurs at the edge of other pages, is a page number, a URL or a
    byline, is set smaller than the body text, or holds the document's title with other words (a
    running head). Stripping stops at the first line from each edge that is none of these.
    """
    body_size = _body_size([l for p in pages for l in p])
    by_position = [sorted(lines, key=lambda l: (l.top, l.x0)) for lines in pages]
    repeated = repeated_keys([[l.text for l in lines] for lines in by_position], TOP_EDGE_LINES, BOTTOM_EDGE_LINES)
    edge_urls: Counter[str] = Counter()

    def furniture(line: Line) -> bool:
        text = line.text
        byline = parse_byline(text)
        if byline:
            out.author = out.author or byline.author
            if byline.date and not out.date:
                out.date, out.date_source = byline.date, "page"
            return True
        url = page_url(text)
        if url:
            edge_urls[url] += 1
            return True
        if meta_title and meta_title in text and len(text) > len(meta_title) + 3:
            return True
        if line.page == 0 and furniture_key(text) not in repeated:
            when = parse_date_line(text)  # a dateline set small above the headline; a repeated one is a print date
            if when:
                if not out.date:
                    out.date, out.date_source = when, "page"
                return True
        return (
            furniture_key(text) in repeated
            or bool(PAGE_NUMBER_RE.match(text))
            or line.size < 0.85 * body_size
        )

    kept_pages = []
    for lines, ordered in zip(pages, by_position):
        start, end = 0, len(ordered)
        while start < min(TOP_EDGE_LINES, end) and furniture(ordered[start]):
            start += 1
        while end > max(start, len(ordered) - BOTTOM_EDGE_LINES) and furniture(ordered[end - 1]):
            end -= 1
        gone = {id(l) for l in ordered[:start]} | {id(l) for l in ordered[end:]}
        body = []
        for line in lines:
            if id(line) in gone:
                continue
            byline = parse_byline(line.text)
            if byline:
                out.author = out.author or byline.author
                if byline.date and not out.date:
                    out.date, out.date_source = byline.date, "page"
            else:
                body.append(line)
        kept_pages.append(body)
    out.links.extend(edge_urls)
    if edge_urls:
        url, count = edge_urls.most_common(1)[0]
        if count >= 2 or len(pages) == 1:
            out.url = out.url or url
    return kept_pages


def _x0(line: Line) -> float:
    return line.x0 - line.shift


def _x1(line: Line) -> float:
    return line.x1 - line.shift


def _ends_paragraph(line: Line, body_right: float) -> bool:
    return line.text.endswith(_TERMINAL) and _x1(line) < body_right - 0.15 * (body_right - _x0(line) + 1)


def _paragraphs(lines: list[Line]) -> list[tuple[list[Line], bool]]:
    """Group body lines into paragraphs; the flag says whether the paragraph is indented.

    Right-column lines are compared with left-column ones after shifting them left by the
    column offset; moving to the next column is treated like moving to the next page.
    """
    if not lines:
        return []
    body_size = _body_size(lines)
    lefts = Counter(round(_x0(l)) for l in lines if round(l.size) == body_size)
    common = [x for x, c in lefts.items() if c >= max(2, 0.1 * len(lines))]
    body_left = min(common) if common else lefts.most_common(1)[0][0]
    body_right = sorted(_x1(l) for l in lines)[int(0.9 * (len(lines) - 1))]
    pitches = [
        b.top - a.top
        for a, b in zip(lines, lines[1:])
        if a.page == b.page and a.column == b.column and round(a.size) == round(b.size) == body_size and b.top > a.top
    ]
    pitch = statistics.median(pitches) if pitches else body_size * 1.3
    width = max(1.0, body_right - body_left)

    def indented(line: Line) -> bool:
        return _x0(line) > body_left + max(0.03 * min(line.page_width, 2.2 * width), body_size)

    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, cur in zip(lines, lines[1:]):
        current = paragraphs[-1]
        if cur.page != prev.page or cur.column != prev.column or cur.top < prev.top - 1:
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
            try:
                info["created"] = meta.creation_date
            except Exception:  # noqa: BLE001 - a malformed date is no date
                info["created"] = None
    except Exception:  # noqa: BLE001 - metadata is optional
        info = {}
    return "", info


def _plausible_meta_title(title: object) -> str | None:
    value = real("title", title)
    return clean_inline(value) if value else None


def _date_line(pages: list[list[Line]], out: Extracted, within: int = 4) -> None:
    """A plain date line among the first ``within`` lines of the first page (under the title) is the publication date."""
    if not pages or not pages[0]:
        return
    for index, line in enumerate(pages[0][:within]):
        when = parse_date_line(line.text)
        if when:
            if not out.date:
                out.date, out.date_source = when, "page"
            pages[0].pop(index)
            return


def parse_pdf(data: bytes) -> Extracted:
    """Blocks and metadata from PDF bytes; raises IngestError E104/E105 (or E101 when no text layer)."""
    password, info = _check_readable(data)
    out = Extracted()
    try:
        pages = _read_lines(data, password, out.warnings)
    except Exception as exc:  # pdfminer raises many error types on damaged files
        name = type(exc).__name__
        if "Password" in name or "Encrypt" in name:
            raise IngestError(Code.PDF_ENCRYPTED, name) from exc
        raise IngestError(Code.PDF_BROKEN, f"{name}: {exc}") from exc
    meta_title = _plausible_meta_title(info.get("title"))
    pages = _strip_furniture(pages, out, meta_title)
    if pages and pages[0]:
        _date_line(pages, out, within=1)  # a date line above the headline
    title_lines = _title_lines(pages)
    if title_lines:
        out.title = clean_inline(" ".join(l.text for l in title_lines))
        pages[0] = pages[0][len(title_lines):]
    else:
        out.title = meta_title
    _date_line(pages, out)
    if not out.author:
        out.author = real("author", info.get("author"))
    if not out.date:
        created = normalise_date(info.get("created"))
        if created:
            out.date, out.date_source = created, "file-metadata"
    lines = [l for p in pages for l in p]
    if not lines:
        raise IngestError(Code.EMPTY, "the PDF has no text layer (scanned pages need OCR first)")
    vocab = Vocabulary.from_lines([l.text for l in lines])
    for group, indented in _paragraphs(lines):
        text = clean_inline(join_lines([l.text for l in group], vocab))
        if text:
            out.blocks.append(Block(text, indented and (len(group) >= 2 or wholly_quoted(text))))
    return out
