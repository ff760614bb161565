"""The versioned JSON schemas match the records' to_dict() output, and reject broken records."""

from __future__ import annotations

import copy
import json

import pytest

from accord.errors import RecordError
from accord.pipeline import CodedDocument
from accord.records import Actor, Document, Event, Location, Paragraph, Problem, Quote
from accord.schema_check import problems, schema_file, schema_names, validate

TEXT = (
    "Russian Foreign Minister Sergei Lavrov met his Chinese counterpart Wang Yi in Beijing on Tuesday.\n\n"
    "\u201cWe will not accept any pressure,\u201d Lavrov told reporters after the talks."
)


def _lavrov() -> Actor:
    return Actor(
        text="Russian Foreign Minister Sergei Lavrov",
        start=0,
        end=38,
        name="Sergei Lavrov",
        country="RUS",
        sector="GOV",
        id="Q80137",
        kind="person",
    )


def _wang() -> Actor:
    return Actor(text="Wang Yi", start=66, end=73, name="Wang Yi", country="CHN", sector="GOV", kind="person")


def _event(**changes) -> Event:
    fields = dict(
        doc_id="doc-3f2a9c0b1d4e5f60",
        sentence=0,
        text=TEXT.split("\n\n")[0],
        start=0,
        end=97,
        event="CONSULT",
        mode="visit",
        context=("diplomacy",),
        cameo="042",
        quad_class=1,
        goldstein=1.9,
        actor=(_lavrov(),),
        recipient=(_wang(),),
        date="2024-03-12",
        date_precision="day",
        event_loc=Location(text="Beijing", name="Beijing", country="CHN", lat=39.9075, lon=116.39723, geonameid=1816670),
        trigger="met",
        trigger_start=39,
        trigger_end=42,
        rule="consult.meet.v1",
        confidence=0.82,
    )
    fields.update(changes)
    return Event(**fields)


def _quote() -> Quote:
    start = TEXT.index("We will")
    end = TEXT.index(",\u201d")
    return Quote(
        doc_id="doc-3f2a9c0b1d4e5f60",
        text=TEXT[start:end],
        start=start,
        end=end,
        speaker=Actor(text="Lavrov", start=end + 2, end=end + 8, name="Sergei Lavrov", country="RUS", sector="GOV", kind="person"),
        speaker_text="Lavrov",
        cue="told",
    )


def _coded() -> CodedDocument:
    document = Document(
        id="doc-3f2a9c0b1d4e5f60",
        text=TEXT,
        title="Lavrov and Wang hold talks in Beijing",
        author="Staff reporter",
        date="2024-03-12",
        url="https://news.example.org/world/lavrov-wang",
        links=("https://news.example.org/world",),
        source="articles/lavrov.html",
        format="html",
        paragraphs=(Paragraph(0, 97), Paragraph(99, len(TEXT))),
    )
    problem = Problem(source="articles/lavrov.html", code="E202", message="Event coding failed on part.", stage="code")
    return CodedDocument(document, events=(_event(),), quotes=(_quote(),), problems=(problem,))


def test_schema_files_are_named_for_their_id():
    assert schema_names() == ["accord.actor/1", "accord.document/1", "accord.event/1", "accord.quote/1"]
    for name in schema_names():
        schema = json.loads(schema_file(name).read_text())
        assert schema["$id"].endswith(name)
        assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"


@pytest.mark.parametrize(
    "record",
    [
        pytest.param(lambda: _event().to_dict(), id="event"),
        pytest.param(lambda: _event(event_loc=None, speaker=None, mode=None, recipient=(), date=None,
                                    date_precision="year", cameo="").to_dict(), id="event-sparse"),
        pytest.param(lambda: _event(event="SANCTION", quad_class=4, goldstein=-6.0, cameo="163").to_dict(), id="sanction-4"),
        pytest.param(lambda: _event(event="SANCTION", quad_class=3, goldstein=-4.0, cameo="1621").to_dict(), id="sanction-3"),
        pytest.param(lambda: _event(quoted=True, speaker=_lavrov(), date="2024-03").to_dict(), id="event-quoted"),
        pytest.param(lambda: _quote().to_dict(), id="quote"),
        pytest.param(lambda: Quote("doc-1", "The two sides agreed.", 10, 31, block=True, cue="stating:").to_dict(), id="block-quote"),
        pytest.param(lambda: _coded().to_dict(), id="coded-document"),
        pytest.param(lambda: CodedDocument(Document(id="doc-empty", text="Nothing happened.")).to_dict(), id="document-bare"),
        pytest.param(lambda: _coded().document.to_dict(), id="document-record"),
    ],
)
def test_schema_accepts_realistic_records(record):
    obj = json.loads(json.dumps(record()))  # exactly what a JSONL line carries
    assert problems(obj) == []
    validate(obj)


