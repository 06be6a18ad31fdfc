"""Scale-out: the same coding code on a Dask cluster (issue 8).

    eventwire code --engine dask --scheduler tcp://host:8786 INPUTS... --out DIR
    eventwire ingest --from-parquet DIR --db events.duckdb

``plan_partitions`` cuts the inputs into partitions that a worker can read on its own:
groups of plain files (txt/html/feeds), byte ranges of JSONL files (cut at line
boundaries), and whole WARC files. Each partition is coded on a worker with
``eventwire.pipeline.code_documents`` (the pipeline is built once per worker process
— a worker plugin warms it up, and ``nlp.get_pipeline`` caches it) and written as two
Parquet files:

    DIR/events/part-00012.parquet      flattened records + ``record`` (full JSON)
    DIR/documents/part-00012.parquet   one row per document + ``document`` (full JSON)

Nothing is lost: ``record`` and ``document`` hold everything the single-process run
produces. Canonical event ids are *not* assigned on the workers: dedup needs all
mentions, so it runs after the merge (``load_parquet`` -> ``Store.finalize``, or
``read_parquet_records`` + ``dedup.assign_canonical_ids``).

Workers need the same Python environment (eventwire, spaCy model) and must be able to
read the input paths and write DIR (a shared file system or an fsspec-free NFS mount).
"""
from __future__ import annotations

import glob
import json
import os
import shutil
import tempfile
from dataclasses import asdict, dataclass, field
from typing import Iterable, Iterator

from .config import Settings

#: Approximate bytes of JSONL per partition.
JSONL_PARTITION_BYTES = 8 * 1024 * 1024
#: Plain files per partition.
FILES_PER_PARTITION = 64

_JSONL_EXT = (".jsonl", ".ndjson")
_WARC_EXT = (".warc", ".warc.gz", ".arc", ".arc.gz")


@dataclass
class Partition:
    """A unit of input a worker reads on its own."""

    index: int
    kind: str                      # "files" | "jsonl" | "warc"
    paths: list[str] = field(default_factory=list)
    start: int = 0                 # jsonl: byte range [start, end) of line starts
    end: int | None = None
    first_line: int = 1            # jsonl: line number of the first line of the range

    def describe(self) -> str:
        if self.kind == "jsonl":
            return f"{self.paths[0]}[{self.start}:{self.end}]"
        return ",".join(self.paths) if len(self.paths) < 3 else f"{self.paths[0]} +{len(self.paths) - 1}"


def _expand(inputs: Iterable[str]) -> list[str]:
    """Input paths -> files, walking directories the way ``read_inputs`` does."""
    try:
        from .ingest import walk
    except ImportError:      # pragma: no cover - older ingest
        def walk(d):
            return sorted(os.path.join(r, f) for r, _, fs in os.walk(d) for f in fs)
    files: list[str] = []
    for path in inputs:
        if path == "-":
            raise ValueError("--engine dask cannot read stdin; give files or directories")
        if os.path.isdir(path):
            files.extend(walk(path))
        else:
            files.append(path)
    return files


def _jsonl_ranges(path: str, size: int) -> list[tuple[int, int, int]]:
    """(start, end, first_line) byte ranges of about ``size`` bytes, cut at line starts.

    ``first_line`` (1-based) keeps the line numbers of the whole file, which name
    articles without an id (``path:line``) and errors.
    """
    ranges: list[tuple[int, int, int]] = []
    start, line_no, pos = 0, 1, 0
    lines_in_part = 0
    with open(path, "rb") as fh:
        for line in iter(lambda: fh.readline(1 << 20), b""):
            pos += len(line)
            if line.endswith(b"\n"):
                lines_in_part += 1
            if pos - start >= size and line.endswith(b"\n"):
                ranges.append((start, pos, line_no))
                start, line_no, lines_in_part = pos, line_no + lines_in_part, 0
    if pos > start or not ranges:
        ranges.append((start, pos, line_no))
    return ranges


