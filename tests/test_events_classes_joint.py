"""A joint act done by two or more countries together (issue #8, round 2 session 10): its recipient is a
further party only when the act is done with it or to it. Sentences written for Accord in wire style, never
taken from an evaluation, dev or blind set or from the corpus."""

from __future__ import annotations

import pytest

from coded_events import coded as _coded


def _one(text: str, event: str):
    found = [e for e in _coded(text) if e.event == event]
    assert found, f"no {event} in {text!r}"
    return found[0]


def _countries(side) -> set[str]:
    return {a.country for a in side if a.country}


@pytest.mark.parametrize(
    "text, event, sources",
    [
        # a broker of what they agree to is no party to it
        ("Israel and Hamas agreed to a ceasefire brokered by Egypt and Qatar.", "AGREE", {"ISR", "PSE"}),
        ("Sudan and South Sudan accepted a border deal mediated by the African Union.", "AGREE", {"SDN", "SSD"}),
        # the people or goods exchanged are not the recipient
        ("Armenia and Azerbaijan agreed to exchange prisoners, the Russian foreign ministry said.", "AGREE", {"ARM", "AZE"}),
        # drills held near a border are not held with the neighbour
        ("The United States and South Korea held joint drills near the border with North Korea.", "COOPERATE",
         {"USA", "KOR"}),
    ],
)
def test_events_classes_joint_act_has_no_third_party_recipient(text, event, sources):
    e = _one(text, event)
    assert sources <= _countries(e.actor)
    assert not e.recipient


@pytest.mark.parametrize(
    "text, event, sources, target",
    [
        ("Russia and China held naval drills with Iran in the Gulf of Oman.", "COOPERATE", {"RUS", "CHN"}, "IRN"),
        ("France and Germany signed a defence pact with Poland on Tuesday.", "AGREE", {"FRA", "DEU"}, "POL"),
        ("The defence ministers of Egypt and Jordan met their Iraqi counterpart in Baghdad on Sunday.", "CONSULT",
         {"EGY", "JOR"}, "IRQ"),
    ],
)
def test_events_classes_joint_act_done_with_a_party_keeps_it(text, event, sources, target):
    e = _one(text, event)
    assert sources <= _countries(e.actor)
    assert target in _countries(e.recipient)


def test_events_classes_joint_act_of_one_country_is_unchanged():
    # sides of one country are not a joint subject of two: a single-source act keeps its recipient
    e = _one("Ukraine agreed to a ceasefire proposed by Turkey.", "AGREE")
    assert _countries(e.recipient) == {"TUR"}
