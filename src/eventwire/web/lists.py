"""The list endpoints of the HTTP API: events, documents, places, actors, stories, the
network and contradictions. Each answers a JSON page with ``total`` (every matching
row), or, with ``format=csv|parquet|jsonl`` (or an ``Accept`` header asking for one),
every matching row as a streamed download (web/downloads.py).

Actor filters take codes or names ("China" -> CHN, web/names.py); the answer's
``filters`` says how each name was read, so a client can show it.
"""
from __future__ import annotations

from typing import Literal

from fastapi import Depends, Query, Request

from . import convert, cursors, downloads, models, names
from .params import ApiError, bad, cameo_param, code_param, date_range, pair, root_param

MAX_PAGE = 500
DEFAULT_PAGE = 50
FormatParam = Literal["json", "csv", "parquet", "jsonl"]


def _format(format: FormatParam | None = Query(None, description=downloads.FORMAT_DESCRIPTION)):
    return format


def event_filter_params(
    actor: str | None = Query(None, description="an actor on either side: a country (CHN), a code "
                              "prefix (CHNGOV), an actor id (person:...) or a name (China)"),
    source: str | None = Query(None, description="the source actor (alone: any target)"),
    target: str | None = Query(None, description="the target actor (alone: any source)"),
    dyad: str | None = Query(None, description="source,target, e.g. CHN,PRK (the same as "
                             "source= and target=)"),
    directed: bool = Query(False, description="with a source and a target: only source -> "
                           "target (default: both directions)"),
    country: str | None = Query(None, description="ISO alpha-3 (or name) of either actor or "
                                "of the place"),
    place: str | None = Query(None, max_length=200, description="a GeoNames id or a place name"),
    cameo: str | None = Query(None, description="CAMEO code (prefix match)"),
    root: str | None = Query(None, description="CAMEO root, 01..20"),
    quad: int | None = Query(None, ge=1, le=4, description="QuadClass 1..4"),
    date_from: str | None = Query(None, alias="from", description="event date >= (YYYY-MM-DD)"),
    date_to: str | None = Query(None, alias="to", description="event date <= (YYYY-MM-DD)"),
    q: str | None = Query(None, max_length=200, description="text in the sentence or title"),
    story: str | None = Query(None, max_length=64, description="story_id"),
    dated: Literal["day", "month"] | None = Query(None, description="day: only events dated to "
                                                  "the day; month: to the day or the month"),
    include_historical: bool = Query(False, description="include background events"),
    include_negated: bool = Query(False, description="include events that did not happen"),
) -> dict:
    """The event filters as given (checked, not yet resolved)."""
    ab = pair(dyad)
    if ab and (source or target):
        raise bad("dyad", "give dyad=A,B or source=/target=, not both")
    if ab:
        source, target = ab
    d_from, d_to = date_range(date_from, date_to)
    return dict(actor=code_param(actor, "actor"), source=code_param(source, "source"),
                target=code_param(target, "target"), directed=directed,
                country=code_param(country, "country"), place=code_param(place, "place"),
                cameo=cameo_param(cameo), cameo_root=root_param(root), quad_class=quad,
                date_from=d_from, date_to=d_to, q=q or None,
                story=code_param(story, "story"), dated=dated,
                include_historical=include_historical,
                include_negated=include_negated)


