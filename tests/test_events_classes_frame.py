"""Classes of language whose trigger the frame checks used to lose (issue #8, brief `frame`): accusations
carried by what a speaker says, stated intentions to go on cooperating. Sentences written for Accord in
wire style, never taken from an evaluation, dev or blind set."""

from __future__ import annotations

import pytest

from accord.pipeline import code_text

from coded_events import coded as _coded, has as _has, types as _types  # noqa: F401


@pytest.mark.parametrize(
    "text, source, target, mode",
    [
        ("The Iranian foreign ministry said Israel was responsible for the strike on its consulate in Damascus.",
         "IRN", "ISR", "allege"),
        ("Ukraine's foreign minister said Russia was committing war crimes in occupied Kherson.", "UKR", "RUS", "allege"),
        ("Armenia said Azerbaijani forces were carrying out ethnic cleansing in the region.", "ARM", "AZE", "allege"),
        ("Seoul said Pyongyang's missile launch was a provocation.", "KOR", "PRK", "disapprove"),
        ("Moscow said the Georgian government's decision was illegal.", "RUS", "GEO", "disapprove"),
        ("Pakistan's prime minister said the Indian strikes were an act of aggression.", "PAK", "IND", "disapprove"),
    ],
)
def test_events_classes_frame_reported_blame_is_accuse(text, source, target, mode):
    assert _has(text, "ACCUSE", source=source, target=target, mode=mode)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("The European Union said the Belarus election was neither free nor fair.", "EUR", "BLR"),
        ("Washington said the Venezuelan vote was not free and fair.", "USA", "VEN"),
        ("Canada said the Nicaraguan election was not credible.", "CAN", "NIC"),
    ],
)
def test_events_classes_frame_vote_said_not_free_is_accuse(text, source, target):
    events = [e for e in _coded(text) if e.event == "ACCUSE"]
    assert events and target in {a.country for e in events for a in e.recipient}


@pytest.mark.parametrize(
    "text",
    [
        "Japan said the talks with South Korea were useful.",
        "Brazil said the Venezuelan election was free and fair.",
        "The Serbian president said he was not responsible for the unrest in Kosovo.",
        "The Kenyan ministry said the storm was responsible for the power cuts in Mombasa.",
        "Hamas said it was responsible for the rocket fire.",
        "The Indonesian minister did not say Malaysia was responsible for the haze.",
    ],
)
def test_events_classes_frame_praise_denial_and_claims_are_not_accuse(text):
    assert "ACCUSE" not in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Rwandan troops committed atrocities in the eastern Congo, the report said.",
        "Ukraine's foreign minister said Russia was committing war crimes in occupied Kherson.",
        "The Sudanese militia committed abuses against civilians in Darfur.",
    ],
)
def test_events_classes_frame_committing_crimes_is_no_promise(text):
    assert "AGREE" not in _types(text)


def test_events_classes_frame_commit_to_stays_a_promise():
    assert "AGREE" in _types("Germany committed to sending more air defence systems to Ukraine.")


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Japan looks forward to working with the new government of Kenya.", "JPN", "KEN"),
        ("Canada looks forward to continued partnership with Mexico.", "CAN", "MEX"),
        ("The Indian prime minister said he looked forward to meeting the Australian leader in Delhi.", "IND", None),
        ("Chile looked forward to deepening trade ties with Vietnam.", "CHL", None),
    ],
)
def test_events_classes_frame_looking_forward_is_agree(text, source, target):
    assert _has(text, "AGREE", source=source, target=target)


@pytest.mark.parametrize(
    "text",
    [
        "Fans in Buenos Aires look forward to the World Cup final.",
        "Investors look forward to the central bank's decision on rates.",
    ],
)
def test_events_classes_frame_looking_forward_without_a_party_is_nothing(text):
    assert "AGREE" not in _types(text)


def test_events_classes_frame_reaffirmed_goal_is_agree():
    assert _has("President Biden reaffirmed his goal of building a stable relationship with Russia.", "AGREE",
                source="USA")


@pytest.mark.parametrize(
    "text",
    [
        "The ministry warned of floods in the south of the country.",
        "Forecasters in Manila warned about heavy rain along the coast.",
        "The Egyptian central bank warned of rising inflation.",
        "Kenya's health ministry warned about a cholera outbreak in Nairobi.",
    ],
)
def test_events_classes_frame_warning_of_hazards_is_no_threat(text):
    assert "THREATEN" not in _types(text)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Iran warned of a crushing response to any Israeli attack.", "IRN", "ISR"),
        ("Turkey warned Sweden of retaliation over the Koran burning.", "TUR", "SWE"),
        ("The Chinese defence ministry warned of consequences if Manila continued its patrols.", "CHN", "PHL"),
        ("The Kremlin warned that it would respond to the deployment of missiles in Poland.", "RUS", "POL"),
    ],
)
def test_events_classes_frame_warning_of_reprisals_is_threaten(text, source, target):
    events = [e for e in code_text(text, date="2024-05-16").events if e.event == "THREATEN"]
    assert any(source in {a.country for a in e.actor} and target in {a.country for a in e.recipient} for e in events)


def test_events_classes_frame_conjunct_of_a_reported_accusation_is_still_coded():
    types = _types("Canada said the Nicaraguan election was neither free nor fair and refused to recognise the results.")
    assert {"ACCUSE", "REJECT"} <= types
