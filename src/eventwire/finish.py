"""``eventwire_records``, the last spaCy component: coded events become contract records.

It lives apart from ``pipeline`` (the whole run) so that ``nlp`` can register every
component without importing the run that itself builds pipelines through ``nlp``.
"""
from __future__ import annotations

from spacy.language import Language

from .events.plans import recode_plans
from .records import Document, EVENT_FIELDS, Event, doc_id_for, empty_event, event_id_for
from .textutil import doc_text


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


def _doc_document(doc) -> Document:
    """The Document a spaCy Doc stands for (its extensions; the id from its text)."""
    text = getattr(doc._, "full_text", None) or doc_text(doc)
    return Document(doc_id=doc._.doc_id or doc_id_for(text), text=text, path=None,
                    title=doc._.title, published=doc._.published)


class RecordsComponent:
    """``eventwire_records``: the last component. Every event of ``doc._.events`` becomes a
    record of the contract: all its fields in contract order, ``event_id``, ``doc_id``
    (``doc._.doc_id``, else the hash of the text) and ``doc``."""

    def __init__(self, nlp=None, name="eventwire_records"):
        from .extensions import ensure_extensions
        ensure_extensions()

    def __call__(self, doc):
        # a plan is coded as the intent to act (gold rule 10, CAMEO), now that it is dated
        events = recode_plans(doc._.events or [], doc._.published)
        if events:
            document = _doc_document(doc)
            done = []
            for ev in events:
                rec = Event(finish_record(ev, document))
                rec.internal = dict(getattr(ev, "internal", {}))
                done.append(rec)
            doc._.events = done
        return doc

    def __repr__(self) -> str:
        return "RecordsComponent()"


@Language.factory("eventwire_records", requires=["doc._.events"], assigns=["doc._.events"])
def make_records(nlp, name):
    return RecordsComponent(nlp, name)
