"""``eventwire.api.create_app``: the HTTP API + web UI (implemented in ``eventwire.web``).

    uvicorn --factory 'eventwire.api:app_from_env'   # or: eventwire serve --db FILE
"""
from __future__ import annotations

import os

from .web.app import DEFAULT_MAX_BODY, create_app

__all__ = ["create_app", "app_from_env", "DEFAULT_MAX_BODY"]


def app_from_env():
    """An app configured from EVENTWIRE_DB / EVENTWIRE_TOKEN / EVENTWIRE_ENABLE_SQL."""
    return create_app(os.environ.get("EVENTWIRE_DB", "eventwire.duckdb"),
                      enable_sql=os.environ.get("EVENTWIRE_ENABLE_SQL", "") in ("1", "true", "yes"))
