"""Classes of lost events covered by branch `lost9` (issue #8; docs/LEXICON.md, "Lost events, round 2
session 9"): each test is a class, with sentences written for Accord in wire style, never taken from an
evaluation, dev or blind set or from the corpus."""

from __future__ import annotations

import pytest

from accord.events import flags
from accord.nlp.pipeline import load_nlp
from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


def _count(text: str, event: str) -> int:
    return sum(1 for e in _coded(text) if e.event == event)


# --------------------------------------------------------------- two coordinated acts of one type


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("Poland expelled three Belarusian diplomats and imposed sanctions on two Belarusian state companies.",
         "SANCTION", "POL", "BLR"),
        ("Kenyan police raided the offices of an opposition newspaper and arrested its editor in Nairobi.",
         "COERCE", "KEN", "KEN"),
        ("Chile's president thanked Argentina for its firefighting planes and praised Buenos Aires for its quick response.",
         "SUPPORT", "CHL", "ARG"),
        ("Ukrainian drones hit an oil depot in Russia's Bryansk region and struck an airfield near Kursk.",
         "ASSAULT", "UKR", "RUS"),
        ("Japan froze the assets of two North Korean banks and banned all imports from North Korea.",
         "SANCTION", "JPN", "PRK"),
    ],
)
def test_events_classes_lost9_coordinated_acts_of_one_type_are_two_events(text, event, source, target, monkeypatch):
    # The default merge still joins them (coder.SEPARATE_COORDINATED_ACTS is off: it took lexicon_blind3 under
    # its floors); the act is coded with its sides either way, and the separation is two events when switched on.
    assert _count(text, event) == 1
    assert _has(text, event, source, target)
    from accord.events import coder

    monkeypatch.setattr(coder, "SEPARATE_COORDINATED_ACTS", True)
    assert _count(text, event) == 2
    assert _has(text, event, source, target)


@pytest.mark.parametrize(
    "text, event",
    [
        # a verb and its own event noun: one act
        ("Britain imposed sanctions on Iranian generals over the drone deliveries.", "SANCTION"),
        # a participle restating its verb: one act
        ("Russian forces attacked Kharkiv, shelling residential districts for hours.", "ASSAULT"),
        # the same verb twice is left to the merge as before
        ("Turkey condemned the raid and condemned the arrests in the strongest terms.", "ACCUSE"),
    ],
)
def test_events_classes_lost9_one_act_in_two_words_stays_one_event(text, event):
    assert _count(text, event) <= 1


def test_events_classes_lost9_coordinated_private_acts_stay_nothing():
    assert not _coded("The carmaker recalled 80,000 vehicles and shut two assembly plants in Ohio.")


# --------------------------------------------------------------- an accusation participle after an act


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Latvia expelled a Russian diplomat, accusing Moscow of spying on its military bases.", "LVA", "RUS"),
        ("Senegal closed its border with Mali, blaming Malian troops for a cross-border raid.", "SEN", "MLI"),
        ("Jordan recalled its ambassador from Tel Aviv, accusing Israel of blocking aid to Gaza.", "JOR", "ISR"),
        ("Protesters set fire to the Swedish embassy in Baghdad, accusing Sweden of allowing the burning of a Koran.",
         "IRQ", "SWE"),
    ],
)
def test_events_classes_lost9_accusation_participle_of_an_act_is_an_accusation(text, source, target):
    assert _has(text, "ACCUSE", source, target)


def test_events_classes_lost9_the_act_is_still_coded_beside_the_accusation():
    text = "Latvia expelled a Russian diplomat, accusing Moscow of spying on its military bases."
    assert _has(text, "SANCTION", "LVA", "RUS")


@pytest.mark.parametrize(
    "text",
    [
        "The coach left the stadium early, blaming the referee for the defeat.",
        "The airline grounded its fleet on Monday, blaming a software fault.",
    ],
)
def test_events_classes_lost9_private_blame_participles_are_nothing(text):
    assert "ACCUSE" not in _types(text)


def test_events_classes_lost9_demand_participle_of_a_protest_is_still_carried_by_the_protest():
    text = "Thousands of Chilean students marched through Santiago demanding free university education."
    assert "PROTEST" in _types(text)
    assert "REQUEST" not in _types(text)


# --------------------------------------------------------------- a finite coordinate of a negated or modal verb


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Caracas said it had not closed the border and accused Colombia of harbouring paramilitaries.", "VEN", "COL"),
        ("The Sudanese army denied that its soldiers had shelled the camp and blamed the Rapid Support Forces for the attack.",
         "SDN", "SDN"),
        ("Egypt's foreign minister said Cairo would not accept the dam plan and criticised Ethiopia for acting alone.",
         "EGY", "ETH"),
        ("The Iranian foreign ministry said Tehran would never negotiate under pressure and condemned the new US sanctions.",
         "IRN", "USA"),
    ],
)
def test_events_classes_lost9_finite_coordinate_keeps_no_negation_of_its_neighbour(text, source, target):
    assert _has(text, "ACCUSE", source, target)


def test_events_classes_lost9_finite_coordinate_is_not_announced():
    text = "Seoul said it would not send troops to Ukraine and summoned the Russian ambassador."
    evs = [e for e in _coded(text) if e.event == "ACCUSE"]
    assert evs and not evs[0].intent


@pytest.mark.parametrize(
    "text, event",
    [
        ("Russia did not attack the convoy or shell the town, the ministry said.", "ASSAULT"),
        ("Japan will not send troops or supply weapons to the region.", "AID"),
        ("The rebels have not withdrawn from the town or handed over their weapons, Congolese officials said.", "RETREAT"),
    ],
)
def test_events_classes_lost9_shared_auxiliary_still_negates_both_verbs(text, event):
    assert event not in _types(text)


def test_events_classes_lost9_finite_coordinate_reads_the_forms():
    nlp = load_nlp()
    doc = nlp("Tehran said it had never threatened shipping and blamed the United States for the tension.")
    blamed = next(t for t in doc if t.lower_ == "blamed")
    assert flags.finite_coordinate(blamed)
    assert not flags.is_negated(blamed)
    doc = nlp("Iran did not meet or talk with the envoy.")
    talk = next(t for t in doc if t.lower_ == "talk")
    assert not flags.finite_coordinate(talk)
    assert flags.is_negated(talk)


def test_events_classes_lost9_a_perfect_shares_its_auxiliary_unless_negated():
    nlp = load_nlp()
    doc = nlp("Nepal has restored diplomatic ties with Qatar and opened an embassy in Doha.")
    opened = next(t for t in doc if t.lower_ == "opened")
    assert not flags.finite_coordinate(opened)


def test_events_classes_lost9_the_charge_behind_an_arrest_is_carried_by_the_arrest():
    text = "Police in Karachi arrested a local businessman, accusing him of financing militants."
    assert "COERCE" in _types(text)
    assert "ACCUSE" not in _types(text)


def test_events_classes_lost9_a_denunciation_by_marchers_is_their_protest_message():
    text = "Thousands of Georgians marched through Tbilisi, denouncing the foreign agents law."
    assert "ACCUSE" not in _types(text)
