"""Near-duplicate articles (syndicated copies) by MinHash over word shingles.

``signature(text)`` is a list of NUM_PERM ints (JSON- and DuckDB-friendly), so the
store can keep one per document and a later run can seed ``NearDuplicateIndex``
from them. The hash parameters are fixed (seeded), so signatures from different runs
compare; SIGNATURE_VERSION changes whenever they would not.

Candidates are found with LSH banding, then confirmed by the estimated Jaccard
similarity of the shingle sets (> THRESHOLD).

Why not datasketch: its ``MinHash`` would replace only ``signature`` (the same seeded
linear permutations over numpy, ~15 lines here), and its ``MinHashLSH`` keeps a Python
dict per band and key — the ~23 kB per article that ``scale.WindowedNearDuplicateIndex``
(numpy ring buffers, fixed memory) exists to avoid on 100k-article streams; it would
also bring scipy (for its parameter search) and change every stored signature
(SIGNATURE_VERSION) for no gain in what is found.
"""
from __future__ import annotations

import random
import re
import unicodedata
import zlib
from typing import Iterable, Sequence

import numpy as np

SIGNATURE_VERSION = 1
NUM_PERM = 256
SHINGLE = 3                 # words per shingle
THRESHOLD = 0.9             # estimated Jaccard above which two texts are copies
BANDS, ROWS = 64, 4         # LSH: BANDS * ROWS == NUM_PERM; catches J >= ~0.5 reliably
_PRIME = (1 << 32) + 15     # > every 32-bit shingle hash; a*h + b fits in uint64
_MASK = np.uint64(0xFFFFFFFF)
_EMPTY = 0xFFFFFFFF         # signature slot of an empty text

_rng = random.Random(20171122)  # fixed: stored signatures must stay comparable
_A = np.array([_rng.randrange(1, 1 << 32) for _ in range(NUM_PERM)], dtype=np.uint64)
_B = np.array([_rng.randrange(0, 1 << 32) for _ in range(NUM_PERM)], dtype=np.uint64)
_WORD = re.compile(r"\w+")

assert BANDS * ROWS == NUM_PERM


def words(text: str) -> list[str]:
    """Case-, accent- and punctuation-insensitive word list."""
    text = unicodedata.normalize("NFKC", text).casefold()
    return _WORD.findall(text)


def shingles(text: str, k: int = SHINGLE) -> set[str]:
    w = words(text)
    if len(w) < k:
        return {" ".join(w)} if w else set()
    return {" ".join(w[i:i + k]) for i in range(len(w) - k + 1)}


def _hash32(s: str) -> int:
    # crc32: deterministic across processes (unlike hash()) and fast; the random
    # linear permutations on top make it a fine MinHash input.
    return zlib.crc32(s.encode("utf-8"))


def signature(text: str) -> list[int]:
    """MinHash signature of the text: NUM_PERM ints in [0, 2**32)."""
    sh = shingles(text)
    if not sh:
        return [_EMPTY] * NUM_PERM
    h = np.fromiter((_hash32(s) for s in sh), dtype=np.uint64, count=len(sh))
    perm = ((_A[:, None] * h[None, :] + _B[:, None]) % np.uint64(_PRIME)) & _MASK
    return perm.min(axis=1).astype(np.int64).tolist()


def similarity(sig_a: Sequence[int], sig_b: Sequence[int]) -> float:
    """Estimated Jaccard similarity of the shingle sets behind two signatures."""
    a, b = np.asarray(sig_a, dtype=np.int64), np.asarray(sig_b, dtype=np.int64)
    if a.shape != b.shape or not a.size or (a == _EMPTY).all() or (b == _EMPTY).all():
        return 0.0
    return float(np.count_nonzero(a == b)) / a.size


def jaccard(text_a: str, text_b: str) -> float:
    """Exact shingle Jaccard similarity (for tests and small sets)."""
    a, b = shingles(text_a), shingles(text_b)
    return len(a & b) / len(a | b) if a and b else 0.0


class NearDuplicateIndex:
    """Signatures of the originals seen so far; ``find`` returns the original a text copies.

    >>> idx = NearDuplicateIndex()
    >>> idx.add("a1", "some article text ...")
    >>> idx.find("some article text ...")   # -> "a1"
    """

    def __init__(self, threshold: float = THRESHOLD):
        self.threshold = threshold
        self._sigs: dict[str, np.ndarray] = {}
        self._bands: list[dict[tuple[int, ...], list[str]]] = [{} for _ in range(BANDS)]

    def __len__(self) -> int:
        return len(self._sigs)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._sigs

    @staticmethod
    def _as_signature(text_or_signature: str | Sequence[int]) -> list[int]:
        if isinstance(text_or_signature, str):
            return signature(text_or_signature)
        sig = [int(v) for v in text_or_signature]
        if len(sig) != NUM_PERM:
            raise ValueError(f"signature has {len(sig)} values, expected {NUM_PERM} "
                             f"(signature version {SIGNATURE_VERSION})")
        return sig

    def add(self, doc_id: str, text_or_signature: str | Sequence[int]) -> list[int]:
        """Index a document by its text or a stored signature; returns the signature."""
        sig = self._as_signature(text_or_signature)
        if doc_id in self._sigs or all(v == _EMPTY for v in sig):
            return sig
        self._sigs[doc_id] = np.asarray(sig, dtype=np.int64)
        for b in range(BANDS):
            key = tuple(sig[b * ROWS:(b + 1) * ROWS])
            self._bands[b].setdefault(key, []).append(doc_id)
        return sig

    def find(self, text_or_signature: str | Sequence[int]) -> str | None:
        """doc_id of the most similar indexed document above the threshold, else None."""
        sig = self._as_signature(text_or_signature)
        candidates: dict[str, None] = {}
        for b in range(BANDS):
            for doc_id in self._bands[b].get(tuple(sig[b * ROWS:(b + 1) * ROWS]), ()):
                candidates[doc_id] = None
        best, best_sim = None, 0.0
        arr = np.asarray(sig, dtype=np.int64)
        for doc_id in candidates:  # insertion order: earliest original wins ties
            sim = float(np.count_nonzero(arr == self._sigs[doc_id])) / NUM_PERM
            if sim > best_sim:
                best, best_sim = doc_id, sim
        return best if best is not None and best_sim > self.threshold else None

    @classmethod
    def from_signatures(cls, pairs: Iterable[tuple[str, Sequence[int]]],
                        threshold: float = THRESHOLD) -> "NearDuplicateIndex":
        """Seed from stored (doc_id, signature) pairs, e.g. the store's documents table."""
        idx = cls(threshold)
        for doc_id, sig in pairs:
            idx.add(doc_id, sig)
        return idx
