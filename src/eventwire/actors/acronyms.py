"""Acronyms a story defines: "the Freedom Renewal Party (FRP)", "the National Federal
Workers Union (NFWU)". News writes the full name once, the acronym in parentheses after
it, and the acronym alone from then on ("the FRP rejected ..."). A document's own
definition is what its acronym means there, whatever a dictionary says it means elsewhere.

``define``: for each definition, the long form becomes one mention (its dictionary entry,
or what its last word says: "Party" -> PTY, "Union" -> LAB, ``acronym_heads`` in
data/document/names.yaml), with the country of the phrase ("South Korea's ruling ...",
"the Nigerian ...") and the sector its modifier gives a party ("ruling" -> GOV,
"opposition" -> OPP: a party in government is the government it forms, docs/actors.md);
every later use of the acronym is a mention of the same actor (``resolved_by``
"acronym", chain back to the definition), and "the FRP leader" / "an NFWU spokesman"
acts for the body. With no country in the text, the home country is set later
(actors/coref.py, ``acronym_home``).
"""
from __future__ import annotations

import functools
import re

from .credits import NAME_MAPS
from .docdata import cached_sections
from .introduced import refer

# "(FRP)", "(D.J.P.)": two to eight capitals (a lower-case letter inside: "DfID" no)
DEF_RE = re.compile(r"\(\s*(?P<acr>[A-Z][A-Z&]{1,7}|(?:[A-Z]\.){2,8})\s*\)")
# Words inside a long form that need not give a letter ("Party of the Regions")
JOINERS = frozenset({"of", "the", "for", "and", "de", "del", "la", "le", "des", "du", "on",
                     "in", "&"})
WORD_RE = re.compile(r"[A-Za-z][A-Za-z'’\-\.]*|&")
MAX_WORDS = 10
# Modifiers before a party's long form that say where it stands
PARTY_STANCE = (("GOV", re.compile(r"\b(?:ruling|governing)\s+$", re.I)),
                ("OPP", re.compile(r"\bopposition\s+$", re.I)))
# Between a country and the long form: "South Korea's ruling ", "the Nigerian "
COUNTRY_GAP = re.compile(r"^(?:['’]s)?\s+(?:(?:ruling|governing|opposition|main|national|"
                         r"powerful|largest|leading|influential|left-wing|right-wing|"
                         r"centre-right|center-right|centre-left|center-left|"
                         r"conservative|liberal|socialist|communist)\s+){0,2}(?:the\s+)?$", re.I)


@functools.lru_cache(maxsize=1)
def heads() -> dict[str, str]:
    """Last word of a long form (with case) -> sector, for bodies no dictionary knows."""
    d = cached_sections("names.yaml", frozenset(), NAME_MAPS)["acronym_heads"]
    return {h: sector for sector, hs in d.items() for h in ([hs] if isinstance(hs, str) else hs)}


def _letters(acr: str) -> str:
    return acr.replace(".", "").replace("&", "")


def long_form(text: str, open_paren: int, acr: str) -> tuple[int, int] | None:
    """Span of the name an acronym in parentheses at ``open_paren`` abbreviates: the
    shortest run of words ending right before the parenthesis, starting with a capital,
    whose capitalised words' initials (or all words' initials) spell the acronym."""
    end = open_paren
    while end > 0 and text[end - 1] in " \t":
        end -= 1
    start = max(0, end - 160)
    words = [(m.start() + start, m.end() + start, m.group())
             for m in WORD_RE.finditer(text[start:end])]
    # the run of name words reaching the parenthesis
    run = []
    for a, b, w in reversed(words):
        if run and (text[b:run[0][0]].strip() or "\n" in text[b:run[0][0]]):
            break   # punctuation between: the name ends there
        if not (w[:1].isupper() or w.lower() in JOINERS):
            break
        run.insert(0, (a, b, w))
        if len(run) >= MAX_WORDS:
            break
    if not run or run[-1][1] != end:
        return None
    want = _letters(acr)
    for k in range(len(run) - 1, -1, -1):
        part = run[k:]
        if not part[0][2][:1].isupper():
            continue
        caps = "".join(w[0] for _, _, w in part if w[:1].isupper())
        every = "".join(w[0] for _, _, w in part if w != "&").upper()
        if want in (caps, every):
            return part[0][0], part[-1][1]
    return None


def definitions(text: str) -> list[tuple[str, tuple[int, int], tuple[int, int]]]:
    """(acronym, long form span, parenthesis span) of each definition, first one only."""
    out, seen = [], set()
    for m in DEF_RE.finditer(text):
        acr = m.group("acr")
        if acr in seen:
            continue
        span = long_form(text, m.start(), acr)
        if span is not None:
            seen.add(acr)
            out.append((acr, span, m.span()))
    return out


def _inside(m: dict, a: int, b: int) -> bool:
    return a <= m["span"][0] and m["span"][1] <= b


