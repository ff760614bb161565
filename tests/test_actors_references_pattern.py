"""Collective references as a productive pattern, and bare office titles (issue 8, branch `roles`, r2s7).

"<determiner> [<qualifier>] <role noun>" ("the two neighbouring countries", "all four governments", "the
three Baltic states") names the actors just mentioned, like the listed phrases did; "our two governments"
names the signatories of a joint statement and "our partners" nobody. A bare title ("The President", "the
Vice President") with no holder in the sentence before is the one holder of that office named earlier or in
the document's title (a readout's principal), never the holder of another office ("Vice President Harris"
is not "the President").
"""

from __future__ import annotations

import pytest

from accord.actors.coref import _holds_office
from accord.actors.kb import collective_pattern, parse_references
from accord.errors import DataError
from accord.pipeline import code_text
from accord.settings import load_settings

_RULES = load_settings(coder="v1")


def _events(text: str, title: str | None = None, date: str = "2024-03-14"):
    kw = {"title": title} if title else {}
    return [e for e in code_text(text, date=date, settings=_RULES, **kw).events if not e.negated]


def _sides(text: str, event: str, word: str, title: str | None = None, date: str = "2024-03-14"):
    evs = [e for e in _events(text, title, date) if e.event == event and word in e.trigger.lower()]
    assert evs, [(e.event, e.trigger, [a.country for a in e.actor]) for e in _events(text, title, date)]
    return {a.country for a in evs[0].actor}, {a.country for a in evs[0].recipient}


@pytest.mark.parametrize("text, event, word, source", [
    ("Morocco and Mauritania held talks on the border crossing in Rabat. The two neighbouring countries agreed to "
     "build a new road to the frontier.", "AGREE", "agreed", {"MAR", "MRT"}),
    ("Qatar and Kuwait met in Doha on Sunday. The two Gulf states pledged to fund a desalination plant in Jordan.",
     "AGREE", "pledged", {"QAT", "KWT"}),
    ("Denmark, Norway and Iceland opened a fisheries round in Oslo. All three governments agreed to cut the cod "
     "quota.", "AGREE", "agreed", {"DNK", "NOR", "ISL"}),
    ("Mexico and Guatemala held security talks in Tapachula. The two administrations signed a plan to dismantle "
     "smuggling networks.", "AGREE", "signed", {"MEX", "GTM"}),
    ("Nepal and Bangladesh held energy talks in Kathmandu. The two South Asian nations signed a power trade "
     "agreement.", "AGREE", "signed", {"NPL", "BGD"}),
])
def test_references_pattern_collective_sources_name_the_pair_just_mentioned(text, event, word, source):
    assert _sides(text, event, word)[0] == source


def test_references_pattern_collective_target_is_the_pair():
    text = ("Armenia and Azerbaijan traded fire on their border on Saturday. The United Nations urged the two "
            "neighbouring countries to show restraint.")
    src, tgt = _sides(text, "REQUEST", "urged")
    assert tgt == {"ARM", "AZE"}


def test_references_pattern_our_governments_are_the_signatories_and_our_partners_nobody():
    title = "Joint Statement by Portugal and Brazil"
    src, _ = _sides("Joint Statement by Portugal and Brazil. Our two governments condemn the attacks on "
                    "journalists in the Sahel.", "ACCUSE", "condemn", title=title)
    assert src == {"PRT", "BRA"}
    coded = code_text("Brazil's foreign minister said our partners agreed to expand trade.", date="2024-03-14",
                      settings=_RULES)
    assert not any(a.via == "coref:our partners" for e in coded.events for a in e.actor)


