"""A small store for the API and browser tests: hand-written reports plus a synthetic corpus for volume."""

from __future__ import annotations

from pathlib import Path

from accord.records import Quote
from accord.store import Store
from accord.store.synthetic import actor, coded, event, place, synthetic_corpus

DOC_TEXT = (
    "Russian Foreign Minister Sergei Lavrov met Chinese Foreign Minister Wang Yi in Beijing on Tuesday. "
    "Ukraine accused Russia of shelling residential districts of Kharkiv overnight. "
    "\"We will not accept pressure,\" Wang said."
)


def hand_written() -> list:
    s1 = DOC_TEXT.split(". ")[0] + "."
    off2 = DOC_TEXT.index("Ukraine accused")
    s2 = DOC_TEXT[off2: DOC_TEXT.index("overnight.") + len("overnight.")]
    lavrov = actor("RUS", "Russia", text="Russian Foreign Minister Sergei Lavrov", start=0)
    wang = actor("CHN", "China", text="Chinese Foreign Minister Wang Yi", start=s1.index("Chinese"))
    ev1 = event("doc-lavrov-wang", s1, "CONSULT", [lavrov], [wang], "2024-05-14", trigger="met",
                place=place("Beijing", "CHN", 1816670, 39.9075, 116.39723))
    ukr = actor("UKR", "Ukraine", text="Ukraine", start=off2)
    rus = actor("RUS", "Russia", text="Russia", start=off2 + s2.index("Russia"))
    ev2 = event("doc-lavrov-wang", s2, "ACCUSE", [ukr], [rus], "2024-05-14", trigger="accused", start=off2,
                sentence=1, place=place("Kharkiv", "UKR", 706483, 49.98081, 36.25272), confidence=0.71)
    q_start = DOC_TEXT.index("\"We")
    quote = Quote(doc_id="doc-lavrov-wang", text="We will not accept pressure,", start=q_start + 1,
                  end=q_start + 29, speaker=actor("CHN", "Wang Yi", text="Wang", start=DOC_TEXT.rindex("Wang")),
                  speaker_text="Wang", cue="said")
    first = coded("doc-lavrov-wang", DOC_TEXT, "2024-05-14", [ev1, ev2], [quote],
                  title="Lavrov and Wang meet in Beijing", url="https://news.example.org/lavrov-wang")
    t3 = "China and Russia signed an agreement on energy cooperation in Moscow on 2 June."
    ev3 = event("doc-energy", t3, "AGREE", [actor("CHN", "China", text="China", start=0)],
                [actor("RUS", "Russia", text="Russia", start=10)], "2024-06-02", trigger="signed",
                place=place("Moscow", "RUS", 524901, 55.75222, 37.61556))
    second = coded("doc-energy", t3, "2024-06-02", [ev3], title="Energy pact", url="https://wire.example.com/energy")
    return [first, second]


def build(path: Path, synthetic_docs: int = 40) -> Path:
    with Store(path) as store:
        store.add(hand_written())
        store.add(synthetic_corpus(synthetic_docs, 6))
        store.dedup()
    return path
