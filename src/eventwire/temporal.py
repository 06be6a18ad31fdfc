"""When: the real date of each event (issue 5).

GDELT dates every event on the day of the article, so a 1964 nuclear test mentioned as
background becomes news of the day. Here each event gets the date its text gives it:

* ``find_dates(text, published)`` finds every time expression (absolute, relative,
  ranges, decades) with its character span, resolved ISO date and honest precision
  (``day``/``month``/``year``: "in December 2012" is 2012-12-01 + month, never a day
  we made up). Relative expressions are resolved against the publication date
  ("yesterday", "on Tuesday", "last week") or against the previous date of the
  discourse ("one day later", "that same month"). Dates inside source citations such
  as "(Korea Times, November 20)" are flagged ``citation`` and never date an event.
* ``resolve_event_date(doc, event, published)`` picks the expression that scopes the
  event: its own clause first (nearest to its target, so "met A in 2013 and B in 2017"
  gives each meeting its year), then other clauses of its sentence, then earlier
  sentences of its paragraph, else the publication date.

dateparser is deliberately not used: it fills missing days from the reference date and
anchors "one day later" on the wrong date.
"""
from __future__ import annotations

import bisect
import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from spacy.language import Language

from .nlp import ensure_extensions
from .textutil import doc_text, paren_regions

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2}

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3,
    "april": 4, "apr": 4, "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7,
    "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10,
    "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4,
            "saturday": 5, "sunday": 6}
NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
    "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
}

# Month names are matched capitalised only: "march"/"may" are verbs in lower case.
_MON = (r"(?P<mon>January|February|March|April|May|June|July|August|September|October|"
        r"November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?(?![A-Za-z])")
_MON_FULL = (r"(?P<mon>January|February|March|April|May|June|July|August|September|"
             r"October|November|December)(?![A-Za-z])")
_WD = r"(?P<wd>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:])"
_YEAR = r"(?P<year>1[5-9]\d\d|20\d\d)(?![\d])"
_NUM = r"(?P<num>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True)) + r")"
# Prepositions that make a bare year (or month) a time expression: "in 2015".
_YEAR_PREP = (r"(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Dd]uring|of|[Aa]fter|"
              r"[Bb]efore|[Tt]hrough|[Tt]hroughout|[Aa]round|[Ee]arly|[Ll]ate|mid-|[Ee]nd of|"
              r"[Ss]tart of|year|[Uu]p to)")

_COUNT_NOUNS = (r"(?:people|troops|soldiers|men|women|children|residents|workers|civilians|"
                r"refugees|migrants|casualties|deaths|km|kilometres|kilometers|miles|meters|metres|"
                r"tons|tonnes|dollars|yuan|won|euros|rounds|missiles|rockets|units|cases|votes|"
                r"seats|members|pages|words|square|barrels|vehicles|tanks|aircraft|ships)")

