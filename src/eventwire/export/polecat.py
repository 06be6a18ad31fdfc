"""POLECAT/PLOVER rows: one per canonical event that has a PLOVER event type.

The columns are those of the published POLECAT files (tab-separated, header row), in
their order, then ours (``POLECAT_EXTRA_COLUMNS``). The values follow the PLOVER manual
(0.8) and the NGEC codebook, field by field:

- ``Event Type``: one of PLOVER's 16 types. CAMEO codes without one (01x statements:
  PLOVER does not code comment) give no row; ``write_polecat`` counts them in
  ``Written.left_out``.
- ``Event Mode``: a mode of that type, or empty.
- ``Event Intensity``: the PLOVER conflict-cooperation score of the type and mode
  (``data/plover/scores.csv``, the manual's table), not CAMEO's Goldstein value.
- ``Quad Code``: the quad category the manual gives the event type (REQUEST is verbal
  conflict in PLOVER, CAMEO's appeals are verbal cooperation), in capitals.
- ``Actor/Recipient Country``: ISO 3166 alpha-3, or the manual's codes for international
  non-state actors (UNO, EUR, IGO, NGO, MNC).
- ``Primary Actor Sector`` / ``Actor Sectors``: PLOVER sector codes (``data/plover/
  sectors.csv``): the primary one, then the others. PLOVER's ``MED`` is health and
  ``JRN`` media (CAMEO's MED is media, HLH health).
- One separator, ``;``, for every field with several values (contexts, sectors).
"""
from __future__ import annotations

import csv
import functools
from importlib import resources
from typing import Iterable

from .. import __version__
from ..errors import DataFileError
from .files import Written, open_out
from .gdelt import num

POLECAT_COLUMNS_PUBLISHED = [
    "Event ID", "Event Date", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Actor COW", "Primary Actor Sector",
    "Actor Sectors", "Actor Title", "Actor Name Raw", "Wikipedia Actor ID", "Recipient Name",
    "Recipient Country", "Recipient COW", "Primary Recipient Sector", "Recipient Sectors",
    "Recipient Title", "Recipient Name Raw", "Wikipedia Recipient ID", "Placename", "City",
    "District", "Province", "Country", "Latitude", "Longitude", "GeoNames ID",
    "Raw Placename", "Feature Type", "Source", "Publication Date", "Story People",
    "Story Organizations", "Story Locations", "Language", "Version"]
# Ours, after POLECAT's: a POLECAT loader that takes the first 40 columns by name works.
POLECAT_EXTRA_COLUMNS = [
    "Date Precision", "Actor ID", "Recipient ID", "CAMEO Code", "Num Mentions",
    "Num Sources", "Num Articles", "Story ID", "Headline", "Event Text"]
POLECAT_COLUMNS = POLECAT_COLUMNS_PUBLISHED + POLECAT_EXTRA_COLUMNS

SEPARATOR = ";"
QUADS = {"verbal_cooperation": "VERBAL COOPERATION", "material_cooperation": "MATERIAL COOPERATION",
         "verbal_conflict": "VERBAL CONFLICT", "material_conflict": "MATERIAL CONFLICT"}
# International non-state actors in PLOVER's country field (manual, "Non-state
# international actors"), from the start of our CAMEO-style codes.
# (IGOEEC: the EU and its bodies in our codes; IGOEUR: CAMEO's, in users' dictionaries)
NONSTATE = (("IGOUNO", "UNO"), ("IGOEEC", "EUR"), ("IGOEUR", "EUR"), ("IGO", "IGO"),
            ("NGO", "NGO"), ("MNC", "MNC"))
# GeoNames feature codes for our place precisions ("Feature Type").
FEATURES = {"country": "PCLI", "adm1": "ADM1", "region": "ADM1", "state": "ADM1",
            "province": "ADM1", "city": "PPL", "town": "PPL", "village": "PPL", "place": "PPL"}
LEFT_OUT = "no PLOVER event type (CAMEO 01x statements and other comment)"


def _rows(name: str):
    path = resources.files("eventwire") / "data" / "plover" / name
    with path.open(encoding="utf-8") as fh:
        lines = [(i, line) for i, line in enumerate(fh, 1) if not line.startswith("#")]
    reader = csv.DictReader(line for _, line in lines)
    for (lineno, _), row in zip(lines[1:], reader):
        yield str(path), lineno, row


@functools.lru_cache(maxsize=1)
def plover_tables() -> dict:
    """{"scores": {(type, mode|None): float}, "sectors": {cameo: plover},
    "quads": {type: "VERBAL ..."}} from the package data, validated."""
    from ..events.codebook import get_codebook

    types = get_codebook().plover_types
    scores: dict = {}
    for path, line, row in _rows("scores.csv"):
        etype, mode = row["event_type"], row["mode"] or None
        if etype not in types or (mode and mode not in types[etype]["modes"]):
            raise DataFileError(path, line, f"{etype}: {mode} is not a PLOVER type/mode")
        try:
            scores[(etype, mode)] = float(row["score"])
        except ValueError:
            raise DataFileError(path, line, f"not a number: {row['score']!r}") from None
    missing = [t for t in types if (t, None) not in scores]
    if missing:
        raise DataFileError(path, 0, f"no score for {', '.join(missing)}")
    sectors = {}
    for path, line, row in _rows("sectors.csv"):
        if len(row["cameo"]) != 3 or len(row["plover"]) != 3:
            raise DataFileError(path, line, "codes have 3 letters")
        sectors[row["cameo"]] = row["plover"]
    quads = {t: QUADS[spec["quad"]] for t, spec in types.items()}
    return {"scores": scores, "sectors": sectors, "quads": quads}


