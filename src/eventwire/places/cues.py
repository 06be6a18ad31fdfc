"""The place stage's constructions as data: ``data/places/cues.yaml`` (validated on load;
a bad entry raises DataFileError naming file and line)."""
from __future__ import annotations

import functools
from dataclasses import dataclass
from pathlib import Path

from ..ingest._datafile import load_word_lists

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "places" / "cues.yaml"
LISTS = ("locative_preps", "destination_preps", "motion_verbs", "addressed_nouns", "object_verbs",
         "area_nouns", "place_nouns", "directions", "named_event_nouns")


@dataclass(frozen=True)
class PlaceCues:
    locative_preps: frozenset[str]
    destination_preps: frozenset[str]
    motion_verbs: frozenset[str]
    addressed_nouns: frozenset[str]
    object_verbs: frozenset[str]
    area_nouns: frozenset[str]
    place_nouns: frozenset[str]
    directions: frozenset[str]
    named_event_nouns: frozenset[str]


def load_place_cues(path: Path | str = CUES_FILE) -> PlaceCues:
    lists = load_word_lists(Path(path), LISTS, r"[a-z][a-z'\-]*", "one lower-case word")
    return PlaceCues(**{k: frozenset(v) for k, v in lists.items()})


@functools.lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    return load_place_cues()
