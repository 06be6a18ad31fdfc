"""``eventwire code PATH...``: code articles and print records of the contract."""
from __future__ import annotations

import sys

from ._common import add_coding_options, error_line, exit_status, progress, settings_from_args


def register(sub) -> None:
    p = sub.add_parser("code", help="code articles into event records (stdout)",
                       description="Code articles (txt, html, jsonl, rss/atom, warc, dirs, '-') "
                                   "into event records of the eventwire contract.")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--format", default="jsonl",
                   choices=["jsonl", "csv", "parquet", "gdelt", "polecat"])
    p.add_argument("--out", "-o", default=None,
                   help="output file (default stdout; a directory for --engine dask)")
    add_coding_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    from ..ingest import read_inputs
    from ..pipeline import code_documents
    from ..dedup import assign_canonical_ids
    from ..export import write_records

    settings = settings_from_args(args)
    failed = []

    def on_error(err):
        failed.append(err)
        error_line(str(err))

    records = []
    with progress("coding") as bar:
        docs = read_inputs(args.inputs, published=args.published, on_error=on_error)
        for coded in code_documents(docs, settings):
            for note in coded.document.notes:
                print(f"eventwire: note: {coded.document.path}: {note}", file=sys.stderr)
            if coded.error:
                failed.append(coded.error)
                error_line(f"{coded.document.path}: {coded.error}")
            records.extend(coded.events)
            bar.advance()
    # All articles of one call are deduplicated together (contract).
    assign_canonical_ids(records)
    write_records(records, args.format, args.out)
    return exit_status(len(failed))
