"""GDELT 2.0 Events and Mentions rows, written as GDELT publishes them.

GDELT's files are tab-separated, without a header row and without quoting (the
codebook: "separated by a newline, tab-delimited"; the files are named ``.CSV``). So are
ours: ``pandas.read_csv(path, sep="\\t", header=None, names=GDELT_EVENT_COLUMNS)`` loads
them. ``header=True`` adds a header row. One row per canonical event (Events) and one per
mention (Mentions).

``--format gdelt-ext`` adds, after GDELT's 61 columns, ``DatePrecision`` (day/month/year;
"publication" when the event has no date and SQLDATE is its first publication day: a
month-precision event keeps SQLDATE = the month's first day, and says so here) and
``CanonicalEventID`` (our full id).

Differences from GDELT (docs/store.md): ``GLOBALEVENTID`` is the first 60 bits of our hex
id; ``ActionGeo_CountryCode`` is ISO 3166 alpha-3 (GDELT uses FIPS 10-4); ``AvgTone``,
actor geography and ADM codes are empty; ``DATEADDED`` is the first publication date at
000000.
"""
from __future__ import annotations

import csv
import datetime as _dt
from typing import Iterable

from .files import Written, open_out

_ACTOR = ["Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
          "Religion2Code", "Type1Code", "Type2Code", "Type3Code"]
_GEO = ["Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID"]
GDELT_EVENT_COLUMNS = (
    ["GLOBALEVENTID", "SQLDATE", "MonthYear", "Year", "FractionDate"]
    + [f"Actor1{c}" for c in _ACTOR] + [f"Actor2{c}" for c in _ACTOR]
    + ["IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
       "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone"]
    + [f"Actor1Geo_{c}" for c in _GEO] + [f"Actor2Geo_{c}" for c in _GEO]
    + [f"ActionGeo_{c}" for c in _GEO] + ["DATEADDED", "SOURCEURL"])
# Added after GDELT's own columns in the extended export (``--format gdelt-ext``).
GDELT_EXTENDED_COLUMNS = ["DatePrecision", "CanonicalEventID"]
GDELT_MENTION_COLUMNS = [
    "GLOBALEVENTID", "EventTimeDate", "MentionTimeDate", "MentionType", "MentionSourceName",
    "MentionIdentifier", "SentenceID", "Actor1CharOffset", "Actor2CharOffset",
    "ActionCharOffset", "InRawText", "Confidence", "MentionDocLen", "MentionDocTone",
    "MentionDocTranslationInfo", "Extras"]

# ActionGeo_Type: 1=COUNTRY 4=WORLDCITY 5=WORLDSTATE (US codes are not distinguished).
GEO_TYPES = {"country": 1, "adm1": 5, "region": 5, "state": 5, "province": 5, "city": 4,
             "town": 4, "village": 4, "place": 4}


def _ymd(date) -> str:
    return str(date)[:10].replace("-", "") if date else ""


def gdelt_id(canonical_event_id: str) -> int:
    """GDELT ids are integers: the first 60 bits of our hex id."""
    return int(canonical_event_id[:15], 16)


def _fraction(date) -> str:
    try:
        d = _dt.date.fromisoformat(str(date)[:10])
    except (TypeError, ValueError):
        return ""
    return f"{d.year + (d.timetuple().tm_yday - 1) / 365:.4f}"


def num(v) -> str:
    if v is None or v != v:  # None or NaN
        return ""
    return str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) > 1000 else str(v)


