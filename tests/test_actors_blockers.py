"""A region or sea the dictionary blocks is no actor, and no near-miss of one either.

"South America" is not a misspelt "South Africa", nor "Central America" the Central African
Republic: the dictionary's blockers (``ignore``) must stop fuzzy matching too, not only
exact names. A real misspelling of a country still matches. Sentences are our own."""
from __future__ import annotations

import pytest

from eventwire.actors.resolver import get_resolver


@pytest.fixture(scope="module")
def r():
    return get_resolver()


@pytest.mark.parametrize("text", [
    "The port is the busiest in South America.",
    "Exports to Central America fell last year.",
    "Migrants from Central America reached the border.",
])
def test_a_blocked_region_is_no_country(r, text):
    assert not any(m.get("country") for m in r.resolve_text(text, "2019-06-01")), r.resolve_text(text, "2019-06-01")


def test_a_misspelt_country_still_matches(r):
    assert any(m.get("country") == "ZAF" for m in r.resolve_text("Officials from South Afrika arrived.", "2019-06-01"))
