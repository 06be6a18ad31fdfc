"""Guarded clustering of the mentions of one block into real-world events.

Mentions are taken in a fixed order (precise dates first, by date) and each joins the
largest event still open that it is compatible with *as a whole*, else opens its own:

- never two mentions of one sentence (two events the coder found in one sentence are
  two events);
- one specific CAMEO base (a generic 040 may join a 042, a 042 never a 046);
- all dates within the window ("a day or two" for day precision; a month or a year
  stands for its days; a publication-based date for the days before publication);
- one location country;
- inside one article, not two days the text gives ("attacked on Monday ... attacked again
  on Tuesday" are two attacks; the window is for articles that resolve one day
  differently), except for visits and talks, which last days;
- the same actor on each side as *every* member (dedup.features.actors_match);
- across articles: the source is known, the date has day or month precision, and the
  clause shares key words with such a mention of every other article already in the
  event (dedup.features.content_match); statements (root 01) share most of their key
  words with a mention of every article, their own included.

The result does not depend on the input order. ``trace`` (a list) receives, for every
mention that joined an event, which member it was matched to and why — what
``eventwire explain --event`` shows.
"""
from __future__ import annotations

import datetime as _dt
import hashlib
import heapq
import math
from dataclasses import dataclass, field

from .features import (DATE_WINDOW_DAYS, DURATIVE_CODES, DURATIVE_WINDOW_DAYS,
                       PRECISION_RANK, PUBLICATION_SLACK_DAYS, SPEECH_ROOTS, STATEMENT_ROOTS, actor_profile,
                       actors_match, actors_verdict,
                       block_key, codes_match, content_match, content_rule, date_interval, dates_gap,
                       describe_date, is_generic, key_words, oriented, root, surface, text_date)


# A mention joining a big event must share key words with a mention of each of the
# event's first CONTENT_ARTICLES articles (all of them, for the events news has).
CONTENT_ARTICLES = 8


@dataclass
class _Cluster:
    members: list = field(default_factory=list)    # indices into the block's mentions
    bases: set = field(default_factory=set)        # specific 3-digit bases (<= 1)
    lo: _dt.date | None = None                     # max of the mention interval starts
    hi: _dt.date | None = None                     # min of the mention interval ends
    countries: set = field(default_factory=set)    # location countries (<= 1)
    sentences: set = field(default_factory=set)    # (doc_id, sentence_index)
    docs: dict = field(default_factory=dict)       # doc_id -> [member indices], join order
    profiles: dict = field(default_factory=dict)   # (source, target) actor profile -> members
    words: set = field(default_factory=set)        # key words of its mentions
    fewest_words: int = 1 << 30                    # the fewest key words of one mention


def _max(a, b):
    return b if a is None else a if b is None else max(a, b)


def _min(a, b):
    return b if a is None else a if b is None else min(a, b)


