"""Dedup: one real-world event, many mentions -> one canonical_event_id — and two events
never one. Each merge criterion has its own cases: actors, codes, dates, content, status,
place, sentence. Sentences are written for these tests."""
from __future__ import annotations

import random

import pytest

from eventwire.dedup import (assign_canonical_ids, block_key, cameo_compatible, canonical_events,
                             cluster_stories, explain_event, key_words, StoryDoc,
                             story_docs_from_records)

from test_store_factory import make_coded, make_event, make_record

# Two reports of one visit, and a different event of the same dyad and day.
VISIT_A = "Chinese envoy Liu Jian arrived in Pyongyang for talks on the nuclear crisis."
VISIT_B = "Liu Jian, the special envoy, landed in Pyongyang to discuss the nuclear crisis."
OTHER = "A trade delegation signed a fisheries accord covering the Yellow Sea."


def same_event(a: dict, b: dict) -> bool:
    """Build two records in two articles (VISIT_A / VISIT_B unless given) and dedup them."""
    a = dict(a)
    b = dict(b)
    a.setdefault("sentence", VISIT_A)
    b.setdefault("sentence", VISIT_B)
    ra = make_record(text="Outlet one.", **a)
    rb = make_record(text="Outlet two.", **b)
    assign_canonical_ids([ra, rb])
    return ra["canonical_event_id"] == rb["canonical_event_id"]


@pytest.mark.parametrize("a, b", [
    # actors: the same dyad up to agent detail
    (dict(source="CHNGOV", target="PRKGOV"), dict(source="CHN", target="PRK")),
    # actors: the same person on both
    (dict(source="CHNGOV", source_person="liu-jian"), dict(source="CHNGOV", source_person="liu-jian")),
    # actors: a person and their country (agent detail only on one side)
    (dict(source="CHNGOV", source_person="liu-jian"), dict(source="CHN")),
    # actors: different agents, but the person of one is named in the other's sentence
    (dict(source="CHNPTY", source_person="liu-jian",
          sentence="Liu Jian of the party's liaison office is visiting Pyongyang over the nuclear crisis."),
     dict(source="CHNGOV", sentence="Beijing dispatched Liu Jian to Pyongyang amid the nuclear crisis.")),
    # codes: the same 3-digit base, more detail on one side
    (dict(cameo="042"), dict(cameo="0421")),
    # codes: the generic root-level code is compatible with the specific one
    (dict(cameo="040"), dict(cameo="042")),
    # codes: "A visits B" is "B hosts A"
    (dict(source="CHNGOV", target="PRK", cameo="042"), dict(source="PRK", target="CHNGOV", cameo="043")),
    # codes: meetings have no direction
    (dict(source="USA", target="CHN", cameo="040"), dict(source="CHN", target="USA", cameo="040")),
    # dates: a day apart (time zones, "yesterday")
    (dict(date="2017-11-17"), dict(date="2017-11-18")),
    # dates: a visit lasts days: two days apart is still the visit
    (dict(cameo="042", date="2017-11-17"), dict(cameo="042", date="2017-11-19")),
    # dates: a month-precision date stands for any day of its month
    (dict(date="2017-11-01", precision="month"), dict(date="2017-11-24")),
    # dates: an undated past-tense report may be about any day of the week before publication
    (dict(date="2017-11-17"), dict(date="2017-11-22", basis="publication")),
    # place: a missing place is compatible with any place
    (dict(location="PRK-Pyongyang"), dict(location=None)),
    # content: the same statement reported by two outlets the same day
    (dict(source="CHNGOV", target=None, cameo="010",
          sentence="The foreign ministry said the missile test breached three Security Council resolutions."),
     dict(source="CHN", target=None, cameo="012",
          sentence="China said the missile test breached Security Council resolutions and was regrettable.")),
])
def test_true_merges(a, b):
    assert same_event(a, b)


