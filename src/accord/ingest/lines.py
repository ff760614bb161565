"""Re-join lines that a layout wrapped, undoing line-end hyphenation where the hyphen was soft.

"coop-" + "eration" becomes "cooperation"; "Russian-" + "led" stays "Russian-led". The decision uses
the document's own vocabulary first (a word seen elsewhere whole, or with its hyphen, wins), then a
small data file of compound parts (``data/hyphen_compounds.txt``), then joins.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from accord.errors import DataError

_WORD_RE = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_HYPHENATED_RE = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)+")
_LINE_END_HYPHEN_RE = re.compile(r"([^\W\d_]+)-$")
_HEAD_WORD_RE = re.compile(r"^([^\W\d_]+)")


@dataclass(frozen=True)
class Compounds:
    first: frozenset[str]
    last: frozenset[str]


@lru_cache(maxsize=1)
def load_compounds() -> Compounds:
    """Read and validate the compound-part list shipped with the package."""
    text = resources.files("accord.ingest").joinpath("data/hyphen_compounds.txt").read_text("utf-8")
    first: set[str] = set()
    last: set[str] = set()
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        kind, sep, words = line.partition(":")
        if not sep or kind.strip() not in {"first", "last"}:
            raise DataError(f"ingest/data/hyphen_compounds.txt line {number}: expected 'first:' or 'last:'")
        for word in words.split():
            if word != word.lower():
                raise DataError(f"ingest/data/hyphen_compounds.txt line {number}: {word!r} must be lower case")
            (first if kind.strip() == "first" else last).add(word)
    return Compounds(frozenset(first), frozenset(last))


@dataclass
class Vocabulary:
    """Words and hyphenated words seen in a document away from line ends."""

    words: set[str]
    hyphenated: set[str]

    @classmethod
    def from_lines(cls, lines: list[str]) -> "Vocabulary":
        words: set[str] = set()
        hyphenated: set[str] = set()
        for line in lines:
            body = line.rstrip()
            if body.endswith("-"):
                body = body[: body.rfind(" ") + 1] if " " in body else ""
            words.update(w.lower() for w in _WORD_RE.findall(body))
            hyphenated.update(h.lower() for h in _HYPHENATED_RE.findall(body))
        return cls(words, hyphenated)


def keep_hyphen(head: str, tail: str, vocab: Vocabulary | None = None) -> bool:
    """True when "head-" at a line end followed by "tail" is a real hyphen, not a soft break."""
    if not tail or not head:
        return True
    if tail[0].isupper() or tail[0].isdigit() or head[-1].isdigit():
        return True
    joined = (head + tail).lower()
    if vocab is not None:
        if f"{head}-{tail}".lower() in vocab.hyphenated:
            return True
        if joined in vocab.words:
            return False
    compounds = load_compounds()
    return head.lower() in compounds.first or tail.lower() in compounds.last


def join_lines(lines: list[str], vocab: Vocabulary | None = None) -> str:
    """One paragraph from wrapped lines: spaces between lines, soft hyphens removed."""
    out = ""
    for raw in lines:
        line = re.sub(r"\s+", " ", raw).strip()
        if not line:
            continue
        if not out:
            out = line
            continue
        m = _LINE_END_HYPHEN_RE.search(out)
        if m and not out.endswith("--"):
            head = m.group(1)
            first = _HEAD_WORD_RE.match(line)
            tail = first.group(1) if first else ""
            if tail and not keep_hyphen(head, tail, vocab):
                out = out[:-1] + line
            else:
                out = out + line
        else:
            out = out + " " + line
    return out
