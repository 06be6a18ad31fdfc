"""PLOVER GSR (CAMEO-manual example sentences): precision/recall/F1 of (source country,
target country, event) at CAMEO-root and at PLOVER-type level.

- The gold CAMEO root of a sentence is the chapter-2 section of the CAMEO manual in which
  its example sits (found by text); when the edited GSR text is not found there, the root
  follows from the GSR event type (table GSR_TYPE_ROOT).
- Our event type (for the type-level score) is our CAMEO code mapped to the GSR's PLOVER
  0.5 types (OUR_TYPE: 02/10 -> DEMAND, 08x -> CONCEDE/RETREAT, ...).
- Legacy codes in the gold (JAP, ITL) are read as the ISO codes (JPN, ITA).
- Two protocols (see _scored and score): "user", the figures a user gets (every
  non-negated record as emitted, strict targets) -- the ones we report; "legacy", the
  protocol of the figures up to 0.1.1 (main event per sentence, reporting frames dropped,
  intent recoded, a gold pair without target matching any target). The project's rules
  were tuned on this set for months: read its figures as an upper bound, not as accuracy.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import SHARED  # noqa: E402

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


def _scored(events: list[dict], protocol: str) -> list[dict]:
    """The events scored. "user": every record a user gets that is not negated (negated
    records are not counted anywhere), with the code as emitted. "legacy" (the protocol of
    the figures up to 0.1.1, tuned to this gold): only each sentence's main event (the
    coder's ``_main``, cf. GDELT IsRootEvent); reporting frames ("X said that ...") left
    out; intended acts recoded to the manual's 03x intent codes."""
    if protocol == "user":
        return [e for e in events if not e["negated"]]
    from eventwire.events.codebook import get_codebook
    cb = get_codebook()
    out = []
    for e in events:
        if not e.get("_main", True):
            continue
        if e["pattern"] == "01.say" and e.get("_reporting"):
            continue
        if e["negated"]:
            continue
        if e["modality"] == "intended" and cb.has(e["cameo"]):
            code = cb.intent_code(e["cameo"])
            if code != e["cameo"]:
                e = {**e, "cameo": code, "cameo_root": code[:2]}
        out.append(e)
    return out


def _side(a: dict | None) -> str | None:
    return _country((a or {}).get("country") or (a or {}).get("code"))


def score(items, predicted, level: str, protocol: str = "user"):
    """Precision over predictions, recall over gold (source, target) pairs. "user": each
    record is a prediction, and a gold pair without target matches only a record without
    target (strict). "legacy": distinct (source, target, event) triples per sentence, and a
    gold pair without target matches any target."""
    tp_p = n_p = tp_g = n_g = 0
    strict = protocol == "user"
    for it, evs in zip(items, predicted):
        gold = [(s, t, it["root"] if level == "root" else it["type"]) for s, t in it["pairs"]]
        pred = [(_side(e["source"]), _side(e["target"]),
                 e["cameo_root"] if level == "root" else our_type(e["cameo"]))
                for e in _scored(evs, protocol)]
        pred = [p for p in pred if p[2]] if strict else sorted({p for p in pred if p[2]}, key=str)

        def match(p, g):
            return p[2] == g[2] and p[0] == g[0] and (p[1] == g[1] if strict else g[1] is None or p[1] == g[1])
        n_p += len(pred)
        tp_p += sum(any(match(p, g) for g in gold) for p in pred)
        n_g += len(gold)
        tp_g += sum(any(match(p, g) for p in pred) for g in gold)
    prec = tp_p / n_p if n_p else 0.0
    rec = tp_g / n_g if n_g else 0.0
    f1 = 2 * prec * rec / (prec + rec) if prec + rec else 0.0
    return {"precision": prec, "recall": rec, "f1": f1, "n_pred": n_p, "n_gold": n_g}


def eval_gsr(nlp, verbose=False):
    """{"user": {"root": ..., "type": ...}, "legacy": {...}} on one coding of the GSR."""
    from eventwire.nlp import make_doc
    items = load_gsr()
    docs = nlp.pipe(make_doc(nlp, it["text"], published="2000-01-01") for it in items)
    predicted = []
    for d in docs:
        evs = list(d._.events or [])
        for e in evs:  # (legacy) a statement verb with a that-clause is a reporting frame
            e["_reporting"] = any(c.dep_ in ("ccomp", "parataxis") for c in d[e["_verb_i"]].children)
        predicted.append(evs)
    out = {"n": len(items), "from_manual": sum(it["root_from"] == "manual" for it in items)}
    for protocol in ("user", "legacy"):
        out[protocol] = {lvl: score(items, predicted, lvl, protocol) for lvl in ("root", "type")}
    if verbose:
        for it, evs in zip(items, predicted):
            got = sorted((str(_side(e["source"])), str(_side(e["target"])), e["cameo"], e["pattern"])
                         for e in _scored(evs, "user"))
            print(f"{it['id']:28} gold {it['root']} {it['pairs']}  got {got}\n    {it['text'][:150]}")
    return out
