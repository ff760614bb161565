"""Named entities of a token range, found in time proportional to the range.

spaCy's ``Doc.ents`` (and ``Span.ents``, which goes through it) rebuilds the list of every entity in the
document by scanning all its tokens. Asking for the entities of one sentence that way, once per sentence
or per event, makes coding quadratic in document length; these helpers read the tokens' IOB tags instead.

``Doc.text`` is rebuilt from the tokens on every access too; :func:`doc_text` keeps the text of the document
being coded for the stages that each read it. Reading a token attribute makes a Python ``Token`` first, so what
several stages read for every token (offsets, texts, entity extents) is read once per document as integer
arrays (:func:`token_starts`, :func:`token_texts`, :func:`token_pos`, :func:`token_lemma_ids`, the entity table
behind :func:`ents_starting_in`).
"""

from __future__ import annotations

from bisect import bisect_left

from numpy import arange

from spacy.attrs import DEP, ENT_IOB, ENT_KB_ID, ENT_TYPE, HEAD, IDX, LEMMA, LENGTH, LOWER, ORTH, POS, SPACY
from spacy.tokens import Span

_B, _I = 3, 1  # Token.ent_iob for "B" and "I"


_TEXTS: list[tuple] = []  # (Doc, text) of the four Docs asked about last: the document and, say, its title


def doc_text(doc) -> str:
    """``doc.text``, remembered for the four Docs asked about last: the actor, quote and event stages of one
    document all read it (the actor stage reads its title's in between), and spaCy joins every token's text
    again each time."""
    return _recent(_TEXTS, doc, _joined_text)


def _joined_text(doc) -> str:
    """``doc.text`` (every token's ``text_with_ws`` joined), read from the token ids and trailing-space flags
    instead of making a Token for each."""
    if not len(doc):
        return doc.text
    strings = doc.vocab.strings
    arr = doc.to_array([ORTH, SPACY])
    return "".join([strings[o] + " " if sp else strings[o] for o, sp in zip(arr[:, 0].tolist(), arr[:, 1].tolist())])


def _recent(cache: list[tuple], doc, make):
    """``make(doc)``, remembered in ``cache`` for the four Docs asked about last (the document and its title
    alternate, so one slot would rebuild the document's value every time; a joint statement's title is read
    in two forms, and with two slots those evicted the document's arrays before the quote stage read them)."""
    for d, value in cache:
        if d is doc:
            return value
    value = make(doc)
    cache[:] = [(doc, value)] + cache[:3]
    return value


class _Arrays:
    """What the stages read of every token of one Doc, read once: character offsets, texts, coarse tags, lemma
    and lower-case ids, entities."""

    __slots__ = ("starts", "texts", "pos", "ent_types", "lemmas", "lowers", "ents", "ent_starts", "lemma_hits")

    def __init__(self, doc) -> None:
        text = doc_text(doc)
        n = len(doc)
        if n:
            # One array, read column by column (numpy's tolist), instead of one Python row per token.
            arr = doc.to_array([IDX, LENGTH, ENT_IOB, ENT_TYPE, ENT_KB_ID, POS, LEMMA, LOWER])
            starts, lengths, iobs, types, kb_ids, self.pos, self.lemmas, self.lowers = arr.T.tolist()
            firsts = ((arr[:, 2] == _B) & (arr[:, 3] != 0)).nonzero()[0].tolist()  # B tags with a label
        else:
            starts = lengths = iobs = types = kb_ids = firsts = []
            self.pos, self.lemmas, self.lowers = [], [], []
        self.starts = starts
        self.texts = [text[s:s + k] for s, k in zip(starts, lengths)]  # a token's text is its slice of the Doc's text
        self.ent_types = types
        # Each entity: a B tag with a label, running over the I tags after it -> (start, end, label, kb_id).
        ents = []
        for k in firsts:
            j = k + 1
            while j < n and iobs[j] == _I:
                j += 1
            ents.append((k, j, types[k], kb_ids[k]))
        self.ents = ents
        self.ent_starts = [e[0] for e in ents]
        self.lemma_hits: dict[tuple, list[int]] = {}  # (words, coarse tag id) -> token indices, see tokens_with_lemma


_ARRAYS: list[tuple] = []  # (Doc, _Arrays) of the four Docs asked about last (the document and, say, its title)


def _arrays(doc) -> _Arrays:
    """The arrays of ``doc``, read the first time it is asked about among the four latest Docs."""
    return _recent(_ARRAYS, doc, _Arrays)


def token_starts(doc) -> list[int]:
    """Every token's character offset (``[t.idx for t in doc]``), read once per Doc; do not modify."""
    return _arrays(doc).starts


def token_texts(doc) -> list[str]:
    """Every token's text (``[t.text for t in doc]``), read once per Doc; do not modify."""
    return _arrays(doc).texts


def token_pos(doc) -> list[int]:
    """Every token's coarse tag id (``[t.pos for t in doc]``), read once per Doc; do not modify."""
    return _arrays(doc).pos


def token_ent_types(doc) -> list[int]:
    """Every token's entity label id, 0 outside entities (``[t.ent_type for t in doc]``); do not modify."""
    return _arrays(doc).ent_types


def token_lemma_ids(doc) -> tuple[list[int], list[int]]:
    """Every token's lemma id and lower-case form id (``t.lemma``, ``t.lower``: keys of ``doc.vocab.strings``),
    read once per Doc; do not modify."""
    a = _arrays(doc)
    return a.lemmas, a.lowers


_LEMMA_IN: dict[frozenset, dict[int, bool]] = {}  # word set -> lemma id -> lower-cased lemma in the set


