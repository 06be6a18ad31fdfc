"""/api/sql: absent unless enabled; then one read-only SELECT, no files, time-limited."""
from __future__ import annotations

import re
import shutil
import time

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.web.sample import TEMPLATES, build, template_coder
from eventwire.web.sqlguard import SQLRejected, check_sql


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("sql") / "sample.duckdb"
    build(str(path), weeks=3)
    return str(path)


@pytest.fixture(scope="module")
def client(db):
    app = create_app(db, token="", enable_sql=True, sql_timeout=5.0)  # a 100x margin for real queries
    with TestClient(app) as c:
        yield c
    app.state.store_handle.close()


def test_sql_is_off_by_default(db):
    app = create_app(db, token="")
    client = TestClient(app)
    for r in (client.get("/api/sql", params={"q": "SELECT 1"}),
              client.post("/api/sql", json={"query": "SELECT 1"})):
        assert r.status_code == 403 and "--enable-sql" in r.json()["detail"]
    app.state.store_handle.close()


def test_a_select_returns_columns_and_rows(client):
    r = client.get("/api/sql", params={"q": "SELECT cameo_root, count(*) AS n FROM events "
                                            "GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 3"})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["columns"] == ["cameo_root", "n"] and len(body["rows"]) == 3
    assert body["truncated"] is False


def test_with_queries_and_post_bodies_work_and_rows_are_capped(client):
    q = "WITH x AS (SELECT * FROM range(10) t(i)) SELECT i FROM x ORDER BY i"
    body = client.post("/api/sql", params={"limit": 4}, json={"query": q}).json()
    assert body["rows"] == [[0], [1], [2], [3]] and body["truncated"] is True
    plain = client.post("/api/sql", content="SELECT 42", headers={"Content-Type": "text/plain"})
    assert plain.json()["rows"] == [[42]]


REJECTED = [
    "DROP TABLE events",
    "DELETE FROM events",
    "INSERT INTO actors VALUES ('x','x','x','x','x',1,1,NULL,NULL)",
    "UPDATE events SET cameo = '000'",
    "CREATE TABLE x AS SELECT 1",
    "SELECT 1; DROP TABLE events",
    "SELECT 1; SELECT 2",
    "ATTACH '/tmp/other.duckdb' AS o",
    "COPY events TO '/tmp/leak.csv'",
    "PRAGMA database_list",
    "SET enable_external_access = true",
    "INSTALL httpfs",
    "LOAD httpfs",
    "EXPORT DATABASE '/tmp/dump'",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM read_text('/etc/hostname')",
    "SELECT * FROM read_blob('/etc/hostname')",
    "SELECT * FROM glob('/*')",
    "SELECT * FROM read_parquet('x.parquet')",
    "SELECT * FROM '/etc/passwd'",
    "select * from   \"read_text\"('/etc/hostname')",
    "SELECT * FROM query('SELECT 1')",
    "SUMMARIZE events",
    "",
    "   ",
    "not sql at all",
    # issue 19: the block-list let these through
    "SELECT * FROM enable_logging(storage='file', storage_path='/tmp/eventwire-log')",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM pragma_database_list()",
    "SELECT * FROM duckdb_databases()",
    "SELECT * FROM duckdb_tables()",
    "SELECT path FROM duckdb_databases",
    "SELECT * FROM duckdb_temporary_files()",
    "SELECT * FROM main.pragma_database_list",
    "SELECT current_setting('temp_directory')",
    "SELECT repeat('x', 1000000000)",
    "SELECT * FROM other_db.main.events",
    "SELECT * FROM no_such_table",
    "SELECT * FROM information_schema.schemata",
    "SELECT * FROM events, read_csv('/etc/passwd')",
    "SELECT (SELECT count(*) FROM read_text('/etc/hostname'))",
    "WITH x AS (SELECT * FROM glob('/*')) SELECT * FROM x",
    "SELECT * FROM events WHERE cameo IN (SELECT content FROM read_text('/etc/passwd'))",
    "SELECT * FROM sniff_csv('/etc/passwd')",
    "SELECT json_execute_serialized_sql('x')",
    "SELECT system('id')",
]


