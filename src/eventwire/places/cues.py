"""The place stage's constructions as data: ``data/places/cues.yaml`` (validated on load;
a bad entry raises DataFileError naming file and line)."""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import DataFileError
from ..ingest._datafile import line_of, load_yaml_nodes, mapping_items

CUES_FILE = Path(__file__).resolve().parent.parent / "data" / "places" / "cues.yaml"
LISTS = ("locative_preps", "destination_preps", "motion_verbs", "addressed_nouns", "object_verbs",
         "area_nouns", "place_nouns", "directions", "named_event_nouns")
_WORD = re.compile(r"[a-z][a-z'\-]*")


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
    path = Path(path)
    value, root = load_yaml_nodes(path)
    if not isinstance(value, dict):
        raise DataFileError(path, line_of(root), "expected a mapping of word lists")
    nodes = mapping_items(root)
    for key in value:
        if key not in LISTS:
            raise DataFileError(path, line_of(nodes[key]) if key in nodes else 1,
                                f"unknown list {key!r} (known: {', '.join(LISTS)})")
    lists = {}
    for key in LISTS:
        node = nodes.get(key)
        if node is None:
            raise DataFileError(path, 1, f"missing list {key!r}")
        if not isinstance(node, yaml.SequenceNode) or not node.value:
            raise DataFileError(path, line_of(node), f"{key}: expected a non-empty list")
        seen = set()
        for item in node.value:
            w = item.value if isinstance(item, yaml.ScalarNode) else None
            if not isinstance(w, str) or not _WORD.fullmatch(w):
                raise DataFileError(path, line_of(item), f"{key}: bad entry {w!r} (one lower-case word)")
            if w in seen:
                raise DataFileError(path, line_of(item), f"{key}: duplicate entry {w!r}")
            seen.add(w)
        lists[key] = frozenset(seen)
    return PlaceCues(**lists)


@functools.lru_cache(maxsize=1)
def place_cues() -> PlaceCues:
    return load_place_cues()
