"""Publication dates from metadata strings -> ISO ``YYYY-MM-DD`` (or None).

Rule of the project: a date comes from the input or from ``--published``; a value we
cannot read gives None, never "today" (dateparser's habit of filling missing parts
from the clock is switched off by requiring day, month and year).
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re

_ISO = re.compile(r"^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T\s_])")
_COMPACT = re.compile(r"^\s*(\d{4})(\d{2})(\d{2})(?:\d{6})?Z?\s*$")  # 20171121, 20171121083000
MIN_YEAR = 1800


def _valid(y: int, m: int, d: int) -> str | None:
    try:
        day = dt.date(y, m, d)
    except ValueError:
        return None
    if y < MIN_YEAR or day > dt.date.today() + dt.timedelta(days=366):
        return None
    return day.isoformat()


def to_iso_date(value) -> str | None:
    """ISO date of a metadata value (date, datetime, ISO/RFC 2822/common strings).

    Datetimes keep the date as written at the source (no conversion to UTC), since
    the outlet's local day is the day the article says "today" about.
    """
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return _valid(value.year, value.month, value.day)
    if isinstance(value, dt.date):
        return _valid(value.year, value.month, value.day)
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s or len(s) > 100:
        return None
    m = _ISO.match(s) or _COMPACT.match(s)
    if m:
        return _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    try:
        parsed = email.utils.parsedate_to_datetime(s)  # "Tue, 21 Nov 2017 08:00:00 GMT"
    except (TypeError, ValueError, IndexError):
        parsed = None
    if parsed is not None:
        return _valid(parsed.year, parsed.month, parsed.day)
    return _fuzzy(s)


def _fuzzy(s: str) -> str | None:
    """"November 21, 2017", "21 Nov 2017": dateparser, imported only when needed."""
    if not re.search(r"\d{4}", s):
        return None
    import dateparser  # slow import; most inputs never get here

    parsed = dateparser.parse(s, languages=None, settings={
        "REQUIRE_PARTS": ["day", "month", "year"], "RETURN_AS_TIMEZONE_AWARE": False,
        "PREFER_DATES_FROM": "past"})
    if parsed is None:
        return None
    return _valid(parsed.year, parsed.month, parsed.day)


def require_iso_date(value: str | None) -> str | None:
    """For user options (``--published``): None stays None, junk raises ValueError."""
    if value is None:
        return None
    iso = to_iso_date(value)
    if iso is None:
        raise ValueError(f"not a date: {value!r} (want YYYY-MM-DD)")
    return iso
