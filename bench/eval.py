"""Score eventwire: real news first (bench/eval_news.py), then the sets of ../shared/eval.

    .venv/bin/python bench/eval.py [-v] [--by-article] [--only news,news-dev,news-test,
                                    news-dedup,gsr,petrarch,quad,actors] [--corpus]
                                   [--check | --write-baseline] [--quiet] [--figures-out F]

--check compares every figure with bench/baseline.json (bench/gate.py) and exits 1 when
one is worse by more than a point; --write-baseline rewrites the figures that were run.
docs/evaluation.md defines every figure.

(a) PLOVER GSR (322 CAMEO-manual sentences): precision/recall/F1 of
    (source country, target country, event) at CAMEO-root and at event-type level.
    - The gold CAMEO root of a sentence is the chapter-2 section of the CAMEO manual in
      which its example sits (found by text); when the edited GSR text is not found there,
      the root follows from the GSR event type (table GSR_TYPE_ROOT).
    - Our event type (for the type-level score) is our CAMEO code mapped to the GSR's
      PLOVER 0.5 types (OUR_TYPE below: 02/10 -> DEMAND, 08x -> CONCEDE/RETREAT, ...).
    - The GSR codes one event per sentence and never the reporting frame ("officials
      said"), so our statement events (root 01) whose clause reports another coded event
      are not scored; every other event we emit is (negated events excluded, as in counts).
    - A gold pair without target matches any predicted target. Legacy codes in the gold
      (JAP, ITL) are read as the ISO codes (JPN, ITA).
    - One event per sentence, as in the gold: only each sentence's main event is scored
      (the coder's ``_main`` flag, cf. GDELT IsRootEvent: the coded verb highest in the
      parse that is not a reporting frame nor negated; see coder.mark_main_event).
      ``--all-events`` scores every event instead.
(b) PETRARCH validation suites: the share of expected (source, target, code) events that
    eventwire reproduces when it loads the suites' own dictionaries (actors, agents, verbs)
    through eventwire.events.petrarch. Sides are written as PETRARCH writes them
    (petrarch.petrarch_code: "---" for no actor, "---GOV" for a sector without country).
(c) QuadClass accuracy on conflibert_cameo/cameo_class/train.tsv (0 = no event).
(d) Actor figures from bench/eval_actors.py (run()).

Nothing here is tuned to individual sentences.
"""
from __future__ import annotations

import json
import re
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import eval_news  # noqa: E402
import gate  # noqa: E402
from common import ROOT, SHARED, pct  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))
EVAL = SHARED / "eval"

GSR_TYPE_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
                 "CONCEDE": "08", "RETREAT": "08", "INVESTIGATE": "09", "DEMAND": "10",
                 "DISAPPROVE": "11", "REJECT": "12", "THREATEN": "13", "PROTEST": "14",
                 "MOBILIZE": "15", "SANCTION": "16", "COERCE": "17", "ASSAULT": "18",
                 "FIGHT": "19"}


OUR_TYPE = {"02": "DEMAND", "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE",
            "07": "AID", "09": "INVESTIGATE", "10": "DEMAND", "11": "DISAPPROVE", "12": "REJECT",
            "13": "THREATEN", "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE",
            "18": "ASSAULT", "19": "FIGHT", "20": "ASSAULT"}


def our_type(cameo: str) -> str | None:
    """Our CAMEO code -> the PLOVER 0.5 type names the GSR uses (01 statements: none)."""
    if cameo[:2] == "08":
        return "CONCEDE" if cameo[:3] in ("080", "081", "082", "083") else "RETREAT"
    return OUR_TYPE.get(cameo[:2])


# ---------------------------------------------------------------- (a) PLOVER GSR

