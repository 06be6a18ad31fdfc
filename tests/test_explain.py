"""``eventwire explain``: the parse, the actors, every pattern tried and why."""
import json

from eventwire.events.explain import explain


def test_explain_shows_the_pattern_that_fired_and_why_others_did_not(pipeline):
    res = explain("China seems to have rejected the American ultimatum.", nlp=pipeline)
    (s,) = res["sentences"]
    assert [t["lemma"] for t in s["tokens"]][:2] == ["China", "seem"]
    assert {a["code"] for a in s["actors"]} >= {"CHN", "USA"}
    fired = [t for t in s["tries"] if t["fired"]]
    assert [t["pattern"] for t in fired] == ["12.reject_plan"]
    assert fired[0]["modality"] == "hedged"
    reasons = {t["pattern"]: t["reason"] for t in s["tries"] if not t["fired"]}
    assert "more specific 12.reject_plan wins" in reasons["12.reject"]
    assert "'ultimatum'" in reasons["12.reject_talks"] and "not in ['talk'" in reasons["12.reject_talks"]
    assert [(e["source"]["code"], e["cameo"], e["target"]["code"]) for e in s["events"]] == \
        [("CHNGOV", "127", "USAGOV")]   # a country as actor: its government


def test_explain_says_why_a_sentence_is_skipped(pipeline):
    res = explain("The weather was fine. Xi Jinping meets Kim Jong-un Source: Yonhap News",
                  nlp=pipeline)
    skipped = [s["skipped"] for s in res["sentences"]]
    assert "no actor" in skipped[0]
    assert "caption" in skipped[1]


def test_explain_reports_a_missing_target(pipeline):
    res = explain("Japan sent an envoy to the conference.", nlp=pipeline)
    reasons = [t["reason"] for t in res["sentences"][0]["tries"] if t["pattern"] == "04.send_envoy"]
    assert reasons == ["no target actor in prep:to"]


def test_explain_negation_is_visible(pipeline):
    res = explain("Narendra Modi and Imran Khan have never met.", nlp=pipeline)
    fired = [t for t in res["sentences"][0]["tries"] if t["fired"]]
    assert fired and fired[0]["negated_by"] == "never"


def test_explain_cli_json(capsys):
    from eventwire.cli import main
    assert main(["explain", "Russia criticized Japan.", "--published", "2017-11-22", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["published"] == "2017-11-22"
    assert out["sentences"][0]["events"][0]["cameo"] == "111"


def test_explain_cli_table(capsys):
    from eventwire.cli import main
    assert main(["explain", "Russia criticized Japan."]) == 0
    out = capsys.readouterr().out
    assert "11.criticize" in out and "patterns tried" in out


def test_explain_event_says_why_two_articles_report_one_event(tmp_path, capsys):
    from eventwire.cli import main
    from eventwire.store import Store
    from test_store_factory import make_coded, make_event

    db = str(tmp_path / "ew.duckdb")
    with Store(db) as store:
        for outlet, sentence in (("A", "Kenyan troops shelled a rebel camp near Kismayo at dawn."),
                                 ("B", "Kenya's army shelled the rebel camp outside Kismayo.")):
            store.add_coded(make_coded(f"Report by {outlet}.", [make_event(
                "KENMIL", "SOMREB", "195", "2017-11-20", sentence=sentence)], outlet=outlet))
        store.finalize()
        cid = store.sql("SELECT canonical_event_id FROM events WHERE num_articles = 2"
                        ).canonical_event_id[0]
    assert main(["explain", "--event", cid, "--db", db, "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["event"]["num_articles"] == 2 and len(out["mentions"]) == 2
    (merge,) = out["merges"]
    assert merge["across_articles"] and merge["days_apart"] == 0
    assert merge["source"] == "same code KENMIL" and merge["code"] == "same CAMEO base 195"
    assert {"camp", "Kismayo", "rebel"} <= set(merge["content"]["shared"])
    assert main(["explain", "--event", cid, "--db", db]) == 0
    assert "why merged" in capsys.readouterr().out
    assert main(["explain", "--event", "nope", "--db", db]) == 1
