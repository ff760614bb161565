"""The faster paths of coding (issue #16) give what the plain token-by-token ways give, on text written here.

Each helper was restructured for speed only (integer tag arrays instead of Token objects, one text per
document, substring tests before expressions); these tests compare it with the straightforward definition.
"""

from __future__ import annotations

import re

import pytest

from accord.events import coder
from accord.nlp.spans import doc_text, ents_starting_in, hyphen_before, span_ents, token_starts, token_texts

TEXTS = [
    "Russian President Vladimir Putin met Turkish President Recep Tayyip Erdogan in Sochi on Friday, the Kremlin "
    "said. They discussed grain exports through the Black Sea and the war in Ukraine.",
    "Kenyan police fired tear gas at protesters in Nairobi's central business district on Tuesday. Opposition "
    "leader Raila Odinga had called for demonstrations against the cost of living.",
    "Brazil's foreign minister Mauro Vieira flew to Caracas to meet Venezuelan officials. We will keep talking, "
    "he told reporters, adding that Itamaraty wanted a settlement before the Essequibo vote.",
    "The ministers of the Association of Southeast Asian Nations gathered in Jakarta. Indonesia said it would host "
    "talks on Myanmar next month; during the Cold War the bloc had kept out of such disputes.",
    "In the early hours, Houthi fighters fired drones at ships in the Red Sea, the U.S. Central Command said.",
    "Iran-backed militias broke the cease-fire near Deir ez-Zor, a pro - government monitor said;  the sit-in\n"
    "outside the U.N. office in Geneva went on - and the pull-out of Wagner-linked units was delayed.",
]


@pytest.fixture(scope="module")
def docs(nlp):
    return list(nlp.pipe(TEXTS))


def _ents_plain(doc, lo, hi):
    """Entities whose first token is in doc[lo:hi], found token by token."""
    out = []
    for i in range(max(0, lo), min(hi, len(doc))):
        if doc[i].ent_iob_ == "B" and doc[i].ent_type:
            j = i + 1
            while j < len(doc) and doc[j].ent_iob_ == "I":
                j += 1
            out.append((i, j, doc[i].ent_type_))
    return out


def test_entities_of_a_range_match_the_token_by_token_reading(docs):
    for doc in docs:
        n = len(doc)
        for lo in range(0, n, 3):
            for hi in (lo + 1, lo + 4, lo + 9, n + 2):  # ranges that cut entities, and one past the end
                got = [(e.start, e.end, e.label_) for e in ents_starting_in(doc, lo, hi)]
                assert got == _ents_plain(doc, lo, hi), (doc.text, lo, hi)
        for sent in doc.sents:
            assert [(e.start, e.end, e.label_) for e in span_ents(sent)] == \
                [(e.start, e.end, e.label_) for e in sent.ents]
        assert ents_starting_in(doc, 5, 5) == [] and ents_starting_in(doc, n, n + 3) == []


def test_untagged_proper_noun_runs_match_the_token_by_token_reading(docs):
    from accord.geo.places import _overlaps, _proper_noun_phrases

    def plain(sent, taken):
        out, i, doc = [], sent.start, sent.doc
        while i < sent.end:
            if doc[i].pos_ == "PROPN" and not doc[i].ent_type_:
                j = i
                while j + 1 < sent.end and doc[j + 1].pos_ == "PROPN" and not doc[j + 1].ent_type_:
                    j += 1
                if not _overlaps(doc[i].idx, doc[j].idx + len(doc[j]), taken):
                    out.append((i, j + 1))
                i = j + 1
            else:
                i += 1
        return out

    for doc in docs:
        for sent in doc.sents:
            for taken in ([], [(e.start_char, e.end_char) for e in sent.ents], [(sent.start_char, sent.end_char)]):
                got = [(s.start, s.end) for s in _proper_noun_phrases(sent, taken)]
                assert got == plain(sent, taken), (sent.text, taken)


def test_document_and_sentence_texts_are_spacys(docs):
    for doc in docs:
        assert doc_text(doc) == doc.text
        assert doc_text(doc) is doc_text(doc)  # remembered for the document being coded
        ctx = coder._Doc(document=None, sdoc=doc, pub=None, index=None, quotes=None, signatories=(), lexicon=None,
                         ontology=None, settings=None, text=doc_text(doc))
        assert [ctx.sent_text(s) for s in doc.sents] == [s.text for s in doc.sents]
        for sent in doc.sents:
            for tok in sent:
                assert ctx.local_text(tok) == coder._local_text(tok)
    assert doc_text(docs[0]) == docs[0].text and doc_text(docs[1]) == docs[1].text  # switching documents


