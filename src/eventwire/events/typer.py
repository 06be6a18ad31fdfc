"""The hybrid event typer's model: rule features + a sentence embedding -> calibrated
QuadClass (and CAMEO root) probabilities. Pure numpy; the weights are a small data file
(``data/typer/typer.npz``, trained by ``make train``: tools/train_typer.py; model card
``data/typer/MODEL_CARD.md``).

The QuadClass scale here is the Phoenix/ConfliBERT one the training data uses:
0 neutral (statements and appeals, CAMEO 01-02), 1 verbal cooperation (03-05),
2 material cooperation (06-08), 3 verbal conflict (09-13 and 16, reduce relations),
4 material conflict (14, 15, 17-20). (Root 16 sits with verbal conflict and 14 with
material conflict in this scale — the labels of the ConfliBERT data show it: 68 of 71
sentences the rules code 16 are labelled 3, all 9 coded 14 are labelled 4.)
Records keep the contract's ``quad_class`` (1-4, from the codebook); the model block
says which scale it speaks (``quad_scale``).

Features of a sentence (``rule_features``) are what the rule coder made of it: the
QuadClass and root of its main event, how many events, negation/modality, the best
pattern confidence — the same function at training and at run time.
"""
from __future__ import annotations

import functools
import hashlib
import json
import math
import re
from pathlib import Path

import numpy as np

DATA_DIR = Path(__file__).resolve().parents[1] / "data" / "typer"
ROOTS = [f"{i:02d}" for i in range(1, 21)]
QUADS = [0, 1, 2, 3, 4]
QUAD_NAMES = {0: "neutral", 1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}


def quad_of_root(root: str | None) -> int | None:
    """The Phoenix/ConfliBERT QuadClass (0-4) of a CAMEO root."""
    if not root or not root[:2].isdigit():
        return None
    r = int(root[:2])
    if not 1 <= r <= 20:
        return None
    if r == 16:
        return 3
    return 0 if r <= 2 else 1 if r <= 5 else 2 if r <= 8 else 3 if r <= 13 else 4


def normalise_text(text: str) -> str:
    """The sentence as the encoder sees it: white space collapsed (masked neighbours of
    the prefilter and line breaks do not change the embedding)."""
    return " ".join((text or "").split())


def text_key(text: str) -> str:
    """The text lower-cased, punctuation and spacing removed: equal keys, same item."""
    return re.sub(r"[^a-z0-9]+", " ", (text or "").lower()).strip()


def split_of(text: str) -> str:
    """"test" or "train": the fixed split of every training set (a hash of ``text_key``,
    so it does not depend on file order); about one item in five is "test". The held-out
    figures (model card, bench/eval.py) are on "test" items only."""
    return "test" if int(hashlib.sha1(text_key(text).encode("utf-8")).hexdigest()[:8], 16) % 5 == 0 \
        else "train"


# ---------------------------------------------------------------- rule features

N_RULE_FEATURES = 6 + 20 + 7


def sentence_quad(events: list[dict]) -> int | None:
    """What the rules say the sentence is: the most severe asserted event, statements
    (01-02) only when nothing else was coded; None when nothing (not negated) fired."""
    evs = [e for e in events if not e.get("negated") and quad_of_root(e.get("cameo_root")) is not None]
    if not evs:
        return None
    non_stmt = [e for e in evs if quad_of_root(e["cameo_root"]) != 0] or evs
    return max(quad_of_root(e["cameo_root"]) for e in non_stmt)


def main_event(events: list[dict]) -> dict | None:
    evs = [e for e in events if not e.get("negated") and e.get("cameo_root") in ROOTS]
    if not evs:
        return None
    main = [e for e in evs if e.get("_main")]
    return (main or evs)[0]


def rule_features(events: list[dict]) -> np.ndarray:
    """Fixed-length features of the rule coder's events for one sentence."""
    f = np.zeros(N_RULE_FEATURES, dtype=np.float32)
    q = sentence_quad(events)
    f[5 if q is None else q] = 1.0
    m = main_event(events)
    if m is not None:
        f[6 + ROOTS.index(m["cameo_root"])] = 1.0
    base = 26
    live = [e for e in events if not e.get("negated")]
    f[base + 0] = math.log1p(len(live))
    f[base + 1] = float(any(e.get("negated") for e in events))
    f[base + 2] = max((float(e.get("confidence") or 0) for e in live), default=0.0)
    f[base + 3] = float(any(e.get("modality") in ("hypothetical", "hedged") for e in live))
    f[base + 4] = float(any(e.get("modality") == "intended" for e in live))
    f[base + 5] = float(any(e.get("source") and e.get("target") for e in live))
    f[base + 6] = float(bool(live) and all(quad_of_root(e.get("cameo_root")) == 0 for e in live))
    return f


# ---------------------------------------------------------------- the model

def softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=-1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=-1, keepdims=True)


class TyperModel:
    """Two softmax regressions over [embedding, rule features] (standardised): QuadClass
    (5 classes) and CAMEO root (20 classes), each with a temperature fitted on held-out
    folds, so that the probabilities are calibrated."""

    def __init__(self, arrays: dict, card: dict | None = None):
        self.mean = arrays["mean"].astype(np.float32)
        self.scale = arrays["scale"].astype(np.float32)
        self.quad_w = arrays["quad_w"].astype(np.float32)
        self.quad_b = arrays["quad_b"].astype(np.float32)
        self.quad_t = float(arrays["quad_t"])
        self.root_w = arrays["root_w"].astype(np.float32) if "root_w" in arrays else None
        self.root_b = arrays["root_b"].astype(np.float32) if "root_b" in arrays else None
        self.root_t = float(arrays["root_t"]) if "root_t" in arrays else 1.0
        self.card = card or {}

    @classmethod
    def load(cls, directory: Path | str | None = None) -> "TyperModel":
        d = Path(directory) if directory else DATA_DIR
        with np.load(d / "typer.npz") as z:
            arrays = {k: z[k] for k in z.files}
        card = {}
        if (d / "typer.json").exists():
            card = json.loads((d / "typer.json").read_text(encoding="utf-8"))
        return cls(arrays, card)

    def save(self, directory: Path | str) -> None:
        d = Path(directory)
        d.mkdir(parents=True, exist_ok=True)
        arrays = {"mean": self.mean, "scale": self.scale, "quad_w": self.quad_w,
                  "quad_b": self.quad_b, "quad_t": np.float32(self.quad_t)}
        if self.root_w is not None:
            arrays.update(root_w=self.root_w, root_b=self.root_b, root_t=np.float32(self.root_t))
        np.savez_compressed(d / "typer.npz", **arrays)

    def features(self, embeddings: np.ndarray, rule_feats: np.ndarray) -> np.ndarray:
        x = np.concatenate([embeddings, rule_feats], axis=1).astype(np.float32)
        return (x - self.mean) / self.scale

    def predict(self, embeddings: np.ndarray, rule_feats: np.ndarray):
        """(quad probabilities (n, 5), root probabilities (n, 20) or None)."""
        x = self.features(embeddings, rule_feats)
        pq = softmax((x @ self.quad_w + self.quad_b) / self.quad_t)
        pr = None
        if self.root_w is not None:
            pr = softmax((x @ self.root_w + self.root_b) / self.root_t)
        return pq, pr


@functools.lru_cache(maxsize=2)
def get_model(directory: str | None = None) -> TyperModel:
    return TyperModel.load(directory)
