"""Per gold event of a real-news DEV set: the records eventwire coded for its sentences.

    python bench/news_errors.py                 # runs `eventwire code` on the dev articles
    python bench/news_errors.py --set extra     # our second dev set, bench/news_extra/
    python bench/news_errors.py --events F.jsonl   # records you already have
    python bench/news_errors.py --article ID    # one article only
    python bench/news_errors.py --summary       # counts only

For error analysis only; dev sets only: the dev half of ../shared/news or news-extra. The
test half and news-holdout (bench/news_holdout/) are for reporting figures, never for
reading errors: this tool refuses them (`--set test` / `--set holdout`, or `--article` with
one of their articles, exits with a message and prints nothing else). Each gold event is shown as `root source -> target [attr]` with the
coded records whose sentence overlaps one of its sentences; a mark says how the best of
them compares: OK (root and both countries), SRC / TGT (one country wrong), ROOT (actors
right, another root), MISS (nothing coded in its sentences). Records in no gold sentence
are listed at the end of each article as extra (false positives). Sentences are printed
truncated, to the terminal only.
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

NEWS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "news")


def dev_ids(gold) -> list[str]:
    ids = sorted({g["article_id"] for g in gold})
    return ids[1::2]


def run_code(articles) -> list[dict]:
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as f:
        for a in articles:
            f.write(json.dumps(dict(a, url=a["id"])) + "\n")
    exe = os.path.join(os.path.dirname(sys.executable), "eventwire")
    r = subprocess.run([exe, "code", f.name, "--format", "jsonl"], capture_output=True, text=True)
    os.unlink(f.name)
    return [json.loads(l) for l in r.stdout.splitlines() if l.startswith("{")]


def code(a):
    return (a or {}).get("code") or None


def country(a):
    return (a or {}).get("country") or (code(a) or "")[:3] or None


def overlaps(sent: str, gold_sents: list[str]) -> bool:
    s = sent.strip()
    return any(s and (s in g or g in s) for g in gold_sents)


def verdict(g, recs) -> str:
    if not recs:
        return "MISS"
    gs, gt = (g["source"] or "")[:3] or None, (g["target"] or "")[:3] or None
    best = "ROOT?"
    for e in recs:
        if e.get("negated"):
            continue
        s, t = country(e.get("source")), country(e.get("target"))
        same_root = e.get("cameo_root") == g["root"]
        pairs = [(s, t)] + ([(t, s)] if g["root"] in ("04", "06") else [])
        if same_root and (gs, gt) in pairs:
            return "OK"
        if same_root and s == gs:
            best = "TGT"
        elif same_root and t == gt and best != "TGT":
            best = "SRC"
        elif same_root and best == "ROOT?":
            best = "BOTH"
    if best == "ROOT?":
        return "ROOT"
    return best


def fmt(e) -> str:
    s, t = e.get("source") or {}, e.get("target") or {}
    att = e.get("attribution") or {}
    neg = " NEG" if e.get("negated") else ""
    return (f"{e.get('cameo')} {code(s) or '-'}({(s.get('text') or '')[:18]}) -> "
            f"{code(t) or '-'}({(t.get('text') or '')[:18]}) [{e.get('modality')}{neg}"
            f"{' att=' + str(att.get('speaker'))[:20] if att else ''}] {e.get('pattern')}")


REFUSED = {"test": "the test half of ../shared/news",
           "holdout": "news-holdout, our held-out set (bench/news_holdout/README.md)"}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events")
    ap.add_argument("--article")
    ap.add_argument("--summary", action="store_true")
    ap.add_argument("--set", default="dev",
                    help="dev: the dev half of ../shared/news; extra: bench/news_extra. "
                         "REFUSED: test, holdout (held-out sets: figures only, via make eval)")
    a = ap.parse_args(argv)
    if a.set in REFUSED:
        sys.exit(f"news_errors.py: {a.set} is {REFUSED[a.set]}; its errors are never listed "
                 f"(its figures: .venv/bin/python bench/eval.py --only news-{a.set})")
    if a.set not in ("dev", "extra"):
        ap.error(f"--set {a.set}: choose dev or extra")
    arts = {x["id"]: x for x in map(json.loads, open(os.path.join(NEWS, "articles.jsonl")))}
    if a.set == "extra":
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from eval_news import load_extra   # spans -> sentences, in memory only
        gold = load_extra(articles=arts)
        dev = sorted({g["article_id"] for g in gold})
    else:
        gold = [json.loads(l) for l in open(os.path.join(NEWS, "gold", "gold.jsonl"))]
        dev = dev_ids(gold)
    if a.article:
        if a.article not in dev:
            sys.exit(f"{a.article} is not an article of the {a.set} set")
        dev = [a.article]
    if a.events:
        recs = [json.loads(l) for l in open(a.events) if l.startswith("{")]
    else:
        recs = run_code([arts[i] for i in dev])
    by_doc: dict[str, list] = {}
    for e in recs:
        by_doc.setdefault((e.get("doc") or {}).get("path"), []).append(e)
    counts: Counter = Counter()
    sectors: Counter = Counter()   # (side, gold code, coded code) of same-root records
    extra_n = 0
    for aid in dev:
        got = by_doc.get(aid, [])
        used = set()
        if not a.summary:
            print(f"\n=== {aid} ({len(got)} coded)")
        for g in (x for x in gold if x["article_id"] == aid):
            mine = [e for e in got if overlaps(e.get("sentence") or "", g["sentences"])]
            used.update(id(e) for e in mine)
            v = "NEG" if g.get("negated") else verdict(g, mine)
            counts[v] += 1
            for e in mine:
                if e.get("cameo_root") == g["root"] and not e.get("negated"):
                    for side in ("source", "target"):
                        want, got_ = g[side], code(e.get(side))
                        if want != got_ and (want or "")[:3] == (got_ or "")[:3]:
                            sectors[(side, want, got_)] += 1
            if a.summary:
                continue
            att = f" att={g['attribution']}" if g.get("attribution") else ""
            at = f"@{g['spans'][0][0]} " if g.get("spans") else ""
            print(f"[{v:4}] {g['cameo']} {g['source']} -> {g['target']}{att}   "
                  f"{at}« {g['sentences'][0][:110]} »")
            for e in mine:
                print(f"         {fmt(e)}")
        extra = [e for e in got if id(e) not in used]
        extra_n += len(extra)
        if not a.summary:
            for e in extra:
                print(f"  extra  {fmt(e)}   « {(e.get('sentence') or '')[:80]} »")
    if sectors:
        print("\nright country, wrong sector (same-root records in the gold event's sentences):")
        for (side, want, got_), n in sectors.most_common():
            print(f"  {n:3}  {side:6} gold {want or '-':10} coded {got_ or '-'}")
    print("\n" + ", ".join(f"{k} {v}" for k, v in counts.most_common()) +
          f"; records in no gold sentence: {extra_n}; coded {len(recs)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
