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
