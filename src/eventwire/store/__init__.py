"""The DuckDB store behind ``eventwire ingest`` and every query verb.

Tables (see docs/store.md): ``documents``, ``mentions`` (one coded event mention each:
flat columns from ``records.flatten`` plus the full record as JSON), ``events``
(canonical events), ``actors``, ``stories`` + ``story_docs``, ``schema_version``.

Write path (store/writing.py): ``add_coded`` stores one document and its mentions in one transaction, so
a killed ingest leaves whole documents only and a re-run finishes the job;
``finalize`` re-deduplicates only the blocks that new mentions touched, then rebuilds
stories and actors — also in one transaction.

DuckDB allows one writer process per file: a second one waits up to ``lock_timeout``
seconds, then gets ``StoreLockedError`` (one line), never a corrupt file. A read-only
store (``eventwire.open``) therefore holds the file only while it answers: each query
opens it and lets it go, so a notebook left open does not lock ``eventwire ingest`` out
(``hold=True`` keeps it open, e.g. for many queries in a row: ``with store.held(): ...``).

Read methods return every matching row unless given a ``limit``: tables as pandas
DataFrames (``df.attrs["total"]`` = all matching rows), records as lists of dicts.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import threading
import time
from typing import TYPE_CHECKING, Iterable, Iterator

import duckdb

from ..records import EVENT_FIELDS
from . import browse, queries
# StorageFailure, storage_error and flat_event are imported from here by the CLI and export.
from .errors import StorageFailure, StoreError, StoreLockedError, _rollback, storage_error  # noqa: F401
from .queries import _actor_clause, like_escape
from .schema import MIGRATIONS, SCHEMA_VERSION, flat_event  # noqa: F401
from .writing import WritePath

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


# ------------------------------------------------------------------ the store

def _limit(limit) -> int | None:
    """``limit``: None or 0 = every row; a positive int = at most that many."""
    if limit is None or limit == 0:
        return None
    if isinstance(limit, bool) or not isinstance(limit, (int, float)) or limit < 0 or limit != int(limit):
        raise ValueError(f"limit must be a positive integer, 0 or None (every row), not {limit!r}")
    return int(limit)


def _offset(cursor) -> int:
    if cursor in (None, ""):
        return 0
    try:
        offset = int(cursor)
    except (TypeError, ValueError):
        raise ValueError(f"not a cursor of this store: {cursor!r}") from None
    if offset < 0:
        raise ValueError(f"not a cursor of this store: {cursor!r}")
    return offset


class Store(WritePath):
    """An eventwire DuckDB database.

    ``Store(path)`` for writing (it holds the file: DuckDB allows one writer), or
    ``Store(path, read_only=True)`` / ``eventwire.open(path)`` to query: a read-only
    store opens the file for each query and lets it go, so that it never keeps
    ``eventwire ingest`` waiting for more than one query (``hold=True`` keeps it open).
    ``lock_timeout``: seconds to wait for another process's lock before
    ``StoreLockedError``.
    """

    def __init__(self, path: str | os.PathLike = "eventwire.duckdb", read_only: bool = False,
                 lock_timeout: float = 10.0, hold: bool | None = None):
        self.path = str(path)
        self.read_only = read_only
        self.lock_timeout = lock_timeout
        if read_only and self.path != ":memory:" and not os.path.exists(self.path):
            raise StoreError(f"no eventwire database at {self.path} (run `eventwire ingest` first)")
        # An in-memory database exists only while a connection holds it.
        self.hold = (not read_only or self.path == ":memory:") if hold is None else bool(hold)
        self._lock = threading.RLock()
        self._con = None
        if self.hold:
            self._con = self._open()
            self._migrate()
        else:  # open once now: a missing, foreign or newer file fails here, not later
            with self.connection() as con:
                self._check_version(self._version(con))

    def __repr__(self) -> str:
        mode = "read-only" if self.read_only else "read-write"
        state = "holds the file" if self._con is not None else "opens the file per query"
        return f"<eventwire Store {self.path!r} {mode}, {state}>"

    # -- lifecycle
    def _open(self):
        """A new DuckDB connection to the file, waiting up to ``lock_timeout`` for a
        writer in another process to let go of it."""
        deadline = time.monotonic() + self.lock_timeout
        while True:
            try:
                return duckdb.connect(self.path, read_only=self.read_only)
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" not in msg.lower():
                    raise storage_error(self.path, exc) from exc
                if time.monotonic() >= deadline:
                    holder = re.search(r"PID (\d+)", msg)
                    who = f" (pid {holder.group(1)})" if holder else ""
                    raise StoreLockedError(
                        f"{self.path} is in use by another eventwire process{who}; "
                        f"waited {self.lock_timeout:g}s — try again when it finishes") from exc
                time.sleep(0.05)
            except duckdb.Error as exc:  # a damaged file, not a database at all, ...
                raise storage_error(self.path, exc) from exc

    @property
    def con(self):
        """The store's own DuckDB connection. Asking for it makes a read-only store hold
        the file from then on (until ``close()``); ``connection()`` gives one for a block
        of statements instead."""
        if self._con is None:
            with self._lock:
                if self._con is None:
                    self._con = self._open()
        return self._con

    @contextlib.contextmanager
    def connection(self):
        """A DuckDB connection for a few statements: a cursor of the held connection, or
        a fresh one that is closed (and the file let go) at the end of the block."""
        if self._con is not None:
            cur = self._con.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        con = self._open()
        try:
            yield con
        finally:
            con.close()

    @contextlib.contextmanager
    def held(self):
        """Keep the file open for a block of queries (a page of a web UI, a loop in a
        notebook), then let it go again."""
        if self._con is not None:
            yield self
            return
        with self._lock:
            self._con = self._open()
        try:
            yield self
        finally:
            with self._lock:
                con, self._con = self._con, None
                con.close()

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _cur(self):
        """A cursor of the held connection (DuckDB cursors may be used from other threads:
        web API), else a fresh connection, closed when the caller drops it."""
        return self._con.cursor() if self._con is not None else self._open()

    def _check_version(self, version: int) -> None:
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {version}; this eventwire "
                             f"knows up to {SCHEMA_VERSION} — upgrade eventwire")

    def _migrate(self) -> None:
        version = self.schema_version()
        self._check_version(version)
        if version == SCHEMA_VERSION or self.read_only:
            return
        with self._write() as con:
            con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER, "
                        "description VARCHAR, applied_at TIMESTAMP)")
            for v, desc, statements in MIGRATIONS:
                if v <= version:
                    continue
                for sql in statements:
                    con.execute(sql)
                con.execute("INSERT INTO schema_version VALUES (?, ?, now())", [v, desc])

    @contextlib.contextmanager
    def _write(self):
        """One write transaction under the store's lock. A failure is rolled back
        quietly (after an I/O error DuckDB has ended the transaction already, and the
        ROLLBACK's own error would hide the cause) and a DuckDB error becomes one line
        that says what happened (``storage_error``)."""
        if self.read_only:
            raise StoreError(f"{self.path} is open read-only")
        with self._lock, self.held():
            con = self._con
            con.execute("BEGIN TRANSACTION")
            try:
                yield con
                con.execute("COMMIT")
            except Exception as exc:
                _rollback(con)
                if isinstance(exc, duckdb.Error):
                    raise storage_error(self.path, exc) from exc
                raise

    def schema_version(self) -> int:
        with self.connection() as con:
            return self._version(con)

    @staticmethod
    def _version(con) -> int:
        exists = con.execute("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        return con.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    # -- read path
    def events(self, actor: str | None = None, dyad: tuple[str, str] | None = None,
               country: str | None = None, cameo: str | None = None,
               cameo_root: str | None = None, quad_class: int | None = None,
               date_from: str | None = None, date_to: str | None = None,
               include_historical: bool = False, include_negated: bool = False,
               q: str | None = None, limit: int | None = None, cursor: str | None = None,
               story: str | None = None) -> "pd.DataFrame":
        """Canonical events as a DataFrame, newest first: every matching event, unless
        ``limit`` is given (None or 0: all).

        Filters: ``actor`` (either side) and ``dyad`` (source, target) take a country
        (``CHN``), a code prefix (``CHNGOV``) or an actor id (``person:...``); ``country``
        (either side or the place); ``cameo`` (prefix), ``cameo_root``, ``quad_class``;
        ``date_from``/``date_to`` (YYYY-MM-DD); ``q`` (text in a sentence or headline);
        ``story``. Negated and historical events are left out unless asked for.

        ``df.attrs["total"]`` is the number of matching events (all pages);
        ``df.attrs["next_cursor"]`` the ``cursor`` of the next page (None on the last).
        """
        limit = _limit(limit)
        offset = _offset(cursor)
        where, params = self._event_filters(
            actor, dyad, country, cameo, cameo_root, quad_class, date_from, date_to,
            include_historical, include_negated, q, story)
        sql = (f"SELECT * FROM events{where} ORDER BY date DESC NULLS LAST, "
               f"num_mentions DESC, canonical_event_id")
        more = False
        with self.connection() as con:
            if limit is None:
                df = con.execute(sql + " OFFSET ?", params + [offset]).df()
                total = offset + len(df)
            else:
                df = con.execute(sql + " LIMIT ? OFFSET ?", params + [limit + 1, offset]).df()
                more = len(df) > limit
                df = df.head(limit)
                total = (con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0]
                         if more or offset else len(df))
        df.attrs["next_cursor"] = str(offset + limit) if more else None
        df.attrs["total"] = int(total)
        return df

    def count_events(self, **filters) -> int:
        """How many events ``events(**filters)`` returns (without fetching them)."""
        where, params = self._event_filters(**filters)
        with self.connection() as con:
            return int(con.execute(f"SELECT count(*) FROM events{where}", params).fetchone()[0])

    def actor_hint(self, value: str) -> str | None:
        """None when ``value`` (a country, code prefix or actor id, as the filters take it)
        names an actor of this store; else a one-line hint with the nearest known codes."""
        import difflib

        if not value:
            return None
        side, params = _actor_clause("source", value)
        clause = side.replace("source_", "")
        with self.connection() as con:
            if con.execute(f"SELECT 1 FROM actors WHERE {clause} LIMIT 1", params).fetchone():
                return None
            known = [r[0] for r in con.execute(
                "SELECT DISTINCT x FROM (SELECT code AS x FROM actors UNION "
                "SELECT country FROM actors UNION SELECT actor_id FROM actors) WHERE x IS NOT NULL"
            ).fetchall()]
        guess = value if ":" in value else value.upper()
        near = difflib.get_close_matches(guess, known, n=5, cutoff=0.5)
        prefix = [k for k in known if k.startswith(guess[:3])][:5] if len(guess) >= 3 else []
        near = list(dict.fromkeys(near + prefix))[:5]
        where = f"no actor matches {value!r} in {os.path.basename(self.path)}"
        return f"{where}; did you mean {', '.join(near)}?" if near else \
            f"{where} (`eventwire sql \"SELECT code, n_events FROM actors\"` lists them)"

    def _event_filters(self, actor=None, dyad=None, country=None, cameo=None, cameo_root=None,
                       quad_class=None, date_from=None, date_to=None, include_historical=False,
                       include_negated=False, q=None, story=None):
        clauses, params = [], []

        def add(sql, *ps):
            clauses.append(sql)
            params.extend(ps)

        if actor:
            s, sp = _actor_clause("source", actor)
            t, tp = _actor_clause("target", actor)
            add(f"({s} OR {t})", *sp, *tp)
        if dyad:
            a, b = dyad
            s, sp = _actor_clause("source", a)
            t, tp = _actor_clause("target", b)
            add(f"({s} AND {t})", *sp, *tp)
        if country:
            c = country.upper()
            add("(source_country = ? OR target_country = ? OR location_country = ?)", c, c, c)
        if cameo:
            add("cameo LIKE ?", str(cameo) + "%")
        if cameo_root:
            add("cameo_root = ?", str(cameo_root).zfill(2))
        if quad_class:
            add("quad_class = ?", int(quad_class))
        if date_from:
            add("date >= CAST(? AS DATE)", str(date_from))
        if date_to:
            add("date <= CAST(? AS DATE)", str(date_to))
        if not include_historical:
            add("NOT coalesce(historical, false)")
        if not include_negated:
            add("NOT coalesce(negated, false)")
        if q:
            add("canonical_event_id IN (SELECT canonical_event_id FROM mentions "
                "WHERE sentence ILIKE ? ESCAPE '\\' OR doc_title ILIKE ? ESCAPE '\\')",
                f"%{like_escape(q)}%", f"%{like_escape(q)}%")
        if story:
            add("story_id = ?", story)
        return (" WHERE " + " AND ".join(clauses) if clauses else ""), params

    def mentions(self, canonical_event_id: str | None = None, doc_id: str | None = None,
                 limit: int | None = None) -> list[dict]:
        """Mention records (the contract), with their current canonical/story ids: every
        one of the event or document (all of the store without either), unless ``limit``."""
        clauses, params = [], []
        if canonical_event_id:
            clauses.append("canonical_event_id = ?")
            params.append(canonical_event_id)
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        limit = _limit(limit)
        lim = f" LIMIT {limit}" if limit else ""
        with self.connection() as con:
            rows = con.execute(
                f"SELECT record, canonical_event_id, story_id FROM mentions{where} "
                f"ORDER BY doc_id, sentence_index, event_id{lim}", params).fetchall()
        return [self._record(*r) for r in rows]

    def iter_mentions(self, include_negated: bool = True, include_historical: bool = True,
                      batch: int = 5000) -> Iterator[dict]:
        """Every mention record of the store, streamed (the file is held until the last)."""
        where = queries.status_where(include_negated, include_historical)
        with self.connection() as con:
            cur = con.execute(
                f"SELECT record, canonical_event_id, story_id FROM mentions{where} "
                f"ORDER BY doc_id, sentence_index, event_id")
            while rows := cur.fetchmany(batch):
                for r in rows:
                    yield self._record(*r)

    @staticmethod
    def _record(record: str, cid, story) -> dict:
        rec = json.loads(record)
        rec["canonical_event_id"] = cid
        if story:
            rec["story_id"] = story
        ordered = {k: rec.get(k) for k in EVENT_FIELDS}
        ordered.update({k: v for k, v in rec.items() if k not in ordered})
        return ordered

    def event(self, canonical_event_id: str) -> dict | None:
        """One canonical event (its ``events`` row) with ``"mentions"``: its records."""
        with self.connection() as con:
            cur = con.execute("SELECT * FROM events WHERE canonical_event_id = ?",
                              [canonical_event_id])
            row = cur.fetchone()
            cols = [d[0] for d in cur.description]
        if row is None:
            return None
        out = dict(zip(cols, row))
        out = {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in out.items()}
        out["mentions"] = self.mentions(canonical_event_id=canonical_event_id)
        return out

    def document(self, doc_id: str) -> dict | None:
        """A stored article: its fields, ``"events"`` (mention records, spans into
        ``text``) and ``"actors"`` (their actor objects)."""
        with self.connection() as con:
            cur = con.execute("SELECT d.*, s.story_id FROM documents d "
                              "LEFT JOIN story_docs s USING (doc_id) WHERE doc_id = ?", [doc_id])
            row = cur.fetchone()
            cols = [d[0] for d in cur.description]
        if row is None:
            return None
        out = dict(zip(cols, row))
        for k in ("paragraphs", "notes", "signature"):
            out[k] = json.loads(out[k]) if out.get(k) else None
        out = {k: (v.isoformat() if isinstance(v, (_dt.date, _dt.datetime)) else v)
               for k, v in out.items()}
        events = self.mentions(doc_id=doc_id)
        out["events"] = events
        actors, seen = [], set()
        for rec in events:
            for side in ("source", "target"):
                a = rec.get(side)
                if a and a.get("span") and tuple(a["span"]) not in seen:
                    seen.add(tuple(a["span"]))
                    actors.append(a)
        out["actors"] = sorted(actors, key=lambda a: a["span"][0])
        return out

    def dyad_series(self, a: str, b: str, by: str = "week", directed: bool = False,
                    include_historical: bool = False, fill: bool = True,
                    date_from: str | None = None, date_to: str | None = None):
        """Counts per QuadClass, Goldstein sum/mean and mentions per period for a dyad.

        ``a``/``b`` are countries (CHN), actor codes (CHNGOV) or actor ids (person:...);
        undirected by default (A->B and B->A); empty periods are zeros. Events whose date
        is known only to the month (or year) are not put on its first day: they come in
        rows of their own after the periods, ``dated_to`` = "month"/"year" (the periods'
        rows say "period").
        """
        sql, params = queries.dyad_series_sql(a, b, by, directed, include_historical,
                                              date_from=date_from, date_to=date_to)
        with self.connection() as con:
            frame = con.execute(sql, params).df()
        return queries.dyad_frame(frame, by, fill=fill)

    def _frame(self, sql: str, params: list, limit) -> "pd.DataFrame":
        """``sql`` (ordered) as a DataFrame of at most ``limit`` rows (None/0: all), with
        ``attrs["total"]``: the rows there are in all."""
        limit = _limit(limit)
        with self.connection() as con:
            if limit is None:
                df = con.execute(sql, params).df()
                total = len(df)
            else:
                df = con.execute(sql + " LIMIT ?", params + [limit]).df()
                total = len(df) if len(df) < limit else con.execute(
                    f"SELECT count(*) FROM ({sql})", params).fetchone()[0]
        df.attrs["total"] = int(total)
        return df

    def actors(self, q: str | None = None, limit: int | None = None) -> "pd.DataFrame":
        """Actors of the store, most events first (``q``: text in the id, name or code):
        every one unless ``limit``; ``attrs["total"]``."""
        sql, params = "SELECT * FROM actors", []
        if q:
            sql += (" WHERE actor_id ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\' "
                    "OR code ILIKE ? ESCAPE '\\'")
            params = [f"%{like_escape(q)}%"] * 3
        return self._frame(sql + " ORDER BY n_events DESC, actor_id", params, limit)

    def network(self, limit: int | None = None, by: str = "volume",
                include_historical: bool = False, date_from: str | None = None,
                date_to: str | None = None) -> "pd.DataFrame":
        """Directed dyads (actor codes) ranked by event volume, or by conflict (QuadClass
        3-4), of the events within the dates when given: every dyad unless ``limit`` (the
        top ones); ``attrs["total"]``."""
        sql, params = queries.network_sql(by, include_historical, date_from, date_to)
        return self._frame(sql, params, limit)

    def stories(self, limit: int | None = None, date_from: str | None = None,
                date_to: str | None = None) -> "pd.DataFrame":
        """Stories, latest first, those published within the dates when given (a story
        whose first..last publication overlaps them): every one unless ``limit``;
        ``attrs["total"]``."""
        sql, params = browse.stories_sql(date_from, date_to)
        return self._frame(sql, params, limit)

    def contradictions(self, window_days: int | None = None) -> list[dict]:
        """Contradicting claims among the stored mentions (dedup.contradictions)."""
        from ..dedup.contradictions import CANDIDATE_ROOTS, WINDOW_DAYS, find_contradictions

        roots = ", ".join(f"'{r}'" for r in CANDIDATE_ROOTS)
        with self.connection() as con:
            rows = con.execute(
                "SELECT record, canonical_event_id, story_id FROM mentions "
                f"WHERE negated OR substr(cameo, 1, 2) IN ({roots})").fetchall()
        return find_contradictions([self._record(*r) for r in rows],
                                   window_days=WINDOW_DAYS if window_days is None else window_days)

    def sql(self, query: str, params: list | dict | None = None,
            timeout: float | None = None) -> "pd.DataFrame":
        """Run SQL on the database with your own rights (DuckDB's full SQL: files,
        ``COPY``, other databases) and return the result as a DataFrame.

        A read-only store cannot change the database. ``timeout`` (seconds) interrupts a
        long query. Errors are one-line ``StoreError``s. (The web API's ``/api/sql``
        has its own, stricter rules: docs/api.md.)
        """
        with self.connection() as con:
            timer = threading.Timer(timeout, con.interrupt) if timeout else None
            if timer:
                timer.start()
            try:
                return con.execute(query, params or []).df()
            except Exception as exc:
                if timer and "interrupt" in str(exc).lower():
                    raise StoreError(f"query took longer than {timeout:g}s and was stopped") from exc
                raise StoreError(str(exc).splitlines()[0]) from exc
            finally:
                if timer:
                    timer.cancel()

    def summary(self) -> dict:
        """Counts (documents, mentions, events, historical, negated, stories, actors),
        the date range of the events, the top 10 dyads and CAMEO roots."""
        with self.connection() as cur:
            return self._summary(cur)

    def _summary(self, cur) -> dict:

        def one(sql, params=()):
            return cur.execute(sql, list(params)).fetchone()[0]

        out = {
            "path": self.path,
            "schema_version": self._version(cur),
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            # (a database of schema 1 opened read-only has no document_sources yet)
            "duplicate_sources": one("SELECT count(*) - count(DISTINCT doc_id) "
                                     "FROM document_sources")
            if self._has_table(cur, "document_sources") else 0,
            "undated": one("SELECT count(*) FROM documents WHERE published IS NULL"),
            "mentions": one("SELECT count(*) FROM mentions"),
            "events": one("SELECT count(*) FROM events WHERE NOT negated AND NOT historical"),
            "events_all": one("SELECT count(*) FROM events"),
            "historical": one("SELECT count(*) FROM events WHERE historical AND NOT negated"),
            "negated": one("SELECT count(*) FROM events WHERE negated"),
            "pending": one("SELECT count(*) FROM mentions WHERE canonical_event_id IS NULL"),
            "stories": one("SELECT count(*) FROM stories"),
            "actors": one("SELECT count(*) FROM actors"),
        }
        lo, hi = cur.execute("SELECT min(date), max(date) FROM events "
                             "WHERE NOT negated AND NOT historical").fetchone()
        out["date_from"] = lo.isoformat() if lo else None
        out["date_to"] = hi.isoformat() if hi else None
        out["top_dyads"] = [
            {"source": s, "target": t, "events": n, "mentions": int(m)}
            for s, t, n, m in cur.execute(
                "SELECT coalesce(source_code, '-'), coalesce(target_code, '-'), count(*), "
                "sum(num_mentions) FROM events WHERE NOT negated AND NOT historical "
                "AND source_code IS NOT NULL AND target_code IS NOT NULL "
                "GROUP BY ALL ORDER BY 3 DESC, 4 DESC, 1, 2 LIMIT 10").fetchall()]
        out["top_roots"] = [
            {"cameo_root": r, "events": n}
            for r, n in cur.execute(
                "SELECT cameo_root, count(*) FROM events WHERE NOT negated AND NOT historical "
                "GROUP BY ALL ORDER BY 2 DESC, 1 LIMIT 10").fetchall()]
        return out

    # -- browsing: the web UI's lists and downloads (SQL in store/browse.py)
    def events_query(self, **filters) -> tuple[str, list]:
        """The SQL and parameters of every canonical event matching ``filters``, newest
        first, for clients that stream (``con.sql(sql, params=...).to_arrow_reader()``).
        Filters: those of ``events`` plus ``source``/``target`` alone or as a pair (both
        directions unless ``directed``), ``place`` (a GeoNames id or a place name) and
        ``dated`` ("day"/"month": only events dated that precisely)."""
        return browse.events_sql(self, **filters)

    def count_matching(self, **filters) -> int:
        """How many canonical events match ``filters`` (as ``events_query``)."""
        sql, params = browse.count_sql(self, **filters)
        with self.connection() as con:
            return int(con.execute(sql, params).fetchone()[0])

    def events_matching(self, limit: int = 50, offset: int = 0, **filters) -> "pd.DataFrame":
        """One page of ``events_query`` as a DataFrame; ``attrs``: ``total`` (every match)
        and ``next_offset`` (None on the last page)."""
        sql, params = browse.events_sql(self, **filters)
        count_sql, count_params = browse.count_sql(self, **filters)
        with self.connection() as con:
            df = con.execute(f"{sql} LIMIT ? OFFSET ?", params + [int(limit), int(offset)]).df()
            total = int(con.execute(count_sql, count_params).fetchone()[0])
        df.attrs["total"] = total
        df.attrs["next_offset"] = offset + len(df) if offset + len(df) < total else None
        return df

    def places(self, **filters) -> "pd.DataFrame":
        """Events matching ``filters`` grouped by place (those with coordinates), most
        mentioned first; ``attrs``: ``total`` (places), ``events_total`` and
        ``events_located`` (what a map shows and leaves out)."""
        sql, params = browse.places_sql(self, **filters)
        count_sql, count_params = browse.located_sql(self, **filters)
        with self.connection() as con:
            df = con.execute(sql, params).df()
            total, located = con.execute(count_sql, count_params).fetchone()
        df.attrs.update(total=len(df), events_total=int(total), events_located=int(located))
        return df

    def documents_query(self, q=None, language=None, date_from=None, date_to=None
                        ) -> tuple[str, list]:
        """The SQL of the stored documents (newest first) with their events per document."""
        return browse.documents_sql(q, language, date_from, date_to)

    def documents(self, q=None, language=None, date_from=None, date_to=None,
                  limit: int = 50, offset: int = 0) -> "pd.DataFrame":
        """A page of stored documents as a DataFrame (doc_id, title, outlet, published,
        language, url, n_mentions, n_events, ...); ``attrs``: ``total``, ``next_offset``."""
        sql, params = browse.documents_sql(q, language, date_from, date_to)
        with self.connection() as con:
            df = con.execute(f"{sql} LIMIT ? OFFSET ?", params + [int(limit), int(offset)]).df()
            total = int(con.execute(f"SELECT count(*) FROM ({sql})", params).fetchone()[0])
        df.attrs["total"] = total
        df.attrs["next_offset"] = offset + len(df) if offset + len(df) < total else None
        return df


def open_store(path: str, read_only: bool = True, **kw) -> Store:
    return Store(path, read_only=read_only, **kw)


def ingest_coded(store: Store, coded_docs: Iterable, on_stored=None) -> int:
    """Store coded documents one transaction each; returns how many were new."""
    n = 0
    for coded in coded_docs:
        if store.add_coded(coded):
            n += 1
        if on_stored:
            on_stored(coded)
    return n
