"""Read queries for browsing a store: the SQL behind the event lists (so that a client can
stream every matching row), the document list, and event places for a map.

Each function returns ``(sql, params)``; ``Store`` runs them (``Store.documents``,
``Store.places``, ``Store.events_query``, ``Store.stories``) and the web API streams them for downloads.
The event filters are the store's own (``Store._event_filters``) plus the sides of a
pair taken one by one and a place:

- ``source`` / ``target`` alone: that side only (a country, code prefix or actor id);
- both: the pair, in both directions unless ``directed`` (A->B only);
- ``place``: a GeoNames id (digits) or a place name (case-insensitive);
- ``dated``: "day" = only events dated to the day, "month" = to the day or the month
  (what the bars of a dyad chart by day/week or by month count).
"""
from __future__ import annotations

from .queries import _actor_clause, _dyad_where, date_bounds, like_escape

EVENT_ORDER = "date DESC NULLS LAST, num_mentions DESC, canonical_event_id"
DOCUMENT_ORDER = "d.published DESC NULLS LAST, d.ingested_at DESC, d.doc_id"


def side_filters(source=None, target=None, directed=False, place=None, dated=None
                 ) -> tuple[list, list]:
    """Clauses (ANDed) and their parameters for the filters ``_event_filters`` lacks."""
    clauses, params = [], []
    if source and target:
        where, ps = _dyad_where(source, target, bool(directed))
        clauses.append(where)
        params += ps
    elif source or target:
        side, value = ("source", source) if source else ("target", target)
        where, ps = _actor_clause(side, value)
        clauses.append(where)
        params += ps
    if place not in (None, ""):
        place = str(place).strip()
        if place.isdigit():
            clauses.append("location_geonameid = ?")
            params.append(int(place))
        else:
            clauses.append("lower(location_name) = lower(?)")
            params.append(place)
    if dated:
        vague = {"day": "('month', 'year', 'unknown')", "month": "('year', 'unknown')"}.get(dated)
        if vague is None:
            raise ValueError(f"dated: 'day' or 'month', not {dated!r}")
        clauses.append(f"coalesce(date_precision, 'day') NOT IN {vague}")
    return clauses, params


def event_where(store, source=None, target=None, directed=False, place=None, dated=None,
                **filters) -> tuple[str, list]:
    """`` WHERE ...`` for the events table: the store's filters and the ones above."""
    where, params = store._event_filters(**filters)
    extra, extra_params = side_filters(source, target, directed, place, dated)
    if extra:
        joined = " AND ".join(extra)
        where = f"{where} AND {joined}" if where else f" WHERE {joined}"
        params = list(params) + extra_params
    return where, params


def events_sql(store, **filters) -> tuple[str, list]:
    """Every matching canonical event, in the order of ``Store.events``."""
    where, params = event_where(store, **filters)
    return f"SELECT * FROM events{where} ORDER BY {EVENT_ORDER}", params


def count_sql(store, **filters) -> tuple[str, list]:
    where, params = event_where(store, **filters)
    return f"SELECT count(*) FROM events{where}", params


def places_sql(store, **filters) -> tuple[str, list]:
    """Events of the filters grouped by place (only events with coordinates): one row per
    place, most mentioned first."""
    where, params = event_where(store, **filters)
    located = "location_lat IS NOT NULL AND location_lon IS NOT NULL"
    where = f"{where} AND {located}" if where else f" WHERE {located}"
    sql = f"""
        SELECT coalesce(CAST(location_geonameid AS VARCHAR), location_name) AS place,
               any_value(location_name) AS name, any_value(location_country) AS country,
               any_value(location_geonameid) AS geonameid,
               round(avg(location_lat), 4) AS lat, round(avg(location_lon), 4) AS lon,
               any_value(location_precision) AS precision,
               count(*) AS events, CAST(sum(num_mentions) AS BIGINT) AS mentions,
               count(*) FILTER (WHERE quad_class IN (1, 2)) AS cooperation,
               count(*) FILTER (WHERE quad_class IN (3, 4)) AS conflict,
               round(avg(goldstein), 2) AS goldstein_mean,
               min(date) AS first_date, max(date) AS last_date
        FROM events{where}
        GROUP BY 1 ORDER BY mentions DESC, events DESC, place"""
    return sql, params


def located_sql(store, **filters) -> tuple[str, list]:
    """(events of the filters, those with a place): what the map shows and leaves out."""
    where, params = event_where(store, **filters)
    return (f"SELECT count(*), count(*) FILTER (WHERE location_lat IS NOT NULL "
            f"AND location_lon IS NOT NULL) FROM events{where}", params)


def documents_sql(q=None, language=None, date_from=None, date_to=None) -> tuple[str, list]:
    """Stored documents, newest first, with how many event mentions and canonical events
    each has. ``q``: words in the title or the text (literally); ``language``: ISO code;
    dates: the publication date."""
    clauses, params = [], []
    if q:
        pattern = f"%{like_escape(q)}%"
        clauses.append("(d.title ILIKE ? ESCAPE '\\' OR d.text ILIKE ? ESCAPE '\\' "
                       "OR d.outlet ILIKE ? ESCAPE '\\')")
        params += [pattern, pattern, pattern]
    if language:
        clauses.append("lower(d.language) = lower(?)")
        params.append(language)
    dated, dated_params = date_bounds(date_from, date_to, "d.published")
    clauses += dated
    params += dated_params
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    sql = f"""
        SELECT d.doc_id, d.title, d.outlet, d.published, d.language, d.url, d.path,
               d.source_format, d.duplicate_of, d.ingested_at,
               coalesce(m.n_mentions, 0) AS n_mentions, coalesce(m.n_events, 0) AS n_events,
               length(d.text) AS n_chars
        FROM documents d
        LEFT JOIN (SELECT doc_id, count(*) AS n_mentions,
                          count(DISTINCT canonical_event_id) AS n_events
                   FROM mentions GROUP BY doc_id) m USING (doc_id){where}
        ORDER BY {DOCUMENT_ORDER}"""
    return sql, params


def stories_sql(date_from=None, date_to=None) -> tuple[str, list]:
    """Stories, latest first; with dates, those whose publications (first..last) overlap
    them."""
    clauses, params = date_bounds(date_from, date_to, "first_published", "last_published")
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    return (f"SELECT * FROM stories{where} ORDER BY last_published DESC NULLS LAST, "
            "n_documents DESC, story_id", params)
