"""Bad input never crashes ingestion: each case becomes a coded Problem and the batch goes on."""

from __future__ import annotations

import io
import sys

import pytest

from accord.ingest import read_bytes, read_paths, read_text
from accord.records import Document, Problem
from accord.settings import load_settings

ARTICLE = (
    "Ethiopia and Somalia agree to restore ties\n\n"
    "ANKARA, Dec 12 - Ethiopia and Somalia agreed on Wednesday to restore diplomatic relations after talks "
    "mediated by Turkey, ending a year-long dispute over a port deal with the breakaway region of Somaliland.\n"
)
PNG_HEAD = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00" + bytes(range(256)) * 4


def one_problem(items) -> Problem:
    items = list(items)
    assert len(items) == 1 and isinstance(items[0], Problem), items
    assert items[0].stage == "ingest" and items[0].message
    return items[0]


@pytest.mark.parametrize(
    "data, code",
    [
        (b"", "E101"),
        (b"   \n\n\t  \r\n", "E101"),
        (PNG_HEAD, "E102"),
        (b"Moscow\x00\x00\x00talks\x00\x01\x02\x03" * 20, "E102"),
        (b"Talks in Minsk \x81\x8d\x8f\x90\x9d ended \x81\x9d\x8d\x8f", "E103"),
        (b"\xff\xfe" + b"\x00\xd8", "E103"),
        (b"<html><head><title>Home</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav></body></html>", "E106"),
    ],
    ids=["empty", "blank", "png", "nul-bytes", "bad-bytes", "broken-utf16", "html-no-article"],
)
def test_ingest_errors_bad_bytes_become_problems(data, code):
    problem = one_problem(read_bytes(data, "input"))
    assert problem.code == code and problem.source == "input"


def test_ingest_errors_missing_path_is_e109(tmp_path):
    missing = tmp_path / "nowhere" / "story.txt"
    problem = one_problem(read_paths([missing]))
    assert problem.code == "E109" and problem.source == str(missing)


def test_ingest_errors_unsupported_extension_is_e110(tmp_path):
    path = tmp_path / "minutes.docx"
    path.write_bytes(b"PK\x03\x04" + b"\x00" * 64)
    assert one_problem(read_paths([path])).code == "E110"


@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_ingest_errors_too_large_is_e111(fmt):
    settings = load_settings(max_chars=50)
    sentence = "The envoy met the foreign minister in Doha on Monday and both sides agreed to meet again. "
    body = sentence * 10 if fmt != "html" else f"<html><body><article><p>{sentence * 10}</p></article></body></html>"
    result = read_text(body, "big", fmt, settings=settings)
    assert isinstance(result, Problem) and result.code == "E111"


def test_ingest_errors_too_large_file_refused_before_reading(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text("Talks continued. " * 200)
    assert one_problem(read_paths([path], settings=load_settings(max_chars=10))).code == "E111"


def test_ingest_errors_jsonl_bad_lines_do_not_stop_the_file(tmp_path):
    path = tmp_path / "corpus.jsonl"
    path.write_bytes(
        b'{"id": "ok-1", "text": "Iran and Saudi Arabia reopened their embassies."}\n'
        b'{"id": "broken", "text": "unterminated\n'
        b'["a", "list", "not", "an", "object"]\n'
        b'{"id": "no-text", "title": "Missing body"}\n'
        b'{"id": "blank-text", "text": "   "}\n'
        b'{"id": "bad-bytes", "text": "caf\xe9"}\n'
        b'{"id": "ok-2", "text": "Qatar mediated talks between Israel and Hamas."}\n'
        b'{"id": "latin-1", "text": "\xe9\xe8\xe0\xf9 \xe9\xe8\xe0\xf9 \xe9\xe8"}\n'
    )
    items = list(read_paths([path]))
    summary = [(i.source.rsplit(":", 1)[1], i.id if isinstance(i, Document) else i.code) for i in items]
    # one stray byte is replaced (warning W102), a line of mostly invalid bytes is still E103
    assert summary == [("1", "ok-1"), ("2", "E107"), ("3", "E107"), ("4", "E108"), ("5", "E108"), ("6", "bad-bytes"),
                       ("7", "ok-2"), ("8", "E103")]
    assert [w.code for w in items[5].warnings] == ["W102"] and "\ufffd" in items[5].text


def test_ingest_errors_directory_with_corrupt_file_completes(tmp_path):
    (tmp_path / "a_story.txt").write_text(ARTICLE)
    (tmp_path / "b_broken.pdf").write_bytes(b"%PDF-1.5\n1 0 obj << /Type /Catalog")
    (tmp_path / "c_empty.md").write_text("")
    (tmp_path / ".hidden.txt").write_text(ARTICLE)
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "notes.txt").write_text(ARTICLE)
    (tmp_path / "tools.py").write_text("print('not a document')\n")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "d_feed.jsonl").write_text('{"text": "Kenya and Uganda signed a trade pact."}\n{oops\n')
    items = list(read_paths([tmp_path]))
    got = [(item.source.replace(str(tmp_path), "").lstrip("/"), type(item).__name__, getattr(item, "code", None)) for item in items]
    assert got == [
        ("a_story.txt", "Document", None),
        ("b_broken.pdf", "Problem", "E105"),
        ("c_empty.md", "Problem", "E101"),
        ("sub/d_feed.jsonl:1", "Document", None),
        ("sub/d_feed.jsonl:2", "Problem", "E107"),
    ]


def test_ingest_errors_many_paths_mixed(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE)
    items = list(read_paths([good, tmp_path / "missing.txt", good]))
    assert [type(i).__name__ for i in items] == ["Document", "Problem", "Document"]


def test_ingest_errors_stdin_is_read(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(ARTICLE.encode("utf-8"))))
    (doc,) = list(read_paths(["-"]))
    assert isinstance(doc, Document) and doc.source == "<stdin>"
    assert doc.title == "Ethiopia and Somalia agree to restore ties"


def test_ingest_errors_empty_stdin_is_e101(monkeypatch):
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"")))
    assert one_problem(read_paths(["-"])).code == "E101"


def test_ingest_errors_read_text_rejects_unknown_format():
    with pytest.raises(ValueError):
        read_text("text", "x", fmt="docx")


@pytest.mark.parametrize(
    "html",
    [
        "<html><head><title>Home</title></head><body><nav><a href='/a'>World</a> <a href='/b'>Sport</a></nav>"
        "<footer><p>Copyright 2024 Harbour News Company Ltd, all rights reserved in every territory.</p></footer></body></html>",
        "<html><body><div class='cookie-banner'><p>We use cookies to improve your experience on this site, "
        "please accept them to continue reading.</p></div></body></html>",
        "<html><body><script>var x = 'The minister met the ambassador and they agreed to talk';</script></body></html>",
    ],
    ids=["nav-and-footer", "cookie-banner", "script-only"],
)
def test_ingest_errors_html_without_article_is_e106(html):
    result = read_text(html, "page.html", fmt="html")
    assert isinstance(result, Problem) and result.code == "E106"


def test_ingest_errors_html_fragment_is_still_read():
    fragment = "<p>Ghana and Togo agreed on Tuesday to step up joint border patrols after attacks in the north.</p>"
    doc = read_text(fragment, "fragment.html", fmt="html")
    assert isinstance(doc, Document) and doc.text.startswith("Ghana and Togo agreed")
