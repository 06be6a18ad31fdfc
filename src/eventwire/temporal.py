"""When: the real date of each event (issue 5). Stub: publication date only."""
from spacy.language import Language

from .nlp import ensure_extensions


class TimeComponent:
    def __init__(self, nlp, name, historical_days):
        ensure_extensions()
        self.historical_days = historical_days

    def __call__(self, doc):
        for ev in doc._.events or []:
            ev.setdefault("date", doc._.published)
            ev.setdefault("date_precision", "day" if doc._.published else "unknown")
            ev.setdefault("date_basis", "publication")
            ev.setdefault("historical", False)
        return doc


@Language.factory("eventwire_time", default_config={"historical_days": 60})
def make_time(nlp, name, historical_days):
    return TimeComponent(nlp, name, historical_days)
