"""The real-news yardstick: ../shared/news (real articles, hand-coded gold), dev and test halves.

    .venv/bin/python bench/eval_news.py [dev|test|extra|holdout ...] [-v] [--by-article] [--corpus]

Each half is coded by one `eventwire code` run over its articles (JSONL input, the article
id as url, as ../shared/news/score.py does), then scored. A third "half", news-extra, is our
own hand-coded second dev set on articles without shared gold (bench/news_extra/: offsets
into the articles instead of their sentences), scored with the same code and figures. A fourth,
news-holdout (bench/news_holdout/), is coded the same way but HELD OUT: like the test half,
only its figures are ever printed, never its records or per-article tables. The definitions of every figure
are in docs/evaluation.md; in short:

- reference figures (triple, +sector, lenient recall, bare 01x): the semantics of
  ../shared/news/score.py, re-implemented here and checked against it on every run;
- on triple-matched records: date right (+-1 day, or same month/year at the coarser
  precision) and `historical` right; negation (negated gold vs negated coded records,
  matched by root and countries);
- lane-independent measures on records *aligned* to gold events by sentence and CAMEO
  root (one-to-one): source / target right (country; country+sector), date right;
- checks on every coded record: dated after publication (not intended/hypothetical);
  dateline, wire credit or quoted outlet taken as an actor;
- dedup (dedup_report): the gold articles coded together; canonical events spanning
  several articles, true or false by the gold.

Only aggregate figures are printed for the test half; per-article tables and the records
behind a figure (-v) are printed for the dev halves only (look at dev errors, never test).
"""
from __future__ import annotations

import datetime as dt
import json
import re
import subprocess
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import ROOT, SHARED, code_jsonl, pct, ratio  # noqa: E402

NEWS = SHARED / "news"
ERRATA = ROOT / "bench" / "news_errata.yaml"
EXTRA = ROOT / "bench" / "news_extra" / "gold.jsonl"
HOLDOUT = ROOT / "bench" / "news_holdout" / "gold.jsonl"
# report order: test first; extra = our second dev set; holdout = our held-out set
HALVES = ("test", "dev", "extra", "holdout")
OWN_SETS = {"extra": EXTRA, "holdout": HOLDOUT}   # our gold, by offsets; score.py does not know them
FIGURES_ONLY = ("test", "holdout")   # sets whose individual errors are never printed
SYMMETRIC_ROOTS = ("04", "06")    # consult, cooperate: the two actors may be swapped


# ---------------------------------------------------------------- gold, halves, errata

def load_gold(path: Path | None = None) -> list[dict]:
    path = path or NEWS / "gold" / "gold.jsonl"
    return [dict(json.loads(line), _line=n) for n, line in enumerate(path.open(encoding="utf-8"), 1)
            if line.strip()]


def half_ids(gold: list[dict], half: str) -> list[str]:
    """The README's fixed split: gold article ids in byte order; 1st, 3rd, ... = test."""
    ids = sorted({g["article_id"] for g in gold})
    return {"test": ids[0::2], "dev": ids[1::2], "all": ids}[half]


def load_extra(path: Path = EXTRA, articles: dict | None = None) -> list[dict]:
    """The news-extra gold (bench/news_extra/gold.jsonl; news-holdout's too, by `path`). Its records name their sentences by
    `spans` (character offsets into the article's text), never by their text: the spans
    become the records' `_ranges`, and `sentences` is filled in memory from the article so
    the rest of the scoring runs unchanged."""
    articles = articles if articles is not None else load_articles()
    out = []
    for n, line in enumerate(path.open(encoding="utf-8"), 1):
        if not line.strip():
            continue
        g = dict(json.loads(line), _line=n)
        text = articles[g["article_id"]]["text"]
        g["_ranges"] = [(a, b) for a, b in g["spans"]]
        g["sentences"] = [text[a:b] for a, b in g["spans"]]
        out.append(g)
    return out


def holdout_ids() -> set[str]:
    """The articles of the held-out set (bench/news_holdout/): tools that print sentences or
    records of single articles skip them."""
    if not HOLDOUT.exists():
        return set()
    return {json.loads(line)["article_id"] for line in HOLDOUT.open(encoding="utf-8") if line.strip()}


def load_articles(path: Path | None = None) -> dict[str, dict]:
    path = path or NEWS / "articles.jsonl"
    return {a["id"]: a for a in map(json.loads, path.open(encoding="utf-8"))}


class ErrataError(ValueError):
    pass


def load_errata(path: Path = ERRATA) -> list[dict]:
    import yaml
    if not path.exists():
        return []
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    if not isinstance(data, list):
        raise ErrataError(f"{path}: a list of corrections expected")
    for i, e in enumerate(data, 1):
        if not isinstance(e, dict) or not {"article", "record", "reason"} <= set(e):
            raise ErrataError(f"{path}: entry {i}: needs article, record and reason")
        if sum(k in e for k in ("set", "drop", "add")) != 1:
            raise ErrataError(f"{path}: entry {i}: exactly one of set, drop, add")
    return data


