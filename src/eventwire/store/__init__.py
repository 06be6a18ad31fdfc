"""The DuckDB store behind ``eventwire ingest`` and every query verb.

Tables (see docs/store.md): ``documents``, ``mentions`` (one coded event mention each:
flat columns from ``records.flatten`` plus the full record as JSON), ``events``
(canonical events), ``actors``, ``stories`` + ``story_docs``, ``schema_version``.

Write path: ``add_coded`` stores one document and its mentions in one transaction, so
a killed ingest leaves whole documents only and a re-run finishes the job;
``finalize`` re-deduplicates only the blocks that new mentions touched, then rebuilds
stories and actors — also in one transaction.

DuckDB allows one writer process per file: a second one waits up to ``lock_timeout``
seconds, then gets ``StoreLockedError`` (one line), never a corrupt file.
"""
from __future__ import annotations

import contextlib
import datetime as _dt
import json
import os
import re
import threading
import time
from typing import Any, Iterable, Iterator

import duckdb

from .. import dedup
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


from . import queries
from .queries import _actor_clause, _is_country, like_escape  # noqa: F401 (public to the store package)
from .schema import (DOCUMENT_COLUMNS, EVENT_COLUMNS, MENTION_FLAT, MIGRATIONS,  # noqa: F401
                     SCHEMA_VERSION, _ACTOR_COLS, _iso, _json, _public, _signature, event_row,
                     flat_event, mention_row)


# ------------------------------------------------------------------ the store

