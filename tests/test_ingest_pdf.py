"""PDF ingestion: page furniture removed, metadata kept, lines and pages re-joined, bad PDFs reported."""

from __future__ import annotations

import importlib.util
import re
import sys
from pathlib import Path

import pytest

from accord.ingest import read_bytes, read_paths
from accord.records import Document, Problem

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


@pytest.fixture(scope="module")
def make_pdf_module():
    pytest.importorskip("fpdf")
    spec = importlib.util.spec_from_file_location("accord_examples_make_pdf", EXAMPLES / "make_pdf.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the file runs
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def report(make_pdf_module, tmp_path_factory):
    path = make_pdf_module.make_pdf(tmp_path_factory.mktemp("pdf") / "report.pdf")
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document), doc
    return doc


def _raw_pages(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() for page in PdfReader(str(path)).pages]


def test_ingest_pdf_layout_has_the_features_under_test(make_pdf_module, tmp_path):
    """Guard: the generated PDF really has 3 pages, furniture, line-end hyphens and a page-spanning paragraph."""
    path = make_pdf_module.make_pdf(tmp_path / "r.pdf")
    pages = _raw_pages(path)
    assert len(pages) == 3
    assert all(f"Page {i} of 3" in text for i, text in enumerate(pages, 1))
    assert all(make_pdf_module.URL in text and "Written by Kenji Hartley" in text for text in pages)
    assert re.search(r"[a-z]-\n[a-z]", "\n".join(pages)), "no word is hyphenated at a line end"
    spanning = [
        p.text for p in make_pdf_module.PARAGRAPHS
        if any(p.text[:30] in pages[i] and p.text[-25:] in pages[i + 1] for i in range(2))
    ]
    assert spanning, "no paragraph crosses a page break"


def test_ingest_pdf_recovers_metadata(report, make_pdf_module):
    assert report.format == "pdf"
    assert report.title == make_pdf_module.TITLE
    assert report.author == "Kenji Hartley"
    assert report.date == "2024-11-04"
    assert report.url == make_pdf_module.URL
    assert make_pdf_module.URL in report.links


@pytest.mark.parametrize(
    "furniture",
    ["The Pacific Ledger", "Page 1 of 3", "Page 3 of 3", "of 3", "Written by", "https://", "pacificledger"],
)
def test_ingest_pdf_removes_page_furniture(report, furniture):
    assert furniture not in report.text


def test_ingest_pdf_paragraphs_equal_the_source_paragraphs(report, make_pdf_module):
    """Every source paragraph comes back whole: lines re-joined, pages crossed, soft hyphens undone."""
    expected = [p.text for p in make_pdf_module.PARAGRAPHS]
    got = [report.text[p.start : p.end] for p in report.paragraphs]
    assert got == expected


@pytest.mark.parametrize("word", ["cooperation", "reaffirmed", "researcher", "Indo-Pacific", "dual-use", "Asia-Pacific"])
def test_ingest_pdf_hyphens_soft_joined_real_kept(report, word):
    assert re.search(rf"\b{re.escape(word)}\b", report.text)


def test_ingest_pdf_block_quote_after_colon(report):
    quotes = [report.text[p.start : p.end] for p in report.paragraphs if p.block_quote]
    assert len(quotes) == 1
    assert quotes[0].startswith('"Our armed forces are ready')


def test_ingest_pdf_custom_text_and_single_page(make_pdf_module, tmp_path):
    para = make_pdf_module.Para
    path = make_pdf_module.make_pdf(
        tmp_path / "short.pdf",
        paragraphs=(
            para("ANKARA, March 3 - Turkey and Greece agreed on Monday to resume talks on maritime borders."),
            para("The two foreign ministers met in Ankara and pledged to keep channels of communication open."),
        ),
        publication="Aegean Daily",
        title="Turkey and Greece agree to resume talks",
        author="Selin Aydin",
        date_text="3 March 2025",
        url="https://aegean.example.org/2025/03/talks",
    )
    (doc,) = read_bytes(path.read_bytes(), str(path))
    assert isinstance(doc, Document)
    assert (doc.title, doc.author, doc.date) == ("Turkey and Greece agree to resume talks", "Selin Aydin", "2025-03-03")
    assert doc.url == "https://aegean.example.org/2025/03/talks"
    assert len(doc.paragraphs) == 2
    assert "Aegean Daily" not in doc.text and "Page 1" not in doc.text


def test_ingest_pdf_encrypted_is_e104(make_pdf_module, tmp_path):
    path = make_pdf_module.make_pdf(tmp_path / "locked.pdf", user_password="s3cret")
    (problem,) = list(read_paths([path]))
    assert isinstance(problem, Problem)
    assert problem.code == "E104" and problem.source == str(path) and problem.stage == "ingest"


def test_ingest_pdf_owner_password_only_is_readable(make_pdf_module, tmp_path):
    path = make_pdf_module.make_pdf(tmp_path / "restricted.pdf", owner_password="owner-only")
    (doc,) = list(read_paths([path]))
    assert isinstance(doc, Document), doc
    assert doc.author == "Kenji Hartley"


@pytest.mark.parametrize("cut", [0.3, 0.6, 0.95])
def test_ingest_pdf_truncated_is_e105(make_pdf_module, tmp_path, cut):
    data = make_pdf_module.make_pdf(tmp_path / "full.pdf").read_bytes()
    (problem,) = read_bytes(data[: int(len(data) * cut)], "truncated.pdf")
    assert isinstance(problem, Problem) and problem.code == "E105"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\nthis is not really a pdf at all\n%%EOF\n",
        b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF",
    ],
)
def test_ingest_pdf_corrupt_is_e105(data):
    (problem,) = read_bytes(data, "corrupt.pdf")
    assert isinstance(problem, Problem) and problem.code == "E105"


def test_ingest_pdf_named_pdf_without_header_is_e105():
    (problem,) = read_bytes(b"Just some words in a file that claims to be a PDF.", "fake.pdf", hint="fake.pdf")
    assert problem.code == "E105"


def test_ingest_pdf_bundled_example_is_clean():
    (doc,) = list(read_paths([EXAMPLES / "ministers_report.pdf"]))
    assert isinstance(doc, Document)
    assert doc.date == "2024-11-04" and "Page 2 of 3" not in doc.text
    assert "cooperation on defence industrial production" in doc.text


def test_ingest_pdf_first_line_indents_start_paragraphs():
    """Paragraphs marked only by an indented first line (no spacing) are told apart, not quoted."""
    fpdf = pytest.importorskip("fpdf")
    pdf = fpdf.FPDF()
    pdf.add_page()
    pdf.set_font("Times", "", 12)
    paras = [
        "The foreign ministers of Egypt and Jordan met in Cairo on Sunday to discuss the war in Gaza and the "
        "delivery of humanitarian aid, officials said after the meeting ended late in the evening.",
        "They called on Israel to allow more aid trucks through the Rafah crossing and urged the United Nations "
        "Security Council to act, according to a joint statement released by both governments.",
        "Jordan said it would send another field hospital to the territory next week.",
    ]
    for text in paras:
        pdf.set_x(pdf.l_margin + 8)
        pdf.write(6, text)
        pdf.ln(6)
    (doc,) = read_bytes(bytes(pdf.output()), "indents.pdf")
    assert [doc.text[p.start : p.end] for p in doc.paragraphs] == paras
    assert not any(p.block_quote for p in doc.paragraphs)