def test_pronouns_are_the_tokens_written_as_one(docs):
    from accord.actors import load_kb
    from accord.actors.coref import Coref

    kb = load_kb()
    words = kb.we_pronouns | kb.plural_pronouns | kb.singular_pronouns | kb.person_pronouns
    seen = 0
    for doc in docs:
        got = [t.i for t in Coref(doc, kb, ())._pronoun_tokens()]
        assert got == [t.i for t in doc if t.lower_ in words]
        seen += len(got)
    assert seen >= 3  # "They", "We", "he", "it" ...


def test_contexts_are_the_cue_words_a_sentence_contains():
    words = coder._context_words()
    for text in (s.lower() for t in TEXTS for s in re.split(r"(?<=[.;])\s+", t)):
        expected = tuple(name for name, ws in words.items()
                         if ws and re.search("|".join(re.escape(w) for w in ws), text))
        assert coder._sentence_contexts(text) == expected


@pytest.mark.parametrize("text", [
    "Soviet troops crushed the uprising in 1956, during the Cold War.",
    "Serbian forces shelled the town during the Bosnian war, a court heard on Monday.",
    "The country has not seen such floods since the Second World War, officials said.",
    "Ministers met in Geneva on Monday to discuss the ceasefire.",
    "Officials in Kyiv said the talks, held during the ſecond World War commemoration, went well.",  # not ASCII
    "DURING THE COLD WAR, RIVAL BLOCS ARMED PROXIES.",
])
def test_historical_periods_found_as_by_the_expressions_alone(text, monkeypatch):
    from accord.dates import resolve

    fast = resolve._find_dates.__wrapped__(text, None, None)
    monkeypatch.setattr(resolve, "_may_name_period", lambda t: True)  # every text searched by the expressions
    assert fast == resolve._find_dates.__wrapped__(text, None, None)


def test_token_arrays_are_the_tokens_own_offsets_and_texts(docs):
    for doc in docs:
        assert token_starts(doc) == [t.idx for t in doc]
        assert token_texts(doc) == [t.text for t in doc]
    # asking about another Doc and back gives each its own arrays
    assert token_texts(docs[0]) == [t.text for t in docs[0]] and token_texts(docs[-1]) == [t.text for t in docs[-1]]


def test_entities_keep_their_labels_and_knowledge_base_ids(docs):
    for doc in docs:
        got = [(e.start, e.end, e.label, e.kb_id) for e in ents_starting_in(doc, 0, len(doc))]
        assert got == [(e.start, e.end, e.label, e.kb_id) for e in doc.ents if e.label]


def test_hyphen_compounds_match_the_token_by_token_reading(docs):
    def plain(doc, i):
        return i >= 2 and doc[i - 1].text == "-" and not doc[i - 1].whitespace_ and not doc[i - 2].whitespace_

    found = []
    for doc in docs:
        for i in range(len(doc)):
            assert hyphen_before(doc, i) == plain(doc, i), (doc.text, i)
            if plain(doc, i):
                found.append(f"{doc[i - 2].lower_}-{doc[i].lower_}")
    assert {"iran-backed", "cease-fire", "sit-in", "pull-out"} <= set(found)
    assert "pro-government" not in found  # written with spaces around the hyphen


def test_lexicon_gate_passes_every_token_the_lexicon_matches(docs, nlp):
    """``Lexicon.may_match`` reads the document's arrays; it may pass a token ``match`` then rejects, never the
    reverse, and ``_Doc.match_at`` gives ``match`` for every token."""
    from accord.events.lexicon import load_lexicon

    more = list(nlp.pipe([
        "Protesters staged a sit-in and rallied outside parliament; police were deploying water cannon.",
        "The envoy was summoned. Talks resumed, and both sides signed the accord after ceasefire violations.",
        "ISRAEL STRUCK TARGETS IN GAZA, the army said, while Hamas fired rockets and threatened more attacks.",
    ]))
    for lexicon in (load_lexicon(), load_lexicon(generated=False)):
        gated = matched = 0
        for doc in [*docs, *more]:
            ctx = coder._Doc(document=None, sdoc=doc, pub=None, index=None, quotes=None, signatories=(),
                             lexicon=lexicon, ontology=None, settings=None)
            for tok in doc:
                hit = lexicon.match(tok)
                if hit is not None:
                    matched += 1
                    assert lexicon.may_match(doc, tok.i), (doc.text, tok.text)
                elif not lexicon.may_match(doc, tok.i):
                    gated += 1
                assert ctx.match_at(tok.i) is hit
                assert ctx.match(tok) is hit
        assert matched >= 15 and gated >= 100  # the gate does its job: most tokens never reach match()


