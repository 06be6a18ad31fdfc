"""The real-news yardstick's definitions (bench/eval_news.py), on records and articles we
write ourselves; the one check against ../shared/news/score.py builds coded records from
the dev half's gold codes at run time (no article text is involved)."""
from __future__ import annotations

import json
import sys

import pytest

from conftest import ROOT, SHARED

sys.path.insert(0, str(ROOT / "bench"))
import eval_news as N  # noqa: E402

NEWS = SHARED / "news"
needs_news = pytest.mark.skipif(not (NEWS / "gold" / "gold.jsonl").exists(), reason="no ../shared/news")


def actor(code, span=None, text=None):
    if code is None:
        return None
    return {"code": code, "country": code[:3] if code[:3] not in ("IGO", "NGO") else None,
            "text": text or code, "span": span}


def record(path, root, source, target, *, cameo=None, date="2020-05-04", negated=False,
           published="2020-05-04", modality="asserted", verb_at=None, text=""):
    e = {"doc": {"path": path, "published": published}, "cameo_root": root, "cameo": cameo or root + "0",
         "source": source if isinstance(source, (dict, type(None))) else actor(source),
         "target": target if isinstance(target, (dict, type(None))) else actor(target),
         "date": date, "negated": negated, "modality": modality, "sentence": "", "event_id": "x"}
    if verb_at is not None:
        e["verb"] = {"text": text[verb_at[0]:verb_at[1]], "span": list(verb_at)}
    return e


def gold(root, source, target, sentences=(), date="2020-05-04", negated=False, historical=False):
    return {"article_id": "a", "root": root, "cameo": root + "0", "source": source, "target": target,
            "date": date, "negated": negated, "historical": historical, "sentences": list(sentences)}


# ---------------------------------------------------------------- dates

@pytest.mark.parametrize("coded, gold_date, right", [
    ("2020-05-04", "2020-05-04", True),
    ("2020-05-05", "2020-05-04", True),     # one day apart
    ("2020-05-06", "2020-05-04", False),
    ("2020-06-01", "2020-05-31", True),     # across a month end
    ("2020-05", "2020-05-04", True),        # month precision: the right month
    ("2020-05-17", "2020-05", True),
    ("2020-04-30", "2020-05", False),
    ("2020", "2020-05-04", True),           # year precision: the right year
    (None, "2020-05-04", False),
])
def test_date_right(coded, gold_date, right):
    assert N.date_right(coded, gold_date) is right


@pytest.mark.parametrize("date, published, late", [
    ("2020-05-05", "2020-05-04", True),
    ("2020-05-04", "2020-05-04", False),
    ("2020-06", "2020-05-04", True),
    ("2020-05", "2020-05-04", False),       # this month: not after publication
    ("2021", "2020-05-04", True),
])
def test_after_publication(date, published, late):
    assert N.after_publication(record("a", "04", "FRA", "DEU", date=date, published=published)) is late


# ---------------------------------------------------------------- reference matching

def test_triple_matching_is_one_to_one_and_lets_04_06_swap():
    g = [gold("04", "FRAGOV", "DEUGOV"), gold("04", "FRAGOV", "DEUGOV"), gold("11", "RUSGOV", "UKRGOV")]
    c = [record("a", "04", "DEUGOV", "FRAGOV"), record("a", "11", "RUSMIL", "UKRGOV"),
         record("a", "01", "RUSGOV", None)]
    m = N.match_article(g, c, full=False)
    assert (len(m.pairs), m.fn, m.fp) == (2, 1, 1)
    full = N.match_article(g, c, full=True)
    assert (len(full.pairs), full.fn, full.fp) == (1, 2, 2)   # RUSMIL is not RUSGOV


def test_lenient_counts_a_miss_with_the_root_and_one_country():
    m = N.match_article([gold("11", "RUSGOV", "UKRGOV")], [record("a", "11", "RUSGOV", None)], full=False)
    assert (m.fn, m.lenient) == (1, 1)


