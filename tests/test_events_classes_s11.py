"""Classes covered in round 2, session 11 (issue #8; docs/LEXICON.md, "Round 2, session 11"): each test is a
class, with sentences written for Accord in wire style, never taken from an evaluation, dev or blind set or from
the corpus."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


# --------------------------------------------------------------- a contact a clause is set in


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("In a telephone call with Emmanuel Macron, Recep Tayyip Erdogan said Turkey would keep the straits open.",
         "TUR", "FRA"),
        ("Olaf Scholz told Narendra Modi in a phone call that Germany wanted closer defence ties.", "DEU", "IND"),
        ("During a video call with Fumio Kishida, Anthony Albanese stressed the need for stability in the Pacific.",
         "AUS", "JPN"),
        ("During talks with his Saudi counterpart, the Iranian foreign minister called for calm in Yemen.", "IRN", "SAU"),
    ],
)
def test_events_classes_s11_a_contact_the_clause_is_set_in_is_coded(text, source, target):
    assert _has(text, "CONSULT", source, target)


def test_events_classes_s11_a_demand_made_in_a_call_stays_a_demand():
    text = "In a telephone conversation with Benjamin Netanyahu, Joe Biden called for a pause in the fighting."
    assert _has(text, "CONSULT", "USA", "ISR", mode="phone")
    assert _has(text, "REQUEST", "USA")


@pytest.mark.parametrize(
    "text",
    [
        "Israel agreed to Egyptian mediation in the prisoner talks with Hamas, an official said.",
        "After the talks in Vienna, the delegates flew home without a deal.",
        "In a meeting with students, the president said the economy was recovering.",
    ],
)
def test_events_classes_s11_talks_named_or_passed_are_no_setting(text):
    assert not any(e.event == "CONSULT" and e.trigger == "talks" for e in _coded(text))


# --------------------------------------------------------------- briefing a party


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Keir Starmer briefed Volodymyr Zelensky on the outcome of the Washington meeting.", "GBR", "UKR"),
        ("Japan's foreign minister updated his South Korean counterpart on the talks with Beijing.", "JPN", "KOR"),
        ("Moscow informed Washington of the planned missile test through the risk reduction centre.", "RUS", "USA"),
    ],
)
def test_events_classes_s11_briefing_a_party_is_contact(text, source, target):
    assert _has(text, "CONSULT", source, target)


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon spokesman briefed reporters on the drills in the Baltic.",
        "The French interior ministry informed the public that the roads would reopen on Monday.",
    ],
)
def test_events_classes_s11_briefing_the_press_or_public_is_no_contact(text):
    assert "CONSULT" not in _types(text)


def test_events_classes_s11_a_counterpart_is_of_another_country():
    # the bare "foreign minister" takes no country from the counterpart's adjective or the place
    for e in _coded("The foreign minister met his Brazilian counterpart in Brasilia."):
        assert "BRA" not in {a.country for a in e.actor}


# --------------------------------------------------------------- disinformation


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Russia spread disinformation about the referendum in Moldova, the EU said.", "RUS", "MDA"),
        ("Chinese state-backed accounts ran an influence campaign against the Philippines over the shoal.", "CHN", "PHL"),
        ("Iranian operatives posted fabricated videos about Israeli soldiers on social media.", "IRN", None),
    ],
)
def test_events_classes_s11_disinformation_is_coercion(text, source, target):
    assert _has(text, "COERCE", source, target, mode="misinformation")


@pytest.mark.parametrize(
    "text",
    [
        "The European Commission launched a campaign against disinformation ahead of the elections.",
        "NATO set up a unit to counter Russian propaganda in the Baltic states.",
        "A study found that false stories spread faster than true ones on social media.",
    ],
)
def test_events_classes_s11_fighting_disinformation_is_no_disinformation(text):
    assert not any(e.mode == "misinformation" for e in _coded(text))


# --------------------------------------------------------------- forces moved, in the passive


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Several hundred Belarusian special forces were flown to Russia for joint training.", "BLR", "RUS"),
        ("Two more Italian frigates were sent to the Red Sea after the attacks on shipping.", "ITA", None),
        ("Thousands of Indian soldiers were rushed to Ladakh after the clash.", "IND", None),
    ],
)
def test_events_classes_s11_forces_moved_in_the_passive_are_their_owners(text, source, target):
    assert _has(text, "MOBILIZE", source, target)


def test_events_classes_s11_people_moved_are_no_deployment():
    assert "MOBILIZE" not in _types("The injured climber was flown to a hospital in Kathmandu.")


def test_events_classes_s11_a_passive_agent_decides_the_entry():
    # the by-agent is who acts: farmers blocking exports protest, as in the active
    text = "Hungarian grain imports were being blocked by Slovak farmers at two crossings."
    assert "SANCTION" not in _types(text)


def test_events_classes_s11_a_launch_that_struck_is_an_attack():
    text = "Kyiv said the missile that struck the power plant on Friday was fired by Russia."
    assert _has(text, "ASSAULT", "RUS")
    assert "MOBILIZE" not in _types(text)


def test_events_classes_s11_a_test_launch_stays_a_test():
    assert _has("North Korea fired a ballistic missile that landed in the sea off its east coast.", "MOBILIZE", "PRK")


# --------------------------------------------------------------- headlines


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("Azerbaijan masses troops on Armenian border", "MOBILIZE", "AZE", "ARM"),
        ("Israel shells Hezbollah positions in southern Lebanon", "ASSAULT", "ISR", "LBN"),
    ],
)
def test_events_classes_s11_headline_verbs(text, event, source, target):
    assert _has(text, event, source, target)


def test_events_classes_s11_the_masses_are_still_people():
    assert "MOBILIZE" not in _types("The masses marched on the palace to demand the king's abdication.")


# --------------------------------------------------------------- acts done together


@pytest.mark.parametrize(
    "text, sources",
    [
        ("Nepal and India jointly inaugurated a cross-border petroleum pipeline.", {"NPL", "IND"}),
        ("Italian and Tunisian coast guards searched together for the missing fishermen.", {"ITA", "TUN"}),
        ("Dutch and Belgian police jointly dismantled a cocaine network in Antwerp.", {"NLD", "BEL"}),
    ],
)
def test_events_classes_s11_material_acts_done_together_are_cooperation(text, sources):
    assert any(e.event == "COOPERATE" and sources <= {a.country for a in e.actor} for e in _coded(text))


def test_events_classes_s11_an_act_planned_together_stays_the_joint_act():
    events = [e for e in _coded("Spain and Portugal will jointly build a high-speed rail link.") if e.event != "SUPPORT"]
    assert any(e.event == "COOPERATE" and e.intent for e in events)


def test_events_classes_s11_together_needs_a_partner():
    assert "COOPERATE" not in _types("The two brothers built the house together in the village.")


def test_events_classes_s11_a_joint_statement_keeps_its_type():
    assert _has("Kenya and Uganda jointly condemned the attack on the border post.", "ACCUSE")


# --------------------------------------------------------------- parties let through


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Sudan's army allowed a World Food Programme convoy to enter El Fasher.", "SDN", "IGO"),
        ("Armenia let a group of Russian monitors cross into the Lachin corridor.", "ARM", "RUS"),
    ],
)
def test_events_classes_s11_a_party_let_through_is_access(text, source, target):
    assert _has(text, "RETREAT", source, target, mode="access")


def test_events_classes_s11_a_rule_that_allows_is_no_access():
    assert not any(e.mode == "access" for e in _coded("The new regulation allows lorries to cross at night."))


# --------------------------------------------------------------- demands that are no request of their own


@pytest.mark.parametrize(
    "text",
    [
        "Teachers in Nigeria walked off the job to demand unpaid salaries.",
        "Thousands marched through Sofia demanding the resignation of the prosecutor general.",
    ],
)
def test_events_classes_s11_a_protest_purpose_is_no_separate_request(text):
    assert "PROTEST" in _types(text)
    assert "REQUEST" not in _types(text)


def test_events_classes_s11_a_demand_met_is_background():
    text = "Malaysia freed the detained activists, a step rights groups had long demanded."
    assert "RETREAT" in _types(text)
    assert "REQUEST" not in _types(text)


def test_events_classes_s11_a_demand_is_still_a_request():
    assert _has("Protesters in Yerevan demanded that the prime minister resign.", "REQUEST", "ARM")


# --------------------------------------------------------------- hackers and coups


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Russian hackers infiltrated the email servers of the Czech foreign ministry.", "RUS", "CZE"),
        ("North Korean hackers stole $40 million from a Japanese crypto exchange.", "PRK", None),
    ],
)
def test_events_classes_s11_hackers_acts_are_cyber(text, source, target):
    assert _has(text, "COERCE", source, target, mode="cyber")


@pytest.mark.parametrize(
    "text, country",
    [
        ("Niger's presidential guard seized power on Wednesday night.", "NER"),
        ("Soldiers in Gabon declared a coup minutes after the election results were announced.", "GAB"),
    ],
)
def test_events_classes_s11_power_seized_is_coercion(text, country):
    assert _has(text, "COERCE", country, mode="seize")


def test_events_classes_s11_power_taken_after_an_election_is_no_coup():
    assert not any(e.mode == "seize" for e in _coded("The new prime minister took power in March."))


# --------------------------------------------------------------- at someone's request


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Kenya sent 400 police officers to Haiti at the Haitian government's request.", "HTI", "KEN"),
        ("Belgian prosecutors froze the assets at the request of Brazil.", "BRA", "BEL"),
    ],
)
def test_events_classes_s11_an_act_at_a_request_codes_the_request(text, source, target):
    assert _has(text, "REQUEST", source, target)


def test_events_classes_s11_the_requester_is_not_the_acts_recipient():
    assert not any(e.event == "SANCTION" and "BRA" in {a.country for a in e.recipient}
                   for e in _coded("Belgian prosecutors froze the assets at the request of Brazil."))


# --------------------------------------------------------------- joining a protest, going back to the streets


@pytest.mark.parametrize(
    "text",
    [
        "Tens of thousands of Chileans joined the protests against the pension law.",
        "Junior doctors joined the picket lines outside hospitals in Manchester.",
        "Demonstrators in Tbilisi returned to the streets for a tenth night.",
    ],
)
def test_events_classes_s11_joining_a_protest_is_a_protest(text):
    assert "PROTEST" in _types(text)


def test_events_classes_s11_joining_air_strikes_is_no_protest():
    assert "PROTEST" not in _types("Australia joined the US air strikes on Islamic State positions in Iraq.")


# --------------------------------------------------------------- linking a party to a crime, designations


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The Netherlands linked Russian military intelligence to the hacking of the chemical weapons watchdog.",
         "NLD", "RUS"),
        ("Germany tied Iranian agents to the arson attack on a synagogue in Bochum.", "DEU", "IRN"),
    ],
)
def test_events_classes_s11_a_party_linked_to_a_crime_is_accused(text, source, target):
    assert _has(text, "ACCUSE", source, target)


def test_events_classes_s11_linking_places_or_causes_is_no_accusation():
    assert "ACCUSE" not in _types("A new railway will link the Ethiopian capital to the port of Djibouti.")


def test_events_classes_s11_a_state_designated_an_enemy_is_accused():
    assert _has("Latvia's parliament declared Russia a state sponsor of terrorism.", "ACCUSE", "LVA", "RUS")


def test_events_classes_s11_a_group_designated_terrorist_is_sanctioned():
    assert _has("Canada designated the Iranian Revolutionary Guards a terrorist organisation.", "SANCTION", "CAN", "IRN")


# --------------------------------------------------------------- an offensive pressed


@pytest.mark.parametrize(
    "text, source",
    [
        ("Artillery fire struck Bakhmut overnight as Russian troops pressed their offensive in the east.", "RUS"),
        ("Israeli forces pushed ahead with their assault on Khan Younis, residents said.", "ISR"),
    ],
)
def test_events_classes_s11_an_offensive_pressed_is_fighting(text, source):
    assert _has(text, "ASSAULT", source)


def test_events_classes_s11_a_sales_offensive_is_no_fighting():
    assert "ASSAULT" not in _types("The carmaker pressed its sales offensive in Southeast Asia.")
