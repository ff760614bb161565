"""The helpers behind ingestion: dates, bylines, URLs, line re-joining and format detection."""

from __future__ import annotations

import pytest

from accord.ingest.detect import sniff_text
from accord.ingest.lines import Vocabulary, join_lines, keep_hyphen, load_compounds
from accord.ingest.meta import find_urls, normalise_date, parse_byline, parse_date_line


@pytest.mark.parametrize(
    "value, expected",
    [
        ("May 16, 2024", "2024-05-16"),
        ("16 May 2024", "2024-05-16"),
        ("2024-05-16", "2024-05-16"),
        ("2024-05-16T09:30:00+03:00", "2024-05-16"),
        ("Thursday, 16 May 2024", "2024-05-16"),
        ("Sept. 3, 2025", "2025-09-03"),
        ("May 16", None),
        ("yesterday", None),
        ("2024-13-45", None),
        (None, None),
    ],
)
def test_ingest_helpers_normalise_date(value, expected):
    assert normalise_date(value) == expected


@pytest.mark.parametrize(
    "line, near_top, author, date",
    [
        ("Written by Daria Konstantinova on May 16, 2024", False, "Daria Konstantinova", "2024-05-16"),
        ("written by Ana de la Cruz on 3 March 2025.", False, "Ana de la Cruz", "2025-03-03"),
        ("Posted by J. R. Okafor | 2024-07-01", False, "J. R. Okafor", "2024-07-01"),
        ("By Levon Petrosyan", True, "Levon Petrosyan", None),
        ("By Levon Petrosyan", False, None, None),
        ("By the end of the talks, both sides had agreed.", True, None, None),
        ("Written by hand, the letter was delivered on May 2, 2024 to the embassy in Tokyo by courier.", False, None, None),
    ],
)
def test_ingest_helpers_parse_byline(line, near_top, author, date):
    byline = parse_byline(line, near_top=near_top)
    if author is None:
        assert byline is None
    else:
        assert (byline.author, byline.date) == (author, date)


@pytest.mark.parametrize(
    "line, expected",
    [("June 26, 2024", "2024-06-26"), ("Published: 16 May 2024", "2024-05-16"), ("Moscow, 12 September 2024", None), ("12 ships", None)],
)
def test_ingest_helpers_parse_date_line(line, expected):
    assert parse_date_line(line) == expected


def test_ingest_helpers_find_urls_strip_punctuation():
    text = "See https://a.example.org/x. Also (www.b.example.org/y), and <http://c.example.net/z?q=1>."
    assert find_urls(text) == ["https://a.example.org/x", "http://www.b.example.org/y", "http://c.example.net/z?q=1"]


@pytest.mark.parametrize(
    "head, tail, keep",
    [
        ("coop", "eration", False),
        ("ne", "gotiations", False),
        ("Russian", "led", True),
        ("self", "defence", True),
        ("two", "day", True),
        ("Indo", "Pacific", True),
        ("COVID", "19", True),
        ("sanc", "tions", False),
    ],
)
def test_ingest_helpers_keep_hyphen_without_vocabulary(head, tail, keep):
    assert keep_hyphen(head, tail) is keep


def test_ingest_helpers_vocabulary_decides_first():
    vocab = Vocabulary.from_lines(["the ceasefire held", "a cease-fire monitor", "the joint-statement text"])
    assert keep_hyphen("cease", "fire", vocab) is True
    assert keep_hyphen("joint", "statement", vocab) is True
    vocab = Vocabulary.from_lines(["the ceasefire held"])
    assert keep_hyphen("cease", "fire", vocab) is False


def test_ingest_helpers_join_lines():
    lines = ["The ministers discussed coop-", "eration and a Russian-", "led  initiative,", "a self-", "defence pact."]
    assert join_lines(lines) == "The ministers discussed cooperation and a Russian-led initiative, a self-defence pact."


def test_ingest_helpers_compound_data_file_is_valid():
    compounds = load_compounds()
    assert "self" in compounds.first and "led" in compounds.last


@pytest.mark.parametrize(
    "text, declared, expected",
    [
        ("<!DOCTYPE html><html><body><p>Hi</p></body></html>", None, "html"),
        ("<!doctype html><p>x</p>", "text", "html"),
        ('{"text": "a"}\n{"text": "b"}\n', None, "jsonl"),
        ("---\ntitle: T\n---\nBody text.\n", None, "markdown"),
        ("# Title\n\nSome [link](http://x.example) and **bold**.\n", None, "markdown"),
        ("# Title\n\nSome text.\n", "text", "text"),
        ("Plain words on a line.\nAnd another one.\n", None, "text"),
        ("[1, 2, 3]", None, "json"),
    ],
)
def test_ingest_helpers_sniff_text(text, declared, expected):
    assert sniff_text(text, declared) == expected
