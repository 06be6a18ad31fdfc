"""The spaCy component ``eventwire_place``: every event of a Doc gets its location."""
from __future__ import annotations

from spacy.language import Language

from ..dateline import find_dateline
from ..extensions import ensure_extensions
from ..textutil import doc_text, split_sentences
from .gazetteer import resolve_place
from .mentions import find_places
from .scope import DocPlaces

LEAD_SENTENCES = 1   # the dateline speaks for the story's first sentence only


def dateline_place(text: str) -> tuple[dict, int] | None:
    """(place of the story's dateline, end offset of its lead) or None.

    The dateline's place ("KUNDUZ, Afghanistan —"; its region when the place itself is
    not in the gazetteer: "OLD CAMP, West Bank"); none when it names two places
    ("NAIROBI/KAMPALA") or none we know. The lead: the story's first sentence."""
    dl = find_dateline(text)
    if dl is None or len(dl.places) != 1:
        return None
    (name, span), region = dl.places[0], dl.region
    hint = None
    if region is not None:
        r = resolve_place(region[0])
        hint = r["country"] if r else None
    place = resolve_place(name.title() if name.isupper() else name, hint)
    if place is not None and hint and place["country"] != hint:
        place = None                       # "PARIS, Texas": not the French capital
    text_of, span_of = name, span
    if place is None and region is not None:
        place = resolve_place(region[0].title() if region[0].isupper() else region[0])
        text_of, span_of = region
    if place is None:
        return None
    par_end = text.find("\n\n", dl.span[1])
    par_end = len(text) if par_end < 0 else par_end
    sents = split_sentences(text[dl.span[0]:par_end])
    lead_end = dl.span[0] + (sents[min(LEAD_SENTENCES, len(sents)) - 1][1] if sents else 0)
    return (dict(place, text=text_of, span=list(span_of), relation="dateline",
                 basis="dateline"), lead_end)


def locate_events(doc) -> list[dict]:
    """Fill ``location`` of every event of ``doc`` (the stage's entry point).

    Place names are found once per document (in the full text: the prefilter of
    pipeline.py may blank non-event sentences) and indexed by the tokens they can hang
    on, so events are located without a rescan each; the dateline is read once. No
    location beats a lost document: an odd event gets ``None`` and a note says why.
    """
    events = doc._.events or []
    if not events:
        return events
    text = (getattr(doc._, "full_text", None) if doc.has_extension("full_text") else None) \
        or doc_text(doc)
    ctx = DocPlaces(doc, find_places(text), dateline=dateline_place(text))
    for ev in events:
        try:
            ev["location"] = ctx.locate(ev)
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
