"""Error analysis for the PLOVER GSR part of bench/eval.py: every gold sentence put in
one category, with counts and (with -v) the sentences.

    .venv/bin/python bench/eval_errors.py [-v] [--cat CATEGORY]

Categories (first that applies):
  hit           a scored prediction matches a gold (source, target, root)
  no_event      no scored event at all
  no_root       events, but none with the gold CAMEO root
  no_source     gold root found, but without a source country
  wrong_source  gold root found with another source country
  wrong_target  gold root and source found, target differs
False positives (scored predictions that match no gold) are counted by root too.
"""
from __future__ import annotations

import collections
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval as ev  # noqa: E402


def _pred(evs):
    out = set()
    for e in ev._scored(evs):
        s = ev._country((e["source"] or {}).get("country") or (e["source"] or {}).get("code"))
        t = ev._country((e["target"] or {}).get("country") or (e["target"] or {}).get("code"))
        out.add((s, t, e["cameo_root"], e["cameo"], e["pattern"], e.get("is_root_event", True)))
    return out


def categorize(it, pred):
    gold = [(s, t, it["root"]) for s, t in it["pairs"]]
    root = it["root"]

    def match(p, g):
        return p[2] == g[2] and p[0] == g[0] and (g[1] is None or p[1] == g[1])
    if any(match(p, g) for p in pred for g in gold):
        return "hit"
    if not pred:
        return "no_event"
    same = [p for p in pred if p[2] == root]
    if not same:
        return "no_root"
    if all(p[0] is None for p in same):
        return "no_source"
    if not any(p[0] == g[0] for p in same for g in gold):
        return "wrong_source"
    return "wrong_target"


def main(argv=None):
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "-v" in argv
    only = argv[argv.index("--cat") + 1] if "--cat" in argv else None
    if "--all-events" in argv:
        ev.MAIN_ONLY = False
    from eventwire.nlp import build_pipeline, make_doc
    nlp = build_pipeline()
    items = ev.load_gsr()
    docs = nlp.pipe(make_doc(nlp, it["text"], published="2000-01-01") for it in items)
    cats = collections.Counter()
    fp = collections.Counter()
    rows = collections.defaultdict(list)
    for it, d in zip(items, docs):
        evs = list(d._.events or [])
        for e in evs:
            e["_reporting"] = any(c.dep_ in ("ccomp", "parataxis") for c in d[e["_verb_i"]].children)
        pred = _pred(evs)
        cat = categorize(it, pred)
        cats[cat] += 1
        gold = [(s, t, it["root"]) for s, t in it["pairs"]]
        for p in pred:
            if not any(p[2] == g[2] and p[0] == g[0] and (g[1] is None or p[1] == g[1]) for g in gold):
                fp[p[2]] += 1
        rows[cat].append(f"{it['id']:26} gold {it['root']} {it['pairs']}\n    got "
                         f"{sorted((str(a), str(b), c, pat) for a, b, _, c, pat, _r in pred)}\n"
                         f"    {it['text'][:220]}")
    print("category        n")
    for k in ("hit", "no_event", "no_root", "no_source", "wrong_source", "wrong_target"):
        print(f"{k:14} {cats[k]:4}")
    print("false positives by root:", dict(sorted(fp.items())))
    if verbose or only:
        for k, lst in rows.items():
            if only and k != only:
                continue
            print(f"\n=== {k}")
            print("\n".join(lst))


if __name__ == "__main__":
    main()