def _overlaps(m: dict, a: int, b: int) -> bool:
    return m["span"][0] < b and a < m["span"][1]


def _long_mention(r, text: str, day, mentions: list[dict], a: int, b: int) -> dict | None:
    """The actor the long form [a, b) names, as one mention, or None."""
    name = text[a:b]
    inner = [m for m in mentions if _overlaps(m, a, b)]
    # a dictionary entry for the whole name ("African National Congress")
    whole = [m for m in inner if m.get("actor_id") and m["span"][0] <= a and b <= m["span"][1]
             and m.get("code")]
    if whole:
        m = dict(whole[0])
        m.update(span=[min(a, whole[0]["span"][0]), max(b, whole[0]["span"][1])])
        m["text"] = text[m["span"][0]:m["span"][1]]
        return m
    # the head word: the last, or the last before of/for ("Union of Teachers" -> Union)
    of = re.search(r"\s(?:of|for)\s", name)
    head_part = name[:of.start()] if of else name
    last = re.findall(r"[A-Za-z][A-Za-z'’\-]*", head_part)[-1]
    head_end = a + len(head_part)
    head = [m for m in inner if m["span"][0] < head_end and m["span"][1] >= head_end - len(last)
            and m.get("agent") and not m.get("actor_id")]
    agent = head[-1]["agent"] if head else heads().get(last)
    if agent is None:
        return None
    countries = {m["country"] for m in inner if m.get("country")
                 and (m.get("kind") in ("country", "place") or m is (head[-1] if head else None))}
    country = next(iter(countries)) if len(countries) == 1 else None
    start = a
    if head and head[-1].get("country"):
        # "Malawi's opposition Freedom Renewal Party": one phrase with its country
        country, start = head[-1]["country"], min(a, head[-1]["span"][0])
    if country is None:
        # "South Korea's ruling Democratic Unity Party", "the Nigerian Workers Union"
        before = [m for m in mentions if m["span"][1] <= a and m.get("country")
                  and not m.get("agent") and m.get("kind") in ("country", "place", "metonym")
                  and COUNTRY_GAP.match(text[m["span"][1]:a])]
        if before:
            country, start = before[-1]["country"], before[-1]["span"][0]
    if agent == "PTY":
        for sector, rx in PARTY_STANCE:
            if rx.search(text, max(0, a - 14), a):
                agent = sector
    m = r.mention(text[start:b], (start, b), None, day, "acronym-definition", agent=agent,
                  country=country, name=name, kind="org", confidence=0.6)
    return m


def define(r, text: str, day, mentions: list[dict]) -> None:
    """Rewrite ``mentions`` in place for the acronyms the text defines (see module doc)."""
    defs = definitions(text)
    if not defs:
        return
    reps = set(r.data.representatives)
    for acr, (a, b), (pa, pb) in defs:
        long = _long_mention(r, text, day, mentions, a, b)
        if long is None:
            continue
        lo, hi = long["span"]
        # the long form and its parentheses are one mention
        mentions[:] = [m for m in mentions if not _overlaps(m, lo, hi) and not _inside(m, pa, pb)]
        long["acronym"] = acr
        mentions.append(long)
        for occ in re.finditer(rf"(?<![\w\-.]){re.escape(acr)}(?![\w\-])", text):
            s, e = occ.span()
            if pa <= s < pb:
                continue
            if any(_overlaps(m, s, e) and not (m["span"][0] >= s and m["span"][1] <= e)
                   for m in mentions):
                continue   # inside a longer mention ("FRP chairman Ana Ruiz")
            mentions[:] = [m for m in mentions if not _inside(m, s, e)]
            new = refer(long, acr, (s, e), "acronym", 0.6)
            new["kind"] = long.get("kind") or "org"
            new["acronym"] = acr
            # "the FRP leader", "an NFWU spokesman": acts for the body (a representative
            # with no country of its own)
            nxt = next((m for m in sorted(mentions, key=lambda x: x["span"][0])
                        if m["span"][0] >= e), None)
            if nxt is not None and nxt.get("kind") == "agent" and not nxt.get("country") \
                    and not nxt.get("actor_id") and not text[e:nxt["span"][0]].strip() \
                    and (nxt.get("text") or "").split()[-1].lower().rstrip("s") in reps:
                mentions.remove(nxt)
                new.update(text=text[s:nxt["span"][1]], span=[s, nxt["span"][1]],
                           holder=nxt["text"].split()[-1].lower())
            mentions.append(new)
    mentions.sort(key=lambda m: (m["span"][0], m["span"][1]))


def acronym_home(mentions: list[dict], home: str | None) -> None:
    """A body defined by acronym with no country in the text is the home country's."""
    if home is None:
        return
    for m in mentions:
        if m.get("resolved_by") in ("acronym-definition", "acronym") and not m.get("country") \
                and m.get("agent") and not m.get("actor_id"):
            m.update(country=home, code=home + m["agent"])
