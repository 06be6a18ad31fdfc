"""spaCy component ``eventwire_actors`` (stub until the resolver lands): sets doc._.actors."""
from spacy.language import Language

from ..nlp import ensure_extensions


class ActorsComponent:
    def __init__(self, nlp, name, extra_files):
        ensure_extensions()
        self.extra_files = list(extra_files or [])

    def __call__(self, doc):
        doc._.actors = []
        return doc


@Language.factory("eventwire_actors", default_config={"extra_files": []})
def make_actors(nlp, name, extra_files):
    return ActorsComponent(nlp, name, extra_files)
