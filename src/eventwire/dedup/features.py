"""What dedup compares about a mention: status, oriented dyad, CAMEO base, date
interval, the actors on each side, and the key words of its clause.

Every test here is a *pair* test with a reason: ``actors_match``, ``codes_match``,
``dates_gap`` and ``content_match`` return the values that ``eventwire explain --event``
shows, so a merge can always be explained.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from pathlib import Path

from ..errors import DataFileError

# Two day-precision dates this many days apart can still be one event (time zones,
# "yesterday" resolved against different publication days).
DATE_WINDOW_DAYS = 1
# Visits and negotiations last a few days: "arrived on the 17th" and "held talks on the
# 18th" are one visit. The wider window applies only to clusters whose specific codes are
# all durative — and it stays "a day or two".
DURATIVE_CODES = {"042", "043", "044", "046"}
DURATIVE_WINDOW_DAYS = 2
# A date taken from the publication date only says "on or before": a past-tense report
# without a date ("Beijing dispatched an envoy") may be about any day of the past week.
PUBLICATION_SLACK_DAYS = 7
# Statements and appeals (roots 01, 02) are many and quick: "China said X" on Tuesday and
# "China said Y" on Wednesday are two events. They merge on the same day only, and a
# publication-based date stands for the day before publication at most.
SPEECH_ROOTS = {"01", "02"}
SPEECH_PUBLICATION_SLACK_DAYS = 1

# CONSULT codes whose direction carries no meaning: "A met B" is "B met A".
SYMMETRIC_CODES = {"040", "041", "044", "046", "057"}
# "A visits B" (042) is the same event as "B hosts A" (043).
MIRROR_CODES = {"043": "042"}

PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3, None: 3}

# Content: two mentions from different articles are one event only when their clauses
# share at least CONTENT_MIN_SHARED key words (names, places, objects, numbers), and
# these make up at least CONTENT_MIN_OVERLAP of the smaller clause's key words.
CONTENT_MIN_SHARED = 2
CONTENT_MIN_OVERLAP = 0.25
# Statements (root 01) are many: one speaker says several things a day, and outlets quote
# different sentences of one press conference. Two statement mentions are one statement
# only when they say mostly the same thing — also within one article.
STATEMENT_ROOTS = {"01"}
STATEMENT_MIN_SHARED = 3
STATEMENT_MIN_OVERLAP = 0.5


# ---------------------------------------------------------------- status, dyad, code

def actor_key(actor: dict | None) -> str:
    """The dyad side up to agent detail: the country, else the actor id, else the code."""
    if not actor:
        return "-"
    return (actor.get("country") or actor.get("actor_id") or actor.get("code") or "-").upper()


def person(actor: dict | None) -> str | None:
    aid = (actor or {}).get("actor_id") or ""
    return aid if aid.startswith("person:") else None


def status(rec: dict) -> str:
    """Negated, irrealis (planned/conditional) and factual mentions never merge."""
    if rec.get("negated"):
        return "neg"
    if rec.get("modality") in ("intended", "hypothetical"):
        return "irr"
    return "fact"


def root(rec: dict) -> str:
    cameo = rec.get("cameo") or ""
    return rec.get("cameo_root") or cameo[:2] or "--"


def oriented(rec: dict) -> tuple[str, dict | None, dict | None]:
    """(3-digit base, source, target) with mirror codes and symmetric dyads normalised."""
    cameo = rec.get("cameo") or ""
    base = cameo[:3]
    src, tgt = rec.get("source"), rec.get("target")
    if base in MIRROR_CODES:
        base, src, tgt = MIRROR_CODES[base], tgt, src
    if base in SYMMETRIC_CODES and actor_key(src) > actor_key(tgt):
        src, tgt = tgt, src
    return base, src, tgt


def block_key(rec: dict) -> str:
    """Mentions with different keys are never the same event."""
    _, src, tgt = oriented(rec)
    return "|".join((status(rec), actor_key(src), actor_key(tgt), root(rec)))


def is_generic(base: str) -> bool:
    """A root-level CAMEO code (040, 04): compatible with every code of its root."""
    return len(base) < 3 or base.endswith("0")


def cameo_compatible(a: str | None, b: str | None) -> bool:
    """Same 3-digit base, or same root with one of them the root-level (generic) code."""
    a, b = (a or "")[:3], (b or "")[:3]
    if a == b:
        return True
    if a[:2] != b[:2]:
        return False
    return is_generic(a) or is_generic(b)


def codes_match(a: dict, b: dict) -> tuple[bool, str]:
    ba, bb = oriented(a)[0], oriented(b)[0]
    if ba == bb:
        return True, f"same CAMEO base {ba}"
    if cameo_compatible(ba, bb):
        return True, f"CAMEO {a.get('cameo')} ~ {b.get('cameo')} (root-level code)"
    return False, f"CAMEO {a.get('cameo')} vs {b.get('cameo')}"


# ---------------------------------------------------------------- dates

def date_interval(rec: dict) -> tuple[_dt.date, _dt.date] | None:
    """The days a mention's date may stand for, respecting its precision."""
    raw = rec.get("date")
    if not raw:
        return None
    try:
        d = _dt.date.fromisoformat(str(raw)[:10])
    except ValueError:
        return None
    prec = rec.get("date_precision") or "day"
    if prec == "month":
        lo, hi = d.replace(day=1), d.replace(day=calendar.monthrange(d.year, d.month)[1])
    elif prec == "year":
        lo, hi = d.replace(month=1, day=1), d.replace(month=12, day=31)
    elif prec == "unknown":
        return None
    else:
        lo = hi = d
    if rec.get("date_basis") == "publication":
        slack = SPEECH_PUBLICATION_SLACK_DAYS if root(rec) in SPEECH_ROOTS else PUBLICATION_SLACK_DAYS
        lo = lo - _dt.timedelta(days=slack)
    return lo, hi


