"""``eventwire network``: the top dyads by volume and by conflict."""
from __future__ import annotations

from ._common import info, shown_of
from .events import print_table, write_frame
from .ingest import add_db_option


def register(sub) -> None:
    p = sub.add_parser("network", help="top dyads by event volume and by conflict")
    add_db_option(p)
    p.add_argument("--limit", type=int, default=15, metavar="N",
                   help="the top N dyads of each ranking (default 15)")
    p.add_argument("--all", dest="limit", action="store_const", const=0,
                   help="every dyad")
    p.add_argument("--include-historical", action="store_true")
    p.add_argument("--format", default="table", choices=["table", "jsonl", "csv"])
    p.set_defaults(func=run)


def run(args) -> int:
    from ..analysis import network
    from ..store import Store

    with Store(args.db, read_only=True) as store:
        frames = {by: network(store, limit=args.limit or None, by=by,
                              include_historical=args.include_historical)
                  for by in ("volume", "conflict")}
    for by, df in frames.items():
        shown = shown_of(len(df), df.attrs.get("total"), f"dyad(s) by {by}")
        if shown:
            info(shown)
    if args.format == "table":
        def title(df, what):
            total = df.attrs.get("total", len(df))
            return f"{what}: {len(df)} of {total}" if len(df) < total else what
        print_table(frames["volume"], title=title(frames["volume"], "top dyads by volume"))
        print_table(frames["conflict"], title=title(frames["conflict"],
                                                   "top dyads by conflict (QuadClass 3-4)"))
    else:
        for by, df in frames.items():
            df.insert(0, "ranking", by)
            write_frame(df, args.format)
    return 0