def _norm(s: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", s.lower()).strip()


def manual_roots() -> list[tuple[int, str]]:
    """(offset, root) of each '## 2.N' section of the CAMEO verb codebook."""
    text = (EVAL / "cameo" / "chapter_2_verb_codebook.md").read_text(encoding="utf-8")
    return text, [(m.start(), f"{int(m.group(1)):02d}")
                  for m in re.finditer(r"^## 2\.(\d+)\b", text, re.M)]


def gold_root(sentence: str, manual: str, sections) -> tuple[str | None, str]:
    norm_manual = manual
    for probe in (sentence[:60], sentence[10:70], sentence[-60:]):
        pos = norm_manual.find(probe)
        if pos >= 0:
            root = None
            for off, r in sections:
                if off <= pos:
                    root = r
            return root, "manual"
    return None, "type"


def _country(code: str | None) -> str | None:
    if not code:
        return None
    return code[:3].upper()


# The GSR writes a few countries with pre-ISO CAMEO codes; read them as the ISO codes we emit.
GSR_LEGACY = {"JAP": "JPN", "ITL": "ITA"}


def load_gsr():
    data = json.loads((EVAL / "plover" / "PLOVER_GSR_CAMEO.txt").read_text(encoding="utf-8"))
    manual, sections = manual_roots()
    items = []
    for rec in data:
        if rec.get("event") in (None, "DOCUMENT") or not rec.get("text"):
            continue
        srcs = [_country(a.get("code")) for a in rec.get("source") or [] if isinstance(a, dict)]
        tgts = [_country(a.get("code")) for a in rec.get("target") or [] if isinstance(a, dict)]
        srcs = [GSR_LEGACY.get(c, c) for c in srcs]
        tgts = [GSR_LEGACY.get(c, c) for c in tgts]
        root, how = gold_root(rec["text"], manual, sections)
        root = root or GSR_TYPE_ROOT.get(rec["event"])
        info = rec.get("textInfo")
        markup = info.get("markup", "") if isinstance(info, dict) else str(info or "")
        if not tgts and "SRC/TAR" in markup and len(srcs) >= 2:
            pairs = [(a, b) for a in srcs for b in srcs if a != b]
        else:
            pairs = [(s, t) for s in srcs or [None] for t in tgts or [None]]
        items.append({"id": rec["id"], "text": rec["text"], "type": rec["event"], "root": root,
                      "root_from": how, "pairs": pairs})
    return items


MAIN_ONLY = True  # --all-events: score every event, not only each sentence's main event


def _scored(events: list[dict]) -> list[dict]:
    """The events scored against the CAMEO-manual gold: not negated; reporting frames
    ("X said that ...") left out; future acts coded 03x/13x, as the manual says
    (announced refusals, "will not accept" -> 12x, the coder emits itself)."""
    from eventwire.events.codebook import get_codebook
    cb = get_codebook()
    out = []
    for e in events:
        if MAIN_ONLY and not e.get("_main", True):
            continue  # one event per sentence, as the gold: the sentence's main event
        if e["pattern"] == "01.say" and e.get("_reporting"):
            continue
        if e["negated"]:
            # ("will not accept": the coder adds the announced refusal, 12x, itself)
            continue
        if e["modality"] == "intended" and cb.has(e["cameo"]):
            code = cb.intent_code(e["cameo"])
            if code != e["cameo"]:
                e = {**e, "cameo": code, "cameo_root": code[:2]}
        out.append(e)
    return out


def score(items, predicted, level: str):
    tp_p = n_p = tp_g = n_g = 0
    for it, evs in zip(items, predicted):
        gold = [(s, t, it["root"] if level == "root" else it["type"]) for s, t in it["pairs"]]
        pred = {(_country((e["source"] or {}).get("country") or (e["source"] or {}).get("code")),
                 _country((e["target"] or {}).get("country") or (e["target"] or {}).get("code")),
                 e["cameo_root"] if level == "root" else our_type(e["cameo"]))
                for e in _scored(evs)}
        pred = {p for p in pred if p[2]}

        def match(p, g):
            return p[2] == g[2] and p[0] == g[0] and (g[1] is None or p[1] == g[1])
        n_p += len(pred)
        tp_p += sum(any(match(p, g) for g in gold) for p in pred)
        n_g += len(gold)
        tp_g += sum(any(match(p, g) for p in pred) for g in gold)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "n_pred": n_p, "n_gold": n_g}


