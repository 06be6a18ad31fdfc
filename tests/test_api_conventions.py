"""HTTP API conventions (issue 18): unknown parameters are errors, one status and one body
for every validation error, downloads of every list (CSV, Parquet, JSON lines) that hold
exactly what the JSON total says, names accepted where codes are, an OpenAPI description
with response models and the bearer token, Swagger UI served offline, CORS on request.

Over the small hand-coded sample store (eventwire.web.sample): no model needed.
"""
from __future__ import annotations

import csv
import io
import json
import re

import pyarrow.parquet as pq
import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.web import models


@pytest.fixture(scope="module")
def db(sample_db):
    return sample_db


@pytest.fixture(scope="module")
def client(sample_client):
    return sample_client


def ok(r):
    assert r.status_code == 200, r.text
    return r


def a_event_and_doc(client) -> dict:
    ev = ok(client.get("/api/events", params={"limit": 1})).json()["events"][0]
    return {"event_id": ev["canonical_event_id"], "doc_id": ev["doc_id"],
            "source": "CHN", "target": "PRK"}


# ------------------------------------------------------------------ unknown parameters

def get_paths(client) -> list[str]:
    spec = client.get("/openapi.json").json()
    return [p for p, ops in spec["paths"].items() if "get" in ops and p != "/api/sql"]


def test_every_endpoint_rejects_unknown_parameters_by_name(client):
    ids = a_event_and_doc(client)
    paths = get_paths(client)
    assert len(paths) >= 12
    for path in paths:
        url = path.format(**ids)
        r = client.get(url, params={"date_from": "2017-11-01", "colour": "red"})
        assert r.status_code == 400, (url, r.text)
        body = r.json()
        assert "'date_from'" in body["detail"] and "'colour'" in body["detail"], body
        assert {tuple(e["loc"]) for e in body["errors"]} == {("query", "date_from"), ("query", "colour")}
        assert all(e["type"] == "unknown_parameter" for e in body["errors"])


def test_an_unknown_parameter_gets_a_suggestion():
    # the example: ?date_from= returned everything; now it says what was meant
    from eventwire.web.conventions import UnknownParameters
    exc = UnknownParameters(["date_from"], frozenset({"from", "to", "date_from_x"}))
    assert "did you mean" in exc.detail


def test_every_validation_error_is_400_with_one_body(client):
    cases = [("/api/events", {"quad": "9"}), ("/api/events", {"limit": "0"}),
             ("/api/events", {"from": "2017-13-01"}), ("/api/events", {"dyad": "CHN"}),
             ("/api/events", {"format": "xls"}), ("/api/dyads/CHN/PRK/series", {"by": "year"}),
             ("/api/documents", {"from": "soon"}), ("/api/places", {"root": "99"}),
             ("/api/events", {"dated": "hour"})]
    for path, params in cases:
        r = client.get(path, params=params)
        body = r.json()
        assert r.status_code == 400 and body["status"] == 400, (path, params, r.text)
        assert set(body) == {"detail", "status", "errors"}
        param = next(iter(params))
        assert any(e["loc"][-1] == param for e in body["errors"]), body


# ------------------------------------------------------------------ downloads

def walk(client, path, key, **params) -> list[dict]:
    out, cursor = [], None
    while True:
        body = ok(client.get(path, params={**params, "limit": 7, **({"cursor": cursor} if cursor else {})})).json()
        out += body[key]
        cursor = body["next_cursor"]
        if not cursor:
            return out


@pytest.mark.parametrize("path,key,params", [
    ("/api/events", "events", {}),
    ("/api/events", "events", {"source": "CHN", "target": "PRK"}),
    ("/api/events", "events", {"q": "sanctions", "include_negated": "true"}),
    ("/api/documents", "documents", {}),
])
def test_downloads_hold_every_row_of_the_filter(client, path, key, params):
    walked = walk(client, path, key, **params)
    total = ok(client.get(path, params=params)).json()["total"]
    assert total == len(walked) > (7 if not params else 0)  # more than one page
    ident = "canonical_event_id" if key == "events" else "doc_id"
    for fmt in ("csv", "parquet", "jsonl"):
        r = ok(client.get(path, params={**params, "format": fmt}))
        assert r.headers["x-total-count"] == str(total)
        assert f'filename="{key}.{fmt}"' in r.headers["content-disposition"]
        if fmt == "csv":
            rows = list(csv.DictReader(io.StringIO(r.text)))
        elif fmt == "parquet":
            rows = pq.read_table(io.BytesIO(r.content)).to_pylist()
        else:
            rows = [json.loads(line) for line in r.text.splitlines()]
        assert [row[ident] for row in rows] == [w[ident] for w in walked], fmt
    # JSON lines of events are contract records, like the JSON pages
    first = json.loads(ok(client.get(path, params={**params, "format": "jsonl"})).text.splitlines()[0])
    assert first == walked[0] or key != "events"


