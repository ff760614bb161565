"""The actor knowledge base: countries, organisations, office holders, sector words, non-actors.

Loads the shipped data files (``accord/actors/data``) plus any user files named in
``settings.actor_files``, validates every entry (raising :class:`~accord.errors.DataError` that
names the file and entry), and builds one phrase index used by the resolver.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable

import yaml

from accord.errors import DataError
from accord.settings import Settings, load_settings

DATA_DIR = Path(__file__).resolve().parent / "data"
# libyaml's loader parses the tables about ten times faster; the pure-Python one is the fallback.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

SECTORS = frozenset(
    "GOV MIL COP JUD LEG PRM PTY REB SPY UAF OPP PRE AGR BUS CRM CVL EDU ELI JRN LAB MED REF REL SOC UNK".split()
)
NONSTATE = frozenset({"IGO", "UNO", "EUR", "NGO", "ISM", "IMG", "MNC"})
ORG_KINDS = frozenset({"igo", "ngo", "group", "mnc", "state", "party", "media"})
ORG_COLUMNS = ("id", "name", "kind", "country", "sector", "aliases", "qid", "start", "end", "parent")
ORG_OPTIONAL_COLUMNS = ("home", "plover", "prefixed", "changes")
ORG_DIR = "organisations"
_CODE = re.compile(r"^[A-Z]{3}$")
_QID = re.compile(r"^Q[1-9][0-9]*$")
_SIMPLE = re.compile(r"^[A-Za-z]+(?: [A-Za-z]+)*$")


# --------------------------------------------------------------------------- entries


@dataclass(frozen=True)
class Country:
    code: str
    name: str
    qid: str | None
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capitals: tuple[str, ...]
    metonyms: tuple[tuple[str, str], ...]
    un: bool = True
    regions: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.qid or f"accord:country:{self.code}"


@dataclass(frozen=True)
class Change:
    date: dt.date
    country: str | None
    sector: str | None


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: str
    country: str
    sector: str | None
    plover: str | None
    parent: str | None
    home: str | None
    aliases: tuple[str, ...]
    prefixed: tuple[str, ...]
    qid: str | None
    changes: tuple[Change, ...] = ()
    start: dt.date | None = None  # founded / renamed into this name (information; resolution ignores it)
    end: dt.date | None = None  # dissolved, merged or renamed away
    source: str = ""  # file the entry came from, for error messages

    @property
    def actor_id(self) -> str:
        return self.qid or f"accord:org:{self.id}"

    def at(self, date: dt.date | None) -> tuple[str, str | None]:
        """(country, sector) in force at ``date`` (the latest when date is None)."""
        country, sector = self.country, self.sector
        for ch in sorted(self.changes, key=lambda c: c.date):
            if date is None or ch.date <= date:
                country = ch.country or country
                sector = ch.sector or sector
        return country, sector


@dataclass(frozen=True)
class Term:
    person_id: str
    name: str
    aliases: tuple[str, ...]
    country: str
    sector: str
    role: str
    org: str | None
    start: dt.date | None
    end: dt.date | None
    qid: str | None

    def covers(self, date: dt.date) -> bool:
        """Half-open [start, end): on a hand-over day the incoming holder is in office, the outgoing not."""
        return (self.start is None or self.start <= date) and (self.end is None or date < self.end)


@dataclass(frozen=True)
class SectorWord:
    sector: str
    generic: bool = False
    needs_owner: bool = False
    role: str | None = None  # set when the word is also a title before a name
    title: bool = False


@dataclass(frozen=True)
class Collective:
    phrase: str
    n: int | None
    sector: str | None
    we: bool = False
    #: the referents are people ("the two leaders"): their states are found from people named nearby
    people: bool = False
    #: a reference only as a noun phrase of its own ("The two discussed ...", "talks between the two"), never
    #: before a noun or adjective ("the two ships", "the two main parties")
    alone: bool = False


# --------------------------------------------------------------------------- phrase index


@dataclass(frozen=True)
class Entry:
    """What a phrase in the index names. ``kind``: country|org|person|sector|collective|anaphor|nonactor."""

    kind: str
    key: str  # country code, organisation id, person id, sector code, collective phrase
    form: tuple[str, ...]  # the phrase's tokens as written (for case checks)
    role: str = ""  # country: name|adjective|people|capital|metonym; sector: the SectorWord
    sector: str | None = None
    payload: object = None


_PRIORITY = {"nonactor": 0, "person": 1, "org": 2, "country": 3, "collective": 4, "anaphor": 4.5, "sector": 5}


def _tokenizer():
    import spacy

    return spacy.blank("en").tokenizer


@dataclass(frozen=True)
class PartyContext:
    """When a collective or pronoun subject with no antecedent nearby names the document's parties.

    The parties are the states of the people a meeting or call is between (from the title, else the
    opening sentence); they are used only when there are between two and ``max_parties`` of them,
    and only in the first ``within_sentences`` sentences of the document.
    """

    max_parties: int
    within_sentences: int
    pronouns: frozenset[str]
    opening_sentences: int
    title_nouns: tuple[str, ...] = ()  # "Call", "Meeting": end a name in a title written without "'s"


@dataclass
class KnowledgeBase:
    """Everything the resolver needs, indexed by lower-cased token tuples."""

    countries: dict[str, Country] = field(default_factory=dict)
    organisations: dict[str, Organisation] = field(default_factory=dict)
    terms: dict[str, list[Term]] = field(default_factory=dict)  # person_id -> terms sorted by start
    sector_words: dict[str, SectorWord] = field(default_factory=dict)
    collectives: dict[str, Collective] = field(default_factory=dict)
    anaphors: dict[str, str] = field(default_factory=dict)  # "the country" -> state
    nonactor_phrases: set[str] = field(default_factory=set)
    nonactor_heads: frozenset[str] = frozenset()
    water_heads: frozenset[str] = frozenset()
    place_prepositions: frozenset[str] = frozenset()
    motion_heads: frozenset[str] = frozenset()
    plural_pronouns: frozenset[str] = frozenset()
    singular_pronouns: frozenset[str] = frozenset()
    person_pronouns: frozenset[str] = frozenset()
    we_pronouns: frozenset[str] = frozenset()
    parties: PartyContext | None = None  # the meeting's parties as referents of "the leaders", "they"
    expletive_heads: frozenset[str] = frozenset()
    former_words: frozenset[str] = frozenset()
    language_verbs: frozenset[str] = frozenset()
    target_verbs: frozenset[str] = frozenset()
    entry_verbs: frozenset[str] = frozenset()
    index: dict[tuple[str, ...], list[Entry]] = field(default_factory=dict)
    max_len: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase length
    sources: tuple[str, ...] = ()
    agent_heads: frozenset[str] = frozenset()  # "paramilitary organization": the sector word's sector
    place_fillers: frozenset[str] = frozenset()  # "Kano state police", "Quebec provincial police"
    warnings: list[str] = field(default_factory=list)  # documented, non-fatal data problems (see check_organisations)
    country_words: dict[str, frozenset[str]] = field(default_factory=dict)  # "indian" -> {"IND"}
    lengths: dict[str, tuple[int, ...]] = field(default_factory=dict)  # first token -> phrase lengths, longest first

    # -- building
    def add_phrase(self, tokenize, text: str, entry_kind: str, key: str, role: str = "", sector=None, payload=None):
        text = " ".join(text.split())
        if not text:
            return
        if _SIMPLE.match(text):
            form = tuple(text.split(" "))
        else:
            form = tuple(t.text for t in tokenize(text))
        if not form:
            return
        lower = tuple(t.lower() for t in form)
        entry = Entry(entry_kind, key, form, role, sector, payload)
        bucket = self.index.setdefault(lower, [])
        # A later entry for the same phrase and kind replaces the earlier one (user override);
        # people may share a name ("Bashir"), so a person replaces only the same person.
        bucket[:] = [e for e in bucket if not (e.kind == entry_kind and e.form == form and e.role == role
                                               and (entry_kind != "person" or e.key == key))]
        bucket.append(entry)
        bucket.sort(key=lambda e: (_PRIORITY[e.kind] if not (e.kind == "person" and len(e.form) == 1) else 3.5))
        first = lower[0]
        if len(lower) > self.max_len.get(first, 0):
            self.max_len[first] = len(lower)
        have = self.lengths.get(first, ())
        if len(lower) not in have:
            self.lengths[first] = tuple(sorted((*have, len(lower)), reverse=True))

    # -- queries
    def person_terms(self, person_id: str) -> list[Term]:
        return self.terms.get(person_id, [])

    def stats(self) -> dict:
        """Counts by kind and how current the leaders table is."""
        org_kinds: dict[str, int] = {}
        for org in self.organisations.values():
            org_kinds[org.kind] = org_kinds.get(org.kind, 0) + 1
        all_terms = [t for ts in self.terms.values() for t in ts]
        starts = [t.start for t in all_terms if t.start is not None]
        ends = [t.end for t in all_terms if t.end is not None]
        current = [t for t in all_terms if t.end is None]
        return {
            "states": len(self.countries),
            "un_members": sum(1 for c in self.countries.values() if c.un),
            "igo": org_kinds.get("igo", 0),
            "ngo": org_kinds.get("ngo", 0),
            "group": org_kinds.get("group", 0),
            "mnc": org_kinds.get("mnc", 0),
            "state": org_kinds.get("state", 0),
            "party": org_kinds.get("party", 0),
            "media": org_kinds.get("media", 0),
            "organisations": len(self.organisations),
            "countries_with_state_bodies": len({o.country for o in self.organisations.values() if o.kind == "state"}),
            "countries_with_parties": len({o.country for o in self.organisations.values() if o.kind == "party"}),
            "persons": len(self.terms),
            "terms": len(all_terms),
            "terms_in_office": len(current),
            "countries_with_current_leader": len({t.country for t in current if t.country not in NONSTATE}),
            "latest_term_start": max(starts).isoformat() if starts else None,
            "latest_term_end": max(ends).isoformat() if ends else None,
            "sector_words": len(self.sector_words),
            "collective_phrases": len(self.collectives),
            "nonactor_phrases": len(self.nonactor_phrases),
            "phrases": len(self.index),
            "sources": list(self.sources),
            "warnings": len(self.warnings),
        }


# --------------------------------------------------------------------------- validation helpers


def _fail(source: str, where: str, msg: str):
    raise DataError(f"{source}: {where}: {msg}")


def _str_list(value, source: str, where: str, field_name: str) -> tuple[str, ...]:
    if value is None:
        return ()
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int, float)) for v in value):
        _fail(source, where, f"'{field_name}' must be a list of strings")
    return tuple(str(v).strip() for v in value if str(v).strip())


def _opt_qid(value, source: str, where: str) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip()
    if not _QID.match(value):
        _fail(source, where, f"qid {value!r} is not a Wikidata id like Q159")
    return value


def _opt_sector(value, source: str, where: str) -> str | None:
    if value in (None, ""):
        return None
    value = str(value).strip().upper()
    if value not in SECTORS:
        _fail(source, where, f"unknown sector {value!r} (known: {', '.join(sorted(SECTORS))})")
    return value


def _date(value, source: str, where: str) -> dt.date | None:
    if value in (None, ""):
        return None
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value).strip())
    except ValueError:
        _fail(source, where, f"date {value!r} is not YYYY-MM-DD")


def _read_yaml(path: Path):
    try:
        with open(path, encoding="utf-8") as fh:
            return yaml.load(fh, Loader=_YAML_LOADER)
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except yaml.YAMLError as exc:
        raise DataError(f"{path}: not valid YAML: {exc}") from exc


# --------------------------------------------------------------------------- parsers


def parse_countries(data, source: str) -> list[Country]:
    if not isinstance(data, list):
        _fail(source, "top level", "expected a list of countries")
    out = []
    for i, item in enumerate(data):
        where = f"entry {i + 1}"
        if not isinstance(item, dict):
            _fail(source, where, "expected a mapping")
        code = str(item.get("code", "")).strip()
        where = f"country {code or i + 1}"
        if not _CODE.match(code):
            _fail(source, where, "'code' must be three capital letters (ISO 3166-1 alpha-3)")
        name = str(item.get("name") or "").strip()
        if not name:
            _fail(source, where, "'name' is required")
        metonyms = item.get("metonyms") or {}
        if not isinstance(metonyms, dict):
            _fail(source, where, "'metonyms' must map phrase -> sector")
        unknown = set(item) - {"code", "name", "qid", "names", "adjectives", "people", "capitals", "metonyms", "un",
                                "regions", "region_adjectives"}
        if unknown:
            _fail(source, where, f"unknown field(s) {sorted(unknown)}")
        adjectives = _str_list(item.get("adjectives"), source, where, "adjectives")
        people = _str_list(item.get("people"), source, where, "people")
        if "people" not in item:
            people = tuple(a + "s" for a in adjectives if a.endswith(("an", "i")) and " " not in a)
        out.append(
            Country(
                code=code,
                name=name,
                qid=_opt_qid(item.get("qid"), source, where),
                names=_str_list(item.get("names"), source, where, "names"),
                adjectives=adjectives,
                people=people,
                capitals=_str_list(item.get("capitals"), source, where, "capitals"),
                metonyms=tuple((str(k), _opt_sector(v, source, where) or "GOV") for k, v in metonyms.items()),
                un=bool(item.get("un", True)),
                regions=_str_list(item.get("regions"), source, where, "regions")
                + _str_list(item.get("region_adjectives"), source, where, "region_adjectives"),
            )
        )
    return out


def parse_organisations(data, source: str) -> list[Organisation]:
    if not isinstance(data, list):
        _fail(source, "top level", "expected a list of organisations")
    out = []
    for i, item in enumerate(data):
        if not isinstance(item, dict):
            _fail(source, f"entry {i + 1}", "expected a mapping")
        unknown = set(item) - {"id", "name", "kind", "country", "sector", "plover", "parent", "home", "aliases",
                               "prefixed", "qid", "changes", "start", "end"}
        if unknown:
            _fail(source, f"organisation {item.get('id') or i + 1}", f"unknown field(s) {sorted(unknown)}")
        where = f"organisation {item.get('id') or i + 1}"
        changes = []
        for ch in item.get("changes") or []:
            if not isinstance(ch, dict) or "date" not in ch:
                _fail(source, where, "each change needs a date")
            changes.append((ch["date"], ch.get("country"), ch.get("sector")))
        out.append(_organisation(item, changes, source, where))
    return out


def _organisation(item: dict, changes: list, source: str, where: str) -> Organisation:
    """One validated organisation from a YAML mapping or a CSV row (already split into fields)."""
    oid = str(item.get("id") or "").strip()
    if not oid or not re.match(r"^[A-Z0-9_]+$", oid):
        _fail(source, where, "'id' is required: capital letters, digits and _")
    name = str(item.get("name") or "").strip()
    if not name:
        _fail(source, where, "'name' is required")
    kind = str(item.get("kind") or "").strip()
    if kind not in ORG_KINDS:
        _fail(source, where, f"'kind' must be one of {sorted(ORG_KINDS)}")
    country = str(item.get("country") or "").strip()
    if not _CODE.match(country):
        _fail(source, where, "'country' must be IGO, NGO, IMG, MNC or an ISO alpha-3 code")
    home = str(item.get("home") or "").strip() or None
    if home is not None and not _CODE.match(home):
        _fail(source, where, f"'home' {home!r} must be an ISO alpha-3 code")
    parsed = []
    for date, ch_country, ch_sector in changes:
        ch_country = str(ch_country or "").strip() or None
        if ch_country is not None and not _CODE.match(ch_country):
            _fail(source, where, f"change of country {ch_country!r} must be an alpha-3 code")
        parsed.append(Change(_date(date, source, where), ch_country, _opt_sector(ch_sector, source, where)))
    start = _date(item.get("start"), source, where)
    end = _date(item.get("end"), source, where)
    if start and end and end < start:
        _fail(source, where, f"ends ({end}) before it starts ({start})")
    if any(c.date is None for c in parsed):
        _fail(source, where, "each change needs a date")
    return Organisation(
        id=oid,
        name=name,
        kind=kind,
        country=country,
        sector=_opt_sector(item.get("sector"), source, where),
        plover=str(item.get("plover") or "").strip() or None,
        parent=str(item.get("parent") or "").strip() or None,
        home=home,
        aliases=_str_list(item.get("aliases"), source, where, "aliases"),
        prefixed=_str_list(item.get("prefixed"), source, where, "prefixed"),
        qid=_opt_qid(item.get("qid"), source, where),
        changes=tuple(parsed),
        start=start,
        end=end,
        source=source,
    )


def _open_csv(path: Path):
    """A data CSV opened for the csv module; a missing file is a DataError naming it."""
    try:
        return open(path, encoding="utf-8", newline="")
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None


def parse_organisations_csv(path: Path) -> list[Organisation]:
    """Read an organisation CSV: ``id,name,kind,country,sector,aliases,qid,start,end,parent`` (+ optional
    ``home,plover,prefixed,changes``). Lists are ``|``-separated; a change is ``DATE:COUNTRY:SECTOR``
    (either code may be empty: ``2021-08-15::GOV``). Lines starting with ``#`` are comments."""
    source = str(path)
    with _open_csv(path) as fh:
        lines = [(n, line) for n, line in enumerate(fh, start=1) if line.strip() and not line.startswith("#")]
        rows = ((n, row) for n, line in lines for row in csv.reader([line]))
        header = next(rows, (0, None))[1]
        if header is None:
            _fail(source, "header", f"empty file; expected {','.join(ORG_COLUMNS)}")
        header = [h.strip() for h in header]
        missing = [c for c in ORG_COLUMNS if c not in header]
        unknown = [c for c in header if c not in ORG_COLUMNS and c not in ORG_OPTIONAL_COLUMNS]
        if missing or unknown:
            _fail(source, "header", f"missing column(s) {missing}, unknown column(s) {unknown}; expected "
                                    f"{','.join(ORG_COLUMNS)} (optional: {','.join(ORG_OPTIONAL_COLUMNS)})")
        out = []
        width = len(header)
        for n, row in rows:
            where = f"line {n} ({row[0] if row else ''})"
            if len(row) > width:
                _fail(source, where, f"{len(row)} fields, the header has {width} (quote names with commas)")
            item = dict(zip(header, (v.strip() for v in row)))
            for key in ("aliases", "prefixed"):
                item[key] = [a for a in (item.get(key) or "").split("|") if a.strip()]
            changes = []
            for ch in (item.pop("changes", "") or "").split("|"):
                if not ch.strip():
                    continue
                parts = ch.split(":")
                if len(parts) != 3:
                    _fail(source, where, f"change {ch!r} must be DATE:COUNTRY:SECTOR")
                changes.append(tuple(parts))
            out.append(_organisation(item, changes, source, where))
    return out