def eval_gsr(nlp, verbose=False):
    from eventwire.nlp import make_doc
    items = load_gsr()
    docs = nlp.pipe(make_doc(nlp, it["text"], published="2000-01-01") for it in items)
    predicted = []
    for d in docs:
        evs = list(d._.events or [])
        for e in evs:  # a statement verb with a that-clause is a reporting frame
            e["_reporting"] = any(c.dep_ in ("ccomp", "parataxis") for c in d[e["_verb_i"]].children)
        predicted.append(evs)
    out = {"n": len(items), "from_manual": sum(it["root_from"] == "manual" for it in items),
           "root": score(items, predicted, "root"), "type": score(items, predicted, "type")}
    if verbose:
        for it, evs in zip(items, predicted):
            got = sorted({(str(_country((e["source"] or {}).get("country") or (e["source"] or {}).get("code"))),
                           str(_country((e["target"] or {}).get("country") or (e["target"] or {}).get("code"))),
                           e["cameo"], e["pattern"]) for e in _scored(evs)})
            print(f"{it['id']:28} gold {it['root']} {it['pairs']}  got {got}\n    {it['text'][:150]}")
    return out


# ---------------------------------------------------------------- (b) PETRARCH suites

def _petr_suite(records: Path, actors: Path, agents: Path, verbs: Path, verbose=False):
    import spacy
    from eventwire.config import Settings
    from eventwire.nlp import ensure_extensions, load_base, make_doc, register_components
    from eventwire.events.petrarch import (DictionaryActorTagger, load_actor_dictionary,
                                           load_agent_dictionary, petrarch_code)
    from eventwire.events.component import code_doc
    from eventwire.events.patterns import load_patterns

    register_components()
    ensure_extensions()
    nlp = load_base(Settings())
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    tagger = DictionaryActorTagger(load_actor_dictionary(actors), load_agent_dictionary(agents))
    pset = load_patterns([str(verbs)], builtin=False)  # the suite's verbs replace ours
    n_exp = n_hit = n_sent = n_pred = n_pred_ok = 0
    rows = []
    for s in _sentences(records):
        text = s["text"]
        expected = s["expected"]
        n_sent += 1
        day = int(s["date"]) if s["date"].isdigit() else None
        doc = tagger(nlp(make_doc(nlp, text)), day=day)
        by_id = {p.id: p for p in pset.patterns}
        # PETRARCH codes a negation only through patterns that spell it ("DID N'T *"):
        # such an event counts; other negated events are left out, as everywhere
        evs = [e for e in code_doc(doc, pset)
               if not e["negated"] or set(by_id[e["pattern"]].before) & NEGATORS]
        got = {(petrarch_code(e["source"]), petrarch_code(e["target"]), e["cameo"]) for e in evs}
        hits = [x for x in expected if x in got]
        n_exp += len(expected)
        n_hit += len(hits)
        n_pred += len(got)
        n_pred_ok += sum(g in expected for g in got)
        if verbose and len(hits) < len(expected):
            rows.append(f"{s['id']:24} exp {expected} got {sorted(got)}\n    {text[:140]}")
    if verbose:
        print("\n".join(rows))
    return {"sentences": n_sent, "expected": n_exp, "reproduced": n_hit,
            "rate": n_hit / n_exp if n_exp else 0.0,
            "precision": n_pred_ok / n_pred if n_pred else 0.0}


NEGATORS = {"not", "n't", "never", "no", "nor", "neither"}


def _attrs(tag: str) -> dict:
    return dict(re.findall(r'(\w+)="([^"]*)"', tag))


def _sentences(records: Path):
    """<Sentence> records of a validation file. Parsed with regular expressions: the
    files are not all well-formed XML (stray '&', '<' in comments)."""
    raw = records.read_text(encoding="utf-8", errors="replace")
    raw = re.sub(r"<!--.*?-->", "", raw, flags=re.S)
    for m in re.finditer(r"(<Sentence\b[^>]*>)(.*?)</Sentence>", raw, re.S):
        head, body = _attrs(m.group(1)), m.group(2)
        if head.get("evaluate") == "false":
            continue
        tm = re.search(r"<Text>(.*?)</Text>", body, re.S)
        if not tm or not tm.group(1).strip():
            continue
        expected = []
        for ec in re.findall(r"<EventCoding\b[^>]*>", body):
            a = _attrs(ec)
            if a.get("eventcode") and not a.get("noevents") and not a.get("error"):
                expected.append((a.get("sourcecode", ""), a.get("targetcode", ""), a["eventcode"]))
        yield {"id": head.get("id", "?"), "text": " ".join(tm.group(1).split()),
               "expected": expected, "date": head.get("date", "")}