def plan_partitions(inputs: Iterable[str], jsonl_bytes: int = JSONL_PARTITION_BYTES,
                    files_per_partition: int = FILES_PER_PARTITION) -> list[Partition]:
    """Cut the inputs into partitions (deterministic: same inputs, same plan)."""
    parts: list[Partition] = []
    plain: list[str] = []

    def flush():
        nonlocal plain
        if plain:
            parts.append(Partition(len(parts), "files", plain))
            plain = []

    for f in _expand(inputs):
        low = f.lower()
        if low.endswith(_JSONL_EXT) and os.path.isfile(f):
            flush()
            for s, e, first in _jsonl_ranges(f, jsonl_bytes):
                parts.append(Partition(len(parts), "jsonl", [f], s, e, first))
        elif low.endswith(_WARC_EXT):
            flush()
            parts.append(Partition(len(parts), "warc", [f]))
        else:
            plain.append(f)
            if len(plain) >= files_per_partition:
                flush()
    flush()
    return parts


# --------------------------------------------------------------------------------------
# Reading a partition (on the worker)
# --------------------------------------------------------------------------------------

def read_partition(part: Partition, published=None, on_error=None, neardup=None) -> Iterator:
    """Documents of one partition, read with the ordinary ingest readers (``neardup``:
    the near-duplicate index, as for ``read_inputs``)."""
    from .ingest import read_inputs

    extra = {"neardup": neardup} if neardup is not None else {}
    if part.kind != "jsonl":
        yield from read_inputs(part.paths, published=published, on_error=on_error, **extra)
        return
    # A JSONL byte range goes to the ordinary reader as a temporary file of the same
    # name. Blank lines in front (the reader skips them but counts them) keep the line
    # numbers of the whole file; the real path is put back in documents and errors.
    src = part.paths[0]
    tmpdir = tempfile.mkdtemp(prefix="eventwire-part-")
    tmp = os.path.join(tmpdir, os.path.basename(src))

    def fix(value):
        return src + value[len(tmp):] if isinstance(value, str) and value.startswith(tmp) else value

    def report(err):
        if on_error is None:
            return
        try:
            if getattr(err, "path", None):
                err.path = fix(err.path)
            err.args = tuple(a.replace(tmp, src) if isinstance(a, str) else a for a in err.args)
        except Exception:  # noqa: BLE001 - reporting must not fail
            pass
        on_error(err)

    try:
        with open(src, "rb") as fin, open(tmp, "wb") as fout:
            fout.write(b"\n" * max(0, part.first_line - 1))
            fin.seek(part.start)
            remaining = (part.end if part.end is not None else os.path.getsize(src)) - part.start
            while remaining > 0:
                block = fin.read(min(remaining, 1 << 20))
                if not block:
                    break
                fout.write(block)
                remaining -= len(block)
        for d in read_inputs([tmp], published=published, on_error=report, **extra):
            d.path = fix(d.path)
            d.notes = [n.replace(tmp, src) for n in d.notes]
            yield d
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)


# --------------------------------------------------------------------------------------
# Parquet partitions
# --------------------------------------------------------------------------------------

_INT_COLS = {"sentence_index", "span_start", "span_end", "quad_class", "location_geonameid"}
_FLOAT_COLS = {"goldstein", "confidence", "location_lat", "location_lon"}
_BOOL_COLS = {"negated", "historical"}
DOCUMENT_COLUMNS = ["doc_id", "path", "url", "title", "outlet", "published", "language",
                    "source_format", "duplicate_of", "n_events", "error", "document"]


def _event_schema():
    import pyarrow as pa
    from .records import flatten
    fields = []
    for col in flatten({}):
        typ = (pa.int64() if col in _INT_COLS else pa.float64() if col in _FLOAT_COLS
               else pa.bool_() if col in _BOOL_COLS else pa.string())
        fields.append(pa.field(col, typ))
    fields.append(pa.field("record", pa.string()))
    return pa.schema(fields)


def _document_schema():
    import pyarrow as pa
    return pa.schema([pa.field(c, pa.int64() if c == "n_events" else pa.string())
                      for c in DOCUMENT_COLUMNS])


def _cast(value, col):
    if value is None:
        return None
    try:
        if col in _INT_COLS:
            return int(value)
        if col in _FLOAT_COLS:
            return float(value)
        if col in _BOOL_COLS:
            return bool(value)
    except (TypeError, ValueError):
        return None
    if isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False)


def _public(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if not k.startswith("_")}


