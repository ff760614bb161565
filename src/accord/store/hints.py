"""Hints for filter values that match nothing because they are not values at all: a PLOVER type spelled
wrong (``CONSULTS``), a country given by name (``Russia``) where the store holds ISO alpha-3 codes.

A query that returns no rows is often right (no such events); these hints only speak when the value is
unknown to the ontology, the country table and the store itself, and then name the valid or nearest values.
"""

from __future__ import annotations

import difflib
from typing import Iterable


def _plover_types() -> frozenset[str]:
    from accord.events.lexicon import PLOVER_TYPES

    return PLOVER_TYPES


def _countries() -> dict[str, str]:
    """ISO alpha-3 code → country name."""
    from accord.store.codes import country_table

    t = country_table()
    return dict(zip(t.column("iso3").to_pylist(), t.column("name").to_pylist()))


def type_hint(value: str, known: Iterable[str] | None = None) -> str | None:
    """None when ``value`` is a PLOVER type, else a line naming the nearest types (or all of them)."""
    types = frozenset(known) if known is not None else _plover_types()
    v = value.strip().upper()
    if v in types:
        return None
    near = difflib.get_close_matches(v, sorted(types), n=3, cutoff=0.75)
    if near:
        return f"{value} is not a PLOVER event type; did you mean {' or '.join(near)}?"
    return f"{value} is not a PLOVER event type; use one of {', '.join(sorted(types))}"


def country_hint(value: str, stored_codes: Iterable[str] = ()) -> str | None:
    """None when ``value`` is an ISO alpha-3 code or an actor code in the store; for a country name the
    code it stands for ("Russia → RUS"); else the nearest codes or names."""
    countries = _countries()
    v = value.strip()
    upper = v.upper()
    if upper in countries or upper in {c.upper() for c in stored_codes if c}:
        return None
    by_name = {name.casefold(): code for code, name in countries.items()}
    if v.casefold() in by_name:
        code = by_name[v.casefold()]
        return f"--country takes ISO alpha-3 codes: {countries[code]} → {code} (use --country {code})"
    names = difflib.get_close_matches(v.casefold(), list(by_name), n=3, cutoff=0.75)
    if names:
        pairs = ", ".join(f"{countries[by_name[n]]} → {by_name[n]}" for n in names)
        return f"{value} is not an ISO alpha-3 code or a country name; nearest: {pairs}"
    codes = [] if len(upper) > 4 else difflib.get_close_matches(
        upper, sorted(set(countries) | {c.upper() for c in stored_codes if c}), n=3, cutoff=0.6)
    if codes:
        return f"{value} is not an ISO alpha-3 code; did you mean {' or '.join(codes)}?"
    return f"{value} is not an ISO alpha-3 code (e.g. RUS, CHN, USA) or an actor code in the store"


def filter_hints(store, types: Iterable[str] | None = None, country: str | None = None) -> list[str]:
    """One line per unknown filter value (types against PLOVER, country against ISO codes and the store's
    actor countries and codes)."""
    out = [h for h in (type_hint(t) for t in (types or ())) if h]
    if country:
        stored = [r[0] for r in store.con.execute(
            "SELECT DISTINCT country FROM event_actors WHERE country IS NOT NULL "
            "UNION SELECT DISTINCT code FROM event_actors WHERE code IS NOT NULL").fetchall()]
        h = country_hint(country, stored)
        if h:
            out.append(h)
    return out
