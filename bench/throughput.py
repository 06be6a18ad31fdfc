"""Throughput: bare spaCy vs the full eventwire pipeline, in the same run (issue 8).

    python bench/throughput.py                      # >= 2 MB of news text, n_process=2
    python bench/throughput.py --mb 0.3             # quick check while developing
    python bench/throughput.py --also-unfiltered    # also eventwire without the prefilter

eventwire runs the model without its NER (EVENTWIRE_NER=0, the default: in
en_core_web_sm the NER has its own tok2vec and costs about 40% of the parse, and the
coder does not need it; bench/eval.py shows the accuracy either way). The baseline is the
model as shipped, all components; ``--also-bare-without-ner`` also times bare spaCy
without NER, i.e. the parse eventwire actually runs, so the cost of the coding stages
on top of it can be read off too.

The corpus is real news text (seeds + ../shared/eval snippets, recombined; see
bench/newscorpus.py). Both runs get the same cleaned article texts, the same spaCy
model and batch size, with OMP_NUM_THREADS=1; bare spaCy runs ``--n-process`` processes
(2), eventwire its default (the available cores; ``--eventwire-n-process N`` to force). Words are counted once
(white-space separated) and divided by each run's wall time. The machine may be shared:
compare the ratio of one run, not absolute figures across runs.
"""
from __future__ import annotations

import os

os.environ.setdefault("OMP_NUM_THREADS", "1")

import argparse  # noqa: E402
import resource  # noqa: E402
import pathlib  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parent))

import newscorpus  # noqa: E402


def cpu_seconds() -> float:
    """CPU time of this process and its reaped children (the worker processes)."""
    t = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        ru = resource.getrusage(who)
        t += ru.ru_utime + ru.ru_stime
    return t


def build_corpus(mb: float, seed: int):
    from eventwire.records import Document
    docs = []
    for art in newscorpus.articles(min_bytes=int(mb * 1_000_000), seed=seed):
        docs.append(Document.from_text(art["text"], url=art["url"], title=art["title"],
                                       published=art["published"], language="en",
                                       source_format="jsonl"))
    return docs


_BARE = {}


def run_bare(model: str, texts, n_process: int, batch_size: int,
             exclude: tuple = ()) -> tuple[float, int]:
    import spacy
    key = (model, exclude)
    if key not in _BARE:
        _BARE[key] = spacy.load(model, exclude=list(exclude))
        _BARE[key]("warm up.")
    nlp = _BARE[key]
    t0 = time.perf_counter()
    n = 0
    for doc in nlp.pipe(texts, n_process=n_process, batch_size=batch_size):
        n += len(doc)
    return time.perf_counter() - t0, n


