"""Place names in running text: ``find_places`` (gazetteer look-ups with context priors)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

from ..textutil import paren_regions
from .cues import place_cues
from .gazetteer import _TOKEN, Place, _best, _hint_iso3, _key, fold, gazetteer

# Words allowed right before/after a place without making it part of a longer name.
_CAPITAL_OK = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "and", "or", "but", "i"}
_SMALL_CITY = 100_000   # smaller towns need a locative preposition to count


@dataclass
class PlaceMention:
    text: str
    span: tuple[int, int]
    place: dict                           # the resolved place (as_dict)
    candidates: int = 1                   # how many gazetteer entries share the name
    prep: str | None = None               # the word before it ("in", "to")
    _entry: Place | None = field(default=None, repr=False)



# ---------------------------------------------------------------- scanning text
def _paren_mask(text: str) -> list[tuple[int, int]]:
    return paren_regions(text)


def _raw_mentions(text: str):
    """(start_tok, end_tok, candidates) of the longest gazetteer names, plus the tokens."""
    gz = gazetteer()
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    folded = [_key(t[0]) for t in toks]   # one word of the text, keyed as the gazetteer is
    out, i = [], 0
    while i < len(toks):
        if not toks[i][0][:1].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(gz.max_len, len(toks) - i), 0, -1):
            key = " ".join(folded[i:i + n])
            cands = gz.table.get(key)
            if not cands:
                continue
            words = [t[0] for t in toks[i:i + n]]
            # Every capitalised word of the gazetteer name must be capitalised in text
            # (except for regions: "Korean peninsula").
            cands = [p for p in cands if p.loose_case or _case_ok(words, p.name)]
            if cands:
                hit = (i, i + n, cands)
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return toks, out


def _case_ok(words: list[str], name: str) -> bool:
    ref = _TOKEN.findall(name.replace("’", "'"))
    if len(ref) != len(words):
        return all(w[:1].isupper() or not w[:1].isalpha() for w in words[:1])
    return all(not r[:1].isupper() or w[:1].isupper() for w, r in zip(words, ref))


def _sentence_start(toks, i: int, text: str) -> bool:
    """Token i opens a sentence, a quote or a line (so its capital says nothing)."""
    if i == 0:
        return True
    return toks[i - 1][0] in {".", "!", "?", ":", "“", '"', "—", "–"} or \
        "\n" in text[toks[i - 1][2]:toks[i][1]]


def _part_of_longer_name(toks, s: int, e: int, text: str) -> bool:
    """ "China Airlines", "Korea Times", "Bank of China", "Seoul National University"."""
    if e < len(toks):
        nxt = toks[e][0]
        gap = text[toks[e - 1][2]:toks[e][1]]
        if nxt[:1].isupper() and nxt.lower() not in _CAPITAL_OK and "\n" not in gap \
                and not re.search(r"[,;:()]", gap) and nxt not in {"(", ")"}:
            return True
    if s > 0:
        prev = toks[s - 1][0]
        gap = text[toks[s - 1][2]:toks[s][1]]
        if prev[:1].isupper() and prev.lower() not in _CAPITAL_OK and not _sentence_start(toks, s - 1, text) \
                and "\n" not in gap and not re.search(r"[,;:()]", gap):
            return True
        if prev == "of" and s > 1 and toks[s - 2][0][:1].isupper() and not _sentence_start(toks, s - 2, text):
            return True
    return False


def find_places(text: str, country_hint: str | None = None) -> list[PlaceMention]:
    """Place names in ``text``, each resolved with context priors; citations skipped."""
    gz = gazetteer()
    toks, raw = _raw_mentions(text)
    parens = _paren_mask(text)
    cues = place_cues()
    preps = cues.locative_preps | cues.destination_preps | {"from"}
    kept = []
    for s, e, cands in raw:
        start, end = toks[s][1], toks[e - 1][2]
        if any(a < start < b for a, b in parens):
            continue                      # "(Korea Times, November 20)": a citation
        if _part_of_longer_name(toks, s, e, text):
            continue
        prev = toks[s - 1][0].lower() if s > 0 else None
        single = e - s == 1
        cands = [p for p in cands if not (p.precision == "city" and single and _key(p.name) in gz.stopnames)]
        # Small towns only after a locative word; "Most", "Of" are English first.
        cands = [p for p in cands if p.precision != "city" or p.population >= _SMALL_CITY
                 or prev in preps]
        if single and toks[s][0].lower() in _english_stopwords() and toks[s][0] not in ("US", "UK"):
            cands = [p for p in cands if p.precision != "city"]
        if cands:
            kept.append((s, e, cands, prev))
    # Context: countries and states named without ambiguity anywhere in the text.
    hint = _hint_iso3(country_hint)
    ctx_countries: set[str] = set()
    ctx_states: set[str] = set()
    for _, _, cands, _ in kept:
        if len(cands) == 1 and cands[0].precision in ("country", "admin"):
            ctx_countries.add(cands[0].country)
            if cands[0].admin1:
                ctx_states.add(cands[0].admin1)
                ctx_countries.add("USA")
    out = []
    for idx, (s, e, cands, prev) in enumerate(kept):
        local_states, local_countries = set(ctx_states), set(ctx_countries)
        # "Paris, Texas": the next name qualifies this one.
        if idx + 1 < len(kept) and kept[idx + 1][0] == e + 1 and toks[e][0] == ",":
            for q in kept[idx + 1][2]:
                if q.admin1 and q.precision == "admin":
                    local_states.add(q.admin1)
                    cands = [p for p in cands if p.admin1 == q.admin1] or cands
                elif q.precision == "country":
                    cands = [p for p in cands if p.country == q.country] or cands
        best = _best(cands, local_countries, local_states, hint)
        if best is None:
            continue
        start, end = toks[s][1], toks[e - 1][2]
        out.append(PlaceMention(text[start:end], (start, end), best.as_dict(), len(cands), prev, best))
    return out


@functools.lru_cache(maxsize=1)
def _english_stopwords() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)
