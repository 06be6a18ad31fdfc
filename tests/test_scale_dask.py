"""Scale-out on Dask (issue 8): a 2-worker LocalCluster gives the single-process result."""
from __future__ import annotations

import json
import os

import pytest

from eventwire import scale
from eventwire.config import Settings
from eventwire.dedup import assign_canonical_ids
from eventwire.ingest import read_inputs
from eventwire.pipeline import code_documents

# Short articles written for this test.
ARTICLES = [
    ("Envoy to Hanoi",
     "Tokyo announced on Monday that it will send a special envoy to Vietnam. "
     "The envoy met Vietnamese officials in Hanoi on Friday.\n\n"
     "South Korea welcomed the visit."),
    ("Border clash",
     "Indian troops clashed with Chinese soldiers on the border on Tuesday, officials said. "
     "India accused China of violating the ceasefire.\n\n"
     "Weather in the region was cold."),
    ("Sanctions",
     "The European Union imposed new sanctions on Russia on Thursday. Russia condemned "
     "the decision and threatened to retaliate against European companies."),
    ("Aid",
     "Japan pledged humanitarian aid to the Philippines after the typhoon. "
     "The Philippine government thanked Japan for its support."),
    ("Talks",
     "Iran and France held talks in Paris on Wednesday about the nuclear agreement. "
     "The French foreign minister said the talks were constructive."),
    ("Protest",
     "Thousands of protesters demonstrated in Caracas against the Venezuelan government. "
     "Police arrested dozens of demonstrators, the opposition said."),
]


def _write_inputs(tmp_path):
    txt_dir = tmp_path / "txt"
    txt_dir.mkdir()
    for i, (_title, body) in enumerate(ARTICLES[:3]):
        (txt_dir / f"a{i}.txt").write_text(body, encoding="utf-8")
    jsonl = tmp_path / "feed.jsonl"
    with jsonl.open("w", encoding="utf-8") as fh:
        for i, (title, body) in enumerate(ARTICLES[3:] + COPIES):
            art = {"id": f"j{i}", "url": f"https://example.org/{i}", "title": title,
                   "published": "2017-11-20", "text": body}
            if i == 2:   # no id/url: named by file and line number
                del art["id"], art["url"]
                fh.write("\n")
            fh.write(json.dumps(art) + "\n")
    return [str(txt_dir), str(jsonl)]


# Copies that land in other partitions than their originals: a syndicated near-copy of
# the first article (the same words in an outlet's all-capitals house style: another
# doc_id, the same shingles) and an exact copy of the second.
COPIES = [("Envoy (syndicated)", ARTICLES[0][1].upper()),
          ("Border clash (again)", ARTICLES[1][1])]


def _jsonl_supported(path):
    docs = list(read_inputs([path], published="2017-11-22"))
    return len(docs) == len(ARTICLES) - 3 + len(COPIES)


def _events(records):
    """Canonical events with their mention counts, by id."""
    from eventwire.dedup import canonical_events
    return {e["canonical_event_id"]: (e["num_mentions"], e["num_articles"], e["cameo"], e["date"])
            for e in canonical_events([dict(r) for r in records])}


def _without_canonical(records):
    """Public fields (private ``_`` helper keys are never output) minus the dedup id."""
    return {r["event_id"]: {k: v for k, v in r.items()
                            if k != "canonical_event_id" and not k.startswith("_")}
            for r in records}


def test_plan_partitions_cuts_jsonl_at_line_starts(tmp_path):
    inputs = _write_inputs(tmp_path)
    parts = scale.plan_partitions(inputs, jsonl_bytes=50, files_per_partition=2)
    kinds = [p.kind for p in parts]
    assert kinds[:2] == ["files", "files"] and set(kinds[2:]) == {"jsonl"}
    raw = open(inputs[1], "rb").read()
    ranges = [(p.start, p.end) for p in parts if p.kind == "jsonl"]
    assert ranges[0][0] == 0 and ranges[-1][1] == len(raw)
    for (s, e), (s2, _e2) in zip(ranges, ranges[1:]):
        assert e == s2 and raw[e - 1:e] == b"\n"
    for p in parts:
        if p.kind == "jsonl":
            assert p.first_line == raw[:p.start].count(b"\n") + 1


