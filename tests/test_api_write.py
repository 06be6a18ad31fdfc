"""POST /api/documents: token, size limit, body shapes, and the coded events it answers.

Most tests use a stand-in coder (eventwire.web.sample.template_coder) that recognises
the sample sentences, so they are fast and deterministic; one goes through the real
spaCy pipeline.
"""
from __future__ import annotations

import json
import shutil

import pytest
from fastapi.testclient import TestClient

from eventwire.api import create_app
from eventwire.records import EVENT_FIELDS
from eventwire.web.sample import TEMPLATES, build, template_coder

TOKEN = "s3cret-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
SANCTIONS = TEMPLATES[1][0]  # "Washington imposed new sanctions on Pyongyang ..."
ARTICLE = {"id": "a1", "url": "https://news.example/a1", "title": "Sanctions", "outlet": "news.example",
           "published": "2017-12-01", "text": f"{SANCTIONS}\n\nNothing else happened today."}


@pytest.fixture(scope="module")
def sample_db(tmp_path_factory):
    path = tmp_path_factory.mktemp("write") / "sample.duckdb"
    build(str(path), weeks=2)
    return path


@pytest.fixture
def make_client(sample_db, tmp_path):
    """A client over a private copy of the sample store, with the given app options."""
    apps = []

    def make(**options):
        db = tmp_path / f"store{len(apps)}.duckdb"
        shutil.copy(sample_db, db)
        options.setdefault("coder", template_coder)
        app = create_app(str(db), **options)
        apps.append(app)
        return TestClient(app)

    yield make
    for app in apps:
        app.state.store_handle.close()


@pytest.fixture
def writer(make_client):
    return make_client(token=TOKEN, max_body=10_000)


# ------------------------------------------------------------------ auth

def test_writes_are_disabled_without_a_configured_token(make_client, monkeypatch):
    monkeypatch.delenv("EVENTWIRE_TOKEN", raising=False)
    client = make_client()
    r = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 403 and "disabled" in r.json()["detail"]
    assert client.get("/api/health").json()["writable"] is False


def test_the_token_can_come_from_the_environment(make_client, monkeypatch):
    monkeypatch.setenv("EVENTWIRE_TOKEN", TOKEN)
    client = make_client()
    assert client.post("/api/documents", json=ARTICLE, headers=AUTH).status_code == 201


@pytest.mark.parametrize("headers", [{}, {"Authorization": ""}, {"Authorization": "Bearer"},
                                     {"Authorization": f"Basic {TOKEN}"}])
def test_a_missing_token_is_401(writer, headers):
    r = writer.post("/api/documents", json=ARTICLE, headers=headers)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("given", ["wrong", TOKEN + "x", TOKEN[:-1], TOKEN.upper()])
def test_a_wrong_token_is_401_and_nothing_is_stored(writer, given):
    r = writer.post("/api/documents", json=ARTICLE, headers={"Authorization": f"Bearer {given}"})
    assert r.status_code == 401 and r.json()["detail"] == "wrong token"
    assert writer.get("/api/events", params={"from": "2017-12-01"}).json()["events"] == []


# ------------------------------------------------------------------ the happy path

def test_posting_an_article_codes_stores_and_returns_its_events(writer):
    r = writer.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    body = r.json()
    [doc] = body["documents"]
    assert doc["stored"] is True and doc["path"] == ARTICLE["url"]
    [ev] = body["events"]
    assert list(ev)[:len(EVENT_FIELDS)] == EVENT_FIELDS
    assert (ev["source"]["code"], ev["cameo"], ev["target"]["code"]) == ("USAGOV", "163", "PRKGOV")
    assert ev["doc"]["title"] == "Sanctions" and ev["canonical_event_id"]

    # ... and it is now in the store, visible through the read API
    stored = writer.get(f"/api/events/{ev['canonical_event_id']}").json()
    assert ev["event_id"] in {m["event_id"] for m in stored["mentions"]}
    assert writer.get(f"/api/documents/{doc['doc_id']}").json()["title"] == "Sanctions"

    # posting it again changes nothing
    again = writer.post("/api/documents", json=ARTICLE, headers=AUTH).json()["documents"][0]
    assert again["stored"] is False and again["duplicate"] is True


def test_a_list_jsonlines_plain_text_and_uploaded_files_are_accepted(writer):
    two = [dict(ARTICLE, id="b1", text=TEMPLATES[0][0]), dict(ARTICLE, id="b2", text=TEMPLATES[2][0])]
    r = writer.post("/api/documents", json={"articles": two}, headers=AUTH)
    assert r.status_code == 201 and len(r.json()["documents"]) == 2

    lines = "\n".join(json.dumps(dict(ARTICLE, id=f"c{i}", text=TEMPLATES[i][0])) for i in (3, 4))
    r = writer.post("/api/documents", content=lines,
                    headers={**AUTH, "Content-Type": "application/x-ndjson"})
    assert r.status_code == 201 and [d["path"] for d in r.json()["documents"]] == [ARTICLE["url"]] * 2

    r = writer.post("/api/documents", params={"published": "2017-12-02"}, content=TEMPLATES[5][0],
                    headers={**AUTH, "Content-Type": "text/plain"})
    assert r.status_code == 201 and r.json()["documents"][0]["published"] == "2017-12-02"

    r = writer.post("/api/documents", headers=AUTH, params={"published": "2017-12-03"},
                    files={"file": ("moscow.txt", TEMPLATES[6][0].encode(), "text/plain")})
    assert r.status_code == 201, r.text
    [doc] = r.json()["documents"]
    assert doc["path"] == "moscow.txt" and doc["events"][0]["cameo"] == "057"


