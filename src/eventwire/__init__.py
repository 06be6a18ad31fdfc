"""eventwire: political event data from news text.

Who did what to whom, when and where, with the sentence that says so.

    import eventwire
    records = eventwire.code("Beijing sent an envoy to Pyongyang on Friday.",
                             published="2017-11-18")        # list of contract records
    db = eventwire.open("eventwire.duckdb")                  # a store built by `eventwire ingest`
    db.events(dyad=("CHN", "PRK"))                           # every matching event, a DataFrame

In spaCy: ``for name in eventwire.COMPONENTS: nlp.add_pipe(name)`` (docs/api.md).
"""
from __future__ import annotations

import datetime as _dt
import os
import warnings
from typing import TYPE_CHECKING, Iterable


if TYPE_CHECKING:  # pragma: no cover - for type checkers only
    from .config import Settings
    from .records import Document
    from .store import Store

__version__ = "0.1.1"
__all__ = ["code", "open", "COMPONENTS", "__version__"]


def __getattr__(name: str):
    # eventwire.COMPONENTS lives in eventwire.nlp, which imports spaCy: only on demand,
    # so that `import eventwire` (and every CLI verb) stays quick.
    if name == "COMPONENTS":
        from .nlp import COMPONENTS
        return COMPONENTS
    raise AttributeError(f"module 'eventwire' has no attribute {name!r}")


def open(db: str | os.PathLike = "eventwire.duckdb", read_only: bool = True) -> "Store":  # noqa: A001 - mirrors duckdb/sqlite-utils
    """Open an eventwire DuckDB store for analysis: ``eventwire.open(db).events(...)``.

    Read-only by default. Query methods return every matching row unless given a
    ``limit`` (tables as pandas DataFrames); see ``eventwire.store.Store``.
    """
    from .store import Store

    return Store(db, read_only=read_only)


def _iso(published) -> str | None:
    if published in (None, ""):
        return None
    if isinstance(published, (_dt.date, _dt.datetime)):
        return published.isoformat()[:10]
    try:
        return _dt.date.fromisoformat(str(published)[:10]).isoformat()
    except ValueError:
        raise ValueError(f"published: not a date (YYYY-MM-DD): {published!r}") from None


def code(text: "str | Document | Iterable[str | Document]", published=None, *,
         title: str | None = None, url: str | None = None, outlet: str | None = None,
         settings: "Settings | None" = None, per_mention: bool = False) -> list[dict]:
    """Code news text into event records of the contract (../shared/spec/event-record.md).

    ``text`` is one article (a string or an ``eventwire.records.Document``) or an
    iterable of them; all are coded and deduplicated together, so mentions of one
    real-world event share a ``canonical_event_id``. ``published`` (``YYYY-MM-DD`` or a
    date) dates the articles that carry no date of their own; ``title``, ``url`` and
    ``outlet`` describe a single string. ``settings`` (``eventwire.config.Settings``)
    chooses the model, user dictionaries and pattern files.

    Returns every record of news (negated and historical ones included, flagged as such;
    hypothetical ones only with ``Settings(include_hypothetical=True)``), in
    document order: one record per real event per article, listing in ``mentions`` every
    sentence of the article that states it (``num_mentions``); ``per_mention=True`` gives
    one record per mention instead (docs/records.md). A document that fails is skipped
    with a ``RuntimeWarning``.
    """
    from .dedup import assign_canonical_ids
    from .pipeline import code_documents
    from .records import Document

    day = _iso(published)
    if isinstance(text, (str, Document)):
        items = [text]
    else:
        items = list(text)
    docs = []
    for i, item in enumerate(items):
        if isinstance(item, Document):
            if item.published is None and day:
                item.published = day
            docs.append(item)
        elif isinstance(item, str):
            one = len(items) == 1
            docs.append(Document.from_text(
                item, published=day, title=title if one else None, url=url if one else None,
                outlet=outlet if one else None))
        else:
            raise TypeError(f"eventwire.code: expected text or a Document, got {type(item).__name__}")
    records: list[dict] = []
    for i, coded in enumerate(code_documents(docs, settings)):
        if coded.error:
            where = coded.document.path or f"text {i + 1}"
            warnings.warn(f"{where}: {coded.error}", RuntimeWarning, stacklevel=2)
            continue
        records.extend(coded.events)
    assign_canonical_ids(records)
    if per_mention:
        return records
    from .dedup import fold_records
    return list(fold_records(records))