def text_date(rec: dict) -> tuple[str, str] | None:
    """(date, precision) when the text dates the mention, else None (publication-dated
    or undated: no evidence of which day)."""
    if rec.get("date_basis") == "publication" or not rec.get("date"):
        return None
    prec = rec.get("date_precision") or "day"
    if prec == "unknown":
        return None
    return str(rec["date"])[:10], prec


def dates_gap(a: dict, b: dict) -> int | None:
    """Days between the two date intervals (0 when they overlap); None if one is undated."""
    ia, ib = date_interval(a), date_interval(b)
    if not ia or not ib:
        return None
    return max(0, (max(ia[0], ib[0]) - min(ia[1], ib[1])).days)


def describe_date(rec: dict) -> str:
    if not rec.get("date"):
        return "undated"
    basis = " (publication)" if rec.get("date_basis") == "publication" else ""
    return f"{str(rec['date'])[:10]}/{rec.get('date_precision') or 'day'}{basis}"


# ---------------------------------------------------------------- actors

def _agent(actor: dict) -> str:
    code = actor.get("code") or ""
    country = actor.get("country") or ""
    if actor.get("agent"):
        return str(actor["agent"])
    return code[len(country):] if country and code.startswith(country) else ""


def _specific_id(actor: dict) -> str | None:
    """A person or organisation id (not a country or a place standing for it)."""
    aid = actor.get("actor_id") or ""
    return aid if aid and not aid.startswith(("country:", "place:")) else None


def _named_in(actor: dict, sentence: str) -> bool:
    """Is a person/organisation actor named in another mention's sentence? (its surname
    or the last word of its name, as a whole word)."""
    if not _specific_id(actor):
        return False
    words = re.findall(r"[A-Za-z][A-Za-z'-]{2,}", actor.get("name") or actor.get("text") or "")
    return bool(words) and re.search(rf"\b{re.escape(words[-1])}\b", sentence or "") is not None


def actors_verdict(a: dict | None, b: dict | None) -> tuple[bool | None, str]:
    """The actor test without the sentences: (True/False, reason), or (None, reason) when
    only a name in the other mention's sentence can make them one actor."""
    if not a and not b:
        return True, "none on both"
    if not a or not b:
        return False, "one side unknown"
    pa, pb = person(a), person(b)
    if pa and pb and pa != pb:
        return False, f"{pa} vs {pb}"
    ca, cb = actor_key(a), actor_key(b)
    if ca != cb:
        return False, f"{ca} vs {cb}"
    ia, ib = _specific_id(a), _specific_id(b)
    if ia and ia == ib:
        return True, f"same actor {ia}"
    code_a, code_b = a.get("code") or "", b.get("code") or ""
    if ia and ib and not (pa or pb):
        # two named organisations: the same agent code is not enough (the Pentagon is
        # not the army) — unless one is named where the other acts
        return None, f"{ia} vs {ib}"
    ga, gb = _agent(a), _agent(b)
    if code_a == code_b or ga == gb:
        return True, f"same code {code_a or code_b}"
    if not ga or not gb:
        return True, f"{code_a} ~ {code_b} (country level)"
    return None, f"{code_a} vs {code_b}"


