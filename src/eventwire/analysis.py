"""Analysis over canonical events: dyad time series, the actor network, contradictions.

Everything returns pandas DataFrames (or plain dicts), so notebooks can take over:
``eventwire.open(db).dyad_series("CHN", "PRK", by="week").plot(x="period")``.
"""
from __future__ import annotations

import re

from .store import _actor_clause

PERIODS = ("day", "week", "month")
QUAD_COLUMNS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
SERIES_COLUMNS = ["period", "events", *QUAD_COLUMNS, "goldstein_sum", "goldstein_mean",
                  "num_mentions"]


def _dyad_where(a: str, b: str, directed: bool) -> tuple[str, list]:
    s, sp = _actor_clause("source", a)
    t, tp = _actor_clause("target", b)
    where, params = f"({s} AND {t})", sp + tp
    if not directed:
        s2, sp2 = _actor_clause("source", b)
        t2, tp2 = _actor_clause("target", a)
        where, params = f"({where} OR ({s2} AND {t2}))", params + sp2 + tp2
    return where, params


def dyad_series_sql(a: str, b: str, by: str = "week", directed: bool = False,
                    include_historical: bool = False, table: str = "events") -> tuple[str, list]:
    """The SQL of a dyad time series (also used by bench/dyad_bench.py)."""
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)} (got {by!r})")
    where, params = _dyad_where(a, b, directed)
    hist = "" if include_historical else " AND NOT coalesce(historical, false)"
    sql = f"""
        SELECT date_trunc('{by}', date) AS period, count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(coalesce(sum(goldstein), 0), 2) AS goldstein_sum,
               round(avg(goldstein), 3) AS goldstein_mean,
               CAST(sum(num_mentions) AS BIGINT) AS num_mentions
        FROM {table}
        WHERE {where} AND date IS NOT NULL AND NOT coalesce(negated, false){hist}
        GROUP BY 1 ORDER BY 1"""
    return sql, params


def dyad_series(store, a: str, b: str, by: str = "week", directed: bool = False,
                include_historical: bool = False, fill: bool = True):
    """Counts per QuadClass, Goldstein sum/mean and mentions per period for a dyad.

    ``a``/``b`` are countries (CHN) or actor codes (CHNGOV) or actor ids (person:...).
    Undirected by default (A->B and B->A); empty periods are filled with zeros.
    """
    import pandas as pd

    sql, params = dyad_series_sql(a, b, by, directed, include_historical)
    df = store._cur().execute(sql, params).df()
    if df.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    df["period"] = pd.to_datetime(df["period"])
    for c in ["events", *QUAD_COLUMNS, "num_mentions"]:
        df[c] = df[c].fillna(0).astype("int64")
    if fill and len(df) > 1:
        freq = {"day": "D", "week": "W-MON", "month": "MS"}[by]
        full = pd.date_range(df["period"].min(), df["period"].max(), freq=freq)
        df = df.set_index("period").reindex(full).rename_axis("period").reset_index()
        for c in ["events", *QUAD_COLUMNS, "goldstein_sum", "num_mentions"]:
            df[c] = df[c].fillna(0)
        for c in ["events", *QUAD_COLUMNS, "num_mentions"]:
            df[c] = df[c].astype("int64")
    return df[SERIES_COLUMNS]


