"""Score eventwire: real news first, then the sets of ../shared/eval; then the gate.

    .venv/bin/python bench/eval.py [-v] [--by-article] [--corpus]
        [--only news,news-dev,news-test,news-extra,news-holdout,news-dedup,gsr,petrarch,quad,typer,actors]
        [--check | --write-baseline] [--quiet] [--figures-out FILE]

Sets (docs/evaluation.md defines every figure):
  news      bench/eval_news.py: the real-news yardstick (../shared/news), test and dev
            halves, each from one `eventwire code` run, and cross-article dedup; news-extra,
            our second dev set hand-coded on no-gold articles (bench/news_extra/); news-holdout,
            a held-out set coded the same way (bench/news_holdout/): figures only, never errors
  gsr       bench/eval_gsr.py: PLOVER GSR (CAMEO-manual examples; tuned on: an upper bound)
  petrarch  bench/eval_petrarch.py: PETRARCH validation suites through --actors/--patterns
  quad      QuadClass accuracy on conflibert_cameo/cameo_class/train.tsv (0 = no event)
  typer     bench/eval_typer.py: the hybrid typer's QuadClass on the held-out ConfliBERT
            items (never trained on), accuracy and macro-F1
  actors    bench/eval_actors.py: NGEC actor cases, GSR actors
The GSR and PETRARCH figures are the way a user gets them; the protocol of the figures up
to 0.1.1 is kept in rows and figures labelled "legacy".

--check compares every figure with bench/baseline.json (bench/gate.py) and exits 1 when
one is worse by more than a point; --write-baseline rewrites the figures of the sets run.
Nothing here is tuned to individual sentences.
"""
from __future__ import annotations

import json
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_gsr  # noqa: E402
import eval_news  # noqa: E402
import eval_petrarch  # noqa: E402
import eval_typer  # noqa: E402
import gate  # noqa: E402
from common import ROOT, SHARED, pct  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
EVAL = SHARED / "eval"


# ---------------------------------------------------------------- QuadClass

def eval_quad(nlp, limit=None):
    from eventwire.nlp import make_doc
    path = EVAL / "conflibert_cameo" / "cameo_class" / "train.tsv"
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit():
                rows.append((text, int(label)))
    rows = rows[:limit] if limit else rows
    ok = 0
    for (text, label), doc in zip(rows, nlp.pipe(make_doc(nlp, t) for t, _ in rows)):
        evs = [e for e in doc._.events or [] if not e["negated"] and e["quad_class"]]
        # the sentence's quad class: the most severe event coded (statements count last)
        non_stmt = [e for e in evs if e["cameo_root"] != "01"] or evs
        pred = max((e["quad_class"] for e in non_stmt), default=0) if non_stmt else 0
        ok += pred == label
    return {"n": len(rows), "accuracy": ok / len(rows) if rows else 0.0}


# ---------------------------------------------------------------- the sets other than news

def _gsr_rows(g: dict, rows: list, fig: dict) -> None:
    for protocol, prefix, note in (("user", "gsr", "all events, strict targets"),
                                   ("legacy", "gsr-legacy", "legacy: main event, lenient targets")):
        for lvl, label in (("root", "CAMEO root"), ("type", "PLOVER type")):
            r = g[protocol][lvl]
            name = f"PLOVER GSR, {label}" + (" (legacy)" if protocol == "legacy" else "")
            rows.append((name, pct(r["precision"]), pct(r["recall"]), pct(r["f1"]),
                         f"gold {r['n_gold']}, pred {r['n_pred']}; {note}"))
            for k in ("precision", "recall", "f1"):
                fig[f"{prefix}.{lvl}_{k}"] = r[k]


def _petrarch_rows(p: dict, rows: list, fig: dict) -> None:
    for protocol, prefix, note in (("user", "petrarch", "via --actors/--patterns, all events"),
                                   ("legacy", "petrarch-legacy", "legacy: suite verbs only")):
        for suite, by in p.items():
            r = by[protocol]
            name = f"{suite} reproduced" + (" (legacy)" if protocol == "legacy" else "")
            rows.append((name, pct(r["precision"]), pct(r["rate"]), "",
                         f"{r['reproduced']}/{r['expected']} events; {note}"))
            fig[f"{prefix}.{suite}.reproduced"] = r["rate"]
            fig[f"{prefix}.{suite}.precision"] = r["precision"]


