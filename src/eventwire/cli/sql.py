"""``eventwire sql "SELECT ..."``: SQL over the database, on a read-only connection."""
from __future__ import annotations

from .events import print_table, write_frame
from .ingest import add_db_option


def register(sub) -> None:
    p = sub.add_parser("sql", help="run SQL over the database (read-only)",
                       description="Run SQL (DuckDB's, with your own rights: read_csv, COPY ... "
                                   "TO, ...) on a read-only connection to the database. Tables: "
                                   "documents, mentions, events, actors, stories, story_docs, "
                                   "schema_version.")
    p.add_argument("query")
    add_db_option(p)
    p.add_argument("--timeout", type=float, default=None, metavar="SECONDS",
                   help="stop the query after this long (default: no limit)")
    p.add_argument("--format", default="table", choices=["table", "jsonl", "csv"])
    p.set_defaults(func=run)


def run(args) -> int:
    from ..store import Store

    with Store(args.db, read_only=True) as store:
        df = store.sql(args.query, timeout=args.timeout)
    if args.format == "table":
        print_table(df)
    else:
        write_frame(df, args.format)
    return 0
