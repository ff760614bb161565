"""Score actor resolution on a JSONL test set of sentences with expected mentions.

One JSON object a line::

    {"text": "...", "date": "2024-05-01" | null, "title": optional, "category": "countries",
     "mentions": [{"text": "Russian troops", "country": "RUS", "sector": "MIL", "category": optional}],
     "absent": ["Cold War"]}

An expected mention is correct when a resolved actor whose mention overlaps its text (first
occurrence, left to right) has the same country and sector; each resolved actor is used once.
An expected mention with ``country`` and ``sector`` both null ("unknown is better than wrong": a
namesake, a private person) is correct when no overlapping actor has a country. An ``absent`` phrase
is correct when no resolved actor overlaps it. Accuracy = correct / expected.
``country_accuracy`` and ``sector_accuracy`` score the two parts separately (the actor found first
over the mention). Resolved actors that overlap no expected mention are counted as ``unexpected`` (a precision check:
the sets list every actor a sentence has, so these are mostly false positives).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from pathlib import Path

from accord.errors import Code, AccordError


def _find(text: str, needle: str, start: int) -> tuple[int, int] | None:
    """The first whole-word occurrence of ``needle`` at or after ``start`` (else anywhere)."""
    pattern = re.compile(r"(?<!\w)" + re.escape(needle) + r"(?!\w)")
    m = pattern.search(text, start) or pattern.search(text)
    return (m.start(), m.end()) if m else None


def read_cases(path) -> list[dict]:
    cases = []
    with open(path, encoding="utf-8") as fh:
        for lineno, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                raise AccordError(Code.GOLD_INVALID, f"{path}:{lineno}: {exc}") from exc
            if not isinstance(case, dict) or "text" not in case:
                raise AccordError(Code.GOLD_INVALID, f"{path}:{lineno}: needs a 'text' field")
            case["_line"] = lineno
            cases.append(case)
    return cases


def unexpected(case: dict, actors) -> list:
    """Resolved actors overlapping no expected mention (false positives, or actors the set leaves out)."""
    text = case["text"]
    spans = []
    for exp in case.get("mentions", []):
        pattern = re.compile(r"(?<!\w)" + re.escape(exp["text"]) + r"(?!\w)")
        spans.extend((m.start(), m.end()) for m in pattern.finditer(text))
    return [a for a in actors if not any(a.start < e and s < a.end for s, e in spans)]


def score_case(case: dict, actors) -> list[dict]:
    """One result per expected item: {category, ok, expected, got}."""
    text = case["text"]
    used: set[int] = set()
    results = []
    cursor = 0
    for exp in case.get("mentions", []):
        span = _find(text, exp["text"], cursor)
        cat = exp.get("category") or case.get("category", "other")
        got = None
        ok = False
        abstain = exp.get("country") is None and exp.get("sector") is None
        if span is not None and abstain:
            cursor = span[0]
            hits = [a for a in actors if a.country and not (a.end <= span[0] or a.start >= span[1])]
            ok, got = not hits, (hits[0] if hits else None)
        elif span is not None:
            cursor = span[0]
            for k, a in enumerate(actors):
                if k in used or a.end <= span[0] or a.start >= span[1]:
                    continue
                got = got or a
                if a.country == exp.get("country") and a.sector == exp.get("sector"):
                    used.add(k)
                    ok, got = True, a
                    break
        country_ok = ok or (got is not None and not abstain and got.country == exp.get("country"))
        sector_ok = ok or (got is not None and not abstain and got.sector == exp.get("sector"))
        results.append({"category": cat, "ok": ok, "country_ok": country_ok, "sector_ok": sector_ok, "expected": exp,
                        "got": got.to_dict() if got is not None else None, "line": case.get("_line")})
    for phrase in case.get("absent", []):
        span = _find(text, phrase, 0)
        hits = [a for a in actors if span and not (a.end <= span[0] or a.start >= span[1])]
        results.append({"category": "non-actors", "ok": not hits, "expected": {"text": phrase, "absent": True},
                        "got": hits[0].to_dict() if hits else None, "line": case.get("_line")})
    return results


def evaluate_mentions(path, settings=None, kb=None) -> dict:
    """Accuracy overall and by category, plus the failures (for the test and the closing note)."""
    from accord.actors import load_kb, resolve_document
    from accord.nlp import parse_texts

    cases = read_cases(Path(path))
    kb = kb or load_kb(settings)
    by_cat: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    failures = []
    total = correct = spurious = predicted = country_ok = sector_ok = 0
    spurious_items: list[dict] = []
    for case, doc in zip(cases, parse_texts([c["text"] for c in cases], settings)):
        analysis = resolve_document(doc, case.get("date"), kb=kb, title=case.get("title"), explain=True)
        extra = unexpected(case, analysis.actors)
        spurious += len(extra)
        predicted += len(analysis.actors)
        spurious_items.extend({"line": case.get("_line"), "text": case["text"], "got": a.to_dict()} for a in extra)
        for r in score_case(case, analysis.actors):
            by_cat[r["category"]][1] += 1
            total += 1
            country_ok += r.get("country_ok", r["ok"])
            sector_ok += r.get("sector_ok", r["ok"])
            if r["ok"]:
                by_cat[r["category"]][0] += 1
                correct += 1
            else:
                failures.append({"line": r["line"], "text": case["text"], "expected": r["expected"], "got": r["got"]})
    return {
        "items": total,
        "correct": correct,
        "accuracy": correct / total if total else 0.0,
        "by_category": {k: {"correct": v[0], "items": v[1], "accuracy": v[0] / v[1]} for k, v in sorted(by_cat.items())},
        "failures": failures,
        "country_accuracy": country_ok / total if total else 0.0,
        "sector_accuracy": sector_ok / total if total else 0.0,
        "predicted": predicted,
        "unexpected": spurious,
        "unexpected_items": spurious_items,
    }