@pytest.mark.parametrize("a, b", [
    # actors: different countries on one side
    (dict(source="CHN"), dict(source="RUS")),
    # actors: two different persons
    (dict(source="USAGOV", source_person="tillerson"), dict(source="USAGOV", source_person="mattis")),
    # actors: government and military of one country, nobody named in both
    (dict(source="CHNGOV"), dict(source="CHNMIL")),
    # actors: a target known in one report and missing in the other
    (dict(target="PRK"), dict(target=None)),
    # actors: an unknown source never links two articles
    (dict(source=None), dict(source=None)),
    # codes: same dyad, same day, different events: a meeting and a sanction
    (dict(cameo="040"), dict(cameo="163")),
    # codes: same root, two different specific events: a visit and a negotiation
    (dict(cameo="042"), dict(cameo="046")),
    # codes: direction matters for non-symmetric events
    (dict(source="USA", target="PRK", cameo="163"), dict(source="PRK", target="USA", cameo="163")),
    # status: negated mentions never merge with asserted ones
    (dict(cameo="040"), dict(cameo="040", negated=True)),
    # status: a planned visit is not the visit
    (dict(cameo="042"), dict(cameo="042", modality="intended")),
    # dates: too far apart
    (dict(date="2017-11-10"), dict(date="2017-11-17")),
    # dates: short events get no multi-day window
    (dict(cameo="163", date="2017-11-17"), dict(cameo="163", date="2017-11-20")),
    # dates: even a visit is not three days apart
    (dict(cameo="042", date="2017-11-17"), dict(cameo="042", date="2017-11-20")),
    # dates: statements are quick: a day apart they are two statements
    (dict(source="CHNGOV", target=None, cameo="010", date="2017-11-15"),
     dict(source="CHNGOV", target=None, cameo="010", date="2017-11-16")),
    # dates: an undated statement in a report is about the day before publication at most
    (dict(cameo="010", date="2017-11-17"), dict(cameo="010", date="2017-11-22", basis="publication")),
    # dates: a publication-dated report is not about events after publication
    (dict(cameo="163", date="2017-11-25"), dict(cameo="163", date="2017-11-22", basis="publication")),
    # dates: a month-precision date outside the other's month
    (dict(date="2017-10-01", precision="month"), dict(date="2017-11-10")),
    # dates: a year is too vague to link two articles
    (dict(date="2017-01-01", precision="year"), dict(date="2017-11-17")),
    # place: places in different countries
    (dict(location="PRK-Pyongyang"), dict(location="CHN-Beijing")),
    # content: same dyad, code and day, but the clauses tell different things
    (dict(cameo="040"), dict(cameo="040", sentence=OTHER)),
    # content: one speaker, one day, two different statements
    (dict(source="USAGOV", source_person="trump", target=None, cameo="010",
          sentence="Trump said the tariffs on steel would stay until the talks succeed."),
     dict(source="USAGOV", source_person="trump", target=None, cameo="010",
          sentence="Trump said he would attend the summit in Hanoi next month.")),
    # content: a country's name shared is not the same statement
    (dict(source="USAGOV", source_person="obama", target=None, cameo="010",
          sentence="Obama said the North Korean missiles were a grave provocation."),
     dict(source="USAGOV", source_person="obama", target=None, cameo="010",
          sentence="Obama said allies would track North Korean missiles with radars.")),
])
def test_must_not_merge(a, b):
    assert not same_event(a, b)


def test_two_events_of_one_sentence_are_never_one():
    sentence = "Chinese and Russian envoys each met North Korean officials in Pyongyang."
    coded = make_coded("One article.", [
        make_event("CHN", "PRK", "040", sentence=sentence, verb={"text": "met", "lemma": "meet",
                                                                  "span": [30, 33]}),
        make_event("CHNGOV", "PRKGOV", "040", sentence=sentence, verb={"text": "met", "lemma": "meet",
                                                                        "span": [31, 34]}),
    ])
    assign_canonical_ids(coded.events)
    assert len({r["canonical_event_id"] for r in coded.events}) == 2


def test_a_later_mention_in_one_article_joins_its_event():
    coded = make_coded("One article.", [
        make_event(sentence=VISIT_A, sentence_index=0),
        make_event(sentence="The visit was the first in two years.", sentence_index=5),
    ])
    assign_canonical_ids(coded.events)
    assert len({r["canonical_event_id"] for r in coded.events}) == 1


@pytest.mark.parametrize("cameo, days, events", [
    # one article dating two attacks to two days tells two attacks ("... again on Tuesday")
    ("190", ("2017-11-17", "2017-11-18"), 2),
    ("190", ("2017-11-17", "2017-11-17"), 1),
    # a visit lasts days: "arrived on Monday ... on Tuesday the visit went on" is one visit
    ("042", ("2017-11-17", "2017-11-18"), 1),
])
def test_one_article_dating_two_mentions_to_two_days(cameo, days, events):
    coded = make_coded("One article.", [
        make_event("CHNMIL", "PRKMIL", cameo, date=days[0], sentence_index=0,
                   sentence="Chinese troops shelled North Korean border posts on Friday."),
        make_event("CHNMIL", "PRKMIL", cameo, date=days[1], sentence_index=4,
                   sentence="Chinese troops shelled the North Korean border posts again on Saturday."),
    ])
    assign_canonical_ids(coded.events)
    assert len({r["canonical_event_id"] for r in coded.events}) == events


