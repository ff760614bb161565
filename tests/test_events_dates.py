"""Event dates as coded: month-days by tense, publication-day precision, and where every date came from."""

from __future__ import annotations

import pytest

from accord.pipeline import code_documents, code_text
from accord.records import Document, event_from_dict
from accord.schema_check import validate


@pytest.fixture(scope="module")
def summit(nlp):
    return code_text(
        "President Biden and Swiss President Guy Parmelin will hold a summit on June 16. "
        "The two presidents discussed trade and the pandemic.",
        date="2021-06-15",
    )


def test_events_dates_month_day_hanging_on_an_event_noun_is_ahead(summit):
    """The summit "on June 16" in a text of June 15 is tomorrow's, not last year's (issue 10)."""
    dated = [e for e in summit.events if "summit" in e.trigger]
    assert dated
    assert {(e.date, e.date_precision, e.date_source) for e in dated} == {("2021-06-16", "day", "text")}


def test_events_dates_undated_events_are_the_publication_day(summit):
    undated = [e for e in summit.events if "summit" not in e.trigger]
    assert undated
    assert {(e.date, e.date_precision, e.date_source) for e in undated} == {("2021-06-15", "day", "publication")}


def test_events_dates_date_source_in_json_and_schema(summit):
    for event in summit.events:
        d = event.to_dict()
        validate(d)
        assert d["date_source"] in ("text", "publication")
        assert event_from_dict(d) == event
    validate(summit.to_dict())


def test_events_dates_without_publication_date_say_none(nlp):
    coded = code_text("Egypt and Jordan agreed to expand trade in natural gas.")
    assert coded.events
    assert {(e.date, e.date_source) for e in coded.events} == {(None, "none")}


def test_events_dates_file_metadata_publication_date_is_marked(nlp):
    text = "Egypt and Jordan agreed to expand trade in natural gas."
    doc = Document(id="doc-fm", text=text, date="2023-11-09", date_source="file-metadata")
    (coded,) = list(code_documents([doc]))
    assert coded.events
    assert {(e.date, e.date_precision, e.date_source) for e in coded.events} == {("2023-11-09", "day", "file-metadata")}
