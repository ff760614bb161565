"""The pipeline: Documents in, coded documents (events, quotes, actors, problems) out.

This module only wires the stages together; each stage lives in its own package
(``ingest``, ``nlp``, ``actors``, ``quotes``, ``events``, ``dates``, ``geo``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from accord.errors import ArgumentTypeError, ArgumentValueError, Code, MESSAGES
from accord.records import Actor, Document, Event, Problem, Quote
from accord.settings import Settings, load_settings

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class CodedDocument:
    """A document with everything the pipeline found in it."""

    document: Document
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    actors: tuple[Actor, ...] = ()
    problems: tuple[Problem, ...] = field(default=())

    def to_dict(self) -> dict:
        d = self.document.to_dict()
        d["events"] = [e.to_dict() for e in self.events]
        d["quotes"] = [q.to_dict() for q in self.quotes]
        d["errors"] = [p.to_dict() for p in self.problems]
        return d


def _failed(document: Document, code: Code, detail: str, stage: str) -> CodedDocument:
    return CodedDocument(document, problems=(Problem(document.source or document.id, code.value,
                                                     f"{MESSAGES[code]} {detail}".strip(), stage),))


def _batches(documents: Iterable[Document], settings: Settings) -> Iterator[list[Document]]:
    """Groups for the parser: at most ``batch_size`` documents and ``batch_chars`` characters; a document
    longer than ``chunk_chars`` travels alone (it is parsed in pieces)."""
    buffer: list[Document] = []
    chars = 0
    for document in documents:
        n = len(document.text)
        if n > settings.chunk_chars:
            if buffer:
                yield buffer
                buffer, chars = [], 0
            yield [document]
            continue
        if buffer and (len(buffer) >= settings.batch_size or chars + n > settings.batch_chars):
            yield buffer
            buffer, chars = [], 0
        buffer.append(document)
        chars += n
    if buffer:
        yield buffer


_WARM: set[tuple] = set()


class _Coder:
    """Parses and codes batches of documents, each document within its time budget."""

    def __init__(self, settings: Settings) -> None:
        from accord.budget import Budget

        self.settings = settings
        self.budget = Budget(settings.doc_seconds)
        self.decide = None  # coder v2: the learned layer's hook while a batch is rule-coded

    def warm_up(self) -> None:
        """Load the model and every data file once per process, outside any document's budget."""
        key = (self.settings.spacy_model, self.settings.actor_files)
        if key in _WARM or not self.budget.limited:
            return
        from accord.events import code_document
        from accord.nlp import parse_texts

        text = "The foreign minister of France met his German counterpart in Berlin on Monday."
        sdoc = next(iter(parse_texts([text], self.settings)))
        code_document(Document(id="warm-up", text=text, date="2024-01-01"), sdoc, settings=self.settings)
        _WARM.add(key)

    def batch(self, buffer: list[Document], sdocs: list | None = None) -> Iterator[CodedDocument]:
        """Code one batch; ``sdocs``: its Docs when already parsed (n_process > 1), else parsed here."""
        if self.settings.coder != "v2":
            yield from self._batch(buffer, sdocs)
            return
        # Coder v2: rule-code the whole batch, then let the learned layer decide it in one pass.
        from accord.learn.stage import BatchDecider

        decider = BatchDecider()
        self.decide = decider.defer
        try:
            coded = list(self._batch(buffer, sdocs))
        finally:
            self.decide = None
        yield from decider.finish(coded, self.settings)

    def _parse(self, buffer: list[Document]) -> list:
        from accord.nlp import parse_texts

        try:
            return list(parse_texts([d.text for d in buffer], self.settings))
        except Exception as exc:  # one bad text must not sink the batch: retry one by one
            log.warning("batch parse failed (%s); parsing documents one by one", exc)
            sdocs = []
            for d in buffer:
                try:
                    sdocs.extend(parse_texts([d.text], self.settings))
                except Exception as exc2:  # noqa: BLE001 - reported on the document
                    sdocs.append(exc2)
            return sdocs

    def _batch(self, buffer: list[Document], sdocs: list | None = None) -> Iterator[CodedDocument]:
        self.warm_up()
        if len(buffer) == 1 and len(buffer[0].text) > self.settings.chunk_chars:
            yield self.one(buffer[0], None)
            return
        if sdocs is None:
            sdocs = self._parse(buffer)
        for document, sdoc in zip(buffer, sdocs):
            if isinstance(sdoc, Exception):
                yield _failed(document, Code.NLP_FAILED, str(sdoc), "nlp")
                continue
            yield self.one(document, sdoc)

    def one(self, document: Document, sdoc) -> CodedDocument:
        """Code one document (parsing it in pieces first when ``sdoc`` is None), within the time budget."""
        from accord.budget import TooSlow
        from accord.events import code_document
        from accord.nlp import load_nlp
        from accord.nlp.chunks import parse_in_pieces

        stage = "nlp"
        try:
            with self.budget.running() as budget:
                if sdoc is None:
                    nlp = load_nlp(self.settings)
                    sdoc = parse_in_pieces(nlp, document.text, self.settings.chunk_chars, budget.check)
                    if sdoc is None:  # the pieces did not join back into the text: parse it whole
                        sdoc = nlp(document.text)
                budget.check()
                stage = "code"
                if self.decide is None:
                    coded = code_document(document, sdoc, settings=self.settings)
                else:
                    coded = code_document(document, sdoc, settings=self.settings.with_(min_confidence=0.0),
                                          decide=self.decide)
                budget.check()  # a stage that swallowed the timer's interruption is still caught here
                return coded
        except TooSlow as exc:
            return _failed(document, Code.TOO_SLOW, f"({len(document.text):,} characters, {stage} stage, {exc})", stage)
        except Exception as exc:  # noqa: BLE001 - reported on the document
            if stage == "nlp":
                return _failed(document, Code.NLP_FAILED, str(exc), "nlp")
            log.exception("coding failed for %s", document.id)
            return _failed(document, Code.CODING_FAILED, f"{type(exc).__name__}: {exc}", "code")


