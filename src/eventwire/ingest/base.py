"""What format readers hand over (``RawArticle``) and how it becomes a ``Document``.

Readers only know their format: they yield RawArticle (text or paragraphs plus the
metadata the format carries) or an InputError for a bad file/line, and go on.
``build_document`` is the one place that cleans text, picks the publication date and
detects the language, so every format follows the same rules.
"""
from __future__ import annotations

import os
from dataclasses import dataclass, field
from typing import Iterator, Union

from ..errors import InputError
from ..records import Document
from .clean import clean_text, normalise_unicode
from .dates import PublishedOption, published_option, to_iso_date
from .language import UNDETERMINED, detect_language

# Largest input we read for one document (a file, a JSONL line, a WARC record).
DEFAULT_MAX_BYTES = int(os.environ.get("EVENTWIRE_MAX_INPUT_BYTES", 20_000_000))
# Below this confidence the language is left unknown (and the English coder tries it).
MIN_LANGUAGE_CONFIDENCE = 0.3


@dataclass
class RawArticle:
    path: str                             # file, "file#entry-3", JSONL id...
    source_format: str                    # txt, html, jsonl, rss, warc, stdin
    text: str | None = None               # plain text, paragraphs split by blank lines
    paragraphs: list[str] | None = None   # already split (HTML, feeds)
    url: str | None = None
    title: str | None = None
    outlet: str | None = None
    author: str | None = None
    published: str | None = None          # raw metadata value, any format
    fallback_published: str | None = None  # e.g. WARC-Date: used when the page has none
    language: str | None = None           # declared by the input (JSONL), trusted
    line: int | None = None               # line (JSONL) or record number (WARC)
    notes: list[str] = field(default_factory=list)
    file: str | None = None               # the input file, when ``path`` is an id (errors name it)


ReaderItem = Union[RawArticle, InputError]
Reader = Iterator[ReaderItem]


def one_line_reason(exc: BaseException, limit: int = 200) -> str:
    """``Type: first line of the message``, short: an unexpected exception as the
    reason of one error line (RecursionError, a parser's AttributeError, ...)."""
    msg = " ".join(str(exc).split())
    if len(msg) > limit:
        msg = msg[:limit] + "..."
    return f"{exc.__class__.__name__}: {msg}" if msg else exc.__class__.__name__


def _one_line(value) -> str | None:
    if value is None:
        return None
    s = " ".join(normalise_unicode(str(value)).split())
    return s or None


def _without_headline(paragraphs: list[str], title: str | None) -> list[str]:
    """Drop a leading paragraph that is the headline (HTML <h1>), so the body of an
    article is the same whatever format it came in (and so is its doc_id)."""
    if not paragraphs or not title:
        return paragraphs
    first = " ".join(normalise_unicode(paragraphs[0]).split()).casefold()
    head = " ".join(normalise_unicode(title).split()).casefold()
    if first == head or (len(first) >= 12 and not first.endswith(".")
                         and (head.startswith(first) or first.startswith(head))):
        return paragraphs[1:]
    return paragraphs


NO_DATE_NOTE = ("no publication date: relative dates ('yesterday', 'on Friday') cannot be "
                "resolved and undated events get none (give --published)")


def build_document(raw: RawArticle, published: str | PublishedOption | None = None) -> Document:
    """Clean, date and language-tag one article. Raises InputError if no text is left.

    ``published`` is the run's date (``--published``): it only fills gaps, unless it is a
    ``PublishedOption`` with ``override`` (``--published-override``), which replaces the
    date the input carries (a note says so). A document left without any date gets a
    note (``NO_DATE_NOTE``) that the run summary counts.
    """
    option = published_option(published)
    if raw.paragraphs is not None:
        body = "\n\n".join(_without_headline(raw.paragraphs, raw.title))
    else:
        body = raw.text or ""
    text = clean_text(body)
    if not text:
        raise InputError(raw.path, "no article text (empty after cleaning)", raw.line)
    notes = list(raw.notes)

    date = to_iso_date(raw.published)
    if raw.published and date is None:
        notes.append(f"unreadable publication date {str(raw.published)[:40]!r} ignored")
    if date is None and raw.fallback_published:
        date = to_iso_date(raw.fallback_published)
    if option is not None and option.override:
        if date and date != option.date:
            notes.append(f"publication date {date} replaced by --published-override {option.date}")
        date = option.date
    if date is None and option is not None:
        date = option.date
    if date is None:
        notes.append(NO_DATE_NOTE)

    language = raw.language
    if not language:
        code, conf = detect_language(text)
        if code != UNDETERMINED and conf >= MIN_LANGUAGE_CONFIDENCE:
            language = code

    return Document.from_text(
        text, path=raw.path, url=_one_line(raw.url), title=_one_line(raw.title),
        outlet=_one_line(raw.outlet), author=_one_line(raw.author), published=date,
        language=language, source_format=raw.source_format, notes=notes)
