"""The event coder on realistic sentences: types, roles from syntax, flags, dates, places, evidence."""

from __future__ import annotations

import pytest

from accord.pipeline import code_text


def _events(text: str, date: str = "2024-05-16", title: str | None = None):
    return code_text(text, date=date, title=title).events


def _triples(events, include_negated: bool = False):
    return {
        (e.event, tuple(sorted({a.country for a in e.actor if a.country})), tuple(sorted({a.country for a in e.recipient if a.country})))
        for e in events
        if include_negated or not e.negated
    }


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russian President Vladimir Putin met Chinese President Xi Jinping in Beijing on Thursday.",
         ("CONSULT", ("RUS",), ("CHN",))),
        ("Japan and Australia held talks on maritime security in Tokyo.", ("CONSULT", ("AUS", "JPN"), ())),
        ("The European Union imposed new sanctions on Belarus over the crackdown.", ("SANCTION", ("IGO",), ("BLR",))),
        ("Germany expelled two Russian diplomats on Monday.", ("SANCTION", ("DEU",), ("RUS",))),
        ("Chinese Foreign Minister Wang Yi criticised the United States for its arms sales to Taiwan.",
         ("ACCUSE", ("CHN",), ("USA",))),
        ("France urged Iran to release the detained aid workers.", ("REQUEST", ("FRA",), ("IRN",))),
        ("Russian troops shelled Ukrainian positions near Kharkiv overnight.", ("ASSAULT", ("RUS",), ("UKR",))),
        ("The Indian army deployed additional troops to the border with China.", ("MOBILIZE", ("IND",), ("CHN",))),
        ("Turkish police arrested dozens of opposition activists in Istanbul.", ("COERCE", ("TUR",), ("TUR",))),
        ("Japan will provide emergency food aid to Sudan, the foreign ministry said.", ("AGREE", ("JPN",), ("SDN",))),
        ("Venezuela rejected a proposal by Brazil to mediate in the dispute.", ("REJECT", ("VEN",), ("BRA",))),
        ("North Korea threatened to retaliate against South Korea and the United States.",
         ("THREATEN", ("PRK",), ("KOR", "USA"))),
    ],
)
def test_coder_codes_type_and_roles(text, expected):
    events = _events(text)
    assert expected in _triples(events), [(e.event, e.actor, e.recipient, e.rule) for e in events]


def test_coder_passive_voice_swaps_roles():
    events = _events("A border post was attacked by Azerbaijani forces, Armenia's defence ministry said.")
    assert ("ASSAULT", ("AZE",), ("ARM",)) in _triples(events) or ("ASSAULT", ("AZE",), ()) in _triples(events)


def test_coder_reported_speech_codes_the_reported_event():
    events = _events("Ukraine said Russian forces struck a power station in Odesa.")
    assert ("ASSAULT", ("RUS",), ()) in _triples(events) or ("ASSAULT", ("RUS",), ("UKR",)) in _triples(events)
    assert not any(e.event == "ASSAULT" and e.actor and e.actor[0].country == "UKR" for e in events)


def test_coder_accusation_codes_the_accuser_not_the_alleged_act():
    events = _events("Iran accused Israel of attacking its consulate in Damascus.")
    assert ("ACCUSE", ("IRN",), ("ISR",)) in _triples(events)
    assert not any(e.event == "ASSAULT" and not e.negated for e in events)


def test_coder_negation_is_flagged_not_asserted():
    events = _events("The Iranian foreign minister did not meet his Saudi counterpart in Riyadh.")
    assert all(e.negated for e in events if e.event == "CONSULT")
    denial = _events("Russia denied attacking the convoy near Aleppo.")
    assert not any(e.event == "ASSAULT" and not e.negated for e in denial)


def test_coder_intent_and_hypothetical_flags():
    events = _events("China and Russia will hold joint naval exercises in the Sea of Japan next month.")
    assert any(e.intent for e in events)
    hypo = _events("The European Union could impose sanctions on Georgia if the law is passed.")
    assert any(e.hypothetical for e in hypo)


def test_coder_historical_background_is_not_todays_event():
    events = _events("During the Cold War, the Soviet Union deployed missiles to Cuba.")
    assert not any(e.event == "MOBILIZE" for e in events)


