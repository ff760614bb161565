"""Role assignment: who did it to whom, on the classes of structure news uses (issue 8, coder v2 roles)."""

from __future__ import annotations

import pytest

from accord.pipeline import code_text
from accord.settings import load_settings

#: The role machinery is the rule coder's (v1): its rule ids end in how the source was found, which the
#: default coder v2 follows with its own decision ("…/subject/v2:rules").
_RULES = load_settings(coder="v1")


def _events(text: str, date: str = "2024-03-12"):
    return [e for e in code_text(text, date=date, settings=_RULES).events if not e.negated]


def _of_type(text: str, event: str, date: str = "2024-03-12"):
    found = [e for e in _events(text, date) if e.event == event]
    assert found, [(e.event, e.actor, e.recipient) for e in _events(text, date)]
    return found[0]


def test_roles_unknown_name_is_an_uncoded_recipient():
    ev = _of_type("The Kenyan government accused Mwangi Kariuki of inciting violence.", "ACCUSE")
    assert [a.country for a in ev.actor] == ["KEN"]
    (r,) = ev.recipient
    assert (r.text, r.country, r.code, r.via, r.kind) == ("Mwangi Kariuki", None, "", "unresolved", "person")


def test_roles_unknown_names_alone_make_no_event():
    assert not _events("Mwangi Kariuki accused Otieno Waweru of lying about the land deal.")


def test_roles_apposition_gives_an_unknown_name_its_country():
    ev = _of_type("The rebels said they would free Juan Carlos Ortega, a former Colombian senator.", "AGREE")
    (r,) = ev.recipient
    assert (r.text, r.country) == ("Juan Carlos Ortega", "COL")


def test_roles_pronoun_of_a_reported_clause_is_the_speaker_where_named():
    text = "Iraq said it would expel the Turkish ambassador."
    ev = _events(text)[0]
    (a,) = ev.actor
    assert (a.country, text[a.start:a.end]) == ("IRQ", "Iraq")
    assert ev.rule.split("/")[-1].startswith("pronoun:reporting-verb")


@pytest.mark.parametrize(
    "text,event,target",
    [
        ("Nigeria withdrew its peacekeepers from Liberia in February.", "SANCTION", "LBR"),
        ("Ghana pulled its police officers out of South Sudan last year.", "RETREAT", "SSD"),
    ],
)
def test_roles_forces_moved_are_not_the_recipient(text, event, target):
    ev = [e for e in _events(text) if e.recipient]
    assert ev and target in {a.country for e in ev for a in e.recipient}
    assert not any(a.sector in ("MIL", "COP") and a.country != target for e in ev for a in e.recipient)


def test_roles_unknown_name_takes_the_country_of_a_domestic_measure():
    ev = _of_type("Police in Lagos arrested Chinedu Okafor on Tuesday.", "COERCE")
    (r,) = ev.recipient
    assert (r.text, r.country) == ("Chinedu Okafor", "NGA")


@pytest.mark.parametrize(
    "text,event,source,target",
    [
        # a nominal act as subject reaches its verb's object
        ("Israeli air strikes killed three Hezbollah commanders on Tuesday.", "ASSAULT", "ISR", "LBN"),
        # a recipient hanging on the event noun itself
        ("Denmark announced a suspension of aid to Egypt.", "SANCTION", "DNK", "EGY"),
        # a participle inside the object names who the thing was aimed at
        ("Japan decided to lift sanctions imposed on India and Pakistan.", "CONCEDE", "JPN", "IND"),
        # the one allowed to act
        ("Ethiopia said it would allow the World Food Programme to deliver food to the north.", "AGREE", "ETH", "IGO"),
        # the condition of a threat names who is threatened
        ("Russia threatened retaliatory measures if Finland joined NATO.", "THREATEN", "RUS", "FIN"),
        # where forces are massed
        ("Russia massed tens of thousands of troops near its border with Ukraine.", "MOBILIZE", "RUS", "UKR"),
        ("Azerbaijan moved heavy artillery close to the Armenian border.", "MOBILIZE", "AZE", "ARM"),
        # the leader named before "-led" acts (and is acted on)
        ("Turkey refused to join the US-led campaign against Iraq.", "REJECT", "TUR", "USA"),
        # a message's participle: the sender acts on the addressee
        ("Opposition lawmakers wrote to the Kenyan president asking him to withdraw the bill.", "REQUEST", "KEN", "KEN"),
    ],
)
def test_roles_recipients_of_phrases_and_clauses(text, event, source, target):
    ev = _of_type(text, event)
    assert source in {a.country for a in ev.actor}
    assert target in {a.country for a in ev.recipient}


def test_roles_object_pronoun_is_the_person_named_before():
    text = ("Egyptian President Abdel Fattah al-Sisi telephoned Israeli Prime Minister Benjamin Netanyahu "
            "and urged him to allow aid into Gaza.")
    ev = _of_type(text, "REQUEST")
    (r,) = ev.recipient
    assert (r.text, r.country, r.via) == ("him", "ISR", "coref:him")


