"""Downloads of a list endpoint: every matching row, streamed, as CSV, Parquet or JSON lines.

``?format=csv|parquet|jsonl`` picks the format; without it, ``Accept: text/csv``
(``application/vnd.apache.parquet``, ``application/x-ndjson``) does, and JSON is the
default. A download is never cut at a page size: ``X-Total-Count`` says how many rows
it holds, and the body has exactly that many (one header line more for CSV).

Rows arrive as Arrow record batches (DuckDB streams them from one query), so memory
stays flat however large the answer: CSV and JSON lines are written batch by batch, and
Parquet gets one row group per batch.
"""
from __future__ import annotations

import io
import json
from typing import Callable, Iterable, Iterator

from fastapi.responses import StreamingResponse

from . import convert

FORMATS = ("json", "csv", "parquet", "jsonl")
MEDIA = {"csv": "text/csv; charset=utf-8", "jsonl": "application/x-ndjson",
         "parquet": "application/vnd.apache.parquet"}
_ACCEPT = {"text/csv": "csv", "application/csv": "csv",
           "application/x-ndjson": "jsonl", "application/jsonl": "jsonl",
           "application/jsonlines": "jsonl", "application/x-jsonlines": "jsonl",
           "application/vnd.apache.parquet": "parquet", "application/x-parquet": "parquet",
           "application/parquet": "parquet", "application/json": "json"}
BATCH_ROWS = 2_000
FORMAT_DESCRIPTION = ("json (a page; the default), or a download of every matching row: "
                      "csv, parquet or jsonl (also chosen by the Accept header)")


def negotiate(fmt: str | None, accept: str | None) -> str:
    """The answer's format: ``format=`` first, then the best supported Accept type."""
    if fmt:
        return fmt
    best, best_q = "json", -1.0
    for i, part in enumerate((accept or "").split(",")):
        media, *opts = [p.strip() for p in part.split(";")]
        q = 1.0
        for o in opts:
            if o.startswith("q="):
                try:
                    q = float(o[2:])
                except ValueError:
                    q = 0.0
        kind = _ACCEPT.get(media.lower())
        # earlier wins among equals; */* and unknown types mean JSON
        if kind and q > best_q and q > 0:
            best, best_q = kind, q
    return best


def _batches(source) -> Iterator:
    """Record batches from a RecordBatchReader, a Table, a DataFrame or a list of them."""
    import pyarrow as pa

    if isinstance(source, pa.RecordBatchReader):
        yield from with_schema(source)
    elif isinstance(source, pa.Table):
        yield from source.to_batches(max_chunksize=BATCH_ROWS) or \
            [pa.RecordBatch.from_pylist([], schema=source.schema)]
    elif isinstance(source, pa.RecordBatch):
        yield source
    elif hasattr(source, "to_dict"):  # a pandas DataFrame (small lists)
        yield from _batches(pa.Table.from_pandas(source, preserve_index=False))
    else:
        for part in source:
            yield from _batches(part)


def with_schema(reader) -> Iterator:
    """The batches of a reader, or one empty batch when it has none: an empty download
    still has its CSV header and a readable Parquet schema."""
    import pyarrow as pa

    empty = True
    for batch in reader:
        empty = False
        yield batch
    if empty:
        yield pa.RecordBatch.from_pylist([], schema=reader.schema)


def _plain(rows: list[dict]) -> list[dict]:
    return [convert.jsonable({k: convert._maybe_json(k, v) for k, v in r.items()}) for r in rows]


def _csv_safe(batch):
    """Arrow's CSV writer takes flat columns only: nested values become JSON text."""
    import pyarrow as pa

    cols, changed = [], False
    for col in batch.columns:
        t = col.type
        if pa.types.is_list(t) or pa.types.is_struct(t) or pa.types.is_map(t) \
                or pa.types.is_large_list(t):
            cols.append(pa.array([None if v is None else json.dumps(v, default=str)
                                  for v in col.to_pylist()], pa.string()))
            changed = True
        else:
            cols.append(col)
    return pa.RecordBatch.from_arrays(cols, names=batch.schema.names) if changed else batch


def encode(source, fmt: str, records: Callable[[list[dict]], list[dict]] | None = None
           ) -> Iterator[bytes]:
    """The bytes of a download, piece by piece. ``records`` turns a batch of rows into
    JSON objects for jsonl (default: the rows as they are, JSON-ready)."""
    import pyarrow as pa

    to_records = records or _plain
    if fmt == "jsonl":
        for batch in _batches(source):
            lines = [json.dumps(r, ensure_ascii=False) for r in to_records(batch.to_pylist())]
            if lines:
                yield ("\n".join(lines) + "\n").encode("utf-8")
        return
    if fmt == "csv":
        import pyarrow.csv as pacsv
        first = True
        for batch in _batches(source):
            buf = io.BytesIO()
            batch = _csv_safe(batch)
            pacsv.write_csv(batch, buf, write_options=pacsv.WriteOptions(include_header=first))
            first = False
            yield buf.getvalue()
        return
    if fmt == "parquet":
        import pyarrow.parquet as pq
        sink = io.BytesIO()
        writer = None
        for batch in _batches(source):
            if writer is None:
                writer = pq.ParquetWriter(sink, batch.schema, compression="zstd")
            writer.write_table(pa.Table.from_batches([batch]))
            if sink.tell():
                yield sink.getvalue()
                sink.seek(0)
                sink.truncate()
        if writer is None:
            raise ValueError("a Parquet file needs a schema: no batch was given")
        writer.close()
        yield sink.getvalue()
        return
    raise ValueError(f"not a download format: {fmt!r}")


def response(source, fmt: str, name: str, total: int | None,
             records: Callable[[list[dict]], list[dict]] | None = None,
             cleanup: Callable[[], None] | None = None) -> StreamingResponse:
    """A streamed download. ``source`` may be a generator (run lazily, in a worker thread,
    while the body is sent); ``cleanup`` runs when the body is done or the client left."""
    def body() -> Iterable[bytes]:
        try:
            yield from encode(source, fmt, records)
        finally:
            if cleanup:
                cleanup()

    headers = {"Content-Disposition": f'attachment; filename="{name}.{fmt}"'}
    if total is not None:
        headers["X-Total-Count"] = str(int(total))
    return StreamingResponse(body(), media_type=MEDIA[fmt], headers=headers)
