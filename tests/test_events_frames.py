"""Frames in which a trigger is no political event (accord.events.frames, data/frames.yaml; branch `prec`):
each test is a class, with sentences written for Accord in wire style, never taken from an evaluation or
blind set. Beside each guard, sentences of the same words that stay events."""

from __future__ import annotations

import pytest

from coded_events import has as _has, types as _types  # noqa: F401
from accord.events.frames import frames


def test_events_frames_data_loads():
    f = frames()
    assert "BUS" in f.private_source_sectors and "crash" in f.accident_verbs
    assert f.sport_cues.search("a world championship qualifier")


@pytest.mark.parametrize(
    "text",
    [
        "Volkswagen agreed to buy a majority stake in an American software start-up for $5 billion.",
        "Siemens signed a ten-year maintenance contract with a Brazilian railway operator.",
        "Apple sued a Chinese phone maker in a California court over patent infringement.",
        "Two French banks held talks on a possible merger in Paris on Tuesday.",
        "Unilever threatened to stop supplying a British retail chain over unpaid invoices.",
    ],
)
def test_events_frames_deals_between_companies_are_not_events(text):
    assert _types(text) == set()


@pytest.mark.parametrize(
    "text, event, target",
    [
        ("Huawei sued the US government over a ban on its equipment.", "ACCUSE", "USA"),
        ("Shell signed a deal with Nigeria to develop an offshore gas field.", "AGREE", "NGA"),
    ],
)
def test_events_frames_a_company_facing_a_state_stays_an_event(text, event, target):
    assert _has(text, event, target=target)


def test_events_frames_criminals_freeing_a_hostage_is_no_release():
    assert "RETREAT" not in _types("Kidnappers freed a pastor in Kaduna after his church paid a ransom.")


def test_events_frames_cartel_attack_on_soldiers_stays_an_assault():
    assert _has("Cartel gunmen ambushed a convoy of Mexican soldiers in Michoacan.", "ASSAULT", target="MEX")


@pytest.mark.parametrize(
    "text",
    [
        "A court in Lyon sentenced a former accountant to five years in prison for embezzling company funds.",
        "A judge in Leeds jailed a removal man for four years for stealing from elderly clients.",
    ],
)
def test_events_frames_sentences_for_common_crime_are_not_sanctions(text):
    assert "SANCTION" not in _types(text)


def test_events_frames_jailing_a_journalist_stays_a_sanction():
    assert "SANCTION" in _types('A court in Minsk jailed a journalist for eight years for "extremism".')


@pytest.mark.parametrize(
    "text",
    [
        "A helicopter crashed into a hillside in northern Italy, killing all four people on board.",
        "A tourist bus plunged into a ravine in the Andes, killing 20 passengers.",
        "A ferry capsized on Lake Victoria, drowning at least 11 people.",
    ],
)
def test_events_frames_casualties_of_accidents_are_no_assault(text):
    assert "ASSAULT" not in _types(text)


def test_events_frames_casualties_of_shelling_stay_an_assault():
    assert _has("Russian forces shelled Kharkiv overnight, killing three civilians.", "ASSAULT", "RUS", "UKR")


@pytest.mark.parametrize(
    "text",
    [
        "France knocked Portugal out of the World Championship in a penalty shoot-out.",
        "Arsenal signed the Nigerian winger on a four-year contract.",
        "Italy's football federation banned the midfielder for ten months for betting.",
        "The national athletics federation suspended two sprinters over doping violations.",
    ],
)
def test_events_frames_club_and_federation_business_is_not_an_event(text):
    assert _types(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Some diplomats believe Russia might accept a ceasefire before the winter.",
        "Officials in Brussels expect that Hungary could veto the package again.",
    ],
)
def test_events_frames_what_someone_believes_could_happen_is_not_coded(text):
    assert _types(text) == set()


def test_events_frames_commentators_opinions_are_no_demands():
    assert _types("Commentators in Manila argued that China should withdraw its ships from the shoal.") == set()


def test_events_frames_a_minister_demanding_stays_a_request():
    assert "REQUEST" in _types("Japan's foreign minister said China must release the detained businessman.")


@pytest.mark.parametrize(
    "text, target",
    [
        ("The United States sanctioned two Iranian firms for selling drones to Russia.", "IRN"),
        ("Britain blacklisted a Syrian bank for financing militias loyal to the government.", "SYR"),
    ],
)
def test_events_frames_the_conduct_penalised_is_not_a_second_event(text, target):
    assert _types(text) == {"SANCTION"}
    assert _has(text, "SANCTION", target=target)
