"""JSON Lines: one article per line (shared/spec/event-record.md, "JSONL input").

    {"id": ..., "url": ..., "title": ..., "outlet": ..., "published": "YYYY-MM-DD",
     "text": "..."}          (or "html" instead of "text"; optional "author", "language")

Streams line by line with a cap per line, so a huge file never sits in memory and a
bad line costs only that line.
"""
from __future__ import annotations

import json
from typing import BinaryIO

from ..errors import InputError
from .base import RawArticle, Reader, one_line_reason
from .decode import mostly_utf8
from .html import html_article
from .htmltext import HtmlError

_CHUNK = 1 << 16


def _lines(stream: BinaryIO, max_bytes: int):
    """(line number, bytes or None when over the cap) without loading the file."""
    n = 0
    while True:
        line = stream.readline(max_bytes + 1)
        if not line:
            return
        n += 1
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the oversized line in bounded chunks
                more = stream.readline(_CHUNK)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None
            continue
        yield n, line


def _str(obj: dict, key: str) -> str | None:
    v = obj.get(key)
    if v is None:
        return None
    return v if isinstance(v, str) else str(v)


def article_from_json(obj: dict, path: str, n: int, source_format: str = "jsonl") -> RawArticle:
    """Raises ValueError (with the reason) for an object that is not an article."""
    text, html = obj.get("text"), obj.get("html")
    if isinstance(text, str) and text.strip():
        kind = "text"
    elif isinstance(html, str) and html.strip():
        kind = "html"
    else:
        raise ValueError("no 'text' or 'html' field with content")
    ident, url = _str(obj, "id"), _str(obj, "url")
    # doc.path of the output is the url, else the id: give the Document the id as path.
    where = ident or f"{path}:{n}"
    if kind == "html":
        try:
            raw = html_article(html, where, url=url, source_format=source_format, line=n)
        except HtmlError as exc:
            raise ValueError(str(exc)) from None
        raw.url = url or raw.url
    else:
        raw = RawArticle(path=where, source_format=source_format, text=text, url=url, line=n)
    raw.title = _str(obj, "title") or raw.title
    raw.outlet = _str(obj, "outlet") or raw.outlet
    raw.author = _str(obj, "author") or raw.author
    raw.published = _str(obj, "published") or raw.published
    lang = _str(obj, "language")
    raw.language = lang.lower() if lang else None
    return raw


def _line_item(line: bytes, path: str, n: int, source_format: str) -> RawArticle | InputError:
    """The article of one line, or the line's error: whatever goes wrong costs this line."""
    notes = []
    try:
        text = line.decode("utf-8-sig")
    except UnicodeDecodeError:
        mostly = mostly_utf8(line)  # a few stray bytes: replaced, with a note
        if mostly is None:
            return InputError(path, "not UTF-8", n)
        text, bad = mostly
        notes.append(f"{bad} byte(s) that are not UTF-8 replaced")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        return InputError(path, f"invalid JSON: {exc.msg} (column {exc.colno})", n)
    except RecursionError:
        # json's C decoder recurses once per nesting level: [[[[...]]]] 1,000 deep is
        # 2 KB of input. Nothing that deep is an article.
        return InputError(path, "invalid JSON: nested too deeply", n)
    except Exception as exc:  # noqa: BLE001 - one odd line must not stop the file
        return InputError(path, f"invalid JSON: {one_line_reason(exc)}", n)
    if not isinstance(obj, dict):
        return InputError(path, f"expected a JSON object, got {type(obj).__name__}", n)
    try:
        raw = article_from_json(obj, path, n, source_format)
        raw.notes.extend(notes)
        return raw
    except ValueError as exc:
        return InputError(path, str(exc), n)
    except Exception as exc:  # noqa: BLE001 - e.g. RecursionError in str() of a deep value
        return InputError(path, f"could not read the article: {one_line_reason(exc)}", n)


def read_jsonl(stream: BinaryIO, path: str, max_bytes: int,
               source_format: str = "jsonl") -> Reader:
    any_line = False
    for n, line in _lines(stream, max_bytes):
        if line is None:
            yield InputError(path, f"line longer than {max_bytes} bytes; skipped", n)
            continue
        if not line.strip():
            continue
        any_line = True
        yield _line_item(line, path, n, source_format)
    if not any_line:
        yield InputError(path, "empty file")
