"""Every export format, read back: jsonl/csv by the stdlib, parquet by DuckDB, GDELT by name."""
from __future__ import annotations

import csv
import json

import duckdb
import pytest

from eventwire.export import (GDELT_EVENT_COLUMNS, GDELT_MENTION_COLUMNS, POLECAT_COLUMNS,
                              export_store, gdelt_id, mentions_path, write_records)
from eventwire.records import EVENT_FIELDS
from eventwire.store import Store

from test_store_factory import make_coded, make_event


def corpus():
    """A visit told by two outlets (one with a place), a sanction, a negated meeting."""
    return [
        make_coded("Envoy visit, wire A.", [
            make_event("CHNGOV", "PRKGOV", "042", "2017-11-17", location="PRK-Pyongyang"),
            make_event("USAGOV", "PRK", "163", "2017-11-17", sentence_index=2),
            make_event("USAGOV", "PRKGOV", "040", "2017-11-16", negated=True, sentence_index=3),
        ], outlet="Wire A", path="https://wire-a.example/visit"),
        make_coded("Envoy visit, wire B.", [make_event("CHN", "PRK", "042", "2017-11-18")],
                   outlet="Wire B", path="https://wire-b.example/envoy"),
    ]


def records():
    return [r for c in corpus() for r in c.events]


def read_tsv(path):
    with open(path, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh, delimiter="\t"))


