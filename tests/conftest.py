"""Shared fixtures. Seed articles and eval data are read by path, never copied."""
from __future__ import annotations

import os
import pathlib

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _find_shared() -> pathlib.Path:
    """../shared next to the checkout; a clone elsewhere (CI) falls back to /work/shared."""
    if os.environ.get("EVENTWIRE_SHARED"):
        return pathlib.Path(os.environ["EVENTWIRE_SHARED"])
    for cand in (ROOT.parent / "shared", pathlib.Path("/work/shared")):
        if (cand / "seeds").is_dir():
            return cand
    return ROOT.parent / "shared"


SHARED = _find_shared()
SEEDS = SHARED / "seeds"
EVAL = SHARED / "eval"
SEED_PUBLISHED = "2017-11-22"


@pytest.fixture(scope="session")
def seeds_dir():
    if not SEEDS.is_dir():
        pytest.skip(f"seed articles not found at {SEEDS}")
    return SEEDS


@pytest.fixture(scope="session")
def seed_paths(seeds_dir):
    return sorted(seeds_dir.glob("*.txt"))


@pytest.fixture(scope="session")
def bare_nlp():
    """The bare spaCy model (no eventwire components)."""
    from eventwire.config import Settings
    from eventwire.nlp import load_model
    return load_model(Settings().model)


@pytest.fixture(scope="session")
def pipeline():
    """The full eventwire spaCy pipeline, built once per test session."""
    from eventwire.nlp import build_pipeline
    return build_pipeline()
