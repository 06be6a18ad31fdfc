"""Time expressions in text: ``find_dates`` (absolute, relative, ranges, decades).

Regular expressions written for news, no dateparser: dateparser fills a missing day from
the reference date and counts "one day later" from the wrong anchor. Every expression
gets its character span, the ISO date of the first day of the period it names and an
honest precision ("in December 2012" is 2012-12-01 + month, never a made-up day).
"""
from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass
from datetime import date, timedelta

from ..dateline import find_dateline
from ..textutil import paren_regions
from .cues import default_cues, default_eras, default_holidays
from .periods import (coarser, infer_year, month_readings, nearest_weekday, normalize_published,
                      period_end, safe_date, shift, truncate, week_month, weekday_readings)

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
    ("attr_year", re.compile(r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir|[Aa]n?)\s+(?P<core>" + _YEAR
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
    # "in the past week" is recent news; "over the past three years" a span up to now
    # (a duration, never an event's time); "in the past" alone is vague background.
    ("past_period", re.compile(r"\b(?:[Ii]n|[Oo]ver|[Dd]uring|[Ww]ithin|[Ff]or)\s+the\s+(?:past|last)\s+"
                               r"(?:(?P<num>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                               + r"|few|several|couple of)\s+)?(?P<unit>days?|weeks?|months?|years?|"
                               r"decades?|centur(?:y|ies)|24 hours|48 hours)\b")),
    # "one day after X met Y", "a week before the vote": X's time counts from the clause
    # the phrase hangs on (kind ``offset``; the date stage applies it).
    ("offset", re.compile(r"\b(?:(?P<num>\d+|" + "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
                          + r"|a few|several)\s+(?P<unit>minute|hour|day|week|month|year)s?|"
                          r"(?P<the>the)\s+(?P<unit1>day|week|month|year)|(?P<soon>[Hh]ours|[Mm]inutes|"
                          r"[Ss]hortly|[Ss]oon|[Jj]ust|[Mm]oments|[Dd]ays|[Ww]eeks|[Mm]onths|[Yy]ears))\s+"
                          r"(?P<dir>after|before)\b", re.I)),
    ("vague_past", re.compile(r"\b(?:[Ii]n\s+the\s+past|[Ii]n\s+years\s+past|[Ii]n\s+the\s+distant\s+past|"
                              r"[Yy]ears\s+ago|[Dd]ecades\s+ago)\b(?!\s+(?:few|several|\d|week|month|year))")),
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
    date: str | None                  # ISO date, first day of the period (None: vague past)
    precision: str                    # day | month | year (unknown: vague past)
    kind: str                         # absolute | relative | era | vague
    start: str | None = None          # for ranges ("1958–1962", "the 1960s"): first day
    end: str | None = None            # ... and last day
    citation: bool = False            # inside a source citation "(Xinhua, May 19)"
    role: str = "time"                # time | bound ("until 2099", "by March": never an event's
                                      # time) | offset ("one day after": see ``offset``) |
                                      # dateline (the story's day: see ``story_date``)
    past: str | None = None           # "on Friday", "November 17", "in March": the reading
    future: str | None = None         # on/before the reference, and the one on/after it
    offset: tuple[int, str] | None = None   # "two days after": (-2, "day"); "a week before": (7, "day")

    @property
    def period_end(self) -> str | None:
        """Last day of the period named (what `historical` compares)."""
        if self.end:
            return self.end
        return period_end(self.date, self.precision) if self.date else None


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


@functools.lru_cache(maxsize=1)
def _era_pattern() -> tuple[re.Pattern | None, dict]:
    """One regex for the names of data/dates/eras.yaml (as written), and name -> Era."""
    table = {n: era for era in default_eras() for n in era.names}
    if not table:
        return None, table
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?:[Tt]he\s+)?(?P<core>(?P<era>" + alts + r"))(?![\w-])"), table


_BOUND_TAIL = re.compile(r"(?:\s+(?:the|a|an|early|late|mid|mid-|end|the end of|middle of))*\s*$")


