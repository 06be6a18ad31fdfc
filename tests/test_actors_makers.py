"""Where a thing was made is no actor (issue 14: makers read as owners).

"Russian-made missiles", "Soviet-built tanks", "U.S.-supplied helicopters" say where a
weapon came from; the army that fires or deploys it is not the maker's, and the act does
nothing to the maker. "pro-Iranian" (a stance) is the same kind of modifier. A country
named on its own in the sentence stays an actor. Sentences are our own."""
from __future__ import annotations

import pytest

from eventwire.actors.resolver import get_resolver

from test_events_helpers import code, got


@pytest.fixture(scope="module")
def r():
    return get_resolver()


@pytest.mark.parametrize("text, maker", [
    ("Syria has deployed Russian-made air defence missiles near the border.", "RUS"),
    ("The rebels fired Iranian-made rockets at the port.", "IRN"),
    ("Iraq fired Soviet-built Scud missiles at the capital.", "RUS"),
    ("The army used US-supplied helicopters to attack rebel positions.", "USA"),
    ("Iran emplaced Chinese-made anti-ship missiles along the strait.", "CHN"),
    ("The navy bought two French-designed submarines.", "FRA"),
])
def test_a_maker_is_no_actor(r, text, maker):
    assert not any(m.get("country") == maker for m in r.resolve_text(text, "2019-06-01")), \
        r.resolve_text(text, "2019-06-01")


@pytest.mark.parametrize("sentence, maker", [
    ("Syria has deployed Russian-made air defence missiles near the border.", "RUS"),
    ("The army used US-supplied helicopters to attack rebel positions.", "USA"),
    ("Iran emplaced Chinese-made anti-ship missiles along the strait.", "CHN"),
])
def test_a_maker_is_neither_source_nor_target(pipeline, sentence, maker):
    events = code(pipeline, sentence)
    assert not any((e["source"] or {}).get("country") == maker or (e["target"] or {}).get("country") == maker
                   for e in events), got(events)


def test_a_country_named_as_itself_stays(r):
    found = {m.get("country") for m in r.resolve_text(
        "Russia made an offer to Syria, which has deployed Russian air defences.", "2019-06-01")}
    assert {"RUS", "SYR"} <= found
