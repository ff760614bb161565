"""Run the coder over a gold file and score it: the only place evaluation touches the pipeline."""

from __future__ import annotations

import time
from dataclasses import replace
from pathlib import Path

from accord.eval.gold import PLV, GoldDocument, load_gold
from accord.eval.scoring import Report, score
from accord.records import Actor, Document, Event
from accord.settings import Settings


def gold_name(path: str | Path) -> str:
    """The key of a gold set in the floors file: the file name without its extension."""
    return Path(path).stem


def code_gold(docs: list[GoldDocument], settings: Settings | None = None) -> tuple[dict[str, list[Event]], list[dict]]:
    """Code each gold text (its gold date as publication date); returns events by id and problems."""
    events, _, problems = code_gold_with_actors(docs, settings)
    return events, problems


def code_gold_with_actors(
    docs: list[GoldDocument], settings: Settings | None = None
) -> tuple[dict[str, list[Event]], dict[str, list[Actor]], list[dict]]:
    """:func:`code_gold` plus each document's resolved actor mentions (PLV scoring compares spans)."""
    from accord.pipeline import code_documents

    documents = [
        Document(id=d.id, text=d.text, title=d.title, date=d.date, source=d.origin, format="jsonl") for d in docs
    ]
    events: dict[str, list[Event]] = {}
    actors: dict[str, list[Actor]] = {}
    problems: list[dict] = []
    for coded in code_documents(documents, settings):
        events[coded.document.id] = list(coded.events)
        actors[coded.document.id] = list(coded.actors)
        problems.extend(p.to_dict() for p in coded.problems)
    return events, actors, problems


def evaluate(path: str | Path, settings: Settings | None = None, *, limit: int | None = None) -> Report:
    """Code every document of a gold file and score the result (see :func:`accord.eval.scoring.score`)."""
    started = time.perf_counter()
    gold = load_gold(path)
    docs = list(gold.documents[:limit] if limit else gold.documents)
    if gold.format == PLV:
        from accord.eval.plv import score_plv

        events, actors, coding_problems = code_gold_with_actors(docs, settings)
        report = score_plv(docs, events, actors)
    else:
        events, coding_problems = code_gold(docs, settings)
        report = score(docs, events)
    return replace(
        report,
        name=gold_name(path),
        path=str(path),
        format=gold.format,
        sha256=gold.sha256,
        problems=tuple(p.to_dict() for p in gold.problems) + tuple(coding_problems),
        seconds=round(time.perf_counter() - started, 2),
    )
