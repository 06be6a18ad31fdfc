"""Issue 19: nothing stored is lost, and storage failures say what happened.

- exact duplicates (the same text from another outlet, URL or date) keep every source
  (``document_sources``), count in ``num_sources``, and the run says how many it linked;
- a write that fails (disk full; here a file-size limit, the same failure path) is one
  line that says so, exit status non-zero, and everything committed before is kept;
- a damaged data block is one line from summary/export/ingest, never a traceback;
- ``q`` searches match their text literally (``q=%`` is a per-cent sign).
"""
from __future__ import annotations

import os
import resource
import shutil
import signal
import subprocess

import duckdb
import pytest

import badinput
from eventwire.cli import main
from eventwire.store import StorageFailure, Store, storage_error

from test_cli_store import write_corpus

PUBLISHED = "2017-11-22"
BODY = ("Chinese envoy Song Tao met North Korean officials in Pyongyang on Friday, the "
        "foreign ministry said.\n\nSouth Korea said it had not been told of the visit.")


def _copy(folder, name, outlet, url, published):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"Title: Envoy visits Pyongyang\nOutlet: {outlet}\nURL: {url}\n"
                    f"Published: {published}\n\n{BODY}\n", encoding="utf-8")
    return path


def _ingest(paths, db, capsys):
    rc = main(["ingest", *map(str, paths), "--db", str(db), "--published", PUBLISHED])
    return rc, capsys.readouterr().err


def test_exact_duplicates_keep_every_source_and_count_in_num_sources(tmp_path, capsys):
    db = tmp_path / "dup.duckdb"
    a = _copy(tmp_path / "in", "a.txt", "Harbour Times", "https://harbour.example/a", "2017-11-18")
    b = _copy(tmp_path / "in", "b.txt", "Valley Post", "https://valley.example/b", "2017-11-19")
    rc, err = _ingest([a, b], db, capsys)
    assert rc == 0, err
    assert "1 new document(s), 0 already stored, 1 duplicate source(s) linked" in err
    with Store(db, read_only=True) as s:
        [doc_id] = [r[0] for r in s.con.execute("SELECT doc_id FROM documents").fetchall()]
        sources = s.sources(doc_id)
        assert [(x["outlet"], x["url"], x["published"]) for x in sources] == [
            ("Harbour Times", "https://harbour.example/a", "2017-11-18"),
            ("Valley Post", "https://valley.example/b", "2017-11-19")]
        n = s.con.execute("SELECT min(num_sources), max(num_sources) FROM events "
                          "WHERE doc_id = ?", [doc_id]).fetchone()
        assert n == (2, 2)
        assert s.summary()["duplicate_sources"] == 1

    # the same files again: nothing new; a third outlet in a later run: linked and counted
    rc, err = _ingest([a, b], db, capsys)
    assert rc == 0 and "0 new document(s), 1 already stored, 0 duplicate source(s) linked" in err
    c = _copy(tmp_path / "later", "c.txt", "Delta Wire", "https://delta.example/c", "2017-11-20")
    rc, err = _ingest([c], db, capsys)
    assert rc == 0 and "1 duplicate source(s) linked" in err
    with Store(db, read_only=True) as s:
        assert len(s.sources(doc_id)) == 3
        assert s.con.execute("SELECT min(num_sources) FROM events WHERE doc_id = ?",
                             [doc_id]).fetchone()[0] == 3


def test_a_database_from_before_document_sources_gets_them(tmp_path, monkeypatch):
    import eventwire.store as store_mod
    db = tmp_path / "old.duckdb"
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS[:1])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", 1)
    with Store(db) as s:  # a version-1 database with two documents
        for i in range(2):
            s.con.execute("INSERT INTO documents (doc_id, path, url, outlet, published) "
                          "VALUES (?, ?, ?, ?, DATE '2017-11-20')",
                          [f"d{i}", f"a{i}.txt", f"https://x.example/{i}", "X"])
    monkeypatch.undo()
    with Store(db, read_only=True) as s:  # read-only: not migrated, and still readable
        assert s.summary()["duplicate_sources"] == 0 and s.sources("d1") == []
    with Store(db) as s:  # migrates: each stored document is its own first source
        assert [x["url"] for x in s.sources("d1")] == ["https://x.example/1"]
        assert s.summary()["duplicate_sources"] == 0


def _limited(nbytes):
    def apply():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a failed write, not a killed process
        resource.setrlimit(resource.RLIMIT_FSIZE, (nbytes, nbytes))
    return apply


# Enough articles that the database outgrows the size limit below and the scribbled pages
# of the damaged file (both depend on how many records a run keeps: 12 were enough while
# incomplete records were stored).
N_ARTICLES = 40


