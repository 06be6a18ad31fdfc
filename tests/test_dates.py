"""When did it happen? Time expressions and event dates (issues 5 and 15).

Publication date of the seed-like sentences: Wednesday 2017-11-22. Every sentence here
is our own; the date stage's rules are in docs/time-place.md.
"""
from __future__ import annotations

import sys
import types

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sentence_events import make_event

from eventwire.dates import (TimeComponent, find_dates, is_historical, period_end,
                             resolve_event_date)

PUB = "2017-11-22"


def first_date(text, published=PUB, anchor=None):
    exprs = [x for x in find_dates(text, published, anchor) if not x.citation]
    assert exprs, f"no date found in {text!r}"
    return exprs[0]


# ---------------------------------------------------------------- absolute dates
@pytest.mark.parametrize("text, published, date, precision, historical", [
    # day-month without a year: the year nearest the publication date (on/before it)
    ("The envoy arrived in Pyongyang on November 17.", PUB, "2017-11-17", "day", False),
    ("Trump said Wednesday 15th November that the deal was dead.", PUB, "2017-11-15", "day", False),
    ("The ministry said on Thursday 16th November that talks were best.", PUB, "2017-11-16", "day", False),
    ("Talks took place on May 19.", PUB, "2017-05-19", "day", True),
    ("Officials met on Sept. 3 in Seoul.", PUB, "2017-09-03", "day", True),
    ("The envoy visited on December 28.", "2018-01-03", "2017-12-28", "day", False),
    ("Talks were held on December 30.", "2017-01-05", "2016-12-30", "day", False),
    ("The ceremony is planned for January 10.", "2018-01-03", "2018-01-10", "day", False),
    ("The ministry said the vote will happen on December 3.", PUB, "2017-12-03", "day", False),
    ("Tokyo will send an envoy to Hanoi on November 17.", "2017-11-15", "2017-11-17", "day", False),
    ("Tokyo announced it will send an envoy to Hanoi on November 17.", PUB, "2017-11-17", "day", False),
    ("Talks ran on 9 November in Geneva.", PUB, "2017-11-09", "day", False),
    # full dates in every common news form
    ("Sanctions were announced on Nov. 21, 2017.", PUB, "2017-11-21", "day", False),
    ("Sanctions were announced on November 21, 2017.", PUB, "2017-11-21", "day", False),
    ("Sanctions were announced on 21 November 2017.", PUB, "2017-11-21", "day", False),
    ("Elections were held on the 9th of May 2017.", PUB, "2017-05-09", "day", True),
    ("The report was filed on 21/11/2017.", PUB, "2017-11-21", "day", False),
    ("The report was filed on 21.11.2017.", PUB, "2017-11-21", "day", False),
    ("Talks resumed on 11/21/2017 in Geneva.", PUB, "2017-11-21", "day", False),
    ("The report was filed on 2017-11-21.", PUB, "2017-11-21", "day", False),
    ("The armistice was signed on 27 July 1953.", PUB, "1953-07-27", "day", True),
    ("The armistice was signed on July 27, 1953.", PUB, "1953-07-27", "day", True),
    ("The rocket flew on Dec. 12, 2012.", PUB, "2012-12-12", "day", True),
    ("The statement came on Tuesday, November 21, 2017.", PUB, "2017-11-21", "day", False),
    # months and years: precision says how much the text knows
    ("The rocket was launched in December 2012.", PUB, "2012-12-01", "month", True),
    ("A nuclear test followed in February 2013.", PUB, "2013-02-01", "month", True),
    ("The sanctions took effect in September 2017.", PUB, "2017-09-01", "month", False),
    ("The last visit was in November, 2015.", PUB, "2015-11-01", "month", True),
    ("It happened in December of 2012.", PUB, "2012-12-01", "month", True),
    ("He met the envoy in May.", PUB, "2017-05-01", "month", True),
    ("He met the envoy last May.", PUB, "2017-05-01", "month", True),
    ("He will visit Seoul in March.", PUB, "2018-03-01", "month", False),
    ("The parade was held in 2015.", PUB, "2015-01-01", "year", True),
    ("Relations have been tense since 2011.", PUB, "2011-01-01", "year", True),
    ("The embassy reopened in early 2016.", PUB, "2016-01-01", "year", True),
    ("The treaty dates from 1961.", PUB, "1961-01-01", "year", True),
    ("China tested a bomb in 1964.", PUB, "1964-01-01", "year", True),
    ("In 2016, Song met his counterpart.", PUB, "2016-01-01", "year", True),
    ("Building began in 1970 but stopped fifteen years later in 1985.", PUB, "1970-01-01", "year", True),
    # ranges and decades: the date is the start, with year precision
    ("The famine lasted from 1958 to 1962.", PUB, "1958-01-01", "year", True),
    ("The campaign (1958–1962) ruined the economy.", PUB, "1958-01-01", "year", True),
    ("The campaign ran between 1966 and 1976.", PUB, "1966-01-01", "year", True),
    ("The famine (1959-61) killed millions.", PUB, "1959-01-01", "year", True),
    ("Such tests were common in the 1960s.", PUB, "1960-01-01", "year", True),
    ("Elections were rigged in the late 1980s.", PUB, "1987-01-01", "year", True),
    ("He grew up in the mid-1950s.", PUB, "1954-01-01", "year", True),
    ("Talks ran on November 15-17.", PUB, "2017-11-15", "day", False),
    ("The 2013 nuclear test angered Beijing.", PUB, "2013-01-01", "year", True),
    ("Growth slowed in mid-2016.", PUB, "2016-01-01", "year", True),
    ("Talks stalled in mid-November.", PUB, "2017-11-01", "month", False),
    ("SEOUL, Nov 21 (Reuters) - North Korea fired a missile.", PUB, "2017-11-21", "day", False),
])
def test_absolute_dates(text, published, date, precision, historical):
    x = first_date(text, published)
    assert (x.date, x.precision, x.kind) == (date, precision, "absolute")
    assert is_historical(x.date, x.precision, published, 60, x.end) is historical