def event_rows(records: list[dict]) -> dict[str, list]:
    from .records import flatten
    schema = _event_schema()
    cols: dict[str, list] = {f.name: [] for f in schema}
    for rec in records:
        rec = _public(rec)
        flat = flatten(rec)
        for name in cols:
            if name == "record":
                cols[name].append(json.dumps(rec, ensure_ascii=False, sort_keys=False))
            else:
                cols[name].append(_cast(flat.get(name), name))
    return cols


def document_json(d) -> str:
    data = d.to_dict()
    sig = getattr(d, "signature", None)
    if sig is not None:
        data["signature"] = sig
    return json.dumps(data, ensure_ascii=False)


def write_partition(out_dir: str, index: int, coded_docs: list) -> dict:
    """Write one partition's events and documents; returns counts."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    records = [r for c in coded_docs for r in c.events]
    name = f"part-{index:05d}.parquet"
    for sub in ("events", "documents"):
        os.makedirs(os.path.join(out_dir, sub), exist_ok=True)
    ev_table = pa.table(event_rows(records), schema=_event_schema())
    docs = {c: [] for c in DOCUMENT_COLUMNS}
    for c in coded_docs:
        d = c.document
        for col, val in (("doc_id", d.doc_id), ("path", d.path), ("url", d.url),
                         ("title", d.title), ("outlet", d.outlet), ("published", d.published),
                         ("language", d.language), ("source_format", d.source_format),
                         ("duplicate_of", d.duplicate_of), ("n_events", len(c.events)),
                         ("error", c.error), ("document", document_json(d))):
            docs[col].append(val)
    doc_table = pa.table(docs, schema=_document_schema())
    # Write to a temporary name and rename: a retried task never leaves half a file.
    for sub, table in (("events", ev_table), ("documents", doc_table)):
        final = os.path.join(out_dir, sub, name)
        tmp = final + f".tmp-{os.getpid()}"
        pq.write_table(table, tmp)
        os.replace(tmp, final)
    return {"partition": index, "documents": len(coded_docs), "events": len(records),
            "errors": [f"{c.document.path}: {c.error}" for c in coded_docs if c.error]}


class _NoLinking:
    """A near-duplicate index that links nothing: the client decides across partitions
    (``link_partitions``) and the worker applies that decision."""

    def find(self, text_or_signature):
        return None

    def add(self, doc_id, text_or_signature):
        return text_or_signature


def scan_partition(part: Partition, published=None) -> list[tuple[str, list[int]]]:
    """(doc_id, MinHash signature) of the documents of a partition, in input order.
    Reading and cleaning only (no parse): cheap next to coding. Runs on a worker."""
    out = []
    for d in read_partition(part, published=published, on_error=lambda err: None,
                            neardup=_NoLinking()):
        out.append((d.doc_id, list(getattr(d, "signature", None) or [])))
    return out


def link_partitions(scans: list[list[tuple[str, list[int]]]], index=None) -> list[dict]:
    """Exact and near-duplicates across all partitions, decided in input order exactly as
    a single-process run decides them (``ingest.read_inputs``): a document already seen
    in an earlier partition is skipped; a near-copy of an earlier original gets
    ``duplicate_of``. ``index``: the near-duplicate index (default: the one
    ``eventwire code`` uses). Returns, per partition, {"skip": [...], "dup": {id: orig}}."""
    if index is None:
        index = WindowedNearDuplicateIndex()
    seen: set[str] = set()
    plan = []
    for docs in scans:
        skip, dup = set(), {}
        here: set[str] = set()
        for doc_id, sig in docs:
            if doc_id in seen and doc_id not in here:
                skip.add(doc_id)
                continue
            seen.add(doc_id)
            here.add(doc_id)
            if not sig:
                continue
            original = index.find(sig)
            if original is not None and original != doc_id:
                dup[doc_id] = original
            else:
                index.add(doc_id, sig)
        plan.append({"skip": sorted(skip), "dup": dup})
    return plan


def _apply_links(docs, links: dict) -> Iterator:
    skip, dup = set(links.get("skip") or ()), links.get("dup") or {}
    for d in docs:
        if d.doc_id in skip:
            continue
        if d.doc_id in dup:
            d.duplicate_of = dup[d.doc_id]
            d.notes.append(f"near-duplicate of {dup[d.doc_id]}")
        yield d


def code_partition(part: Partition, out_dir: str, settings: Settings | None = None,
                   published=None, links: dict | None = None) -> dict:
    """Read, code and write one partition (this runs on a worker). ``links`` (from
    ``link_partitions``): the exact and near-duplicates decided across partitions;
    without it, near-duplicates are linked inside the partition only."""
    from .pipeline import code_documents

    settings = Settings(**asdict(settings)) if settings is not None else Settings()
    settings.n_process = 1       # one process per worker task: Dask does the fan-out
    input_errors: list[str] = []
    docs = read_partition(part, published=published,
                          on_error=lambda err: input_errors.append(str(err)),
                          neardup=_NoLinking() if links is not None else None)
    if links is not None:
        docs = _apply_links(docs, links)
    coded = list(code_documents(docs, settings))
    stats = write_partition(out_dir, part.index, coded)
    stats["errors"] = input_errors + stats["errors"]
    stats["notes"] = [f"{c.document.path}: {n}" for c in coded for n in c.document.notes]
    return stats


# --------------------------------------------------------------------------------------
# Driving a cluster
# --------------------------------------------------------------------------------------

try:  # dask[distributed] is a dependency, but keep the module importable without it
    from distributed.diagnostics.plugin import WorkerPlugin as _WorkerPlugin
except ImportError:  # pragma: no cover
    _WorkerPlugin = object


class PipelineWarmup(_WorkerPlugin):
    """Builds the pipeline once when a worker starts (``nlp.get_pipeline`` caches it
    per process, so every task on that worker reuses it)."""

    name = "eventwire-pipeline"

    def __init__(self, settings_dict: dict):
        self.settings_dict = settings_dict

    def setup(self, worker):
        os.environ.setdefault("OMP_NUM_THREADS", "1")
        from .pipeline import ChunkCoder
        s = Settings(**self.settings_dict)
        s.n_process = 1
        ChunkCoder(s).warm_up()       # builds (and caches) the pipeline, loads its tables


def connect(scheduler: str | None = "local", n_workers: int | None = None):
    """A dask.distributed Client: ``local`` (a LocalCluster on this machine, one
    single-threaded process per core) or a scheduler address (tcp://host:8786)."""
    from distributed import Client, LocalCluster

    if scheduler in (None, "", "local"):
        cluster = LocalCluster(n_workers=n_workers or max(1, (os.cpu_count() or 2)),
                               threads_per_worker=1, processes=True,
                               dashboard_address=None)
        return Client(cluster)
    return Client(scheduler)


def close_client(client) -> None:
    """Close a client and, when it owns one, its LocalCluster (quietly)."""
    import logging
    cluster = getattr(client, "cluster", None)
    # Workers still heartbeating while the scheduler goes away log tracebacks: noise.
    logging.getLogger("distributed").setLevel(logging.CRITICAL)
    try:
        client.close()
        if cluster is not None:
            cluster.close()
    finally:
        logging.getLogger("distributed").setLevel(logging.WARNING)


def run_dask(inputs: list[str], out_dir: str, settings: Settings | None = None,
             client=None, scheduler: str | None = "local", published=None,
             jsonl_bytes: int = JSONL_PARTITION_BYTES,
             files_per_partition: int = FILES_PER_PARTITION, on_result=None,
             link_across_partitions: bool = True) -> list[dict]:
    """Code ``inputs`` on a Dask cluster into Parquet partitions under ``out_dir``.

    Two passes: the workers first read every partition for its documents' signatures
    (``scan_partition``, no parse), the client links exact and near-duplicates across
    partitions in input order (``link_partitions``), then the workers code their
    partitions with those links — so syndicated copies are linked (and not coded) as in
    a single-process run, wherever they fall. ``link_across_partitions=False`` skips
    the first pass (copies are then only linked inside a partition).

    Returns the per-partition stats (documents, events, errors) in partition order.
    """
    from distributed import as_completed

    settings = settings or Settings()
    parts = plan_partitions(inputs, jsonl_bytes, files_per_partition)
    out_dir = os.path.abspath(out_dir)
    os.makedirs(out_dir, exist_ok=True)
    for sub in ("events", "documents"):       # a fresh result: no stale partitions
        for old in glob.glob(os.path.join(out_dir, sub, "part-*.parquet")):
            os.remove(old)
    own = client is None
    if own:
        client = connect(scheduler)
    try:
        try:
            client.register_plugin(PipelineWarmup(asdict(settings)))
        except Exception:   # noqa: BLE001 - warm-up is an optimisation only
            pass
        plan = [None] * len(parts)
        if link_across_partitions and len(parts) > 1:
            scans = client.gather([client.submit(scan_partition, p, published, pure=False,
                                                 key=f"eventwire-scan-{p.index}-{os.getpid()}")
                                   for p in parts])
            plan = link_partitions(scans)
        futures = [client.submit(code_partition, p, out_dir, settings, published, plan[p.index],
                                 key=f"eventwire-partition-{p.index}-{os.getpid()}", pure=False)
                   for p in parts]
        results: dict[int, dict] = {}
        for fut in as_completed(futures):
            res = fut.result()
            results[res["partition"]] = res
            if on_result:
                on_result(res)
        return [results[i] for i in sorted(results)]
    finally:
        if own:
            close_client(client)


# --------------------------------------------------------------------------------------
# Reading the partitions back
# --------------------------------------------------------------------------------------

def _part_files(out_dir: str, sub: str) -> list[str]:
    return sorted(glob.glob(os.path.join(out_dir, sub, "part-*.parquet")))


def read_parquet_records(out_dir: str) -> Iterator[dict]:
    """Every record of a Parquet result, in partition order (full JSON)."""
    import pyarrow.parquet as pq
    for f in _part_files(out_dir, "events"):
        for rec in pq.read_table(f, columns=["record"]).column("record").to_pylist():
            yield json.loads(rec)


def read_parquet_coded(out_dir: str) -> Iterator:
    """CodedDocument per stored document row, with its records, in partition order."""
    import pyarrow.parquet as pq
    from .pipeline import CodedDocument
    from .records import Document

    ev_dir = os.path.join(out_dir, "events")
    doc_files = _part_files(out_dir, "documents")
    if not doc_files:
        raise FileNotFoundError(f"no Parquet partitions under {out_dir}/documents")
    for f in doc_files:
        by_doc: dict[str, list[dict]] = {}
        ev_file = os.path.join(ev_dir, os.path.basename(f))
        if os.path.exists(ev_file):
            for rec in pq.read_table(ev_file, columns=["doc_id", "record"]).column("record").to_pylist():
                r = json.loads(rec)
                by_doc.setdefault(r["doc_id"], []).append(r)
        table = pq.read_table(f, columns=["document", "error"])
        for doc_json, error in zip(table.column("document").to_pylist(),
                                   table.column("error").to_pylist()):
            data = json.loads(doc_json)
            sig = data.pop("signature", None)
            d = Document.from_dict(data)
            if sig is not None:
                d.signature = sig
            yield CodedDocument(d, by_doc.pop(d.doc_id, []), error)


def load_parquet(out_dir: str, store, on_stored=None) -> dict:
    """Load a Parquet result into a Store: ``add_coded`` per document, then dedup
    (``finalize``) once everything is merged. Documents that failed on the workers are
    not stored (a re-run retries them). Returns counts."""
    added = skipped = failed = 0
    for coded in read_parquet_coded(out_dir):
        if coded.error:
            failed += 1
        elif store.add_coded(coded):
            added += 1
        else:
            skipped += 1
        if on_stored:
            on_stored(coded)
    stats = store.finalize()
    return {"added": added, "skipped": skipped, "failed": failed, **stats}


def ingest_parquet_command(args) -> int:
    """``eventwire ingest --from-parquet DIR --db FILE`` (called by the ingest verb)."""
    from .cli._common import error_line, exit_status, info, progress
    from .errors import EventwireError
    from .store import Store

    try:
        store = Store(args.db, lock_timeout=getattr(args, "lock_timeout", 10.0))
    except EventwireError as exc:
        error_line(str(exc))
        return 1
    with store, progress("loading") as bar:
        try:
            stats = load_parquet(args.from_parquet, store, on_stored=lambda c: bar.advance())
        except FileNotFoundError as exc:
            error_line(str(exc))
            return 1
        total = store.summary()
    info(f"{stats['added']} new document(s), {stats['skipped']} already stored, "
         f"{stats['failed']} failed on the workers; {stats['events']} event(s) "
         f"re-deduplicated; database {args.db}: {total['documents']} documents, "
         f"{total['mentions']} mentions, {total['events']} events")
    return exit_status(stats["failed"])


# --------------------------------------------------------------------------------------
# Bounded memory for long streams
# --------------------------------------------------------------------------------------

try:
    from .ingest.neardup import NearDuplicateIndex as _NDI
except ImportError:  # pragma: no cover
    _NDI = object

#: Documents the windowed near-duplicate index remembers (EVENTWIRE_NEARDUP_WINDOW).
NEARDUP_WINDOW = int(os.environ.get("EVENTWIRE_NEARDUP_WINDOW", "20000"))


class WindowedNearDuplicateIndex(_NDI):
    """``NearDuplicateIndex`` over the last ``window`` originals, in fixed memory.

    The plain index keeps every signature and 64 LSH band dicts (about 23 kB per
    article: 2.3 GB for 100k articles). This one keeps the signatures and their band
    hashes in two preallocated numpy ring buffers (about 2.5 kB per slot) and finds
    candidates by comparing band hashes — the same LSH rule (a candidate shares at
    least one whole band) and the same confirmation (estimated Jaccard > threshold),
    earliest original first. A copy that arrives more than ``window`` originals after
    its original is not linked (its events are still merged by event dedup).
    """

    def __init__(self, threshold: float | None = None, window: int | None = None):
        import numpy as np
        from .ingest import neardup as nd
        super().__init__(nd.THRESHOLD if threshold is None else threshold)
        self._nd = nd
        self.window = max(1, int(window or NEARDUP_WINDOW))
        self._sig = np.zeros((self.window, nd.NUM_PERM), dtype=np.int64)
        self._band = np.zeros((self.window, nd.BANDS), dtype=np.int64)
        self._ids: list[str | None] = [None] * self.window
        self._pos: dict[str, int] = {}
        self._n = 0                      # originals added so far

    def __len__(self) -> int:
        return len(self._pos)

    def __contains__(self, doc_id: str) -> bool:
        return doc_id in self._pos

    def _band_hashes(self, sig):
        import numpy as np
        nd = self._nd
        arr = np.asarray(sig, dtype=np.int64).reshape(nd.BANDS, nd.ROWS)
        # A 64-bit mix of the ROWS values of each band (equal bands -> equal hashes).
        h = np.zeros(nd.BANDS, dtype=np.uint64)
        with np.errstate(over="ignore"):
            for r in range(nd.ROWS):
                h = (h * np.uint64(0x100000001B3)) ^ arr[:, r].astype(np.uint64)
        return np.asarray(sig, dtype=np.int64), h.view(np.int64)

    def add(self, doc_id, text_or_signature):
        sig = self._as_signature(text_or_signature)
        if doc_id in self._pos or all(v == self._nd._EMPTY for v in sig):
            return sig
        slot = self._n % self.window
        old = self._ids[slot]
        if old is not None:
            self._pos.pop(old, None)
        arr, bands = self._band_hashes(sig)
        self._sig[slot], self._band[slot] = arr, bands
        self._ids[slot] = doc_id
        self._pos[doc_id] = self._n
        self._n += 1
        return sig

    def find(self, text_or_signature):
        import numpy as np
        sig = self._as_signature(text_or_signature)
        n = min(self._n, self.window)
        if not n:
            return None
        arr, bands = self._band_hashes(sig)
        hits = np.flatnonzero((self._band[:n] == bands).any(axis=1))
        if not len(hits):
            return None
        sims = np.count_nonzero(self._sig[hits] == arr, axis=1) / self._nd.NUM_PERM
        # earliest original first (ring order), like the plain index's insertion order
        order = sorted(range(len(hits)), key=lambda i: (hits[i] - self._n) % self.window)
        best, best_sim = None, 0.0
        for i in order:
            if sims[i] > best_sim:
                best, best_sim = self._ids[hits[i]], float(sims[i])
        return best if best is not None and best_sim > self.threshold else None