def test_the_accept_header_chooses_the_format(client):
    r = ok(client.get("/api/events", headers={"Accept": "text/csv"}))
    assert r.headers["content-type"].startswith("text/csv")
    r = ok(client.get("/api/events", headers={"Accept": "application/vnd.apache.parquet"}))
    assert pq.read_table(io.BytesIO(r.content)).num_rows == int(r.headers["x-total-count"])
    r = ok(client.get("/api/events", headers={"Accept": "text/csv;q=0.5, application/json"}))
    assert r.headers["content-type"].startswith("application/json")
    # format= wins over Accept
    r = ok(client.get("/api/events", params={"format": "jsonl"}, headers={"Accept": "text/csv"}))
    assert r.headers["content-type"].startswith("application/x-ndjson")


def test_an_empty_download_still_has_its_columns(client):
    r = ok(client.get("/api/events", params={"q": "no-such-words", "format": "csv"}))
    assert r.headers["x-total-count"] == "0"
    assert r.text.splitlines()[0].startswith('"canonical_event_id"') and len(r.text.splitlines()) == 1
    r = ok(client.get("/api/events", params={"q": "no-such-words", "format": "parquet"}))
    table = pq.read_table(io.BytesIO(r.content))
    assert table.num_rows == 0 and "canonical_event_id" in table.column_names


@pytest.mark.parametrize("path,key", [("/api/actors", "actors"), ("/api/stories", "stories"),
                                      ("/api/network", "edges"), ("/api/places", "places"),
                                      ("/api/contradictions", "contradictions")])
def test_every_list_has_a_total_and_downloads(client, path, key):
    body = ok(client.get(path)).json()
    total = body["total"]
    assert total >= len(body[key]) and isinstance(total, int)
    for fmt in ("csv", "parquet", "jsonl"):
        r = ok(client.get(path, params={"format": fmt}))
        n = {"csv": lambda: len(list(csv.DictReader(io.StringIO(r.text)))),
             "parquet": lambda: pq.read_table(io.BytesIO(r.content)).num_rows,
             "jsonl": lambda: len(r.text.splitlines())}[fmt]()
        assert n == int(r.headers["x-total-count"]) == total, (path, fmt)


# ------------------------------------------------------------------ names, sides, places

def ids(client, **params) -> set[str]:
    return {e["canonical_event_id"] for e in walk(client, "/api/events", "events", **params)}


def test_names_are_resolved_and_said(client):
    assert ids(client, actor="South Korea") == ids(client, actor="KOR") != set()
    assert ids(client, actor="kor") == ids(client, actor="KOR")
    body = ok(client.get("/api/events", params={"actor": "South Korea", "limit": 1})).json()
    assert body["filters"]["actor"] == {"given": "South Korea", "code": "KOR", "name": "South Korea",
                                        "by": "country name"}
    series = ok(client.get("/api/dyads/China/North Korea/series")).json()
    assert (series["source"], series["target"]) == ("CHN", "PRK") and series["series"]


def test_dyads_are_both_directions_unless_directed(client):
    both = ids(client, source="CHN", target="PRK")
    there = ids(client, source="CHN", target="PRK", directed="true")
    back = ids(client, source="PRK", target="CHN", directed="true")
    assert both == there | back and there
    assert ids(client, dyad="CHN,PRK") == both
    assert ids(client, dyad="CHN,PRK", directed="true") == there
    # one side alone is a filter, not ignored
    only_source = walk(client, "/api/events", "events", source="USA")
    assert only_source and all(e["source"]["country"] == "USA" for e in only_source)
    assert ids(client, target="KOR") and ids(client, target="KOR") < ids(client)
    r = client.get("/api/events", params={"dyad": "CHN,PRK", "source": "USA"})
    assert r.status_code == 400


def test_places_and_the_place_filter(client):
    body = ok(client.get("/api/places")).json()
    assert body["places"] and body["events_located"] <= body["events_total"]
    for p in body["places"]:
        located = walk(client, "/api/events", "events", place=p["place"])
        assert len(located) == p["events"]
        assert all((e["location"] or {}).get("name") == p["name"] for e in located)
    by_name = ok(client.get("/api/events", params={"place": body["places"][0]["name"].upper()})).json()
    assert by_name["total"] == body["places"][0]["events"]


def test_the_network_within_dates(client):
    every = ok(client.get("/api/network", params={"limit": 500})).json()
    some = ok(client.get("/api/network", params={"limit": 500, "from": "2017-11-01"})).json()
    assert 0 < sum(e["events"] for e in some["edges"]) < sum(e["events"] for e in every["edges"])
    late = {(e["source"], e["target"]): e["events"] for e in some["edges"]}
    for (a, b), n in late.items():
        assert n == ok(client.get("/api/events", params={"source": a, "target": b, "directed": "true",
                                                          "from": "2017-11-01"})).json()["total"]


def test_stories_within_dates(client):
    every = ok(client.get("/api/stories")).json()
    some = ok(client.get("/api/stories", params={"from": "2017-11-01", "to": "2017-11-10"})).json()
    assert 0 < some["total"] < every["total"]
    # a story is within the dates when its publications overlap them (first..last)
    assert all(st["last_published"] >= "2017-11-01" and st["first_published"] <= "2017-11-10"
               for st in some["stories"])
    rows = list(csv.DictReader(io.StringIO(ok(client.get(
        "/api/stories", params={"from": "2017-11-01", "to": "2017-11-10", "format": "csv"})).text)))
    assert len(rows) == some["total"]
    assert client.get("/api/stories", params={"from": "2017-11-10", "to": "2017-11-01"}).status_code == 400


