"""Paths -> Documents: dispatch by format, walk directories, read stdin, deduplicate.

``read_inputs`` streams: one document at a time, never a whole WARC or JSONL file in
memory. A bad file or line is reported through ``on_error`` and the run goes on.
"""
from __future__ import annotations

import gzip
import io
import logging
import os
import sys
import zlib
from pathlib import Path
from typing import BinaryIO, Callable, Iterable, Iterator

from ..errors import InputError
from ..records import Document
from .base import DEFAULT_MAX_BYTES, RawArticle, Reader, build_document, one_line_reason
from .dates import PublishedOption, published_option
from .feed import read_feed
from .html import read_html
from .jsonl import read_jsonl
from .neardup import NearDuplicateIndex, signature
from .txt import read_txt
from .warc import read_warc

log = logging.getLogger("eventwire.ingest")

STDIN = "-"
# Extension -> format. Multi-part extensions first (".warc.gz" before ".gz").
FORMATS = {
    ".warc.gz": "warc", ".warc": "warc",
    ".txt": "txt", ".text": "txt",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".rss": "feed", ".atom": "feed", ".xml": "feed",
}
# Other gzipped inputs: the inner extension decides (".jsonl.gz", ".txt.gz").
GZ_FORMATS = {ext + ".gz": fmt for ext, fmt in FORMATS.items() if fmt != "warc"}

ErrorHandler = Callable[[InputError], None]


def format_of(path: str | Path) -> str | None:
    """Format by file name, or None when the name says nothing."""
    name = str(path).lower()
    for table in (GZ_FORMATS, FORMATS):
        for ext, fmt in table.items():
            if name.endswith(ext):
                return fmt
    return None


def sniff_format(head: bytes) -> str:
    """Format of data without a telling name (stdin, odd extensions), from its start."""
    if head[:2] == b"\x1f\x8b":
        return "warc"  # only gzipped format we read without a name
    h = head.lstrip(b"\xef\xbb\xbf \t\r\n")[:512].lower()
    if h.startswith(b"warc/"):
        return "warc"
    if h.startswith(b"<?xml") or h.startswith(b"<rss") or h.startswith(b"<feed"):
        return "html" if b"<html" in h else "feed"
    if h.startswith(b"<!doctype html") or h.startswith(b"<html") or h.startswith(b"<head"):
        return "html"
    if h.startswith(b"{"):
        return "jsonl"
    return "txt"


