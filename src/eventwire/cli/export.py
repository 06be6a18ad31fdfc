"""``eventwire export --format F --out PATH``: the database as files for other tools."""
from __future__ import annotations

import sys

from ._common import error_line, info, note
from .ingest import add_db_option


def register(sub) -> None:
    from ..export import FORMATS

    p = sub.add_parser("export", help="export records or canonical events",
                       description="jsonl/csv/parquet: one contract record per mention. "
                                   "gdelt/gdelt-ext: GDELT 2.0 Events (one row per canonical "
                                   "event) and Mentions files as GDELT publishes them "
                                   "(tab-separated, no header row). polecat: POLECAT's columns "
                                   "with PLOVER values (events without a PLOVER type are left "
                                   "out and counted).")
    add_db_option(p)
    p.add_argument("--format", required=True, choices=FORMATS)
    p.add_argument("--out", "-o", default=None, metavar="FILE|PREFIX|DIR/",
                   help="a file (events.tsv; GDELT Mentions go to events.mentions.tsv), a "
                        "prefix (out/run1 -> out/run1.export.CSV, out/run1.mentions.CSV) or a "
                        "directory (out/ -> out/eventwire.export.CSV, ...); default stdout")
    p.add_argument("--mentions-out", default=None, help="gdelt: where the Mentions file goes")
    p.add_argument("--header", action="store_true",
                   help="gdelt: a header row with the column names (GDELT's files have none)")
    p.add_argument("--include-historical", action="store_true")
    p.add_argument("--include-negated", action="store_true")
    p.add_argument("--per-mention", action="store_true",
                   help="jsonl/csv/parquet: one row per stored mention instead of one record "
                        "per real event per article with its mentions")
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
            written = export_store(store, args.format, args.out,
                                   include_negated=args.include_negated,
                                   include_historical=args.include_historical,
                                   mentions_out=args.mentions_out, header=args.header,
                                   per_mention=args.per_mention)
    except BrokenPipeError:
        raise  # the reader went away: cli.main ends quietly
    except (EventwireError, OSError) as exc:
        error_line(str(exc))
        return 1
    for reason, n in written.left_out.items():
        note(f"{n} event(s) left out: {reason}")
    if written.paths:
        info(f"wrote {int(written)} row(s) to {' and '.join(written.paths)}")
    return 0
