"""The store's write path: documents and mentions in, then dedup, stories and actors.

``add_coded`` stores one document and its mentions in one transaction; ``finalize``
re-clusters only the dedup blocks that new mentions touched, then rebuilds stories and
actors in one transaction. A mixin of ``Store`` (it uses the store's ``_write`` and
``connection``), kept apart so the read and write sides each stay readable.
"""
from __future__ import annotations

import datetime as _dt
import json
from typing import Any, Iterator

from .. import dedup
from .schema import DOCUMENT_COLUMNS, EVENT_COLUMNS, _iso, _json, _signature, event_row, mention_row


class WritePath:
    """Write methods of ``Store``."""

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
