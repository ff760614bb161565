"""Very long documents are parsed in pieces cut at paragraph or page boundaries, then joined into one Doc.

spaCy's memory grows with the text in one call (about 1 GB per 100,000 characters), and a stage that
stalls on one document should be noticed between pieces, not after a whole book. The pieces concatenate
to the original text exactly, so token and character offsets of the joined Doc are document offsets.
"""

from __future__ import annotations

import re
from typing import Callable, Iterator

# Preferred cut points, best first: a page break, a blank line, a line break, the end of a sentence,
# any white space. A piece ends just after the cut, so white space stays with the piece before it.
_CUTS = (
    re.compile(r"\f+\s*"),
    re.compile(r"\n[ \t]*\n\s*"),
    re.compile(r"\n\s*"),
    re.compile(r"(?<=[.!?][\"'”’)\]])\s+|(?<=[.!?])\s+(?=[\"'“‘(\[]?[A-Z0-9])"),
    re.compile(r"\s+"),
)


def split_for_parsing(text: str, max_chars: int) -> list[str]:
    """Pieces of at most ``max_chars`` characters (cut at the best boundary in the second half of a piece)
    whose concatenation is ``text``."""
    if max_chars < 1:
        raise ValueError("max_chars must be >= 1")
    pieces: list[str] = []
    start, n = 0, len(text)
    while n - start > max_chars:
        limit = start + max_chars
        floor = start + max_chars // 2
        cut = None
        for pattern in _CUTS:
            for m in pattern.finditer(text, floor, limit):
                if m.end() <= limit:
                    cut = m.end()
            if cut is not None:
                break
        if cut is None or cut <= start:
            cut = limit
        pieces.append(text[start:cut])
        start = cut
    if start < n or not pieces:
        pieces.append(text[start:])
    return pieces


def parse_in_pieces(nlp, text: str, max_chars: int, check: Callable[[], None] | None = None):
    """One spaCy Doc for ``text``, parsed piece by piece; ``check()`` runs before each piece (it may raise
    to abandon the document). Returns None when the joined Doc would not reproduce the text exactly."""
    from spacy.tokens import Doc

    pieces = split_for_parsing(text, max_chars)
    if len(pieces) == 1:
        if check is not None:
            check()
        return nlp(text)

    def parsed() -> Iterator:
        for piece in pieces:
            if check is not None:
                check()
            yield nlp(piece)

    docs = list(parsed())
    joined = Doc.from_docs(docs, ensure_whitespace=False)
    if joined.text != text:
        return None
    return joined
