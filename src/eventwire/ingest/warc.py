"""WARC / WARC.gz web archives: the HTML ``response`` records, streamed.

URL from WARC-Target-URI; publication date from the page, else from WARC-Date (when
the page was captured). warcio quietly stops at a truncated gzip member or returns a
short record body, so we check both ourselves: a record shorter than its
Content-Length, and (for .gz) a compressed stream that ends early.
"""
from __future__ import annotations

import gzip
import zlib
from typing import BinaryIO

from ..errors import InputError
from .base import Reader
from .decode import DecodeError, decode_bytes
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


def read_warc(stream: BinaryIO, path: str, max_bytes: int, *, check_gzip: str | None = None) -> Reader:
    """Yield one RawArticle per HTML response record; ``check_gzip`` = file to verify."""
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    n = 0
    seen_any = truncated = False
    try:
        for record in ArchiveIterator(stream):
            n += 1
            seen_any = True
            if not str(record.format).startswith("warc"):
                # warcio reads anything as a legacy ARC file; we only take WARC.
                yield InputError(path, "not a valid WARC file (no WARC/1.x record header)")
                return
            if record.rec_type != "response" or record.http_headers is None:
                continue
            ctype = (record.http_headers.get_header("Content-Type") or "").lower()
            status = record.http_headers.get_statuscode() or ""
            if not any(t in ctype for t in _HTML_TYPES) or not status.startswith("2"):
                continue
            uri = record.rec_headers.get_header("WARC-Target-URI")
            where = f"record {n} ({uri})" if uri else f"record {n}"
            body = record.content_stream().read(max_bytes + 1)
            if len(body) > max_bytes:
                yield InputError(path, f"{where}: larger than {max_bytes} bytes; skipped")
                continue
            if getattr(record.raw_stream, "limit", 0) > 0:
                truncated = True
                yield InputError(path, f"{where}: truncated WARC record "
                                       f"({record.raw_stream.limit} bytes missing)")
                continue
            try:
                html, _ = decode_bytes(body, _charset(ctype) or declared_charset(body))
                raw = html_article(html, f"{path}#record-{n}", url=uri, source_format="warc",
                                   line=n)
            except (DecodeError, HtmlError) as exc:
                yield InputError(path, f"{where}: {exc}")
                continue
            raw.url = uri or raw.url
            raw.fallback_published = record.rec_headers.get_header("WARC-Date")
            yield raw
    except ArchiveLoadFailed as exc:
        msg = " ".join(str(exc).split())[:200]
        yield InputError(path, f"not a valid WARC file after record {n}: {msg}")
        return
    except (EOFError, OSError, zlib.error, ValueError, AttributeError) as exc:
        yield InputError(path, f"broken WARC data after record {n}: {exc.__class__.__name__}")
        return
    if check_gzip and not truncated and gzip_truncated(check_gzip):
        yield InputError(path, f"truncated gzip data: the archive ends inside a record "
                               f"(after record {n})")
    elif not seen_any:
        yield InputError(path, "empty file (no WARC records)")
