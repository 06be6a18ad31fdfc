"""Store results (pandas frames, dicts with numpy/NaT values) -> plain JSON values.

The store answers with DataFrames; the API must answer with the contract's records,
so these helpers turn NaN/NaT into null, dates into ISO strings, numpy scalars into
Python numbers, and the ``record`` JSON column of mentions/events back into objects.
"""
from __future__ import annotations

import datetime as _dt
import json
import math
from typing import Any

from ..records import EVENT_FIELDS

# Columns the store may keep as JSON text that are objects in the contract.
_JSON_COLUMNS = {"record", "doc", "source", "target", "plover", "verb", "attribution",
                 "location", "span", "mentions", "actors", "events", "candidates"}


def jsonable(value: Any) -> Any:
    """A JSON-ready copy of ``value`` (recursively)."""
    if value is None or isinstance(value, (bool, str)):
        return value
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return None if math.isnan(value) or math.isinf(value) else value
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [jsonable(v) for v in value]
    if isinstance(value, _dt.datetime):
        # A DATE column comes back from pandas as a midnight timestamp.
        if value.time() == _dt.time(0) and value.tzinfo is None:
            return value.date().isoformat()
        return value.isoformat()
    if isinstance(value, _dt.date):
        return value.isoformat()
    # numpy / pandas scalars and arrays, without importing them eagerly
    mod = type(value).__module__
    if mod.startswith("pandas"):
        import pandas as pd
        if value is pd.NaT:
            return None
        if isinstance(value, pd.Timestamp):
            return jsonable(value.to_pydatetime())
    if mod.startswith("numpy"):
        if hasattr(value, "tolist"):
            return jsonable(value.tolist())
    if hasattr(value, "item"):
        try:
            return jsonable(value.item())
        except (TypeError, ValueError):
            pass
    try:
        import pandas as pd
        if pd.isna(value):
            return None
    except (TypeError, ValueError, ImportError):
        pass
    return str(value)


def _maybe_json(key: str, value: Any) -> Any:
    if key in _JSON_COLUMNS and isinstance(value, str) and value[:1] in "{[":
        try:
            return json.loads(value)
        except ValueError:
            return value
    return value


def rows(frame) -> list[dict]:
    """DataFrame (or list of dicts) -> list of JSON-ready dicts."""
    if frame is None:
        return []
    if hasattr(frame, "to_dict"):
        items = frame.to_dict(orient="records")
    else:
        items = list(frame)
    return [jsonable({k: _maybe_json(k, v) for k, v in dict(r).items()}) for r in items]


_ACTOR = ("text", "name", "code", "country", "agent", "actor_id")
_LOCATION = ("name", "country", "lat", "lon", "geonameid", "precision")


def _nest(row: dict) -> dict:
    """Flat columns (source_code, plover_mode, location_lat, ...) -> contract objects.

    The ``events`` table is flat; the contract nests actors, plover and location.
    Fields a canonical event does not have (span, verb, ...) stay present as null.
    """
    row = jsonable(dict(row))  # NaN -> None first, so "all empty" tests below work
    out = {k: row.pop(k, None) for k in EVENT_FIELDS}
    for side in ("source", "target"):
        if out[side] is None:
            actor = {f: row.pop(f"{side}_{f}", None) for f in _ACTOR}
            out[side] = actor if any(v is not None for v in actor.values()) else None
    if out["plover"] is None and "plover_event_type" in row:
        ctx = row.pop("plover_context", None)
        out["plover"] = {"event_type": row.pop("plover_event_type", None),
                         "mode": row.pop("plover_mode", None),
                         "context": [c for c in (ctx or "").split(",") if c]}
        if out["plover"]["event_type"] is None:
            out["plover"] = None
    if out["location"] is None and "location_name" in row:
        loc = {f: row.pop(f"location_{f}", None) for f in _LOCATION}
        out["location"] = loc if any(v is not None for v in loc.values()) else None
    if out["doc"] is None and ("source_url" in row or "first_published" in row):
        out["doc"] = {"path": row.get("source_url"), "title": row.get("doc_title"),
                      "outlet": row.get("doc_outlet"), "published": row.get("first_published")}
    out.update(row)  # num_mentions, num_sources, story_id, ... after the contract fields
    return out


def as_record(row: dict) -> dict:
    """One events/mentions row -> a contract record, extra columns kept after it.

    Rows that carry the full record in a ``record`` column are unpacked; columns that
    are not part of it (num_mentions, num_sources, ...) follow the contract fields.
    Flat rows (the ``events`` table) are nested into the contract's objects.
    """
    row = {k: _maybe_json(k, v) for k, v in row.items()}
    rec = row.pop("record", None)
    if isinstance(rec, dict):
        out = {k: rec.get(k) for k in EVENT_FIELDS}
        out.update({k: v for k, v in rec.items() if k not in out})
        for k, v in row.items():
            if k not in out or out[k] is None:
                out[k] = v
        return jsonable(out)
    return jsonable(_nest(row))


def records(frame) -> list[dict]:
    return [as_record(r) for r in (frame.to_dict(orient="records")
                                   if hasattr(frame, "to_dict") else list(frame or []))]
