"""``eventwire events``: canonical events from the database, filtered."""
from __future__ import annotations

import sys

from ._common import info, iso_date, shown_of
from .ingest import add_db_option

# Rows a table shows unless --limit/--all say otherwise (csv/jsonl write every row).
TABLE_ROWS = 50

DEFAULT_COLUMNS = ["date", "source_code", "target_code", "cameo", "quad_class", "goldstein",
                   "num_mentions", "num_sources", "sentence"]


def register(sub) -> None:
    p = sub.add_parser("events", help="list canonical events with filters",
                       description="List canonical events (newest first). Negated and "
                                   "historical events are left out unless asked for.")
    add_db_option(p)
    p.add_argument("--actor", help="either side: country (CHN), code prefix (CHNGOV) or actor id")
    p.add_argument("--dyad", nargs=2, metavar=("A", "B"), help="source A, target B")
    p.add_argument("--country", help="either side or the event's place")
    p.add_argument("--cameo", help="CAMEO code or prefix (042, 04)")
    p.add_argument("--root", help="CAMEO root (two digits)")
    p.add_argument("--quad", type=int, choices=[1, 2, 3, 4], help="QuadClass")
    p.add_argument("--from", dest="date_from", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--to", dest="date_to", type=iso_date, metavar="YYYY-MM-DD")
    p.add_argument("--include-historical", action="store_true")
    p.add_argument("--include-negated", action="store_true")
    p.add_argument("--q", help="text search in the sentences and headlines")
    add_limit_options(p, "events")
    p.add_argument("--format", default="table", choices=["table", "jsonl", "csv"])
    p.set_defaults(func=run)


def add_limit_options(p, what: str) -> None:
    p.add_argument("--limit", type=int, default=None, metavar="N",
                   help=f"at most N {what} (default: {TABLE_ROWS} in a table, all in csv/jsonl)")
    p.add_argument("--all", dest="limit", action="store_const", const=0,
                   help=f"every {what.rstrip('s')}, also in a table")


def limit_for(args) -> int | None:
    """--limit N, --all (0: every row), or the default: a screenful for tables, all else."""
    if args.limit is None:
        return TABLE_ROWS if args.format == "table" else None
    if args.limit < 0:
        raise SystemExit("eventwire: error: --limit must be 0 (all) or more")
    return args.limit or None


def say_hints(store, *codes) -> None:
    """No rows: say so when a code names no actor of the store (a typo, a country code)."""
    for code in codes:
        hint = store.actor_hint(code) if code else None
        if hint:
            info(hint)


def print_table(df, title: str | None = None, columns: list[str] | None = None,
                max_width: int = 60) -> None:
    """A DataFrame as a rich table on stdout."""
    from rich.console import Console
    from rich.table import Table

    cols = [c for c in (columns or list(df.columns)) if c in df.columns]
    table = Table(title=title)
    for c in cols:
        numeric = str(df[c].dtype).startswith(("int", "float", "Int", "Float"))
        table.add_column(c, justify="right" if numeric else "left", overflow="fold",
                         max_width=max_width)
    for row in df[cols].itertuples(index=False):
        table.add_row(*["" if _missing(v) else _fmt(v) for v in row])
    # Piped output is not cut to 80 columns: a wide console keeps rows greppable.
    Console(width=None if sys.stdout.isatty() else 200).print(table)


def _missing(v) -> bool:
    try:
        return v is None or v != v
    except (TypeError, ValueError):
        return False


def _fmt(v) -> str:
    if hasattr(v, "strftime"):
        return v.strftime("%Y-%m-%d")
    if isinstance(v, float):
        return f"{v:g}"
    return str(v)


def date_at_precision(date, precision) -> str | None:
    """'2017-11' for a month-precision date, '2017' for a year, else the day."""
    if _missing(date):
        return None
    day = _fmt(date)[:10]
    return {"month": day[:7], "year": day[:4]}.get(precision, day)


def write_frame(df, fmt: str) -> None:
    """jsonl/csv of a DataFrame on stdout (dates as ISO strings)."""
    if fmt == "csv":
        df.to_csv(sys.stdout, index=False)
    else:
        text = df.to_json(orient="records", lines=True, date_format="iso") if len(df) else ""
        sys.stdout.write(text if not text or text.endswith("\n") else text + "\n")


def run(args) -> int:
    from ..store import Store

    with Store(args.db, read_only=True) as store:
        df = store.events(actor=args.actor, dyad=tuple(args.dyad) if args.dyad else None,
                          country=args.country, cameo=args.cameo, cameo_root=args.root,
                          quad_class=args.quad, date_from=args.date_from,
                          date_to=args.date_to, include_historical=args.include_historical,
                          include_negated=args.include_negated, q=args.q,
                          limit=limit_for(args))
        if not len(df):
            say_hints(store, args.actor, *(args.dyad or ()))
    total = df.attrs.get("total", len(df))
    shown = shown_of(len(df), total, "event(s)")
    if shown:  # on stderr: stdout stays data
        info(shown)
    if args.format == "table":
        if len(df) and "date_precision" in df:  # a month is shown as a month, not its 1st day
            df = df.copy()
            df["date"] = [date_at_precision(d, p) for d, p in zip(df["date"], df["date_precision"])]
        title = f"{len(df)} of {total} event(s)" if len(df) < total else f"{total} event(s)"
        print_table(df, title=title, columns=DEFAULT_COLUMNS)
    else:
        for c in ("date", "first_published"):
            if c in df:
                df[c] = df[c].astype(str).replace({"NaT": None, "None": None})
        write_frame(df, args.format)
    return 0
