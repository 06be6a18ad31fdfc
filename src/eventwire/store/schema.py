"""The store's tables: columns, ordered migrations, and the row builders that turn
contract records and canonical events into rows."""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any

from .. import dedup
from ..records import flatten


_INT = {"sentence_index", "span_start", "span_end", "quad_class"}
_FLOAT = {"goldstein", "confidence", "location_lat", "location_lon"}
_BOOL = {"negated", "historical"}
_DATE = {"doc_published", "date"}


def _flat_columns() -> list[str]:
    from ..records import empty_event
    return list(flatten(empty_event()))


MENTION_FLAT = _flat_columns()


def _coltype(col: str) -> str:
    if col in _INT:
        return "INTEGER"
    if col in _FLOAT:
        return "DOUBLE"
    if col in _BOOL:
        return "BOOLEAN"
    if col in _DATE:
        return "DATE"
    if col == "location_geonameid":
        return "BIGINT"
    return "VARCHAR"


_ACTOR_COLS = ["text", "name", "code", "country", "agent", "actor_id"]
EVENT_COLUMNS = (
    ["canonical_event_id", "block_key", "date", "date_precision"]
    + [f"source_{c}" for c in _ACTOR_COLS] + [f"target_{c}" for c in _ACTOR_COLS]
    + ["cameo", "cameo_root", "event_base_code", "quad_class", "goldstein",
       "plover_event_type", "plover_mode", "plover_context", "negated", "modality",
       "historical", "location_name", "location_country", "location_lat", "location_lon",
       "location_geonameid", "location_precision", "num_mentions", "num_sources",
       "num_articles", "confidence", "sentence", "doc_id", "source_url", "first_published",
       "story_id", "event_id"])
_EVENT_TYPES = {"num_mentions": "INTEGER", "num_sources": "INTEGER", "num_articles": "INTEGER",
                "first_published": "DATE"}

DOCUMENT_COLUMNS = ["doc_id", "path", "url", "title", "outlet", "author", "published",
                    "language", "source_format", "duplicate_of", "text", "paragraphs",
                    "notes", "signature", "n_mentions", "ingested_at"]

# Ordered migrations: (version, description, statements). Never edit a released one;
# append a new version instead.
MIGRATIONS: list[tuple[int, str, list[str]]] = [
    (1, "initial schema: documents, mentions, events, actors, stories", [
        """CREATE TABLE documents (
            doc_id VARCHAR PRIMARY KEY, path VARCHAR, url VARCHAR, title VARCHAR,
            outlet VARCHAR, author VARCHAR, published DATE, language VARCHAR,
            source_format VARCHAR, duplicate_of VARCHAR, text VARCHAR, paragraphs JSON,
            notes JSON, signature JSON, n_mentions INTEGER, ingested_at TIMESTAMP)""",
        "CREATE TABLE mentions (" + ", ".join(
            f"{c} {_coltype(c)}" for c in MENTION_FLAT) +
        ", story_id VARCHAR, block_key VARCHAR, record JSON)",
        "CREATE TABLE events (" + ", ".join(
            f"{c} {_EVENT_TYPES.get(c) or _coltype(c)}" for c in EVENT_COLUMNS) + ")",
        """CREATE TABLE actors (actor_id VARCHAR, code VARCHAR, name VARCHAR,
            country VARCHAR, agent VARCHAR, n_mentions INTEGER, n_events INTEGER,
            first_date DATE, last_date DATE)""",
        """CREATE TABLE stories (story_id VARCHAR, title VARCHAR, n_documents INTEGER,
            n_events INTEGER, first_published DATE, last_published DATE, actors VARCHAR)""",
        "CREATE TABLE story_docs (story_id VARCHAR, doc_id VARCHAR)",
        "CREATE INDEX mentions_doc ON mentions (doc_id)",
        "CREATE INDEX mentions_block ON mentions (block_key)",
        "CREATE INDEX mentions_event ON mentions (canonical_event_id)",
        "CREATE INDEX events_id ON events (canonical_event_id)",
        "CREATE INDEX events_date ON events (date)",
        "CREATE INDEX events_dyad ON events (source_country, target_country)",
        "CREATE INDEX events_codes ON events (source_code, target_code)",
        "CREATE INDEX events_cameo ON events (cameo_root, cameo)",
        "CREATE INDEX events_block ON events (block_key)",
    ]),
    (2, "document_sources: every outlet/URL/date of a text, exact duplicates included", [
        """CREATE TABLE document_sources (
            doc_id VARCHAR, source_key VARCHAR, path VARCHAR, url VARCHAR, outlet VARCHAR,
            title VARCHAR, published DATE, source_format VARCHAR, added_at TIMESTAMP,
            PRIMARY KEY (doc_id, source_key))""",
        # the documents stored so far are each their own first source
        """INSERT INTO document_sources
           SELECT doc_id, coalesce(url, path, doc_id), path, url, outlet, title, published,
                  source_format, ingested_at FROM documents""",
    ]),
]
SCHEMA_VERSION = MIGRATIONS[-1][0]


# ------------------------------------------------------------------ helpers

def _iso(value) -> str | None:
    """A valid ISO date or None (a bad date must not fail a whole document)."""
    if value in (None, ""):
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        return None


def _json(value) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, default=str)


def _signature(doc):
    """The document's near-duplicate signature (eventwire.ingest.neardup), if available."""
    sig = getattr(doc, "signature", None)
    if sig is not None:
        return list(sig)
    try:
        from ..ingest.neardup import signature
    except ImportError:  # ingestion without near-duplicate support: nothing to store
        return None
    return signature(doc.text)


def _public(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if not str(k).startswith("_")}


def mention_row(rec: dict) -> list:
    flat = flatten(rec)
    row = []
    for c in MENTION_FLAT:
        v = flat.get(c)
        if c in _DATE:
            v = _iso(v)
        elif c in _BOOL:
            v = bool(v)
        elif c in _INT | _FLOAT | {"location_geonameid"} and v is not None:
            try:
                v = int(v) if c in _INT | {"location_geonameid"} else float(v)
            except (TypeError, ValueError):
                v = None
        elif c == "canonical_event_id":
            v = None  # assigned by finalize()
        elif v is not None and not isinstance(v, str):
            v = json.dumps(v) if isinstance(v, (list, dict)) else str(v)
        row.append(v)
    return row + [None, dedup.block_key(rec), _json(_public(rec))]


def event_row(ev: dict) -> list:
    """A canonical event (dedup.canonical_event) as a row of the events table."""
    flat = flat_event(ev)
    return [flat[k] for k in EVENT_COLUMNS]


def flat_event(ev: dict) -> dict:
    """A canonical event with flat columns, as in the events table."""
    out: dict[str, Any] = {k: ev.get(k) for k in EVENT_COLUMNS}
    for side in ("source", "target"):
        a = ev.get(side) or {}
        for c in _ACTOR_COLS:
            out[f"{side}_{c}"] = a.get(c)
    pl = ev.get("plover") or {}
    out.update(plover_event_type=pl.get("event_type"), plover_mode=pl.get("mode"),
               plover_context=",".join(pl.get("context") or []))
    loc = ev.get("location") or {}
    for c in ("name", "country", "lat", "lon", "geonameid", "precision"):
        out[f"location_{c}"] = loc.get(c)
    out["date"] = _iso(out["date"])
    out["first_published"] = _iso(out["first_published"])
    out["is_root_event"] = ev.get("is_root_event")
    return out
