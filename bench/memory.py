"""Streaming memory: peak RSS of ``eventwire code`` on 10k and 100k synthetic articles.

    python bench/memory.py                       # 10k and 100k articles, fast setting
    python bench/memory.py --sizes 2000 --max-chars 0   # full articles, small corpus

Synthetic JSONL corpora are assembled from real sentences (bench/newscorpus.py) in a
temporary directory. Each size is coded by a child process running the ``eventwire
code`` command (JSONL input -> records to /dev/null), and the resident memory of that
process *and its worker processes* is sampled; the peak and a few samples along the
way are printed. Flat memory means the peak does not grow with the number of articles.

The fast setting (``--max-chars``, default 200, i.e. EVENTWIRE_MAX_CHARS) codes only the
start of each article, so 100k articles finish in minutes on a laptop; reading,
cleaning, near-duplicate signatures, the pipeline, dedup and output still run for every
article.
"""
from __future__ import annotations

import argparse
import os
import pathlib
import subprocess
import sys
import tempfile
import time

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import newscorpus  # noqa: E402

ROOT = pathlib.Path(__file__).resolve().parents[1]


def _tree_rss(proc) -> int:
    import psutil
    total = 0
    try:
        procs = [proc] + proc.children(recursive=True)
    except psutil.Error:
        return 0
    for p in procs:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def _read_fraction(proc, path: str, size: int) -> float:
    """How far the coder has read its input (the file position of its open handle)."""
    try:
        for f in proc.open_files():
            if os.path.samefile(f.path, path):
                return f.position / size if size else 1.0
    except Exception:  # noqa: BLE001 - progress is a nicety
        pass
    return float("nan")


def measure(jsonl: str, n_process: int, max_chars: int, extra_args=()) -> dict:
    import psutil
    env = dict(os.environ, OMP_NUM_THREADS="1")
    if max_chars:
        env["EVENTWIRE_MAX_CHARS"] = str(max_chars)
    cmd = [sys.executable, "-c", "import sys; from eventwire.cli import main; sys.exit(main())",
           "code", jsonl, "--out", os.devnull,
           "--n-process", str(n_process), *extra_args]
    t0 = time.perf_counter()
    # stderr (notes, errors) goes to a file: a pipe nobody reads would fill and block.
    errf = tempfile.TemporaryFile("w+", encoding="utf-8")
    child = subprocess.Popen(cmd, env=env, stderr=errf, text=True)
    proc = psutil.Process(child.pid)
    peak, samples, last = 0, [], 0.0
    size = os.path.getsize(jsonl)
    while child.poll() is None:
        rss = _tree_rss(proc)
        peak = max(peak, rss)
        now = time.perf_counter() - t0
        if now - last >= 60:
            done = _read_fraction(proc, jsonl, size)
            samples.append((round(now), rss))
            print(f"   {now:6.0f} s  input read {done:6.1%}  RSS {rss / 2**20:5.0f} MiB  "
                  f"peak {peak / 2**20:5.0f} MiB", flush=True)
            last = now
        time.sleep(0.25)
    errf.seek(0)
    err = errf.read()
    errf.close()
    return {"seconds": time.perf_counter() - t0, "peak_rss": peak, "samples": samples,
            "returncode": child.returncode, "stderr_tail": err.strip().splitlines()[-3:]}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="article counts (comma-separated)")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--max-chars", type=int, default=200,
                    help="characters coded per article (0 = whole articles)")
    ap.add_argument("--keep", default=None, metavar="DIR",
                    help="write the corpora here and keep them (default: a temp dir)")
    args = ap.parse_args(argv)

    workdir = args.keep or tempfile.mkdtemp(prefix="eventwire-mem-")
    os.makedirs(workdir, exist_ok=True)
    print(f"n_process={args.n_process} max_chars={args.max_chars or 'all'} dir={workdir}",
          flush=True)
    try:
        for n in (int(x) for x in args.sizes.split(",")):
            path = os.path.join(workdir, f"synthetic-{n}.jsonl")
            if not os.path.exists(path):
                t = time.perf_counter()
                size = newscorpus.write_jsonl(path, n)
                print(f"{n} articles: wrote {size / 1e6:.0f} MB in {time.perf_counter() - t:.0f} s",
                      flush=True)
            res = measure(path, args.n_process, args.max_chars)
            samples = ", ".join(f"{s}s:{r / 2**20:.0f}" for s, r in res["samples"][:: max(
                1, len(res["samples"]) // 8)])
            print(f"{n} articles: peak RSS {res['peak_rss'] / 2**20:.0f} MiB (process tree), "
                  f"{res['seconds']:.0f} s ({n / res['seconds']:.0f} articles/s), "
                  f"exit {res['returncode']}; RSS MiB over time: {samples}", flush=True)
            if res["returncode"]:
                print("   stderr: " + " | ".join(res["stderr_tail"]), flush=True)
    finally:
        if not args.keep:
            import shutil
            shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
