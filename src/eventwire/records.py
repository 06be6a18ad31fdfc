"""Typed records that flow between stages.

``Document`` is what ingestion produces. Coded events travel as plain dicts whose keys
are the contract of ../shared/spec/event-record.md (so they survive spaCy's
multiprocessing, msgpack and JSON unchanged); ``EVENT_FIELDS`` lists them in order.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from typing import Any

EVENT_FIELDS = [
    "event_id", "doc_id", "doc", "sentence_index", "sentence", "span",
    "source", "target", "cameo", "cameo_root", "quad_class", "goldstein", "plover",
    "verb", "negated", "modality", "attribution", "date", "date_precision",
    "date_basis", "historical", "location", "pattern", "confidence",
    "canonical_event_id",
]
ACTOR_FIELDS = ["text", "name", "code", "country", "agent", "actor_id", "span"]
MODALITIES = ("asserted", "reported", "intended", "hypothetical", "hedged")
PRECISIONS = ("day", "month", "year", "unknown")


def doc_id_for(text: str) -> str:
    """doc_id = sha256 of the cleaned text, first 16 hex."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


@dataclass
class Document:
    """One article, cleaned. ``text`` is the body: paragraphs joined by a blank line."""

    doc_id: str
    text: str
    path: str | None = None          # input path, or the URL when known
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None     # ISO date YYYY-MM-DD, or None when unknown
    language: str | None = None      # ISO 639-1, e.g. "en"
    paragraphs: list[str] = field(default_factory=list)
    source_format: str | None = None  # txt, html, jsonl, rss, warc, stdin
    duplicate_of: str | None = None   # doc_id of the original when a near-duplicate
    notes: list[str] = field(default_factory=list)

    @classmethod
    def from_text(cls, text: str, **kw) -> "Document":
        paragraphs = [p for p in (s.strip() for s in text.split("\n\n")) if p]
        body = "\n\n".join(paragraphs)
        return cls(doc_id=doc_id_for(body), text=body, paragraphs=paragraphs, **kw)

    def paragraph_spans(self) -> list[tuple[int, int]]:
        spans, pos = [], 0
        for p in self.paragraphs:
            start = self.text.find(p, pos)
            if start < 0:
                continue
            spans.append((start, start + len(p)))
            pos = start + len(p)
        return spans

    def doc_block(self) -> dict:
        """The ``doc`` object of the event record."""
        return {"path": self.url or self.path, "title": self.title,
                "outlet": self.outlet, "published": self.published}

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "Document":
        known = {k: d[k] for k in cls.__dataclass_fields__ if k in d}
        return cls(**known)


def event_id_for(rec: dict) -> str:
    """Stable hash of (doc_id, sentence_index, pattern, source, target, code)."""
    key = json.dumps([
        rec.get("doc_id"), rec.get("sentence_index"), rec.get("pattern"),
        (rec.get("source") or {}).get("code"), (rec.get("source") or {}).get("span"),
        (rec.get("target") or {}).get("code"), (rec.get("target") or {}).get("span"),
        rec.get("cameo"), (rec.get("verb") or {}).get("span"),
    ], sort_keys=True)
    return hashlib.sha256(key.encode()).hexdigest()[:16]


def empty_event() -> dict[str, Any]:
    """A record with every contract field present (None/defaults)."""
    rec: dict[str, Any] = {k: None for k in EVENT_FIELDS}
    rec.update(negated=False, modality="asserted", historical=False,
               date_precision="unknown", confidence=0.0)
    return rec


def flatten(rec: dict) -> dict:
    """Flat columns for CSV/Parquet: source_code, source_country, doc_title, ..."""
    out: dict[str, Any] = {}
    for k in EVENT_FIELDS:
        v = rec.get(k)
        if k in ("source", "target"):
            v = v or {}
            for f in ACTOR_FIELDS:
                val = v.get(f)
                out[f"{k}_{f}"] = json.dumps(val) if isinstance(val, list) else val
        elif k == "doc":
            v = v or {}
            for f in ("path", "title", "outlet", "published"):
                out[f"doc_{f}"] = v.get(f)
        elif k == "plover":
            v = v or {}
            out["plover_event_type"] = v.get("event_type")
            out["plover_mode"] = v.get("mode")
            out["plover_context"] = ",".join(v.get("context") or [])
        elif k == "verb":
            v = v or {}
            out["verb_text"], out["verb_lemma"] = v.get("text"), v.get("lemma")
        elif k == "attribution":
            v = v or {}
            out["attribution_speaker"] = v.get("speaker")
            out["attribution_actor_id"] = v.get("actor_id")
        elif k == "location":
            v = v or {}
            for f in ("name", "country", "lat", "lon", "geonameid", "precision"):
                out[f"location_{f}"] = v.get(f)
        elif k == "span":
            v = v or [None, None]
            out["span_start"], out["span_end"] = v[0], v[1]
        else:
            out[k] = v
    return out