def test_negation_matches_by_root_and_countries():
    g = [gold("17", "ZAFCOP", None, negated=True)]
    assert N.negation_match(g, [record("a", "17", "ZAFGOV", None, negated=True)]) == 1
    assert N.negation_match(g, [record("a", "18", "ZAFCOP", None, negated=True)]) == 0


# ---------------------------------------------------------------- alignment

ART = ("Four neighbours rejected the charge on Monday. "
       "The ministry said talks would resume. The talks resumed in June.")


def test_alignment_needs_the_sentence_and_the_root_and_is_one_to_one():
    first = ART.index("rejected")
    said = ART.index("said")
    gs = [gold("12", c, "ZAFGOV", [ART.split(". ")[0] + "."]) for c in ("ZMBGOV", "MOZGOV", "BWAGOV")]
    gs.append(gold("03", "ZAFGOV", None, ["The ministry said talks would resume."]))
    for g in gs:
        g["_ranges"] = N.sentence_ranges(ART, g["sentences"])
    coded = [record("a", "12", "MOZGOV", "ZAFGOV", verb_at=(first, first + 8), text=ART),
             record("a", "12", "ZMBGOV", "ZAFGOV", verb_at=(first, first + 8), text=ART),
             record("a", "12", "BWAGOV", "ZAFGOV", verb_at=(said, said + 4), text=ART),   # other sentence
             record("a", "01", "ZAFGOV", None, verb_at=(said, said + 4), text=ART)]       # other root
    pairs = N.align_article(gs, coded, ART)
    assert [(g["source"], e["source"]["code"]) for g, e in pairs] == [("ZMBGOV", "ZMBGOV"), ("MOZGOV", "MOZGOV")]


def test_actor_scores_null_is_right_when_both_are_null():
    sc = N.actor_scores(gold("01", "CHNGOV", None), record("a", "01", "CHNMIL", None))
    assert sc == {"source_country": True, "source_code": False, "target_country": True, "target_code": True}


# ---------------------------------------------------------------- datelines and outlets

@pytest.mark.parametrize("lead, dateline", [
    ("OSLO, June 3 - Norway recalled its envoy.", "OSLO, June 3 - "),
    ("LIMA (AP) — Peru's congress voted on Monday.", "LIMA (AP) — "),
    ("NAIROBI, Kenya — Kenya closed its border.", "NAIROBI, Kenya — "),
    ("Ottawa (CNN) -- Canada protested.", "Ottawa (CNN) -- "),
    ("(CNN) Rebels freed two hostages.", "(CNN) "),
    ("CAPE TOWN/GENEVA, Sept 9 (Reuters) - The agency warned.", "CAPE TOWN/GENEVA, Sept 9 (Reuters) - "),
    ("Canberra – Australia signed a deal.", "Canberra – "),
    ("Chile and Peru condemned the vote.", ""),
    ("Global trade - the weak link in every forecast.", ""),
])
def test_dateline_end(lead, dateline):
    assert lead[:N.dateline_end(lead)] == dateline


def _offences(text, who, role, root="01"):
    start = text.index(who)
    a = {"code": "XXXGOV", "text": who, "span": [start, start + len(who)]}
    e = record("a", root, a if role == "source" else "FRAGOV", a if role == "target" else None)
    return [kind for _, kind, _ in N.media_offences(e, text)]


