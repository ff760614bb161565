"""Framed classes of session 9 (branch `lex9`, issue #8; docs/LEXICON.md, "Framed classes"): ACCUSE carried by
what is said or called, SUPPORT by agreeing with another's view, CONCEDE by clemency and self-rule granted,
RETREAT by returning what was seized, COERCE by restrictions imposed on people, speech and places. Each test is a
class, with sentences written for Accord in wire style (never taken from an evaluation, dev or blind set or from
the corpus), and the confusable uses of the same words."""

from __future__ import annotations

import pytest

from coded_events import has as _has, types as _types


# ---------------------------------------------------------------- ACCUSE: said / called
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Seoul said Pyongyang was behind the cyberattack on its nuclear power operator.", "KOR", "PRK"),
        ("Kyiv said Moscow was behind the sabotage of the gas pipeline.", "UKR", "RUS"),
        ("Athens said Turkish fighter jets had violated Greek airspace 40 times on Monday.", "GRC", "TUR"),
        ("Belgrade said Kosovo's police raid in the north violated the Brussels agreement.", "SRB", None),
        ("Manila said the Chinese manoeuvres amounted to harassment of Filipino fishermen.", "PHL", "CHN"),
        ("Rabat said Algeria's decision to close its airspace constituted a hostile act.", "MAR", "DZA"),
        ("Warsaw said Minsk's use of migrants at the border was a form of intimidation.", "POL", "BLR"),
    ],
)
def test_events_classes_s9_reported_blame_is_an_accusation(text, source, target):
    assert _has(text, "ACCUSE", source, target)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Hungary called the European Parliament's report an insult to the Hungarian people.", "HUN", "IGO"),
        ("Ankara described the Greek deployment on the islands as a threat to regional stability.", "TUR", "GRC"),
        ("Venezuela called the Argentine seizure of its cargo plane piracy.", "VEN", "ARG"),
        ("Tehran branded the British seizure of its tanker theft.", "IRN", "GBR"),
    ],
)
def test_events_classes_s9_what_an_act_is_called_is_an_accusation(text, source, target):
    assert _has(text, "ACCUSE", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine said Russian troops shelled the town of Kherson overnight.",
        "Seoul said it was not behind the leaflet launches.",
        "The minister said the dispute was behind them now.",
        "The ministry said the storm had damaged the power lines.",
        "Greece said the talks with Turkey were useful.",
        "The minister said the new stadium would be a threat to nobody.",
    ],
)
def test_events_classes_s9_reports_praise_and_denials_are_no_accusation(text):
    assert "ACCUSE" not in _types(text)


def test_events_classes_s9_calling_for_or_calling_on_stays_a_request():
    assert "ACCUSE" not in _types("Egypt called for an end to violations of the ceasefire in Gaza.")
    assert _has("France called on Russia to stop the threats against Moldova.", "REQUEST", "FRA", "RUS")


# ---------------------------------------------------------------- SUPPORT: agreed with a view
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Tokyo agreed with Seoul's view that the launches threatened the region.", "JPN", "KOR"),
        ("Berlin agreed with the French assessment that the grain corridor must stay open.", "DEU", "FRA"),
        ("Chile concurred with Argentina's position on fishing rights in the South Atlantic.", "CHL", "ARG"),
    ],
)
def test_events_classes_s9_agreeing_with_a_view_is_support(text, source, target):
    assert _has(text, "SUPPORT", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "Norway and Sweden agreed to share radar data on Russian flights.",
        "Peru and Ecuador agreed on a new border crossing regime.",
    ],
)
def test_events_classes_s9_agreeing_to_or_on_is_no_support(text):
    assert "SUPPORT" not in _types(text)


def test_events_classes_s9_sharing_intelligence_is_no_support():
    assert "SUPPORT" not in _types("Jordan shared intelligence with Iraq on the militant cell.")


# ---------------------------------------------------------------- CONCEDE: clemency and self-rule granted
@pytest.mark.parametrize(
    "text, source",
    [
        ("Sri Lanka granted amnesty to 300 prisoners to mark the Buddhist festival.", "LKA"),
        ("Spain's government granted a pardon to nine Catalan separatist leaders.", "ESP"),
        ("Jakarta gave Aceh wide autonomy under the peace agreement.", "IDN"),
        ("The Colombian government declared an amnesty for guerrillas who hand in their weapons.", "COL"),
    ],
)
def test_events_classes_s9_clemency_and_autonomy_granted_are_concessions(text, source):
    assert _has(text, "CONCEDE", source)


@pytest.mark.parametrize(
    "text, event",
    [
        ("The World Bank granted Ghana a $300 million loan for its budget.", "AID"),
        ("Germany granted asylum to a Belarusian opposition activist.", "AID"),
    ],
)
def test_events_classes_s9_loans_and_asylum_granted_stay_aid(text, event):
    types = _types(text)
    assert event in types and "CONCEDE" not in types


# ---------------------------------------------------------------- RETREAT: returning what was seized
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Iran returned the seized Greek tanker and its crew to Athens.", "IRN", "GRC"),
        ("Moscow handed back the bodies of 50 Ukrainian soldiers.", "RUS", "UKR"),
        ("Switzerland returned $130 million in frozen assets to Uzbekistan.", "CHE", "UZB"),
        ("Senegal returned two seized Gambian fishing boats to Banjul.", "SEN", "GMB"),
    ],
)
def test_events_classes_s9_returning_what_was_seized_is_a_release(text, source, target):
    assert _has(text, "RETREAT", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "The Ukrainian foreign minister returned to Kyiv on Friday.",
        "The president returned home from a state visit to Brazil.",
        "Thousands of displaced families returned to their villages after the floods.",
    ],
)
def test_events_classes_s9_going_back_is_no_release(text):
    types = _types(text)
    assert "RETREAT" not in types and "CONCEDE" not in types


# ---------------------------------------------------------------- COERCE: restrictions on people, speech, places
@pytest.mark.parametrize(
    "text, source",
    [
        ("Cuba imposed restrictions on internet access after protests erupted in Havana.", "CUB"),
        ("Uganda imposed a ban on opposition rallies ahead of the election.", "UGA"),
        ("Myanmar's junta imposed an internet shutdown in Sagaing region.", "MMR"),
        ("Nicaragua imposed a ban on religious processions in Managua.", "NIC"),
    ],
)
def test_events_classes_s9_restrictions_imposed_on_people_and_speech_are_coercion(text, source):
    assert _has(text, "COERCE", source)


@pytest.mark.parametrize(
    "text",
    [
        "The European Union imposed restrictions on imports of Russian steel.",
        "The United States imposed sanctions on Venezuela's state oil company.",
        "Canada imposed a travel ban on four Iranian officials.",
    ],
)
def test_events_classes_s9_trade_restrictions_and_sanctions_stay_sanctions(text):
    types = _types(text)
    assert "SANCTION" in types and "COERCE" not in types


def test_events_classes_s9_a_ban_on_parking_is_no_event():
    assert _types("The council imposed a ban on parking in the city centre.") == set()
