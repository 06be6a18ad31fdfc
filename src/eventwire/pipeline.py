"""ingest -> clean -> nlp -> actors -> events -> time/place -> dedup: the whole run.

``code_documents`` is the one function every front end (CLI, API, Dask workers) calls.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable, Iterator

from .config import Settings, default_settings
from .records import Document, EVENT_FIELDS, empty_event, event_id_for


@dataclass
class CodedDocument:
    document: Document
    events: list[dict] = field(default_factory=list)
    error: str | None = None


def finish_record(ev: dict, document: Document) -> dict:
    """Fill the document fields and ids; order keys as in the contract."""
    rec = empty_event()
    rec.update(ev)
    rec["doc_id"] = document.doc_id
    rec["doc"] = document.doc_block()
    rec["event_id"] = event_id_for(rec)
    rec.setdefault("canonical_event_id", None)
    ordered = {k: rec.get(k) for k in EVENT_FIELDS}
    ordered.update({k: v for k, v in rec.items() if k not in ordered})
    return ordered


def code_documents(documents: Iterable[Document], settings: Settings | None = None,
                   nlp=None) -> Iterator[CodedDocument]:
    """Code documents in order; non-English ones pass through with a note."""
    from .nlp import get_pipeline, make_doc

    settings = settings or default_settings()
    nlp = nlp or get_pipeline(settings)

    pending: list[Document] = []

    def to_docs(docs):
        for d in docs:
            if d.language and d.language != "en":
                d.notes.append(f"skipped by the English coder (language={d.language})")
                continue
            if d.duplicate_of:
                # Syndicated copies are linked to their original, not coded twice.
                continue
            pending.append(d)
            yield make_doc(nlp, d.text[: settings.max_chars], published=d.published,
                           doc_id=d.doc_id, title=d.title)

    documents = list(documents) if not isinstance(documents, list) else documents
    coded = {}
    for sdoc in nlp.pipe(to_docs(documents), batch_size=settings.batch_size,
                         n_process=settings.n_process):
        coded[sdoc._.doc_id] = [e for e in (sdoc._.events or [])]
    for d in documents:
        evs = coded.get(d.doc_id, [])
        yield CodedDocument(d, [finish_record(e, d) for e in evs])
