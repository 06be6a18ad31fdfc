"""Actor-resolution accuracy on public evaluation data (read by path, never copied).

    python bench/eval_actors.py            # prints a small table
    from bench.eval_actors import run      # -> dict, for bench/eval.py

1. NGEC actor cases (../shared/eval/ngec/test_actor_resolution.cases.tsv): short actor
   phrases with the expected country (ISO3) and PLOVER sector code. Scored on the rows
   that assert a country / a sector / "no actor". NGEC writes international bodies with
   pseudo-countries (UNO, EUR, IGO); our CAMEO codes map onto them: IGOUNO... -> UNO,
   IGOEEC... (our EU code) or IGOEUR... -> EUR, other IGO... -> IGO.
2. PLOVER GSR actors (../shared/eval/plover/PLOVER_GSR_CAMEO.txt): every source/target
   actor of the 322 CAMEO-manual sentences; the mention covering the actor text in the
   resolved sentence is compared on country (or IGO/NGO prefix) and sector.
"""
from __future__ import annotations

import csv
import datetime as dt
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("EVENTWIRE_SHARED", ROOT.parent / "shared"))
NGEC = SHARED / "eval" / "ngec" / "test_actor_resolution.cases.tsv"
GSR = SHARED / "eval" / "plover" / "PLOVER_GSR_CAMEO.txt"


def _resolver():
    sys.path.insert(0, str(ROOT / "src"))
    from eventwire.actors.resolver import get_resolver
    return get_resolver()


def country_of(m: dict | None, style: str = "ngec") -> str | None:
    """Country, or the pseudo-country of an international body: NGEC style (UNO, EUR,
    IGO) or CAMEO style (the first three letters of the code: IGO, NGO, IMG)."""
    if not m:
        return None
    if m.get("country"):
        return m["country"]
    code = m.get("code") or ""
    if style == "cameo":
        return code[:3] if len(code) >= 6 else None
    if code.startswith("IGO"):
        if "UNO" in code:
            return "UNO"
        if code.startswith(("IGOEEC", "IGOEUR")):
            return "EUR"
        return "IGO"
    return code[:3] if len(code) >= 6 or code[:3] in ("NGO", "IMG", "INT") else None


def _date(raw: str) -> str | None:
    raw = (raw or "").strip()
    if not raw:
        return None
    if raw.lower() == "today":
        return dt.date.today().isoformat()
    import dateparser
    d = dateparser.parse(raw, settings={"PREFER_DAY_OF_MONTH": "first"})
    return d.date().isoformat() if d else None


def eval_ngec(r, path: Path = NGEC) -> dict:
    rows = list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))
    n_c = ok_c = n_s = ok_s = n_none = ok_none = 0
    misses = []
    for row in rows:
        if row["method"] not in ("agent_to_code", "search_nat"):
            continue
        text, date = row["text"].strip(), _date(row["date"])
        m = r.resolve_phrase(text, date)
        if (m is None or country_of(m) is None) and row["context"].strip():
            ctx = r.resolve_phrase(row["context"].strip(), date)   # e.g. context "German"
            if ctx and country_of(ctx):
                m = dict(m or {"agent": None}, country=country_of(ctx))
        got_c, got_s = country_of(m), (m or {}).get("agent")
        exp_c, exp_s = row["expected_country"].strip(), row["expected_code_1"].strip()
        if exp_c:
            n_c += 1
            if exp_c.startswith("!="):
                good = got_c != exp_c[2:]
            else:
                good = got_c == (None if exp_c == "<EMPTY>" else exp_c)
            ok_c += good
            if not good:
                misses.append((text, exp_c, got_c))
        if exp_s and exp_s != "????":
            n_s += 1
            ok_s += got_s == (None if exp_s == "<EMPTY>" else exp_s)
        if row["expected_is_none"].strip() == "yes":
            n_none += 1
            ok_none += m is None or (m.get("actor_id") is None and got_c is None)
    return {"country_accuracy": ok_c / n_c if n_c else None, "country_n": n_c,
            "sector_accuracy": ok_s / n_s if n_s else None, "sector_n": n_s,
            "none_accuracy": ok_none / n_none if n_none else None, "none_n": n_none,
            "country_misses": misses}


def _actors(v):
    if isinstance(v, dict):
        v = [v]
    return [a for a in (v or []) if isinstance(a, dict) and a.get("actorText")] \
        if isinstance(v, list) else []


def eval_gsr(r, path: Path = GSR) -> dict:
    records = json.loads(path.read_text(encoding="utf-8"))
    n_c = ok_c = n_s = ok_s = 0
    misses = []
    for rec in records:
        text = rec.get("text") or ""
        if not text:
            continue
        date = rec.get("date")
        mentions = r.resolve_text(text, date)
        for a in _actors(rec.get("source")) + _actors(rec.get("target")):
            at = a["actorText"].strip()
            pos = text.find(at)
            m = None
            if pos >= 0:
                cover = [x for x in mentions if x["span"][0] < pos + len(at) and pos < x["span"][1]]
                if cover:
                    m = min(cover, key=lambda x: abs(x["span"][0] - pos))
            if m is None:
                m = r.resolve_phrase(at, date)
            exp_c = (a.get("code") or "").strip()[:3] or None
            if exp_c:
                n_c += 1
                got = country_of(m, "cameo")
                good = got == exp_c
                ok_c += good
                if not good:
                    misses.append((at, exp_c, got))
            sector = (a.get("sector") or "").strip()[:3].upper()
            if sector and sector != "***":
                n_s += 1
                ok_s += (m or {}).get("agent") == sector
    return {"country_accuracy": ok_c / n_c if n_c else None, "country_n": n_c,
            "sector_accuracy": ok_s / n_s if n_s else None, "sector_n": n_s,
            "country_misses": misses}


def run() -> dict:
    """Actor accuracy figures (bench/eval.py imports this)."""
    t0 = time.perf_counter()
    r = _resolver()
    out = {"load_seconds": round(time.perf_counter() - t0, 2)}
    if NGEC.exists():
        out["ngec"] = eval_ngec(r)
    if GSR.exists():
        out["plover_gsr"] = eval_gsr(r)
    return out


def _pct(x):
    return "  -  " if x is None else f"{100 * x:5.1f}%"


def main() -> None:
    res = run()
    print(f"{'actor set':14} {'country':>8} {'n':>5} {'sector':>8} {'n':>5}")
    for key, label in (("ngec", "NGEC cases"), ("plover_gsr", "PLOVER GSR")):
        if key in res:
            d = res[key]
            print(f"{label:14} {_pct(d['country_accuracy']):>8} {d['country_n']:5d} "
                  f"{_pct(d['sector_accuracy']):>8} {d['sector_n']:5d}")
    if "ngec" in res and res["ngec"]["none_n"]:
        print(f"NGEC no-actor cases correct: {_pct(res['ngec']['none_accuracy'])} "
              f"(n={res['ngec']['none_n']})")
    if "-v" in sys.argv:
        for key in ("ngec", "plover_gsr"):
            for text, exp, got in res.get(key, {}).get("country_misses", []):
                print(f"  {key}: {text!r}: want {exp}, got {got}")


if __name__ == "__main__":
    main()
