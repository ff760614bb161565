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
    # Processing: a stage failed on one document; the batch goes on.
    NLP_FAILED = "E201"
    CODING_FAILED = "E202"
    STORE_FAILED = "E203"
    # Data files and settings.
    DATA_INVALID = "E301"
    SETTINGS_INVALID = "E302"
    MODEL_MISSING = "E303"
    GOLD_INVALID = "E304"


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
