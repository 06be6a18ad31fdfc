"""Publication dates -> ISO ``YYYY-MM-DD`` (or None), from metadata, URLs and pages.

Rule of the project: a date comes from the input or from ``--published``; a value we
cannot read gives None, never "today" (dateparser's habit of filling missing parts
from the clock is switched off by requiring day, month and year).

A page's date is read in layers (``htmltext.extract_html``): its own metadata
(``pick_meta_date`` prefers a timestamp written in the outlet's local time), then
htmldate's markup search (inside trafilatura), then a date in its URL (``url_date``),
then htmldate's search of the page text (``page_text_date``; said in a note, since
a date from the text is a guess). ``--published`` only fills what all of them leave
empty; ``--published-override`` (a ``PublishedOption`` with ``override``) replaces them.
"""
from __future__ import annotations

import datetime as dt
import email.utils
import re
from dataclasses import dataclass

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


@dataclass(frozen=True)
class PublishedOption:
    """The run's publication date: a fallback for inputs that carry none (``--published``),
    or, with ``override``, the date of every input whatever it says
    (``--published-override``)."""

    date: str
    override: bool = False

    def __str__(self) -> str:
        return self.date


def published_option(value) -> PublishedOption | None:
    """``--published`` value (an ISO string, or a PublishedOption) -> PublishedOption;
    None stays None, junk raises ValueError."""
    if value is None:
        return None
    if isinstance(value, PublishedOption):
        return PublishedOption(require_iso_date(value.date), value.override)
    return PublishedOption(require_iso_date(value))


_OFFSET = re.compile(r"T\d\d:\d\d(?::\d\d(?:\.\d+)?)?\s*(Z|[+-]\d\d:?\d\d)?\s*$")


def pick_meta_date(values) -> str | None:
    """The publication day among a page's values of one metadata key (in page order).

    A page may state one instant twice: in UTC ("2022-04-22T04:11:44+00:00") and in the
    outlet's local time ("2022-04-21T22:11:44-06:00"). The outlet's day is the one its
    "today" means, so a local-time stamp wins over a UTC one; otherwise the first."""
    readable = [(v, to_iso_date(v)) for v in values if v]
    readable = [(v, d) for v, d in readable if d]
    if not readable:
        return None
    for v, d in readable:
        m = _OFFSET.search(str(v).strip())
        if m and m.group(1) and m.group(1) not in ("Z", "+00:00", "+0000", "-00:00"):
            return d
    return readable[0][1]


# /2010/POLITICS/08/13/slug, /2016/09/19/, /news/20160919-slug, /2016-09-19/
_URL_DATES = (re.compile(r"/((?:19|20)\d\d)/(?:[A-Za-z][\w-]{1,30}/)?(\d{1,2})/(\d{1,2})(?:/|$)"),
              re.compile(r"[/_-]((?:19|20)\d\d)-?(\d{2})-?(\d{2})(?=[/_.-]|$)"))


def url_date(url: str | None) -> str | None:
    """A full date in an article URL, or None."""
    if not url:
        return None
    path = url.split("?", 1)[0]
    for rx in _URL_DATES:
        m = rx.search(path)
        if m:
            iso = _valid(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if iso:
                return iso
    return None


def page_text_date(html: str, url: str | None = None, body: list[str] = ()) -> str | None:
    """htmldate's search of the whole page (markup, then text patterns) for its original
    publication date, kept only when the page writes that day out in full *outside the
    story's own paragraphs* (``body``): a byline or header says when the page was
    published, the story's text says when its events happened, and a bare "Copyright
    2017" is no day at all. Slower, and still a guess: used only when metadata and URL
    say nothing."""
    try:
        import htmldate
    except ImportError:  # pragma: no cover - pinned in requirements.lock
        return None
    try:
        found = htmldate.find_date(html, extensive_search=True, original_date=True, url=url,
                                   outputformat="%Y-%m-%d",
                                   max_date=(dt.date.today() + dt.timedelta(days=1)).isoformat())
    except Exception:  # noqa: BLE001 - htmldate raises many types on odd markup
        return None
    iso = to_iso_date(found)
    return iso if iso and _written_in(_text_around(html, body), iso) else None


def _text_around(html: str, body) -> str:
    """The page's visible text without the story's paragraphs."""
    import lxml.etree
    import lxml.html
    try:
        tree = lxml.html.document_fromstring(html)
    except (lxml.etree.ParserError, ValueError):
        return ""
    for el in tree.iter("style", "noscript"):
        el.text = ""
    text = " ".join(tree.text_content().split())
    for para in sorted(body, key=len, reverse=True):
        para = " ".join(para.split())
        if len(para) > 20:
            text = text.replace(para, " ")
    return text


_MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
                "September", "October", "November", "December")


def _written_in(page: str, iso: str) -> bool:
    """Is the day ``iso`` written out somewhere in the page (ISO, numeric or with the
    month's name, in the common orders)?"""
    d = dt.date.fromisoformat(iso)
    y, m, day = d.year, d.month, d.day
    name = _MONTH_NAMES[m - 1]
    short = name[:3]
    forms = [rf"{y}-{m:02d}-{day:02d}", rf"{y}/{m:02d}/{day:02d}", rf"{y}{m:02d}{day:02d}",
             rf"\b0?{m}/0?{day}/{y}\b", rf"\b0?{day}[./]0?{m}[./]{y}\b",
             rf"\b(?:{name}|{short}\.?)\s+0?{day}(?:st|nd|rd|th)?,?\s+{y}\b",
             rf"\b0?{day}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{name}|{short}\.?),?\s+{y}\b"]
    return any(re.search(f, page, re.I) for f in forms)
