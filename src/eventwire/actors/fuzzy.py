"""Fuzzy matching of names the dictionary nearly knows (misspellings, transliterations):
only the package's and users' forms, only spans the NER model (or capitalisation) marks
as names, same number of words and same initials."""
from __future__ import annotations

import bisect

from rapidfuzz import fuzz, process

from ..textutil import has_ner
from .hits import NOT_NAMES
from .resolver import FUZZY_MIN_CHARS, FUZZY_MIN_SCORE, ActorResolver, Hit, Tok

# A person's fuzzy match needs the surnames this close (rapidfuzz ratio): most near-misses
# with another surname are namesakes ("John Hale" / "John Healey"), not misspellings
# ("Zelenskiy" / "Zelensky" 94).
PERSON_SURNAME_MIN = 88
# Words of the language a ratio puts near a known name: "the Liberal government" is a
# party's (Canada's, Australia's), not a misspelt Liberia's.
COMMON_WORDS = frozenset({"liberal", "liberals"})
NER_FUZZY = {"PERSON": {"person"}, "GPE": {"country"}, "LOC": {"country"},
             "NORP": {"country"}, "ORG": {"org", "country"}, "FAC": {"org"}}


def _fuzzy_choices(r: ActorResolver):
    """(first letter, token count) -> [(string, key, actor_id, how)] of fuzzable forms."""
    if r._fuzzy_choices is None:
        buckets: dict = {}
        for key, forms in r.index.items():
            s = " ".join(key)
            if len(s) < FUZZY_MIN_CHARS or not s.isascii():
                continue
            for f in forms:
                if f.acronym or f.how in ("native", "ignore") or f.layer == 0:
                    # Phoenix forms are never fuzzy-matched: among 18,000 people a
                    # near-miss is far more often a namesake than a misspelling
                    continue
                kind = r.actors[f.actor_id].kind
                if kind == "place":   # thousands of towns: too easy to hit by accident
                    continue
                buckets.setdefault((s[0], len(key)), []).append((s, key, f, kind))
        r._fuzzy_choices = buckets
    return r._fuzzy_choices


def _fuzzy_one(r: ActorResolver, key: tuple[str, ...], kinds: set[str] | None):
    """Forms close to ``key``: same number of words, same initials, score >= threshold."""
    s = " ".join(key)
    if len(s) < FUZZY_MIN_CHARS:
        return []
    bkey = (s[0], len(key), frozenset(kinds) if kinds else None)
    cached = r._fuzzy_buckets.get(bkey) if hasattr(r, "_fuzzy_buckets") else None
    if cached is None:
        if not hasattr(r, "_fuzzy_buckets"):
            r._fuzzy_buckets = {}
        bucket = _fuzzy_choices(r).get((s[0], len(key)), [])
        if kinds:
            bucket = [b for b in bucket if b[3] in kinds]
        cached = r._fuzzy_buckets[bkey] = (bucket, [b[0] for b in bucket])
    bucket, strings = cached
    if not bucket:
        return []
    found = process.extract(s, strings, scorer=fuzz.ratio,
                            score_cutoff=FUZZY_MIN_SCORE, limit=8)
    out = []
    # a real surname in the text ("David Johnson") is another person, not a misspelling
    # of a known one ("David Johnston"): only unknown words may be near-misses of a surname
    real_surname = key[-1] in r.short_index
    for cs, score, idx in found:
        _, ckey, form, kind = bucket[idx]
        if kind == "person" and real_surname and ckey[-1] != key[-1]:
            continue        # (a spelling of the given name, same surname, may still match)
        if kind == "person" and len(key) > 1 and fuzz.ratio(key[-1], ckey[-1]) < PERSON_SURNAME_MIN:
            continue        # "John Hale" is not "John Healey": a misspelt name keeps its surname close
        # same initials; and not a word form of the entry ("Korean"/"Korea", "State"/"States")
        if all(a[0] == b[0] for a, b in zip(key, ckey)) and not (
                cs.startswith(s) or s.startswith(cs)) and (len(key) > 1 or len(s) >= 6):
            out.append((score, form))
    return out


def _candidate_spans(r: ActorResolver, text: str, toks: list[Tok], covered: set[int], doc):
    """Token ranges worth a fuzzy look: NER entities (when the model ran NER) or
    capitalised runs."""
    if has_ner(doc):
        # toks are sorted and non-empty: the tokens inside an entity are one window,
        # found by bisection instead of a scan of the whole text per entity
        tstarts = [t.start for t in toks]
        for ent in doc.ents:
            if ent.label_ not in NER_FUZZY:
                continue
            lo = bisect.bisect_left(tstarts, ent.start_char)
            hi = bisect.bisect_left(tstarts, ent.end_char, lo)
            idx = [k for k in range(lo, hi) if toks[k].end <= ent.end_char]
            if idx and not covered.intersection(idx):
                yield idx[0], idx[-1] + 1, NER_FUZZY[ent.label_]
        return
    k = 0
    while k < len(toks):
        if k in covered or not r._capitalised(toks[k]) or toks[k].key in NOT_NAMES:
            k += 1
            continue
        j = k + 1
        while (j < len(toks) and j not in covered and r._capitalised(toks[j])
               and j - k < 4 and not text[toks[j - 1].end:toks[j].start].strip(" -")):
            j += 1
        yield k, j, None
        k = j


def _blocked(r: ActorResolver, toks: list[Tok], i: int, j: int) -> bool:
    """Does a blocker of the dictionary (``ignore``: regions, seas, "the Korean War") start
    inside tokens i..j? ``scan`` drops blocker hits, so without this their span looks
    unknown and fuzzy matching finds a country in it ("Central America" / "Central Africa")."""
    for k in range(i, j):
        h = r._lookup(toks, k)
        if h is not None and h.kind == "ignore":
            return True
    return False


def add_fuzzy(r: ActorResolver, text: str, toks: list[Tok], hits: list[Hit], doc) -> list[Hit]:
    covered = {k for h in hits if h.kind != "short" for k in range(h.i, h.j)}
    shorts = {h.i for h in hits if h.kind == "short"}
    fuzzy: list[Hit] = []
    replaced: set[int] = set()   # token starts inside a fuzzy span: those hits give way
    for i, j, kinds in _candidate_spans(r, text, toks, covered, doc):
        if j - i == 1 and i in shorts:
            continue
        if _blocked(r, toks, i, j):
            continue   # "South America" is a blocker (no actor), not a misspelt "South Africa"
        key = tuple(t.key for t in toks[i:j])
        if any(k in COMMON_WORDS for k in key):
            continue
        found = _fuzzy_one(r, key, kinds)
        if not found:
            continue
        top = found[0][0]
        forms = [f for s, f in found if s >= top - 3]
        replaced.update(range(i, j))
        h = Hit(i, j, "name", forms=forms)
        h.fuzzy = top   # type: ignore[attr-defined]
        fuzzy.append(h)
    # Candidate spans never overlap, so one filter at the end equals filtering per span.
    return [h for h in hits if h.i not in replaced] + fuzzy


