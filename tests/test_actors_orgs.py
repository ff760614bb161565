"""Organisations and sector nouns as data: the CSV tables, their validation, and how new entries resolve."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from accord.actors import resolve_texts
from accord.actors.kb import DATA_DIR, build_kb, parse_organisations_csv
from accord.errors import DataError

HEADER = "id,name,kind,country,sector,aliases,qid,start,end,parent\n"


@pytest.fixture(scope="module")
def kb():
    return build_kb()


def _user_csv(tmp_path: Path, rows: str, header: str = HEADER) -> Path:
    path = tmp_path / "my_orgs.csv"
    path.write_text(header + rows, encoding="utf-8")
    return path


def test_actors_kb_holds_three_thousand_organisations_of_every_kind(kb):
    stats = kb.stats()
    assert stats["organisations"] >= 3000
    for kind in ("igo", "ngo", "group", "mnc", "state", "party", "media"):
        assert stats[kind] >= 100, kind
    assert stats["countries_with_state_bodies"] >= 180
    assert stats["countries_with_parties"] >= 150
    assert stats["sector_words"] >= 1500


def test_actors_kb_shipped_tables_have_no_warnings(kb):
    assert kb.warnings == []


def test_actors_kb_every_g20_state_has_a_legislature_armed_force_and_party(kb):
    g20 = "ARG AUS BRA CAN CHN FRA DEU IND IDN ITA JPN KOR MEX RUS SAU ZAF TUR GBR USA".split()
    sectors_by_country: dict[str, set[str]] = {}
    for org in kb.organisations.values():
        sectors_by_country.setdefault(org.country, set()).add(org.sector)
    for code in g20:
        have = sectors_by_country.get(code, set())
        # Bodies that are country metonyms (Bundestag, Knesset, Duma) live in countries.yaml
        metonyms = {s for _, s in kb.countries[code].metonyms}
        assert {"MIL", "LEG"} <= have | metonyms, code
        assert "PTY" in have or code == "SAU", code  # Saudi Arabia has no political parties


def test_actors_kb_dated_bodies_keep_their_dates(kb):
    dfid, fcdo = kb.organisations["GBR_DFID"], kb.organisations["GBR_FCDO"]
    assert dfid.end.isoformat() == "2020-09-02" and fcdo.start.isoformat() == "2020-09-02"
    hts = kb.organisations["HTS"]
    import datetime as dt

    assert hts.at(dt.date(2023, 5, 1)) == ("SYR", "REB")
    assert hts.at(dt.date(2025, 3, 1)) == ("SYR", "GOV")


@pytest.mark.parametrize(
    "text, date, expected",
    [
        ("The DEA said it had seized a ton of fentanyl at the border.", "2024-03-01", ("USA", "COP")),
        ("The Northern Fleet sent two frigates into the Barents Sea.", "2024-03-01", ("RUS", "MIL")),
        ("The PRI lost the governorship of Coahuila.", "2024-06-03", ("MEX", "PTY")),
        ("Morena won a two-thirds majority in the lower house.", "2024-06-03", ("MEX", "PTY")),
        ("The BJP fell short of a majority on its own.", "2024-06-04", ("IND", "PTY")),
        ("FDLR fighters attacked a camp near Goma.", "2023-05-01", ("COD", "REB")),
        ("CODECO militiamen killed villagers in Djugu territory.", "2023-05-01", ("COD", "PRM")),
        ("The SANDF sent a battalion to the eastern Congo.", "2023-05-01", ("ZAF", "MIL")),
        ("DfID announced new funding for cholera treatment.", "2019-05-01", ("GBR", "GOV")),
        ("The FCDO summoned the Chinese ambassador.", "2023-05-01", ("GBR", "GOV")),
        ("The Riigikogu approved the defence budget on Tuesday.", "2024-05-01", ("EST", "LEG")),
        ("Harvard said it would challenge the funding freeze in court.", "2025-05-01", ("USA", "EDU")),
        ("The RSF shelled markets in El Fasher overnight.", "2024-09-01", ("SDN", "PRM")),
        ("JNIM claimed the ambush on a convoy near Djibo.", "2024-01-01", ("IMG", None)),
        ("Ansar Allah threatened more strikes on shipping.", "2024-01-01", ("YEM", "REB")),
        ("The Africa Corps flew instructors into Bamako.", "2025-06-10", ("RUS", "MIL")),
        ("The BLA claimed the attack on the Jaffar Express.", "2025-03-12", ("PAK", "REB")),
        ("The Madras High Court stayed the order.", "2024-06-01", ("IND", "JUD")),
        ("KCNA said the launch was a routine test.", "2024-01-01", ("PRK", "GOV")),
        ("Xinhua said the talks were candid and constructive.", "2024-01-01", ("CHN", "GOV")),
        ("The Lok Sabha adjourned amid protests over the new law.", "2024-12-01", ("IND", "LEG")),
        ("Rosgvardia officers detained the protesters.", "2024-01-01", ("RUS", "COP")),
        ("The PLA Navy sailed a carrier group through the strait.", "2024-01-01", ("CHN", "MIL")),
        ("The Tisza Party led Fidesz in the latest poll.", "2025-06-01", ("HUN", "PTY")),
        ("HTS fighters entered Aleppo.", "2024-11-30", ("SYR", "REB")),
        ("Reporters Without Borders condemned the jailing of the editor.", "2024-09-01", ("NGO", "JRN")),
    ],
)
def test_actors_kb_new_organisations_resolve_in_news_sentences(text, date, expected):
    actors = resolve_texts([text], date=date)[0]
    assert actors, text
    assert (actors[0].country, actors[0].sector) == expected


@pytest.mark.parametrize(
    "text, sector",
    [
        ("Taxi drivers blocked the main roads into the city.", "LAB"),
        ("Netizens mocked the official explanation.", "CVL"),
        ("Ambulance crews struggled to reach the wounded.", "MED"),
        ("Attorneys for the family filed an appeal.", "JUD"),
        ("A paramilitary organization claimed the killings.", "PRM"),
        ("Riot police fired tear gas at the crowd.", "COP"),
        ("Border guards turned back the migrants.", "COP"),
        ("Lawmakers approved the bill.", "LEG"),
        ("Smugglers abandoned the boat off the coast.", "CRM"),
        ("Clerics issued a statement against the decree.", "REL"),
        ("Paramedics treated dozens of people at the scene.", "MED"),
        ("Coal miners walked off the job.", "LAB"),
    ],
)
def test_actors_kb_sector_nouns_of_news_are_coded(text, sector):
    actors = resolve_texts([text], date="2024-01-01")[0]
    assert actors and actors[0].sector == sector and actors[0].country is None


def test_actors_kb_capitals_alias_matches_that_case_only():
    assert resolve_texts(["The DEA raided the warehouse."], date="2024-01-01")[0][0].country == "USA"
    assert resolve_texts(["A dea is not an agency."], date="2024-01-01")[0] == []


def test_actors_kb_compositional_name_stays_a_state_actor():
    actor = resolve_texts(["The Indian Army moved troops to the border."], date="2024-01-01")[0][0]
    assert (actor.country, actor.sector, actor.kind) == ("IND", "MIL", "state")


def test_actors_kb_user_csv_adds_organisations_and_reports_shared_aliases(tmp_path):
    path = _user_csv(tmp_path, "XX_FRONT,Coastal Liberation Front,group,KEN,REB,Coastal Front|KCF,,2024-02-01,,\n"
                               "XX_FORUM,Kasai Civic Forum,ngo,COD,,KCF,,,,\n"
                               "XX_ARMY,Allied Revolutionary Movement of Yemen,group,YEM,REB,ARMY,,,,\n")
    kb = build_kb(actor_files=[path])
    assert kb.organisations["XX_FRONT"].start.isoformat() == "2024-02-01"
    assert kb.index[("coastal", "front")][0].key == "XX_FRONT"
    # a common word is allowed as an alias written in capitals: it matches that case only
    assert kb.organisations["XX_ARMY"].aliases == ("ARMY",)
    assert any("'KCF' also names XX_FRONT" in w for w in kb.warnings)


@pytest.mark.parametrize(
    "row, message",
    [
        ("XX_A,Some Front,group,KEN,REB,,,2024-13-01,,\n", "is not YYYY-MM-DD"),
        ("XX_A,Some Front,group,KEN,REB,,,2024-05-01,2020-01-01,\n", "ends (2020-01-01) before it starts"),
        ("XX_A,Some Front,club,KEN,REB,,,,,\n", "'kind' must be one of"),
        ("XX_A,Some Front,group,KEN,XXX,,,,,\n", "unknown sector 'XXX'"),
        ("XX_A,Some, Front,group,KEN,REB,,,,,\n", "quote names with commas"),
        ("xx-a,Some Front,group,KEN,REB,,,,,\n", "'id' is required"),
    ],
)
def test_actors_kb_organisation_csv_row_errors_name_file_and_line(tmp_path, row, message):
    with pytest.raises(DataError) as err:
        parse_organisations_csv(_user_csv(tmp_path, row))
    assert message in str(err.value) and "my_orgs.csv: line 2" in str(err.value)


def test_actors_kb_unsafe_aliases_are_errors(tmp_path):
    path = _user_csv(tmp_path, "XX_A,Some Front,group,KEN,REB,Kenya|Police|The|SF (Kenya),,,,\n")
    with pytest.raises(DataError) as err:
        build_kb(actor_files=[path])
    text = str(err.value)
    assert "'Kenya' is the name of a country" in text
    assert "'Police' is a common word or sector noun" in text and "'The' is a common word" in text
    assert "'SF (Kenya)' carries a country in brackets" in text


@pytest.mark.parametrize(
    "row, message",
    [
        ("XX_A,Some Front,group,XYZ,REB,,,,,\n", "unknown country code 'XYZ'"),
        ("XX_A,Some Front,group,KEN,REB,,,,,NOPARENT\n", "unknown parent 'NOPARENT'"),
    ],
)
def test_actors_kb_unknown_codes_are_errors(tmp_path, row, message):
    with pytest.raises(DataError, match=message):
        build_kb(actor_files=[_user_csv(tmp_path, row)])


def test_actors_kb_organisation_csv_header_is_checked(tmp_path):
    path = _user_csv(tmp_path, "XX_A,Some Front,group,KEN,REB,,,,,\n", header="id,name,kind,country,sector,colour\n")
    with pytest.raises(DataError, match="missing column"):
        parse_organisations_csv(path)


def test_actors_kb_duplicate_id_in_shipped_tables_is_an_error(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    (data / "organisations" / "zz_extra.csv").write_text(HEADER + "GBR_DFID,Another Department,state,GBR,GOV,,,,,\n",
                                                         encoding="utf-8")
    with pytest.raises(DataError, match="GBR_DFID: listed twice"):
        build_kb(data_dir=data)


@pytest.mark.parametrize(
    "text, phrase",
    [
        ("Moscow warned the West against sending long-range missiles.", "the West"),
        ("Kyiv urged Western governments to speed up deliveries of air defence.", "Western governments"),
        ("Pakistan appealed to the international community for flood relief.", "the international community"),
        ("Arab states condemned the raid on the mosque compound.", "Arab states"),
        ("European leaders agreed to open accession talks.", "European leaders"),
    ],
)
def test_actors_collectives_of_states_are_igo(kb, text, phrase):
    actors = resolve_texts([text], date="2024-01-01")[0]
    found = [a for a in actors if a.text == phrase]
    assert found and found[0].country == "IGO", actors


def test_actors_a_direction_is_not_the_west(kb):
    actors = resolve_texts(["Russian missiles hit western Ukraine overnight."], date="2024-01-01")[0]
    assert all(a.country != "IGO" for a in actors)