def apply_errata(gold: list[dict], errata: list[dict]) -> tuple[list[dict], int]:
    """Gold with the corrections applied. `record` names one gold line (`line`, 1-based in
    gold.jsonl) and the values it must still have there (cameo, source, target ...), so an
    entry stops applying loudly, not silently, when the gold itself is corrected."""
    out = [dict(g) for g in gold]
    by_line = {g["_line"]: g for g in out}
    applied = 0
    for i, e in enumerate(errata, 1):
        rec = dict(e["record"])
        g = by_line.get(rec.pop("line", None))
        if g is None or g["article_id"] != e["article"] or any(g.get(k) != v for k, v in rec.items()):
            raise ErrataError(f"{ERRATA.name}: entry {i}: no gold record {e['record']} in {e['article']}")
        if "set" in e:
            g.update(e["set"])
            if "cameo" in e["set"]:
                g["root"] = g["cameo"][:2]
        elif "drop" in e:
            g["_dropped"] = True
        else:  # add: a missing event, stated by the same sentences as `record`
            out.append(dict(g, **e["add"], _line=None, note="erratum: " + e["reason"],
                            root=e["add"].get("cameo", g["cameo"])[:2]))
        applied += 1
    return [g for g in out if not g.get("_dropped")], applied


# ---------------------------------------------------------------- actors, dates

def code_of(a: dict | None) -> str | None:
    return (a or {}).get("code") or None


def country_of(a: dict | None) -> str | None:
    return (a or {}).get("country") or (code_of(a) or "")[:3] or None


def gold_country(code: str | None) -> str | None:
    return (code or "")[:3] or None


def _parse(d: str) -> dt.date:
    parts = [int(p) for p in d.split("-")] + [1, 1]
    return dt.date(*parts[:3])


def precision_of(d: str) -> str:
    return {4: "year", 7: "month"}.get(len(d), "day")


def date_right(coded: str | None, gold: str | None) -> bool:
    """+-1 day when both are days; else equal at the coarser of the two precisions."""
    if not coded or not gold:
        return False
    if len(coded) >= 10 and len(gold) >= 10:
        return abs((_parse(coded[:10]) - _parse(gold[:10])).days) <= 1
    n = min(len(coded), len(gold))
    return coded[:n] == gold[:n]


def after_publication(e: dict) -> bool:
    """The record's date lies after its article's publication, at the date's precision."""
    d, pub = e.get("date"), (e.get("doc") or {}).get("published")
    if not d or not pub:
        return False
    n = min(len(d), len(pub))
    return d[:n] > pub[:n]


# ---------------------------------------------------------------- reference matching

@dataclass
class Match:
    """One article's triple matching (the semantics of ../shared/news/score.py)."""
    pairs: list = field(default_factory=list)     # (gold, coded) matched
    fn: int = 0
    fp: int = 0
    lenient: int = 0
    dates_prefix: int = 0                          # score.py's "dates right on matched"


def _key(e: dict, full: bool, swap: bool = False) -> tuple:
    side = code_of if full else country_of
    s, t = side(e.get("source")), side(e.get("target"))
    return (e.get("cameo_root"),) + ((t, s) if swap else (s, t))


def match_article(gold: list[dict], coded: list[dict], full: bool) -> Match:
    """Greedy one-to-one matching in gold order, exactly as score.py: each gold event takes
    the first unused coded record with the same (root, source, target); roots 04/06 may
    match with the actors swapped; a miss counts as lenient when any coded record has the
    root and one of the two actors."""
    m = Match()
    used: set[int] = set()
    for g in gold:
        s, t = (g["source"], g["target"]) if full else (gold_country(g["source"]), gold_country(g["target"]))
        want = (g["root"], s, t)
        hit = next((i for i, e in enumerate(coded) if i not in used and _key(e, full) == want), None)
        if hit is None and g["root"] in SYMMETRIC_ROOTS:
            hit = next((i for i, e in enumerate(coded) if i not in used and _key(e, full, True) == want), None)
        if hit is None:
            m.fn += 1
            m.lenient += any(e.get("cameo_root") == g["root"] and
                             ((s and _key(e, full)[1] == s) or (t and _key(e, full)[2] == t)) for e in coded)
            continue
        used.add(hit)
        m.pairs.append((g, coded[hit]))
        m.lenient += 1
        d, gd = coded[hit].get("date") or "", g.get("date") or ""
        m.dates_prefix += bool(d and gd) and d[:len(gd)] == gd[:len(d)]
    m.fp = len(coded) - len(used)
    return m


