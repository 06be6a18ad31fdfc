"""Start-up cost of the actor dictionary, with and without the Phoenix layer.

    .venv/bin/python bench/actors_load.py [--repeat 3]

Prints, for the package dictionary alone and with the Phoenix layer: load (files ->
ActorData) and index (ActorResolver) times, the memory the resolver holds (tracemalloc
peak) and the data size on disk, each against loading the spaCy model in the same run
(the other start-up cost of `eventwire code` and of every worker process). Best of
--repeat runs; the budget it checks is in BUDGET below (a report, not a test: timings
depend on the machine). Times are CPU seconds of this process.

Budget (docs/actors.md): the Phoenix layer may make the start-up of `eventwire code`
(CPU of a whole run on one short article) at most 1.25x as long, add at most 60 MB of
Python memory, and all actor data files stay under 6 MB.
"""
from __future__ import annotations

import argparse
import gc
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

BUDGET = {"code_startup_ratio": 1.25, "memory_mb": 60.0, "disk_mb": 6.0}


def _best(fn, repeat):
    best = None
    for _ in range(repeat):
        gc.collect()
        gc.disable()      # as build_resolver runs (collector paused)
        t = time.process_time()   # CPU time: other processes on the machine count less
        out = fn()
        dt = time.process_time() - t
        gc.enable()
        best = dt if best is None or dt < best else best
    return best, out


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    import spacy

    from eventwire.actors import phoenix
    from eventwire.actors.dictionary import DATA_DIR, load_files
    from eventwire.actors.resolver import build_resolver
    from eventwire.config import Settings

    t_spacy, _ = _best(lambda: spacy.load(Settings().model), args.repeat)
    rows = []
    for label, ph in (("package", False), ("package + Phoenix", True)):
        t_load, data = _best(lambda: load_files((), phoenix=ph), args.repeat)
        t_all, r = _best(lambda: build_resolver((), phoenix=ph), args.repeat)
        t_index = t_all - t_load
        del r
        gc.collect()
        tracemalloc.start()
        r = build_resolver((), phoenix=ph)
        mem = tracemalloc.get_traced_memory()[0] / 1e6
        tracemalloc.stop()
        n_people = sum(a.kind == "person" for a in r.actors.values())
        rows.append((label, t_load, t_index, mem, len(r.actors), n_people, len(r.index)))
        del r, data
    disk = sum(f.stat().st_size for f in DATA_DIR.glob("*") if f.is_file()) / 1e6
    disk_ph = sum(f.stat().st_size for f in phoenix.PHOENIX_DIR.glob("*") if f.is_file()) / 1e6
    print(f"spaCy model load: {t_spacy:.3f} s (best of {args.repeat})")
    print("load = files -> ActorData; total = build_resolver (as get_resolver runs it); "
          "index = total - load")
    print(f"{'dictionary':20s} {'load s':>7s} {'index s':>8s} {'total s':>8s} {'x spaCy':>8s} "
          f"{'memory MB':>10s} {'actors':>7s} {'people':>7s} {'keys':>7s}")
    for label, tl, ti, mem, na, npl, nk in rows:
        print(f"{label:20s} {tl:7.3f} {ti:8.3f} {tl + ti:8.3f} {(tl + ti) / t_spacy:8.2f} "
              f"{mem:10.1f} {na:7d} {npl:7d} {nk:7d}")
    base, full = rows
    print(f"Phoenix adds {full[1] + full[2] - base[1] - base[2]:.3f} s "
          f"({(full[1] + full[2]) / (base[1] + base[2]):.2f}x the package dictionary), "
          f"{full[3] - base[3]:.1f} MB")
    print(f"data on disk: package {disk:.2f} MB, Phoenix {disk_ph:.2f} MB")
    cpu = {ph: _code_startup(ph, args.repeat) for ph in (False, True)}
    ratio = cpu[True] / cpu[False]
    print(f"`eventwire code` on one short article, CPU s (best of {args.repeat}): "
          f"without Phoenix {cpu[False]:.2f}, with {cpu[True]:.2f} ({ratio:.2f}x)")
    ok = ratio <= BUDGET["code_startup_ratio"] and full[3] - base[3] <= BUDGET["memory_mb"] \
        and disk + disk_ph <= BUDGET["disk_mb"]
    print(f"budget (eventwire code start-up <= {BUDGET['code_startup_ratio']}x, Phoenix memory <= "
          f"{BUDGET['memory_mb']:.0f} MB, data <= {BUDGET['disk_mb']:.0f} MB): "
          f"{'within' if ok else 'OVER'}")


def _code_startup(phoenix: bool, repeat: int) -> float:
    """CPU seconds of a whole `eventwire code` run on one short article (start-up
    dominates: Python, spaCy, the model, the dictionaries, the patterns)."""
    import json
    import os
    import resource
    import subprocess
    import tempfile

    exe = ROOT / ".venv" / "bin" / "eventwire"
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False) as fh:
        fh.write(json.dumps({"id": "a", "published": "2015-06-01",
                             "text": "The minister met the envoy in the capital on Monday."}) + "\n")
    env = dict(os.environ, EVENTWIRE_PHOENIX="1" if phoenix else "0")
    best = None
    try:
        for _ in range(repeat):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            subprocess.run([str(exe), "code", fh.name, "--format", "jsonl"], env=env,
                           capture_output=True, check=True)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            t = (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
            best = t if best is None or t < best else best
    finally:
        os.unlink(fh.name)
    return best


if __name__ == "__main__":
    main()
