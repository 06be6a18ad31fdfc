"""How long does a notebook's open store keep `eventwire ingest` waiting? (issue 17)

A reader process opens the store the way a notebook does and queries it in a loop
(``events(limit=20)`` every 20 ms); meanwhile a writer process makes short write runs
like ``eventwire ingest`` does (open the store for writing, store a document, finalize,
close) and records how long each open waited for DuckDB's file lock.

Two readers, measured in the same run against the same database:

- held:       the 0.1 behaviour (``Store(db, read_only=True, hold=True)``): the reader
              keeps the file open as long as the notebook lives;
- per query:  ``eventwire.open(db)`` now: each query opens the file and lets it go.

Printed: the writer's wait for the file (median, max) and how many of its runs got the
file within the lock timeout; the reader's query time with the writer at work, against
the same reader alone (a ratio, so the machine's speed cancels out).

    .venv/bin/python bench/store_concurrency.py [--writes 20] [--events 3000]
"""
from __future__ import annotations

import argparse
import multiprocessing as mp
import os
import statistics
import sys
import tempfile
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

LOCK_TIMEOUT = 2.0


def _event(i: int) -> dict:
    src, tgt = [("CHN", "PRK"), ("USA", "CHN"), ("RUS", "UKR"), ("KOR", "JPN")][i % 4]
    day = f"{2015 + i // 365 % 8}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    actor = lambda c: {"text": c, "name": c, "code": c, "country": c, "agent": None,  # noqa: E731
                       "actor_id": f"country:{c}", "span": [0, 3]}
    return {"sentence_index": 0, "sentence": f"Item {i}: {src} and {tgt} met.", "span": [0, 20],
            "source": actor(src), "target": actor(tgt), "cameo": "040", "cameo_root": "04",
            "quad_class": 1, "goldstein": 1.0,
            "plover": {"event_type": "CONSULT", "mode": None, "context": []},
            "verb": {"text": "met", "lemma": "meet", "span": [10, 13]}, "negated": False,
            "modality": "asserted", "attribution": None, "date": day, "date_precision": "day",
            "date_basis": "text", "historical": False, "location": None, "pattern": "bench",
            "confidence": 0.9}


def _coded(i: int):
    from eventwire.pipeline import CodedDocument, finish_record
    from eventwire.records import Document
    doc = Document.from_text(f"Bench article number {i}.", published="2020-01-01",
                             outlet=f"Wire {i % 5}")
    return CodedDocument(doc, [finish_record(_event(i), doc)])


def build(path: str, n: int) -> None:
    from eventwire.store import Store
    with Store(path) as s:
        for i in range(n):
            s.add_coded(_coded(i))
        s.finalize()


def reader(path: str, hold: bool, stop, ready, out) -> None:
    from eventwire.store import Store, StoreLockedError
    store = Store(path, read_only=True, hold=hold, lock_timeout=LOCK_TIMEOUT)
    times, failed = [], 0
    ready.set()
    while not stop.is_set():
        t0 = time.perf_counter()
        try:
            store.events(limit=20)
            times.append(time.perf_counter() - t0)
        except StoreLockedError:
            failed += 1
        time.sleep(0.02)
    store.close()
    out.put((times, failed))


def writer(path: str, writes: int, start: int, out) -> None:
    from eventwire.store import Store, StoreLockedError
    waits, locked = [], 0
    for k in range(writes):
        t0 = time.perf_counter()
        try:
            store = Store(path, lock_timeout=LOCK_TIMEOUT)
        except StoreLockedError:
            locked += 1
            continue
        waits.append(time.perf_counter() - t0)
        with store:
            store.add_coded(_coded(start + k))
            store.finalize()
        time.sleep(0.05)
    out.put((waits, locked))


def run(path: str, hold: bool | None, writes: int, start: int) -> dict:
    """One reader (hold True/False, or None: no reader) against one writer (or none)."""
    ctx = mp.get_context("spawn")
    stop, ready, rq, wq = ctx.Event(), ctx.Event(), ctx.Queue(), ctx.Queue()
    r = None
    if hold is not None:
        r = ctx.Process(target=reader, args=(path, hold, stop, ready, rq))
        r.start()
        ready.wait(60)
        time.sleep(0.3)
    result = {}
    if writes:
        w = ctx.Process(target=writer, args=(path, writes, start, wq))
        w.start()
        result["waits"], result["locked"] = wq.get(timeout=600)
        w.join()
    else:
        time.sleep(3)
    if r is not None:
        stop.set()
        result["reads"], result["read_failed"] = rq.get(timeout=600)
        r.join()
    return result


def ms(values) -> str:
    return f"{1000 * statistics.median(values):7.1f} / {1000 * max(values):7.1f}" if values else "      - /       -"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--writes", type=int, default=20)
    ap.add_argument("--events", type=int, default=3000)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "bench.duckdb")
        build(path, args.events)
        alone = {True: run(path, hold=True, writes=0, start=0),
                 False: run(path, hold=False, writes=0, start=0)}
        held = run(path, hold=True, writes=max(3, args.writes // 5), start=10**6)
        per_query = run(path, hold=False, writes=args.writes, start=2 * 10**6)
    print(f"store of {args.events} events; lock timeout {LOCK_TIMEOUT:g} s; "
          f"writer runs: open for writing, store one document, finalize, close")
    print(f"{'reader':12} {'writer runs':>12} {'got the file':>13} {'writer wait ms (median / max)':>31}"
          f" {'reader query ms (median / max)':>32} {'vs alone':>9}")
    for name, hold, res in (("held", True, held), ("per query", False, per_query)):
        n = len(res["waits"]) + res["locked"]
        base = statistics.median(alone[hold]["reads"])
        ratio = statistics.median(res["reads"]) / base if res["reads"] else float("nan")
        print(f"{name:12} {n:>12} {len(res['waits']):>13} {ms(res['waits']):>31}"
              f" {ms(res['reads']):>32} {ratio:>8.1f}x")
    print(f"reader alone (no writer), query ms median: held {1000 * statistics.median(alone[True]['reads']):.1f}, "
          f"per query {1000 * statistics.median(alone[False]['reads']):.1f} (opening the file each time)")
    print(f"a writer run that does not get the file fails after {LOCK_TIMEOUT:g} s (StoreLockedError)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
