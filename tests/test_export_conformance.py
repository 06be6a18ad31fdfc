"""Exports that load in the tools people use (issue 17).

- GDELT files load with pandas the way GDELT's own do: headerless, tab-separated, with
  the official 61 Events / 16 Mentions column names (../shared/eval/gdelt).
- The POLECAT export passes a schema check read from the PLOVER manual
  (tests/plover_manual.py), field by field.
- ``--out`` takes a file, a file prefix or a directory; Parquet has typed dates.
"""
from __future__ import annotations

import csv
import datetime as _dt
import re

import pandas as pd
import pytest

from conftest import EVAL
from eventwire.cli import main
from eventwire.export import (GDELT_EVENT_COLUMNS, GDELT_EXTENDED_COLUMNS, POLECAT_COLUMNS,
                              POLECAT_COLUMNS_PUBLISHED, export_store, output_paths,
                              write_records)
from eventwire.events.codebook import get_codebook
from eventwire.store import Store
from test_store_factory import make_coded, make_event

COLUMNS_FILE = EVAL / "gdelt" / "GDELT2_event_mentions_columns.tsv"


def official_columns() -> dict[str, list[str]]:
    """The GDELT 2.0 codebook's column order: {"events": [61 names], "mentions": [16]}."""
    if not COLUMNS_FILE.is_file():
        pytest.skip(f"GDELT column list not found at {COLUMNS_FILE}")
    out: dict[str, list[str]] = {"events": [], "mentions": []}
    with open(COLUMNS_FILE, encoding="utf-8") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            out[row["table"]].append(row["column"])
    return out


def plover_corpus():
    """One event per CAMEO code of the codebook's PLOVER table, plus statements (no PLOVER
    type), media and health agents, and international organisations."""
    codes = sorted(get_codebook().plover_map)
    docs = []
    for i, code in enumerate(codes):
        ev = make_event("CHNGOV", "PRKMIL", code, f"2017-{1 + i % 12:02d}-{1 + i % 27:02d}",
                        sentence=f"Event number {i} of the conformance corpus, code {code}.",
                        plover=get_codebook().plover_for(code))
        docs.append(make_coded(f"Conformance article {i}.", [ev], outlet=f"Wire {i % 5}"))
    def recoded(ev, side, **fields):   # an actor object the factory does not make
        ev[side] = dict(ev[side], **fields)
        return ev

    extra = [
        make_event("CHNMED", "USA", "010", "2017-11-02", sentence="State media said a thing."),
        make_event("CHNMED", "USA", "012", "2017-11-03", sentence="State media was upset."),
        make_event("USA", "CHNMED", "111", "2017-11-04", sentence="Washington criticised the paper."),
        recoded(make_event("USA", "CHN", "070", "2017-11-05", sentence="Aid went to the clinics."),
                "target", code="CHNHLH", agent="HLH"),
        recoded(make_event("USA", "IGOUNO", "111", "2017-11-06",
                           sentence="Washington criticised the UN."),
                "target", country=None, agent=None),
        recoded(make_event("IGOUNOHLH", "CHN", "130", "2017-11-07",
                           sentence="The health agency warned."),
                "source", country=None, agent=None),
    ]
    for i, ev in enumerate(extra):
        ev["plover"] = get_codebook().plover_for(ev["cameo"])
        docs.append(make_coded(f"Extra article {i}.", [ev], outlet="Wire X"))
    return docs


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    path = tmp_path_factory.mktemp("conformance") / "ew.duckdb"
    with Store(str(path)) as s:
        for c in plover_corpus():
            s.add_coded(c)
        s.finalize()
    return str(path)


# ---------------------------------------------------------------- GDELT

def test_our_gdelt_columns_are_the_official_ones():
    official = official_columns()
    assert GDELT_EVENT_COLUMNS == official["events"] and len(official["events"]) == 61
    from eventwire.export import GDELT_MENTION_COLUMNS
    assert GDELT_MENTION_COLUMNS == official["mentions"] and len(official["mentions"]) == 16


