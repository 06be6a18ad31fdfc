"""One real event, many mentions: canonical event ids and story clusters.

Ten outlets reporting one visit must count once, with ten mentions. Mentions are
grouped in two steps:

1. a *blocking key* (status, source country, target country, CAMEO root) puts every
   mention that could possibly be the same event into one block — so dedup is cheap,
   and the store can re-dedup only the blocks that new mentions touch;
2. inside a block, a *guarded union-find* joins compatible mentions. A union is only
   made when the merged cluster stays consistent as a whole (one specific CAMEO base,
   dates within the window, one place country, one person per side), so a generic
   "consult" mention cannot chain a visit and a negotiation into one event.

``assign_canonical_ids(records)`` is the in-memory entry point (``eventwire code``);
the store calls ``cluster_block`` per affected block and ``canonical_event`` per cluster.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field

# Two day-precision dates this many days apart can still be one event (time zones,
# "yesterday" resolved against different publication days).
DATE_WINDOW_DAYS = 1
# A date taken from the publication date only says "on or before": a past-tense report
# without a date ("Beijing dispatched an envoy") may be about any day of the past week.
PUBLICATION_SLACK_DAYS = 7
# Visits and negotiations last days: "arrived on the 17th" and "left on the 20th" are one
# visit. The wider window applies only to clusters whose specific codes are all durative.
DURATIVE_CODES = {"042", "043", "044", "046"}
DURATIVE_WINDOW_DAYS = 4
# Statements and appeals (roots 01, 02) are many and quick: "China said X" on Tuesday and
# "China said Y" on Wednesday are two events. They merge on the same day only, and a
# publication-based date stands for the day before publication at most.
SPEECH_ROOTS = {"01", "02"}
SPEECH_PUBLICATION_SLACK_DAYS = 1

# CONSULT codes whose direction carries no meaning: "A met B" is "B met A".
SYMMETRIC_CODES = {"040", "041", "044", "046", "057"}
# "A visits B" (042) is the same event as "B hosts A" (043).
MIRROR_CODES = {"043": "042"}

_PRECISION_RANK = {"day": 0, "month": 1, "year": 2, "unknown": 3, None: 3}


# ---------------------------------------------------------------- mention features

def _actor_key(actor: dict | None) -> str:
    """The dyad side up to agent detail: the country, else the actor id, else the code."""
    if not actor:
        return "-"
    return (actor.get("country") or actor.get("actor_id") or actor.get("code") or "-").upper()


def _person(actor: dict | None) -> str | None:
    aid = (actor or {}).get("actor_id") or ""
    return aid if aid.startswith("person:") else None


def _status(rec: dict) -> str:
    """Negated, irrealis (planned/conditional) and factual mentions never merge."""
    if rec.get("negated"):
        return "neg"
    if rec.get("modality") in ("intended", "hypothetical"):
        return "irr"
    return "fact"


def _root(rec: dict) -> str:
    cameo = rec.get("cameo") or ""
    return rec.get("cameo_root") or cameo[:2] or "--"


def _oriented(rec: dict) -> tuple[str, dict | None, dict | None]:
    """(3-digit base, source, target) with mirror codes and symmetric dyads normalised."""
    cameo = rec.get("cameo") or ""
    base = cameo[:3]
    src, tgt = rec.get("source"), rec.get("target")
    if base in MIRROR_CODES:
        base, src, tgt = MIRROR_CODES[base], tgt, src
    if base in SYMMETRIC_CODES and _actor_key(src) > _actor_key(tgt):
        src, tgt = tgt, src
    return base, src, tgt


def block_key(rec: dict) -> str:
    """Mentions with different keys are never the same event."""
    _, src, tgt = _oriented(rec)
    return "|".join((_status(rec), _actor_key(src), _actor_key(tgt), _root(rec)))


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
        slack = SPEECH_PUBLICATION_SLACK_DAYS if _root(rec) in SPEECH_ROOTS else PUBLICATION_SLACK_DAYS
        lo = lo - _dt.timedelta(days=slack)
    return lo, hi


def cameo_compatible(a: str | None, b: str | None) -> bool:
    """Same 3-digit base, or same root with one of them the root-level (generic) code."""
    a, b = (a or "")[:3], (b or "")[:3]
    if a == b:
        return True
    if a[:2] != b[:2]:
        return False
    return is_generic(a) or is_generic(b)


def is_generic(base: str) -> bool:
    """A root-level CAMEO code (040, 04): compatible with every code of its root."""
    return len(base) < 3 or base.endswith("0")


# ---------------------------------------------------------------- guarded union-find

@dataclass
class _Cluster:
    """What must stay consistent when two clusters merge."""
    bases: set = field(default_factory=set)        # specific 3-digit bases (<= 1)
    lo: _dt.date | None = None                     # max of the mention interval starts
    hi: _dt.date | None = None                     # min of the mention interval ends
    countries: set = field(default_factory=set)    # location countries (<= 1)
    src_people: set = field(default_factory=set)   # person ids on each side (<= 1 each)
    tgt_people: set = field(default_factory=set)
    size: int = 0

    def merged(self, other: "_Cluster", window: int) -> "_Cluster | None":
        c = _Cluster(self.bases | other.bases, _max(self.lo, other.lo), _min(self.hi, other.hi),
                     self.countries | other.countries, self.src_people | other.src_people,
                     self.tgt_people | other.tgt_people, self.size + other.size)
        if len(c.bases) > 1 or len(c.countries) > 1:
            return None
        if len(c.src_people) > 1 or len(c.tgt_people) > 1:
            return None
        if c.bases and c.bases <= DURATIVE_CODES:
            window = max(window, DURATIVE_WINDOW_DAYS)
        # All intervals pairwise within the window <=> latest start - earliest end <= window.
        if c.lo and c.hi and (c.lo - c.hi).days > window:
            return None
        return c


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


def _cluster_of(rec: dict) -> _Cluster:
    base, src, tgt = _oriented(rec)
    iv = date_interval(rec)
    country = (rec.get("location") or {}).get("country")
    return _Cluster(
        bases=set() if is_generic(base) else {base},
        lo=iv[0] if iv else None, hi=iv[1] if iv else None,
        countries={country} if country else set(),
        src_people={p for p in [_person(src)] if p},
        tgt_people={p for p in [_person(tgt)] if p}, size=1)


class _UnionFind:
    def __init__(self, clusters: list[_Cluster], window: int):
        self.parent = list(range(len(clusters)))
        self.clusters = clusters
        self.window = window

    def find(self, i: int) -> int:
        while self.parent[i] != i:
            self.parent[i] = self.parent[self.parent[i]]
            i = self.parent[i]
        return i

    def union(self, i: int, j: int) -> bool:
        ri, rj = self.find(i), self.find(j)
        if ri == rj:
            return True
        merged = self.clusters[ri].merged(self.clusters[rj], self.window)
        if merged is None:
            return False
        if ri > rj:  # the lower index stays root: results do not depend on hash order
            ri, rj = rj, ri
        self.parent[rj] = ri
        self.clusters[ri] = merged
        return True


def _sort_key(rec: dict):
    iv = date_interval(rec)
    return (_PRECISION_RANK.get(rec.get("date_precision"), 3),
            iv[0].isoformat() if iv else "9999", rec.get("event_id") or "")


def cluster_block(records: list[dict], window: int = DATE_WINDOW_DAYS) -> list[list[dict]]:
    """Split the mentions of one block into events (a list of mention lists).

    Deterministic: the same mentions give the same clusters in any input order, so an
    incremental re-dedup of a block equals a full one.
    """
    recs = sorted(records, key=_sort_key)
    if recs and _root(recs[0]) in SPEECH_ROOTS:  # a block has one root
        window = 0
    uf = _UnionFind([_cluster_of(r) for r in recs], window)
    ivs = [date_interval(r) for r in recs]
    precise = [i for i, r in enumerate(recs) if ivs[i] and (ivs[i][1] - ivs[i][0]).days
               <= PUBLICATION_SLACK_DAYS]
    # 1) precise mentions, in date order, join the largest compatible event still open
    #    (one that has a mention within reach); else they open a new one. Comparing with
    #    open events, not with every mention, keeps big blocks (10k mentions a day) linear.
    reach = max(window, DURATIVE_WINDOW_DAYS)
    open_hi: dict[int, _dt.date] = {}  # root -> latest interval end among its mentions
    for i in sorted(precise, key=lambda k: (ivs[k][0], k)):
        start = ivs[i][0]
        for r in [r for r, hi in open_hi.items() if (start - hi).days > reach]:
            del open_hi[r]  # closed: nothing later can be within reach
        for r in sorted(open_hi, key=lambda r: (-uf.clusters[r].size, r)):
            if uf.union(i, r):  # the guard checks codes, dates, places, persons
                break
        root = uf.find(i)
        merged_from = [r for r in open_hi if uf.find(r) == root]
        open_hi[root] = max([ivs[i][1]] + [open_hi.pop(r) for r in merged_from])
    # 2) vague mentions (month, year, undated) join the largest compatible event, if any:
    #    among the events overlapping their interval (all events when undated).
    spans: dict[int, tuple[_dt.date, _dt.date]] = {}  # root -> (first start, last end)
    for k in precise:
        r = uf.find(k)
        lo, hi = spans.get(r, ivs[k])
        spans[r] = (min(lo, ivs[k][0]), max(hi, ivs[k][1]))
    undated: set[int] = set()  # roots of events with no dated mention
    precise_set = set(precise)
    slack = _dt.timedelta(days=reach)
    for i in (i for i in range(len(recs)) if i not in precise_set):
        iv = ivs[i]
        cands = [r for r, (lo, hi) in spans.items()
                 if iv is None or (lo <= iv[1] + slack and hi >= iv[0] - slack)]
        cands += list(undated)
        for r in sorted(cands, key=lambda r: (-uf.clusters[r].size, r)):
            if uf.union(i, r):  # the guard checks codes, dates, places, persons
                break
        else:
            r = None
        root = uf.find(i)
        old = spans.pop(r, None) if r is not None else None
        if r in undated:
            undated.discard(r)
        if iv is None and old is None:
            undated.add(root)
        else:
            parts = [p for p in (old, iv) if p]
            spans[root] = (min(p[0] for p in parts), max(p[1] for p in parts))
    groups: dict[int, list[dict]] = {}
    for i, r in enumerate(recs):
        groups.setdefault(uf.find(i), []).append(r)
    return list(groups.values())


def canonical_id(mentions: list[dict]) -> str:
    """Stable id of an event: a hash of its first mention's id (same members -> same id)."""
    first = min(m.get("event_id") or "" for m in mentions)
    return hashlib.sha256(("event:" + first).encode()).hexdigest()[:16]


