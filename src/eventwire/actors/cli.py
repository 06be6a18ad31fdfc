"""``eventwire actors PATH... [--published DATE] [--format table|jsonl]``.

A debugging view for analysts: every actor mention the resolver finds, how it was
resolved (exact, alias, fuzzy, title, coreference, agent-noun, ...), and the named
entities it could not resolve (``actor_id: null``, ``resolved_by: null``) — the
candidates for a user dictionary (``--actors FILE``).
"""
from __future__ import annotations

import json
import sys

UNRESOLVED_LABELS = ("PERSON", "ORG", "GPE", "NORP")
CSV_COLUMNS = ["doc_id", "text", "span", "actor_id", "name", "code", "country", "agent",
               "resolved_by", "candidates", "ner"]


def register(sub) -> None:
    from ..cli._common import add_coding_options
    p = sub.add_parser("actors", help="list resolved actor mentions (debugging view)",
                       description=__doc__.split("\n\n")[1])
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--format", default="table", choices=["table", "jsonl", "csv"])
    add_coding_options(p)
    p.set_defaults(func=run)


def rows_for(doc) -> list[dict]:
    """Mention rows of a parsed Doc: resolved mentions plus unresolved entities."""
    rows = []
    for m in doc._.actors or []:
        rows.append({"doc_id": doc._.doc_id, "text": m["text"], "span": m["span"],
                     "actor_id": m["actor_id"], "name": m["name"], "code": m["code"],
                     "country": m["country"], "agent": m["agent"],
                     "resolved_by": m["resolved_by"],
                     **({"candidates": m["candidates"]} if m.get("candidates") else {})})
    for m in doc._.set_aside or []:
        rows.append({"doc_id": doc._.doc_id, "text": m["text"], "span": m["span"],
                     "actor_id": None, "name": m.get("name"), "code": None, "country": None,
                     "agent": None, "resolved_by": f"not an actor: {m['reason']}"})
    covered = [(m["span"][0], m["span"][1])
               for m in (doc._.actors or []) + (doc._.set_aside or [])]
    for ent in doc.ents:
        if ent.label_ in UNRESOLVED_LABELS and not any(
                a < ent.end_char and ent.start_char < b for a, b in covered):
            rows.append({"doc_id": doc._.doc_id, "text": ent.text,
                         "span": [ent.start_char, ent.end_char], "actor_id": None, "name": None,
                         "code": None, "country": None, "agent": None, "resolved_by": None,
                         "ner": ent.label_})
    rows.sort(key=lambda r: r["span"])
    return rows


def run(args) -> int:
    import spacy

    from ..cli._common import error_line, settings_from_args
    from ..ingest import read_inputs
    from ..nlp import make_doc, register_components

    settings = settings_from_args(args)
    register_components()
    nlp = spacy.load(settings.model)
    nlp.add_pipe("eventwire_actors", config={"extra_files": list(settings.actor_files)})
    failed = 0

    def on_error(err):
        nonlocal failed
        failed += 1
        error_line(str(err))

    out = sys.stdout
    writer = None
    for d in read_inputs(args.inputs, published=args.published, on_error=on_error):
        doc = nlp(make_doc(nlp, d.text[: settings.max_chars], published=d.published,
                           doc_id=d.doc_id, title=d.title))
        rows = rows_for(doc)
        if args.format == "jsonl":
            for r in rows:
                out.write(json.dumps(r, ensure_ascii=False) + "\n")
            continue
        if args.format == "csv":
            import csv
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore",
                                        lineterminator="\n")
                writer.writeheader()
            for r in rows:
                writer.writerow({**r, "span": json.dumps(r["span"]),
                                 "candidates": json.dumps(r.get("candidates") or [])})
            continue
        out.write(f"# {d.path or d.doc_id}  published={d.published}\n")
        for r in rows:
            out.write(f"{r['span'][0]:>6}  {r['text'][:40]:40}  {str(r['code'] or '-'):10}  "
                      f"{str(r['actor_id'] or '-'):34}  {r['resolved_by'] or 'UNRESOLVED'}\n")
    return 1 if failed else 0
