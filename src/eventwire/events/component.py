"""spaCy component ``eventwire_events`` (stub until the coder lands): sets doc._.events."""
from spacy.language import Language

from ..nlp import ensure_extensions


class EventsComponent:
    def __init__(self, nlp, name, extra_files):
        ensure_extensions()
        self.extra_files = list(extra_files or [])

    def __call__(self, doc):
        doc._.events = []
        return doc


@Language.factory("eventwire_events", default_config={"extra_files": []})
def make_events(nlp, name, extra_files):
    return EventsComponent(nlp, name, extra_files)
