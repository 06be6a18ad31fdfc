"""``eventwire ingest PATH... [--db FILE]``: code new articles into the DuckDB store.

Each document and its mentions go in one transaction, so a killed run leaves whole
documents only; re-running skips what is stored and finishes the job. The exit status
is the number of inputs that failed.
"""
from __future__ import annotations


from ._common import (add_coding_options, detail, error_line, exit_status, info, note, progress,
                      settings_from_args, undated_warning)

# Documents coded per batch (one process): large enough for spaCy's nlp.pipe to batch.
CHUNK = 8
POOL_CHUNK = 256  # documents per worker process and batch, with --n-process > 1


def add_db_option(p) -> None:
    p.add_argument("--db", default="eventwire.duckdb", metavar="FILE",
                   help="DuckDB database (default ./eventwire.duckdb)")


def register(sub) -> None:
    p = sub.add_parser("ingest", help="code articles and store them in a DuckDB database",
                       description="Read articles (txt, html, jsonl, rss/atom, warc, dirs, '-'), "
                                   "code the new ones, store documents + event mentions, and "
                                   "deduplicate mentions into canonical events.")
    p.add_argument("inputs", nargs="*", metavar="PATH", help="files, directories, or - for stdin")
    p.add_argument("--from-parquet", metavar="DIR", default=None,
                   help="load Parquet partitions written by `eventwire code --engine dask`")
    add_db_option(p)
    p.add_argument("--lock-timeout", type=float, default=10.0, metavar="SECONDS",
                   help="wait this long for another writer to finish (default 10)")
    add_coding_options(p)
    p.set_defaults(func=run)


def _chunks(items, n):
    batch = []
    for it in items:
        batch.append(it)
        if len(batch) >= n:
            yield batch
            batch = []
    if batch:
        yield batch


def _code(docs, settings, nlp, failed):
    """Code a batch, yielding each document as soon as it is coded (the caller stores it
    at once). If the batch fails part way, the rest is coded one by one so only the bad
    document fails."""
    from ..pipeline import code_documents

    done = 0
    try:
        for coded in code_documents(docs, settings, nlp=nlp):
            done += 1
            yield coded
        return
    except Exception:  # noqa: BLE001 - isolate the culprit below
        pass
    for d in docs[done:]:
        try:
            yield from code_documents([d], settings, nlp=nlp)
        except Exception as exc:  # noqa: BLE001 - one bad document must not stop the batch
            failed.append(d.path)
            error_line(f"{d.path}: coding failed: {exc.__class__.__name__}: {exc}")


def _neardup_seed(store) -> dict:
    """Seed near-duplicate linking with the stored originals, so a syndicated copy read in
    a later run is still linked to its original."""
    try:
        from ..ingest import NearDuplicateIndex
    except ImportError:
        return {}
    index = NearDuplicateIndex()
    for doc_id, sig in store.signatures():
        try:
            index.add(doc_id, sig)
        except ValueError:  # a signature of another version: not comparable, skip
            pass
    return {"neardup": index}


def run(args) -> int:
    from ..errors import EventwireError
    from ..ingest import read_inputs
    from ..store import StorageFailure, Store

    if getattr(args, "from_parquet", None):
        from ..scale import ingest_parquet_command
        return ingest_parquet_command(args)
    if not args.inputs:
        error_line("give input PATHs (or --from-parquet DIR)")
        return 2
    settings = settings_from_args(args)
    failed: list = []

    def on_error(err):
        failed.append(err)
        error_line(str(err))

    try:
        store = Store(args.db, lock_timeout=args.lock_timeout)
    except EventwireError as exc:
        error_line(str(exc))
        return exit_status(max(1, len(args.inputs)))
    added = skipped = linked = undated = 0
    copies: list = []  # exact duplicates read in this run: linked once their text is stored
    nlp = None
    with store, progress("ingesting") as bar:
        docs = read_inputs(args.inputs, published=args.published, on_error=on_error,
                           on_duplicate=copies.append, **_neardup_seed(store))

        def new_docs():
            nonlocal skipped, linked
            for d in docs:
                if store.has_document(d.doc_id):  # idempotent: stored ones are not re-coded
                    skipped += 1
                    linked += store.add_source(d)  # ... but a new outlet/URL of it is kept
                    bar.advance()
                    continue
                yield d

        # With worker processes each batch starts a pool: batches are large enough for
        # the start-up to vanish (documents are still stored one by one as they come).
        from ..pipeline import planned_processes
        n_proc = planned_processes(settings)
        size = CHUNK if n_proc <= 1 else POOL_CHUNK * n_proc
        for batch in _chunks(new_docs(), size):
            if nlp is None:
                from ..nlp import get_pipeline
                nlp = get_pipeline(settings)
            for coded in _code(batch, settings, nlp, failed):
                for msg in coded.document.notes:
                    note(f"{coded.document.path}: {msg}")
                undated += coded.document.published is None
                if coded.error:
                    # Not stored, so a re-run retries it.
                    failed.append(coded.document.path)
                    error_line(f"{coded.document.path}: {coded.error}")
                else:
                    try:
                        stored = store.add_coded(coded)
                        added += stored
                        detail(f"{'stored' if stored else 'already stored'} "
                               f"{coded.document.path}: {len(coded.events)} event mention(s)")
                    except StorageFailure as exc:  # disk full, damaged file: stop here
                        error_line(str(exc))
                        return exit_status(len(failed) + 1)
                    except Exception as exc:  # noqa: BLE001 - rolled back; the batch goes on
                        failed.append(coded.document.path)
                        error_line(f"{coded.document.path}: not stored: "
                                   f"{exc.__class__.__name__}: {str(exc).splitlines()[0]}")
                bar.advance()
        for d in copies:  # exact duplicates of texts read in this run
            if store.has_document(d.doc_id):
                linked += store.add_source(d)
        stats = store.finalize()
        total = store.summary()
    info(f"{added} new document(s), {skipped} already stored, {linked} duplicate "
         f"source(s) linked, {stats['events']} event(s) re-deduplicated in "
         f"{stats['blocks']} block(s); database {args.db}: {total['documents']} documents, "
         f"{total['mentions']} mentions, {total['events']} events"
         + (f", {total['undated']} document(s) without a publication date" if total.get("undated")
            else ""))
    undated_warning(undated)
    return exit_status(len(failed))
