"""Deduplication: reports of one real-world event across documents merge; different events do not."""

from __future__ import annotations

import pytest

from accord.store import Store
from accord.store.synthetic import actor, coded, event, place

BEIJING = place("Beijing", "CHN", 1816670)
GENEVA = place("Geneva", "CHE", 2660646)


def report(doc_id, sentence, kind, a, b, day, trigger, *, url, published=None, where=None, mode=None,
           confidence=0.8, a_sector="GOV", b_sector="GOV"):
    ev = event(doc_id, sentence, kind, [actor(a, sector=a_sector)], [actor(b, sector=b_sector)], day,
               trigger=trigger, place=where, mode=mode, confidence=confidence)
    return coded(doc_id, sentence + " More details followed in a statement.", published or day, [ev], url=url)


SUMMIT = [
    report("wire-a", "Russian President Vladimir Putin held talks with Chinese leader Xi Jinping in Beijing on Thursday.",
           "CONSULT", "RUS", "CHN", "2024-05-16", "held talks", url="https://wire-a.example.com/putin-xi",
           where=BEIJING, confidence=0.7),
    report("wire-b", "Xi Jinping welcomed Vladimir Putin to the Chinese capital for a two-day state visit, the pair meeting "
           "in the Great Hall of the People.", "CONSULT", "RUS", "CHN", "2024-05-16", "meeting",
           url="https://www.wire-b.example.org/2024/05/16/summit", where=BEIJING, confidence=0.9),
    report("paper-c", "Putin and Xi met in Beijing, where they signed a joint statement on a new era of partnership.",
           "CONSULT", "RUS", "CHN", "2024-05-17", "met", url="https://paper-c.example.net/world/putin-xi",
           published="2024-05-17", where=None, confidence=0.6),
]


def _clusters(tmp_path, docs, window=1):
    tmp_path.mkdir(parents=True, exist_ok=True)
    with Store(tmp_path / "d.duckdb") as s:
        s.add(docs)
        result = s.dedup(window)
        rows = s.clusters()
    return result, rows


def test_dedup_merges_paraphrased_reports_of_one_summit(tmp_path):
    result, rows = _clusters(tmp_path, SUMMIT)
    assert result.clusters == 1
    (c,) = rows
    assert (c["event"], c["actor_country"], c["recipient_country"]) == ("CONSULT", "RUS", "CHN")
    assert (c["num_mentions"], c["num_documents"], c["num_sources"]) == (3, 3, 3)
    assert str(c["date"]) == "2024-05-16" and str(c["last_date"]) == "2024-05-17"
    assert str(c["first_seen"]).startswith("2024-05-16")
    assert c["place"] == "Beijing"
    assert c["representative_sentence"].startswith("Xi Jinping welcomed")  # highest confidence
    assert sorted(c["doc_ids"]) == ["paper-c", "wire-a", "wire-b"]


def test_dedup_keeps_two_summits_a_week_apart(tmp_path):
    later = report("wire-d", "Putin held talks with Xi Jinping in Beijing again on Thursday.", "CONSULT", "RUS", "CHN",
                   "2024-05-23", "held talks", url="https://wire-a.example.com/second", where=BEIJING)
    result, rows = _clusters(tmp_path, SUMMIT + [later])
    assert result.clusters == 2
    assert sorted(r["num_mentions"] for r in rows) == [1, 3]


def test_dedup_keeps_same_day_meetings_in_different_places(tmp_path):
    geneva = report("wire-e", "Russian and Chinese envoys held talks in Geneva on Thursday.", "CONSULT", "RUS", "CHN",
                    "2024-05-16", "held talks", url="https://wire-e.example.com/geneva", where=GENEVA)
    result, rows = _clusters(tmp_path, SUMMIT[:2] + [geneva])
    assert result.clusters == 2
    assert {(r["place"], r["num_mentions"]) for r in rows} == {("Beijing", 2), ("Geneva", 1)}


@pytest.mark.parametrize(
    "changed",
    [
        {"kind": "AGREE", "trigger": "agreed"},  # another event type
        {"b": "USA"},  # another recipient
        {"a_sector": "MIL"},  # Russian military, not government
        {"mode": "phone", "other_mode": "visit"},  # a call and a visit are two events
    ],
)
def test_dedup_does_not_merge_different_events(tmp_path, changed):
    other_mode = changed.pop("other_mode", None)
    base = dict(kind="CONSULT", a="RUS", b="CHN", trigger="held talks", a_sector="GOV", mode=other_mode)
    first = report("wire-1", "Russian and Chinese officials held talks on Thursday.", base["kind"], base["a"], base["b"],
                   "2024-05-16", base["trigger"], url="https://one.example.com/1", mode=base["mode"])
    args = {**base, **changed}
    second = report("wire-2", "Officials of both sides held talks on Thursday, a ministry said.", args["kind"], args["a"],
                    args["b"], "2024-05-16", args["trigger"], url="https://two.example.com/2",
                    a_sector=args["a_sector"], mode=args["mode"])
    result, _ = _clusters(tmp_path, [first, second])
    assert result.clusters == 2


