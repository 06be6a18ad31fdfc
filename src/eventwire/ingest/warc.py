"""WARC / WARC.gz web archives: the HTML ``response`` records, streamed.

URL from WARC-Target-URI; publication date from the page, else from WARC-Date (when
the page was captured). warcio is lenient where we must not be silent, so we check
ourselves and report each loss as one error line:

- a record shorter than its Content-Length (any record type: a cut inside the HTTP
  headers leaves a "response" without its Content-Type);
- an uncompressed archive that ends inside the WARC headers of a record (warcio just
  stops: the bytes after the last complete record are unaccounted for);
- a compressed stream that ends early (warcio stops quietly at a truncated gzip member);
- "records" without a ``WARC/1.x`` header line (warcio reads blank lines and junk as
  empty records or as the legacy ARC format).

Whatever happens inside one record (odd headers, a page that makes a parser throw)
costs that record only; a file that gives no page always gives an error line.
"""
from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO

from ..errors import InputError
from .base import Reader, one_line_reason
from .decode import DecodeError, decode_text
from .html import declared_charset, html_article
from .htmltext import HtmlError

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHUNK = 1 << 20


def _charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        k, _, v = part.partition("=")
        if k.strip().lower() == "charset" and v.strip():
            return v.strip().strip("\"'")
    return None


def gzip_truncated(path: str) -> bool:
    """True when the gzip stream ends before its end-of-stream marker (or is corrupt)."""
    try:
        with gzip.open(path, "rb") as fh:
            while fh.read(_CHUNK):
                pass
    except (EOFError, OSError, zlib.error):
        return True
    return False


def _read_capped(stream, max_bytes: int) -> bytes:
    """A record's content, capped at max_bytes + 1 (the rest is skipped in chunks)."""
    body = stream.read(max_bytes + 1)
    if len(body) > max_bytes:
        _skip(stream)
    return body


def _skip(stream) -> None:
    while stream.read(_CHUNK):
        pass


def _unread_tail(stream: BinaryIO, offset: int) -> int:
    """Bytes after ``offset`` that are not blank (0 when the stream cannot seek)."""
    try:
        end = stream.seek(0, 2)
        if end <= offset:
            return 0
        stream.seek(offset)
        tail = stream.read(min(end - offset, 1 << 16))
    except (OSError, ValueError, AttributeError):
        return 0
    return (end - offset) if tail.strip(b" \t\r\n") else 0


def read_warc(stream: BinaryIO, path: str, max_bytes: int, *, check_gzip: str | None = None) -> Reader:
    """Yield one RawArticle per HTML response record; ``check_gzip`` = file to verify."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    yielded = 0          # pages and error lines: a file must never give neither
    skipped: dict[str, int] = {}
    truncated = False
    records = ArchiveIterator(stream)
    try:
        for record in records:
            n += 1
            if (not str(record.format).startswith("warc")
                    or not str(record.rec_headers.protocol or "").upper().startswith("WARC/")):
                # warcio reads blank lines and junk as empty records, and anything that
                # starts like a header line as a legacy ARC file; we only take WARC.
                yield InputError(path, "not a valid WARC file (no WARC/1.x record header)"
                                 + (f" at record {n}" if n > 1 else ""))
                return
            try:
                item, why = _record_item(record, path, n, max_bytes)
            except Exception as exc:  # noqa: BLE001 - one odd record must not stop the file
                item, why = InputError(path, f"record {n}: could not be read: "
                                             f"{one_line_reason(exc)}"), None
            if item is None:
                skipped[why] = skipped.get(why, 0) + 1
                continue
            if isinstance(item, InputError) and "truncated WARC record" in item.reason:
                truncated = True
            yielded += 1
            yield item
    except ArchiveLoadFailed as exc:
        msg = " ".join(str(exc).split())[:200]
        yield InputError(path, f"not a valid WARC file after record {n}: {msg}")
        return
    except (EOFError, OSError, zlib.error) as exc:
        yield InputError(path, f"broken WARC data after record {n}: {one_line_reason(exc)}")
        return
    except Exception as exc:  # noqa: BLE001 - warcio on malformed headers (AttributeError, ...)
        yield InputError(path, f"broken or truncated WARC headers after record {n}: "
                               f"{one_line_reason(exc)}")
        return
    if check_gzip:
        if not truncated and gzip_truncated(check_gzip):
            yield InputError(path, f"truncated gzip data: the archive ends inside a record "
                                   f"(after record {n})")
            return
    else:
        tail = _unread_tail(stream, getattr(records, "offset", 0) or 0)
        if tail and n == 0:
            yield InputError(path, "not a valid WARC file (no complete WARC record header)")
            return
        if tail:
            yield InputError(path, f"truncated WARC: the archive ends inside the headers of "
                                   f"record {n + 1} ({tail} bytes after record {n} are not a "
                                   f"complete record)")
            return
    if n == 0:
        yield InputError(path, "empty file (no WARC records)")
    elif not yielded:
        what = ", ".join(f"{k}: {v}" for k, v in sorted(skipped.items()))
        yield InputError(path, f"no HTML page in {n} WARC record(s) ({what})")


def _record_item(record, path: str, n: int, max_bytes: int):
    """(RawArticle or InputError, None) for a record we read, (None, why) for one we skip.

    Every record is read to its end here, so a record shorter than its Content-Length
    is caught whatever its type (a cut inside the HTTP headers leaves a "response"
    without its Content-Type, which would otherwise pass as a skipped non-HTML page)."""
    rec_type = record.rec_type or "untyped"
    uri = record.rec_headers.get_header("WARC-Target-URI")
    where = f"record {n} ({uri})" if uri else f"record {n}"
    why = None
    if rec_type != "response" or record.http_headers is None:
        why = rec_type
    else:
        ctype = (record.http_headers.get_header("Content-Type") or "").lower()
        status = record.http_headers.get_statuscode() or ""
        if not any(t in ctype for t in _HTML_TYPES):
            why = "non-HTML response"
        elif not status.startswith("2"):
            why = f"HTTP {status or 'status unknown'}"
    if why is None:
        body = _read_capped(record.content_stream(), max_bytes)
    else:
        _skip(record.raw_stream)
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:
        return InputError(path, f"{where}: truncated WARC record ({missing} bytes missing)"), None
    if why is not None:
        return None, why
    if len(body) > max_bytes:
        return InputError(path, f"{where}: larger than {max_bytes} bytes; skipped"), None
    try:
        html, _, notes = decode_text(body, _charset(ctype) or declared_charset(body))
        raw = html_article(html, f"{path}#record-{n}", url=uri, source_format="warc", line=n)
    except (DecodeError, HtmlError) as exc:
        return InputError(path, f"{where}: {exc}"), None
    raw.notes.extend(notes)
    raw.url = uri or raw.url
    raw.fallback_published = record.rec_headers.get_header("WARC-Date")
    return raw, None
