"""Ingestion of text, Markdown, HTML and JSONL: metadata, clean paragraphs and block quotes."""

from __future__ import annotations

from pathlib import Path

import pytest

from accord.ingest import read_bytes, read_paths, read_text
from accord.records import Document, Problem

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def paragraphs(doc: Document) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs]


def quotes(doc: Document) -> list[str]:
    return [doc.text[p.start : p.end] for p in doc.paragraphs if p.block_quote]


def only_document(items) -> Document:
    items = list(items)
    assert len(items) == 1, items
    assert isinstance(items[0], Document), items[0]
    return items[0]


@pytest.fixture(scope="module")
def examples() -> dict[str, Document]:
    docs = [d for d in read_paths([EXAMPLES]) if isinstance(d, Document)]
    return {Path(d.source.split(":")[0]).name + (":" + d.source.split(":")[1] if ":" in d.source else ""): d for d in docs}


# --- the bundled examples --------------------------------------------------------------------

@pytest.mark.parametrize(
    "name, fmt, title, author, date",
    [
        ("beijing_summit.txt", "text", "Putin and Xi pledge deeper partnership at Beijing summit", "Daria Konstantinova", "2024-05-16"),
        ("joint_statement.md", "markdown", "Joint Statement of the Foreign Ministers of the Russian Federation and the People's Republic of China", "Ministry of Foreign Affairs (press office)", "2024-09-12"),
        ("border_clashes.html", "html", "Armenia accuses Azerbaijan of shelling border villages", "Levon Petrosyan", "2024-11-07"),
        ("ministers_report.pdf", "pdf", "Allies and rivals: a month of ministerial diplomacy", "Kenji Hartley", "2024-11-04"),
        ("wire_corpus.jsonl:1", "jsonl", "Lavrov and Wang Yi hold talks by phone", "Wire staff", "2024-02-14"),
    ],
)
def test_ingest_examples_metadata(examples, name, fmt, title, author, date):
    doc = examples[name]
    assert (doc.format, doc.title, doc.author, doc.date) == (fmt, title, author, date)


@pytest.mark.parametrize(
    "name, opening",
    [
        ("beijing_summit.txt", '"Russian-Chinese relations are not an alliance'),
        ("joint_statement.md", "The Parties reaffirm that Russian-Chinese relations"),
        ("border_clashes.html", "Armenia remains committed to the peace process"),
        ("ministers_report.pdf", '"Our armed forces are ready'),
    ],
)
def test_ingest_examples_one_block_quote(examples, name, opening):
    found = quotes(examples[name])
    assert len(found) == 1 and found[0].startswith(opening)


@pytest.mark.parametrize("name", ["beijing_summit.txt", "joint_statement.md", "border_clashes.html", "ministers_report.pdf"])
def test_ingest_examples_paragraph_offsets_are_consistent(examples, name):
    doc = examples[name]
    assert len(doc.paragraphs) >= 5
    assert "\n\n".join(paragraphs(doc)) == doc.text
    for text in paragraphs(doc):
        assert text == text.strip() and "\n" not in text


def test_ingest_examples_every_file_is_read(examples):
    names = {n.split(":")[0] for n in examples}
    assert names == {"beijing_summit.txt", "joint_statement.md", "border_clashes.html", "ministers_report.pdf", "wire_corpus.jsonl"}
    assert sum(1 for n in examples if n.startswith("wire_corpus.jsonl")) == 10


def test_ingest_text_example_byline_and_title_not_in_text(examples):
    doc = examples["beijing_summit.txt"]
    assert "Written by" not in doc.text and "Konstantinova" not in doc.text
    assert not doc.text.startswith("Putin and Xi pledge")
    assert paragraphs(doc)[0].startswith("BEIJING, May 16 - Russian President Vladimir Putin met")
    assert "met Chinese President Xi Jinping in Beijing on Thursday, and the two leaders" in doc.text


@pytest.mark.parametrize("markup", ["#", "**", "](", "> ", "---", "title:", "source_url"])
def test_ingest_markdown_example_has_no_markup(examples, markup):
    assert markup not in examples["joint_statement.md"].text


def test_ingest_markdown_example_links_and_url(examples):
    doc = examples["joint_statement.md"]
    assert doc.url == "https://mfa.example.org/statements/2024-09-12-russia-china"
    assert "https://mfa.example.org/press" in doc.links
    assert "1. The Parties" not in doc.text
    assert "The Parties agreed to strengthen coordination at the United Nations" in doc.text


@pytest.mark.parametrize("boilerplate", ["Advertisement", "Privacy policy", "Related stories", "Subscribe", "All rights reserved", "Home"])
def test_ingest_html_example_drops_boilerplate(examples, boilerplate):
    assert boilerplate not in examples["border_clashes.html"].text