class _Block:
    """The mentions of one block and their events under construction."""

    def __init__(self, recs: list[dict], window: int, trace: list | None):
        self.recs = recs
        self.window = window
        self.trace = trace
        self.ivs = [date_interval(r) for r in recs]
        self.orient = [oriented(r) for r in recs]
        self.prof = [(actor_profile(o[1]), actor_profile(o[2])) for o in self.orient]
        self.keys: dict[int, frozenset] = {}
        self.of: list[int | None] = [None] * len(recs)  # mention -> cluster id
        self.clusters: dict[int, _Cluster] = {}
        self.verdicts: dict[tuple, bool | None] = {}   # actor profiles -> verdict
        self.by_word: dict[str, set[int]] = {}         # key word -> clusters using it
        self.by_doc: dict[str, set[int]] = {}          # article -> clusters with a mention

    def kw(self, i: int) -> frozenset:
        if i not in self.keys:
            self.keys[i] = key_words(self.recs[i])
        return self.keys[i]

    def _index(self, i: int, cid: int) -> None:
        self.by_doc.setdefault(self.recs[i].get("doc_id"), set()).add(cid)
        c = self.clusters[cid]
        for w in self.kw(i) - c.words:
            self.by_word.setdefault(w, set()).add(cid)
        c.words |= self.kw(i)
        c.fewest_words = min(c.fewest_words, len(self.kw(i)))

    def forget_words(self, cid: int) -> None:
        """An event out of reach leaves the word index (it can take no more mentions)."""
        for w in self.clusters[cid].words:
            ids = self.by_word.get(w)
            if ids is not None:
                ids.discard(cid)
                if not ids:
                    del self.by_word[w]

    def index_all_words(self) -> None:
        self.by_word = {}
        for cid, c in self.clusters.items():
            for w in c.words:
                self.by_word.setdefault(w, set()).add(cid)

    def candidates(self, i: int, among) -> list[int]:
        """The events mention i could join, largest first: those with a mention of its own
        article, and those sharing enough key words to pass the content test. Trying only
        these gives the same result as trying all (the others fail the content test)."""
        r = self.recs[i]
        cands = set(self.by_doc.get(r.get("doc_id"), ()))
        if r.get("source") and _linkable(r):
            counts: dict[int, int] = {}
            for w in self.kw(i):
                for c in self.by_word.get(w, ()):
                    counts[c] = counts.get(c, 0) + 1
            # what a member must share at least (content_rule's minimum count and share
            # of the smaller clause; the union of an event's words bounds every member's)
            need_shared, need_overlap = content_rule(r)
            n_i = len(self.kw(i))
            for c, n in counts.items():
                if n >= need_shared and n >= math.ceil(
                        need_overlap * min(n_i, self.clusters[c].fewest_words) - 1e-9):
                    cands.add(c)
        return sorted((c for c in cands if c in among), key=lambda c: (-self.size(c), c))

    def open(self, i: int) -> int:
        r = self.recs[i]
        base = self.orient[i][0]
        iv = self.ivs[i]
        country = (r.get("location") or {}).get("country")
        c = _Cluster([i], set() if is_generic(base) else {base},
                     iv[0] if iv else None, iv[1] if iv else None,
                     {country} if country else set(),
                     {(r.get("doc_id"), r.get("sentence_index"))}, {r.get("doc_id"): [i]},
                     {self.prof[i]: [i]})
        self.clusters[i] = c
        self.of[i] = i
        self._index(i, i)
        return i

    def _verdict(self, pa, pb, a, b) -> bool | None:
        key = (pa, pb)
        if key not in self.verdicts:
            self.verdicts[key] = actors_verdict(a, b)[0]
        return self.verdicts[key]

    def _actors_fit(self, i: int, c: _Cluster) -> bool:
        """The same actors as every member, checked once per distinct actor profile
        (sentences are read only when a name must decide)."""
        _, src, tgt = self.orient[i]
        ps, pt = self.prof[i]
        sentence = self.recs[i].get("sentence") or ""
        for (ms, mt), members in c.profiles.items():
            _, msrc, mtgt = self.orient[members[0]]
            vs, vt = self._verdict(ps, ms, src, msrc), self._verdict(pt, mt, tgt, mtgt)
            if vs is False or vt is False:
                return False
            if vs and vt:
                continue
            for m in members:
                msent = self.recs[m].get("sentence") or ""
                if not (actors_match(src, self.orient[m][1], sentence, msent)[0]
                        and actors_match(tgt, self.orient[m][2], sentence, msent)[0]):
                    return False
        return True

    def _another_day(self, i: int, same_doc: list[int]) -> bool:
        """Does the article date mention i to a day and a member of it to another day?
        One article telling "attacked on Monday ... attacked again on Tuesday" tells two
        attacks: the window is for articles that resolve one day differently."""
        day = text_date(self.recs[i])
        if day is None or day[1] != "day":
            return False
        return any((d := text_date(self.recs[m])) is not None and d[1] == "day" and d[0] != day[0]
                   for m in same_doc)

    def size(self, cid: int) -> int:
        return len(self.clusters[cid].members)

    def try_join(self, i: int, cid: int) -> bool:
        """Add mention i to cluster cid when the whole stays one event."""
        c = self.clusters[cid]
        r = self.recs[i]
        doc, sent = r.get("doc_id"), (r.get("doc_id"), r.get("sentence_index"))
        if sent in c.sentences:
            return False
        base = self.orient[i][0]
        bases = c.bases | (set() if is_generic(base) else {base})
        if len(bases) > 1:
            return False
        country = (r.get("location") or {}).get("country")
        if country and c.countries and country not in c.countries:
            return False
        iv = self.ivs[i]
        lo, hi = (_max(c.lo, iv[0]), _min(c.hi, iv[1])) if iv else (c.lo, c.hi)
        window = self.window
        if bases and bases <= DURATIVE_CODES:
            window = max(window, DURATIVE_WINDOW_DAYS)
        # All intervals pairwise within the window <=> latest start - earliest end <= window.
        if lo and hi and (lo - hi).days > window:
            return False
        if doc in c.docs and not (bases and bases <= DURATIVE_CODES) and self._another_day(i, c.docs[doc]):
            return False
        if not self._actors_fit(i, c):
            return False
        # Across articles: a known source, and shared key words with every other article
        # (the first CONTENT_ARTICLES of a big event; statements: their own article too).
        links = []
        others = [d for d in c.docs if d != doc][:CONTENT_ARTICLES]
        if others and not r.get("source"):
            return False
        if others and not _linkable(r):
            return False
        if doc in c.docs and root(r) in STATEMENT_ROOTS:
            others.append(doc)
        for d in others:
            hit = next((m for m in c.docs[d] if (d == doc or _linkable(self.recs[m]))
                        and content_match(r, self.recs[m], self.kw(i), self.kw(m))[0]), None)
            if hit is None:
                return False
            links.append(hit)
        if not links:  # same article: linked to its nearest member in the text
            links = [min(c.docs[doc], key=lambda m: abs((self.recs[m].get("sentence_index") or 0)
                                                        - (r.get("sentence_index") or 0)))]
        c.members.append(i)
        c.bases, c.lo, c.hi = bases, lo, hi
        if country:
            c.countries.add(country)
        c.sentences.add(sent)
        c.docs.setdefault(doc, []).append(i)
        c.profiles.setdefault(self.prof[i], []).append(i)
        self.of[i] = cid
        self._index(i, cid)
        if self.trace is not None:
            for m in links:
                self.trace.append(explain_link(r, self.recs[m], self.kw(i), self.kw(m)))
        return True