def test_gdelt_loads_with_pandas_headerless(store, tmp_path):
    names = official_columns()
    with Store(store, read_only=True) as s:
        n = export_store(s, "gdelt", str(tmp_path / "out") + "/")
        n_events = len(s.sql("SELECT * FROM events WHERE NOT negated AND NOT historical"))
    events_file = tmp_path / "out" / "eventwire.export.CSV"
    mentions_file = tmp_path / "out" / "eventwire.mentions.CSV"
    assert sorted(n.paths) == sorted([str(events_file), str(mentions_file)])
    events = pd.read_csv(events_file, sep="\t", header=None, names=names["events"],
                         dtype={"EventCode": str, "EventBaseCode": str, "EventRootCode": str})
    assert len(events) == n == n_events
    assert events["GLOBALEVENTID"].dtype.kind == "i" and events["GLOBALEVENTID"].is_unique
    assert events["SQLDATE"].dtype.kind == "i"
    assert events["SQLDATE"].astype(str).str.fullmatch(r"\d{8}").all()
    assert events["EventCode"].str.fullmatch(r"\d{3,4}").all()   # leading zeros kept
    assert events["GoldsteinScale"].between(-10, 10).all()
    assert events["QuadClass"].isin([1, 2, 3, 4]).all()
    mentions = pd.read_csv(mentions_file, sep="\t", header=None, names=names["mentions"])
    assert set(mentions["GLOBALEVENTID"]) == set(events["GLOBALEVENTID"])
    assert mentions["EventTimeDate"].astype(str).str.fullmatch(r"\d{14}").all()
    assert mentions.groupby("GLOBALEVENTID").size().sort_index().tolist() == \
        events.set_index("GLOBALEVENTID")["NumMentions"].sort_index().tolist()


def test_gdelt_header_is_an_option(store, tmp_path):
    with Store(store, read_only=True) as s:
        export_store(s, "gdelt", str(tmp_path / "h.tsv"), header=True)
        export_store(s, "gdelt-ext", str(tmp_path / "x.tsv"))
    assert list(pd.read_csv(tmp_path / "h.tsv", sep="\t", nrows=1)) == GDELT_EVENT_COLUMNS
    ext = pd.read_csv(tmp_path / "x.tsv", sep="\t", header=None,
                      names=GDELT_EVENT_COLUMNS + GDELT_EXTENDED_COLUMNS)
    assert ext["CanonicalEventID"].str.fullmatch(r"[0-9a-f]{16}").all()


@pytest.mark.parametrize("out, fmt, expected", [
    ("out/", "gdelt", ("out/eventwire.export.CSV", "out/eventwire.mentions.CSV")),
    ("out/run1", "gdelt", ("out/run1.export.CSV", "out/run1.mentions.CSV")),
    ("events.tsv", "gdelt", ("events.tsv", "events.mentions.tsv")),
    ("out/", "polecat", ("out/eventwire.polecat.tsv", None)),
    ("out/run1", "parquet", ("out/run1.parquet", None)),
    ("x.jsonl", "jsonl", ("x.jsonl", None)),
    (None, "gdelt", (None, None)),
])
def test_out_is_a_file_a_prefix_or_a_directory(out, fmt, expected):
    got = output_paths(out, fmt)
    assert (got.main, got.mentions) == expected


def test_readme_export_command_works(store, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["export", "--db", store, "--format", "gdelt", "--out", f"{out}/"]) == 0
    assert sorted(p.name for p in out.iterdir()) == ["eventwire.export.CSV",
                                                     "eventwire.mentions.CSV"]
    assert "wrote" in capsys.readouterr().err
    out.joinpath("again").mkdir()
    assert main(["export", "--db", store, "--format", "gdelt", "--out", str(out / "again")]) == 0
    assert (out / "again" / "eventwire.export.CSV").is_file()


# ---------------------------------------------------------------- Parquet