@pytest.mark.parametrize("window, expected", [(0, 2), (1, 1), (3, 1)])
def test_dedup_window_days(tmp_path, window, expected):
    result, _ = _clusters(tmp_path, [SUMMIT[0], SUMMIT[2]], window)
    assert result.clusters == expected


def test_dedup_daily_calls_do_not_chain_into_one_event(tmp_path):
    calls = [
        report(f"call-{d}", f"US and Japanese officials spoke by phone on May {d}.", "CONSULT", "USA", "JPN",
               f"2024-05-{d:02d}", "spoke", url=f"https://gov.example.gov/{d}", mode="phone")
        for d in range(10, 17)
    ]
    result, rows = _clusters(tmp_path, calls)
    assert result.clusters >= 3
    assert all(r["num_mentions"] <= 2 for r in rows)


def test_dedup_rebuild_is_stable_and_follows_new_documents(tmp_path):
    with Store(tmp_path / "d.duckdb") as s:
        s.add(SUMMIT[:2])
        s.dedup()
        first = s.clusters()
        s.dedup()
        assert s.clusters() == first
        s.add(SUMMIT[2:])
        assert s.clusters_stale()
        (c,) = s.clusters()  # rebuilt on demand
        assert c["cluster_id"] == first[0]["cluster_id"] and c["num_mentions"] == 3


def test_dedup_directed_events_keep_their_direction_but_meetings_do_not(tmp_path):
    def pair(kind, trigger):
        one = report("d-1", "Russian officials met Chinese officials on Thursday.", kind, "RUS", "CHN", "2024-05-16",
                     trigger, url="https://one.example.com/1")
        two = report("d-2", "Chinese officials met Russian officials on Thursday.", kind, "CHN", "RUS", "2024-05-16",
                     trigger, url="https://two.example.com/2")
        return _clusters(tmp_path / kind, [one, two])[0].clusters

    assert pair("ACCUSE", "accused") == 2  # "Russia accused China" is not "China accused Russia"
    assert pair("CONSULT", "met") == 1  # "Russia met China" is "China met Russia"


def test_dedup_gold_set_pairwise_precision_and_recall():
    from pathlib import Path

    from accord.store.dedup_eval import score_dedup

    score = score_dedup(Path(__file__).parent / "gold" / "dedup_gold.json")
    assert score.selected >= 12, score.unmatched
    assert score.precision == 1.0, score.wrong_merges
    assert score.recall >= 0.8, score.missed_merges


def _cut_by_rows(label, day, doc, sentence, window):
    """The cut as the rule reads, one mention at a time: spans of window + 1 days from the component's first
    day; the k-th copy of a sentence (in position order) in the span's k-th cluster; a cluster's head its
    earliest mention, then the first by position."""
    first = {}
    for i, c in enumerate(label):
        first[c] = min(first.get(c, day[i]), day[i])
    seen, groups = {}, {}
    for i, c in enumerate(label):
        span = (day[i] - first[c]) // (window + 1)
        k = seen[(c, span, doc[i], sentence[i])] = seen.get((c, span, doc[i], sentence[i]), -1) + 1
        groups.setdefault((c, span, k), []).append(i)
    head = [0] * len(label)
    for members in groups.values():
        h = min(members, key=lambda i: (day[i], i))
        for i in members:
            head[i] = h
    return head


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_dedup_cut_matches_the_rule_mention_by_mention(seed):
    import random

    import numpy as np

    from accord.store.dedup import _cut

    rng = random.Random(seed)
    n = 400
    label = [rng.randrange(40) for _ in range(n)]
    label = [min(i for i in range(n) if label[i] == c) for c in label]  # components labelled by their first node
    day = [rng.randrange(30) for _ in range(n)]
    doc = [rng.randrange(25) for _ in range(n)]
    sentence = [rng.randrange(3) for _ in range(n)]
    got = _cut(*(np.array(x, dtype=np.int64) for x in (label, day, doc, sentence)), 3)
    assert got.tolist() == _cut_by_rows(label, day, doc, sentence, 3)
