"""One record per real event per article (``eventwire.dedup.fold``): an article's
mentions of one event fold into one record that lists them all — and two events of one
article never fold. Sentences are written for these tests."""
from __future__ import annotations

import json

import pytest

from eventwire.dedup import assign_canonical_ids, fold_article, fold_records, same_account

from test_store_factory import make_coded, make_event

ARTICLE = "An article about the border, written for the fold tests."


def article(*events: dict, text: str = ARTICLE) -> list[dict]:
    """Records of one article: each dict is make_event's keywords; sentence i by default."""
    evs = []
    for i, kw in enumerate(events):
        kw = dict(kw)
        kw.setdefault("sentence_index", i)
        evs.append(make_event(**kw))
    recs = make_coded(text, evs).events
    assign_canonical_ids(recs)
    return recs


def folded_groups(recs: list[dict]) -> list[list[int]]:
    """The sentence indexes of each folded record (sorted), in output order."""
    return [sorted(m["sentence_index"] for m in r["mentions"]) for r in fold_article(recs)]


SHELLED = dict(source="RUSMIL", target="UKR", cameo="190", date="2022-03-07")
APPEAL = dict(source="NORGOV", target="SWEGOV", cameo="020", date="2022-03-07")

# (case, the mentions of one article, the expected records as sentence-index lists)
MUST_FOLD = [
    ("lead, then 'the shelling on Monday', then a quote",
     [SHELLED, SHELLED, dict(SHELLED, modality="reported")], [[0, 1, 2]]),
    ("a bare country on one side stands for its agent",
     [SHELLED, dict(SHELLED, source="RUS")], [[0, 1]]),
    ("the specific code and the root-level code of one attack",
     [dict(SHELLED, cameo="190"), dict(SHELLED, cameo="193")], [[0, 1]]),
    ("a mention dated by publication only joins the one dated account",
     [SHELLED, dict(SHELLED, date="2022-03-09", basis="publication")], [[0, 1]]),
    ("two mentions both dated by publication only",
     [dict(SHELLED, date="2022-03-09", basis="publication")] * 2, [[0, 1]]),
    ("a meeting told both ways (symmetric consult)",
     [dict(source="JPNGOV", target="KORGOV", cameo="040", date="2022-03-07"),
      dict(source="KORGOV", target="JPNGOV", cameo="040", date="2022-03-07")], [[0, 1]]),
    ("a visit and its hosting",
     [dict(source="CHNGOV", target="PRKGOV", cameo="042"),
      dict(source="PRKGOV", target="CHNGOV", cameo="043")], [[0, 1]]),
    ("one appeal told twice in the same words",
     [dict(APPEAL, sentence="Norway urged Sweden to reopen the Kiruna rail crossing for freight trains."),
      dict(APPEAL, sentence="Its call to reopen the Kiruna rail crossing to freight trains went unanswered.")],
     [[0, 1]]),
]

MUST_NOT_FOLD = [
    ("met on Monday ... met again on Tuesday: two meetings, though dedup's window holds both",
     [dict(SHELLED, date="2022-03-07"), dict(SHELLED, date="2022-03-08")], [[0], [1]]),
    ("a negated mention never folds into an asserted one",
     [SHELLED, dict(SHELLED, negated=True)], [[0], [1]]),
    ("a hypothetical mention never folds into an asserted one",
     [SHELLED, dict(SHELLED, modality="hypothetical")], [[0], [1]]),
    ("a planned visit is not the visit",
     [dict(cameo="042"), dict(cameo="042", modality="intended")], [[0], [1]]),
    ("different targets",
     [SHELLED, dict(SHELLED, target="KOR")], [[0], [1]]),
    ("different roots: shelling a town and condemning it",
     [SHELLED, dict(SHELLED, cameo="112")], [[0], [1]]),
    ("a target in one mention and none in the other is not filled",
     [SHELLED, dict(SHELLED, target=None)], [[0], [1]]),
    ("two different agents of one country",
     [SHELLED, dict(SHELLED, source="RUSGOV")], [[0], [1]]),
    ("two events the coder found in one sentence stay two",
     [SHELLED, dict(SHELLED, sentence_index=0)], [[0], [0]]),
    ("a publication-dated mention between two dated accounts belongs to neither",
     [dict(SHELLED, date="2022-03-07"), dict(SHELLED, date="2022-03-08"),
      dict(SHELLED, date="2022-03-09", basis="publication")], [[0], [1], [2]]),
    ("a publication-dated mention beside an account dated only to the month stays apart",
     [dict(SHELLED, date="2022-03-01", precision="month"),
      dict(SHELLED, date="2022-03-09", basis="publication")], [[0], [1]]),
    ("a month and a day are not the same date",
     [SHELLED, dict(SHELLED, date="2022-03-01", precision="month")], [[0], [1]]),
    ("two appeals of one pair on one day that ask for different things",
     [dict(APPEAL, sentence="Norway urged Sweden to reopen the Kiruna rail crossing for freight trains."),
      dict(APPEAL, sentence="Norway also urged Sweden to return the seized fishing boats.")],
     [[0], [1]]),
    ("a visit and the talks held during it are two consults",
     [dict(source="CHNGOV", target="PRKGOV", cameo="042"),
      dict(source="CHNGOV", target="PRKGOV", cameo="040")], [[0], [1]]),
    ("'A met B' = 'B met A' only with both sides known",
     [dict(source=None, target="KORGOV", cameo="040"),
      dict(source="KORGOV", target=None, cameo="040")], [[0], [1]]),
    ("two meetings with one leader, the other side unknown",
     [dict(source=None, target="CHNGOV", cameo="040",
           sentence="The envoy left Harbin before his planned session with Xi."),
      dict(source=None, target="CHNGOV", cameo="040",
           sentence="A separate meeting with Xi on fisheries quotas ended early.")],
     [[0], [1]]),
    ("two different people as source",
     [dict(source="USAGOV", source_person="ann-lee", cameo="042"),
      dict(source="USAGOV", source_person="bo-park", cameo="042")], [[0], [1]]),
]


