"""The corpus tools: the block format's checks, the build's review merge, and the stats gate."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

TOOLS = Path(__file__).resolve().parents[1] / "tools"
sys.path.insert(0, str(TOOLS))

import corpus_dsl  # noqa: E402
import corpus_stats  # noqa: E402

CORPUS = TOOLS.parent / "corpus"

SENTENCE = "Chad's army and the rebels agreed to observe a truce, and Chad will free 40 prisoners next week."


def test_corpus_dsl_event_joint_span_codes_both_countries():
    line = 'E RETREAT.ceasefire 0871 TCD:MIL="Chad\'s army" + TCD:REB="the rebels" => - @agreed to observe a truce'
    event = corpus_dsl.parse_event(line, SENTENCE, "t:1")
    assert event["source"] == ["TCD"]
    assert event["source_sector"] == ["MIL", "REB"]
    assert event["source_text"] == ["Chad's army", "the rebels"]
    assert event["target"] == [] and event["mode"] == "ceasefire"


def test_corpus_dsl_event_intent_accepts_agree_and_defaults_cameo():
    line = 'E RETREAT.release TCD:GOV="Chad" => TCD:CVL="40 prisoners" @will free 40 prisoners !intent'
    event = corpus_dsl.parse_event(line, SENTENCE, "t:2")
    assert event["intent"] is True
    assert event["accept"] == ["AGREE"]
    assert event["cameo"] == "0841"


@pytest.mark.parametrize(
    "line, message",
    [
        ('E RETREAT.release 0841 TCD:GOV="Chad" => - @releases', "trigger"),
        ('E RETREAT.release 0841 TCD:GOV="N\'Djamena" => - @will free', "span"),
        ('E RETREAT.surrender 0874 TCD:GOV="Chad" => - @will free', "mode"),
        ('E RETREAT.release 0841 UNK:GOV="Chad" => - @will free', "unresolved"),
    ],
)
def test_corpus_dsl_event_rejects_bad_labels(line, message):
    with pytest.raises(corpus_dsl.BlockError, match=message):
        corpus_dsl.parse_event(line, SENTENCE, "t:3")


def _write(path: Path, docs: list[dict]) -> None:
    path.write_text("".join(json.dumps(d) + "\n" for d in docs), encoding="utf-8")


def _doc(doc_id: str) -> dict:
    return {"id": doc_id, "date": "2024-03-20", "origin": "written",
            "text": "Israel allowed 200 aid trucks into Gaza on Wednesday.",
            "events": [{"event": "RETREAT", "mode": "access", "source": ["ISR"], "target": ["PSE"],
                        "source_text": ["Israel"], "trigger": "allowed"}]}


def test_corpus_stats_counts_and_passes_clean_files(tmp_path, capsys):
    _write(tmp_path / "a.jsonl", [_doc("wc-a-0001"), {**_doc("wc-a-0002"), "events": []}])
    assert corpus_stats.main([str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "2 sentences in 1 files (1 with no positive event)" in out
    assert "RETREAT.access" in out


def test_corpus_stats_fails_on_duplicate_ids_across_files(tmp_path, capsys):
    _write(tmp_path / "a.jsonl", [_doc("wc-a-0001")])
    _write(tmp_path / "b.jsonl", [_doc("wc-a-0001")])
    assert corpus_stats.main([str(tmp_path)]) == 1
    assert "duplicate id 'wc-a-0001'" in capsys.readouterr().err


def test_corpus_stats_fails_on_invalid_line(tmp_path, capsys):
    bad = {**_doc("wc-a-0003")}
    bad["events"] = [{**bad["events"][0], "source_text": ["Egypt"]}]  # not in the sentence
    _write(tmp_path / "a.jsonl", [bad])
    assert corpus_stats.main([str(tmp_path)]) == 1
    assert "E304" in capsys.readouterr().err


@pytest.mark.skipif(not CORPUS.is_dir(), reason="corpus/ not present in this checkout")
def test_corpus_stats_repository_corpus_is_valid():
    report = corpus_stats.collect([str(CORPUS)])
    assert report["problems"] == []
    assert report["sentences"] >= 1500
