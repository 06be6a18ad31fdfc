"""The web side of eventwire: the HTTP API (``app.create_app``) and the UI (``static/``)."""
from .app import create_app

__all__ = ["create_app"]
