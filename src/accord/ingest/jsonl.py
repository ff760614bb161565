"""JSONL corpora: one document per line, read as a stream so a corpus never has to fit in memory.

Each line is a JSON object. Corpora name their fields differently, so each Accord field is looked
up under the keys of :data:`FIELD_KEYS`, first non-empty value wins:

=========  =====================================================
text       ``text``, ``body``, ``content``, ``article``, ``full_text``, ``story``
title      ``title``, ``headline``, ``name``
date       ``date``, ``published``, ``pubdate``, ``publication_date``, ``published_at``, ``datetime``
url        ``url``, ``link``, ``source_url``, ``canonical_url``
author     ``author``, ``byline``, ``authors``
id         ``id``, ``doc_id``, ``guid``, ``uuid``
links      ``links``
=========  =====================================================

``accord code --field NAME=KEY`` (setting ``jsonl_fields``) puts ``KEY`` first for ``NAME``:
``--field text=story_body --field date=pub_time``. A bad line becomes a Problem (E107 not a JSON
object, E108 no text, E103 bad bytes, E111 too long) with source ``path:LINE``; the rest of the
file goes on. A line with a few bytes that are not UTF-8 is read with them replaced (warning W102).
A ``.json`` file holding one such object, or a list of them, is read the same way.
"""

from __future__ import annotations

import json
from typing import Callable, Iterable, Iterator

from accord.errors import Code, MESSAGES, SettingsError
from accord.ingest.blocks import Extracted
from accord.ingest.decode import decode_utf8_lenient
from accord.ingest.meta import normalise_date
from accord.ingest.plaintext import parse_text
from accord.records import Document, Problem

Finish = Callable[..., "Document | Problem"]

#: Keys looked up, in order, for each field of a record (documented in the module docstring).
FIELD_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("text", "body", "content", "article", "full_text", "story"),
    "title": ("title", "headline", "name"),
    "date": ("date", "published", "pubdate", "publication_date", "published_at", "datetime"),
    "url": ("url", "link", "source_url", "canonical_url"),
    "author": ("author", "byline", "authors"),
    "id": ("id", "doc_id", "guid", "uuid"),
    "links": ("links",),
}


def parse_field_options(options: Iterable[str]) -> tuple[tuple[str, str], ...]:
    """``["text=story", "date=pub_time"]`` -> ``(("text", "story"), ("date", "pub_time"))``; SettingsError if malformed."""
    out = []
    for option in options:
        name, sep, key = str(option).partition("=")
        name, key = name.strip(), key.strip()
        if not sep or not key or name not in FIELD_KEYS:
            raise SettingsError(f"--field {option!r}: expected NAME=KEY with NAME one of {', '.join(FIELD_KEYS)}")
        out.append((name, key))
    return tuple(out)


def field_keys(overrides: Iterable[tuple[str, str]] = ()) -> dict[str, tuple[str, ...]]:
    """:data:`FIELD_KEYS` with each override's key tried first for its field."""
    keys = dict(FIELD_KEYS)
    for name, key in reversed(tuple(overrides)):
        keys[name] = (key, *(k for k in keys[name] if k != key))
    return keys


def _first(record: dict, keys: tuple[str, ...]):
    for key in keys:
        value = record.get(key)
        if isinstance(value, list) and value and all(isinstance(v, str) for v in value) and key != "links":
            value = ", ".join(v for v in value if v.strip())
        if value not in (None, "", []):
            return value
    return None


def _problem(source: str, code: Code, detail: str = "") -> Problem:
    return Problem(source, code.value, (MESSAGES[code] + (" " + detail if detail else "")).strip())


def record_to_document(
    record: object,
    source: str,
    finish: Finish,
    keys: dict[str, tuple[str, ...]] | None = None,
    warnings: Iterable[tuple] = (),
) -> Document | Problem:
    """One JSON record to a Document via the shared ``finish`` step, or a Problem."""
    keys = keys or FIELD_KEYS
    if not isinstance(record, dict):
        return _problem(source, Code.JSONL_BAD_LINE, f"got a JSON {type(record).__name__}")
    text = _first(record, keys["text"])
    if not isinstance(text, str) or not text.strip():
        return _problem(source, Code.JSONL_NO_TEXT, f"(looked for {', '.join(keys['text'])})")
    extracted: Extracted = parse_text(text, detect_title=False)
    extracted.warnings.extend(warnings)
    for name in ("title", "author", "url"):
        value = _first(record, keys[name])
        if isinstance(value, str) and value.strip():
            setattr(extracted, name, value.strip())
    given_date = _first(record, keys["date"])
    if given_date not in (None, ""):
        declared = normalise_date(given_date)
        if declared:
            extracted.date, extracted.date_source = declared, "metadata"
    links = _first(record, keys["links"])
    if isinstance(links, list):
        extracted.links = [str(x) for x in links if isinstance(x, str)] + extracted.links
    doc_id = _first(record, keys["id"])
    doc_id = str(doc_id) if doc_id not in (None, "") else None
    return finish(extracted, source, "jsonl", doc_id=doc_id)


def read_jsonl_lines(
    lines: Iterable[bytes], path: str, finish: Finish, max_chars: int, fields: Iterable[tuple[str, str]] = ()
) -> Iterator[Document | Problem]:
    """Documents and Problems from the raw lines of a JSONL file, one per non-blank line."""
    keys = field_keys(fields)
    for number, raw in enumerate(lines, 1):
        source = f"{path}:{number}"
        if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
            raw = raw[3:]
        if not raw.strip():
            continue
        if len(raw) > 4 * max_chars + 1024:
            yield _problem(source, Code.TOO_LARGE, f"line of {len(raw)} bytes")
            continue
        line, replaced = decode_utf8_lenient(raw)
        if line is None:
            yield _problem(source, Code.UNDECODABLE, f"line is not UTF-8 ({replaced})")
            continue
        warnings = [(Code.DECODED_WITH_REPLACEMENT, replaced)] if replaced else []
        try:
            record = json.loads(line)
        except ValueError as exc:
            yield _problem(source, Code.JSONL_BAD_LINE, str(exc))
            continue
        yield record_to_document(record, source, finish, keys, warnings)


def read_json(text: str, path: str, finish: Finish, fields: Iterable[tuple[str, str]] = ()) -> Iterator[Document | Problem]:
    """A .json file: one record, or a list of records (source ``path:N`` for the Nth)."""
    keys = field_keys(fields)
    try:
        data = json.loads(text)
    except ValueError as exc:
        yield _problem(path, Code.JSONL_BAD_LINE, f"invalid JSON: {exc}")
        return
    if isinstance(data, dict):
        yield record_to_document(data, path, finish, keys)
        return
    if not isinstance(data, list):
        yield _problem(path, Code.JSONL_BAD_LINE, f"expected an object or a list of objects, got {type(data).__name__}")
        return
    for index, record in enumerate(data, 1):
        yield record_to_document(record, f"{path}:{index}", finish, keys)
