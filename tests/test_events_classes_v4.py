"""Classes of language covered by the types4 work (docs/LEXICON.md, "Lexicon v4"): each test is a class, with
sentences written for Accord in wire style, never taken from an evaluation, dev or blind set."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


@pytest.mark.parametrize(
    "text",
    [
        "A Turkish court found the Kurdish politician guilty of terrorism charges.",
        "Judges in Dhaka found the opposition leader guilty of graft in absentia.",
        "A tribunal in Bamako handed down prison sentences to six soldiers over the massacre.",
        "The conviction of the Russian-American journalist by a Yekaterinburg court drew protests.",
    ],
)
def test_events_classes_v4_verdicts_are_sanction_convict(text):
    events = _coded(text)
    assert any(e.event == "SANCTION" and e.mode == "convict" for e in events)
    assert "COERCE" not in {e.event for e in events}


@pytest.mark.parametrize(
    "text",
    [
        "The Pakistani foreign minister launched a fierce attack on India, calling its leaders fascists.",
        "Hungary's premier attacked Brussels for its migration policy.",
        "The Colombian president assailed Washington over its deportation flights.",
    ],
)
def test_events_classes_v4_verbal_attacks_are_accusations(text):
    types = _types(text)
    assert "ACCUSE" in types and "ASSAULT" not in types


def test_events_classes_v4_attacks_with_weapons_stay_assaults():
    assert "ASSAULT" in _types("Insurgents launched a fierce attack on an army base in Borno, killing six soldiers.")
    assert "ASSAULT" in _types("Russian troops attacked the village for a third day.")


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Erdogan called the Israeli prime minister a butcher.", "TUR", "ISR"),
        ("Venezuela's president branded his Argentine counterpart a fascist.", "VEN", "ARG"),
        ("Beijing labelled the Taiwanese leader a traitor.", "CHN", "TWN"),
    ],
)
def test_events_classes_v4_name_calling_is_accuse(text, source, target):
    assert _has(text, "ACCUSE", source=source, target=target, mode="disapprove")


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Nicaragua expelled two Catholic priests to Guatemala.", "deport"),
        ("Algeria expelled hundreds of migrants across the desert border.", "deport"),
    ],
)
def test_events_classes_v4_expelling_people_is_deportation(text, mode):
    events = _coded(text)
    assert any(e.event == "COERCE" and e.mode == mode for e in events)
    assert "SANCTION" not in {e.event for e in events}


def test_events_classes_v4_expelling_envoys_stays_a_sanction():
    assert _has("Mali expelled the French ambassador.", "SANCTION", source="MLI", mode="expel")


def test_events_classes_v4_seizure_as_a_noun():
    assert _has("Iran's seizure of a Greek tanker angered Athens.", "COERCE", source="IRN", mode="seize")


@pytest.mark.parametrize(
    "text, event",
    [
        ("Nepal handed over two Indian fugitives to Indian police.", "COOPERATE"),
        ("Thailand handed over a wanted drug trafficker to Laos.", "COOPERATE"),
        ("Moroccan intelligence tipped off Spanish authorities about a planned attack.", "COOPERATE"),
        ("South Africa and Botswana launched a joint project to develop solar power.", "COOPERATE"),
        ("The rebels handed over 40 rifles to the UN mission in Bangui.", "RETREAT"),
        ("Germany handed over 20 Benin bronzes to Nigeria.", "RETREAT"),
        ("The militants handed over two kidnapped Chinese workers to Pakistani officials.", "RETREAT"),
    ],
)
def test_events_classes_v4_hand_overs_by_what_is_handed(text, event):
    types = _types(text)
    assert event in types and "AID" not in types


def test_events_classes_v4_hand_over_aid_stays_aid():
    assert "AID" in _types("Germany handed over two more air defence systems to Ukraine.")


def test_events_classes_v4_money_given_is_aid_not_giving_in():
    types = _types("The United States gave Jordan $1.45 billion in economic assistance.")
    assert "AID" in types and "CONCEDE" not in types
    assert "CONCEDE" in _types("The Kenyan government gave in to the demands of the striking doctors.")


@pytest.mark.parametrize(
    "text",
    [
        "The Bolivian government agreed to the miners' demands and lowered fuel prices.",
        "Senegal's president accepted the opposition's demand for a new electoral commission.",
    ],
)
def test_events_classes_v4_acceding_to_demands_is_concede(text):
    assert "CONCEDE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Tehran vowed revenge for the assassination of its scientist.",
        "North Korea promised a merciless response to the joint drills.",
        "Moscow vowed countermeasures after Finland joined NATO.",
    ],
)
def test_events_classes_v4_vowing_a_reprisal_is_a_threat(text):
    types = _types(text)
    assert "THREATEN" in types and "AGREE" not in types


def test_events_classes_v4_vowing_cooperation_stays_agree():
    assert "AGREE" in _types("Kenya vowed to deepen its ties with Ethiopia.")


@pytest.mark.parametrize(
    "text",
    [
        "The foreign ministers reaffirmed their commitment to Moldova's sovereignty and territorial integrity.",
        "The Gulf Cooperation Council reaffirmed its support for the sovereignty of the Emirates over the islands.",
    ],
)
def test_events_classes_v4_words_for_a_sovereignty_are_support(text):
    types = _types(text)
    assert "SUPPORT" in types and "AGREE" not in types


def test_events_classes_v4_other_commitments_stay_agree():
    assert "AGREE" in _types("Japan reaffirmed its commitment to the alliance with the United States.")


@pytest.mark.parametrize(
    "text",
    [
        "The Egyptian government turned down Ethiopia's proposal on the dam.",
        "Japan shot down the Chinese proposal for a joint fishing zone.",
        "Israel brushed aside international calls for a ceasefire.",
        "China balked at the American proposal for military talks.",
        "Ankara resisted pressure from Washington to cancel the missile purchase.",
    ],
)
def test_events_classes_v4_phrasal_refusals_are_reject(text):
    types = _types(text)
    assert "REJECT" in types and "ASSAULT" not in types


def test_events_classes_v4_ruling_out_an_act_is_a_refusal_of_it():
    types = _types("Poland ruled out sending troops to Ukraine.")
    assert "REJECT" in types and "AID" not in types and "MOBILIZE" not in types


@pytest.mark.parametrize(
    "text",
    [
        "The Peruvian government backtracked on its plan to privatise the water utility.",
        "Turkey softened its stance on Sweden's NATO bid.",
        "The Mexican president made concessions to the striking teachers.",
        "Beijing reinstated the visas of Canadian journalists.",
        "Iran's parliament waived the hijab fines for tourists.",
    ],
)
def test_events_classes_v4_climb_downs_and_waivers_are_concede(text):
    assert "CONCEDE" in _types(text)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Kuwait wrote off Iraq's debt.", "AID"),
        ("France cancelled the debts of Benin to mark the anniversary.", "AID"),
        ("Turkish rescuers pulled survivors from the rubble in Syria.", "AID"),
        ("Cuban doctors treated thousands of patients in Calabria.", "AID"),
        ("Britain trained 30,000 Ukrainian recruits.", "COOPERATE"),
    ],
)
def test_events_classes_v4_relief_and_training(text, event):
    assert event in _types(text)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The Philippines received strong backing from Japan over the South China Sea dispute.", "JPN", "PHL"),
        ("Kyiv drew praise from Warsaw for its handling of the grain dispute.", "POL", "UKR"),
        ("Australia's foreign minister spoke highly of Papua New Guinea's reforms.", "AUS", "PNG"),
        ("Indonesia's president sent a congratulatory message to the new Thai king.", "IDN", "THA"),
    ],
)
def test_events_classes_v4_support_in_other_words(text, source, target):
    assert _has(text, "SUPPORT", source=source, target=target)


def test_events_classes_v4_receiving_a_visitor_is_not_support():
    assert "SUPPORT" not in _types("The Kenyan president received the Ugandan foreign minister in Nairobi.")


def test_events_classes_v4_seizing_assets_is_coerce_freezing_them_a_sanction():
    assert _has("Russian authorities seized the assets of two Western energy firms.", "COERCE", mode="seize")
    assert "SANCTION" in _types("The European Union froze the assets of the Belarusian central bank.")
