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
from accord.learn.features import FEATURE_SPEC, LABELS, N_FEATURES

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
    #: rule origins whose candidates the head never rejects or retypes (it only scores them)
    trusted_origins: tuple[str, ...] = ()
    #: propose events only in sentences where no rule event survived
    propose_only_uncoded: bool = False
    card: dict = field(default_factory=dict)

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
        np.savez_compressed(npz, W=self.W.astype(np.float32), b=self.b.astype(np.float32),
                            mean=self.mean.astype(np.float32), scale=self.scale.astype(np.float32))
        card = {**card, "temperature": self.temperature, "propose_threshold": self.propose_threshold,
                "reject_threshold": self.reject_threshold, "retype_threshold": self.retype_threshold,
                "trusted_origins": list(self.trusted_origins), "propose_only_uncoded": self.propose_only_uncoded,
                "feature_spec": FEATURE_SPEC}
        js = directory / f"{HEAD_NAME}.json"
        js.write_text(json.dumps(card, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        return npz, js


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
    L = head.logits(X)
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


def _data_dir() -> Path:
    return Path(str(resources.files("accord.learn") / "data"))


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
    except (OSError, ValueError, KeyError) as exc:
        raise AccordError(Code.HEAD_INVALID, f"{npz}: {exc}") from exc
    if card.get("feature_spec") != FEATURE_SPEC or W.shape != (N_FEATURES, len(LABELS)):
        raise AccordError(Code.HEAD_INVALID, f"{js}: trained on another feature layout")
    return Head(W=W, b=b, mean=mean, scale=scale, temperature=float(card.get("temperature", 1.0)),
                propose_threshold=float(card.get("propose_threshold", 0.5)),
                reject_threshold=float(card.get("reject_threshold", 0.5)),
                retype_threshold=float(card.get("retype_threshold", 0.5)),
                trusted_origins=tuple(card.get("trusted_origins", ())),
                propose_only_uncoded=bool(card.get("propose_only_uncoded", False)), card=card)
