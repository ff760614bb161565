"""PDF layouts as users have them (issues 10 and 15): columns, long reports, browser prints, metadata.

Every PDF is generated here by ``examples/make_layouts.py`` (fpdf2); nothing binary is committed.
"""

from __future__ import annotations

import importlib.util
import re
import sys
from datetime import datetime, timezone
from pathlib import Path

import pytest

from accord.ingest import read_paths
from accord.records import Document

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def layouts():
    pytest.importorskip("fpdf")
    spec = importlib.util.spec_from_file_location("accord_examples_make_layouts", EXAMPLES / "make_layouts.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def _read(path: Path) -> Document:
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document), doc
    return doc


def _sentences(paragraphs) -> list[str]:
    return [s for p in paragraphs for s in re.split(r"(?<=[.!?])\s+(?=[A-Z])", p)]


def _raw_text(path: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(path))


def test_ingest_layouts_two_column_reads_columns_in_order(layouts, tmp_path):
    path = layouts.two_column(tmp_path / "two.pdf")
    doc = _read(path)
    expected = _sentences(layouts.COLUMN_PARAGRAPHS)
    positions = [doc.text.find(s) for s in expected]
    assert all(p >= 0 for p in positions), [s for s, p in zip(expected, positions) if p < 0]
    assert positions == sorted(positions)
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == list(layouts.COLUMN_PARAGRAPHS)
    assert doc.title == layouts.COLUMN_TITLE
    assert not doc.warnings


def test_ingest_layouts_two_column_guard_columns_share_baselines(layouts, tmp_path):
    """Guard: the page really sets the two columns side by side (lines of both on one baseline)."""
    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LTTextLine

    path = layouts.two_column(tmp_path / "two.pdf")
    page = next(extract_pages(str(path)))
    lines = [l for box in page for l in box if isinstance(l, LTTextLine)]
    left = {round(l.y1) for l in lines if l.x1 < page.width / 2}
    right = {round(l.y1) for l in lines if l.x0 > page.width / 2}
    assert len(left & right) >= 10


def test_ingest_layouts_three_columns_read_in_order(layouts, tmp_path):
    paras = layouts.REPORT_PARAGRAPHS[:9]
    path = layouts.three_column(tmp_path / "three.pdf", paras)
    doc = _read(path)
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == list(paras)
    assert not doc.warnings


def test_ingest_layouts_table_is_flagged_w101(layouts, tmp_path):
    """Text side by side that is not in columns (a table) cannot be put in reading order: coded warning."""
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, layouts.META_PARAGRAPHS[0])
    rows = [("Country", "Minister", "Position"), ("Germany", "Robert Habeck", "supports the cap"),
            ("France", "Bruno Le Maire", "supports the cap"), ("Poland", "Anna Moskwa", "opposes the cap"),
            ("Spain", "Teresa Ribera", "undecided"), ("Italy", "Gilberto Pichetto", "supports the cap")]
    for row in rows:
        for x, cell in zip((10, 75, 140), row):
            pdf.set_x(x)
            pdf.cell(55, 6, cell)
        pdf.ln(6)
    pdf.multi_cell(0, 6, layouts.META_PARAGRAPHS[1])
    path = tmp_path / "table.pdf"
    pdf.output(str(path))
    doc = _read(path)
    assert [w.code for w in doc.warnings] == ["W101"]
    assert doc.warnings[0].stage == "ingest" and doc.warnings[0].source == str(path)


def test_ingest_layouts_long_report_leaves_no_furniture(layouts, tmp_path):
    path = layouts.long_report(tmp_path / "long.pdf")
    raw = _raw_text(path)
    assert raw.count(layouts.REPORT_HEADER) == 8 and raw.count(layouts.REPORT_FOOTER) == 8  # guard
    assert all(f"Page {n}" in raw for n in range(1, 9))
    doc = _read(path)
    for trace in ("Regional Security Monitor", "Annual Review 2023", "Prepared by the Institute", "Not for citation"):
        assert trace not in doc.text
    assert not re.search(r"\bPage \d\b", doc.text)
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == list(layouts.REPORT_PARAGRAPHS)
    assert doc.title == layouts.REPORT_TITLE


