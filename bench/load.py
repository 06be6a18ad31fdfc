"""Load test (not a test): the read API's latency and error rate, alone and with SQL
abuse running in parallel (issue 19).

    .venv/bin/python bench/load.py [--requests 300] [--readers 8] [--abusers 3]
                                    [--db FILE] [--weeks 52]

Starts `eventwire serve --enable-sql` on 127.0.0.1 over a store (the model-free sample
store of eventwire.web.sample unless --db is given), then, in the same run:

1. baseline: ``--readers`` threads send ``--requests`` GETs in all (events, summary,
   actors, stories, a dyad series, health), keep-alive;
2. abuse: the same reads while ``--abusers`` threads loop SQL that a hostile or careless
   client sends: a cross join no machine finishes (interrupted at --sql-timeout), a
   huge string_agg (capped), refused calls (enable_logging, pragma_database_list,
   read_csv), and a LIKE '%' over everything.

Prints p50/p99 latency and the error rate (answers other than 200, or no answer) of
the reads in both phases, their ratio, and what the SQL clients got (200/400/408/413/
429). Reads answered 503 (the file is being written) count as errors here: nothing
writes during the run.
"""
from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

READS = ["/api/events?limit=20", "/api/summary", "/api/actors?q=chi", "/api/stories",
         "/api/events?limit=5&country=CHN", "/api/dyads/CHN/PRK/series?by=month",
         "/api/events?q=talks&limit=10", "/api/health"]
ABUSE = [
    "SELECT count(*) FROM range(1000000000) a, range(1000000000) b WHERE a.range + b.range = -1",
    "SELECT string_agg(sentence, ' ') FROM mentions, range(2000) t(i)",
    "SELECT * FROM enable_logging(storage='file', storage_path='/tmp/eventwire-bench-log')",
    "SELECT * FROM pragma_database_list",
    "SELECT * FROM read_csv('/etc/passwd')",
    "SELECT * FROM mentions WHERE sentence LIKE '%'",
]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _pct(values: list[float], p: float) -> float:
    if not values:
        return float("nan")
    values = sorted(values)
    return values[min(len(values) - 1, int(len(values) * p))] * 1000


def _reads(url: str, n: int, threads: int) -> tuple[list[float], Counter]:
    import httpx
    lat: list[float] = []
    status: Counter = Counter()
    lock = threading.Lock()
    per = max(1, n // threads)

    def worker(k):
        mine, codes = [], Counter()
        with httpx.Client(base_url=url, timeout=120) as cl:
            for i in range(k, k + per):
                t0 = time.perf_counter()
                try:
                    codes[cl.get(READS[i % len(READS)]).status_code] += 1
                except httpx.HTTPError as exc:
                    codes[exc.__class__.__name__] += 1
                mine.append(time.perf_counter() - t0)
        with lock:
            lat.extend(mine)
            status.update(codes)

    ts = [threading.Thread(target=worker, args=(k,)) for k in range(threads)]
    for t in ts:
        t.start()
    for t in ts:
        t.join()
    return lat, status


def _abuse(url: str, stop: threading.Event, k: int, out: Counter, lock) -> None:
    import httpx
    i = k
    with httpx.Client(base_url=url, timeout=120) as cl:
        while not stop.is_set():
            q = ABUSE[i % len(ABUSE)]
            i += 1
            try:
                code = cl.get("/api/sql", params={"q": q, "limit": 5000}).status_code
            except httpx.HTTPError as exc:
                code = exc.__class__.__name__
            with lock:
                out[code] += 1


def _line(name: str, lat: list[float], status: Counter) -> str:
    n = sum(status.values())
    bad = n - status.get(200, 0)
    return (f"{name:<22} {n:>5} reads  p50 {_pct(lat, 0.5):8.1f} ms  p99 {_pct(lat, 0.99):8.1f} ms"
            f"  errors {bad}/{n} = {100.0 * bad / max(n, 1):.1f}%  {dict(status)}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--requests", type=int, default=300)
    ap.add_argument("--readers", type=int, default=8)
    ap.add_argument("--abusers", type=int, default=3)
    ap.add_argument("--db", default=None)
    ap.add_argument("--weeks", type=int, default=52, help="size of the sample store")
    ap.add_argument("--sql-timeout", type=float, default=2.0)
    args = ap.parse_args(argv)

    tmp = tempfile.mkdtemp(prefix="eventwire-load-")
    db = args.db
    if db is None:
        from eventwire.web.sample import build
        db = os.path.join(tmp, "sample.duckdb")
        build(db, weeks=args.weeks)
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    log = open(os.path.join(tmp, "server.log"), "w+")
    env = dict(os.environ, OMP_NUM_THREADS="1")
    env.pop("EVENTWIRE_TOKEN", None)
    server = subprocess.Popen(
        [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main())",
         "serve", "--db", db, "--port", str(port), "--enable-sql",
         "--sql-timeout", str(args.sql_timeout)],
        stdout=log, stderr=subprocess.STDOUT, env=env, stdin=subprocess.DEVNULL)
    try:
        import httpx
        for _ in range(600):
            try:
                httpx.get(url + "/api/health", timeout=2)
                break
            except httpx.HTTPError:
                if server.poll() is not None:
                    log.seek(0)
                    print(log.read()[-2000:])
                    return 1
                time.sleep(0.1)
        _reads(url, len(READS) * 2, 2)  # warm-up (file open, caches)
        base_lat, base_status = _reads(url, args.requests, args.readers)

        stop, lock, sql = threading.Event(), threading.Lock(), Counter()
        abusers = [threading.Thread(target=_abuse, args=(url, stop, k, sql, lock))
                   for k in range(args.abusers)]
        for t in abusers:
            t.start()
        time.sleep(0.5)  # let the abusers get their queries running
        ab_lat, ab_status = _reads(url, args.requests, args.readers)
        stop.set()
        for t in abusers:
            t.join()
        alive = server.poll() is None and httpx.get(url + "/api/health", timeout=30).status_code == 200
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
        log.seek(0)
        server_log = log.read()
        log.close()

    print(f"eventwire load test: {args.readers} reader threads, {args.requests} reads per phase, "
          f"{args.abusers} SQL abusers, --sql-timeout {args.sql_timeout:g}, db {os.path.basename(db)}")
    print(_line("reads alone", base_lat, base_status))
    print(_line("reads + SQL abuse", ab_lat, ab_status))
    print(f"{'ratio (abuse/alone)':<22}        p50 x{_pct(ab_lat, .5) / _pct(base_lat, .5):.2f}"
          f"          p99 x{_pct(ab_lat, .99) / _pct(base_lat, .99):.2f}")
    print(f"SQL abuse answers: {dict(sorted(sql.items(), key=str))}")
    print(f"server alive after the run: {alive}; tracebacks in its log: "
          f"{server_log.count('Traceback')}; file written by enable_logging: "
          f"{os.path.exists('/tmp/eventwire-bench-log')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
