"""The hybrid event typer on held-out data (issue 16): QuadClass on the ConfliBERT items
that training never sees (``eventwire.events.typer.split_of(text) == "test"``).

    .venv/bin/python bench/eval_typer.py

The sentence's QuadClass (Phoenix/ConfliBERT scale, 0-4) is the typer's top class; the
rules' figure on the same items (the most severe event coded; nothing counts as 0) is
printed beside it. tools/train_typer.py reports the same figure at training time
(model card); this reads the shipped weights.
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED  # noqa: E402

sys.path.insert(0, str(ROOT / "src"))


def heldout_rows() -> list[tuple[str, int]]:
    from eventwire.events.typer import normalise_text, split_of, text_key
    path = SHARED / "eval" / "conflibert_cameo" / "cameo_class" / "train.tsv"
    rows, seen = [], set()
    for line in path.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            text = normalise_text(text)
            if label.strip().isdigit() and split_of(text) == "test" and text_key(text) not in seen:
                seen.add(text_key(text))
                rows.append((text, int(label)))
    return rows


def macro_f1(gold, pred, labels=range(5)) -> float:
    f1s = []
    for c in labels:
        tp = sum(1 for g, p in zip(gold, pred) if g == c and p == c)
        fp = sum(1 for g, p in zip(gold, pred) if g != c and p == c)
        fn = sum(1 for g, p in zip(gold, pred) if g == c and p != c)
        f1s.append(2 * tp / (2 * tp + fp + fn) if tp else 0.0)
    return sum(f1s) / len(f1s)


def run(nlp=None) -> dict:
    """{"n", "accuracy", "macro_f1", "rules_accuracy", "rules_macro_f1"}; ``nlp`` is a
    rules pipeline (built when not given)."""
    from eventwire.events.hybrid import HybridTyper
    from eventwire.events.typer import sentence_quad
    from eventwire.nlp import build_pipeline, make_doc
    if nlp is None or "eventwire_hybrid" in nlp.pipe_names:
        from eventwire.config import Settings
        s = Settings()
        s.coder = "rules"
        nlp = build_pipeline(s)
    rows = heldout_rows()
    texts = [t for t, _ in rows]
    gold = [y for _, y in rows]
    events = [list(d._.events or []) for d in nlp.pipe(make_doc(nlp, t) for t in texts)]
    pq, _pr = HybridTyper().opinions(texts, events)
    pred = [int(p.argmax()) for p in pq]
    rules = [sentence_quad(evs) or 0 for evs in events]
    n = len(rows)
    return {"n": n,
            "accuracy": sum(p == g for p, g in zip(pred, gold)) / n,
            "macro_f1": macro_f1(gold, pred),
            "rules_accuracy": sum(p == g for p, g in zip(rules, gold)) / n,
            "rules_macro_f1": macro_f1(gold, rules)}


if __name__ == "__main__":
    r = run()
    print(f"ConfliBERT held-out QuadClass (n={r['n']}): hybrid typer accuracy {r['accuracy']:.3f}, "
          f"macro-F1 {r['macro_f1']:.3f}; rules alone {r['rules_accuracy']:.3f} / {r['rules_macro_f1']:.3f}")
