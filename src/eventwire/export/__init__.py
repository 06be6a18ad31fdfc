"""Writers for ``--format jsonl|csv|parquet|gdelt|gdelt-ext|polecat``.

- jsonl: one contract record per line; csv/parquet: the same, flattened (records.flatten;
  parquet typed: integers, floats, booleans, dates as dates).
- gdelt: GDELT 2.0 Events (one row per canonical event) and Mentions files as GDELT
  publishes them: tab-separated, no header, no quoting (``header=True`` adds one).
  gdelt-ext adds our columns after GDELT's 61 (eventwire.export.gdelt).
- polecat: POLECAT's columns with PLOVER values, one row per canonical event that has a
  PLOVER type (eventwire.export.polecat).

``--out`` may be stdout, a file, a file prefix or a directory (``output_paths``).
``write_records`` works on in-memory records (``eventwire code``); ``export_store`` on a
database (``eventwire export``). Both return ``Written``: the rows written (an int), the
files, and the rows a format had to leave out.
"""
from __future__ import annotations

import csv
import json
from typing import Iterable, Iterator

from ..records import flatten
from .files import MENTIONS_SUFFIX, SUFFIXES, Outputs, Written, mentions_path, open_out, output_paths
from .gdelt import (GDELT_EVENT_COLUMNS, GDELT_EXTENDED_COLUMNS, GDELT_MENTION_COLUMNS,
                    gdelt_event_row, gdelt_id, gdelt_mention_row, write_gdelt)
from .polecat import (POLECAT_COLUMNS, POLECAT_COLUMNS_PUBLISHED, POLECAT_EXTRA_COLUMNS,
                      polecat_row, write_polecat)

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "gdelt-ext", "polecat")


def _public(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if not str(k).startswith("_")}


# ------------------------------------------------------------------ record writers

def write_jsonl(records: Iterable[dict], out) -> Written:
    n = 0
    with open_out(out) as fh:
        for rec in records:
            fh.write(json.dumps(_public(rec), ensure_ascii=False, default=str) + "\n")
            n += 1
    return Written(n, paths=[out])


def write_csv(records: Iterable[dict], out) -> Written:
    n = 0
    with open_out(out) as fh:
        w = None
        for rec in records:
            flat = flatten(rec)
            flat.update({k: v for k, v in _public(rec).items() if k not in flat and k not in
                         ("source", "target", "doc", "plover", "verb", "attribution", "location", "span")})
            if w is None:
                w = csv.DictWriter(fh, fieldnames=list(flat), lineterminator="\n", extrasaction="ignore")
                w.writeheader()
            w.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in flat.items()})
            n += 1
        if w is None:  # no records: still a header, so readers see the columns
            from ..records import empty_event
            csv.writer(fh, lineterminator="\n").writerow(list(flatten(empty_event())))
    return Written(n, paths=[out])


PARQUET_INTS = ("sentence_index", "span_start", "span_end", "quad_class", "location_geonameid")
PARQUET_FLOATS = ("goldstein", "confidence", "location_lat", "location_lon")
PARQUET_BOOLS = ("negated", "historical")
PARQUET_DATES = ("date", "doc_published")


def write_parquet(records: Iterable[dict], out) -> Written:
    """Flat records with typed columns: Int64, float64, boolean, and dates as date32
    (``date_precision`` says when a date stands for its month or year)."""
    import pandas as pd

    from ..records import empty_event

    rows, columns = [], list(flatten(empty_event()))
    for r in records:
        row = flatten(r)
        if "mentions" in r:  # a folded record: its mentions as JSON (csv writes the same)
            row["num_mentions"] = r.get("num_mentions")
            row["mentions"] = json.dumps(r["mentions"], ensure_ascii=False, default=str)
        rows.append(row)
    if any("mentions" in row for row in rows):
        columns += ["num_mentions", "mentions"]
    df = pd.DataFrame(rows, columns=columns)
    if "num_mentions" in df:
        df["num_mentions"] = pd.to_numeric(df["num_mentions"], errors="coerce").astype("Int64")
    for c in PARQUET_INTS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    for c in PARQUET_FLOATS:
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in PARQUET_BOOLS:
        df[c] = df[c].astype("boolean")
    for c in PARQUET_DATES:
        df[c] = pd.to_datetime(df[c].astype("string").str.slice(0, 10), format="%Y-%m-%d",
                               errors="coerce").astype("date32[pyarrow]")
    with open_out(out, binary=True) as fh:
        df.to_parquet(fh, index=False)
    return Written(len(df), paths=[out])


