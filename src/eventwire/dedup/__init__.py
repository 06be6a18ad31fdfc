"""One real event, many mentions: canonical event ids, stories and contradictions.

Ten outlets reporting one visit must count once, with ten mentions — and two different
events of the same pair of countries on the same day must never count once. Mentions are
grouped in two steps:

1. a *blocking key* (status, source country, target country, CAMEO root) puts every
   mention that could possibly be the same event into one block — so dedup is cheap,
   and the store can re-dedup only the blocks that new mentions touch;
2. inside a block, a *guarded* clustering (``cluster.cluster_block``) lets a mention join
   an event only when the whole stays one event: the same actors on both sides (not only
   the countries), one specific CAMEO base, dates within a day or two at their
   precision, one place, never two mentions of one sentence, and — across articles —
   clauses that share key words (``features.content_match``).

Modules: ``features`` (the pair tests, each with its reason), ``cluster`` (the
clustering, ``explain_event``), ``fold`` (one record per real event per article: an
article's mentions of one event folded into one record with its ``mentions``), ``events`` (canonical event rows), ``stories`` (story
clusters), ``contradictions`` (opposite stances on a named proposal, denied events).
``assign_canonical_ids(records)`` is the in-memory entry point (``eventwire code``); the
store calls ``cluster_block`` per affected block and ``canonical_event`` per cluster.
"""
from __future__ import annotations

from .cluster import canonical_id, cluster_block, dedup, explain_event, explain_link
from .events import (assign_canonical_ids, best_date, canonical_event, canonical_events,
                     outlet_of)
from .fold import fold_article, fold_records, same_account
from .features import (DATE_WINDOW_DAYS, DURATIVE_CODES, DURATIVE_WINDOW_DAYS,
                       PUBLICATION_SLACK_DAYS, SPEECH_ROOTS, SYMMETRIC_CODES, MIRROR_CODES,
                       actor_key, actors_match, block_key, cameo_compatible, codes_match,
                       content_match, date_interval, is_generic, key_words)
from .stories import StoryDoc, actor_keys, cluster_stories, story_docs_from_records

__all__ = ["assign_canonical_ids", "fold_article", "fold_records", "same_account", "block_key", "cluster_block", "canonical_event",
           "canonical_events", "canonical_id", "cameo_compatible", "cluster_stories",
           "StoryDoc", "dedup", "date_interval", "explain_event", "explain_link",
           "actors_match", "content_match", "codes_match", "key_words", "is_generic",
           "best_date", "outlet_of", "actor_key", "actor_keys", "story_docs_from_records",
           "DATE_WINDOW_DAYS", "DURATIVE_CODES", "DURATIVE_WINDOW_DAYS",
           "PUBLICATION_SLACK_DAYS", "SPEECH_ROOTS", "SYMMETRIC_CODES", "MIRROR_CODES"]
