"""Score deduplication against a clustering gold file (``tests/gold/dedup_gold.json``), pairwise.

The gold lists documents and, as selectors ``DOC:TYPE:word[@sentence]``, the events that must be in one
cluster (``clusters``) and those that must stay alone (``singletons``). The documents are coded by the
pipeline, stored in a temporary store and deduplicated; each selector picks the coded event of that
document and type whose trigger contains the word (in that sentence, when given). Pairwise precision and
recall are computed over the selected events: a pair is positive when both are in one cluster. Selectors
the coder did not produce are reported, not scored.
"""

from __future__ import annotations

import json
import tempfile
from dataclasses import dataclass, field
from itertools import combinations
from pathlib import Path


@dataclass
class DedupScore:
    precision: float
    recall: float
    gold_pairs: int
    predicted_pairs: int
    true_pairs: int
    selected: int
    unmatched: list[str] = field(default_factory=list)
    wrong_merges: list[tuple[str, str]] = field(default_factory=list)
    missed_merges: list[tuple[str, str]] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("precision", "recall", "gold_pairs", "predicted_pairs", "true_pairs",
                                              "selected", "unmatched", "wrong_merges", "missed_merges")}


def _select(selector: str, events: dict):
    doc, kind, word = selector.split(":", 2)
    sentence = None
    if "@" in word:
        word, s = word.rsplit("@", 1)
        sentence = int(s)
    for e in events.get(doc, ()):
        if e.event == kind and word.lower() in (e.trigger or "").lower() and (sentence is None or e.sentence == sentence):
            return e
    return None


def score_dedup(path: str | Path, window_days: int = 1, settings=None) -> DedupScore:
    from accord.pipeline import code_documents
    from accord.records import Document
    from accord.store import Store

    gold = json.loads(Path(path).read_text(encoding="utf-8"))
    docs = [Document(id=d["id"], text=d["text"], date=d["date"], url=d.get("url"), source=d["id"])
            for d in gold["documents"]]
    coded = list(code_documents(docs, settings))
    events = {c.document.id: c.events for c in coded}
    with tempfile.TemporaryDirectory() as tmp:
        with Store(Path(tmp) / "dedup-gold.duckdb") as store:
            store.add(coded)
            store.dedup(window_days, full=True)
            member = dict(store.con.execute("SELECT event_id, cluster_id FROM cluster_members").fetchall())
    chosen: dict[str, str] = {}
    unmatched = []
    groups = [list(c) for c in gold.get("clusters", [])] + [[s] for s in gold.get("singletons", [])]
    gold_of: dict[str, int] = {}
    for gi, group in enumerate(groups):
        for sel in group:
            e = _select(sel, events)
            if e is None:
                unmatched.append(sel)
                continue
            chosen[sel] = e.id
            gold_of[sel] = gi
    sels = sorted(chosen)
    gold_pairs = {(a, b) for a, b in combinations(sels, 2) if gold_of[a] == gold_of[b]}
    pred_pairs = {(a, b) for a, b in combinations(sels, 2) if member.get(chosen[a]) == member.get(chosen[b])}
    true = gold_pairs & pred_pairs
    return DedupScore(
        precision=round(len(true) / len(pred_pairs), 3) if pred_pairs else 1.0,
        recall=round(len(true) / len(gold_pairs), 3) if gold_pairs else 1.0,
        gold_pairs=len(gold_pairs), predicted_pairs=len(pred_pairs), true_pairs=len(true), selected=len(sels),
        unmatched=unmatched, wrong_merges=sorted(pred_pairs - gold_pairs), missed_merges=sorted(gold_pairs - pred_pairs),
    )
