"""The PLOVER/CAMEO ontology: data validation, Goldstein and quad values, crosswalks, early names."""

from __future__ import annotations

import json
import shutil

import pytest

from accord.errors import DataError, UnknownEventTypeError
from accord.events.ontology import CAMEO_FILE, PLOVER_FILE, build_ontology, load_ontology

PLOVER_TYPES = [
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
]


@pytest.fixture(scope="module")
def onto():
    return load_ontology()


def test_ontology_has_the_sixteen_plover_types(onto):
    assert sorted(onto.plover) == sorted(PLOVER_TYPES)


@pytest.mark.parametrize(
    "event, quad, base, recipient_required",
    [
        ("AGREE", 1, 2.5, False), ("CONSULT", 1, 2.5, False), ("SUPPORT", 1, 5.0, False),
        ("CONCEDE", 1, 4.5, False), ("COOPERATE", 2, 9.5, True), ("AID", 2, 10.0, True),
        ("RETREAT", 2, 6.5, False), ("REQUEST", 3, 0.0, False), ("REJECT", 3, -2.0, False),
        ("THREATEN", 3, -3.5, False), ("PROTEST", 4, -5.0, False), ("SANCTION", 4, -6.0, True),
        ("MOBILIZE", 4, -5.5, False), ("COERCE", 4, -7.0, False), ("ASSAULT", 4, -9.0, False),
    ],
)
def test_ontology_plover_type_values(onto, event, quad, base, recipient_required):
    t = onto.plover[event]
    assert (t.quad, t.base, t.recipient_required) == (quad, base, recipient_required)


@pytest.mark.parametrize(
    "event, modes",
    [
        ("CONSULT", {"visit", "third-party", "multilateral", "phone"}),
        ("RETREAT", {"withdraw", "release", "disarm", "ceasefire", "access", "resign"}),
        ("ACCUSE", {"disapprove", "investigate", "allege"}),
        ("SANCTION", {"convict", "expel", "withdraw", "discontinue"}),
        ("MOBILIZE", {"troops", "weapons", "police", "militia"}),
    ],
)
def test_ontology_plover_modes(onto, event, modes):
    assert set(onto.plover[event].modes) == modes


@pytest.mark.parametrize("mode, intensity", [("disapprove", -2.0), ("investigate", -2.5), ("allege", -3.5), (None, -2.0)])
def test_ontology_accuse_intensity_by_mode(onto, mode, intensity):
    assert onto.intensity("ACCUSE", mode) == intensity


@pytest.mark.parametrize(
    "code, goldstein, quad",
    [
        ("01", 0.0, 1), ("02", 3.0, 1), ("03", 4.0, 1), ("04", 1.0, 1), ("05", 3.5, 1), ("06", 6.0, 2),
        ("07", 7.0, 2), ("08", 5.0, 2), ("09", -2.0, 3), ("10", -5.0, 3), ("11", -2.0, 3), ("12", -4.0, 3),
        ("13", -6.0, 3), ("14", -6.5, 4), ("15", -7.2, 4), ("16", -4.0, 4), ("17", -7.0, 4), ("18", -9.0, 4),
        ("19", -10.0, 4), ("20", -10.0, 4),
        ("036", 4.0, 1), ("042", 1.9, 1), ("043", 2.8, 1), ("057", 8.0, 1), ("0311", 5.2, 1),
        ("1041", -5.0, 3), ("112", -2.0, 3), ("1124", -2.0, 3), ("163", -8.0, 4), ("172", -5.0, 4),
        ("190", -10.0, 4), ("193", -10.0, 4), ("195", -10.0, 4), ("0874", 10.0, 2), ("130", -4.4, 3),
    ],
)
def test_ontology_cameo_goldstein_and_quad(onto, code, goldstein, quad):
    assert (onto.goldstein(code), onto.quad(code)) == (goldstein, quad)


def test_ontology_cameo_table_is_complete_and_keeps_leading_zeros(onto):
    assert len(onto.cameo) >= 290
    assert {c[:2] for c in onto.cameo} == {f"{i:02d}" for i in range(1, 21)}
    assert "042" in onto.cameo and "42" not in onto.cameo
    assert onto.cameo["057"].name == "Sign formal agreement"


@pytest.mark.parametrize(
    "code, event, mode",
    [
        ("010", None, None), ("020", "REQUEST", None), ("0243", "REQUEST", "change"), ("057", "AGREE", None),
        ("036", "AGREE", None), ("041", "CONSULT", "phone"), ("042", "CONSULT", "visit"), ("051", "SUPPORT", None),
        ("055", "CONCEDE", None), ("0871", "RETREAT", "ceasefire"), ("0841", "RETREAT", "release"),
        ("091", "ACCUSE", "investigate"), ("1053", "REQUEST", "yield"), ("111", "ACCUSE", "disapprove"),
        ("1122", "ACCUSE", "allege"), ("116", "SANCTION", "convict"), ("129", "REJECT", None),
        ("1384", "THREATEN", "violence"), ("142", "PROTEST", "hunger"), ("154", "MOBILIZE", "troops"),
        ("163", "SANCTION", None), ("173", "COERCE", "arrest"), ("1724", "COERCE", "martial-law"),
        ("1831", "ASSAULT", "suicide-attack"), ("195", "ASSAULT", "aerial"), ("2041", "ASSAULT", "unconventional"),
    ],
)
def test_ontology_cameo_to_plover(onto, code, event, mode):
    c = onto.cameo[code]
    assert (c.plover_event, c.plover_mode) == (event, mode)


