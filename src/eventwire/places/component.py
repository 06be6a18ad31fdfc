"""The spaCy component ``eventwire_place``: every event of a Doc gets its location."""
from __future__ import annotations

from spacy.language import Language

from ..nlp import ensure_extensions
from ..textutil import doc_text
from .mentions import find_places
from .scope import _DocPlaces, resolve_event_location

def locate_events(doc) -> list[dict]:
    """Fill ``location`` of every event of ``doc`` (the stage's entry point).

    Place names are found once per document (in the full text: the prefilter of
    pipeline.py may blank non-event sentences) and indexed by the tokens they can hang
    on, so events are located without a rescan each. No location beats a lost document:
    an odd event gets ``None`` and a note says why.
    """
    events = doc._.events or []
    if not events:
        return events
    mentions = find_places(getattr(doc._, "full_text", None) or doc_text(doc))
    ctx = _DocPlaces(doc, mentions)
    for ev in events:
        try:
            ev["location"] = resolve_event_location(doc, ev, mentions, _ctx=ctx)
        except Exception as exc:  # noqa: BLE001 - no location beats a lost document
            ev["location"] = None
            if doc._.notes is None:
                doc._.notes = []
            doc._.notes.append(f"eventwire_place: {exc.__class__.__name__}: {exc}")
    return events


class PlaceComponent:
    """Places every event of ``doc._.events`` (``location``: gazetteer entry or None)."""

    def __init__(self, nlp, name):
        ensure_extensions()

    def __call__(self, doc):
        locate_events(doc)
        return doc

    def __repr__(self) -> str:
        return "PlaceComponent()"


@Language.factory("eventwire_place", requires=["doc._.events"],
                  assigns=["doc._.events", "doc._.notes"])
def make_place(nlp, name):
    return PlaceComponent(nlp, name)