def intensity(event_type: str, mode: str | None) -> float | None:
    """PLOVER's conflict-cooperation score of a type (and mode, when it has its own)."""
    scores = plover_tables()["scores"]
    return scores.get((event_type, mode or None), scores.get((event_type, None)))


def plover_country(country: str | None, code: str | None) -> str:
    if country:
        return country
    for prefix, name in NONSTATE:
        if (code or "").startswith(prefix):
            return name
    return ""


def plover_sectors(code: str | None, agent: str | None) -> list[str]:
    """PLOVER sectors of a CAMEO-style actor: its agent codes (``CHNGOVMIL`` -> GOV, MIL;
    ``IGOUNOHLH`` -> MED), mapped and without repeats."""
    table = plover_tables()["sectors"]
    chunks = agent or (code or "")[3:]
    out: list[str] = []
    for i in range(0, len(chunks), 3):
        sector = table.get(chunks[i:i + 3])
        if sector and sector not in out:
            out.append(sector)
    return out


def polecat_row(ev: dict) -> dict | None:
    """One POLECAT row from a flat canonical event; None when it has no PLOVER type."""
    etype = (ev.get("plover_event_type") or "").upper()
    tables = plover_tables()
    if etype not in tables["quads"]:
        return None
    mode = ev.get("plover_mode") or ""
    contexts = [c for c in (ev.get("plover_context") or "").replace(";", ",").split(",") if c]
    src = plover_sectors(ev.get("source_code"), ev.get("source_agent"))
    tgt = plover_sectors(ev.get("target_code"), ev.get("target_agent"))
    precision = (ev.get("location_precision") or "").lower()
    row = {c: "" for c in POLECAT_COLUMNS}
    row.update({
        "Event ID": ev["canonical_event_id"], "Event Date": ev.get("date") or "",
        "Event Type": etype, "Event Mode": mode,
        "Event Intensity": num(intensity(etype, mode)),
        "Quad Code": tables["quads"][etype],
        "Contexts": SEPARATOR.join(contexts),
        "Actor Name": ev.get("source_name") or "",
        "Actor Country": plover_country(ev.get("source_country"), ev.get("source_code")),
        "Primary Actor Sector": src[0] if src else "", "Actor Sectors": SEPARATOR.join(src[1:]),
        "Actor Name Raw": ev.get("source_text") or "",
        "Recipient Name": ev.get("target_name") or "",
        "Recipient Country": plover_country(ev.get("target_country"), ev.get("target_code")),
        "Primary Recipient Sector": tgt[0] if tgt else "",
        "Recipient Sectors": SEPARATOR.join(tgt[1:]),
        "Recipient Name Raw": ev.get("target_text") or "",
        "Placename": ev.get("location_name") or "",
        "City": (ev.get("location_name") or "") if FEATURES.get(precision) == "PPL" else "",
        "Province": (ev.get("location_name") or "") if FEATURES.get(precision) == "ADM1" else "",
        "Country": ev.get("location_country") or "",
        "Latitude": num(ev.get("location_lat")), "Longitude": num(ev.get("location_lon")),
        "GeoNames ID": num(ev.get("location_geonameid")),
        "Feature Type": FEATURES.get(precision, ""),
        "Source": ev.get("source_url") or "", "Publication Date": ev.get("first_published") or "",
        "Language": "en", "Version": f"eventwire-{__version__}",
        # ours
        "Date Precision": ev.get("date_precision") or ("unknown" if not ev.get("date") else "day"),
        "Actor ID": ev.get("source_actor_id") or "", "Recipient ID": ev.get("target_actor_id") or "",
        "CAMEO Code": ev.get("cameo") or "",
        "Num Mentions": num(ev.get("num_mentions")), "Num Sources": num(ev.get("num_sources")),
        "Num Articles": num(ev.get("num_articles")),
        "Story ID": ev.get("story_id") or "", "Headline": ev.get("title") or "",
        "Event Text": ev.get("sentence") or "",
    })
    return row


def _clean(v) -> str:
    if v is None:
        return ""
    return str(v).replace("\t", " ").replace("\r", " ").replace("\n", " ")


def write_polecat(events: Iterable[dict], out) -> Written:
    """A POLECAT file (header row, tab-separated); rows without a PLOVER type are left
    out and counted in ``left_out``."""
    n = skipped = 0
    with open_out(out) as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        w.writerow(POLECAT_COLUMNS)
        for ev in events:
            row = polecat_row(ev)
            if row is None:
                skipped += 1
                continue
            w.writerow([_clean(row[c]) for c in POLECAT_COLUMNS])
            n += 1
    return Written(n, paths=[out], left_out={LEFT_OUT: skipped} if skipped else {})