def test_ingest_html_example_links_and_url(examples):
    doc = examples["border_clashes.html"]
    assert doc.url == "https://caucasuswire.example.com/2024/11/armenia-azerbaijan-border-shelling"
    assert doc.links == ("https://caucasuswire.example.com/2024/09/peace-talks-stall",)
    assert paragraphs(doc)[0].startswith("YEREVAN, Nov 7 - Armenia accused Azerbaijan")


def test_ingest_jsonl_example_fields_pass_through(examples):
    doc = examples["wire_corpus.jsonl:4"]
    assert doc.id == "wire-2024-1021-04"
    assert doc.url == "https://wire.example.net/2024/10/21/joint-patrol"
    assert doc.source.endswith("wire_corpus.jsonl:4")
    assert doc.text.startswith("VLADIVOSTOK, Oct 21 - Russian and Chinese warships")


# --- plain text layouts ----------------------------------------------------------------------

WRAPPED = """\
Kenya deploys police to Haiti as first contingent lands

By Amina Odhiambo
June 26, 2024

NAIROBI, June 26 - Kenya deployed 400 police officers to Haiti on
Tuesday, the first contingent of a multinational mission backed by the
United Nations to help the Caribbean nation fight armed gangs and re-
store order in the capital.

President William Ruto said the officers would protect civilians and
critical infrastructure. In a farewell address he told them:

    "You are going on a mission of peace and of humanity, and the
    whole world is watching how you conduct yourselves."

Haitian Prime Minister Garry Conille welcomed the officers and said his
government was grateful for the Kenyan-led mission.
"""


def test_ingest_text_wrapped_lines_title_byline_indented_quote():
    doc = read_text(WRAPPED, "haiti.txt")
    assert isinstance(doc, Document)
    assert doc.title == "Kenya deploys police to Haiti as first contingent lands"
    assert (doc.author, doc.date) == ("Amina Odhiambo", "2024-06-26")
    texts = paragraphs(doc)
    assert len(texts) == 4
    assert texts[0].startswith("NAIROBI, June 26 - Kenya deployed 400 police officers to Haiti on Tuesday, the first")
    assert "fight armed gangs and restore order in the capital." in texts[0]
    assert quotes(doc) == ['"You are going on a mission of peace and of humanity, and the whole world is watching how you conduct yourselves."']
    assert "Kenyan-led mission" in doc.text
    assert "By Amina" not in doc.text and "June 26, 2024" not in doc.text


def test_ingest_text_one_paragraph_per_long_line():
    lines = [
        "Protesters marched through the centre of Belgrade on Saturday to demand the resignation of the government after a railway station canopy collapsed and killed fifteen people.",
        "Police said about 40,000 people took part in the march, while organisers put the number at more than twice that, and no violence was reported during the demonstration.",
        "President Aleksandar Vucic said he would not resign and accused foreign intelligence services of organising the protests, a claim the opposition rejected.",
    ]
    doc = read_text("\n".join(lines), "belgrade.txt")
    assert paragraphs(doc) == lines
    assert doc.title is None


def test_ingest_text_written_by_line_in_the_middle_is_metadata():
    text = (
        "Seoul protests Russian military cooperation with Pyongyang\n\n"
        "SEOUL, Oct 30 - South Korea summoned the Russian ambassador on Wednesday to protest against the deployment of North Korean troops to Russia.\n"
        "Written by Min-jun Park on October 30, 2024\n"
        "The foreign ministry said the deployment threatened the security of the Korean peninsula.\n"
    )
    doc = read_text(text, "seoul.txt")
    assert (doc.author, doc.date) == ("Min-jun Park", "2024-10-30")
    assert "Written by" not in doc.text
    assert len(doc.paragraphs) == 2


def test_ingest_text_email_style_quote_and_urls():
    text = (
        "The Philippine coast guard said a Chinese vessel fired a water cannon at one of its ships near Scarborough Shoal, stating:\n\n"
        "> The Chinese coast guard vessel carried out dangerous manoeuvres and used its water cannon against our ship.\n\n"
        "Video released by the coast guard is at https://coastguard.example.ph/videos/0430, and a statement at www.dfa.example.ph/statement-0430.\n"
    )
    doc = read_text(text, "shoal.txt")
    assert quotes(doc) == ["The Chinese coast guard vessel carried out dangerous manoeuvres and used its water cannon against our ship."]
    assert doc.links == ("https://coastguard.example.ph/videos/0430", "http://www.dfa.example.ph/statement-0430")


# --- Markdown, HTML and JSONL given in memory ------------------------------------------------

MARKDOWN = """\
---
title: "EU and UK agree on defence pact"
author: [Claire Dubois, Tom Harris]
date: 2025-05-19
url: https://news.example.eu/eu-uk-defence
---

# EU and UK agree on defence pact

**BRUSSELS, May 19** - The European Union and the United Kingdom signed a *security and
defence partnership* on Monday, the first since Britain left the bloc.

- The pact allows joint [procurement](https://news.example.eu/procurement) of weapons.
- The two sides will hold `regular` consultations.

## Reactions

> We have turned a page, said the Commission president.
"""