@pytest.mark.parametrize("text, who, role, root, kinds", [
    ("OSLO, June 3 - Norway recalled its envoy.", "OSLO", "source", "16", ["dateline"]),
    ("OSLO, June 3 - Norway recalled its envoy.", "Norway", "source", "16", []),
    ("The minister spoke to Reuters on Sunday.", "Reuters", "target", "01", ["outlet"]),
    ("The army moved north, the Madrid News said.", "Madrid", "source", "01", ["outlet"]),
    ("The army moved north, the Swedish state press said.", "Swedish", "source", "01", ["outlet"]),
    ("Iraqi television said the army moved north.", "Iraqi", "source", "01", ["outlet"]),
    ("Iraq said the army moved north.", "Iraq", "source", "01", []),
    # state media doing the act itself (a denunciation) is allowed as COUNTRY+MED
    ("KCNA denounced the drills as a rehearsal for war.", "KCNA", "source", "11", []),
    # a paper that is acted upon is a real target
    ("The government shut down the Harare News.", "Harare News", "target", "17", []),
])
def test_media_offences(text, who, role, root, kinds):
    assert _offences(text, who, role, root) == kinds


# ---------------------------------------------------------------- dedup

def test_same_real_event():
    a = gold("19", "ISRMIL", "PSE", date="2020-05-04")
    assert N.same_real_event(a, gold("19", "ISRMIL", "PSE", date="2020-05-05"))
    assert not N.same_real_event(a, gold("19", "ISRMIL", "PSE", date="2020-06-05"))
    assert not N.same_real_event(a, gold("18", "ISRMIL", "PSE"))
    assert N.same_real_event(gold("04", "FRA", "DEU"), gold("04", "DEU", "FRA", date=None))


# ---------------------------------------------------------------- errata

def test_errata_set_drop_add_and_a_stale_entry_fails():
    g = [dict(gold("11", "RUSGOV", "UKRGOV"), _line=1), dict(gold("12", "RUSGOV", "UKRGOV"), _line=2)]
    errata = [
        {"article": "a", "record": {"line": 1, "cameo": "110"}, "set": {"target": "UKRMIL"}, "reason": "r"},
        {"article": "a", "record": {"line": 2}, "drop": True, "reason": "r"},
        {"article": "a", "record": {"line": 1}, "add": {"cameo": "173", "source": "UKRCOP"}, "reason": "r"},
    ]
    out, n = N.apply_errata(g, errata)
    assert n == 3
    assert [(x["cameo"], x["root"], x["source"], x["target"]) for x in out] == [
        ("110", "11", "RUSGOV", "UKRMIL"), ("173", "17", "UKRCOP", "UKRMIL")]
    with pytest.raises(N.ErrataError):
        N.apply_errata(g, [{"article": "a", "record": {"line": 1, "cameo": "190"}, "drop": True, "reason": "r"}])


@needs_news
def test_the_errata_file_applies_to_the_gold():
    gold_records = N.load_gold()
    _, n = N.apply_errata(gold_records, N.load_errata())
    assert n == len(N.load_errata())


# ---------------------------------------------------------------- the reference scorer

@needs_news
def test_our_reference_figures_equal_score_py():
    """Coded records made from the dev gold's codes, with every kind of disagreement
    (a lost target, a wrong sector, a swapped consult, an extra statement, a negated
    record, a date off by a month) score the same here and in ../shared/news/score.py."""
    gold_records = N.load_gold()
    ids = N.half_ids(gold_records, "dev")
    lines = []
    for i, g in enumerate(x for x in gold_records if x["article_id"] in ids):
        src, tgt = g["source"], g["target"]
        if i % 3 == 0:
            tgt = None
        if i % 5 == 0 and src:
            src = src[:3] + "MIL"
        if g["root"] in ("04", "06"):
            src, tgt = tgt, src
        date = g["date"] if i % 4 else (g["date"] or "2000-01-01")[:5] + "12"
        lines.append(json.dumps(record(g["article_id"], g["root"], src, tgt, date=date, negated=i % 11 == 0)))
        if i % 2:
            lines.append(json.dumps(record(g["article_id"], "01", src, None)))
    res = N.score_half("dev", ids, gold_records, N.load_articles(), lines)
    assert res.figures["counts"]["tp"] > 0 and res.figures["counts"]["fp"] > 0
    assert N.reference_check("dev", lines, res) == []