@pytest.mark.parametrize(
    "event, mode, variant, code",
    [
        ("CONSULT", "visit", None, "042"), ("CONSULT", "phone", None, "041"), ("CONSULT", None, None, "040"),
        ("CONSULT", None, "negotiate", "046"), ("AGREE", None, None, "030"), ("AGREE", None, "sign", "057"),
        ("REQUEST", "assist", None, "023"), ("REQUEST", "change", "demand", "104"), ("REQUEST", None, "demand", "100"),
        ("ACCUSE", "investigate", None, "090"), ("ACCUSE", "allege", None, "112"), ("AID", None, "humanitarian", "073"),
        ("SANCTION", None, None, "163"), ("SANCTION", "expel", None, "166"), ("SANCTION", "convict", None, "116"),
        ("COERCE", "arrest", None, "173"), ("ASSAULT", "aerial", None, "195"), ("ASSAULT", "drone", None, "195"),
        ("ASSAULT", "firearms", None, "193"), ("ASSAULT", None, None, "190"), ("MOBILIZE", "troops", None, "154"),
        ("PROTEST", "demo", "no-such-variant", "141"),
    ],
)
def test_ontology_cameo_for(onto, event, mode, variant, code):
    assert onto.cameo_for(event, mode, variant=variant) == code


@pytest.mark.parametrize("event", PLOVER_TYPES)
def test_ontology_cameo_for_round_trips_to_the_same_type(onto, event):
    t = onto.plover[event]
    for mode in [None, *t.modes]:
        assert onto.cameo[onto.cameo_for(event, mode)].plover_event == event, (event, mode)


@pytest.mark.parametrize(
    "name, mode, expected",
    [
        ("DEMAND", None, ("REQUEST", None)),
        ("DISAPPROVE", None, ("ACCUSE", None)),
        ("INVESTIGATE", "", ("ACCUSE", "investigate")),
        ("FIGHT", "heavy-weapons", ("ASSAULT", "heavy-weapons")),
        ("FIGHT", "assassinate", ("ASSAULT", "targeted")),
        ("FIGHT", "other", ("ASSAULT", None)),
        ("PROTEST", "strike-hun", ("PROTEST", "hunger")),
        ("PROTEST", "riot-spon", ("PROTEST", "riot")),
        ("CONSULT", "host", ("CONSULT", "visit")),
        ("COERCE", "ban", ("COERCE", "restrict")),
        ("THREATEN", "martial-law", ("THREATEN", "restrict")),
        ("consult", "Visit", ("CONSULT", "visit")),
        ("AGREE", "nonsense", ("AGREE", None)),
    ],
)
def test_ontology_normalise_type(onto, name, mode, expected):
    assert onto.normalise_type(name, mode) == expected


def test_ontology_unknown_names_raise_coded_errors(onto):
    with pytest.raises(UnknownEventTypeError, match="E305"):
        onto.normalise_type("NEGOTIATE")
    with pytest.raises(KeyError):
        onto.goldstein("999")
    with pytest.raises(UnknownEventTypeError):
        onto.cameo_for("HUG")


@pytest.mark.parametrize(
    "name, expected",
    [("military", "military"), ("Refugees", "refugee"), ("human_rights", "rights"), ("human rights", "rights"),
     ("judicial", "legal"), ("cbrn", "cbrn"), ("astrology", None)],
)
def test_ontology_contexts(onto, name, expected):
    assert onto.normalise_context(name) == expected


def test_ontology_is_cached(onto):
    assert load_ontology() is onto


def test_ontology_gold_labels_all_normalise(shared_data, onto):
    for line in (shared_data / "plover_gsr_dev.jsonl").read_text(encoding="utf-8").splitlines():
        rec = json.loads(line)
        event, _mode = onto.normalise_type(rec["event"], rec.get("mode"))
        assert event in onto.plover
        for ctx in str(rec.get("context") or "").split(","):
            if ctx.strip():
                assert onto.normalise_context(ctx) is not None, ctx


def _broken_copy(tmp_path, cameo_edit=None, plover_edit=None):
    cameo = tmp_path / "cameo.csv"
    plover = tmp_path / "plover.yaml"
    shutil.copy(CAMEO_FILE, cameo)
    shutil.copy(PLOVER_FILE, plover)
    if cameo_edit:
        cameo.write_text(cameo_edit(cameo.read_text(encoding="utf-8")), encoding="utf-8")
    if plover_edit:
        plover.write_text(plover_edit(plover.read_text(encoding="utf-8")), encoding="utf-8")
    return plover, cameo


@pytest.mark.parametrize(
    "cameo_edit, plover_edit, message",
    [
        (lambda s: s.replace("042,Make a visit,1.9", "042,Make a visit,19.0"), None, "outside"),
        (lambda s: s.replace("042,Make a visit,1.9,1", "042,Make a visit,1.9,5"), None, "quad_class"),
        (lambda s: s + "2101,Invented code,0.0,4,,\n", None, "bad CAMEO code"),
        (lambda s: s.replace("\n19,Fight,", "\n19x,Fight,"), None, "bad CAMEO code"),
        (lambda s: s.replace("\n01,Make public statement,0.0,1,,\n", "\n"), None, "no root 01"),
        (lambda s: s.replace("visit\n", "visiting\n", 1), None, "not a mode"),
        (lambda s: s.replace(",AGREE,", ",AGRE,", 1), None, "unknown PLOVER type"),
        (None, lambda s: s.replace("quad: 2\n", "quad: 7\n", 1), "quad"),
        (None, lambda s: s.replace('cameo: "030"', 'cameo: "0999"'), "not in cameo.csv"),
    ],
)
def test_ontology_invalid_data_raises_data_error(tmp_path, cameo_edit, plover_edit, message):
    plover, cameo = _broken_copy(tmp_path, cameo_edit, plover_edit)
    with pytest.raises(DataError, match=message):
        build_ontology(plover, cameo)
