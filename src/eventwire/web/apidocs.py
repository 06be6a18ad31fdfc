"""Swagger UI at ``/docs``, offline: its files come from the pinned PyPI package
``swagger-ui-bundle-v2`` (Swagger UI 5, which reads OpenAPI 3.1; Apache-2.0), served by
this server, never from a CDN.

FastAPI's own ``/docs`` page loads Swagger UI from a CDN and starts it with an inline
script; our Content-Security-Policy allows neither. So the page here is a static HTML
file whose start-up script is a file of ours (``static/swagger-init.js``).
"""
from __future__ import annotations

import os

from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

# Only the files the page needs (the package also ships source maps and ES builds).
_ASSETS = ("swagger-ui.css", "swagger-ui-bundle.js", "favicon-32x32.png")

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>eventwire HTTP API</title>
  <link rel="icon" href="/static/favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="/docs/assets/swagger-ui.css">
</head>
<body>
  <p style="font: 14px system-ui, sans-serif; margin: 12px 20px">
    <a href="/">&larr; eventwire web UI</a> &middot; <a href="/openapi.json">openapi.json</a></p>
  <div id="swagger-ui"></div>
  <script src="/docs/assets/swagger-ui-bundle.js"></script>
  <script src="/static/swagger-init.js"></script>
</body>
</html>
"""


def swagger_ui_dir() -> str | None:
    """The package's Swagger UI folder, or None when the package is not installed."""
    try:
        from swagger_ui_bundle import swagger_ui_path
    except ImportError:
        return None
    path = str(swagger_ui_path)
    return path if os.path.isfile(os.path.join(path, "swagger-ui-bundle.js")) else None


class _OnlyAssets(StaticFiles):
    """The bundle's folder, restricted to the files the page uses."""

    def lookup_path(self, path: str):
        if os.path.basename(path) not in _ASSETS:
            return "", None
        return super().lookup_path(path)


def install(app) -> bool:
    """Serve ``/docs`` (and its assets under ``/docs/assets``). False when the package is
    missing: then ``/docs`` says how to get it and the spec stays at ``/openapi.json``."""
    folder = swagger_ui_dir()

    if folder is None:
        @app.get("/docs", include_in_schema=False)
        def docs_missing():
            return HTMLResponse("<p>Swagger UI needs the package <code>swagger-ui-bundle-v2</code> "
                                "(<code>pip install swagger-ui-bundle-v2</code>). The API's "
                                "description is at <a href='/openapi.json'>/openapi.json</a>.</p>",
                                status_code=501)
        return False

    app.mount("/docs/assets", _OnlyAssets(directory=folder), name="swagger-ui")

    @app.get("/docs", include_in_schema=False)
    def docs():
        return HTMLResponse(_PAGE, headers={"Cache-Control": "no-cache"})

    return True


__all__ = ["install", "swagger_ui_dir"]