def run_eventwire(docs, settings, prefilter: bool) -> tuple[float, int, int]:
    from eventwire.nlp import get_pipeline
    from eventwire.pipeline import code_documents
    from eventwire.pipeline import ChunkCoder
    # Load the model and the coder's tables (gazetteer, patterns, ...) before timing,
    # as spacy.load is not timed for bare spaCy; the forked workers inherit them.
    ChunkCoder(settings, get_pipeline(settings), prefilter).warm_up()
    t0 = time.perf_counter()
    n_events = n_errors = 0
    for coded in code_documents(iter(docs), settings, prefilter=prefilter):
        n_events += len(coded.events)
        n_errors += bool(coded.error)
    return time.perf_counter() - t0, n_events, n_errors


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.2, help="corpus size in MB (default 2.2)")
    ap.add_argument("--n-process", type=int, default=2,
                    help="bare spaCy's processes (default 2)")
    ap.add_argument("--eventwire-n-process", type=int, default=None, metavar="N",
                    help="eventwire's processes (default: eventwire's own default, i.e. what "
                         "`eventwire code` does without flags: the available cores)")
    ap.add_argument("--coder", default=None, choices=["rules", "hybrid"],
                    help="eventwire's event coder (default: eventwire's default)")
    ap.add_argument("--batch-size", type=int, default=12)
    ap.add_argument("--model", default=None)
    ap.add_argument("--seed", type=int, default=8)
    ap.add_argument("--slices", type=int, default=4,
                    help="take turns slice by slice (A B B A) to even out a changing load")
    ap.add_argument("--also-unfiltered", action="store_true",
                    help="also time eventwire with the sentence prefilter off")
    ap.add_argument("--also-bare-without-ner", action="store_true",
                    help="also time bare spaCy without its NER (the parse eventwire runs)")
    ap.add_argument("--also-bare-batch", type=int, default=None, metavar="N",
                    help="also time bare spaCy with batch size N (eventwire parses in "
                         "batches of EVENTWIRE_PARSE_BATCH=48 documents)")
    args = ap.parse_args(argv)

    from eventwire.config import Settings
    settings = Settings()
    if args.eventwire_n_process is not None:
        settings.n_process = args.eventwire_n_process
    if args.coder:
        settings.coder = args.coder
    settings.batch_size = args.batch_size
    if args.model:
        settings.model = args.model

    docs = build_corpus(args.mb, args.seed)
    texts = [d.text for d in docs]
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)
    n_words = sum(len(t.split()) for t in texts)
    print(f"corpus: {len(docs)} articles, {n_bytes / 1e6:.2f} MB, {n_words} words; "
          f"model={settings.model} ner={settings.ner} coder={settings.coder} bare n_process={args.n_process} "
          f"eventwire n_process={settings.n_process or 'auto'} batch_size={args.batch_size} "
          f"OMP_NUM_THREADS={os.environ.get('OMP_NUM_THREADS')}", flush=True)

    # The corpus is cut into slices, and the systems take turns slice by slice in an
    # A B B A ... order, so that a change of the machine's load during the run (shared
    # machines) weighs on both sides alike. Each system codes the whole corpus once.
    k = max(1, min(args.slices, len(docs)))
    bounds = [round(i * len(docs) / k) for i in range(k + 1)]
    systems = ["bare", "eventwire"] + (["unfiltered"] if args.also_unfiltered else []) \
        + (["bare_batch"] if args.also_bare_batch else []) \
        + (["bare_no_ner"] if args.also_bare_without_ner else [])
    total = {name: 0.0 for name in systems}
    cpu = {name: 0.0 for name in systems}
    events = {name: 0 for name in systems}
    errors = 0
    for i in range(k):
        part = docs[bounds[i]:bounds[i + 1]]
        order = systems if i % 2 == 0 else systems[::-1]
        for name in order:
            c0 = cpu_seconds()
            if name in ("bare", "bare_batch", "bare_no_ner"):
                bs = args.also_bare_batch if name == "bare_batch" else args.batch_size
                t, _ = run_bare(settings.model, [d.text for d in part], args.n_process, bs,
                                ("ner",) if name == "bare_no_ner" else ())
            else:
                t, n_ev, n_err = run_eventwire(part, settings, prefilter=(name == "eventwire"))
                events[name] += n_ev
                errors += n_err
            total[name] += t
            cpu[name] += cpu_seconds() - c0
        print(f"  slice {i + 1}/{k}: " + ", ".join(f"{n} {total[n]:.0f}s" for n in systems),
              flush=True)

    wps = {name: n_words / total[name] for name in systems}
    print(f"bare spaCy nlp.pipe : {total['bare']:8.1f} s  {wps['bare']:10.0f} words/s")
    print(f"eventwire pipeline  : {total['eventwire']:8.1f} s  {wps['eventwire']:10.0f} words/s  "
          f"({events['eventwire']} events, {errors} errors)")
    if args.also_unfiltered:
        print(f"eventwire unfiltered: {total['unfiltered']:8.1f} s  {wps['unfiltered']:10.0f} "
              f"words/s  ({events['unfiltered']} events)  "
              f"ratio {wps['unfiltered'] / wps['bare']:.2f}")
    if args.also_bare_batch:
        print(f"bare spaCy batch {args.also_bare_batch:<3}: {total['bare_batch']:8.1f} s  "
              f"{wps['bare_batch']:10.0f} words/s  ratio eventwire/this "
              f"{wps['eventwire'] / wps['bare_batch']:.2f}")
    if args.also_bare_without_ner:
        print(f"bare spaCy, no NER  : {total['bare_no_ner']:8.1f} s  {wps['bare_no_ner']:10.0f} "
              f"words/s  ratio eventwire/this {wps['eventwire'] / wps['bare_no_ner']:.2f}")
    print("CPU seconds (this process + workers; less sensitive to other load): " +
          ", ".join(f"{n} {cpu[n]:.0f} s ({n_words / cpu[n]:.0f} words/CPU-s)" for n in systems))
    print(f"CPU-time ratio eventwire/bare: {cpu['bare'] / cpu['eventwire']:.2f}")
    print(f"ratio eventwire/bare: {wps['eventwire'] / wps['bare']:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