def test_document_texts_are_remembered_for_a_document_and_its_title(nlp):
    body, title = nlp("Kenya and Uganda signed a trade deal in Nairobi."), nlp("Kenya, Uganda sign deal")
    for _ in range(2):
        assert doc_text(body) == body.text and doc_text(title) == title.text
    assert doc_text(body) is doc_text(body) and doc_text(title) is doc_text(title)


def test_trigger_text_matches_the_subtree_reading(docs):
    """``_trigger_text`` reads only the six-token window of the subtree; the plain reading walks all of it."""
    from dataclasses import replace

    from accord.events.lexicon import load_lexicon

    def plain(token, trig):
        words = [token]
        if trig.with_:
            wanted = set().union(*trig.with_)
            for t in token.subtree:
                if t.i != token.i and (t.lemma_.lower() in wanted or t.lower_ in wanted) and abs(t.i - token.i) <= 6:
                    words.append(t)
        for c in token.children:
            if c.dep_ == "prt" and c not in words:
                words.append(c)
        words.sort(key=lambda t: t.i)
        return " ".join(t.text for t in words)

    base = load_lexicon().triggers[0]
    longer = [t for t in load_lexicon().triggers if t.with_]
    assert longer
    for doc in docs:
        every = frozenset(t.lemma_.lower() for t in doc) | frozenset(t.lower_ for t in doc)
        for trig in (base, replace(base, with_=(every,)), longer[0]):
            for tok in doc:
                assert coder._trigger_text(tok, trig) == plain(tok, trig), (doc.text, tok.text)


def test_places_of_a_token_range_are_those_of_its_span(docs):
    from accord.geo.places import PlaceFinder

    for doc in docs:
        fast, plain = PlaceFinder(), PlaceFinder()
        for sent in doc.sents:
            for tok in sent:
                lo, hi = tok.left_edge.i, tok.right_edge.i + 1
                for actors in ((), [(sent.start_char, sent.start_char + 12)]):
                    assert fast.at(doc, lo, hi, actors) == plain(doc[lo:hi], actors)


BORDER_TEXTS = [
    "Kyrgyzstan and Tajikistan agreed to a ceasefire on their border with each other after clashes on Friday.",
    "Pakistani troops clashed with Taliban fighters on the frontier with Afghanistan, the army said.",
    "Armenia said it had agreed with Azerbaijan to hold talks about the boundary between the two countries.",
    "Greece and Turkey agreed to resume talks on migration; the border crossings at Evros stayed open.",
    "India and China held a new round of talks on Monday. Both sides said the meeting was candid.",
]


def test_tokens_with_lemma_are_those_a_token_walk_finds(docs, nlp):
    from spacy.parts_of_speech import NOUN, VERB

    from accord.events.roles import BORDER_NOUNS
    from accord.nlp.spans import tokens_with_lemma

    for doc in [*docs, *nlp.pipe(BORDER_TEXTS)]:
        for words, pos in ((BORDER_NOUNS, NOUN), (frozenset({"say", "talk", "agree"}), VERB),
                           (frozenset({"talk", "meeting"}), NOUN)):
            plain = [t.i for t in doc if t.lemma_.lower() in words and t.pos == pos]
            assert tokens_with_lemma(doc, words, pos) == plain, (doc.text, words)
            assert tokens_with_lemma(doc, words, pos) == plain  # asked again: the remembered answer


def test_border_counterparts_gate_gives_the_subtree_walk(nlp):
    """border_counterparts skips the trigger's subtree when no border noun lies under the trigger; with or
    without that skip, every token of these texts gets the same answer."""
    from accord.actors import load_kb, resolve_document
    from accord.events import roles

    def walk(token, index, source):  # the function without its first-pass gate
        src = {a.country for a in source if a.country}
        subjects = {t.i for c in token.children if c.dep_ in roles.SUBJ + roles.SUBJ_PASS for t in c.subtree}
        for t in token.subtree:
            if t.i in subjects or t.lemma_.lower() not in roles.BORDER_NOUNS or t.pos_ != "NOUN":
                continue
            for g in roles.prep_objects(t, ("with", "between")):
                found = [a for a in roles.np_actors(g, index) if a.country and a.country not in src]
                if found:
                    return found
        return []

    kb = load_kb()
    found_any = False
    for doc in nlp.pipe(BORDER_TEXTS + TEXTS):
        index = roles.MentionIndex(resolve_document(doc, None, kb=kb).mentions)
        for tok in doc:
            fast = roles.border_counterparts(tok, index, [])
            assert fast == walk(tok, index, []), (doc.text, tok.text)
            found_any = found_any or bool(fast)
    assert found_any  # the texts do name a party across a border
