"""Stories: articles about the same happening, clustered for browsing (story_id)."""
from __future__ import annotations

import datetime as _dt
import hashlib
import re
from dataclasses import dataclass, field

from .features import actor_key as _actor_key, is_generic, person as _person



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


