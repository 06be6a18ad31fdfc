"""``eventwire dyad A B --by week [--chart out.png]``: how two actors relate over time."""
from __future__ import annotations


from ._common import error_line, info
from .events import print_table, write_frame
from .ingest import add_db_option


def register(sub) -> None:
    p = sub.add_parser("dyad", help="time series of events between two actors",
                       description="Events between A and B per period: counts per QuadClass, "
                                   "Goldstein sum/mean, mentions. A/B: country (CHN), actor "
                                   "code (CHNGOV) or actor id (person:...). Both directions "
                                   "unless --directed.")
    p.add_argument("a")
    p.add_argument("b")
    add_db_option(p)
    p.add_argument("--by", default="week", choices=["day", "week", "month"])
    p.add_argument("--directed", action="store_true", help="only A -> B")
    p.add_argument("--include-historical", action="store_true")
    p.add_argument("--chart", metavar="FILE.png|FILE.svg", help="also draw a chart")
    p.add_argument("--format", default="table", choices=["table", "jsonl", "csv"])
    p.set_defaults(func=run)


def run(args) -> int:
    from ..analysis import dyad_chart
    from ..store import Store

    if args.chart and not args.chart.lower().endswith((".png", ".svg")):
        error_line(f"--chart must end in .png or .svg: {args.chart}")
        return 1
    with Store(args.db, read_only=True) as store:
        df = store.dyad_series(args.a, args.b, by=args.by, directed=args.directed,
                               include_historical=args.include_historical)
        if not len(df):
            from .events import say_hints
            say_hints(store, args.a, args.b)
    arrow = "->" if args.directed else "<->"
    if args.format == "table":
        print_table(df, title=f"{args.a.upper()} {arrow} {args.b.upper()} per {args.by}")
    else:
        write_frame(df, args.format)
    if args.chart:
        dyad_chart(df, args.a.upper(), args.b.upper(), args.chart, by=args.by)
        info(f"chart written to {args.chart}")
    return 0
