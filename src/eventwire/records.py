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

    def __repr__(self) -> str:  # the text can be long: its size, not the text
        head = f"Document({self.doc_id!r}"
        for name in ("title", "outlet", "published", "path"):
            value = getattr(self, name)
            if value:
                text = value if len(str(value)) <= 60 else str(value)[:57] + "..."
                head += f", {name}={text!r}"
        extra = f", duplicate_of={self.duplicate_of!r}" if self.duplicate_of else ""
        return f"{head}, text=<{len(self.text)} chars>{extra})"

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


class Event(dict):
    """An event dict whose private helper keys live beside the contract fields.

    The stages pass each other helpers such as ``_verb_i`` (the verb's token) or
    ``_clause`` (its clause). They must not leak into ``doc._.events``, JSON or
    exports, yet later stages (dates, places) need them. An ``Event`` keeps every key
    starting with ``_`` in ``.internal``: ``ev["_verb_i"]``, ``ev.get("_clause")`` and
    ``ev["_main"] = True`` work as before, while ``list(ev)``, ``dict(ev)``,
    ``json.dumps(ev)`` and ``repr(ev)`` show the contract fields only.
    """

    def __init__(self, *args, **kw):
        super().__init__()
        self.internal: dict[str, Any] = {}
        self.update(*args, **kw)

    @classmethod
    def wrap(cls, ev: dict) -> "Event":
        """``ev`` as an Event (itself when it already is one)."""
        return ev if isinstance(ev, cls) else cls(ev)

    def __getitem__(self, key):
        if isinstance(key, str) and key.startswith("_"):
            return self.internal[key]
        return super().__getitem__(key)

    def __setitem__(self, key, value):
        if isinstance(key, str) and key.startswith("_"):
            self.internal[key] = value
        else:
            super().__setitem__(key, value)

    def __delitem__(self, key):
        if isinstance(key, str) and key.startswith("_"):
            del self.internal[key]
        else:
            super().__delitem__(key)

    def get(self, key, default=None):
        if isinstance(key, str) and key.startswith("_"):
            return self.internal.get(key, default)
        return super().get(key, default)

    def pop(self, key, *default):
        if isinstance(key, str) and key.startswith("_"):
            return self.internal.pop(key, *default)
        return super().pop(key, *default)

    def setdefault(self, key, default=None):
        if isinstance(key, str) and key.startswith("_"):
            return self.internal.setdefault(key, default)
        return super().setdefault(key, default)

    def update(self, *args, **kw):
        for other in args + (kw,):
            items = other.items() if hasattr(other, "items") else other
            for k, v in items:
                self[k] = v
            if isinstance(other, Event):
                self.internal.update(other.internal)

    def copy(self) -> "Event":
        out = Event(self)
        out.internal = dict(self.internal)
        return out

    def __reduce__(self):  # pickle/deepcopy keep the helpers (multiprocessing workers)
        return (_rebuild_event, (dict(self), dict(self.internal)))


def _rebuild_event(public: dict, internal: dict) -> Event:
    ev = Event(public)
    ev.internal = internal
    return ev


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
            out["attribution_code"] = v.get("code")
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
