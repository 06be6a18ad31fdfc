"""``eventwire explain "SENTENCE" [--published DATE]``: why a sentence gives these events.

Shows the dependency parse, the actors found, every pattern tried (and why it did or did
not fire), and the final events — the tool for fixing a dictionary or a pattern file.

``eventwire explain --event ID [--db FILE]``: why the mentions of a stored canonical
event were merged into one event (each merge with every dedup criterion and its value).
"""
from __future__ import annotations

import json

from ._common import add_coding_options, error_line, settings_from_args


def register(sub) -> None:
    p = sub.add_parser("explain", help="show how a sentence is parsed and coded, pattern by pattern",
                       description="Explain the coding of a sentence (or text): parse, actors, "
                                   "patterns tried and why they fired or not, final events.")
    p.add_argument("text", nargs="*", help="the sentence (or '-' to read stdin)")
    p.add_argument("--event", metavar="ID", default=None,
                   help="explain why the mentions of this canonical event (in --db) were merged")
    p.add_argument("--format", default="table", choices=["table", "json"])
    p.add_argument("--json", dest="format", action="store_const", const="json",
                   help="same as --format json")
    from .ingest import add_db_option
    add_db_option(p)
    add_coding_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    import sys

    from ..errors import EventwireError
    from ..events.explain import explain

    if args.event:
        return run_event(args)
    text = " ".join(args.text)
    if text == "-":
        text = sys.stdin.read()
    if not text.strip():
        error_line("nothing to explain: give a sentence")
        return 2
    try:
        result = explain(text, published=getattr(args.published, "date", args.published),
                         settings=settings_from_args(args))
    except EventwireError as exc:
        error_line(str(exc))
        return 1
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2))
        return 0
    render(result)
    return 0


def resolved_by_text(a: dict) -> str:
    """How a mention was resolved; for coreference, the chain back to the named actor
    ("pronoun <- Sir John Smith (title)")."""
    how = a.get("resolved_by") or ""
    chain = a.get("chain") or []
    if chain:
        how += " <- " + " <- ".join(f"{c.get('text')} ({c.get('resolved_by')})" for c in chain)
    return how


def _actor(a) -> str:
    if not a:
        return "-"
    how = a.get("resolved_by")
    if isinstance(how, dict) and how.get("how", "").startswith("context:"):
        # an actor the document implies (events/context.py): the mention it comes from
        chain = " <- ".join(str(c.get("text")) for c in how.get("chain") or [])
        return f"{a.get('code') or '?'} ({how['how']} <- {chain})"
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
            for col in ("text", "code", "actor_id", "kind", "resolved by", "tokens"):
                at.add_column(col)
            for a in s["actors"]:
                at.add_row(a.get("text") or "", a.get("code") or "", a.get("actor_id") or "",
                           a.get("kind") or "", resolved_by_text(a), str(a.get("token_span")))
            con.print(at)
        else:
            con.print("[yellow]no actors[/yellow]")
        for a in s.get("set_aside") or []:
            con.print(f"[dim]not an actor:[/dim] {a.get('text')} ({a.get('reason')})", highlight=False)
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
        if s.get("model"):
            m = s["model"]
            tops = ", ".join(f"{t['name']} {t['p']:.2f}" for t in m["top"])
            roots = ", ".join(f"{t['root']} {t['p']:.2f}" for t in m.get("roots", []))
            con.print(f"[cyan]model:[/cyan] {tops}; roots {roots}", highlight=False)
    if "model_sees_events" in result:
        con.rule("hybrid model")
        for d in result.get("dropped_by_model", []):
            con.print(f"[yellow]dropped:[/yellow] {_actor(d['source'])} {d['cameo']} "
                      f"{_actor(d['target'])} ({d['pattern']}): the model gives its QuadClass "
                      f"p={d['confidence']:.2f}", highlight=False)
        seen = result["model_sees_events"]
        if not seen:
            con.print("[dim]no sentence where the model sees an event that no rule coded[/dim]")
        for s in seen:
            m = s["model"]
            con.print(f"[magenta]no rule fired, the model sees {m['top'][0]['name']} "
                      f"(p={m['p']:.2f}, root {m['roots'][0]['root'] if m.get('roots') else '?'})"
                      f":[/magenta] sentence {s['index']}: {s['text']}", highlight=False)


def explain_stored_event(store, event_id: str) -> dict | None:
    """The canonical event, its mentions and why they were merged (dedup.explain_event)."""
    from ..dedup import explain_event

    ev = store.event(event_id)
    if ev is None:
        return None
    mentions = ev.pop("mentions")
    return {"event": ev,
            "mentions": [{"event_id": m.get("event_id"), "doc_id": m.get("doc_id"),
                          "outlet": (m.get("doc") or {}).get("outlet"),
                          "path": (m.get("doc") or {}).get("path"),
                          "sentence_index": m.get("sentence_index"), "cameo": m.get("cameo"),
                          "source": (m.get("source") or {}).get("code"),
                          "target": (m.get("target") or {}).get("code"),
                          "date": m.get("date"), "date_precision": m.get("date_precision"),
                          "sentence": m.get("sentence")} for m in mentions],
            "merges": explain_event(mentions)}


def run_event(args) -> int:
    from ..errors import EventwireError
    from ..store import Store

    try:
        with Store(args.db, read_only=True) as store:
            result = explain_stored_event(store, args.event)
    except EventwireError as exc:
        error_line(str(exc))
        return 1
    if result is None:
        error_line(f"no canonical event {args.event} in {args.db}")
        return 1
    if args.format == "json":
        print(json.dumps(result, ensure_ascii=False, indent=2, default=str))
        return 0
    render_event(result)
    return 0


def render_event(result: dict) -> None:
    from rich.console import Console
    from rich.table import Table

    con = Console()
    ev = result["event"]
    con.rule(f"event {ev['canonical_event_id']}")
    con.print(f"{ev.get('source_code') or '-'} {ev.get('cameo')} {ev.get('target_code') or '-'} "
              f"on {ev.get('date')} ({ev.get('date_precision')}): {ev.get('num_mentions')} mention(s), "
              f"{ev.get('num_articles')} article(s), {ev.get('num_sources')} source(s)", highlight=False)
    mt = Table(title="mentions")
    for col in ("event_id", "outlet", "sent.", "code", "dyad", "date", "sentence"):
        mt.add_column(col, overflow="fold")
    for m in result["mentions"]:
        mt.add_row(m["event_id"], m.get("outlet") or m.get("path") or "", str(m["sentence_index"]),
                   m["cameo"] or "", f"{m['source'] or '-'} -> {m['target'] or '-'}",
                   f"{m['date']} {m['date_precision']}", m["sentence"] or "")
    con.print(mt)
    if not result["merges"]:
        con.print("[dim]one mention: nothing was merged[/dim]")
        return
    t = Table(title="why merged")
    for col in ("mention", "with", "across articles", "source", "target", "code", "dates",
                "shared key words (overlap / needed)"):
        t.add_column(col, overflow="fold")
    for l in result["merges"]:
        c = l["content"]
        need = f"{c['min_shared']} words, {c['min_overlap']:.2f}" if c["required"] else "not needed"
        t.add_row(l["mention"], l["merged_with"], "yes" if l["across_articles"] else "no",
                  l["source"], l["target"], l["code"], l["dates"],
                  f"{', '.join(c['shared']) or '-'} ({c['overlap']:.2f} / {need})")
    con.print(t)
