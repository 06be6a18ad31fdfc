"""Dyad series, network and contradictions on a small hand-made corpus with known answers."""
from __future__ import annotations

import pytest

from eventwire.analysis import dyad_chart, find_contradictions, proposals, stance
from eventwire.store import Store

from test_store_factory import make_coded, make_event


VISIT_A = "A Chinese delegation led by Wu Lin arrived in Pyongyang for consultations on trade."
VISIT_B = "Wu Lin's delegation reached Pyongyang for trade consultations."


def known_corpus():
    """Three weeks of CHN-PRK events (week of 2017-11-06 has none) plus a USA-PRK sanction.

    week 2017-10-30: visit (2 outlets, 3 mentions) + negotiation   -> 2 events, quad 1
    week 2017-11-13: CHN criticises PRK, PRK rejects CHN           -> 2 events, quad 3
    week 2017-11-20: aid CHN->PRK                                  -> 1 event, quad 2
    """
    return [
        make_coded("wire A, Oct 31", [
            make_event("CHNGOV", "PRKGOV", "042", "2017-10-31", sentence=VISIT_A),
            make_event("CHNGOV", "PRKGOV", "042", "2017-10-31", sentence_index=1, sentence=VISIT_B),
            make_event("PRKGOV", "CHNGOV", "046", "2017-11-01", sentence_index=2),
        ], outlet="A"),
        make_coded("wire B, Oct 31", [make_event("CHN", "PRK", "042", "2017-10-31",
                                                 sentence=VISIT_B)], outlet="B"),
        make_coded("wire A, Nov 14", [
            make_event("CHNGOV", "PRK", "111", "2017-11-14"),
            make_event("PRK", "CHN", "120", "2017-11-15", sentence_index=1),
            make_event("USAGOV", "PRK", "163", "2017-11-15", sentence_index=2),
            # background and negated events are not counted
            make_event("CHN", "PRK", "190", "1950-10-25", historical=True, sentence_index=3),
            make_event("CHN", "PRK", "040", "2017-11-16", negated=True, sentence_index=4),
        ], outlet="A"),
        make_coded("wire C, Nov 21", [make_event("CHN", "PRKGOV", "070", "2017-11-21")], outlet="C"),
    ]


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = str(tmp_path_factory.mktemp("analysis") / "ew.duckdb")
    with Store(path) as s:
        for c in known_corpus():
            s.add_coded(c)
        s.finalize()
    with Store(path, read_only=True) as s:
        yield s


def test_weekly_dyad_series(store):
    df = store.dyad_series("CHN", "PRK", by="week")
    assert [p.strftime("%Y-%m-%d") for p in df.period] == \
        ["2017-10-30", "2017-11-06", "2017-11-13", "2017-11-20"]
    assert list(df.events) == [2, 0, 2, 1]
    assert list(df.verbal_coop) == [2, 0, 0, 0]
    assert list(df.material_coop) == [0, 0, 0, 1]
    assert list(df.verbal_conflict) == [0, 0, 2, 0]
    assert list(df.material_conflict) == [0, 0, 0, 0]
    assert list(df.num_mentions) == [4, 0, 2, 1]
    assert list(df.goldstein_sum) == pytest.approx([1.9 + 7.0, 0, -2.0 - 4.0, 7.0])
    assert df.goldstein_mean[2] == pytest.approx(-3.0)


def test_directed_series_counts_one_direction(store):
    df = store.dyad_series("CHN", "PRK", by="month", directed=True)
    assert list(df.events) == [1, 2]  # Oct: the visit; Nov: criticism and aid


def test_full_codes_narrow_the_dyad(store):
    df = store.dyad_series("CHNGOV", "PRKGOV", by="day", directed=True)
    assert df.events.sum() == 1  # the visit only ("CHN" -> "PRKGOV" aid has no agent)


def test_historical_events_join_the_series_only_when_asked(store):
    assert store.dyad_series("CHN", "PRK", by="month", include_historical=True).events.sum() == 6


def test_empty_dyad_gives_an_empty_frame(store):
    df = store.dyad_series("JPN", "RUS")
    assert df.empty and "goldstein_mean" in df.columns


