"""bench/nogold_diff.py pairs the records of two runs sentence by sentence, so a commit can
say how often a rule fires on the no-gold articles; records here are our own."""
from __future__ import annotations

import sys

from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import nogold_diff as D  # noqa: E402


def rec(doc, at, cameo, source=None, target=None, verb=None, **kw):
    return {"doc": {"path": doc}, "span": [at, at + 40], "cameo": cameo, "cameo_root": cameo[:2],
            "source": {"code": source} if source else None,
            "target": {"code": target} if target else None,
            "verb": {"span": verb} if verb else None, "modality": kw.get("modality", "asserted"),
            "sentence": "The ministers met in the capital."}


def test_unchanged_runs_have_no_difference():
    runs = [rec("a", 0, "040", "FRAGOV", "DEUGOV", [4, 7]), rec("a", 50, "190", "RUSMIL", None)]
    assert D.pair(runs, list(runs)) == ([], [], [])


def test_a_record_gone_a_record_new_and_a_record_recoded():
    before = [rec("a", 0, "040", "FRAGOV", "DEUGOV", [4, 7]), rec("a", 50, "190", "RUSMIL", None),
              rec("b", 0, "111", "USAGOV", None, [9, 18])]
    after = [rec("a", 0, "040", "FRAGOV", "DEUGOV", [4, 7]),
             rec("b", 0, "111", "USAGOV", "CHNGOV", [9, 18]), rec("b", 80, "057", "JPNGOV", "KENGOV")]
    removed, added, changed = D.pair(before, after)
    assert [e["cameo"] for e in removed] == ["190"]
    assert [e["cameo"] for e in added] == ["057"]
    assert [(b["target"], a["target"]["code"]) for b, a in changed] == [(None, "CHNGOV")]


def test_records_of_one_sentence_pair_by_verb_before_order():
    before = [rec("a", 0, "040", "FRAGOV", "DEUGOV", [4, 7]), rec("a", 0, "036", "FRAGOV", "DEUGOV", [30, 35])]
    after = [rec("a", 0, "036", "FRAGOV", "DEUGOV", [30, 35]), rec("a", 0, "040", "FRAGOV", "ITAGOV", [4, 7])]
    removed, added, changed = D.pair(before, after)
    assert not removed and not added
    assert [(b["cameo"], a["target"]["code"]) for b, a in changed] == [("040", "ITAGOV")]


def test_no_held_out_article_is_in_any_sampling_pool():
    """The held-out set is figures only: the tools that print records or sentences of single
    articles never draw from it (two of its articles are substitutes from the next position,
    so a rule by position alone let one of them in)."""
    import audit_sample
    import recall_sample
    from eval_news import holdout_ids
    held = holdout_ids()
    assert len(held) == 10
    for pool in (audit_sample.pool_articles(), recall_sample.pool_articles()):
        assert pool and not held & {a["id"] for a in pool}
