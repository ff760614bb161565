"""Coder v2's decision stage: the rules propose, the head decides (docs/LEARNED_LAYER.md).

Each rule event is confirmed, retyped or rejected, and each verb that no rule coded may become a
proposed event (roles still from the parse, through the coder's own role machinery: no roles, no event).
``Event.confidence`` becomes the head's calibrated probability of the decided type, and ``Event.rule``
records the rule and the decision (``…/v2:confirm``, ``…/v2:retype:ASSAULT``, ``…/v2:proposed``).

The encoder is most of v2's cost, so a sentence is encoded only where the head can change the outcome
(:func:`route`): it names an actor and has a rule event the head may overrule, or it has no rule event
but a verb that the lexicon or the training corpus marks as an event word (a possible proposal). A
sentence whose events all come from the hand-curated lexicon (which the head only scores, unless `make train`
chose thresholds for overruling it: then such sentences are encoded too) gets its
confidences from the rules-only head (``…/v2:rules``); sentences without an actor mention, or with
nothing to decide, pass through (``…/v2:unscored``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from accord.learn.encoder import get_encoder
from accord.learn.features import LABELS, Item, item_row, struct_row
from accord.learn.head import Head, load_head
from accord.records import Event

NONE = 0


@dataclass
class SentenceItems:
    """The items of one encoded sentence and their feature rows."""

    si: int
    sent: object
    events: list[Event]
    items: list[Item]
    X: np.ndarray


def _mentions_in(ctx, sent) -> int:
    by_token = ctx.index.by_token
    return len({id(by_token[i]) for i in range(sent.start, sent.end) if i in by_token})


def select_sentences(ctx, per_sentence) -> list[tuple]:
    """The sentences naming at least one actor, as (si, sent, events, n_mentions): all of them are training
    rows; at run time :func:`route` encodes only some."""
    return [(si, sent, evs, n) for si, sent, evs in per_sentence if (n := _mentions_in(ctx, sent)) > 0]


#: Routes of a sentence (:func:`route`).
ENCODE, RULES, PASS = "encode", "rules", "pass"


def _trusted(ev: Event, head: Head) -> bool:
    parts = ev.rule.split("/")
    return len(parts) > 2 and parts[2] in head.trusted_origins and ev.event in LABELS


def overrules_trusted(head: Head) -> bool:
    """Whether the head may reject or retype hand-lexicon candidates (`make train` chose a threshold)."""
    return head.trusted_reject_threshold <= 1.0 or head.trusted_retype_threshold <= 1.0


def route(ctx, sent, evs: list[Event], n_mentions: int, head: Head) -> str:
    """How a sentence is decided: ENCODE (the full head), RULES (confidences from the rules-only head) or
    PASS (its rule events as they are). Only ENCODE runs the encoder."""
    if n_mentions == 0:
        return PASS
    if any(not _trusted(e, head) for e in evs):
        return ENCODE
    if evs and overrules_trusted(head) and _unsure(ctx, sent, evs, n_mentions, head):
        return ENCODE  # hand-lexicon events the cheap head doubts: the full head may overrule them
    if evs:
        return RULES  # trusted events only: the full head could confirm them, nothing else
    if head.propose_threshold > 1.0:
        return PASS
    lemmas = head.gate_lemmas
    for tok in sent:
        if tok.pos_ != "VERB":
            continue
        if tok.lemma_.lower() in lemmas:
            return ENCODE
        trig = ctx.match(tok)  # the coder's answer for this token, remembered per document
        if trig is not None and trig.klass != "speech":  # "said" flags a report, not an event
            return ENCODE
    return PASS


def _rules_proba(ctx, sent, evs: list[Event], n_mentions: int, head: Head) -> np.ndarray:
    """The rules-only head's probabilities for each rule event of a sentence (no encoder)."""
    by_idx = {t.idx: t for t in sent}
    X = np.stack([struct_row(Item(by_idx.get(e.trigger_start), e), len(evs), n_mentions, ctx) for e in evs])
    return head.rules.predict_proba(X)


def _unsure(ctx, sent, evs: list[Event], n_mentions: int, head: Head) -> bool:
    """Whether the rules-only head gives some event less than ``trusted_gate`` of its own type."""
    if head.trusted_gate > 1.0 or head.rules is None:
        return True
    P = _rules_proba(ctx, sent, evs, n_mentions, head)
    return any(p[LABELS.index(e.event)] < head.trusted_gate for e, p in zip(evs, P))


def route_sentences(ctx, per_sentence, head: Head) -> tuple[list[tuple], dict[int, int]]:
    """The sentences to encode, as :func:`select_sentences` gives them, and {si: n_mentions} of those
    decided by the rules-only head."""
    encode, rules = [], {}
    for si, sent, evs, n in select_sentences(ctx, per_sentence):
        r = route(ctx, sent, evs, n, head)
        if r == ENCODE:
            encode.append((si, sent, evs, n))
        elif r == RULES:
            rules[si] = n
    return encode, rules