# ---------------------------------------------------------------- relative dates
@pytest.mark.parametrize("text, published, date, precision, historical", [
    ("North Korea fired a missile yesterday.", PUB, "2017-11-21", "day", False),
    ("The ministry speaks today.", PUB, "2017-11-22", "day", False),
    ("The delegation arrives tomorrow.", PUB, "2017-11-23", "day", False),
    ("The attack happened last night.", PUB, "2017-11-21", "day", False),
    ("The envoy met officials on Tuesday.", PUB, "2017-11-21", "day", False),
    ("The envoy met officials on Wednesday.", PUB, "2017-11-22", "day", False),
    ("The delegation arrived on Friday.", PUB, "2017-11-17", "day", False),
    ("The envoy will meet officials on Friday.", PUB, "2017-11-24", "day", False),
    ("The envoy met officials last Wednesday.", PUB, "2017-11-15", "day", False),
    ("The envoy meets officials next Monday.", PUB, "2017-11-27", "day", False),
    ("The minister resigned three days ago.", PUB, "2017-11-19", "day", False),
    ("Protests broke out last week.", PUB, "2017-11-01", "month", False),
    ("The envoy's trip happens this week.", PUB, "2017-11-01", "month", False),
    ("Prices rose this month.", PUB, "2017-11-01", "month", False),
    ("Protesters marched earlier this month.", PUB, "2017-11-01", "month", False),
    ("Troops withdrew last month.", PUB, "2017-10-01", "month", False),
    ("Talks will resume next month.", PUB, "2017-12-01", "month", False),
    ("Last week the border closed.", "2017-11-02", "2017-10-01", "month", False),
    ("In recent days China has signalled a change.", PUB, "2017-11-01", "month", False),
    ("The border was closed earlier this year.", PUB, "2017-01-01", "year", False),
    ("Talks collapsed last year.", PUB, "2016-01-01", "year", True),
    ("Late last year the talks failed.", PUB, "2016-01-01", "year", True),
    ("The summit will be held next year.", PUB, "2018-01-01", "year", False),
    ("The law passed two years ago.", PUB, "2015-01-01", "year", True),
    ("The envoy last came a decade ago.", PUB, "2007-01-01", "year", True),
    ("The channel closed six months ago.", PUB, "2017-05-01", "month", True),
])
def test_relative_dates_count_from_publication(text, published, date, precision, historical):
    x = first_date(text, published)
    assert (x.date, x.precision, x.kind) == (date, precision, "relative")
    assert is_historical(x.date, x.precision, published, 60, x.end) is historical


@pytest.mark.parametrize("text, date, precision", [
    # anaphoric expressions count from the previous date of the discourse
    ("The talks began on March 3, 2016. One day later, the envoy left.", "2016-03-04", "day"),
    ("The visit began on 14 November 2017. The next day, the envoy met Choe.", "2017-11-15", "day"),
    ("The launch came in December 2012. The test came two months later.", "2013-02-01", "month"),
    ("Xi was elected in December 2012. A rocket launch followed that same month.", "2012-12-01", "month"),
    ("The treaty was signed in 1991. A year later it collapsed.", "1992-01-01", "year"),
    ("Talks failed on June 3, 2014. The previous day, troops had massed.", "2014-06-02", "day"),
    # the precision never gets finer than the anchor's
    ("The test came in February 2013. One day later Seoul protested.", "2013-02-01", "month"),
    # an absolute date right after the relative one says it exactly
    ("Trump spoke on Wednesday 15th November. One day later on Thursday 16th November, Geng replied.",
     "2017-11-16", "day"),
])
def test_anchored_dates_count_from_the_previous_date(text, date, precision):
    x = [x for x in find_dates(text, PUB) if not x.citation][-1]
    assert (x.date, x.precision) == (date, precision)


def test_citation_dates_are_not_anchors():
    text = "Talks began on March 3, 2016 (Xinhua, May 5, 2016). One day later, the envoy left."
    assert find_dates(text, PUB)[-1].date == "2016-03-04"


@pytest.mark.parametrize("published, date", [
    ("2017-11-22T08:30:00Z", "2017-11-21"), ("2017-11-22 08:30", "2017-11-21"),
    ("22 Nov 2017", None), ("2017-13-45", None),
])
def test_publication_timestamps_are_read_as_their_day(published, date):
    got = find_dates("Troops fired yesterday.", published)
    assert [x.date for x in got] == ([date] if date else [])