@pytest.mark.parametrize("actor", [_lavrov(), _wang(), Actor("the United Nations", 0, 18, "United Nations", "IGO", kind="igo", id="Q1065")])
def test_schema_accepts_actor_by_name(actor):
    validate(actor.to_dict(), schema="accord.actor/1")


def _drop(key):
    def change(d):
        del d[key]
    return change


def _set(path, value):
    def change(d):
        target = d
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
    return change


@pytest.mark.parametrize(
    "make, change, where",
    [
        (lambda: _event().to_dict(), _drop("goldstein"), "<root>: 'goldstein'"),
        (lambda: _event().to_dict(), _set(["event"], "DEMAND"), "event"),
        (lambda: _event().to_dict(), _set(["event"], "consult"), "event"),
        (lambda: _event().to_dict(), _set(["quad_class"], 5), "quad_class"),
        (lambda: _event().to_dict(), _set(["quad_class"], 3), "quad_class"),  # CONSULT is verbal cooperation
        (lambda: _event().to_dict(), _set(["goldstein"], -11.0), "goldstein"),
        (lambda: _event().to_dict(), _set(["goldstein"], "1.9"), "goldstein"),
        (lambda: _event().to_dict(), _set(["confidence"], 1.5), "confidence"),
        (lambda: _event().to_dict(), _set(["date_precision"], "week"), "date_precision"),
        (lambda: _event().to_dict(), _set(["date"], "12/03/2024"), "date"),
        (lambda: _event().to_dict(), _set(["sentence"], "0"), "sentence"),
        (lambda: _event().to_dict(), _set(["actor", 0, "country"], "Russia"), "actor/0/country"),
        (lambda: _event().to_dict(), _set(["actor", 0, "kind"], "country"), "actor/0/kind"),
        (lambda: _event().to_dict(), _set(["event_loc", "lat"], 123.0), "event_loc"),
        (lambda: _event().to_dict(), _set(["extra_field"], 1), "<root>"),
        (lambda: _quote().to_dict(), _drop("speaker"), "<root>"),
        (lambda: _quote().to_dict(), _set(["block"], "no"), "block"),
        (lambda: _quote().to_dict(), _set(["start"], -1), "start"),
        (lambda: _quote().to_dict(), _set(["speaker", "start"], None), "speaker"),
        (lambda: _coded().to_dict(), _set(["format"], "docx"), "format"),
        (lambda: _coded().to_dict(), _set(["checksum"], "abc"), "checksum"),
        (lambda: _coded().to_dict(), _set(["events", 0, "event"], "FIGHT"), "events/0/event"),
        (lambda: _coded().to_dict(), _set(["errors", 0, "code"], "oops"), "errors/0/code"),
        (lambda: _coded().to_dict(), _drop("quotes"), "<root>"),
    ],
)
def test_schema_rejects_broken_records(make, change, where):
    obj = copy.deepcopy(make())
    change(obj)
    found = problems(obj)
    assert found, "a broken record passed validation"
    assert any(p.startswith(where) for p in found), found
    with pytest.raises(RecordError, match=r"\[E501\]"):
        validate(obj)


@pytest.mark.parametrize("obj", [{"schema": "accord.event/9"}, {"text": "no schema key"}])
def test_schema_check_refuses_unknown_or_missing_schema(obj):
    with pytest.raises(RecordError):
        validate(obj)
