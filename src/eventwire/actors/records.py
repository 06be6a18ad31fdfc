"""The actor dictionary's typed records (Actor, Role, ActorData) and the line-aware YAML
loader every actor file format shares.

Kept apart from the loaders in :mod:`eventwire.actors.dictionary` so that the format
readers it dispatches to (PETRARCH ``.txt`` files, the Phoenix layer) depend on these
records, not on the dispatcher: no import circle.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

import yaml

CODE_RE = re.compile(r"^[A-Z]{3}$")
INTERNATIONAL = {"IGO", "NGO", "IMG", "NGM", "MNC", "INT"}   # CAMEO codes, not countries
FULL_CODE_RE = re.compile(r"^(?:[A-Z]{3})+$")


# -- line-aware YAML --------------------------------------------------------------------

class LDict(dict):
    line = 0


class LList(list):
    line = 0


_Base = getattr(yaml, "CSafeLoader", yaml.SafeLoader)   # libyaml when available: 10x faster


class _LineLoader(_Base):
    """SafeLoader whose mappings and sequences remember their 1-based line; dates stay
    strings (parse_date validates them, with the line)."""


_LineLoader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in _Base.yaml_implicit_resolvers.items()}


def _construct_mapping(loader, node):
    d = LDict(loader.construct_mapping(node, deep=True))
    d.line = node.start_mark.line + 1
    return d


def _construct_seq(loader, node):
    s = LList(loader.construct_sequence(node, deep=True))
    s.line = node.start_mark.line + 1
    return s


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_seq)


def _line(obj, default=1) -> int:
    return getattr(obj, "line", default) or default


# -- records ------------------------------------------------------------------------------

@dataclass
class Role:
    country: str
    agent: str
    office: str
    start: dt.date | None
    end: dt.date | None
    source: str = ""            # "file:line", for debugging a wrong code

    def active(self, day: dt.date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass
class Actor:
    actor_id: str
    kind: str                   # country | person | org | place
    name: str
    country: str | None = None
    agent: str | None = None
    code: str | None = None     # explicit full code (IGOUNO); else country + agent
    aliases: list[str] = field(default_factory=list)
    short: list[str] = field(default_factory=list)   # coreference-only short forms
    roles: list[Role] = field(default_factory=list)
    gender: str | None = None
    demonyms: list[str] = field(default_factory=list)
    capitals: list[str] = field(default_factory=list)
    native: list[str] = field(default_factory=list)  # CJK/Hangul/other-script names
    layer: int = 1              # 0 Phoenix < 1 package < 2 user files (docs/actors.md)


@dataclass
class OfficeDef:
    agent: str
    rank: int
    titles: list[str]


@dataclass
class ActorData:
    actors: dict[str, Actor] = field(default_factory=dict)
    agents: dict[str, str] = field(default_factory=dict)          # noun -> agent code
    offices: dict[str, OfficeDef] = field(default_factory=dict)
    leaders: dict[str, str] = field(default_factory=dict)         # ISO3 -> office
    modifiers: set[str] = field(default_factory=set)  # words allowed inside "Chinese state media"
    ignore: list[str] = field(default_factory=list)   # forms that are not actors ("Korean Peninsula")
    stems: list[tuple[str, str]] = field(default_factory=list)  # PETRARCH word stems -> actor_id
    name_titles: dict[str, str] = field(default_factory=dict)   # "Gen." -> MIL (only before a name)
    generic_heads: set[str] = field(default_factory=set)        # "officials": defer to "army"
    person_groups: set[str] = field(default_factory=set)        # "Bush administration"
    former_words: set[str] = field(default_factory=set)         # "ousted President X" -> ELI
    honorifics: set[str] = field(default_factory=set)           # "Mr.": a person's name follows
    compound_prefixes: set[str] = field(default_factory=set)    # "multi-party": an adjective
    combat_agents: dict[str, str] = field(default_factory=dict)   # "security forces" in battle -> MIL
    side_party_before: set[str] = field(default_factory=set)    # "the warring parties": sides
    side_party_after: set[str] = field(default_factory=set)     # "all parties concerned": sides
    representatives: set[str] = field(default_factory=set)      # "a spokesman for Amnesty" -> Amnesty
    person_representatives: set[str] = field(default_factory=set)  # "the spokesman for President X"
    title_countries: dict[str, str] = field(default_factory=dict)  # "secretary of state" -> USA
    committee_nouns: set[str] = field(default_factory=set)      # "the Senate Intelligence Committee"
    chambers: set[str] = field(default_factory=set)             # ... of a legislature: LEG
    region_ids: set[str] = field(default_factory=set)           # places that are regions
    files: list[str] = field(default_factory=list)
    layer: int = 1              # the layer being loaded: 0 Phoenix, 1 package, 2 user files
