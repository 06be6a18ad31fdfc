"""HTTP API conventions, in one place (issue 18):

- an unknown query parameter is an error (400 naming it), never silently ignored:
  ``?date_from=2017-11-01`` used to return everything;
- every validation error, of a query parameter or of a body, is **400** with one body:
  ``{"detail": "one readable sentence", "status": 400, "errors": [{"loc", "msg", "type"}]}``
  (other errors carry ``detail`` and ``status`` only);
- CORS only when the server is told which origins may call it.
"""
from __future__ import annotations

import difflib

from fastapi import HTTPException, Request

VALIDATION_STATUS = 400

_known_cache: dict[int, frozenset[str]] = {}


def _known(route) -> frozenset[str]:
    key = id(route)
    if key not in _known_cache:  # the route's query parameters, its dependencies' included
        names, stack, seen = set(), [route.dependant], set()
        while stack:
            dep = stack.pop()
            if id(dep) in seen:
                continue
            seen.add(id(dep))
            names.update(f.alias for f in dep.query_params)
            stack.extend(dep.dependencies)
        _known_cache[key] = frozenset(names)
    return _known_cache[key]


class UnknownParameters(HTTPException):
    """400 for query parameters an endpoint does not take (with suggestions)."""

    def __init__(self, unknown: list[str], known: frozenset[str]):
        hints = []
        for name in unknown:
            close = difflib.get_close_matches(name, sorted(known), n=1, cutoff=0.6)
            hints.append(f"{name!r} (did you mean {close[0]!r}?)" if close else repr(name))
        takes = ", ".join(sorted(known)) or "no query parameters"
        word = "parameter" if len(unknown) == 1 else "parameters"
        super().__init__(VALIDATION_STATUS,
                         f"unknown query {word} {', '.join(hints)}; this endpoint takes: {takes}")
        self.errors = [{"loc": ["query", name], "msg": "unknown query parameter",
                        "type": "unknown_parameter"} for name in unknown]


async def known_parameters_only(request: Request) -> None:
    """App-wide dependency: reject query parameters the matched endpoint does not declare.

    Endpoints outside the schema (the UI's index, the catch-all 404) are left alone."""
    route = request.scope.get("route")
    if route is None or not getattr(route, "include_in_schema", False) \
            or not hasattr(route, "dependant"):
        return
    known = _known(route)
    unknown = [k for k in dict.fromkeys(request.query_params.keys()) if k not in known]
    if unknown:
        raise UnknownParameters(unknown, known)


def validation_errors(exc) -> tuple[str, list[dict]]:
    """FastAPI's RequestValidationError -> (one sentence, the errors list)."""
    parts, errors = [], []
    for e in exc.errors():
        loc = [str(x) for x in e.get("loc", ())]
        name = ".".join(x for x in loc if x not in ("query", "path", "body", "header"))
        msg = str(e.get("msg"))
        value = e.get("input")
        shown = f" (got {value!r})" if isinstance(value, (str, int, float)) and len(repr(value)) < 60 else ""
        parts.append(f"{name}: {msg}{shown}" if name else msg)
        errors.append({"loc": loc, "msg": msg, "type": str(e.get("type", "value_error"))})
    return "; ".join(parts) or "invalid request", errors


def error_for(param: str, msg: str, where: str = "query") -> dict:
    return {"loc": [where, param], "msg": msg, "type": "value_error"}


def add_cors(app, origins) -> list[str]:
    """Let pages of ``origins`` (e.g. a notebook server) call the API from a browser.

    ``origins``: a list, or a comma-separated string (``EVENTWIRE_CORS``); "*" allows any
    origin (reads only: credentials are never allowed with "*")."""
    if isinstance(origins, str):
        origins = [o.strip() for o in origins.split(",")]
    origins = [o.rstrip("/") for o in origins or [] if o and o.strip()]
    if not origins:
        return []
    from starlette.middleware.cors import CORSMiddleware
    app.add_middleware(CORSMiddleware, allow_origins=origins, allow_methods=["GET", "POST"],
                       allow_headers=["Authorization", "Content-Type", "Accept"],
                       expose_headers=["X-Total-Count", "Content-Disposition"],
                       allow_credentials=False, max_age=600)
    return origins