@pytest.mark.slow
def test_dask_local_cluster_equals_single_process(tmp_path):
    distributed = pytest.importorskip("distributed")
    inputs = _write_inputs(tmp_path)
    if not _jsonl_supported(inputs[1]):
        inputs = inputs[:1]      # the JSONL reader has not landed yet
    settings = Settings()
    published = "2017-11-22"

    single_docs = list(code_documents(read_inputs(inputs, published=published), settings))
    single = [r for c in single_docs for r in c.events]

    out = tmp_path / "out"
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as client:
        stats = scale.run_dask(inputs, str(out), settings, client=client, published=published,
                               jsonl_bytes=64, files_per_partition=2)
    assert len(stats) >= 3
    assert not [e for s in stats for e in s["errors"]]
    assert sum(s["documents"] for s in stats) == len(single_docs)

    dask_records = list(scale.read_parquet_records(str(out)))
    assert _without_canonical(dask_records) == _without_canonical(single)
    # Dedup after the merge gives the same canonical events as the single run.
    assign_canonical_ids(single)
    assign_canonical_ids(dask_records)
    assert {r["event_id"]: r["canonical_event_id"] for r in dask_records} == \
        {r["event_id"]: r["canonical_event_id"] for r in single}
    assert _events(dask_records) == _events(single)

    # Copies in other partitions are linked (and not coded) as in the single run.
    single_links = {c.document.doc_id: c.document.duplicate_of for c in single_docs}
    coded_links = {c.document.doc_id: c.document.duplicate_of
                   for c in scale.read_parquet_coded(str(out))}
    assert coded_links == single_links
    if len(inputs) > 1:
        assert sum(1 for v in single_links.values() if v) == 1

    # The documents come back whole.
    coded = list(scale.read_parquet_coded(str(out)))
    assert sorted(c.document.doc_id for c in coded) == sorted(c.document.doc_id for c in single_docs)
    by_id = {c.document.doc_id: c.document for c in single_docs}
    for c in coded:
        assert c.document.text == by_id[c.document.doc_id].text
        assert c.document.path == by_id[c.document.doc_id].path

    # ... and load into the store, deduplicated after the merge.
    from eventwire.store import Store
    with Store(str(tmp_path / "ew.duckdb")) as store:
        res = scale.load_parquet(str(out), store)
        assert res["added"] == len(single_docs) and res["failed"] == 0
        n = store.sql("SELECT count(*) AS n FROM mentions")["n"][0]
        assert n == len(single)
        again = scale.load_parquet(str(out), store)
        assert again["added"] == 0 and again["skipped"] == len(single_docs)
        dask_events = store.sql("SELECT canonical_event_id, num_mentions, num_articles "
                                "FROM events ORDER BY 1").values.tolist()
    # ... the same canonical events and mention counts as a local ingest of the same corpus
    from eventwire.store import ingest_coded
    local_docs = list(code_documents(read_inputs(inputs, published=published), settings))
    with Store(str(tmp_path / "local.duckdb")) as store:
        ingest_coded(store, local_docs)
        store.finalize()
        assert store.sql("SELECT canonical_event_id, num_mentions, num_articles "
                         "FROM events ORDER BY 1").values.tolist() == dask_events


def test_parquet_columns_are_flat_plus_full_record(tmp_path):
    import pyarrow.parquet as pq
    from eventwire.pipeline import CodedDocument, finish_record
    from eventwire.records import Document, flatten

    d = Document.from_text("China met Japan.", path="x.txt", language="en")
    ev = {"sentence_index": 0, "sentence": "China met Japan.", "span": [0, 16],
          "source": {"text": "China", "code": "CHN", "span": [0, 5]},
          "target": {"text": "Japan", "code": "JPN", "span": [10, 15]},
          "cameo": "040", "cameo_root": "04", "quad_class": 1, "goldstein": 1.0,
          "verb": {"text": "met", "lemma": "meet", "span": [6, 9]}, "pattern": "t",
          "_private": 1}
    rec = finish_record(ev, d)
    scale.write_partition(str(tmp_path), 7, [CodedDocument(d, [rec])])
    table = pq.read_table(tmp_path / "events" / "part-00007.parquet")
    cols = set(table.column_names)
    assert set(flatten(rec)) <= cols and "record" in cols
    row = table.to_pylist()[0]
    assert row["source_code"] == "CHN" and row["span_start"] == 0 and row["quad_class"] == 1
    back = json.loads(row["record"])
    assert back == {k: v for k, v in rec.items() if not k.startswith("_")}
    assert os.listdir(tmp_path / "documents") == ["part-00007.parquet"]


def test_cli_code_dask_requires_out_dir(tmp_path, capsys):
    from eventwire.cli import main
    p = tmp_path / "a.txt"
    p.write_text(ARTICLES[0][1], encoding="utf-8")
    assert main(["code", "--engine", "dask", str(p)]) == 2
    assert "--out" in capsys.readouterr().err


def test_cli_ingest_from_parquet_loads_and_dedups(tmp_path):
    from eventwire.cli import main
    from eventwire.pipeline import CodedDocument, finish_record
    from eventwire.records import Document
    from eventwire.store import Store

    coded = []
    for i, outlet in enumerate(["a", "b"]):       # one event reported by two outlets
        sentence = "China met Japan in Tokyo over the disputed islands and fishing rights."
        d = Document.from_text(f"{sentence} Report {i}.", path=f"{outlet}.txt",
                               outlet=outlet, published="2017-11-20", language="en")
        ev = {"sentence_index": 0, "sentence": sentence, "span": [0, len(sentence)],
              "source": {"text": "China", "name": "China", "code": "CHN", "country": "CHN",
                         "actor_id": "country:CHN", "span": [0, 5]},
              "target": {"text": "Japan", "name": "Japan", "code": "JPN", "country": "JPN",
                         "actor_id": "country:JPN", "span": [10, 15]},
              "cameo": "040", "cameo_root": "04", "quad_class": 1, "goldstein": 1.0,
              "verb": {"text": "met", "lemma": "meet", "span": [6, 9]}, "pattern": "t",
              "date": "2017-11-20", "date_precision": "day", "date_basis": "publication"}
        coded.append(CodedDocument(d, [finish_record(ev, d)]))
    out = tmp_path / "parts"
    scale.write_partition(str(out), 0, coded[:1])
    scale.write_partition(str(out), 1, coded[1:])
    db = str(tmp_path / "ew.duckdb")
    assert main(["ingest", "--from-parquet", str(out), "--db", db]) == 0
    with Store(db, read_only=True) as store:
        s = store.summary()
        assert s["documents"] == 2 and s["mentions"] == 2
        ids = store.sql("SELECT DISTINCT canonical_event_id FROM mentions")
        assert len(ids) == 1 and ids.iloc[0, 0] is not None
