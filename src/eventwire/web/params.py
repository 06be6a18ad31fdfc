"""Checking the API's parameters: one error type (``ApiError``), dates, codes, and the
event filters shared by ``/api/events``, ``/api/places`` and the dyad series.
"""
from __future__ import annotations

import datetime as _dt

from .conventions import VALIDATION_STATUS, error_for


class ApiError(Exception):
    """An error with an HTTP status and a message meant for the client. ``param`` names
    the query parameter at fault (it goes into the 400 body's ``errors``)."""

    def __init__(self, status: int, detail: str, headers: dict | None = None,
                 param: str | None = None, where: str = "query"):
        super().__init__(detail)
        self.status, self.detail, self.headers = status, detail, headers
        self.errors = [error_for(param, detail, where)] if param else None


def bad(param: str, detail: str) -> ApiError:
    """A validation error of one query parameter (400)."""
    return ApiError(VALIDATION_STATUS, f"{param}: {detail}", param=param)


def date_param(value: str | None, name: str) -> str | None:
    if value in (None, ""):
        return None
    try:
        return _dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise bad(name, f"not a date (YYYY-MM-DD): {value!r}") from None


def code_param(value: str | None, name: str) -> str | None:
    """Actor codes, names, CAMEO codes etc.: short, printable, no surprises."""
    if value in (None, ""):
        return None
    value = value.strip()
    if not value or len(value) > 120 or any(ord(c) < 32 for c in value):
        raise bad(name, f"not a valid value: {value!r}")
    return value


def date_range(date_from: str | None, date_to: str | None) -> tuple[str | None, str | None]:
    d_from, d_to = date_param(date_from, "from"), date_param(date_to, "to")
    if d_from and d_to and d_from > d_to:
        raise bad("from", f"from ({d_from}) is after to ({d_to})")
    return d_from, d_to


def pair(dyad: str | None) -> tuple[str, str] | None:
    if dyad in (None, ""):
        return None
    parts = [p.strip() for p in dyad.split(",")]
    if len(parts) != 2 or not all(parts):
        raise bad("dyad", f"expected two actors separated by a comma (CHN,PRK), got {dyad!r}")
    return parts[0], parts[1]


def root_param(root: str | None) -> str | None:
    if root in (None, ""):
        return None
    if not (root.isdigit() and 1 <= int(root) <= 20):
        raise bad("root", f"a CAMEO root is 01..20, got {root!r}")
    return f"{int(root):02d}"


def cameo_param(cameo: str | None) -> str | None:
    if cameo in (None, ""):
        return None
    if not (cameo.isdigit() and 2 <= len(cameo) <= 4):
        raise bad("cameo", f"a CAMEO code is 2-4 digits, got {cameo!r}")
    return cameo