@pytest.mark.parametrize("case, mentions, want", MUST_FOLD + MUST_NOT_FOLD,
                         ids=[c[0] for c in MUST_FOLD + MUST_NOT_FOLD])
def test_fold(case, mentions, want):
    assert folded_groups(article(*mentions)) == want


def test_two_articles_never_fold_into_one_record():
    one = article(SHELLED, text="The first article about the border.")
    two = article(SHELLED, text="The second article about the border.")
    recs = one + two
    assign_canonical_ids(recs)
    assert len({r["canonical_event_id"] for r in recs}) == 1  # dedup: one real event
    out = list(fold_records(recs))
    assert len(out) == 2 and [r["num_mentions"] for r in out] == [1, 1]
    assert not same_account(one[0], two[0])[0]


def test_the_representative_is_the_most_complete_mention_and_comes_first():
    recs = article(dict(SHELLED, source="RUS", date="2022-03-09", basis="publication"),
                   dict(SHELLED, cameo="193"), SHELLED)
    (rec,) = fold_article(recs)
    # the agent (RUSMIL) over the bare country, the text date over the publication day,
    # then the specific code; the other mentions follow in article order
    assert rec["event_id"] == recs[1]["event_id"]
    assert rec["source"]["code"] == "RUSMIL" and rec["cameo"] == "193"
    assert rec["date"] == "2022-03-07" and rec["date_basis"] == "text"
    assert [m["event_id"] for m in rec["mentions"]] == [recs[i]["event_id"] for i in (1, 0, 2)]
    assert rec["num_mentions"] == 3
    assert rec["canonical_event_id"] == recs[1]["canonical_event_id"]


def test_ties_go_to_the_earliest_mention():
    recs = article(SHELLED, SHELLED, SHELLED)
    (rec,) = fold_article(recs)
    assert rec["sentence_index"] == 0 and rec["event_id"] == recs[0]["event_id"]


def test_a_folded_record_keeps_every_contract_field_of_its_representative():
    from eventwire.records import EVENT_FIELDS
    recs = article(SHELLED, SHELLED)
    (rec,) = fold_article(recs)
    assert list(rec)[:len(EVENT_FIELDS)] == EVENT_FIELDS
    assert {k: rec[k] for k in EVENT_FIELDS} == {k: recs[0][k] for k in EVENT_FIELDS}
    assert set(rec["mentions"][1]) >= {"sentence_index", "sentence", "span", "verb",
                                       "pattern", "event_id"}
    json.dumps(rec)  # stays plain JSON


def test_records_come_in_article_order_of_their_first_mention():
    recs = article(dict(cameo="042"), SHELLED, dict(cameo="042"), SHELLED)
    assert folded_groups(recs) == [[0, 2], [1, 3]]


def test_fold_without_canonical_ids_clusters_the_article_itself():
    recs = article(SHELLED, SHELLED, dict(SHELLED, target="KOR"))
    for r in recs:
        r["canonical_event_id"] = None
    assert folded_groups(recs) == [[0, 1], [2]]


# -- the store keeps every mention; the exports fold or not, by format -----------------------