def negation_match(gold: list[dict], coded: list[dict]) -> int:
    """Negated gold events found by a negated coded record: same root and countries
    (04/06 either way), one-to-one in gold order."""
    used: set[int] = set()
    for g in gold:
        want = (g["root"], gold_country(g["source"]), gold_country(g["target"]))
        hit = next((i for i, e in enumerate(coded) if i not in used and
                    (_key(e, False) == want or (g["root"] in SYMMETRIC_ROOTS and _key(e, False, True) == want))),
                   None)
        if hit is not None:
            used.add(hit)
    return len(used)


# ---------------------------------------------------------------- alignment (lane-independent)

def sentence_ranges(text: str, sentences: list[str]) -> list[tuple[int, int]]:
    out = []
    for s in sentences:
        start = text.find(s)
        while start >= 0:
            out.append((start, start + len(s)))
            start = text.find(s, start + 1)
    return out


def record_position(e: dict, text: str) -> int | None:
    """Offset of the record's verb (else its clause) in the article text, when the offsets
    of the record agree with the text; None otherwise."""
    verb = e.get("verb") or {}
    if verb.get("span") and text[verb["span"][0]:verb["span"][1]] == verb.get("text"):
        return verb["span"][0]
    if e.get("span") and e.get("sentence") and e["sentence"] in text:
        return e["span"][0]
    return None


def in_gold_sentence(e: dict, g: dict, text: str) -> bool:
    """Is the record stated in one of the gold event's sentences? A record of one event
    told several times in its article (``mentions``, docs/records.md) is, when any of its
    mentions is — as a gold event lists every sentence that states it."""
    return any(_mention_in_gold_sentence(m, g, text) for m in (e.get("mentions") or [e]))


def _mention_in_gold_sentence(e: dict, g: dict, text: str) -> bool:
    pos = record_position(e, text)
    if pos is not None:
        return any(a <= pos < b for a, b in g["_ranges"])
    sent = " ".join((e.get("sentence") or "").split())
    return bool(sent) and any(sent in " ".join(s.split()) or " ".join(s.split()) in sent
                              for s in g["sentences"])


def actor_scores(g: dict, e: dict) -> dict:
    """Source/target right, country and full code; roots 04/06 in the better orientation."""
    def one(src, tgt):
        return {"source_country": country_of(src) == gold_country(g["source"]),
                "source_code": code_of(src) == g["source"],
                "target_country": country_of(tgt) == gold_country(g["target"]),
                "target_code": code_of(tgt) == g["target"]}
    best = one(e.get("source"), e.get("target"))
    if g["root"] in SYMMETRIC_ROOTS:
        swapped = one(e.get("target"), e.get("source"))
        if sum(swapped.values()) > sum(best.values()):
            best = swapped
    return best


def align_article(gold: list[dict], coded: list[dict], text: str) -> list[tuple[dict, dict]]:
    """One-to-one (gold, coded) pairs: the coded record's verb lies in one of the gold
    event's sentences and the CAMEO roots are equal. Among candidates, pairs whose actors
    agree best go first (then gold order, then coded order), so four gold events of one
    sentence ("A, B, C and D denied ...") each take the record that is theirs."""
    cands = []
    for gi, g in enumerate(gold):
        for ci, e in enumerate(coded):
            if e.get("cameo_root") == g["root"] and in_gold_sentence(e, g, text):
                sc = actor_scores(g, e)
                weight = 2 * (sc["source_code"] + sc["target_code"]) + sc["source_country"] + sc["target_country"]
                cands.append((-weight, gi, ci))
    used_g, used_c, pairs = set(), set(), []
    for _, gi, ci in sorted(cands):
        if gi not in used_g and ci not in used_c:
            used_g.add(gi)
            used_c.add(ci)
            pairs.append((gold[gi], coded[ci]))
    return pairs


# ---------------------------------------------------------------- datelines and wire credits

# News organisations (agencies, papers, broadcasters) and the nouns that make a phrase a
# news outlet. Only used to *check* output; names are matched case-sensitively.
OUTLET_NAMES = (
    r"Reuters|Associated Press|AP|AFP|Agence France[- ]Presse|Xinhua|KCNA|Korean Central News Agency|"
    r"Yonhap|Kyodo|IRNA|ISNA|Fars|Tasnim|TASS|Itar-Tass|Interfax|RIA Novosti|Sputnik|Anadolu|Bernama|Antara|"
    r"PTI|Press Trust of India|UPI|Bloomberg|Dow Jones|CNN|BBC|NBC|CBS|ABC News|Fox News|NPR|MSNBC|"
    r"Al Jazeera|Al Arabiya|Sky News|Rodong Sinmun|People's Daily|Global Times|China Daily|"
    r"New York Times|Washington Post|Wall Street Journal|Financial Times|Daily Mail|USA Today|"
    r"Los Angeles Times|Chicago Tribune|Politico|Axios|Huffington Post|Haaretz|Jerusalem Post|"
    r"Asahi|Yomiuri|Nikkei|Le Monde|Der Spiegel|Pravda|Izvestia|[A-Z][a-z]+ News")
