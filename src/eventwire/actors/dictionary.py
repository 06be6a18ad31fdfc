"""The actor dictionary: loading and validating the data files.

Knowledge lives in ``src/eventwire/data/actors/*.yaml`` (format: docs/actors.md); users
add files of the same format (or CSV, or PETRARCH/TABARI ``.txt`` dictionaries) with
``--actors FILE``. Every file is validated on load: a bad entry raises
:class:`eventwire.errors.DataFileError` naming the file and line.

A YAML file is a mapping with any of these sections:

    countries:      ISO3 -> {names, demonyms, capitals, native}
    people:         list of {name, id?, aliases?, short?, gender?, roles?: [[CTY, AGENT, office, from, to]]}
    offices:        ISO3 -> {leader?: office, <office>: [[name, from, to], ...]}
    organisations:  list of {name, id?, aliases?, country?, agent?, code?}
    agents:         AGENT -> [noun, ...]       (agent nouns: military -> MIL)
    office_titles:  office -> {agent, rank, titles: [...]}
"""
from __future__ import annotations

import csv
import datetime as dt
import functools
import re
from pathlib import Path
from typing import Iterable

import yaml

from ..errors import DataFileError
from .normalize import key_of, plural, slug
from .records import (CODE_RE, FULL_CODE_RE, INTERNATIONAL, LDict, LList, Actor,  # noqa: F401
                      ActorData, OfficeDef, Role, _line, _LineLoader)

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "actors"
# Load order matters only for readability of errors; later files add to earlier ones.
PACKAGE_FILES = ("agents.yaml", "countries.yaml", "organisations.yaml")
# then every people*.yaml and offices*.yaml, in name order

SECTIONS = {"countries", "people", "offices", "organisations", "agents", "office_titles",
            "modifiers", "ignore", "name_titles", "generic_heads", "person_groups",
            "former_words", "regions", "honorifics", "title_countries", "compound_prefixes",
            "combat_agents", "side_party_before", "side_party_after", "representatives",
            "person_representatives", "committee_nouns", "chambers"}


# -- value parsing ------------------------------------------------------------------------

