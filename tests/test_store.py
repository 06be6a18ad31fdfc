"""The DuckDB store: one transaction per document, idempotent, incremental dedup."""
from __future__ import annotations

import pytest

from eventwire.store import SCHEMA_VERSION, Store, StoreError

from test_store_factory import make_coded, make_event


@pytest.fixture
def db(tmp_path):
    return str(tmp_path / "ew.duckdb")


def visit_reports():
    """Two outlets report the same visit; one also reports a sanction that day."""
    return [
        make_coded("Envoy Song visits Pyongyang, report one.",
                   [make_event("CHNGOV", "PRKGOV", "042", "2017-11-17"),
                    make_event("USAGOV", "PRK", "163", "2017-11-17", sentence_index=1)],
                   outlet="Wire A"),
        make_coded("Chinese envoy arrives in North Korea, report two.",
                   [make_event("CHN", "PRK", "042", "2017-11-17")], outlet="Wire B"),
    ]


def test_a_new_database_has_the_current_schema_version(db):
    with Store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION
    with Store(db) as s:  # reopening applies nothing twice
        assert s.schema_version() == SCHEMA_VERSION


def test_add_coded_stores_document_and_mentions_once(db):
    coded = visit_reports()[0]
    with Store(db) as s:
        assert s.add_coded(coded) is True
        assert s.add_coded(coded) is False  # same doc_id: a no-op
        assert s.has_document(coded.document.doc_id)
        assert s.summary()["mentions"] == 2


def test_finalize_merges_mentions_of_one_event_across_outlets(db):
    with Store(db) as s:
        for c in visit_reports():
            s.add_coded(c)
        s.finalize()
        ev = s.events(cameo="042")
        assert len(ev) == 1
        row = ev.iloc[0]
        assert (row.num_mentions, row.num_sources, row.num_articles) == (2, 2, 2)
        assert row.source_code == "CHNGOV"  # the most specific actor coding is kept
        assert len(s.events()) == 2  # the visit and the sanction


def test_finalize_is_incremental_and_equals_a_full_redo(db):
    a, b = visit_reports()
    with Store(db) as s:
        s.add_coded(a)
        s.finalize()
        s.add_coded(b)
        stats = s.finalize()
        assert stats["blocks"] == 1  # only the visit's block was touched
        incremental = s.sql("SELECT * FROM events ORDER BY canonical_event_id")
        s.finalize(full=True)
        full = s.sql("SELECT * FROM events ORDER BY canonical_event_id")
    assert incremental.drop(columns=["story_id"]).equals(full.drop(columns=["story_id"]))


def test_event_returns_the_canonical_event_with_its_mentions(db):
    with Store(db) as s:
        for c in visit_reports():
            s.add_coded(c)
        s.finalize()
        cid = s.events(cameo="042").iloc[0].canonical_event_id
        ev = s.event(cid)
    assert ev["num_mentions"] == 2
    assert {m["canonical_event_id"] for m in ev["mentions"]} == {cid}
    assert {m["doc"]["outlet"] for m in ev["mentions"]} == {"Wire A", "Wire B"}


def test_document_returns_text_events_and_actor_spans(db):
    coded = visit_reports()[0]
    with Store(db) as s:
        s.add_coded(coded)
        s.finalize()
        doc = s.document(coded.document.doc_id)
    assert doc["text"] == coded.document.text and len(doc["events"]) == 2
    assert doc["actors"] and doc["story_id"]


@pytest.mark.parametrize("kw, expected", [
    ({}, {"042", "163"}),
    ({"actor": "USA"}, {"163"}),
    ({"dyad": ("CHN", "PRK")}, {"042"}),
    ({"dyad": ("CHNGOV", "PRKGOV")}, {"042"}),
    ({"dyad": ("PRK", "CHN")}, set()),
    ({"country": "USA"}, {"163"}),
    ({"cameo_root": "16"}, {"163"}),
    ({"quad_class": 1}, {"042"}),
    ({"date_from": "2017-11-18"}, set()),
    ({"date_to": "2017-11-17"}, {"042", "163"}),
    ({"q": "report two"}, set()),  # q searches the sentences and titles
])
def test_events_filters(db, kw, expected):
    with Store(db) as s:
        for c in visit_reports():
            s.add_coded(c)
        s.finalize()
        assert set(s.events(**kw)["cameo"]) == expected


def test_negated_and_historical_events_are_left_out_unless_asked(db):
    coded = make_coded("They never met. They met in 2015.", [
        make_event("USAGOV", "PRKGOV", "040", "2017-11-20", negated=True),
        make_event("USAGOV", "PRKGOV", "040", "2015-05-01", historical=True, sentence_index=1),
    ])
    with Store(db) as s:
        s.add_coded(coded)
        s.finalize()
        assert len(s.events()) == 0
        assert len(s.events(include_negated=True)) == 1
        assert len(s.events(include_historical=True)) == 1
        summary = s.summary()
    assert (summary["events"], summary["negated"], summary["historical"]) == (0, 1, 1)


