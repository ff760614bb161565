"""Why was an event coded? Everything Accord knows about one stored event, for a person to check.

``explain(store, event_id)`` gathers the evidence sentence with actor, trigger and recipient marked, the
rule that fired and the lexicon entry it names, the dependency path from the trigger to each party (the
sentence is parsed again with the configured spaCy model when ``parse=True``), the confidence, how the
date was found, and the deduplicated event (cluster) the mention belongs to with its other reports.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from accord.errors import Code, StoreError

_LEX_RULE = re.compile(r"lex/(?P<klass>[a-z-]+)/(?P<event>[a-z]+)/(?P<line>\d+)")


@dataclass
class Explanation:
    event: dict
    marked: str
    parties: list[dict]
    rule: dict
    paths: list[dict] = field(default_factory=list)
    cluster: dict | None = None
    document: dict | None = None

    def to_dict(self) -> dict:
        return {"event": self.event, "marked": self.marked, "parties": self.parties, "rule": self.rule,
                "paths": self.paths, "cluster": self.cluster, "document": self.document}


def mark(sentence: str, offset: int, spans: list[tuple[int | None, int | None, str]]) -> str:
    """The sentence with each (start, end, label) span (document offsets) wrapped as ``[label: words]``."""
    inside = sorted(((s - offset, e - offset, label) for s, e, label in spans
                     if s is not None and e is not None and offset <= s < e <= offset + len(sentence)),
                    key=lambda t: (t[0], -t[1]))
    out, pos = [], 0
    for s, e, label in inside:
        if s < pos:
            continue  # overlapping spans: the first one wins
        out.append(sentence[pos:s])
        out.append(f"[{label}: {sentence[s:e]}]")
        pos = e
    out.append(sentence[pos:])
    return "".join(out)


def rule_source(rule: str | None) -> dict:
    """What a rule id says: the coder version, the lexicon entry (when it names one) and how roles were found."""
    info: dict[str, Any] = {"id": rule}
    if not rule:
        return info
    parts = rule.split("/")
    if parts and parts[0] == "accord" and len(parts) > 1:
        info["coder"] = parts[1]
    m = _LEX_RULE.search(rule)
    if m:
        info["lexicon_line"] = int(m.group("line"))
        info["class"] = m.group("klass")
        try:
            from accord.events.lexicon import load_lexicon

            lex = load_lexicon()
            line = int(m.group("line"))
            entry = next((t for t in lex.triggers if t.line == line and t.klass == m.group("klass")), None)
            if entry is not None:
                info["entry"] = {
                    "pos": entry.pos, "heads": sorted(entry.heads), "with": [sorted(w) for w in entry.with_],
                    "event": entry.event, "mode": entry.mode, "cameo": entry.cameo, "prior": entry.confidence,
                    "source": getattr(entry, "origin", None) or "src/accord/events/data/triggers.yaml",
                }
        except Exception as exc:  # noqa: BLE001 - an explanation without the entry is still an explanation
            info["entry_error"] = f"{type(exc).__name__}: {exc}"
    while parts and parts[-1].startswith("v2:"):  # coder v2's decision is appended: "…/subject/v2:confirm"
        info.setdefault("decisions", []).insert(0, parts.pop()[3:])
    if "decisions" in info:
        info["decision"] = info["decisions"][-1]
    tail = parts[-1] if parts else ""
    info["roles"] = tail.split("+")[0]
    if "+" in tail:
        info["adjustments"] = tail.split("+")[1:]
    return info


def _paths(sentence: str, trigger: str | None, parties: list[dict], settings=None) -> list[dict]:
    """Dependency paths from the trigger's head word to each party's head word, in a fresh parse."""
    from accord.nlp import parse_texts
    from accord.settings import load_settings

    (doc,) = list(parse_texts([sentence], settings or load_settings()))
    if not trigger:
        return []
    first = trigger.split()[0].lower()
    trig = next((t for t in doc if t.lower_ == first), None)
    if trig is None:
        return []
    out = []
    for p in parties:
        words = (p.get("text") or "").split()
        if not words:
            continue
        last = words[-1].lower()
        tok = next((t for t in doc if t.lower_ == last), None)
        if tok is None:
            continue
        up_t = [trig] + list(trig.ancestors)
        up_p = [tok] + list(tok.ancestors)
        common = next((t for t in up_t if t in up_p), None)
        if common is None:
            continue
        a = [f"{t.text}({t.dep_})" for t in up_t[: up_t.index(common)]]
        b = [f"{t.text}({t.dep_})" for t in up_p[: up_p.index(common)]]
        out.append({"role": p["role"], "party": p.get("text"),
                    "path": " ↑ ".join(a + [f"{common.text}({common.dep_})"]) + (" ↓ " + " ↓ ".join(reversed(b)) if b else "")})
    return out


def explain(store, event_id: str, *, parse: bool = True, settings=None) -> Explanation:
    """Everything about one stored event. Raises :class:`StoreError` (E404-style query error) if unknown."""
    rows = store.rows("SELECT * FROM events WHERE id = ?", [event_id])
    if not rows:
        raise StoreError(Code.QUERY_INVALID, f"no event with id {event_id!r} in {store.path}")
    ev = rows[0]
    parties = store.rows(
        "SELECT role, position, text, start, \"end\", name, country, sector, code, actor_id, kind, via "
        "FROM event_actors WHERE event_id = ? ORDER BY role, position", [event_id])
    spans = [(p["start"], p["end"], "ACTOR" if p["role"] == "actor" else "RECIPIENT" if p["role"] == "recipient" else "SPEAKER")
             for p in parties if p["role"] in ("actor", "recipient")]
    spans.append((ev["trigger_start"], ev["trigger_end"], "TRIGGER"))
    marked = mark(ev["text"] or "", ev["start"] or 0, spans)
    cluster = None
    got = store.rows(
        """SELECT c.cluster_id, c.num_mentions, c.num_documents, c.num_sources, c.date, c.representative_id,
                  c.event_ids FROM cluster_members m JOIN clusters c ON c.cluster_id = m.cluster_id
           WHERE m.event_id = ?""", [event_id])
    if got:
        cluster = got[0]
        cluster["others"] = [i for i in cluster.pop("event_ids") if i != event_id]
    doc = store.rows("SELECT id, title, date, url, source FROM documents WHERE id = ?", [ev["doc_id"]])
    event = {k: ev.get(k) for k in ("id", "doc_id", "sentence", "event", "mode", "cameo", "quad_class", "goldstein",
                                   "date", "date_precision", "date_source", "negated", "intent", "hypothetical",
                                   "quoted", "trigger", "rule", "confidence", "coder_version")}
    if "date_source" not in ev:
        event["date_source"] = "not recorded (stored by an Accord without date provenance)"
    paths = _paths(ev["text"] or "", ev.get("trigger"), parties, settings) if parse else []
    return Explanation(event=event, marked=marked, parties=parties, rule=rule_source(ev.get("rule")), paths=paths,
                       cluster=cluster, document=doc[0] if doc else None)