def rules_confidence(ctx, sent, evs: list[Event], n_mentions: int, head: Head) -> list[Event]:
    """Trusted rule events with the rules-only head's calibrated probability of their type."""
    P = _rules_proba(ctx, sent, evs, n_mentions, head)
    return [replace(e, confidence=round(float(p[LABELS.index(e.event)]), 4), rule=f"{e.rule}/v2:rules")
            for e, p in zip(evs, P)]


def build_items(ctx, chosen: list[tuple], vecs: np.ndarray, states: list) -> dict[int, SentenceItems]:
    """Items and feature rows of the chosen sentences, given their encodings."""
    out: dict[int, SentenceItems] = {}
    for (si, sent, evs, n_mentions), vec, st in zip(chosen, vecs, states):
        by_idx = {t.idx: t for t in sent}
        items: list[Item] = []
        covered: set[int] = set()
        for ev in evs:
            tok = by_idx.get(ev.trigger_start)
            items.append(Item(tok, ev))
            lo, hi = ev.trigger_start or 0, ev.trigger_end or 0
            covered |= {t.i for t in sent if lo <= t.idx < hi or t is tok}
        for tok in sent:
            if tok.pos_ == "VERB" and tok.i not in covered:
                items.append(Item(tok))
        X = np.stack([item_row(it, vec, st, sent, len(evs), n_mentions, ctx) for it in items]) \
            if items else np.zeros((0, 0), np.float32)
        out[si] = SentenceItems(si, sent, list(evs), items, X)
    return out


def encode_sentences(chosen: list[tuple]) -> tuple[np.ndarray, list]:
    """Encode the chosen sentences, each distinct text once (readouts repeat their stock sentences)."""
    texts = [sent.text for _, sent, _, _ in chosen]
    if not texts:
        return np.zeros((0, 0), np.float32), []
    first: dict[str, int] = {}
    for t in texts:
        first.setdefault(t, len(first))
    vecs, states = get_encoder().encode_tokens(list(first))
    rows = [first[t] for t in texts]
    return vecs[rows], [states[r] for r in rows]


def _retype(ctx, ev: Event, label: str, conf: float) -> Event:
    onto = ctx.ontology
    cameo = onto.cameo_for(label, None)
    return replace(ev, event=label, mode=None, cameo=cameo, quad_class=int(onto.plover[label].quad),
                   goldstein=float(onto.goldstein(cameo)), confidence=conf, rule=f"{ev.rule}/v2:retype:{label}", id="")


def decide_sentence(ctx, s: SentenceItems, P: np.ndarray, head: Head) -> list[Event]:
    """Apply the head's probabilities ``P`` (rows = ``s.items``) to one sentence."""
    from accord.events.coder import merge_events, propose_event

    kept: list[Event] = []
    proposals: list[tuple[Item, int, float]] = []
    for item, p in zip(s.items, P):
        k = int(np.argmax(p))
        ev = item.event
        if ev is None:
            # A verb is proposed as its most probable type when that type itself is probable enough:
            # the emitted event's own calibrated probability clears the bar, not a sum of weak types.
            j = 1 + int(np.argmax(p[1:]))
            if p[j] >= head.propose_threshold:
                proposals.append((item, j, float(p[j])))
            continue
        # Hand-curated candidates face their own (higher) thresholds, off unless cross-validation chose them.
        trusted = _trusted(ev, head)
        reject_at = head.trusted_reject_threshold if trusted else head.reject_threshold
        retype_at = head.trusted_retype_threshold if trusted else head.retype_threshold
        if k == NONE:
            if p[NONE] >= reject_at:
                continue  # rejected
            k = 1 + int(np.argmax(p[1:]))
        own = LABELS.index(ev.event) if ev.event in LABELS else None
        if own is not None and k != own and p[k] < retype_at:
            k = own  # not sure enough to change the rules' type
        label, conf = LABELS[k], round(float(p[k]), 4)
        if label == ev.event:
            kept.append(replace(ev, confidence=conf, rule=f"{ev.rule}/v2:confirm"))
        else:
            kept.append(_retype(ctx, ev, label, conf))
    if kept and head.propose_only_uncoded:
        proposals = []  # the rules coded this sentence: the sentence head only fills sentences they missed
    have = {e.event for e in kept}
    for item, k, conf in sorted(proposals, key=lambda x: -x[2]):
        label = LABELS[k]
        if label in have:
            continue
        ev = propose_event(ctx, s.si, s.sent, item.token, label)
        if ev is None or not proposal_supported(ev, head):
            continue
        via = ev.rule.rsplit("/", 1)[-1]
        kept.append(replace(ev, confidence=round(conf, 4), rule=f"accord/v2/model/{label.lower()}/{via}/v2:proposed", id=""))
        have.add(label)
    return merge_events(kept, getattr(ctx, "apart", {}).get(s.si))