# (name, regex); overlapping matches keep the longest (then the earliest).
PATTERNS: list[tuple[str, re.Pattern]] = [
    ("iso", re.compile(r"\b(?P<year>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("numeric", re.compile(r"\b(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\d/.]\d)")),
    ("dmy", re.compile(r"(?:" + _WD + r",?\s+(?:the\s+)?)?\b" + _DAY
                       + r"(?:\s*[–-]\s*(?P<day2>[0-3]?\d)(?:st|nd|rd|th)?)?(?:\s+of)?\s+" + _MON
                       + r"(?:,?\s+" + _YEAR + r")?")),
    ("mdy", re.compile(r"(?:" + _WD + r",?\s+)?\b" + _MON + r"\s+" + _DAY
                       + r"(?:\s*[–-]\s*(?P<day2>[0-3]?\d)(?![\d:]))?(?:,?\s+" + _YEAR + r")?")),
    ("my", re.compile(r"\b" + _MON + r",?\s+(?:of\s+)?" + _YEAR)),
    ("year_range", re.compile(r"(?:\b(?P<kw>[Ff]rom|[Bb]etween)\s+)?\b(?P<y1>1[5-9]\d\d|20\d\d)"
                              r"\s*(?:[–—-]|to|until|till|and)\s*(?P<y2>1[5-9]\d\d|20\d\d|\d\d)(?![\d–—-])")),
    ("decade", re.compile(r"\b(?:[Tt]he\s+)?(?:(?P<part>early|mid|late)[- ])?(?P<dec>1[5-9]\d0|20\d0)s\b")),
    ("prep_year", re.compile(r"\b" + _YEAR_PREP + r"\s*(?:(?:early|late|mid-)\s*)?(?P<core>" + _YEAR + r")")),
    # "the 2013 nuclear test": a year used as a modifier (but not "the 2000 troops").
    ("attr_year", re.compile(r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+(?P<core>" + _YEAR
                             + r")(?=\s+[a-z])(?!\s+" + _COUNT_NOUNS + r"\b)")),
    ("rel_month", re.compile(r"\b(?:(?P<rel>[Ii]n|[Ss]ince|[Uu]ntil|[Bb]y|[Dd]uring|[Ee]arly|[Ll]ate|"
                             r"[Ll]ast|[Tt]his|[Nn]ext|[Ee]arlier in|[Ll]ater in)\s+|mid-)(?P<core>"
                             + _MON_FULL + r")(?![\s,]+\d)(?!\s+Day\b)")),   # not "May Day"
    ("weekday", re.compile(r"(?:\b(?P<rel>[Ll]ast|[Nn]ext|[Tt]his|[Oo]n)\s+)?\b" + _WD + r"(?!\w)")),
    ("deictic", re.compile(r"\b(?P<word>[Tt]oday|[Tt]onight|[Yy]esterday|[Tt]omorrow|"
                           r"[Tt]his (?:morning|afternoon|evening)|[Ll]ast night)\b")),
    ("this_unit", re.compile(r"\b(?:(?P<mod>[Ee]arlier|[Ll]ater|[Ee]arly|[Ll]ate)\s+)?"
                             r"(?P<rel>[Ll]ast|[Tt]his|[Nn]ext)\s+(?P<unit>week|month|year)\b")),
    ("recent", re.compile(r"\b(?:[Ii]n\s+)?recent\s+(?P<unit>days|weeks)\b")),
    ("ago", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year|decade)s?\s+ago\b", re.I)),
    ("later", re.compile(r"\b" + _NUM + r"\s+(?P<unit>day|week|month|year|decade)s?\s+"
                         r"(?P<dir>later|earlier)\b", re.I)),
    ("next_unit", re.compile(r"\b(?:the\s+)?(?P<dir>next|following|previous|preceding)\s+"
                             r"(?P<unit>day|week|month|year)\b", re.I)),
    ("same_unit", re.compile(r"\b(?:that|the same|that same)\s+(?P<unit>day|week|month|year)\b", re.I)),
]
ANCHORED = {"later", "next_unit", "same_unit"}      # resolved against the discourse
_FUTURE_CUE = re.compile(r"\b(will|'ll|shall|is to|are to|due to|set to|scheduled|"
                         r"plans? to|planning to|expected to|is going to|are going to)\b", re.I)


@dataclass
class TimeExpression:
    """One time expression in a text; ``date`` is the first day of the period it names."""

    text: str
    span: tuple[int, int]             # character offsets in the text
    date: str                         # ISO date, first day of the period
    precision: str                    # day | month | year
    kind: str                         # absolute | relative
    start: str | None = None          # for ranges ("1958–1962", "the 1960s"): first day
    end: str | None = None            # ... and last day
    citation: bool = False            # inside a source citation "(Xinhua, May 19)"

    @property
    def period_end(self) -> str:
        """Last day of the period named (what `historical` compares)."""
        if self.end:
            return self.end
        return period_end(self.date, self.precision)


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
def _add_months(d: date, n: int) -> date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def _shift(d: date, n: int, unit: str) -> date:
    if unit == "day":
        return d + timedelta(days=n)
    if unit == "week":
        return d + timedelta(weeks=n)
    if unit == "month":
        return _add_months(d, n)
    if unit == "year":
        return _add_months(d, 12 * n)
    return _add_months(d, 120 * n)   # decade


def _truncate(d: date, precision: str) -> date:
    if precision == "month":
        return d.replace(day=1)
    if precision == "year":
        return d.replace(month=1, day=1)
    return d


def _coarser(a: str, b: str) -> str:
    return a if PRECISION_ORDER[a] >= PRECISION_ORDER[b] else b


def _week_month(monday: date) -> date:
    """A week is reported as the month holding most of it (its Thursday): no made-up day."""
    return (monday + timedelta(days=3)).replace(day=1)


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _infer_year(month: int, day: int | None, pub: date, future: bool,
                weekday: int | None = None) -> date | None:
    """The year that puts a yearless "November 17" nearest to, normally on/before, publication."""
    if weekday is not None and day is not None:
        # "Wednesday 15th November": the weekday pins the year; take the closest match.
        hits = [d for y in range(pub.year - 6, pub.year + 2)
                if (d := _safe_date(y, month, day)) and d.weekday() == weekday]
        if hits:
            return min(hits, key=lambda d: (abs((d - pub).days) + (400 if d > pub and not future else 0)))
    dd = day or 1
    past = next((d for y in (pub.year, pub.year - 1, pub.year - 2)
                 if (d := _safe_date(y, month, dd)) and _truncate(d, "day" if day else "month") <= pub), None)
    fut = next((d for y in (pub.year, pub.year + 1)
                if (d := _safe_date(y, month, dd)) and _truncate(d, "day" if day else "month") > pub), None)
    if fut and (future and (fut - pub).days <= 300 or (fut - pub).days <= 14):
        return fut
    return past or fut


def _nearest_weekday(pub: date, wd: int, direction: str) -> date:
    if direction == "this":
        return pub - timedelta(days=pub.weekday()) + timedelta(days=wd)
    if direction in ("next", "future"):
        delta = (wd - pub.weekday()) % 7 or 7
        return pub + timedelta(days=delta)
    if direction == "last":
        delta = (pub.weekday() - wd) % 7 or 7
        return pub - timedelta(days=delta)
    return pub - timedelta(days=(pub.weekday() - wd) % 7)   # on/before publication


# ---------------------------------------------------------------- scanning
def _paren_regions(text: str) -> list[tuple[int, int]]:
    return paren_regions(text)


def _is_citation(text: str, start: int, parens: list[tuple[int, int]],
                 enclosing: dict | None = None) -> bool:
    """"(Korea Times, November 20; Sohu, May 3)": a source name, a comma, then the date.

    ``enclosing`` (from :func:`_innermost_parens`): the innermost parenthesis around each
    position, found once for all expressions instead of scanning ``parens`` per one."""
    if enclosing is not None:
        ab = enclosing.get(start)
        found = [ab] if ab is not None else []
    else:
        found = (ab for ab in parens if ab[0] < start < ab[1])
    for a, b in found:
        seg_start = max(text.rfind(";", a, start), a) + 1
        before = text[seg_start:start].strip()
        return before.endswith(",") and any(c.isalpha() for c in before)
    return False


def _innermost_parens(parens: list[tuple[int, int]], positions) -> dict:
    """position -> the first (a, b) of ``parens`` with a < position < b, for many positions.

    ``parens`` come from bracket matching (nested or disjoint) in closing order, so the
    first containing pair is the innermost one: the latest opened that is still open."""
    opens = sorted(parens)
    out: dict = {}
    stack: list[tuple[int, int]] = []
    k = 0
    for pos in sorted(set(positions)):
        while k < len(opens) and opens[k][0] < pos:
            stack.append(opens[k])
            k += 1
        while stack and stack[-1][1] <= pos:
            stack.pop()
        if stack:
            out[pos] = stack[-1]
    return out


def _future_context(text: str, start: int, end: int) -> bool:
    """A future cue ("will", "is to", "scheduled") in the sentence before the expression."""
    left = text[max(0, start - 80):start]
    cut = max(left.rfind(". "), left.rfind("\n"))
    left = left[cut + 1:] if cut >= 0 else left
    return bool(_FUTURE_CUE.search(left))


def _raw_matches(text: str) -> list[tuple[int, int, str, re.Match]]:
    found = []
    for name, rx in PATTERNS:
        for m in rx.finditer(text):
            s, e = (m.span("core") if "core" in rx.groupindex and m.group("core") else m.span())
            if name == "weekday" and m.group("rel") and m.group("rel").lower() == "on":
                s = m.start("wd")
            found.append((s, e, name, m))
    # Keep the longest non-overlapping matches.
    found.sort(key=lambda t: (-(t[1] - t[0]), t[0]))
    kept: list[tuple[int, int, str, re.Match]] = []
    # Kept spans never overlap, so sorted by (start, end) their ends rise too: a new span
    # overlaps one of them iff it overlaps the last kept span starting before its end.
    spans: list[tuple[int, int]] = []
    for t in found:
        k = bisect.bisect_left(spans, (t[1], -1)) - 1
        if k >= 0 and spans[k][1] > t[0] and not (t[1] <= spans[k][0]):
            continue
        bisect.insort(spans, (t[0], t[1]))
        kept.append(t)
    return sorted(kept, key=lambda t: t[0])


def find_dates(text: str, published: str | None, anchor: str | None = None) -> list[TimeExpression]:
    """Every time expression of ``text``, resolved, in text order.

    ``published`` (ISO) anchors deictic expressions ("yesterday", "last week") and
    yearless dates; ``anchor`` (ISO) is the discourse date "one day later" counts from
    until the text gives one (defaults to the publication date).
    """
    published = normalize_published(published)
    pub = date.fromisoformat(published) if published else None
    parens = _paren_regions(text)
    # The discourse anchor: (date, precision) of the last non-citation expression.
    disc: tuple[date, str] | None = (date.fromisoformat(anchor), "day") if anchor else None
    out: list[TimeExpression] = []
    raw = _raw_matches(text)
    enclosing = _innermost_parens(parens, (t[0] for t in raw)) if parens else {}
    for s, e, name, m in raw:
        citation = _is_citation(text, s, parens, enclosing)
        future = _future_context(text, s, e)
        ref = pub or (disc[0] if disc else None)
        res = _resolve(name, m, ref, disc, future)
        if res is None:
            continue
        d, precision, kind, start, end = res
        expr = TimeExpression(text[s:e], (s, e), d.isoformat(), precision, kind,
                              start and start.isoformat(), end and end.isoformat(), citation)
        # "one day later on Thursday 16th November": the absolute date says it exactly.
        if out and out[-1].kind == "relative" and name not in ANCHORED and _is_anchored(out[-1]) \
                and re.fullmatch(r"[\s,]*(?:on|in)?\s*", text[out[-1].span[1]:s]):
            prev = out.pop()
            expr.span = (prev.span[0], e)
            expr.text = text[prev.span[0]:e]
        out.append(expr)
        if not citation:
            disc = (d, precision)
        # "NEW DELHI, March 7 (Xinhua) --": wire copy's own day is the reference for
        # "said Saturday", even when the article was (re)published later.
        if name in ("dmy", "mdy") and _is_dateline(text, s, e) and (pub is None or d <= pub):
            pub = d
    return out


_DATELINE_LEFT = re.compile(r"(?:^|\n)\s*[A-Z][A-Z.'’ -]{1,40}(?:,\s*[A-Z][A-Za-z.'’ -]{1,30})?,\s*$")
_DATELINE_RIGHT = re.compile(r"\s*(?:,\s*\d{4}\s*)?(?:\([^)]{1,40}\)\s*)?(?:--|[-–—])")


def _is_dateline(text: str, start: int, end: int) -> bool:
    """A date between an upper-case place and a dash at the start of a line."""
    return bool(_DATELINE_LEFT.search(text[max(0, start - 80):start])
                and _DATELINE_RIGHT.match(text, end))


def normalize_published(published) -> str | None:
    """ "2017-11-22", "2017-11-22T08:00:00Z" -> "2017-11-22"; anything else -> None."""
    if not published:
        return None
    m = re.match(r"(\d{4})-(\d{2})-(\d{2})", str(published))
    return m.group(0) if m and _safe_date(*map(int, m.groups())) else None


def _is_anchored(expr: TimeExpression) -> bool:
    return bool(re.search(r"later|earlier|next|following|previous|preceding|same|that",
                          expr.text, re.I))


def _resolve(name: str, m: re.Match, pub: date | None, disc: tuple[date, str] | None,
             future: bool):
    """(date, precision, kind, range_start, range_end) of one match, or None."""
    g = m.groupdict()
    if name == "iso":
        d = _safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return d and (d, "day", "absolute", None, None)
    if name == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        y = y + 2000 if y < 100 else y
        dm, md = _safe_date(y, b, a), _safe_date(y, a, b)   # day-first, month-first
        cands = [c for c in (dm, md) if c]
        if not cands:
            return None
        # Both readable (3/4/2017)? take the one nearer publication, day-first on ties.
        d = min(cands, key=lambda c: abs((c - pub).days)) if pub and len(cands) == 2 else cands[0]
        return (d, "day", "absolute", None, None)
    if name in ("dmy", "mdy"):
        month, day = MONTHS[g["mon"].lower().rstrip(".")], int(g["day"])
        if not 1 <= day <= 31:
            return None
        wd = WEEKDAYS[g["wd"].lower()] if g.get("wd") else None
        if g.get("year"):
            d = _safe_date(int(g["year"]), month, day)
        elif pub:
            d = _infer_year(month, day, pub, future, wd)
        else:
            return None
        if d is None:
            return None
        end = _safe_date(d.year, month, int(g["day2"])) if g.get("day2") else None
        return (d, "day", "absolute", end and d, end)
    if name == "my":
        return (date(int(g["year"]), MONTHS[g["mon"].lower().rstrip(".")], 1), "month",
                "absolute", None, None)
    if name == "year_range":
        y1, y2s = int(g["y1"]), g["y2"]
        y2 = int(y2s) if len(y2s) == 4 else (y1 // 100) * 100 + int(y2s)
        if y2 <= y1 or y2 - y1 > 200:
            return None
        return (date(y1, 1, 1), "year", "absolute", date(y1, 1, 1), date(y2, 12, 31))
    if name == "decade":
        dec = int(g["dec"])
        lo, hi = {"early": (0, 3), "mid": (4, 6), "late": (7, 9)}.get(g["part"] or "", (0, 9))
        return (date(dec + lo, 1, 1), "year", "absolute", date(dec + lo, 1, 1), date(dec + hi, 12, 31))
    if name in ("prep_year", "attr_year"):
        return (date(int(g["year"]), 1, 1), "year", "absolute", None, None)
    if name == "rel_month":
        if pub is None:
            return None
        month, rel = MONTHS[g["mon"].lower()], (g["rel"] or "in").lower()
        if rel == "next":
            y = pub.year if month > pub.month else pub.year + 1
        elif rel == "last":
            y = pub.year if month < pub.month else pub.year - 1
        elif rel == "this":
            y = pub.year
        else:
            y = _infer_year(month, None, pub, future).year
        return (date(y, month, 1), "month", "absolute", None, None)
    if pub is None:
        return None
    if name == "weekday":
        rel = (g["rel"] or "").lower()
        direction = rel if rel in ("last", "next", "this") else ("future" if future else "past")
        return (_nearest_weekday(pub, WEEKDAYS[g["wd"].lower()], direction), "day", "relative", None, None)
    if name == "deictic":
        w = g["word"].lower()
        off = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return (pub + timedelta(days=off), "day", "relative", None, None)
    if name == "this_unit":
        step = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        unit = g["unit"]
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
            return (_week_month(monday), "month", "relative", monday, monday + timedelta(days=6))
        d = _truncate(_shift(pub, step, unit), unit)
        return (d, unit, "relative", None, None)
    if name == "recent":
        return (pub.replace(day=1), "month", "relative", None, None)
    if name == "ago":
        n, unit = _number(g["num"]), g["unit"].lower()
        d = _shift(pub, -n, unit)
        precision = {"day": "day", "week": "month", "month": "month"}.get(unit, "year")
        return (_truncate(d, precision), precision, "relative", None, None)
    base, base_prec = disc if disc else (pub, "day")
    unit = g["unit"].lower()
    if name == "later":
        n = _number(g["num"]) * (1 if g["dir"].lower() == "later" else -1)
    elif name == "next_unit":
        n = -1 if g["dir"].lower() in ("previous", "preceding") else 1
    else:   # same_unit
        n = 0
    unit_prec = {"day": "day", "week": "month", "month": "month"}.get(unit, "year")
    precision = _coarser(base_prec, unit_prec)
    return (_truncate(_shift(base, n, unit), precision), precision, "relative", None, None)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]


# ---------------------------------------------------------------- event scoping
_PREDICATE_POS = {"VERB", "AUX"}


def clause_head(tok):
    """The clause head a token belongs to: the first verb up its head chain."""
    cur = tok
    while cur.pos_ not in _PREDICATE_POS and cur.head.i != cur.i:
        cur = cur.head
    return cur


def _span_root(doc, span: tuple[int, int]):
    sp = doc.char_span(span[0], span[1], alignment_mode="expand")
    return sp.root if sp is not None and len(sp) else None


def event_verb(doc, event: dict):
    vi = event.get("_verb_i")
    if isinstance(vi, int) and 0 <= vi < len(doc):
        return doc[vi]
    for key in ("verb", None):
        sp = (event.get(key) or {}).get("span") if key else event.get("span")
        if sp:
            tok = _span_root(doc, tuple(sp))
            if tok is not None:
                return tok
    return None


def _tense(verb) -> str:
    """past | perfect | present | future, from the verb and its auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    words = {a.lower_ for a in auxes}
    if words & {"will", "shall", "'ll", "wo"}:
        return "future"
    if words & {"has", "have", "'ve"}:
        return "perfect"     # "have been viewed since 2011": a past that reaches now
    if words & {"is", "are", "am", "'re"} or (not auxes and verb.tag_ in ("VBZ", "VBP")):
        return "present"
    return "past"


def _paragraph_start(text: str, pos: int) -> int:
    m = None
    for m in re.finditer(r"\n\s*\n", text[:pos]):
        pass
    return m.end() if m else 0


def resolve_event_date(doc, event: dict, published: str | None, historical_days: int = 60,
                       expressions: list[TimeExpression] | None = None,
                       _ctx: "_DocDates | None" = None) -> dict:
    """``{date, date_precision, date_basis, historical}`` of one event.

    Scope order: a date in the event's own clause (nearest its target); else one in
    another clause of its sentence (nearest its verb); else the last one in earlier
    sentences of the same paragraph; else the publication date. Dates that lie in the
    past are not carried into present/future-tense events ("China now backs ...").
    """
    published = normalize_published(published)
    if expressions is None:
        expressions = find_dates(doc_text(doc), published)
    if _ctx is not None and _ctx.ok:
        chosen = _ctx.choose(event)
    else:
        chosen = _choose_expression(doc, event, published, historical_days,
                                    [x for x in expressions if not x.citation])
    if chosen is not None:
        return {"date": chosen.date, "date_precision": chosen.precision, "date_basis": "text",
                "historical": is_historical(chosen.date, chosen.precision, published,
                                            historical_days, chosen.end)}
    if published:
        return {"date": published, "date_precision": "day", "date_basis": "publication",
                "historical": False}
    return {"date": None, "date_precision": "unknown", "date_basis": None, "historical": False}


def _choose_expression(doc, event, published, historical_days, exprs):
    verb = event_verb(doc, event)
    if verb is None or not exprs:
        return None
    sent = verb.sent
    tense = _tense(verb)

    def fits_tense(x: TimeExpression) -> bool:
        # A past date does not scope a present or future statement.
        return tense in ("past", "perfect") or not is_historical(
            x.date, x.precision, published, historical_days, x.end)

    in_sent, before = [], []
    for x in exprs:
        if sent.start_char <= x.span[0] < sent.end_char:
            in_sent.append(x)
        elif x.span[1] <= sent.start_char:
            before.append(x)

    own, other = [], []
    clause = event.get("_clause") or event.get("_clause_token_span")
    for x in in_sent:
        root = _span_root(doc, x.span)
        if root is None:
            continue
        gov = clause_head(root)
        mine = gov.i == verb.i or root.i == verb.i or _under_nominal_verb(root, verb)
        if not mine and clause and verb.pos_ not in _PREDICATE_POS:
            mine = clause[0] <= root.i < clause[1] and gov.i == clause_head(verb).i
        (own if mine else other).append((x, root))

    if own:
        anchor = _target_token(doc, event) or verb
        return min(own, key=lambda xr: _distance(xr[1], anchor))[0]
    other = [(x, r) for x, r in other if fits_tense(x)]
    if other:
        return min(other, key=lambda xr: abs(xr[1].i - verb.i))[0]
    par_start = _paragraph_start(doc_text(doc), sent.start_char)
    earlier = [x for x in before if x.span[0] >= par_start and fits_tense(x)]
    return earlier[-1] if earlier else None


class _DocDates:
    """:func:`_choose_expression` for many events of one doc, without per-event rescans.

    Built once per doc from ``find_dates`` output (sorted, non-overlapping): each
    expression's root and clause head are found once; per sentence the expressions are
    indexed by clause head / root / root's head (the "own clause" tests) and sorted by
    root position (nearest "other clause" by bisection); earlier expressions of the
    paragraph are a bisected range. Picks exactly what ``_choose_expression`` picks
    (same order, same ties); ``ok`` is False when the input does not allow it.
    """

    def __init__(self, doc, expressions, published, historical_days):
        self.doc, self.published, self.historical_days = doc, published, historical_days
        self.exprs = [x for x in expressions if not x.citation]
        xs = self.exprs
        self.ok = all(xs[k].span[0] <= xs[k + 1].span[0] and xs[k].span[1] <= xs[k + 1].span[1]
                      for k in range(len(xs) - 1))
        self.starts = [x.span[0] for x in xs]
        self.ends = [x.span[1] for x in xs]
        self.hist = [is_historical(x.date, x.precision, published, historical_days, x.end)
                     for x in xs]
        # prev_ok[k]: the last index <= k whose expression fits a present/future event
        self.prev_ok, last = [], -1
        for k, h in enumerate(self.hist):
            if not h:
                last = k
            self.prev_ok.append(last)
        self._roots: dict[int, tuple] = {}
        self._sents: dict[int, dict] = {}
        self._sent_list: list[tuple[int, int, int, int]] | None = None
        self._text: str | None = None
        self._breaks: list[tuple[int, int]] = []
        self._break_ends: list[int] = []

    def _root(self, k):
        if k not in self._roots:
            root = _span_root(self.doc, self.exprs[k].span)
            self._roots[k] = (root, clause_head(root) if root is not None else None)
        return self._roots[k]

    def _sent_bounds(self, verb) -> tuple[int, int]:
        """(start_char, end_char) of the verb's sentence (``Token.sent`` walks the
        sentence each time: one pass over ``doc.sents`` instead)."""
        if self._sent_list is None:
            try:
                self._sent_list = [(s.start, s.end, s.start_char, s.end_char)
                                   for s in self.doc.sents]
            except ValueError:
                self._sent_list = []
        k = bisect.bisect_right(self._sent_list, (verb.i, float("inf"))) - 1
        if k >= 0 and self._sent_list[k][0] <= verb.i < self._sent_list[k][1]:
            return self._sent_list[k][2], self._sent_list[k][3]
        sent = verb.sent
        return sent.start_char, sent.end_char

    def _sentence(self, bounds: tuple[int, int]) -> dict:
        key = bounds[0]
        info = self._sents.get(key)
        if info is None:
            lo = bisect.bisect_left(self.starts, bounds[0])
            hi = bisect.bisect_left(self.starts, bounds[1], lo)
            by_gov, by_root, by_head, near, near_ok = {}, {}, {}, [], []
            for k in range(lo, hi):
                root, gov = self._root(k)
                if root is None:
                    continue
                by_gov.setdefault(gov.i, []).append(k)
                by_root.setdefault(root.i, []).append(k)
                by_head.setdefault(root.head.i, []).append(k)
                near.append((root.i, k))
                if not self.hist[k]:
                    near_ok.append((root.i, k))
            near.sort()
            near_ok.sort()
            info = self._sents[key] = {"by_gov": by_gov, "by_root": by_root, "by_head": by_head,
                                       "near": near, "near_ok": near_ok,
                                       "par_start": self._paragraph_start(bounds[0])}
        return info

    def _paragraph_start(self, pos: int) -> int:
        if self._text is None:
            self._text = doc_text(self.doc)
            self._breaks = [m.span() for m in re.finditer(r"\n\s*\n", self._text)]
            self._break_ends = [e for _, e in self._breaks]
        k = bisect.bisect_right(self._break_ends, pos) - 1
        nxt = k + 1
        if nxt < len(self._breaks) and self._breaks[nxt][0] < pos:
            return _paragraph_start(self._text, pos)   # a break straddles pos: the exact way
        return self._breaks[k][1] if k >= 0 else 0

    def choose(self, event):
        doc = self.doc
        verb = event_verb(doc, event)
        if verb is None or not self.exprs:
            return None
        bounds = self._sent_bounds(verb)
        tense = _tense(verb)
        info = self._sentence(bounds)
        clause = event.get("_clause") or event.get("_clause_token_span")
        nominal = verb.pos_ not in _PREDICATE_POS
        cand = set(info["by_gov"].get(verb.i, ())) | set(info["by_root"].get(verb.i, ()))
        if nominal:
            cand.update(info["by_head"].get(verb.i, ()))
            if clause:
                vh = clause_head(verb).i
                cand.update(k for k in info["by_gov"].get(vh, ())
                            if clause[0] <= self._roots[k][0].i < clause[1])
        if cand:
            anchor = _target_token(doc, event) or verb
            return self.exprs[min(sorted(cand), key=lambda k: _distance(self._roots[k][0], anchor))]
        all_fit = tense in ("past", "perfect")
        near = info["near"] if all_fit else info["near_ok"]
        if near:
            v = verb.i
            p = bisect.bisect_left(near, (v, -1))
            best = None   # (distance, index)
            if p < len(near):
                best = (near[p][0] - v, near[p][1])
            if p > 0:
                ri = near[p - 1][0]
                q = bisect.bisect_left(near, (ri, -1))
                left = (v - ri, near[q][1])
                if best is None or left < best:
                    best = left
            return self.exprs[best[1]]
        hi = bisect.bisect_right(self.ends, bounds[0])
        lo = bisect.bisect_left(self.starts, info["par_start"])
        if hi <= lo:
            return None
        k = hi - 1 if all_fit else self.prev_ok[hi - 1]
        return self.exprs[k] if k >= lo else None


def _under_nominal_verb(root, verb) -> bool:
    """A nominal event ("a rocket launch that same month"): dates it modifies directly."""
    return verb.pos_ not in _PREDICATE_POS and root.head.i == verb.i


def _target_token(doc, event):
    sp = (event.get("target") or {}).get("span")
    if sp:
        sub = doc.char_span(sp[0], sp[1], alignment_mode="expand")
        if sub is not None and len(sub):
            return sub[-1]
    return None


def _distance(tok, anchor) -> int:
    # Dates after the anchor ("met Moon in 2017") win ties over ones before it.
    d = tok.i - anchor.i
    return d if d > 0 else -d + 1


# ---------------------------------------------------------------- actors by date
def _recode_actors(event: dict) -> None:
    """A past leader is coded by the event date (actor resolver's job, when it exists)."""
    people = [k for k in ("source", "target") if isinstance(event.get(k), dict)
              and str(event[k].get("actor_id") or "").startswith("person:")]
    if not people:
        return
    try:
        from .actors.resolver import get_resolver
        recode = get_resolver().recode_for_date
    except (ImportError, AttributeError):
        return
    except Exception:  # noqa: BLE001 - the actor data is another stage's; dating goes on
        return
    for key in people:
        actor = event[key]
        try:
            new = recode(actor, event["date"], event.get("date_precision"))
        except Exception:  # noqa: BLE001 - never lose an event over a recoding failure
            continue
        if isinstance(new, dict):
            event[key] = new


def _note(doc, msg: str) -> None:
    if doc._.notes is None:
        doc._.notes = []
    doc._.notes.append(msg)


class TimeComponent:
    def __init__(self, nlp, name, historical_days):
        ensure_extensions()
        self.historical_days = historical_days

    def __call__(self, doc):
        events = doc._.events or []
        if not events:
            return doc
        published = normalize_published(doc._.published)
        # The prefilter (pipeline.py) may blank non-event sentences: dates come from the full text.
        exprs = find_dates(getattr(doc._, "full_text", None) or doc_text(doc), published)
        ctx = _DocDates(doc, exprs, published, self.historical_days)   # per-doc work, once
        for ev in events:
            try:
                ev.update(resolve_event_date(doc, ev, published, self.historical_days, exprs,
                                             _ctx=ctx))
            except Exception as exc:  # noqa: BLE001 - one odd event must not lose the doc
                ev.update(date=published, date_precision="day" if published else "unknown",
                          date_basis="publication" if published else None, historical=False)
                _note(doc, f"eventwire_time: {exc.__class__.__name__}: {exc}")
                continue
            if ev["date_basis"] == "text":
                _recode_actors(ev)
        return doc


@Language.factory("eventwire_time", default_config={"historical_days": 60})
def make_time(nlp, name, historical_days):
    return TimeComponent(nlp, name, historical_days)
