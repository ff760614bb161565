"""Validate the leaders and office-holders table (src/accord/actors/data/leaders.csv).

Why: the table is hand-curated; this script catches the mistakes curation makes (bad codes, reversed
or overlapping terms, one person under two spellings, a UN member with nobody currently in charge)
before the actor loader meets them.  Standard library only, so it runs anywhere.

Usage: python tools/check_leaders.py [path] [--report]
Exit status 0 when the table is valid, 1 otherwise; problems are printed one per line.
"""

from __future__ import annotations

import csv
import re
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parents[1] / "src" / "accord" / "actors" / "data" / "leaders.csv"

COLUMNS = ["person_id", "name", "aliases", "country", "sector", "role", "org", "start", "end", "qid"]

UN_MEMBERS = frozenset(
    """
    AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN BOL BIH BWA BRA BRN BGR
    BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY
    SLV GNQ ERI EST SWZ ETH FJI FIN FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN
    IRN IRQ IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE LTU LUX MDG MWI
    MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR NAM NRU NPL NLD NZL NIC NER NGA MKD NOR
    OMN PAK PLW PAN PNG PRY PER PHL POL PRT QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP
    SVK SVN SLB SOM ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV UGA UKR
    ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
    """.split()
)
OTHER_STATES = frozenset({"XKX", "PSE", "TWN", "VAT"})
COUNTRIES = UN_MEMBERS | OTHER_STATES

IGO_ORGS = frozenset(
    """UN EU NATO ECB AU ASEAN SCO OPEC OSCE IAEA WHO IMF WB WTO ARAB_LEAGUE GCC ECOWAS OAS CSTO UNHCR UNICEF
    WFP ICC EU_COMMISSION EU_COUNCIL EU_PARLIAMENT""".split()
)
SECTORS = frozenset({"GOV", "MIL", "LEG", "OPP", "JUD", "SPY", "COP", "PRM", "REB"})

# Roles that make a row count as head of state or head of government for the coverage check.
HEAD_ROLES = frozenset(
    """president prime_minister chancellor king queen emir sultan supreme_leader head_of_state
    head_of_government grand_duke prince pope co_prince captain_regent chairman_presidency
    presidency_member_bosniak presidency_member_croat presidency_member_serb federal_president emperor
    state_counsellor chief_adviser co_president""".split()
)
# UN members whose heads change too often to curate; the coverage check skips them (see LEADERS.md).
ROTATING_HEADS = {"SMR": "two Captains Regent every six months"}

