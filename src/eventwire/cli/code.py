"""``eventwire code PATH...``: code articles and print records of the contract.

``--engine local`` (default) codes in this process (``--n-process`` worker processes)
and writes records to stdout or ``--out``. ``--engine dask --scheduler ADDRESS|local
--out DIR`` codes partitions of the inputs on a Dask cluster and writes Parquet
partitions to DIR (load them with ``eventwire ingest --from-parquet DIR``); see
docs/scale.md.
"""
from __future__ import annotations

import json
import os
import tempfile

from ..ingest.base import NO_DATE_NOTE
from ._common import (add_coding_options, detail, error_line, exit_status, info, note, progress,
                      settings_from_args, undated_warning)


def register(sub) -> None:
    p = sub.add_parser("code", help="code articles into event records (stdout)",
                       description="Code articles (txt, html, jsonl, rss/atom, warc, dirs, '-') "
                                   "into event records of the eventwire contract.")
    p.add_argument("inputs", nargs="+", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--format", default="jsonl",
                   choices=["jsonl", "csv", "parquet", "gdelt", "gdelt-ext", "polecat"])
    p.add_argument("--out", "-o", default=None,
                   help="output file, prefix or directory/ (as for `eventwire export`; default "
                        "stdout; a directory for --engine dask)")
    p.add_argument("--header", action="store_true",
                   help="gdelt: a header row with the column names (GDELT's files have none)")
    p.add_argument("--per-mention", action="store_true",
                   help="jsonl/csv/parquet: one line per mention (each sentence stating an "
                        "event) instead of one record per real event per article with its "
                        "mentions (docs/records.md)")
    p.add_argument("--engine", choices=["local", "dask"], default="local",
                   help="local: this machine (default); dask: partitions on a Dask cluster, "
                        "Parquet partitions in --out DIR")
    p.add_argument("--scheduler", default="local", metavar="ADDRESS|local",
                   help="with --engine dask: scheduler address (tcp://host:8786) or 'local' "
                        "for a LocalCluster on this machine (default)")
    p.add_argument("--n-workers", type=int, default=None,
                   help="with --scheduler local: worker processes (default: CPU count)")
    p.add_argument("--partition-mb", type=float, default=None,
                   help="with --engine dask: MB of JSONL per partition (default 8)")
    add_coding_options(p)
    p.set_defaults(func=run)


def run(args) -> int:
    if getattr(args, "engine", "local") == "dask":
        return run_dask(args)
    from ..ingest import read_inputs
    from ..pipeline import code_documents
    from ..dedup import assign_canonical_ids, fold_records
    from ..export import write_records

    settings = settings_from_args(args)
    failed = []

    def _same_text(doc):  # an exact duplicate is coded once; say so instead of vanishing
        note(f"{doc.path}: the same text as document {doc.doc_id} read "
             "before (exact duplicate): coded once")

    def on_error(err):
        failed.append(err)
        error_line(str(err))

    from ..scale import WindowedNearDuplicateIndex

    spill = _Spill()
    undated = 0
    try:
        with progress("coding") as bar:
            # Near-duplicates are looked up among the last 20k originals (fixed memory).
            docs = read_inputs(args.inputs, published=args.published, on_error=on_error,
                               neardup=WindowedNearDuplicateIndex(), on_duplicate=_same_text)
            for coded in code_documents(docs, settings):
                for msg in coded.document.notes:
                    note(f"{coded.document.path}: {msg}")
                undated += coded.document.published is None
                detail(f"coded {coded.document.path}: {len(coded.events)} event mention(s)")
                if coded.error:
                    failed.append(coded.error)
                    error_line(f"{coded.document.path}: {coded.error}")
                spill.extend(coded.events)
                bar.advance()
        # All articles of one call are deduplicated together (contract).
        # Records: one per real event per article (folded), unless --per-mention.
        # gdelt/polecat rows are canonical events counted over every mention.
        per_mention = getattr(args, "per_mention", False)
        if args.format == "jsonl":
            records = spill.records_with_canonical_ids()
            write_records(records if per_mention else fold_records(records), args.format,
                          args.out)
        else:
            records = list(spill.records())
            assign_canonical_ids(records)
            if args.format in ("csv", "parquet") and not per_mention:
                records = list(fold_records(records))
            written = write_records(records, args.format, args.out, header=args.header)
            for reason, n in written.left_out.items():
                note(f"{n} event(s) left out: {reason}")
    finally:
        spill.close()
    undated_warning(undated)
    return exit_status(len(failed))


