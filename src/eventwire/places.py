"""Where: the place of each event (issue 5). Stub: no location."""
from spacy.language import Language

from .nlp import ensure_extensions


class PlaceComponent:
    def __init__(self, nlp, name):
        ensure_extensions()

    def __call__(self, doc):
        for ev in doc._.events or []:
            ev.setdefault("location", None)
        return doc


@Language.factory("eventwire_place")
def make_place(nlp, name):
    return PlaceComponent(nlp, name)