@pytest.mark.parametrize("text, published, date", [
    ("LAGOS, March 7 (Xinhua) -- Three soldiers were wounded, the army said Saturday.",
     "2020-06-15", "2020-03-07"),
    ("SEOUL, Nov 14 (Reuters) - North Korea fired a missile yesterday.", PUB, "2017-11-13"),
    # a dateline after the publication date is not trusted
    ("SEOUL, Nov 30 (Reuters) - North Korea fired a missile yesterday.", PUB, "2017-11-21"),
    # a date that is not a dateline changes nothing
    ("Seoul was calm on Nov 14 - and North Korea fired a missile yesterday.", PUB, "2017-11-21"),
])
def test_a_dateline_is_the_reference_of_its_story(text, published, date):
    relative = [x for x in find_dates(text, published) if x.kind == "relative"]
    assert relative[-1].date == date


def test_anchor_argument_sets_the_first_discourse_date():
    assert first_date("One day later, the envoy left.", PUB, anchor="2017-11-15").date == "2017-11-16"


@pytest.mark.parametrize("text, cited", [
    ("Talks stalled (Korea Times, November 20).", [True]),
    ("Song met Moon's envoy in May (Xinhua, May 19).", [False, True]),
    ("He tested a bomb in 1960 (Le Monde, March 2, 2009; Asahi, April 4).", [False, True, True]),
    ("The campaign (1958–1962) ruined the economy.", [False]),
    ("No signs of a thaw (see also Jamestown, October 11).", [True]),
])
def test_parenthesised_source_citations_are_flagged(text, cited):
    assert [x.citation for x in find_dates(text, PUB)] == cited


@pytest.mark.parametrize("text, start, end", [
    ("The campaign (1958–1962) ruined the economy.", "1958-01-01", "1962-12-31"),
    ("Such tests were common in the 1960s.", "1960-01-01", "1969-12-31"),
    ("Protests broke out last week.", "2017-11-13", "2017-11-19"),
    ("Talks ran on November 15-17.", "2017-11-15", "2017-11-17"),
])
def test_ranges_carry_start_and_end(text, start, end):
    x = first_date(text)
    assert (x.start, x.end) == (start, end)


def test_spans_point_at_the_text():
    text = "Xi met Park in 2013 and Moon on Nov. 21, 2017."
    assert [text[a:b] for a, b in (x.span for x in find_dates(text, PUB))] == ["2013", "Nov. 21, 2017"]


@pytest.mark.parametrize("text", [
    "The 19th National Congress opened.",
    "The troops may march on the capital.",
    "It fired 2013 rounds of ammunition.",
    "Volume: 17 Issue: 15",
    "Its first congress in 36 years.",
    "The 2000 troops crossed the river.",
    "Troops march toward the capital in May Day celebrations of 800 workers",
])
def test_no_false_dates(text):
    assert find_dates(text, PUB) == []


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(list("0123456789 -/.,()") + [
    "May ", "November ", "in ", "Tuesday ", "one day later ", "the 1960s ", "2013", "ago ",
    "last week ", "th ", "of "]), max_size=25).map("".join))
def test_find_dates_never_fails_and_dates_are_valid(text):
    for x in find_dates(text, PUB):
        assert text[x.span[0]:x.span[1]] == x.text
        if x.date is None:   # "in the past" (vague), "one day after" (an offset)
            assert x.kind in ("vague", "offset")
            continue
        assert x.precision in ("day", "month", "year")
        assert period_end(x.date, x.precision) >= x.date


@pytest.mark.parametrize("date, precision, end", [
    ("2012-12-01", "month", "2012-12-31"), ("2015-01-01", "year", "2015-12-31"),
    ("2016-02-01", "month", "2016-02-29"), ("2017-11-17", "day", "2017-11-17"),
])
def test_period_end(date, precision, end):
    assert period_end(date, precision) == end


@pytest.mark.parametrize("date, precision, days, historical", [
    ("2017-09-22", "day", 60, True),       # 61 days before publication
    ("2017-09-23", "day", 60, False),      # exactly 60 days
    ("2017-11-01", "month", 60, False),    # "this month" is never historical
    ("2017-09-01", "month", 60, False),    # September ends within 60 days
    ("2017-05-01", "month", 60, True),
    ("2017-01-01", "year", 60, False),     # "in 2017": the year is not over
    ("2016-01-01", "year", 60, True),
    ("2017-08-01", "day", 180, False),     # configurable window
])
def test_historical_compares_the_end_of_the_period(date, precision, days, historical):
    assert is_historical(date, precision, PUB, days) is historical


# ---------------------------------------------------------------- event dates
@pytest.fixture(scope="module")
def nlp(bare_nlp):
    return bare_nlp