def _linkable(rec: dict) -> bool:
    """Can this mention link two articles? Only with a date of day or month precision: a
    year (or no date) is too vague to tell one event from another of the same kind."""
    return bool(rec.get("date")) and (rec.get("date_precision") or "day") in ("day", "month")


def explain_link(a: dict, b: dict, ka=None, kb=None) -> dict:
    """Why mention ``a`` was merged with mention ``b``: every criterion with its value."""
    _, sa, ta = oriented(a)
    _, sb, tb = oriented(b)
    ok_c, code = codes_match(a, b)
    ok_s, src = actors_match(sa, sb, a.get("sentence") or "", b.get("sentence") or "")
    ok_t, tgt = actors_match(ta, tb, a.get("sentence") or "", b.get("sentence") or "")
    gap = dates_gap(a, b)
    cross = a.get("doc_id") != b.get("doc_id")
    need_shared, need_overlap = content_rule(a)
    ok_w, overlap, shared = content_match(a, b, ka, kb)
    out = {
        "mention": a.get("event_id"), "merged_with": b.get("event_id"),
        "across_articles": cross,
        "source": src, "target": tgt, "code": code,
        "dates": f"{describe_date(a)} ~ {describe_date(b)}: "
                 + ("undated" if gap is None else f"{gap} day(s) apart"),
        "days_apart": gap,
        "status": "same status",
        "content": {"shared": surface(a, shared), "overlap": overlap,
                    "required": cross or root(a) in STATEMENT_ROOTS,
                    "min_shared": need_shared, "min_overlap": need_overlap},
    }
    if not cross:
        out["same_article"] = (f"sentences {b.get('sentence_index')} and "
                               f"{a.get('sentence_index')} of one article")
    return out