def test_ingest_markdown_front_matter_headings_lists_and_quotes():
    doc = read_text(MARKDOWN, "pact.md", fmt="markdown")
    assert doc.title == "EU and UK agree on defence pact"
    assert doc.author == "Claire Dubois, Tom Harris"
    assert doc.date == "2025-05-19" and doc.url == "https://news.example.eu/eu-uk-defence"
    assert paragraphs(doc) == [
        "BRUSSELS, May 19 - The European Union and the United Kingdom signed a security and defence partnership on Monday, the first since Britain left the bloc.",
        "The pact allows joint procurement of weapons.",
        "The two sides will hold regular consultations.",
        "Reactions",
        "We have turned a page, said the Commission president.",
    ]
    assert quotes(doc) == ["We have turned a page, said the Commission president."]
    assert doc.links == ("https://news.example.eu/procurement",)


def test_ingest_markdown_detected_from_content_without_extension():
    (doc,) = read_bytes(MARKDOWN.encode(), "pact")
    assert doc.format == "markdown" and doc.title == "EU and UK agree on defence pact"


HTML = """<!doctype html><html><head><title>Sudan talks collapse | Nile Post</title>
<meta name="author" content="Hassan Idris"><meta property="article:published_time" content="2024-08-23"></head>
<body><nav><a href="/">Home</a> <a href="/sport">Sport</a></nav>
<article><h1>Sudan ceasefire talks collapse in Geneva</h1>
<p>GENEVA, Aug 23 - Talks on a ceasefire in Sudan ended without agreement on Friday after the army refused to
send a delegation, the United States envoy said. <a href="https://nile.example.com/sudan-envoy">The envoy</a> urged both
sides to allow aid into Darfur.</p>
<p>The Rapid Support Forces said they were ready to negotiate, but accused the army of blocking a deal. The army
rejected the accusation and said the talks favoured its rival.</p>
<blockquote>We will keep pushing for a cessation of hostilities, the envoy said.</blockquote>
<p>Aid agencies warned that famine was spreading in North Darfur and that millions of people needed food.</p>
</article><footer>Copyright Nile Post. <a href="/about">About us</a></footer></body></html>"""


def test_ingest_html_in_memory():
    doc = read_text(HTML, "sudan.html", fmt="html")
    assert doc.title == "Sudan ceasefire talks collapse in Geneva"
    assert (doc.author, doc.date) == ("Hassan Idris", "2024-08-23")
    assert len(doc.paragraphs) == 4
    assert quotes(doc) == ["We will keep pushing for a cessation of hostilities, the envoy said."]
    assert "https://nile.example.com/sudan-envoy" in doc.links
    assert "Copyright" not in doc.text and "Sport" not in doc.text


def test_ingest_html_detected_from_content_in_txt_file(tmp_path):
    path = tmp_path / "saved_page.txt"
    path.write_text(HTML, encoding="utf-8")
    doc = only_document(read_paths([path]))
    assert doc.format == "html"


def test_ingest_jsonl_id_fallback_and_date_normalised():
    data = (
        b'{"text": "Mali expelled the French ambassador on Monday, giving him 72 hours to leave.", "date": "31 January 2022"}\n'
        b'\n'
        b'{"id": 17, "title": "Niger junta", "text": "Niger\'s junta ordered French troops to leave.", "url": "https://x.example/niger"}\n'
    )
    first, second = read_bytes(data, "sahel.jsonl")
    assert first.id == Document.make_id(first.text) and first.date == "2022-01-31"
    assert first.source == "sahel.jsonl:1" and first.format == "jsonl"
    assert second.id == "17" and second.source == "sahel.jsonl:3" and second.title == "Niger junta"


def test_ingest_json_list_of_records():
    data = b'[{"id": "a", "text": "Chad and Sudan agreed to reopen their border."}, {"id": "b", "text": ""}]'
    doc, problem = read_bytes(data, "records.json")
    assert isinstance(doc, Document) and doc.id == "a"
    assert isinstance(problem, Problem) and problem.code == "E108" and problem.source == "records.json:2"


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", "São Paulo: Brazil’s president met Chile’s foreign minister — talks “went well”."),
        ("utf-8-sig", "Brazil’s president met Chile’s foreign minister in Brasília."),
        ("utf-16", "Zürich: Swiss and Austrian ministers met to discuss energy security."),
        ("cp1252", "Café talks in Genève: the “two sides” agreed – again – to meet."),
    ],
)
def test_ingest_text_encodings_decode(encoding, text):
    (doc,) = read_bytes(text.encode(encoding), "note.txt")
    assert isinstance(doc, Document) and doc.text == text
