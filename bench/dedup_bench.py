"""Dedup speed on one big block (one dyad, one CAMEO root, one month).

    python bench/dedup_bench.py [N]

Two synthetic blocks of N mentions (default 20,000) in 2,000 articles:
- "reports": 500 real events, each told by ~40 mentions that share most of its key words;
- "noise": every mention says something else (random words), so nothing merges across
  articles and every mention is compared with every event still open.
Prints CPU seconds and the ratio to the unavoidable per-mention work measured in the
same run (key-word extraction of every mention), so the figure does not depend on the
machine's speed.
"""
from __future__ import annotations

import datetime as dt
import os
import random
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))

from test_store_factory import make_record  # noqa: E402

from eventwire.dedup import cluster_block, key_words  # noqa: E402


def block(n: int, kind: str, seed: int = 1) -> list[dict]:
    rnd = random.Random(seed)
    vocab = [f"w{i}" for i in range(2000)]
    events = [(rnd.sample(vocab, 15), rnd.randrange(30), rnd.choice(["040", "042", "043", "046"]))
              for _ in range(500)]
    recs = []
    for i in range(n):
        if kind == "reports":
            words, day, cameo = events[rnd.randrange(len(events))]
            sentence = " ".join(rnd.sample(words, 10) + rnd.sample(vocab, 2))
            day = min(29, day + rnd.randrange(2))
        else:
            sentence, day, cameo = " ".join(rnd.sample(vocab, 12)), rnd.randrange(30), \
                rnd.choice(["040", "042", "043", "046"])
        recs.append(make_record(text=f"article {i % 2000}", source=rnd.choice(["CHNGOV", "CHN"]),
                                target="PRK", cameo=cameo, sentence=sentence, sentence_index=i,
                                date=(dt.date(2017, 11, 1) + dt.timedelta(days=day)).isoformat()))
    return recs


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20_000
    for kind in ("reports", "noise"):
        recs = block(n, kind)
        t = time.process_time()
        for r in recs:
            key_words(r)
        base = time.process_time() - t
        t = time.process_time()
        events = cluster_block([dict(r) for r in recs])
        took = time.process_time() - t
        print(f"{kind:8s} {n} mentions -> {len(events)} events: {took:.2f} s CPU, "
              f"{took / base:.1f}x the key-word extraction alone ({base:.2f} s)")


if __name__ == "__main__":
    main()
