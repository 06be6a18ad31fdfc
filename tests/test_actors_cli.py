"""`eventwire actors`: the analysts' debugging view of actor resolution."""
from __future__ import annotations

import json


def test_actors_jsonl_lists_resolved_and_unresolved_mentions(tmp_path, capsys):
    from eventwire.cli import main
    p = tmp_path / "a.txt"
    p.write_text("Beijing sent Song Tao to Pyongyang. Song met Zorblax Quennington there.",
                 encoding="utf-8")
    assert main(["actors", str(p), "--published", "2017-11-22", "--format", "jsonl"]) == 0
    rows = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    got = {(r["text"], r["actor_id"], r["resolved_by"]) for r in rows}
    assert ("Beijing", "country:CHN", "metonym") in got
    assert ("Song", "person:song-tao", "coreference") in got
    assert all(set(r) >= {"doc_id", "text", "span", "actor_id", "name", "code", "country",
                          "agent", "resolved_by"} for r in rows)
    unresolved = [r for r in rows if r["actor_id"] is None and r["resolved_by"] is None]
    assert any("Quennington" in r["text"] for r in unresolved)


def test_actors_table(tmp_path, capsys):
    from eventwire.cli import main
    p = tmp_path / "a.txt"
    p.write_text("The North Korean leader met Chinese officials.", encoding="utf-8")
    assert main(["actors", str(p), "--published", "2017-11-22"]) == 0
    out = capsys.readouterr().out
    assert "person:kim-jong-un" in out and "CHNGOV" in out