OUTLET_THE = r"[Tt]he (?:Guardian|Times|Independent|Telegraph|Observer|Economist|Hill|Atlantic)"
MEDIA_NOUNS = (r"news agency|agency|state media|state-run media|media|state press|press|newspaper|"
               r"daily|weekly|tabloid|television|TV|radio|broadcaster|news service|wire service|wire")
OUTLET_RE = re.compile(rf"(?:\b(?:{OUTLET_NAMES})\b|\b{OUTLET_THE}\b|\b(?:{MEDIA_NOUNS})\b)")
# words that continue a noun phrase naming an outlet ("Iran's state television")
_NP_CONT = re.compile(r"\s*(?:'s|’s|state-run|state|official|news|agency|press|media|television|TV|radio|"
                      r"newspaper|daily|broadcaster|wire|service|[A-Z][\w'’.-]*)\b")

_DASH = r"\s(?:-{1,2}|—|–)\s?|—|\s--"
_CREDIT = r"\((?:[A-Z][\w .&-]{0,30})\)"
_MONTH = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC)[a-zA-Z]*\.?"


def dateline_end(text: str) -> int:
    """End offset of the lead's dateline (place, date and/or agency credit before the dash:
    'SEOUL, March 17 -', 'LONDON (AP) —', 'Washington (CNN) --', '(CNN) ...'), else 0."""
    head = text[:140].split("\n", 1)[0]
    m = re.match(rf"\s*{_CREDIT}\s*", head)        # a bare leading credit: "(CNN) North Korea ..."
    if m:
        return m.end()
    m = re.match(rf"(?P<pre>[^\n]{{1,70}}?)(?:{_DASH})", head) or \
        re.match(rf"(?P<pre>[^\n()]{{1,60}}?\s*{_CREDIT})\s", head)
    if not m:
        return 0
    pre = m.group("pre").strip()
    words = re.findall(rf"{_CREDIT}|[^\s,/]+", pre)
    if not words or not all(w[0].isupper() or w[0].isdigit() or w[0] == "(" for w in words):
        return 0
    looks_dateline = (re.search(_CREDIT, pre) or re.fullmatch(r"[A-Z][A-Z.'’-]+", words[0])
                      or re.search(rf"\b{_MONTH} \d{{1,2}}\b", pre) or len(words) == 1)
    return m.end() if looks_dateline else 0


def outlet_phrase(text: str, span: list[int]) -> str:
    """The mention's text, continued over the words that extend a news outlet's name
    ("Beijing" + " News", "Chinese" + " state press"), at most three words."""
    end = span[1]
    for _ in range(3):
        m = _NP_CONT.match(text, end)
        if not m or "\n" in m.group(0):
            break
        end = m.end()
    return text[span[0]:end]


def media_offences(e: dict, text: str) -> list[tuple[str, str, str]]:
    """(role, kind, text) for each actor of the record that is a dateline, a wire credit or a
    quoted outlet. An outlet is an offence as the source or target of a statement (root 01:
    "X said", "told X") -- it is then only the channel of the news. An outlet doing a
    political act itself (state media denouncing, threatening: COUNTRY+MED) or suffering
    one (a paper closed) is not, per issue 14 and the gold guidelines (rule 2)."""
    out = []
    end = dateline_end(text)
    for role in ("source", "target"):
        a = e.get(role)
        if not a or not a.get("span"):
            continue
        s = a["span"]
        if s[0] < end:
            out.append((role, "dateline", a.get("text") or ""))
        elif e.get("cameo_root") == "01" and OUTLET_RE.search(outlet_phrase(text, s)):
            out.append((role, "outlet", outlet_phrase(text, s)))
    return out


# ---------------------------------------------------------------- scoring one half

@dataclass
class HalfResult:
    name: str
    articles: list[str]
    gold: list[dict]
    records: list[dict]                  # every coded record (negated included)
    figures: dict
    per_article: dict
    offenders: list
    late: list
    unaligned_gold: list
    lines: list[str]


def _split(records: list[dict]) -> dict[str, list[dict]]:
    by = defaultdict(list)
    for e in records:
        by[(e.get("doc") or {}).get("path")].append(e)
    return by


def parse_lines(lines: list[str]) -> list[dict]:
    return [json.loads(line) for line in lines if line.startswith("{")]


