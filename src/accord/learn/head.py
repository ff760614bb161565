"""The decision head: a multinomial logistic regression in numpy, temperature-calibrated.

Why not scikit-learn: the model is one matrix; fitting it by full-batch gradient descent on a few
thousand rows takes seconds, and a dependency of ~40 MB (with scipy) buys nothing here. Why temperature
scaling: it makes ``predict_proba`` a calibrated probability without changing any decision, fitted on
a validation split that the weights never saw.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path

import numpy as np

from accord.errors import AccordError, Code
from accord.learn.features import FEATURE_SPEC, LABELS, N_FEATURES, STRUCT

HEAD_NAME = "head_v2"


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


@dataclass
class Head:
    """Weights, feature standardisation, calibration temperature and decision thresholds."""

    W: np.ndarray
    b: np.ndarray
    mean: np.ndarray
    scale: np.ndarray
    temperature: float = 1.0
    #: a verb becomes a proposed event (of its most probable type) when P(some event) is at least this
    propose_threshold: float = 0.5
    #: a rule candidate is rejected only when "no event" is at least this probable
    reject_threshold: float = 0.5
    #: a rule candidate changes type only when the new type is at least this probable
    retype_threshold: float = 0.5
    #: rule origins whose candidates are held to the (separate, higher) ``trusted_*`` thresholds below
    trusted_origins: tuple[str, ...] = ()
    #: a hand-lexicon (trusted-origin) candidate is rejected only when "no event" is at least this probable
    #: (above 1: never; `make train` switches it on only where cross-validation says it pays)
    trusted_reject_threshold: float = 1.01
    #: a hand-lexicon candidate changes type only when the new type is at least this probable (above 1: never)
    trusted_retype_threshold: float = 1.01
    #: when the head may overrule the hand lexicon, a sentence whose events all come from it is encoded only
    #: if the rules-only head gives one of them less than this probability of its own type (above 1: always);
    #: the confident rest keep the cheap rules route. Chosen by `make train` on the out-of-fold items.
    trusted_gate: float = 1.01
    #: propose events only in sentences where no rule event survived
    propose_only_uncoded: bool = False
    #: a proposal needs a source the parse found (a known actor, not an implicit one); chosen by `make train`
    propose_needs_source: bool = False
    #: proposals of these types need a recipient too: the types whose training events nearly always have one
    #: (``RECIPIENT_RATE`` in accord.learn.train); switched on or off by `make train` on validation
    propose_recipient_types: frozenset = frozenset()
    card: dict = field(default_factory=dict)
    #: The same classifier over the rule-output block alone (``STRUCT``), calibrated the same way: it gives
    #: the confidence of sentences the encoder skips (whose rule events the full head could only confirm).
    rules: "Head | None" = None
    #: Verb lemmas the training corpus labels as events (beside the lexicon's own): a sentence without rule
    #: events is encoded (for proposals) only when one of its verbs is in the lexicon or here.
    gate_lemmas: frozenset = frozenset()

    def logits(self, X: np.ndarray) -> np.ndarray:
        return ((X - self.mean) / self.scale) @ self.W + self.b

    def predict_proba(self, X: np.ndarray) -> np.ndarray:
        """Calibrated class probabilities, columns in the order of ``LABELS``."""
        if len(X) == 0:
            return np.zeros((0, len(LABELS)), dtype=np.float32)
        return _softmax(self.logits(X) / self.temperature)

    def save(self, directory: Path, card: dict) -> tuple[Path, Path]:
        directory.mkdir(parents=True, exist_ok=True)
        npz = directory / f"{HEAD_NAME}.npz"
        arrays = dict(W=self.W, b=self.b, mean=self.mean, scale=self.scale)
        if self.rules is not None:
            arrays.update(rW=self.rules.W, rb=self.rules.b, rmean=self.rules.mean, rscale=self.rules.scale)
        with npz.open("wb") as fh:  # np.savez_compressed stamps zip entries with the time: write them ourselves
            _write_npz(fh, {k: np.asarray(v, dtype=np.float32) for k, v in arrays.items()})
        card = {**card, "temperature": self.temperature, "propose_threshold": self.propose_threshold,
                "reject_threshold": self.reject_threshold, "retype_threshold": self.retype_threshold,
                "trusted_origins": list(self.trusted_origins),
                "trusted_reject_threshold": self.trusted_reject_threshold,
                "trusted_retype_threshold": self.trusted_retype_threshold, "trusted_gate": self.trusted_gate,
                "propose_only_uncoded": self.propose_only_uncoded,
                "propose_needs_source": self.propose_needs_source,
                "propose_recipient_types": sorted(self.propose_recipient_types),
                "rules_temperature": self.rules.temperature if self.rules is not None else None,
                "gate_lemmas": sorted(self.gate_lemmas), "feature_spec": FEATURE_SPEC}
        js = directory / f"{HEAD_NAME}.json"
        js.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return npz, js


def _write_npz(fh, arrays: dict[str, np.ndarray]) -> None:
    """A compressed .npz whose bytes depend on the arrays alone (fixed entry times), so `make train`
    twice gives the same file."""
    import io
    import zipfile

    with zipfile.ZipFile(fh, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(arrays):
            buf = io.BytesIO()
            np.lib.format.write_array(buf, np.ascontiguousarray(arrays[name]), allow_pickle=False)
            info = zipfile.ZipInfo(f"{name}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, buf.getvalue())


def fit(X: np.ndarray, y: np.ndarray, *, l2: float = 1e-3, epochs: int = 400, lr: float = 0.05,
        row_weight: np.ndarray | None = None) -> Head:
    """Fit by full-batch Adam from zero weights: deterministic, so `make train` reproduces the head."""
    K = len(LABELS)
    mean = X.mean(0)
    scale = X.std(0)
    scale[scale < 1e-6] = 1.0
    Z = ((X - mean) / scale).astype(np.float32)
    n, d = Z.shape
    Y = np.zeros((n, K), dtype=np.float32)
    Y[np.arange(n), y] = 1.0
    w = np.ones(n, dtype=np.float32) if row_weight is None else row_weight.astype(np.float32)
    w = w / w.sum()
    W = np.zeros((d, K), dtype=np.float32)
    b = np.zeros(K, dtype=np.float32)
    mW, vW, mb, vb = np.zeros_like(W), np.zeros_like(W), np.zeros_like(b), np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    for t in range(1, epochs + 1):
        P = _softmax(Z @ W + b)
        G = (P - Y) * w[:, None]
        gW = Z.T @ G + l2 * W
        gb = G.sum(0)
        mW = b1 * mW + (1 - b1) * gW
        vW = b2 * vW + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb
        vb = b2 * vb + (1 - b2) * gb * gb
        a = lr * np.sqrt(1 - b2 ** t) / (1 - b1 ** t)
        W -= a * mW / (np.sqrt(vW) + eps)
        b -= a * mb / (np.sqrt(vb) + eps)
    return Head(W=W, b=b, mean=mean.astype(np.float32), scale=scale.astype(np.float32))


def fit_temperature(head: Head, X: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising validation log-loss (grid search: one parameter, no optimiser needed)."""
    if len(X) == 0:
        return 1.0
    return temperature_for_logits(head.logits(X), y)


