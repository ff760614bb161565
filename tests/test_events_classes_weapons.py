"""Weapons used on a party (issue #8; docs/LEXICON.md, "Weapons used on a party"): projectiles fired, launched,
sent or dropped at a target, crowd-control weapons turned on people, weapons of mass destruction used, and the
`instrument` key that keeps what is fired, used or sent out of the recipients. Sentences written for Accord in wire
style, never taken from an evaluation, dev or blind set or from the corpus."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


def _recipients(text: str, event: str) -> list[list[str]]:
    return [[a.code for a in e.recipient] for e in _coded(text) if e.event == event]


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Russia launched dozens of drones at Kyiv overnight, Ukrainian officials said.", "RUS", "UKR"),
        ("Ukraine sent a swarm of drones toward Moscow, the Russian defence ministry said.", "UKR", "RUS"),
        ("Hezbollah launched explosive drones into northern Israel.", "LBN", "ISR"),
        ("Turkey's military used drones against Kurdish militants in northern Iraq.", "TUR", "IRQ"),
        ("Israeli aircraft dropped bombs on the Jabalia refugee camp in Gaza.", "ISR", "PSE"),
        ("Azerbaijani forces lobbed artillery shells into Armenian villages.", "AZE", "ARM"),
        ("Iran fired a volley of missiles at US bases in Iraq.", "IRN", "USA"),
        ("Russian bombers rained cruise missiles on Ukrainian power plants.", "RUS", "UKR"),
    ],
)
def test_events_classes_weapons_projectiles_sent_at_a_party_are_an_assault(text, source, target):
    assert _has(text, "ASSAULT", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "Iran launched hundreds of drones and missiles at Israel on Saturday night.",
        "Russia fired drones at the port of Odesa before dawn.",
        "Missiles were fired at Kyiv from the Black Sea, the Ukrainian air force said.",
    ],
)
def test_events_classes_weapons_what_is_fired_is_not_a_recipient(text):
    # "drones" and "missiles" resolve as a military sector with no country; as the thing fired they are no side
    for recipients in _recipients(text, "ASSAULT"):
        assert "MIL" not in recipients


@pytest.mark.parametrize(
    "text",
    [
        "Ukraine launched a drone programme to train 10,000 operators a year.",
        "The company launched a drone delivery service in three Rwandan districts.",
        "The navy launched a new frigate at the shipyard in Gdansk.",
        "India launched a weather satellite into orbit from Sriharikota.",
        "Prosecutors dropped the charges against the opposition leader.",
        "The army deployed drones to watch the flooded valley.",
        "The club dropped its captain from the squad.",
    ],
)
def test_events_classes_weapons_launches_and_drops_that_are_no_attack(text):
    assert "ASSAULT" not in _types(text)


def test_events_classes_weapons_drones_sent_to_a_party_are_aid_to_it_alone():
    text = "The United States sent drones and artillery shells to Taiwan under a new aid package."
    assert _has(text, "AID", "USA", "TWN")
    assert "ASSAULT" not in _types(text)
    for recipients in _recipients(text, "AID"):
        assert recipients and all(r.startswith("TWN") for r in recipients)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Police in Nairobi fired tear gas at opposition protesters.", "KEN", "KEN"),
        ("Serbian police used water cannon and pepper spray against demonstrators in Belgrade.", "SRB", "SRB"),
        ("Belgian police turned water cannon on farmers in Brussels.", "BEL", "BEL"),
        ("Riot police in Dhaka fired rubber bullets at students demanding job quotas be scrapped.", "BGD", "BGD"),
        ("Indonesian police fired teargas at students outside parliament in Jakarta.", "IDN", "IDN"),
    ],
)
def test_events_classes_weapons_crowd_control_weapons_turned_on_people(text, source, target):
    assert _has(text, "ASSAULT", source, target, mode="crowd-control")


def test_events_classes_weapons_crowd_control_weapons_used_to_disperse_a_crowd():
    # the dispersal is the event; its source is the one who used the weapon
    assert _has("Belarusian riot police used stun grenades to disperse protesters in Minsk.", "ASSAULT", "BLR",
                mode="crowd-control")


@pytest.mark.parametrize(
    "text, source",
    [
        ("The Assad government used sarin against civilians in Khan Sheikhoun.", "SYR"),
        ("Investigators said the Syrian air force dropped chlorine bombs on a town in Idlib.", "SYR"),
        ("A UN panel found that Syrian government forces used chemical weapons against civilians in Ghouta.", "SYR"),
    ],
)
def test_events_classes_weapons_weapons_of_mass_destruction_used(text, source):
    assert _has(text, "ASSAULT", source, mode="unconventional")


@pytest.mark.parametrize(
    "text",
    [
        "Russia said it had moved tactical nuclear weapons to Belarus.",
        "The water utility uses chlorine in its treatment plants.",
        "The swimming pool was closed after a chlorine leak.",
    ],
)
def test_events_classes_weapons_wmd_words_without_use_on_a_party(text):
    assert not any(e.mode == "unconventional" for e in _coded(text))


@pytest.mark.parametrize(
    "text, source",
    [
        ("Nigeria sent 2,000 troops to the northern state of Zamfara after a wave of kidnappings.", "NGA"),
        ("Britain sent 600 soldiers to Cyprus ahead of the evacuation.", "GBR"),
    ],
)
def test_events_classes_weapons_troops_sent_are_a_deployment_not_aid(text, source):
    # the corpus and the gold sets code a force sent somewhere as MOBILIZE (17 of 22 records); aid is what is given
    assert _has(text, "MOBILIZE", source)
    assert "AID" not in _types(text)


# Threats said of the one threatened (`patient` entries) and force used or said to be used.
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Pyongyang said Seoul would pay a heavy price for the leaflet launches.", "PRK", "KOR"),
        ("Russia's foreign ministry said Finland would face retaliation for joining NATO.", "RUS", "FIN"),
        ("Iran's foreign minister said Israel would be met with a crushing response if it attacked.", "IRN", "ISR"),
        ("Beijing said any move by Manila to tow the ship away would trigger a firm response.", "CHN", None),
    ],
)
def test_events_classes_weapons_threat_said_of_the_threatened(text, source, target):
    assert _has(text, "THREATEN", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "Consumers will pay higher prices for fuel this winter, the energy minister said.",
        "The senator said the United States paid a heavy price in Iraq.",
        "The minister said farmers would face severe economic consequences from the drought.",
        "The United States would pay a heavy price, analysts said.",
    ],
)
def test_events_classes_weapons_price_and_consequence_words_that_are_no_threat(text):
    assert "THREATEN" not in _types(text)


def test_events_classes_weapons_force_used_on_a_party_and_said_of_the_future():
    assert _has("Security forces used excessive force against protesters in Nairobi.", "ASSAULT", "KEN")
    assert _has("The African Union said it would use force to restore order in the capital if the talks failed.",
                "THREATEN")
    assert "ASSAULT" not in _types("NATO said it would use its rapid reaction force for the exercise in Norway.")


def test_events_classes_weapons_not_hesitating_asserts_the_act():
    assert _has("Turkey will not hesitate to strike Kurdish militants in Syria, the defence minister said.",
                "THREATEN", "TUR")
    evs = [e for e in _coded("The army did not hesitate to fire on the crowd in Mandalay.") if e.event == "ASSAULT"]
    assert evs
    # a plain negation still negates
    from accord.pipeline import code_text

    plain = [e for e in code_text("The army did not fire on the crowd in Mandalay.", date="2024-05-16").events
             if e.event == "ASSAULT"]
    assert all(e.negated for e in plain)


@pytest.mark.parametrize(
    "text, source",
    [
        ("Kenya pledged 1,000 police officers to the multinational mission in Haiti.", "KEN"),
        ("Rwanda sent 500 more soldiers to the African Union mission in Somalia.", "RWA"),
    ],
)
def test_events_classes_weapons_a_force_contributed_to_a_mission_is_aid(text, source):
    assert _has(text, "AID", source)


# Shows of force (round 2, session 9): one side's drills, ordered deployments, security stepped up, threat levels,
# weapons tests whatever day they fall on, military satellites.
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("China's navy staged live-fire drills around Taiwan on Saturday.", "CHN", "TWN"),
        ("Russia launched snap combat-readiness exercises in its Pacific Fleet.", "RUS", None),
        ("Biden ordered 2,000 more US troops to Poland.", "USA", "POL"),
        ("Paris police tightened security around synagogues after the attack.", "FRA", None),
        ("Belgium raised its terror alert level after the shooting in Brussels.", "BEL", None),
        ("North Korea test-fired an ICBM on Thursday, Japan's defence ministry said.", "PRK", None),
        ("North Korea launched a military spy satellite into orbit.", "PRK", None),
    ],
)
def test_events_classes_weapons_shows_of_force(text, source, target):
    assert _has(text, "MOBILIZE", source, target)


@pytest.mark.parametrize(
    "text, sources",
    [
        ("Russia and China held naval drills in the Sea of Japan.", {"RUS", "CHN"}),
        ("The Philippines held joint patrols with Japan in the South China Sea.", {"PHL"}),
    ],
)
def test_events_classes_weapons_drills_held_together_are_cooperation(text, sources):
    evs = [e for e in _coded(text) if e.event == "COOPERATE"]
    assert evs and sources <= {a.country for e in evs for a in e.actor}
    assert "MOBILIZE" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Schools in Tokyo held an earthquake evacuation drill on Monday.",
        "The two countries agreed to strengthen security cooperation in the Gulf.",
        "The ministers discussed ways to boost energy security in Europe.",
        "India launched a weather satellite into orbit from Sriharikota.",
    ],
)
def test_events_classes_weapons_no_show_of_force(text):
    assert "MOBILIZE" not in _types(text)


# Protest in other words (round 2, session 9).
@pytest.mark.parametrize(
    "text, source",
    [
        ("Armenians protested outside the government building in Yerevan against the border deal.", "ARM"),
        ("Thousands of Kenyans protested in Nairobi against the finance bill.", "KEN"),
        ("Farmers drove tractors into Paris to protest against cheap imports.", "FRA"),
        ("Argentines banged pots and pans in Buenos Aires against the austerity plan.", "ARG"),
        ("Climate activists threw soup at a Van Gogh painting in London's National Gallery.", "GBR"),
        ("Opposition deputies in Serbia boycotted the session in protest.", "SRB"),
        ("British Airways cabin crew walked out in a dispute over pay.", "GBR"),
    ],
)
def test_events_classes_weapons_protest_in_other_words(text, source):
    assert _has(text, "PROTEST", source)


@pytest.mark.parametrize(
    "text",
    [
        "China protested to Japan over the visit to the Yasukuni shrine.",
        "Russia protested against the expulsion of its diplomats, the foreign ministry said.",
    ],
)
def test_events_classes_weapons_a_government_protest_is_an_accusation(text):
    assert "ACCUSE" in _types(text)
    assert "PROTEST" not in _types(text)


# Relations reduced (round 2, session 9).
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The African Union suspended Gabon after the military takeover.", "IGO", "GAB"),
        ("ECOWAS suspended Mali from all its institutions.", "IGO", "MLI"),
        ("The World Bank paused disbursements to Myanmar after the coup.", "IGO", "MMR"),
        ("Turkey halted all trade with Israel over the war in Gaza.", "TUR", "ISR"),
    ],
)
def test_events_classes_weapons_relations_reduced(text, source, target):
    evs = [e for e in _coded(text) if e.event == "SANCTION"]
    assert evs and any(source in {a.code[:3] for a in e.actor} and target in {a.country for a in e.recipient} for e in evs)
    assert "RETREAT" not in _types(text)


def test_events_classes_weapons_a_war_ended_is_still_a_ceasefire():
    assert "RETREAT" in _types("Azerbaijan and Armenia agreed to end the war over Karabakh, and Baku halted its offensive.")


# Relief handed out, teams sent, money lent and gifts (round 2, session 9).
@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The World Food Programme distributed food parcels and hygiene kits to families in eastern Libya.", None, "LBY"),
        ("Pakistan's army handed out rice and tents to flood victims in Sindh.", "PAK", "PAK"),
        ("Greece sent firefighters and two water-bombing planes to North Macedonia.", "GRC", "MKD"),
        ("The Asian Development Bank lent Sri Lanka $350 million for social programmes.", None, "LKA"),
        ("Japan gifted six patrol boats to the Philippine coast guard.", "JPN", "PHL"),
        ("Cuba received food and medicine from Mexico after the hurricane.", "MEX", "CUB"),
    ],
)
def test_events_classes_weapons_relief_and_gifts_are_aid(text, source, target):
    assert _has(text, "AID", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "Campaigners distributed leaflets to commuters in Warsaw.",
        "The club handed its striker a new four-year contract.",
        "The court handed the former minister a fine of $2 million.",
    ],
)
def test_events_classes_weapons_handing_out_what_is_no_aid(text):
    assert "AID" not in _types(text)


def test_events_classes_weapons_a_sports_body_suspending_a_player_is_no_sanction():
    assert "SANCTION" not in _types("The football league suspended the striker for three matches after his red card.")
