"""Issue 9.3: SIGKILL `eventwire ingest` at seeded random points; the database must stay
whole (no orphan mentions, no half documents) and a re-run must produce exactly the
tables of an uninterrupted run (documents, mentions, events; timestamps ignored).

The kill points are random delays drawn from a seeded RNG over the measured length of
an uninterrupted run (so they land in model loading, coding, writing and finalize).
EVENTWIRE_CRASH_KILLS (default 3) sets how many kills one chain suffers.
"""
from __future__ import annotations

import os
import random
import signal
import subprocess
import time

import pytest

import badinput

pytestmark = [pytest.mark.timeout(420), pytest.mark.slow]

PUBLISHED = "2017-11-22"
N_ARTICLES = 20
KILLS = int(os.environ.get("EVENTWIRE_CRASH_KILLS", "3"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    pytest.importorskip("eventwire.store")
    pytest.importorskip("eventwire.cli.ingest")
    d = tmp_path_factory.mktemp("crash_corpus")
    badinput.write_articles(d, N_ARTICLES, seed=0)
    return d


def ingest_args(corpus, db):
    return ["ingest", str(corpus), "--db", str(db), "--published", PUBLISHED]


@pytest.fixture(scope="module")
def baseline(corpus, tmp_path_factory):
    db = tmp_path_factory.mktemp("crash_base") / "base.duckdb"
    t0 = time.monotonic()
    proc = badinput.run_cli(ingest_args(corpus, db), timeout=300)
    elapsed = time.monotonic() - t0
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    tables = badinput.read_tables(db)
    assert len(tables["documents"]) == N_ARTICLES
    assert tables["mentions"], "the corpus gave no mentions: nothing to check"
    badinput.check_integrity(tables)
    print(f"uninterrupted ingest: {elapsed:.1f}s, {len(tables['documents'])} documents, "
          f"{len(tables['mentions'])} mentions, {len(tables['events'])} events")
    return tables, elapsed


def _wal_size(db) -> int | None:
    try:
        return os.path.getsize(str(db) + ".wal")
    except OSError:
        return None


def _kill_run(args, db, rng: random.Random, mode: str, run_s: float) -> str:
    """Start `eventwire ingest` and SIGKILL it; returns a line saying when.

    mode "time": after a random delay (model loading, reading, early coding);
    mode "write": a random moment after the first document was committed (the WAL grew),
    i.e. while documents are written, during finalize or the closing checkpoint.
    """
    proc = subprocess.Popen(badinput.cli_command(*args), stdout=subprocess.DEVNULL,
                            stderr=subprocess.PIPE, env=badinput.cli_env(),
                            stdin=subprocess.DEVNULL)
    t0 = time.monotonic()
    hard = t0 + 3 * run_s + 30
    if mode == "time":
        kill_at = t0 + rng.uniform(0.1, 0.7) * run_s
    else:
        kill_at, low = None, None
        while proc.poll() is None and time.monotonic() < hard:
            size = _wal_size(db)
            if low is None:
                low = size            # None until the WAL first exists (schema, leftovers)
            else:
                size = size or 0      # gone = checkpointed
                low = min(low, size)
                if size > low + 8000:  # a document (and its mentions) was committed
                    kill_at = time.monotonic() + rng.uniform(0.0, 0.1) * run_s
                    break
            time.sleep(0.02)
        kill_at = kill_at or time.monotonic()
    try:
        proc.wait(timeout=max(0.0, kill_at - time.monotonic()))
        killed = False
    except subprocess.TimeoutExpired:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        killed = True
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    if not killed:
        assert proc.returncode == 0, err[-2000:]
    assert "Traceback" not in err, err[-3000:]
    return f"{mode} kill at {time.monotonic() - t0:.1f}s (killed={killed})"


def test_sigkill_at_random_points_then_resume(corpus, baseline, tmp_path):
    base_tables, run_s = baseline
    rng = random.Random(9)
    db = tmp_path / "crash.duckdb"
    modes = (["write", "write", "time"] * KILLS)[:KILLS]
    log = []
    for mode in modes:
        what = _kill_run(ingest_args(corpus, db), db, rng, mode, run_s)
        if not db.exists():
            log.append(f"{what}: before the database existed")
            continue
        tables = badinput.read_tables(db)          # reopens after the kill (WAL replay)
        badinput.check_integrity(tables, baseline=base_tables)
        log.append(f"{what}: {len(tables['documents'])} docs, "
                   f"{len(tables['mentions'])} mentions, {len(tables['events'])} events")
    print("\n".join(log))
    proc = badinput.run_cli(ingest_args(corpus, db), timeout=300)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert "Traceback" not in proc.stderr
    final = badinput.read_tables(db)
    badinput.check_integrity(final, baseline=base_tables)
    got, want = badinput.comparable(final), badinput.comparable(base_tables)
    for t in badinput.TABLES:
        assert len(got[t]) == len(want[t]), f"{t}: {len(got[t])} rows, want {len(want[t])}"
        assert got[t] == want[t], f"{t} differs from an uninterrupted run"
