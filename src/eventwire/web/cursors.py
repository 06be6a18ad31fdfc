"""Opaque page cursors for ``/api/events``.

The store pages with its own position token; we wrap it with a fingerprint of the
filters, so a cursor is only accepted with the query that produced it (mixing them
would silently skip or repeat rows), and clients cannot depend on its inside.
"""
from __future__ import annotations

import base64
import binascii
import hashlib
import json


def fingerprint(filters: dict) -> str:
    key = json.dumps(filters, sort_keys=True, default=str)
    return hashlib.sha256(key.encode()).hexdigest()[:12]


def encode(position, fp: str) -> str:
    raw = json.dumps({"p": position, "f": fp}, separators=(",", ":")).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode(cursor: str, fp: str):
    """The store position inside ``cursor``; ValueError when it is not ours or not for fp."""
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        data = json.loads(raw)
        position, got = data["p"], data["f"]
    except (binascii.Error, ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise ValueError("not a cursor from this API (start again without one)") from None
    if got != fp:
        raise ValueError("this cursor belongs to other filters (start again without one)")
    return position