def actors_match(a: dict | None, b: dict | None, sent_a: str = "", sent_b: str = "",
                 ) -> tuple[bool, str]:
    """Are two actors (one side of two mentions) the same actor? Returns (ok, reason).

    The same person or organisation; else the same code (country and agent); a bare
    country (CHN) stands for any of its agents (CHNGOV). Different agents (CHNGOV vs
    CHNPTY), or two different named organisations, are the same only when the specific
    actor of one is named in the other's sentence ("Beijing dispatched Song Tao" vs
    "Song Tao travelled").
    """
    ok, reason = actors_verdict(a, b)
    if ok is not None:
        return ok, reason
    for x, sentence in ((a, sent_b), (b, sent_a)):
        if _named_in(x, sentence):
            return True, f"{reason}, but {x.get('name') or x.get('text')} named in both"
    return False, reason


def actor_profile(actor: dict | None) -> tuple | None:
    """What ``actors_verdict`` reads of an actor (hashable, for memoising)."""
    if not actor:
        return None
    return (actor_key(actor), actor.get("actor_id"), actor.get("code"), actor.get("agent"),
            actor.get("country"))


# ---------------------------------------------------------------- content

_WORD = re.compile(r"[^\W_][\w'’-]*", re.UNICODE)
_SUFFIXES = ("ations", "ation", "ings", "ing", "ies", "ied", "ers", "er", "ed", "es", "s")


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """A crude, stable English stem: lower case, common suffixes off, at most 7 letters
    (attacked/attacks -> attack, platforms -> platform, dispatched -> dispatch)."""
    w = re.sub(r"['’]s$", "", word.lower()).strip("'’-")
    for suf in _SUFFIXES:
        if suf == "s" and w.endswith(("ss", "is", "us")):  # crisis, status, congress
            break
        if len(w) - len(suf) >= 4 and w.endswith(suf):
            w = w[: -len(suf)] + ("y" if suf in ("ies", "ied") else "")
            break
    return w[:7]


@functools.lru_cache(maxsize=1)
def stop_stems() -> frozenset:
    """Stems of the words in data/dedup/content.yaml (validated on load)."""
    import yaml

    path = Path(__file__).resolve().parent.parent / "data" / "dedup" / "content.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise DataFileError(path, 0, f"cannot load: {exc}") from None
    if not isinstance(data, dict):
        raise DataFileError(path, 1, "expected a mapping: list name -> words")
    out = set()
    for name, words in data.items():
        if not isinstance(words, list) or not all(isinstance(w, str) and w == w.lower() for w in words):
            raise DataFileError(path, 0, f"{name}: expected a list of lower-case words")
        out.update(stem(w) for w in words)
        out.update(words)
    return frozenset(out)


def clause_text(rec: dict) -> str:
    """The text of the mention's clause (its ``span`` inside the sentence), else the
    sentence. The sentence's offset is found from the verb's (or an actor's) span."""
    sent = rec.get("sentence") or ""
    span = rec.get("span")
    if not span or len(span) != 2:
        return sent
    for key in ("verb", "source", "target"):
        obj = rec.get(key) or {}
        text, sp = obj.get("text"), obj.get("span")
        if not text or not sp:
            continue
        hits = [m.start() for m in re.finditer(re.escape(text), sent)]
        if len(hits) == 1:
            off = sp[0] - hits[0]
            s, e = span[0] - off, span[1] - off
            if 0 <= s < e <= len(sent):
                return sent[s:e]
            return sent
    return sent


def _actor_words(actor: dict | None) -> frozenset:
    """Words that only repeat the mention's own actor (its text and name, and its
    country's name): the actor test has compared those already."""
    if not actor:
        return frozenset()
    return _actor_words_of(actor.get("text") or "", actor.get("name") or "",
                           actor.get("country") or "")


