"""Load the spaCy pipeline once per process and parse texts in batches with ``nlp.pipe``."""

from __future__ import annotations

from functools import lru_cache
from typing import Iterable, Iterator

from accord.errors import ModelMissingError
from accord.settings import Settings, load_settings


@lru_cache(maxsize=4)
def _load(model: str):
    import spacy

    try:
        return spacy.load(model)
    except OSError as exc:  # not installed
        raise ModelMissingError(f"(model {model!r})") from exc


def load_nlp(settings: Settings | None = None):
    """The configured spaCy ``Language`` (cached per model name)."""
    settings = settings or load_settings()
    return _load(settings.spacy_model)


def parse_texts(texts: Iterable[str], settings: Settings | None = None) -> Iterator:
    """Yield one spaCy ``Doc`` per text, batched (and on several processes if configured)."""
    settings = settings or load_settings()
    nlp = load_nlp(settings)
    kwargs = {"batch_size": settings.batch_size}
    if settings.n_process > 1:
        kwargs["n_process"] = settings.n_process
    yield from nlp.pipe(texts, **kwargs)
