"""The parties of a meeting or call as referents of collective and pronoun subjects (issue 8, roles).

"President X spoke with Prime Minister Y ... The leaders discussed ..." codes the discussion as a joint
event of both states, the convention of "X and Y agreed" (both as source, no recipient). With no clear
two-party opening (one person, or several) nothing is invented.
"""

from __future__ import annotations

import pytest

from accord.actors.kb import parse_references
from accord.errors import DataError
from accord.pipeline import code_text
from accord.settings import load_settings

_RULES = load_settings(coder="v1")


def _events(text: str, title: str | None = None, date: str = "2022-06-14"):
    coded = code_text(text, date=date, title=title, settings=_RULES) if title else code_text(text, date=date, settings=_RULES)
    return [e for e in coded.events if not e.negated]


def _sources(text: str, event: str, trigger_word: str, title: str | None = None) -> set[str]:
    evs = [e for e in _events(text, title) if e.event == event and trigger_word in e.trigger.lower()]
    assert evs, [(e.event, e.trigger, [a.country for a in e.actor]) for e in _events(text, title)]
    return {a.country for a in evs[0].actor}


@pytest.mark.parametrize(
    "text, event, word, parties",
    [
        ("President Biden spoke today with Prime Minister Fumio Kishida of Japan. The President thanked the Prime "
         "Minister for Japan's support for Ukraine. The leaders discussed their shared commitment to a free and "
         "open Indo-Pacific.", "CONSULT", "discuss", {"USA", "JPN"}),
        ("President Biden met with President Emmanuel Macron of France in Madrid. The President underscored the "
         "importance of transatlantic unity. The two presidents discussed energy security in Europe.",
         "CONSULT", "discuss", {"USA", "FRA"}),
        ("President Biden held a call with President Yoon Suk Yeol of the Republic of Korea. President Biden "
         "congratulated President Yoon on his inauguration. Both leaders committed to strengthen deterrence on the "
         "Korean Peninsula.", "AGREE", "commit", {"USA", "KOR"}),
    ],
)
def test_actors_parties_people_collective_names_both_states_of_the_call(text, event, word, parties):
    assert _sources(text, event, word) == parties


def test_actors_parties_subject_they_after_a_call_sentence():
    text = ("President Biden spoke today with Chancellor Olaf Scholz of Germany. They discussed the transition "
            "away from Russian gas and agreed to keep coordinating closely.")
    assert _sources(text, "CONSULT", "discuss") == {"USA", "DEU"}
    assert _sources(text, "AGREE", "agree") == {"USA", "DEU"}


def test_actors_parties_from_a_readout_title_when_the_text_names_one_person():
    title = "Readout of President Joseph R. Biden, Jr.'s Call with Prime Minister Justin Trudeau of Canada"
    text = ("The President spoke this morning with his Canadian counterpart about wildfire season. "
            "The leaders discussed the integration of their electricity grids.")
    assert _sources(text, "CONSULT", "discuss", title) == {"USA", "CAN"}


def test_actors_parties_a_topic_country_is_not_a_side():
    """'Both sides' after talks about a third country are the two parties, not a party and the topic."""
    text = ("President Biden met President Emmanuel Macron of France at the Elysee. The two presidents discussed "
            "Ukraine, and both sides committed to deepen defense cooperation.")
    assert _sources(text, "AGREE", "commit") == {"USA", "FRA"}


@pytest.mark.parametrize(
    "text, word",
    [
        # one party only: no counterpart to invent
        ("The Foreign Minister of Peru visited flood-hit towns on Monday. They discussed reconstruction with "
         "local mayors.", "discuss"),
        ("The foreign ministry said talks were planned for next month. The leaders discussed a timetable.", "discuss"),
    ],
)
def test_actors_parties_no_two_party_opening_invents_nobody(text, word):
    for e in _events(text):
        if word in e.trigger.lower():
            assert not any((a.via or "").startswith("coref:") and a.country not in ("PER",) for a in e.actor), e.actor


def test_actors_parties_a_plural_antecedent_beats_the_parties():
    text = ("President Biden spoke with Prime Minister Narendra Modi of India on Tuesday. Farmers in Punjab "
            "blocked highways the same day. They demanded guaranteed prices for wheat.")
    evs = [e for e in _events(text) if e.event == "REQUEST"]
    assert evs and "USA" not in {a.country for a in evs[0].actor}, [(e.event, e.actor) for e in evs]
    assert [a.sector for a in evs[0].actor] == ["AGR"]


def test_actors_parties_three_people_are_not_two_sides():
    text = ("President Biden spoke with Chancellor Olaf Scholz of Germany and President Emmanuel Macron of France. "
            "The two sides discussed energy prices.")
    for e in _events(text):
        if "discuss" in e.trigger.lower():
            assert len({a.country for a in e.actor}) != 2 or {a.country for a in e.actor} != {"USA", "DEU"}


def test_actors_parties_quoted_they_is_left_alone():
    text = ('President Biden spoke with President Gustavo Petro of Colombia. "They discussed nothing of value," '
            'an opposition senator said.')
    for e in _events(text):
        assert not any(a.via == "coref:They" for a in e.actor), e.actor


def test_actors_parties_document_parties_are_validated():
    base = {"collectives": {}}
    spec = parse_references({**base, "document_parties": {"max_parties": 2, "within_sentences": 10,
                                                          "opening_sentences": 1, "pronouns": ["they"]}}, "t.yaml")
    assert spec["parties"].max_parties == 2 and spec["parties"].pronouns == frozenset({"they"})
    assert parse_references(base, "t.yaml")["parties"] is None
    with pytest.raises(DataError):
        parse_references({**base, "document_parties": {"max_parties": 1, "within_sentences": 10,
                                                       "opening_sentences": 1}}, "t.yaml")


def test_actors_parties_a_title_without_the_possessive_still_names_both_people():
    title = "Readout of Vice President Kamala Harris Call with President Cyril Ramaphosa of South Africa"
    text = "They discussed vaccine manufacturing on the African continent."
    assert _sources(text, "CONSULT", "discuss", title) == {"USA", "ZAF"}
