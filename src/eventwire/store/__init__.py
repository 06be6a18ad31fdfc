"""The DuckDB store behind ``eventwire ingest`` and every query verb.

Tables (see docs/store.md): ``documents``, ``mentions`` (one coded event mention each:
flat columns from ``records.flatten`` plus the full record as JSON), ``events``
(canonical events), ``actors``, ``stories`` + ``story_docs``, ``schema_version``.

Write path: ``add_coded`` stores one document and its mentions in one transaction, so
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
from typing import TYPE_CHECKING, Any, Iterable, Iterator

import duckdb

from .. import dedup

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd
from ..errors import EventwireError
from ..records import EVENT_FIELDS


class StoreError(EventwireError):
    """A store problem shown to users as one line."""


class StoreLockedError(StoreError):
    """Another process holds the database for writing."""


class StorageFailure(StoreError):
    """The disk or the file failed under a write (disk full, I/O error, a damaged file):
    going on with more writes is pointless. What was committed before is kept."""


def storage_error(path: str, exc: BaseException) -> StoreError:
    """One line saying what happened to the database file (issue 19: a full disk said
    "cannot rollback - no transaction is active", a damaged block gave a traceback)."""
    msg = " ".join(str(exc).split()) or exc.__class__.__name__
    low = msg.lower()
    if "no space left" in low or "disk full" in low or "file too large" in low:
        what = "No space left on device" if "no space left" in low or "disk full" in low \
            else "File too large (the file size limit was reached)"
        return StorageFailure(f"{path}: cannot write: {what}; the last transaction was not "
                              "stored, everything committed before it is kept")
    if any(w in low for w in ("corrupt", "checksum", "invalid database", "not a valid duckdb",
                              "serialization", "could not read", "unable to read",
                              "malformed")):
        return StorageFailure(f"{path}: the database file is damaged ({msg[:200]}); restore "
                              "it from a backup or re-ingest into a new file")
    if "could not write" in low or "i/o error" in low or "io error" in low:
        return StorageFailure(f"{path}: cannot write: {msg[:200]}")
    return StoreError(f"{path}: {msg[:300]}")


def _rollback(con) -> None:
    """Roll back if a transaction is still open: after an I/O error DuckDB has already
    ended it, and the ROLLBACK's own error must not hide the real one."""
    try:
        con.execute("ROLLBACK")
    except Exception:  # noqa: BLE001 - the original error is what the user needs
        pass


from . import browse, queries
from .queries import _actor_clause, _is_country, like_escape  # noqa: F401 (public to the store package)
from .schema import (DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_FLAT, MIGRATIONS,  # noqa: F401
                     SCHEMA_VERSION, _ACTOR_COLS, _iso, _json, _public, _signature, event_row,
                     flat_event, mention_row)


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


