"""The trigger lexicon: valid against the ontology, and the most specific entry wins."""

from __future__ import annotations

import pytest

from accord.events.lexicon import load_lexicon
from accord.events.ontology import load_ontology


def test_lexicon_entries_valid_against_ontology():
    onto = load_ontology()
    lex = load_lexicon()
    assert len(lex.triggers) > 150
    for t in lex.triggers:
        if t.event is None:
            assert t.klass in ("speech", "intent")
            continue
        assert t.event in onto.plover, t
        if t.mode:
            assert t.mode in onto.plover[t.event].modes, t
        if t.cameo:
            assert t.cameo in onto.cameo, t
        for items in (t.target, t.context):
            assert all(isinstance(x, str) for x in items), t  # YAML 'on'/'off' must stay strings
        for c in t.context:
            assert c in onto.contexts, t


@pytest.mark.parametrize(
    "sentence, word, event, mode",
    [
        ("Russia and China held talks in Beijing on Thursday.", "held", "CONSULT", None),
        ("The United States imposed new sanctions on Russian banks.", "imposed", "SANCTION", None),
        ("Israeli tanks fired four shells at targets near Jericho.", "fired", "ASSAULT", "heavy-weapons"),
        ("The union called off the strike after talks with the ministry.", "called", "CONCEDE", None),
        ("The ministry called on Tehran to release the detained sailors.", "called", "REQUEST", None),
        ("Germany expelled two Russian diplomats on Monday.", "expelled", "SANCTION", "expel"),
        ("Hundreds of protesters blocked roads leading to the capital.", "blocked", "PROTEST", "obstruct"),
        ("The foreign minister spoke by phone with his Japanese counterpart.", "spoke", "CONSULT", "phone"),
    ],
)
def test_lexicon_match_picks_specific_entry(nlp, sentence, word, event, mode):
    lex = load_lexicon()
    doc = nlp(sentence)
    tok = next(t for t in doc if t.text == word)
    trig = lex.match(tok)
    assert trig is not None
    assert (trig.event, trig.mode) == (event, mode)


def test_lexicon_reporting_verbs_are_not_events(nlp):
    lex = load_lexicon()
    doc = nlp("The spokesman said the talks were useful.")
    said = next(t for t in doc if t.text == "said")
    assert lex.match(said).klass == "speech"
