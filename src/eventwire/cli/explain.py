"""``eventwire explain "SENTENCE" [--published DATE]``: why a sentence gives these events.

Shows the dependency parse, the actors found, every pattern tried (and why it did or did
not fire), and the final events — the tool for fixing a dictionary or a pattern file.
"""
from __future__ import annotations

import json

from ._common import add_coding_options, error_line, settings_from_args


def register(sub) -> None:
    p = sub.add_parser("explain", help="show how a sentence is parsed and coded, pattern by pattern",
                       description="Explain the coding of a sentence (or text): parse, actors, "
                                   "patterns tried and why they fired or not, final events.")
    p.add_argument("text", nargs="+", help="the sentence (or '-' to read stdin)")
    p.add_argument("--json", action="store_true", help="print the explanation as JSON")
    add_coding_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from ..errors import EventwireError
    from ..events.explain import explain

    text = " ".join(args.text)
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        error_line("nothing to explain: give a sentence")
        return 2
    try:
        result = explain(text, published=args.published, settings=settings_from_args(args))
    except EventwireError as exc:
        error_line(str(exc))
        return 1
    if args.json:
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    render(result)
    return 0


def _actor(a) -> str:
    if not a:
        return "-"
    return f"{a.get('code') or '?'} ({a.get('text')})"


def render(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    for s in result["sentences"]:
        con.rule(f"sentence {s['index']}")
        con.print(s["text"], highlight=False)
        parse = Table(title="parse", show_lines=False)
        for col in ("i", "token", "lemma", "pos", "dep", "head"):
            parse.add_column(col)
        for t in s["tokens"]:
            parse.add_row(str(t["i"]), t["text"], t["lemma"], t["pos"], t["dep"],
                          f"{t['head']} {t['head_text']}")
        con.print(parse)
        if s["actors"]:
            at = Table(title="actors")
            for col in ("text", "code", "actor_id", "kind", "tokens"):
                at.add_column(col)
            for a in s["actors"]:
                at.add_row(a.get("text") or "", a.get("code") or "", a.get("actor_id") or "",
                           a.get("kind") or "", str(a.get("token_span")))
            con.print(at)
        else:
            con.print("[yellow]no actors[/yellow]")
        if s["skipped"]:
            con.print(f"[yellow]skipped:[/yellow] {s['skipped']}")
        tries = s["tries"]
        if tries:
            tt = Table(title="patterns tried")
            for col in ("word", "pattern", "cameo", "fired", "why"):
                tt.add_column(col)
            for tr in tries:
                why = tr["reason"]
                if tr["fired"]:
                    extra = [f"modality={tr.get('modality')}"]
                    if tr.get("negated_by"):
                        extra.append(f"negated by '{tr['negated_by']}'")
                    if tr.get("attribution"):
                        extra.append(f"said by {tr['attribution'].get('speaker')}")
                    why = ", ".join(extra)
                tt.add_row(tr["token"], tr["pattern"], tr["cameo"],
                           "[green]yes[/green]" if tr["fired"] else "[red]no[/red]", why)
            con.print(tt)
        if s["events"]:
            et = Table(title="events")
            for col in ("source", "cameo", "target", "negated", "modality", "pattern", "conf"):
                et.add_column(col)
            for e in s["events"]:
                et.add_row(_actor(e["source"]), f"{e['cameo']} {e.get('plover') and e['plover'].get('event_type') or ''}",
                           _actor(e["target"]), str(e["negated"]), e["modality"], e["pattern"],
                           f"{e['confidence']:.2f}")
            con.print(et)
        else:
            con.print("[dim]no events[/dim]")
