"""Resolve the date of an event from its sentence and the document's publication date.

Precompiled patterns find date expressions ("yesterday", "on Thursday", "May 16, 2024", "in March",
"two days ago", "in the 1990s" ...); each is resolved against the publication date. Dates are always
full ISO days (YYYY-MM-DD); ``precision`` says how much of it to trust: a month-precision date is the
first of the month, a year-precision date the first of January (see docs/ONTOLOGY_CHOICES.md, Dates).
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import DataError

DATA_FILE = Path(__file__).resolve().parent / "data" / "historical.yaml"
EVENT_NOUNS_FILE = Path(__file__).resolve().parent / "data" / "event_nouns.yaml"

#: An expression whose period ends more than this many days before publication is historical.
HISTORICAL_DAYS = 366
#: Where an event's date came from (``Event.date_source``): an expression in its sentence, the
#: document's publication date, the publication date when that is only a file's creation date, nothing.
DATE_SOURCES = ("text", "publication", "file-metadata", "none")

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2}


@dataclass(frozen=True, slots=True)
class DateResolution:
    """Where an event happened in time, and the words that said so."""

    date: str | None  # YYYY-MM-DD
    precision: str  # day | month | year
    source: str  # one of DATE_SOURCES
    expression: str | None = None
    start: int | None = None  # char offsets of ``expression`` within the text passed in
    end: int | None = None
    historical: bool = False


# --- lexicon --------------------------------------------------------------------------------------

_MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
_MONTHS.update({abbr.lower(): i for i, abbr in enumerate(calendar.month_abbr) if abbr})
_MONTHS["sept"] = 9
_MONTH_RE = (
    r"(?P<month>January|February|March|April|May|June|July|August|September|October|November|December"
    r"|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)"
)
_WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
_WEEKDAY_RE = r"(?P<weekday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_NUMBERS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "a couple of": 2, "a few": 3,
    "several": 3,
}
_FUZZY_NUMBERS = {"a couple of", "a few", "several"}
_NUM_RE = r"(?P<num>\d{1,3}|a\s+couple\s+of|a\s+few|several|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)"
_YEAR = r"(?P<year>(?:19|20)\d\d)"
_DAYNUM = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_PART_OF_DAY = r"(?:\s+(?:morning|afternoon|evening|night))?"


def _month(tok: str) -> int:
    return _MONTHS[tok.lower().rstrip(".")]


def _num(tok: str) -> int:
    tok = re.sub(r"\s+", " ", tok.lower())
    return int(tok) if tok.isdigit() else _NUMBERS[tok]


def _add_months(d: dt.date, months: int) -> dt.date:
    y, m = divmod(d.year * 12 + d.month - 1 + months, 12)
    return dt.date(y, m + 1, 1)


def _month_end(d: dt.date) -> dt.date:
    return d.replace(day=calendar.monthrange(d.year, d.month)[1])


def _safe_date(y: int, m: int, d: int) -> dt.date | None:
    try:
        return dt.date(y, m, d)
    except ValueError:
        return None


# --- resolvers: (match, pub, future) -> (date, precision, period_end) or None ----------------------

_Resolved = tuple[dt.date, str, dt.date] | None


def nearest_month_day(month: int, day: int, pub: dt.date, future: bool | None) -> dt.date | None:
    """The occurrence of a month-day without a year that the writer meant, seen from ``pub``.

    The nearest occurrence before or on ``pub`` and the nearest after it are candidates. Tense
    picks the side (reported "met on December 30" written on January 2: three days ago;
    announced "will meet on January 3" written on December 28: six days ahead). ``future`` None
    (no tense of its own: "thanked him for hosting the summit on June 16", where the date hangs
    on the summit, not on "thanked") takes the nearer one, a tie going to the past.
    """
    options = [d for d in (_safe_date(pub.year + k, month, day) for k in (-1, 0, 1)) if d is not None]
    past = max((d for d in options if d <= pub), default=None)
    ahead = min((d for d in options if d > pub), default=None)
    if past is None or ahead is None:
        return past or ahead
    to_past, to_ahead = (pub - past).days, (ahead - pub).days
    if future is None:
        return ahead if to_ahead < to_past else past
    return ahead if future else past


def _day_month(m: re.Match, pub: dt.date | None, future: bool | None) -> _Resolved:
    month, day = _month(m["month"]), int(m["day"])
    if m["year"]:
        d = _safe_date(int(m["year"]), month, day)
        return (d, "day", d) if d else None
    if pub is None:
        return None
    d = nearest_month_day(month, day, pub, future)
    return (d, "day", d) if d else None


def _iso(m: re.Match, pub, future) -> _Resolved:
    d = _safe_date(int(m["year"]), int(m["mon"]), int(m["day"]))
    return (d, "day", d) if d else None


def _month_year(m: re.Match, pub, future) -> _Resolved:
    d = dt.date(int(m["year"]), _month(m["month"]), 1)
    return d, "month", _month_end(d)


def _month_only(m: re.Match, pub: dt.date | None, future: bool | None) -> _Resolved:
    if pub is None:
        return None
    month, rel = _month(m["month"]), (m["rel"] or "").lower()
    back, ahead = (pub.month - month) % 12, (month - pub.month) % 12  # months to the past/next one
    if rel == "last":
        forward, back = False, back or 12
    elif rel == "next":
        forward, ahead = True, ahead or 12
    elif future is None:  # the nearer occurrence; the publication month itself counts as past
        forward = 0 < ahead < back
    else:
        forward = bool(future) and back != 0
    d = _add_months(pub.replace(day=1), ahead if forward else -back)
    return d, "month", _month_end(d)


def _year(m: re.Match, pub, future) -> _Resolved:
    y = int(m["year"])
    return dt.date(y, 1, 1), "year", dt.date(y, 12, 31)


def _decade(m: re.Match, pub, future) -> _Resolved:
    y = int(m["decade"])
    if len(m["decade"]) == 2:  # the '90s
        y += 1900 if y >= 30 else 2000
    return dt.date(y, 1, 1), "year", dt.date(y + 9, 12, 31)


_DAY_WORDS = {
    "today": 0, "earlier today": 0, "later today": 0, "this morning": 0, "this afternoon": 0,
    "this evening": 0, "tonight": 0, "yesterday": -1, "last night": -1, "the day before yesterday": -2,
    "tomorrow": 1, "the day after tomorrow": 2,
}


def _day_word(m: re.Match, pub: dt.date | None, future) -> _Resolved:
    if pub is None:
        return None
    key = re.sub(r"\s+", " ", m["word"].lower())
    for prefix in ("late ", "early "):
        if key.startswith(prefix) and key[len(prefix):] in _DAY_WORDS:
            key = key[len(prefix):]
    d = pub + dt.timedelta(days=_DAY_WORDS[key])
    return d, "day", d


def _weekday(m: re.Match, pub: dt.date | None, future: bool | None) -> _Resolved:
    if pub is None:
        return None
    wd, rel = _WEEKDAYS[m["weekday"].lower()], (m["rel"] or "").lower()
    back = (pub.weekday() - wd) % 7  # days back to the most recent such weekday (0 = today)
    if rel in ("next", "coming") or (future and rel not in ("last", "past")):
        ahead = (wd - pub.weekday()) % 7 or 7
        d = pub + dt.timedelta(days=ahead)
    elif rel in ("last", "past"):
        d = pub - dt.timedelta(days=back or 7)
    else:
        d = pub - dt.timedelta(days=back)
    return d, "day", d


def _relative_period(m: re.Match, pub: dt.date | None, future) -> _Resolved:
    if pub is None:
        return None
    rel = re.sub(r"\s+", " ", m["rel"].lower())
    unit = m["unit"].lower()
    step = -1 if rel in ("last", "past", "the past", "previous", "the previous") else 1 if rel == "next" else 0
    if unit == "week":
        d = pub + dt.timedelta(days=7 * step)
        return d, "month", d
    if unit == "month":
        d = _add_months(pub.replace(day=1), step)
        return d, "month", _month_end(d)
    y = pub.year + step
    return dt.date(y, 1, 1), "year", dt.date(y, 12, 31)


def _ago(m: re.Match, pub: dt.date | None, future) -> _Resolved:
    if pub is None:
        return None
    n, unit = _num(m["num"]), m["unit"].lower()
    fuzzy = re.sub(r"\s+", " ", m["num"].lower()) in _FUZZY_NUMBERS
    sign = 1 if m.group(0).lower().startswith("in") else -1
    if unit == "day":
        d = pub + dt.timedelta(days=sign * n)
        return d, "month" if fuzzy else "day", d
    if unit == "week":
        d = pub + dt.timedelta(days=sign * 7 * n)
        return d, "month", d
    if unit == "month":
        d = _add_months(pub.replace(day=1), sign * n)
        return d, "month", _month_end(d)
    years = n * (10 if unit == "decade" else 1)
    y = pub.year + sign * years
    return dt.date(y, 1, 1), "year", dt.date(y, 12, 31)


# Order matters only for documentation; overlapping matches keep the longest.
_PATTERNS: list[tuple[str, re.Pattern, Callable[[re.Match, dt.date | None, bool | None], _Resolved]]] = [
    ("iso", re.compile(r"\b(?P<year>(?:19|20)\d\d)-(?P<mon>[01]\d)-(?P<day>[0-3]\d)\b"), _iso),
    (
        "month_day",
        re.compile(
            rf"\b(?:on\s+)?(?:{_WEEKDAY_RE},?\s+)?{_MONTH_RE}\s+{_DAYNUM}\b(?:,?\s+{_YEAR}\b)?"
        ),
        _day_month,
    ),
    (
        "day_month",
        re.compile(
            rf"\b(?:on\s+)?(?:{_WEEKDAY_RE},?\s+)?(?:the\s+)?{_DAYNUM}\s+(?:of\s+)?{_MONTH_RE}(?:,?\s+{_YEAR}\b)?"
        ),
        _day_month,
    ),
    ("month_year", re.compile(rf"\b(?:(?:in|since|during|by|until)\s+)?(?:(?:early|mid|late)[\s-]+)?{_MONTH_RE},?\s+{_YEAR}\b"), _month_year),
    (
        "month",
        re.compile(
            rf"\b(?P<rel>in|last|this|next|since|during|by|until|early|mid|late)[\s-]+"
            rf"(?:(?:early|mid|late)[\s-]+)?{_MONTH_RE}(?![\s.]*\d)"
        ),
        _month_only,
    ),
    (
        "decade",
        re.compile(r"\b(?:(?:in|during|since|through)\s+)?the\s+(?:(?:early|mid|late)[\s-]+)?(?P<decade>(?:1[89]|20)\d0|['’]\d0)s\b", re.I),
        _decade,
    ),
    (
        "year",
        re.compile(rf"\b(?:in|during|since|by|until|from|throughout)\s+(?:(?:early|mid|late)[\s-]+)?{_YEAR}\b(?!s\b|-\d)", re.I),
        _year,
    ),
    (
        "day_word",
        re.compile(
            r"\b(?P<word>(?:earlier|later)\s+today|today|this\s+(?:morning|afternoon|evening)|tonight"
            r"|the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow|(?:late\s+|early\s+)?yesterday"
            r"|last\s+night|tomorrow)\b",
            re.I,
        ),
        _day_word,
    ),
    (
        "weekday",
        re.compile(rf"\b(?:(?P<rel>[Ll]ast|[Tt]his|[Nn]ext|[Oo]n|[Pp]ast|[Cc]oming)\s+)?{_WEEKDAY_RE}(?!\s*,?\s*{_MONTH_RE}){_PART_OF_DAY}\b"),
        _weekday,
    ),
    (
        "relative_period",
        re.compile(
            r"\b(?:(?:earlier|later)\s+)?(?P<rel>last|the\s+past|past|the\s+previous|previous|this|next)\s+(?P<unit>week|month|year)\b",
            re.I,
        ),
        _relative_period,
    ),
    (
        "ago",
        re.compile(rf"\b{_NUM_RE}\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.I),
        _ago,
    ),
    (
        "in_n",
        re.compile(rf"\bin\s+{_NUM_RE}\s+(?P<unit>day|week|month|year)s?(?:['’]?\s+time)?\b(?!\s+of\b)", re.I),
        _ago,
    ),
]


@lru_cache(maxsize=1)
def _period_patterns() -> tuple[tuple[re.Pattern, int | None], ...]:
    try:
        raw = _yaml_load(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{DATA_FILE}: cannot be read ({exc})") from exc
    out = []
    for i, entry in enumerate((raw or {}).get("periods") or []):
        phrase, year = (entry or {}).get("phrase"), (entry or {}).get("year")
        if not isinstance(phrase, str) or not phrase.strip() or not (year is None or isinstance(year, int)):
            raise DataError(f"{DATA_FILE.name}: period #{i + 1} needs a phrase and an integer or null year")
        body = r"\s+".join(re.escape(w) for w in phrase.split())
        out.append((re.compile(rf"\b{body}\b", re.I), year))
    return tuple(out)


@lru_cache(maxsize=1)
def _any_period() -> re.Pattern:
    """One search for all the period phrases: only a text that has one is searched for each."""
    return re.compile("|".join(f"(?:{p.pattern})" for p, _ in _period_patterns()), re.I)


_COMMON_WORDS = frozenset({"the", "a", "an", "of", "in", "at", "on", "during", "after", "before", "since", "by"})


@lru_cache(maxsize=1)
def _period_cues() -> tuple[str, ...] | None:
    """A word of each period phrase, lower-cased: its longest apart from prepositions and articles, which
    most sentences have (None when a phrase is not plain ASCII)."""
    try:
        raw = _yaml_load(DATA_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{DATA_FILE}: cannot be read ({exc})") from exc
    phrases = [str((entry or {}).get("phrase") or "") for entry in (raw or {}).get("periods") or []]
    if not all(p.isascii() and p.split() for p in phrases):
        return None
    def cue(words: list[str]) -> str:
        return max([w for w in words if w not in _COMMON_WORDS] or words, key=len)

    return tuple(sorted({cue(p.lower().split()) for p in phrases}))


def _may_name_period(text: str) -> bool:
    """False only when ``text`` cannot contain a period phrase: an ASCII text (where the expressions' ignoring
    of case is plain ASCII case) without the longest word of any phrase. One substring test per phrase
    instead of the joined expression, which tries every phrase at every position."""
    cues = _period_cues()
    if cues is None or not text.isascii():
        return True
    low = text.lower()
    return any(cue in low for cue in cues)


@lru_cache(maxsize=1)
def _event_nouns() -> frozenset[str]:
    try:
        raw = _yaml_load(EVENT_NOUNS_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{EVENT_NOUNS_FILE}: cannot be read ({exc})") from exc
    nouns = (raw or {}).get("nouns") if isinstance(raw, dict) else None
    if not isinstance(nouns, str) or not nouns.split():
        raise DataError(f"{EVENT_NOUNS_FILE.name}: needs 'nouns', a string of words")
    return frozenset(w.lower() for w in nouns.split())


_WORD_BEFORE_RE = re.compile(r"([A-Za-z]+)\W*$")
_WORD_AFTER_RE = re.compile(r"^[\s,]*([A-Za-z]+)")


def _tenseless(text: str, start: int, end: int) -> bool:
    """True when a date expression hangs on an event noun or a gerund, not on a finite verb."""
    before = _WORD_BEFORE_RE.search(text[max(0, start - 40):start])
    after = _WORD_AFTER_RE.match(text[end:end + 40])
    nouns = _event_nouns()
    if before and (before[1].lower() in nouns or (before[1].lower().endswith("ing") and len(before[1]) > 5)):
        return True
    return bool(after) and after[1].lower() in nouns


@dataclass(frozen=True, slots=True)
class _Candidate:
    start: int
    end: int
    date: dt.date | None
    precision: str
    historical: bool


def _is_historical(end: dt.date, pub: dt.date | None) -> bool:
    return pub is not None and (pub - end).days > HISTORICAL_DAYS


#: Something every pattern in _PATTERNS needs: a digit, or a word starting with a month, weekday, part of day
#: or period unit, or "ago". Most clauses have none, and one search then replaces a dozen.
_ANCHOR = re.compile(
    r"\d|\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|monday|tuesday|wednesday|thursday|friday|saturday"
    r"|sunday|today|tonight|yesterday|tomorrow|morning|afternoon|evening|night|day|week|month|year|decade|ago)",
    re.I,
)


def find_dates(text: str, pub_date: dt.date | None, *, future: bool | None = None) -> list[_Candidate]:
    """Every date expression in ``text`` (longest match wins where they overlap), in text order."""
    return list(_find_dates(text, pub_date, future))


@lru_cache(maxsize=512)
def _find_dates(text: str, pub_date: dt.date | None, future: bool | None) -> tuple[_Candidate, ...]:
    """Remembered: the triggers of one clause (a verb and its noun, coordinated verbs) ask about the same
    clause text. Candidates are frozen, so sharing them is safe."""
    found: list[_Candidate] = []
    patterns = _PATTERNS if _ANCHOR.search(text) else ()
    for name, pattern, resolve in patterns:
        for m in pattern.finditer(text):
            tense = future
            if name in ("month_day", "day_month") and future is not None and _tenseless(text, m.start(), m.end()):
                tense = None
            try:
                res = resolve(m, pub_date, tense)
            except (ValueError, OverflowError):  # arithmetic past year 1 or 9999: not a usable date
                res = None
            if res is None:
                continue
            d, precision, end = res
            found.append(_Candidate(m.start(), m.end(), d, precision, _is_historical(end, pub_date)))
    periods = _period_patterns()
    for pattern, year in periods if periods and _may_name_period(text) and _any_period().search(text) else ():
        for m in pattern.finditer(text):
            d = dt.date(year, 1, 1) if year else None
            found.append(_Candidate(m.start(), m.end(), d, "year", True))
    found.sort(key=lambda c: (c.start, -(c.end - c.start)))
    kept: list[_Candidate] = []
    for c in found:
        if kept and c.start < kept[-1].end:
            if c.end - c.start > kept[-1].end - kept[-1].start:
                kept[-1] = c
            continue
        kept.append(c)
    return tuple(kept)


def _entity_years(text: str, sdoc_span, pub_date: dt.date | None) -> list[_Candidate]:
    """Bare years ("2019") that spaCy tagged DATE, which the patterns only accept after a preposition."""
    out = []
    base = sdoc_span.start_char if sdoc_span.text == text else None
    from accord.nlp.spans import span_ents

    for ent in span_ents(sdoc_span):
        if ent.label_ != "DATE" or not re.fullmatch(r"(?:19|20)\d\d", ent.text):
            continue
        start = ent.start_char - base if base is not None else text.find(ent.text)
        if start < 0:
            continue
        y = int(ent.text)
        out.append(_Candidate(start, start + len(ent.text), dt.date(y, 1, 1), "year",
                              _is_historical(dt.date(y, 12, 31), pub_date)))
    return out


def resolve_date(
    text: str | None,
    pub_date: dt.date | str | None,
    *,
    sdoc_span=None,
    future: bool | None = None,
    pub_source: str | None = None,
) -> DateResolution:
    """The date of the event described in ``text`` (a sentence), resolved against ``pub_date``.

    ``future`` says whether the event is announced ("will meet on Friday": True) or reported
    (False): bare weekdays, months and month-days then point forward or back. With None (unknown)
    weekdays point back and months / month-days take the nearer occurrence (month-days: see
    :func:`nearest_month_day`). With ``sdoc_span`` (a spaCy Span) its DATE entities add bare years;
    ``text`` defaults to the span's text. Offsets are within ``text``. Without any expression the
    event is dated to the publication day: precision "day", source "publication" — or
    "file-metadata" when ``pub_source`` says the publication date is only a file's creation date.
    Without a publication date, date is None and source "none".
    """
    if text is None:
        text = sdoc_span.text if sdoc_span is not None else ""
    pub = _as_date(pub_date)
    cands = find_dates(text, pub, future=future)
    if sdoc_span is not None:
        taken = [(c.start, c.end) for c in cands]
        cands += [c for c in _entity_years(text, sdoc_span, pub) if all(c.end <= s or c.start >= e for s, e in taken)]
    current = [c for c in cands if not c.historical and c.date is not None]
    if current:
        best = min(current, key=lambda c: (_PRECISION_RANK[c.precision], c.start))
        return _result(text, best, False)
    if cands:
        best = next((c for c in cands if c.date is not None), cands[0])
        return _result(text, best, True)
    if pub is not None:
        return DateResolution(pub.isoformat(), "day", "file-metadata" if pub_source == "file-metadata" else "publication")
    return DateResolution(None, "year", "none")


def _result(text: str, c: _Candidate, historical: bool) -> DateResolution:
    return DateResolution(
        date=c.date.isoformat() if c.date else None,
        precision=c.precision,
        source="text",
        expression=text[c.start:c.end],
        start=c.start,
        end=c.end,
        historical=historical,
    )


def _as_date(value: dt.date | str | None) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value.date() if isinstance(value, dt.datetime) else value
    try:
        return dt.date.fromisoformat(str(value)[:10])
    except ValueError:
        return None