def test_contradictions_within_dates():
    from eventwire.web.lists import within

    found = [{"kind": "proposal", "supporter": {"date": "2017-11-20"}, "opponent": {"date": "2017-11-24"}},
             {"kind": "event", "supporter": {"date": None}, "opponent": {"date": "2017-10-02"}}]
    assert within(found, None, None) == found
    assert within(found, "2017-11-22", None) == found[:1]      # one claim inside is enough
    assert within(found, None, "2017-10-31") == found[1:]
    assert within(found, "2017-11-21", "2017-11-23") == []     # the dispute spans, no claim inside


def test_documents_list_filters(client):
    every = walk(client, "/api/documents", "documents")
    assert every and all(d["n_events"] >= 1 and d["language"] == "en" for d in every)
    assert [d["published"] for d in every] == sorted((d["published"] for d in every), reverse=True)
    assert ok(client.get("/api/documents", params={"language": "es"})).json()["total"] == 0
    some = ok(client.get("/api/documents", params={"from": "2017-11-01"})).json()
    assert 0 < some["total"] < len(every)
    assert all(d["published"] >= "2017-11-01" for d in some["documents"])
    title_word = every[0]["title"].split()[0]
    assert ok(client.get("/api/documents", params={"q": title_word})).json()["total"] >= 1


# ------------------------------------------------------------------ OpenAPI, Swagger UI, CORS

def test_openapi_has_response_models_and_the_bearer_token(client):
    spec = client.get("/openapi.json").json()
    for path, ops in spec["paths"].items():
        for method, op in ops.items():
            good = op["responses"].get("200") or op["responses"].get("201")
            assert good and good.get("content"), (method, path)
            schema = good["content"]["application/json"]["schema"]
            assert schema.get("$ref") or schema.get("properties"), (method, path, schema)
            if "parameters" in op or method == "post":
                assert "400" in op["responses"], (method, path)
    schemes = spec["components"]["securitySchemes"]
    assert schemes["token"] == {"type": "http", "scheme": "bearer",
                                "description": schemes["token"]["description"]}
    assert spec["paths"]["/api/documents"]["post"]["security"] == [{"token": []}]
    assert "security" not in spec["paths"]["/api/events"]["get"]
    events = spec["paths"]["/api/events"]["get"]["responses"]["200"]["content"]
    assert {"text/csv", "application/vnd.apache.parquet", "application/x-ndjson"} <= set(events)


def test_answers_match_their_documented_models(client):
    ev = a_event_and_doc(client)
    checks = [("/api/events", models.EventsPage), ("/api/places", models.Places),
              ("/api/documents", models.DocumentsPage), ("/api/actors", models.ActorsPage),
              ("/api/network", models.Network), ("/api/stories", models.StoriesPage),
              ("/api/contradictions", models.Contradictions), ("/api/summary", models.Summary),
              ("/api/health", models.Health), ("/api/dyads/CHN/PRK/series", models.DyadSeries),
              ("/api/codebook", models.Codebook),
              (f"/api/events/{ev['event_id']}", models.EventDetail),
              (f"/api/documents/{ev['doc_id']}", models.Document)]
    for path, model in checks:
        model.model_validate(ok(client.get(path)).json())
    models.Error.model_validate(client.get("/api/events", params={"quad": 9}).json())
    models.Error.model_validate(client.get("/api/events/nope").json())


def test_swagger_ui_is_served_from_the_package_not_a_cdn(client):
    page = ok(client.get("/docs")).text
    scripts = re.findall(r'<script src="([^"]+)"', page) + re.findall(r'href="([^"]+\.css)"', page)
    assert scripts and all(s.startswith("/") for s in scripts)  # our own server only
    for asset in scripts:
        assert ok(client.get(asset)).content
    assert "<script>" not in page  # no inline script: the CSP allows none
    assert client.get("/docs/assets/index.html").status_code == 404  # only what the page needs


def test_cors_only_when_asked(db):
    plain = create_app(db, token="")
    with TestClient(plain) as c:
        r = c.get("/api/health", headers={"Origin": "http://notebook.example:8888"})
        assert "access-control-allow-origin" not in r.headers
    plain.state.store_handle.close()
    app = create_app(db, token="", cors="http://notebook.example:8888")
    with TestClient(app) as c:
        r = c.get("/api/events", params={"format": "csv"}, headers={"Origin": "http://notebook.example:8888"})
        assert r.headers["access-control-allow-origin"] == "http://notebook.example:8888"
        assert "x-total-count" in r.headers["access-control-expose-headers"].lower()
        pre = c.options("/api/events", headers={"Origin": "http://notebook.example:8888",
                                                "Access-Control-Request-Method": "GET"})
        assert pre.status_code == 200
        other = c.get("/api/health", headers={"Origin": "http://elsewhere.example"})
        assert "access-control-allow-origin" not in other.headers
    app.state.store_handle.close()
