"""Plain-text articles: optional title line and header block, then the body.

    Title of the article              <- a short first line without a final full stop,
                                         followed by a blank line
    Published: 2017-11-21             <- optional header block of "Key: value" lines
    Outlet: Example News                 (title, outlet/source, published/date, author/by,
    URL: https://example.org/a           url, language), ended by a blank line

    Body paragraphs, separated by blank lines...

Header and title may come in either order; both are optional.
"""
from __future__ import annotations

import re

from ..errors import InputError
from .base import RawArticle, Reader
from .decode import DecodeError, decode_text

TITLE_MAX_CHARS = 200
_HEADER = re.compile(r"^\s*(title|headline|outlet|source|published|date|author|by|byline|url|"
                     r"link|language|lang)\s*:\s*(\S.*?)\s*$", re.I)
_FIELD = {"title": "title", "headline": "title", "outlet": "outlet", "source": "outlet",
          "published": "published", "date": "published", "author": "author", "by": "author",
          "byline": "author", "url": "url", "link": "url", "language": "language",
          "lang": "language"}
_BLOCK_SPLIT = re.compile(r"\n[ \t\u00a0]*\n")
# A byline paragraph ("By Park Min-seo") is the author, not a title.
_BYLINE = re.compile(r"^\s*(?:By|BY)\s+([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,4})\s*$")


def _is_title(block: str) -> bool:
    line = block.strip()
    return ("\n" not in line and 0 < len(line) <= TITLE_MAX_CHARS
            and not line.endswith((".", ",", ";", ":")) and not _HEADER.match(line))


def _header(block: str) -> dict[str, str] | None:
    lines = [ln for ln in block.strip().split("\n") if ln.strip()]
    matches = [_HEADER.match(ln) for ln in lines]
    if not lines or not all(matches):
        return None
    return {_FIELD[m.group(1).lower()]: m.group(2) for m in matches}


def parse_text(text: str, path: str, source_format: str = "txt") -> RawArticle:
    """Split off the optional title line and header block of a plain-text article."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    blocks = _BLOCK_SPLIT.split(text.strip("\n"), maxsplit=2)
    meta: dict[str, str] = {}
    # Look at (at most) the first three blocks: title, header, byline, in any order.
    for _ in range(3):
        if len(blocks) < 2:
            break
        head = _header(blocks[0])
        byline = _BYLINE.match(blocks[0])
        if head is not None and not any(k in meta for k in head):
            meta.update(head)
        elif byline and "author" not in meta:
            meta["author"] = byline.group(1)
        elif "title" not in meta and _is_title(blocks[0]):
            meta["title"] = blocks[0].strip()
        else:
            break
        rest = blocks[1] if len(blocks) == 2 else blocks[1] + "\n\n" + blocks[2]
        blocks = _BLOCK_SPLIT.split(rest, maxsplit=2)
    body = "\n\n".join(blocks)
    return RawArticle(path=path, source_format=source_format, text=body,
                      title=meta.get("title"), outlet=meta.get("outlet"),
                      author=meta.get("author"), published=meta.get("published"),
                      url=meta.get("url"), language=(meta.get("language") or "").lower() or None)


def read_txt(data: bytes, path: str, source_format: str = "txt") -> Reader:
    try:
        text, _enc, notes = decode_text(data)
    except DecodeError as exc:
        yield InputError(path, str(exc))
        return
    if not text.strip():
        yield InputError(path, "empty file")
        return
    raw = parse_text(text, path, source_format)
    raw.notes.extend(notes)
    yield raw
