"""Read queries of the store that are more than a filter: actor clauses, dyad time series
and the actor network. The SQL lives here; ``Store.dyad_series``/``Store.network`` run it,
and ``eventwire.analysis`` (charts, notebooks) only calls those public methods."""
from __future__ import annotations

import re


def like_escape(text: str) -> str:
    """A user's search text as a LIKE pattern that matches it literally (ESCAPE '\\'):
    ``q=%`` must find a per-cent sign, not everything (issue 19)."""
    return str(text).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _is_country(value: str) -> bool:
    return bool(re.fullmatch(r"[A-Z]{3}", value or ""))


def _actor_clause(side: str, value: str) -> tuple[str, list]:
    """One side of a dyad: a country (CHN), an actor id (person:x) or a code prefix (CHNGOV)."""
    if ":" in value:
        return f"{side}_actor_id = ?", [value]
    value = value.upper()
    if _is_country(value):
        # a country, or a 3-letter code prefix without a country (IGO, NGO, ...)
        return (f"({side}_country = ? OR {side}_code LIKE ? ESCAPE '\\')",
                [value, like_escape(value) + "%"])
    return f"{side}_code LIKE ? ESCAPE '\\'", [like_escape(value) + "%"]


def status_where(include_negated: bool, include_historical: bool, alias: str = "") -> str:
    """`` WHERE ...`` leaving out negated and/or historical rows of events or mentions
    (``alias``: the table's alias in the query), or "" when both are wanted."""
    clauses = []
    if not include_negated:
        clauses.append(f"NOT coalesce({alias}negated, false)")
    if not include_historical:
        clauses.append(f"NOT coalesce({alias}historical, false)")
    return " WHERE " + " AND ".join(clauses) if clauses else ""


# ------------------------------------------------------------------ dyad time series

PERIODS = ("day", "week", "month")
QUAD_COLUMNS = ["verbal_coop", "material_coop", "verbal_conflict", "material_conflict"]
SERIES_COLUMNS = ["period", "dated_to", "events", *QUAD_COLUMNS, "goldstein_sum",
                  "goldstein_mean", "num_mentions"]
# Events dated less precisely than the period cannot be put on one of its days or weeks:
# they get rows of their own (``dated_to`` "month"/"year", ``period`` = its first day).
_VAGUE = {"day": ("month", "year"), "week": ("month", "year"), "month": ("year",)}


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
                    include_historical: bool = False, table: str = "events",
                    date_from: str | None = None, date_to: str | None = None
                    ) -> tuple[str, list]:
    """The SQL of a dyad time series (also used by bench/dyad_bench.py).

    One row per period for the events dated within it (``dated_to`` = 'period'), and one
    row per month or year for the events known only to that month or year.
    """
    if by not in PERIODS:
        raise ValueError(f"--by must be one of {', '.join(PERIODS)} (got {by!r})")
    where, params = _dyad_where(a, b, directed)
    hist = "" if include_historical else " AND NOT coalesce(historical, false)"
    if date_from:  # a date range (the web UI's "this week"): events dated within it
        hist += " AND date >= CAST(? AS DATE)"
        params.append(str(date_from))
    if date_to:
        hist += " AND date <= CAST(? AS DATE)"
        params.append(str(date_to))
    vague = ", ".join(f"'{p}'" for p in _VAGUE[by])
    sql = f"""
        SELECT CASE WHEN coalesce(date_precision, 'day') IN ({vague})
                    THEN date_trunc(date_precision, date) ELSE date_trunc('{by}', date) END AS period,
               CASE WHEN coalesce(date_precision, 'day') IN ({vague})
                    THEN date_precision ELSE 'period' END AS dated_to,
               count(*) AS events,
               count(*) FILTER (WHERE quad_class = 1) AS verbal_coop,
               count(*) FILTER (WHERE quad_class = 2) AS material_coop,
               count(*) FILTER (WHERE quad_class = 3) AS verbal_conflict,
               count(*) FILTER (WHERE quad_class = 4) AS material_conflict,
               round(coalesce(sum(goldstein), 0), 2) AS goldstein_sum,
               round(avg(goldstein), 3) AS goldstein_mean,
               CAST(sum(num_mentions) AS BIGINT) AS num_mentions
        FROM {table}
        WHERE {where} AND date IS NOT NULL AND NOT coalesce(negated, false){hist}
          AND coalesce(date_precision, 'day') <> 'unknown'
        GROUP BY 1, 2 ORDER BY 2 DESC, 1"""
    return sql, params


def dyad_frame(df, by: str, fill: bool = True):
    """The query result as the documented frame: periods first (empty ones filled with
    zeros when ``fill``), then the month/year rows of less precise events."""
    import pandas as pd

    if df.empty:
        return pd.DataFrame(columns=SERIES_COLUMNS)
    df["period"] = pd.to_datetime(df["period"])
    exact = df[df["dated_to"] == "period"].copy()
    vague = df[df["dated_to"] != "period"].sort_values(["dated_to", "period"])
    if fill and len(exact) > 1:
        freq = {"day": "D", "week": "W-MON", "month": "MS"}[by]
        full = pd.date_range(exact["period"].min(), exact["period"].max(), freq=freq)
        exact = exact.set_index("period").reindex(full).rename_axis("period").reset_index()
        exact["dated_to"] = "period"
        for c in ["events", *QUAD_COLUMNS, "goldstein_sum", "num_mentions"]:
            exact[c] = exact[c].fillna(0)
    out = pd.concat([exact, vague], ignore_index=True) if len(vague) else exact
    for c in ["events", *QUAD_COLUMNS, "num_mentions"]:
        out[c] = out[c].fillna(0).astype("int64")
    return out[SERIES_COLUMNS].reset_index(drop=True)


# ------------------------------------------------------------------ the actor network

def date_bounds(date_from=None, date_to=None, start: str = "date",
                end: str | None = None) -> tuple[list[str], list]:
    """SQL clauses and parameters for "within the dates": a row whose ``start``..``end``
    (one column when ``end`` is None) overlaps ``date_from``..``date_to``."""
    clauses, params = [], []
    if date_from:
        clauses.append(f"{end or start} >= CAST(? AS DATE)")
        params.append(str(date_from))
    if date_to:
        clauses.append(f"{start} <= CAST(? AS DATE)")
        params.append(str(date_to))
    return clauses, params


def network_sql(by: str = "volume", include_historical: bool = False,
                date_from: str | None = None, date_to: str | None = None) -> tuple[str, list]:
    """Directed dyads (actor codes) ranked by event volume, or by conflict (QuadClass 3-4),
    of the events dated within ``date_from``..``date_to`` when given; the caller adds a
    LIMIT for the top ones."""
    order = {"volume": "events DESC, mentions DESC",
             "conflict": "conflict DESC, goldstein_mean ASC, events DESC"}.get(by)
    if order is None:
        raise ValueError("by must be 'volume' or 'conflict'")
    hist = "" if include_historical else " AND NOT coalesce(historical, false)"
    clauses, params = date_bounds(date_from, date_to)
    hist += "".join(f" AND {c}" for c in clauses)
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
        ORDER BY {order}, source, target"""
    return sql, params
