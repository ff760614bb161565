"""The written corpus (corpus/written, corpus/negatives) is valid, in step with its sources, and covers its brief."""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from pathlib import Path

import pytest

from accord.eval.gold import load_gold

ROOT = Path(__file__).resolve().parents[1]
CONFLICT_TYPES = ("ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT")


def _load_builder():
    spec = importlib.util.spec_from_file_location("corpus_build_written", ROOT / "tools" / "corpus_build_written.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["corpus_build_written"] = module
    spec.loader.exec_module(module)
    return module


builder = _load_builder()
FILES = sorted((ROOT / "corpus" / "written").glob("*.jsonl")) + [ROOT / "corpus" / "negatives" / "negatives.jsonl"]


@pytest.fixture(scope="module")
def records() -> dict[Path, list[dict]]:
    built, errors = builder.collect()
    assert errors == []
    return built


def test_corpus_written_jsonl_is_what_the_sources_build(records):
    assert sorted(records) == sorted(FILES)
    for path, recs in records.items():
        assert path.read_text(encoding="utf-8") == builder.render(recs), f"rebuild {path.name}"


def test_corpus_written_files_read_cleanly_with_unique_ids():
    ids: Counter[str] = Counter()
    for path in FILES:
        gold = load_gold(path)
        assert gold.problems == (), gold.problems[:3]
        ids.update(doc.id for doc in gold.documents)
    assert [i for i, n in ids.items() if n > 1] == []


def test_corpus_written_covers_every_conflict_type_and_mode(records):
    modes = builder._plover_modes()
    counts: Counter[str] = Counter()
    seen_modes: set[tuple[str, str]] = set()
    for path, recs in records.items():
        for rec in recs:
            for ev in rec["events"]:
                if not ev.get("negated"):
                    counts[ev["event"]] += 1
                    if ev.get("mode"):
                        seen_modes.add((ev["event"], ev["mode"]))
    for etype in CONFLICT_TYPES:
        assert counts[etype] >= 130, etype
        assert {(etype, m) for m in modes[etype]} <= seen_modes, etype


def test_corpus_written_has_600_hard_negatives(records):
    negatives = records[ROOT / "corpus" / "negatives" / "negatives.jsonl"]
    clean = [r for r in negatives if not any(not ev.get("negated") for ev in r["events"])]
    assert len(clean) >= 600
    assert all(any(t.startswith("negative:") for t in r["phenomena"]) for r in negatives)


def test_corpus_build_written_reports_bad_sources(tmp_path):
    src = tmp_path / "written"
    src.mkdir()
    (tmp_path / "negatives").mkdir()
    (src / "assault.txt").write_text(
        "2024-05-01 Rebels shelled the town of Goma overnight.\n"
        "= ASSAULT heavy-weapons 194; COD REB Rebels; COD CVL the city of Goma; shelled\n"
        "2024-05-02 Police detained ten students in Dakar.\n"
        "= COERCE jail 173; SEN COP Police; SEN EDU ten students; detained\n",
        encoding="utf-8",
    )
    _, errors = builder.collect(tmp_path, tmp_path / "out")
    assert len(errors) == 1 and "not in the text" in errors[0]
    (src / "assault.txt").write_text(
        "2024-05-02 Police detained ten students in Dakar.\n"
        "= COERCE jail 173; SEN COP Police; SEN EDU ten students; detained\n",
        encoding="utf-8",
    )
    _, errors = builder.collect(tmp_path, tmp_path / "out")
    assert "has no mode 'jail'" in errors[0]
    (src / "assault.txt").write_text(
        "2024-05-02 Police detained ten students in Dakar.\n"
        "= ASSAULT 173; SEN COP Police; SEN EDU ten students; detained\n",
        encoding="utf-8",
    )
    _, errors = builder.collect(tmp_path, tmp_path / "out")
    assert "CAMEO 173 is COERCE" in errors[0]


def test_corpus_build_written_expands_an_item_to_gold_json(tmp_path):
    src = tmp_path / "written"
    src.mkdir()
    (tmp_path / "negatives").mkdir()
    (src / "sanction.txt").write_text(
        "2023-04-03 Norway expelled 15 Russian diplomats it accused of spying, the foreign ministry said.\n"
        "= SANCTION expel 166; NOR GOV Norway; RUS GOV 15 Russian diplomats; expelled\n"
        "= ACCUSE allege 1125; NOR GOV Norway; RUS GOV it; accused; \n"
        "2023-04-04 Norway did not expel the Russian ambassador.\n"
        "= SANCTION expel 166; NOR GOV Norway; RUS GOV the Russian ambassador; did not expel; neg\n",
        encoding="utf-8",
    )
    built, errors = builder.collect(tmp_path, tmp_path / "out")
    assert errors == []
    first, second = built[tmp_path / "out" / "written" / "sanction.jsonl"]
    assert first["id"] == "w-sanction-0001" and first["origin"] == "written"
    assert first["events"][0] == {
        "event": "SANCTION", "mode": "expel", "cameo": "166", "source": ["NOR"], "source_sector": ["GOV"],
        "source_text": ["Norway"], "target": ["RUS"], "target_sector": ["GOV"],
        "target_text": ["15 Russian diplomats"], "trigger": "expelled",
    }
    assert {"reported_speech", "several_events"} <= set(first["phenomena"])
    assert second["events"][0]["negated"] is True and "negation" in second["phenomena"]
    path = tmp_path / "one.jsonl"
    path.write_text(builder.render([first, second]), encoding="utf-8")
    assert load_gold(path).problems == ()
    assert json.loads(path.read_text(encoding="utf-8").splitlines()[0])["text"].startswith("Norway")