def other_sets(want, verbose: bool) -> tuple[list[tuple], dict]:
    """(table rows, figures) of the sets other than real news."""
    from eventwire.nlp import build_pipeline
    nlp = build_pipeline() if (want("gsr") or want("quad") or want("typer")) else None
    rows, fig = [], {}
    if want("gsr"):
        _gsr_rows(eval_gsr.eval_gsr(nlp, verbose), rows, fig)
    if want("petrarch"):
        _petrarch_rows(eval_petrarch.eval_petrarch(verbose), rows, fig)
    if want("quad"):
        q = eval_quad(nlp)
        rows.append(("QuadClass accuracy", "", "", pct(q["accuracy"]), f"n={q['n']} (conflibert)"))
        fig["quad.accuracy"] = q["accuracy"]
    if want("typer"):
        t = eval_typer.run(nlp)
        rows.append(("hybrid typer QuadClass, held out", "", "", pct(t["accuracy"]),
                     f"n={t['n']} (conflibert test split); macro-F1 {pct(t['macro_f1']).strip()}; "
                     f"rules {pct(t['rules_accuracy']).strip()}"))
        fig["typer.quad_accuracy"] = t["accuracy"]
        fig["typer.quad_macro_f1"] = t["macro_f1"]
    if want("actors"):
        import eval_actors
        a = eval_actors.run()
        for key, label in (("ngec", "actors NGEC"), ("plover_gsr", "actors PLOVER GSR")):
            if key in a:
                d = a[key]
                rows.append((f"{label} country", "", "", pct(d.get("country_accuracy")), f"n={d.get('country_n')}"))
                rows.append((f"{label} sector", "", "", pct(d.get("sector_accuracy")), f"n={d.get('sector_n')}"))
                fig[f"actors.{key}_country"] = d.get("country_accuracy")
                fig[f"actors.{key}_sector"] = d.get("sector_accuracy")
    return rows, fig


# ---------------------------------------------------------------- main

def _arg(argv, name, default=None):
    return argv[argv.index(name) + 1] if name in argv else default


def _prefixes(only):
    for k in only:
        if k == "news":
            yield from ("news-test.", "news-dev.", "news-extra.", "news-holdout.", "news-dedup.")
        else:
            yield from (k + ".", k + "-legacy.")


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose, quiet = "-v" in argv, "--quiet" in argv
    only = tuple(_arg(argv, "--only").split(",")) if "--only" in argv else None
    halves = tuple(h for h in eval_news.HALVES if only is None or "news" in only or f"news-{h}" in only)

    def want(k):
        return only is None or k in only
    dedup = want("news") or want("news-dedup")
    t0 = time.perf_counter()
    # The news halves are coded by `eventwire code` subprocesses: let them run while this
    # process scores the other sets (the figures are the same; only the wall time changes).
    with ThreadPoolExecutor(max_workers=1) as pool:
        news = pool.submit(eval_news.run, halves, dedup=dedup, corpus="--corpus" in argv) \
            if halves or dedup else None
        rows, figures = other_sets(want, verbose)
        news = news.result() if news else None
    out = (lambda *a: None) if quiet else print
    if news:
        figures.update(news["figures"])
        for h in halves:
            eval_news.print_half(news["halves"][h], news["applied"], verbose, "--by-article" in argv, out)
        if "dedup" in news:
            eval_news.print_dedup(news["dedup"], news["dedup_label"], verbose, eval_news.hidden_ids(), out)
        for p in news["problems"]:
            print("MISMATCH with ../shared/news/score.py:", p)
        if quiet:
            for h in halves:
                f = news["halves"][h].figures
                print(f"news-{h}: triple F1 {pct(f['triple_f1']).strip()}, sectors F1 {pct(f['sector_f1']).strip()}, "
                      f"source right {pct(f['source_right']).strip()}, target right {pct(f['target_right']).strip()}, "
                      f"dates right {pct(f['date_right']).strip()}")
    if rows:
        out(f"{'other sets':40} {'prec':>7} {'recall':>7} {'F1/acc':>7}  note")
        for r in rows:
            out(f"{r[0]:40} {r[1]:>7} {r[2]:>7} {r[3]:>7}  {r[4]}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    points = gate.as_points(figures)
    if "--figures-out" in argv:
        Path(_arg(argv, "--figures-out")).write_text(json.dumps(points, indent=1) + "\n", encoding="utf-8")
    status = 1 if news and news["problems"] else 0
    if "--write-baseline" in argv:
        gate.write_baseline(points, only=None if only is None else tuple(_prefixes(only)))
        print(f"wrote {len(points)} figures to {gate.BASELINE.relative_to(ROOT)}")
    elif "--check" in argv:
        prefixes = None if only is None else tuple(_prefixes(only))
        baseline = gate.load_baseline()
        fails, better = gate.check(points, baseline, prefixes)
        status = max(status, gate.report(fails, better, gate.checked(baseline, prefixes)))
    return status


if __name__ == "__main__":
    sys.exit(main())
