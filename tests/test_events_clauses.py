"""Clause-rule classes of coder v1's lexicon work: what a complement, a purpose clause or a receiving
verb does to the event, and which words are not current events at all (sentences written for Accord)."""

from __future__ import annotations

import pytest

from accord.pipeline import code_text


def _coded(text: str, date: str = "2024-05-16"):
    return [e for e in code_text(text, date=date).events if not e.negated]


def _types(text: str) -> set[str]:
    return {e.event for e in _coded(text)}


def _dyads(text: str) -> set[tuple]:
    return {
        (e.event, tuple(sorted({a.country for a in e.actor if a.country})),
         tuple(sorted({a.country for a in e.recipient if a.country})))
        for e in _coded(text)
    }


@pytest.mark.parametrize(
    "text",
    [
        "Georgia's opposition agreed to postpone the demonstration planned for Saturday in Tbilisi.",
        "The Bolivian miners' union agreed to call off the strike after the government raised wages.",
        "Kenyan opposition leaders promised to suspend the protests while talks with the government go on.",
    ],
)
def test_events_clauses_calling_off_a_conflict_is_not_a_threat(text):
    assert "THREATEN" not in _types(text)
    assert "AGREE" in _types(text)


@pytest.mark.parametrize(
    "text",
    [
        "Serbian gunners prepared to resume shelling of Sarajevo, United Nations officials said.",
        "Ethiopian troops were preparing to launch a new offensive against Tigrayan forces.",
    ],
)
def test_events_clauses_preparing_an_attack_is_not_a_threat(text):
    events = _coded(text)
    assert "THREATEN" not in {e.event for e in events}
    assert any(e.event == "ASSAULT" and e.intent for e in events)


@pytest.mark.parametrize(
    "text",
    [
        "Bangladesh's main opposition party said it would boycott the general election.",
        "Zimbabwe's opposition will boycott the parliamentary vote, its leader announced.",
    ],
)
def test_events_clauses_announced_boycott_is_a_threat(text):
    events = _coded(text)
    threats = [e for e in events if e.event == "THREATEN"]
    assert threats and threats[0].cameo == "133"
    assert "PROTEST" not in {e.event for e in events}


def test_events_clauses_withdrawing_inspectors_is_not_a_promise():
    events = _coded("The International Atomic Energy Agency will withdraw its inspectors from Iran next week.")
    assert "AGREE" not in {e.event for e in events}
    assert events and events[0].event in ("THREATEN", "SANCTION")


def test_events_clauses_withdrawing_troops_stays_a_retreat():
    assert ("RETREAT", ("RUS",), ("MDA",)) in _dyads("Russia withdrew its troops from Moldova in 2024.")


@pytest.mark.parametrize(
    "text, kept",
    [
        ("Thousands of Chileans marched through Santiago to protest against the pension reform.", "PROTEST"),
        ("Workers began a sit-in outside the Nigerian oil ministry to protest the closure of the refinery.", "PROTEST"),
        ("Farmers blocked roads into Paris demanding lower fuel taxes from the French government.", "PROTEST"),
    ],
)
def test_events_clauses_purpose_of_a_protest_is_not_a_second_event(text, kept):
    types = _types(text)
    assert kept in types
    assert "ACCUSE" not in types and "REQUEST" not in types


def test_events_clauses_summoning_an_envoy_to_protest_is_one_complaint():
    events = _coded("The Chinese foreign ministry summoned the Japanese ambassador to protest the visit.")
    assert [(e.event, e.recipient[0].country) for e in events] == [("ACCUSE", "JPN")]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("The United States faced sharp criticism from France over its new steel tariffs.",
         ("ACCUSE", ("FRA",), ("USA",))),
        ("Japan drew condemnation from China over the prime minister's visit to the shrine.",
         ("ACCUSE", ("CHN",), ("JPN",))),
        ("Turkish troops came under attack by Syrian government forces near Idlib.",
         ("ASSAULT", ("SYR",), ("TUR",))),
        ("Ukraine received fresh military aid from Norway on Monday.", ("AID", ("NOR",), ("UKR",))),
    ],
)
def test_events_clauses_receiving_verbs_reverse_the_roles(text, expected):
    assert expected in _dyads(text)