def score_half(name: str, ids: list[str], gold: list[dict], articles: dict, lines: list[str]) -> HalfResult:
    records = parse_lines(lines)
    by_doc = _split(records)
    tot = defaultdict(int)
    per_article, offenders, late, unaligned = {}, [], [], []
    for aid in ids:
        text = articles[aid]["text"]
        g_all = [g for g in gold if g["article_id"] == aid]
        for g in g_all:
            if "spans" not in g:
                g["_ranges"] = sentence_ranges(text, g["sentences"])
        g_pos = [g for g in g_all if not g.get("negated")]
        g_neg = [g for g in g_all if g.get("negated")]
        c_all = by_doc.get(aid, [])
        c_pos = [e for e in c_all if not e.get("negated")]
        c_neg = [e for e in c_all if e.get("negated")]
        m = match_article(g_pos, c_pos, full=False)
        mf = match_article(g_pos, c_pos, full=True)
        al = align_article(g_pos, c_pos, text)
        a = defaultdict(int)
        a.update(gold=len(g_all), gold_pos=len(g_pos), gold_neg=len(g_neg), coded=len(c_pos),
                 coded_neg=len(c_neg), tp=len(m.pairs), fp=m.fp, fn=m.fn, lenient=m.lenient,
                 dates_prefix=m.dates_prefix, tp_full=len(mf.pairs), fp_full=mf.fp, fn_full=mf.fn,
                 said=sum(e.get("cameo_root") == "01" and not e.get("target") for e in c_pos),
                 neg_found=negation_match(g_neg, c_neg), aligned=len(al))
        for g, e in m.pairs:
            if g.get("date"):
                a["m_dated"] += 1
                a["m_date_right"] += date_right(e.get("date"), g["date"])
            a["m_hist_right"] += bool(e.get("historical")) == bool(g.get("historical"))
        aligned_ids = set()
        for g, e in al:
            aligned_ids.add(id(g))
            sc = actor_scores(g, e)
            for k, v in sc.items():
                a["al_" + k] += v
            a["al_both_code"] += sc["source_code"] and sc["target_code"]
            a["al_both_country"] += sc["source_country"] and sc["target_country"]
            if g.get("date"):
                a["al_dated"] += 1
                a["al_date_right"] += date_right(e.get("date"), g["date"])
            a["al_hist_right"] += bool(e.get("historical")) == bool(g.get("historical"))
        unaligned += [g for g in g_pos if id(g) not in aligned_ids]
        for e in c_all:
            if after_publication(e) and e.get("modality") not in ("intended", "hypothetical"):
                a["late"] += 1
                late.append(e)
            loc = e.get("location")
            a["located"] += bool(loc)
            a["located_dateline"] += bool(loc) and loc.get("basis") == "dateline"
            offs = media_offences(e, text)
            a["media"] += bool(offs)
            offenders += [(e, o) for o in offs]
        a["records"] = len(c_all)
        per_article[aid] = dict(a)
        for k, v in a.items():
            tot[k] += v
    return HalfResult(name, ids, [g for g in gold if g["article_id"] in set(ids)], records,
                      figures_of(tot), per_article, offenders, late, unaligned, lines)


def _prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def figures_of(t: dict) -> dict:
    """Counts -> the named figures (fractions; None when there is nothing to count)."""
    p, r, f = _prf(t["tp"], t["fp"], t["fn"])
    p2, r2, f2 = _prf(t["tp_full"], t["fp_full"], t["fn_full"])
    n_al = t["aligned"]
    return {
        "counts": defaultdict(int, t),   # a count that stayed 0 (no late record) still reads 0
        "triple_precision": p, "triple_recall": r, "triple_f1": f,
        "sector_precision": p2, "sector_recall": r2, "sector_f1": f2,
        "lenient_recall": ratio(t["lenient"], t["tp"] + t["fn"]),
        "said_share": ratio(t["said"], t["coded"]),
        "matched_date_right": ratio(t["m_date_right"], t["m_dated"]),
        "matched_historical_right": ratio(t["m_hist_right"], t["tp"]),
        "negation_recall": ratio(t["neg_found"], t["gold_neg"]),
        "negation_precision": ratio(t["neg_found"], t["coded_neg"]),
        "aligned_share": ratio(n_al, t["coded"]),
        "aligned_gold_share": ratio(n_al, t["gold_pos"]),
        "source_country_right": ratio(t["al_source_country"], n_al),
        "source_right": ratio(t["al_source_code"], n_al),
        "target_country_right": ratio(t["al_target_country"], n_al),
        "target_right": ratio(t["al_target_code"], n_al),
        "actors_right": ratio(t["al_both_code"], n_al),
        "date_right": ratio(t["al_date_right"], t["al_dated"]),
        "historical_right": ratio(t["al_hist_right"], n_al),
        "after_publication_share": ratio(t["late"], t["records"]),
        "media_actor_share": ratio(t["media"], t["records"]),
        "located_share": ratio(t["located"], t["records"]),
    }


# ---------------------------------------------------------------- the reference scorer, as a check