ID_RE = re.compile(r"^[a-z][a-z0-9_]*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
DATE_RE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
LATEST = date(2026, 11, 30)
HISTORY_FROM = date(2000, 1, 1)


@dataclass
class Report:
    errors: list[str] = field(default_factory=list)
    rows: list[dict[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_date(value: str, where: str, errors: list[str]) -> date | None:
    if not DATE_RE.match(value):
        errors.append(f"{where}: date {value!r} is not YYYY-MM-DD")
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        errors.append(f"{where}: date {value!r} does not exist")
        return None


def _check_row(row: dict[str, str], where: str, errors: list[str]) -> None:
    for col in COLUMNS:
        value = row.get(col)
        if value is None:
            errors.append(f"{where}: missing column {col}")
            return
        if value != value.strip():
            errors.append(f"{where}: {col} has surrounding whitespace")
    if not ID_RE.match(row["person_id"]):
        errors.append(f"{where}: person_id {row['person_id']!r} is not snake_case")
    if not row["name"].strip():
        errors.append(f"{where}: empty name")
    aliases = row["aliases"].split("|") if row["aliases"] else []
    if any(not a.strip() or a != a.strip() for a in aliases):
        errors.append(f"{where}: empty or padded alias in {row['aliases']!r}")
    if len(set(aliases)) != len(aliases):
        errors.append(f"{where}: duplicate alias in {row['aliases']!r}")
    if row["name"] in aliases:
        errors.append(f"{where}: alias repeats the name {row['name']!r}")
    country, org = row["country"], row["org"]
    if country == "IGO":
        if org not in IGO_ORGS:
            errors.append(f"{where}: IGO row needs org from the agreed list, got {org!r}")
    elif country not in COUNTRIES:
        errors.append(f"{where}: country {country!r} is not a known ISO alpha-3 state code")
    elif org:
        errors.append(f"{where}: org must be empty for a state row, got {org!r}")
    if row["sector"] not in SECTORS:
        errors.append(f"{where}: sector {row['sector']!r} not in {sorted(SECTORS)}")
    if not ID_RE.match(row["role"]):
        errors.append(f"{where}: role {row['role']!r} is not snake_case")
    if row["qid"] and not QID_RE.match(row["qid"]):
        errors.append(f"{where}: qid {row['qid']!r} is not a Wikidata id")
    start = _parse_date(row["start"], where, errors) if row["start"] else None
    if not row["start"]:
        errors.append(f"{where}: start is required")
    end = _parse_date(row["end"], where, errors) if row["end"] else None
    if start and end and end < start:
        errors.append(f"{where}: end {end} before start {start}")
    if start and start > LATEST:
        errors.append(f"{where}: start {start} is in the future of the table's currency")


def _sort_key(row: dict[str, str]) -> tuple[str, str, str, str, str]:
    return (row["country"], row["org"], row["role"], row["start"], row["person_id"])


def _check_people(rows: list[dict[str, str]], errors: list[str]) -> None:
    seen: dict[str, tuple[str, str, str]] = {}
    for i, row in enumerate(rows, start=2):
        ident = (row["name"], row["aliases"], row["qid"])
        first = seen.setdefault(row["person_id"], ident)
        if first != ident:
            errors.append(f"line {i}: person {row['person_id']} has name/aliases/qid differing from its first row")
    by_qid: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        if row["qid"]:
            by_qid[row["qid"]].add(row["person_id"])
    for qid, ids in sorted(by_qid.items()):
        if len(ids) > 1:
            errors.append(f"qid {qid} used by several person_ids: {sorted(ids)}")


def _check_overlaps(rows: list[dict[str, str]], errors: list[str]) -> None:
    """Terms are half-open [start, end): a hand-over on the same day is not an overlap."""
    groups: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in rows:
        groups[(row["country"], row["org"], row["role"])].append(row)
    for key, terms in groups.items():
        terms = sorted(terms, key=lambda r: r["start"])
        for prev, cur in zip(terms, terms[1:]):
            if not prev["end"] or prev["end"] > cur["start"]:
                errors.append(
                    f"overlap in {'/'.join(k for k in key if k)}: {prev['person_id']} "
                    f"{prev['start']}..{prev['end'] or 'now'} and {cur['person_id']} from {cur['start']}"
                )


def _check_coverage(rows: list[dict[str, str]], errors: list[str]) -> None:
    current = {r["country"] for r in rows if r["role"] in HEAD_ROLES and not r["end"]}
    for code in sorted(UN_MEMBERS - current - ROTATING_HEADS.keys()):
        errors.append(f"UN member {code} has no current head of state or government row")


def check(path: Path = DEFAULT_PATH) -> Report:
    report = Report()
    errors = report.errors
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames != COLUMNS:
            errors.append(f"header is {reader.fieldnames}, expected {COLUMNS}")
            return report
        rows = list(reader)
    report.rows = rows
    for i, row in enumerate(rows, start=2):
        if None in row:
            errors.append(f"line {i}: too many fields")
            continue
        _check_row(row, f"line {i}", errors)
    if errors:
        return report
    counts = Counter(tuple(r.values()) for r in rows)
    errors.extend(f"duplicate row: {','.join(k)}" for k, n in counts.items() if n > 1)
    keys = [_sort_key(r) for r in rows]
    if keys != sorted(keys):
        bad = next(i for i, (a, b) in enumerate(zip(keys, keys[1:]), start=2) if a > b)
        errors.append(f"rows are not sorted by (country, org, role, start, person_id) near line {bad + 1}")
    _check_people(rows, errors)
    _check_overlaps(rows, errors)
    _check_coverage(rows, errors)
    return report


def history_gaps(rows: list[dict[str, str]], today: date = LATEST) -> dict[str, int]:
    """Days since 2000 on which a state has no head-of-state/government row (for the report, not an error)."""
    spans: dict[str, list[tuple[date, date]]] = defaultdict(list)
    for r in rows:
        if r["role"] in HEAD_ROLES and r["country"] != "IGO":
            end = date.fromisoformat(r["end"]) if r["end"] else today
            spans[r["country"]].append((date.fromisoformat(r["start"]), end))
    gaps: dict[str, int] = {}
    for code in sorted(COUNTRIES):
        cursor, missing = HISTORY_FROM, 0
        for s, e in sorted(spans.get(code, [])):
            if s > cursor:
                missing += (min(s, today) - cursor).days
            cursor = max(cursor, e)
        if cursor < today:
            missing += (today - cursor).days
        if missing:
            gaps[code] = missing
    return gaps


def summary(rows: list[dict[str, str]]) -> str:
    roles = Counter(r["role"] for r in rows)
    lines = [
        f"rows (terms): {len(rows)}",
        f"persons: {len({r['person_id'] for r in rows})}",
        f"states covered: {len({r['country'] for r in rows} - {'IGO'})}",
        f"IGOs covered: {len({r['org'] for r in rows if r['country'] == 'IGO'})}",
        "by role: " + ", ".join(f"{k} {v}" for k, v in roles.most_common()),
    ]
    gaps = history_gaps(rows)
    lines.append(f"states with gaps in head coverage since 2000: {len(gaps)}")
    lines.extend(f"  {c}: {d} days uncovered" for c, d in gaps.items())
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    path = Path(args[0]) if args else DEFAULT_PATH
    report = check(path)
    for message in report.errors:
        print(message)
    if "--report" in argv and report.rows:
        print(summary(report.rows))
    print(f"{path.name}: {'OK' if report.ok else f'{len(report.errors)} problem(s)'}")
    return 0 if report.ok else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
