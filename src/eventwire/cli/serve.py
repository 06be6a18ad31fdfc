"""``eventwire serve``: the HTTP API and the web UI over a store."""
from __future__ import annotations

import os

from ._common import error_line


def register(sub) -> None:
    p = sub.add_parser("serve", help="serve the web UI and the HTTP API over a database",
                       description="Serve the web UI and the JSON API (OpenAPI spec at "
                                   "/openapi.json). Read-only unless EVENTWIRE_TOKEN is set, "
                                   "which enables POST /api/documents with that bearer token.")
    p.add_argument("--db", default="eventwire.duckdb", help="DuckDB file (default: %(default)s)")
    p.add_argument("--host", default="127.0.0.1",
                   help="interface to listen on (default: %(default)s, this machine only)")
    p.add_argument("--port", type=int, default=8000, help="default: %(default)s")
    p.add_argument("--enable-sql", action="store_true",
                   help="offer /api/sql: one read-only SELECT per request, time-limited")
    p.add_argument("--sql-timeout", type=float, default=5.0, metavar="SECONDS")
    p.add_argument("--sql-max-concurrent", type=int, default=None, metavar="N",
                   help="SQL queries at once; more are answered 429 (default 2)")
    p.add_argument("--max-body", type=int, default=None, metavar="BYTES",
                   help="size limit of POST /api/documents bodies (default 5 MB)")
    p.add_argument("--cors", action="append", default=None, metavar="ORIGIN",
                   help="let pages of ORIGIN (e.g. http://localhost:8888, a notebook) call the "
                        "API from a browser; repeat for more, '*' for any (default: none, or "
                        "EVENTWIRE_CORS, comma-separated)")
    p.set_defaults(func=run)


def run(args) -> int:
    import uvicorn

    from ..api import DEFAULT_MAX_BODY, create_app

    token = os.environ.get("EVENTWIRE_TOKEN") or None
    if token is None and not os.path.exists(args.db):
        error_line(f"{args.db}: no such database (create it with `eventwire ingest PATH "
                   f"--db {args.db}`, or set EVENTWIRE_TOKEN to allow uploads into a new one)")
        return 2
    extra = {"sql_max_concurrent": args.sql_max_concurrent} if args.sql_max_concurrent else {}
    if args.cors:
        extra["cors"] = [o for value in args.cors for o in value.split(",")]
    app = create_app(args.db, token=token or "", enable_sql=args.enable_sql,
                     max_body=args.max_body or DEFAULT_MAX_BODY, sql_timeout=args.sql_timeout,
                     **extra)
    mode = "read-write (token set)" if token else "read-only"
    cors = getattr(app.state, "cors", None)
    print(f"eventwire: serving {args.db} ({mode}{', SQL on' if args.enable_sql else ''}"
          f"{', CORS for ' + ' '.join(cors) if cors else ''}) at http://{args.host}:{args.port}/ "
          f"(API docs at /docs)", flush=True)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
