"""Draw a reproducible random sample of SENTENCES from unseen real-news articles, with
eventwire's records for each, to judge by hand which political events it misses.

    .venv/bin/python bench/recall_sample.py                        # code the pool now, draw 100 (seed 11)
    .venv/bin/python bench/recall_sample.py --coded pool.jsonl     # records coded earlier (eventwire code)
    .venv/bin/python bench/recall_sample.py --keep pool.jsonl      # code now and keep the records
    .venv/bin/python bench/recall_sample.py --seed 12 -n 100       # a second sample

Why: recall rules written from one dev set's errors fix one article's phenomenon each. A
random sample of sentences from articles nobody tuned on shows which kinds of missed
events are COMMON (the head of the distribution), which the test half most likely shares.
bench/audit_sample.py (lane audit) samples RECORDS for precision; this samples SENTENCES,
so events with no record at all can be seen.

The pool (fixed before reading any article): the articles of ../shared/news/articles.jsonl
without shared gold, minus the articles of bench/news_extra (tuned on) and of
bench/news_holdout (held out: never read; ids via eval_news.holdout_ids). Sentences are
spaCy's (eventwire's model and actor component) that hold at least one resolved actor
mention with a code; they are ordered by (article id, offset) before
random.Random(seed).sample, so the draw does not depend on processing order.

Each sentence is printed with the text before it (for pronouns), its actor mentions and
the counted records (not negated) whose span starts inside it -- to the terminal only
(the texts are their publishers'; judgements go to docs/audit-*.md as counts).
"""
from __future__ import annotations

import argparse
import json
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from audit_sample import pool_records  # noqa: E402  (lane audit's: codes the pool, counted records)
from eval_news import holdout_ids  # noqa: E402  (news-holdout: never read)

NEWS = os.path.join(HERE, "..", "..", "shared", "news")
EXTRA = os.path.join(HERE, "news_extra", "gold.jsonl")


def pool_articles() -> list[dict]:
    gold = {json.loads(l)["article_id"] for l in open(os.path.join(NEWS, "gold", "gold.jsonl"))}
    skip = gold | {json.loads(l)["article_id"] for l in open(EXTRA) if l.strip()} | holdout_ids()
    arts = [json.loads(l) for l in open(os.path.join(NEWS, "articles.jsonl"))]
    return sorted((a for a in arts if a["id"] not in skip), key=lambda a: a["id"].encode())


def actor_sentences(arts: list[dict]) -> list[dict]:
    """Every sentence with at least one coded actor mention, in (article id, offset) order."""
    from eventwire.config import default_settings
    from eventwire.nlp import load_base, make_doc, register_components

    settings = default_settings()
    register_components()
    nlp = load_base(settings)            # as `eventwire code` parses: paragraphs, then actors
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_actors", config={"extra_files": list(settings.actor_files)})
    out = []
    for a in arts:
        text = (a.get("text") or "")[: settings.max_chars]
        doc = nlp(make_doc(nlp, text, published=a.get("published"), doc_id=a["id"], title=a.get("title")))
        mentions = [m for m in (doc._.actors or []) if m.get("code")]
        for s in doc.sents:
            ms = [m for m in mentions if s.start_char <= m["span"][0] < s.end_char]
            if ms and s.text.strip():
                out.append({"doc": a["id"], "start": s.start_char, "end": s.end_char,
                            "mentions": [(m["text"], m["code"]) for m in ms]})
    return out


def show(i: int, s: dict, text: str, recs: list[dict], context: int) -> str:
    before = " ".join(text[max(0, s["start"] - context):s["start"]].split())
    lines = [f"[{i}] {s['doc']} @{s['start']}  actors: "
             + "; ".join(f"{t}={c}" for t, c in s["mentions"]),
             f"     ... {before}" if before else "     ...",
             f"     >>> {' '.join(text[s['start']:s['end']].split())}"]
    for e in recs:
        lines.append(f"     rec {e.get('cameo')} {(e.get('source') or {}).get('code')}->"
                     f"{(e.get('target') or {}).get('code')} {e.get('modality')}"
                     f"{' HIST' if e.get('historical') else ''} pattern={e.get('pattern')} "
                     f"verb={(e.get('verb') or {}).get('text')}")
    if not recs:
        lines.append("     (no record)")
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--coded", help="records coded earlier from the pool (else: code the pool now)")
    ap.add_argument("--keep", metavar="FILE", help="keep the records coded now in FILE")
    ap.add_argument("--seed", type=int, default=11)
    ap.add_argument("-n", type=int, default=100)
    ap.add_argument("--context", type=int, default=300, help="characters of text before the sentence")
    args = ap.parse_args(argv)
    arts = pool_articles()
    recs = pool_records(arts, args.coded, args.keep)
    sents = actor_sentences(arts)
    picked = sorted(random.Random(args.seed).sample(range(len(sents)), min(args.n, len(sents))))
    texts = {a["id"]: a.get("text") or "" for a in arts}
    print(f"pool: {len(arts)} articles, {len(sents)} sentences with an actor, {len(recs)} counted records; "
          f"sample of {len(picked)} (seed {args.seed})")
    for i, k in enumerate(picked):
        s = sents[k]
        mine = [e for e in recs if (e.get("doc") or {}).get("path") == s["doc"]
                and s["start"] <= (e.get("span") or [-1])[0] < s["end"]]
        mine.sort(key=lambda e: ((e.get("span") or [0])[0], e.get("cameo") or ""))
        print(show(i, s, texts[s["doc"]], mine, args.context))
    return 0


if __name__ == "__main__":
    sys.exit(main())