def tokens_with_lemma(doc, words: frozenset[str], pos: int) -> list[int]:
    """The indices of the tokens whose lower-cased lemma is one of ``words`` and whose coarse tag id is ``pos``
    (``[t.i for t in doc if t.lemma_.lower() in words and t.pos == pos]``), found once per Doc and word set
    from the integer arrays; do not modify. A rule that walks a trigger's subtree for such words asks this
    first: most sentences hold none."""
    a = _arrays(doc)
    key = (words, pos)
    hits = a.lemma_hits.get(key)
    if hits is None:
        strings = doc.vocab.strings
        known = _LEMMA_IN.setdefault(words, {})
        hits = []
        for i, (lemma, p) in enumerate(zip(a.lemmas, a.pos)):
            if p != pos:
                continue
            found = known.get(lemma)
            if found is None:
                found = known[lemma] = strings[lemma].lower() in words
            if found:
                hits.append(i)
        a.lemma_hits[key] = hits
    return hits


def hyphen_before(doc, i: int) -> bool:
    """Tokens ``i - 2``, ``i - 1``, ``i`` are written "word-word" (the middle one a hyphen, no spaces)."""
    if i < 2:
        return False
    a = _arrays(doc)
    starts, texts = a.starts, a.texts
    return texts[i - 1] == "-" and starts[i] == starts[i - 1] + 1 and starts[i - 1] == starts[i - 2] + len(texts[i - 2])


def _entity_end(doc, start: int, stop: int) -> int:
    j = start + 1
    while j < stop and doc[j].ent_iob_ == "I":
        j += 1
    return j


def ents_starting_in(doc, lo: int, hi: int) -> list[Span]:
    """Entities whose first token lies in ``doc[lo:hi]`` (each with its full extent, which may pass ``hi``)."""
    lo, hi = max(0, lo), min(hi, len(doc))
    if lo >= hi:
        return []
    a = _arrays(doc)
    first = bisect_left(a.ent_starts, lo)
    last = bisect_left(a.ent_starts, hi, first)
    return [Span(doc, s, e, label=label, kb_id=kb_id) for s, e, label, kb_id in a.ents[first:last]]


def span_ents(span) -> list[Span]:
    """The entities wholly inside ``span`` (what ``span.ents`` returns), in order."""
    return [e for e in ents_starting_in(span.doc, span.start, span.end) if e.end <= span.end]


def ent_around(doc, i: int) -> Span | None:
    """The entity that contains token ``i``, or None."""
    if not doc[i].ent_type or doc[i].ent_iob_ not in ("B", "I"):
        return None
    start = i
    while start > 0 and doc[start].ent_iob_ == "I":
        start -= 1
    if doc[start].ent_iob_ != "B":
        return None
    return Span(doc, start, _entity_end(doc, start, len(doc)), label=doc[start].ent_type, kb_id=doc[start].ent_kb_id)


class _Tree:
    """The dependency tree of one parsed Doc as Python lists, read once: each token's head index, relation,
    lower-cased lemma, lower-case form, trailing space, and its children in order. A rule that walks
    ``children`` asks these instead of making a Token for every child it looks at."""

    __slots__ = ("heads", "deps", "lemmas", "lowers", "spaces", "children")

    def __init__(self, doc) -> None:
        n = len(doc)
        if not n:
            self.heads, self.deps, self.lemmas, self.lowers, self.spaces, self.children = [], [], [], [], [], []
            return
        arr = doc.to_array([HEAD, DEP, SPACY])
        # HEAD is the offset of the head from the token (negative ones wrap round in the unsigned array)
        self.heads = heads = (arange(n) + arr[:, 0].astype("int64")).tolist()
        dep_ids, spaces = arr[:, 1].tolist(), arr[:, 2].tolist()
        lemma_ids, lower_ids = token_lemma_ids(doc)
        strings = doc.vocab.strings
        self.deps = _names(dep_ids, _NAME, strings, False)
        self.lemmas = _names(lemma_ids, _LOWER_NAME, strings, True)
        self.lowers = _names(lower_ids, _NAME, strings, False)
        self.spaces = [s == 1 for s in spaces]
        # In index order, as Token.children yields them (left, then right); a token with none shares one empty
        # tuple (half the tokens of a sentence are leaves: no list made for them).
        children: list = [()] * n
        for i, h in enumerate(heads):
            if h != i:
                kids = children[h]
                if kids:
                    kids.append(i)
                else:
                    children[h] = [i]
        self.children = children


_NAME: dict[int, str] = {}  # string id -> string (ids are hashes of the strings: the same in every vocabulary)
_LOWER_NAME: dict[int, str] = {}  # string id -> the string lower-cased


def _names(ids: list[int], known: dict[int, str], strings, lower: bool) -> list[str]:
    """The strings of ``ids``, each id looked up in the vocabulary once per process."""
    for k in set(ids).difference(known):
        known[k] = strings[k].lower() if lower else strings[k]
    return list(map(known.__getitem__, ids))


_TREES: list[tuple] = []  # (Doc, _Tree) of the four Docs asked about last


def tree(doc) -> _Tree:
    """The dependency tree of ``doc`` as lists (see :class:`_Tree`), read once per Doc; do not modify.
    ``tree(doc).children[i]`` holds ``[c.i for c in doc[i].children]`` (an empty tuple for none), ``deps[i]`` is ``doc[i].dep_``,
    ``lemmas[i]`` is ``doc[i].lemma_.lower()``, ``lowers[i]`` is ``doc[i].lower_`` and ``doc[i].text_with_ws``
    is ``token_texts(doc)[i] + " " * spaces[i]``."""
    return _recent(_TREES, doc, _Tree)