# ---------------------------------------------------------------- canonical events

def _specificity(rec: dict):
    """Prefer mentions with a specific code, agent detail, a precise date, high confidence."""
    cameo = rec.get("cameo") or ""
    agent = sum(1 for side in ("source", "target") if (rec.get(side) or {}).get("agent"))
    return (not is_generic(cameo[:3]), len(cameo), agent,
            -_PRECISION_RANK.get(rec.get("date_precision"), 3), rec.get("confidence") or 0.0,
            # ties: the earliest mention id, so the choice is stable
            "".join(chr(0x10FFFF - ord(c)) for c in (rec.get("event_id") or "")))


def best_date(mentions: list[dict]) -> tuple[str | None, str]:
    """The most precise date, earliest among equals."""
    dated = [m for m in mentions if m.get("date") and m.get("date_precision") != "unknown"]
    if not dated:
        return None, "unknown"
    m = min(dated, key=lambda m: (_PRECISION_RANK.get(m.get("date_precision"), 3),
                                   m.get("date_basis") == "publication", str(m["date"])))
    return str(m["date"])[:10], m.get("date_precision") or "day"


def outlet_of(rec: dict) -> str:
    """Who published a mention: the outlet, else the URL's host, else the document."""
    doc = rec.get("doc") or {}
    if doc.get("outlet"):
        return str(doc["outlet"]).strip().lower()
    m = re.match(r"https?://(?:www\.)?([^/]+)", doc.get("path") or "")
    return m.group(1).lower() if m else "doc:" + str(rec.get("doc_id"))


