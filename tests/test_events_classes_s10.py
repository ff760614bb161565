"""Classes covered in round 2, session 10 (issue #8; docs/LEXICON.md, "Round 2, session 10"): each test is a
class, with sentences written for Accord in wire style, never taken from an evaluation, dev or blind set or from
the corpus."""

from __future__ import annotations

import pytest

from accord.pipeline import code_text
from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


def _all(text: str):
    return code_text(text, date="2024-05-16").events


# --------------------------------------------------------------- warfare waged is fighting


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Al-Shabaab militants waged guerrilla warfare against Somali troops in the south of the country.", None, "SOM"),
        ("The Myanmar military is conducting warfare against ethnic armed groups in Shan state.", "MMR", None),
        ("Sudan's army intensified its warfare against the paramilitary RSF around Khartoum.", "SDN", "SDN"),
    ],
)
def test_events_classes_s10_warfare_waged_is_an_assault(text, source, target):
    assert _has(text, "ASSAULT", source, target)
    assert "COERCE" not in _types(text)


def test_events_classes_s10_cyber_warfare_is_still_cyber():
    assert _has("North Korean hackers are waging cyber warfare against South Korean banks.", "COERCE", None, "KOR",
                mode="cyber")


@pytest.mark.parametrize(
    "text",
    [
        "Beijing is waging economic warfare against Canberra, the Australian trade minister said.",
        "The Kremlin conducts information warfare against its neighbours, the report said.",
    ],
)
def test_events_classes_s10_warfare_of_words_or_trade_is_no_attack(text):
    assert "ASSAULT" not in _types(text)


# --------------------------------------------------------------- failing to agree; reaching no agreement


@pytest.mark.parametrize(
    "text",
    [
        "Armenia and Azerbaijan failed to reach an agreement on the border after talks in Brussels.",
        "Ethiopia, Egypt and Sudan failed to agree on the filling of the dam.",
    ],
)
def test_events_classes_s10_a_failed_agreement_is_a_rejection_and_no_agreement(text):
    evs = _all(text)
    assert any(e.event == "REJECT" and not e.negated for e in evs)
    assert not any(e.event == "AGREE" and not e.negated for e in evs)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Russia and Ukraine reached no agreement on a prisoner exchange in Istanbul.", "AGREE"),
        ("Tokyo made no concessions on fishing rights during the talks with Seoul.", "CONCEDE"),
    ],
)
def test_events_classes_s10_an_act_with_no_object_did_not_happen(text, event):
    evs = [e for e in _all(text) if e.event == event]
    assert evs and all(e.negated for e in evs)


def test_events_classes_s10_an_agreement_reached_is_still_coded():
    assert _has("Greece and Turkey reached an understanding on migration in Athens.", "AGREE", "GRC")


# --------------------------------------------------------------- waters named after a country are nobody's


@pytest.mark.parametrize(
    "text, event, wrong",
    [
        ("North Korea fired two ballistic missiles into the Sea of Japan early on Thursday.", "ASSAULT", "JPN"),
        ("Iranian commandos seized a Greek-flagged tanker in the Gulf of Oman.", "COERCE", "OMN"),
        ("Russia sent a frigate and two submarines to the Gulf of Finland for manoeuvres.", "MOBILIZE", "FIN"),
        ("The US Navy deployed a destroyer to the Taiwan Strait on Tuesday.", "MOBILIZE", "TWN"),
        ("China deployed an aircraft carrier group to the Philippine Sea.", "MOBILIZE", "PHL"),
        ("Britain moved three warships into the Indian Ocean after the hijacking.", "MOBILIZE", "IND"),
    ],
)
def test_events_classes_s10_waters_named_after_a_country_are_no_recipient(text, event, wrong):
    evs = _all(text)
    assert any(e.event == event for e in evs)
    assert not any(wrong in {a.country for a in e.recipient} for e in evs)


@pytest.mark.parametrize(
    "text, event, target",
    [
        # a place in a country still names its recipient
        ("Egyptian troops launched an offensive against militants in the Sinai Peninsula.", "ASSAULT", "EGY"),
        ("Chinese coast guard ships fired water cannon at Philippine boats in the South China Sea.", "ASSAULT", "PHL"),
        ("Israeli jets struck targets in Gaza City overnight.", "ASSAULT", "PSE"),
    ],
)
def test_events_classes_s10_a_party_named_beside_the_waters_stays(text, event, target):
    assert _has(text, event, None, target)


