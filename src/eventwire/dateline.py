"""The dateline of a story: "SEOUL, March 17 (Reuters) -", "KUNDUZ, Afghanistan —".

A dateline says where (and, in wire copy, on which day) a story was filed. It is never
an actor (gold rule 2); the date stage takes its day as the story's date and the place
stage its place as the place of the lead's events (when the actors agree). Detection is
text only: a capitalised place name (all capitals, or every word capitalised), an
optional region or country after a comma, an optional "Month Day", an optional agency
in parentheses, then a dash — at the start of one of the first lines of the text.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

_MONTHS = ("January|February|March|April|May|June|July|August|September|October|November|"
           "December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec")
_MONTH_RX = rf"(?:{_MONTHS}|{_MONTHS.upper()})\.?"
# One place word: "SEOUL", "Palm", "S.C.", "Ala.", "al-Arish", "O'Hare".
_WORD = r"(?:[A-Z][A-Za-z'’.\-]*|[A-Z]\.(?:[A-Z]\.)+)"
_NAME = rf"{_WORD}(?:[ ]{_WORD}){{0,4}}"
_NOT_MONTH = rf"(?!(?:{_MONTH_RX})\s+\d)"
_DATELINE = re.compile(
    rf"(?P<places>{_NAME}(?:\s*/\s*{_NAME})*)"
    rf"(?:,\s*{_NOT_MONTH}(?P<region>{_NAME}))?"
    rf"(?:,\s*(?P<date>{_MONTH_RX}\s+\d{{1,2}})(?:,\s*\d{{4}})?)?"
    r"\s*(?:\((?P<agency>[A-Za-z][\w .&'-]{0,30})\)\s*(?P<dash1>--|[-–—])?|(?P<dash>--|[-–—]))"
    r"\s+")
# Words that open a sentence, not a place: "The Democratic Labour Party (DLP) ..."
_FUNCTION_WORDS = {"the", "a", "an", "in", "on", "at", "for", "of", "this", "that", "it", "he",
                   "she", "they", "we", "i", "if", "when", "while", "as", "after", "before"}
_SCAN_CHARS = 400   # a dateline opens one of the first lines (after a headline, say)


@dataclass
class Dateline:
    text: str                                  # the dateline, dash included
    span: tuple[int, int]
    places: list[tuple[str, tuple[int, int]]]  # "SEOUL/UNITED NATIONS": two places
    region: tuple[str, tuple[int, int]] | None = None   # "Afghanistan" in "KUNDUZ, Afghanistan"
    date_text: str | None = None               # "March 17"
    date_span: tuple[int, int] | None = None
    agency: str | None = None                  # "Reuters"


def _capitalised(name: str) -> bool:
    """All capitals ("NEW DELHI"), or every word capitalised ("West Palm Beach")."""
    words = name.split()
    return bool(words) and all(w[:1].isupper() for w in words)


def find_dateline(text: str) -> Dateline | None:
    """The story's dateline, or None. Only the start of one of the first lines counts."""
    for line in re.finditer(r"[^\n]+", text[:_SCAN_CHARS]):
        m = _DATELINE.match(text, line.start())
        if m and _valid(m):
            return _build(text, m)
        if line.end() - line.start() > 60:   # a paragraph of body text: no dateline below
            break
    return None


def _valid(m: re.Match) -> bool:
    places = m.group("places")
    if places.split()[0].lower() in _FUNCTION_WORDS:
        return False
    if not all(_capitalised(p) for p in re.split(r"\s*/\s*", places)):
        return False
    if m.group("region") and not _capitalised(m.group("region")):
        return False
    shouting = places.replace("/", "").replace(" ", "").replace(".", "").replace("-", "").isupper()
    if not (m.group("dash") or m.group("dash1")):
        # agency, no dash: "West Palm Beach, Florida (CNN) President ..." — only with a
        # name in capitals or a region after a comma, so "Party Leaders (PL) say" is no dateline
        return shouting or bool(m.group("region"))
    # A lone mixed-case name before a dash ("Indianapolis –") counts; a longer one is
    # more likely a headline fragment ("Global Warming Is Real - ...").
    return shouting or bool(m.group("agency") or m.group("region") or m.group("date")) \
        or len(places.split()) <= 2


def _build(text: str, m: re.Match) -> Dateline:
    places = []
    start = m.start("places")
    for pm in re.finditer(r"[^/]+", m.group("places")):
        raw = pm.group()
        lead = len(raw) - len(raw.lstrip())
        name = raw.strip()
        s = start + pm.start() + lead
        places.append((name, (s, s + len(name))))
    region = (m.group("region"), m.span("region")) if m.group("region") else None
    date_text = m.group("date")
    end = m.end()
    while end > m.start() and text[end - 1].isspace():
        end -= 1
    return Dateline(text[m.start():end], (m.start(), end), places, region, date_text,
                    m.span("date") if date_text else None, m.group("agency"))
