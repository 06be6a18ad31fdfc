"""HTML pages (.html/.htm): main text and metadata via ``htmltext.extract_html``."""
from __future__ import annotations

import re

from ..errors import InputError
from .base import RawArticle, Reader
from .decode import DecodeError, decode_text
from .htmltext import HtmlError, extract_html

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


def declared_charset(data: bytes) -> str | None:
    m = _CHARSET.search(data[:4096])
    return m.group(1).decode("ascii", "ignore") if m else None


def html_article(html: str, path: str, *, url: str | None = None,
                 source_format: str = "html", line: int | None = None) -> RawArticle:
    """RawArticle of one page; raises HtmlError when the page has no text."""
    art = extract_html(html, url=url)
    notes = ["text by lxml fallback"] if art.extractor == "lxml" else []
    if art.published_from in ("url", "page", "page text"):
        how = {"url": "its URL", "page": "its markup (htmldate)",
               "page text": "its text (htmldate), a guess"}[art.published_from]
        notes.append(f"no publication date in the page's metadata: {art.published} read from {how}")
    return RawArticle(path=path, source_format=source_format, paragraphs=art.paragraphs,
                      url=art.url, title=art.title, outlet=art.outlet, author=art.author,
                      published=art.published, line=line, notes=notes + art.notes)


def read_html(data: bytes, path: str, *, url: str | None = None,
              declared: str | None = None, source_format: str = "html") -> Reader:
    if not data.strip():
        yield InputError(path, "empty file")
        return
    try:
        text, _enc, notes = decode_text(data, declared or declared_charset(data))
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    try:
        raw = html_article(text, path, url=url, source_format=source_format)
    except HtmlError as exc:
        yield InputError(path, str(exc))
        return
    raw.notes.extend(notes)
    yield raw
