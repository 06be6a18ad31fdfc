"""The Doc extensions eventwire's components read and write (``doc._.published``,
``doc._.actors``, ``doc._.events``, ...). A module of its own, so that a component can
register them without importing ``eventwire.nlp``, which imports the components."""
from __future__ import annotations

from spacy.tokens import Doc


def ensure_extensions() -> None:
    for name, default in (("published", None), ("doc_id", None), ("title", None),
                          ("actors", None), ("events", None), ("notes", None),
                          ("dateline", None), ("set_aside", None)):
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