def test_coder_modal_demand_from_statement_authors():
    text = (
        "Joint Statement of the Russian Federation and the People's Republic of China\n\n"
        "The Parties oppose attempts by the United States to undermine regional security. "
        "NATO should not try to deploy military infrastructure in the Asia-Pacific region."
    )
    events = code_text(text, date="2024-05-16", title="Joint Statement of the Russian Federation and the People's Republic of China").events
    assert any(e.event == "REQUEST" and {a.country for a in e.recipient} == {"IGO"} and {a.country for a in e.actor} >= {"RUS", "CHN"} for e in events)
    assert not any(e.event == "MOBILIZE" for e in events)
    assert any(e.event == "ACCUSE" and "USA" in {a.country for a in e.recipient} for e in events)


def test_coder_event_carries_evidence_date_and_place():
    text = "Earlier today, Russian President Vladimir Putin held talks with Chinese President Xi Jinping in Beijing."
    events = code_text(text, date="2024-05-16").events
    e = next(e for e in events if e.event == "CONSULT")
    assert e.date == "2024-05-16" and e.date_precision == "day"
    assert e.event_loc is not None and e.event_loc.country == "CHN"
    assert text[e.start:e.end] == e.text
    assert text[e.trigger_start:e.trigger_end] in e.trigger
    assert e.rule.startswith("accord/v") and 0 < e.confidence <= 1
    assert e.cameo.startswith("04") and e.quad_class == 1


def test_coder_several_events_in_one_sentence():
    events = _events("Armenia and Azerbaijan agreed to a ceasefire, and Russia pledged to send peacekeepers to the region.")
    kinds = {e.event for e in events}
    assert {"AGREE"} <= kinds or {"RETREAT", "AGREE"} <= kinds
    assert len(events) >= 2


def test_coder_we_inside_a_quote_is_the_speaker():
    text = '"We will hold joint naval exercises with Russia next month," Chinese Defence Minister Dong Jun said on Friday.'
    events = code_text(text, date="2024-07-05").events
    e = next(e for e in events if e.quoted)
    assert e.speaker is not None and e.speaker.country == "CHN"
    assert "CHN" in {a.country for a in e.actor} and "RUS" in {a.country for a in e.recipient}
    assert e.intent


@pytest.mark.parametrize(
    "text, event",
    [
        ("Syria said it will not accept any more refugees from Lebanon.", "REJECT"),
        ("Nigeria said it will withdraw its peacekeepers from Chad unless the fighting stops.", "THREATEN"),
        ("The militia vowed to attack government positions around the capital.", "THREATEN"),
        ("The junta declared that it is prepared to impose martial law across the country.", "THREATEN"),
    ],
)
def test_coder_announcements_become_refusals_and_threats(text, event):
    kinds = {e.event for e in _events(text) if not e.negated}
    assert event in kinds


def test_coder_unnamed_recipient_from_place_and_domestic_measures():
    events = _events("The Turkish army shelled villages near Afrin on Sunday.")
    assert ("ASSAULT", ("TUR",), ("SYR",)) in _triples(events)
    curfew = _events("Sri Lanka's government imposed a nationwide curfew on Friday.")
    assert ("COERCE", ("LKA",), ("LKA",)) in _triples(curfew)


def test_coder_protest_verb_with_object_is_not_a_protest():
    events = _events("Japan and Australia will demonstrate their commitment to maritime security.")
    assert not any(e.event == "PROTEST" for e in events)


def test_coder_reported_clause_misread_as_participle_keeps_its_subject():
    events = _events("Palestinian youths resorted to throwing stones near the checkpoint, officials said on Thursday.")
    protest = next(e for e in events if e.event == "PROTEST")
    assert protest.actor and protest.actor[0].country == "PSE"


def test_coder_withdrawn_forces_act_for_their_owner():
    events = _events("Eighty UN peacekeepers were pulled out of the Bosnian enclave of Gorazde on Friday.")
    e = next(e for e in events if e.event in ("RETREAT", "SANCTION"))
    assert {a.country for a in e.actor} == {"IGO"}
    assert "BIH" in {a.country for a in e.recipient}


def test_coder_place_with_generic_noun_is_geocoded():
    events = _events("Serbia eased emergency measures on Wednesday in Montenegro province.")
    e = next(e for e in events if e.event == "CONCEDE")
    assert e.event_loc is not None and e.event_loc.country == "MNE"