def test_references_pattern_phrases_and_their_limits():
    spec = {"determiners": {"the two": 2, "the": None, "our": {"n": None, "we": True}},
            "qualifiers": ["Gulf"],
            "nouns": {"states": {"ours": True, "qualified": True}, "leaders": {"sector": "GOV", "people": True,
                                                                                "definite": True}}}
    got = collective_pattern(spec, "t.yaml")
    assert got["the two gulf states"].n == 2 and got["the two gulf states"].sector is None
    assert got["the leaders"].n is None and got["the leaders"].people
    assert got["our states"].we and "our leaders" not in got  # only `ours` nouns after a first-person determiner
    assert "the states" not in got  # a null count only before `definite` nouns
    assert "the gulf leaders" not in got  # qualifiers only after a counting determiner
    with pytest.raises(DataError):
        collective_pattern({"determiners": {"the one": 1}, "nouns": {"states": {}}}, "t.yaml")
    with pytest.raises(DataError):
        collective_pattern({"determiners": {"the two": 2}, "nouns": {"states": {"colour": "red"}}}, "t.yaml")
    listed = parse_references({"collective_pattern": spec, "collectives": {"the two states": {"n": 2, "sector": "GOV"}}},
                              "t.yaml")["collectives"]
    assert listed["the two states"].sector == "GOV"  # a listed phrase overrides the pattern's


@pytest.mark.parametrize("form, mention, holds", [
    (("the", "president"), "President Joe Biden", True),
    (("the", "president"), "U.S. President Joe Biden", True),
    (("the", "president"), "Vice President Kamala Harris", False),
    (("the", "prime", "minister"), "Deputy Prime Minister Chrystia Freeland", False),
    (("the", "prime", "minister"), "Prime Minister Fumio Kishida of Japan", True),
    (("the", "minister"), "Prime Minister Fumio Kishida", False),
    (("the", "vice", "president"), "Vice President Harris", True),
])
def test_references_office_of_a_mention(form, mention, holds):
    assert _holds_office(form, mention) is holds


@pytest.mark.parametrize("title, text, event, word, source", [
    ("Readout of President Biden's Call with President Lula of Brazil",
     "The President reaffirmed his commitment to work with Brazil on clean energy.", "AGREE", "reaffirmed", {"USA"}),
    ("Readout of Vice President Harris's Meeting with Prime Minister Petr Fiala of the Czech Republic",
     "The Vice President thanked the Prime Minister for the Czech Republic's support for Ukraine.", "SUPPORT",
     "thanked", {"USA"}),
    (None, "President Biden spoke with Chancellor Scholz of Germany on Monday about energy security. They discussed "
     "the war in Ukraine at length and the coming summit. Both noted progress on the pipeline inspections. The "
     "President reaffirmed the US commitment to Germany's security.", "AGREE", "reaffirmed", {"USA"}),
])
def test_references_bare_title_is_the_one_holder_named_earlier_or_in_the_title(title, text, event, word, source):
    assert _sides(text, event, word, title=title, date="2023-05-10")[0] == source


def test_references_bare_title_not_the_holder_of_another_office():
    # "The President" is not Vice President Harris; the other president named is Guatemala's
    text = ("Vice President Kamala Harris met President Alejandro Giammattei of Guatemala in Guatemala City on "
            "Monday to discuss migration and the economy of the region. The two discussed investment. The "
            "President thanked her for the visit.")
    src, _ = _sides(text, "SUPPORT", "thanked", date="2021-06-08")
    assert "USA" not in src


def test_references_bare_title_in_a_quote_is_left_alone():
    text = ('President Biden spoke with Prime Minister Kishida of Japan on Tuesday about trade and security in the '
            'region. Both sides discussed chips. Kishida said "the President agreed to visit Hiroshima".')
    for e in _events(text, date="2023-01-10"):
        assert not any(a.via == "coref:the President" for a in e.actor)


