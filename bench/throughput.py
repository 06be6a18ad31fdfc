"""Throughput: bare spaCy vs the full eventwire pipeline, in the same run (issue 8).

    python bench/throughput.py                      # >= 2 MB of news text, n_process=2
    python bench/throughput.py --mb 0.3             # quick check while developing
    python bench/throughput.py --also-unfiltered    # also eventwire without the prefilter

The corpus is real news text (seeds + ../shared/eval snippets, recombined; see
bench/newscorpus.py). Both runs get the same cleaned article texts, the same spaCy
model, ``n_process`` and batch size, with OMP_NUM_THREADS=1. Words are counted once
(white-space separated) and divided by each run's wall time. The machine may be shared:
compare the ratio of one run, not absolute figures across runs.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import newscorpus  # noqa: E402


def build_corpus(mb: float, seed: int):
    from eventwire.records import Document
    docs = []
    for art in newscorpus.articles(min_bytes=int(mb * 1_000_000), seed=seed):
        docs.append(Document.from_text(art["text"], url=art["url"], title=art["title"],
                                       published=art["published"], language="en",
                                       source_format="jsonl"))
    return docs


def run_bare(model: str, texts, n_process: int, batch_size: int) -> tuple[float, int]:
    import spacy
    nlp = spacy.load(model)
    nlp("warm up.")
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        n += len(doc)
    return time.perf_counter() - t0, n


def run_eventwire(docs, settings, prefilter: bool) -> tuple[float, int, int]:
    from eventwire.nlp import get_pipeline
    from eventwire.pipeline import code_documents
    get_pipeline(settings)("warm up.")   # loaded once; forked workers inherit it
    t0 = time.perf_counter()
    n_events = n_errors = 0
    for coded in code_documents(iter(docs), settings, prefilter=prefilter):
        n_events += len(coded.events)
        n_errors += bool(coded.error)
    return time.perf_counter() - t0, n_events, n_errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.2, help="corpus size in MB (default 2.2)")
    ap.add_argument("--n-process", type=int, default=2)
    ap.add_argument("--batch-size", type=int, default=12)
    ap.add_argument("--model", default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--also-unfiltered", action="store_true",
                    help="also time eventwire with the sentence prefilter off")
    args = ap.parse_args(argv)

    from eventwire.config import Settings
    settings = Settings()
    settings.n_process = args.n_process
    settings.batch_size = args.batch_size
    if args.model:
        settings.model = args.model

    docs = build_corpus(args.mb, args.seed)
    texts = [d.text for d in docs]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(docs)} articles, {n_bytes / 1e6:.2f} MB, {n_words} words; "
          f"model={settings.model} n_process={args.n_process} batch_size={args.batch_size} "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}", flush=True)

    t_bare, n_tok = run_bare(settings.model, texts, args.n_process, args.batch_size)
    wps_bare = n_words / t_bare
    print(f"bare spaCy nlp.pipe : {t_bare:8.1f} s  {wps_bare:10.0f} words/s  ({n_tok} tokens)",
          flush=True)

    t_ew, n_ev, n_err = run_eventwire(docs, settings, prefilter=True)
    wps_ew = n_words / t_ew
    print(f"eventwire pipeline  : {t_ew:8.1f} s  {wps_ew:10.0f} words/s  "
          f"({n_ev} events, {n_err} errors)", flush=True)
    if args.also_unfiltered:
        t_nf, n_ev_nf, _ = run_eventwire(docs, settings, prefilter=False)
        print(f"eventwire unfiltered: {t_nf:8.1f} s  {n_words / t_nf:10.0f} words/s  "
              f"({n_ev_nf} events)  ratio {(n_words / t_nf) / wps_bare:.2f}", flush=True)
    print(f"ratio eventwire/bare: {wps_ew / wps_bare:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