def _told_three_times():
    """One attack told in the lead, again below and in a quote; a second attack the next
    day; and a denied meeting."""
    return make_coded("Three tellings of one attack, written for the fold tests.", [
        make_event(**SHELLED, sentence_index=0),
        make_event(**SHELLED, sentence_index=2),
        make_event(**dict(SHELLED, modality="reported"), sentence_index=5),
        make_event(**dict(SHELLED, date="2022-03-08"), sentence_index=6),
        make_event("JPNGOV", "KORGOV", "040", "2022-03-07", negated=True, sentence_index=7),
    ], outlet="Wire A", path="https://wire-a.example/attack")


@pytest.fixture
def attack_store(tmp_path):
    from eventwire.store import Store
    with Store(str(tmp_path / "ew.duckdb")) as s:
        s.add_coded(_told_three_times())
        s.finalize()
        yield s


def test_the_store_keeps_every_mention_and_exports_one_record_per_event(attack_store, tmp_path):
    from eventwire.export import export_store
    store = attack_store
    mentions = store.mentions()
    assert len(mentions) == 5  # nothing stored is lost
    assert store.sql("SELECT count(*) FROM mentions").iloc[0, 0] == 5
    folded = tmp_path / "folded.jsonl"
    assert export_store(store, "jsonl", str(folded), include_negated=True) == 3
    recs = [json.loads(line) for line in folded.read_text().splitlines()]
    assert [r["num_mentions"] for r in recs] == [3, 1, 1]
    assert [m["sentence_index"] for m in recs[0]["mentions"]] == [0, 2, 5]
    assert sorted(m["event_id"] for r in recs for m in r["mentions"]) == \
        sorted(m["event_id"] for m in mentions)  # every stored mention in one record
    per = tmp_path / "per.jsonl"
    assert export_store(store, "jsonl", str(per), include_negated=True, per_mention=True) == 5
    assert all("mentions" not in json.loads(line) for line in per.read_text().splitlines())


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_flat_exports_carry_the_mentions(attack_store, tmp_path, fmt):
    import duckdb
    from eventwire.export import export_store
    out = tmp_path / f"out.{fmt}"
    assert export_store(attack_store, fmt, str(out)) == 2  # the denied meeting left out
    reader = "read_csv_auto" if fmt == "csv" else "read_parquet"
    rows = duckdb.sql(f"SELECT num_mentions, mentions FROM {reader}('{out}') "
                      "ORDER BY span_start").fetchall()
    assert [r[0] for r in rows] == [3, 1]
    assert [m["sentence_index"] for m in json.loads(rows[0][1])] == [0, 2, 5]


def test_gdelt_counts_every_mention_of_the_folded_event(attack_store, tmp_path):
    import csv
    from eventwire.export import GDELT_EVENT_COLUMNS, export_store
    out = tmp_path / "events.tsv"
    export_store(attack_store, "gdelt", str(out))
    with open(out, encoding="utf-8", newline="") as fh:
        rows = [dict(zip(GDELT_EVENT_COLUMNS, r))
                for r in csv.reader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)]
    # the article dates the second attack to another day: two real events, as the records
    # have them (dedup's one-day window is for two articles resolving one day differently)
    assert sorted(r["NumMentions"] for r in rows) == ["1", "3"]
    events = attack_store.events().to_dict("records")
    assert sorted(e["num_mentions"] for e in events) == [1, 3]


# -- end to end: `eventwire code` prints one record per event, --per-mention every mention --

ENVOY = ("China sent an envoy to North Korea on Friday. The Chinese envoy arrived in "
         "Pyongyang on Friday. China did not send an envoy to South Korea.")


def test_code_prints_one_record_per_event_unless_per_mention(tmp_path):
    from eventwire.cli import main
    art = tmp_path / "envoy.txt"
    art.write_text(ENVOY, encoding="utf-8")
    folded, per = tmp_path / "folded.jsonl", tmp_path / "per.jsonl"
    assert main(["code", str(art), "--published", "2023-03-10", "--out", str(folded)]) == 0
    assert main(["code", str(art), "--published", "2023-03-10", "--per-mention",
                 "--out", str(per)]) == 0
    mentions = [json.loads(line) for line in per.read_text().splitlines()]
    records = [json.loads(line) for line in folded.read_text().splitlines()]
    visits = [r for r in records if r["cameo"] == "042" and not r["negated"]]
    assert len(visits) == 1 and visits[0]["num_mentions"] == 2
    assert [m["sentence_index"] for m in visits[0]["mentions"]] == [0, 1]
    # the denied visit is its own record; nothing is lost
    assert any(r["negated"] for r in records)
    assert sorted(m["event_id"] for r in records for m in r["mentions"]) == \
        sorted(m["event_id"] for m in mentions)
    assert len(records) < len(mentions)
