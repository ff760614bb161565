"""Property: no input bytes make ingestion raise; every result is a Document or a coded Problem."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from accord.errors import Code
from accord.ingest import read_bytes
from accord.records import Document, Problem

CODES = {c.value for c in Code}
PREFIXES = [b"", b"%PDF-1.4\n", b"<html><body><p>", b"---\ntitle: x\n---\n", b'{"text": "', b"\xef\xbb\xbf", b"\xff\xfe"]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(prefix=st.sampled_from(PREFIXES), body=st.binary(max_size=400), hint=st.sampled_from([None, "x.txt", "x.md", "x.html", "x.pdf", "x.jsonl"]))
def test_ingest_fuzz_random_bytes_never_raise(prefix, body, hint):
    for item in read_bytes(prefix + body, "fuzz", hint):
        assert isinstance(item, (Document, Problem))
        if isinstance(item, Problem):
            assert item.code in CODES
        else:
            assert item.text and all(item.text[p.start : p.end].strip() for p in item.paragraphs)


@settings(max_examples=40, deadline=None)
@given(text=st.text(max_size=300), fmt=st.sampled_from(["text", "markdown", "html"]))
def test_ingest_fuzz_random_text_never_raises(text, fmt):
    from accord.ingest import read_text

    item = read_text(text, "fuzz", fmt)
    assert isinstance(item, (Document, Problem))
