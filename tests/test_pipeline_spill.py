"""``eventwire code`` keeps many records on disk and dedups them block by block (issue 8):
the canonical ids must be those of the in-memory dedup."""
from __future__ import annotations

import copy
import json

from eventwire.cli import code as code_cli
from eventwire.dedup import assign_canonical_ids


def _records():
    recs = []
    for i in range(60):
        src, tgt = ("CHN", "PRK") if i % 3 else ("USA", "RUS")
        recs.append({
            "event_id": f"e{i:03d}", "doc_id": f"d{i % 7}", "sentence_index": i % 4,
            "source": {"code": src, "country": src, "actor_id": f"country:{src}"},
            "target": {"code": tgt, "country": tgt, "actor_id": f"country:{tgt}"},
            "cameo": ["042", "043", "190"][i % 3], "cameo_root": ["04", "04", "19"][i % 3],
            "quad_class": 1, "date": f"2017-11-{10 + i % 5:02d}", "date_precision": "day",
            "negated": False, "modality": "asserted", "historical": False,
            "doc": {"outlet": f"o{i % 4}"}, "canonical_event_id": None,
        })
    return recs


def test_spilled_dedup_equals_in_memory_dedup(monkeypatch):
    expected = assign_canonical_ids(copy.deepcopy(_records()))
    monkeypatch.setattr(code_cli._Spill, "IN_MEMORY", 10)
    spill = code_cli._Spill()
    try:
        spill.extend(_records())
        assert spill.fh is not None          # really on disk
        got = list(spill.records_with_canonical_ids())
    finally:
        spill.close()
    assert [r["event_id"] for r in got] == [r["event_id"] for r in expected]
    assert [r["canonical_event_id"] for r in got] == [r["canonical_event_id"] for r in expected]
    assert all("_n" not in r for r in got)


def test_small_runs_stay_in_memory():
    spill = code_cli._Spill()
    spill.extend(_records())
    assert spill.fh is None
    got = list(spill.records_with_canonical_ids())
    assert json.dumps(got) == json.dumps(assign_canonical_ids(_records()))