@pytest.mark.parametrize("ext", ["png", "svg"])
def test_dyad_chart_is_written(store, tmp_path, ext):
    out = tmp_path / f"chart.{ext}"
    dyad_chart(store.dyad_series("CHN", "PRK"), "CHN", "PRK", str(out))
    assert out.stat().st_size > 1000


def test_network_by_volume_and_by_conflict(store):
    vol = store.network(by="volume")
    assert vol.events.sum() == 6  # news events only: no background war, no denied meeting
    top = vol.iloc[0]  # equal event counts: the most mentioned first
    assert (top.source, top.target, top.mentions) == ("CHNGOV", "PRKGOV", 3)
    conflict = store.network(by="conflict")
    assert set(zip(conflict.source, conflict.target)) == {("CHNGOV", "PRK"), ("PRK", "CHN"),
                                                          ("USAGOV", "PRK")}
    assert conflict.iloc[0].source == "USAGOV"  # material conflict: the lowest Goldstein


@pytest.mark.parametrize("sentence, expected", [
    ("China's \u201cfreeze-for-freeze\u201d proposal was rejected.", ["freeze-for-freeze"]),
    ("Washington rejected the freeze-for-freeze idea.", ["freeze-for-freeze"]),
    ("Moscow backed the Chinese road map on Korea.", ["chinese plan"]),
    ("They met on Tuesday.", []),
])
def test_proposals_found_in_sentences(sentence, expected):
    assert proposals(sentence)[:1] == expected[:1]


@pytest.mark.parametrize("cameo, expected", [
    ("051", "support"), ("057", "support"), ("0311", "support"), ("020", "support"),
    ("120", "oppose"), ("1241", "oppose"), ("111", "oppose"), ("042", None), ("190", None),
])
def test_stance_of_cameo_codes(cameo, expected):
    assert stance(cameo) == expected


@pytest.mark.parametrize("cameo, sentence, expected", [
    ("010", "Both ministers insisted they would never accept a freeze-for-freeze deal.", "oppose"),
    ("010", "The spokesman called the freeze-for-freeze deal the most feasible plan.", "support"),
    ("010", "The spokesman described the freeze-for-freeze deal.", None),
    ("120", "They said the plan was feasible.", "oppose"),  # the code decides when it can
])
def test_stance_of_statements_comes_from_their_words(cameo, sentence, expected):
    assert stance(cameo, sentence) == expected


def test_a_statement_against_and_one_for_a_proposal_contradict():
    recs = [r for c in [
        make_coded("one", [make_event("USAGOV", None, "010", "2017-11-15", sentence="Its "
                                      "envoy said they could never accept any freeze-for-freeze bargain.")]),
        make_coded("two", [make_event("CHNGOV", None, "010", "2017-11-16", sentence="The "
                                      "\u201cfreeze-for-freeze\u201d deal is the most sensible plan.")]),
    ] for r in c.events]
    (found,) = find_contradictions(recs)
    assert (found["supporter"]["actor"], found["opponent"]["actor"]) == ("CHN", "USA")


def test_one_actor_changing_its_stance_is_a_reversal():
    recs = [r for c in [
        make_coded("one", [make_event("CHNGOV", None, "120", "2017-11-15",
                                      sentence="Beijing rejected the freeze-for-freeze idea.")]),
        make_coded("two", [make_event("CHN", None, "051", "2017-11-16",
                                      sentence="Beijing endorsed the freeze-for-freeze idea.")]),
    ] for r in c.events]
    (found,) = find_contradictions(recs)
    assert found["kind"] == "reversal" and found["supporter"]["actor"] == "CHN"


def test_contradiction_on_a_named_proposal():
    recs = [r for c in [
        make_coded("one", [make_event("CHNGOV", None, "051", sentence="China endorsed the "
                                      "freeze-for-freeze proposal again.")]),
        make_coded("two", [make_event("USAGOV", "CHN", "125", sentence="Washington rejected "
                                      "the freeze-for-freeze plan outright.")]),
        make_coded("three", [make_event("USAGOV", "PRK", "163", sentence="Sanctions followed.")]),
    ] for r in c.events]
    (found,) = find_contradictions(recs)
    assert found["kind"] == "proposal" and found["subject"] == "freeze-for-freeze"
    assert (found["supporter"]["actor"], found["opponent"]["actor"]) == ("CHN", "USA")