def test_a_generic_mention_does_not_chain_two_different_events():
    visit = make_record(text="a", cameo="042", sentence=VISIT_A)
    talks = make_record(text="b", cameo="046", sentence=VISIT_B)
    consult = make_record(text="c", cameo="040", sentence=VISIT_B)
    assign_canonical_ids([visit, talks, consult])
    assert visit["canonical_event_id"] != talks["canonical_event_id"]
    assert consult["canonical_event_id"] in (visit["canonical_event_id"], talks["canonical_event_id"])


def test_dates_chain_no_further_than_the_window():
    recs = [make_record(text=f"day {d}", cameo="040", date=f"2017-11-{d:02d}",
                        sentence=VISIT_A if d % 2 else VISIT_B) for d in (1, 2, 3)]
    assign_canonical_ids(recs)
    assert len({r["canonical_event_id"] for r in recs}) == 2


def test_ids_do_not_depend_on_input_order():
    recs = [make_record(text=f"t{i}", cameo=c, date=d, sentence=s) for i, (c, d, s) in enumerate(
        [("042", "2017-11-17", VISIT_A), ("040", "2017-11-18", VISIT_B), ("046", "2017-11-17", VISIT_A),
         ("040", "2017-11-01", VISIT_B), ("163", "2017-11-17", OTHER), ("042", "2017-11-30", VISIT_B)])]
    assign_canonical_ids(recs)
    expected = {r["event_id"]: r["canonical_event_id"] for r in recs}
    for seed in range(5):
        shuffled = [dict(r) for r in recs]
        random.Random(seed).shuffle(shuffled)
        assign_canonical_ids(shuffled)
        assert {r["event_id"]: r["canonical_event_id"] for r in shuffled} == expected


def test_canonical_event_counts_mentions_sources_and_articles():
    one = make_coded("Wire A story.", [make_event(cameo="042", date="2017-11-17", sentence=VISIT_A),
                                       make_event(cameo="042", date="2017-11-17", sentence_index=4,
                                                  sentence=VISIT_B)],
                     outlet="Wire A")
    two = make_coded("Wire A follow-up.", [make_event(cameo="0421", date="2017-11-01",
                                                      precision="month", sentence=VISIT_B)],
                     outlet="Wire A")
    three = make_coded("Wire B story.", [make_event(source="CHN", cameo="040", date="2017-11-18",
                                                    sentence=VISIT_A)], outlet="Wire B")
    (ev,) = canonical_events(one.events + two.events + three.events)
    assert (ev["num_mentions"], ev["num_sources"], ev["num_articles"]) == (4, 2, 3)
    assert ev["date"] == "2017-11-17" and ev["date_precision"] == "day"  # earliest most precise
    assert ev["cameo"] == "0421" and ev["source"]["code"] == "CHNGOV"  # most specific coding


def test_explain_event_says_why_mentions_were_merged():
    a = make_record(text="Outlet one.", source="CHNGOV", source_person="liu-jian", sentence=VISIT_A)
    b = make_record(text="Outlet two.", source="CHN", date="2017-11-18", sentence=VISIT_B)
    assign_canonical_ids([a, b])
    (link,) = explain_event([a, b])
    assert link["across_articles"] is True
    assert "country level" in link["source"] and link["days_apart"] == 1
    assert link["code"] == "same CAMEO base 042"
    assert {"envoy", "nuclear", "crisis", "Pyongyang"} <= set(link["content"]["shared"])
    assert link["content"]["overlap"] >= link["content"]["min_overlap"]


def test_key_words_leave_out_the_dyad_time_and_reporting_words():
    rec = make_record(sentence="China said on Monday its envoy Liu Jian met officials in Pyongyang.",
                      target="PRK", verb={"text": "met", "lemma": "meet", "span": [5, 8]})
    words = key_words(rec)
    assert {"envoy", "liu", "jian", "pyongya"} <= words
    assert not words & {"china", "said", "monday", "met", "officia", "korea"}


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
    a = make_coded("Envoy visit, outlet A.", [make_event(cameo="042", sentence=VISIT_A)], outlet="A")
    b = make_coded("Envoy visit, outlet B.", [make_event(cameo="042", sentence=VISIT_B)], outlet="B")
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
    a = make_coded("Envoy visit, outlet A.", [make_event(cameo="042", sentence=VISIT_A)], outlet="A")
    b = make_coded("Envoy visit, outlet B.", [make_event(cameo="042", sentence=VISIT_B)], outlet="B")
    recs = assign_canonical_ids(a.events + b.events)
    assert recs[0]["story_id"] and recs[0]["story_id"] == recs[1]["story_id"]
