"""``eventwire contradictions``: two actors, opposite stances on the same thing."""
from __future__ import annotations

import json
import sys

from .ingest import add_db_option


def register(sub) -> None:
    p = sub.add_parser("contradictions", help="claims that contradict each other",
                       description="Pairs of claims: one actor endorses a named proposal "
                                   "another rejects (e.g. a 'freeze-for-freeze' plan), or one "
                                   "report asserts an event another says did not happen.")
    add_db_option(p)
    p.add_argument("--format", default="table", choices=["table", "jsonl"])
    p.set_defaults(func=run)


def run(args) -> int:
    from rich.console import Console
    from rich.table import Table

    from ..store import Store

    with Store(args.db, read_only=True) as store:
        found = store.contradictions()
    if args.format == "jsonl":
        for c in found:
            print(json.dumps(c, ensure_ascii=False))
        return 0
    table = Table(title=f"{len(found)} contradiction(s)", show_lines=True)
    for col in ("kind", "about", "for / asserted", "against / denied"):
        table.add_column(col, overflow="fold", max_width=50)
    for c in found:
        s, o = c["supporter"], c["opponent"]
        table.add_row(c["kind"], c["subject"],
                      f"[bold]{s['actor']}[/] ({s['cameo']}): {s['sentence']}",
                      f"[bold]{o['actor']}[/] ({o['cameo']}{', negated' if o['negated'] else ''}): "
                      f"{o['sentence']}")
    Console(width=None if sys.stdout.isatty() else 160).print(table)
    return 0