def test_same_actor_on_both_sides_the_same_day_is_no_contradiction():
    recs = [r for c in [
        make_coded("one", [make_event("CHNGOV", None, "051", sentence="It backs the "
                                      "freeze-for-freeze idea.")]),
        make_coded("two", [make_event("CHN", None, "120", sentence="It rejects the "
                                      "freeze-for-freeze idea.")]),
    ] for r in c.events]
    assert find_contradictions(recs) == []


def test_a_denied_event_contradicts_a_report_of_it(store):
    recs = [r for c in [
        make_coded("one", [make_event("USAGOV", "PRKGOV", "040", "2017-11-20")], outlet="A"),
        make_coded("two", [make_event("USAGOV", "PRKGOV", "040", "2017-11-20", negated=True)],
                   outlet="B"),
    ] for r in c.events]
    (found,) = find_contradictions(recs)
    assert found["kind"] == "event" and found["opponent"]["negated"] is True


def test_contradictions_from_the_store(store):
    # The store corpus has a negated CHN-PRK meeting but no asserted one: nothing to report.
    assert store.contradictions() == []


# ------------------------------------------------------------------ date precision

@pytest.fixture(scope="module")
def vague_store(tmp_path_factory):
    """Two day-dated JPN-KOR events in November 2017, and three known only to the month
    (two in November, one in December) or the year (2017)."""
    path = str(tmp_path_factory.mktemp("vague") / "ew.duckdb")
    with Store(path) as s:
        s.add_coded(make_coded("day dated", [
            make_event("JPN", "KOR", "036", "2017-11-14"),
            make_event("JPN", "KOR", "111", "2017-11-22", sentence_index=1)]))
        s.add_coded(make_coded("month dated", [
            make_event("JPN", "KOR", "040", "2017-11-01", precision="month"),
            make_event("KOR", "JPN", "120", "2017-11-01", precision="month", sentence_index=1,
                       sentence="Seoul turned down the request made that month."),
            make_event("JPN", "KOR", "070", "2017-12-01", precision="month", sentence_index=2)]))
        s.add_coded(make_coded("year dated", [make_event("JPN", "KOR", "163", "2017-01-01",
                                                         precision="year")]))
        s.finalize()
    with Store(path, read_only=True) as s:
        yield s


def test_month_precision_events_are_kept_apart_from_the_weeks(vague_store):
    df = vague_store.dyad_series("JPN", "KOR", by="week")
    weeks = df[df.dated_to == "period"]
    # the weeks hold the day-dated events only: nothing piles up on November 1
    assert [p.strftime("%Y-%m-%d") for p in weeks.period] == ["2017-11-13", "2017-11-20"]
    assert list(weeks.events) == [1, 1]
    months = df[df.dated_to == "month"]
    assert [(p.strftime("%Y-%m"), n) for p, n in zip(months.period, months.events)] == \
        [("2017-11", 2), ("2017-12", 1)]
    assert list(df[df.dated_to == "year"].events) == [1]
    assert df.events.sum() == 6  # every event counted once


def test_by_month_month_precision_events_are_in_their_month(vague_store):
    df = vague_store.dyad_series("JPN", "KOR", by="month")
    months = df[df.dated_to == "period"]
    assert [(p.strftime("%Y-%m"), n) for p, n in zip(months.period, months.events)] == \
        [("2017-11", 4), ("2017-12", 1)]
    assert list(df[df.dated_to == "year"].events) == [1]


def test_chart_shows_month_precision_apart(vague_store, tmp_path):
    out = tmp_path / "chart.svg"
    dyad_chart(vague_store.dyad_series("JPN", "KOR", by="day"), "JPN", "KOR", str(out), by="day")
    svg = out.read_text(encoding="utf-8")
    assert "2 in Nov 2017" in svg and "dated to the month/year only" in svg
    assert "2017-11-01" not in svg  # no bar on the 1st