@pytest.mark.slow
def test_a_full_disk_is_one_line_and_keeps_what_was_stored(tmp_path):
    """Disk full said "cannot rollback - no transaction is active" (issue 19). A file-size
    limit makes the same write fail (EFBIG instead of ENOSPC) without filling a disk."""
    corpus = write_corpus(tmp_path / "c", N_ARTICLES)
    db = tmp_path / "full.duckdb"
    proc = subprocess.run(badinput.cli_command("ingest", corpus, "--db", db, "--published",
                                               PUBLISHED),
                          capture_output=True, text=True, env=badinput.cli_env(),
                          stdin=subprocess.DEVNULL, timeout=600, preexec_fn=_limited(100_000))
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode != 0
    assert "Traceback" not in proc.stderr and "cannot rollback" not in proc.stderr
    assert lines == [f"eventwire: error: {db}: cannot write: File too large (the file size "
                     "limit was reached); the last transaction was not stored, everything "
                     "committed before it is kept"], proc.stderr[-2000:]
    tables = badinput.read_tables(db)
    badinput.check_integrity(tables)           # whole documents only
    assert 0 < len(tables["documents"]) < N_ARTICLES   # some were stored before the disk was full
    proc = badinput.run_cli(["ingest", corpus, "--db", db, "--published", PUBLISHED],
                            timeout=600)       # room again: the run finishes the job
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert len(badinput.read_tables(db)["documents"]) == N_ARTICLES


def test_disk_full_messages_say_so():
    full = duckdb.IOException('Could not write file "/x/y.duckdb.wal": No space left on device')
    err = storage_error("y.duckdb", full)
    assert isinstance(err, StorageFailure)
    assert str(err) == ("y.duckdb: cannot write: No space left on device; the last transaction "
                        "was not stored, everything committed before it is kept")
    bad = duckdb.IOException("Corrupt database file: computed checksum 1 does not match "
                             "stored checksum 2 in block at location 4096")
    assert "the database file is damaged (Corrupt database file" in str(storage_error("y", bad))


@pytest.fixture(scope="module")
def damaged(tmp_path_factory):
    d = tmp_path_factory.mktemp("damaged")
    corpus = write_corpus(d / "c", N_ARTICLES)
    db = d / "good.duckdb"
    proc = badinput.run_cli(["ingest", corpus, "--db", db, "--published", PUBLISHED], timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    bad = d / "bad.duckdb"
    shutil.copy(db, bad)
    size = os.path.getsize(bad)
    assert size > 300_000 + 2 * 4096, size   # else nothing below would be damaged
    with open(bad, "r+b") as fh:  # scribble over a page in every data block after the header
        for off in range(300_000, size - 4096, 262_144):
            fh.seek(off)
            fh.write(b"\xab" * 4096)
    return corpus, bad


@pytest.mark.slow
@pytest.mark.parametrize("verb", [["summary"], ["export", "--format", "jsonl"], ["ingest"]])
def test_a_damaged_file_is_one_line_not_a_traceback(damaged, verb):
    corpus, bad = damaged
    args = [*verb, "--db", bad] + ([corpus, "--published", PUBLISHED] if verb == ["ingest"] else [])
    proc = badinput.run_cli(args, timeout=600)
    assert "Traceback" not in proc.stderr, proc.stderr[-3000:]
    lines = proc.stderr.strip().splitlines()
    assert proc.returncode == 1 and len(lines) == 1, proc.stderr[-2000:]
    assert lines[0].startswith(f"eventwire: error: {bad}: the database file is damaged ("), lines


def test_text_searches_match_literally(tmp_path):
    from eventwire.web.sample import build
    db = tmp_path / "s.duckdb"
    build(str(db), weeks=2)
    with Store(db, read_only=True) as s:
        every = len(s.events(limit=500, include_historical=True, include_negated=True))
        assert every > 0
        for q in ("%", "_", "\\", "%%", "_%_"):
            assert len(s.events(q=q, limit=500)) == 0, q  # no sentence has these characters
            assert s.actors(q=q).empty, q  # a DataFrame (issue 17)
        assert len(s.events(actor="C%", limit=500)) == 0
        assert len(s.events(q="sanctions", limit=500)) > 0  # plain words still match


def test_code_says_when_a_file_is_the_same_text_as_another(tmp_path, capsys):
    a = _copy(tmp_path / "in", "a.txt", "Harbour Times", "https://harbour.example/a", "2017-11-18")
    b = _copy(tmp_path / "in", "b.txt", "Valley Post", "https://valley.example/b", "2017-11-19")
    assert main(["code", str(a), str(b), "--published", PUBLISHED]) == 0
    err = capsys.readouterr().err
    assert f"eventwire: note: {b}: the same text as document " in err and "coded once" in err