def dyad_chart(df, a: str, b: str, out: str, by: str = "week") -> str:
    """Stacked QuadClass bars with the Goldstein mean as a line; PNG or SVG by extension."""
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(9, 4.5))
    colors = ["#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b"]
    labels = ["verbal coop", "material coop", "verbal conflict", "material conflict"]
    x = list(range(len(df)))
    bottom = [0] * len(df)
    for col, color, label in zip(QUAD_COLUMNS, colors, labels):
        vals = list(df[col]) if len(df) else []
        ax.bar(x, vals, bottom=bottom, color=color, label=label)
        bottom = [p + v for p, v in zip(bottom, vals)]
    ax.set_ylabel("events")
    from matplotlib.ticker import MaxNLocator
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    ticks = [p.strftime("%Y-%m-%d") for p in df["period"]] if len(df) else []
    step = max(1, len(ticks) // 12)
    ax.set_xticks(x[::step], ticks[::step], rotation=45, ha="right")
    ax2 = ax.twinx()
    if len(df):
        ax2.plot(x, list(df["goldstein_mean"].astype(float)), color="black", marker="o",
                 label="Goldstein mean")
    ax2.set_ylim(-10, 10)
    ax2.set_ylabel("Goldstein mean")
    ax.set_title(f"{a} - {b} events per {by}")
    ax.legend(loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out


def network(store, limit: int = 20, by: str = "volume", include_historical: bool = False):
    """Top directed dyads (actor codes) by event volume, or by conflict (QuadClass 3-4)."""
    order = {"volume": "events DESC, mentions DESC",
             "conflict": "conflict DESC, goldstein_mean ASC, events DESC"}.get(by)
    if order is None:
        raise ValueError("by must be 'volume' or 'conflict'")
    hist = "" if include_historical else " AND NOT coalesce(historical, false)"
    sql = f"""
        SELECT source_code AS source, target_code AS target, count(*) AS events,
               CAST(sum(num_mentions) AS BIGINT) AS mentions,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               round(avg(goldstein), 2) AS goldstein_mean
        FROM events
        WHERE source_code IS NOT NULL AND target_code IS NOT NULL
          AND NOT coalesce(negated, false){hist}
        GROUP BY 1, 2
        {"HAVING count(*) FILTER (WHERE quad_class IN (3, 4)) > 0" if by == "conflict" else ""}
        ORDER BY {order}, source, target LIMIT ?"""
    return store._cur().execute(sql, [int(limit)]).df()


# ------------------------------------------------------------------ contradictions

# Stance of a CAMEO code towards its object: endorse/accept vs reject/criticise.
SUPPORT_CODES = ("051", "052", "053", "057", "03", "081", "083", "084", "085", "086",
                 "0311", "0312", "0331", "0356")
OPPOSE_CODES = ("12", "11", "16")
# Generic appeals (02) "call for" a proposal: support for that proposal.
APPEAL_CODES = ("02",)

# Straight single quotes are left out: they are apostrophes far more often than quotes.
_QUOTED = re.compile(r"[\"“‘]([^\"“”‘’]{3,60})[\"”’]")
_HYPHENATED = re.compile(r"\b[a-z]+(?:-[a-z]+){2,}\b", re.I)
# "the Chinese road map", "the dual-track plan": capitalised or hyphenated modifiers
# right before a proposal word name the proposal.
_NAMED = re.compile(r"((?:\b(?:[A-Z][\w-]*|[a-z]+(?:-[a-z]+)+)(?:['’]s)?\s+){1,3})(?:proposal|plan|"
                    r"initiative|formula|roadmap|road map|deal|agreement|approach)\b")
_STOP = {"the", "a", "an", "this", "that", "its", "their", "his", "her", "our", "any", "new"}


# Statements (01), appeals (02) and intents (03) carry the stance in their words:
# "would not accept a freeze-for-freeze agreement" vs "the most feasible plan".
_OPPOSE_WORDS = re.compile(
    r"\b(?:(?:not|never|won't|cannot|can't)\s+(?:\w+\s+){0,2}(?:accept|support|agree\w*|back)"
    r"|reject\w*|oppos\w+|refus\w+|dismiss\w*|denounc\w+|condemn\w*|unacceptable"
    r"|failed|non-starter)\b", re.I)
_SUPPORT_WORDS = re.compile(
    r"\b(?:feasible|sensible|endors\w+|support\w*|back(?:s|ed|ing)?|welcom\w+|favou?r\w*"
    r"|prefer\w*|propos\w+|advocat\w+|champion\w*|fair)\b", re.I)


def stance(cameo: str | None, sentence: str | None = None) -> str | None:
    """'support', 'oppose' or None (no stance) of an event towards what it is about.

    The CAMEO code decides when it is an endorsement (05x, 03x intents to cooperate) or a
    rejection/criticism (11x, 12x, 16x); statements and appeals fall back on the words.
    """
    c = cameo or ""
    if c.startswith(OPPOSE_CODES):
        return "oppose"
    if c.startswith(("05", "08")) and c.startswith(SUPPORT_CODES):
        return "support"
    if sentence and c.startswith(("01", "02", "03")):
        if _OPPOSE_WORDS.search(sentence):
            return "oppose"
        if _SUPPORT_WORDS.search(sentence):
            return "support"
    if c.startswith(SUPPORT_CODES) or c.startswith(APPEAL_CODES):
        return "support"
    return None


def proposals(sentence: str | None) -> list[str]:
    """Named proposals a sentence talks about: quoted names, hyphenated compounds
    ("freeze-for-freeze") and "X proposal/plan/initiative" phrases, normalised."""
    s = sentence or ""
    found = []
    for m in _QUOTED.finditer(s):
        if len(m.group(1).split()) <= 5:  # a name, not a quoted statement
            found.append(m.group(1))
    found.extend(_HYPHENATED.findall(s))
    for m in _NAMED.finditer(s):
        words = [re.sub(r"['’]s$", "", w) for w in m.group(1).split() if w.lower() not in _STOP]
        if words:
            found.append(" ".join(words))
    out = []
    for f in found:
        key = re.sub(r"\s+", " ", f.strip().lower().replace("“", "").replace("”", ""))
        key = re.sub(r"^(?:the|a|an)\s+", "", key)
        if len(key) >= 3 and key not in out:
            out.append(key)
    return out


def _party(rec: dict, side: str = "source") -> str | None:
    a = rec.get(side) or {}
    aid = a.get("actor_id") or ""
    return aid if aid.startswith("person:") and not a.get("country") else (
        a.get("country") or a.get("code") or aid or None)


def _claim(rec: dict, proposal: str | None = None) -> dict:
    src = rec.get("source") or {}
    return {"actor": _party(rec), "code": src.get("code"), "name": src.get("name"),
            "cameo": rec.get("cameo"), "negated": rec.get("negated"),
            "sentence": rec.get("sentence"), "event_id": rec.get("event_id"),
            "canonical_event_id": rec.get("canonical_event_id"), "doc_id": rec.get("doc_id"),
            "date": rec.get("date"), "proposal": proposal}


def find_contradictions(records) -> list[dict]:
    """Opposite stances in a list of mention records.

    - kind "proposal": actor X supports a named proposal that actor Y rejects;
    - kind "reversal": the same actor on both sides of a proposal, on different days;
    - kind "event": one mention asserts an event that another, from a different actor
      or outlet, says did not happen (same dyad, compatible code and dates).
    """
    from . import dedup

    by_prop: dict[str, dict[str, list[dict]]] = {}
    for r in records:
        st = stance(r.get("cameo"), r.get("sentence"))
        if st is None or not _party(r):
            continue
        if r.get("negated"):  # "did not reject" is no stance we can use
            continue
        for p in proposals(r.get("sentence")):
            by_prop.setdefault(p, {"support": [], "oppose": []})[st].append(r)
    out, seen = [], set()
    for p in sorted(by_prop):
        sides = by_prop[p]
        for s in sides["support"]:
            for o in sides["oppose"]:
                a, b = _party(s), _party(o)
                if (p, a, b) in seen or s.get("sentence") == o.get("sentence"):
                    continue
                kind = "proposal" if a != b else "reversal"
                if kind == "reversal" and s.get("date") == o.get("date"):
                    continue
                seen.add((p, a, b))
                out.append({"kind": kind, "subject": p,
                            "supporter": _claim(s, p), "opponent": _claim(o, p)})
    # Asserted vs negated mention of the same event.
    by_key: dict[str, list[dict]] = {}
    for r in records:
        if r.get("modality") in ("intended", "hypothetical"):
            continue
        key = dedup.block_key({**r, "negated": False})
        by_key.setdefault(key, []).append(r)
    for key in sorted(by_key):
        recs = by_key[key]
        pos = [r for r in recs if not r.get("negated")]
        neg = [r for r in recs if r.get("negated")]
        for n in neg:
            for a in pos:
                if not dedup.cameo_compatible(a.get("cameo"), n.get("cameo")):
                    continue
                ia, ib = dedup.date_interval(a), dedup.date_interval(n)
                if ia and ib and (max(ia[0], ib[0]) - min(ia[1], ib[1])).days > dedup.DATE_WINDOW_DAYS:
                    continue
                if a.get("doc_id") == n.get("doc_id") and _speaker(a) == _speaker(n):
                    continue  # one voice correcting itself is not a contradiction
                out.append({"kind": "event", "subject": f"{_party(a)} -> {_party(a, 'target')} "
                                                        f"CAMEO {a.get('cameo')}",
                            "supporter": _claim(a), "opponent": _claim(n)})
                break
    return out


def _speaker(rec: dict):
    return (rec.get("attribution") or {}).get("actor_id") or (rec.get("attribution") or {}).get("speaker")


def contradictions(store) -> list[dict]:
    """Contradicting claims among the stored mentions (see find_contradictions)."""
    cur = store._cur().execute(
        "SELECT record, canonical_event_id, story_id FROM mentions "
        "WHERE negated OR substr(cameo, 1, 2) IN ('01', '02', '03', '05', '08', '11', '12', '16')")
    return find_contradictions([store._record(*r) for r in cur.fetchall()])
