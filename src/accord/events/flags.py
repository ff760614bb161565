"""Modality of a trigger's clause: negated, announced/future (intent), hypothetical."""

from __future__ import annotations

NEGATORS = frozenset({"not", "n't", "never", "no", "neither", "nor", "without"})
FUTURE_AUX = frozenset({"will", "shall", "'ll", "wo", "would"})
HYPO_AUX = frozenset({"could", "might", "may"})
CONDITIONAL_MARKERS = frozenset({"if", "unless", "whether", "lest"})
DEMAND_MODALS = frozenset({"must", "should", "ought", "shall"})


def _purpose(node) -> bool:
    """An infinitive of purpose: "will travel to Washington to meet Biden"."""
    return node.dep_ == "advcl" and any(c.dep_ == "aux" and c.lower_ == "to" for c in node.children)


#: Finite verb forms: a conjunct in one of these is a clause of its own beside a verb an auxiliary carries.
FINITE_TAGS = frozenset({"VBD", "VBZ"})


def finite_coordinate(node, negated: bool = False) -> bool:
    """A conjoined verb in a finite form whose head is a bare form or participle carried by an auxiliary:
    "had never threatened shipping and blamed the United States", "would not resign and accused
    protesters". The auxiliary (and the negation or modal on it) belongs to the head alone; the conjunct
    is a clause of its own, coordinated with the verb that governs the head ("said ... and blamed").
    "did not meet and talk" (a bare conjunct), "never attacked and killed" (the same form) and "have not
    withdrawn or handed over" (a negated disjunction) share it. ``negated``: the head is known to be
    negated from above (the complement of "denied that ...")."""
    if node.dep_ != "conj" or node.head is node or node.tag_ not in FINITE_TAGS:
        return False
    head = node.head
    if head.tag_ not in ("VB", "VBN") or any(c.dep_ in ("aux", "auxpass") for c in node.children):
        return False
    if any(c.dep_ == "cc" and c.lower_ in ("or", "nor") for c in head.children):
        return False
    auxes = [c for c in head.children if c.dep_ in ("aux", "auxpass") and c.lower_ != "to"]
    if not auxes:
        return False
    if all(c.lemma_.lower() == "have" for c in auxes):
        # "has established ties and opened an embassy": a regular past form may be the perfect's
        # participle, so a perfect is left to the head unless the head alone is negated
        # ("had never threatened shipping and blamed ...")
        return negated or any(c.dep_ == "neg" or c.lower_ == "never" for c in head.children)
    return True


def _governors(token, limit: int = 4):
    """The token and the verbs that govern it through xcomp/conj/purpose chains (closest first); a finite
    coordinate (:func:`finite_coordinate`) does not take its head's auxiliary."""
    node = token
    yield node
    for _ in range(limit):
        if (node.dep_ in ("xcomp", "conj", "pcomp") or _purpose(node)) and node.head is not node \
                and not finite_coordinate(node):
            node = node.head
            if node.dep_ == "prep":
                node = node.head
            yield node
        else:
            break


#: Verbs whose negation asserts what they govern: "would not hesitate to use force" uses it.
HESITATING = frozenset({"hesitate", "flinch", "shy", "balk", "baulk", "waver", "wait"})


def is_negated(token) -> bool:
    """'did not meet', 'never attacked', 'no talks were held', 'is not directed against'; not 'would not hesitate
    to strike' (a negated verb of hesitation asserts its complement)."""
    for node in _governors(token, 2):
        for c in node.children:
            if c.dep_ == "neg" or (c.dep_ in ("det", "advmod") and c.lower_ in ("no", "never")):
                if node is not token and node.lemma_.lower() in HESITATING:
                    return False
                return True
        if node is token and node.pos_ == "VERB" and any(
                c.dep_ in ("dobj", "obj") and any(d.dep_ == "det" and d.lower_ == "no" for d in c.children)
                for c in node.children):
            return True  # "reached no agreement", "made no concessions", "gave no assurances": nothing was done
        if node.pos_ in ("NOUN", "PROPN") and node.head.pos_ in ("VERB", "AUX"):
            # "there were no talks" / "held no talks"
            for c in node.head.children:
                if c.dep_ == "neg":
                    return True
    return False


def has_future(token) -> bool:
    for node in _governors(token):
        for c in node.children:
            if c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX:
                return True
            if c.dep_ == "aux" and c.lower_ == "to" and node.head.lemma_ == "go" and node.dep_ == "xcomp":
                return True
        if node.tag_ == "VB" and node.dep_ == "xcomp" and node.head.lemma_.lower() in ("be", "set", "due", "expect", "schedule", "plan"):
            return True
    return False


def is_hypothetical(token) -> bool:
    """Conditional or possible, not asserted: 'could impose sanctions if', 'may halt mediation'."""
    for node in _governors(token):
        for c in node.children:
            if c.dep_ == "aux" and c.lower_ in HYPO_AUX:
                return True
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKERS for g in c.children):
                return True
        if node.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in CONDITIONAL_MARKERS for g in node.children):
            return True
    return False


def has_condition(token) -> bool:
    """The clause carries an 'if'/'unless' condition: 'will boycott unless ...', 'may halt mediation if ...'."""
    for node in _governors(token):
        for c in node.children:
            if c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in ("if", "unless") for g in c.children):
                return True
    return False