def test_events_paginate_with_a_cursor(db):
    coded = make_coded("Many days of talks.", [
        make_event("CHN", "USA", "040", f"2017-11-{d:02d}", sentence_index=d)
        for d in range(1, 21, 3)])  # days far enough apart to be separate events
    with Store(db) as s:
        s.add_coded(coded)
        s.finalize()
        first = s.events(limit=4)
        rest = s.events(limit=4, cursor=first.attrs["next_cursor"])
    assert len(first) == 4 and len(rest) == 3 and rest.attrs["next_cursor"] is None
    assert not set(first.canonical_event_id) & set(rest.canonical_event_id)


@pytest.mark.parametrize("query", [
    "DELETE FROM events", "DROP TABLE events", "SELECT 1; DELETE FROM events",
    "INSERT INTO events SELECT * FROM events",
])
def test_a_read_only_store_cannot_change_the_database(db, query):
    Store(db).close()
    with Store(db, read_only=True) as s:
        with pytest.raises(StoreError):
            s.sql(query)


def test_sql_runs_select_and_with(db):
    with Store(db) as s:
        for c in visit_reports():
            s.add_coded(c)
        s.finalize()
        assert s.sql("WITH x AS (SELECT count(*) AS n FROM mentions) SELECT n FROM x").n[0] == 3


def test_sql_runs_with_the_users_own_rights(db, tmp_path):
    """Python is the user's own program: DuckDB's whole SQL, files included (the web
    API's /api/sql keeps its restrictions: tests/test_api_sql.py)."""
    Store(db).close()
    mine = tmp_path / "mine.csv"
    mine.write_text("code,label\nCHN,China\n")
    with Store(db, read_only=True) as s:
        assert s.sql(f"SELECT label FROM read_csv('{mine}')").label[0] == "China"
        s.sql(f"COPY (SELECT 42 AS answer) TO '{tmp_path / 'out.csv'}'")
        assert s.sql("SELECT ? + 1 AS n", [41]).n[0] == 42
    assert (tmp_path / "out.csv").read_text().splitlines() == ["answer", "42"]


def test_sql_stops_a_runaway_query(db):
    with Store(db) as s:
        with pytest.raises(StoreError, match="longer than"):
            s.sql("SELECT count(*) FROM range(100000000000) a", timeout=0.3)


def test_read_only_store_on_a_missing_file_says_so(tmp_path):
    with pytest.raises(StoreError, match="no eventwire database"):
        Store(str(tmp_path / "missing.duckdb"), read_only=True)


def test_eventwire_open_returns_dataframes(db):
    import eventwire
    with Store(db) as s:
        for c in visit_reports():
            s.add_coded(c)
        s.finalize()
    with eventwire.open(db) as s:
        df = s.events(dyad=("CHN", "PRK"))
        assert list(df.cameo) == ["042"]
        assert s.actors(q="china").country.tolist() == ["CHN"]
        assert len(s.stories()) >= 1


def test_a_bad_date_in_a_record_does_not_fail_the_document(db):
    coded = make_coded("Odd date.", [make_event(date="17 November")])
    with Store(db) as s:
        assert s.add_coded(coded)
        s.finalize()
        assert s.summary()["mentions"] == 1


def test_migrations_apply_in_order_once(db, monkeypatch):
    import eventwire.store as store_mod

    Store(db).close()  # a database at the current version
    extra = (SCHEMA_VERSION + 1, "test: a notes column on events",
             ["ALTER TABLE events ADD COLUMN test_note VARCHAR"])
    monkeypatch.setattr(store_mod, "MIGRATIONS", store_mod.MIGRATIONS + [extra])
    monkeypatch.setattr(store_mod, "SCHEMA_VERSION", SCHEMA_VERSION + 1)
    with Store(db) as s:
        assert s.schema_version() == SCHEMA_VERSION + 1
        assert "test_note" in s.sql("SELECT * FROM events LIMIT 0").columns
        versions = s.sql("SELECT version FROM schema_version ORDER BY applied_at, version")
    assert list(versions.version) == list(range(1, SCHEMA_VERSION + 2))
    with Store(db) as s:  # nothing applied twice
        assert len(s.sql("SELECT * FROM schema_version")) == SCHEMA_VERSION + 1


def test_a_database_from_a_newer_eventwire_is_refused(db):
    with Store(db) as s:
        s.con.execute("INSERT INTO schema_version VALUES (99, 'future', now())")
    with pytest.raises(StoreError, match="upgrade eventwire"):
        Store(db)


def test_a_failed_document_leaves_nothing_behind(db, monkeypatch):
    import eventwire.store.writing as store_mod  # the write path converts the mentions

    good, bad = make_coded("good", [make_event()]), make_coded("bad", [make_event(), make_event(
        cameo="163", sentence_index=1)])
    real = store_mod.mention_row
    calls = []

    def flaky(rec):  # the second mention of a document fails to convert
        calls.append(rec)
        if rec["doc_id"] == bad.document.doc_id and rec["cameo"] == "163":
            raise ValueError("boom")
        return real(rec)

    monkeypatch.setattr(store_mod, "mention_row", flaky)
    with Store(db) as s:
        assert s.add_coded(good)
        with pytest.raises(ValueError):
            s.add_coded(bad)
        assert not s.has_document(bad.document.doc_id)
        assert s.summary()["mentions"] == 1
        monkeypatch.setattr(store_mod, "mention_row", real)
        assert s.add_coded(bad)  # a retry stores it whole
        assert s.summary()["mentions"] == 3