def _petr_suite_resolver(records: Path, actors: Path, agents: Path, verbs: Path):
    """The same suite through the standard pipeline: eventwire's actor resolver loads the
    PETRARCH actor/agent files (--actors), the coder the verb file (--patterns)."""
    import spacy
    from eventwire.config import Settings
    from eventwire.nlp import load_base, make_doc, register_components

    register_components()
    nlp = load_base(Settings())
    nlp.add_pipe("eventwire_paragraphs", before="parser")
    nlp.add_pipe("eventwire_actors", config={"extra_files": [str(actors), str(agents)]})
    nlp.add_pipe("eventwire_events", config={"extra_files": [str(verbs)], "builtin_patterns": False})
    n_exp = n_hit = 0
    for s in _sentences(records):
        d = s["date"]
        pub = f"{d[:4]}-{d[4:6]}-{d[6:8]}" if len(d) == 8 and d.isdigit() else None
        doc = nlp(make_doc(nlp, s["text"], published=pub))
        from eventwire.events.petrarch import petrarch_code
        got = {(petrarch_code(e["source"]), petrarch_code(e["target"]), e["cameo"])
               for e in doc._.events or [] if not e["negated"]}
        n_exp += len(s["expected"])
        n_hit += sum(x in got for x in s["expected"])
    return {"expected": n_exp, "reproduced": n_hit, "rate": n_hit / n_exp if n_exp else 0.0}


def eval_petrarch(verbose=False):
    out = {}
    p2 = EVAL / "petrarch2"
    if (p2 / "PETR.UnitTest.records.xml").exists():
        out["petrarch2"] = _petr_suite(p2 / "PETR.UnitTest.records.xml", p2 / "PETR.Validate.actors.txt",
                                       p2 / "PETR.Validate.agents.txt", p2 / "PETR.Validate.verbs.txt",
                                       verbose)
    up = EVAL / "universalpetrarch"
    if (up / "PETR_Validate_records_2_02.xml").exists():
        out["universalpetrarch"] = _petr_suite(
            up / "PETR_Validate_records_2_02.xml", up / "PETR_Validate_actors_2_02.txt",
            up / "PETR_Validate_agents_2_02.txt", up / "PETR_Validate_verbs_2_02.txt", verbose)
    try:
        if (p2 / "PETR.UnitTest.records.xml").exists():
            out["petrarch2 (actor resolver)"] = _petr_suite_resolver(
                p2 / "PETR.UnitTest.records.xml", p2 / "PETR.Validate.actors.txt",
                p2 / "PETR.Validate.agents.txt", p2 / "PETR.Validate.verbs.txt")
    except Exception as exc:  # the actor resolver's PETRARCH import is another module
        print(f"(petrarch2 through the actor resolver failed: {exc})", file=sys.stderr)
    return out


# ---------------------------------------------------------------- (c) QuadClass

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


# ---------------------------------------------------------------- main

_pct = pct
SETS = ("news", "gsr", "petrarch", "quad", "actors")


def other_sets(want, verbose: bool) -> tuple[list[tuple], dict]:
    """(table rows, figures) of the sets other than real news."""
    from eventwire.nlp import build_pipeline
    nlp = build_pipeline() if (want("gsr") or want("quad")) else None
    rows, fig = [], {}
    if want("gsr"):
        g = eval_gsr(nlp, verbose)
        for lvl, label in (("root", "CAMEO root"), ("type", "PLOVER type")):
            r = g[lvl]
            rows.append((f"PLOVER GSR, {label}", _pct(r["precision"]), _pct(r["recall"]),
                         _pct(r["f1"]), f"gold {r['n_gold']}, pred {r['n_pred']}"))
            for k in ("precision", "recall", "f1"):
                fig[f"gsr.{lvl}_{k}"] = r[k]
    if want("petrarch"):
        for name, r in eval_petrarch(verbose).items():
            rows.append((f"{name} reproduced", _pct(r.get("precision")), _pct(r["rate"]), "",
                         f"{r['reproduced']}/{r['expected']} events"
                         + (f", {r['sentences']} sentences" if "sentences" in r else "")))
            key = "petrarch." + re.sub(r"\W+", "_", name).strip("_")
            fig[key + ".reproduced"] = r["rate"]
            if r.get("precision") is not None:
                fig[key + ".precision"] = r["precision"]
    if want("quad"):
        q = eval_quad(nlp)
        rows.append(("QuadClass accuracy", "", "", _pct(q["accuracy"]), f"n={q['n']} (conflibert)"))
        fig["quad.accuracy"] = q["accuracy"]
    if want("actors"):
        try:
            sys.path.insert(0, str(ROOT / "bench"))
            import eval_actors
            a = eval_actors.run()
            for key, label in (("ngec", "actors NGEC"), ("plover_gsr", "actors PLOVER GSR")):
                if key in a:
                    d = a[key]
                    rows.append((f"{label} country", "", "", _pct(d.get("country_accuracy")),
                                 f"n={d.get('country_n')}"))
                    rows.append((f"{label} sector", "", "", _pct(d.get("sector_accuracy")),
                                 f"n={d.get('sector_n')}"))
                    fig[f"actors.{key}_country"] = d.get("country_accuracy")
                    fig[f"actors.{key}_sector"] = d.get("sector_accuracy")
        except Exception as exc:  # the actor bench is another module; report, don't die
            rows.append(("actors", "", "", "", f"bench/eval_actors.py failed: {exc}"))
    return rows, fig


