"""The HTTP API, read side: contract records, filters, pagination, and 4xx for bad input.

The store is a small hand-coded sample (eventwire.web.sample): 12 weeks of invented
news about the Korean peninsula, two outlets, some events reported twice, one
negated event, one historical one per third article.
"""
from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.records import EVENT_FIELDS


@pytest.fixture(scope="module")
def db(sample_db):
    return sample_db


@pytest.fixture(scope="module")
def client(sample_client):
    return sample_client


def all_events(client, **params):
    """Walk every page of /api/events; returns the events in order."""
    out, cursor = [], None
    for _ in range(1000):
        page = client.get("/api/events", params={**params, **({"cursor": cursor} if cursor else {})})
        assert page.status_code == 200, page.text
        body = page.json()
        out += body["events"]
        cursor = body["next_cursor"]
        if not cursor:
            return out
    raise AssertionError("pagination does not end")


# ------------------------------------------------------------------ records

def test_events_are_records_of_the_contract(client):
    body = client.get("/api/events", params={"limit": 5}).json()
    assert len(body["events"]) == 5
    for ev in body["events"]:
        assert list(ev)[:len(EVENT_FIELDS)] == EVENT_FIELDS  # every field, in contract order
        assert set(ev["source"]) >= {"text", "name", "code", "country", "agent", "actor_id"}
        assert ev["canonical_event_id"] and ev["num_mentions"] >= 1
        assert ev["negated"] is False and ev["historical"] is False


def test_event_detail_has_every_mention_with_its_sentence(client):
    twice = next(e for e in all_events(client, limit=50) if e["num_mentions"] == 2)
    ev = client.get(f"/api/events/{twice['canonical_event_id']}").json()
    assert len(ev["mentions"]) == 2
    for m in ev["mentions"]:
        assert m["canonical_event_id"] == twice["canonical_event_id"]
        start = m["span"][0]
        assert m["sentence"][m["source"]["span"][0] - start:][:len(m["source"]["text"])] == m["source"]["text"]
        assert m["verb"]["text"] in m["sentence"] and m["pattern"].startswith("sample:")
    assert {m["doc"]["outlet"] for m in ev["mentions"]} == {"example-wire.test", "example-daily.test"}


def test_document_has_text_and_spans_that_point_into_it(client):
    ev = client.get("/api/events", params={"limit": 1}).json()["events"][0]
    doc = client.get(f"/api/documents/{ev['doc_id']}").json()
    assert doc["title"].startswith("Peninsula briefing")
    assert doc["actors"] and doc["events"]
    for a in doc["actors"]:
        assert doc["text"][a["span"][0]:a["span"][1]] == a["text"]
    for e in doc["events"]:
        assert doc["text"][e["verb"]["span"][0]:e["verb"]["span"][1]] == e["verb"]["text"]


# ------------------------------------------------------------------ pagination

@pytest.mark.parametrize("limit", [1, 7, 50])
def test_pagination_walks_every_event_once(client, limit):
    everything = client.get("/api/events", params={"limit": 500}).json()
    assert everything["next_cursor"] is None
    walked = all_events(client, limit=limit)
    ids = [e["canonical_event_id"] for e in walked]
    assert len(ids) == len(set(ids)), "a page repeated an event"
    assert ids == [e["canonical_event_id"] for e in everything["events"]]


def test_pagination_keeps_the_filters(client):
    walked = all_events(client, dyad="CHN,PRK", limit=2)
    assert len(walked) > 2
    assert all(e["source"]["country"] == "CHN" and e["target"]["country"] == "PRK" for e in walked)


def test_a_cursor_only_works_with_its_own_filters(client):
    cursor = client.get("/api/events", params={"limit": 2, "dyad": "CHN,PRK"}).json()["next_cursor"]
    r = client.get("/api/events", params={"limit": 2, "dyad": "USA,PRK", "cursor": cursor})
    assert r.status_code == 400 and "other filters" in r.json()["detail"]


# ------------------------------------------------------------------ filters