@pytest.mark.parametrize("text, verb, target, date, precision, basis, historical", [
    # the seed articles' background events, in sentences of our own
    ("Putin met Angela Merkel in 2013 and Emmanuel Macron in 2017.",
     "met", "Angela Merkel", "2013-01-01", "year", "text", True),
    ("Putin met Angela Merkel in 2013 and Emmanuel Macron in 2017.",
     "met", "Emmanuel Macron", "2017-01-01", "year", "text", False),
    ("Kim had his uncle executed in 2013.", "executed", "uncle", "2013-01-01", "year", "text", True),
    ("This incident was followed by a missile test in March 2014.",
     "followed", None, "2014-03-01", "month", "text", True),
    ("Xi was elected leader in December 2012. Kim greeted him with a rocket launch that same month.",
     "greeted", "him", "2012-12-01", "month", "text", True),
    ("In 2015, Liu Yunshan watched the parade with Kim Jong-un.",
     "watched", "Kim Jong-un", "2015-01-01", "year", "text", True),
    ("In 2016, Song met with his counterpart in Beijing. The counterpart then briefed Xi on the congress.",
     "briefed", "Xi", "2016-01-01", "year", "text", True),
    ("In 2016, Song met with his counterpart in Beijing.\n\nThe counterpart then briefed Xi on the congress.",
     "briefed", "Xi", PUB, "day", "publication", False),
    ("France tested a bomb in 1960 (Le Monde, March 2, 2009).",
     "tested", "bomb", "1960-01-01", "year", "text", True),
    ("Song met the envoy of President Moon in May (Xinhua, May 19).",
     "met", "envoy", "2017-05-01", "month", "text", True),
    ("Moscow launched projects between the Thaw (1956–1964) and the Brezhnev era.",
     "launched", "projects", "1956-01-01", "year", "text", True),
    ("Work on the dam began in 1970 but it was only completed fifteen years later in 1985.",
     "completed", None, "1985-01-01", "year", "text", True),
    ("Work on the dam began in 1970 but it was only completed fifteen years later in 1985.",
     "began", None, "1970-01-01", "year", "text", True),
    # the seed articles' current events
    ("Macron said on Wednesday 15th November that Paris and Berlin agreed on the plan.",
     "said", None, "2017-11-15", "day", "text", False),
    ("Macron said on Wednesday 15th November that Paris and Berlin agreed on the plan.",
     "agreed", None, "2017-11-15", "day", "text", False),
    ("Macron spoke on Wednesday 15th November. One day later, the Kremlin rejected the proposal.",
     "rejected", "proposal", "2017-11-16", "day", "text", False),
    ("Tokyo announced it will send an envoy to Vietnam on November 17.",
     "send", "Vietnam", "2017-11-17", "day", "text", False),
    # the announcement is not dated by its complement clause (a date binds to its clause)
    ("Tokyo announced it will send an envoy to Vietnam on November 17.",
     "announced", None, PUB, "day", "publication", False),
    ("On November 21, the Treasury announced new sanctions against North Korea.",
     "announced", "North Korea", "2017-11-21", "day", "text", False),
    ("Airlines ceased flights between Beijing and Pyongyang on November 22.",
     "ceased", None, "2017-11-22", "day", "text", False),
    ("The envoy met Choe Ryong-hae in Pyongyang on Friday.",
     "met", "Choe Ryong-hae", "2017-11-17", "day", "text", False),
    ("The envoy's trip to North Korea took place this week.",
     "took", None, "2017-11-01", "month", "text", False),
    ("Protesters marched in Seoul earlier this month.", "marched", None, "2017-11-01", "month", "text", False),
    ("North Korea fired a missile yesterday.", "fired", "missile", "2017-11-21", "day", "text", False),
    # citations and dateless sentences: the publication date, said so
    ("The Treasury announced new sanctions (Treasury, November 21).",
     "announced", "sanctions", PUB, "day", "publication", False),
    ("China sent an envoy to North Korea.", "sent", "envoy", PUB, "day", "publication", False),
    ("The minister returned to Ankara without meeting Putin.", "returned", None, PUB, "day", "publication", False),
    # a past date does not scope a present-tense statement
    ("In 2013 Xi met Park. China now supports the sanctions.",
     "supports", "sanctions", PUB, "day", "publication", False),
    ("In 2013, Xi met Park, and China now supports the sanctions.",
     "supports", "sanctions", PUB, "day", "publication", False),
    ("The junta's decisions have been viewed as hostile since 2014.",
     "viewed", None, "2014-01-01", "year", "text", True),
    ("North Korea will test a missile, Seoul said in 2013.", "test", "missile", PUB, "day",
     "publication", False),
    # the end of the period decides "historical"
    ("Officials met in May 2017.", "met", None, "2017-05-01", "month", "text", True),
    ("Officials met in September 2017.", "met", None, "2017-09-01", "month", "text", False),
    ("The talks collapsed two years ago.", "collapsed", None, "2015-01-01", "year", "text", True),
    ("Talks will resume next month.", "resume", None, "2017-12-01", "month", "text", False),
])
def test_event_date(nlp, text, verb, target, date, precision, basis, historical):
    doc = nlp(text)
    got = resolve_event_date(doc, make_event(doc, verb, target), PUB)
    assert got == {"date": date, "date_precision": precision, "date_basis": basis,
                   "historical": historical}


@pytest.mark.parametrize("days, historical", [(60, True), (180, False)])
def test_historical_days_is_configurable(nlp, days, historical):
    doc = nlp("Officials met on August 1, 2017.")
    assert resolve_event_date(doc, make_event(doc, "met"), PUB, days)["historical"] is historical


@pytest.mark.parametrize("text, date, precision, basis", [
    ("China sent an envoy.", None, "unknown", None),
    ("China sent an envoy in 2013.", "2013-01-01", "year", "text"),
])
def test_without_publication_date(nlp, text, date, precision, basis):
    doc = nlp(text)
    got = resolve_event_date(doc, make_event(doc, "sent"), None)
    assert (got["date"], got["date_precision"], got["date_basis"], got["historical"]) == \
        (date, precision, basis, False)


