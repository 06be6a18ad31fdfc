"""Benchmark (not a test): dyad time-series query time on 10 million synthetic events.

    .venv/bin/python bench/dyad_bench.py [--events 10000000] [--db /tmp/dyad_bench.duckdb]

Builds an eventwire store whose ``events`` table holds N synthetic canonical events
(40 countries, 6 agent types, 20 CAMEO roots, 8 years of dates), then times
``Store.dyad_series`` (CHN-PRK, by week and by month, undirected and directed) and the
raw SQL behind it. Prints one line per query: median of the warm runs and the first run.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "src"))

from eventwire.analysis import dyad_series_sql  # noqa: E402
from eventwire.store import Store  # noqa: E402

COUNTRIES = ["CHN", "PRK", "USA", "KOR", "JPN", "RUS", "IRN", "ISR", "SYR", "TUR", "GBR",
             "FRA", "DEU", "IND", "PAK", "AFG", "IRQ", "SAU", "EGY", "UKR", "VNM", "PHL",
             "IDN", "MYS", "THA", "MMR", "BRA", "MEX", "VEN", "COL", "NGA", "ZAF", "ETH",
             "SDN", "LBY", "YEM", "LBN", "PSE", "CAN", "AUS"]
AGENTS = ["", "GOV", "MIL", "PTY", "BUS", "MED"]


def build(db: str, n: int) -> None:
    with Store(db) as s:
        con = s.con
        countries = "[" + ",".join(f"'{c}'" for c in COUNTRIES) + "]"
        agents = "[" + ",".join(f"'{a}'" for a in AGENTS) + "]"
        t = time.perf_counter()
        # Skewed country choice (a few countries dominate, as in news), uniform dates.
        con.execute(f"""
            INSERT INTO events (canonical_event_id, block_key, date, date_precision,
                source_code, source_country, source_agent, target_code, target_country,
                target_agent, cameo, cameo_root, event_base_code, quad_class, goldstein,
                negated, modality, historical, num_mentions, num_sources, num_articles)
            SELECT printf('%016x', i), 'bench', DATE '2015-01-01' + CAST(i * 7919 % 2922 AS INTEGER),
                   'day', sc || sa, sc, nullif(sa, ''), tc || ta, tc, nullif(ta, ''),
                   root || '0', root, root || '0',
                   CASE WHEN root <= '05' THEN 1 WHEN root <= '08' THEN 2
                        WHEN root <= '14' THEN 3 ELSE 4 END,
                   round(10 - CAST(root AS INTEGER), 1),
                   i % 50 = 0, 'asserted', i % 20 = 0,
                   1 + CAST(i % 7 AS INTEGER), 1 + CAST(i % 3 AS INTEGER), 1 + CAST(i % 3 AS INTEGER)
            FROM (SELECT i,
                    {countries}[1 + CAST(floor(pow(random(), 2.5) * {len(COUNTRIES)}) AS INTEGER)] AS sc,
                    {countries}[1 + CAST(floor(pow(random(), 2.5) * {len(COUNTRIES)}) AS INTEGER)] AS tc,
                    {agents}[1 + CAST(i % {len(AGENTS)} AS INTEGER)] AS sa,
                    {agents}[1 + CAST((i // 7) % {len(AGENTS)} AS INTEGER)] AS ta,
                    lpad(CAST(1 + i % 20 AS VARCHAR), 2, '0') AS root
                  FROM range({n}) r(i))""")
        con.execute("CHECKPOINT")
        print(f"built {n:,} events in {time.perf_counter() - t:.1f}s "
              f"({os.path.getsize(db) / 1e6:.0f} MB)")


def timed(fn, runs: int = 5) -> tuple[float, float, object]:
    first = None
    times = []
    for k in range(runs + 1):
        t = time.perf_counter()
        out = fn()
        dt = time.perf_counter() - t
        if k == 0:
            first = dt
        else:
            times.append(dt)
    return statistics.median(times), first, out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--events", type=int, default=10_000_000)
    ap.add_argument("--db", default="/tmp/eventwire_dyad_bench.duckdb")
    ap.add_argument("--keep", action="store_true", help="reuse/keep the database")
    args = ap.parse_args()
    if not (args.keep and os.path.exists(args.db)):
        for suffix in ("", ".wal"):
            if os.path.exists(args.db + suffix):
                os.remove(args.db + suffix)
        build(args.db, args.events)
    with Store(args.db, read_only=True) as s:
        n = s.sql("SELECT count(*) AS n FROM events").n[0]
        threads = s.con.execute("SELECT current_setting('threads')").fetchone()[0]
        print(f"events: {n:,}; DuckDB threads: {threads}; CPUs: {os.cpu_count()}")
        cases = [("CHN", "PRK", "week", False), ("CHN", "PRK", "month", False),
                 ("CHNGOV", "PRKMIL", "week", True), ("USA", "IRN", "day", False)]
        for a, b, by, directed in cases:
            med, first, df = timed(lambda: s.dyad_series(a, b, by=by, directed=directed))
            sql, params = dyad_series_sql(a, b, by, directed)
            med_sql, _, _ = timed(lambda: s.con.execute(sql, params).fetchall())
            print(f"dyad {a}{'->' if directed else '<->'}{b} by {by:5}: "
                  f"{len(df):4} periods, {int(df.events.sum()):8,} events | "
                  f"Store.dyad_series median {med * 1000:7.1f} ms (first {first * 1000:7.1f} ms) | "
                  f"SQL only {med_sql * 1000:7.1f} ms")
    if not args.keep:
        os.remove(args.db)
    return 0


if __name__ == "__main__":
    sys.exit(main())
