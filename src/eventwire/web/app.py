"""The HTTP API and the web UI over one eventwire DuckDB store.

    app = create_app("eventwire.duckdb")            # read-only, no /api/sql
    app = create_app(db, token="s3cret")            # POST /api/documents with a bearer token
    app = create_app(db, enable_sql=True)           # read-only, time-limited /api/sql

Every JSON answer keeps the field names of the event-record contract. Errors are JSON
``{"detail": "...", "status": N}``; bad parameters are 4xx, never 500.
"""
from __future__ import annotations

import contextlib
import csv
import datetime as _dt
import functools
import hmac
import logging
import os
import threading
from importlib import resources
from typing import Literal

import duckdb
from fastapi import Depends, FastAPI, Query, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from fastapi.exceptions import RequestValidationError
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from ..errors import EventwireError
from . import apidocs, convert, conventions, lists, models, names
from .intake import IntakeError, documents_from_body
from .params import ApiError, code_param, date_param, date_range
from .sqlguard import SQLRejected, check_sql, lock_down, run_query

log = logging.getLogger("eventwire.web")

DEFAULT_MAX_BODY = 5_000_000   # bytes per POST /api/documents
MAX_PAGE = lists.MAX_PAGE      # rows per page of the list endpoints
SQL_MAX_ROWS = 5_000
SQL_MAX_BYTES = 10_000_000     # about this many bytes of values per SQL answer
SQL_MAX_CONCURRENT = 2         # SQL queries at once (one per core of a small server)

# The UI must work offline: only our own origin may serve scripts, styles, data.
_CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
        "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'; form-action 'self'")


class _BodyTimeout:
    """Slow-body (slowloris) guard, issue 9: a request body must arrive whole within
    ``seconds``, else the request fails with 408 and uvicorn closes the connection
    (uvicorn itself has no body-read timeout). A pure ASGI wrapper around ``receive``;
    once the body is complete, ``receive`` is passed through untouched."""

    def __init__(self, app, seconds: float = 20.0):
        self.app, self.seconds = app, seconds

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http" or not self.seconds:
            return await self.app(scope, receive, send)
        import asyncio
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.seconds
        done = False

        async def timed_receive():
            nonlocal done
            if done:
                return await receive()
            try:
                msg = await asyncio.wait_for(receive(), max(deadline - loop.time(), 0.001))
            except asyncio.TimeoutError:
                raise ApiError(408, f"request body not received within {self.seconds:g} s") from None
            if msg.get("type") != "http.request" or not msg.get("more_body", False):
                done = True
            return msg

        await self.app(scope, timed_receive, send)


def _error(status: int, detail, headers=None, errors=None) -> JSONResponse:
    """The one error body: ``{"detail", "status"}``, and ``errors`` for validation (400)."""
    body = {"detail": detail, "status": status}
    if errors is not None or status == conventions.VALIDATION_STATUS:
        body["errors"] = convert.jsonable(errors or [{"loc": [], "msg": detail,
                                                      "type": "value_error"}])
    return JSONResponse(body, status_code=status, headers=headers)