# ---------------------------------------------------------------- the component
def _component_run(nlp, text, events, published=PUB):
    from eventwire.nlp import ensure_extensions
    ensure_extensions()
    doc = nlp(text)
    doc._.published = published
    doc._.events = [make_event(doc, *e) for e in events]
    return TimeComponent(nlp, "eventwire_time", 60)(doc)


def test_component_fills_every_event(nlp):
    doc = _component_run(nlp, "Putin met Angela Merkel in 2013 and Emmanuel Macron in 2017.",
                         [("met", "Angela Merkel"), ("met", "Emmanuel Macron")])
    assert [(e["date"], e["historical"]) for e in doc._.events] == \
        [("2013-01-01", True), ("2017-01-01", False)]


def test_component_recodes_people_by_event_date(nlp, monkeypatch):
    calls = []

    class FakeResolver:
        def recode_for_date(self, actor, date, precision=None):
            calls.append((actor["actor_id"], date))
            return dict(actor, code="DEUGOV")

    fake = types.ModuleType("eventwire.actors.resolver")
    fake.get_resolver = lambda: FakeResolver()
    monkeypatch.setitem(sys.modules, "eventwire.actors.resolver", fake)
    from eventwire.nlp import ensure_extensions
    ensure_extensions()
    doc = nlp("Putin met Angela Merkel in 2013.")
    doc._.published = PUB
    ev = make_event(doc, "met", "Angela Merkel")
    ev["target"].update(actor_id="person:angela-merkel", code="DEUELI")
    doc._.events = [ev]
    TimeComponent(nlp, "eventwire_time", 60)(doc)
    assert calls == [("person:angela-merkel", "2013-01-01")]
    assert doc._.events[0]["target"]["code"] == "DEUGOV"


# ---------------------------------------------------------------- the seed articles
@pytest.fixture(scope="module")
def seed_docs(seed_paths, pipeline):
    """Both seed articles through the full pipeline, published 2017-11-22."""
    from eventwire.nlp import make_doc
    return [pipeline(make_doc(pipeline, p.read_text(encoding="utf-8"), published=PUB))
            for p in seed_paths]


def test_seed_articles_events_dated_by_their_text(seed_docs):
    events = [(doc, ev) for doc in seed_docs for ev in (doc._.events or [])]
    if not events:
        pytest.skip("eventwire_events yields no events yet")
    for doc, ev in events:
        if ev["date"] and ev["date"] > PUB:   # only plans and conditions lie ahead
            assert ev["modality"] in ("intended", "hypothetical"), ev["sentence"]
        if ev["date"] and ev["date"][:4] < "2017":
            assert ev["historical"] is True, ev["sentence"]
        if ev["date_basis"] == "publication":
            assert (ev["date"], ev["historical"]) == (PUB, False)
        if ev["date_basis"] == "text" and ev["date"]:
            # a text date comes from the event's own sentence, or (by inheritance,
            # offset or continuation) from the sentence before it at most
            sents = list(doc.sents)
            k = next(i for i, s in enumerate(sents) if s.start_char <= ev["span"][0] < s.end_char)
            lo = sents[max(0, k - 1)].start_char
            near = [x for x in find_dates(doc.text, PUB) if lo <= x.span[0] < sents[k].end_char]
            assert near, ev["sentence"]


# ---------------------------------------------------------------- issue 15: date scope
# Publication dates below: Wednesday 2023-06-14 unless a case says otherwise.
WED = "2023-06-14"


def _date(nlp, text, verb, published=WED, modality=None, target=None):
    doc = nlp(text)
    got = resolve_event_date(doc, make_event(doc, verb, target, modality), published)
    return got["date"], got["date_precision"], got["date_basis"], got["historical"]