def _is_bound(text: str, start: int, end: int) -> bool:
    """A bound or a duration, not an event's time: "until 2099", "ahead of the election
    next month", "by March" (the cue words are data: ``bound_cues`` of cues.yaml). A
    possessive ("until Friday's vote") belongs to its noun and is left to the parse."""
    if text.startswith(("'s", "’s"), end):
        return False
    left = text[max(0, start - 40):start].lower()
    left = _BOUND_TAIL.sub("", left)
    for cue in default_cues().bound_cues:
        if left.endswith(cue) and (len(left) == len(cue) or not left[-len(cue) - 1].isalnum()):
            return True
    return False


@functools.lru_cache(maxsize=1)
def _holiday_pattern() -> tuple[re.Pattern | None, dict]:
    """One regex for the names of data/dates/holidays.yaml (as written, with an optional
    year: "Christmas 2016"), and name -> Holiday. A capitalised word after the name makes
    it part of another name ("Christmas Island", "the Good Friday Agreement"): group
    ``more`` is set, and the match only keeps shorter ones ("Friday") from being dates."""
    table = {n: h for h in default_holidays() for n in h.names}
    if not table:
        return None, table
    alts = "|".join(re.escape(n) for n in sorted(table, key=len, reverse=True))
    return re.compile(r"(?<![\w-])(?P<hol>" + alts + r")(?:,?\s+(?P<hyear>1[5-9]\d\d|20\d\d)\b)?"
                      r"(?![\w-])(?P<more>(?=[ \t]+[A-Z][a-z]))?"), table


def _raw_matches(text: str) -> list[tuple[int, int, str, re.Match]]:
    found = []
    era_rx, _ = _era_pattern()
    hol_rx, _ = _holiday_pattern()
    patterns = PATTERNS + ([("era", era_rx)] if era_rx is not None else []) \
        + ([("holiday", hol_rx)] if hol_rx is not None else [])
    for name, rx in patterns:
        for m in rx.finditer(text):
            s, e = (m.span("core") if "core" in rx.groupindex and m.group("core") else m.span())
            if name == "weekday" and m.group("rel") and m.group("rel").lower() == "on":
                s = m.start("wd")
            if name == "holiday" and m.group("more") is not None:
                name = "not_a_date"     # part of a longer name: blocks "Friday" in "Good Friday Agreement"
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
    dateline = find_dateline(text)
    dl_day = _dateline_day(dateline, pub)
    parens = _paren_regions(text)
    # The discourse anchor: (date, precision) of the last non-citation expression.
    disc: tuple[date, str] | None = (date.fromisoformat(anchor), "day") if anchor else None
    out: list[TimeExpression] = []
    raw = _raw_matches(text)
    enclosing = _innermost_parens(parens, (t[0] for t in raw)) if parens else {}
    for s, e, name, m in raw:
        if name == "not_a_date":
            continue
        # "NEW DELHI, March 7 (Xinhua) --": wire copy's own day is the reference for
        # "said Saturday", even when the article was (re)published later.
        if dl_day is not None and dateline is not None and s >= dateline.span[0]:
            pub = dl_day
        citation = _is_citation(text, s, parens, enclosing)
        if name in ANCHORED and disc is _NO_ANCHOR:
            continue   # "a week later" after "from 2009 to 2013": later than what?
        future = _future_context(text, s, e)
        known = None if disc is _NO_ANCHOR else disc
        ref = pub or (known[0] if known else None)
        res = _resolve(name, m, ref, known, future)
        if res is None:
            continue
        d, precision, kind, start, end, *readings = res
        past, fut = readings if readings else (None, None)
        if name == "offset":
            if _APPROX.search(text[max(0, s - 20):s]):   # "more than two weeks after"
                precision = {"day": "month", "month": "year"}.get(precision, precision)
            out.append(TimeExpression(text[s:e], (s, e), None, precision, "offset", role="offset",
                                      offset=(past, fut), citation=citation))
            continue
        expr = TimeExpression(text[s:e], (s, e), d and d.isoformat(), precision, kind,
                              start and start.isoformat(), end and end.isoformat(), citation,
                              "bound" if kind == "duration" or _is_bound(text, s, e) else "time",
                              past and past.isoformat(), fut and fut.isoformat())
        if kind == "duration":
            expr.kind = "relative"
        if dateline is not None and dateline.span[0] <= s < dateline.span[1]:
            expr.role = "dateline"   # the story's date, not an event's (see story_date)
        # "a week later on Monday 20th November": the absolute date says it exactly.
        if out and out[-1].kind == "relative" and name not in ANCHORED and _is_anchored(out[-1]) \
                and re.fullmatch(r"[\s,]*(?:on|in)?\s*", text[out[-1].span[1]:s]):
            prev = out.pop()
            expr.span = (prev.span[0], e)
            expr.text = text[prev.span[0]:e]
        out.append(expr)
        if not citation and expr.role == "time" and d is not None:
            # a span of years ("served from 2009 to 2013", "in the 1990s") is a period,
            # no point that "a week later" could count from
            disc = _NO_ANCHOR if end is not None and precision == "year" else (d, precision)
    return out


