"""bench/news_holdout/gold.jsonl, our held-out hand-coded set: its records well formed by
../shared/news/gold/GUIDELINES.md, its articles the ones the README's selection rule picks
(none of news-extra's), its spans real sentences of their articles; and the tools keep it
held out: news_errors.py refuses it, nogold_diff.py never codes or shows its articles, and
the evaluation prints its figures only. No sentence of its articles appears here."""
from __future__ import annotations

import json
import os
import sys

import pytest

import test_news_extra as X   # the record and span checks news-extra's gold passes too
from conftest import ROOT

sys.path.insert(0, str(ROOT / "bench"))
import eval_news as N  # noqa: E402

HOLDOUT = ROOT / "bench" / "news_holdout" / "gold.jsonl"

# Articles the selection reached that state no political event (README: an election's results).
NO_POLITICAL_EVENT = {"reuters21578-5774"}


def records() -> list[dict]:
    return [json.loads(line) for line in HOLDOUT.open(encoding="utf-8") if line.strip()]


def test_every_record_is_well_formed():
    recs = records()
    assert len(recs) >= 50
    X.check_records(recs)


@X.needs_news
def test_articles_follow_the_selection_rule():
    """The 150 no-gold ids in byte order; batch 3 at positions 8, 23, ..., 143; an article over
    7,000 characters or with no political event gives way to the next position."""
    articles = N.load_articles()
    gold_ids = {g["article_id"] for g in N.load_gold()}
    ids = sorted((i for i in articles if i not in gold_ids), key=lambda s: s.encode())
    assert len(ids) == 150 and NO_POLITICAL_EVENT <= set(ids)
    want = []
    for p in range(8, 150, 15):
        q = p
        while len(articles[ids[q]]["text"]) > 7000 or ids[q] in NO_POLITICAL_EVENT:
            q += 1
        want.append(ids[q])
    assert len(set(want)) == 10
    got = {g["article_id"] for g in records()}
    assert sorted(got) == sorted(want)
    assert not got & {g["article_id"] for g in X.records()}, "an article of news-extra"
    assert N.holdout_ids() == got


@X.needs_news
def test_spans_are_sentences_of_their_article():
    X.check_spans(records(), N.load_articles())


@X.needs_news
def test_load_extra_reads_the_holdout_by_its_spans():
    recs = N.load_extra(N.HOLDOUT)
    assert len(recs) == len(records())
    text = N.load_articles()[recs[-1]["article_id"]]["text"]
    a, b = recs[-1]["spans"][0]
    assert recs[-1]["_ranges"][0] == (a, b) and recs[-1]["sentences"][0] == text[a:b]


@pytest.mark.parametrize("held", ["holdout", "test"])
def test_news_errors_refuses_the_held_out_sets(held, capsys):
    import news_errors
    with pytest.raises(SystemExit) as e:
        news_errors.main(["--set", held, "--events", "/nonexistent.jsonl"])
    assert "never listed" in str(e.value)
    assert capsys.readouterr().out == ""


def test_nogold_diff_skips_the_holdout_articles(tmp_path, monkeypatch):
    """A records file that still holds a held-out article's records (written before the set
    was held out) loads without them, and the input it codes leaves them out."""
    import nogold_diff as D
    held = sorted(N.holdout_ids() or {"held-article"})[0]
    monkeypatch.setattr(D, "held_out", lambda: {held})
    f = tmp_path / "before.jsonl"
    f.write_text("".join(json.dumps({"doc": {"path": p}, "cameo": "040", "span": [0, 9]}) + "\n"
                         for p in (held, "some-other-article")), encoding="utf-8")
    assert [e["doc"]["path"] for e in D.load(str(f))] == ["some-other-article"]


@X.needs_news
def test_nogold_input_leaves_the_holdout_out():
    import nogold_diff as D
    path = D.nogold_input()
    try:
        ids = {json.loads(line)["id"] for line in open(path, encoding="utf-8")}
    finally:
        os.unlink(path)
    assert len(ids) == 140 and not ids & N.holdout_ids()


def test_the_holdout_prints_figures_only():
    """Even with -v and --by-article, the holdout's table has no per-article rows and no
    records (the same as the test half)."""
    text = "The envoy met the minister on Monday."
    g = {"article_id": "x", "root": "04", "cameo": "040", "source": "FRAGOV", "target": "DEUGOV",
         "date": "2021-03-01", "negated": False, "historical": False, "spans": [[0, len(text)]],
         "_ranges": [(0, len(text))], "sentences": [text]}
    res = N.score_half("holdout", ["x"], [g], {"x": {"text": text, "outlet": "t"}}, [])
    shown: list[str] = []
    N.print_half(res, 0, verbose=True, by_article=True, out=shown.append)
    assert "HELD OUT" in shown[0]
    assert not any(line.lstrip().startswith("x ") for line in shown)
    assert "holdout" in N.FIGURES_ONLY and "test" in N.FIGURES_ONLY and "extra" not in N.FIGURES_ONLY
