"""Golden files for whole articles: the seeds and the bundled samples, coded end to end.

A golden file holds one projection per coded record — one per real event per article,
with the sentence indexes of its mentions (``mention_sentences``, ``dedup.fold``) — and
no article text, so the seeds' sentences are not copied. When a change to the dictionaries or patterns moves a
golden file on purpose, regenerate with ``UPDATE_GOLDEN=1 pytest tests/test_golden.py``
and review the diff like code.
"""
from __future__ import annotations

import json
import os
import pathlib

import pytest

from conftest import ROOT, SEED_PUBLISHED, SEEDS, SHARED

GOLDEN = pathlib.Path(__file__).parent / "golden"
SAMPLES = ROOT / "samples"


def _project(rec: dict) -> dict:
    src, tgt = rec.get("source") or {}, rec.get("target") or {}
    return {
        "doc": pathlib.Path(rec["doc"]["path"] or "").name,
        "sentence_index": rec["sentence_index"],
        "source": src.get("code"), "source_actor": src.get("actor_id"),
        "target": tgt.get("code"), "target_actor": tgt.get("actor_id"),
        "cameo": rec["cameo"], "negated": rec["negated"], "modality": rec["modality"],
        "date": rec["date"], "date_precision": rec["date_precision"],
        "historical": rec["historical"],
        "location": (rec.get("location") or {}).get("name"),
        "pattern": rec["pattern"],
    }


def _code(paths, published, project=_project):
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import code_documents

    from eventwire.dedup import assign_canonical_ids, fold_records

    errors = []
    mentions = []
    for coded in code_documents(read_inputs([str(p) for p in paths], published=published,
                                            on_error=errors.append)):
        mentions.extend(coded.events)
    assert not errors, errors
    # The records as `eventwire code` prints them: one per real event per article, with
    # the sentence of every mention of it (representative first).
    out = []
    for rec in fold_records(assign_canonical_ids(mentions)):
        row = project(rec)
        row["mention_sentences"] = [m["sentence_index"] for m in rec["mentions"]]
        out.append(row)
    return sorted(out, key=lambda r: json.dumps(r, sort_keys=True))


def _compare_with_golden(name: str, golden: pathlib.Path, got: list[dict]) -> None:
    if os.environ.get("UPDATE_GOLDEN"):
        golden.parent.mkdir(exist_ok=True)
        golden.write_text("".join(json.dumps(r, sort_keys=True) + "\n" for r in got))
    if not golden.exists():
        pytest.fail(f"no golden file {golden.name}; run with UPDATE_GOLDEN=1 and review it")
    want = [json.loads(line) for line in golden.read_text().splitlines() if line.strip()]
    missing = [r for r in want if r not in got]
    extra = [r for r in got if r not in want]
    assert not missing and not extra, (
        f"{name}: {len(missing)} golden events missing, {len(extra)} new\n"
        f"missing: {missing[:5]}\nnew: {extra[:5]}")


def _cases():
    cases = []
    if SEEDS.is_dir():
        cases += [("seed-" + p.stem, [p], SEED_PUBLISHED) for p in sorted(SEEDS.glob("*.txt"))]
    cases.append(("samples", [SAMPLES], "2017-11-22"))
    return cases


@pytest.mark.parametrize("name,paths,published", _cases(), ids=[c[0] for c in _cases()])
def test_article_codes_like_its_golden_file(name, paths, published):
    _compare_with_golden(name, GOLDEN / f"{name}.jsonl", _code(paths, published))


# -- whole real articles (the real-news DEV half) --------------------------------------------------
# Read by path from ../shared/news/ (the texts are their publishers': never copied here). The
# golden file keeps each record's character offsets and codes, not its sentence. Only dev-half
# articles: the test half is for reporting figures, not for pinning behaviour.
NEWS_ARTICLES = SHARED / "news" / "articles.jsonl"
NEWS_DEV_GOLDEN = ["g5w-guardian-taliban-german-consulate", "g5w-wapo-chibok-girls-freed",
                   "reuters21578-16958", "te-ticotimes-chaves-world-bank"]


def _span(a: dict | None):
    return (a or {}).get("span")


def _project_news(rec: dict) -> dict:
    src, tgt = rec.get("source") or {}, rec.get("target") or {}
    attr = rec.get("attribution") or {}
    return {
        "sentence_span": rec.get("span"), "verb_span": (rec.get("verb") or {}).get("span"),
        "source": src.get("code"), "source_span": _span(src), "source_actor": src.get("actor_id"),
        "source_resolved_by": (src.get("resolved_by") or {}).get("how"),
        "target": tgt.get("code"), "target_span": _span(tgt), "target_actor": tgt.get("actor_id"),
        "attribution": attr.get("code") if isinstance(attr, dict) else attr,
        "cameo": rec["cameo"], "negated": rec["negated"], "modality": rec["modality"],
        "date": rec["date"], "date_precision": rec["date_precision"], "historical": rec["historical"],
        "pattern": rec["pattern"],
    }


def _news_article(article_id: str) -> str | None:
    if not NEWS_ARTICLES.is_file():
        return None
    with NEWS_ARTICLES.open(encoding="utf-8") as fh:
        return next((line for line in fh if json.loads(line)["id"] == article_id), None)


@pytest.mark.parametrize("article_id", NEWS_DEV_GOLDEN)
def test_real_article_codes_like_its_golden_file(article_id, tmp_path):
    line = _news_article(article_id)
    if line is None:
        pytest.skip(f"real-news article {article_id} not found at {NEWS_ARTICLES}")
    path = tmp_path / f"{article_id}.jsonl"
    path.write_text(line if line.endswith("\n") else line + "\n", encoding="utf-8")
    got = _code([path], None, project=_project_news)
    _compare_with_golden(article_id, GOLDEN / "news" / f"{article_id}.jsonl", got)
