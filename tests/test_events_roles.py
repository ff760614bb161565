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


def _assert_sides(text: str, event: str, source: str | None, target: str | None) -> None:
    """The first ``event`` of ``text`` has ``source`` among its actors and ``target`` among its recipients
    (country codes; None: not checked)."""
    ev = _of_type(text, event)
    if source:
        assert source in {a.country for a in ev.actor}, ev.actor
    if target:
        assert target in {a.country for a in ev.recipient}, ev.recipient


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
    _assert_sides(text, event, source, target)


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
    assert (r.text, r.country) == ("Kharkiv", "UKR") and r.via in ("implicit:place", "place-named")


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


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        # a place inside the recipient phrase: 'in', 'of', a proper-name modifier, a possessor country
        ("Russian drones hit an apartment block in Dnipro on Sunday night.", "ASSAULT", "RUS", "UKR"),
        ("Israeli tanks shelled the Jabalia refugee camp in the north.", "ASSAULT", "ISR", "PSE"),
        ("Azerbaijani troops shelled the Armenian town of Sotk on Tuesday.", "ASSAULT", "AZE", "ARM"),
        ("Ukrainian drones struck an oil depot in Russia's Belgorod region.", "ASSAULT", "UKR", "RUS"),
        ("Turkish jets bombed villages around Kobani overnight.", "ASSAULT", "TUR", "SYR"),
        # the verb's locative when the object names no country
        ("Israeli warplanes struck a crowded market in Nuseirat on Saturday.", "ASSAULT", "ISR", "PSE"),
    ],
)
def test_roles_a_recipient_named_only_by_a_place_is_its_country(text, event, source, target):
    _assert_sides(text, event, source, target)


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("Gunmen attacked a police checkpoint in Nigeria's Zamfara state.", "ASSAULT", None, "NGA"),
        ("Militants ambushed an army patrol in Mali's Mopti region.", "ASSAULT", None, "MLI"),
    ],
)
def test_roles_a_sector_recipient_takes_the_country_of_its_place(text, event, source, target):
    ev = _of_type(text, event)
    assert [a.country for a in ev.recipient] == [target], ev.recipient


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("The shelling of Mykolaiv by Russian artillery went on all night.", "ASSAULT", "RUS", "UKR"),
        ("Sudan's bombardment of El Obeid continued for a third day.", "ASSAULT", "SDN", "SDN"),
        ("The government's blockade of Tigray cut off food and medicine.", "COERCE", None, "ETH"),
    ],
)
def test_roles_the_of_complement_of_an_event_noun_is_its_patient(text, event, source, target):
    _assert_sides(text, event, source, target)


@pytest.mark.parametrize(
    "text, event",
    [
        ("Russian and American diplomats held talks in Istanbul on embassy staffing.", "CONSULT"),
        ("The European Union condemned the attack on a school in Odesa.", "ACCUSE"),
    ],
)
def test_roles_a_place_is_not_the_recipient_of_talks_or_words(text, event):
    ev = _of_type(text, event)
    assert not any(a.via == "place-named" for a in ev.recipient), ev.recipient


def test_roles_a_place_alone_makes_no_attack():
    assert not [e for e in _events("Wildfires burned hundreds of homes in Evia and Attica.") if e.event == "ASSAULT"]


def test_roles_a_named_recipient_overrides_a_guessed_one_of_the_same_act():
    text = "The shelling of Kramatorsk by Russian troops killed four civilians."
    ass = [e for e in _events(text) if e.event == "ASSAULT"]
    assert ass and all("UKR" in {a.country for a in e.recipient} for e in ass), [(e.actor, e.recipient) for e in ass]


@pytest.mark.parametrize(
    "text, event, source, target",
    [
        ("Poland expelled two Belarusian diplomats on Friday. Minsk condemned the decision as hostile.", "ACCUSE", "BLR", "POL"),
        ("The Netherlands recalled its ambassador from Caracas. Venezuela rejected the move as interference.", None, "VEN", "NLD"),
        ("Kenya suspended flights to Somalia on Monday. Mogadishu denounced the measure as unjustified.", "ACCUSE", "SOM", "KEN"),
    ],
)
def test_roles_a_reaction_to_the_move_is_aimed_at_who_made_it(text, event, source, target):
    evs = [e for e in _events(text) if source in {a.country for a in e.actor} and (event is None or e.event == event)]
    assert evs and target in {a.country for a in evs[-1].recipient}, [(e.event, e.actor, e.recipient) for e in _events(text)]


def test_roles_a_reaction_to_an_owned_act_keeps_its_owner():
    text = "Poland expelled two Belarusian diplomats. Minsk condemned Warsaw's decision."
    ev = _of_type(text, "ACCUSE")
    assert all(a.via != "coref:act" for a in ev.recipient) and "POL" in {a.country for a in ev.recipient}


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Russia alleged that Ukraine was preparing a provocation near the border.", "RUS", "UKR"),
        ("Azerbaijan charged that Armenian units had opened fire on its positions.", "AZE", "ARM"),
    ],
)
def test_roles_an_accusation_by_clause_is_aimed_at_its_subject(text, source, target):
    ev = _of_type(text, "ACCUSE")
    assert [a.country for a in ev.actor] == [source] and target in {a.country for a in ev.recipient}


