"""Document metadata as one source among several, ranked, with placeholders ignored.

A PDF's info dictionary (and a file's properties generally) often says nothing true about the
article: libraries and printer drivers write "(anonymous)", "Administrator" or "Microsoft Word -
doc1.docx", and the creation date is the moment the page was printed. So:

1. what the page says — a byline, a "Written by NAME on DATE" line, a date line under the title —
   comes first;
2. declared metadata that is not a known placeholder (``data/metadata_placeholders.txt``) second;
3. a file's creation date is used as the publication date only when nothing above gives one, and
   the document then says so: ``date_source="file-metadata"``.

A document's ``date_source`` is ``page`` (printed in the text), ``metadata`` (declared by the
source: front matter, HTML meta, a JSONL field, the caller), ``file-metadata`` (a file's creation
date) or None (no date).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from accord.errors import DataError

DATE_SOURCES = ("page", "metadata", "file-metadata")
_KINDS = {"exact", "prefix", "suffix"}
_FIELDS = {"author", "title"}
_STRIP = " \t\"'“”‘’"


@dataclass(frozen=True)
class Placeholders:
    """Known placeholder values per field: (exact, prefixes, suffixes), lower case."""

    rules: dict[str, tuple[frozenset[str], tuple[str, ...], tuple[str, ...]]]

    def __contains__(self, item: tuple[str, str]) -> bool:
        field, value = item
        exact, prefixes, suffixes = self.rules[field]
        v = value.strip(_STRIP).lower()
        return not v or v in exact or v.startswith(prefixes) or v.endswith(suffixes)


@lru_cache(maxsize=1)
def load_placeholders() -> Placeholders:
    """Read and validate the placeholder list shipped with the package."""
    text = resources.files("accord.ingest").joinpath("data/metadata_placeholders.txt").read_text("utf-8")
    found: dict[str, dict[str, set[str]]] = {f: {k: set() for k in _KINDS} for f in _FIELDS}
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        head, sep, value = line.partition(":")
        words = head.split()
        value = value.strip().lower()
        if not sep or not value or not words or len(words) > 2 or words[-1] not in _KINDS \
                or (len(words) == 2 and words[0] not in _FIELDS):
            raise DataError(f"ingest/data/metadata_placeholders.txt line {number}: expected '[author|title] exact|prefix|suffix: VALUE'")
        fields = [words[0]] if len(words) == 2 else sorted(_FIELDS)
        for f in fields:
            found[f][words[-1]].add(value)
    return Placeholders({
        f: (frozenset(k["exact"]), tuple(sorted(k["prefix"])), tuple(sorted(k["suffix"]))) for f, k in found.items()
    })


def is_placeholder(field: str, value: object) -> bool:
    """True when ``value`` says nothing about the document (empty, or a known placeholder for ``field``)."""
    if not isinstance(value, str):
        return True
    return (field, value) in load_placeholders()


def real(field: str, value: object) -> str | None:
    """``value`` trimmed, or None when it is a placeholder."""
    return None if is_placeholder(field, value) else " ".join(str(value).split())
