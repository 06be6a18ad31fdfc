"""How a change moves eventwire's output on the real-news articles that have no gold.

    python bench/nogold_diff.py --write before.jsonl      # code the no-gold articles
    ... change the code ...
    python bench/nogold_diff.py before.jsonl               # code them again, diff
    python bench/nogold_diff.py before.jsonl after.jsonl   # diff two files you have
    python bench/nogold_diff.py before.jsonl --show 20     # and print 20 examples per kind

A rule earns its place by firing right on sentences nobody tuned on: the 150 articles of
../shared/news without gold are those sentences, less the 10 of news-holdout
(bench/news_holdout/), which this tool SKIPS: they are neither coded nor shown, even when
a file written before they were held out contains them (held out: figures only, via
`bench/eval.py --only news-holdout`; never read their sentences or records).
This prints how many records a change removed, added and changed (root, source, target,
modality, date), so a commit can say
"fires on N records of the no-gold set" and the engineer can spot-check the firings.
Sentences are printed truncated, to the terminal only (the texts are their publishers').
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from collections import Counter

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from eval_news import holdout_ids as held_out  # noqa: E402  (news-holdout: never coded or shown here)

NEWS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "shared", "news")
FIELDS = ("cameo", "source", "target", "modality", "date", "historical", "negated")


def nogold_input() -> str:
    """A temporary eventwire JSONL input of the no-gold articles (url = article id), the
    held-out ones left out."""
    gold = {json.loads(l)["article_id"] for l in open(os.path.join(NEWS, "gold", "gold.jsonl"))}
    gold |= held_out()
    fd, path = tempfile.mkstemp(suffix=".jsonl")
    with os.fdopen(fd, "w") as out:
        for line in open(os.path.join(NEWS, "articles.jsonl")):
            a = json.loads(line)
            if a["id"] not in gold:
                out.write(json.dumps(dict(a, url=a["id"])) + "\n")
    return path


def code_nogold(out_path: str) -> None:
    src = nogold_input()
    try:
        with open(out_path, "w") as out:
            # One line per mention: a rule's firings are compared mention by mention,
            # whatever the folding into one record per event per article does
            # (docs/records.md), so files written before and after it still compare.
            r = subprocess.run([os.path.join(".venv", "bin", "eventwire"), "code", src,
                                "--format", "jsonl", "--per-mention"], stdout=out,
                               stderr=subprocess.PIPE, text=True)
    finally:
        os.unlink(src)
    if r.returncode not in (0, 1):
        sys.exit("eventwire code failed: " + (r.stderr.strip().splitlines() or ["?"])[-1])


def load(path: str) -> list[dict]:
    """The records of a file, those of held-out articles dropped (a file written before the
    holdout existed still holds them)."""
    skip = held_out()
    return [e for e in map(json.loads, (l for l in open(path) if l.startswith("{")))
            if (e.get("doc") or {}).get("path") not in skip]


def value(e: dict, f: str):
    v = e.get(f)
    return (v or {}).get("code") if f in ("source", "target") else v


def where(e: dict) -> tuple:
    return ((e.get("doc") or {}).get("path"), (e.get("span") or [None])[0])


def pair(before: list[dict], after: list[dict]):
    """(removed, added, changed pairs): records of one sentence are paired by verb offset,
    then by root, then in order."""
    by_sent: dict[tuple, tuple[list, list]] = {}
    for side, recs in ((0, before), (1, after)):
        for e in recs:
            by_sent.setdefault(where(e), ([], []))[side].append(e)
    removed, added, changed = [], [], []
    for b, a in by_sent.values():
        a = list(a)
        for key in (lambda e: (e.get("verb") or {}).get("span"), lambda e: e.get("cameo_root"),
                    lambda e: None):
            rest = []
            for e in b:
                hit = next((x for x in a if key(x) == key(e)), None)
                if hit is None:
                    rest.append(e)
                    continue
                a.remove(hit)
                if any(value(e, f) != value(hit, f) for f in FIELDS):
                    changed.append((e, hit))
            b = rest
        removed += b
        added += a
    return removed, added, changed


def line(e: dict) -> str:
    s = " ".join((e.get("sentence") or "").split())
    return (f"{where(e)[0]}@{where(e)[1]} {e.get('cameo')} {value(e, 'source')}->"
            f"{value(e, 'target')} {e.get('modality')} | {s[:110]}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("files", nargs="*", help="before.jsonl [after.jsonl]")
    ap.add_argument("--write", metavar="FILE",
                    help="code the no-gold articles (news-holdout's skipped) into FILE and stop")
    ap.add_argument("--show", type=int, default=0, help="examples to print per kind")
    args = ap.parse_args(argv)
    if args.write:
        code_nogold(args.write)
        print(f"{len(load(args.write))} records -> {args.write}")
        return 0
    if not args.files:
        ap.error("give before.jsonl (and after.jsonl, or nothing to code the articles now)")
    before = load(args.files[0])
    if len(args.files) > 1:
        after = load(args.files[1])
    else:
        fd, tmp = tempfile.mkstemp(suffix=".jsonl")
        os.close(fd)
        code_nogold(tmp)
        after = load(tmp)
        os.unlink(tmp)
    removed, added, changed = pair(before, after)
    print(f"records: {len(before)} -> {len(after)}; removed {len(removed)}, added {len(added)}, "
          f"changed {len(changed)}")
    what = Counter(f for b, a in changed for f in FIELDS if value(b, f) != value(a, f))
    if what:
        print("changed fields: " + ", ".join(f"{f} {n}" for f, n in what.most_common()))
    if args.show:
        for title, recs in (("removed", removed), ("added", added)):
            for e in recs[:args.show]:
                print(f"  {title:8} {line(e)}")
        for b, a in changed[:args.show]:
            diff = ", ".join(f"{f} {value(b, f)}->{value(a, f)}" for f in FIELDS if value(b, f) != value(a, f))
            print(f"  changed  {diff} | {line(a)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
