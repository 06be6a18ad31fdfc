"""The store verbs end to end: ingest (idempotent, kill-safe, single writer) and queries."""
from __future__ import annotations

import csv
import json
import os
import signal
import subprocess
import sys
import time

import duckdb
import pytest

from eventwire.cli import main
from eventwire.export import GDELT_EVENT_COLUMNS
from eventwire.store import Store, StoreLockedError

from test_store_factory import make_coded, make_event

RUN_CLI = "import sys; from eventwire.cli import main; sys.exit(main())"
TABLES = {  # table -> ORDER BY that makes two runs comparable
    "documents": "doc_id", "mentions": "event_id", "events": "canonical_event_id",
    "actors": "actor_id", "stories": "story_id", "story_docs": "doc_id",
}


def write_corpus(folder, n):
    """n short articles of our own words, distinct texts, plain text with dates."""
    folder.mkdir(parents=True, exist_ok=True)
    places = ["Pyongyang", "Beijing", "Seoul", "Tokyo", "Moscow"]
    for i in range(n):
        text = (f"Talks report number {i}\n\n"
                f"Chinese envoy Song Tao met North Korean officials in {places[i % 5]} on "
                f"Friday, the foreign ministry said. It was meeting number {i}.\n\n"
                f"South Korea said it had not met the delegation. Analysts in {places[(i + 2) % 5]} "
                f"expected more talks in the coming week.")
        (folder / f"article_{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def tables(db) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {}
        for table, order in TABLES.items():
            df = con.execute(f"SELECT * FROM {table} ORDER BY {order}").df()
            out[table] = df.drop(columns=[c for c in ("ingested_at",) if c in df])
        return out
    finally:
        con.close()


def ingest(paths, db, extra=()):
    return main(["ingest", *map(str, paths), "--db", str(db), "--published", "2017-11-22", *extra])


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    return write_corpus(tmp_path_factory.mktemp("corpus"), 6)


def test_ingest_twice_adds_nothing_the_second_time(corpus, tmp_path, capsys):
    db = tmp_path / "ew.duckdb"
    assert ingest([corpus], db) == 0
    first = tables(db)
    assert len(first["documents"]) == 6
    assert ingest([corpus], db) == 0
    assert "0 new document(s), 6 already stored" in capsys.readouterr().err
    second = tables(db)
    for t in TABLES:
        assert first[t].equals(second[t]), t


def test_ingest_with_worker_processes_stores_the_same_tables(corpus, tmp_path):
    # one pool for the whole batch (not one per few documents), same result as one process
    one, two = tmp_path / "one.duckdb", tmp_path / "two.duckdb"
    assert ingest([corpus], one) == 0
    assert ingest([corpus], two, ["--n-process", "2"]) == 0
    a, b = tables(one), tables(two)
    assert len(a["documents"]) == 6 and len(a["mentions"]) > 0
    for t in TABLES:
        assert a[t].equals(b[t]), t


def test_bad_inputs_are_counted_in_the_exit_status_and_the_rest_is_stored(corpus, tmp_path, capsys):
    db = tmp_path / "ew.duckdb"
    missing = tmp_path / "missing.txt"
    assert ingest([missing, corpus], db) == 1
    assert "missing.txt" in capsys.readouterr().err
    assert len(tables(db)["documents"]) == 6


def hold_writer(db):
    """Another process with the database open for writing."""
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time; from eventwire.store import Store; "
         f"s = Store({str(db)!r}); print('ready', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "ready"
    return holder


def test_a_second_writer_gets_a_clear_error(tmp_path):
    db = tmp_path / "ew.duckdb"
    Store(str(db)).close()
    holder = hold_writer(db)
    try:
        with pytest.raises(StoreLockedError, match="in use by another eventwire process"):
            Store(str(db), lock_timeout=0.5)
    finally:
        holder.kill()
        holder.wait()
    Store(str(db)).close()  # the lock is gone with the process; the file is fine


def test_ingest_into_a_locked_database_fails_with_one_line(corpus, tmp_path, capsys):
    db = tmp_path / "ew.duckdb"
    holder = hold_writer(db)
    try:
        assert ingest([corpus], db, ["--lock-timeout", "0.3"]) == 1
    finally:
        holder.kill()
        holder.wait()
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "in use by another eventwire process" in err[0]


@pytest.mark.slow
def test_a_killed_ingest_resumes_to_the_same_tables(tmp_path):
    corpus = write_corpus(tmp_path / "big", 32)
    reference, resumed = tmp_path / "reference.duckdb", tmp_path / "resumed.duckdb"
    cmd = [sys.executable, "-c", RUN_CLI, "ingest", str(corpus), "--published", "2017-11-22"]
    env = {**os.environ, "OMP_NUM_THREADS": "1"}
    subprocess.run(cmd + ["--db", str(reference)], check=True, env=env, capture_output=True)

    proc = subprocess.Popen(cmd + ["--db", str(resumed)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wal = tmp_path / "resumed.duckdb.wal"
    deadline = time.monotonic() + 120
    # Kill as soon as the first documents are committed (the WAL grows past the schema).
    while time.monotonic() < deadline and proc.poll() is None:
        if wal.exists() and wal.stat().st_size > 40_000:
            break
        time.sleep(0.02)
    was_running = proc.poll() is None
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    if was_running:
        con = duckdb.connect(str(resumed), read_only=True)
        n_docs = con.execute("SELECT count(*) FROM documents").fetchone()[0]
        half = con.execute("SELECT count(*) FROM documents d WHERE n_mentions <> "
                           "(SELECT count(*) FROM mentions m WHERE m.doc_id = d.doc_id)").fetchone()[0]
        con.close()
        assert n_docs < 32 and half == 0  # only whole documents were stored

    subprocess.run(cmd + ["--db", str(resumed)], check=True, env=env, capture_output=True)
    a, b = tables(reference), tables(resumed)
    for t in TABLES:
        assert a[t].equals(b[t]), t
    assert len(b["documents"]) == 32


# ---------------------------------------------------------------- query verbs

@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("cli") / "ew.duckdb"
    coded = [
        make_coded("visit, wire A", [
            make_event("CHNGOV", "PRKGOV", "042", "2017-11-17"),
            make_event("CHNGOV", None, "051", "2017-11-17", sentence_index=1,
                       sentence="Beijing again endorsed its freeze-for-freeze proposal."),
            make_event("USAGOV", "PRK", "163", "2017-11-20", sentence_index=2),
        ], outlet="Wire A"),
        make_coded("visit, wire B", [
            make_event("CHN", "PRK", "042", "2017-11-17"),
            make_event("USAGOV", "CHN", "125", "2017-11-18", sentence_index=1,
                       sentence="Washington rejected the freeze-for-freeze plan."),
        ], outlet="Wire B"),
    ]
    with Store(str(path)) as s:
        for c in coded:
            s.add_coded(c)
        s.finalize()
    return path


def test_summary_prints_counts_and_top_dyads(db, capsys):
    assert main(["summary", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "documents" in out and "CHNGOV" in out and "consult" in out
    assert main(["summary", "--db", str(db), "--json"]) == 0
    s = json.loads(capsys.readouterr().out)
    assert (s["documents"], s["mentions"], s["events"]) == (2, 5, 4)


def test_summary_on_a_missing_database_is_one_line(tmp_path, capsys):
    assert main(["summary", "--db", str(tmp_path / "none.duckdb")]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no eventwire database" in err[0]


@pytest.mark.parametrize("args, cameos", [
    ([], {"042", "051", "163", "125"}),
    (["--dyad", "CHN", "PRK"], {"042"}),
    (["--actor", "USA", "--quad", "4"], {"163"}),
    (["--root", "12"], {"125"}),
    (["--from", "2017-11-18", "--to", "2017-11-19"], {"125"}),
    (["--q", "freeze"], {"051", "125"}),
])
def test_events_filters_as_jsonl(db, capsys, args, cameos):
    assert main(["events", "--db", str(db), "--format", "jsonl", *args]) == 0
    rows = [json.loads(x) for x in capsys.readouterr().out.splitlines() if x.strip()]
    assert {r["cameo"] for r in rows} == cameos


def test_events_as_table_and_csv(db, capsys):
    assert main(["events", "--db", str(db)]) == 0
    assert "CHNGOV" in capsys.readouterr().out
    assert main(["events", "--db", str(db), "--format", "csv", "--limit", "2"]) == 0
    assert len(list(csv.DictReader(capsys.readouterr().out.splitlines()))) == 2


def test_sql_selects_and_refuses_writes(db, capsys):
    assert main(["sql", "SELECT count(*) AS n FROM mentions", "--db", str(db),
                 "--format", "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "5"]
    assert main(["sql", "DELETE FROM mentions", "--db", str(db)]) == 1
    assert "read-only" in capsys.readouterr().err
    with Store(str(db), read_only=True) as s:
        assert s.summary()["mentions"] == 5


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet", "gdelt", "polecat"])
def test_export_every_format(db, tmp_path, fmt):
    out = tmp_path / f"out.{fmt}"
    assert main(["export", "--db", str(db), "--format", fmt, "--out", str(out)]) == 0
    assert out.stat().st_size > 100
    if fmt == "gdelt":
        rows = list(csv.reader(out.open(), delimiter="\t"))          # no header row
        assert {r[GDELT_EVENT_COLUMNS.index("EventCode")] for r in rows} == \
            {"042", "051", "163", "125"}
        assert (tmp_path / "out.mentions.gdelt").exists()


def test_dyad_table_and_chart(db, tmp_path, capsys):
    chart = tmp_path / "chn-prk.svg"
    assert main(["dyad", "CHN", "PRK", "--by", "day", "--db", str(db), "--chart", str(chart)]) == 0
    assert "2017-11-17" in capsys.readouterr().out
    assert chart.read_text().lstrip().startswith("<?xml")


def test_network_shows_both_rankings(db, capsys):
    assert main(["network", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "by volume" in out and "by conflict" in out and "USAGOV" in out


def test_contradictions_lists_the_opposed_proposal(db, capsys):
    assert main(["contradictions", "--db", str(db), "--format", "jsonl"]) == 0
    (found,) = [json.loads(x) for x in capsys.readouterr().out.splitlines()]
    assert found["subject"] == "freeze-for-freeze"
    assert (found["supporter"]["actor"], found["opponent"]["actor"]) == ("CHN", "USA")