@pytest.mark.parametrize("query", REJECTED)
def test_anything_but_one_plain_select_is_rejected(client, query):
    r = client.post("/api/sql", json={"query": query})
    assert r.status_code == 400, r.text
    assert r.json()["detail"]


@pytest.mark.parametrize("query", REJECTED)
def test_the_guard_rejects_them_on_its_own(query):
    with pytest.raises(SQLRejected):
        check_sql(query)


def test_even_a_query_past_the_guard_cannot_read_files(client, monkeypatch):
    """The connection itself has external access switched off (defence in depth)."""
    monkeypatch.setattr("eventwire.web.app.check_sql", lambda q: q)  # pretend the guard missed it
    r = client.get("/api/sql", params={"q": "SELECT * FROM read_text('/etc/hostname')"})
    assert r.status_code == 400
    assert re.search("(?i)disabled|permission", r.json()["detail"]), r.text


def test_a_slow_query_is_interrupted(client):
    # 10^11 rows take minutes on any machine: a 408 "interrupted" can only come from the
    # time limit (a broken limit is caught by pytest-timeout, not by reading the clock).
    r = client.get("/api/sql", params={"q": "SELECT count(*) FROM range(100000000000) t(i) "
                                            "WHERE i % 7 = 3"})
    assert r.status_code == 408 and "interrupted" in r.json()["detail"]
    # ... and the server carries on
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


def test_a_failing_select_is_a_400_not_a_500(client):
    r = client.get("/api/sql", params={"q": "SELECT no_such_column FROM events"})
    assert r.status_code == 400 and "query failed" in r.json()["detail"]


def test_sql_does_not_break_writes_on_a_writable_server(db, tmp_path):
    copy = tmp_path / "rw.duckdb"
    shutil.copy(db, copy)
    app = create_app(str(copy), token="t", enable_sql=True, coder=template_coder)
    client = TestClient(app)
    assert client.get("/api/sql", params={"q": "SELECT count(*) FROM documents"}).status_code == 200
    r = client.post("/api/documents", json={"text": TEMPLATES[1][0], "published": "2018-01-05"},
                    headers={"Authorization": "Bearer t"})
    assert r.status_code == 201, r.text
    n = client.get("/api/sql", params={"q": "SELECT count(*) FROM events WHERE date = DATE '2018-01-05'"})
    assert n.json()["rows"] == [[1]]
    app.state.store_handle.close()


ALLOWED = [
    "SELECT cameo_root, count(*) AS n, avg(goldstein), min(date), max(date) FROM events "
    "GROUP BY 1 ORDER BY n DESC",
    "SELECT date_trunc('month', date) AS m, count(DISTINCT source_country) FROM events "
    "WHERE date >= DATE '2017-01-01' AND source_code ILIKE 'CHN%' GROUP BY ALL",
    "SELECT strftime(date, '%Y-%m') AS ym, lower(source_name), upper(target_code), "
    "length(sentence), coalesce(location_name, '?'), round(goldstein, 1) FROM events LIMIT 5",
    "SELECT e.canonical_event_id, count(m.event_id) FROM events e JOIN mentions m "
    "USING (canonical_event_id) GROUP BY 1 HAVING count(*) > 0",
    "SELECT source_country, target_country, row_number() OVER (ORDER BY num_mentions DESC) "
    "FROM events QUALIFY row_number() OVER (ORDER BY num_mentions DESC) <= 3",
    "WITH d AS (SELECT doc_id, outlet FROM documents) SELECT outlet, count(*) FROM d GROUP BY 1",
    "SELECT json_extract_string(record, '$.source.code') AS src FROM mentions LIMIT 3",
    "SELECT table_name, column_name FROM information_schema.columns WHERE table_name = 'events'",
    "SELECT i FROM range(3) t(i) UNION ALL SELECT 7",
    "SELECT CASE WHEN quad_class > 2 THEN 'conflict' ELSE 'cooperation' END AS k, count(*) "
    "FROM events GROUP BY 1",
    "SELECT * FROM (SELECT cameo, goldstein FROM events) sub WHERE goldstein < 0",
    "SELECT string_agg(DISTINCT source_country, ',') FROM events",
]