def install(app, call, handle) -> None:
    """Add the list endpoints. ``call(method, ...)`` runs a Store method under the lock;
    ``handle.cursor()`` gives a cursor of its own for a streamed download."""

    def resolve(filters: dict) -> tuple[dict, dict]:
        """Names in actor filters -> codes; (store filters, {param: how it was read})."""
        out, how = dict(filters), {}
        actors_named = lambda text: call("actors", q=text, limit=50)  # noqa: E731
        for key in ("actor", "source", "target"):
            value, why = names.resolve(out.get(key), actors_named)
            out[key] = value
            if why:
                how[key] = why
        if out.get("country") and not (len(out["country"]) == 3 and out["country"].isalpha()):
            iso = names.country_forms().get(out["country"].casefold())
            if iso:
                how["country"] = {"given": out["country"], "code": iso, "name": out["country"],
                                  "by": "country name"}
                out["country"] = iso
        if out.get("country"):
            out["country"] = out["country"].upper()
        return out, how

    def hints(filters: dict) -> list[str]:
        """Why nothing matched, when a code names no actor of this store."""
        out = []
        with handle.session() as store:
            hint = getattr(store, "actor_hint", None)
            if hint is None:
                return out
            for key in ("actor", "source", "target"):
                if filters.get(key):
                    text = hint(filters[key])
                    if text:
                        out.append(text)
        return out

    def stream(sql_method: str, args: dict, fmt: str, name: str, total: int,
               limit: int | None = None, records=None):
        sql, params = call(sql_method, **args)
        if limit:
            sql = f"SELECT * FROM ({sql}) LIMIT {int(limit)}"
            total = min(total, int(limit))

        def batches():
            with handle.cursor() as cur:
                reader = cur.sql(sql, params=params).to_arrow_reader(downloads.BATCH_ROWS)
                yield from downloads.with_schema(reader)
        return downloads.response(batches(), fmt, name, total, records=records)

    def _records(rows: list[dict]) -> list[dict]:
        return [convert.as_record(r) for r in rows]

    # ------------------------------------------------------------------ events
    @app.get("/api/events", tags=["events"], responses={**models.download(models.EventsPage),
                                                         **models.errors(400, 503)})
    def events(request: Request, f: dict = Depends(event_filter_params),
               limit: int | None = Query(None, ge=1, le=MAX_PAGE,
                                         description=f"events per page (default {DEFAULT_PAGE}); "
                                                     "a download has every event unless given"),
               cursor: str | None = Query(None, max_length=500,
                                          description="next_cursor of the previous page"),
               format: FormatParam | None = Depends(_format)):
        """Canonical events, newest first. ``total`` counts every matching event; page
        with ``limit`` and ``cursor``, or download them all with ``format=``."""
        filters, how = resolve(f)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        if fmt != "json":
            total = call("count_matching", **filters)
            return stream("events_query", filters, fmt, "events", total, limit, _records)
        fingerprint = cursors.fingerprint(filters)
        try:
            offset = int(cursors.decode(cursor, fingerprint) or 0) if cursor else 0
        except (ValueError, TypeError) as exc:
            raise bad("cursor", str(exc)) from None
        limit = limit or DEFAULT_PAGE
        frame = call("events_matching", limit=limit, offset=offset, **filters)
        after = frame.attrs.get("next_offset")
        out = {"events": convert.records(frame), "total": int(frame.attrs["total"]),
               "limit": limit, "next_cursor": cursors.encode(after, fingerprint) if after else None,
               "filters": how}
        if out["total"] == 0:
            found = hints(filters)
            if found:
                out["hints"] = found
        return out

    # ------------------------------------------------------------------ places (the map)
    @app.get("/api/places", tags=["events"], responses={**models.download(models.Places),
                                                         **models.errors(400, 503)})
    def places(request: Request, f: dict = Depends(event_filter_params),
               format: FormatParam | None = Depends(_format)):
        """Where the events of the filters happened: one row per place (events with
        coordinates), most mentioned first; ``events_located`` of ``events_total``."""
        filters, how = resolve(f)
        frame = call("places", **filters)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        if fmt != "json":
            return downloads.response(frame, fmt, "places", len(frame))
        return {"places": convert.rows(frame), "total": len(frame),
                "events_total": int(frame.attrs["events_total"]),
                "events_located": int(frame.attrs["events_located"]), "filters": how}

    # ------------------------------------------------------------------ documents
    @app.get("/api/documents", tags=["documents"], responses={**models.download(models.DocumentsPage),
                                                                **models.errors(400, 503)})
    def documents(request: Request,
                  q: str | None = Query(None, max_length=200, description="text in the title, "
                                        "the article or the outlet"),
                  language: str | None = Query(None, max_length=12, description="ISO 639-1, e.g. en"),
                  date_from: str | None = Query(None, alias="from", description="published >= (YYYY-MM-DD)"),
                  date_to: str | None = Query(None, alias="to", description="published <= (YYYY-MM-DD)"),
                  limit: int | None = Query(None, ge=1, le=MAX_PAGE,
                                            description=f"documents per page (default {DEFAULT_PAGE})"),
                  cursor: str | None = Query(None, max_length=500),
                  format: FormatParam | None = Depends(_format)):
        """Stored documents (every language, coded or not), newest first, with the number
        of events found in each."""
        d_from, d_to = date_range(date_from, date_to)
        args = dict(q=q or None, language=code_param(language, "language"),
                    date_from=d_from, date_to=d_to)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        fingerprint = cursors.fingerprint({"documents": args})
        try:
            offset = int(cursors.decode(cursor, fingerprint) or 0) if cursor else 0
        except (ValueError, TypeError) as exc:
            raise bad("cursor", str(exc)) from None
        if fmt != "json":
            total = int(call("documents", limit=1, offset=0, **args).attrs["total"])
            return stream("documents_query", args, fmt, "documents", total, limit)
        limit = limit or DEFAULT_PAGE
        frame = call("documents", limit=limit, offset=offset, **args)
        after = frame.attrs.get("next_offset")
        return {"documents": convert.rows(frame), "total": int(frame.attrs["total"]),
                "limit": limit, "next_cursor": cursors.encode(after, fingerprint) if after else None}

    # ------------------------------------------------------------------ small lists
    def _total(frame) -> int:
        return int((getattr(frame, "attrs", None) or {}).get("total", len(frame)))

    def _frame(rows):
        import pandas as pd
        return rows if hasattr(rows, "to_dict") else pd.DataFrame(list(rows))

    @app.get("/api/actors", tags=["actors"], responses={**models.download(models.ActorsPage),
                                                         **models.errors(400, 503)})
    def actors(request: Request, q: str | None = Query(None, max_length=200),
               limit: int | None = Query(None, ge=1, le=MAX_PAGE,
                                         description="actors per answer (default 50; a download "
                                                     "has every actor unless given)"),
               format: FormatParam | None = Depends(_format)):
        """Actors in the store, most active first; ``q`` matches name, code or id."""
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        if fmt != "json":
            frame = _frame(call("actors", q=q or None, limit=limit))
            return downloads.response(frame, fmt, "actors", len(frame))
        frame = _frame(call("actors", q=q or None, limit=limit or 50))
        return {"actors": convert.rows(frame), "total": _total(frame)}

    @app.get("/api/network", tags=["actors"], responses={**models.download(models.Network),
                                                          **models.errors(400, 503)})
    def network(request: Request, limit: int = Query(20, ge=1, le=MAX_PAGE),
                by: Literal["volume", "conflict"] = Query("volume"),
                date_from: str | None = Query(None, alias="from", description="event date >= (YYYY-MM-DD)"),
                date_to: str | None = Query(None, alias="to", description="event date <= (YYYY-MM-DD)"),
                format: FormatParam | None = Depends(_format)):
        """The strongest dyads (edges) and the actors they join (nodes), of the events
        within the dates when given; ``total``: every dyad of the ranking. A download has
        every dyad."""
        d_from, d_to = date_range(date_from, date_to)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        every = call("network", limit=None, by=by, date_from=d_from, date_to=d_to)
        if fmt != "json":
            return downloads.response(every, fmt, f"network-{by}", len(every))
        edges = convert.rows(every.head(limit))
        return {"edges": edges, "nodes": nodes_of(edges), "total": len(every)}

    @app.get("/api/stories", tags=["events"], responses={**models.download(models.StoriesPage),
                                                          **models.errors(400, 503)})
    def stories(request: Request, limit: int | None = Query(None, ge=1, le=MAX_PAGE,
                                                            description="stories per answer (default 50)"),
                date_from: str | None = Query(None, alias="from", description="last published >= (YYYY-MM-DD)"),
                date_to: str | None = Query(None, alias="to", description="first published <= (YYYY-MM-DD)"),
                format: FormatParam | None = Depends(_format)):
        """Stories: canonical events grouped into running threads, latest first; with
        dates, the stories published within them."""
        d_from, d_to = date_range(date_from, date_to)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        every = call("stories", limit=None, date_from=d_from, date_to=d_to)
        if fmt != "json":
            return downloads.response(every, fmt, "stories", len(every))
        return {"stories": convert.rows(every.head(limit or 50)), "total": len(every)}

    @app.get("/api/contradictions", tags=["events"],
             responses={**models.download(models.Contradictions), **models.errors(400, 503)})
    def contradictions(request: Request,
                       date_from: str | None = Query(None, alias="from", description="a claim dated >= (YYYY-MM-DD)"),
                       date_to: str | None = Query(None, alias="to", description="a claim dated <= (YYYY-MM-DD)"),
                       format: FormatParam | None = Depends(_format)):
        """Reports that disagree: one says an event happened and another that it did not,
        or two actors on opposite sides of a named proposal; with dates, those with a
        claim dated within them."""
        d_from, d_to = date_range(date_from, date_to)
        found = within(convert.jsonable(call("contradictions")), d_from, d_to)
        fmt = downloads.negotiate(format, request.headers.get("accept"))
        if fmt != "json":
            return downloads.response(contradiction_frame(found), fmt, "contradictions", len(found))
        return {"contradictions": found, "total": len(found)}