class _StoreHandle:
    """Access to the store, one thread at a time.

    DuckDB connections are not safe to share between threads and FastAPI runs
    endpoints in a thread pool, so every use goes through ``lock``.

    A read-only server lets go of the file after ``release_after`` idle seconds:
    DuckDB lets a process write a file only while no other process has it open, so a
    server that kept it open all day would lock out the morning's ``eventwire ingest``.
    (Keeping it open between the requests of one page load saves reopening it for
    each.) While an ingest holds the file, requests answer 503 "busy".
    A writable server (token set) is the writer itself and keeps one Store open.
    """

    def __init__(self, db_path: str, writable: bool, store=None, lock_timeout: float = 3.0,
                 release_after: float = 2.0):
        self.db_path, self.writable = str(db_path), writable
        self.lock = threading.RLock()
        self.lock_timeout, self.release_after = lock_timeout, release_after
        self._store = store          # the writer's store (or one handed in)
        self._reader = None          # the read-only store, while in use
        self._timer = None
        self._users = 0              # SQL queries running on the reader outside the lock

    def _open(self, read_only: bool):
        from ..store import Store, StoreLockedError
        if read_only and not os.path.exists(self.db_path):
            raise ApiError(503, f"database not found: {os.path.basename(self.db_path)} "
                                "(create it with `eventwire ingest`)")
        try:
            # held: the handle decides when the file is let go (release_after)
            return Store(self.db_path, read_only=read_only, lock_timeout=self.lock_timeout,
                         hold=True)
        except StoreLockedError:
            raise ApiError(503, "the database is being updated by another process "
                                "(eventwire ingest); try again in a moment",
                           {"Retry-After": "5"}) from None
        except (EventwireError, duckdb.Error) as exc:
            raise ApiError(503, "cannot open the database: "
                                f"{_no_paths(str(exc).splitlines()[0])}") from None

    @contextlib.contextmanager
    def session(self):
        """The Store to use for one request (under the lock)."""
        with self.lock:
            if self._store is not None or self.writable:
                if self._store is None:
                    self._store = self._open(read_only=False)
                yield self._store
                return
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            if self._reader is None:
                self._reader = self._open(read_only=True)
            try:
                yield self._reader
            finally:
                self._schedule_release()

    @contextlib.contextmanager
    def cursor(self):
        """A cursor of its own for one long query (``/api/sql``), used *outside* the
        lock: DuckDB runs queries of different cursors in parallel, so a slow query
        does not hold up the other endpoints (issue 19: three clients looping slow
        queries stalled every request for 15 s). The reader stays open while any such
        cursor is in use."""
        with self.session() as store:
            cur = _connection(store).cursor()
            self._users += 1
        try:
            yield cur
        finally:
            cur.close()
            with self.lock:
                self._users -= 1
                if not self.writable and self._store is None and self._users == 0:
                    self._schedule_release()

    def _schedule_release(self) -> None:
        if self._timer is not None:
            self._timer.cancel()
        if self.release_after <= 0:
            self._release(None)
            return
        self._timer = threading.Timer(self.release_after, self._release, [object()])
        self._timer.args = [self._timer]
        self._timer.daemon = True
        self._timer.start()

    def _release(self, timer) -> None:
        with self.lock:
            if timer is not None and timer is not self._timer:
                return  # a newer request rescheduled the release
            self._timer = None
            if self._users:
                return  # a query still runs on it; its end schedules the release
            if self._reader is not None:
                self._reader.close()
                self._reader = None

    def close(self):
        with self.lock:
            if self._timer is not None:
                self._timer.cancel()
            self._users = 0
            self._release(None)
            if self._store is not None:
                self._store.close()
                self._store = None


_date, _code = date_param, code_param  # the names this module used before params.py