def test_filters_narrow_the_events(client):
    def ids(**p):
        return {e["canonical_event_id"] for e in all_events(client, limit=500, **p)}

    every = ids()
    assert ids(dyad="CHN,PRK") < every
    assert all(e["cameo_root"] == "16" for e in all_events(client, root="16", limit=500))
    assert all(e["quad_class"] == 4 for e in all_events(client, quad=4, limit=500))
    assert all("2017-10-01" <= e["date"] <= "2017-10-31"
               for e in all_events(client, **{"from": "2017-10-01", "to": "2017-10-31"}))
    assert all("sanctions" in e["sentence"] for e in all_events(client, q="sanctions"))
    assert ids(actor="KOR") and ids(actor="KOR") < every


def test_negated_and_historical_events_only_on_request(client):
    default = all_events(client, limit=500)
    negated = [e for e in all_events(client, include_negated="true", limit=500) if e["negated"]]
    historical = [e for e in all_events(client, include_historical="true", limit=500) if e["historical"]]
    assert not any(e["negated"] or e["historical"] for e in default)
    assert negated and negated[0]["cameo"] == "040"
    assert historical and historical[0]["date"].startswith("2000-")


def test_dyad_series_counts_by_quadclass(client):
    body = client.get("/api/dyads/CHN/PRK/series", params={"by": "week"}).json()
    series = body["series"]
    assert [r["period"] for r in series] == sorted(r["period"] for r in series)
    for r in series:
        quads = r["verbal_coop"] + r["material_coop"] + r["verbal_conflict"] + r["material_conflict"]
        assert quads == r["events"]
    # events known only to the month are kept apart, not put on its first day
    assert all(r["dated_to"] == "period" for r in series)
    assert all(r["dated_to"] in ("month", "year") for r in body["imprecise"])
    assert sum(r["events"] for r in series + body["imprecise"]) == \
        len(all_events(client, dyad="CHN,PRK"))


def test_actors_network_stories_summary(client):
    actors = client.get("/api/actors", params={"q": "korea"}).json()["actors"]
    assert {a["code"] for a in actors} == {"PRKGOV", "KORGOV"}
    net = client.get("/api/network", params={"limit": 5}).json()
    assert len(net["edges"]) == 5
    assert {n["id"] for n in net["nodes"]} == {x for e in net["edges"] for x in (e["source"], e["target"])}
    assert client.get("/api/stories").json()["stories"]
    summary = client.get("/api/summary").json()
    assert summary["path"] == "sample.duckdb"  # the file name, not the server's directories
    assert client.get("/api/codebook").json()["cameo"]["163"].startswith("Impose embargo")


def test_openapi_spec_lists_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    for p in ["/api/events", "/api/events/{event_id}", "/api/dyads/{source}/{target}/series",
              "/api/actors", "/api/documents/{doc_id}", "/api/documents", "/api/stories",
              "/api/network", "/api/sql"]:
        assert p in paths


# ------------------------------------------------------------------ bad input: 4xx, never 500

BAD_REQUESTS = [
    ("/api/events", {"quad": "9"}, 400),
    ("/api/events", {"quad": "two"}, 400),
    ("/api/events", {"limit": "0"}, 400),
    ("/api/events", {"limit": "100000"}, 400),
    ("/api/events", {"include_negated": "maybe"}, 400),
    ("/api/events", {"from": "2017-13-01"}, 400),
    ("/api/events", {"to": "yesterday"}, 400),
    ("/api/events", {"from": "2017-12-01", "to": "2017-01-01"}, 400),
    ("/api/events", {"dyad": "CHN"}, 400),
    ("/api/events", {"dyad": ",PRK"}, 400),
    ("/api/events", {"dyad": "A,B,C"}, 400),
    ("/api/events", {"root": "25"}, 400),
    ("/api/events", {"root": "x"}, 400),
    ("/api/events", {"cameo": "abc"}, 400),
    ("/api/events", {"cursor": "not-a-cursor"}, 400),
    ("/api/events", {"cursor": "eyJwIjoiMyJ9"}, 400),  # base64 JSON, but not ours
    ("/api/events", {"actor": "\x01\x02"}, 400),
    ("/api/events", {"q": "x" * 1000}, 400),
    ("/api/events/does-not-exist", {}, 404),
    ("/api/documents/does-not-exist", {}, 404),
    ("/api/dyads/CHN/PRK/series", {"by": "year"}, 400),
    ("/api/network", {"by": "mood"}, 400),
    ("/api/actors", {"limit": "-1"}, 400),
    ("/api/stories", {"limit": "lots"}, 400),
    ("/api/nothing-here", {}, 404),
]


