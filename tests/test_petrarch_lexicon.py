"""The PETRARCH import: the converter reads the dictionary format, maps through the ontology, applies
the curation, and the lexicon uses its entries only behind the hand lexicon."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest
import yaml

from accord.events.lexicon import GENERATED, load_lexicon

ROOT = Path(__file__).resolve().parent.parent
SPEC = importlib.util.spec_from_file_location("petrarch_lexicon", ROOT / "tools" / "petrarch_lexicon.py")
tool = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(tool)

# A dictionary in PETRARCH's format, written for this test.
MINI = """\
# comment lines are ignored
####### SYNONYM SETS #######

&ENVOY
+AMBASSADOR
+ENVOY

####### VERB PATTERNS #######

---  BOMBARD   [190]  ---
BOMBARD
BLITZ
SHELL {SHELLS SHELLING SHELLED }
- * &ENVOY                                            [111]         # SHELL
- * (WITH ROCKETS)                                    [194]         # BOMBARD
- &MILITARY *                                         [154]         # BOMBARD

---  EXPRESS   [---]  ---
EXPRESS
VOICE
- * OPTIMISM                                          [013]         # EXPRESS
- * {DEEP CONCERN}                                    [111]         # VOICE

---  SUMMON   [---]  ---
SUMMON
+CALL_IN {+CALLS_IN +CALLED_IN} [040]
- * &ENVOY                                            [114]         # SUMMON

######## TRANSFORMATIONS ##########
~ a (a b ATTACK) SAY = a b 015
"""

CURATION = {
    "exclude_bare": [{"verb": "blitz", "reason": "test: too general"}],
    "exclude_codes": [{"code": "013", "reason": "test: statements"}],
    "remap": [{"verb": "shell", "code": "111", "drop": True, "reason": "test: wrong mapping"}],
}


@pytest.fixture(scope="module")
def converted(tmp_path_factory):
    path = tmp_path_factory.mktemp("petrarch") / "verbs.txt"
    path.write_text(MINI, encoding="utf-8")
    entries, stats = tool.convert(path, CURATION)
    return entries, stats


def _find(entries, verb, with_=None):
    return [e for e in entries if verb in e["verb"].split("|") and e.get("with") == with_]


def test_petrarch_lexicon_bare_verbs_take_the_group_code(converted):
    entries, _ = converted
    (bare,) = _find(entries, "bombard")
    assert bare["event"] == "ASSAULT" and bare["cameo"] == "190" and bare["group"] == "BOMBARD"
    assert "shell" in bare["verb"].split("|")
    assert bare["confidence"] < 0.7  # below the hand lexicon's default


def test_petrarch_lexicon_patterns_become_frames(converted):
    entries, _ = converted
    (rockets,) = _find(entries, "bombard", ["with", "rocket|rockets"])
    assert rockets["event"] == "ASSAULT" and rockets["mode"] == "heavy-weapons"
    (summon,) = _find(entries, "summon", ["ambassador|ambassadors|envoy|envoys"])
    assert summon["event"] == "ACCUSE" and summon["cameo"] == "114"
    (concern,) = _find(entries, "voice", ["deep|deeps", "concern|concerns"])
    assert concern["class"] == "accusation"


def test_petrarch_lexicon_multiword_verbs_keep_their_particle(converted):
    entries, _ = converted
    (call_in,) = _find(entries, "call", ["in"])
    assert call_in["event"] == "CONSULT"


def test_petrarch_lexicon_curation_and_statements(converted):
    entries, stats = converted
    assert not _find(entries, "blitz")  # bare verb excluded
    assert not _find(entries, "express", ["optimism|optimisms"])  # 013: a statement
    assert not _find(entries, "shell", ["ambassador|ambassadors|envoy|envoys"])  # dropped by remap
    assert not any(e.get("cameo") == "154" for e in entries)  # subject-only pattern cannot be expressed
    assert stats["skipped"]["curation: bare verb excluded"] == 1


def test_petrarch_lexicon_curation_needs_reasons(tmp_path):
    path = tmp_path / "curation.yaml"
    path.write_text("exclude_bare:\n  - {verb: take}\n", encoding="utf-8")
    with pytest.raises(SystemExit, match="reason"):
        tool.load_curation(path)


def test_petrarch_lexicon_shipped_curation_is_valid():
    curation = tool.load_curation()
    assert "take" in curation["exclude_bare"][0]["verb"].split("|")


def test_petrarch_lexicon_generated_file_is_current(shared_data, tmp_path):
    """The shipped generated file is what the tool makes from the dictionary and the curation."""
    source = shared_data / "petrarch_cameo_verbs.txt"
    if not source.is_file():
        pytest.skip(f"{source} not found (shared development data)")
    out = tmp_path / GENERATED
    assert tool.main([str(source), "-o", str(out)]) == 0
    shipped = ROOT / "src" / "accord" / "events" / "data" / GENERATED
    assert out.read_text(encoding="utf-8") == shipped.read_text(encoding="utf-8"), \
        "run tools/petrarch_lexicon.py to regenerate triggers_petrarch.yaml"


def test_petrarch_lexicon_hand_lexicon_stays_primary(nlp):
    lex = load_lexicon()
    doc = nlp("Israel lifted its blockade of the Gaza Strip.")
    trig = lex.match(next(t for t in doc if t.text == "lifted"))
    assert trig.origin == "lex" and trig.event == "RETREAT"
    # a generated entry without a frame never covers a word the hand lexicon lists
    generated = yaml.safe_load((ROOT / "src" / "accord" / "events" / "data" / GENERATED).read_text(encoding="utf-8"))
    assert any(e["verb"] == "threaten" and "with" not in e for e in generated["entries"])
    assert not any(t.origin == "petrarch" and not t.with_ and "threaten" in t.heads for t in lex.triggers)


def test_petrarch_lexicon_fills_missing_words_with_their_origin_in_the_rule(nlp):
    lex = load_lexicon()
    doc = nlp("Rebels ambushed a convoy near the border.")
    trig = lex.match(next(t for t in doc if t.text == "ambushed"))
    assert trig is not None and trig.event == "ASSAULT"
    doc = nlp("The army beheaded two prisoners.")
    trig = lex.match(next(t for t in doc if t.text == "beheaded"))
    assert trig.origin == "petrarch" and trig.rule_id.startswith("petrarch/kill/190/")


def test_petrarch_lexicon_can_be_left_out():
    hand = load_lexicon(generated=False)
    assert not any(t.origin == "petrarch" for t in hand.triggers)
    assert len(load_lexicon().triggers) > 3 * len(hand.triggers)