class _Spill:
    """Records of one call, kept on disk once there are many, so that a 100k-article
    run codes in bounded memory. Dedup then works block by block: only the dedup block
    keys (and per block, its records) are in memory at one time."""

    IN_MEMORY = 5_000

    def __init__(self):
        self.mem: list[dict] = []
        self.fh = None
        self.n = 0

    def extend(self, records):
        for rec in records:
            self.n += 1
            if self.fh is None and len(self.mem) < self.IN_MEMORY:
                self.mem.append(rec)
                continue
            if self.fh is None:
                self.fh = tempfile.TemporaryFile("w+", encoding="utf-8")
                for r in self.mem:
                    self._write(r)
                self.mem = []
            self._write(rec)

    def _write(self, rec):
        self.fh.write(json.dumps(rec, ensure_ascii=False) + "\n")

    def records(self):
        if self.fh is None:
            yield from self.mem
            return
        self.fh.flush()
        self.fh.seek(0)
        for line in self.fh:
            yield json.loads(line)

    def records_with_canonical_ids(self):
        from ..dedup import assign_canonical_ids
        if self.fh is None:
            assign_canonical_ids(self.mem)
            yield from self.mem
            return
        from ..dedup import block_key, canonical_id, cluster_block
        # Pass 1: line offsets per dedup block.
        blocks: dict[str, list[int]] = {}
        self.fh.flush()
        self.fh.seek(0)
        offsets = []
        while True:
            pos = self.fh.tell()
            line = self.fh.readline()
            if not line:
                break
            offsets.append(pos)
            blocks.setdefault(block_key(json.loads(line)), []).append(len(offsets) - 1)
        # Pass 2: cluster each block -> canonical id per record number.
        cid: dict[int, str] = {}
        for key in sorted(blocks):
            recs = []
            for i in blocks[key]:
                self.fh.seek(offsets[i])
                r = json.loads(self.fh.readline())
                r["_n"] = i
                recs.append(r)
            for mentions in cluster_block(recs):
                c = canonical_id(mentions)
                for m in mentions:
                    cid[m["_n"]] = c
        del blocks, offsets
        # Pass 3: the records in their original order, with their ids.
        self.fh.seek(0)
        for i, line in enumerate(self.fh):
            rec = json.loads(line)
            rec["canonical_event_id"] = cid.get(i)
            yield rec

    def close(self):
        if self.fh is not None:
            self.fh.close()
            self.fh = None


def run_dask(args) -> int:
    from ..scale import JSONL_PARTITION_BYTES, run_dask as _run

    if not args.out:
        error_line("--engine dask needs --out DIR (a directory for the Parquet partitions)")
        return 2
    if os.path.exists(args.out) and not os.path.isdir(args.out):
        error_line(f"--out {args.out} exists and is not a directory")
        return 2
    settings = settings_from_args(args)
    failed: list[str] = []
    totals = {"documents": 0, "events": 0}
    client = None
    if args.scheduler in (None, "", "local"):
        from ..scale import connect
        client = connect("local", n_workers=args.n_workers)

    undated = []
    with progress("partitions") as bar:
        def on_result(res):
            for msg in res.get("notes", []):
                note(msg)
                undated.extend([1] if NO_DATE_NOTE in msg else [])
            for err in res["errors"]:
                failed.append(err)
                error_line(err)
            totals["documents"] += res["documents"]
            totals["events"] += res["events"]
            bar.advance()

        jsonl_bytes = int(args.partition_mb * 1024 * 1024) if args.partition_mb \
            else JSONL_PARTITION_BYTES
        try:
            parts = _run(args.inputs, args.out, settings, client=client,
                         scheduler=args.scheduler, published=args.published,
                         jsonl_bytes=jsonl_bytes, on_result=on_result)
        except ValueError as exc:
            error_line(str(exc))
            return 2
        finally:
            if client is not None:
                from ..scale import close_client
                close_client(client)
    undated_warning(len(undated))
    info(f"{len(parts)} partition(s), {totals['documents']} document(s), "
         f"{totals['events']} event mention(s) -> {args.out} "
         f"(load with: eventwire ingest --from-parquet {args.out})")
    return exit_status(len(failed))