# ------------------------------------------------------------------ contradictions, in general
# Real-world disagreements, in sentences written for these tests: the detector knows none
# of these proposals.

def _claims(*specs):
    """(source, cameo, date, sentence) -> records, one article each."""
    return [r for i, (src, cameo, date, sentence) in enumerate(specs)
            for r in make_coded(f"article {i}", [make_event(src, None, cameo, date,
                                                            sentence=sentence)]).events]


@pytest.mark.parametrize("subject, support, oppose", [
    ("minsk agreement",
     ("RUSGOV", "051", "2015-03-02", "Moscow endorsed the Minsk agreement as the basis for peace in Donbas."),
     ("UKRGOV", "010", "2015-03-05", "Kyiv said it would not accept the Minsk accords as Moscow reads them.")),
    ("two-state solution",
     ("IGOEU", "051", "2014-07-10", "EU ministers reaffirmed their backing for the two-state solution."),
     ("ISRGOV", "120", "2014-07-12", "The Israeli cabinet rejected the two-state solution during the war.")),
    ("dual suspension",
     ("CHNGOV", "010", "2017-07-04", "Beijing said the “dual suspension” proposal is the most realistic path."),
     ("USAGOV", "125", "2017-07-06", "Washington dismissed the “dual suspension” idea out of hand.")),
    ("joint comprehensive plan of action",
     ("IRNGOV", "051", "2018-05-01", "Tehran praised the Joint Comprehensive Plan of Action once more."),
     ("USAGOV", "111", "2018-05-08", "The White House denounced the Joint Comprehensive Plan of Action.")),
    ("paris climate agreement",
     ("FRAGOV", "051", "2017-06-01", "Paris championed the Paris climate accord after the summit."),
     ("USAGOV", "161", "2017-06-01", "Washington walked away from the Paris climate agreement.")),
])
def test_opposite_stances_on_any_named_proposal(subject, support, oppose):
    found = [c for c in find_contradictions(_claims(support, oppose)) if c["kind"] == "proposal"]
    assert [(c["subject"], c["supporter"]["actor"], c["opponent"]["actor"]) for c in found] == \
        [(subject, support[0][:3], oppose[0][:3])]


def test_stances_years_apart_are_no_contradiction():
    recs = _claims(("RUSGOV", "051", "2015-03-02", "Moscow endorsed the Minsk agreement again."),
                   ("UKRGOV", "120", "2019-11-20", "Kyiv rejected the Minsk agreement outright."))
    assert find_contradictions(recs) == []
    assert len(find_contradictions(recs, window_days=5 * 365)) == 1


def test_a_plan_without_a_name_is_no_subject():
    recs = _claims(("RUSGOV", "051", "2015-03-02", "Moscow endorsed the plan."),
                   ("UKRGOV", "120", "2015-03-03", "Kyiv rejected the plan."))
    assert find_contradictions(recs) == []


def test_contradictions_from_coded_articles(tmp_path):
    """Stance comes from the coder's events: endorse (05x) vs reject (12x), any proposal."""
    from eventwire.cli import main

    texts = ["Russia endorsed the Minsk agreement on Monday.",
             "Ukraine rejected the Minsk agreement on Tuesday.",
             'China praised the "dual suspension" proposal on Monday.',
             'The United States dismissed the "dual suspension" proposal on Tuesday.']
    for i, t in enumerate(texts):
        (tmp_path / f"a{i}.txt").write_text(t, encoding="utf-8")
    db = str(tmp_path / "ew.duckdb")
    assert main(["ingest", str(tmp_path), "--db", db, "--published", "2017-11-22"]) == 0
    with Store(db, read_only=True) as s:
        found = {(c["subject"], c["supporter"]["actor"], c["opponent"]["actor"])
                 for c in s.contradictions() if c["kind"] == "proposal"}
    assert found == {("minsk agreement", "RUS", "UKR"), ("dual suspension", "CHN", "USA")}
