"""Small text helpers shared by stages."""
from __future__ import annotations

import re


def paren_regions(text: str) -> list[tuple[int, int]]:
    """(open, close) offsets of every balanced parenthesis pair, inner pairs first.

    Dates and places inside parentheses are usually citations ("(Korea Times, November
    20)"), not the event's own, so the date and place stages need to know them."""
    out, stack = [], []
    for i, ch in enumerate(text):
        if ch == "(":
            stack.append(i)
        elif ch == ")" and stack:
            out.append((stack.pop(), i))
    return out


def doc_text(doc) -> str:
    """``doc.text``, computed once per Doc: spaCy joins every token's text on each access
    (milliseconds per article), and several stages read it."""
    text = doc.user_data.get("eventwire.text")
    if text is None:
        text = doc.user_data["eventwire.text"] = doc.text
    return text


def has_ner(doc) -> bool:
    """Did the model's NER run on this Doc? (EVENTWIRE_NER; off by default)"""
    return doc is not None and doc.has_annotation("ENT_IOB")


# ---------------------------------------------------------------- sentences
# Words that end with a period without ending the sentence (lower case, no period).
ABBREVIATIONS = frozenset("""
mr mrs ms messrs dr prof gen lt col maj capt cpt sgt cpl pvt adm cmdr brig cdr
gov sen rep reps sens pres amb hon rev fr sr jr st mt ft ave blvd rd
inc corp co ltd llc plc bros dept univ assn est approx vs etc al cf
no nos vol fig pp op
jan feb mar apr jun jul aug sep sept oct nov dec
mon tue tues wed thu thur thurs fri sat sun
ala ariz ark calif colo conn del fla ga ill ind kan kans ky la md mass mich minn
miss mo mont neb nev okla ore pa tenn tex va vt wash wis wyo
""".split())

# A sentence-final punctuation run, optional closing quotes/brackets, then space.
_BOUNDARY = re.compile(r"""[.!?…]+['"”’)\]]*(?=\s)""")
_WORD_BEFORE = re.compile(r"([A-Za-z][A-Za-z.\-']*)$")
_NEXT_START = re.compile(r"""\s+(['"“‘(\[]*)(\S)""")


def _is_abbreviation(text: str, dot: int) -> bool:
    """Does the period at ``dot`` close an abbreviation rather than a sentence?"""
    m = _WORD_BEFORE.search(text, max(0, dot - 24), dot)
    if not m:
        return False
    word = m.group(1)
    if "." in word.strip("."):          # U.S., U.N., e.g., a.m., Jan.-Feb
        return True
    if len(word) == 1:                   # initials: "George W. Bush"
        return True
    return word.lower() in ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (cheap regex, no parse).

    Boundaries: line breaks, and ``. ! ?`` (plus closing quotes) followed by white
    space and a capital, digit or opening quote, unless the period ends a known
    abbreviation or an initial. When unsure it does not split: a merged pair of
    sentences only costs a little parse time, a wrong split could lose an event.
    """
    spans: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", text):
        ls, le = line.span()
        start = ls
        for m in _BOUNDARY.finditer(text, ls, le):
            end = m.end()
            nxt = _NEXT_START.match(text, end, le)
            if not nxt:
                continue
            ch = nxt.group(2)
            if not (ch.isupper() or ch.isdigit() or nxt.group(1)):
                continue
            punct = text[m.start():m.end()]
            if punct.startswith(".") and len(punct.rstrip("'\"”’)]")) == 1 \
                    and _is_abbreviation(text, m.start()):
                continue
            _add_span(text, start, end, spans)
            start = nxt.start(1)
        _add_span(text, start, le, spans)
    return spans


def _add_span(text: str, start: int, end: int, spans: list) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append((start, end))
