"""Query parameters shared by the read endpoints, validated into a Filters (and sides, quads) here only.

Bad values (an unknown PLOVER type or country, a date that is not ISO, a negative limit) raise an
AccordError that the error handlers turn into a 422 in the one error shape.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated, Optional

from fastapi import Query

from accord.store import Filters
from accord.store.browse import Side, check_country, check_sector, check_types

Start = Annotated[Optional[str], Query(description="First day, YYYY-MM-DD (or YYYY-MM, YYYY).", max_length=10)]
End = Annotated[Optional[str], Query(description="Last day, YYYY-MM-DD (or YYYY-MM, YYYY).", max_length=10)]
Types = Annotated[Optional[list[str]], Query(alias="type", description="PLOVER event type; repeat for several.")]
Country = Annotated[Optional[str], Query(description="Country (ISO alpha-3) or actor code on either side, e.g. RUS.", max_length=16)]
Sector = Annotated[Optional[str], Query(description="Sector of an actor or recipient, e.g. GOV, MIL.", max_length=3)]
Text = Annotated[Optional[str], Query(alias="q", description="Words in the sentence or trigger.", max_length=500)]
Doc = Annotated[Optional[str], Query(alias="doc", description="Only events of this document id.", max_length=200)]
MinConf = Annotated[Optional[float], Query(ge=0, le=1, description="Minimum confidence.")]
Factual = Annotated[Optional[bool], Query(description="Drop negated and hypothetical events.")]


@dataclass(frozen=True)
class Common:
    start: str | None
    end: str | None
    types: list[str] | None
    country: str | None
    sector: str | None
    text: str | None
    doc: str | None
    min_confidence: float | None
    factual: bool | None

    def filters(self, store, factual_default: bool = False) -> Filters:
        return Filters.of(
            start=self.start or None, end=self.end or None, types=check_types(self.types),
            country=check_country(store, self.country), sector=check_sector(self.sector),
            text=self.text or None, doc_id=self.doc or None, min_confidence=self.min_confidence,
            factual=factual_default if self.factual is None else self.factual,
        )


def common(start: Start = None, end: End = None, types: Types = None, country: Country = None,
           sector: Sector = None, text: Text = None, doc: Doc = None, min_confidence: MinConf = None,
           factual: Factual = None) -> Common:
    return Common(start, end, types, country, sector, text, doc, min_confidence, factual)


def side(store, country: str | None, sector: str | None, role: str) -> Side:
    return Side(check_country(store, country, f"{role}_country"), check_sector(sector, f"{role}_sector"))
