"""The date stage's knowledge as data: ``data/dates/cues.yaml``, ``data/dates/eras.yaml``
and ``data/dates/holidays.yaml``.

All are validated on load; a bad entry raises :class:`~eventwire.errors.DataFileError`
naming the file and line. Users may pass their own files (same format) to
:func:`load_cues` / :func:`load_eras` / :func:`load_holidays`.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml
from dateutil.easter import easter as _easter

from ..errors import DataFileError
from ..ingest._datafile import line_of, load_word_lists, load_yaml_nodes

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "dates"
CUE_LISTS = ("bound_cues", "temporal_preps", "inherit_preps", "event_nouns", "document_nouns", "making_verbs",
             "light_verbs", "continuation_cues", "continuation_subjects", "reporting_verbs")


@dataclass(frozen=True)
class Cues:
    bound_cues: tuple[str, ...]          # multi-word phrases, longest first
    temporal_preps: frozenset[str]
    inherit_preps: frozenset[str]
    event_nouns: frozenset[str]
    document_nouns: frozenset[str]
    making_verbs: frozenset[str]
    light_verbs: frozenset[str]
    continuation_cues: tuple[str, ...]   # longest first
    continuation_subjects: frozenset[str]
    reporting_verbs: frozenset[str]


@dataclass(frozen=True)
class Era:
    name: str
    names: tuple[str, ...]               # the name and its aliases, as written
    start: str                           # ISO, first day
    end: str                             # ISO, last day
    precision: str                       # day | month | year


def load_cues(path: Path | str = DATA_DIR / "cues.yaml") -> Cues:
    lists = load_word_lists(Path(path), CUE_LISTS)
    longest = lambda ws: tuple(sorted(ws, key=lambda w: (-len(w.split()), -len(w), w)))  # noqa: E731
    return Cues(bound_cues=longest(lists["bound_cues"]),
                temporal_preps=frozenset(lists["temporal_preps"]),
                inherit_preps=frozenset(lists["inherit_preps"]),
                event_nouns=frozenset(lists["event_nouns"]),
                document_nouns=frozenset(lists["document_nouns"]),
                making_verbs=frozenset(lists["making_verbs"]),
                light_verbs=frozenset(lists["light_verbs"]),
                continuation_cues=longest(lists["continuation_cues"]),
                continuation_subjects=frozenset(lists["continuation_subjects"]),
                reporting_verbs=frozenset(lists["reporting_verbs"]))


def _bound(value, path: Path, line: int, which: str) -> tuple[_dt.date, _dt.date, str]:
    """(first day, last day, precision) of a YYYY / YYYY-MM / YYYY-MM-DD value."""
    if isinstance(value, _dt.date):
        return value, value, "day"
    text = str(value)
    m = re.fullmatch(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", text)
    if not m:
        raise DataFileError(path, line, f"{which}: want YYYY, YYYY-MM or YYYY-MM-DD, got {text!r}")
    y, mo, d = int(m.group(1)), m.group(2), m.group(3)
    try:
        if d:
            day = _dt.date(y, int(mo), int(d))
            return day, day, "day"
        if mo:
            first = _dt.date(y, int(mo), 1)
            nxt = _dt.date(y + (first.month == 12), first.month % 12 + 1, 1)
            return first, nxt - _dt.timedelta(days=1), "month"
        return _dt.date(y, 1, 1), _dt.date(y, 12, 31), "year"
    except ValueError:
        raise DataFileError(path, line, f"{which}: not a calendar date: {text!r}") from None


_ORDER = {"day": 0, "month": 1, "year": 2}


def _named_entries(path: Path, what: str, keys: set[str]):
    """(raw entry, line, names) of each entry of a list of named things (eras, holidays):
    a ``name``, optional ``aliases``, no keys but ``keys`` besides; a name (or alias) used
    twice is an error naming both lines."""
    value, root = load_yaml_nodes(path)
    if not isinstance(value, list) or not isinstance(root, yaml.SequenceNode):
        raise DataFileError(path, line_of(root), f"expected a list of {what}s")
    seen: dict[str, int] = {}
    for raw, node in zip(value, root.value):
        line = line_of(node)
        if not isinstance(raw, dict) or not isinstance(raw.get("name"), str) or not raw["name"].strip():
            raise DataFileError(path, line, f"each {what} needs a 'name'")
        unknown = set(raw) - {"name", "aliases"} - keys
        if unknown:
            raise DataFileError(path, line, f"unknown keys {sorted(unknown)}")
        aliases = raw.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) and a.strip() for a in aliases):
            raise DataFileError(path, line, "aliases must be a list of names")
        names = tuple(dict.fromkeys([raw["name"].strip()] + [a.strip() for a in aliases]))
        for n in names:
            if n.lower() in seen:
                raise DataFileError(path, line, f"{n!r} is already the name of the {what} on line "
                                                f"{seen[n.lower()]}")
            seen[n.lower()] = line
        yield raw, line, names


def load_eras(path: Path | str = DATA_DIR / "eras.yaml") -> tuple[Era, ...]:
    path = Path(path)
    out = []
    for raw, line, names in _named_entries(path, "era", {"start", "end"}):
        if "start" not in raw or "end" not in raw:
            raise DataFileError(path, line, "each era needs 'start' and 'end'")
        start, _, p1 = _bound(raw["start"], path, line, "start")
        _, end, p2 = _bound(raw["end"], path, line, "end")
        if end < start:
            raise DataFileError(path, line, "end before start")
        precision = p1 if _ORDER[p1] >= _ORDER[p2] else p2
        if start.year != end.year:
            precision = "year"
        elif start.month != end.month and precision == "day":
            precision = "month"
        out.append(Era(names[0], names, start.isoformat(), end.isoformat(), precision))
    return tuple(out)


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_MONTH_NAMES = ("january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december")
_NTH = {"1st": 1, "2nd": 2, "3rd": 3, "4th": 4, "5th": 5, "last": -1}
_RULE = re.compile(r"(?P<md>(?P<m>\d\d)-(?P<d>\d\d))|(?P<easter>easter(?P<off>[+-]\d{1,3})?)|"
                   r"(?P<nth>1st|2nd|3rd|4th|5th|last) (?P<wd>\w+) of (?P<mon>\w+)")


@dataclass(frozen=True)
class Holiday:
    name: str
    names: tuple[str, ...]               # the name and its aliases, as written
    rule: str                            # "12-25", "4th Thursday of November", "easter-2"

    def on(self, year: int) -> _dt.date | None:
        """The holiday's day in ``year`` (None when the rule names no day that year)."""
        m = _RULE.fullmatch(self.rule)
        try:
            if m.group("md"):
                return _dt.date(year, int(m.group("m")), int(m.group("d")))
            if m.group("easter"):
                return _easter(year) + _dt.timedelta(days=int(m.group("off") or 0))
        except ValueError:
            return None                  # "02-29" in a common year
        wd = _WEEKDAYS.index(m.group("wd").lower())
        month = _MONTH_NAMES.index(m.group("mon").lower()) + 1
        n = _NTH[m.group("nth")]
        first = _dt.date(year, month, 1)
        days = [d for d in (first + _dt.timedelta(days=k) for k in range(31))
                if d.month == month and d.weekday() == wd]
        return days[n - 1 if n > 0 else -1] if len(days) >= abs(n) else None


def load_holidays(path: Path | str = DATA_DIR / "holidays.yaml") -> tuple[Holiday, ...]:
    path = Path(path)
    out = []
    for raw, line, names in _named_entries(path, "holiday", {"date"}):
        rule = str(raw.get("date") or "").strip()
        m = _RULE.fullmatch(rule)
        if not m or (m.group("nth") and (m.group("wd").lower() not in _WEEKDAYS
                                         or m.group("mon").lower() not in _MONTH_NAMES)):
            raise DataFileError(path, line, f"date: want MM-DD, 'Nth Weekday of Month' or easter[+-N], "
                                            f"got {rule!r}")
        if m.group("md") and Holiday("", (), rule).on(2024) is None:
            raise DataFileError(path, line, f"date: not a calendar day: {rule!r}")
        out.append(Holiday(names[0], names, rule))
    return tuple(out)


@functools.lru_cache(maxsize=1)
def default_cues() -> Cues:
    return load_cues()


@functools.lru_cache(maxsize=1)
def default_eras() -> tuple[Era, ...]:
    return load_eras()


@functools.lru_cache(maxsize=1)
def default_holidays() -> tuple[Holiday, ...]:
    return load_holidays()