REF_RE = {
    "triple": re.compile(r"triple\s+P ([\d.]+) R ([\d.]+) F1 ([\d.]+)\s+\(tp (\d+), fp (\d+), fn (\d+)\)"),
    "sector": re.compile(r"\+sector\s+P ([\d.]+) R ([\d.]+) F1 ([\d.]+)"),
    "lenient": re.compile(r"lenient recall ([\d.]+); dates right on matched (\d+)/(\d+); "
                          r"bare 01x with no target (\d+)/(\d+)"),
}


def reference_check(half: str, lines: list[str], res: HalfResult) -> list[str]:
    """Run ../shared/news/score.py on the very same coded lines and compare every figure it
    prints with ours (on the gold without errata). Returns the disagreements."""
    import tempfile
    with tempfile.NamedTemporaryFile("w", suffix=".jsonl", delete=False, encoding="utf-8") as f:
        f.write("".join(line + "\n" for line in lines))
    try:
        out = subprocess.run([sys.executable, str(NEWS / "score.py"), half, "--events", f.name],
                             capture_output=True, text=True, cwd=ROOT).stdout
    finally:
        Path(f.name).unlink()
    got = {k: rx.search(out) for k, rx in REF_RE.items()}
    if not all(got.values()):
        return [f"score.py output not understood: {out.strip()[:200]}"]
    fig, c = res.figures, res.figures["counts"]
    ours = {
        "triple": (f"{fig['triple_precision']:.2f}", f"{fig['triple_recall']:.2f}", f"{fig['triple_f1']:.2f}",
                   str(c["tp"]), str(c["fp"]), str(c["fn"])),
        "sector": (f"{fig['sector_precision']:.2f}", f"{fig['sector_recall']:.2f}", f"{fig['sector_f1']:.2f}"),
        "lenient": (f"{fig['lenient_recall'] or 0:.2f}", str(c["dates_prefix"]), str(c["tp"]),
                    str(c["said"]), str(c["coded"])),
    }
    return [f"{k}: score.py {got[k].groups()} vs ours {ours[k]}"
            for k in REF_RE if got[k].groups() != ours[k]]


# ---------------------------------------------------------------- dedup across articles

def same_real_event(g1: dict, g2: dict) -> bool:
    """Two gold events are one real event: same root, same source/target countries (either
    way for 04/06) and compatible dates (a missing date is compatible)."""
    if g1 is g2:
        return True
    if g1["root"] != g2["root"]:
        return False
    a = (gold_country(g1["source"]), gold_country(g1["target"]))
    b = (gold_country(g2["source"]), gold_country(g2["target"]))
    if a != b and not (g1["root"] in SYMMETRIC_ROOTS and a == b[::-1]):
        return False
    return not (g1.get("date") and g2.get("date")) or date_right(g1["date"], g2["date"])


def dedup_report(records: list[dict], gold: list[dict], articles: dict) -> dict:
    """Canonical events whose mentions come from several articles, judged by the gold:
    true when every pair of mentions from different articles aligns to the same real event,
    false when two aligned mentions are different real events, unverifiable otherwise
    (a mention aligned to no gold event, e.g. in an article without gold)."""
    by_doc = _split(records)
    aligned = {}
    for aid, recs in by_doc.items():
        if aid not in articles:
            continue
        text = articles[aid]["text"]
        g_pos = [g for g in gold if g["article_id"] == aid and not g.get("negated")]
        for g in g_pos:
            g.setdefault("_ranges", sentence_ranges(text, g["sentences"]))
        for g, e in align_article(g_pos, [e for e in recs if not e.get("negated")], text):
            aligned[id(e)] = g
    groups = defaultdict(list)
    for e in records:
        if e.get("canonical_event_id"):
            groups[e["canonical_event_id"]].append(e)
    out = {"records": len(records), "canonical": len(groups), "multi": 0, "true": 0, "false": 0,
           "unverifiable": 0, "false_ids": [], "unverifiable_ids": [], "true_ids": []}
    for cid, ms in sorted(groups.items()):
        docs = {(e.get("doc") or {}).get("path") for e in ms}
        if len(docs) < 2:
            continue
        out["multi"] += 1
        golds = [aligned.get(id(e)) for e in ms]
        pairs = [(golds[i], golds[j]) for i in range(len(ms)) for j in range(i + 1, len(ms))
                 if (ms[i].get("doc") or {}).get("path") != (ms[j].get("doc") or {}).get("path")]
        if any(a is not None and b is not None and not same_real_event(a, b) for a, b in pairs):
            kind = "false"
        elif all(g is not None for g in golds):
            kind = "true"
        else:
            kind = "unverifiable"
        out[kind] += 1
        out[kind + "_ids"].append(cid)
    out["groups"] = groups
    return out


# ---------------------------------------------------------------- printing