LEADER_COLUMNS = ("person_id", "name", "aliases", "country", "sector", "role", "org", "start", "end", "qid")


def parse_leaders(path: Path) -> list[Term]:
    """Read a leaders CSV (one row per term of office)."""
    source = str(path)
    with _open_csv(path) as fh:
        reader = csv.DictReader(fh)
        missing = [c for c in LEADER_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            _fail(source, "header", f"missing column(s) {missing}; expected {','.join(LEADER_COLUMNS)}")
        out = []
        for lineno, row in enumerate(reader, start=2):
            where = f"line {lineno}"
            if not any((v or "").strip() for v in row.values() if isinstance(v, str)):
                continue
            pid = (row["person_id"] or "").strip()
            name = (row["name"] or "").strip()
            country = (row["country"] or "").strip()
            if not pid or not name:
                _fail(source, where, "person_id and name are required")
            if not _CODE.match(country):
                _fail(source, where, f"country {country!r} must be an ISO alpha-3 code or IGO/NGO/...")
            sector = _opt_sector(row["sector"], source, where) or "GOV"
            start = _date(row["start"], source, where)
            end = _date(row["end"], source, where)
            if start and end and end < start:
                _fail(source, where, f"term ends ({end}) before it starts ({start})")
            aliases = tuple(a.strip() for a in (row["aliases"] or "").split("|") if a.strip())
            out.append(
                Term(pid, name, aliases, country, sector, (row["role"] or "").strip(), (row["org"] or "").strip() or None,
                     start, end, _opt_qid(row["qid"], source, where))
            )
    return out


def parse_sectors(data, source: str) -> tuple[dict[str, SectorWord], set[str]]:
    if not isinstance(data, dict):
        _fail(source, "top level", "expected a mapping sector -> {nouns, generic, titles}")
    needs_owner = {w.lower() for w in _str_list(data.get("needs_owner"), source, "needs_owner", "needs_owner")}
    words: dict[str, SectorWord] = {}
    for sector, spec in data.items():
        if sector == "needs_owner":
            continue
        _opt_sector(sector, source, f"sector {sector}")
        if not isinstance(spec, dict):
            _fail(source, f"sector {sector}", "expected a mapping with nouns/generic/titles")
        unknown = set(spec) - {"nouns", "generic", "titles", "plural"}
        if unknown:
            _fail(source, f"sector {sector}", f"unknown field(s) {sorted(unknown)}")
        already_plural = {w.lower() for w in _str_list(spec.get("plural"), source, sector, "plural")}
        for generic, key in ((False, "nouns"), (True, "generic")):
            for word in _str_list(spec.get(key), source, f"sector {sector}", key):
                w = word.lower()
                forms = [w] if w in already_plural else [w, *_plurals(w)]
                for form in forms:
                    words[form] = SectorWord(sector, generic, generic or w in needs_owner or form in needs_owner)
        titles = spec.get("titles") or {}
        if not isinstance(titles, dict):
            _fail(source, f"sector {sector}", "'titles' must map title -> role")
        for title, role in titles.items():
            t = str(title).lower()
            prev = words.get(t)
            words[t] = SectorWord(sector, prev.generic if prev else False, prev.needs_owner if prev else False,
                                  str(role or ""), True)
            for form in _plurals(t):
                if form not in words:
                    words[form] = SectorWord(sector, prev.generic if prev else False, True, None, False)
    return words, needs_owner


def _plurals(word: str) -> list[str]:
    """Regular English plurals of the last word of ``word`` (none for words already ending in -s)."""
    if " of " in word or word.endswith((".", "'s", "'")):
        return []
    head, _, last = word.rpartition(" ")
    prefix = head + " " if head else ""
    if last.endswith("s") and not last.endswith("ss"):
        return []
    if last.endswith(("ss", "x", "ch", "sh")):
        plural = last + "es"
    elif last.endswith("y") and len(last) > 1 and last[-2] not in "aeiou":
        plural = last[:-1] + "ies"
    elif last.endswith("man"):
        plural = last[:-3] + "men"
    else:
        plural = last + "s"
    return [prefix + plural]


#: words of a listed collective that make its referents people ("the two leaders", "the heads of state")
_PEOPLE_WORDS = ("leaders", "presidents", "ministers", "heads")
_NOUN_KEYS = {"sector", "people", "ours", "definite", "qualified"}


def collective_pattern(spec, source: str) -> dict[str, Collective]:
    """The phrases of the productive pattern ``<determiner> [<qualifier>] <role noun>`` (references.yaml).

    A determiner gives the count (``the two``: 2, ``all three``: 3; ``null``: as many as the context
    gives) and may be first person (``our two``: the speakers' side, for the nouns marked ``ours``); a
    determiner with a null count is used only with the nouns marked ``definite`` ("the leaders", not
    "the countries"); qualifiers ("neighbouring", "Gulf") go only between a counting determiner and a noun
    marked ``qualified`` ("the two Gulf states", not "the Arab leaders": which of them is not known).
    """
    if spec is None:
        return {}
    if not isinstance(spec, dict):
        _fail(source, "collective_pattern", "expected a mapping")
    dets = spec.get("determiners") or {}
    nouns = spec.get("nouns") or {}
    if not isinstance(dets, dict) or not isinstance(nouns, dict):
        _fail(source, "collective_pattern", "'determiners' and 'nouns' must be mappings")
    quals = _str_list(spec.get("qualifiers"), source, "collective_pattern", "qualifiers")
    parsed_dets = []
    for det, d in dets.items():
        d = d if isinstance(d, dict) else {"n": d}
        n = d.get("n")
        if n is not None and (not isinstance(n, int) or isinstance(n, bool) or n < 2):
            _fail(source, f"collective_pattern determiner {det!r}", "'n' must be an integer >= 2 or null")
        parsed_dets.append((" ".join(str(det).split()), n, bool(d.get("we"))))
    out: dict[str, Collective] = {}
    for noun, nspec in nouns.items():
        nspec = nspec or {}
        if not isinstance(nspec, dict) or set(nspec) - _NOUN_KEYS:
            _fail(source, f"collective_pattern noun {noun!r}", f"expected a mapping with keys among {sorted(_NOUN_KEYS)}")
        sector = _opt_sector(nspec.get("sector"), source, f"collective_pattern noun {noun!r}")
        noun = " ".join(str(noun).split())
        for det, n, we in parsed_dets:
            if we and not nspec.get("ours"):
                continue  # "our partners" are not the speakers
            if n is None and not we and not nspec.get("definite"):
                continue  # "the countries" may be any countries
            fillers = [""] + ([q + " " for q in quals] if nspec.get("qualified") and n is not None and not we else [])
            for q in fillers:
                phrase = f"{det} {q}{noun}"
                out[phrase.lower()] = Collective(phrase, n, sector, we, people=bool(nspec.get("people")))
    return out


def parse_references(data, source: str) -> dict:
    if not isinstance(data, dict):
        _fail(source, "top level", "expected a mapping")
    collectives = collective_pattern(data.get("collective_pattern"), source)
    for phrase, spec in (data.get("collectives") or {}).items():
        spec = spec or {}
        n = spec.get("n")
        if n is not None and (not isinstance(n, int) or n < 2):
            _fail(source, f"collective {phrase!r}", "'n' must be an integer >= 2 or null")
        low = str(phrase).lower()
        unknown = set(spec) - {"n", "sector", "we", "alone"}
        if unknown:
            _fail(source, f"collective {phrase!r}", f"unknown keys {sorted(unknown)}; expected n, sector, we, alone")
        collectives[low] = Collective(
            str(phrase), n, _opt_sector(spec.get("sector"), source, f"collective {phrase!r}"), bool(spec.get("we")),
            people=any(w in low.split() for w in _PEOPLE_WORDS), alone=bool(spec.get("alone")),
        )
    out = {"collectives": collectives}
    anaphors = {}
    for phrase, kind in (data.get("anaphors") or {}).items():
        if kind not in ("state", "igo", "ngo", "group", "person"):
            _fail(source, f"anaphor {phrase!r}", "kind must be state, igo, ngo, group or person")
        anaphors[str(phrase).lower()] = kind
    out["anaphors"] = anaphors
    out["parties"] = _parse_parties(data.get("document_parties"), source)
    for key in ("plural_pronouns", "singular_pronouns", "person_pronouns", "we_pronouns", "expletive_heads", "former"):
        out[key] = frozenset(w.lower() for w in _str_list(data.get(key), source, key, key))
    # compositional coding (resolve.py): agent nouns a sector word may head, words between a place and its institution
    for key in ("agent_heads", "place_fillers"):
        out[key] = frozenset(w.lower() for w in _str_list(data.get(key), source, key, key))
    return out


def _parse_parties(spec, source: str) -> PartyContext | None:
    if spec is None:
        return None
    if not isinstance(spec, dict):
        _fail(source, "document_parties", "expected a mapping")
    nums = {}
    for key, low in (("max_parties", 2), ("within_sentences", 1), ("opening_sentences", 1)):
        v = spec.get(key)
        if not isinstance(v, int) or isinstance(v, bool) or v < low:
            _fail(source, f"document_parties.{key}", f"expected an integer >= {low}")
        nums[key] = v
    pronouns = frozenset(w.lower() for w in _str_list(spec.get("pronouns"), source, "document_parties", "pronouns"))
    nouns = tuple(w.lower() for w in _str_list(spec.get("title_nouns"), source, "document_parties", "title_nouns"))
    return PartyContext(nums["max_parties"], nums["within_sentences"], pronouns, nums["opening_sentences"], nouns)


# --------------------------------------------------------------------------- assembly


def _add_country(kb: KnowledgeBase, tok, c: Country) -> None:
    for word in (c.name, *c.names, *c.adjectives, *c.people):
        low = " ".join(word.lower().split())
        kb.country_words[low] = kb.country_words.get(low, frozenset()) | {c.code}
    for name in (c.name, *c.names):
        kb.add_phrase(tok, name, "country", c.code, "name")
    for adj in c.adjectives:
        kb.add_phrase(tok, adj, "country", c.code, "adjective")
    for people in c.people:
        kb.add_phrase(tok, people, "country", c.code, "people")
    for cap in c.capitals:
        kb.add_phrase(tok, cap, "country", c.code, "capital", "GOV")
    for phrase, sector in c.metonyms:
        kb.add_phrase(tok, phrase, "country", c.code, "metonym", sector)
    for region in c.regions:
        kb.add_phrase(tok, region, "country", c.code, "region")


def _indexed_names(org: Organisation) -> tuple[str, ...]:
    """Name and aliases as matched in text; a name with a parenthesised qualifier ("Labour Party (UK)") is a
    display name only, since text never carries the qualifier and the bare name is ambiguous."""
    return org.aliases if "(" in org.name else (org.name, *org.aliases)


def _composes(kb: KnowledgeBase, org: Organisation, name: str) -> bool:
    """True when ``name`` is a state's name, adjective or demonym followed by a sector noun that already
    codes it as this organisation's country and sector ("Indian Army", "Kenya Police"): composition covers
    it and keeps the actor a state actor, so the phrase is not indexed as the organisation."""
    low = " ".join(name.lower().replace("'s ", " 's ").split())
    toks = low.split(" ")
    for i in range(1, len(toks)):
        codes = kb.country_words.get(" ".join(toks[:i]))
        rest = toks[i + 1:] if toks[i:i + 1] == ["'s"] else toks[i:]
        word = kb.sector_words.get(" ".join(rest)) if rest else None
        if codes and word is not None and org.country in codes and word.sector == org.at(None)[1]:
            return True
    return False


def _add_org(kb: KnowledgeBase, tok, org: Organisation) -> None:
    names = tuple(n for n in _indexed_names(org) if not _composes(kb, org, n))
    for name in names:
        kb.add_phrase(tok, name, "org", org.id)
    parent = kb.organisations.get(org.parent) if org.parent else None
    if parent is not None:
        prefixes = [p for p in (parent.name, *parent.aliases) if not p.lower().startswith("the ")]
        for p in prefixes:
            for name in (*names, *org.prefixed):
                if not name.lower().startswith(p.lower()):
                    kb.add_phrase(tok, f"{p} {name}", "org", org.id)


def _add_term_names(kb: KnowledgeBase, tok, term: Term) -> None:
    for name in (term.name, *term.aliases):
        kb.add_phrase(tok, name, "person", term.person_id)


def _read_leaders_into(kb: KnowledgeBase, tok, path: Path) -> None:
    for term in parse_leaders(path):
        terms = kb.terms.setdefault(term.person_id, [])
        # a user row for the same person, office and start replaces the shipped one
        terms[:] = [t for t in terms if not (t.role == term.role and t.start == term.start
                                             and t.country == term.country and t.org == term.org)]
        terms.append(term)
        terms.sort(key=lambda t: (t.start or dt.date.min))
        _add_term_names(kb, tok, term)


def _load_user_file(kb: KnowledgeBase, tok, path: Path) -> None:
    """A user YAML (with any of countries/organisations/leaders/sectors/nonactors keys) or a leaders CSV."""
    path = Path(path)
    if path.suffix.lower() == ".csv":
        if _is_org_csv(path):
            _add_orgs(kb, tok, parse_organisations_csv(path), replace=True)
        else:
            _read_leaders_into(kb, tok, path)
        return
    data = _read_yaml(path)
    if not isinstance(data, dict):
        raise DataError(f"{path}: expected a mapping with keys countries, organisations, sectors, nonactors")
    unknown = set(data) - {"countries", "organisations", "organizations", "sectors", "nonactors", "leaders"}
    if unknown:
        raise DataError(f"{path}: unknown key(s) {sorted(unknown)}")
    source = str(path)
    for c in parse_countries(data.get("countries") or [], source):
        kb.countries[c.code] = c
        _add_country(kb, tok, c)
    _add_orgs(kb, tok, parse_organisations((data.get("organisations") or data.get("organizations") or []), source),
              replace=True)
    if data.get("sectors"):
        words, _ = parse_sectors(data["sectors"], source)
        kb.sector_words.update(words)
        for w, sw in words.items():
            kb.add_phrase(tok, w, "sector", sw.sector, sector=sw.sector, payload=sw)
    for phrase in _str_list(data.get("nonactors"), source, "nonactors", "nonactors"):
        kb.nonactor_phrases.add(phrase)
        kb.add_phrase(tok, phrase, "nonactor", phrase)
    if data.get("leaders"):
        leaders_path = (path.parent / str(data["leaders"])).resolve()
        _read_leaders_into(kb, tok, leaders_path)


def _is_org_csv(path: Path) -> bool:
    """An organisation CSV has a ``kind`` column; a leaders CSV has ``person_id``."""
    try:
        with open(path, encoding="utf-8", newline="") as fh:
            for line in fh:
                if line.strip() and not line.startswith("#"):
                    return "kind" in [h.strip() for h in next(csv.reader([line]))]
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    return False


def _add_orgs(kb: KnowledgeBase, tok, orgs: list[Organisation], replace: bool) -> None:
    """Register organisations (ids unique unless ``replace``, as user files may override), then index them
    once every parent is known."""
    for org in orgs:
        prev = kb.organisations.get(org.id)
        if prev is not None and not replace:
            raise DataError(f"{org.source}: organisation {org.id}: listed twice (also in {prev.source})")
        kb.organisations[org.id] = org
    for org in orgs:
        if org.parent and org.parent not in kb.organisations:
            raise DataError(f"{org.source}: organisation {org.id}: unknown parent {org.parent!r}")
        for code in (org.country, org.home, *(c.country for c in org.changes)):
            if code and code not in kb.countries and code not in NONSTATE:
                raise DataError(f"{org.source}: organisation {org.id}: unknown country code {code!r} "
                                f"(use an alpha-3 code from countries.yaml or one of {', '.join(sorted(NONSTATE))})")
        _add_org(kb, tok, org)


def _common_words(data_dir: Path) -> frozenset[str]:
    path = data_dir / "common_words.txt"
    if not path.exists():
        return frozenset()
    with open(path, encoding="utf-8") as fh:
        return frozenset(w.strip().lower() for w in fh if w.strip() and not w.startswith("#"))


def check_organisations(kb: KnowledgeBase, common_words: frozenset[str] = frozenset()) -> list[str]:
    """Names and aliases that would match the wrong thing.

    Errors (``DataError``): a name or alias that is a country's name, adjective, demonym or capital, or (unless
    written in capitals, which match that case only) a sector word, a non-actor phrase or an English stop word.
    Warnings (returned): a name or alias shared by two organisations (the later file wins), and a one-word
    alias in title case that is a common English word (``Shell``), which also matches at a sentence start.
    """
    from spacy.lang.en.stop_words import STOP_WORDS

    country_words = set()
    for c in kb.countries.values():
        country_words.update(w.lower() for w in (c.name, *c.names, *c.adjectives, *c.people, *c.capitals))
    words = set(kb.sector_words) | {p.lower() for p in kb.nonactor_phrases} | set(STOP_WORDS)
    owner: dict[str, str] = {}
    warnings, errors = [], []
    for org in kb.organisations.values():
        for alias in dict.fromkeys(_indexed_names(org)):
            low = " ".join(alias.lower().split())
            bare = low[4:] if low.startswith("the ") else low
            where = f"{org.source}: organisation {org.id}: alias {alias!r}"
            inner = bare[bare.find("(") + 1:bare.rfind(")")] if "(" in bare else ""
            if inner and inner in country_words:
                errors.append(f"{where} carries a country in brackets, which text never does; put the qualifier "
                              f"in the name (a bracketed name is display only) and list the alias without it")
            elif bare in country_words:
                errors.append(f"{where} is the name of a country; drop it (countries.yaml names states)")
            elif low in words and not alias.isupper():
                errors.append(f"{where} is a common word or sector noun; write it in capitals (matches "
                                f"that case only) or qualify it (\"Estonian parliament\" is already compositional)")
            other = owner.setdefault(low, org.id)
            if other != org.id:
                warnings.append(f"{where} also names {other}")
            if " " not in bare and not alias.isupper() and bare in common_words:
                warnings.append(f"{where} is a common English word and matches at a sentence start")
    if errors:
        more = f" (and {len(errors) - 10} more)" if len(errors) > 10 else ""
        raise DataError("; ".join(errors[:10]) + more)
    return warnings


def build_kb(actor_files: Iterable[Path] = (), data_dir: Path = DATA_DIR, leaders_file: Path | None = None) -> KnowledgeBase:
    """Load and validate the shipped tables, then the user's files in order (later entries win)."""
    tok = _tokenizer()
    kb = KnowledgeBase()
    sources = []

    countries = parse_countries(_read_yaml(data_dir / "countries.yaml"), str(data_dir / "countries.yaml"))
    seen = set()
    for c in countries:
        if c.code in seen:
            raise DataError(f"{data_dir / 'countries.yaml'}: country {c.code}: listed twice")
        seen.add(c.code)
        kb.countries[c.code] = c
        _add_country(kb, tok, c)
    sources.append("countries.yaml")

    words, _ = parse_sectors(_read_yaml(data_dir / "sectors.yaml"), str(data_dir / "sectors.yaml"))
    kb.sector_words = words
    for w, sw in words.items():
        kb.add_phrase(tok, w, "sector", sw.sector, sector=sw.sector, payload=sw)
    sources.append("sectors.yaml")

    orgs = parse_organisations(_read_yaml(data_dir / "organisations.yaml"), str(data_dir / "organisations.yaml"))
    sources.append("organisations.yaml")
    for path in sorted((data_dir / ORG_DIR).glob("*.csv")):
        orgs.extend(parse_organisations_csv(path))
        sources.append(f"{ORG_DIR}/{path.name}")
    _add_orgs(kb, tok, orgs, replace=False)

    refs = parse_references(_read_yaml(data_dir / "references.yaml"), str(data_dir / "references.yaml"))
    kb.collectives = refs["collectives"]
    for phrase, coll in kb.collectives.items():
        kb.add_phrase(tok, coll.phrase, "collective", phrase, payload=coll)
    kb.plural_pronouns = refs["plural_pronouns"]
    kb.singular_pronouns = refs["singular_pronouns"]
    kb.person_pronouns = refs["person_pronouns"]
    kb.we_pronouns = refs["we_pronouns"]
    kb.parties = refs["parties"]
    kb.expletive_heads = refs["expletive_heads"]
    kb.former_words = refs["former"]
    kb.anaphors = refs["anaphors"]
    kb.agent_heads = refs["agent_heads"]
    kb.place_fillers = refs["place_fillers"]
    for phrase in kb.anaphors:
        kb.add_phrase(tok, phrase, "anaphor", phrase)

    non = _read_yaml(data_dir / "nonactors.yaml")
    if not isinstance(non, dict):
        raise DataError(f"{data_dir / 'nonactors.yaml'}: expected a mapping")
    src = str(data_dir / "nonactors.yaml")
    for phrase in _str_list(non.get("phrases"), src, "phrases", "phrases"):
        kb.nonactor_phrases.add(phrase)
        kb.add_phrase(tok, phrase, "nonactor", phrase)
    kb.nonactor_heads = frozenset(h.lower() for h in _str_list(non.get("heads"), src, "heads", "heads"))
    kb.water_heads = frozenset(h.lower() for h in _str_list(non.get("water_heads"), src, "water_heads", "x"))
    kb.place_prepositions = frozenset(_str_list(non.get("place_prepositions"), src, "place_prepositions", "x"))
    kb.motion_heads = frozenset(_str_list(non.get("motion_heads"), src, "motion_heads", "x"))
    kb.language_verbs = frozenset(_str_list(non.get("language_verbs"), src, "language_verbs", "x"))
    kb.target_verbs = frozenset(_str_list(non.get("target_verbs"), src, "target_verbs", "x"))
    kb.entry_verbs = frozenset(_str_list(non.get("entry_verbs"), src, "entry_verbs", "x"))

    leaders = leaders_file if leaders_file is not None else data_dir / "leaders.csv"
    if leaders.exists():
        _read_leaders_into(kb, tok, leaders)
        sources.append(leaders.name)

    for path in actor_files:
        _load_user_file(kb, tok, Path(path))
        sources.append(str(path))
    kb.sources = tuple(sources)
    kb.warnings.extend(check_organisations(kb, _common_words(data_dir)))
    return kb


def _kb_sources(actor_files: tuple[Path, ...]) -> list[Path]:
    """Every file the knowledge base is built from: this module, the shipped tables, the user's files and
    the leaders files they name."""
    sources = [Path(__file__).resolve(), *sorted(p for p in DATA_DIR.rglob("*") if p.is_file())]
    for path in actor_files:
        sources.append(Path(path))
        if Path(path).suffix.lower() in (".yaml", ".yml"):
            try:
                data = _read_yaml(Path(path))
            except DataError:
                continue  # the build reports it
            if isinstance(data, dict) and data.get("leaders"):
                sources.append((Path(path).parent / str(data["leaders"])).resolve())
    return sources


@lru_cache(maxsize=8)
def _cached(actor_files: tuple[Path, ...]) -> KnowledgeBase:
    """Built once per process, and kept between processes in the user cache (``accord.cache``): the build
    reads and validates every table and tokenizes ~20,000 phrases, seconds at every start."""
    from accord.cache import cached, package_version

    return cached("actor-kb", _kb_sources(actor_files), lambda: build_kb(actor_files),
                  extra=[package_version("spacy"), *map(str, actor_files)])


def load_kb(settings: Settings | None = None) -> KnowledgeBase:
    """The knowledge base for these settings (shipped tables + ``settings.actor_files``), cached."""
    settings = settings or load_settings()
    return _cached(tuple(Path(p) for p in settings.actor_files))