@pytest.mark.parametrize(
    "text, event, country",
    [
        ("Peru's president vetoed the bill on Friday, saying it was unconstitutional.", "REJECT", "PER"),
        ("Bangladesh deployed thousands of soldiers across Dhaka ahead of the verdict.", "MOBILIZE", "BGD"),
    ],
)
def test_roles_a_domestic_act_is_aimed_at_the_own_country(text, event, country):
    ev = _of_type(text, event)
    assert [a.country for a in ev.recipient] == [country] and ev.recipient[0].via in ("implicit:domestic", "implicit:place")


def test_roles_a_domestic_default_waits_when_another_country_is_named():
    ev = _of_type("Hungary vetoed the joint statement on Ukraine.", "REJECT")
    assert all(a.via != "implicit:domestic" for a in ev.recipient)


@pytest.mark.parametrize(
    "text, source, target",
    [
        ("Serbia warned it would cut power to the north if Kosovo seized more municipal buildings.", "SRB", "XKX"),
        ("Pakistan warned that it would respond with force if India carried out new strikes.", "PAK", "IND"),
    ],
)
def test_roles_a_threat_is_aimed_at_the_subject_of_its_condition(text, source, target):
    _assert_sides(text, "THREATEN", source, target)


@pytest.mark.parametrize(
    "text, target",
    [
        ("Fiji's government summoned China's ambassador on Monday. It accused him of interfering in its politics.", "CHN"),
        ("Poland summoned Russia's envoy on Friday. The foreign ministry accused him of spreading disinformation.", "RUS"),
    ],
)
def test_roles_an_object_pronoun_may_name_the_office_holder_of_the_sentence_before(text, target):
    evs = [e for e in _events(text) if any(a.via and a.via.startswith("coref:") for a in e.recipient)]
    assert evs and target in {a.country for a in evs[-1].recipient}, [(e.event, e.recipient) for e in _events(text)]


@pytest.mark.parametrize(
    "text, event, target",
    [
        ("Hamas rejected an Egyptian-proposed truce on Sunday.", "REJECT", "EGY"),
        ("Khartoum welcomed the US-brokered ceasefire in Jeddah.", "SUPPORT", "USA"),
    ],
)
def test_roles_a_reaction_to_a_proposal_is_aimed_at_its_author(text, event, target):
    ev = _of_type(text, event)
    assert target in {a.country for a in ev.recipient}, ev.recipient


def test_roles_the_broker_of_a_joint_deal_is_no_party_to_it():
    ev = _of_type("Saudi Arabia and Iran agreed to a Chinese-brokered deal.", "AGREE")
    assert {a.country for a in ev.actor} == {"SAU", "IRN"} and not any(a.via == "author" for a in ev.recipient)


@pytest.mark.parametrize(
    "text, event, target, not_target",
    [
        ("Brazil criticised the tariffs on Chinese cars imposed by the European Union.", "ACCUSE", "IGO", "CHN"),
        ("Pretoria condemned Washington's sanctions on Zimbabwe.", "ACCUSE", "USA", "ZWE"),
        ("Egypt denounced the raid on the Jenin camp by Israeli troops.", "ACCUSE", "ISR", None),
        ("Moscow condemned the strikes on Syria carried out by US forces.", "ACCUSE", "USA", "SYR"),
    ],
)
def test_roles_a_reaction_to_an_act_is_aimed_at_its_maker_not_its_object(text, event, target, not_target):
    ev = _of_type(text, event)
    countries = {a.country for a in ev.recipient}
    assert target in countries and not_target not in countries, ev.recipient


@pytest.mark.parametrize(
    "text, event, target",
    [
        ("Kyrgyzstan agreed to a ceasefire on its border with Tajikistan.", "AGREE", "TJK"),
        ("India launched joint patrols along the border with Bangladesh.", "COOPERATE", "BGD"),
        ("Armenia held talks on the boundary with Azerbaijan on Friday.", "CONSULT", "AZE"),
    ],
)
def test_roles_a_truce_or_talks_on_a_border_are_with_the_country_across_it(text, event, target):
    _assert_sides(text, event, None, target)


def test_roles_a_border_names_no_recipient_of_an_arrest_with_its_own_patient():
    ev = _of_type("Kosovo police arrested three Serbian nationals near the border with Serbia.", "COERCE")
    assert {a.country for a in ev.recipient} == {"SRB"} and all(a.via != "border" for a in ev.recipient)


@pytest.mark.parametrize(
    "text",
    [
        "Ethiopia agreed to pull its troops out of Somalia by the end of the year.",
        "Rwanda agreed to pull its soldiers out of eastern Congo within a month.",
    ],
)
def test_roles_forces_pulled_out_of_a_country_are_not_the_recipient(text):
    ev = _of_type(text, "AGREE")
    assert ev.recipient and all(a.country for a in ev.recipient), ev.recipient
    assert {a.country for a in ev.recipient} <= {"SOM", "COD"}


def test_roles_a_document_that_names_its_own_body_keeps_it_as_the_recipient():
    ev = _of_type("Russia vetoed the UN resolution drafted by France on the Syrian ceasefire.", "REJECT")
    assert "IGO" in {a.country for a in ev.recipient}, ev.recipient
