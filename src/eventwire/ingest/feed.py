"""RSS and Atom feeds (.rss/.xml/.atom): one article per entry (feedparser).

The entry's full content is preferred over its summary; HTML is stripped to
paragraphs. Dates are read from the entry's raw string (not feedparser's UTC tuple)
so the outlet's own day is kept.
"""
from __future__ import annotations

import io

from ..errors import InputError
from .base import RawArticle, Reader, one_line_reason
from .htmltext import html_fragment_text


def _entry_paragraphs(entry) -> list[str]:
    contents = entry.get("content") or []
    # Prefer HTML content, then any content, then the summary.
    ordered = sorted(contents, key=lambda c: "html" not in (c.get("type") or ""))
    for c in ordered:
        paras = html_fragment_text(c.get("value") or "")
        if paras:
            return paras
    return html_fragment_text(entry.get("summary") or entry.get("description") or "")


def read_feed(data: bytes, path: str) -> Reader:
    import feedparser  # only when a feed is read

    if not data.strip():
        yield InputError(path, "empty file")
        return
    # A file object: feedparser must never treat our data as a URL or path to fetch.
    try:
        parsed = feedparser.parse(io.BytesIO(data))
    except Exception as exc:  # noqa: BLE001 - feedparser on pathological XML
        yield InputError(path, f"malformed feed: {one_line_reason(exc)}")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            exc = parsed.get("bozo_exception")
            yield InputError(path, f"malformed feed: {exc}")
        else:
            yield InputError(path, "not an RSS/Atom feed (no entries)")
        return
    feed = parsed.get("feed") or {}
    outlet = feed.get("title")
    fmt = "atom" if str(parsed.get("version", "")).startswith("atom") else "rss"
    for i, entry in enumerate(entries, 1):
        try:
            yield _entry_article(entry, path, i, fmt, outlet)
        except Exception as exc:  # noqa: BLE001 - one odd entry must not stop the feed
            yield InputError(path, f"entry {i} could not be read: {one_line_reason(exc)}", i)


def _entry_article(entry, path: str, i: int, fmt: str, outlet) -> RawArticle | InputError:
    paras = _entry_paragraphs(entry)
    if not paras:
        return InputError(path, f"entry {i} has no content or summary", i)
    title = entry.get("title")
    if title and "<" in title:
        title = " ".join(html_fragment_text(title)) or title
    return RawArticle(
        path=f"{path}#entry-{i}", source_format=fmt, paragraphs=paras, url=entry.get("link"),
        title=title, outlet=outlet, author=entry.get("author"),
        published=entry.get("published") or entry.get("updated") or entry.get("created"),
        line=i)
