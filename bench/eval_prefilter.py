"""Accuracy before/after the sentence prefilter (issue 8), with bench/eval.py's scorers.

    .venv/bin/python bench/eval_prefilter.py            # PLOVER GSR + QuadClass, both ways

bench/eval.py parses its sentences with ``eventwire.nlp.make_doc`` + the pipeline. This
script runs its GSR and QuadClass measures twice in one process: as is (everything
parsed), and with ``make_doc`` replaced by the prefilter path of ``code_documents``
(sentences without an actor and an event cue are blanked before the parse, the full
text stays on ``doc._.full_text``). The PETRARCH suites are left out: they load their
own dictionaries, which the default cheap checks do not know (``code_documents`` turns
the prefilter off in that case).

It also codes the seed articles both ways with ``code_documents`` and compares the
events found.
"""
from __future__ import annotations

import os
import pathlib
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
HERE = pathlib.Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent / "src"))


def _seed_comparison():
    from eventwire.config import Settings
    from eventwire.pipeline import code_documents
    from eventwire.records import Document
    import eval as ev
    seeds = sorted((ev.EVAL.parent / "seeds").glob("*.txt"))
    docs = [Document.from_text(p.read_text(encoding="utf-8"), path=str(p),
                               published="2017-11-22", language="en") for p in seeds]

    def keys(prefilter):
        out = set()
        for c in code_documents(docs, Settings(), prefilter=prefilter):
            for e in c.events:
                out.add((c.document.path, e["cameo"], tuple(e["verb"]["span"]),
                         (e.get("source") or {}).get("code"), (e.get("target") or {}).get("code"),
                         e.get("date"), (e.get("location") or {}).get("name"), e.get("modality"),
                         e.get("negated")))
        return out
    full, filtered = keys(False), keys(True)
    return len(docs), len(full), len(filtered), len(full & filtered)


def main() -> int:
    import eval as ev
    import eventwire.nlp as nlp_mod
    from eventwire.pipeline import find_cue_checks, prefilter_text

    orig = nlp_mod.make_doc
    only = ["--only", "gsr,quad"]
    print("== everything parsed (prefilter off)", flush=True)
    ev.main(only)

    nlp = nlp_mod.build_pipeline()
    checks = find_cue_checks(nlp)
    if checks is None:
        print("has_actor/has_event_cue are not available: no prefilter to measure")
        return 0
    stats = {"docs": 0, "masked": 0}

    def make_doc(nlp, text, **kw):
        from spacy.tokens import Doc
        if not Doc.has_extension("full_text"):
            Doc.set_extension("full_text", default=None)
        pf = prefilter_text(text, *checks)
        stats["docs"] += 1
        if pf.masked is text:
            return orig(nlp, text, **kw)
        stats["masked"] += not pf.kept
        doc = orig(nlp, pf.masked, **kw)
        doc._.full_text = text
        return doc

    nlp_mod.make_doc = make_doc
    try:
        print("\n== with the sentence prefilter", flush=True)
        ev.main(only)
    finally:
        nlp_mod.make_doc = orig
    print(f"(prefilter: {stats['masked']} of {stats['docs']} eval sentences blanked entirely)")

    t = time.perf_counter()
    n_docs, n_full, n_filt, n_same = _seed_comparison()
    print(f"\nseed articles ({n_docs}): {n_full} events parsed whole, {n_filt} with the "
          f"prefilter, {n_same} identical (code, verb span, actors, date, place, modality, "
          f"negation) ({time.perf_counter() - t:.0f}s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
