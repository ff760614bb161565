"""Which reader a file needs, from its content first and its name second."""

from __future__ import annotations

import json
import re

EXTENSIONS = {
    ".txt": "text",
    ".text": "text",
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".pdf": "pdf",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
#: Known formats Accord does not read; reported as E110 rather than sniffed.
UNSUPPORTED = {
    ".doc", ".docx", ".odt", ".rtf", ".xls", ".xlsx", ".ppt", ".pptx", ".epub", ".zip", ".gz",
    ".tar", ".7z", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg", ".mp3", ".mp4", ".exe", ".so",
}

#: Program and configuration files met while walking a folder are skipped without a Problem.
NOT_DOCUMENTS = {
    ".py", ".pyc", ".sh", ".js", ".ts", ".css", ".toml", ".yaml", ".yml", ".ini", ".cfg", ".lock",
    ".c", ".h", ".go", ".rs", ".java", ".mk", ".log", ".duckdb", ".db", ".sqlite", ".parquet",
}

_HTML_START_RE = re.compile(r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body)\b", re.I | re.S)
_HTML_TAG_RE = re.compile(r"<(?:p|div|article|section|h[1-6]|br|span|a\s+href|blockquote|main)\b[^>]*>", re.I)
_MD_MARKERS = (
    re.compile(r"^#{1,6}\s+\S", re.M),
    re.compile(r"^\s{0,3}>\s", re.M),
    re.compile(r"\[[^\]]+\]\([^)\s]+\)"),
    re.compile(r"^\s{0,3}(?:[-*+]|\d+\.)\s+\S", re.M),
    re.compile(r"(\*\*|__)\S.*?\S\1"),
    re.compile(r"^```", re.M),
)
FRONT_MATTER_RE = re.compile(r"^\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)", re.S)
#: TOML front matter (Hugo, Zola): between lines of "+++".
TOML_FRONT_MATTER_RE = re.compile(r"^\ufeff?\+\+\+[ \t]*\r?\n(.*?)\r?\n\+\+\+[ \t]*(?:\r?\n|$)", re.S)


def is_pdf(data: bytes) -> bool:
    return data[:1024].lstrip().startswith(b"%PDF-")


def _first_line_is_object(text: str) -> bool:
    for line in text.splitlines():
        if line.strip():
            try:
                return isinstance(json.loads(line), dict)
            except ValueError:
                return False
    return False


FORMATS = {"text", "markdown", "html", "pdf", "jsonl", "json"}


def declared_format(hint: str | None) -> str | None:
    """A format name from a hint that is either a format ("markdown") or a file name/extension."""
    if not hint:
        return None
    hint = hint.lower()
    if hint in FORMATS:
        return hint
    if hint == "md":
        return "markdown"
    dot = hint.rfind(".")
    return EXTENSIONS.get(hint[dot:]) if dot >= 0 else EXTENSIONS.get("." + hint)


def sniff_text(text: str, declared: str | None = None) -> str:
    """Format of decoded text: html, markdown, jsonl, json or text; a declared format breaks ties."""
    head = text[:4096]
    by_ext = declared
    if by_ext in {"jsonl", "json"}:
        return by_ext
    if _HTML_START_RE.match(head):
        return "html"
    if by_ext in {"html", "markdown"}:
        return by_ext
    if head.lstrip().startswith("{") and _first_line_is_object(head):
        return "jsonl"
    if head.lstrip().startswith("[") and declared is None:
        try:
            if isinstance(json.loads(text), list):
                return "json"
        except ValueError:
            pass
    if FRONT_MATTER_RE.match(head) or TOML_FRONT_MATTER_RE.match(head):
        return "markdown"
    if by_ext == "text":
        return "text"
    if len(_HTML_TAG_RE.findall(head)) >= 3:
        return "html"
    if sum(1 for marker in _MD_MARKERS if marker.search(head)) >= 2:
        return "markdown"
    return "text"