def canonical_event(mentions: list[dict]) -> dict:
    """The event row shared by its mentions: representative coding plus counts."""
    rep = max(mentions, key=_specificity)
    date, precision = best_date(mentions)
    cid = canonical_id(mentions)
    cameo = rep.get("cameo")
    loc = next((m.get("location") for m in sorted(mentions, key=_specificity, reverse=True)
                if m.get("location")), None)
    published = sorted(str((m.get("doc") or {}).get("published") or "") for m in mentions)
    published = [p for p in published if p]
    return {
        "canonical_event_id": cid,
        "block_key": block_key(rep),
        "date": date, "date_precision": precision,
        "source": rep.get("source"), "target": rep.get("target"),
        "cameo": cameo, "cameo_root": rep.get("cameo_root") or (cameo or "")[:2] or None,
        "event_base_code": (cameo or "")[:3] or None,
        "quad_class": rep.get("quad_class"), "goldstein": rep.get("goldstein"),
        "plover": rep.get("plover"),
        "negated": bool(rep.get("negated")), "modality": rep.get("modality"),
        # News if any outlet reported it as news; background only if all did.
        "historical": all(bool(m.get("historical")) for m in mentions),
        "location": loc,
        "num_mentions": len(mentions),
        "num_sources": len({outlet_of(m) for m in mentions}),
        "num_articles": len({m.get("doc_id") for m in mentions}),
        "confidence": round(sum(m.get("confidence") or 0.0 for m in mentions) / len(mentions), 4),
        "sentence": rep.get("sentence"), "doc_id": rep.get("doc_id"),
        "source_url": (rep.get("doc") or {}).get("path"),
        "first_published": published[0] if published else None,
        "event_id": rep.get("event_id"),
        # GDELT's IsRootEvent: reported in an article's lead sentence.
        "is_root_event": any(m.get("sentence_index") == 0 for m in mentions),
    }


