"""Calendar periods: the end of a month/year, the 60-day "historical" test, date arithmetic."""
from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}


def period_end(iso: str, precision: str) -> str:
    d = date.fromisoformat(iso)
    if precision == "month":
        return d.replace(day=calendar.monthrange(d.year, d.month)[1]).isoformat()
    if precision == "year":
        return d.replace(month=12, day=31).isoformat()
    return iso


def is_historical(iso: str | None, precision: str, published: str | None,
                  historical_days: int = 60, end: str | None = None) -> bool:
    """True when the whole period lies more than ``historical_days`` before publication."""
    if not iso or not published or precision not in PRECISION_ORDER:
        return False
    last = date.fromisoformat(end or period_end(iso, precision))
    return last < date.fromisoformat(published) - timedelta(days=historical_days)


# ---------------------------------------------------------------- date arithmetic
def add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def shift(d: date, n: int, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return add_months(d, n)
    if unit == "year":
        return add_months(d, 12 * n)
    return add_months(d, 120 * n)   # decade


def truncate(d: date, precision: str) -> date:
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return d.replace(month=1, day=1)
    return d


def coarser(a: str, b: str) -> str:
    return a if PRECISION_ORDER[a] >= PRECISION_ORDER[b] else b


def week_month(monday: date) -> date:
    """A week is reported as the month holding most of it (its Thursday): no made-up day."""
    return (monday + timedelta(days=3)).replace(day=1)


def safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def infer_year(month: int, day: int | None, pub: date, future: bool,
                weekday: int | None = None) -> date | None:
    """The year that puts a yearless "November 17" nearest to, normally on/before, publication."""
    if weekday is not None and day is not None:
        # "Wednesday 15th November": the weekday pins the year; take the closest match.
        hits = [d for y in range(pub.year - 6, pub.year + 2)
                if (d := safe_date(y, month, day)) and d.weekday() == weekday]
        if hits:
            return min(hits, key=lambda d: (abs((d - pub).days) + (400 if d > pub and not future else 0)))
    dd = day or 1
    past = next((d for y in (pub.year, pub.year - 1, pub.year - 2)
                 if (d := safe_date(y, month, dd)) and truncate(d, "day" if day else "month") <= pub), None)
    fut = next((d for y in (pub.year, pub.year + 1)
                if (d := safe_date(y, month, dd)) and truncate(d, "day" if day else "month") > pub), None)
    if fut and (future and (fut - pub).days <= 300 or (fut - pub).days <= 14):
        return fut
    return past or fut


def nearest_weekday(pub: date, wd: int, direction: str) -> date:
    if direction == "this":
        return pub - timedelta(days=pub.weekday()) + timedelta(days=wd)
    if direction in ("next", "future"):
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=delta)
    if direction == "last":
        delta = (pub.weekday() - wd) % 7 or 7
        return pub - timedelta(days=delta)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)   # on/before publication


def weekday_readings(pub: date, wd: int) -> tuple[date, date]:
    """"on Friday": (the latest Friday on/before ``pub``, the first one on/after it)."""
    return (pub - timedelta(days=(pub.weekday() - wd) % 7),
            pub + timedelta(days=(wd - pub.weekday()) % 7))


def month_readings(pub: date, month: int, day: int | None = None) -> tuple[date | None, date | None]:
    """A yearless "November 17" / "in March": (the latest on/before ``pub``, the first
    whose period has not ended before ``pub``). Month precision: the current month is both."""
    def ok_past(d: date) -> bool:
        return (d if day else d.replace(day=1)) <= pub

    def ok_future(d: date) -> bool:
        return d >= pub if day else (d.year, d.month) >= (pub.year, pub.month)

    dd = day or 1
    past = next((d for y in (pub.year, pub.year - 1, pub.year - 2, pub.year - 3, pub.year - 4)
                 if (d := safe_date(y, month, dd)) and ok_past(d)), None)
    fut = next((d for y in (pub.year, pub.year + 1, pub.year + 2, pub.year + 3, pub.year + 4)
                if (d := safe_date(y, month, dd)) and ok_future(d)), None)
    return past, fut


def normalize_published(published) -> str | None:
    """ "2017-11-22", "2017-11-22T08:00:00Z" -> "2017-11-22"; anything else -> None."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
    return m.group(0) if m and safe_date(*map(int, m.groups())) else None