@pytest.mark.parametrize("path,params,status", BAD_REQUESTS)
def test_bad_parameters_get_a_clear_4xx(client, path, params, status):
    r = client.get(path, params=params)
    assert r.status_code == status, r.text
    body = r.json()
    assert isinstance(body["detail"], str) and body["detail"]
    if status == 400:  # one body for every validation error: where, what
        assert body["status"] == 400 and body["errors"]
        assert all({"loc", "msg", "type"} <= set(e) for e in body["errors"])
    assert body["status"] == status


JUNK = ["", " ", "'", "\"", "%", "_", "%%", "' OR 1=1 --", "é", "日本", "../../etc/passwd",
        "NULL", "-1", "1e9", "[]", "{}", "\\", "CHN,", ",", "0" * 300]


@pytest.mark.parametrize("name", ["actor", "dyad", "country", "cameo", "root", "quad", "from",
                                  "to", "q", "cursor", "limit", "story", "include_historical"])
def test_no_parameter_value_causes_a_server_error(client, name):
    for value in JUNK:
        r = client.get("/api/events", params={name: value})
        assert r.status_code < 500, (name, value, r.text)


def test_no_path_value_causes_a_server_error(client):
    for path in ("/api/events/", "/api/documents/", "/api/dyads/x/"):
        for value in JUNK:
            r = client.get(path + value.replace("/", "%2F") + ("/series" if "dyads" in path else ""))
            assert r.status_code < 500, (path, value, r.text)


def test_security_headers_keep_the_ui_on_its_own_origin(client):
    r = client.get("/")
    assert r.status_code == 200 and "text/html" in r.headers["content-type"]
    assert "default-src 'self'" in r.headers["content-security-policy"]
    assert client.get("/static/js/main.js").status_code == 200


# ------------------------------------------------------------------ living next to `eventwire ingest`

@pytest.mark.parametrize("release_after", [0, 0.3])
def test_a_read_only_server_lets_go_of_the_file(db, tmp_path, release_after):
    """Once idle, the file is closed, so the morning's ingest can write to it."""
    import shutil

    from eventwire.store import Store

    copy = tmp_path / "idle.duckdb"
    shutil.copy(db, copy)
    app = create_app(str(copy), token="", release_after=release_after)
    client = TestClient(app)
    assert client.get("/api/events", params={"limit": 1}).status_code == 200
    handle = app.state.store_handle
    timer = handle._timer  # the scheduled release (None once it ran, or when 0)
    if timer is not None:
        timer.join()       # wait for it, however slow this machine is
    assert handle._reader is None
    with Store(copy, lock_timeout=1):  # fails if the app still had the file open
        pass
    assert client.get("/api/events", params={"limit": 1}).status_code == 200


def test_while_another_process_writes_the_server_says_busy(db, tmp_path):
    import shutil
    import subprocess
    import sys

    copy = tmp_path / "busy.duckdb"
    shutil.copy(db, copy)
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); "
                               "print('ready', flush=True); time.sleep(60)", str(copy)],
        stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "ready"
        client = TestClient(create_app(str(copy), token="", lock_timeout=0.3))
        r = client.get("/api/events")
        assert r.status_code == 503 and "another process" in r.json()["detail"]
        assert r.headers["retry-after"] == "5"
    finally:
        writer.kill()
        writer.wait()
    assert client.get("/api/events").status_code == 200  # and fine again once it is done


def test_a_missing_database_is_a_clear_503(tmp_path):
    client = TestClient(create_app(str(tmp_path / "absent.duckdb"), token=""))
    r = client.get("/api/events")
    assert r.status_code == 503 and "absent.duckdb" in r.json()["detail"]


def test_serve_refuses_a_missing_database(tmp_path, capsys, monkeypatch):
    from eventwire.cli import main

    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    assert main(["serve", "--db", str(tmp_path / "absent.duckdb")]) == 2
    assert "no such database" in capsys.readouterr().err