def test_ingest_layouts_browser_print_date_line_is_the_publication_date(layouts, tmp_path):
    doc = _read(layouts.browser_print(tmp_path / "printed.pdf"))
    assert (doc.date, doc.date_source) == ("2021-06-15", "page")
    assert doc.title == layouts.BROWSER_TITLE
    assert doc.url == layouts.BROWSER_URL
    assert "Published" not in doc.text and "11:04" not in doc.text and "1/2" not in doc.text
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == list(layouts.BROWSER_PARAGRAPHS)


@pytest.mark.parametrize(
    "author, title",
    [
        ("(anonymous)", "(anonymous)"),
        ("anonymous", "untitled"),
        ("Administrator", "Microsoft Word - doc1.docx"),
        ("(unspecified)", "Untitled document"),
        ("Microsoft Print to PDF", "report_final.pdf"),
    ],
)
def test_ingest_layouts_byline_beats_placeholder_metadata(layouts, tmp_path, author, title):
    path = layouts.with_metadata(
        tmp_path / "placeholder.pdf", author=author, title=title,
        created=datetime(2024, 5, 20, 14, 0, tzinfo=timezone.utc),
        header="Written by D. Michael DeRidder on May 16, 2024",
    )
    doc = _read(path)
    assert (doc.author, doc.date, doc.date_source) == ("D. Michael DeRidder", "2024-05-16", "page")
    assert doc.title == layouts.META_TITLE
    assert "Written by" not in doc.text


def test_ingest_layouts_date_line_beats_creation_date(layouts, tmp_path):
    path = layouts.with_metadata(
        tmp_path / "dated.pdf", author="(anonymous)", title="(anonymous)",
        created=datetime(2024, 5, 20, 14, 0, tzinfo=timezone.utc), date_line="Updated May 16, 2024 at 9:15 a.m. ET",
    )
    doc = _read(path)
    assert (doc.author, doc.date, doc.date_source) == (None, "2024-05-16", "page")
    assert "Updated" not in doc.text


def test_ingest_layouts_real_metadata_without_byline_is_used(layouts, tmp_path):
    path = layouts.with_metadata(
        tmp_path / "real.pdf", author="Claire Dubois", title="Energy agreement signed",
        created=datetime(2023, 11, 9, 8, 30, tzinfo=timezone.utc),
    )
    doc = _read(path)
    assert doc.author == "Claire Dubois"
    assert (doc.date, doc.date_source) == ("2023-11-09", "file-metadata")
    assert doc.title == layouts.META_TITLE  # the title printed on the page still beats the info dictionary


def test_ingest_layouts_placeholder_title_is_not_used_when_page_has_none(layouts, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_title("Microsoft Word - doc1.docx")
    pdf.set_author("Administrator")
    pdf.add_page()
    pdf.set_font("Helvetica", "", 11)
    for para in layouts.META_PARAGRAPHS:
        pdf.multi_cell(0, 6, para)
        pdf.ln(3)
    path = tmp_path / "notitle.pdf"
    pdf.output(str(path))
    doc = _read(path)
    assert doc.title is None and doc.author is None


def test_ingest_layouts_event_dates_say_file_metadata(layouts, tmp_path, nlp):
    """Events of a PDF dated only by its creation date carry date_source "file-metadata"."""
    from accord.pipeline import code_documents

    path = layouts.with_metadata(
        tmp_path / "real.pdf", author="Claire Dubois", title="Energy agreement signed",
        created=datetime(2023, 11, 9, 8, 30, tzinfo=timezone.utc),
    )
    (coded,) = list(code_documents([_read(path)]))
    undated = [e for e in coded.events if "Thursday" not in e.text]
    assert undated, [e.text for e in coded.events]
    assert {(e.date, e.date_precision, e.date_source) for e in undated} == {("2023-11-09", "day", "file-metadata")}


def test_ingest_layouts_date_line_above_the_headline(layouts, tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", "", 9)
    pdf.cell(0, 5, "June 15, 2021", new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "B", 16)
    pdf.cell(0, 9, layouts.META_TITLE, new_x="LMARGIN", new_y="NEXT")
    pdf.set_font("Helvetica", "", 11)
    for para in layouts.META_PARAGRAPHS:
        pdf.multi_cell(0, 6, para)
        pdf.ln(3)
    path = tmp_path / "above.pdf"
    pdf.output(str(path))
    doc = _read(path)
    assert (doc.date, doc.date_source, doc.title) == ("2021-06-15", "page", layouts.META_TITLE)
    assert "June 15" not in doc.text
