"""Metadata found in the body of a document: bylines, dates, URLs.

A "Written by NAME on DATE" line (or a "By NAME" line near the top) names the author and the
publication date wherever it appears; the readers remove such lines from the text and keep what
they say as metadata.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime


URL_RE = re.compile(r"""(?:https?://|www\.)[^\s<>"'()\[\]{}]+""", re.IGNORECASE)
_URL_TRAIL = ".,;:!?'\")]}"

_NAME = r"(?P<author>(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|der|da|di|du|la|le|bin|al|and|&))*))"
_DATE_WORDS = r"(?P<date>[A-Za-z0-9,./ -]*\d[A-Za-z0-9,./ -]*?)"
WRITTEN_BY_RE = re.compile(
    rf"^\s*(?:written|posted|published|reported)\s+by\s+{_NAME}\s*(?:,|\bon\b|\||·|-|–|—)\s*(?:on\s+)?{_DATE_WORDS}\s*\.?\s*$",
    re.IGNORECASE,
)
BY_RE = re.compile(rf"^\s*by\s+{_NAME}\s*(?:(?:,|\||·|–|—|-)\s*{_DATE_WORDS})?\s*\.?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Byline:
    author: str | None
    date: str | None


def normalise_date(value: object) -> str | None:
    """An ISO ``YYYY-MM-DD`` for a date-like value ("May 16, 2024", "16 May 2024", "2024-05-16"), else None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    text = str(value).strip()
    if not text or not re.search(r"\d", text):
        return None
    m = re.match(r"^(\d{4})-(\d{2})-(\d{2})", text)
    if m:
        try:
            return date(int(m[1]), int(m[2]), int(m[3])).isoformat()
        except ValueError:
            return None
    if not re.search(r"\d{4}", text):  # a date without a year cannot be placed
        return None
    from dateutil import parser as dateparser  # imported when a date needs it (a twentieth of a second)

    try:
        parsed = dateparser.parse(text, fuzzy=False, default=datetime(1, 1, 1))
    except (ValueError, OverflowError, TypeError):
        try:
            parsed = dateparser.parse(text, fuzzy=True, default=datetime(1, 1, 1))
        except (ValueError, OverflowError, TypeError):
            return None
    if parsed.year < 1800 or parsed.year > 2200:
        return None
    return parsed.date().isoformat()


def _clean_author(raw: str | None) -> str | None:
    if not raw:
        return None
    author = re.sub(r"\s+", " ", raw).strip(" ,.|-")
    return author or None


def parse_byline(line: str, *, near_top: bool = False) -> Byline | None:
    """Author and date from a byline; a bare "By NAME" only counts ``near_top`` (else it may be prose)."""
    if len(line) > 160:
        return None
    m = WRITTEN_BY_RE.match(line)
    if m:
        when = normalise_date(m["date"])
        if when:
            return Byline(_clean_author(m["author"]), when)
    if near_top:
        m = BY_RE.match(line)
        if m and len(m["author"].split()) <= 6:
            when = normalise_date(m["date"]) if m["date"] else None
            if m["date"] and not when:
                return None
            return Byline(_clean_author(m["author"]), when)
    return None


_DATE_LINE_WORDS = {
    "t", "z", "utc", "gmt", "am", "pm", "a.m", "p.m", "st", "nd", "rd", "th", "at", "on", "and",
    "published", "posted", "updated", "last", "first", "modified", "date", "dated", "edt", "est", "cdt", "cst",
    "mdt", "mst", "pdt", "pst", "bst", "cet", "cest", "eet", "eest", "ist", "jst", "kst", "aest", "aedt", "msk",
    "hkt", "sgt", "wib", "et", "pt", "ct",
}
_MONTH_WORDS = {"jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"}
_WEEKDAY_WORDS = {"mon", "tue", "wed", "thu", "fri", "sat", "sun"}


def parse_date_line(line: str) -> str | None:
    """The date of a line that says nothing but a date ("May 16, 2024", "Published: 2024-05-16",
    "Published 15 June 2021 10:32 BST", "Updated Tue 15 Jun 2021 | 10:32 GMT"); the first date wins."""
    if len(line) > 90:
        return None
    text = line.strip()
    has_month = any(w.lower()[:3] in _MONTH_WORDS for w in re.findall(r"[A-Za-z]+", text))
    if not re.search(r"\d", text) or not (has_month or re.search(r"\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}", text)):
        return None  # a bare year or number is not a publication day
    for w in re.findall(r"[A-Za-z]+(?:\.[A-Za-z])?", text):
        lw = w.lower().rstrip(".")
        if lw[:3] not in _MONTH_WORDS and lw[:3] not in _WEEKDAY_WORDS and lw not in _DATE_LINE_WORDS:
            return None
    first = re.split(r"\s*(?:\||·|•|;|\b(?:updated|modified)\b)\s*", text, flags=re.I)
    for part in first:
        part = re.sub(r"^\s*(?:(?:first|last)\s+)?(?:published|posted|updated|modified|date|dated)\s*:?\s*(?:on\s+)?", "", part, flags=re.I)
        part = re.sub(r"\b(?:at\s+)?\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?(?:\s+[A-Za-z]{1,5})?\s*$", "", part, flags=re.I)
        part = re.sub(r"\b(?:[A-Z]{2,5})\s*$", "", part).strip(" ,")
        when = normalise_date(part) if re.search(r"\d", part) else None
        if when:
            return when
    return None


def find_urls(text: str) -> list[str]:
    """Bare URLs in ``text``, in order of appearance, without trailing punctuation."""
    found = []
    for m in URL_RE.finditer(text):
        url = m.group(0).rstrip(_URL_TRAIL)
        if url.lower().startswith("www."):
            url = "http://" + url
        if len(url) > 10:
            found.append(url)
    return found


def is_url_line(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and bool(URL_RE.fullmatch(stripped.rstrip(_URL_TRAIL))) and " " not in stripped


def unique(items) -> tuple:
    seen: dict = {}
    for item in items:
        if item and item not in seen:
            seen[item] = None
    return tuple(seen)
