"""Direct, partial and block quotes with their speakers, from a parsed document.

How a quoted stretch (see :mod:`accord.quotes.marks`) is judged:

* after "so-called" and similar words it is a scare quote and ignored;
* a clause (three or more words with a verb, or a sentence ending in . ? !) is a quote;
* a shorter or verbless phrase is a (partial) quote only when a reporting verb governs it: it opens
  its sentence and a reporting verb follows (``"A victory for peace," the minister said``), or a
  reporting or naming verb precedes it closely (``opposes what it called "hegemonic attempts"``);
  otherwise it is a term or scare quote and ignored (``began "joint sea and air patrols"``).

Speakers are the subject of the reporting verb next to the quote: one that follows the closing
mark (``," Lavrov told reporters`` / ``," said Foreign Minister Wang Yi``) is preferred for a quote
that opens its sentence, else the nearest one before the opening mark in the same sentence. A quote
with no cue of its own takes the speaker of the quote just before it in the same paragraph (or of
the paragraph it continues) when no other verb stands between them. Pronoun subjects ("he said") go
to the latest speaker in the three sentences before, else to a mention that was a grammatical
subject there, else to the only candidate of the right kind; otherwise they stay unresolved.

Block quotes are paragraphs flagged ``block_quote`` and paragraphs (or the rest of a paragraph)
introduced by a reporting verb and a colon (``stating:``, ``the statement said:``); their speaker is
the subject of that verb, found by climbing from participles (``a statement stating:``) to the verb
that has a subject.
"""

from __future__ import annotations

import bisect
import itertools
from dataclasses import dataclass, replace
from typing import Any, Iterable, Protocol, Sequence

from accord.nlp.spans import doc_text, ent_around, ents_starting_in, token_starts
from accord.quotes.lexicon import Cues, default_cues
from accord.quotes.marks import (
    DOUBLE_CLOSE,
    DOUBLE_OPEN,
    SINGLE_CLOSE,
    SINGLE_OPEN,
    Segment,
    Span,
    find_segments,
    split_paragraphs,
    trim,
)
from accord.records import Actor, Document, Quote

_SENT_END = {".", "!", "?", ";"}
_SUBJ = {"nsubj", "nsubjpass"}
_CLIMB = {"xcomp", "advcl", "acl", "conj", "pcomp", "prep", "pobj", "dobj", "ccomp", "relcl"}
_NAME_PARTS = {"compound", "amod", "det", "poss", "nmod", "nummod", "flat", "case", "punct", "appos"}
_TRAIL_WORDS = 12  # words a trailing cue may stand after the closing mark
_LEAD_WORDS = 8  # words a cue may stand before a short partial quote
_COLON_WORDS = 8  # words between a reporting verb and the colon that opens a block quote
_BACK_SENTENCES = 3  # sentences searched for the antecedent of "he said"
_PLURAL = {"NNS", "NNPS"}
_FINITE = {"VBD", "VBZ", "VBP", "MD"}


class MentionLike(Protocol):
    """What the actor resolver gives per mention: a token span, its head and resolved actors."""

    start: int
    end: int
    head: Any
    actors: tuple[Actor, ...]


@dataclass
class _Speaker:
    actor: Actor | None
    text: str | None
    head: int | None  # token index of the speaker's head
    person: bool
    at: int  # character offset where the speaker was named


@dataclass
class _Found:
    quote: Quote
    para: int
    cue_token: int | None
    segment: Segment | None