def test_roles_purpose_of_a_participle_belongs_to_its_agent():
    # "staged by students to protest": the students protest; the police act on the demonstration
    text = "Police in Ankara broke up a demonstration organised by students to protest against tuition fees."
    events = _events(text)
    assert not any(e.event == "ACCUSE" and any(a.sector == "COP" for a in e.actor) for e in events)


@pytest.mark.parametrize(
    "text,event,countries",
    [
        ("Russian and Chinese bombers flew a joint patrol over the Sea of Japan.", "COOPERATE", {"RUS", "CHN"}),
        ("US and South Korean troops held joint drills near the border.", "COOPERATE", {"USA", "KOR"}),
    ],
)
def test_roles_coordinated_owners_are_all_sources(text, event, countries):
    ev = _of_type(text, event)
    assert {a.country for a in ev.actor} == countries
    assert all(a.sector == "MIL" for a in ev.actor if a.country == "USA") or "USA" not in countries


@pytest.mark.parametrize(
    "text,event,target",
    [
        ("Iran's Revolutionary Guard seized a Portuguese-flagged container ship in the Strait of Hormuz.", "COERCE", "PRT"),
        ("Houthi rebels attacked a British-owned tanker in the Red Sea.", "ASSAULT", "GBR"),
    ],
)
def test_roles_owner_of_a_flagged_or_owned_thing_is_the_recipient(text, event, target):
    ev = _of_type(text, event)
    assert [a.country for a in ev.recipient] == [target]


def test_roles_a_crowd_word_alone_is_a_civilian_source():
    ev = _of_type("Hundreds protested outside the Israeli embassy in Amman on Friday.", "PROTEST")
    (a,) = ev.actor
    assert (a.text, a.sector, a.country) == ("Hundreds", "CVL", "JOR")
    assert [r.country for r in ev.recipient] == ["ISR"]


def test_roles_possessive_pronoun_names_the_recipient_when_it_is_not_the_source():
    text = "The Philippine foreign ministry said Chinese vessels had fired water cannon at its ships."
    ev = _of_type(text, "ASSAULT")
    assert [a.country for a in ev.actor] == ["CHN"] and [a.country for a in ev.recipient] == ["PHL"]


def test_roles_a_place_is_not_an_unknown_actor():
    ev = _of_type("The ministry of defence said Russian drones had attacked Kharkiv overnight.", "ASSAULT")
    (r,) = ev.recipient
    assert (r.text, r.country) == ("Kharkiv", "UKR") and r.via == "implicit:place"


@pytest.mark.parametrize(
    "text,source",
    [
        ("An attack by Russian forces on a village near Kupiansk killed three civilians on Monday.", "RUS"),
        ("A drone strike by the Israeli military hit a car in southern Lebanon on Tuesday.", "ISR"),
    ],
)
def test_roles_by_agent_of_an_event_noun_is_the_source(text, source):
    events = [e for e in _events(text) if e.event == "ASSAULT"]
    assert events and all({a.country for a in e.actor} == {source} for e in events)
    assert any(e.rule.endswith(("/noun-agent", "/instrument-agent")) for e in events)


@pytest.mark.parametrize(
    "text,source,target",
    [
        ("The rockets fired by Hamas militants struck an Israeli town near the border.", "PSE", "ISR"),
        ("Shells fired by Russian troops hit a Ukrainian hospital in Kherson overnight.", "RUS", "UKR"),
    ],
)
def test_roles_instrument_subject_acts_for_its_agent(text, source, target):
    ev = _of_type(text, "ASSAULT")
    assert [a.country for a in ev.actor] == [source] and target in {a.country for a in ev.recipient}
    assert ev.rule.endswith("/instrument-agent")


def test_roles_participle_names_no_recipient_takes_the_governing_verbs():
    ev = _of_type("Biden called Netanyahu on Sunday, discussing the hostage talks.", "CONSULT")
    assert [a.country for a in ev.actor] == ["USA"] and [a.country for a in ev.recipient] == ["ISR"]


@pytest.mark.parametrize(
    "text,source,target",
    [
        ("The French president sent a letter to the Iranian president urging restraint.", "FRA", "IRN"),
        ("Opposition lawmakers wrote to the Kenyan president asking him to withdraw the finance bill.", "KEN", "KEN"),
    ],
)
def test_roles_the_sender_of_a_message_does_what_it_says(text, source, target):
    ev = _of_type(text, "REQUEST")
    assert [a.country for a in ev.actor] == [source] and [a.country for a in ev.recipient] == [target]
    assert ev.actor[0].sector != "GOV" or source != target


def test_roles_leader_of_a_coalition_is_the_source():
    ev = _of_type("The Saudi-led coalition carried out air strikes on Houthi positions near Sanaa.", "ASSAULT")
    assert [a.country for a in ev.actor] == ["SAU"] and ev.actor[0].via == "leader"


def test_roles_an_instrument_acts_for_its_maker():
    ev = _of_type("The missiles fired by the Israeli military struck an arms depot near Damascus.", "ASSAULT")
    assert [a.country for a in ev.actor] == ["ISR"]
