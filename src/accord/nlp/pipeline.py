"""Load the spaCy pipeline once per process and parse texts in batches with ``nlp.pipe``."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from spacy.language import Language

from accord.errors import ModelMissingError
from accord.settings import Settings, load_settings


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
    """Yield one spaCy ``Doc`` per text, batched (and on several processes if configured)."""
    settings = settings or load_settings()
    nlp = load_nlp(settings)
    kwargs = {"batch_size": settings.batch_size}
    if settings.n_process > 1:
        kwargs["n_process"] = settings.n_process
    yield from nlp.pipe(texts, **kwargs)
