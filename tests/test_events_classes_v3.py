"""Classes of language covered by the lexicon v3 work (docs/LEXICON.md, "Lexicon v3"): each test is a class,
with sentences written for Accord in wire style, never taken from an evaluation or blind set."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Protesters stormed the town hall in Bukavu and set cars ablaze.", "riot"),
        ("Rioters torched a police station on the outskirts of Dakar.", "riot"),
        ("Striking miners ransacked the offices of the mining company in Potosi.", "riot"),
        ("Demonstrators attacked the headquarters of the ruling party in Tbilisi.", "riot"),
        ("Farmers blocked the main border crossing with Poland using tractors.", "obstruct"),
        ("Truckers occupied the central square of Wellington for a third day.", "obstruct"),
    ],
)
def test_events_classes_v3_crowds_who_storm_or_block_are_protesting(text, mode):
    events = _coded(text)
    assert any(e.event == "PROTEST" and e.mode == mode for e in events)
    assert not any(e.event in ("ASSAULT", "COERCE") for e in events)


def test_events_classes_v3_soldiers_who_storm_still_assault():
    assert "ASSAULT" in _types("Sudanese soldiers stormed a rebel base near El Obeid.")


@pytest.mark.parametrize(
    "text",
    [
        "Dockworkers in Antwerp walked off the job over pension cuts.",
        "Bus drivers in Lagos downed tools on Monday.",
        "Teachers in Kenya extended their strike into a third week.",
    ],
)
def test_events_classes_v3_labour_stoppages_are_strikes(text):
    assert any(e.event == "PROTEST" and e.mode == "strike" for e in _coded(text))


@pytest.mark.parametrize(
    "text, source",
    [
        ("Burkina Faso withdrew from the regional bloc on Sunday.", "BFA"),
        ("Russia quit the Council of Europe after its suspension.", "RUS"),
        ("The United States pulled out of the nuclear agreement with Iran.", "USA"),
        ("Nicaragua left the Organization of American States.", "NIC"),
        ("Hungary announced its withdrawal from the International Criminal Court.", "HUN"),
    ],
)
def test_events_classes_v3_leaving_a_body_or_treaty_is_a_sanction(text, source):
    events = _coded(text)
    assert any(e.event == "SANCTION" and e.mode == "withdraw" and source in {a.country for a in e.actor} for e in events)
    assert "RETREAT" not in {e.event for e in events}


def test_events_classes_v3_troops_leaving_a_town_stay_a_retreat():
    assert "RETREAT" in _types("Ethiopian troops withdrew from the town of Shire on Friday.")


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine ordered two Belarusian diplomats to leave within 72 hours.",
        "Kenya told the Somali ambassador to leave the country within 48 hours.",
    ],
)
def test_events_classes_v3_ordering_envoys_out_is_an_expulsion(text):
    assert any(e.event == "SANCTION" and e.mode == "expel" for e in _coded(text))


@pytest.mark.parametrize(
    "text",
    [
        "Peru's president ordered troops into the southern region of Puno.",
        "The governor ordered the National Guard onto the streets of the capital.",
    ],
)
def test_events_classes_v3_ordering_forces_into_a_place_deploys_them(text):
    assert "MOBILIZE" in _types(text)


def test_events_classes_v3_ordering_a_withdrawal_is_not_a_deployment():
    text = "The defence minister ordered troops to withdraw from the west bank of the river."
    assert "MOBILIZE" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Armenia put its armed forces on high alert after the border incident.",
        "Israel called up 300,000 reservists for the ground operation.",
        "Nigeria activated a standby brigade for a possible intervention in Niger.",
    ],
)
def test_events_classes_v3_force_posture_is_mobilisation(text):
    assert "MOBILIZE" in _types(text)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Ethiopia cut mobile internet in the Amhara region amid the fighting.", "COERCE"),
        ("The junta dissolved the national assembly and suspended the constitution.", "COERCE"),
        ("Nicaragua stripped 94 opponents of their citizenship.", "COERCE"),
        ("Authorities in Dhaka restored mobile internet after an 11-day blackout.", "CONCEDE"),
        ("Sri Lanka lifted the state of emergency imposed during the protests.", "CONCEDE"),
    ],
)
def test_events_classes_v3_communications_and_institutions(text, event):
    assert event in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Dutch government offered a formal apology for its role in the slave trade.",
        "South Korea's navy expressed regret to Japan over the collision.",
        "Kenya's government bowed to pressure and withdrew the tax increases.",
    ],
)
def test_events_classes_v3_apologies_and_giving_way_are_concessions(text):
    assert "CONCEDE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Kazakh troops staged a live-fire drill near Almaty.",
        "Workers staged a sit-in outside the ministry in Amman.",
        "Bolivian coca growers staged a march to La Paz.",
    ],
)
def test_events_classes_v3_staged_is_the_verb_stage(text):
    # the tagger lemmatises "staged" as "stag"; the lexicon tries the verb's base forms
    assert _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "A strong earthquake struck eastern Taiwan, damaging buildings in Hualien.",
        "Typhoon Haikui slammed into southern China, destroying crops.",
        "Two passenger trains collided near Odisha, killing dozens.",
        "A gas explosion ripped through a market in Nairobi, killing three.",
        "Burglars raided the national museum in Oslo overnight.",
        "Ghana beat Egypt 2-1 to reach the Africa Cup of Nations semi-final.",
        "Brazil knocked Croatia out of the World Cup on penalties.",
        "Fans of the Moroccan team marched through Rabat to celebrate the win.",
    ],
)
def test_events_classes_v3_non_political_agents_code_nothing(text):
    assert _types(text) == set()


@pytest.mark.parametrize(
    "text, event",
    [
        ("Police clashed with fans outside the stadium after the cup final in Istanbul.", "ASSAULT"),
        ("A car bomb exploded outside a police station in Kirkuk, killing four.", "ASSAULT"),
        ("Russian tanks rolled into the outskirts of the town.", "MOBILIZE"),
    ],
)
def test_events_classes_v3_political_agents_near_those_words_stay(text, event):
    assert event in _types(text) or (event == "ASSAULT" and "COERCE" in _types(text))


def test_events_classes_v3_participle_restating_its_noun_is_one_event():
    events = _coded("Police broke up the demonstration staged by students outside the university in Izmir.")
    assert sum(e.event == "PROTEST" for e in events) <= 1


@pytest.mark.parametrize(
    "text",
    [
        "Iraq invaded Kuwait in 1990, triggering the first Gulf war.",
        "Forty years ago, Indian troops stormed the Golden Temple in Amritsar.",
        "Chilean soldiers arrested thousands of leftists after the 1973 coup, shooting many of them.",
    ],
)
def test_events_classes_v3_dated_background_is_not_coded(text):
    assert _types(text) == set()


def test_events_classes_v3_a_current_event_beside_a_dated_one_stays():
    text = "Russian forces shelled Kherson on Tuesday, two years after they withdrew from the city in 2022."
    assert "ASSAULT" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Analysts say Serbia could move troops to the Kosovo boundary within days.",
        "Economists warned that the new tariffs would hurt Mexican exporters.",
        "Observers wondered whether the junta would release the detained ministers.",
    ],
)
def test_events_classes_v3_commentators_speculating_code_nothing(text):
    assert _types(text) == set()


def test_events_classes_v3_a_government_warning_is_still_a_threat():
    assert "THREATEN" in _types("Beijing warned Manila it would take countermeasures if the patrols continued.")


@pytest.mark.parametrize(
    "text, source",
    [
        ("Australia banned exports of lithium ore to Chinese refiners.", "AUS"),
        ("Ukraine barred imports of Belarusian fertiliser.", "UKR"),
        ("The Treasury blacklisted four Venezuelan oil traders.", None),
        ("Azerbaijan closed its airspace to Armenian airlines.", "AZE"),
        ("The African Union suspended Gabon from the bloc after the coup.", None),
    ],
)
def test_events_classes_v3_trade_and_membership_measures_are_sanctions(text, source):
    assert _has(text, "SANCTION", source)


@pytest.mark.parametrize(
    "text",
    [
        "A court in Tehran jailed a French researcher for five years.",
        "A military tribunal in Kinshasa sentenced 12 soldiers to death.",
    ],
)
def test_events_classes_v3_court_sentences_are_sanction_convict(text):
    assert any(e.event == "SANCTION" and e.mode == "convict" for e in _coded(text))


def test_events_classes_v3_police_jailing_stays_an_arrest():
    assert "COERCE" in _types("Police in Harare jailed 40 opposition activists overnight.")


@pytest.mark.parametrize(
    "text",
    [
        "The World Health Organization flew 20 tonnes of medical supplies into Port Moresby.",
        "Turkey dispatched tents and blankets to flood-hit Libya.",
    ],
)
def test_events_classes_v3_relief_sent_is_aid(text):
    assert "AID" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Japan sent two destroyers to waters off the Korean peninsula after the missile launch.",
        "Greece dispatched a frigate to waters near the island of Kastellorizo.",
    ],
)
def test_events_classes_v3_ships_sent_to_waters_are_not_aid(text):
    """'waters' is where ships go, not relief: the destination never makes a deployment AID."""
    assert "AID" not in _types(text)


def test_events_classes_v3_a_convoy_carrying_relief_is_not_itself_an_event():
    text = "Gunmen attacked a U.N. convoy carrying food and medicine near Kidal."
    assert "AID" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "The Chancellor reiterated Germany's commitment to the defence of Lithuania.",
        "The foreign minister conveyed Brazil's readiness to host the next round of talks.",
        "Both presidents underscored their determination to expand trade between their countries.",
    ],
)
def test_events_classes_v3_stated_commitments_are_promises(text):
    assert "AGREE" in _types(text)