def _arg(argv, name, default=None):
    return argv[argv.index(name) + 1] if name in argv else default


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose, quiet = "-v" in argv, "--quiet" in argv
    global MAIN_ONLY
    MAIN_ONLY = "--all-events" not in argv
    only = tuple(_arg(argv, "--only").split(",")) if "--only" in argv else None
    halves = tuple(h for h in eval_news.HALVES if only is None or "news" in only or f"news-{h}" in only)

    def want(k):
        return only is None or k in only
    t0 = time.perf_counter()
    # The news halves are coded by `eventwire code` subprocesses: let them run while this
    # process scores the other sets (results are the same; only the wall time changes).
    with ThreadPoolExecutor(max_workers=1) as pool:
        news = pool.submit(eval_news.run, halves, dedup=want("news") or want("news-dedup"),
                           corpus="--corpus" in argv) if halves or want("news-dedup") else None
        rows, figures = other_sets(want, verbose)
        news = news.result() if news else None
    out = (lambda *a: None) if quiet else print
    if news:
        figures.update(news["figures"])
        for h in halves:
            eval_news.print_half(news["halves"][h], news["applied"], verbose, "--by-article" in argv, out)
        if "dedup" in news:
            eval_news.print_dedup(news["dedup"], news["dedup_label"], verbose,
                                  set(eval_news.half_ids(eval_news.load_gold(), "test")), out)
        for p in news["problems"]:
            print("MISMATCH with ../shared/news/score.py:", p)
    if rows:
        out(f"{'other sets':34} {'prec':>7} {'recall':>7} {'F1/acc':>7}  note")
        for r in rows:
            out(f"{r[0]:34} {r[1]:>7} {r[2]:>7} {r[3]:>7}  {r[4]}")
    if quiet and news:
        for h in halves:
            f = news["halves"][h].figures
            print(f"news-{h}: triple F1 {_pct(f['triple_f1']).strip()}, sectors F1 {_pct(f['sector_f1']).strip()}, "
                  f"actors right {_pct(f['actors_right']).strip()}, dates right {_pct(f['date_right']).strip()}")
    print(f"({time.perf_counter() - t0:.0f}s)")
    points = gate.as_points(figures)
    if "--figures-out" in argv:
        Path(_arg(argv, "--figures-out")).write_text(json.dumps(points, indent=1) + "\n", encoding="utf-8")
    status = 1 if news and news["problems"] else 0
    if "--write-baseline" in argv:
        gate.write_baseline(points)
        print(f"wrote {len(points)} figures to {gate.BASELINE.relative_to(ROOT)}")
    elif "--check" in argv:
        prefixes = None if only is None else tuple(_prefixes(only))
        baseline = gate.load_baseline()
        fails, better = gate.check(points, baseline, prefixes)
        status = max(status, gate.report(fails, better, gate.checked(baseline, prefixes)))
    return status


def _prefixes(only):
    for k in only:
        if k == "news":
            yield from ("news-test.", "news-dev.", "news-dedup.")
        else:
            yield k + "."


if __name__ == "__main__":
    sys.exit(main())
