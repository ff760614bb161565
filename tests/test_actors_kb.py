"""The actor knowledge base: coverage of the shipped tables, validation errors, user extensions."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from accord.actors.kb import build_kb, parse_leaders
from accord.errors import DataError

DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="module")
def kb():
    return build_kb()


def test_actors_kb_covers_every_un_member_state(kb):
    un = [c for c in kb.countries.values() if c.un]
    assert len(un) == 193
    for code in ("XKX", "PSE", "TWN", "SUN"):
        assert code in kb.countries


@pytest.mark.parametrize(
    "org_id", ["UN", "UNSC", "UNGA", "UNHCR", "UNICEF", "WFP", "WHO", "IAEA", "IMF", "WB", "WTO", "EU", "EUCOM",
               "EUPARL", "NATO", "AU", "ASEAN", "SCO", "BRICS", "OPEC", "OSCE", "ARABLEAGUE", "GCC", "G7", "G20",
               "CSTO", "ECOWAS", "OAS", "MERCOSUR", "CIS", "QUAD", "AUKUS"],
)
def test_actors_kb_has_the_igos_of_the_issue(kb, org_id):
    org = kb.organisations[org_id]
    assert org.country == "IGO" and org.kind == "igo"


@pytest.mark.parametrize(
    "phrase, kind, key",
    [
        (("the", "us"), None, None),
        (("u.s.",), "country", "USA"),
        (("britain",), "country", "GBR"),
        (("emirati",), "country", "ARE"),
        (("kremlin",), "country", "RUS"),
        (("burma",), "country", "MMR"),
        (("swaziland",), "country", "SWZ"),
        (("u.n.", "security", "council"), "org", "UNSC"),
        (("un", "refugee", "agency"), "org", "UNHCR"),
        (("daesh",), "org", "ISIL"),
        (("troops",), "sector", "MIL"),
        (("cold", "war"), "nonactor", "Cold War"),
    ],
)
def test_actors_kb_phrase_index_names_what_it_should(kb, phrase, kind, key):
    entries = kb.index.get(phrase)
    if kind is None:
        assert entries is None
    else:
        assert entries and entries[0].kind == kind and entries[0].key == key


def test_actors_kb_stats_count_kinds_and_currency(kb):
    stats = kb.stats()
    assert stats["states"] >= 200 and stats["un_members"] == 193
    assert stats["igo"] >= 50 and stats["ngo"] >= 20 and stats["group"] >= 30 and stats["mnc"] >= 20
    assert stats["sector_words"] > 300
    if stats["terms"]:
        dt.date.fromisoformat(stats["latest_term_start"])


def test_actors_kb_works_without_a_leaders_table(tmp_path):
    kb = build_kb(leaders_file=tmp_path / "absent.csv")
    assert kb.stats()["persons"] == 0 and "RUS" in kb.countries


@pytest.mark.parametrize(
    "content, needle",
    [
        ("countries:\n  - {code: XX, name: Nowhere}\n", "three capital letters"),
        ("countries:\n  - {code: XXA, name: Nowhere, capitals: [Nowhere City], colour: red}\n", "unknown field"),
        ("organisations:\n  - {id: ABC, name: Abc, kind: club, country: NGO}\n", "'kind' must be"),
        ("organisations:\n  - {id: ABC, name: Abc, kind: ngo, country: NGO, sector: XYZ}\n", "unknown sector"),
        ("organisations:\n  - {id: ABC, name: Abc, kind: ngo, country: NGO, qid: 12}\n", "Wikidata"),
        ("planets: []\n", "unknown key"),
    ],
)
def test_actors_kb_rejects_invalid_user_files_with_a_clear_error(tmp_path, content, needle):
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DataError) as err:
        build_kb([path])
    assert needle in str(err.value) and "E301" in str(err.value) and "mine.yaml" in str(err.value)


@pytest.mark.parametrize(
    "row, needle",
    [
        ("x,X Y,Y,RUSSIA,GOV,president,,2000-01-01,,", "ISO alpha-3"),
        ("x,X Y,Y,RUS,BOSS,president,,2000-01-01,,", "unknown sector"),
        ("x,X Y,Y,RUS,GOV,president,,01/01/2000,,", "YYYY-MM-DD"),
        ("x,X Y,Y,RUS,GOV,president,,2001-01-01,2000-01-01,", "before it starts"),
    ],
)
def test_actors_kb_rejects_bad_leader_rows_with_line_numbers(tmp_path, row, needle):
    path = tmp_path / "leaders.csv"
    path.write_text("person_id,name,aliases,country,sector,role,org,start,end,qid\n" + row + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        parse_leaders(path)
    assert needle in str(err.value) and "line 2" in str(err.value)


def test_actors_kb_user_files_add_and_override_entries(tmp_path):
    extra = tmp_path / "extra.yaml"
    extra.write_text(
        "organisations:\n"
        "  - {id: AFRIBANK, name: Afrexim Bank, kind: igo, country: IGO, aliases: [Afreximbank]}\n"
        "  - {id: NATO, name: North Atlantic Treaty Organization, kind: igo, country: IGO, sector: MIL, aliases: [NATO]}\n"
        "nonactors: [Nairobi Marathon]\n",
        encoding="utf-8",
    )
    people = tmp_path / "people.csv"
    people.write_text(
        "person_id,name,aliases,country,sector,role,org,start,end,qid\n"
        "doe_jane,Jane Doe,Doe,KEN,GOV,foreign_minister,,2020-01-01,,\n",
        encoding="utf-8",
    )
    kb = build_kb([extra, people])
    assert kb.index[("afreximbank",)][0].key == "AFRIBANK"
    assert kb.organisations["NATO"].sector == "MIL"
    assert kb.index[("nairobi", "marathon")][0].kind == "nonactor"
    assert kb.terms["doe_jane"][0].country == "KEN"
