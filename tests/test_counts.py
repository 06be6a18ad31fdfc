"""Exact counts (issue 17): every interface gives every row, or says how many it left out.

One store of 137 counted events (plus negated and historical ones, which are not
counted) is read through Python, the CLI (CSV, JSONL, the table) and the HTTP API
(every page, and the downloads); all of them count the same total.
"""
from __future__ import annotations

import csv
import io
import json

import pytest

import eventwire
from eventwire.cli import main
from eventwire.store import Store
from test_store_factory import make_coded, make_event

COUNTED = 137
PAIRS = [("CHNGOV", "PRK"), ("USAGOV", "CHN"), ("RUS", "JPN"), ("KORGOV", "USA")]
CODES = ["036", "042", "051", "070", "111", "120", "163", "190"]


@pytest.fixture(scope="module")
def db(tmp_path_factory):
    path = tmp_path_factory.mktemp("counts") / "ew.duckdb"
    with Store(str(path)) as s:
        for i in range(COUNTED):   # distinct events: dyad, code or a week apart differ
            src, tgt = PAIRS[i % len(PAIRS)]
            day = f"{2016 + i // 96}-{1 + (i // 8) % 12:02d}-{1 + 7 * (i % 4):02d}"
            s.add_coded(make_coded(f"Counted report {i}.", [make_event(
                src, tgt, CODES[i % len(CODES)], day,
                sentence=f"Report {i}: the {src} delegation and {tgt} spoke about item {i}.")],
                outlet=f"Wire {i % 3}"))
        s.add_coded(make_coded("Not counted.", [
            make_event("CHN", "USA", "042", "2017-05-05", negated=True, sentence_index=0),
            make_event("CHN", "USA", "190", "2001-05-05", historical=True, sentence_index=1)]))
        s.finalize()
    return str(path)


def test_python_returns_every_event_unless_limited(db):
    store = eventwire.open(db)
    every = store.events()
    assert len(every) == every.attrs["total"] == store.count_events() == COUNTED
    assert len(store.events(limit=None)) == len(store.events(limit=0)) == COUNTED
    page = store.events(limit=10)
    assert len(page) == 10 and page.attrs["total"] == COUNTED
    assert len(store.events(include_negated=True, include_historical=True)) == COUNTED + 2


def test_python_pages_add_up_and_end(db):
    store, seen, cursor = eventwire.open(db), [], None
    for _ in range(100):  # a cursor that never ends would fail here, not hang
        page = store.events(limit=40, cursor=cursor)
        seen += list(page.canonical_event_id)
        cursor = page.attrs["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == COUNTED


def test_python_rejects_a_negative_limit(db):
    with pytest.raises(ValueError, match="limit"):
        eventwire.open(db).events(limit=-1)


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_cli_files_hold_every_event(db, capsys, fmt):
    assert main(["events", "--db", db, "--format", fmt]) == 0
    out = capsys.readouterr()
    rows = list(csv.DictReader(io.StringIO(out.out))) if fmt == "csv" else \
        [json.loads(line) for line in out.out.splitlines()]
    assert len(rows) == COUNTED and out.err == ""


def test_cli_table_says_n_of_m_and_all_shows_all(db, capsys):
    assert main(["events", "--db", db]) == 0
    out = capsys.readouterr()
    assert f"50 of {COUNTED} event(s)" in out.out
    assert f"50 of {COUNTED} event(s) shown; --all" in out.err
    assert main(["events", "--db", db, "--all"]) == 0
    out = capsys.readouterr()
    assert f"{COUNTED} event(s)" in out.out and "of" not in out.err
    assert main(["events", "--db", db, "--format", "csv", "--limit", "7"]) == 0
    out = capsys.readouterr()
    assert len(out.out.splitlines()) == 1 + 7 and f"7 of {COUNTED}" in out.err


def test_cli_export_counts_every_mention(db, tmp_path, capsys):
    assert main(["export", "--db", db, "--format", "jsonl", "--out", str(tmp_path / "m.jsonl")]) == 0
    assert len((tmp_path / "m.jsonl").read_text().splitlines()) == COUNTED
    assert f"wrote {COUNTED} row(s)" in capsys.readouterr().err


def ok(response):
    """The JSON of a 200 answer; any other answer fails with its status and body (so a
    rare failure says why instead of a KeyError on the missing field)."""
    assert response.status_code == 200, f"{response.status_code}: {response.text[:500]}"
    return response.json()


@pytest.fixture(scope="module")
def client(db):
    from fastapi.testclient import TestClient
    from eventwire.api import create_app
    with TestClient(create_app(db, token="")) as c:
        yield c


def test_http_total_and_pages_add_up(client):
    seen, cursor = [], None
    for _ in range(100):
        answer = ok(client.get("/api/events", params={"limit": 50, **({"cursor": cursor} if cursor else {})}))
        assert answer["total"] == COUNTED
        seen += [e["canonical_event_id"] for e in answer["events"]]
        cursor = answer["next_cursor"]
        if cursor is None:
            break
    assert len(seen) == len(set(seen)) == COUNTED


def test_http_downloads_every_event(client):
    got = client.get("/api/events", params={"format": "csv"})
    assert got.headers["content-type"].startswith("text/csv")
    assert len(list(csv.DictReader(io.StringIO(got.text)))) == COUNTED == int(got.headers["x-total-count"])
    got = client.get("/api/events", params={"format": "jsonl", "dyad": "CHN,PRK"})
    lines = [json.loads(x) for x in got.text.splitlines()]
    assert len(lines) == len(range(0, COUNTED, len(PAIRS)))
    assert all(e["source"]["country"] == "CHN" for e in lines)


def test_http_other_lists_have_totals(db, client):
    actors = ok(client.get("/api/actors", params={"limit": 2}))
    assert len(actors["actors"]) == 2 and actors["total"] == len(eventwire.open(db).actors()) == 6
    network = ok(client.get("/api/network", params={"limit": 1}))
    assert len(network["edges"]) == 1 and network["total"] == len(PAIRS)


def test_unknown_codes_get_a_hint(db, client, capsys):
    assert main(["events", "--db", db, "--dyad", "CHM", "PRK"]) == 0
    assert "no actor matches 'CHM'" in capsys.readouterr().err
    answer = ok(client.get("/api/events", params={"actor": "USAGOVV"}))
    assert answer["total"] == 0 and "USAGOV" in answer["hints"][0]
