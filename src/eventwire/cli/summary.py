"""``eventwire summary [--db FILE]``: what is in the database, as readable tables."""
from __future__ import annotations

from .ingest import add_db_option


def register(sub) -> None:
    p = sub.add_parser("summary", help="counts, top dyads and CAMEO roots of a database")
    add_db_option(p)
    p.add_argument("--format", default="table", choices=["table", "json"])
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="same as --format json")
    p.set_defaults(func=run)


ROOT_NAMES = {
    "01": "make public statement", "02": "appeal", "03": "express intent to cooperate",
    "04": "consult", "05": "diplomatic cooperation", "06": "material cooperation",
    "07": "provide aid", "08": "yield", "09": "investigate", "10": "demand",
    "11": "disapprove", "12": "reject", "13": "threaten", "14": "protest",
    "15": "exhibit force posture", "16": "reduce relations", "17": "coerce",
    "18": "assault", "19": "fight", "20": "unconventional mass violence",
}


def run(args) -> int:
    import json

    from rich.console import Console
    from rich.table import Table

    from ..store import Store

    with Store(args.db, read_only=True) as store:
        s = store.summary()
    if args.format == "json":
        print(json.dumps(s, indent=2))
        return 0
    console = Console()
    counts = Table(title=f"eventwire database {s['path']}", show_header=False)
    counts.add_column("what")
    counts.add_column("count", justify="right")
    for label, key in (("documents", "documents"), ("  near-duplicates linked", "duplicates"),
                       ("  without a publication date", "undated"),
                       ("event mentions", "mentions"), ("events (news, asserted)", "events"),
                       ("historical (background) events", "historical"),
                       ("negated events", "negated"), ("stories", "stories"),
                       ("actors", "actors")):
        counts.add_row(label, str(s.get(key, 0)))
    counts.add_row("event dates", f"{s['date_from'] or '-'} .. {s['date_to'] or '-'}")
    if s["pending"]:
        counts.add_row("mentions awaiting dedup", str(s["pending"]))
    console.print(counts)
    if s.get("undated"):
        console.print(f"[yellow]warning:[/yellow] {s['undated']} document(s) have no publication "
                      "date: their relative dates are unresolved and their undated events have "
                      "no date (give their inputs --published YYYY-MM-DD when you ingest them)")
    dyads = Table(title="top dyads (events)")
    for col in ("source", "target", "events", "mentions"):
        dyads.add_column(col, justify="right" if col in ("events", "mentions") else "left")
    for d in s["top_dyads"]:
        dyads.add_row(d["source"], d["target"], str(d["events"]), str(d["mentions"]))
    console.print(dyads)
    roots = Table(title="top CAMEO roots")
    for col in ("root", "meaning", "events"):
        roots.add_column(col, justify="right" if col == "events" else "left")
    for r in s["top_roots"]:
        roots.add_row(r["cameo_root"] or "-", ROOT_NAMES.get(r["cameo_root"] or "", ""),
                      str(r["events"]))
    console.print(roots)
    return 0
