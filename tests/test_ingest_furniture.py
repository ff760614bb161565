"""Text copied out of PDFs: page furniture removed, kept as metadata, cut sentences rejoined (issue 10)."""

from __future__ import annotations

import pytest

from accord.ingest import read_bytes, read_text
from accord.ingest.furniture import clean_text_pages, furniture_key, page_url, repeated_keys
from accord.records import Document

URL = "http://www.gulfdispatch.example.com/2021/06/naval-patrols"
FOOTER = f"{URL}\nWritten by Amira Haddad on June 15, 2021\n"

PARAGRAPHS = [
    "The foreign minister of Iran on Tuesday criticized the United States for allegedly maintaining a "
    "permanent naval presence in the Gulf and said Tehran would raise the matter at the United Nations.",
    "Officials in Washington rejected the charge. A State Department spokesman said the patrols were lawful "
    "and that the United States would continue to protect shipping in the region, adding that Iran had "
    "harassed commercial vessels in recent weeks and had seized an oil tanker near the Strait of Hormuz in May.",
    "Oman offered to host talks between the two sides. Its foreign minister said both governments had "
    "accepted the invitation in principle.",
]

# What a PDF-to-text tool gives for the three-page article: wrapped lines, the page's footer (URL,
# byline, page counter) and a form feed wherever a page ended, in the middle of sentences.
EXTRACTED = (
    "Gulf Dispatch | Naval patrols\n"
    "Foreign ministers trade accusations over naval patrols\n\n"
    "The foreign minister of Iran on Tuesday criticized the United States\n"
    + FOOTER + "Page 1 of 3\n\f"
    "Gulf Dispatch | Naval patrols\n"
    "for allegedly maintaining a permanent naval presence in the Gulf and said\n"
    "Tehran would raise the matter at the United Nations.\n\n"
    "Officials in Washington rejected the charge. A State Department spokesman said\n"
    "the patrols were lawful and that the United States would continue to protect\n"
    "shipping in the region, adding that Iran had harassed commercial vessels in\n"
    "recent weeks and\n"
    + FOOTER + "Page 2 of 3\n\f"
    "Gulf Dispatch | Naval patrols\n"
    "had seized an oil tanker near the Strait of Hormuz in May.\n\n"
    "Oman offered to host talks between the two sides. Its foreign minister said\n"
    "both governments had accepted the invitation in principle.\n"
    + FOOTER + "Page 3 of 3\n"
)


@pytest.fixture(scope="module")
def article() -> Document:
    (doc,) = read_bytes(EXTRACTED.encode("utf-8"), "naval.txt")
    assert isinstance(doc, Document), doc
    return doc


def test_ingest_furniture_text_sentences_come_out_whole(article):
    assert [article.text[p.start:p.end] for p in article.paragraphs] == PARAGRAPHS


@pytest.mark.parametrize("trace", ["Page ", "of 3", "http", "Written by", "Gulf Dispatch |", "\f"])
def test_ingest_furniture_text_leaves_no_trace(article, trace):
    assert trace not in article.text


def test_ingest_furniture_text_kept_as_metadata(article):
    assert (article.author, article.date, article.date_source) == ("Amira Haddad", "2021-06-15", "page")
    assert article.links == (URL,)
    assert article.title == "Foreign ministers trade accusations over naval patrols"


def test_ingest_furniture_unwrapped_lines_are_glued():
    """Extractors that write one line per paragraph: the two halves become one line, not two paragraphs."""
    first = ("The defence ministers of Greece and Turkey met in Brussels on Wednesday and agreed to reopen a "
             "military hotline that had been silent for")
    second = ("more than a year, officials from both countries said after the meeting at the headquarters of "
              "the alliance.")
    text = f"{first}\n\nPage 1 of 2\n\f\n{second}\n\nThe hotline links the two general staffs directly.\n"
    doc = read_text(text)
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [f"{first} {second}", "The hotline links the two general staffs directly."]


def test_ingest_furniture_sentence_end_at_page_break_keeps_paragraphs():
    text = ("Japan and South Korea agreed to resume regular summits.\n\f\n"
            "The two leaders will meet again in Seoul next spring.\n")
    doc = read_text(text)
    assert [doc.text[p.start:p.end] for p in doc.paragraphs] == [
        "Japan and South Korea agreed to resume regular summits.",
        "The two leaders will meet again in Seoul next spring.",
    ]


def test_ingest_furniture_byline_alone_does_not_join_title_and_body():
    text = ("Putin and Xi pledge deeper partnership at Beijing summit\n\n"
            "Written by Daria Konstantinova on May 16, 2024\n\n"
            "BEIJING, May 16 - Russian President Vladimir Putin met Chinese President Xi Jinping.\n")
    doc = read_text(text)
    assert doc.title == "Putin and Xi pledge deeper partnership at Beijing summit"
    assert doc.text.startswith("BEIJING, May 16")
    assert doc.author == "Daria Konstantinova"


def test_ingest_furniture_recurring_line_inside_a_page_stays():
    """Only lines at a page's edge can be running headers; a repeated sentence in the body is prose."""
    body = "Talks will continue tomorrow."
    filler = "\n".join(f"Line {i} of the page body goes on." for i in range(1, 5))
    page = f"Gulf Dispatch | Naval patrols\n{filler}\n{body}\n{filler}\n"
    text = f"{page}Page 1 of 2\n\f{page}Page 2 of 2\n"
    cleaned, found = clean_text_pages(text)
    assert "Gulf Dispatch" not in cleaned and "Page" not in cleaned
    assert cleaned.count(body) == 2


@pytest.mark.parametrize(
    "line, url",
    [
        (URL, URL),
        (f"{URL} 1/3", URL),
        ("https://example.org/a.html.", "https://example.org/a.html"),
        ("See https://example.org/a", None),
        ("Page 2 of 3", None),
    ],
)
def test_ingest_furniture_page_url(line, url):
    assert page_url(line) == url


def test_ingest_furniture_repeated_keys_ignore_numbers():
    pages = [["Monitor | Issue 4", "body a", f"page {n}"] for n in range(1, 5)]
    assert furniture_key("Page 12 of 30") == "page # of #"
    assert {"monitor | issue #", "page #"} <= repeated_keys(pages, 1, 1)
    assert repeated_keys([["only one page"]]) == set()
