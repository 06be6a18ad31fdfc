"""bench/news_extra/gold.jsonl, our second hand-coded dev set: every record well formed by
../shared/news/gold/GUIDELINES.md, and (when ../shared/news is present) its articles the ones
the README's selection rule picks and its spans real sentences of their articles."""
from __future__ import annotations

import csv
import json
import re
import sys

import pycountry
import pytest

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import eval_news as N  # noqa: E402

EXTRA = ROOT / "bench" / "news_extra" / "gold.jsonl"
NEWS = SHARED / "news"
needs_news = pytest.mark.skipif(not (NEWS / "articles.jsonl").exists(), reason="no ../shared/news")

FIELDS = {"article_id", "source", "target", "cameo", "root", "date", "date_precision", "historical",
          "negated", "spans", "attribution", "date_basis", "note"}
# GUIDELINES.md "Actor codes used", plus CAMEO's other standard sectors
SECTORS = {"GOV", "MIL", "COP", "JUD", "LEG", "OPP", "PTY", "REB", "RAD", "LAB", "BUS", "MED", "CVL",
           "NGO", "HRI", "REL", "SET", "REF", "CRM", "ELI", "SPY", "HLH", "EDU", "AGR", "DEV", "ENV",
           "IGO", "UAF", "INS"}
REGIONS = {"SAF", "LAM", "AFR", "ASA", "EUR", "MEA", "WAF", "EAF", "NAF"}
BASES = {"explicit", "relative", "story", "inferred", "approx", "unknown"}
COUNTRIES = {c.alpha_3 for c in pycountry.countries}
CAMEO = {row["code"] for row in csv.DictReader(
    (ROOT / "src" / "eventwire" / "data" / "cameo" / "event_codes.csv").open(encoding="utf-8"))}


def records() -> list[dict]:
    return [json.loads(line) for line in EXTRA.open(encoding="utf-8") if line.strip()]


def actor_ok(code: str | None) -> bool:
    """null, or ISO-3 country / region + optional sector, IGOxxx, NGO or NGOxxx."""
    if code is None:
        return True
    if re.fullmatch(r"IGO[A-Z]{3}|NGO(?:[A-Z]{3})?", code):
        return True
    m = re.fullmatch(r"([A-Z]{3})([A-Z]{3})?", code)
    return bool(m) and (m.group(1) in COUNTRIES or m.group(1) in REGIONS) and \
        (m.group(2) is None or m.group(2) in SECTORS)


@pytest.mark.parametrize("code,ok", [
    ("USAGOV", True), ("CHN", True), ("IGOUNO", True), ("NGO", True), ("NGOAMN", True), ("SAF", True),
    ("USA GOV", False), ("XXXGOV", False), ("USAFOO", False), ("IGOUNOGOV", False), ("usagov", False), ("", False)])
def test_actor_shape_check_can_fail(code, ok):
    assert actor_ok(code) is ok


def test_every_record_is_well_formed():
    recs = records()
    assert len(recs) >= 120
    check_records(recs)


def check_records(recs: list[dict]) -> None:
    """Every record of a set coded by GUIDELINES.md with offsets (news-extra, news-holdout)."""
    for n, g in enumerate(recs, 1):
        where = f"gold.jsonl:{n}"
        assert set(g) == FIELDS, where
        assert actor_ok(g["source"]) and actor_ok(g["target"]), where
        assert actor_ok(g["attribution"]), where
        assert g["source"] or g["target"], f"{where}: an event needs at least one actor"
        assert re.fullmatch(r"0[1-9]|1\d|20", g["root"]), where
        assert re.fullmatch(r"\d{3,4}", g["cameo"]) and g["cameo"].startswith(g["root"]), where
        assert g["cameo"] in CAMEO, f"{where}: {g['cameo']} is no CAMEO code"
        d, prec = g["date"], g["date_precision"]
        assert (d is None and prec == "unknown") or \
            {4: "year", 7: "month", 10: "day"}.get(len(d)) == prec, where
        if d:
            assert re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", d), where
            N._parse(d)   # a real calendar date
        assert g["date_basis"] in BASES and (g["date_basis"] == "unknown") == (d is None), where
        assert isinstance(g["historical"], bool) and isinstance(g["negated"], bool), where
        assert g["spans"] and all(isinstance(a, int) and isinstance(b, int) and 0 <= a < b
                                  for a, b in g["spans"]), where
        assert isinstance(g["note"], str) and g["note"], where


# Articles the selection reached that state no political event at all (read by hand; the
# README says why): the rule moves on to the next position, as for an over-long article.
NO_POLITICAL_EVENT = {"sh-paradigm-senate-adjournment"}


