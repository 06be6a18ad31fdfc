"""``POST /api/documents`` bodies -> ``Document`` objects.

Accepted bodies (the article shape is the JSONL input of the contract:
``{"id", "url", "title", "outlet", "published", "text" | "html"}``):

- ``application/json``: one article, a list of them, or ``{"articles": [...]}``;
- ``application/x-ndjson`` / ``application/jsonl``: one article per line;
- ``text/plain``: the text of one article;
- ``multipart/form-data``: uploaded files of any format ``eventwire ingest`` reads
  (txt, html, jsonl, rss, warc); each is handed to the ingester under its own name.

The body has already been size-checked; everything here is in memory or in a
private temporary directory that is removed afterwards.
"""
from __future__ import annotations

import datetime as _dt
import email.parser
import email.policy
import json
import os
import tempfile

from ..records import Document

MAX_ARTICLES = 200  # per request: coding is synchronous, keep one call bounded


class IntakeError(ValueError):
    """A body we cannot turn into articles; ``status`` is the HTTP status to answer
    (400 for every invalid body, like every invalid parameter: web/conventions.py)."""

    def __init__(self, message: str, status: int = 400):
        super().__init__(message)
        self.status = status


def _iso(value, where: str):
    if value in (None, ""):
        return None
    try:
        return _dt.date.fromisoformat(str(value)[:10]).isoformat()
    except ValueError:
        raise IntakeError(f"{where}: published is not a date (YYYY-MM-DD): {value!r}") from None


def _loads(data, where: str):
    """JSON of a body or line; a bad one is the client's fault (400), whatever it is."""
    try:
        return json.loads(data)
    except RecursionError:  # json's decoder recurses per level: [[[[...]]]] 1,000 deep
        raise IntakeError(f"{where} is not valid JSON: nested too deeply", 400) from None
    except ValueError as exc:
        raise IntakeError(f"{where} is not valid JSON: {exc}", 400) from None


def _from_files(named: list[tuple[str, bytes]], published=None,
                report: list | None = None) -> list[Document]:
    """Hand raw files to the ingester (it knows the formats) via a private temp dir.

    Each bad file or line is one line in ``report`` (named as uploaded, never by the
    temporary path); when no document comes out at all they are the IntakeError."""
    from ..ingest import read_inputs

    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="eventwire-upload-") as tmp:
        paths = []
        for i, (name, data) in enumerate(named):
            # Keep only the base name's extension: the ingester picks the format from it.
            base = os.path.basename(name or "") or f"upload-{i}.txt"
            safe = "".join(c if c.isalnum() or c in "._-" else "_" for c in base)[-80:]
            path = os.path.join(tmp, f"{i:03d}-{safe}")
            with open(path, "wb") as fh:
                fh.write(data)
            paths.append(path)
        docs = list(read_inputs(paths, published=published,
                                on_error=lambda err: errors.append(str(err))))
    for path in sorted(paths, key=len, reverse=True):  # name files as uploaded
        errors = [e.replace(path, os.path.basename(path)[4:]) for e in errors]
    errors = [e.replace(tmp, "upload") for e in errors]
    if not docs and errors:
        raise IntakeError("; ".join(errors))
    if report is not None:
        report.extend(errors)
    for d in docs:  # the temp path means nothing to the client
        if d.path and d.path.startswith(tmp):
            d.path = os.path.basename(d.path)[4:]
    return docs


def article_to_document(obj, where: str = "article", published=None) -> Document:
    """One JSON article -> Document (HTML goes through the ingester's cleaner)."""
    if not isinstance(obj, dict):
        raise IntakeError(f"{where}: expected an object with a 'text' (or 'html') field")
    text, html = obj.get("text"), obj.get("html")
    if not (isinstance(text, str) and text.strip()) and not (isinstance(html, str) and html.strip()):
        raise IntakeError(f"{where}: 'text' (or 'html') must be a non-empty string")
    meta = {k: obj.get(k) for k in ("url", "title", "outlet")}
    for k, v in meta.items():
        if v is not None and not isinstance(v, str):
            raise IntakeError(f"{where}: {k!r} must be a string")
    pub = _iso(obj.get("published"), where) or published
    if isinstance(text, str) and text.strip():
        doc = Document.from_text(text, published=pub, language=obj.get("language") or "en",
                                 source_format="jsonl", **meta)
    else:
        docs = _from_files([(f"{where}.html", html.encode("utf-8"))], published=pub)
        if not docs:
            raise IntakeError(f"{where}: no text found in 'html'")
        doc = docs[0]
        doc.url, doc.title = meta["url"] or doc.url, meta["title"] or doc.title
        doc.outlet, doc.published = meta["outlet"] or doc.outlet, pub or doc.published
    doc.path = meta["url"] or (str(obj["id"]) if obj.get("id") is not None else doc.path)
    return doc


def _articles_from_json(payload) -> list:
    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    if isinstance(payload, dict):
        return [payload]
    if isinstance(payload, list):
        return payload
    raise IntakeError("expected an article object, a list of them, or {\"articles\": [...]}")


def _multipart(content_type: str, body: bytes) -> list[tuple[str, bytes]]:
    """Parse multipart/form-data with the standard library (no extra dependency)."""
    head = f"Content-Type: {content_type}\r\nMIME-Version: 1.0\r\n\r\n".encode()
    msg = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(head + body)
    if not msg.is_multipart():
        raise IntakeError("malformed multipart body", 400)
    files = []
    for part in msg.iter_parts():
        data = part.get_payload(decode=True) or b""
        name = part.get_filename() or part.get_param("name", header="content-disposition")
        if data.strip():
            files.append((name or "upload.txt", data))
    if not files:
        raise IntakeError("the multipart body holds no non-empty file")
    return files


def documents_from_body(content_type: str, body: bytes, published=None,
                        errors: list | None = None) -> list[Document]:
    """Turn a request body into Documents, or raise IntakeError (4xx).

    Uploaded files are read like `eventwire ingest` reads them: a bad file (or JSONL
    line) inside an upload that also holds good ones is one line in ``errors``."""
    published = _iso(published, "query")
    ctype = (content_type or "").split(";")[0].strip().lower()
    if not body.strip():
        raise IntakeError("empty body", 400)
    if ctype == "multipart/form-data":
        docs = _from_files(_multipart(content_type, body), published=published, report=errors)
    elif ctype in ("application/json", ""):
        payload = _loads(body, "body")
        items = _articles_from_json(payload)
        docs = [article_to_document(o, f"articles[{i}]", published) for i, o in enumerate(items)]
    elif ctype in ("application/x-ndjson", "application/jsonl", "application/jsonlines"):
        docs = []
        for n, line in enumerate(body.decode("utf-8", "replace").splitlines(), 1):
            if not line.strip():
                continue
            obj = _loads(line, f"line {n}")
            docs.append(article_to_document(obj, f"line {n}", published))
    elif ctype == "text/plain":
        docs = [Document.from_text(body.decode("utf-8", "replace"), published=published,
                                   language="en", source_format="txt", path="upload.txt")]
    elif ctype in ("text/html", "application/xhtml+xml"):
        docs = _from_files([("upload.html", body)], published=published, report=errors)
    else:
        raise IntakeError(f"unsupported Content-Type {ctype!r}: send application/json, "
                          "application/x-ndjson, text/plain or multipart/form-data", 415)
    if not docs:
        raise IntakeError("no article found in the body")
    if len(docs) > MAX_ARTICLES:
        raise IntakeError(f"too many articles in one request ({len(docs)} > {MAX_ARTICLES})", 413)
    return docs