@pytest.mark.parametrize("text, verb, date, precision, basis", [
    # a date binds to its own sentence: the next sentence's date is not this event's
    ("In March, the court approved the merger. In October, the opposition appealed the ruling.",
     "approved", "2023-03-01", "month", "text"),
    ("In March, the court approved the merger. In October, the opposition appealed the ruling.",
     "appealed", "2022-10-01", "month", "text"),
    ("The army shelled the village in May. Aid agencies condemned the attack.",
     "condemned", WED, "day", "publication"),
    ("Rebels seized the airport on Monday. The government denies losing control.",
     "denies", WED, "day", "publication"),
    ("Rebels seized the airport on Monday.\n\nThey looted the terminal.",
     "looted", WED, "day", "publication"),
    # ... nor the date of a relative clause, of a subordinate clause or of a noun
    ("Portugal, which holds the presidency this year, urged Moscow to pull back.",
     "urged", WED, "day", "publication"),
    ("The group claimed the bombing, saying it avenged a raid on its camp last week.",
     "claimed", WED, "day", "publication"),
    ("The minister accused the rebels of plotting unrest before the election next month.",
     "accused", WED, "day", "publication"),
    ("The ministry rejected claims that the payment was linked to the envoy's meeting on Tuesday.",
     "rejected", WED, "day", "publication"),
    ("The UN condemned Sunday's rocket launch.", "condemned", WED, "day", "publication"),
    ("The UN condemned Sunday's rocket launch.", "launch", "2023-06-11", "day", "text"),
    # ... but a governing clause's date reaches down into the clauses it governs
    ("The ministry said on Tuesday that troops had withdrawn from the border.",
     "withdrawn", "2023-06-13", "day", "text"),
    ("On Monday police raided the offices and arrested three editors.",
     "arrested", "2023-06-12", "day", "text"),
    ("Moscow agreed in 2007 to supply the missiles.", "supply", "2007-01-01", "year", "text"),
    ("Officials held talks on Tuesday in Vienna.", "talks", "2023-06-13", "day", "text"),
    # ... and an -ing participle on its object acts when the verb does
    ("On Monday, the ministry issued a statement condemning the attack.", "condemning",
     "2023-06-12", "day", "text"),
    ("The council passed a resolution in March calling for a ceasefire.", "calling", "2023-03-01",
     "month", "text"),
    # a parser's low attachment of "on Tuesday" still dates the clause
    ("Police detained protesters on Tuesday.", "detained", "2023-06-13", "day", "text"),
    # a later sentence continues the event only when it says so
    ("On Monday, troops entered the town. Later, they arrested dozens of residents.",
     "arrested", "2023-06-12", "day", "text"),
    ("On Monday, troops entered the town. They arrested dozens of residents.",
     "arrested", "2023-06-12", "day", "text"),
    ("On Monday, troops entered the town. They say the operation will last for weeks.",
     "say", WED, "day", "publication"),
    ("On Monday, troops entered the town. The army denies any abuse.",
     "denies", WED, "day", "publication"),
    # "N days after X": X counts back from the clause it hangs on
    ("Parliament passed the bill on Tuesday, one day after the president met union leaders.",
     "met", "2023-06-12", "day", "text"),
    ("Rebels struck back a week after the army seized the town.", "seized", "2023-06-07", "day",
     "text"),
    ("The ceasefire collapsed two months after the rivals signed it in March.", "signed",
     "2023-03-01", "month", "text"),
    # a "when" clause happened at the time or dated occasion written just before it
    ("The talks broke down in 2014, when Russia annexed Crimea.", "annexed", "2014-01-01",
     "year", "text"),
    ("Critics pointed to the minister's March 3 visit, when he met the Iranian envoy in Geneva.",
     "met", "2023-03-03", "day", "text"),
])
def test_a_date_binds_to_its_clause(nlp, text, verb, date, precision, basis):
    assert _date(nlp, text, verb)[:3] == (date, precision, basis)


@pytest.mark.parametrize("text, verb, modality, date", [
    # the event's tense and modality choose the direction of a weekday (published Wednesday)
    ("The foreign minister will travel to Manila on Friday.", "travel", "intended", "2023-06-16"),
    ("The foreign minister travelled to Manila on Friday.", "travelled", None, "2023-06-09"),
    ("The president is scheduled to visit Hanoi on Monday.", "visit", "intended", "2023-06-19"),
    ("Envoys are due to meet on Wednesday.", "meet", "intended", WED),
    ("Envoys met on Wednesday.", "met", None, WED),
    ("Envoys met on Thursday.", "met", None, "2023-06-08"),
    # a future reported in the past: the reading nearer publication
    ("Officials said the talks would resume on Thursday.", "resume", "intended", "2023-06-15"),
    ("Officials said on Monday the talks would resume on Saturday.", "resume", "intended",
     "2023-06-17"),
    ("Officials said on Friday the talks would resume on Saturday.", "resume", "intended",
     "2023-06-10"),
    # yearless dates and months likewise
    ("The committee will meet in March.", "meet", "intended", "2024-03-01"),
    ("The committee met in March.", "met", None, "2023-03-01"),
    ("The committee will meet in June.", "meet", "intended", "2023-06-01"),
    ("Troops will leave the city on June 30.", "leave", "intended", "2023-06-30"),
    ("Troops left the city on June 30.", "left", None, "2022-06-30"),
    ("Troops left the city on June 12.", "left", None, "2023-06-12"),
])
def test_tense_and_modality_choose_the_direction(nlp, text, verb, modality, date):
    assert _date(nlp, text, verb, modality=modality)[0] == date


@pytest.mark.parametrize("text, verb, modality, date, basis", [
    # no record after publication unless it is intended or hypothetical
    ("Talks will resume next month.", "resume", "asserted", WED, "publication"),
    ("Talks will resume next month.", "resume", "intended", "2023-07-01", "text"),
    ("If talks resume next week, the army would withdraw.", "resume", "hypothetical",
     "2023-06-01", "text"),
    ("The opposition said it protested against the vote next month.", "protested", "asserted",
     WED, "publication"),
])
def test_only_plans_and_conditions_lie_after_publication(nlp, text, verb, modality, date, basis):
    got = _date(nlp, text, verb, modality=modality)
    assert (got[0], got[2]) == (date, basis)


@pytest.mark.parametrize("text, verb", [
    # durations, deadlines, bounds, budgets and terms are not the time of an event
    ("Britain agreed to extend the lease on the base, which runs until 2099.", "agreed"),
    ("Germany pledged to raise next year's defence spending.", "pledged"),
    ("Kenya promised to withdraw its troops by the end of 2025.", "promised"),
    ("Kenya promised to withdraw its troops by 2025.", "withdraw"),
    ("The council adopted a budget for 2024.", "adopted"),
    ("Lawmakers extended the mandate, which expires in 2030.", "extended"),
    ("The army said attacks had risen over the past three years.", "said"),
    ("Parliament approved the plan ahead of Sunday's vote.", "approved"),
    ("The regulator fined the bank, whose licence runs through 2027.", "fined"),
    ("Ministers met to discuss the 2025 budget.", "met"),
    ("Veterans of the Second World War marched through the capital.", "marched"),
    ("Police arrested the editor under a 2014 security law.", "arrested"),
])
def test_times_that_are_not_event_times_are_ignored(nlp, text, verb):
    assert _date(nlp, text, verb)[:3] == (WED, "day", "publication")