CONTRADICTION_SIDE = ["actor", "code", "name", "cameo", "negated", "date", "proposal", "sentence",
                      "event_id", "canonical_event_id", "doc_id", "story_id"]


def within(found: list[dict], d_from: str | None, d_to: str | None) -> list[dict]:
    """The contradictions with a claim (either side) dated within the dates; an undated
    claim is within no dates."""
    if not (d_from or d_to):
        return found

    def inside(side: dict | None) -> bool:
        day = str((side or {}).get("date") or "")[:10]
        return bool(day) and (not d_from or day >= d_from) and (not d_to or day <= d_to)

    return [c for c in found if inside(c.get("supporter")) or inside(c.get("opponent"))]


def contradiction_frame(found: list[dict]):
    """One flat row per contradiction: kind, subject, days apart, then each side's fields."""
    import pandas as pd

    cols = ["kind", "subject", "days_apart"] + [f"{side}_{k}" for side in ("supporter", "opponent")
                                                for k in CONTRADICTION_SIDE]
    rows = []
    for c in found:
        row = {k: c.get(k) for k in ("kind", "subject", "days_apart")}
        for side in ("supporter", "opponent"):
            for k in CONTRADICTION_SIDE:
                row[f"{side}_{k}"] = (c.get(side) or {}).get(k)
        rows.append(row)
    frame = pd.DataFrame(rows, columns=cols)
    return frame.astype({c: "object" for c in cols}).where(frame.notna(), None) if rows else frame


def nodes_of(edges: list[dict]) -> list[dict]:
    """Actors of the network edges with their total weight (for the UI layout)."""
    nodes: dict[str, dict] = {}
    for e in edges:
        weight = e.get("events") or 1
        for side in ("source", "target"):
            code = e.get(side)
            if not code:
                continue
            node = nodes.setdefault(code, {"id": code, "weight": 0})
            node["weight"] += weight if isinstance(weight, (int, float)) else 1
    return sorted(nodes.values(), key=lambda n: -n["weight"])


__all__ = ["install", "event_filter_params", "ApiError", "MAX_PAGE"]
