"""Quotes: direct, split, partial and block quotes, scare quotes ignored, speakers and offsets."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from accord.errors import DataError
from accord.quotes import QuoteIndex, extract_quotes, load_cues, quote_spans
from accord.quotes.lexicon import CUES_FILE
from accord.records import Actor, Document, Paragraph, Quote
from accord.schema_check import validate

# A small stand-in for the actor resolver: surface form -> (name, country, sector, kind).
KB = {
    "Foreign Minister Wang Yi": ("Wang Yi", "CHN", "GOV", "person"),
    "Wang Yi": ("Wang Yi", "CHN", "GOV", "person"),
    "Sergei Lavrov": ("Sergei Lavrov", "RUS", "GOV", "person"),
    "Lavrov": ("Sergei Lavrov", "RUS", "GOV", "person"),
    "Antony Blinken": ("Antony Blinken", "USA", "GOV", "person"),
    "Blinken": ("Antony Blinken", "USA", "GOV", "person"),
    "China": ("China", "CHN", None, "state"),
    "Japan": ("Japan", "JPN", None, "state"),
    "Russia": ("Russia", "RUS", None, "state"),
    "The Chinese foreign ministry": ("Ministry of Foreign Affairs of China", "CHN", "GOV", "state"),
    "the Japanese defence ministry": ("Ministry of Defense of Japan", "JPN", "MIL", "state"),
}


@dataclass
class FakeMention:
    start: int
    end: int
    head: int
    actors: tuple[Actor, ...]


def fake_mentions(sdoc) -> list[FakeMention]:
    out: list[FakeMention] = []
    for surface in sorted(KB, key=len, reverse=True):
        name, country, sector, kind = KB[surface]
        at = sdoc.text.find(surface)
        while at != -1:
            span = sdoc.char_span(at, at + len(surface))
            if span is not None and not any(m.start < span.end and span.start < m.end for m in out):
                actor = Actor(surface, at, at + len(surface), name, country, sector, kind=kind)
                out.append(FakeMention(span.start, span.end, span.root.i, (actor,)))
            at = sdoc.text.find(surface, at + len(surface))
    return sorted(out, key=lambda m: m.start)


def make_doc(text: str, block_paragraphs: tuple[int, ...] = ()) -> Document:
    paragraphs, pos = [], 0
    for n, part in enumerate(text.split("\n\n")):
        paragraphs.append(Paragraph(pos, pos + len(part), n in block_paragraphs))
        pos += len(part) + 2
    return Document(id="doc-test", text=text, paragraphs=tuple(paragraphs))


def run(nlp, text: str, block_paragraphs: tuple[int, ...] = (), with_mentions: bool = True) -> list[Quote]:
    sdoc = nlp(text)
    quotes = extract_quotes(make_doc(text, block_paragraphs), sdoc, fake_mentions(sdoc) if with_mentions else None)
    for q in quotes:
        assert text[q.start : q.end] == q.text
    return quotes


@pytest.mark.parametrize(
    "text, quoted, speaker, cue",
    [
        (
            "\u201cThe door to dialogue remains open,\u201d Lavrov told reporters in Moscow on Monday.",
            "The door to dialogue remains open",
            "Sergei Lavrov",
            "told",
        ),
        (
            '"We will not accept these terms," Blinken said after the meeting in Brussels.',
            "We will not accept these terms",
            "Antony Blinken",
            "said",
        ),
        (
            "\u2018We have made our position on the islands perfectly clear,\u2019 Wang Yi told the visiting delegation.",
            "We have made our position on the islands perfectly clear",
            "Wang Yi",
            "told",
        ),
        (
            "\u201cBeijing is ready to work with all parties to restore calm,\u201d said Foreign Minister Wang Yi.",
            "Beijing is ready to work with all parties to restore calm",
            "Wang Yi",
            "said",
        ),
        (
            "Lavrov said on Tuesday: \u201cNo one will dictate terms to Russia.\u201d",
            "No one will dictate terms to Russia.",
            "Sergei Lavrov",
            "said",
        ),
        (
            "According to the Japanese defence ministry, \u201cthe Chinese vessels entered the contiguous zone twice.\u201d",
            "the Chinese vessels entered the contiguous zone twice.",
            "Ministry of Defense of Japan",
            "According to",
        ),
    ],
)
def test_quotes_direct_quote_styles(nlp, text, quoted, speaker, cue):
    quotes = run(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert (q.text, q.cue, q.block) == (quoted, cue, False)
    assert q.speaker is not None and q.speaker.name == speaker


def test_quotes_split_quote_has_one_speaker(nlp):
    text = "\u201cWe will not back down,\u201d the defence minister said, \u201cwhatever the cost to our economy.\u201d"
    quotes = run(nlp, text)
    assert [q.text for q in quotes] == ["We will not back down", "whatever the cost to our economy."]
    assert {q.speaker_text for q in quotes} == {"the defence minister"}
    assert all(q.cue == "said" for q in quotes)


def test_quotes_multi_sentence_quote_is_one_quote(nlp):
    text = (
        "Lavrov said Moscow had no plans for new talks. \u201cWe see no basis for negotiation at this stage. "
        "The other side must first withdraw its forces,\u201d he added."
    )
    quotes = run(nlp, text)
    assert len(quotes) == 1
    assert quotes[0].text.startswith("We see no basis") and quotes[0].text.endswith("withdraw its forces")
    assert quotes[0].speaker.name == "Sergei Lavrov"
    assert quotes[0].cue == "added"


def test_quotes_quote_running_over_paragraphs(nlp):
    text = (
        "Sergei Lavrov spoke to reporters after the session.\n\n"
        "\u201cWe have waited long enough for an answer.\n\n"
        "\u201cThe time for talk is over,\u201d Lavrov said."
    )
    quotes = run(nlp, text)
    assert [q.text for q in quotes] == ["We have waited long enough for an answer.", "The time for talk is over"]
    assert all(q.speaker is not None and q.speaker.country == "RUS" for q in quotes)


def test_quotes_name_and_colon_speaks(nlp):
    text = (
        "Governor Ellis of Vermont: \u201cThese funds will keep thousands of families warm this winter.\u201d"
    )
    [q] = run(nlp, text)
    assert q.speaker_text == "Governor Ellis of Vermont" and q.cue == ":"


def test_quotes_follow_on_quote_keeps_speaker(nlp):
    text = "\u201cWe are ready to talk,\u201d Blinken said. \u201cBut we will not wait forever.\u201d"
    quotes = run(nlp, text)
    assert len(quotes) == 2
    assert quotes[1].speaker.name == "Antony Blinken" and quotes[1].cue is None


@pytest.mark.parametrize(
    "text",
    [
        "The so-called 'peace plan' was dismissed by both governments within hours.",
        "The two navies began \u201cjoint sea and air patrols\u201d near the islands on Monday, the defence ministry said.",
        "The ministers agreed on a \u201croad map\u201d for the next round of talks in Geneva.",
        "Analysts say the self-styled \u201cpeople's republic\u201d controls little territory.",
        "The allies are committed to the principle of \u201cno decisions about Ukraine without Ukraine.\u201d",
        "The order builds on the recent \u201cImproving the Nation's Cybersecurity\u201d initiative.",
    ],
)
def test_quotes_scare_quotes_and_terms_are_ignored(nlp, text):
    assert run(nlp, text) == []


@pytest.mark.parametrize(
    "text, quoted, speaker_text, cue",
    [
        (
            "China firmly opposes what it called \u2018US hegemonic attempts\u2019 in the South China Sea.",
            "US hegemonic attempts",
            "China",
            "called",
        ),
        (
            "Blinken said the United States would \u201cnot stand by\u201d while its allies were threatened.",
            "not stand by",
            "Blinken",
            "said",
        ),
        (
            "\u201cA victory for peace,\u201d the German chancellor said after the vote in parliament.",
            "A victory for peace",
            "the German chancellor",
            "said",
        ),
    ],
)
def test_quotes_partial_quote_with_speech_cue(nlp, text, quoted, speaker_text, cue):
    quotes = run(nlp, text)
    assert [(q.text, q.speaker_text, q.cue) for q in quotes] == [(quoted, speaker_text, cue)]


def test_quotes_partial_quote_pronoun_resolves_in_same_sentence(nlp):
    text = "China firmly opposes what it called \u2018US hegemonic attempts\u2019 in the South China Sea."
    [q] = run(nlp, text)
    assert q.speaker.country == "CHN"
    assert q.speaker.via == "coref:it"
    assert text[q.speaker.start : q.speaker.end] == "it"


def test_quotes_he_said_resolves_to_earlier_person(nlp):
    text = (
        "Foreign Minister Wang Yi met his Indonesian counterpart in Jakarta on Tuesday.\n\n"
        "\u201cWe oppose any attempt to change the status quo by force,\u201d he said."
    )
    [q] = run(nlp, text)
    assert q.speaker.name == "Wang Yi" and q.speaker.country == "CHN"
    assert q.speaker.via == "coref:he"
    assert text[q.speaker.start : q.speaker.end] == "he"
    assert q.speaker_text == "Foreign Minister Wang Yi"


def test_quotes_he_said_prefers_previous_speaker(nlp):
    text = (
        "\u201cWe will respond to any provocation,\u201d Lavrov said, after meeting Antony Blinken in Geneva. "
        "\u201cOur patience is not endless,\u201d he added."
    )
    quotes = run(nlp, text)
    assert [q.speaker.name for q in quotes] == ["Sergei Lavrov", "Sergei Lavrov"]


def test_quotes_he_said_stays_unresolved_when_ambiguous(nlp):
    text = (
        "The talks between Lavrov and Blinken lasted three hours.\n\n"
        "\u201cIt was a useful exchange of views,\u201d he said."
    )
    [q] = run(nlp, text)
    assert q.speaker is None and q.speaker_text is None
    assert q.cue == "said"


def test_quotes_speaker_without_mentions_is_text_only(nlp):
    text = "\u201cThe door to dialogue remains open,\u201d Lavrov told reporters in Moscow on Monday."
    [q] = run(nlp, text, with_mentions=False)
    assert q.speaker is None and q.speaker_text == "Lavrov"


def test_quotes_block_quote_after_stating(nlp):
    text = (
        "The Chinese foreign ministry released a statement on Monday stating:\n\n"
        "China will take all necessary measures to defend its sovereignty and territorial integrity.\n\n"
        "Analysts expect the dispute to dominate next week's summit."
    )
    quotes = run(nlp, text)
    assert len(quotes) == 1
    q = quotes[0]
    assert q.block and q.cue == "stating:"
    assert q.text == "China will take all necessary measures to defend its sovereignty and territorial integrity."
    assert q.speaker.name == "Ministry of Foreign Affairs of China"


def test_quotes_block_quote_statement_said_finds_issuer(nlp):
    text = (
        "The Chinese foreign ministry issued a statement late on Sunday.\n\n"
        "The statement said:\n\n"
        "\u201cThe Japanese side must stop all provocative actions immediately.\u201d"
    )
    [q] = run(nlp, text)
    assert q.block and q.cue == "said:"
    assert q.text == "The Japanese side must stop all provocative actions immediately."
    assert q.speaker is not None and q.speaker.country == "CHN"


def test_quotes_block_quote_rest_of_paragraph_after_colon(nlp):
    text = (
        "In a statement issued late on Sunday, the Japanese defence ministry said: The incursion violates "
        "international law and will be met with a firm response."
    )
    [q] = run(nlp, text)
    assert q.block and q.cue == "said:"
    assert q.text.startswith("The incursion violates") and q.text.endswith("firm response.")
    assert q.speaker.country == "JPN"


def test_quotes_flagged_block_paragraphs_share_the_intro_speaker(nlp):
    text = (
        "Wang Yi told a news conference in Beijing:\n\n"
        "The two countries are partners, not rivals.\n\n"
        "We will deepen our cooperation in every field.\n\n"
        "Japan did not respond to the remarks."
    )
    quotes = run(nlp, text, block_paragraphs=(1, 2))
    assert [q.text for q in quotes] == [
        "The two countries are partners, not rivals.",
        "We will deepen our cooperation in every field.",
    ]
    assert all(q.block and q.speaker.name == "Wang Yi" and q.cue == "told" for q in quotes)


def test_quotes_colon_before_a_list_is_not_a_block_quote(nlp):
    text = "Lavrov said three issues remain open: security guarantees, sanctions and the exchange of prisoners."
    assert run(nlp, text) == []


def test_quotes_flagged_block_without_intro_has_no_speaker(nlp):
    text = "Japan did not respond.\n\nAll parties must respect the ceasefire and allow humanitarian access."
    [q] = run(nlp, text, block_paragraphs=(1,))
    assert q.block and q.speaker is None and q.cue is None


ARTICLE = (
    "Russian Foreign Minister Sergei Lavrov and his Chinese counterpart Wang Yi met in Beijing on Tuesday.\n\n"
    "\u201cOur relations have never been better,\u201d Lavrov told reporters after the talks, adding that the two "
    "countries would \u201ccoordinate closely\u201d at the United Nations.\n\n"
    "Wang called the partnership \u201ca pillar of stability\u201d. The so-called \u201cno limits\u201d friendship "
    "has drawn criticism in Washington.\n\n"
    "Antony Blinken said on Wednesday: \u201cWe are watching this very closely. Any support for the war will "
    "have consequences.\u201d\n\n"
    "\u201cWe do not accept lectures,\u201d Lavrov replied later, \u201cfrom those who started wars themselves.\u201d"
)


def test_quotes_article_offsets_and_speakers(nlp):
    quotes = run(nlp, ARTICLE)
    got = [(q.text, q.speaker.name if q.speaker else None) for q in quotes]
    assert got == [
        ("Our relations have never been better", "Sergei Lavrov"),
        ("coordinate closely", "Sergei Lavrov"),
        ("a pillar of stability", None),
        ("We are watching this very closely. Any support for the war will have consequences.", "Antony Blinken"),
        ("We do not accept lectures", "Sergei Lavrov"),
        ("from those who started wars themselves.", "Sergei Lavrov"),
    ]
    assert quotes[2].speaker_text == "Wang" and quotes[2].cue == "called"
    for q in quotes:
        assert ARTICLE[q.start - 1] in "\u201c\u2018\"" or q.block
        assert not q.text[0].isspace() and not q.text[-1].isspace()
        validate(q.to_dict())


def test_quotes_index_finds_quote_and_speaker(nlp):
    quotes = run(nlp, ARTICLE)
    index = QuoteIndex(quotes)
    inside = ARTICLE.index("watching")
    assert index.at(inside).speaker.name == "Antony Blinken"
    assert index.at(ARTICLE.index("met in Beijing")) is None
    first = quotes[0]
    assert index.at(first.start) is first and index.at(first.end) is None
    assert index.overlapping(0, len(ARTICLE)) == sorted(quotes, key=lambda q: q.start)
    assert [s for s, _, _ in quote_spans(quotes)] == sorted(q.start for q in quotes)
    assert len(index) == len(quotes)


def test_quotes_refuse_doc_from_other_text(nlp):
    with pytest.raises(ValueError):
        extract_quotes(make_doc("One text."), nlp("Another text."))


@pytest.mark.parametrize(
    "change, match",
    [
        (lambda s: s.replace("  - say\n", "  - Say\n", 1), "lower-case"),
        (lambda s: s.replace("speech_verbs:", "speech_verb:", 1), "speech_verbs"),
        (lambda s: s.replace("  he: person", "  he: robot", 1), "pronoun"),
        (lambda s: s.replace("naming_verbs:\n", "naming_verbs:\n  - nickname\n", 1), "must also be speech_verbs"),
    ],
)
def test_quotes_lexicon_rejects_bad_file(tmp_path, change, match):
    bad = tmp_path / "cues.yaml"
    bad.write_text(change(CUES_FILE.read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(DataError, match=match):
        load_cues(bad)


def test_quotes_lexicon_loads_shipped_file():
    cues = load_cues()
    assert {"say", "tell", "add", "warn", "insist", "announce"} <= cues.speech_verbs
    assert "so-called" in cues.scare_prefixes and cues.pronouns["he"] == "person"


@pytest.mark.parametrize(
    "text",
    [
        "",
        "Talks resumed in Geneva on Monday.",
        "\u201cAn opening mark that never closes, said nobody in particular.",
        'A stray closing mark\u201d and a lone " straight one.',
        "The ministers' statement and the countries' leaders met in the '90s.",
    ],
)
def test_quotes_odd_text_gives_no_quotes_and_no_crash(nlp, text):
    assert run(nlp, text) == []


def test_quotes_real_readouts_offsets_exact(nlp, shared_data):
    import json

    rows = []
    with open(shared_data / "wh_diplomacy_2021_2022.jsonl", encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            if "\u201c" in row["text"] and len(row["text"]) < 6000:
                rows.append(row)
            if len(rows) == 8:
                break
    total = 0
    for row in rows:
        document = Document(id=str(row["id"]), text=row["text"])
        quotes = extract_quotes(document, nlp(row["text"]))
        total += len(quotes)
        spans = quote_spans(quotes)
        for (s1, e1, _), (s2, _, _) in zip(spans, spans[1:]):
            assert e1 <= s2, "quotes overlap"
        for q in quotes:
            assert row["text"][q.start : q.end] == q.text
            validate(q.to_dict())
    assert total > 0
