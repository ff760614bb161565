"""The pipeline: Documents in, coded documents (events, quotes, actors, problems) out.

This module only wires the stages together; each stage lives in its own package
(``ingest``, ``nlp``, ``actors``, ``quotes``, ``events``, ``dates``, ``geo``).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Iterable, Iterator

from accord.errors import Code, MESSAGES
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


def code_documents(
    documents: Iterable[Document], settings: Settings | None = None
) -> Iterator[CodedDocument]:
    """Parse and code documents in batches. A failure on one document is reported on it, never raised."""
    from accord.events import code_document
    from accord.nlp import parse_texts

    settings = settings or load_settings()
    buffer: list[Document] = []

    def flush() -> Iterator[CodedDocument]:
        if settings.coder != "v2":
            yield from code_batch(None, settings)
            return
        # Coder v2: rule-code the whole batch, then let the learned layer decide it in one pass.
        from accord.learn.stage import BatchDecider

        decider = BatchDecider()
        coded = list(code_batch(decider.defer, settings.with_(min_confidence=0.0)))
        yield from decider.finish(coded, settings)

    def code_batch(decide, settings) -> Iterator[CodedDocument]:
        try:
            sdocs = list(parse_texts([d.text for d in buffer], settings))
        except Exception as exc:  # one bad text must not sink the batch: retry one by one
            log.warning("batch parse failed (%s); parsing documents one by one", exc)
            sdocs = []
            for d in buffer:
                try:
                    sdocs.extend(parse_texts([d.text], settings))
                except Exception as exc2:  # noqa: BLE001 - reported on the document
                    sdocs.append(exc2)
        for document, sdoc in zip(buffer, sdocs):
            if isinstance(sdoc, Exception):
                yield CodedDocument(
                    document,
                    problems=(Problem(document.source or document.id, Code.NLP_FAILED.value, f"{MESSAGES[Code.NLP_FAILED]} {sdoc}", "nlp"),),
                )
                continue
            try:
                yield code_document(document, sdoc, settings=settings, decide=decide)
            except Exception as exc:  # noqa: BLE001 - reported on the document
                log.exception("coding failed for %s", document.id)
                yield CodedDocument(
                    document,
                    problems=(Problem(document.source or document.id, Code.CODING_FAILED.value, f"{MESSAGES[Code.CODING_FAILED]} {type(exc).__name__}: {exc}", "code"),),
                )

    for document in documents:
        buffer.append(document)
        if len(buffer) >= settings.batch_size:
            yield from flush()
            buffer = []
    if buffer:
        yield from flush()


def code_text(
    text: str,
    date: str | None = None,
    *,
    title: str | None = None,
    doc_id: str | None = None,
    settings: Settings | None = None,
) -> CodedDocument:
    """Code one text (a convenience for notebooks, tests and evaluation)."""
    document = Document(id=doc_id or Document.make_id(text), text=text, title=title, date=date, source="<text>")
    return next(code_documents([document], settings))