def read_gdelt(path, columns=GDELT_EVENT_COLUMNS):
    """GDELT files have no header row: the columns are known by position."""
    with open(path, encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert all(len(r) == len(columns) for r in rows)
    return [dict(zip(columns, r)) for r in rows]


@pytest.fixture
def store(tmp_path):
    with Store(str(tmp_path / "ew.duckdb")) as s:
        for c in corpus():
            s.add_coded(c)
        s.finalize()
        yield s


def test_jsonl_lines_are_contract_records(tmp_path):
    out = tmp_path / "r.jsonl"
    write_records(records(), "jsonl", str(out))
    lines = [json.loads(x) for x in out.read_text().splitlines()]
    assert len(lines) == 4 and list(lines[0])[:len(EVENT_FIELDS)] == EVENT_FIELDS


def test_csv_has_flat_columns(tmp_path):
    out = tmp_path / "r.csv"
    write_records(records(), "csv", str(out))
    rows = list(csv.DictReader(out.open()))
    assert {r["source_code"] for r in rows} == {"CHNGOV", "USAGOV", "CHN"}
    assert rows[0]["doc_outlet"] == "Wire A" and rows[0]["cameo"] == "042"


def test_csv_and_parquet_carry_who_said_it(tmp_path):
    """Reported speech keeps its speaker in flat exports too: the words, the actor id and
    the speaker's own actor code (a ministry spokesman of China is CHNGOV)."""
    recs = records()
    recs[0] = dict(recs[0], attribution={"speaker": "a foreign ministry spokesman", "actor_id": None,
                                         "code": "CHNGOV", "cue": "said"})
    write_records(recs, "csv", str(tmp_path / "r.csv"))
    write_records(recs, "parquet", str(tmp_path / "r.parquet"))
    rows = list(csv.DictReader((tmp_path / "r.csv").open()))
    assert rows[0]["attribution_speaker"] == "a foreign ministry spokesman"
    assert rows[0]["attribution_code"] == "CHNGOV" and rows[1]["attribution_code"] == ""
    codes = duckdb.sql(f"SELECT attribution_code FROM '{tmp_path / 'r.parquet'}'").fetchall()
    assert sorted(c for (c,) in codes if c) == ["CHNGOV"]


def test_parquet_reads_back_in_duckdb(tmp_path):
    out = tmp_path / "r.parquet"
    write_records(records(), "parquet", str(out))
    rows = duckdb.sql(f"SELECT cameo, negated, goldstein FROM '{out}' ORDER BY cameo").fetchall()
    assert rows == [("040", True, 1.0), ("042", False, 1.9), ("042", False, 1.9), ("163", False, -8.0)]


def test_gdelt_events_and_mentions_by_column_name(tmp_path):
    out = tmp_path / "events.tsv"
    write_records(records(), "gdelt", str(out))
    events = read_gdelt(out)
    assert out.read_text().splitlines()[0].split("\t")[0].isdigit()   # no header row
    visit = next(e for e in events if e["EventCode"] == "042")
    assert (visit["NumMentions"], visit["NumSources"], visit["NumArticles"]) == ("2", "2", "2")
    assert visit["SQLDATE"] == "20171117" and visit["EventRootCode"] == "04"
    assert visit["Actor1Code"] == "CHNGOV" and visit["Actor1Type1Code"] == "GOV"
    assert visit["ActionGeo_CountryCode"] == "PRK" and visit["IsRootEvent"] == "1"
    assert {e["EventCode"] for e in events} == {"042", "163"}  # negated meeting left out
    mentions = read_gdelt(mentions_path(str(out)), GDELT_MENTION_COLUMNS)
    assert sorted(m["GLOBALEVENTID"] for m in mentions if m["GLOBALEVENTID"] == visit["GLOBALEVENTID"]) \
        == [visit["GLOBALEVENTID"]] * 2
    assert {m["MentionSourceName"] for m in mentions} == {"Wire A", "Wire B"}


def test_gdelt_export_from_the_store_matches_the_in_memory_one(store, tmp_path):
    a, b = tmp_path / "a.tsv", tmp_path / "b.tsv"
    write_records(records(), "gdelt", str(a))
    export_store(store, "gdelt", str(b))
    drop = ("DATEADDED",)
    key = lambda r: r["GLOBALEVENTID"]  # noqa: E731
    rows_a = [{k: v for k, v in r.items() if k not in drop} for r in sorted(read_gdelt(a), key=key)]
    rows_b = [{k: v for k, v in r.items() if k not in drop} for r in sorted(read_gdelt(b), key=key)]
    assert rows_a == rows_b
    assert len(read_gdelt(mentions_path(str(b)), GDELT_MENTION_COLUMNS)) == 3


def test_polecat_columns_carry_plover_types(store, tmp_path):
    out = tmp_path / "polecat.tsv"
    export_store(store, "polecat", str(out))
    rows = read_tsv(out)
    assert list(rows[0]) == POLECAT_COLUMNS
    sanction = next(r for r in rows if r["CAMEO Code"] == "163")
    assert sanction["Event Type"] == "SANCTION" and sanction["Quad Code"] == "MATERIAL CONFLICT"
    assert sanction["Actor Country"] == "USA" and sanction["Primary Actor Sector"] == "GOV"
    assert sanction["Event Intensity"] == "-6.0"      # PLOVER's score, not Goldstein (-8)


@pytest.mark.parametrize("fmt", ["jsonl", "csv", "parquet"])
def test_store_exports_records_without_negated_unless_asked(store, tmp_path, fmt):
    out = tmp_path / f"x.{fmt}"
    assert export_store(store, fmt, str(out)) == 3
    back = duckdb.sql(f"SELECT * FROM '{out}'" if fmt != "jsonl" else
                      f"SELECT * FROM read_json_auto('{out}')").df()
    assert len(back) == 3 and back["canonical_event_id"].notna().all()
    assert export_store(store, fmt, str(out), include_negated=True) == 4


def test_gdelt_ids_are_integers_from_the_canonical_id():
    assert gdelt_id("ffffffffffffffff") == 2 ** 60 - 1


def test_empty_exports(tmp_path):
    write_records([], "gdelt", str(tmp_path / "e.tsv"))
    assert (tmp_path / "e.tsv").read_text() == ""                 # GDELT: no header row
    write_records([], "gdelt", str(tmp_path / "h.tsv"), header=True)
    assert (tmp_path / "h.tsv").read_text().split("\n")[0].split("\t") == GDELT_EVENT_COLUMNS
    write_records([], "polecat", str(tmp_path / "p.tsv"))         # POLECAT files have one
    assert (tmp_path / "p.tsv").read_text().splitlines()[0].split("\t") == POLECAT_COLUMNS


def test_month_and_year_precision_survive_every_export(tmp_path):
    recs = [r for c in [
        make_coded("Known to the month.", [make_event("RUSGOV", "UKR", "163", "2017-11-01",
                                                      precision="month")], outlet="Wire C"),
        make_coded("Known to the year.", [make_event("RUSGOV", "UKR", "111", "2016-01-01",
                                                     precision="year")], outlet="Wire D"),
        make_coded("Known to the day.", [make_event("RUSGOV", "UKR", "120", "2017-11-14")],
                   outlet="Wire E"),
    ] for r in c.events]
    # GDELT keeps SQLDATE (the first day) and says the precision in the extended export
    out = tmp_path / "ext.tsv"
    write_records(recs, "gdelt-ext", str(out))
    ext = GDELT_EVENT_COLUMNS + ["DatePrecision", "CanonicalEventID"]
    rows = {r["EventCode"]: r for r in read_gdelt(out, ext)}
    assert (rows["163"]["SQLDATE"], rows["163"]["DatePrecision"]) == ("20171101", "month")
    assert (rows["111"]["SQLDATE"], rows["111"]["DatePrecision"]) == ("20160101", "year")
    assert rows["120"]["DatePrecision"] == "day"
    # the plain GDELT export keeps GDELT's own columns
    write_records(recs, "gdelt", str(tmp_path / "plain.tsv"))
    assert len(read_gdelt(tmp_path / "plain.tsv")) == 3
    # POLECAT and JSONL carry it
    write_records(recs, "polecat", str(tmp_path / "p.tsv"))
    assert {r["CAMEO Code"]: r["Date Precision"] for r in read_tsv(tmp_path / "p.tsv")} == \
        {"163": "month", "111": "year", "120": "day"}
    write_records(recs, "jsonl", str(tmp_path / "r.jsonl"))
    lines = [json.loads(x) for x in (tmp_path / "r.jsonl").read_text().splitlines()]
    assert sorted(x["date_precision"] for x in lines) == ["day", "month", "year"]


def test_store_export_keeps_precision(tmp_path):
    with Store(str(tmp_path / "ew.duckdb")) as s:
        s.add_coded(make_coded("Known to the month.", [make_event(
            "RUSGOV", "UKR", "163", "2017-11-01", precision="month")]))
        s.finalize()
        assert s.events().date_precision.tolist() == ["month"]
        export_store(s, "gdelt-ext", str(tmp_path / "e.tsv"))
        export_store(s, "polecat", str(tmp_path / "p.tsv"))
    ext = GDELT_EVENT_COLUMNS + ["DatePrecision", "CanonicalEventID"]
    assert read_gdelt(tmp_path / "e.tsv", ext)[0]["DatePrecision"] == "month"
    assert read_tsv(tmp_path / "p.tsv")[0]["Date Precision"] == "month"


def test_events_table_shows_a_month_as_a_month(tmp_path, capsys):
    from eventwire.cli import main
    db = str(tmp_path / "ew.duckdb")
    with Store(db) as s:
        s.add_coded(make_coded("Known to the month.", [make_event(
            "RUSGOV", "UKR", "163", "2017-11-01", precision="month",
            sentence="Moscow cut gas deliveries to Kyiv in November.")]))
        s.finalize()
    assert main(["events", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "2017-11 " in out and "2017-11-01" not in out
