"""Analysis over a store: dyad time series and charts, the actor network, contradictions.

Everything returns pandas DataFrames (or plain dicts), so notebooks can take over:
``eventwire.open(db).dyad_series("CHN", "PRK", by="week").plot(x="period")``.

This module only uses the store's public query methods (``Store.dyad_series``,
``Store.network``, ``Store.contradictions``); the SQL lives in ``eventwire.store.queries``
and the contradiction detector in ``eventwire.dedup.contradictions``.
"""
from __future__ import annotations

from .dedup.contradictions import find_contradictions, proposals, stance  # noqa: F401
from .store.queries import (PERIODS, QUAD_COLUMNS, SERIES_COLUMNS,  # noqa: F401
                            dyad_series_sql)


def dyad_series(store, a: str, b: str, by: str = "week", directed: bool = False,
                include_historical: bool = False, fill: bool = True):
    """Counts per QuadClass, Goldstein sum/mean and mentions per period for a dyad
    (see ``Store.dyad_series``; month/year-precision events come in rows of their own)."""
    return store.dyad_series(a, b, by=by, directed=directed,
                             include_historical=include_historical, fill=fill)


def network(store, limit: int | None = None, by: str = "volume", include_historical: bool = False):
    """Directed dyads (actor codes) ranked by event volume, or by conflict (QuadClass
    3-4): all of them unless ``limit`` (see ``Store.network``)."""
    return store.network(limit=limit, by=by, include_historical=include_historical)


def contradictions(store) -> list[dict]:
    """Contradicting claims among the stored mentions (see dedup.contradictions)."""
    return store.contradictions()


_COLORS = ["#4c9be8", "#1f5fa8", "#f0a04b", "#c0392b"]
_LABELS = ["verbal coop", "material coop", "verbal conflict", "material conflict"]


def dyad_chart(df, a: str, b: str, out: str, by: str = "week") -> str:
    """Stacked QuadClass bars with the Goldstein mean as a line; PNG or SVG by extension.

    Events whose date is known only to the month (or year) are not drawn on its first
    day: each such month is a hatched band over its periods, labelled with its count.
    """
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    import pandas as pd
    from matplotlib.patches import Patch
    from matplotlib.ticker import MaxNLocator

    dated_to = df["dated_to"] if "dated_to" in df.columns else pd.Series(["period"] * len(df))
    exact = df[dated_to.values == "period"].reset_index(drop=True)
    vague = df[dated_to.values != "period"].reset_index(drop=True)
    fig, ax = plt.subplots(figsize=(9, 4.5))
    x = list(range(len(exact)))
    bottom = [0] * len(exact)
    for col, color, label in zip(QUAD_COLUMNS, _COLORS, _LABELS):
        vals = list(exact[col]) if len(exact) else []
        ax.bar(x, vals, bottom=bottom, color=color, label=label)
        bottom = [p + v for p, v in zip(bottom, vals)]
    ax.set_ylabel("events")
    ax.yaxis.set_major_locator(MaxNLocator(integer=True))
    periods = list(pd.to_datetime(exact["period"])) if len(exact) else []
    ticks = [p.strftime("%Y-%m-%d") for p in periods]
    step = max(1, len(ticks) // 12)
    ax.set_xticks(x[::step], ticks[::step], rotation=45, ha="right")
    handles, labels = ax.get_legend_handles_labels()
    if len(vague):
        for _, row in vague.iterrows():
            start = pd.Timestamp(row["period"])
            end = start + (pd.DateOffset(years=1) if row["dated_to"] == "year"
                           else pd.DateOffset(months=1))
            inside = [i for i, p in enumerate(periods) if start <= p < end]
            lo, hi = (inside[0] - 0.5, inside[-1] + 0.5) if inside else (-0.5, max(0.5, len(x) - 0.5))
            ax.axvspan(lo, hi, facecolor="none", edgecolor="#777777", hatch="//", alpha=0.5, lw=0)
            label = start.strftime("%b %Y") if row["dated_to"] == "month" else start.strftime("%Y")
            ax.text((lo + hi) / 2, 0.98, f"{int(row['events'])} in {label}\n(date known to the "
                    f"{row['dated_to']} only)", transform=ax.get_xaxis_transform(),
                    ha="center", va="top", fontsize=7, color="#444444")
        handles.append(Patch(facecolor="none", edgecolor="#777777", hatch="//",
                             label="events dated to the month/year only (not in the bars)"))
        labels.append(handles[-1].get_label())
    ax2 = ax.twinx()
    if len(exact):
        ax2.plot(x, list(exact["goldstein_mean"].astype(float)), color="black", marker="o",
                 label="Goldstein mean")
    ax2.set_ylim(-10, 10)
    ax2.set_ylabel("Goldstein mean")
    ax.set_title(f"{a} - {b} events per {by}")
    ax.legend(handles, labels, loc="upper left", fontsize=8)
    fig.tight_layout()
    fig.savefig(out)
    plt.close(fig)
    return out
