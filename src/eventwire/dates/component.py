"""The spaCy component ``eventwire_time``: every event of a Doc gets its date."""
from __future__ import annotations

from spacy.language import Language

from ..extensions import ensure_extensions
from ..textutil import doc_text
from .expressions import find_dates, story_date
from .periods import normalize_published
from .scope import DocDates

# ---------------------------------------------------------------- actors by date
def _recode_actors(event: dict) -> None:
    """A past leader is coded by the event date (actor resolver's job, when it exists)."""
    people = [k for k in ("source", "target") if isinstance(event.get(k), dict)
              and str(event[k].get("actor_id") or "").startswith("person:")]
    if not people:
        return
    try:
        from ..actors.resolver import get_resolver
        recode = get_resolver().recode_for_date
    except (ImportError, AttributeError):
        return
    except Exception:  # noqa: BLE001 - the actor data is another stage's; dating goes on
        return
    for key in people:
        actor = event[key]
        try:
            new = recode(actor, event["date"], event.get("date_precision"))
        except Exception:  # noqa: BLE001 - never lose an event over a recoding failure
            continue
        if isinstance(new, dict):
            event[key] = new


def _note(doc, msg: str) -> None:
    if doc._.notes is None:
        doc._.notes = []
    doc._.notes.append(msg)


def date_events(doc, historical_days: int = 60) -> list[dict]:
    """Fill ``date, date_precision, date_basis, historical`` of every event of ``doc``.

    The stage's entry point: time expressions are found once per document (in the full
    text, since the prefilter of pipeline.py may blank non-event sentences), then each
    event is scoped. One odd event never loses the document: it falls back on the
    publication date and a note says why.
    """
    events = doc._.events or []
    if not events:
        return events
    published = normalize_published(doc._.published)
    text = (getattr(doc._, "full_text", None) if doc.has_extension("full_text") else None) \
        or doc_text(doc)
    ctx = DocDates(doc, find_dates(text, published), published, historical_days,
                   story_date(text, published))   # per-doc work, once
    for ev in events:
        try:
            ev.update(ctx.resolve(ev))
        except Exception as exc:  # noqa: BLE001 - one odd event must not lose the doc
            ev.update(date=published, date_precision="day" if published else "unknown",
                      date_basis="publication" if published else None, historical=False)
            _note(doc, f"eventwire_time: {exc.__class__.__name__}: {exc}")
            continue
        if ev["date_basis"] == "text":
            _recode_actors(ev)
    return events


class TimeComponent:
    """Dates every event of ``doc._.events`` (``date``, ``date_precision``, ``date_basis``,
    ``historical``), from the text or the publication date ``doc._.published``."""

    def __init__(self, nlp, name, historical_days):
        ensure_extensions()
        self.historical_days = historical_days

    def __call__(self, doc):
        date_events(doc, self.historical_days)
        return doc

    def __repr__(self) -> str:
        return f"TimeComponent(historical_days={self.historical_days})"


@Language.factory("eventwire_time", default_config={"historical_days": 60},
                  requires=["doc._.events"], assigns=["doc._.events", "doc._.notes"])
def make_time(nlp, name, historical_days):
    return TimeComponent(nlp, name, historical_days)