@needs_news
def test_articles_follow_the_selection_rule():
    """The 150 no-gold ids in byte order; batch 1 at positions 5, 20, ..., 140, batch 2 at
    12, 27, ..., 147; an article over 7,000 characters or with no political event gives way
    to the next position (the README lists the substitutions)."""
    articles = N.load_articles()
    gold_ids = {g["article_id"] for g in N.load_gold()}
    ids = sorted((i for i in articles if i not in gold_ids), key=lambda s: s.encode())
    assert len(ids) == 150
    assert NO_POLITICAL_EVENT <= set(ids)
    want = []
    for p in [*range(5, 150, 15), *range(12, 150, 15)]:
        q = p
        while len(articles[ids[q]]["text"]) > 7000 or ids[q] in NO_POLITICAL_EVENT:
            q += 1
        want.append(ids[q])
    assert len(set(want)) == 20
    assert sorted({g["article_id"] for g in records()}) == sorted(want)


@needs_news
def test_spans_are_sentences_of_their_article():
    check_spans(records(), N.load_articles())


def check_spans(recs: list[dict], articles: dict) -> None:
    """Each span lies inside its article and starts and ends on a sentence boundary."""
    for n, g in enumerate(recs, 1):
        text = articles[g["article_id"]]["text"]
        for a, b in g["spans"]:
            assert b <= len(text), f"gold.jsonl:{n}: span {a, b} beyond the article"
            assert a == 0 or text[a - 1].isspace(), f"gold.jsonl:{n}: span {a, b} starts mid-sentence"
            assert b == len(text) or text[b].isspace(), f"gold.jsonl:{n}: span {a, b} ends mid-sentence"
            assert text[a].strip() and text[b - 1].strip()


@needs_news
def test_load_extra_gives_ranges_from_spans():
    """The scorer aligns records to news-extra events by the spans themselves, and fills the
    sentences in memory only."""
    recs = N.load_extra()
    assert len(recs) == len(records())
    g = recs[0]
    assert g["_ranges"] == [tuple(s) for s in g["spans"]]
    text = N.load_articles()[g["article_id"]]["text"]
    assert g["sentences"][0] == text[g["spans"][0][0]:g["spans"][0][1]]


def test_records_align_by_spans():
    """A gold event named by offsets aligns with the record whose verb lies in its span, as
    a shared-gold event does by its sentence text; one outside the span does not."""
    text = "The envoy met the minister on Monday. Farmers blocked the roads."
    met, blocked = text.index("met"), text.index("blocked")
    g = {"article_id": "x", "root": "04", "cameo": "040", "source": "FRAGOV", "target": "DEUGOV",
         "date": "2021-03-01", "negated": False, "historical": False, "spans": [[0, 37]]}
    g2 = dict(g, root="14", cameo="144", source="DEUCVL", target="DEUGOV", spans=[[38, len(text)]])
    for x in (g, g2):
        x["_ranges"] = [tuple(s) for s in x["spans"]]
        x["sentences"] = [text[a:b] for a, b in x["spans"]]

    def rec(root, src, tgt, at, word):
        return {"doc": {"path": "x", "published": "2021-03-02"}, "cameo_root": root, "cameo": root + "0",
                "source": {"code": src, "country": src[:3]}, "target": {"code": tgt, "country": tgt[:3]},
                "date": "2021-03-01", "negated": False, "verb": {"text": word, "span": [at, at + len(word)]}}
    lines = [json.dumps(rec("04", "FRAGOV", "DEUGOV", met, "met")),
             json.dumps(rec("04", "FRAGOV", "DEUGOV", blocked, "blocked"))]
    res = N.score_half("extra", ["x"], [g, g2], {"x": {"text": text, "outlet": "t"}}, lines)
    c = res.figures["counts"]
    assert c["aligned"] == 1 and c["tp"] == 1 and c["fp"] == 1
    assert res.figures["source_right"] == 1.0


@needs_news
def test_news_errors_reads_the_extra_set(tmp_path, capsys):
    """`news_errors.py --set extra` marks OK a record with the gold event's codes in its first
    sentence, and lists a negated gold event as NEG (records built at run time from the gold;
    no article text is stored)."""
    import news_errors
    articles = N.load_articles()
    lines = []
    for g in N.load_extra(articles=articles):
        lines.append(json.dumps({"doc": {"path": g["article_id"]}, "cameo_root": g["root"], "cameo": g["cameo"],
                                 "source": {"code": g["source"]}, "target": {"code": g["target"]},
                                 "sentence": g["sentences"][0], "negated": g["negated"]}))
    events = tmp_path / "coded.jsonl"
    events.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert news_errors.main(["--set", "extra", "--events", str(events), "--summary"]) == 0
    summary = capsys.readouterr().out.strip().splitlines()[-1]
    negated = sum(g["negated"] for g in N.load_extra(articles=articles))   # listed as NEG
    ok = len(lines) - negated
    assert summary.startswith(f"OK {ok};") or summary.startswith(f"OK {ok},")
    assert (f"NEG {negated}" in summary) == bool(negated)