def create_app(db_path: str = "eventwire.duckdb", token: str | None = None,
               enable_sql: bool = False, max_body: int = DEFAULT_MAX_BODY,
               sql_timeout: float = 5.0, coder=None, store=None,
               lock_timeout: float = 3.0, release_after: float = 2.0,
               body_timeout: float = 20.0, sql_max_concurrent: int = SQL_MAX_CONCURRENT,
               sql_max_bytes: int = SQL_MAX_BYTES, cors=None) -> FastAPI:
    """Build the app.

    token: bearer token for POST /api/documents; None reads ``EVENTWIRE_TOKEN`` from the
        environment; no token at all (or "") disables writes (403) and opens the store
        read-only.
    enable_sql: offer ``/api/sql`` (single read-only SELECT, ``sql_timeout`` seconds).
    coder: ``fn(documents) -> iterable of CodedDocument`` (default: the spaCy pipeline).
    store: an already open Store to serve (tests); otherwise ``db_path`` is opened lazily.
    lock_timeout: seconds to wait for another process's write lock before answering 503.
    release_after: idle seconds after which a read-only server closes the file (so that
        `eventwire ingest` can write it); 0 closes it after every request.
    body_timeout: seconds a request body may take to arrive (slowloris guard; 0 = off).
    sql_max_concurrent: SQL queries that may run at once; more are answered 429 at once
        (so a few clients looping slow queries cannot take the server's CPU and threads).
    sql_max_bytes: about how many bytes of values one SQL answer may carry.
    cors: origins whose pages may call the API from a browser (a list, or comma-separated;
        "*" for any); None reads ``EVENTWIRE_CORS``; off by default.
    """
    if token is None:
        token = os.environ.get("EVENTWIRE_TOKEN") or None
    token = token or None
    handle = _StoreHandle(db_path, writable=token is not None, store=store,
                          lock_timeout=lock_timeout, release_after=release_after)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        handle.close()  # a writable server releases the file when it stops

    app = FastAPI(
        title="eventwire",
        version=__version__,
        summary="Political event data from news text: who did what to whom, when and where.",
        description="Records follow the eventwire event-record contract. Read-only unless a "
                    "token is configured. Every validation error is 400 with one body "
                    "(`detail`, `status`, `errors`); unknown query parameters are errors. "
                    "List endpoints answer a JSON page with `total`, or every matching row "
                    "with `format=csv|parquet|jsonl` (or an Accept header).",
        # FastAPI's own /docs loads Swagger UI from a CDN: ours is served offline (apidocs).
        docs_url=None, redoc_url=None, openapi_url="/openapi.json",
        lifespan=lifespan,
        dependencies=[Depends(conventions.known_parameters_only)],
    )
    app.state.store_handle = handle
    app.add_middleware(_BodyTimeout, seconds=body_timeout)  # slow bodies -> 408 (issue 9)
    app.state.enable_sql = enable_sql
    if cors is None:
        cors = os.environ.get("EVENTWIRE_CORS") or None
    app.state.cors = conventions.add_cors(app, cors)

    # ---------------------------------------------------------------- errors
    @app.exception_handler(ApiError)
    async def _api_error(request: Request, exc: ApiError):
        return _error(exc.status, exc.detail, exc.headers, exc.errors)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError):
        detail, errors = conventions.validation_errors(exc)
        return _error(conventions.VALIDATION_STATUS, detail, errors=errors)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException):
        return _error(exc.status_code, exc.detail, getattr(exc, "headers", None),
                      getattr(exc, "errors", None))

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception):
        log.exception("unexpected error on %s", request.url.path)
        return _error(500, f"internal error ({exc.__class__.__name__}); see the server log")

    @app.middleware("http")
    async def _security_headers(request: Request, call_next):
        response = await call_next(request)
        response.headers.setdefault("Content-Security-Policy", _CSP)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    def call(method: str, *args, **kwargs):
        """Run one Store method under the lock; its ValueErrors are the client's fault."""
        with handle.session() as store:
            try:
                return getattr(store, method)(*args, **kwargs)
            except (ValueError, TypeError, KeyError, EventwireError) as exc:
                raise ApiError(400, _no_paths(str(exc)) or exc.__class__.__name__) from None
            except ImportError as exc:  # an analysis module this build does not have
                raise ApiError(501, f"{method} is not available in this build ({exc})") from None
            except (duckdb.ConversionException, duckdb.InvalidInputException) as exc:
                raise ApiError(400, _no_paths(str(exc).splitlines()[0])) from None

    # ---------------------------------------------------------------- read API
    @app.get("/api/health", tags=["meta"], responses={200: {"model": models.Health}})
    def health():
        """Liveness, and what this server allows."""
        return {"status": "ok", "version": __version__, "writable": handle.writable,
                "sql": enable_sql}

    @app.get("/api/codebook", tags=["meta"], responses={200: {"model": models.Codebook}})
    def codebook():
        """CAMEO code -> name, and the QuadClass names (for labels in clients)."""
        return {"cameo": _cameo_names(), "quad_class": QUAD_NAMES}

    @app.get("/api/summary", tags=["meta"], responses={200: {"model": models.Summary},
                                                       **models.errors(503)})
    def summary():
        """Counts of documents, mentions, events, actors; date range."""
        out = dict(call("summary"))
        if out.get("path"):  # the file name is enough; the server's layout is not the client's business
            out["path"] = os.path.basename(str(out["path"]))
        return convert.jsonable(out)

    # events, places, documents, actors, stories, network, contradictions: pages or downloads
    lists.install(app, call, handle)

    @app.get("/api/events/{event_id}", tags=["events"],
             responses={200: {"model": models.EventDetail}, **models.errors(400, 404, 503)})
    def event(event_id: str):
        """One canonical event with every mention (record + sentence)."""
        found = call("event", _code(event_id, "event_id"))
        if not found:
            raise ApiError(404, f"no event {event_id!r}")
        found = dict(found)
        mentions = [convert.as_record(m) for m in found.pop("mentions", []) or []]
        out = convert.as_record(found)
        out["mentions"] = mentions
        return out

    @app.get("/api/dyads/{source}/{target}/series", tags=["events"],
             responses={200: {"model": models.DyadSeries}, **models.errors(400, 503)})
    def dyad_series(source: str, target: str,
                    by: Literal["day", "week", "month"] = Query("week"),
                    directed: bool = Query(False, description="only source->target "
                                           "(default: both directions)"),
                    date_from: str | None = Query(None, alias="from", description="event date >= (YYYY-MM-DD)"),
                    date_to: str | None = Query(None, alias="to", description="event date <= (YYYY-MM-DD)"),
                    include_historical: bool = Query(False)):
        """Events of a dyad per period: counts by QuadClass, Goldstein mean, mentions.
        ``source``/``target`` take codes or names (China). Events whose date is known
        only to the month or year are not in ``series`` (they would pile up on its first
        day): ``imprecise`` has one row per such month/year."""
        d_from, d_to = date_range(date_from, date_to)
        actors_named = lambda text: call("actors", q=text, limit=50)  # noqa: E731
        how = {}
        a, why_a = names.resolve(_code(source, "source"), actors_named)
        b, why_b = names.resolve(_code(target, "target"), actors_named)
        for key, why in (("source", why_a), ("target", why_b)):
            if why:
                how[key] = why
        frame = call("dyad_series", a, b, by=by, directed=directed,
                     include_historical=include_historical, date_from=d_from, date_to=d_to)
        exact = frame[frame["dated_to"] == "period"] if len(frame) else frame
        vague = frame[frame["dated_to"] != "period"] if len(frame) else frame
        return {"source": a, "target": b, "by": by, "directed": directed,
                "from": d_from, "to": d_to, "filters": how,
                "series": convert.rows(exact), "imprecise": convert.rows(vague)}

    @app.get("/api/documents/{doc_id}", tags=["documents"],
             responses={200: {"model": models.Document}, **models.errors(400, 404, 503)})
    def document(doc_id: str):
        """A stored article: its text with the spans of actors and events."""
        found = call("document", _code(doc_id, "doc_id"))
        if not found:
            raise ApiError(404, f"no document {doc_id!r}")
        found = dict(found)
        found["events"] = [convert.as_record(e) if isinstance(e, dict) else e
                           for e in found.get("events") or []]
        return convert.jsonable({k: convert._maybe_json(k, v) for k, v in found.items()})

    # ---------------------------------------------------------------- write API
    # Declares the bearer token in the OpenAPI description; _authorize does the checking.
    bearer = HTTPBearer(auto_error=False, scheme_name="token",
                        description="the server's EVENTWIRE_TOKEN (writes only)")

    def _authorize(request: Request) -> None:
        if token is None:
            raise ApiError(403, "writes are disabled on this server "
                                "(start it with EVENTWIRE_TOKEN set to enable them)")
        header = request.headers.get("authorization", "")
        scheme, _, given = header.partition(" ")
        if scheme.lower() != "bearer" or not given.strip():
            raise ApiError(401, "missing bearer token (Authorization: Bearer <token>)",
                           {"WWW-Authenticate": "Bearer"})
        if not hmac.compare_digest(given.strip().encode(), token.encode()):
            raise ApiError(401, "wrong token", {"WWW-Authenticate": 'Bearer error="invalid_token"'})

    async def _read_body(request: Request) -> bytes:
        """The body, refusing (413) as soon as it exceeds max_body bytes."""
        declared = request.headers.get("content-length")
        if declared is not None:
            if not declared.isdigit():
                raise ApiError(400, "bad Content-Length")
            if int(declared) > max_body:
                raise ApiError(413, f"body too large ({declared} bytes > {max_body})")
        chunks, size = [], 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > max_body:
                raise ApiError(413, f"body too large (> {max_body} bytes)")
            chunks.append(chunk)
        return b"".join(chunks)

    coding_lock = threading.Lock()

    def _code_and_store(docs, per_mention: bool = False):
        from ..pipeline import code_documents
        run = coder or code_documents
        results = []
        try:
            with coding_lock:  # one spaCy run at a time: pipelines are not thread-safe
                coded_docs = list(run(docs))
        except (EventwireError, SystemExit, OSError) as exc:
            # The model or a dictionary failed to load: the server's problem, said plainly.
            log.exception("coder failed")
            raise ApiError(503, f"the coder is not available: {exc}") from None
        with handle.session() as store:
            for coded in coded_docs:
                stored = False if coded.error else bool(store.add_coded(coded))
                if not stored and not coded.error:  # the same text again: keep its source
                    store.add_source(coded.document)
                results.append((coded, stored))
            if any(stored for _, stored in results):
                store.finalize()
            out = []
            for coded, stored in results:
                d = coded.document
                evs = [convert.as_record(e) for e in coded.events]
                # After finalize the store knows the canonical event of each mention.
                stored_doc = store.document(d.doc_id) if (stored or store.has_document(d.doc_id)) else None
                if stored_doc and stored_doc.get("events"):
                    by_id = {e.get("event_id"): e for e in stored_doc["events"] if isinstance(e, dict)}
                    for e in evs:
                        canon = (by_id.get(e["event_id"]) or {}).get("canonical_event_id")
                        e["canonical_event_id"] = canon or e.get("canonical_event_id")
                if not per_mention:   # one record per real event per article, as `eventwire code`
                    from ..dedup import fold_records
                    evs = list(fold_records(evs))
                out.append({"doc_id": d.doc_id, "path": d.path, "title": d.title,
                            "published": d.published, "stored": stored,
                            "duplicate": not stored and not coded.error,
                            "error": coded.error, "notes": list(d.notes), "events": evs})
        return out

    @app.post("/api/documents", tags=["documents"], status_code=201, openapi_extra={
        "requestBody": {"content": {
            "application/json": {"schema": {"type": "object", "properties": {
                "id": {"type": "string"}, "url": {"type": "string"},
                "title": {"type": "string"}, "outlet": {"type": "string"},
                "published": {"type": "string", "format": "date"},
                "text": {"type": "string"}, "html": {"type": "string"}}}},
            "application/x-ndjson": {"schema": {"type": "string"}},
            "text/plain": {"schema": {"type": "string"}},
            "multipart/form-data": {"schema": {"type": "object", "properties": {
                "file": {"type": "string", "format": "binary"}}}},
        }}}, responses={201: {"model": models.Added}, **models.errors(400, 401, 403, 413, 415, 503)})
    async def add_documents(request: Request,
                            published: str | None = Query(None, description="publication date "
                                                          "for inputs that carry none"),
                            per_mention: bool = Query(False, description="one record per mention "
                                                      "(sentence) instead of one per real event "
                                                      "per article"),
                            _bearer: HTTPAuthorizationCredentials | None = Depends(bearer)):
        """Code new articles and store them; answers with the coded events.

        Needs ``Authorization: Bearer <EVENTWIRE_TOKEN>``. Bodies: one article object
        (the JSONL input shape), a list of them, JSON lines, plain text, or uploaded files.
        """
        _authorize(request)
        body = await _read_body(request)
        errors: list[str] = []
        try:
            docs = documents_from_body(request.headers.get("content-type", ""), body, published,
                                       errors=errors)
        except IntakeError as exc:
            raise ApiError(exc.status, str(exc), where="body",
                           param="body" if exc.status == conventions.VALIDATION_STATUS else None) from None
        except RecursionError:  # input nested beyond what a parser can walk
            raise ApiError(400, "the body is nested too deeply to read") from None
        documents = await run_in_threadpool(_code_and_store, docs, per_mention)
        return {"documents": documents,
                "events": [e for d in documents for e in d["events"]],
                "errors": errors}

    # ---------------------------------------------------------------- SQL
    sql_slots = threading.BoundedSemaphore(max(1, int(sql_max_concurrent)))

    def _sql(query: str, limit: int):
        if not enable_sql:
            raise ApiError(403, "the SQL endpoint is disabled (start the server with --enable-sql)")
        try:
            query = check_sql(query)
        except SQLRejected as exc:
            raise ApiError(400, str(exc)) from None
        if not sql_slots.acquire(blocking=False):
            raise ApiError(429, f"too many SQL queries running (at most {sql_max_concurrent} "
                                "at once); try again in a moment", {"Retry-After": "1"})
        try:
            with handle.session() as store:
                lock_down(_connection(store))  # the whole database instance, before any user SQL
            with handle.cursor() as cur:       # runs outside the store lock
                try:
                    columns, data, truncated = run_query(cur, query, sql_timeout, limit,
                                                         sql_max_bytes)
                except TimeoutError as exc:
                    raise ApiError(408, str(exc)) from None
                except ValueError as exc:
                    raise ApiError(413, str(exc)) from None
                except duckdb.Error as exc:
                    raise ApiError(400, f"query failed: {_no_paths(str(exc).splitlines()[0])}") from None
        finally:
            sql_slots.release()
        return {"columns": columns, "rows": convert.jsonable(data), "truncated": truncated}

    @app.get("/api/sql", tags=["sql"], responses={200: {"model": models.SqlAnswer},
                                                   **models.errors(400, 403, 408, 413, 429)})
    def sql_get(q: str = Query(..., max_length=20_000, description="one SELECT"),
                limit: int = Query(1000, ge=1, le=SQL_MAX_ROWS)):
        """Run one read-only SELECT (only when the server runs with --enable-sql)."""
        return _sql(q, limit)

    @app.post("/api/sql", tags=["sql"], responses={200: {"model": models.SqlAnswer},
                                                    **models.errors(400, 403, 408, 413, 429)})
    async def sql_post(request: Request, limit: int = Query(1000, ge=1, le=SQL_MAX_ROWS)):
        """Same as GET, the query as JSON ``{"query": "..."}`` or as the text body."""
        if not enable_sql:
            raise ApiError(403, "the SQL endpoint is disabled (start the server with --enable-sql)")
        body = (await _read_body(request)).decode("utf-8", "replace")
        query = body
        if request.headers.get("content-type", "").startswith("application/json"):
            import json
            try:
                payload = json.loads(body)
            except (ValueError, RecursionError):
                raise ApiError(400, "body is not valid JSON") from None
            query = payload.get("query") if isinstance(payload, dict) else None
            if not isinstance(query, str):
                raise ApiError(400, 'expected {"query": "SELECT ..."}')
        return await run_in_threadpool(_sql, query, limit)

    # ---------------------------------------------------------------- UI
    static_dir = str(resources.files("eventwire.web") / "static")
    app.mount("/static", StaticFiles(directory=static_dir), name="static")

    apidocs.install(app)  # Swagger UI at /docs, from the swagger-ui-bundle-v2 package

    @app.get("/", include_in_schema=False)
    def index():
        return FileResponse(os.path.join(static_dir, "index.html"),
                            headers={"Cache-Control": "no-cache"})

    @app.api_route("/api/{rest:path}", methods=["GET", "POST", "PUT", "DELETE", "PATCH"],
                   include_in_schema=False)
    def _no_such_endpoint(rest: str):
        raise ApiError(404, f"no such endpoint: /api/{rest}")

    return app


def _no_paths(message: str) -> str:
    """An error message without file-system paths (the server's layout is not the
    client's business): anything that looks like /a/b or C:\\a is replaced."""
    import re
    return re.sub(r"""(?:[A-Za-z]:\\|/)[^\s'"]*[/\\][^\s'"]*""", "<path>", message)


def _connection(store):
    """The DuckDB connection of the store (its attribute name is the store's business)."""
    for name in ("con", "conn", "connection", "_con", "_conn", "db"):
        con = getattr(store, name, None)
        if isinstance(con, duckdb.DuckDBPyConnection):
            return con
    raise ApiError(501, "this store does not expose a DuckDB connection for SQL")


QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation",
              3: "verbal conflict", 4: "material conflict"}


@functools.lru_cache(maxsize=1)
def _cameo_names() -> dict:
    """CAMEO code -> name from the package's codebook (empty if it is not there)."""
    path = resources.files("eventwire") / "data" / "cameo" / "event_codes.csv"
    try:
        with path.open(encoding="utf-8") as fh:
            return {r["code"].strip(): (r["name"] or "").strip()
                    for r in csv.DictReader(fh) if r.get("code")}
    except (OSError, KeyError):
        return {}