# The discourse anchor after a multi-year span: anchored expressions are left undated.
_NO_ANCHOR = (date.min, "none")


_APPROX = re.compile(r"\b(?:more than|less than|nearly|almost|about|around|roughly|some|over|"
                     r"under|at least|at most|up to)\s*$", re.I)


def _dateline_day(dl, pub: date | None) -> date | None:
    """The day of the story's dateline ``dl`` ("SEOUL, March 17 (Reuters) -"), when it has
    one and it is not after publication (a later one is a typo or a time zone away)."""
    if dl is None or not dl.date_text:
        return None
    mon, _, day = dl.date_text.partition(" ")
    month = MONTHS.get(mon.lower().rstrip("."))
    if month is None or not day.strip().isdigit():
        return None
    if pub is None:
        return None
    d = infer_year(month, int(day), pub, False)
    return d if d is not None and d <= pub else None


def story_date(text: str, published: str | None) -> str | None:
    """The story's own date: its dateline's day when it has one, else ``published``
    (gold rule 7: relative dates and undated current events count from it)."""
    published = normalize_published(published)
    pub = date.fromisoformat(published) if published else None
    d = _dateline_day(find_dateline(text), pub)
    return d.isoformat() if d else published


def _is_anchored(expr: TimeExpression) -> bool:
    return bool(re.search(r"later|earlier|next|following|previous|preceding|same|that",
                          expr.text, re.I))