def parse_date(value, *, end: bool, path, line) -> dt.date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (or null = open). A year/month bound covers the whole
    period: an end of "2013" means 2013-12-31."""
    if value is None or value == "" or value == "~":
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    s = str(value).strip()
    try:
        if re.fullmatch(r"\d{4}", s):
            return dt.date(int(s), 12, 31) if end else dt.date(int(s), 1, 1)
        if re.fullmatch(r"\d{4}-\d{2}", s):
            y, m = int(s[:4]), int(s[5:])
            if end:
                nxt = dt.date(y + (m == 12), m % 12 + 1, 1)
                return nxt - dt.timedelta(days=1)
            return dt.date(y, m, 1)
        return dt.date.fromisoformat(s)
    except ValueError:
        pass
    raise DataFileError(path, line, f"bad date {value!r} (want YYYY, YYYY-MM or YYYY-MM-DD)")


def _str_list(value, path, line, what) -> list[str]:
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) for v in value):
        raise DataFileError(path, line, f"{what} must be a list of strings")
    return [str(v) for v in value]


def _check_country(code, path, line, known: set[str] | None = None):
    if code is None:
        return None
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise DataFileError(path, line, f"bad country code {code!r} (want 3 capital letters)")
    return code


def _check_agent(code, path, line):
    if code is None:
        return None
    if not isinstance(code, str) or not CODE_RE.match(code):
        raise DataFileError(path, line, f"bad agent code {code!r} (want 3 capital letters)")
    return code


# -- loaders ------------------------------------------------------------------------------

def load_files(extra_files: Iterable[str] = (), phoenix: bool = True) -> ActorData:
    """The package dictionary, the Phoenix layer under it (``phoenix``) and the user's
    files over both. Precedence: user files > package files > Phoenix (docs/actors.md)."""
    data = ActorData()
    _add_pycountry(data)
    for name in PACKAGE_FILES:
        load_file(DATA_DIR / name, data)
    for f in sorted(DATA_DIR.glob("people*.yaml")) + sorted(DATA_DIR.glob("offices*.yaml")):
        load_file(f, data)
    load_cities(DATA_DIR / "cities.tsv", data)
    if phoenix:
        from .phoenix import load_phoenix
        load_phoenix(data)
    data.layer = 2
    for f in extra_files:
        load_file(Path(f), data)
    _check_offices(data)
    return data


@functools.lru_cache(maxsize=1)
def country_actors() -> dict[str, Actor]:
    """ISO3 -> its country actor: pycountry's names under the package's countries.yaml
    (validated like every actor file). For stages that need country names and demonyms
    (the web UI's filters, dedup's evidence words) without loading the whole dictionary."""
    data = ActorData()
    _add_pycountry(data)
    load_file(DATA_DIR / "countries.yaml", data)
    return {a.country: a for a in data.actors.values() if a.kind == "country" and a.country}


def _touch(actor: Actor, data: ActorData) -> Actor:
    """A higher layer redefines a Phoenix actor (its dated codes give way) and adds to a
    package one; the actor then belongs to the highest layer that named it."""
    if actor.layer == 0 and data.layer > 0:
        actor.roles, actor.code = [], None
    actor.layer = max(actor.layer, data.layer)
    return actor


def load_file(path: Path, data: ActorData) -> None:
    path = Path(path)
    if not path.exists():
        raise DataFileError(path, 0, "actor file not found")
    data.files.append(str(path))
    suffix = path.suffix.lower()
    if suffix in (".yaml", ".yml"):
        _load_yaml(path, data)
    elif suffix in (".csv", ".tsv"):
        _load_csv(path, data, delimiter="\t" if suffix == ".tsv" else ",")
    elif suffix == ".txt":
        from .petrarch import load_petrarch
        load_petrarch(path, data)
    else:
        raise DataFileError(path, 0, "unknown actor file type (want .yaml, .csv, .tsv or .txt)")


def _load_yaml(path: Path, data: ActorData) -> None:
    try:
        doc = yaml.load(path.read_text(encoding="utf-8"), Loader=_LineLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataFileError(path, (mark.line + 1) if mark else 0, f"YAML syntax: {exc}") from None
    if doc is None:
        return
    if not isinstance(doc, dict):
        raise DataFileError(path, 1, "top level must be a mapping of sections")
    for section, body in doc.items():
        if section not in SECTIONS:
            raise DataFileError(path, _line(doc), f"unknown section {section!r} "
                                f"(want one of {sorted(SECTIONS)})")
        {"countries": _countries, "people": _people, "offices": _offices,
         "organisations": _organisations, "agents": _agents,
         "office_titles": _office_titles, "modifiers": _modifiers,
         "ignore": _ignore, "name_titles": _name_titles, "generic_heads": _word_set("generic_heads"),
         "person_groups": _word_set("person_groups"),
         "former_words": _word_set("former_words"), "regions": _regions,
         "honorifics": _word_set("honorifics"), "title_countries": _title_countries,
         "compound_prefixes": _word_set("compound_prefixes"), "combat_agents": _combat_agents,
         "side_party_before": _word_set("side_party_before"),
         "side_party_after": _word_set("side_party_after"), "representatives": _nouns_and_plurals("representatives"),
         "person_representatives": _nouns_and_plurals("person_representatives"),
         "committee_nouns": _word_set("committee_nouns"), "chambers": _word_set("chambers")}[section](body, path, data, _line(body, _line(doc)))


def _agents(body, path, data: ActorData, line) -> None:
    if not isinstance(body, dict):
        raise DataFileError(path, line, "agents: want AGENT -> [nouns]")
    for agent, nouns in body.items():
        _check_agent(agent, path, _line(nouns, line))
        for n in _str_list(nouns, path, _line(nouns, line), f"agents.{agent}"):
            data.agents[n.lower()] = agent


def _combat_agents(body, path, data: ActorData, line) -> None:
    """AGENT -> [nouns]: the sector of these agent nouns' actors when the act is armed
    force ("security forces" police a crowd, COP, but fight a war, MIL)."""
    if not isinstance(body, dict):
        raise DataFileError(path, line, "combat_agents: want AGENT -> [nouns]")
    for agent, nouns in body.items():
        _check_agent(agent, path, _line(nouns, line))
        for n in _str_list(nouns, path, _line(nouns, line), f"combat_agents.{agent}"):
            if n.lower() not in data.agents:
                raise DataFileError(path, _line(nouns, line),
                                    f"combat_agents.{agent}: {n!r} is not an agent noun (list it under agents)")
            data.combat_agents[" ".join(key_of(n))] = agent


def _nouns_and_plurals(section: str):
    """A list of nouns given in the singular, their plurals derived: ``representatives``
    (whose holder speaks or acts for the actor named after for/of/at/from) and
    ``person_representatives`` (for the office holder named after for/of: "the spokesman
    for President X" speaks for X's government)."""
    def load(body, path, data: ActorData, line) -> None:
        for w in _str_list(body, path, line, section):
            getattr(data, section).update({w.lower(), plural(w.lower())})
    return load


def _modifiers(body, path, data: ActorData, line) -> None:
    data.modifiers.update(w.lower() for w in _str_list(body, path, line, "modifiers"))


def _name_titles(body, path, data: ActorData, line) -> None:
    if not isinstance(body, dict):
        raise DataFileError(path, line, "name_titles: want AGENT -> [titles]")
    for agent, titles in body.items():
        _check_agent(agent, path, _line(titles, line))
        for t in _str_list(titles, path, _line(titles, line), f"name_titles.{agent}"):
            data.name_titles[t] = agent


def _regions(body, path, data: ActorData, line) -> None:
    """ISO3 -> [region names]: provinces, states, breakaway and disputed territories.
    A region names its country (a place, like a city); listed under two countries it is
    ambiguous ("Kashmir")."""
    if not isinstance(body, dict):
        raise DataFileError(path, line, "regions: want ISO3 -> [names]")
    for iso3, names in body.items():
        ln = _line(names, line)
        _check_country(iso3, path, ln)
        for n in _str_list(names, path, ln, f"regions.{iso3}"):
            aid = f"place:{iso3.lower()}-{slug(n)}"
            data.actors[aid] = Actor(aid, "place", n, country=iso3, agent=None, layer=data.layer)
            data.actors[aid].demonyms = []
            data.region_ids.add(aid)


def _title_countries(body, path, data: ActorData, line) -> None:
    """ISO3 -> [titles]: titles that name their country when the text gives none
    ("Secretary of State X" is American, "the Taoiseach" Irish)."""
    if not isinstance(body, dict):
        raise DataFileError(path, line, "title_countries: want ISO3 -> [titles]")
    for iso3, titles in body.items():
        ln = _line(titles, line)
        _check_country(iso3, path, ln)
        for t in _str_list(titles, path, ln, f"title_countries.{iso3}"):
            data.title_countries[" ".join(key_of(t))] = iso3


def _word_set(section: str):
    def load(body, path, data: ActorData, line) -> None:
        getattr(data, section).update(w.lower() for w in _str_list(body, path, line, section))
    return load


def _ignore(body, path, data: ActorData, line) -> None:
    data.ignore += _str_list(body, path, line, "ignore")


def _office_titles(body, path, data: ActorData, line) -> None:
    if not isinstance(body, dict):
        raise DataFileError(path, line, "office_titles: want office -> {agent, rank, titles}")
    for office, spec in body.items():
        ln = _line(spec, line)
        if not isinstance(spec, dict) or "agent" not in spec:
            raise DataFileError(path, ln, f"office {office!r}: want {{agent, rank, titles}}")
        agent = _check_agent(spec["agent"], path, ln)
        rank = spec.get("rank", 9)
        if not isinstance(rank, int):
            raise DataFileError(path, ln, f"office {office!r}: rank must be an integer")
        titles = _str_list(spec.get("titles"), path, ln, "titles")
        data.offices[office] = OfficeDef(agent, rank, titles)


def _countries(body, path, data: ActorData, line) -> None:
    if not isinstance(body, dict):
        raise DataFileError(path, line, "countries: want ISO3 -> {names, demonyms, capitals}")
    for iso3, spec in body.items():
        ln = _line(spec, line)
        _check_country(iso3, path, ln)
        if spec is None:
            spec = {}
        if not isinstance(spec, dict):
            raise DataFileError(path, ln, f"country {iso3}: want a mapping")
        unknown = set(spec) - {"name", "names", "demonyms", "capitals", "native"}
        if unknown:
            raise DataFileError(path, ln, f"country {iso3}: unknown keys {sorted(unknown)}")
        aid = f"country:{iso3}"
        actor = data.actors.get(aid)
        if actor is None:
            if not spec.get("name"):
                raise DataFileError(path, ln, f"country {iso3} is not in pycountry: give a name")
            actor = data.actors[aid] = Actor(aid, "country", str(spec["name"]), country=iso3)
        elif spec.get("name"):
            actor.aliases.append(actor.name)
            actor.name = str(spec["name"])
        actor.aliases += _str_list(spec.get("names"), path, ln, "names")
        actor.demonyms += _str_list(spec.get("demonyms"), path, ln, "demonyms")
        actor.capitals += _str_list(spec.get("capitals"), path, ln, "capitals")
        actor.native += _str_list(spec.get("native"), path, ln, "native")


def _person(data: ActorData, name: str, pid: str | None = None) -> Actor:
    aid = f"person:{pid or slug(name)}"
    actor = data.actors.get(aid)
    if actor is None:
        actor = data.actors[aid] = Actor(aid, "person", name, layer=data.layer)
    return _touch(actor, data)


def _role(row, path, ln, data: ActorData) -> Role:
    if not isinstance(row, list) or len(row) not in (4, 5):
        raise DataFileError(path, ln, "role: want [COUNTRY, AGENT, office, from, to]")
    if len(row) == 4:
        row = list(row) + [None]
    cty, agent, office, start, end = row
    if cty in INTERNATIONAL:   # [IGO, WSTNAT, ...]: a CAMEO international code
        if not isinstance(agent, str) or not FULL_CODE_RE.match(agent):
            raise DataFileError(path, ln, f"bad international code block {agent!r}")
    else:
        _check_agent(agent, path, ln)
    role = Role(_check_country(cty, path, ln), agent, str(office),
                parse_date(start, end=False, path=path, line=ln),
                parse_date(end, end=True, path=path, line=ln), f"{path.name}:{ln}")
    if role.start and role.end and role.end < role.start:
        raise DataFileError(path, ln, f"role ends ({role.end}) before it starts ({role.start})")
    return role


def _people(body, path, data: ActorData, line) -> None:
    if not isinstance(body, list):
        raise DataFileError(path, line, "people: want a list of {name, aliases, roles}")
    for spec in body:
        ln = _line(spec, line)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise DataFileError(path, ln, "person: want a mapping with a name")
        unknown = set(spec) - {"name", "id", "aliases", "short", "gender", "roles", "country"}
        if unknown:
            raise DataFileError(path, ln, f"person {spec['name']!r}: unknown keys {sorted(unknown)}")
        actor = _person(data, spec["name"], spec.get("id"))
        actor.aliases += _str_list(spec.get("aliases"), path, ln, "aliases")
        actor.short += _str_list(spec.get("short"), path, ln, "short")
        if spec.get("gender") not in (None, "f", "m"):
            raise DataFileError(path, ln, "gender: want f or m")
        actor.gender = spec.get("gender") or actor.gender
        if spec.get("country"):
            actor.country = _check_country(spec["country"], path, ln)
        roles = spec.get("roles") or []
        if not isinstance(roles, list):
            raise DataFileError(path, ln, "roles: want a list of [COUNTRY, AGENT, office, from, to]")
        for r in roles:
            actor.roles.append(_role(r, path, _line(r, ln), data))


def _offices(body, path, data: ActorData, line) -> None:
    """ISO3 -> office -> holders [[name, from, to]]: the compact way to list who held
    an office when; each holder becomes a person with a dated role."""
    if not isinstance(body, dict):
        raise DataFileError(path, line, "offices: want ISO3 -> {office: [[name, from, to]]}")
    for iso3, offices in body.items():
        ln = _line(offices, line)
        _check_country(iso3, path, ln)
        if not isinstance(offices, dict):
            raise DataFileError(path, ln, f"offices.{iso3}: want office -> holders")
        for office, holders in offices.items():
            oln = _line(holders, ln)
            if office == "leader":
                data.leaders[iso3] = str(holders)
                continue
            if office not in data.offices:
                raise DataFileError(path, oln, f"unknown office {office!r} "
                                    "(define it under office_titles)")
            if not isinstance(holders, list):
                raise DataFileError(path, oln, f"{iso3}.{office}: want [[name, from, to], ...]")
            agent = data.offices[office].agent
            for h in holders:
                hln = _line(h, oln)
                if not isinstance(h, list) or len(h) not in (2, 3) or not isinstance(h[0], str):
                    raise DataFileError(path, hln, "office holder: want [name, from, to]")
                name, start, end = (list(h) + [None])[:3]
                actor = _person(data, name)
                actor.roles.append(_role([iso3, agent, office, start, end], path, hln, data))


def _organisations(body, path, data: ActorData, line) -> None:
    if not isinstance(body, list):
        raise DataFileError(path, line, "organisations: want a list of {name, country, agent}")
    for spec in body:
        ln = _line(spec, line)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise DataFileError(path, ln, "organisation: want a mapping with a name")
        unknown = set(spec) - {"name", "id", "aliases", "country", "agent", "code", "native", "roles"}
        if unknown:
            raise DataFileError(path, ln, f"organisation {spec['name']!r}: unknown keys {sorted(unknown)}")
        code = spec.get("code")
        if code is not None and (not isinstance(code, str) or not FULL_CODE_RE.match(code)):
            raise DataFileError(path, ln, f"bad code {code!r} (want 3-letter blocks, e.g. IGOUNO)")
        country = _check_country(spec.get("country"), path, ln)
        agent = _check_agent(spec.get("agent"), path, ln)
        if not (code or country or agent):
            raise DataFileError(path, ln, f"organisation {spec['name']!r}: give country, agent or code")
        aid = f"org:{spec.get('id') or slug(spec['name'])}"
        actor = _touch(data.actors.get(aid) or Actor(aid, "org", spec["name"], layer=data.layer), data)
        actor.country, actor.agent, actor.code = country, agent, code
        actor.aliases += _str_list(spec.get("aliases"), path, ln, "aliases")
        actor.native += _str_list(spec.get("native"), path, ln, "native")
        roles = spec.get("roles") or []
        if not isinstance(roles, list):
            raise DataFileError(path, ln, "roles: want a list of [COUNTRY, AGENT, what, from, to]")
        # dated roles of an organisation: what it was in a period ("the ANC" in 1987 was an
        # armed liberation movement, REB; before and after, a party); outside them the
        # organisation's own country and agent code it
        actor.roles = [_role(x, path, _line(x, ln), data) for x in roles] or actor.roles
        data.actors[aid] = actor


def _load_csv(path: Path, data: ActorData, delimiter: str) -> None:
    """A flat user format: kind,name,aliases,country,agent,office,from,to (aliases split
    by '|'); one row per role, rows of the same name merge."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter=delimiter)
        need = {"kind", "name"}
        if not rows.fieldnames or not need <= set(rows.fieldnames):
            raise DataFileError(path, 1, f"header must include {sorted(need)}")
        for i, row in enumerate(rows, start=2):
            kind = (row.get("kind") or "").strip()
            name = (row.get("name") or "").strip()
            if not name:
                raise DataFileError(path, i, "empty name")
            aliases = [a.strip() for a in (row.get("aliases") or "").split("|") if a.strip()]
            country = (row.get("country") or "").strip() or None
            agent = (row.get("agent") or "").strip() or None
            if kind == "person":
                actor = _person(data, name)
                actor.aliases += aliases
                if country or agent:
                    actor.roles.append(_role([country, agent or "GOV", row.get("office") or "member",
                                              row.get("from") or None, row.get("to") or None],
                                             path, i, data))
            elif kind == "org":
                _organisations(LList([LDict(name=name, aliases=aliases, country=country,
                                            agent=agent)]), path, data, i)
            elif kind == "country":
                if not country:
                    raise DataFileError(path, i, "country row: give the ISO3 in 'country'")
                _countries({country: LDict(names=[name] + aliases)}, path, data, i)
            else:
                raise DataFileError(path, i, f"kind must be person, org or country, not {kind!r}")


def load_cities(path: Path, data: ActorData) -> None:
    """cities.tsv (tools/build_cities.py): name, country, population, geonameid."""
    if not path.exists():
        return
    data.files.append(str(path))
    with path.open(encoding="utf-8") as fh:
        header = None
        for i, line in enumerate(fh, start=1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if header is None:
                header = cols
                if header[:2] != ["name", "country"]:
                    raise DataFileError(path, i, "header must start with name, country")
                continue
            if len(cols) != len(header):
                raise DataFileError(path, i, f"want {len(header)} tab-separated columns")
            name, country, pop, gid = cols
            _check_country(country, path, i)
            if not pop.isdigit() or not gid.isdigit():
                raise DataFileError(path, i, "population and geonameid must be integers")
            aid = f"place:{gid}"
            data.actors[aid] = Actor(aid, "place", name, country=country)


def _add_pycountry(data: ActorData) -> None:
    """Every ISO 3166 country, with pycountry's names ("Korea, Republic of" is also
    indexed in natural order: "Republic of Korea")."""
    import pycountry

    for c in pycountry.countries:
        names = {c.name, getattr(c, "official_name", None), getattr(c, "common_name", None)}
        names.discard(None)
        for n in list(names):
            if ", " in n:   # "Korea, Democratic People's Republic of" -> natural order
                head, _, tail = n.partition(", ")
                names.add(f"{tail} {head}")
                names.discard(n)
        display = getattr(c, "common_name", None) or c.name
        if ", " in display:   # countries.yaml gives the usual name ("South Korea")
            head, _, tail = display.partition(", ")
            display = f"{tail} {head}"
        aid = f"country:{c.alpha_3}"
        data.actors[aid] = Actor(aid, "country", display, country=c.alpha_3,
                                 aliases=sorted(names - {display}))


def _check_offices(data: ActorData) -> None:
    for iso3, office in data.leaders.items():
        if office not in data.offices:
            raise DataFileError("offices", 0, f"{iso3}: leader office {office!r} is not defined")