def dedup(records: list[dict], window: int = DATE_WINDOW_DAYS) -> dict[str, list[dict]]:
    """All records -> {canonical_event_id: mentions}; sets ``canonical_event_id`` on each."""
    blocks: dict[str, list[dict]] = {}
    for rec in records:
        blocks.setdefault(block_key(rec), []).append(rec)
    events: dict[str, list[dict]] = {}
    for key in sorted(blocks):
        for mentions in cluster_block(blocks[key], window):
            cid = canonical_id(mentions)
            for m in mentions:
                m["canonical_event_id"] = cid
            events[cid] = mentions
    return events


def assign_canonical_ids(records: list[dict]) -> list[dict]:
    """Give every record the ``canonical_event_id`` of its real-world event, and the
    ``story_id`` of its article's story (in place). In memory, stories are judged from
    the coded sentences; the store uses the full article texts."""
    dedup(records)
    if records:
        story_of = cluster_stories(story_docs_from_records(records))
        for rec in records:
            rec["story_id"] = story_of.get(rec.get("doc_id"))
    return records


def canonical_events(records: list[dict]) -> list[dict]:
    """Canonical event rows (GDELT Events-like) for records, deduplicating them first."""
    return [canonical_event(ms) for ms in dedup(records).values()]


# ---------------------------------------------------------------- story clustering