def _resolve(name: str, m: re.Match, pub: date | None, disc: tuple[date, str] | None,
             future: bool):
    """(date, precision, kind, range_start, range_end[, past, future]) of one match, or None.

    ``past``/``future``: for expressions whose direction the text leaves open ("on
    Friday", "November 17", "in March"), the reading on/before the reference and the one
    on/after it; the date stage picks one by the tense of the event it dates."""
    g = m.groupdict()
    if name == "era":
        era = _era_pattern()[1][g["era"]]
        first, last = date.fromisoformat(era.start), date.fromisoformat(era.end)
        return (first, era.precision, "era", first, last)
    if name == "vague_past":
        return (None, "unknown", "vague", None, None)
    if name == "holiday":
        hol = _holiday_pattern()[1][g["hol"]]
        if g["hyear"]:
            d = hol.on(int(g["hyear"]))
            return d and (d, "day", "absolute", None, None)
        if pub is None:
            return None
        # yearless: like "November 17", the one on/before the reference or the next one
        days = [d for y in (pub.year - 1, pub.year, pub.year + 1) if (d := hol.on(y))]
        past = max((d for d in days if d <= pub), default=None)
        fut = min((d for d in days if d >= pub), default=None)
        d = fut if future and fut else past
        return d and (d, "day", "absolute", None, None, past, fut)
    if name == "offset":
        # (None, precision, "offset", None, None, n, unit): n < 0 for "after" (the embedded
        # event came before the clause it hangs on), > 0 for "before"
        if g["soon"] or g["unit"] in ("minute", "hour") or (g["unit"] or "").lower() in ("minute", "hour"):
            n, unit = 0, "day"
            if g["soon"] and g["soon"].lower() in ("days", "weeks", "months", "years"):
                return None      # "days after": how many is not said
        else:
            unit = (g["unit"] or g["unit1"]).lower()
            n = 1 if g["the"] else (3 if g["num"].lower() in ("a few", "several") else _number(g["num"]))
            if g["num"] and g["num"].lower() in ("a few", "several"):
                return None      # not a number we can count with
        n = -n if g["dir"].lower() == "after" else n
        if unit == "week":
            n, unit = 7 * n, "day"
        precision = {"day": "day", "month": "month", "year": "year"}[unit]
        return (None, precision, "offset", None, None, n, unit)
    if name == "past_period":
        if pub is None:
            return None
        unit = g["unit"].rstrip("s").replace("centurie", "century")
        short = unit in ("day", "week", "24 hour", "48 hour") and (
            not g["num"] or g["num"] in ("few", "several", "couple of") or unit != "week"
            or _number(g["num"]) <= 2)
        if short:   # "in the past week", "over the past few days": this month's news
            return (pub.replace(day=1), "month", "relative", None, None)
        return (pub.replace(month=1, day=1), "year", "duration", None, None)
    if name == "iso":
        d = safe_date(int(g["year"]), int(g["m"]), int(g["d"]))
        return d and (d, "day", "absolute", None, None)
    if name == "numeric":
        a, b, y = int(g["a"]), int(g["b"]), int(g["y"])
        y = y + 2000 if y < 100 else y
        dm, md = safe_date(y, b, a), safe_date(y, a, b)   # day-first, month-first
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
        past = fut = None
        if g.get("year"):
            d = safe_date(int(g["year"]), month, day)
        elif pub:
            d = infer_year(month, day, pub, future, wd)
            if wd is None:
                past, fut = month_readings(pub, month, day)
        else:
            return None
        if d is None:
            return None
        end = safe_date(d.year, month, int(g["day2"])) if g.get("day2") else None
        return (d, "day", "absolute", end and d, end, past, fut)
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
            y = infer_year(month, None, pub, future).year
            past, fut = month_readings(pub, month)
            return (date(y, month, 1), "month", "absolute", None, None, past, fut)
        return (date(y, month, 1), "month", "absolute", None, None)
    if pub is None:
        return None
    if name == "weekday":
        rel = (g["rel"] or "").lower()
        wd = WEEKDAYS[g["wd"].lower()]
        if rel in ("last", "next", "this"):
            return (nearest_weekday(pub, wd, rel), "day", "relative", None, None)
        past, fut = weekday_readings(pub, wd)
        return (nearest_weekday(pub, wd, "future" if future else "past"), "day", "relative",
                None, None, past, fut)
    if name == "deictic":
        w = g["word"].lower()
        off = {"yesterday": -1, "last night": -1, "tomorrow": 1}.get(w, 0)
        return (pub + timedelta(days=off), "day", "relative", None, None)
    if name == "this_unit":
        step = {"last": -1, "this": 0, "next": 1}[g["rel"].lower()]
        unit = g["unit"]
        if unit == "week":
            monday = pub - timedelta(days=pub.weekday()) + timedelta(weeks=step)
            return (week_month(monday), "month", "relative", monday, monday + timedelta(days=6))
        d = truncate(shift(pub, step, unit), unit)
        return (d, unit, "relative", None, None)
    if name == "recent":
        return (pub.replace(day=1), "month", "relative", None, None)
    if name == "ago":
        n, unit = _number(g["num"]), g["unit"].lower()
        d = shift(pub, -n, unit)
        precision = {"day": "day", "week": "month", "month": "month"}.get(unit, "year")
        return (truncate(d, precision), precision, "relative", None, None)
    base, base_prec = disc if disc else (pub, "day")
    unit = g["unit"].lower()
    if name == "later":
        n = _number(g["num"]) * (1 if g["dir"].lower() == "later" else -1)
    elif name == "next_unit":
        n = -1 if g["dir"].lower() in ("previous", "preceding") else 1
    else:   # same_unit
        n = 0
    unit_prec = {"day": "day", "week": "month", "month": "month"}.get(unit, "year")
    precision = coarser(base_prec, unit_prec)
    return (truncate(shift(base, n, unit), precision), precision, "relative", None, None)


def _number(word: str) -> int:
    return int(word) if word.isdigit() else NUMBER_WORDS[word.lower()]