def describe(e: dict) -> str:
    def side(a):
        return (a or {}).get("code") or "-"
    return (f"{e.get('event_id')} {(e.get('doc') or {}).get('path')} #{e.get('sentence_index')} "
            f"{side(e.get('source'))} {e.get('cameo')} {side(e.get('target'))} {e.get('date')}")


def print_half(res: HalfResult, applied: int, verbose: bool = False, by_article: bool = False,
               out=print) -> None:
    f, c = res.figures, res.figures["counts"]

    def n_of(n, d):
        return f"{n}/{d}"
    extra = res.name in OWN_SETS
    own = {"extra": "our own gold, bench/news_extra (a second dev set)",
           "holdout": "our own gold, bench/news_holdout (HELD OUT: figures only, never errors)"}
    out(f"Real news, {res.name} half: {len(res.articles)} articles, {c['gold']} gold events "
        f"({c['gold_neg']} negated), {c['coded']} coded records (+{c['coded_neg']} negated); "
        + own.get(res.name, f"errata applied: {applied}"))
    ref = "score.py's definitions" if extra else "= ../shared/news/score.py " + res.name
    out(f"  {'reference figures (' + ref + ')':52} {'P':>6} {'R':>6} {'F1':>6}")
    out(f"    {'triple (root, source country, target country)':50} {pct(f['triple_precision'])} "
        f"{pct(f['triple_recall'])} {pct(f['triple_f1'])}  tp {c['tp']} fp {c['fp']} fn {c['fn']}")
    out(f"    {'+ sectors (full actor codes)':50} {pct(f['sector_precision'])} "
        f"{pct(f['sector_recall'])} {pct(f['sector_f1'])}")
    out(f"    {'lenient recall (root + one country)':50} {'':6} {pct(f['lenient_recall'])}")
    out(f"    {'statement overcoding: bare 01x, no target':50} {pct(f['said_share'])}  "
        f"{n_of(c['said'], c['coded'])} coded")
    out(f"  on triple-matched records ({c['tp']})")
    out(f"    {'date right (+-1 day, or month/year)':50} {pct(f['matched_date_right'])}  "
        f"{n_of(c['m_date_right'], c['m_dated'])} with a gold date")
    out(f"    {'historical flag right':50} {pct(f['matched_historical_right'])}  {n_of(c['m_hist_right'], c['tp'])}")
    out(f"  negation (root + countries)")
    out(f"    {'negated gold events found':50} {pct(f['negation_recall'])}  {n_of(c['neg_found'], c['gold_neg'])}")
    out(f"    {'negated coded records that are negated in gold':50} {pct(f['negation_precision'])}  "
        f"{n_of(c['neg_found'], c['coded_neg'])}")
    out(f"  aligned by sentence + root, one-to-one: {c['aligned']} of {c['coded']} coded records "
        f"({pct(f['aligned_share']).strip()}), {c['aligned']} of {c['gold_pos']} gold events")
    out(f"    {'source right: country':50} {pct(f['source_country_right'])}")
    out(f"    {'source right: country + sector  [issue 14: >= 80%]':50} {pct(f['source_right'])}")
    out(f"    {'target right: country':50} {pct(f['target_country_right'])}")
    out(f"    {'target right: country + sector  [issue 14: >= 80%]':50} {pct(f['target_right'])}")
    out(f"    {'both actors right: country + sector':50} {pct(f['actors_right'])}")
    out(f"    {'date right  [issue 15: >= 90%]':50} {pct(f['date_right'])}  "
        f"{n_of(c['al_date_right'], c['al_dated'])} with a gold date")
    out(f"    {'historical flag right':50} {pct(f['historical_right'])}")
    out(f"  every coded record ({c['records']}, negated included)")
    out(f"    {'dated after publication, not intended/hypothetical':50} {pct(f['after_publication_share'])}  "
        f"{n_of(c['late'], c['records'])}  [issue 15: 0]")
    out(f"    {'dateline, wire credit or quoted outlet as actor':50} {pct(f['media_actor_share'])}  "
        f"{n_of(c['media'], c['records'])}  [issue 14: 0]")
    out(f"    {'located (own clause, or the dateline for the lead)':50} {pct(f['located_share'])}  "
        f"{n_of(c['located'], c['records'])}, {c['located_dateline']} by the dateline  [issue 15 item 6]")
    if res.name in FIGURES_ONLY:
        return   # the test half and the holdout: figures only, never their individual errors
    if verbose:
        for e, (role, kind, text) in res.offenders:
            out(f"    media actor  {role} {kind} {text!r}: {describe(e)}")
        for e in res.late:
            out(f"    after publication ({e.get('modality')}, published {(e.get('doc') or {}).get('published')}): "
                f"{describe(e)}")
    if by_article or verbose:
        print_breakdown(res, out)