BAD_BODIES = [
    ("{not json", "application/json", 400),
    ("[1, 2]", "application/json", 400),
    ('{"title": "no text"}', "application/json", 400),
    ('{"text": ""}', "application/json", 400),
    ('{"text": "x", "published": "soon"}', "application/json", 400),
    ('{"text": "x", "title": 5}', "application/json", 400),
    ('"just a string"', "application/json", 400),
    ("", "application/json", 400),
    ('{"text": "fine"}\nnot json', "application/x-ndjson", 400),
    ("<xml/>", "application/xml", 415),
    ("--xx\r\n\r\n--xx--", "multipart/form-data; boundary=xx", 400),
    # issue 19: 2 KB nested 1,000 levels deep was a RecursionError, answered 500
    ("[" * 1000 + "]" * 1000, "application/json", 400),
    ('{"text": "fine"}\n' + "[" * 1000 + "]" * 1000, "application/x-ndjson", 400),
    ('{"text": "x", "id": ' + "[" * 3000 + "]" * 3000 + "}", "application/json", 400),
]


@pytest.mark.parametrize("body,ctype,status", BAD_BODIES)
def test_bad_bodies_get_a_clear_4xx(writer, body, ctype, status):
    r = writer.post("/api/documents", content=body, headers={**AUTH, "Content-Type": ctype})
    assert r.status_code == status, r.text
    assert r.json()["detail"]


def test_an_upload_with_a_bad_file_codes_the_good_ones_and_says_which_failed(writer):
    deep = ("[" * 1000 + "]" * 1000 + "\n").encode()
    good_line = json.dumps({"id": "g", "text": TEMPLATES[6][0]}).encode()
    r = writer.post("/api/documents", headers=AUTH, params={"published": "2017-12-03"},
                    files=[("file", ("good.txt", SANCTIONS.encode(), "text/plain")),
                           ("file", ("lines.jsonl", deep + good_line, "application/x-ndjson")),
                           ("file", ("empty.html", b"<html><body></body></html>", "text/html"))])
    assert r.status_code == 201, r.text
    out = r.json()
    assert sorted(d["path"] for d in out["documents"]) == ["g", "good.txt"]
    assert out["errors"] == ["lines.jsonl:1: invalid JSON: nested too deeply",
                             "empty.html: no article text found in the HTML"]


def test_a_bad_published_parameter_is_rejected(writer):
    r = writer.post("/api/documents", json=ARTICLE, headers=AUTH, params={"published": "2017-02-30"})
    assert r.status_code == 400 and "published" in r.json()["detail"]


# ------------------------------------------------------------------ size limit

def test_a_body_over_the_limit_is_413(writer):
    big = dict(ARTICLE, text=SANCTIONS + " x" * 6_000)
    r = writer.post("/api/documents", json=big, headers=AUTH)
    assert r.status_code == 413 and "too large" in r.json()["detail"]


def test_a_streamed_body_without_length_is_cut_at_the_limit(writer):
    def chunks():
        for _ in range(100):
            yield b"x" * 1_000

    r = writer.post("/api/documents", content=chunks(),
                    headers={**AUTH, "Content-Type": "text/plain"})
    assert r.status_code == 413


def test_the_size_limit_is_checked_after_the_token(writer):
    """A stranger learns nothing, and sends nothing we read, by posting a big body."""
    r = writer.post("/api/documents", content=b"x" * 50_000, headers={"Content-Type": "text/plain"})
    assert r.status_code == 401


# ------------------------------------------------------------------ the real coder

@pytest.mark.slow
def test_the_default_coder_is_the_spacy_pipeline(make_client):
    client = make_client(token=TOKEN, coder=None)
    r = client.post("/api/documents", json=ARTICLE, headers=AUTH)
    assert r.status_code == 201, r.text
    doc = r.json()["documents"][0]
    assert doc["stored"] is True and doc["error"] is None
    assert client.get(f"/api/documents/{doc['doc_id']}").json()["text"].startswith("Washington")


# ------------------------------------------------------------------ one record per real event

TWICE = {"id": "a2", "url": "https://news.example/a2", "title": "Envoy expelled",
         "published": "2021-03-03",
         "text": ("Kenya expelled the Ugandan ambassador on Monday, the foreign ministry said.\n\n"
                  "The decision surprised diplomats in Nairobi.\n\n"
                  "Kenya expelled the Ugandan ambassador on Monday after a row over the border.")}


def _expulsions(make_client, query=""):
    client = make_client(token=TOKEN, coder=None)
    got = client.post(f"/api/documents{query}", json=TWICE, headers=AUTH)
    assert got.status_code == 201, got.text
    return [e for e in got.json()["events"] if e["cameo"] == "166"]


@pytest.mark.slow
def test_an_event_stated_twice_is_one_record_with_its_mentions(make_client):
    # as `eventwire code` answers: one record per real event per article
    [expelled] = _expulsions(make_client)
    assert expelled["num_mentions"] == 2 and len(expelled["mentions"]) == 2


@pytest.mark.slow
def test_per_mention_gives_one_record_per_sentence(make_client):
    expelled = _expulsions(make_client, "?per_mention=true")
    assert len(expelled) == 2 and len({e["event_id"] for e in expelled}) == 2, expelled
    assert len({e["canonical_event_id"] for e in expelled}) == 1