@functools.lru_cache(maxsize=20_000)
def _actor_words_of(text: str, name: str, country: str) -> frozenset:
    out = set()
    for t in (text, name, _country_name(country) if country else ""):
        out.update(stem(w) for w in _WORD.findall(t))
    return frozenset(out)


@functools.lru_cache(maxsize=512)
def _country_name(iso3: str) -> str:
    try:
        import pycountry
        c = pycountry.countries.get(alpha_3=iso3)
    except (ImportError, LookupError, KeyError):
        return ""
    if c is None:
        return ""
    return " ".join({c.name, getattr(c, "common_name", "") or "", getattr(c, "official_name", "") or ""})


def key_words(rec: dict) -> frozenset:
    """Stems of the clause's key words: names, places, objects, numbers — not function,
    reporting, time or generic political words, not the words that name the dyad."""
    stops = stop_stems()
    drop = set(_actor_words(rec.get("source")) | _actor_words(rec.get("target")))
    verb = (rec.get("verb") or {}).get("text")
    if verb:
        drop.add(stem(verb))
    out = set()
    for w in _WORD.findall(clause_text(rec)):
        low = w.lower()
        if low in stops or (len(low) < 3 and not low.isdigit()):
            continue
        s = stem(w)
        if s in stops or s in drop:
            continue
        out.add(s)
    return frozenset(out)


def surface(rec: dict, stems) -> list[str]:
    """The clause's own words behind some stems (for explanations), sorted."""
    wanted, out = set(stems), {}
    for w in _WORD.findall(clause_text(rec)):
        st = stem(w)
        if st in wanted and st not in out:
            out[st] = re.sub(r"['’]s$", "", w)
    return sorted(out.get(st, st) for st in wanted)


def content_match(a: dict, b: dict, ka: frozenset | None = None, kb: frozenset | None = None
                  ) -> tuple[bool, float, list[str]]:
    """(similar?, overlap, shared key words) of two mentions' clauses (``ka``/``kb``: their
    key words, when already computed)."""
    ka = key_words(a) if ka is None else ka
    kb = key_words(b) if kb is None else kb
    shared = sorted(ka & kb)
    if not ka or not kb:
        return False, 0.0, shared
    overlap = len(shared) / min(len(ka), len(kb))
    need_shared, need_overlap = content_rule(a)
    # at most one of the words it takes may be a country's name or demonym ("North" of
    # "North Korean" is part of the name)
    countries = [w for w in shared if w in country_stems()]
    named = len([w for w in shared if w not in country_stems()
                 and not (countries and w in _COMPASS)])
    ok = len(shared) >= need_shared and named >= need_shared - 1 and overlap >= need_overlap
    return ok, round(overlap, 3), shared


_COMPASS = {"north", "south", "east", "west", "central", "new"}


@functools.lru_cache(maxsize=1)
def country_stems() -> frozenset:
    """Stems of the words of country names and demonyms (the actor dictionary's country
    actors: pycountry under data/actors/countries.yaml): every clause about a country shares them,
    so they alone never show that two clauses tell one event."""
    from ..actors.dictionary import country_actors

    import pycountry

    # the usual names and demonyms only: aliases hold acronyms and old names ("CAR",
    # "West Bank") whose words ("car", "bank") are evidence in other clauses
    words: set[str] = set()
    for c in pycountry.countries:
        for attr in ("name", "common_name"):
            words.update(_WORD.findall(getattr(c, attr, "") or ""))
    for actor in country_actors().values():
        for value in [actor.name, *actor.demonyms]:
            words.update(_WORD.findall(value))
    # words of official names that are not the country's own name
    stops = {"of", "the", "and", "republic", "state", "states", "island", "islands",
             "democratic", "people", "people's", "federal", "united", "kingdom", "new",
             "saint", "plurinational", "bolivarian", "islamic", "arab", "socialist",
             "federated", "sovereign", "union", "territory", "province", "holy", "see",
             "north", "south", "east", "west", "central", "great"}
    return frozenset(stem(w) for w in words if w.lower() not in stops and len(w) > 2)


def content_rule(rec: dict) -> tuple[int, float]:
    """(key words to share, share of the smaller clause) for a mention's root."""
    if root(rec) in STATEMENT_ROOTS:
        return STATEMENT_MIN_SHARED, STATEMENT_MIN_OVERLAP
    return CONTENT_MIN_SHARED, CONTENT_MIN_OVERLAP
