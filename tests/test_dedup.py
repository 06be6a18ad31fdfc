"""Dedup: one real-world event, many mentions -> one canonical_event_id."""
from __future__ import annotations

import random

import pytest

from eventwire.dedup import (assign_canonical_ids, block_key, cameo_compatible, canonical_events,
                             cluster_stories, StoryDoc, story_docs_from_records)

from test_store_factory import make_coded, make_event, make_record


def same_event(*recs) -> bool:
    assign_canonical_ids(list(recs))
    return len({r["canonical_event_id"] for r in recs}) == 1


@pytest.mark.parametrize("a, b", [
    # same dyad up to agent detail
    (dict(source="CHNGOV", target="PRKGOV"), dict(source="CHN", target="PRK")),
    # same 3-digit base, more detail on one side
    (dict(cameo="042"), dict(cameo="0421")),
    # the generic root-level code is compatible with the specific one
    (dict(cameo="040"), dict(cameo="042")),
    # dates a day apart (time zones, "yesterday")
    (dict(date="2017-11-17"), dict(date="2017-11-18")),
    # a month-precision date is compatible with any day in that month
    (dict(date="2017-11-01", precision="month"), dict(date="2017-11-24")),
    # the same statement reported by two outlets the same day
    (dict(source="CHNGOV", target=None, cameo="010"), dict(source="CHN", target=None, cameo="012")),
    # an undated past-tense report may be about any day of the week before publication
    (dict(date="2017-11-17"), dict(date="2017-11-22", basis="publication")),
    # a visit lasts days: arrival and departure reports are one visit
    (dict(cameo="042", date="2017-11-17"), dict(cameo="042", date="2017-11-20")),
    # a missing place is compatible with any place
    (dict(location="PRK-Pyongyang"), dict(location=None)),
    # "A visits B" is "B hosts A"
    (dict(source="CHNGOV", target="PRK", cameo="042"), dict(source="PRK", target="CHNGOV", cameo="043")),
    # meetings have no direction
    (dict(source="USA", target="CHN", cameo="040"), dict(source="CHN", target="USA", cameo="040")),
    # the same person on both
    (dict(source="PRKGOV", source_person="kim-jong-un"), dict(source="PRKGOV", source_person="kim-jong-un")),
    # a person and their country (agent detail only on one side)
    (dict(source="PRKGOV", source_person="kim-jong-un"), dict(source="PRK")),
])
def test_true_merges(a, b):
    assert same_event(make_record(text="Outlet one.", **a), make_record(text="Outlet two.", **b))


@pytest.mark.parametrize("a, b", [
    # same dyad, same day, different events: a meeting and a sanction
    (dict(cameo="040"), dict(cameo="163")),
    # same root, two different specific events: a visit and a negotiation
    (dict(cameo="042"), dict(cameo="046")),
    # negated mentions never merge with asserted ones
    (dict(cameo="040"), dict(cameo="040", negated=True)),
    # a planned visit is not the visit
    (dict(cameo="042"), dict(cameo="042", modality="intended")),
    # different countries on one side
    (dict(source="CHN"), dict(source="RUS")),
    # direction matters for non-symmetric events
    (dict(source="USA", target="PRK", cameo="163"), dict(source="PRK", target="USA", cameo="163")),
    # dates too far apart
    (dict(date="2017-11-10"), dict(date="2017-11-17")),
    # short events get no multi-day window
    (dict(cameo="163", date="2017-11-17"), dict(cameo="163", date="2017-11-20")),
    # statements are quick: a day apart they are two statements
    (dict(source="CHNGOV", target=None, cameo="010", date="2017-11-15"),
     dict(source="CHNGOV", target=None, cameo="010", date="2017-11-16")),
    # ... and an undated statement in a report is about the day before publication at most
    (dict(cameo="010", date="2017-11-17"), dict(cameo="010", date="2017-11-22", basis="publication")),
    # a publication-dated report is not about events after publication
    (dict(cameo="163", date="2017-11-25"), dict(cameo="163", date="2017-11-22", basis="publication")),
    # a month-precision date outside the other's month
    (dict(date="2017-10-01", precision="month"), dict(date="2017-11-10")),
    # places in different countries
    (dict(location="PRK-Pyongyang"), dict(location="CHN-Beijing")),
    # two different persons
    (dict(source="USAGOV", source_person="tillerson"), dict(source="USAGOV", source_person="mattis")),
])
def test_must_not_merge(a, b):
    assert not same_event(make_record(text="Outlet one.", **a), make_record(text="Outlet two.", **b))