@pytest.mark.parametrize("text, addressee", [
    ("Cambodia and Thailand exchanged artillery fire on Saturday. Malaysia urged the two countries to return to "
     "talks.", {"KHM", "THA"}),
    ("Serbia and Kosovo traded accusations over the barricades. The European Union called on both sides to "
     "remove them.", {"SRB", "XKX"}),
])
def test_references_collective_object_of_a_control_verb_excludes_the_clause_subject(text, addressee):
    from accord.actors import resolve_texts

    actors = resolve_texts([text], "2024-03-14")[0]
    coll = {a.country for a in actors if (a.via or "").startswith("coref:") and a.text.lower().startswith(("the two", "both"))}
    assert coll == addressee


def test_references_collective_before_a_prepositional_to_or_of_is_no_actor():
    from accord.actors import resolve_texts

    for text in ("Villagers on both sides of the border fled on Monday.",
                 "The mediators brought both sides to the table in Doha."):
        assert not any((a.via or "").startswith("coref:") for a in resolve_texts([text], "2024-03-14")[0])


@pytest.mark.parametrize("text, source, target", [
    ("Germany sent a new shipment of tanks to Poland.", "DEU", "POL"),
    ("Norway delivered a second batch of missiles to Ukraine on Friday.", "NOR", "UKR"),
])
def test_lexicon_object_of_a_quantity_noun_is_read_in_its_written_form(text, source, target):
    evs = [e for e in _events(text, date="2023-05-01") if e.event == "AID"]
    assert evs and {a.country for a in evs[0].actor} == {source} and {a.country for a in evs[0].recipient} == {target}


# "The two" / "the three" on their own (round 2, session 9): a noun phrase of its own names the parties just
# mentioned or the readout's parties; before a noun or adjective it is a phrase about other things.
@pytest.mark.parametrize("text, event, word, source, title", [
    ("Kenya and Somalia held talks in Nairobi on Tuesday. The two agreed to reopen their shared border.",
     "AGREE", "agreed", {"KEN", "SOM"}, None),
    ("President Ruto spoke with President Mohamud of Somalia. The two discussed the fight against al-Shabaab.",
     "CONSULT", "discussed", {"KEN", "SOM"}, None),
    ("The two discussed maritime security and the supply of critical minerals.", "CONSULT", "discussed",
     {"USA", "AUS"}, "Readout of President Biden's Meeting with Prime Minister Albanese of Australia"),
    ("Chile, Peru and Ecuador met in Lima over the fishing dispute. The three agreed to set up a joint patrol "
     "commission.", "AGREE", "agreed", {"CHL", "PER", "ECU"}, None),
])
def test_actors_references_the_two_alone_names_the_parties(text, event, word, source, title):
    got_source, _ = _sides(text, event, word, title=title)
    assert got_source == source


@pytest.mark.parametrize("text", [
    "Greece and Turkey signed a coast guard accord. The two ships collided off Lesbos on Friday.",
    "Police in Nairobi detained two men from Uganda. The two were charged with smuggling.",
    "Spain and Portugal agreed a water deal. The two main opposition parties attacked the plan.",
])
def test_actors_references_the_two_before_other_words_is_no_reference(text):
    for e in _events(text):
        if e.trigger and e.sentence == 1:
            assert {a.country for a in e.actor} != {"GRC", "TUR"} and {a.country for a in e.actor} != {"ESP", "PRT"}


def test_actors_references_collective_keys_are_checked():
    with pytest.raises(DataError):
        parse_references({"collectives": {"the two": {"n": 2, "lone": True}}}, "test.yaml")


@pytest.mark.parametrize("text, title", [
    ("President Joseph R. Biden Jr. met Prime Minister Kishida in Tokyo.", None),
    ("They discussed the situation in the Taiwan Strait.",
     "Readout of President Joseph R. Biden Jr.’s Meeting with Prime Minister Kishida of Japan"),
])
def test_actors_official_name_with_a_suffix_is_the_leader(text, title):
    evs = [e for e in _events(text, title, date="2022-05-23") if e.event == "CONSULT"]
    assert evs and "USA" in {a.country for e in evs for a in e.actor}