def _found(actors, implicit_ok: bool) -> bool:
    """Whether a side names a coded actor: not an unresolved noun phrase, and (unless ``implicit_ok``) not
    one the coder filled in from context ("implicit:place", "implicit:domestic")."""
    return any(a.code and (a.via or "") not in ("unresolved", "untabled")
               and (implicit_ok or not (a.via or "").startswith("implicit")) for a in actors)


def proposal_supported(ev: Event, head: Head) -> bool:
    """Whether a proposed event has the roles its type needs (the conditions `make train` chose on
    validation): a source the parse found, and for the types that nearly always have one, a recipient."""
    if head.propose_needs_source and not _found(ev.actor, implicit_ok=False):
        return False
    if ev.event in head.propose_recipient_types and not _found(ev.recipient, implicit_ok=True):
        return False
    return True


def decide_routed(ctx, per_sentence, encoded: dict[int, SentenceItems], rules: dict[int, int], head: Head,
                  unscored: str = "/v2:unscored", probs: dict[int, np.ndarray] | None = None) -> list[Event]:
    """A document's v2 events: encoded sentences decided by the full head, RULES sentences scored by the
    rules-only head, the others' rule events passed through (their rule suffixed with ``unscored``).
    ``probs`` ({si: item probabilities}) replaces the head's own for those sentences: `make train` decides
    the cross-fitting folds with each fold's out-of-fold probabilities."""
    out: list[Event] = []
    for si, sent, evs in per_sentence:
        s = encoded.get(si)
        if s is not None:
            P = probs[si] if probs is not None and si in probs else head.predict_proba(s.X)
            out.extend(decide_sentence(ctx, s, P, head) if s.items else [])
        elif si in rules and evs:
            out.extend(rules_confidence(ctx, sent, evs, rules[si], head))
        else:
            out.extend(replace(e, rule=f"{e.rule}{unscored}") for e in evs)
    return out


def decide_document(ctx, per_sentence) -> list[Event]:
    """The v2 stage for one document (``code_document(..., decide=decide_document)``)."""
    head = load_head()
    chosen, rules = route_sentences(ctx, per_sentence, head)
    vecs, states = encode_sentences(chosen)
    return decide_routed(ctx, per_sentence, build_items(ctx, chosen, vecs, states), rules, head)


class BatchDecider:
    """The v2 stage for a parse batch: decisions wait until every document of the batch is rule-coded,
    so that all their actor sentences go through the encoder together (one document's few sentences
    make small, padded batches: measured ~3x slower)."""

    def __init__(self) -> None:
        self.pending: dict[int, tuple] = {}
        self.head = load_head()
        #: sentences seen and sentences encoded (``make bench`` reports the fraction)
        self.sentences = 0
        self.encoded = 0

    def defer(self, ctx, per_sentence) -> list[Event]:
        """Give to ``code_document`` as ``decide``: records the document and returns the rule events."""
        chosen, rules = route_sentences(ctx, per_sentence, self.head)
        self.pending[id(ctx.document)] = (ctx, per_sentence, chosen, rules)
        self.sentences += len(per_sentence)
        self.encoded += len(chosen)
        return [e for _, _, evs in per_sentence for e in evs]

    def finish(self, coded: list, settings) -> list:
        """The batch's coded documents with the v2 decisions applied (and the confidence filters after them)."""
        from accord.errors import Code, MESSAGES
        from accord.records import Problem

        jobs = [(c, self.pending.pop(id(c.document), None)) for c in coded]
        vecs, states = encode_sentences([row for _, job in jobs if job for row in job[2]])
        head = self.head
        out, k = [], 0
        for c, job in jobs:
            if job is None:
                out.append(c)
                continue
            ctx, per_sentence, chosen, rules = job
            n = len(chosen)
            try:
                encoded = build_items(ctx, chosen, vecs[k:k + n], states[k:k + n])
                events = decide_routed(ctx, per_sentence, encoded, rules, head)
            except Exception as exc:  # noqa: BLE001 - reported on the document
                problem = Problem(c.document.source or c.document.id, Code.CODING_FAILED.value,
                                  f"{MESSAGES[Code.CODING_FAILED]} v2: {type(exc).__name__}: {exc}", "code")
                out.append(replace(c, events=(), problems=c.problems + (problem,)))
                k += n
                continue
            k += n
            if settings.min_confidence > 0:
                events = [e for e in events if e.confidence >= settings.min_confidence]
            out.append(replace(c, events=tuple(events)))
        return out
