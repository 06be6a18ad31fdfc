"""When: the real date of each event (issues 5 and 15).

GDELT dates every event on the day of its article, so a 1964 nuclear test mentioned as
background becomes news of the day. Here each event gets the date its text gives it.

* :func:`find_dates` (``expressions``): every time expression of a text, resolved.
* :func:`resolve_event_date` (``scope``): the expression that dates one event.
* :func:`date_events` (``component``): the stage's entry point over a parsed Doc's events;
  the spaCy component ``eventwire_time`` calls it.
"""
from .component import TimeComponent, date_events
from .cues import load_cues, load_eras
from .expressions import TimeExpression, find_dates, story_date
from .periods import PRECISION_ORDER, is_historical, normalize_published, period_end
from .scope import DocDates, resolve_event_date

__all__ = ["PRECISION_ORDER", "DocDates", "TimeComponent", "TimeExpression", "date_events",
           "find_dates", "is_historical", "load_cues", "load_eras", "normalize_published",
           "period_end", "resolve_event_date", "story_date"]
