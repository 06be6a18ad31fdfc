"""Integration: the real pipeline into the store, on the seed articles and samples/.

Runs only once the coder yields events (before that there is nothing to deduplicate).
"""
from __future__ import annotations

import pathlib

import pytest

from eventwire.cli import main
from eventwire.store import Store

SAMPLES = pathlib.Path(__file__).resolve().parents[1] / "samples"


@pytest.fixture(scope="module")
def seeds_db(seeds_dir, tmp_path_factory):
    db = tmp_path_factory.mktemp("seeds") / "seeds.duckdb"
    assert main(["ingest", str(seeds_dir), "--db", str(db), "--published", "2017-11-22"]) == 0
    with Store(str(db), read_only=True) as s:
        if s.summary()["mentions"] == 0:
            pytest.skip("the coder yields no events yet")
        yield s


def test_the_envoy_visit_is_one_event_reported_by_both_seed_articles(seeds_db):
    visits = seeds_db.events(dyad=("CHN", "PRK"), cameo="042")
    # "will send an envoy" (intended) is the plan, kept apart from the visit itself
    visits = visits[~visits.modality.isin(["intended", "hypothetical"])]
    assert len(visits) == 1
    visit = visits.iloc[0]
    assert visit.num_articles == 2 and visit.num_mentions >= 2
    assert str(visit.date)[:10] == "2017-11-17"  # the text's date beats publication dates


def test_the_seed_freeze_for_freeze_disagreement_is_found(seeds_db):
    found = [c for c in seeds_db.contradictions() if c["subject"] == "freeze-for-freeze"]
    assert any(c["kind"] == "proposal" and {c["supporter"]["actor"], c["opponent"]["actor"]}
               == {"CHN", "USA"} for c in found)


def test_negated_meetings_are_stored_but_not_counted(seeds_db):
    s = seeds_db.summary()
    assert s["negated"] >= 1
    assert all(not n for n in seeds_db.events().negated)


def test_every_mention_has_a_canonical_event(seeds_db):
    assert seeds_db.summary()["pending"] == 0
    n = seeds_db.sql("SELECT count(*) AS n FROM mentions m LEFT JOIN events e "
                     "USING (canonical_event_id) WHERE e.canonical_event_id IS NULL").n[0]
    assert n == 0


@pytest.mark.slow
def test_samples_ingest_is_idempotent_and_counts_events_once(tmp_path):
    if not SAMPLES.is_dir():
        pytest.skip("no samples/ corpus")
    db = tmp_path / "samples.duckdb"
    main(["ingest", str(SAMPLES), "--db", str(db), "--published", "2017-11-22"])
    with Store(str(db), read_only=True) as s:
        first = s.summary()
    if first["mentions"] == 0:
        pytest.skip("the coder yields no events yet")
    main(["ingest", str(SAMPLES), "--db", str(db), "--published", "2017-11-22"])
    with Store(str(db), read_only=True) as s:
        second = s.summary()
        # Events told by several articles: each one explainable by shared key words.
        cross = s.sql("SELECT canonical_event_id FROM events WHERE num_articles > 1")
        from eventwire.dedup import explain_event
        for cid in cross.canonical_event_id:
            links = explain_event(s.mentions(canonical_event_id=cid))
            assert all(len(l["content"]["shared"]) >= 2 for l in links if l["across_articles"])
    assert {k: v for k, v in first.items() if k != "path"} == \
        {k: v for k, v in second.items() if k != "path"}
    assert first["events_all"] < first["mentions"]  # some mentions were merged