@pytest.mark.parametrize("query", ALLOWED)
def test_ordinary_analysis_queries_are_allowed(client, query):
    r = client.get("/api/sql", params={"q": query})
    assert r.status_code == 200, r.text


def test_no_answer_tells_a_server_path(client, db):
    import os
    bad = []
    for q in ["SELECT * FROM pragma_database_list", "SELECT * FROM duckdb_databases()",
              "SELECT table_catalog FROM information_schema.tables",
              "SELECT no_such_column FROM events", "SELECT * FROM events WHERE x = ",
              "SELECT CAST('x' AS INTEGER)"]:
        r = client.get("/api/sql", params={"q": q})
        if os.path.dirname(db) in r.text or "/tmp/" in r.text:
            bad.append((q, r.text[:200]))
    assert not bad, bad


def test_answers_are_capped_in_bytes(db):
    app = create_app(db, token="", enable_sql=True, sql_timeout=5.0, sql_max_bytes=2_000)
    with TestClient(app) as c:
        r = c.get("/api/sql", params={"q": "SELECT sentence FROM mentions, range(100) t(i)",
                                      "limit": 5000})
        body = r.json()
        assert r.status_code == 200 and body["truncated"] is True
        assert 0 < len(body["rows"]) and sum(len(x[0]) for x in body["rows"]) <= 2_000
        r = c.get("/api/sql", params={"q": "SELECT string_agg(sentence, ' ') FROM mentions, "
                                           "range(100) t(i)"})
        assert r.status_code == 413 and "larger than 2000 bytes" in r.json()["detail"]
    app.state.store_handle.close()


def test_slow_sql_does_not_hold_up_other_endpoints(db, monkeypatch):
    """Issue 19: three clients looping slow queries stalled every endpoint. SQL now
    runs on its own cursor outside the store lock, at most ``sql_max_concurrent`` at
    once (more get 429). Checked with queries held inside DuckDB's execute until the
    test lets them go — no clock: the summary must answer while they are held."""
    import threading

    from eventwire.web import sqlguard

    held = threading.Event()
    inside = threading.Semaphore(0)
    real_run = sqlguard.run_query

    class HeldCursor:
        def __init__(self, cur):
            self.cur = cur

        def execute(self, q):
            inside.release()
            assert held.wait(timeout=600), "never released"
            return self.cur.execute(q)

        def interrupt(self):
            self.cur.interrupt()

    monkeypatch.setattr("eventwire.web.app.run_query",
                        lambda cur, *a, **kw: real_run(HeldCursor(cur), *a, **kw))
    app = create_app(db, token="", enable_sql=True, sql_timeout=600, sql_max_concurrent=2)
    results: dict = {}
    with TestClient(app) as c:
        def slow(k):
            results[k] = c.get("/api/sql", params={"q": "SELECT count(*) FROM events"})

        threads = [threading.Thread(target=slow, args=(k,)) for k in range(2)]
        for t in threads:
            t.start()
        for _ in threads:
            assert inside.acquire(timeout=600)   # both are now inside execute, held
        third = c.get("/api/sql", params={"q": "SELECT 1"})
        assert third.status_code == 429 and third.headers["retry-after"] == "1"
        summary = c.get("/api/summary")
        events = c.get("/api/events", params={"limit": 3})
        assert summary.status_code == 200 and events.status_code == 200
        assert not results, "the slow queries finished before the test let them"
        held.set()
        for t in threads:
            t.join()
    assert [results[k].status_code for k in range(2)] == [200, 200]
    app.state.store_handle.close()