@pytest.mark.parametrize("text, verb, date, precision", [
    # wars, eras, decades and dated events make the clause historical at their precision
    ("Israel seized the plateau in the 1967 war.", "seized", "1967-01-01", "year"),
    ("Moscow has backed the rebels since the 2014 annexation of Crimea.", "backed",
     "2014-01-01", "year"),
    ("Many villages were destroyed during the Second World War.", "destroyed", "1939-01-01",
     "year"),
    ("The town changed hands twice in the Korean War.", "changed", "1950-01-01", "year"),
    ("Tanks rolled into the square during the Tiananmen crackdown.", "rolled", "1989-06-04", "day"),
    ("The two countries fought over the islands in the 1980s.", "fought", "1980-01-01", "year"),
    ("Russia agreed to deliver the jets under a 2009 contract.", "agreed", "2009-01-01", "year"),
    ("Russia signed the 1997 accord.", "signed", "1997-01-01", "year"),
    ("The refugees fled after the 1994 genocide.", "fled", "1994-01-01", "year"),
])
def test_wars_eras_and_dated_events_make_an_event_historical(nlp, text, verb, date, precision):
    assert _date(nlp, text, verb) == (date, precision, "text", True)


@pytest.mark.parametrize("text, verb", [
    ("Kyiv accused Moscow of arming separatists since the 2014 annexation.", "accused"),
    ("Veterans of the Cold War era met the president.", "met"),
    ("Officials discussed the legacy of the 1967 war.", "discussed"),
])
def test_a_war_in_another_phrase_leaves_the_event_current(nlp, text, verb):
    assert _date(nlp, text, verb) == (WED, "day", "publication", False)


def test_in_the_past_is_historical_without_a_date(nlp):
    assert _date(nlp, "The army has raided the camps in the past.", "raided") == \
        (None, "unknown", "text", True)


@pytest.mark.parametrize("text, published, verb, date, basis", [
    # the dateline's day is the story's date (gold rule 7), for relative and undated events
    ("LA PAZ, March 19 - Miners began a hunger strike yesterday.", "1987-03-20", "began",
     "1987-03-18", "text"),
    ("LA PAZ, March 19 - Miners occupied the mine.", "1987-03-20", "occupied", "1987-03-19",
     "publication"),
    # a dateline after the publication date is not trusted
    ("ROME, March 21 - Miners occupied the mine.", "1987-03-20", "occupied", "1987-03-20",
     "publication"),
])
def test_the_dateline_day_is_the_story_date(nlp, text, published, verb, date, basis):
    got = _date(nlp, text, verb, published=published)
    assert (got[0], got[2]) == (date, basis)


@pytest.mark.parametrize("text, verb, modality, date", [
    # holidays are days: the one on/before publication (Wednesday 2023-06-14), the next for a plan
    ("On Thanksgiving, the governor pardoned two prisoners.", "pardoned", None, "2022-11-24"),
    ("The governor will pardon two prisoners on Thanksgiving.", "pardon", "intended", "2023-11-23"),
    ("Police arrested protesters on New Year's Eve.", "arrested", None, "2022-12-31"),
    ("Rebels attacked the town on Christmas Day 2016.", "attacked", None, "2016-12-25"),
    ("The ceasefire began on Easter Sunday.", "began", None, "2023-04-09"),
    ("The president will speak on Christmas Eve.", "speak", "intended", "2023-12-24"),
])
def test_holidays_date_their_clause(nlp, text, verb, modality, date):
    got = _date(nlp, text, verb, modality=modality)
    assert (got[0], got[1], got[2]) == (date, "day", "text")


@pytest.mark.parametrize("text", [
    # a holiday's name inside a longer name is no date
    "The Good Friday Agreement ended the conflict.",
    "Troops landed on Christmas Island.",
    "Historians revisited the Easter Rising.",
])
def test_a_holiday_inside_another_name_is_no_date(text):
    assert find_dates(text, WED) == []


@pytest.mark.parametrize("rule, year, day", [
    ("12-25", 2016, "2016-12-25"),
    ("4th Thursday of November", 2016, "2016-11-24"),
    ("last Monday of May", 2023, "2023-05-29"),
    ("easter-2", 2024, "2024-03-29"),
    ("easter", 2023, "2023-04-09"),
    ("02-29", 2023, None),
    ("5th Friday of February", 2023, None),
])
def test_holiday_rules(rule, year, day):
    from eventwire.dates.cues import Holiday
    got = Holiday("x", ("x",), rule).on(year)
    assert (got.isoformat() if got else None) == day


@pytest.mark.parametrize("text, kind, role", [
    ("The lease runs until 2099.", "absolute", "bound"),
    ("Troops must leave by March.", "absolute", "bound"),
    ("A freeze is planned through 2026.", "absolute", "bound"),
    ("Attacks rose over the past five years.", "relative", "bound"),
    ("Attacks rose in the past week.", "relative", "time"),
    ("The plateau was seized in the Six-Day War.", "era", "time"),
    ("Troops left one day after the vote.", "offset", "offset"),
])
def test_find_dates_marks_what_is_not_an_event_time(text, kind, role):
    x = find_dates(text, WED)[0]
    assert (x.kind, x.role) == (kind, role)