class _Extractor:
    def __init__(self, document: Document, sdoc, mentions: Sequence[MentionLike] | None, cues: Cues) -> None:
        if doc_text(sdoc) != document.text:
            raise ValueError("the spaCy Doc was not parsed from this document's text")
        self.doc = document
        self.text = document.text
        self.sdoc = sdoc
        self.cues = cues
        self.mentions = sorted(mentions or (), key=lambda m: (m.start, m.end))
        self.mention_starts = [m.start for m in self.mentions]
        self.longest_mention = max((m.end - m.start for m in self.mentions), default=1)
        self.starts = token_starts(sdoc)
        self.inside = [False] * len(sdoc)
        self.speakers: list[_Speaker] = []
        self.found: list[_Found] = []
        self.sents = list(sdoc.sents)
        self.sent_starts = [sent.start for sent in self.sents]

    # -- tokens ---------------------------------------------------------------------------
    def tok_at(self, char: int) -> int:
        return max(0, bisect.bisect_right(self.starts, char) - 1)

    def first_tok_from(self, char: int) -> int:
        """The first token that starts at or after ``char``."""
        return bisect.bisect_left(self.starts, char)

    def mark_inside(self, start: int, end: int) -> None:
        if end <= start or not len(self.sdoc):
            return
        for i in range(self.tok_at(start), self.tok_at(end - 1) + 1):
            self.inside[i] = True

    def is_cue(self, tok, lemmas: Iterable[str] | None = None) -> bool:
        if self.inside[tok.i]:
            return False
        if tok.lower_ == "according":
            return tok.i + 1 < len(self.sdoc) and self.sdoc[tok.i + 1].lower_ == "to"
        lemma = tok.lemma_.lower()
        if tok.pos_ != "VERB" or lemma not in (lemmas or self.cues.speech_verbs):
            return False
        if lemma in self.cues.naming_verbs:  # "a programme called 'X'" names, "what it called 'X'" speaks
            return any(c.dep_ in _SUBJ for c in tok.children) or tok.dep_ == "conj"
        return True

    def cue_text(self, tok) -> str:
        if tok.lower_ == "according":
            return f"{tok.text} {self.sdoc[tok.i + 1].text}"
        return tok.text

    # -- speakers -------------------------------------------------------------------------
    def subject(self, verb, trailing: bool = False):
        """The token naming who speaks through ``verb`` (None when there is none)."""
        if verb.lower_ == "according":
            to = self.sdoc[verb.i + 1]
            objs = [c for c in to.children if c.dep_ == "pobj"]
            return objs[0] if objs else None
        tok = verb
        described = None  # "The declaration, adopted unanimously, read:" -> the noun the clause hangs on
        for _ in range(4):
            if tok is not verb and tok.pos_ in ("NOUN", "PROPN") and described is None:
                described = tok
            subj = next((c for c in tok.children if c.dep_ in _SUBJ and not self.inside[c.i]), None)
            if subj is not None:
                if subj.tag_ in ("WP", "WDT") and tok.dep_ == "relcl":
                    return tok.head  # "the minister, who said ..."
                return subj
            if trailing and tok is verb:  # inverted: ", said Foreign Minister Wang Yi"
                after = next(
                    (c for c in verb.rights if c.pos_ in ("PROPN", "NOUN", "PRON") and not self.inside[c.i]),
                    None,
                )
                if after is not None and after.dep_ not in ("npadvmod",):
                    return after
            if tok.dep_ not in _CLIMB or tok.head is tok:
                break
            tok = tok.head
        if described is None and tok is not verb and tok.pos_ in ("NOUN", "PROPN"):
            described = tok
        return described

    def owner_of_text(self, head, depth: int = 0):
        """Who a text speaks for: "the statement by the ministry", "the ministry's statement", or
        "The ministry issued a statement. ... The statement said:"; else the noun itself."""
        lemma = head.lemma_.lower()
        if lemma not in self.cues.text_nouns:
            return head
        for child in head.children:
            if child.dep_ == "poss":
                return child
            if child.dep_ == "prep" and child.lower_ in ("by", "from", "of"):
                obj = next((c for c in child.children if c.dep_ == "pobj"), None)
                if obj is not None:
                    return obj
        if depth == 0 and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            window = self.window_start(head)
            for k in range(head.i - 1, -1, -1):
                tok = self.sdoc[k]
                if tok.idx < window:
                    break
                if tok.lemma_.lower() == lemma and not self.inside[k] and tok.dep_ in ("dobj", "pobj", "nsubjpass"):
                    issuer = self.subject(tok.head) if tok.dep_ != "pobj" else None
                    if tok.dep_ == "pobj" and tok.head.head.pos_ == "VERB":
                        issuer = self.subject(tok.head.head)
                    if issuer is not None and issuer.pos_ != "PRON":
                        return self.owner_of_text(issuer, depth + 1)
                    break
        return head

    def window_start(self, tok) -> int:
        """Character offset where the antecedent search for ``tok`` begins."""
        here = bisect.bisect_right(self.sent_starts, tok.i) - 1
        return self.sents[max(0, here - _BACK_SENTENCES)].start_char

    def mention_for(self, i: int):
        best = None
        # Only mentions starting within the longest mention's length before ``i`` can contain it.
        first = bisect.bisect_left(self.mention_starts, i - self.longest_mention + 1)
        for m in itertools.islice(self.mentions, first, None):
            if m.start > i:
                break
            if m.start <= i < m.end and (best is None or (m.end - m.start) < (best.end - best.start)):
                best = m
        return best

    def span_text(self, head) -> str:
        """The name around a subject head: its compounds, titles and entity span."""
        lo = hi = head.i
        stack = [head]
        while stack:
            tok = stack.pop()
            for child in tok.children:
                of_phrase = (child.dep_ == "prep" and child.lower_ == "of") or (child.dep_ == "pobj" and tok.lower_ == "of")
                if (child.dep_ in _NAME_PARTS or of_phrase) and not self.inside[child.i] and abs(child.i - head.i) <= 8:
                    if child.dep_ == "punct" and child.i not in (lo - 1, hi + 1):
                        continue
                    if child.dep_ == "appos" and child.i < tok.i:
                        continue
                    lo, hi = min(lo, child.i), max(hi, child.i)
                    stack.append(child)
        if head.ent_type_:
            ent = ent_around(self.sdoc, head.i)
            if ent is not None:
                lo, hi = min(lo, ent.start), max(hi, ent.end - 1)
        commas = [k for k in range(lo, head.i) if self.sdoc[k].text == ","]
        if commas:  # a name does not reach back over a comma: "…partnership, President Biden"
            lo = commas[-1] + 1
        while lo < hi and self.sdoc[lo].is_punct:
            lo += 1
        while hi > lo and (self.sdoc[hi].is_punct or self.sdoc[hi].pos_ in ("ADP", "CCONJ", "DET")):
            hi -= 1
        return self.sdoc[lo : hi + 1].text

    def is_person(self, actor: Actor | None, head) -> bool:
        if actor is not None:
            return actor.kind == "person"
        if head is None:
            return False
        names = [head] + [c for c in head.children if c.dep_ in ("appos", "compound")]
        return any(t.ent_type_ == "PERSON" for t in names) or head.lemma_.lower() in self.cues.person_nouns

    def speaker_for(self, verb, trailing: bool = False) -> _Speaker | None:
        head = self.subject(verb, trailing)
        if head is None:
            return None
        head = self.owner_of_text(head)
        kind = self.cues.pronouns.get(head.lower_) if head.pos_ == "PRON" else None
        if kind is not None:
            found = self.resolve_pronoun(head, kind)
            mention = self.mention_for(head.i) if found is None else None
            if mention is not None and mention.actors:  # the resolver's own coreference, if it made one
                actor = mention.actors[0]
                return _Speaker(actor, actor.name, head.i, actor.kind == "person", head.idx)
            return found
        if head.pos_ == "PRON":
            return None  # "I said", "you said": the speaker is not named
        return self.speaker_from_head(head)

    def speaker_from_head(self, head) -> _Speaker:
        mention = self.mention_for(head.i)
        actor = mention.actors[0] if mention is not None and mention.actors else None
        if mention is not None:
            text = self.sdoc[mention.start : mention.end].text
        else:
            text = self.span_text(head)
        return _Speaker(actor, text, head.i, self.is_person(actor, head), head.idx)

    def resolve_pronoun(self, pron, kind: str) -> _Speaker | None:
        """Conservatively find who "he"/"it"/"they" is: see the module docstring."""
        want_person = kind == "person"
        window = self.window_start(pron)
        found: _Speaker | None = None
        for sp in reversed(self.speakers):
            if window <= sp.at < pron.idx and sp.person == want_person and (sp.actor or sp.text):
                found = sp
                break
        if found is None:
            found = self.antecedent_mention(pron, window, want_person)
        if found is None:
            return None
        actor = found.actor
        if actor is not None:
            actor = replace(actor, text=pron.text, start=pron.idx, end=pron.idx + len(pron.text), via=f"coref:{pron.lower_}")
        return _Speaker(actor, found.text, pron.i, found.person, pron.idx)

    def antecedent_mention(self, pron, window: int, want_person: bool) -> _Speaker | None:
        singular = pron.lower_ in ("he", "she", "it")
        cands: list[_Speaker] = []
        subjects: list[_Speaker] = []
        if self.mentions:
            first_mention = bisect.bisect_left(self.mention_starts, self.first_tok_from(window))
            for m in itertools.islice(self.mentions, first_mention, None):
                if m.start >= pron.i:
                    break
                first = self.sdoc[m.start]
                if first.idx < window or self.inside[m.start] or not m.actors:
                    continue
                actor = m.actors[0]
                if (actor.kind == "person") != want_person:
                    continue
                head = self._mention_head(m)
                if singular and head.tag_ in _PLURAL and actor.kind != "state":
                    continue
                sp = _Speaker(actor, self.sdoc[m.start : m.end].text, head.i, want_person, first.idx)
                cands.append(sp)
                if head.dep_ in _SUBJ:
                    subjects.append(sp)
        else:  # no resolver output: fall back to named entities, text only
            labels = {"PERSON"} if want_person else {"GPE", "ORG", "NORP"}
            for ent in ents_starting_in(self.sdoc, self.first_tok_from(window), pron.i):
                if ent.start >= pron.i:
                    break
                if ent.start_char < window or self.inside[ent.start] or ent.label_ not in labels:
                    continue
                sp = _Speaker(None, ent.text, ent.root.i, want_person, ent.start_char)
                cands.append(sp)
                if ent.root.dep_ in _SUBJ:
                    subjects.append(sp)
        for k in range(pron.i - 1, -1, -1):  # named subjects the resolver left alone ("Russia's envoy said")
            tok = self.sdoc[k]
            if tok.idx < window:
                break
            if tok.dep_ in _SUBJ and not self.inside[k] and tok.pos_ in ("NOUN", "PROPN") and not (singular and tok.tag_ in _PLURAL):
                mention = self.mention_for(k)
                actor = mention.actors[0] if mention is not None and mention.actors else None
                if self.is_person(actor, tok) == want_person and (actor is not None or want_person):
                    text = self.sdoc[mention.start : mention.end].text if mention is not None else self.span_text(tok)
                    subjects.append(_Speaker(actor, text, k, want_person, tok.idx))
                    break
        if subjects:
            return max(subjects, key=lambda sp: sp.at)
        identities = {(c.actor.code, c.actor.name) if c.actor else c.text for c in cands}
        return cands[-1] if len(identities) == 1 else None

    def _mention_head(self, m):
        head = getattr(m, "head", None)
        if isinstance(head, int):
            return self.sdoc[head]
        if head is not None and hasattr(head, "i"):
            return head
        return self.sdoc[m.start : m.end].root

    # -- cues around a quote ----------------------------------------------------------------
    def trailing_cue(self, seg_close: int, para: Span):
        j = self.tok_at(seg_close - 1) + 1
        words = 0
        while j < len(self.sdoc) and words < _TRAIL_WORDS:
            tok = self.sdoc[j]
            if tok.idx >= para.end or self.inside[j] or tok.text in _SENT_END:
                return None
            if self.is_cue(tok) and tok.tag_ != "VBG":
                return tok
            if not (tok.is_punct or tok.is_space):
                words += 1
            j += 1
        return None

    def leading_cue(self, seg_open: int, para: Span, lemmas=None):
        """(nearest cue before the quote in its sentence, words between, words before the quote)."""
        j = self.tok_at(seg_open) - 1
        if j < 0 or self.sdoc[j].idx < para.start or self.sdoc[j].text in _SENT_END - {";"}:
            return None, 0, 0
        sent_start = self.sdoc[j].sent.start
        cue, gap, words = None, 0, 0
        for k in range(j, sent_start - 1, -1):
            tok = self.sdoc[k]
            if tok.idx < para.start or self.inside[k]:
                break
            if cue is None and self.is_cue(tok, lemmas):
                cue, gap = tok, words
            if not (tok.is_punct or tok.is_space):
                words += 1
        return cue, gap, words

    # -- quotes -----------------------------------------------------------------------------
    def scare_prefixed(self, open_at: int) -> bool:
        before = self.text[max(0, open_at - 24) : open_at].rstrip().lower()
        return before.endswith(self.cues.scare_prefixes)

    def judge(self, seg: Segment, para: Span):
        """(is a quote, cue token, trailing?) for one quoted stretch."""
        if self.scare_prefixed(seg.open):
            return False, None, False
        inner = self.sdoc[self.tok_at(seg.start) : self.tok_at(seg.end - 1) + 1]
        words = sum(1 for t in inner if t.is_alpha or t.like_num)
        has_verb = any(t.pos_ in ("VERB", "AUX") for t in inner)
        sentence_like = self.text[seg.end - 1] in ".?!" and self.text[seg.start].isupper() and words >= 4
        clause = (has_verb and words >= 3) or sentence_like
        trail = self.trailing_cue(seg.close, para)
        lead, gap, before = self.leading_cue(seg.open, para)
        fronted = before == 0
        if trail is not None and (fronted or lead is None):
            chosen, trailing = trail, True
        else:
            chosen, trailing = lead, False
        if clause and chosen is None and self.title_case(inner):
            return False, None, False  # the title of an order, programme or book
        if clause:
            return True, chosen, trailing
        if trail is not None and fronted:
            return True, trail, True
        if lead is not None and gap <= _LEAD_WORDS and seg.continues is False:
            return True, lead, False
        return False, None, False

    @staticmethod
    def title_case(inner) -> bool:
        words = [t for t in inner if t.is_alpha]
        content = [t for t in words if len(t) > 3 or t is words[0]]
        return bool(content) and all(t.text[0].isupper() for t in content) and not inner[-1].text in ".?!"

    def name_colon(self, seg: Segment, para: Span) -> _Speaker | None:
        """``Governor Mills of Maine: "..."``: a verbless name before a colon speaks the quote."""
        j = self.tok_at(seg.open) - 1
        if j < 0 or self.sdoc[j].text != ":" or self.sdoc[j].idx < para.start:
            return None
        k = j
        while k - 1 >= 0 and self.sdoc[k - 1].idx >= para.start and not self.inside[k - 1] \
                and self.sdoc[k - 1].text not in _SENT_END:
            k -= 1
        span = self.sdoc[k:j]
        words = [t for t in span if not (t.is_punct or t.is_space)]
        if not words or len(words) > 12 or any(t.pos_ in ("VERB", "AUX") for t in span):
            return None
        speaker = self.speaker_from_head(span.root)
        speaker.text = self.text[words[0].idx : words[-1].idx + len(words[-1])]
        return speaker

    def inherit(self, seg: Segment) -> _Found | None:
        """The previous quote this one continues, if nothing else was said in between."""
        if not self.found:
            return None
        prev = self.found[-1]
        if prev.quote.block:
            return None
        if prev.segment is not None and prev.segment.continues and prev.para == seg.para - 1:
            return prev
        if prev.para != seg.para:
            return None
        gap_from = self.tok_at(prev.quote.end)
        for k in range(gap_from, self.tok_at(seg.open)):
            tok = self.sdoc[k]
            if not self.inside[k] and tok.pos_ in ("VERB", "AUX") and k != prev.cue_token:
                return None
        return prev

    def direct(self, seg: Segment, para: Span) -> None:
        ok, cue, trailing = self.judge(seg, para)
        if not ok:
            return
        speaker = self.speaker_for(cue, trailing) if cue is not None else None
        cue_text = self.cue_text(cue) if cue is not None else None
        cue_i = cue.i if cue is not None else None
        if cue is None:
            speaker = self.name_colon(seg, para)
            cue_text = ":" if speaker is not None else None
        if cue is None and speaker is None:
            prev = self.inherit(seg)
            if prev is not None:
                q = prev.quote
                speaker = _Speaker(q.speaker, q.speaker_text, None, False, seg.start) if (q.speaker or q.speaker_text) else None
                cue_text = q.cue if prev.segment is not None and prev.segment.continues else None
        self.emit(seg.start, seg.end, para_index=seg.para, speaker=speaker, cue=cue_text, cue_token=cue_i, segment=seg)

    def emit(self, start, end, *, para_index, speaker, cue, cue_token, segment=None, block=False) -> None:
        quote = Quote(
            doc_id=self.doc.id,
            text=self.text[start:end],
            start=start,
            end=end,
            speaker=speaker.actor if speaker else None,
            speaker_text=speaker.text if speaker else None,
            cue=cue,
            block=block,
        )
        self.found.append(_Found(quote, para_index, cue_token, segment))
        if speaker is not None and (speaker.actor or speaker.text) and speaker.head is not None:
            self.speakers.append(speaker)

    # -- block quotes -------------------------------------------------------------------------
    def colon_cue(self, colon_at: int):
        """The reporting verb just before a colon ("stating:", "the statement reads as follows:")."""
        k = self.tok_at(colon_at)
        if self.sdoc[k].text != ":":
            return None
        cue, gap, _ = self.leading_cue(colon_at, Span(self.sdoc[k].sent.start_char, colon_at + 1), self.cues.colon_verbs)
        if cue is None or gap > _COLON_WORDS:
            return None
        # "Lavrov said three issues remain: ..." introduces a list, not the minister's words
        if any(t.tag_ in _FINITE for t in self.sdoc[cue.i + 1 : k]):
            return None
        return cue

    def looks_said(self, start: int, end: int) -> bool:
        """Colon-introduced text is quoted speech when it opens like a sentence and has a verb
        ("said: that the protests ..." is reported speech; "the following: - trade" a list)."""
        first = next((c for c in self.text[start:end] if c.isalnum()), "")
        if not (first.isupper() or first.isdigit()) or self.text[start] in "-•":
            return False
        return any(t.pos_ in ("VERB", "AUX") for t in self.sdoc[self.tok_at(start) : self.tok_at(end - 1) + 1])

    def blocks(self, paras: list[Span]) -> list[tuple[int, int, int, Any]]:
        """(start, end, paragraph, cue token) of every block quote."""
        out: list[tuple[int, int, int, Any]] = []
        run_cue: Any = None
        prev_block = False
        for n, para in enumerate(paras):
            body = self.text[para.start : para.end]
            intro = None
            if n > 0:
                before = self.text[paras[n - 1].start : paras[n - 1].end].rstrip()
                if before.endswith(":"):
                    intro = self.colon_cue(paras[n - 1].start + len(before) - 1)
            if para.block_quote or intro is not None:
                cue = intro if intro is not None else (run_cue if prev_block else None)
                start, end = self.unwrap(para.start, para.end)
                if end > start and (para.block_quote or self.looks_said(start, end)):
                    out.append((start, end, n, cue))
                run_cue, prev_block = cue, True
                continue
            prev_block = False
            colon = body.find(": ")
            while colon != -1:
                rest = body[colon + 1 :].lstrip()
                if rest and rest[0] not in DOUBLE_OPEN + SINGLE_OPEN + '"':
                    cue = self.colon_cue(para.start + colon)
                    if cue is not None:
                        start, end = trim(self.text, para.start + colon + 1, para.end)
                        if end > start and self.looks_said(start, end):
                            out.append((start, end, n, cue))
                        break
                colon = body.find(": ", colon + 1)
        return out

    def unwrap(self, start: int, end: int) -> tuple[int, int]:
        """A block wholly inside quotation marks loses them."""
        start, end = trim(self.text, start, end)
        if end - start >= 2 and self.text[start] in DOUBLE_OPEN + SINGLE_OPEN + '"':
            last = self.text[end - 1]
            closes = last in DOUBLE_CLOSE + SINGLE_CLOSE + '"'
            inner = self.text[start + 1 : end - 1 if closes else end]
            if not any(c in inner for c in DOUBLE_OPEN + DOUBLE_CLOSE + '"'):
                start, end = trim(self.text, start + 1, end - 1 if closes else end)
        return start, end

    # -- all ------------------------------------------------------------------------------------
    def run(self) -> list[Quote]:
        paras = split_paragraphs(self.text, self.doc.paragraphs)
        segments = find_segments(self.text, paras)
        for seg in segments:
            self.mark_inside(seg.open, seg.close)
        blocks = self.blocks(paras)
        for start, end, _, _ in blocks:
            self.mark_inside(start, end)
        items: list[tuple[int, Any]] = [(b[0], b) for b in blocks]
        items += [
            (s.open, s) for s in segments if not any(b[0] <= s.start < b[1] or b[0] < s.end <= b[1] for b in blocks)
        ]
        items.sort(key=lambda x: x[0])
        for _, item in items:
            if isinstance(item, Segment):
                self.direct(item, paras[item.para])
            else:
                start, end, n, cue = item
                speaker = self.speaker_for(cue) if cue is not None else None
                cue_text = None
                if cue is not None:
                    nxt = self.sdoc[cue.i + 1] if cue.i + 1 < len(self.sdoc) else None
                    cue_text = self.cue_text(cue) + (":" if nxt is not None and nxt.text == ":" else "")
                self.emit(start, end, para_index=n, speaker=speaker, cue=cue_text,
                          cue_token=cue.i if cue is not None else None, block=True)
        for n in range(len(self.found) - 2, -1, -1):
            f, nxt = self.found[n], self.found[n + 1]
            if (f.segment is not None and f.segment.continues and nxt.para == f.para + 1
                    and not (f.quote.speaker or f.quote.speaker_text) and nxt.segment is not None):
                q = nxt.quote
                f.quote = replace(f.quote, speaker=q.speaker, speaker_text=q.speaker_text, cue=q.cue)
        return [f.quote for f in self.found]


def extract_quotes(
    document: Document, sdoc, mentions: Sequence[MentionLike] | None = None, cues: Cues | None = None
) -> list[Quote]:
    """All direct, partial and block quotes in ``document``, in text order.

    ``sdoc`` is the spaCy ``Doc`` of ``document.text``; ``mentions`` the actor resolver's output
    (objects with token ``start``/``end``, ``head`` and ``actors``), used to turn speakers into
    :class:`~accord.records.Actor` records. Without mentions, speakers are text only.
    """
    return _Extractor(document, sdoc, mentions, cues or default_cues()).run()