def code_documents(
    documents: Iterable[Document], settings: Settings | None = None
) -> Iterator[CodedDocument]:
    """Parse and code documents in batches. A failure on one document is reported on it, never raised;
    a document over its time budget (``settings.doc_seconds``) is reported with E204 and skipped."""
    settings = settings or load_settings()
    coder = _Coder(settings)
    if settings.n_process > 1:  # one long-lived multi-process nlp.pipe over the whole stream
        from accord.nlp.pipeline import parse_batches

        for buffer, sdocs in parse_batches(_batches(documents, settings), settings):
            yield from coder.batch(buffer, sdocs)
        return
    for buffer in _batches(documents, settings):
        yield from coder.batch(buffer)


def _check_date(date) -> str | None:
    """An ISO date string for ``code_text``: None, a ``datetime.date``/``datetime`` or a real 'YYYY-MM-DD'."""
    import datetime as dt

    if date is None:
        return None
    if isinstance(date, dt.datetime):
        return date.date().isoformat()
    if isinstance(date, dt.date):
        return date.isoformat()
    if not isinstance(date, str):
        raise ArgumentTypeError(f"date must be None, a datetime.date or a 'YYYY-MM-DD' string, not {type(date).__name__}")
    text = date.strip()
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text).isoformat()
        if len(text) > 10 and text[10] in "T ":  # an ISO timestamp: its date
            return dt.datetime.fromisoformat(text).date().isoformat()
    except ValueError:
        raise ArgumentValueError(f"date {date!r} is not a real calendar date; pass 'YYYY-MM-DD', e.g. '2024-05-16'") from None
    raise ArgumentValueError(f"date {date!r} is not ISO 8601; pass 'YYYY-MM-DD' (e.g. '2024-05-16') or a datetime.date")


def code_text(
    text: str,
    date: str | None = None,
    *,
    title: str | None = None,
    doc_id: str | None = None,
    settings: Settings | None = None,
) -> CodedDocument:
    """Code one text (a convenience for notebooks, tests and evaluation).

    ``text`` must be a str (decode bytes first); ``date`` is the publication date: None, a
    ``datetime.date`` (or ``datetime``, whose date is used) or an ISO string 'YYYY-MM-DD' (an ISO
    timestamp gives its date). Anything else raises TypeError or ValueError rather than being stored.
    """
    if isinstance(text, (bytes, bytearray)):
        raise ArgumentTypeError("text must be a str; decode bytes first, e.g. data.decode('utf-8')")
    if not isinstance(text, str):
        raise ArgumentTypeError(f"text must be a str, not {type(text).__name__}")
    for name, value in (("title", title), ("doc_id", doc_id)):
        if value is not None and not isinstance(value, str):
            raise ArgumentTypeError(f"{name} must be a str or None, not {type(value).__name__}")
    date = _check_date(date)
    document = Document(id=doc_id or Document.make_id(text), text=text, title=title, date=date, source="<text>")
    return next(code_documents([document], settings))
