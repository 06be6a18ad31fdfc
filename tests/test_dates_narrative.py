"""Dates of events told around the story's own (issue 14 audit, "date errors"): a speaker's
dated statement dates that speaker's later undated quotes; a plan reported in the past
keeps its future reading; a span of years is no anchor for "a week later". Our own
sentences; published Wednesday 2024-06-12 unless a case says otherwise.
"""
import pytest

from eventwire.dates import find_dates
from test_events_helpers import code

WED = "2024-06-12"


def _dated(pipeline, text, published=WED):
    return [(e["verb"]["text"], e["cameo"], e["date"], e["date_basis"], e["historical"])
            for e in code(pipeline, text, published)]


def _one(events, verb):
    got = [e for e in events if e[0] == verb]
    assert got, events
    return got[0]


SPEAKER_TEXT = (
    "The European Union criticized the Ugandan government's crackdown on opposition activists "
    "on Monday, an EU spokesman said.\n\n"
    "\"We urge the Ugandan government to release all detained activists,\" the spokesman "
    "said.\n\n"
    "He also urged Uganda to allow peaceful protests.")


@pytest.mark.parametrize("verb", ["urge", "urged"])
def test_a_speakers_later_quotes_take_the_day_of_the_statement(pipeline, verb):
    assert _one(_dated(pipeline, SPEAKER_TEXT), verb)[2:4] == ("2024-06-10", "text")


def test_another_speaker_keeps_the_story_date(pipeline):
    text = ("The European Union criticized the Ugandan government's crackdown on opposition "
            "activists on Monday, an EU spokesman said.\n\n"
            "Kenya's foreign minister urged Uganda to release the detained activists.")
    assert _one(_dated(pipeline, text), "urged")[2:4] == (WED, "publication")


def test_a_statement_of_long_ago_is_not_carried(pipeline):
    text = ("The European Union criticized the Ugandan government on March 3, an EU spokesman "
            "said.\n\n"
            "\"We urge the Ugandan government to release all detained activists,\" the "
            "spokesman said.")
    assert _one(_dated(pipeline, text), "urge")[2:4] == (WED, "publication")


@pytest.mark.parametrize("text, date", [
    ("A Chilean official said in March that Chile and Peru would sign a fisheries accord in "
     "May.", "2024-05-01"),
])
def test_a_plan_reported_in_the_past_keeps_its_future_reading(pipeline, text, date):
    events = [e for e in _dated(pipeline, text) if e[0] == "sign"]   # (057, or 03x: a plan)
    assert events and all(e[2] == date and not e[4] for e in events), events


def test_a_plan_for_a_later_month_is_an_intent_of_today(pipeline):
    # "were expected to sign in October": the plan's own month reads forward (not last
    # October), and the intent (03x) it is coded as happens when stated: today's news
    text = "A Chilean official said Chile and Peru were expected to sign a fisheries accord in October."
    assert [(x.text, x.date) for x in find_dates(text, WED)] == [("October", "2024-10-01")]
    events = [e for e in _dated(pipeline, text) if e[0] == "sign"]
    assert events and all(e[1].startswith("03") and e[2:4] == (WED, "publication") for e in events), events


def test_a_span_of_years_is_no_anchor_for_a_week_later():
    exprs = find_dates("She chaired the board from 2009 to 2013. A week later the board "
                       "resigned. In 2004 he left. A week later he returned.", WED)
    assert [(x.text, x.date) for x in exprs] == [
        ("from 2009 to 2013", "2009-01-01"), ("2004", "2004-01-01"),
        ("A week later", "2004-01-01")]


def test_a_span_of_years_is_not_carried_to_the_next_sentence(pipeline):
    text = ("The Nicaraguan judge reopened the inquiry into whether Ortega misused funds as "
            "foreign minister from 2009 to 2013. Later, the Nicaraguan opposition condemned "
            "the judge.")
    assert _one(_dated(pipeline, text), "condemned")[2:4] == (WED, "publication")


def test_a_span_of_years_without_a_publication_date():
    # no publication date: what follows the span is resolved as before (a weekday with no
    # reference is left out), nothing counts from the span
    exprs = find_dates("She chaired the board from 2009 to 2013. On Monday the board met. "
                       "In 2015 it merged. A week later it resigned.", None)
    assert [(x.text, x.date) for x in exprs] == [
        ("from 2009 to 2013", "2009-01-01"), ("2015", "2015-01-01"),
        ("A week later", "2015-01-01")]