# ---------------------------------------------------------------- the data files
def test_the_shipped_cue_and_era_files_load():
    from eventwire.dates import load_cues, load_eras
    cues, eras = load_cues(), load_eras()
    assert "until" in cues.bound_cues and "war" in cues.event_nouns
    assert {e.name for e in eras} >= {"World War II", "Cold War", "Six-Day War"}


@pytest.mark.parametrize("body, line, reason", [
    ("bound_cues: [until]\n", 1, "missing list"),
    ("bound_cues: [until, Until]\n", 1, "bad entry"),
    ("nonsense: [a]\n", 1, "unknown list"),
])
def test_a_bad_cue_file_names_file_and_line(tmp_path, body, line, reason):
    from eventwire.dates import load_cues
    from eventwire.errors import DataFileError
    path = tmp_path / "cues.yaml"
    path.write_text(body)
    with pytest.raises(DataFileError) as err:
        load_cues(path)
    assert (err.value.line, reason in err.value.reason) == (line, True)
    assert str(path) in str(err.value)


def test_a_duplicate_cue_is_an_error(tmp_path):
    from eventwire.dates import load_cues
    from eventwire.dates.cues import CUE_LISTS
    from eventwire.errors import DataFileError
    lines = [f"{k}: [word]" for k in CUE_LISTS]
    lines[3] = f"{CUE_LISTS[3]}:\n  - war\n  - war"
    path = tmp_path / "cues.yaml"
    path.write_text("\n".join(lines) + "\n")
    with pytest.raises(DataFileError) as err:
        load_cues(path)
    assert err.value.line == 6 and "duplicate" in err.value.reason


def test_the_shipped_holiday_file_loads():
    from eventwire.dates.cues import load_holidays
    names = {n for h in load_holidays() for n in h.names}
    assert {"Christmas", "Thanksgiving", "Good Friday"} <= names


@pytest.mark.parametrize("which, body, line, reason", [
    ("eras", "- {name: Long War, start: 1990, end: 1980}\n", 1, "end before start"),
    ("eras", "- {name: Long War, start: 1990-13, end: 1991}\n", 1, "not a calendar date"),
    ("eras", "- {name: Long War, start: 1990}\n", 1, "needs 'start' and 'end'"),
    ("eras", "- {name: A War, start: 1990, end: 1991}\n- {name: B War, aliases: [a war], start: 1991, "
             "end: 1992}\n", 2, "already the name"),
    ("eras", "- {start: 1990, end: 1991}\n", 1, "needs a 'name'"),
    ("holidays", "- {name: Feast, date: 12/25}\n", 1, "want MM-DD"),
    ("holidays", "- {name: Feast, date: 13-01}\n", 1, "not a calendar day"),
    ("holidays", "- {name: Feast, date: 02-30}\n", 1, "not a calendar day"),
    ("holidays", "- {name: Feast, date: 2nd Funday of May}\n", 1, "want MM-DD"),
    ("holidays", "- {name: Feast}\n", 1, "want MM-DD"),
    ("holidays", "- {name: Feast, date: 01-02}\n- {name: Fest, aliases: [feast], date: 01-03}\n", 2,
     "already the name"),
    ("holidays", "- {date: 01-02}\n", 1, "needs a 'name'"),
    ("holidays", "- {name: Feast, date: 01-02, country: USA}\n", 1, "unknown keys"),
])
def test_a_bad_era_or_holiday_file_names_file_and_line(tmp_path, which, body, line, reason):
    from eventwire.dates.cues import load_eras, load_holidays
    from eventwire.errors import DataFileError
    path = tmp_path / f"{which}.yaml"
    path.write_text(body)
    with pytest.raises(DataFileError) as err:
        {"eras": load_eras, "holidays": load_holidays}[which](path)
    assert err.value.line == line and reason in err.value.reason, err.value
    assert str(path) in str(err.value)


def test_the_next_sentence_may_report_the_same_event(nlp):
    """Same countries and CAMEO root in the sentence after a dated mention: one event."""
    from eventwire.dates import date_events
    from eventwire.nlp import ensure_extensions
    ensure_extensions()
    text = ("Ankara sent its envoy to Baghdad on Monday. A spokesman said the envoy "
            "is travelling to brief officials. The spokesman said the envoy is meeting "
            "officials.")
    doc = nlp(text)
    doc._.published = WED
    send = make_event(doc, "sent", "Baghdad")
    travel = make_event(doc, "travelling", None, "reported")
    meeting = make_event(doc, "meeting", None, "reported")
    for ev, root in ((send, "04"), (travel, "04"), (meeting, "04")):
        ev.update(cameo_root=root, source={"code": "TURGOV", "span": [0, 6]},
                  target={"code": "IRQGOV", "span": [text.index("Baghdad"), text.index("Baghdad") + 7]})
    travel["source"]["code"] = "TURMED"      # another actor of the same country
    doc._.events = [send, travel, meeting]
    date_events(doc)
    # the third sentence follows one whose date came from the sentence before it: no chain
    assert [e["date"] for e in doc._.events] == ["2023-06-12", "2023-06-12", WED]
