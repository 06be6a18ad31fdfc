"""Command-line conventions (issue 17), sqlite-utils/datasette style: ``--format`` on the
verbs that print data, ``-q``/``-v`` before or after the verb, a closed pipe is no error."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from eventwire.cli import main
from eventwire.store import Store
from test_store_factory import make_coded, make_event

CODES = ["036", "040", "042", "043", "046", "051", "057", "070", "111", "120", "163", "190"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    """A store with 240 events: more JSONL than a pipe's buffer holds."""
    path = tmp_path_factory.mktemp("conventions") / "ew.duckdb"
    with Store(str(path)) as s:
        for i in range(240):
            day = f"2017-{1 + i % 12:02d}-{1 + i % 28:02d}"
            s.add_coded(make_coded(f"Report number {i} about a meeting.", [make_event(
                "CHNGOV", "PRK", CODES[i % len(CODES)], day,
                sentence=f"Officials of the two sides met in round {i} of the talks.")],
                outlet=f"Wire {i % 7}"))
        s.finalize()
    return str(path)


def test_a_closed_pipe_ends_the_export_quietly(db):
    proc = subprocess.Popen([sys.executable, "-m", "eventwire", "export", "--db", db,
                             "--format", "jsonl"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    first = proc.stdout.readline()   # like `| head -1`
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0
    assert json.loads(first)["event_id"]
    assert err == ""


@pytest.mark.parametrize("where", ["before", "after"])
def test_quiet_prints_errors_only(db, tmp_path, capsys, where):
    out = str(tmp_path / "e.jsonl")
    args = ["export", "--db", db, "--format", "jsonl", "--out", out]
    assert main(["-q", *args] if where == "before" else [*args, "-q"]) == 0
    assert capsys.readouterr().err == ""
    assert main(args) == 0
    assert "wrote 240 row(s)" in capsys.readouterr().err
    assert main(["-q", "summary", "--db", str(tmp_path / "missing.duckdb")]) == 1
    assert "no eventwire database" in capsys.readouterr().err


def test_summary_and_explain_take_format_json_and_keep_json(db, capsys):
    assert main(["summary", "--db", db, "--format", "json"]) == 0
    first = json.loads(capsys.readouterr().out)
    assert main(["summary", "--db", db, "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == first
    assert first["mentions"] == 240


def test_no_builtin_patterns_needs_pattern_files(tmp_path, capsys):
    text = tmp_path / "a.txt"
    text.write_text("Russia sent an envoy to Syria.")
    with pytest.raises(SystemExit, match="--patterns"):
        main(["code", str(text), "--no-builtin-patterns"])


def test_no_builtin_patterns_codes_with_the_users_patterns_only(tmp_path, capsys):
    from eventwire.cli._common import settings_from_args
    from eventwire.cli import build_parser
    args = build_parser().parse_args(["code", "x.txt", "--no-builtin-patterns",
                                      "--patterns", "mine.yaml"])
    s = settings_from_args(args)
    assert (s.builtin_patterns, s.pattern_files) == (False, ["mine.yaml"])
    args = build_parser().parse_args(["code", "x.txt"])
    assert settings_from_args(args).builtin_patterns is True
