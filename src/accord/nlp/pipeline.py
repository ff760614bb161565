"""Load the spaCy pipeline once per process and parse texts in batches with ``nlp.pipe``.

With ``n_process > 1`` a corpus is parsed by one long-lived ``nlp.pipe`` over the whole stream
(:func:`parse_batches`): spaCy starts its parsing processes once and keeps them busy while this process
codes what they return. Starting them for every batch, as calling ``nlp.pipe`` per batch would, costs more
than it saves, and one batch cannot be shared (spaCy hands each process whole batches).
"""

from __future__ import annotations

import logging
from collections import deque
from collections.abc import Sized
from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from accord.errors import ModelMissingError
from accord.settings import Settings, load_settings

log = logging.getLogger(__name__)


@Language.component("accord_paragraph_breaks", assigns=["token.is_sent_start"])
def paragraph_breaks(doc):
    """A line break always ends a sentence: titles, list items and paragraphs never run together.

    Runs before the parser, which keeps sentence starts that are already set."""
    for tok in doc[1:]:
        prev = doc[tok.i - 1]
        if "\n" in prev.whitespace_ or (prev.is_space and "\n" in prev.text):
            if not tok.is_space:
                tok.is_sent_start = True
    return doc


@lru_cache(maxsize=4)
def _load(model: str):
    import spacy

    try:
        nlp = spacy.load(model)
    except OSError as exc:  # not installed
        raise ModelMissingError(f"(model {model!r})") from exc
    if "parser" in nlp.pipe_names and "accord_paragraph_breaks" not in nlp.pipe_names:
        nlp.add_pipe("accord_paragraph_breaks", before="parser")
    return nlp


def load_nlp(settings: Settings | None = None):
    """The configured spaCy ``Language`` (cached per model name)."""
    settings = settings or load_settings()
    nlp = _load(settings.spacy_model)
    # Documents up to the ingestion limit must parse (a user may raise ACCORD_MAX_CHARS).
    nlp.max_length = max(nlp.max_length, settings.max_chars + 1)
    return nlp


def parse_texts(texts: Iterable[str], settings: Settings | None = None) -> Iterator:
    """Yield one spaCy ``Doc`` per text, batched (and on several processes if configured, unless the texts
    are a list of at most one batch, which one process parses as fast as several)."""
    settings = settings or load_settings()
    nlp = load_nlp(settings)
    kwargs = {"batch_size": settings.batch_size}
    if settings.n_process > 1 and not (isinstance(texts, Sized) and len(texts) <= settings.batch_size):
        kwargs["n_process"] = settings.n_process
    yield from nlp.pipe(texts, **kwargs)


#: Texts per batch handed to one parsing process. spaCy deals whole batches out in turn and sends two
#: rounds ahead: with 48-text batches a 200-document run gives one process 144 texts and the other 56, and
#: coding waits for a whole first batch before it starts. Small batches keep the processes even.
STREAM_BATCH = 16


def _alone(batch: list, settings: Settings) -> bool:
    """A batch of one document long enough to be parsed in pieces (by the caller, within its budget)."""
    return len(batch) == 1 and len(batch[0].text) > settings.chunk_chars


def parse_batches(batches: Iterable[list], settings: Settings) -> Iterator[tuple[list, list | None]]:
    """Each batch of documents (objects with ``.text``) with its spaCy Docs, in order, from one ``nlp.pipe``
    over all of them on ``settings.n_process`` processes.

    A batch comes back with None instead of Docs when the caller must parse it itself: a single document
    long enough to be parsed in pieces, and every batch after the parsing processes failed (spaCy's
    multi-process pipe stops at the first text it cannot parse; the caller then parses in this process,
    one document at a time where a batch fails, and reports the bad one)."""
    nlp = load_nlp(settings)
    source = iter(batches)
    pending: deque[list] = deque()  # batches whose texts spaCy has taken, oldest first

    def texts() -> Iterator[str]:
        for batch in source:
            pending.append(batch)
            if not _alone(batch, settings):
                for item in batch:
                    yield item.text

    parsed = nlp.pipe(texts(), batch_size=min(settings.batch_size, STREAM_BATCH), n_process=settings.n_process)
    ahead: deque = deque()
    exhausted = False
    try:
        while True:
            try:
                if not pending and not exhausted:
                    # the next Doc (if any) belongs to a batch texts() is about to queue
                    try:
                        ahead.append(next(parsed))
                    except StopIteration:
                        exhausted = True
                if not pending:
                    return
                if _alone(pending[0], settings):
                    yield pending.popleft(), None
                    continue
                docs = []
                while len(docs) < len(pending[0]):
                    docs.append(ahead.popleft() if ahead else next(parsed))
            except Exception as exc:  # noqa: BLE001 - the rest is parsed in this process, where errors are per document
                log.warning("multi-process parsing stopped (%s); parsing the rest in this process", exc)
                break
            yield pending.popleft(), docs
    finally:
        parsed.close()  # stops spaCy's processes when the caller stops early
    while pending:
        yield pending.popleft(), None
    for batch in source:
        yield batch, None