# --------------------------------------------------------------- a state's strikes are attacks


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Israel launched sweeping strikes on Hezbollah positions in southern Lebanon overnight.", "ISR", None),
        ("Turkey launched a series of strikes on Kurdish militant bases in northern Iraq.", "TUR", None),
        ("The Pakistani army began strikes against militant hideouts in Afghanistan's Khost province.", "PAK", None),
    ],
)
def test_events_classes_s10_strikes_launched_by_a_state_are_assaults(text, source, target):
    assert _has(text, "ASSAULT", source, target)
    assert "PROTEST" not in _types(text)


@pytest.mark.parametrize(
    "text, source",
    [
        ("Dockworkers at the port of Rotterdam launched a strike over pay on Tuesday.", "NLD"),
        ("Junior doctors in England began a five-day strike against the government's pay offer.", "GBR"),
    ],
)
def test_events_classes_s10_workers_strikes_stay_protest_strikes(text, source):
    assert _has(text, "PROTEST", source, mode="strike")
    assert "ASSAULT" not in _types(text)


# --------------------------------------------------------------- what a rejected call asks for did not happen


@pytest.mark.parametrize(
    "text, inner",
    [
        ("Belgrade rejected calls to pull its troops back from the boundary with Kosovo.", "RETREAT"),
        ("The military government rebuffed demands to free the ousted president.", "RETREAT"),
        ("Ankara dismissed a recommendation to lift the ban on the opposition party.", "CONCEDE"),
    ],
)
def test_events_classes_s10_the_act_a_rejected_call_asks_for_is_not_coded(text, inner):
    types = _types(text)
    assert "REJECT" in types
    assert inner not in types


def test_events_classes_s10_an_order_to_deploy_is_still_the_deployment():
    assert _has("The defence minister ordered two brigades to deploy to the Syrian border.", "MOBILIZE")


# --------------------------------------------------------------- what is received is no visitor


@pytest.mark.parametrize(
    "text",
    [
        "The artillery units received orders to shell the town, a defector said.",
        "The former minister received a ten-year sentence for corruption in Nairobi.",
    ],
)
def test_events_classes_s10_receiving_a_thing_is_no_visit(text):
    assert "CONSULT" not in _types(text)


def test_events_classes_s10_receiving_a_leader_is_still_a_meeting():
    assert _has("President Macron received the Japanese prime minister at the Elysee Palace.", "CONSULT", "FRA", "JPN")


# --------------------------------------------------------------- "the worst since 2020" does not date the act


@pytest.mark.parametrize(
    "text, event",
    [
        ("Armenian forces shelled Azerbaijani positions near Lachin overnight, the heaviest fighting since 2020.", "ASSAULT"),
        ("Japan's prime minister visited Seoul on Sunday, the first such visit since 2011.", "CONSULT"),
    ],
)
def test_events_classes_s10_a_superlative_since_a_year_is_no_date(text, event):
    assert event in _types(text)


def test_events_classes_s10_an_act_dated_in_its_own_clause_is_still_background():
    assert "ASSAULT" not in _types("Iraqi forces invaded Kuwait in 1990, seizing its oil fields within hours.")


# --------------------------------------------------------------- a strike aimed on something is an attack


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("A Russian strike on the port of Odesa destroyed grain silos, Ukrainian officials said.", "RUS", "UKR"),
        ("US strikes on Houthi radar sites continued for a second night.", "USA", None),
    ],
)
def test_events_classes_s10_a_strike_on_a_target_is_an_assault(text, source, target):
    assert _has(text, "ASSAULT", source, target)


def test_events_classes_s10_a_strike_on_a_weekday_is_no_attack():
    assert "ASSAULT" not in _types("The teachers' strike on Monday closed schools across Nairobi.")


# --------------------------------------------------------------- people held, places sealed off


@pytest.mark.parametrize(
    "text, mode",
    [
        ("Belarusian riot police held dozens of protesters overnight in Minsk.", "arrest"),
        ("Ugandan security forces rearrested the opposition leader outside his home in Kampala.", "arrest"),
        ("Hong Kong police sealed off the university campus after clashes with students.", "restrict"),
    ],
)
def test_events_classes_s10_people_held_and_places_sealed_off_are_coercion(text, mode):
    assert _has(text, "COERCE", mode=mode)


def test_events_classes_s10_talks_held_are_no_detention():
    assert "COERCE" not in _types("Sudanese army officers held talks with the paramilitary RSF in Jeddah.")


