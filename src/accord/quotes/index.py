"""Ask "is this character offset inside a quote, and who is speaking?" quickly."""

from __future__ import annotations

import bisect
from typing import Iterable, Iterator

from accord.records import Quote


def quote_spans(quotes: Iterable[Quote]) -> list[tuple[int, int, Quote]]:
    """``(start, end, quote)`` for each quote, sorted by start."""
    return sorted(((q.start, q.end, q) for q in quotes), key=lambda t: (t[0], t[1]))


class QuoteIndex:
    """Quotes by character span; quotes from :func:`extract_quotes` never overlap."""

    def __init__(self, quotes: Iterable[Quote]) -> None:
        self._spans = quote_spans(quotes)
        self._starts = [s for s, _, _ in self._spans]
        self._reach: list[int] = []  # furthest end among spans[0..i], to stop the backward scan
        for _, end, _ in self._spans:
            self._reach.append(max(end, self._reach[-1]) if self._reach else end)

    def at(self, offset: int) -> Quote | None:
        """The quote whose text covers ``offset`` (``start <= offset < end``), if any."""
        i = bisect.bisect_right(self._starts, offset) - 1
        while i >= 0 and self._reach[i] > offset:
            start, end, quote = self._spans[i]
            if start <= offset < end:
                return quote
            i -= 1
        return None

    def overlapping(self, start: int, end: int) -> list[Quote]:
        """Quotes sharing at least one character with ``start..end``."""
        hi = bisect.bisect_left(self._starts, end)
        return [q for s, e, q in self._spans[:hi] if e > start]

    def __iter__(self) -> Iterator[Quote]:
        return (q for _, _, q in self._spans)

    def __len__(self) -> int:
        return len(self._spans)
