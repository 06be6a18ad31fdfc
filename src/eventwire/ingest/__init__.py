"""Ingestion: whatever the user has -> clean ``Document`` records.

    from eventwire.ingest import read_inputs
    for doc in read_inputs(["samples/", "feed.rss", "-"], published="2017-11-22",
                           on_error=print):
        ...

Formats: .txt, .html/.htm, .jsonl, RSS/Atom (.rss/.xml/.atom), WARC (.warc/.warc.gz),
directories (recursive) and ``-`` for stdin. See docs/ingest.md.
"""
from ..errors import InputError
from ..records import Document
from .base import DEFAULT_MAX_BYTES, RawArticle, build_document
from .clean import clean_text
from .core import format_of, read_inputs, read_path, walk
from .dates import PublishedOption
from .language import detect_language
from .neardup import NearDuplicateIndex, signature

__all__ = ["read_inputs", "read_path", "Document", "InputError", "RawArticle",
           "build_document", "clean_text", "detect_language", "NearDuplicateIndex",
           "signature", "format_of", "walk", "DEFAULT_MAX_BYTES", "PublishedOption"]
