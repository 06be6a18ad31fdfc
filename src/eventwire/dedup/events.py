"""Canonical events: the row shared by the mentions of one real-world event."""
from __future__ import annotations

import re

from .cluster import canonical_id, dedup
from .features import PRECISION_RANK as _PRECISION_RANK, block_key, is_generic
from .stories import cluster_stories, story_docs_from_records



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