def test_events_clauses_receiving_observers_is_the_hosts_act():
    dyads = _dyads("Kyrgyzstan received a mission of observers from the OSCE ahead of the election.")
    assert not any(d[0] == "RETREAT" and d[2] == ("KGZ",) for d in dyads)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Egyptian troops arrived in Sudan on Monday.", ("MOBILIZE", ("EGY",), ("SDN",))),
        ("Israel lifted its blockade of the Gaza Strip on Tuesday.", ("RETREAT", ("ISR",), ("PSE",))),
        ("Saudi jets launched air strikes on Houthi positions in Yemen.", ("ASSAULT", ("SAU",), ("YEM",))),
        ("Hundreds of Iraqi soldiers surrendered to American forces near Basra.", ("RETREAT", ("IRQ",), ("USA",))),
        ("The United States defended Israel at the UN Security Council on Friday.", ("SUPPORT", ("USA",), ("ISR",))),
        ("The International Court of Justice ordered Israel to halt its offensive in Rafah.",
         ("REQUEST", ("IGO",), ("ISR",))),
        ("Poland pledged its full support to Moldova during the crisis.", ("SUPPORT", ("POL",), ("MDA",))),
        ("The Indian prime minister paid tribute to Japan's former leader in Tokyo.", ("SUPPORT", ("IND",), ("JPN",))),
        ("Ukraine and Russia exchanged dozens of prisoners on Friday.", ("RETREAT", ("RUS", "UKR"), ())),
        ("Ghana sent condolences to Morocco after the earthquake.", ("SUPPORT", ("GHA",), ("MAR",))),
    ],
)
def test_events_clauses_everyday_news_verbs(text, expected):
    assert expected in _dyads(text)


def test_events_clauses_troops_arriving_is_not_a_visit():
    assert "CONSULT" not in _types("Egyptian troops arrived in Sudan on Monday.")


def test_events_clauses_welcome_is_not_a_visit():
    events = _coded("Ghana welcomed the release of the detained journalists by Burkina Faso.")
    assert "CONSULT" not in {e.event for e in events}


def test_events_clauses_ordering_own_troops_codes_their_act():
    dyads = _dyads("Russia ordered its troops to withdraw from the border with Ukraine.")
    assert ("RETREAT", ("RUS",), ("UKR",)) in dyads
    assert not any(d[0] == "REQUEST" for d in dyads)


@pytest.mark.parametrize(
    "text",
    [
        "Read more: Russia launches missile attack on Ukrainian ports.",
        "Related: US imposes new sanctions on Iranian oil exports.",
        "Photo: Israeli soldiers raid a refugee camp in Jenin.",
        "Copyright 2024 Accord News. All rights reserved.",
        "Click here to read more stories about the war between Russia and Ukraine.",
    ],
)
def test_events_clauses_page_boilerplate_is_not_news(text):
    assert _coded(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "In 1982, Argentina invaded the Falkland Islands, sparking a brief war with Britain.",
        "Back in 2003, American troops invaded Iraq and toppled its government.",
        "India and Pakistan have fought three wars since independence in 1947.",
    ],
)
def test_events_clauses_historical_background_is_not_current(text):
    assert _coded(text) == []


def test_events_clauses_merged_restatement_keeps_the_recipient():
    """A verb and the participle that restates it are one event; the recipient named by either is kept."""
    events = [e for e in _coded("Armenia filed a lawsuit in The Hague, accusing Azerbaijan of ethnic cleansing.")
              if e.event == "ACCUSE"]
    assert len(events) == 1
    assert [a.country for a in events[0].recipient] == ["AZE"]


@pytest.mark.parametrize("text, absent", [
    ("Kenya turned down a British request to question the suspects held in Mombasa.", "ACCUSE"),
    ("Egypt welcomed a Qatari offer to host talks between the two factions.", "CONSULT"),
    ("The opposition unveiled a plan to stage strikes across the country next month.", "PROTEST"),
])
def test_events_clauses_what_a_request_offer_or_plan_asks_for_has_not_happened(text, absent):
    from accord.pipeline import code_text

    events = code_text(text, "2024-03-01").events
    assert absent not in [e.event for e in events if not e.intent]
