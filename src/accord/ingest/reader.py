"""Entry points: paths, bytes or text in; Documents (or Problems for what could not be read) out.

Every format reader yields an :class:`~accord.ingest.blocks.Extracted`; :func:`finish` applies the
rules shared by all formats (bylines anywhere, quotes introduced by a colon, URLs in the text,
size limit) and builds the :class:`~accord.records.Document`. Bad input never raises: it becomes a
:class:`~accord.records.Problem` with a code from :mod:`accord.errors`.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Iterable, Iterator

from accord.errors import MESSAGES, Code, IngestError
from accord.ingest.blocks import Extracted, assemble, mark_introduced_quotes
from accord.ingest.decode import decode_with_warning
from accord.ingest.detect import NOT_DOCUMENTS, UNSUPPORTED, declared_format, is_pdf, sniff_text
from accord.ingest.language import english_warning
from accord.ingest.meta import find_urls, normalise_date, parse_byline, unique
from accord.records import Document, Problem
from accord.settings import Settings, load_settings

log = logging.getLogger(__name__)

STDIN = "-"
#: Files larger than this many bytes per allowed character are refused before reading (E111).
BYTES_PER_CHAR_LIMIT = 50


def _problem(source: str, code: Code, detail: str = "") -> Problem:
    return Problem(source, code.value, (MESSAGES[code] + (" " + detail if detail else "")).strip())


def _from_error(source: str, error: IngestError) -> Problem:
    return _problem(source, error.code, error.detail)


def finish(
    extracted: Extracted,
    source: str,
    fmt: str,
    *,
    doc_id: str | None = None,
    settings: Settings | None = None,
) -> Document | Problem:
    """Build the Document from what a reader extracted (shared rules for every format).

    Warnings the reader collected, and W103 when the text does not look English
    (:mod:`accord.ingest.language`), go on the Document (``warnings``).
    """
    blocks = []
    for index, block in enumerate(extracted.blocks):
        if not any(ch.isalnum() for ch in block.text):  # separators such as "###" or "* * *"
            continue
        byline = parse_byline(block.text, near_top=index < 2 and not blocks)
        if byline and not block.quote:
            extracted.author = extracted.author or byline.author
            if byline.date and not extracted.date:
                extracted.date, extracted.date_source = byline.date, "page"
            continue
        blocks.append(block)
    text, paragraphs = assemble(mark_introduced_quotes(blocks))
    if not text.strip():
        return _problem(source, Code.EMPTY)
    max_chars = (settings or load_settings()).max_chars
    if len(text) > max_chars:
        return _problem(source, Code.TOO_LARGE, f"{len(text)} characters > max_chars={max_chars}")
    when = normalise_date(extracted.date)
    warnings = [_problem(source, code, detail) for code, detail in extracted.warnings]
    language = english_warning(text)
    if language:
        warnings.append(_problem(source, Code.NOT_ENGLISH, language))
    return Document(
        id=doc_id or Document.make_id(text),
        text=text,
        title=extracted.title or None,
        author=extracted.author or None,
        date=when,
        url=extracted.url or None,
        links=unique([*extracted.links, *find_urls(text)]),
        source=source,
        format=fmt,
        paragraphs=paragraphs,
        date_source=(extracted.date_source or "metadata") if when else None,
        warnings=tuple(warnings),
    )


def _finisher(settings: Settings):
    def bound(extracted: Extracted, source: str, fmt: str, *, doc_id: str | None = None) -> Document | Problem:
        return finish(extracted, source, fmt, doc_id=doc_id, settings=settings)

    return bound


#: The parser module and function of each text format, imported on first use: Markdown's parser alone
#: (markdown-it) is a sixth of a second of every start that reads only plain text.
_PARSERS = {"text": ("accord.ingest.plaintext", "parse_text"), "markdown": ("accord.ingest.markdown", "parse_markdown"),
            "html": ("accord.ingest.html", "parse_html")}


def _parser(fmt: str):
    import importlib

    module, name = _PARSERS[fmt]
    return getattr(importlib.import_module(module), name)


def read_text(
    text: str, source: str = "<text>", fmt: str = "text", *, settings: Settings | None = None, warnings: tuple = ()
) -> Document | Problem:
    """One Document from in-memory text in ``fmt`` ("text", "markdown" or "html"), or a Problem.

    ``warnings`` are (code, detail) pairs found before the text was parsed (e.g. while decoding).
    """
    if fmt not in _PARSERS:
        raise ValueError(f"read_text: fmt must be one of {sorted(_PARSERS)}, not {fmt!r}")
    settings = settings or load_settings()
    if not text.strip():
        return _problem(source, Code.EMPTY)
    if len(text) > BYTES_PER_CHAR_LIMIT * settings.max_chars:
        return _problem(source, Code.TOO_LARGE, f"{len(text)} characters")
    try:
        extracted = _parser(fmt)(text)
        extracted.warnings[:0] = list(warnings)
    except IngestError as exc:
        return _from_error(source, exc)
    except Exception as exc:  # noqa: BLE001 - one document must not stop a batch
        log.exception("reader failed on %s", source)
        return _problem(source, Code.READER_FAILED, f"{type(exc).__name__}: {exc}")
    return finish(extracted, source, fmt, settings=settings)


def read_bytes(
    data: bytes, source: str, hint: str | None = None, *, settings: Settings | None = None
) -> list[Document | Problem]:
    """Documents from raw bytes; ``hint`` is a format name or a file name/extension (content wins)."""
    from accord.ingest.jsonl import read_json, read_jsonl_lines
    from accord.ingest.pdf import parse_pdf

    settings = settings or load_settings()
    if not data.strip():
        return [_problem(source, Code.EMPTY)]
    declared = declared_format(hint)
    try:
        if is_pdf(data):
            return [finish(parse_pdf(data), source, "pdf", settings=settings)]
        if declared == "pdf":
            raise IngestError(Code.PDF_BROKEN, "the file has a .pdf name but no %PDF- header")
        text, replaced = decode_with_warning(data)
        fmt = sniff_text(text, declared)
        finisher = _finisher(settings)
        if fmt == "jsonl":
            return list(read_jsonl_lines(data.splitlines(), source, finisher, settings.max_chars, settings.jsonl_fields))
        if fmt == "json":
            return list(read_json(text, source, finisher, settings.jsonl_fields))
    except IngestError as exc:
        return [_from_error(source, exc)]
    except Exception as exc:  # noqa: BLE001 - one document must not stop a batch
        log.exception("reader failed on %s", source)
        return [_problem(source, Code.READER_FAILED, f"{type(exc).__name__}: {exc}")]
    warnings = ((Code.DECODED_WITH_REPLACEMENT, replaced),) if replaced else ()
    return [read_text(text, source, fmt, settings=settings, warnings=warnings)]


def _walk(root: Path, unreadable: list[OSError] | None = None) -> Iterator[Path]:
    """Files under ``root`` in sorted order, skipping hidden entries and program/config files.

    Folders that cannot be listed are appended to ``unreadable`` (reported as E112 by the caller).
    """
    for dirpath, dirnames, filenames in os.walk(root, onerror=unreadable.append if unreadable is not None else None):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith(".") and d != "__pycache__")
        for name in sorted(filenames):
            path = Path(dirpath) / name
            if name.startswith(".") or path.suffix.lower() in NOT_DOCUMENTS:
                log.debug("skipping %s (not a document)", path)
                continue
            yield path


def read_file(path: Path, settings: Settings) -> Iterator[Document | Problem]:
    """Documents from one file (a JSONL file is streamed line by line)."""
    from accord.ingest.jsonl import read_jsonl_lines

    source = str(path)
    suffix = path.suffix.lower()
    if suffix in UNSUPPORTED:
        yield _problem(source, Code.UNSUPPORTED, f"{suffix} files are not read; convert to text, HTML or PDF")
        return
    try:
        if declared_format(suffix) == "jsonl":
            with path.open("rb") as handle:
                yield from read_jsonl_lines(handle, source, _finisher(settings), settings.max_chars, settings.jsonl_fields)
            return
        size = path.stat().st_size
        if size > BYTES_PER_CHAR_LIMIT * settings.max_chars:
            yield _problem(source, Code.TOO_LARGE, f"{size} bytes")
            return
        data = path.read_bytes()
    except FileNotFoundError:
        yield _problem(source, Code.NOT_FOUND)
        return
    except OSError as exc:
        yield _problem(source, Code.UNREADABLE, f"{type(exc).__name__}: {exc.strerror or exc}")
        return
    yield from read_bytes(data, source, suffix or None, settings=settings)


def _folder_problem(error: OSError) -> Problem:
    folder = str(error.filename or "")
    return _problem(folder, Code.UNREADABLE, f"the folder could not be listed ({error.strerror or error}); its files were not read")


def read_paths(paths: Iterable[str | Path], settings: Settings | None = None) -> Iterator[Document | Problem]:
    """Documents from files, folders (walked recursively, sorted, hidden entries skipped) and "-" (stdin).

    Yields a Document for each document read and a Problem (stage "ingest") for each that could not be.
    """
    settings = settings or load_settings()
    for raw in paths:
        if str(raw) == STDIN:
            yield from read_bytes(sys.stdin.buffer.read(), "<stdin>", settings=settings)
            continue
        path = Path(raw)
        if path.is_dir():
            unreadable: list[OSError] = []
            for file in _walk(path, unreadable):
                while unreadable:
                    yield _folder_problem(unreadable.pop(0))
                yield from read_file(file, settings)
            for error in unreadable:
                yield _folder_problem(error)
        elif path.exists():
            yield from read_file(path, settings)
        else:
            yield _problem(str(raw), Code.NOT_FOUND)