_WORD = re.compile(r"[A-Za-z][A-Za-z'-]{3,}")
STORY_DAYS = 3
STORY_MIN_SIMILARITY = 0.2
STORY_COMPARE = 32


@dataclass
class StoryDoc:
    """What story clustering needs to know of one article."""
    doc_id: str
    published: str | None
    text: str
    actors: set = field(default_factory=set)          # actor keys (countries, people)
    events: set = field(default_factory=set)          # canonical event ids (non-generic)


def _words(text: str) -> set:
    return {w.lower() for w in _WORD.findall(text or "")}


def _day_number(published: str | None) -> int | None:
    try:
        return _dt.date.fromisoformat(str(published)[:10]).toordinal()
    except (TypeError, ValueError):
        return None


def cluster_stories(docs: list[StoryDoc]) -> dict[str, str]:
    """doc_id -> story_id. Articles are one story when they report a common event, or
    share two actors, were published within a few days and read alike (word Jaccard)."""
    docs = sorted(docs, key=lambda d: d.doc_id)
    parent = list(range(len(docs)))

    def find(i):
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i, j):
        ri, rj = find(i), find(j)
        if ri != rj:
            parent[max(ri, rj)] = min(ri, rj)

    by_event: dict[str, int] = {}
    for i, d in enumerate(docs):
        for ev in d.events:
            if ev in by_event:
                union(i, by_event[ev])
            else:
                by_event[ev] = i
    words = [_words(d.text) for d in docs]
    days = [_day_number(d.published) for d in docs]
    by_actor: dict[str, list[int]] = {}
    for i, d in enumerate(docs):
        if days[i] is not None:  # undated articles join stories through shared events only
            for a in d.actors:
                by_actor.setdefault(a, []).append(i)
    seen = set()
    for members in by_actor.values():
        # A sweep over publication days, and at most STORY_COMPARE earlier articles of
        # other stories per article, keep this linear even for actors in every article.
        members.sort(key=lambda i: (days[i], i))
        for x, j in enumerate(members):
            compared = 0
            for i in reversed(members[max(0, x - 4 * STORY_COMPARE):x]):
                if days[j] - days[i] > STORY_DAYS or compared >= STORY_COMPARE:
                    break
                pair = (i, j)
                if pair in seen or find(i) == find(j):
                    continue
                seen.add(pair)
                compared += 1
                if len(docs[i].actors & docs[j].actors) < 2:
                    continue
                both = words[i] | words[j]
                if both and len(words[i] & words[j]) / len(both) >= STORY_MIN_SIMILARITY:
                    union(i, j)
    out = {}
    for i, d in enumerate(docs):
        root = docs[find(i)].doc_id
        out[d.doc_id] = hashlib.sha256(("story:" + root).encode()).hexdigest()[:16]
    return out


def story_docs_from_records(records: list[dict]) -> list[StoryDoc]:
    """StoryDocs built from coded records alone (sentences stand in for the text)."""
    docs: dict[str, StoryDoc] = {}
    for r in records:
        d = docs.setdefault(r.get("doc_id"), StoryDoc(r.get("doc_id") or "", (r.get("doc") or {}).get("published"), ""))
        d.text += " " + (r.get("sentence") or "")
        for side in ("source", "target"):
            a = r.get(side)
            if a:
                d.actors.add(_person(a) or _actor_key(a))
        if r.get("canonical_event_id") and not is_generic((r.get("cameo") or "")[:3]):
            d.events.add(r["canonical_event_id"])
    return list(docs.values())


def actor_keys(rec: dict) -> list[str]:
    return [_person(a) or _actor_key(a) for a in (rec.get("source"), rec.get("target")) if a]


__all__ = ["assign_canonical_ids", "block_key", "cluster_block", "canonical_event",
           "canonical_events", "canonical_id", "cameo_compatible", "cluster_stories",
           "StoryDoc", "dedup", "date_interval"]
