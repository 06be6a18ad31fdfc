"""Writers for ``--format jsonl|csv|parquet|gdelt|polecat`` (stub; issue 6 completes)."""
from __future__ import annotations

import json
import sys


def _public(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if not k.startswith("_")}


def write_records(records, fmt: str = "jsonl", out=None) -> None:
    if fmt != "jsonl":
        raise SystemExit(f"eventwire: format {fmt!r} is not available yet")
    fh = open(out, "w", encoding="utf-8") if out else sys.stdout
    try:
        for rec in records:
            fh.write(json.dumps(_public(rec), ensure_ascii=False) + "\n")
    finally:
        if out:
            fh.close()