# --------------------------------------------------------------- forces and weapons moved or put in place


@pytest.mark.parametrize(
    "text, source",
    [
        ("Moscow brought riot police and armoured vehicles into central Tbilisi overnight.", None),
        ("Japan installed a new anti-ship missile system on Yonaguni island.", "JPN"),
        ("Estonia reinforced its border patrols after the migrant surge from Russia.", "EST"),
        ("The deployment of 3,000 British troops to Estonia was completed, the ministry said.", "GBR"),
        ("A buildup of Russian forces along the border alarmed officials in Helsinki.", "RUS"),
    ],
)
def test_events_classes_s10_forces_and_weapons_put_in_place_are_mobilisation(text, source):
    assert _has(text, "MOBILIZE", source)


@pytest.mark.parametrize(
    "text",
    [
        "Britain flew its last troops home from Kabul on Monday.",
        "The plan aims at bringing the two armies together under one command.",
    ],
)
def test_events_classes_s10_forces_brought_home_or_together_are_no_deployment(text):
    assert "MOBILIZE" not in _types(text)


# --------------------------------------------------------------- forces that act together cooperate


@pytest.mark.parametrize(
    "text, sources, target",
    [
        ("South Korean and American marines trained together on the island of Baengnyeong.", {"KOR", "USA"}, None),
        ("Chinese and Russian bombers flew jointly over the East China Sea on Tuesday.", {"CHN", "RUS"}, None),
        ("Polish troops patrolled together with Lithuanian soldiers near the Suwalki gap.", {"POL"}, "LTU"),
    ],
)
def test_events_classes_s10_forces_acting_together_cooperate(text, sources, target):
    evs = [e for e in _coded(text) if e.event == "COOPERATE"]
    assert evs and sources <= {a.country for a in evs[0].actor}
    if target:
        assert target in {a.country for a in evs[0].recipient}


@pytest.mark.parametrize(
    "text",
    [
        "Georgian soldiers trained together at a base outside Tbilisi.",
        "The two brothers trained together in Madrid before the final.",
    ],
)
def test_events_classes_s10_together_with_no_partner_is_no_cooperation(text):
    assert "COOPERATE" not in _types(text)


# --------------------------------------------------------------- a proposal handed over is diplomatic exchange


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Egyptian mediators handed Israel a new truce proposal in Cairo on Tuesday.", "EGY", "ISR"),
        ("The Turkish envoy delivered a message from Ankara to the Syrian president.", "TUR", "SYR"),
    ],
)
def test_events_classes_s10_a_proposal_or_message_handed_over_is_consultation(text, source, target):
    assert _has(text, "CONSULT", source, target)


def test_events_classes_s10_a_bill_submitted_to_parliament_is_no_consultation():
    assert "CONSULT" not in _types("The finance minister submitted the budget plan to parliament on Friday.")


# --------------------------------------------------------------- resignations, sanctions lists, protesters arrested


@pytest.mark.parametrize(
    "text",
    [
        "Peru's prime minister announced the resignation of his entire cabinet on Thursday.",
        "Sri Lanka's finance minister handed in his resignation amid mass protests in Colombo.",
    ],
)
def test_events_classes_s10_a_resignation_announced_or_handed_in_is_a_retreat(text):
    assert _has(text, "RETREAT", mode="resign")


def test_events_classes_s10_a_party_added_to_a_sanctions_list_is_sanctioned():
    assert _has("The European Union added nine Iranian commanders to its sanctions list on Monday.", "SANCTION", None, "IRN")


def test_events_classes_s10_a_remark_added_is_no_sanction():
    assert "SANCTION" not in _types("The minister added that the sanctions list would be reviewed next year.")


@pytest.mark.parametrize(
    "text, coerced",
    [
        ("Kenyan police arrested dozens of students who protested against the fee increase in Nairobi.", "KEN"),
        ("Iranian security forces detained women who marched against the hijab law in Tehran.", "IRN"),
    ],
)
def test_events_classes_s10_protesters_arrested_in_a_relative_clause_still_protest(text, coerced):
    assert _has(text, "COERCE", coerced)
    assert "PROTEST" in _types(text)


def test_events_classes_s10_other_acts_in_a_relative_clause_stay_background():
    assert _types("Rebels who seized the town of Bunia last month attacked a UN base on Sunday.") == {"ASSAULT"}
    assert len([e for e in _coded("Rebels who seized the town of Bunia last month attacked a UN base on Sunday.")
                if e.event == "ASSAULT"]) == 1
