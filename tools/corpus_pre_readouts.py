"""Draft annotations for readout sentences (tools/corpus_src/readouts_draft.txt) from Accord v1.

Only a starting point for the hand review: every sentence of the draft is read and corrected in
tools/corpus_src/readouts_review.txt, and tools/corpus_build.py merges the two. Re-running it with
the same seed selects the same sentences.

    .venv/bin/python tools/corpus_pre_readouts.py ../shared/data/wh_diplomacy_2021_2022.jsonl
"""

from __future__ import annotations

import json
import random
import re
import sys
from pathlib import Path

from accord.nlp import load_nlp
from accord.eval.readouts import expected_counterpart
from accord.pipeline import code_text

OUT = Path(__file__).with_name("corpus_src") / "readouts_draft.txt"
_NOUNS = {"cooperation", "partnership", "partnerships", "ties", "collaboration", "investing", "invest", "investment", "coordination"}
_BAD = re.compile(r"^(###|\W)|https?://|\n")


def _sentences(nlp, text: str) -> list[tuple[int, int, str]]:
    doc = nlp(text)
    return [(s.start_char, s.end_char, s.text.strip()) for s in doc.sents]


def _usable(sentence: str) -> bool:
    words = sentence.split()
    return 6 <= len(words) <= 70 and not _BAD.search(sentence) and sentence[-1] in ".\"”)"


_GROUP = re.compile(r"^(the |both |the two )?(two )?(leaders|presidents|sides|parties|they|officials)$", re.I)
_US = re.compile(r"^(the )?(vice )?president$", re.I)
_TITLE = re.compile(r"^(the )?(prime minister|chancellor|king|crown prince|secretary general|director-general|emir|premier|taoiseach|sultan|minister)$", re.I)


def _span(word: str, sentence: str) -> str:
    """A lone title word ("President") widened to the words of the sentence ("The Vice President")."""
    m = re.search(r"\b(?:[Tt]he )?(?:[Vv]ice )?" + re.escape(word) + r"\b", sentence)
    return m.group(0) if m else word


def _actor(actors, sentence: str, counterpart: str | None) -> str:
    """Draft actors; readout conventions applied: the (Vice) President is USA, "the leaders" both sides."""
    parts = []
    for a in actors:
        code = a.country or ("IGO" if a.kind == "igo" else "UNK")
        text, sector = a.text, a.sector or "GOV"
        if _US.match(text):
            text, code = _span(text.split()[-1], sentence), "USA"
            if "Vice" in text or "vice" in text:
                pass
        elif counterpart and _GROUP.match(text):
            code = f"USA+{counterpart}"
        elif counterpart and _TITLE.match(text):
            text, code = _span(text.split()[-1] if " " not in text.strip() else text, sentence), counterpart
        part = f'{code}:{sector}="{text}"'
        if part not in parts:
            parts.append(part)
    return " + ".join(parts) if parts else "-"


def _trigger(trigger: str, sentence: str) -> str:
    """The draft's trigger as words of the sentence (v1 reports lemmas like "spoke phone")."""
    if trigger in sentence:
        return trigger
    words = trigger.split()
    m = re.search(re.escape(words[0]) + r"\b.{0,30}?\b" + re.escape(words[-1]), sentence)
    if m:
        return m.group(0)
    return words[0] if words[0] in sentence else trigger


def main(path: str, seed: int = 8) -> None:
    rng = random.Random(seed)
    nlp = load_nlp()
    records = [json.loads(line) for line in open(path, encoding="utf-8")]
    records = [r for r in records if len(r["text"]) <= 20000]
    rng.shuffle(records)
    lines: list[str] = []
    for n, rec in enumerate(sorted(records[:380], key=lambda r: r["id"]), 1):
        sents = [s for s in _sentences(nlp, rec["text"]) if _usable(s[2])]
        if not sents:
            continue
        k = 8 if rec["kind"] == "joint_statement" else 3
        picked = sorted(rng.sample(range(len(sents)), min(k, len(sents))))
        coded = code_text(rec["text"], rec["date"])
        counterpart, _ = expected_counterpart(rec["title"], rec["date"])
        for j in picked:
            start, end, sent = sents[j]
            sid = f"wh-{n:03d}-{j:02d}"
            lines.append(f"@ {sid} {rec['date']} {rec['kind']} {rec['id']}")
            lines.append(f"T {sent}")
            for e in coded.events:
                if not (start <= e.start < end or start < e.end <= end):
                    continue
                flags = "".join(f" !{f}" for f in ("negated", "intent", "hypothetical") if getattr(e, f))
                if not e.actor or (e.event == "COOPERATE" and e.trigger.split()[-1] in _NOUNS):
                    continue  # no source: not codable; "cooperation"/"partnership" nouns are topics, not deeds
                mode, cameo = e.mode, e.cameo
                if e.event == "CONSULT" and "-call-" in rec["id"] and e.trigger.startswith("spoke"):
                    mode, cameo = "phone", "041"
                mode = f".{mode}" if mode else ""
                trig = _trigger(e.trigger, sent)
                src = _actor(e.actor, sent, counterpart)
                tgt = "-" if "+" in src.split(":")[0] and e.event in ("CONSULT", "AGREE") else _actor(e.recipient, sent, counterpart)
                lines.append(f"E {e.event}{mode} {cameo} {src} => {tgt} @{trig}{flags}")
            lines.append("")
    OUT.write_text("\n".join(lines), encoding="utf-8")
    print(f"{sum(1 for l in lines if l.startswith('@'))} sentences written to {OUT}")


if __name__ == "__main__":
    main(sys.argv[1])
