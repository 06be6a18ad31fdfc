"""One real event, many mentions: canonical event ids (stub; issue 6 refines)."""
from __future__ import annotations

import hashlib


def _key(rec: dict):
    src = (rec.get("source") or {}).get("code")
    tgt = (rec.get("target") or {}).get("code")
    return (src, tgt, (rec.get("cameo") or "")[:3], rec.get("date"), rec.get("negated"))


def assign_canonical_ids(records: list[dict]) -> list[dict]:
    for rec in records:
        k = repr(_key(rec)).encode()
        rec["canonical_event_id"] = hashlib.sha256(k).hexdigest()[:16]
    return records
