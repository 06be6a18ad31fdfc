"""``eventwire export --format F --out PATH``: the database as files for other tools."""
from __future__ import annotations

import sys

from ._common import error_line, info
from .ingest import add_db_option


def register(sub) -> None:
    from ..export import FORMATS

    p = sub.add_parser("export", help="export records or canonical events",
                       description="jsonl/csv/parquet: one contract record per mention. "
                                   "gdelt: GDELT 2.0 Events columns (one row per canonical "
                                   "event) + a Mentions file (OUT -> OUT.mentions.tsv). "
                                   "polecat: POLECAT-style columns with PLOVER types.")
    add_db_option(p)
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", "-o", default=None, help="output file (default stdout)")
    p.add_argument("--mentions-out", default=None, help="gdelt: where the Mentions file goes")
    p.add_argument("--include-historical", action="store_true")
    p.add_argument("--include-negated", action="store_true")
    p.set_defaults(func=run)


def run(args) -> int:
    from ..errors import EventwireError
    from ..export import export_store
    from ..store import Store

    if args.format == "parquet" and not args.out and sys.stdout.isatty():
        error_line("parquet is binary: give --out FILE")
        return 1
    try:
        with Store(args.db, read_only=True) as store:
            n = export_store(store, args.format, args.out,
                             include_negated=args.include_negated,
                             include_historical=args.include_historical,
                             mentions_out=args.mentions_out)
    except BrokenPipeError:
        raise  # the reader went away: cli.main ends quietly
    except (EventwireError, OSError) as exc:
        error_line(str(exc))
        return 1
    if args.out:
        info(f"wrote {n} row(s) to {args.out}")
    return 0