class Store:
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

    # -- write path
    def has_document(self, doc_id: str) -> bool:
        with self.connection() as con:
            return con.execute("SELECT 1 FROM documents WHERE doc_id = ?",
                               [doc_id]).fetchone() is not None

    def add_coded(self, coded) -> bool:
        """Store one coded document and its mentions in one transaction.

        Returns False (and changes nothing) when the document is already stored.
        """
        d = coded.document
        with self._write() as con:
            if con.execute("SELECT 1 FROM documents WHERE doc_id = ?", [d.doc_id]).fetchone():
                return False  # nothing written: the commit of an empty transaction
            con.execute(
                f"INSERT INTO documents VALUES ({', '.join('?' * len(DOCUMENT_COLUMNS))})",
                [d.doc_id, d.path, d.url, d.title, d.outlet, d.author, _iso(d.published),
                 d.language, d.source_format, d.duplicate_of, d.text, _json(d.paragraphs),
                 _json(d.notes), _json(_signature(d)), len(coded.events),
                 _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)])
            rows = [mention_row(r) for r in coded.events]
            for k in range(0, len(rows), 50):  # one multi-row INSERT beats executemany
                part = rows[k:k + 50]
                marks = "(" + ", ".join("?" * len(part[0])) + ")"
                con.execute(f"INSERT INTO mentions VALUES {', '.join([marks] * len(part))}",
                            [v for row in part for v in row])
            self._insert_source(con, d)
        return True

    @staticmethod
    def _insert_source(con, d) -> bool:
        """One row of document_sources for where this copy of the text came from; False
        when that source was already known (same document, same URL or path)."""
        key = d.url or d.path or d.doc_id
        if con.execute("SELECT 1 FROM document_sources WHERE doc_id = ? AND source_key = ?",
                       [d.doc_id, key]).fetchone():
            return False
        con.execute("INSERT INTO document_sources VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    [d.doc_id, key, d.path, d.url, d.outlet, d.title, _iso(d.published),
                     d.source_format, _dt.datetime.now(_dt.timezone.utc).replace(tzinfo=None)])
        return True

    def add_source(self, doc) -> bool:
        """Keep another source of an already stored text (issue 19): an exact duplicate
        from another outlet, URL or date. Returns True when it was new. ``finalize``
        counts the outlets of every source in the events' ``num_sources``."""
        with self._write() as con:
            return self._insert_source(con, doc)

    @staticmethod
    def _has_table(con, name: str) -> bool:
        return bool(con.execute("SELECT count(*) FROM information_schema.tables "
                                "WHERE table_name = ?", [name]).fetchone()[0])

    def sources(self, doc_id: str) -> list[dict]:
        """Every source of a stored text, the first one first."""
        with self.connection() as con:
            if not self._has_table(con, "document_sources"):  # schema 1, opened read-only
                return []
            rows = con.execute(
                "SELECT source_key, path, url, outlet, title, CAST(published AS VARCHAR), "
                "source_format FROM document_sources WHERE doc_id = ? "
                "ORDER BY added_at, source_key", [doc_id]).fetchall()
        cols = ["source_key", "path", "url", "outlet", "title", "published", "source_format"]
        return [dict(zip(cols, r)) for r in rows]

    def signatures(self) -> Iterator[tuple[str, Any]]:
        """(doc_id, MinHash signature) of stored originals, to seed near-duplicate linking
        (``eventwire.ingest.NearDuplicateIndex``) across runs."""
        with self.connection() as con:
            cur = con.execute("SELECT doc_id, signature FROM documents "
                              "WHERE signature IS NOT NULL AND duplicate_of IS NULL "
                              "ORDER BY ingested_at, doc_id")
            while batch := cur.fetchmany(1000):
                for doc_id, sig in batch:
                    yield doc_id, json.loads(sig)

    def finalize(self, full: bool = False) -> dict:
        """Dedup new mentions into canonical events; rebuild stories and actors.

        Only the blocks touched by mentions without a canonical id are re-clustered
        (``full=True`` redoes all). Returns {"blocks": n, "events": n}.
        """
        with self._write() as con:
            where = "" if full else " WHERE canonical_event_id IS NULL"
            blocks = [r[0] for r in con.execute(
                f"SELECT DISTINCT block_key FROM mentions{where}").fetchall()]
            n_events = self._redo_blocks(con, blocks)
            new_docs = con.execute("SELECT count(*) FROM documents WHERE doc_id NOT IN "
                                   "(SELECT doc_id FROM story_docs)").fetchone()[0]
            if blocks or full or new_docs:
                self._rebuild_stories(con)
                self._rebuild_actors(con)
            self._count_duplicate_sources(con)
        return {"blocks": len(blocks), "events": n_events}

    @staticmethod
    def _count_duplicate_sources(con) -> None:
        """Exact duplicates (the same text from another outlet) are one document with
        several sources: an event's num_sources counts their outlets too (the outlet,
        else the URL's host, else the document, as dedup.outlet_of does); it is only
        ever raised above what dedup counted from the mentions."""
        con.execute(r"""
            UPDATE events SET num_sources = x.n FROM (
              SELECT m.canonical_event_id, count(DISTINCT coalesce(
                       nullif(lower(trim(s.outlet)), ''),
                       nullif(lower(regexp_extract(coalesce(s.url, s.path, ''),
                                                   '^https?://(?:www\.)?([^/]+)', 1)), ''),
                       'doc:' || m.doc_id)) AS n
              FROM mentions m JOIN document_sources s USING (doc_id)
              WHERE m.doc_id IN (SELECT doc_id FROM document_sources
                                 GROUP BY doc_id HAVING count(*) > 1)
              GROUP BY 1) x
            WHERE events.canonical_event_id = x.canonical_event_id
              AND x.n > coalesce(events.num_sources, 0)""")

    def _redo_blocks(self, con, blocks: list[str]) -> int:
        import pandas as pd

        if not blocks:
            return 0
        con.execute("CREATE OR REPLACE TEMP TABLE _dirty (block_key VARCHAR)")
        con.executemany("INSERT INTO _dirty VALUES (?)", [[b] for b in blocks])
        rows = con.execute("SELECT m.block_key, m.record FROM mentions m "
                           "JOIN _dirty USING (block_key)").fetchall()
        by_block: dict[str, list[dict]] = {}
        for key, rec in rows:
            by_block.setdefault(key, []).append(json.loads(rec))
        event_rows, links = [], []
        for key in sorted(by_block):
            for mentions in dedup.cluster_block(by_block[key]):
                ev = dedup.canonical_event(mentions)
                ev["block_key"] = key
                event_rows.append(event_row(ev))
                links.extend((m["event_id"], ev["canonical_event_id"]) for m in mentions)
        con.execute("DELETE FROM events WHERE block_key IN (SELECT block_key FROM _dirty)")
        if event_rows:
            ev_df = pd.DataFrame(event_rows, columns=EVENT_COLUMNS)
            con.register("_new_events", ev_df)
            con.execute(f"INSERT INTO events SELECT {', '.join(EVENT_COLUMNS)} FROM _new_events")
            con.unregister("_new_events")
            link_df = pd.DataFrame(links, columns=["event_id", "cid"])
            con.register("_links", link_df)
            con.execute("UPDATE mentions SET canonical_event_id = _links.cid FROM _links "
                        "WHERE mentions.event_id = _links.event_id")
            con.unregister("_links")
        con.execute("DROP TABLE _dirty")
        return len(event_rows)

    def _rebuild_stories(self, con) -> None:
        import pandas as pd

        docs: dict[str, dedup.StoryDoc] = {}
        for doc_id, published, title, text in con.execute(
                "SELECT doc_id, CAST(published AS VARCHAR), title, text FROM documents "
                "WHERE duplicate_of IS NULL").fetchall():
            docs[doc_id] = dedup.StoryDoc(doc_id, published, (title or "") + "\n" + (text or "")[:5000])
        for doc_id, sc, sa, tc, ta, cid, cameo in con.execute(
                "SELECT doc_id, source_country, source_actor_id, target_country, "
                "target_actor_id, canonical_event_id, cameo FROM mentions").fetchall():
            d = docs.get(doc_id)
            if d is None:
                continue
            for country, aid in ((sc, sa), (tc, ta)):
                key = aid if (aid or "").startswith("person:") else (country or aid)
                if key:
                    d.actors.add(key)
            if cid and cameo and not dedup.is_generic(cameo[:3]):
                d.events.add(cid)
        story_of = dedup.cluster_stories(list(docs.values()))
        # Syndicated copies belong to their original's story.
        for doc_id, original in con.execute("SELECT doc_id, duplicate_of FROM documents "
                                            "WHERE duplicate_of IS NOT NULL").fetchall():
            story_of[doc_id] = story_of.get(original) or dedup.cluster_stories(
                [dedup.StoryDoc(doc_id, None, "")])[doc_id]
        con.execute("DELETE FROM story_docs")
        if story_of:
            df = pd.DataFrame(sorted(story_of.items()), columns=["doc_id", "story_id"])
            con.register("_stories", df)
            con.execute("INSERT INTO story_docs SELECT story_id, doc_id FROM _stories")
            con.unregister("_stories")
        con.execute("UPDATE mentions SET story_id = s.story_id FROM story_docs s "
                    "WHERE mentions.doc_id = s.doc_id AND mentions.story_id IS DISTINCT FROM s.story_id")
        con.execute("""UPDATE events SET story_id = x.story_id FROM (
                         SELECT canonical_event_id, min(story_id) AS story_id FROM mentions
                         GROUP BY canonical_event_id) x
                       WHERE events.canonical_event_id = x.canonical_event_id""")
        con.execute("DELETE FROM stories")
        con.execute("""
            INSERT INTO stories
            SELECT s.story_id, arg_min(d.title, coalesce(d.published, DATE '9999-12-31')),
                   count(DISTINCT d.doc_id),
                   (SELECT count(DISTINCT canonical_event_id) FROM mentions m
                     WHERE m.story_id = s.story_id),
                   min(d.published), max(d.published),
                   (SELECT string_agg(DISTINCT a, ',' ORDER BY a) FROM (
                      SELECT source_country AS a FROM mentions m WHERE m.story_id = s.story_id
                      UNION SELECT target_country FROM mentions m WHERE m.story_id = s.story_id)
                    WHERE a IS NOT NULL)
            FROM story_docs s JOIN documents d USING (doc_id)
            GROUP BY s.story_id""")

    def _rebuild_actors(self, con) -> None:
        con.execute("DELETE FROM actors")
        con.execute("""
            INSERT INTO actors
            WITH sides AS (
              SELECT coalesce(source_actor_id, source_code) AS actor_id, source_code AS code,
                     source_name AS name, source_country AS country, source_agent AS agent,
                     canonical_event_id, date FROM mentions WHERE source_code IS NOT NULL
                                                             OR source_actor_id IS NOT NULL
              UNION ALL
              SELECT coalesce(target_actor_id, target_code), target_code, target_name,
                     target_country, target_agent, canonical_event_id, date
              FROM mentions WHERE target_code IS NOT NULL OR target_actor_id IS NOT NULL)
            SELECT actor_id, mode(code), mode(name), mode(country), mode(agent), count(*),
                   count(DISTINCT canonical_event_id), min(date), max(date)
            FROM sides GROUP BY actor_id""")

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
