"""JSONL corpora: one document per line, read as a stream so a corpus never has to fit in memory.

Each line is a JSON object with a non-empty ``text``; ``id``, ``title``, ``date``, ``url``,
``author`` and ``links`` are optional and passed through. A bad line becomes a Problem (E107 not a
JSON object, E108 no text, E103 bad bytes, E111 too long) with source ``path:LINE``; the rest of the
file goes on. A ``.json`` file holding one such object, or a list of them, is read the same way.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator

from accord.errors import Code, MESSAGES
from accord.ingest.blocks import Extracted
from accord.ingest.meta import normalise_date
from accord.ingest.plaintext import parse_text
from accord.records import Document, Problem

Finish = Callable[..., "Document | Problem"]


def _problem(source: str, code: Code, detail: str = "") -> Problem:
    return Problem(source, code.value, (MESSAGES[code] + (" " + detail if detail else "")).strip())


def record_to_document(record: object, source: str, finish: Finish) -> Document | Problem:
    """One JSON record to a Document via the shared ``finish`` step, or a Problem."""
    if not isinstance(record, dict):
        return _problem(source, Code.JSONL_BAD_LINE, f"got a JSON {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        return _problem(source, Code.JSONL_NO_TEXT)
    extracted: Extracted = parse_text(text, detect_title=False)
    for key in ("title", "author", "url"):
        value = record.get(key)
        if isinstance(value, str) and value.strip():
            setattr(extracted, key, value.strip())
    given_date = record.get("date")
    if given_date not in (None, ""):
        declared = normalise_date(given_date)
        if declared:
            extracted.date, extracted.date_source = declared, "metadata"
    links = record.get("links")
    if isinstance(links, list):
        extracted.links = [str(x) for x in links if isinstance(x, str)] + extracted.links
    doc_id = record.get("id")
    doc_id = str(doc_id) if doc_id not in (None, "") else None
    return finish(extracted, source, "jsonl", doc_id=doc_id)


def read_jsonl_lines(lines: Iterable[bytes], path: str, finish: Finish, max_chars: int) -> Iterator[Document | Problem]:
    """Documents and Problems from the raw lines of a JSONL file, one per non-blank line."""
    for number, raw in enumerate(lines, 1):
        source = f"{path}:{number}"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        if len(raw) > 4 * max_chars + 1024:
            yield _problem(source, Code.TOO_LARGE, f"line of {len(raw)} bytes")
            continue
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield _problem(source, Code.UNDECODABLE, f"line is not UTF-8 ({exc.reason} at byte {exc.start})")
            continue
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield _problem(source, Code.JSONL_BAD_LINE, str(exc))
            continue
        yield record_to_document(record, source, finish)


def read_json(text: str, path: str, finish: Finish) -> Iterator[Document | Problem]:
    """A .json file: one record, or a list of records (source ``path:N`` for the Nth)."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield _problem(path, Code.JSONL_BAD_LINE, f"invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        yield record_to_document(data, path, finish)
        return
    if not isinstance(data, list):
        yield _problem(path, Code.JSONL_BAD_LINE, f"expected an object or a list of objects, got {type(data).__name__}")
        return
    for index, record in enumerate(data, 1):
        yield record_to_document(record, f"{path}:{index}", finish)
