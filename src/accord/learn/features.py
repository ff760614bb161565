"""What the decision layer sees of each item: the sentence and word embeddings plus the rules' own outputs.

An *item* is either a rule candidate (an :class:`~accord.records.Event` the v1 coder produced) or a
verb of the sentence that no rule turned into an event (a possible proposal). Both get one feature row
of the same layout, so one classifier decides over both: confirm, retype or reject a candidate; propose
or pass on a verb. ``FEATURE_SPEC`` names the layout; it is written into the head's card and checked
on load, so a head never meets rows it was not trained on.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from accord.events.lexicon import PLOVER_TYPES
from accord.learn.encoder import DIM, TokenStates

TYPES = tuple(sorted(PLOVER_TYPES))
#: Classes of the head: no event, or one PLOVER type.
LABELS = ("NONE",) + TYPES
KLASSES = ("event", "commissive", "directive", "threat", "refusal", "accusation", "denial", "failure", "modal-demand")
MODIFIERS = ("+refusal", "+conditional-threat", "+future-promise", "+future-threat")
ORIGINS = ("lex", "petrarch", "user", "modal-demand")
VIAS = ("subject", "agent", "pronoun", "implicit", "speaker", "reporting", "signatories", "controller", "inherited",
        "committed-object", "none")
STRUCT = (
    [f"type={t}" for t in TYPES] + ["is_verb_item", "prior_confidence"]
    + [f"origin={o}" for o in ORIGINS] + [f"klass={k}" for k in KLASSES] + [f"mod={m}" for m in MODIFIERS] + [f"via={v}" for v in VIAS] + ["via=other"]
    + ["negated", "intent", "hypothetical", "quoted", "has_source", "has_target", "source_implicit", "target_implicit",
       "pos=VERB", "pos=NOUN", "pos=other", "dep=ROOT", "n_candidates/5", "n_mentions/5", "lexicon_match",
       "lexicon_speech"]
)
FEATURE_SPEC = {
    "version": 2,
    "blocks": [["sentence_embedding", DIM], ["trigger_embedding", DIM], ["struct", len(STRUCT)]],
    "struct": STRUCT,
    "labels": list(LABELS),
}
N_FEATURES = 2 * DIM + len(STRUCT)
#: Where the rule-output block starts in a row (the rules-only head reads from here on).
STRUCT_START = 2 * DIM
_S = {name: k for k, name in enumerate(STRUCT)}


@dataclass
class Item:
    """One decision to make: a rule event (``event`` set) or a bare verb (``token`` only)."""

    token: object
    event: object = None


def rule_parts(rule: str) -> tuple[str | None, str | None, tuple[str, ...], str]:
    """(origin, klass, modifiers, source_via) from a v1 rule id such as
    ``accord/v1/lex/commissive/agree/12/subject+refusal`` or ``accord/v1/petrarch/<group>/<cameo>/<line>/<via>``."""
    mods = tuple(m for m in MODIFIERS if m in rule)
    base = rule
    for m in mods:
        base = base.replace(m, "")
    parts = base.split("/")
    origin = parts[2] if len(parts) > 2 else None
    if origin == "modal-demand":
        return origin, "modal-demand", mods, "speaker"
    klass = parts[3] if len(parts) > 3 and origin in ("lex", "user") else ("event" if origin == "petrarch" else None)
    via = parts[-1] if len(parts) > 6 else "none"
    return origin, klass, mods, via


def _via_bucket(via: str) -> str:
    for v in VIAS:
        if via == v or via.startswith(v) or (v == "agent" and via in ("passive", "by-agent")):
            return v
    return "other"


def item_row(item: Item, sent_vec: np.ndarray, states: TokenStates, sent, n_candidates: int, n_mentions: int,
             lexicon) -> np.ndarray:
    """The feature row of one item (see ``FEATURE_SPEC``)."""
    x = np.zeros(N_FEATURES, dtype=np.float32)
    x[:DIM] = sent_vec
    start, end = trigger_span(item, sent)
    vec = states.span(start, end)
    x[DIM:2 * DIM] = vec if vec is not None else sent_vec
    x[2 * DIM:] = struct_row(item, n_candidates, n_mentions, lexicon)
    return x


def trigger_span(item: Item, sent) -> tuple[int, int]:
    """The item's trigger as character offsets within its sentence."""
    base = sent.start_char
    ev, tok = item.event, item.token
    if ev is not None and ev.trigger_start is not None:
        return ev.trigger_start - base, (ev.trigger_end or ev.trigger_start + 1) - base
    return tok.idx - base, tok.idx + len(tok.text) - base


def struct_row(item: Item, n_candidates: int, n_mentions: int, lexicon) -> np.ndarray:
    """The rule-output block of an item's row alone: what the rules-only head reads (no encoder needed).

    ``lexicon``: anything whose ``match(token)`` is ``Lexicon.match``, such as the coder's per-document state,
    which remembers each token's answer."""
    s = np.zeros(len(STRUCT), dtype=np.float32)
    tok = item.token
    ev = item.event
    if ev is not None:
        if ev.event in _S_TYPES:
            s[_S[f"type={ev.event}"]] = 1.0
        s[_S["prior_confidence"]] = float(ev.confidence)
        origin, klass, mods, via = rule_parts(ev.rule)
        if origin in ORIGINS:
            s[_S[f"origin={origin}"]] = 1.0
        if klass in KLASSES:
            s[_S[f"klass={klass}"]] = 1.0
        for m in mods:
            s[_S[f"mod={m}"]] = 1.0
        s[_S[f"via={_via_bucket(via)}"]] = 1.0
        s[_S["negated"]] = float(ev.negated)
        s[_S["intent"]] = float(ev.intent)
        s[_S["hypothetical"]] = float(ev.hypothetical)
        s[_S["quoted"]] = float(ev.quoted)
        s[_S["has_source"]] = float(bool(ev.actor))
        s[_S["has_target"]] = float(bool(ev.recipient))
        s[_S["source_implicit"]] = float(any((a.via or "").startswith("implicit") for a in ev.actor))
        s[_S["target_implicit"]] = float(any((a.via or "").startswith("implicit") for a in ev.recipient))
    else:
        s[_S["is_verb_item"]] = 1.0
    if tok is not None:
        pos = tok.pos_ if tok.pos_ in ("VERB", "NOUN") else "other"
        s[_S[f"pos={pos}"]] = 1.0
        s[_S["dep=ROOT"]] = float(tok.dep_ == "ROOT")
        trig = lexicon.match(tok)
        s[_S["lexicon_match"]] = float(trig is not None)
        s[_S["lexicon_speech"]] = float(trig is not None and trig.klass == "speech")
    s[_S["n_candidates/5"]] = min(n_candidates, 10) / 5.0
    s[_S["n_mentions/5"]] = min(n_mentions, 10) / 5.0
    return s


_S_TYPES = frozenset(TYPES)