class Store:
    """An eventwire DuckDB database. ``Store(path)`` for writing, ``read_only=True`` to query."""

    def __init__(self, path: str | os.PathLike = "eventwire.duckdb", read_only: bool = False,
                 lock_timeout: float = 10.0):
        import duckdb

        self.path = str(path)
        self.read_only = read_only
        if read_only and self.path != ":memory:" and not os.path.exists(self.path):
            raise StoreError(f"no eventwire database at {self.path} (run `eventwire ingest` first)")
        deadline = time.monotonic() + lock_timeout
        while True:
            try:
                self.con = duckdb.connect(self.path, read_only=read_only)
                break
            except duckdb.IOException as exc:
                msg = str(exc)
                if "lock" not in msg.lower():
                    raise storage_error(self.path, exc) from exc
                if time.monotonic() >= deadline:
                    holder = re.search(r"PID (\d+)", msg)
                    who = f" (pid {holder.group(1)})" if holder else ""
                    raise StoreLockedError(
                        f"{self.path} is in use by another eventwire process{who}; "
                        f"waited {lock_timeout:g}s — try again when it finishes") from exc
                time.sleep(0.2)
            except duckdb.Error as exc:  # a damaged file, not a database at all, ...
                raise storage_error(self.path, exc) from exc
        self._lock = threading.RLock()
        if read_only and self.path != ":memory:":
            # Query front ends (sql verb, web API) must not read or write other files.
            self.con.execute("SET enable_external_access = false")
        self._migrate()

    # -- lifecycle
    def close(self) -> None:
        if getattr(self, "con", None) is not None:
            self.con.close()
            self.con = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _cur(self):
        """A cursor per call: DuckDB cursors may be used from other threads (web API)."""
        return self.con.cursor()

    def _migrate(self) -> None:
        version = self.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path} has schema version {version}; this eventwire "
                             f"knows up to {SCHEMA_VERSION} — upgrade eventwire")
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
        with self._lock:
            con = self.con
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
        cur = self._cur()
        exists = cur.execute("SELECT count(*) FROM information_schema.tables "
                             "WHERE table_name = 'schema_version'").fetchone()[0]
        if not exists:
            return 0
        return cur.execute("SELECT coalesce(max(version), 0) FROM schema_version").fetchone()[0]

    # -- write path
    def has_document(self, doc_id: str) -> bool:
        return self._cur().execute("SELECT 1 FROM documents WHERE doc_id = ?",
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

    def _has_table(self, name: str) -> bool:
        return bool(self._cur().execute("SELECT count(*) FROM information_schema.tables "
                                        "WHERE table_name = ?", [name]).fetchone()[0])

    def sources(self, doc_id: str) -> list[dict]:
        """Every source of a stored text, the first one first."""
        if not self._has_table("document_sources"):  # schema 1, opened read-only
            return []
        cur = self._cur().execute(
            "SELECT source_key, path, url, outlet, title, CAST(published AS VARCHAR), "
            "source_format FROM document_sources WHERE doc_id = ? ORDER BY added_at, source_key",
            [doc_id])
        cols = ["source_key", "path", "url", "outlet", "title", "published", "source_format"]
        return [dict(zip(cols, r)) for r in cur.fetchall()]

    def signatures(self) -> Iterator[tuple[str, Any]]:
        """(doc_id, MinHash signature) of stored originals, to seed near-duplicate linking
        (``eventwire.ingest.NearDuplicateIndex``) across runs."""
        cur = self._cur().execute("SELECT doc_id, signature FROM documents "
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
    def events(self, actor=None, dyad=None, country=None, cameo=None, cameo_root=None,
               quad_class=None, date_from=None, date_to=None, include_historical=False,
               include_negated=False, q=None, limit=100, cursor=None, story=None):
        """Canonical events as a DataFrame, newest first.

        ``cursor`` is the opaque ``df.attrs["next_cursor"]`` of the previous page.
        """
        where, params = self._event_filters(
            actor, dyad, country, cameo, cameo_root, quad_class, date_from, date_to,
            include_historical, include_negated, q, story)
        offset = int(cursor or 0)
        sql = (f"SELECT * FROM events{where} ORDER BY date DESC NULLS LAST, "
               f"num_mentions DESC, canonical_event_id LIMIT ? OFFSET ?")
        df = self._cur().execute(sql, params + [int(limit) + 1, offset]).df()
        more = len(df) > int(limit)
        df = df.head(int(limit))
        df.attrs["next_cursor"] = str(offset + int(limit)) if more else None
        return df

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

    def mentions(self, canonical_event_id=None, doc_id=None, limit=None) -> list[dict]:
        """Mention records (the contract), with their current canonical/story ids."""
        clauses, params = [], []
        if canonical_event_id:
            clauses.append("canonical_event_id = ?")
            params.append(canonical_event_id)
        if doc_id:
            clauses.append("doc_id = ?")
            params.append(doc_id)
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        lim = f" LIMIT {int(limit)}" if limit else ""
        rows = self._cur().execute(
            f"SELECT record, canonical_event_id, story_id FROM mentions{where} "
            f"ORDER BY doc_id, sentence_index, event_id{lim}", params).fetchall()
        return [self._record(*r) for r in rows]

    def iter_mentions(self, include_negated=True, include_historical=True,
                      batch=5000) -> Iterator[dict]:
        clauses = []
        if not include_negated:
            clauses.append("NOT coalesce(negated, false)")
        if not include_historical:
            clauses.append("NOT coalesce(historical, false)")
        where = " WHERE " + " AND ".join(clauses) if clauses else ""
        cur = self._cur().execute(
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
        cur = self._cur().execute("SELECT * FROM events WHERE canonical_event_id = ?",
                                  [canonical_event_id])
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip([d[0] for d in cur.description], row))
        out = {k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in out.items()}
        out["mentions"] = self.mentions(canonical_event_id=canonical_event_id)
        return out

    def document(self, doc_id: str) -> dict | None:
        cur = self._cur().execute("SELECT d.*, s.story_id FROM documents d "
                                  "LEFT JOIN story_docs s USING (doc_id) WHERE doc_id = ?", [doc_id])
        row = cur.fetchone()
        if row is None:
            return None
        out = dict(zip([d[0] for d in cur.description], row))
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
                    include_historical: bool = False, fill: bool = True):
        """Counts per QuadClass, Goldstein sum/mean and mentions per period for a dyad.

        ``a``/``b`` are countries (CHN), actor codes (CHNGOV) or actor ids (person:...);
        undirected by default (A->B and B->A); empty periods are zeros. Events whose date
        is known only to the month (or year) are not put on its first day: they come in
        rows of their own after the periods, ``dated_to`` = "month"/"year" (the periods'
        rows say "period").
        """
        sql, params = queries.dyad_series_sql(a, b, by, directed, include_historical)
        return queries.dyad_frame(self._cur().execute(sql, params).df(), by, fill=fill)

    def actors(self, q=None, limit=50) -> list[dict]:
        sql, params = "SELECT * FROM actors", []
        if q:
            sql += (" WHERE actor_id ILIKE ? ESCAPE '\\' OR name ILIKE ? ESCAPE '\\' "
                    "OR code ILIKE ? ESCAPE '\\'")
            params = [f"%{like_escape(q)}%"] * 3
        sql += " ORDER BY n_events DESC, actor_id LIMIT ?"
        cur = self._cur().execute(sql, params + [int(limit)])
        cols = [d[0] for d in cur.description]
        return [{k: (v.isoformat() if isinstance(v, _dt.date) else v) for k, v in zip(cols, r)}
                for r in cur.fetchall()]

    def network(self, limit=20, by="volume", include_historical=False):
        """Top directed dyads (actor codes) by event volume, or by conflict (QuadClass 3-4)."""
        sql, params = queries.network_sql(limit, by, include_historical)
        return self._cur().execute(sql, params).df()

    def stories(self, limit=50):
        return self._cur().execute(
            "SELECT * FROM stories ORDER BY last_published DESC NULLS LAST, n_documents DESC, "
            "story_id LIMIT ?", [int(limit)]).df()

    def contradictions(self, window_days: int | None = None) -> list[dict]:
        """Contradicting claims among the stored mentions (dedup.contradictions)."""
        from ..dedup.contradictions import CANDIDATE_ROOTS, WINDOW_DAYS, find_contradictions

        roots = ", ".join(f"'{r}'" for r in CANDIDATE_ROOTS)
        cur = self._cur().execute(
            "SELECT record, canonical_event_id, story_id FROM mentions "
            f"WHERE negated OR substr(cameo, 1, 2) IN ({roots})")
        return find_contradictions([self._record(*r) for r in cur.fetchall()],
                                   window_days=WINDOW_DAYS if window_days is None else window_days)

    def sql(self, query: str, timeout: float = 5.0, params=None):
        """Run one read-only SELECT/WITH statement, interrupted after ``timeout`` seconds."""
        check_read_only_sql(self.con, query)
        cur = self._cur()
        timer = threading.Timer(timeout, cur.interrupt)
        timer.start()
        try:
            return cur.execute(query, params or []).df()
        except Exception as exc:
            if "interrupt" in str(exc).lower():
                raise StoreError(f"query took longer than {timeout:g}s and was stopped") from exc
            raise StoreError(str(exc).splitlines()[0]) from exc
        finally:
            timer.cancel()

    def summary(self) -> dict:
        cur = self._cur()

        def one(sql, params=()):
            return cur.execute(sql, list(params)).fetchone()[0]

        out = {
            "path": self.path,
            "schema_version": self.schema_version(),
            "documents": one("SELECT count(*) FROM documents"),
            "duplicates": one("SELECT count(*) FROM documents WHERE duplicate_of IS NOT NULL"),
            # (a database of schema 1 opened read-only has no document_sources yet)
            "duplicate_sources": one("SELECT count(*) - count(DISTINCT doc_id) "
                                     "FROM document_sources")
            if self._has_table("document_sources") else 0,
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


_ALLOWED = ("SELECT",)


def check_read_only_sql(con, query: str) -> None:
    """Exactly one SELECT (incl. WITH ... SELECT) statement, or StoreError."""
    import duckdb

    try:
        statements = con.extract_statements(query)
    except duckdb.Error as exc:
        raise StoreError(f"not valid SQL: {str(exc).splitlines()[0]}") from exc
    if len(statements) != 1:
        raise StoreError("give exactly one SELECT statement")
    kind = str(statements[0].type).rsplit(".", 1)[-1]
    if kind not in _ALLOWED:
        raise StoreError(f"only SELECT/WITH queries are allowed (got {kind})")


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
