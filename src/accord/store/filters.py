"""One filter object for every store query (events, analytics, exports), turned into SQL in one place."""

from __future__ import annotations

from dataclasses import dataclass, fields, replace
from datetime import date
from typing import Any

from accord.errors import Code, StoreError


def _as_date(value: str | date | None, name: str) -> date | None:
    if value is None or isinstance(value, date):
        return value
    try:
        v = str(value)
        if len(v) == 7:
            v += "-01"
        elif len(v) == 4:
            v += "-01-01"
        return date.fromisoformat(v)
    except ValueError as exc:
        raise StoreError(Code.QUERY_INVALID, f"{name}={value!r} is not an ISO date (YYYY-MM-DD)") from exc


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


@dataclass(frozen=True)
class Filters:
    """Which events a query looks at. ``None`` means "no constraint".

    ``country``/``sector`` match any actor or recipient of the event (country also matches an actor code);
    ``text`` is a case-insensitive substring of the evidence sentence or trigger. ``factual`` drops
    negated and hypothetical events (analytics default to it; ``store.events`` does not).
    """

    start: date | None = None
    end: date | None = None
    types: tuple[str, ...] | None = None
    country: str | None = None
    sector: str | None = None
    text: str | None = None
    doc_id: str | None = None
    min_confidence: float | None = None
    factual: bool = False
    limit: int | None = None

    @classmethod
    def of(cls, filters: "Filters | None" = None, **kw: Any) -> "Filters":
        """Merge keyword arguments (None ignored) into ``filters``, normalising types and dates."""
        base = filters or cls()
        known = {f.name for f in fields(cls)}
        changes = {}
        for k, v in kw.items():
            if k not in known:
                raise StoreError(Code.QUERY_INVALID, f"unknown filter {k!r}")
            if v is not None:
                changes[k] = v
        f = replace(base, **changes)
        types = f.types
        if isinstance(types, str):
            types = (types,)
        types = tuple(t.upper() for t in types) if types else None
        return replace(
            f,
            start=_as_date(f.start, "start"),
            end=_as_date(f.end, "end"),
            types=types,
            country=f.country.upper() if f.country else None,
            sector=f.sector.upper() if f.sector else None,
        )

    def where(self, alias: str = "e") -> tuple[str, list]:
        """SQL condition on the events table aliased ``alias`` (always valid, ``TRUE`` when empty)."""
        p = f"{alias}." if alias else ""
        conds: list[str] = []
        params: list = []
        if self.start:
            conds.append(f"{p}day >= ?")
            params.append(self.start)
        if self.end:
            conds.append(f"{p}day <= ?")
            params.append(self.end)
        if self.types:
            conds.append(f"{p}event IN ({', '.join('?' * len(self.types))})")
            params.extend(self.types)
        if self.country:
            conds.append(
                f"EXISTS (SELECT 1 FROM event_actors fa WHERE fa.event_id = {p}id AND fa.role <> 'speaker' AND (fa.country = ? OR fa.code = ?))"
            )
            params.extend([self.country, self.country])
        if self.sector:
            conds.append(f"EXISTS (SELECT 1 FROM event_actors fs WHERE fs.event_id = {p}id AND fs.role <> 'speaker' AND fs.sector = ?)")
            params.append(self.sector)
        if self.text:  # a literal substring: % and _ in the search text match themselves
            conds.append(f"({p}text ILIKE ? ESCAPE '\\' OR {p}trigger ILIKE ? ESCAPE '\\')")
            params.extend([f"%{_escape_like(self.text)}%"] * 2)
        if self.doc_id:
            conds.append(f"{p}doc_id = ?")
            params.append(self.doc_id)
        if self.min_confidence is not None:
            conds.append(f"{p}confidence >= ?")
            params.append(self.min_confidence)
        if self.factual:
            conds.append(f"NOT {p}negated AND NOT {p}hypothetical")
        return (" AND ".join(conds) or "TRUE"), params