def gdelt_event_row(ev: dict) -> dict:
    """One GDELT 2.0 Events row from a flat canonical event (store events columns)."""
    date = ev.get("date") or ev.get("first_published")
    row = {c: "" for c in GDELT_EVENT_COLUMNS}
    ymd = _ymd(date)
    row.update(GLOBALEVENTID=gdelt_id(ev["canonical_event_id"]), SQLDATE=ymd,
               MonthYear=ymd[:6], Year=ymd[:4], FractionDate=_fraction(date))
    for n, side in ((1, "source"), (2, "target")):
        agent = ev.get(f"{side}_agent") or ""
        row.update({
            f"Actor{n}Code": ev.get(f"{side}_code") or "",
            f"Actor{n}Name": (ev.get(f"{side}_name") or "").upper(),
            f"Actor{n}CountryCode": ev.get(f"{side}_country") or "",
            f"Actor{n}Type1Code": agent[:3], f"Actor{n}Type2Code": agent[3:6],
            f"Actor{n}Type3Code": agent[6:9]})
    cameo = ev.get("cameo") or ""
    row.update(IsRootEvent=int(bool(ev.get("is_root_event"))), EventCode=cameo,
               EventBaseCode=cameo[:3], EventRootCode=ev.get("cameo_root") or cameo[:2],
               QuadClass=ev.get("quad_class") if ev.get("quad_class") is not None else "",
               GoldsteinScale=ev.get("goldstein") if ev.get("goldstein") is not None else "",
               NumMentions=ev.get("num_mentions"), NumSources=ev.get("num_sources"),
               NumArticles=ev.get("num_articles"))
    if ev.get("location_name") or ev.get("location_country"):
        row.update({
            "ActionGeo_Type": GEO_TYPES.get((ev.get("location_precision") or "").lower(), 4),
            "ActionGeo_FullName": ev.get("location_name") or "",
            # ISO 3166 alpha-3, not GDELT's FIPS 10-4 (documented in docs/store.md)
            "ActionGeo_CountryCode": ev.get("location_country") or "",
            "ActionGeo_Lat": num(ev.get("location_lat")),
            "ActionGeo_Long": num(ev.get("location_lon")),
            "ActionGeo_FeatureID": num(ev.get("location_geonameid"))})
    added = ev.get("first_published") or date
    row["DATEADDED"] = _ymd(added) + "000000" if added else ""
    row["SOURCEURL"] = ev.get("source_url") or ""
    # extended columns (written by --format gdelt-ext only)
    row["DatePrecision"] = (ev.get("date_precision") or "day") if ev.get("date") else (
        "publication" if date else "unknown")
    row["CanonicalEventID"] = ev["canonical_event_id"]
    return row


def gdelt_mention_row(rec: dict, event_date=None) -> dict:
    """One GDELT 2.0 Mentions row from a contract record."""
    doc = rec.get("doc") or {}
    src, tgt, verb = rec.get("source") or {}, rec.get("target") or {}, rec.get("verb") or {}

    def off(obj):
        sp = obj.get("span")
        return sp[0] if sp else ""

    when = event_date or rec.get("date")
    return {
        "GLOBALEVENTID": gdelt_id(rec["canonical_event_id"]),
        "EventTimeDate": _ymd(when) + "000000" if when else "",
        "MentionTimeDate": _ymd(doc.get("published")) + "000000" if doc.get("published") else "",
        "MentionType": 1,
        "MentionSourceName": doc.get("outlet") or "",
        "MentionIdentifier": doc.get("path") or "",
        "SentenceID": (rec.get("sentence_index") or 0) + 1,
        "Actor1CharOffset": off(src), "Actor2CharOffset": off(tgt), "ActionCharOffset": off(verb),
        "InRawText": 1,
        "Confidence": int(round(100 * (rec.get("confidence") or 0))),
        "MentionDocLen": "", "MentionDocTone": "", "MentionDocTranslationInfo": "",
        "Extras": rec.get("event_id") or "",
    }


def _clean(v):
    # GDELT files have no quoting: tabs and newlines must not occur inside a value.
    if isinstance(v, str):
        return v.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "" if v is None else v


def write_gdelt_rows(rows: Iterable[dict], columns: list[str], out, header: bool = False) -> int:
    """Tab-separated, unquoted, headerless unless ``header`` (GDELT's layout)."""
    n = 0
    with open_out(out) as fh:
        w = csv.writer(fh, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_NONE,
                       quotechar=None, escapechar=None)
        if header:
            w.writerow(columns)
        for row in rows:
            w.writerow([_clean(row.get(c)) for c in columns])
            n += 1
    return n


def write_gdelt(events: Iterable[dict], mentions: Iterable[dict], out, mentions_out=None,
                extended: bool = False, header: bool = False) -> Written:
    """The Events file (+ the Mentions file at ``mentions_out``). ``events`` are flat
    canonical events, ``mentions`` contract records; ``extended`` adds
    GDELT_EXTENDED_COLUMNS; ``header`` a header row."""
    events = list(events)
    columns = GDELT_EVENT_COLUMNS + (GDELT_EXTENDED_COLUMNS if extended else [])
    n = write_gdelt_rows((gdelt_event_row(e) for e in events), columns, out, header)
    paths = [out]
    if mentions_out:
        dates = {e["canonical_event_id"]: e.get("date") for e in events}
        write_gdelt_rows((gdelt_mention_row(m, dates.get(m["canonical_event_id"]))
                          for m in mentions if m.get("canonical_event_id") in dates),
                         GDELT_MENTION_COLUMNS, mentions_out, header)
        paths.append(mentions_out)
    return Written(n, paths=paths)