def temperature_for_logits(L: np.ndarray, y: np.ndarray) -> float:
    """The temperature minimising the log-loss of logits ``L`` (rows may come from different heads: the
    out-of-fold logits of cross-fitting)."""
    if len(L) == 0:
        return 1.0
    best, best_t = np.inf, 1.0
    for t in np.exp(np.linspace(np.log(0.25), np.log(8.0), 121)):
        P = _softmax(L / t)
        nll = -np.log(np.maximum(P[np.arange(len(y)), y], 1e-12)).mean()
        if nll < best:
            best, best_t = nll, float(t)
    return best_t


def reliability(conf: np.ndarray, correct: np.ndarray, bins: int = 10) -> tuple[float, list[dict]]:
    """Expected calibration error and the reliability curve (equal-width confidence bins)."""
    rows, ece, n = [], 0.0, len(conf)
    for k in range(bins):
        lo, hi = k / bins, (k + 1) / bins
        sel = (conf >= lo) & ((conf < hi) if k < bins - 1 else (conf <= hi))
        if not sel.any():
            continue
        c, a = float(conf[sel].mean()), float(correct[sel].mean())
        ece += sel.sum() / n * abs(c - a)
        rows.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": int(sel.sum()), "confidence": round(c, 3), "accuracy": round(a, 3)})
    return round(float(ece), 4), rows


_head_dir: list[Path] = []


def _data_dir() -> Path:
    return _head_dir[0] if _head_dir else Path(str(resources.files("accord.learn") / "data"))


def use_head_dir(directory: Path | None) -> None:
    """Load the head from ``directory`` from now on (None: the shipped one): `make train` scores the gold
    sets with the head it has just written, wherever it wrote it."""
    _head_dir[:] = [Path(directory)] if directory is not None else []
    load_head.cache_clear()


@lru_cache(maxsize=1)
def load_head() -> Head:
    """The shipped head (src/accord/learn/data/head_v2.*), checked against the current feature layout."""
    d = _data_dir()
    npz, js = d / f"{HEAD_NAME}.npz", d / f"{HEAD_NAME}.json"
    if not npz.is_file() or not js.is_file():
        raise AccordError(Code.HEAD_INVALID, f"{npz} not found")
    try:
        card = json.loads(js.read_text(encoding="utf-8"))
        with np.load(npz) as z:
            W, b, mean, scale = z["W"], z["b"], z["mean"], z["scale"]
            rules = Head(W=z["rW"], b=z["rb"], mean=z["rmean"], scale=z["rscale"],
                         temperature=float(card["rules_temperature"]))
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise AccordError(Code.HEAD_INVALID, f"{npz}: {exc} (rebuild it with `make train`)") from exc
    if card.get("feature_spec") != FEATURE_SPEC or W.shape != (N_FEATURES, len(LABELS)) \
            or rules.W.shape != (len(STRUCT), len(LABELS)):
        raise AccordError(Code.HEAD_INVALID, f"{js}: trained on another feature layout (rebuild it with `make train`)")
    return Head(W=W, b=b, mean=mean, scale=scale, temperature=float(card.get("temperature", 1.0)),
                rules=rules, gate_lemmas=frozenset(card.get("gate_lemmas", ())),
                propose_threshold=float(card.get("propose_threshold", 0.5)),
                reject_threshold=float(card.get("reject_threshold", 0.5)),
                retype_threshold=float(card.get("retype_threshold", 0.5)),
                trusted_origins=tuple(card.get("trusted_origins", ())),
                trusted_reject_threshold=float(card.get("trusted_reject_threshold", 1.01)),
                trusted_retype_threshold=float(card.get("trusted_retype_threshold", 1.01)),
                trusted_gate=float(card.get("trusted_gate", 1.01)),
                propose_only_uncoded=bool(card.get("propose_only_uncoded", False)),
                propose_needs_source=bool(card.get("propose_needs_source", False)),
                propose_recipient_types=frozenset(card.get("propose_recipient_types", ())), card=card)
