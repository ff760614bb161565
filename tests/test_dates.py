"""Date resolution against a publication date: expressions, weekday arithmetic, years, history."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from accord.dates import resolve_date

PUB = dt.date(2024, 5, 16)  # a Thursday
NEW_YEAR = dt.date(2024, 1, 2)  # a Tuesday, just after a year boundary


@pytest.mark.parametrize(
    "sentence, expected_date, precision, expression",
    [
        ("Police in Nairobi arrested twelve activists today, a spokesman said.", "2024-05-16", "day", "today"),
        ("The minister said earlier today that talks would resume.", "2024-05-16", "day", "earlier today"),
        ("Rockets struck the port this morning, officials said.", "2024-05-16", "day", "this morning"),
        ("The two leaders will dine together tonight in Geneva.", "2024-05-16", "day", "tonight"),
        ("Protesters blocked the main highway into the capital yesterday.", "2024-05-15", "day", "yesterday"),
        ("Negotiators met on Thursday to discuss a prisoner exchange.", "2024-05-16", "day", "on Thursday"),
        ("The foreign ministers spoke by phone on Monday.", "2024-05-13", "day", "on Monday"),
        ("Troops withdrew from the village on Friday, residents said.", "2024-05-10", "day", "on Friday"),
        ("Last Thursday the parliament voted to expel the envoy.", "2024-05-09", "day", "Last Thursday"),
        ("Armed men abducted two aid workers two days ago.", "2024-05-14", "day", "two days ago"),
        ("The ceasefire collapsed last week after renewed shelling.", "2024-05-09", "month", "last week"),
        ("The government imposed a curfew last month.", "2024-04-01", "month", "last month"),
        ("The agreement was first proposed in March.", "2024-03-01", "month", "in March"),
        ("Ankara recalled its ambassador earlier this month.", "2024-05-01", "month", "earlier this month"),
        ("The treaty was signed on May 16.", "2024-05-16", "day", "on May 16"),
        ("The treaty was signed May 16, 2024, in Vienna.", "2024-05-16", "day", "May 16, 2024"),
        ("The treaty was signed on 16 May 2024 in Vienna.", "2024-05-16", "day", "on 16 May 2024"),
        ("The ministry's statement dated 2024-05-16 rejected the claims.", "2024-05-16", "day", "2024-05-16"),
        ("Inflation rose sharply in 2023, the central bank said.", "2023-01-01", "year", "in 2023"),
        ("The summit was held in May 2024 in Astana.", "2024-05-01", "month", "in May 2024"),
    ],
)
def test_dates_resolve_expression(sentence, expected_date, precision, expression):
    res = resolve_date(sentence, PUB)
    assert (res.date, res.precision, res.source, res.expression) == (expected_date, precision, "text", expression)
    assert sentence[res.start : res.end] == expression
    assert res.historical is False


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("The president will travel to Tokyo on Friday.", "2024-05-17"),
        ("The envoys will meet again on Thursday.", "2024-05-23"),
        ("Talks are due to resume next week.", "2024-05-23"),
        ("Elections are scheduled for next month.", "2024-06-01"),
        ("The two sides will sign the accord in two days.", "2024-05-18"),
    ],
)
def test_dates_future_flag_points_forward(sentence, expected):
    assert resolve_date(sentence, PUB, future=True).date == expected


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Rebels seized the airport on Friday.", "2023-12-29"),
        ("Voters went to the polls yesterday.", "2024-01-01"),
        ("The navy held drills in December.", "2023-12-01"),
        ("The blockade began last month.", "2023-12-01"),
        ("The accord was signed on December 30.", "2023-12-30"),
        ("Shelling resumed on Monday.", "2024-01-01"),
        ("The two sides exchanged prisoners three days ago.", "2023-12-30"),
    ],
)
def test_dates_cross_year_boundary(sentence, expected):
    assert resolve_date(sentence, NEW_YEAR).date == expected


@pytest.mark.parametrize(
    "sentence",
    [
        "The two countries were bitter rivals during the Cold War.",
        "The border was drawn in the 1990s after the war ended.",
        "The city was occupied during World War II.",
        "In the Soviet era the plant employed thousands of workers.",
        "The two governments signed a friendship treaty in 2019.",
        "The dam was completed on March 3, 2015, with Chinese loans.",
    ],
)
def test_dates_historical_background_is_flagged(sentence):
    res = resolve_date(sentence, PUB)
    assert res.historical is True
    assert res.source == "text"


def test_dates_recent_expression_wins_over_historical_period():
    res = resolve_date("On Tuesday the former Cold War rivals agreed to reopen the consulates.", PUB)
    assert (res.date, res.historical) == ("2024-05-14", False)


def test_dates_last_year_is_not_historical():
    res = resolve_date("The sanctions were first imposed last year.", PUB)
    assert (res.date, res.precision, res.historical) == ("2023-01-01", "year", False)


def test_dates_default_to_publication_day():
    """An event with no date expression is dated to the publication day, and says so (issue 10)."""
    res = resolve_date("The ministry condemned the attack on the convoy.", PUB)
    assert (res.date, res.precision, res.source, res.expression, res.start) == ("2024-05-16", "day", "publication", None, None)


def test_dates_without_publication_date():
    res = resolve_date("The ministry condemned the attack on the convoy.", None)
    assert (res.date, res.source) == (None, "none")
    assert resolve_date("Talks were held yesterday.", None).date is None
    assert resolve_date("The accord was signed on May 16, 2024.", None).date == "2024-05-16"


@pytest.mark.parametrize(
    "sentence",
    ["Theresa May met the Irish prime minister.", "Officials may meet again soon.", "The 2024 budget was passed."],
)
def test_dates_no_false_expression(sentence):
    assert resolve_date(sentence, PUB).source == "publication"


def test_dates_accepts_iso_string_publication_date():
    assert resolve_date("Talks ended yesterday.", "2024-05-16T09:30:00Z").date == "2024-05-15"


def test_dates_month_day_without_year_takes_nearer_occurrence():
    # Published 16 Feb: "February 19" is three days ahead, not a year back.
    assert resolve_date("Leaders meet on February 19 in Munich.", dt.date(2021, 2, 16)).date == "2021-02-19"
    assert resolve_date("Leaders met on February 19 in Munich.", dt.date(2021, 2, 16), future=False).date == "2020-02-19"


def test_dates_spacy_date_entity_adds_bare_year(nlp):
    doc = nlp("The pipeline deal reached in 2019 collapsed, and the 2020 talks failed too.")
    sent = next(iter(doc.sents))
    res = resolve_date(sent.text, PUB, sdoc_span=sent)
    assert res.date == "2019-01-01" and res.historical
    doc = nlp("Delegations met yesterday in Doha.")
    sent = next(iter(doc.sents))
    res = resolve_date(None, PUB, sdoc_span=sent)
    assert (res.date, res.expression) == ("2024-05-15", "yesterday")


_PIECES = ["May", "31", "2024", "Friday", "in", "ago", "last", "February 30", "2019-02-31", "two", "days",
           "the", "1990s", "today", "on", "16", "Cold War", ",", "-", "next", "week", "several", "0", "99"]


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_PIECES), max_size=12),
    pub=st.one_of(st.none(), st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2098, 12, 31))),
)
def test_dates_never_raise_on_arbitrary_text(words, pub):
    text = " ".join(words)
    res = resolve_date(text, pub)
    assert res.precision in ("day", "month", "year")
    if res.start is not None:
        assert text[res.start : res.end] == res.expression


# --- month-days without a year, across year ends and by tense (issue 10) ----------------------------


@pytest.mark.parametrize(
    "sentence, pub, future, expected",
    [
        # the date hangs on the summit, not on "thanked": tomorrow, not a year ago
        ("Biden thanked Swiss President Guy Parmelin for hosting the summit on June 16.", "2021-06-15", False, "2021-06-16"),
        ("The ministers praised Qatar ahead of the June 16 summit.", "2021-06-15", False, "2021-06-16"),
        ("Officials were preparing for talks on June 10.", "2021-06-15", False, "2021-06-10"),
        # announced: forward, across the year end
        ("The two foreign ministers will meet on January 3.", "2021-12-28", True, "2022-01-03"),
        ("The talks will resume on December 30.", "2022-01-02", True, "2022-12-30"),
        # reported: back, across the year end
        ("The two foreign ministers met on December 30.", "2022-01-02", False, "2021-12-30"),
        ("The envoy arrived in Kabul on January 3.", "2021-12-28", False, "2021-01-03"),
        ("Sweden signed the accession protocol on 5 July.", "2022-07-07", False, "2022-07-05"),
        # tense unknown: the nearer occurrence
        ("Ministers meet on January 3 in Geneva.", "2021-12-28", None, "2022-01-03"),
        ("Ministers meet on December 30 in Geneva.", "2022-01-02", None, "2021-12-30"),
    ],
)
def test_dates_month_day_nearest_by_tense(sentence, pub, future, expected):
    res = resolve_date(sentence, pub, future=future)
    assert (res.date, res.precision, res.source) == (expected, "day", "text")


def test_dates_month_day_leap_day_without_year():
    assert resolve_date("They met on February 29.", "2025-03-10", future=False).date == "2024-02-29"


@pytest.mark.parametrize(
    "pub_source, expected",
    [(None, "publication"), ("page", "publication"), ("metadata", "publication"), ("file-metadata", "file-metadata")],
)
def test_dates_publication_fallback_says_where_the_date_came_from(pub_source, expected):
    res = resolve_date("The ministry condemned the attack.", "2023-11-09", pub_source=pub_source)
    assert (res.date, res.precision, res.source) == ("2023-11-09", "day", expected)


def test_dates_no_publication_date_has_source_none():
    res = resolve_date("The ministry condemned the attack.", None)
    assert (res.date, res.source) == (None, "none")