def _read_capped(stream: BinaryIO, path: str, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(path, f"larger than {max_bytes} bytes (EVENTWIRE_MAX_INPUT_BYTES); skipped")
    return data


def _from_stream(stream: BinaryIO, path: str, fmt: str, max_bytes: int, *,
                 gz_file: str | None = None, text_format: str = "txt") -> Reader:
    """Readers over an open binary stream."""
    if fmt == "jsonl":
        yield from read_jsonl(stream, path, max_bytes)
        return
    if fmt == "warc":
        yield from read_warc(stream, path, max_bytes, check_gzip=gz_file)
        return
    try:
        data = _read_capped(stream, path, max_bytes)
    except InputError as exc:
        yield exc
        return
    except (OSError, EOFError) as exc:
        yield InputError(path, f"cannot read: {exc}")
        return
    if fmt == "html":
        yield from read_html(data, path)
    elif fmt == "feed":
        yield from read_feed(data, path)
    else:
        yield from read_txt(data, path, text_format)


def read_file(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> Reader:
    """RawArticles / InputErrors of one regular file."""
    fmt = format_of(path)
    try:
        if fmt is None or fmt in ("txt", "html", "feed"):
            size = os.stat(path).st_size
            if size > max_bytes:
                yield InputError(path, f"larger than {max_bytes} bytes "
                                       f"(EVENTWIRE_MAX_INPUT_BYTES); skipped")
                return
        with open(path, "rb") as fh:
            head = fh.read(4096)
            fh.seek(0)
            fmt = fmt or sniff_format(head)
            gzipped = head[:2] == b"\x1f\x8b"
            # warcio reads gzip itself (we verify the gzip stream afterwards); other
            # formats are decompressed on the fly whatever their name says.
            if fmt == "warc":
                stream, gz_file = fh, (path if gzipped else None)
            else:
                stream, gz_file = (gzip.open(fh) if gzipped else fh), None
            yield from _guarded(_from_stream(stream, path, fmt, max_bytes, gz_file=gz_file),
                                path)
    except FileNotFoundError:
        yield InputError(path, "no such file or directory")
    except PermissionError:
        yield InputError(path, "cannot read: permission denied")
    except IsADirectoryError:
        yield InputError(path, "is a directory")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}")


def walk(directory: str, on_error: ErrorHandler | None = None) -> Iterator[str]:
    """Readable article files under a directory: recursive, sorted, hidden ones skipped.

    Files of unknown type (README.md, images) are skipped silently: a directory is
    a corpus, not a list of things the user asked for one by one. What the user did
    ask for but we cannot read is reported through ``on_error`` (default: a logged
    warning): a sub-directory we may not list, a broken symbolic link, a FIFO or
    socket with an article's name (opening one could block forever).
    """
    report = on_error or _log_error
    for item in _walk(directory):
        if isinstance(item, InputError):
            report(item)
        else:
            yield item


def _walk(directory: str) -> Iterator[str | InputError]:
    pending: list[InputError] = []

    def unreadable(exc: OSError) -> None:
        where = exc.filename or directory
        pending.append(InputError(str(where), f"cannot read directory: "
                                              f"{(exc.strerror or str(exc)).lower()}"))

    for root, dirs, files in os.walk(directory, onerror=unreadable):
        yield from pending
        pending.clear()
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or format_of(name) is None:
                continue
            full = os.path.join(root, name)
            if os.path.isfile(full):
                yield full
            elif os.path.islink(full) and not os.path.exists(full):
                yield InputError(full, "broken symbolic link; skipped")
            else:
                yield InputError(full, "not a regular file (FIFO, socket or device); skipped")
    yield from pending


def _guarded(items: Reader, path: str) -> Reader:
    """A reader's bug (an exception it did not expect) costs the rest of this file
    only, as one error line; the batch goes on."""
    try:
        yield from items
    except (EOFError, OSError, zlib.error) as exc:  # a .jsonl.gz that ends early, etc.
        yield InputError(path, f"broken compressed data: {exc}")
    except Exception as exc:  # noqa: BLE001
        yield InputError(path, f"could not read: {one_line_reason(exc)}")


def read_stdin(stream: BinaryIO | None = None, max_bytes: int = DEFAULT_MAX_BYTES) -> Reader:
    """``-``: text, or JSONL / HTML / a feed / a WARC when it looks like one."""
    stream = stream if stream is not None else sys.stdin.buffer
    path = "<stdin>"
    try:
        data = _read_capped(stream, path, max_bytes)
    except InputError as exc:
        yield exc
        return
    fmt = sniff_format(data[:4096])
    if fmt == "jsonl":
        first = data.lstrip().split(b"\n", 1)[0]
        try:
            import json
            if not isinstance(json.loads(first), dict):
                fmt = "txt"
        except (ValueError, RecursionError):
            fmt = "txt"
    yield from _guarded(_from_stream(io.BytesIO(data), path, fmt, max_bytes,
                                     text_format="stdin"), path)


def iter_raw(paths: Iterable[str | Path], max_bytes: int = DEFAULT_MAX_BYTES,
             stdin: BinaryIO | None = None) -> Reader:
    for item in _iter_raw(paths, max_bytes, stdin):
        yield item


def _with_file(items: Reader, path: str) -> Reader:
    for item in items:
        if isinstance(item, RawArticle) and item.file is None:
            item.file = path
        yield item


def _iter_raw(paths, max_bytes, stdin) -> Reader:
    for p in paths:
        p = str(p)
        if p == STDIN:
            yield from read_stdin(stdin, max_bytes)
        elif os.path.isdir(p):
            any_file = False
            for f in _walk(p):
                any_file = True
                if isinstance(f, InputError):
                    yield f
                else:
                    yield from _with_file(read_file(f, max_bytes), f)
            if not any_file:
                yield InputError(p, "directory holds no readable article files")
        else:
            yield from _with_file(read_file(p, max_bytes), p)


def _log_error(err: InputError) -> None:
    log.warning("%s", err)


def read_inputs(paths: Iterable[str | Path], published: str | PublishedOption | None = None,
                on_error: ErrorHandler | None = None, *,
                max_bytes: int = DEFAULT_MAX_BYTES,
                neardup: NearDuplicateIndex | None = None,
                seen_ids: Iterable[str] = (),
                stdin: BinaryIO | None = None,
                on_duplicate: Callable[[Document], None] | None = None) -> Iterator[Document]:
    """Documents of all inputs, in order (a lazy iterator).

    - ``published``: ISO date for inputs that carry none (ValueError, raised at once,
      if it is not a date); a ``PublishedOption(date, override=True)`` replaces the
      inputs' own dates instead (``--published-override``).
    - ``on_error``: called with an InputError per bad file/line (default: log warning).
    - exact duplicates (same doc_id, also against ``seen_ids``) are yielded once; each
      later copy (its own path, URL, outlet, date) goes to ``on_duplicate``, so a store
      can keep it as another source of the text (default: a debug log line);
      near-duplicates get ``duplicate_of`` = the doc_id of the first copy seen (or of
      a stored document, when ``neardup`` was seeded from the store).
    - every Document carries ``doc.signature`` (its MinHash, for the store).
    """
    default_date = published_option(published)
    index = neardup if neardup is not None else NearDuplicateIndex()
    return _read_inputs([paths] if isinstance(paths, (str, Path)) else paths,
                        default_date, on_error or _log_error, max_bytes, index,
                        set(seen_ids), stdin, on_duplicate or _log_duplicate)


def _log_duplicate(doc: Document) -> None:
    log.debug("%s: exact duplicate of %s", doc.path, doc.doc_id)


def _read_inputs(paths, default_date, report, max_bytes, index, seen, stdin, duplicate):
    for item in iter_raw(paths, max_bytes, stdin):
        if isinstance(item, InputError):
            report(item)
            continue
        doc = _document(item, default_date, report)
        if doc is None:
            continue
        if doc.doc_id in seen:
            duplicate(doc)
            continue
        seen.add(doc.doc_id)
        sig = signature(doc.text)
        doc.signature = sig  # not a dataclass field: asdict() leaves it out
        original = index.find(sig)
        if original is not None and original != doc.doc_id:
            doc.duplicate_of = original
            doc.notes.append(f"near-duplicate of {original}")
        else:
            index.add(doc.doc_id, sig)
        yield doc


def _document(raw: RawArticle, default_date: PublishedOption | None,
              report: ErrorHandler) -> Document | None:
    # A JSONL article's path is its id: errors name the file (and the line) instead.
    where = raw.file if raw.file and raw.file != raw.path and raw.line is not None else raw.path
    try:
        return build_document(raw, default_date)
    except InputError as exc:
        if where != exc.path:
            exc = InputError(where, f"{exc.reason} (id {raw.path})", exc.line)
        report(exc)
    except Exception as exc:  # noqa: BLE001 - one odd article must not stop the batch
        report(InputError(where, f"could not process: {exc.__class__.__name__}: {exc}",
                          raw.line))
    return None


def _raise(err: InputError) -> None:
    raise err


def read_path(path: str | Path, published: str | None = None,
              on_error: ErrorHandler | None = None, **kw) -> Iterator[Document]:
    """Documents of one path (file, directory or ``-``); errors raise unless handled."""
    return read_inputs([path], published, on_error or _raise, **kw)
