"""Publication dates from metadata strings: ISO day or None, never a guess."""
from __future__ import annotations

import datetime as dt

import pytest

from eventwire.ingest.dates import require_iso_date, to_iso_date


@pytest.mark.parametrize("value,iso", [
    ("2017-11-21", "2017-11-21"),
    ("2017-11-21T23:30:00-05:00", "2017-11-21"),   # the outlet's local day, not UTC
    ("2017-11-22T01:10:00+09:00", "2017-11-22"),
    ("Tue, 21 Nov 2017 08:00:00 GMT", "2017-11-21"),
    ("Wed, 22 Nov 2017 00:30:00 +0900", "2017-11-22"),
    ("20171121", "2017-11-21"),
    ("November 21, 2017", "2017-11-21"),
    ("21 Nov 2017", "2017-11-21"),
    (dt.date(2017, 11, 21), "2017-11-21"),
    (dt.datetime(2017, 11, 21, 12, 0), "2017-11-21"),
])
def test_readable_dates(value, iso):
    assert to_iso_date(value) == iso


@pytest.mark.parametrize("value", [
    None, "", "yesterday", "November 2017", "2017", "2017-13-45", "Monday",
    "the day before yesterday", "3017-01-01", 20171121,
])
def test_unreadable_or_partial_dates_give_none(value):
    assert to_iso_date(value) is None


def test_published_option_is_strict():
    assert require_iso_date(None) is None
    assert require_iso_date("2017-11-22") == "2017-11-22"
    with pytest.raises(ValueError, match="not a date"):
        require_iso_date("soon")