def test_a_generic_mention_does_not_chain_two_different_events():
    visit = make_record(text="a", cameo="042")
    talks = make_record(text="b", cameo="046")
    consult = make_record(text="c", cameo="040")
    assign_canonical_ids([visit, talks, consult])
    assert visit["canonical_event_id"] != talks["canonical_event_id"]
    assert consult["canonical_event_id"] in (visit["canonical_event_id"], talks["canonical_event_id"])


def test_dates_chain_no_further_than_the_window():
    recs = [make_record(text=f"day {d}", cameo="040", date=f"2017-11-{d:02d}") for d in (1, 2, 3)]
    assign_canonical_ids(recs)
    assert len({r["canonical_event_id"] for r in recs}) == 2


def test_ids_do_not_depend_on_input_order():
    recs = [make_record(text=f"t{i}", cameo=c, date=d) for i, (c, d) in enumerate(
        [("042", "2017-11-17"), ("040", "2017-11-18"), ("046", "2017-11-17"),
         ("040", "2017-11-01"), ("163", "2017-11-17"), ("042", "2017-11-30")])]
    assign_canonical_ids(recs)
    expected = {r["event_id"]: r["canonical_event_id"] for r in recs}
    for seed in range(5):
        shuffled = [dict(r) for r in recs]
        random.Random(seed).shuffle(shuffled)
        assign_canonical_ids(shuffled)
        assert {r["event_id"]: r["canonical_event_id"] for r in shuffled} == expected


def test_canonical_event_counts_mentions_sources_and_articles():
    one = make_coded("Wire A story.", [make_event(cameo="042", date="2017-11-17"),
                                       make_event(cameo="042", date="2017-11-17", sentence_index=4)],
                     outlet="Wire A")
    two = make_coded("Wire A follow-up.", [make_event(cameo="0421", date="2017-11-01",
                                                      precision="month")], outlet="Wire A")
    three = make_coded("Wire B story.", [make_event(source="CHN", cameo="040", date="2017-11-18")],
                       outlet="Wire B")
    (ev,) = canonical_events(one.events + two.events + three.events)
    assert (ev["num_mentions"], ev["num_sources"], ev["num_articles"]) == (4, 2, 3)
    assert ev["date"] == "2017-11-17" and ev["date_precision"] == "day"  # earliest most precise
    assert ev["cameo"] == "0421" and ev["source"]["code"] == "CHNGOV"  # most specific coding


def test_block_key_separates_what_can_never_merge():
    base = make_record()
    assert block_key(base) == block_key(make_record(text="x", source="CHNGOV", cameo="0421"))
    assert block_key(base) != block_key(make_record(text="x", negated=True))
    assert block_key(base) != block_key(make_record(text="x", cameo="163"))


@pytest.mark.parametrize("a, b, ok", [
    ("042", "042", True), ("042", "0421", True), ("040", "046", True), ("04", "046", True),
    ("042", "046", False), ("040", "120", False), ("190", "193", True), ("193", "194", False),
])
def test_cameo_compatibility(a, b, ok):
    assert cameo_compatible(a, b) is ok


def test_stories_join_articles_reporting_a_common_event():
    a = make_coded("Envoy visit, outlet A.", [make_event(cameo="042")], outlet="A")
    b = make_coded("Envoy visit, outlet B.", [make_event(cameo="042")], outlet="B")
    c = make_coded("Unrelated sanctions.", [make_event("USA", "RUS", "163", "2017-11-02")], outlet="C")
    recs = a.events + b.events + c.events
    assign_canonical_ids(recs)
    stories = cluster_stories(story_docs_from_records(recs))
    assert stories[a.document.doc_id] == stories[b.document.doc_id] != stories[c.document.doc_id]


def test_stories_join_similar_articles_on_the_same_actors_and_days():
    text = "North Korea China envoy visit Pyongyang talks nuclear missile freeze"
    docs = [StoryDoc("d1", "2017-11-20", text + " Monday", {"CHN", "PRK"}),
            StoryDoc("d2", "2017-11-21", text + " Tuesday", {"CHN", "PRK"}),
            StoryDoc("d3", "2017-11-21", "Completely different words about football", {"CHN", "PRK"}),
            StoryDoc("d4", "2018-03-01", text, {"CHN", "PRK"})]
    s = cluster_stories(docs)
    assert s["d1"] == s["d2"] and len({s["d1"], s["d3"], s["d4"]}) == 3


def test_assign_canonical_ids_also_gives_story_ids():
    a = make_coded("Envoy visit, outlet A.", [make_event(cameo="042")], outlet="A")
    b = make_coded("Envoy visit, outlet B.", [make_event(cameo="042")], outlet="B")
    recs = assign_canonical_ids(a.events + b.events)
    assert recs[0]["story_id"] and recs[0]["story_id"] == recs[1]["story_id"]