def _sort_key(rec: dict):
    iv = date_interval(rec)
    return (PRECISION_RANK.get(rec.get("date_precision"), 3),
            iv[0].isoformat() if iv else "9999", rec.get("event_id") or "")


def cluster_block(records: list[dict], window: int = DATE_WINDOW_DAYS,
                  trace: list | None = None) -> list[list[dict]]:
    """Split the mentions of one block into events (a list of mention lists).

    Deterministic: the same mentions give the same clusters in any input order, so an
    incremental re-dedup of a block equals a full one.
    """
    recs = sorted(records, key=_sort_key)
    if recs and root(recs[0]) in SPEECH_ROOTS:  # a block has one root
        window = 0
    b = _Block(recs, window, trace)
    ivs = b.ivs
    precise = [i for i, _ in enumerate(recs) if ivs[i] and (ivs[i][1] - ivs[i][0]).days
               <= PUBLICATION_SLACK_DAYS]
    # 1) precise mentions, in date order, join the largest compatible event still open
    #    (one that has a mention within reach); else they open a new one. Comparing with
    #    open events, not with every mention, keeps big blocks (10k mentions a day) linear.
    reach = max(window, DURATIVE_WINDOW_DAYS)
    open_hi: dict[int, _dt.date] = {}  # cluster -> latest interval end among its mentions
    closing: list[tuple[_dt.date, int]] = []  # heap of (interval end, cluster), lazy
    for i in sorted(precise, key=lambda k: (ivs[k][0], k)):
        start = ivs[i][0]
        while closing and (start - closing[0][0]).days > reach:
            hi, c = heapq.heappop(closing)
            if open_hi.get(c) == hi:  # else stale: the event reaches further now
                del open_hi[c]  # closed: nothing later can be within reach
                b.forget_words(c)
        cid = next((c for c in b.candidates(i, open_hi) if b.try_join(i, c)), None)
        if cid is None:
            cid = b.open(i)
        hi = max(ivs[i][1], open_hi.get(cid, ivs[i][1]))
        if open_hi.get(cid) != hi:
            open_hi[cid] = hi
            heapq.heappush(closing, (hi, cid))
    # 2) vague mentions (month, year, undated) join the largest compatible event, if any:
    #    among the events overlapping their interval (all events when undated).
    spans: dict[int, tuple[_dt.date, _dt.date]] = {}  # cluster -> (first start, last end)
    for k in precise:
        c = b.of[k]
        lo, hi = spans.get(c, ivs[k])
        spans[c] = (min(lo, ivs[k][0]), max(hi, ivs[k][1]))
    b.index_all_words()
    undated: set[int] = set()  # clusters with no dated mention
    precise_set = set(precise)
    slack = _dt.timedelta(days=reach)
    for i in (i for i in range(len(recs)) if i not in precise_set):
        iv = ivs[i]
        cands = [c for c, (lo, hi) in spans.items()
                 if iv is None or (lo <= iv[1] + slack and hi >= iv[0] - slack)]
        cands = set(cands) | undated
        cid = next((c for c in b.candidates(i, cands) if b.try_join(i, c)), None)
        if cid is None:
            cid = b.open(i)
        if iv is None and cid not in spans:
            undated.add(cid)
        elif iv is not None:
            undated.discard(cid)
            lo, hi = spans.get(cid, iv)
            spans[cid] = (min(lo, iv[0]), max(hi, iv[1]))
    return [[recs[i] for i in c.members] for _, c in sorted(b.clusters.items())]


def canonical_id(mentions: list[dict]) -> str:
    """Stable id of an event: a hash of its first mention's id (same members -> same id)."""
    first = min(m.get("event_id") or "" for m in mentions)
    return hashlib.sha256(("event:" + first).encode()).hexdigest()[:16]


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


def explain_event(mentions: list[dict]) -> list[dict]:
    """Why these mentions (one canonical event) are one event: one entry per merge, in the
    order dedup made them. Re-clustering an event's own mentions repeats its merges."""
    trace: list[dict] = []
    cluster_block(list(mentions), trace=trace)
    return trace