def print_breakdown(res: HalfResult, out=print) -> None:
    """Per-article and per-outlet counts, so a regression can be traced to its source."""
    articles = load_articles()
    outlets = defaultdict(lambda: defaultdict(int))
    for aid, a in res.per_article.items():
        for k, v in a.items():
            outlets[articles[aid].get("outlet") or "?"][k] += v
    for title, rows in (("article", res.per_article), ("outlet", outlets)):
        out(f"  {title:42} {'gold':>4} {'coded':>5} {'tp':>3} {'F1':>6} {'align':>5} "
            f"{'src':>4} {'tgt':>4} {'date':>4} {'said':>4}")
        for name, a in sorted(rows.items()):
            _, _, f1 = _prf(a["tp"], a["fp"], a["fn"])
            out(f"  {name[:42]:42} {a['gold_pos']:4} {a['coded']:5} {a['tp']:3} {pct(f1)} {a['aligned']:5} "
                f"{a.get('al_source_code', 0):4} {a.get('al_target_code', 0):4} "
                f"{a.get('al_date_right', 0):4} {a['said']:4}")


def print_dedup(d: dict, label: str, verbose: bool = False, hidden: set = frozenset(), out=print) -> None:
    out(f"Dedup, {label}: {d['records']} records -> {d['canonical']} canonical events; "
        f"{d['multi']} span several articles: {d['true']} the same real event by the gold, "
        f"{d['false']} false merges, {d['unverifiable']} unverifiable")
    if not verbose:
        return
    for kind in ("false", "true", "unverifiable"):
        for cid in d[kind + "_ids"]:
            ms = d["groups"][cid]
            docs = {(e.get("doc") or {}).get("path") for e in ms}
            if docs & hidden:
                continue   # a merge that touches test-half articles is not shown
            out(f"    {kind} merge {cid}:")
            for e in ms:
                out(f"      {describe(e)}")


# ---------------------------------------------------------------- entry points

def hidden_ids() -> set[str]:
    """Articles whose records are never printed one by one: the test half and the holdout."""
    return set(half_ids(load_gold(), "test")) | holdout_ids()


def jsonl_inputs(ids: list[str], articles: dict) -> list[str]:
    return [json.dumps(dict(articles[i], url=i)) for i in ids]


def run(halves=HALVES, dedup=True, corpus=False, check_reference=True) -> dict:
    """Code and score; returns {"halves": {name: HalfResult}, "dedup": ..., "applied": n,
    "figures": flat dict for the gate, "problems": [...] (disagreements with score.py)}."""
    raw = load_gold()
    errata = load_errata()
    gold, applied = apply_errata(raw, errata)
    articles = load_articles()
    out = {"halves": {}, "applied": applied, "problems": [], "figures": {}}
    for half in halves:
        if half in OWN_SETS:   # our own sets: no errata, and score.py does not know them
            extra = load_extra(OWN_SETS[half], articles=articles)
            ids = sorted({g["article_id"] for g in extra})
            lines = code_jsonl(jsonl_inputs(ids, articles))
            res = score_half(half, ids, extra, articles, lines)
        else:
            ids = half_ids(raw, half)
            lines = code_jsonl(jsonl_inputs(ids, articles))
            res = score_half(half, ids, gold, articles, lines)
        out["halves"][half] = res
        if check_reference and half not in OWN_SETS:
            ref = res if not applied else score_half(half, ids, [dict(g) for g in raw], articles, lines)
            out["problems"] += [f"news-{half}: {p}" for p in reference_check(half, lines, ref)]
        for k, v in res.figures.items():
            if k != "counts":
                out["figures"][f"news-{half}.{k}"] = v
    if dedup:
        ids = half_ids(raw, "all") if not corpus else sorted(articles)
        # Dedup is judged on every mention (a folded record shows only its representative's
        # sentence to the alignment): one line per mention.
        lines = code_jsonl(jsonl_inputs(ids, articles), "--per-mention")
        d = dedup_report(parse_lines(lines), gold, articles)
        out["dedup"] = d
        out["dedup_label"] = (f"the {len(ids)} gold articles coded together" if not corpus
                              else f"all {len(ids)} articles coded together")
        key = "news-dedup" if not corpus else "news-corpus-dedup"
        out["figures"][f"{key}.false_merges"] = d["false"]
    return out


def main(argv=None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    halves = tuple(h for h in HALVES if h in argv) or HALVES
    verbose = "-v" in argv
    res = run(halves, dedup="--no-dedup" not in argv, corpus="--corpus" in argv)
    for h in halves:
        print_half(res["halves"][h], res["applied"], verbose, "--by-article" in argv)
    if "dedup" in res:
        print_dedup(res["dedup"], res["dedup_label"], verbose, hidden_ids())
    for p in res["problems"]:
        print("MISMATCH with score.py:", p)
    return 1 if res["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
