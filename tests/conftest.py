"""Shared fixtures. Seed articles and eval data are read by path, never copied."""
from __future__ import annotations

import os
import pathlib

import pytest
from hypothesis import settings as _hypothesis_settings

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _find_shared() -> pathlib.Path:
    """../shared next to the checkout; a clone elsewhere (CI) falls back to /work/shared."""
    if os.environ.get("EVENTWIRE_SHARED"):
        return pathlib.Path(os.environ["EVENTWIRE_SHARED"])
    for cand in (ROOT.parent / "shared", pathlib.Path("/work/shared")):
        if (cand / "seeds").is_dir():
            return cand
    return ROOT.parent / "shared"


# Property tests must pass every time (issue 19): in `make test` hypothesis draws the
# same examples on every run (derandomize: a seed per test function) and replays no
# local database, so a fresh clone and CI run exactly what a developer ran. Bugs the
# fixed draws do not reach are hunted by `make fuzz` (profile "fuzz": random draws,
# many more examples, failures kept in .hypothesis/ to replay); each one found is
# fixed and recorded as an @example, so CI checks it from then on.
_hypothesis_settings.register_profile("ci", derandomize=True, database=None, deadline=None,
                                      print_blob=True)
_hypothesis_settings.register_profile("fuzz", derandomize=False, deadline=None,
                                      print_blob=True)
_hypothesis_settings.load_profile(os.environ.get("EVENTWIRE_HYPOTHESIS", "ci"))

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


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory) -> str:
    """The small hand-coded sample store (eventwire.web.sample), built per test module:
    no model needed."""
    from eventwire.web.sample import build

    path = tmp_path_factory.mktemp("sample") / "sample.duckdb"
    build(str(path))
    return str(path)


@pytest.fixture(scope="module")
def sample_client(sample_db):
    """An HTTP API client over ``sample_db`` (read-only server, no token)."""
    from fastapi.testclient import TestClient

    from eventwire.api import create_app

    app = create_app(sample_db, token="")
    with TestClient(app) as c:
        yield c
    app.state.store_handle.close()