def _flat_events_from_records(records: list[dict]) -> list[dict]:
    from ..dedup import canonical_event, dedup
    from ..store import flat_event

    groups = dedup(records)
    out = []
    for cid in sorted(groups):
        ev = flat_event(canonical_event(groups[cid]))
        ev["title"] = ((groups[cid][0].get("doc") or {}).get("title"))
        out.append(ev)
    return out


def _check(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")


def write_records(records, fmt: str = "jsonl", out=None, mentions_out=None,
                  header: bool = False) -> Written:
    """Write in-memory contract records; ``out`` as in ``output_paths``.

    gdelt/polecat rows are canonical events: the records are deduplicated first (asserted,
    non-historical ones only, as event counts must be). ``header``: a header row in GDELT
    files.
    """
    _check(fmt)
    outs = output_paths(out, fmt, mentions_out)
    if fmt == "jsonl":
        return write_jsonl(records, outs.main)
    if fmt == "csv":
        return write_csv(records, outs.main)
    if fmt == "parquet":
        return write_parquet(records, outs.main)
    counted = [r for r in records if not r.get("negated") and not r.get("historical")]
    events = _flat_events_from_records(counted)
    if fmt in ("gdelt", "gdelt-ext"):
        return write_gdelt(events, counted, outs.main, outs.mentions,
                           extended=fmt == "gdelt-ext", header=header)
    return write_polecat(events, outs.main)


# ------------------------------------------------------------------ from a store

def store_events(store, include_negated=False, include_historical=False) -> Iterator[dict]:
    """Flat canonical events of a store, with IsRootEvent and the headline."""
    from ..store.queries import status_where

    where = status_where(include_negated, include_historical, alias="e.")
    with store.connection() as con:
        cur = con.execute(f"""
            SELECT e.*, r.is_root_event, d.title
            FROM events e
            LEFT JOIN (SELECT canonical_event_id, bool_or(sentence_index = 0) AS is_root_event
                       FROM mentions GROUP BY 1) r USING (canonical_event_id)
            LEFT JOIN documents d ON d.doc_id = e.doc_id
            {where} ORDER BY e.date NULLS LAST, e.canonical_event_id""")
        cols = [d[0] for d in cur.description]
        while rows := cur.fetchmany(5000):
            for row in rows:
                ev = dict(zip(cols, row))
                for k in ("date", "first_published"):
                    if ev.get(k) is not None:
                        ev[k] = ev[k].isoformat()
                yield ev


def export_store(store, fmt: str, out=None, include_negated=False, include_historical=False,
                 mentions_out=None, header: bool = False, per_mention: bool = False) -> Written:
    """Export a database: records (jsonl/csv/parquet) or canonical events (gdelt/polecat).

    Records are one per real event per article with its ``mentions`` (as ``eventwire
    code`` prints them; ``dedup.fold``), or one per stored mention with ``per_mention``.
    """
    _check(fmt)
    outs = output_paths(out, fmt, mentions_out)
    if fmt in ("jsonl", "csv", "parquet"):
        from ..dedup import fold_records

        records = store.iter_mentions(include_negated=include_negated,
                                      include_historical=include_historical)
        if not per_mention:
            records = fold_records(records)  # mentions come ordered by document
        return {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt](
            records, outs.main)
    events = store_events(store, include_negated, include_historical)
    if fmt == "polecat":
        return write_polecat(events, outs.main)
    mentions = store.iter_mentions(include_negated=include_negated,
                                   include_historical=include_historical)
    return write_gdelt(events, mentions, outs.main, outs.mentions,
                       extended=fmt == "gdelt-ext", header=header)


__all__ = ["write_records", "export_store", "store_events", "output_paths", "Written", "Outputs",
           "FORMATS", "SUFFIXES", "MENTIONS_SUFFIX", "GDELT_EVENT_COLUMNS",
           "GDELT_EXTENDED_COLUMNS", "GDELT_MENTION_COLUMNS", "POLECAT_COLUMNS",
           "POLECAT_COLUMNS_PUBLISHED", "POLECAT_EXTRA_COLUMNS", "mentions_path", "gdelt_id",
           "gdelt_event_row", "gdelt_mention_row", "polecat_row", "write_jsonl", "write_csv",
           "write_parquet", "write_gdelt", "write_polecat"]