def test_parquet_dates_are_dates(store, tmp_path):
    import pyarrow.parquet as pq
    out = tmp_path / "m.parquet"
    with Store(store, read_only=True) as s:
        export_store(s, "parquet", str(out))
    schema = pq.read_schema(out)
    assert str(schema.field("date").type) == "date32[day]"
    assert str(schema.field("doc_published").type) == "date32[day]"
    assert str(schema.field("negated").type) == "bool"
    df = pd.read_parquet(out)
    assert isinstance(df["date"].dropna().iloc[0], _dt.date)


# ---------------------------------------------------------------- POLECAT / PLOVER

def test_polecat_columns_start_with_polecats_own():
    assert POLECAT_COLUMNS[:len(POLECAT_COLUMNS_PUBLISHED)] == POLECAT_COLUMNS_PUBLISHED
    assert len(POLECAT_COLUMNS_PUBLISHED) == 40


@pytest.fixture(scope="module")
def polecat(store, tmp_path_factory):
    out = tmp_path_factory.mktemp("polecat") / "p.tsv"
    with Store(store, read_only=True) as s:
        written = export_store(s, "polecat", str(out))
        events = s.sql("SELECT plover_event_type FROM events WHERE NOT negated AND NOT historical")
    rows = pd.read_csv(out, sep="\t", dtype=str, keep_default_na=False).to_dict("records")
    return rows, written, events


def test_polecat_rows_have_a_plover_type_or_are_left_out_and_counted(polecat):
    rows, written, events = polecat
    typed = events["plover_event_type"].notna() & (events["plover_event_type"] != "")
    assert len(rows) == written == typed.sum()
    assert sum(written.left_out.values()) == (~typed).sum() > 0


def test_polecat_passes_the_plover_manual_schema(polecat):
    from plover_manual import ngec_modes, schema
    plover = schema()
    rows, _, _ = polecat
    scores = dict(plover["scores"])
    scores[("ACCUSE", None)] = -3.0  # the manual prints 3: a lost minus (data/plover/scores.csv)
    for row in rows:
        etype, mode = row["Event Type"], row["Event Mode"] or None
        assert etype in plover["types"], row
        assert mode is None or mode in plover["types"][etype]["modes"] | ngec_modes().get(etype, set())
        assert row["Quad Code"] == plover["types"][etype]["quad"]
        assert float(row["Event Intensity"]) == scores.get((etype, mode), scores[(etype, None)]), row
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", row["Event Date"])
        for field in ("Contexts", "Actor Sectors", "Recipient Sectors"):
            assert "," not in row[field] and "|" not in row[field]   # one separator: ";"
        assert set(filter(None, row["Contexts"].split(";"))) <= plover["contexts"]
        for who in ("Actor", "Recipient"):
            sectors = [row[f"Primary {who} Sector"]] + row[f"{who} Sectors"].split(";")
            assert set(filter(None, sectors)) <= plover["sectors"], row
            country = row[f"{who} Country"]
            assert country == "" or re.fullmatch(r"[A-Z]{3}", country)
    assert len({r["Event ID"] for r in rows}) == len(rows)


def test_polecat_uses_plover_sectors_and_intensity_not_cameo(polecat):
    rows, _, _ = polecat
    by_text = {r["Event Text"]: r for r in rows}
    paper = by_text["Washington criticised the paper."]
    assert paper["Primary Recipient Sector"] == "JRN"                  # CAMEO MED is media
    clinics = by_text["Aid went to the clinics."]
    assert clinics["Primary Recipient Sector"] == "MED"                # CAMEO HLH is health
    assert float(clinics["Event Intensity"]) == 10.0                   # AID; Goldstein 070 is 7
    un = by_text["Washington criticised the UN."]
    assert (un["Recipient Country"], un["Event Type"], un["Event Mode"]) == ("UNO", "ACCUSE", "disapprove")
    assert float(un["Event Intensity"]) == -2.0
    agency = by_text["The health agency warned."]
    assert (agency["Actor Country"], agency["Primary Actor Sector"]) == ("UNO", "MED")
    assert "State media said a thing." not in by_text                 # 010: no PLOVER type
