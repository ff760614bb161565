"""Classes of language covered by the lexicon v2 work (docs/LEXICON.md, "v2 classes"): each test is a
class, with sentences written for Accord in wire style, never taken from an evaluation set."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The Dutch government returned 478 bronze sculptures to Nigeria at a ceremony in Lagos.", "NLD", "NGA"),
        ("Germany handed back dozens of looted manuscripts to Mali.", "DEU", "MLI"),
        ("Belarus announced the release of three Lithuanian nationals held since August.", "BLR", "LTU"),
    ],
)
def test_events_classes_restitution_and_release_are_retreat(text, source, target):
    assert _has(text, "RETREAT", source, target)


def test_events_classes_returning_home_is_not_restitution():
    assert "RETREAT" not in _types("Chile's foreign minister returned to Santiago after talks in Lima.")


@pytest.mark.parametrize(
    "text",
    [
        "The Mozambican government announced a cease-fire with the insurgents in Cabo Delgado.",
        "Colombia's president declared a cessation of hostilities with the armed groups in Cauca.",
    ],
)
def test_events_classes_declared_ceasefires_and_hyphenated_nouns(text):
    assert "RETREAT" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Maoist rebels violated the truce by attacking a police post in Chhattisgarh.",
        "Monitors said both armies breached the ceasefire along the Line of Control overnight.",
    ],
)
def test_events_classes_ceasefire_violations_are_assaults(text):
    types = _types(text)
    assert "ASSAULT" in types and "REJECT" not in types


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Nepal deployed 800 peacekeepers to South Sudan under the UN mission.", "NPL", "SSD"),
        ("A first contingent of Burundian peacekeepers arrived in Mogadishu on Tuesday.", "BDI", None),
        ("Jordan opened its borders to refugees fleeing the fighting in Syria.", "JOR", None),
    ],
)
def test_events_classes_peacekeeping_and_refuge_are_aid(text, source, target):
    assert _has(text, "AID", source, target)
    assert "MOBILIZE" not in _types(text) and "CONSULT" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Washington cut tariffs on Vietnamese shrimp by half.",
        "India lowered import duties on American almonds and walnuts.",
    ],
)
def test_events_classes_cutting_tariffs_is_a_concession(text):
    types = _types(text)
    assert "CONCEDE" in types and "SANCTION" not in types


def test_events_classes_cancelling_a_visit():
    assert _has("Japan's foreign minister cancelled a planned visit to Seoul.", "REJECT", "JPN", "KOR")
    assert _has("Denmark cancelled a visit by the Iranian foreign minister.", "SANCTION", "DNK", "IRN")


@pytest.mark.parametrize(
    "text, event",
    [
        ("Brazil's president launched a blistering attack on the central bank's governor.", "ACCUSE"),
        ("The Indonesian government ordered an investigation into the stampede at the stadium.", "ACCUSE"),
        ("A court in Lagos ordered the newspaper to suspend publication for two weeks.", "COERCE"),
        ("A judge in Madrid ordered three former ministers jailed pending trial.", "COERCE"),
    ],
)
def test_events_classes_verbal_attacks_and_binding_orders(text, event):
    types = _types(text)
    assert event in types
    assert "ASSAULT" not in types and "REQUEST" not in types


@pytest.mark.parametrize(
    "text",
    [
        "The nurses' union in Zimbabwe said it would not end the strike until salaries are paid in US dollars.",
        "The provincial governor did not give permission for the opposition rally in Peshawar.",
    ],
)
def test_events_classes_withholding_a_concession_is_a_rejection(text):
    assert "REJECT" in _types(text)


def test_events_classes_calling_off_a_strike_is_a_concession():
    assert _has("Argentina's truck drivers called off the strike after the government cut fuel taxes.", "CONCEDE", "ARG")


@pytest.mark.parametrize(
    "text",
    [
        "Floods in northern Bangladesh killed at least 40 people this week.",
        "Heavy snowfall triggered avalanches in the Afghan province of Nuristan, killing 25 villagers.",
        "Police said the fire that killed 30 people at the market in Kano was caused by a gas leak.",
    ],
)
def test_events_classes_disaster_casualties_are_not_attacks(text):
    assert "ASSAULT" not in _types(text)


def test_events_classes_bombing_casualties_stay_attacks():
    assert "ASSAULT" in _types("A roadside bomb killed four Malian soldiers near Gao on Monday.")


@pytest.mark.parametrize(
    "text, absent",
    [
        # the antecedent of a condition
        ("The Afghan government said it would release the prisoners only if the Taliban agreed to a ceasefire.", "AGREE"),
        # a participle describing a noun, naming no actor
        ("Police in Dhaka questioned three men armed with knives outside the court.", "AID"),
        # what someone is capable of doing
        ("Officials said the group was capable of launching missile attacks on Riyadh.", "ASSAULT"),
        # fighting an abstraction
        ("Vietnam vowed to fight corruption in the state-owned banks.", "ASSAULT"),
        # a participle used as a noun
        ("Red Cross teams evacuated the wounded from the besieged town of Tal Afar.", "ASSAULT"),
    ],
)
def test_events_classes_non_event_readings(text, absent):
    assert absent not in _types(text)


def test_events_classes_agent_participle_keeps_its_actor():
    assert _has("Sudan and South Sudan signed a border deal brokered by Egypt.", "CONSULT", "EGY")


def test_events_classes_internal_session_is_not_a_consultation():
    assert "CONSULT" not in _types("Spain's cabinet met on Tuesday to approve the draft budget.")
    assert "CONSULT" in _types("Greek and Turkish diplomats met in Athens on Tuesday.")


@pytest.mark.parametrize(
    "text",
    [
        "Saudi Arabia mobilised support among Arab states for the Palestinian bid.",
        "The ruling party mobilised voters across the north ahead of the runoff.",
    ],
)
def test_events_classes_mobilising_support_is_not_mobilising_forces(text):
    assert "MOBILIZE" not in _types(text)


def test_events_classes_mobilising_armed_groups_is():
    assert "MOBILIZE" in _types("Libya's government in Tripoli mobilised armed groups from Zawiya against the eastern forces.")


@pytest.mark.parametrize(
    "text, source",
    [
        ("Iraqi troops took over the town of Sinjar after Kurdish fighters withdrew.", "IRQ"),
        ("Somali forces pushed al-Shabaab fighters out of the town of Mahas.", "SOM"),
    ],
)
def test_events_classes_military_takeover_is_assault(text, source):
    assert _has(text, "ASSAULT", source)


def test_events_classes_hyphenated_modifier_is_not_its_last_word():
    # "Iran-backed" must not read as "strike back" (a threat)
    types = _types("US jets struck Iran-backed militia positions in eastern Syria on Friday.")
    assert "ASSAULT" in types and "THREATEN" not in types
