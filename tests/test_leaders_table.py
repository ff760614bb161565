"""The leaders table is valid and answers the who-held-what-when questions the actor coder relies on."""

from __future__ import annotations

import csv
import importlib.util
import sys
from datetime import date
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "src" / "accord" / "actors" / "data" / "leaders.csv"


def _load_checker():
    spec = importlib.util.spec_from_file_location("check_leaders", ROOT / "tools" / "check_leaders.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["check_leaders"] = module
    spec.loader.exec_module(module)
    return module


checker = _load_checker()


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    with TABLE.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def _holder(rows, country: str, role: str, on: str, org: str = "") -> set[str]:
    day = date.fromisoformat(on)
    return {
        r["person_id"]
        for r in rows
        if r["country"] == country and r["role"] == role and r["org"] == org
        and date.fromisoformat(r["start"]) <= day
        and (not r["end"] or day < date.fromisoformat(r["end"]))
    }


def test_leaders_table_passes_checker():
    report = checker.check(TABLE)
    assert report.errors == []


@pytest.mark.parametrize(
    "country,role,on,expected",
    [
        ("RUS", "prime_minister", "2010-06-01", "putin"),
        ("RUS", "president", "2024-06-01", "putin"),
        ("RUS", "president", "2010-06-01", "medvedev"),
        ("RUS", "prime_minister", "2015-03-01", "medvedev"),
        ("USA", "president", "2025-03-01", "trump"),
        ("USA", "foreign_minister", "2022-05-01", "blinken"),
        ("USA", "defence_minister", "2025-06-01", "hegseth"),
        ("GBR", "prime_minister", "2024-08-01", "starmer"),
        ("DEU", "chancellor", "2025-06-01", "merz"),
        ("JPN", "prime_minister", "2016-01-01", "abe_shinzo"),
        ("JPN", "foreign_minister", "2014-01-01", "kishida"),
        ("CHN", "foreign_minister", "2023-03-01", "qin_gang"),
        ("CHN", "foreign_minister", "2024-01-01", "wang_yi"),
        ("UKR", "president", "2022-03-01", "zelensky"),
        ("TUR", "prime_minister", "2010-01-01", "erdogan"),
        ("ISR", "prime_minister", "2021-09-01", "bennett"),
        ("IND", "prime_minister", "2010-01-01", "singh_manmohan"),
    ],
)
def test_leaders_table_resolves_office_holder_on_date(rows, country, role, on, expected):
    assert _holder(rows, country, role, on) == {expected}


@pytest.mark.parametrize(
    "org,role,on,expected",
    [
        ("UN", "secretary_general", "2012-01-01", "ban_ki_moon"),
        ("NATO", "secretary_general", "2020-01-01", "stoltenberg"),
        ("EU_COMMISSION", "president_of_commission", "2016-01-01", "juncker"),
        ("EU", "high_representative", "2025-02-01", "kallas"),
        ("WHO", "director_general", "2020-04-01", "tedros"),
    ],
)
def test_leaders_table_resolves_igo_head_on_date(rows, org, role, on, expected):
    assert _holder(rows, "IGO", role, on, org=org) == {expected}


def test_leaders_table_has_no_row_after_death(rows):
    navalny = [r for r in rows if r["person_id"] == "navalny"]
    assert navalny and all(r["end"] == "2024-02-16" and r["sector"] == "OPP" for r in navalny)


@pytest.mark.parametrize("alias,person", [("Zelenskyy", "zelensky"), ("Xi", "xi_jinping"), ("Erdogan", "erdogan")])
def test_leaders_table_aliases_cover_news_spellings(rows, alias, person):
    assert any(r["person_id"] == person and alias in r["aliases"].split("|") for r in rows)


def _write(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "leaders.csv"
    path.write_text("\n".join([",".join(checker.COLUMNS), *lines]) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize(
    "lines,fragment",
    [
        (["a,A,,XXX,GOV,president,,2000-01-01,,"], "not a known ISO"),
        (["a,A,,FRA,GOV,president,,2005-01-01,2001-01-01,"], "before start"),
        (["a,A,,FRA,GOV,president,,2000-01-01,2006-01-01,", "b,B,,FRA,GOV,president,,2005-01-01,,"], "overlap"),
        (["a,A,,IGO,GOV,secretary_general,,2000-01-01,,"], "IGO row needs org"),
        (["a,A,,FRA,GOV,president,,2000-13-01,,"], "does not exist"),
        (["a,A,,FRA,GOV,president,,2000-1-01,,"], "YYYY-MM-DD"),
        (["a,A,,FRA,XYZ,president,,2000-01-01,,"], "sector"),
    ],
)
def test_check_leaders_flags_bad_rows(tmp_path, lines, fragment):
    report = checker.check(_write(tmp_path, lines))
    assert any(fragment in e for e in report.errors), report.errors


def test_check_leaders_requires_current_head_for_un_members(tmp_path):
    report = checker.check(_write(tmp_path, ["a,A,,FRA,GOV,president,,2000-01-01,,"]))
    assert any("UN member DEU" in e for e in report.errors)
    assert not any("UN member FRA" in e for e in report.errors)


def test_check_leaders_allows_same_day_handover(tmp_path):
    lines = ["a,A,,FRA,GOV,president,,2000-01-01,2005-01-01,", "b,B,,FRA,GOV,president,,2005-01-01,,"]
    report = checker.check(_write(tmp_path, lines))
    assert not any("overlap" in e for e in report.errors)
