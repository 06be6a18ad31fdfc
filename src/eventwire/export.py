"""Writers for ``--format jsonl|csv|parquet|gdelt|polecat``.

- jsonl: one contract record per line; csv/parquet: the same, flattened (records.flatten).
- gdelt: GDELT 2.0 Events columns (by name, header row included), one row per canonical
  event, plus a Mentions-table file next to it (``X.tsv`` -> ``X.mentions.tsv``).
- gdelt-ext: the same rows with added columns after GDELT's 61: ``DatePrecision``
  (day/month/year; "publication" when the event has no date and SQLDATE is its first
  publication day: a month-precision event keeps SQLDATE = the month's first day, and
  says so here) and ``CanonicalEventID`` (our full id).
- polecat: POLECAT-style columns with PLOVER event types, one row per canonical event.

``write_records`` works on in-memory records (``eventwire code``); ``export_store``
on a database (``eventwire export``). Both go through the same row builders.
"""
from __future__ import annotations

import csv
import datetime as _dt
import json
import os
import sys
from typing import Iterable, Iterator

from .records import flatten

FORMATS = ("jsonl", "csv", "parquet", "gdelt", "gdelt-ext", "polecat")

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
POLECAT_COLUMNS = [
    "Event ID", "Event Date", "Date Precision", "Event Type", "Event Mode", "Event Intensity", "Quad Code",
    "Contexts", "Actor Name", "Actor Country", "Primary Actor Sector", "Actor Sectors",
    "Actor Name Raw", "Actor ID", "Recipient Name", "Recipient Country",
    "Primary Recipient Sector", "Recipient Sectors", "Recipient Name Raw", "Recipient ID",
    "Placename", "Country", "Latitude", "Longitude", "GeoNames ID", "Feature Type",
    "Source", "Publication Date", "Headline", "Story ID", "Event Text", "CAMEO Code",
    "Num Mentions", "Num Sources", "Language", "Version"]

QUAD_NAMES = {1: "Verbal Cooperation", 2: "Material Cooperation", 3: "Verbal Conflict",
              4: "Material Conflict"}
SECTORS = {"GOV": "Government", "MIL": "Military", "PTY": "Political Party",
           "BUS": "Business", "MED": "Media", "OPP": "Opposition", "REB": "Rebel",
           "COP": "Police", "JUD": "Judiciary", "LEG": "Legislature", "DIP": "Diplomatic",
           "IGO": "International Organization", "NGO": "NGO", "CVL": "Civilian",
           "EDU": "Education", "SPY": "Intelligence", "ELI": "Elite", "REF": "Refugee"}
# ActionGeo_Type: 1=COUNTRY 4=WORLDCITY 5=WORLDSTATE (US codes are not distinguished).
GEO_TYPES = {"country": 1, "adm1": 5, "region": 5, "state": 5, "province": 5, "city": 4,
             "town": 4, "village": 4, "place": 4}


def _public(rec: dict) -> dict:
    return {k: v for k, v in rec.items() if not str(k).startswith("_")}


def mentions_path(out: str) -> str:
    """Where the GDELT Mentions file goes: ``events.tsv`` -> ``events.mentions.tsv``."""
    root, ext = os.path.splitext(out)
    return f"{root}.mentions{ext or '.tsv'}"


# ------------------------------------------------------------------ GDELT rows

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
            "ActionGeo_Lat": _num(ev.get("location_lat")),
            "ActionGeo_Long": _num(ev.get("location_lon")),
            "ActionGeo_FeatureID": _num(ev.get("location_geonameid"))})
    added = ev.get("first_published") or date
    row["DATEADDED"] = _ymd(added) + "000000" if added else ""
    row["SOURCEURL"] = ev.get("source_url") or ""
    # extended columns (written by --format gdelt-ext only)
    # an undated event's SQLDATE is its first publication day: say so
    row["DatePrecision"] = (ev.get("date_precision") or "day") if ev.get("date") else (
        "publication" if date else "unknown")
    row["CanonicalEventID"] = ev["canonical_event_id"]
    return row


def _num(v) -> str:
    if v is None or v != v:  # None or NaN
        return ""
    return str(int(v)) if isinstance(v, float) and v.is_integer() and abs(v) > 1000 else str(v)


def gdelt_mention_row(rec: dict, event_date=None) -> dict:
    """One GDELT 2.0 Mentions row from a contract record."""
    doc = rec.get("doc") or {}
    src, tgt, verb = rec.get("source") or {}, rec.get("target") or {}, rec.get("verb") or {}

    def off(obj):
        sp = obj.get("span")
        return sp[0] if sp else ""

    return {
        "GLOBALEVENTID": gdelt_id(rec["canonical_event_id"]),
        "EventTimeDate": _ymd(event_date or rec.get("date")) + "000000" if (event_date or rec.get("date")) else "",
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


def polecat_row(ev: dict) -> dict:
    """One POLECAT-style row (PLOVER types) from a flat canonical event."""
    def sectors(agent):
        names = [SECTORS.get(agent[i:i + 3], agent[i:i + 3]) for i in range(0, len(agent or ""), 3)]
        return names

    src_sec, tgt_sec = sectors(ev.get("source_agent") or ""), sectors(ev.get("target_agent") or "")
    return {
        "Event ID": ev["canonical_event_id"], "Event Date": ev.get("date") or "",
        "Date Precision": ev.get("date_precision") or ("unknown" if not ev.get("date") else "day"),
        "Event Type": (ev.get("plover_event_type") or "").upper(),
        "Event Mode": ev.get("plover_mode") or "",
        "Event Intensity": ev.get("goldstein") if ev.get("goldstein") is not None else "",
        "Quad Code": QUAD_NAMES.get(ev.get("quad_class"), ""),
        "Contexts": ev.get("plover_context") or "",
        "Actor Name": ev.get("source_name") or "", "Actor Country": ev.get("source_country") or "",
        "Primary Actor Sector": src_sec[0] if src_sec else "", "Actor Sectors": ";".join(src_sec),
        "Actor Name Raw": ev.get("source_text") or "", "Actor ID": ev.get("source_actor_id") or "",
        "Recipient Name": ev.get("target_name") or "",
        "Recipient Country": ev.get("target_country") or "",
        "Primary Recipient Sector": tgt_sec[0] if tgt_sec else "",
        "Recipient Sectors": ";".join(tgt_sec),
        "Recipient Name Raw": ev.get("target_text") or "",
        "Recipient ID": ev.get("target_actor_id") or "",
        "Placename": ev.get("location_name") or "", "Country": ev.get("location_country") or "",
        "Latitude": _num(ev.get("location_lat")), "Longitude": _num(ev.get("location_lon")),
        "GeoNames ID": _num(ev.get("location_geonameid")),
        "Feature Type": ev.get("location_precision") or "",
        "Source": ev.get("source_url") or "", "Publication Date": ev.get("first_published") or "",
        "Headline": ev.get("title") or "", "Story ID": ev.get("story_id") or "",
        "Event Text": ev.get("sentence") or "", "CAMEO Code": ev.get("cameo") or "",
        "Num Mentions": ev.get("num_mentions"), "Num Sources": ev.get("num_sources"),
        "Language": "en", "Version": "eventwire-1",
    }


# ------------------------------------------------------------------ writers

class _Out:
    """A text or binary output: a path, or stdout when ``out`` is None or '-'."""

    def __init__(self, out, binary=False):
        self.out, self.binary = (None if out in (None, "-") else str(out)), binary

    def __enter__(self):
        if self.out:
            parent = os.path.dirname(os.path.abspath(self.out))
            os.makedirs(parent, exist_ok=True)
            self.fh = open(self.out, "wb" if self.binary else "w", encoding=None if self.binary else "utf-8",
                           newline=None if self.binary else "")
        else:
            self.fh = sys.stdout.buffer if self.binary else sys.stdout
        return self.fh

    def __exit__(self, *exc):
        if self.out:
            self.fh.close()
        else:
            self.fh.flush()


def _write_tsv(rows: Iterable[dict], columns: list[str], out) -> int:
    n = 0
    with _Out(out) as fh:
        w = csv.DictWriter(fh, fieldnames=columns, delimiter="\t", lineterminator="\n",
                           quoting=csv.QUOTE_MINIMAL, extrasaction="ignore")
        w.writeheader()
        for row in rows:
            w.writerow({k: _tsv_clean(v) for k, v in row.items()})
            n += 1
    return n


def _tsv_clean(v):
    # GDELT-style files have no quoting: keep tabs and newlines out of values.
    if isinstance(v, str):
        return v.replace("\t", " ").replace("\r", " ").replace("\n", " ")
    return "" if v is None else v


def write_jsonl(records: Iterable[dict], out) -> int:
    n = 0
    with _Out(out) as fh:
        for rec in records:
            fh.write(json.dumps(_public(rec), ensure_ascii=False, default=str) + "\n")
            n += 1
    return n


def write_csv(records: Iterable[dict], out) -> int:
    n = 0
    with _Out(out) as fh:
        w = None
        for rec in records:
            flat = flatten(rec)
            flat.update({k: v for k, v in _public(rec).items() if k not in flat and k not in
                         ("source", "target", "doc", "plover", "verb", "attribution", "location", "span")})
            if w is None:
                w = csv.DictWriter(fh, fieldnames=list(flat), lineterminator="\n", extrasaction="ignore")
                w.writeheader()
            w.writerow({k: json.dumps(v) if isinstance(v, (list, dict)) else v for k, v in flat.items()})
            n += 1
        if w is None:  # no records: still a header, so readers see the columns
            from .records import empty_event
            csv.writer(fh, lineterminator="\n").writerow(list(flatten(empty_event())))
    return n


def write_parquet(records: Iterable[dict], out) -> int:
    import pandas as pd

    from .records import empty_event

    rows = [flatten(r) for r in records]
    df = pd.DataFrame(rows, columns=list(flatten(empty_event())))
    for c in ("sentence_index", "span_start", "span_end", "quad_class", "location_geonameid"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("Int64")
    for c in ("goldstein", "confidence", "location_lat", "location_lon"):
        df[c] = pd.to_numeric(df[c], errors="coerce").astype("float64")
    for c in ("negated", "historical"):
        df[c] = df[c].astype("boolean")
    with _Out(out, binary=True) as fh:
        df.to_parquet(fh, index=False)
    return len(df)


def write_gdelt(events: Iterable[dict], mentions: Iterable[dict], out, mentions_out=None,
                extended: bool = False) -> int:
    """Events file (+ Mentions file when writing to a path). ``events`` are flat events;
    ``extended`` adds GDELT_EXTENDED_COLUMNS (date precision and basis, our id)."""
    events = list(events)
    columns = GDELT_EVENT_COLUMNS + (GDELT_EXTENDED_COLUMNS if extended else [])
    n = _write_tsv((gdelt_event_row(e) for e in events), columns, out)
    if out not in (None, "-") or mentions_out:
        dates = {e["canonical_event_id"]: e.get("date") for e in events}
        _write_tsv((gdelt_mention_row(m, dates.get(m["canonical_event_id"])) for m in mentions
                    if m.get("canonical_event_id") in dates),
                   GDELT_MENTION_COLUMNS, mentions_out or mentions_path(out))
    return n


def write_polecat(events: Iterable[dict], out) -> int:
    return _write_tsv((polecat_row(e) for e in events), POLECAT_COLUMNS, out)


def _flat_events_from_records(records: list[dict]) -> list[dict]:
    from .dedup import canonical_event, dedup
    from .store import flat_event

    groups = dedup(records)
    out = []
    for cid in sorted(groups):
        ev = flat_event(canonical_event(groups[cid]))
        ev["title"] = ((groups[cid][0].get("doc") or {}).get("title"))
        out.append(ev)
    return out


def write_records(records, fmt: str = "jsonl", out=None, mentions_out=None) -> int:
    """Write in-memory contract records. Returns the number of rows written.

    gdelt/polecat rows are canonical events: the records are deduplicated first (asserted,
    non-historical ones only, as event counts must be).
    """
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt == "jsonl":
        return write_jsonl(records, out)
    if fmt == "csv":
        return write_csv(records, out)
    if fmt == "parquet":
        return write_parquet(records, out)
    counted = [r for r in records if not r.get("negated") and not r.get("historical")]
    events = _flat_events_from_records(counted)
    if fmt in ("gdelt", "gdelt-ext"):
        return write_gdelt(events, counted, out, mentions_out, extended=fmt == "gdelt-ext")
    return write_polecat(events, out)


# ------------------------------------------------------------------ from a store

def store_events(store, include_negated=False, include_historical=False) -> Iterator[dict]:
    """Flat canonical events of a store, with IsRootEvent and the headline."""
    clauses = []
    if not include_negated:
        clauses.append("NOT coalesce(e.negated, false)")
    if not include_historical:
        clauses.append("NOT coalesce(e.historical, false)")
    where = " WHERE " + " AND ".join(clauses) if clauses else ""
    cur = store._cur().execute(f"""
        SELECT e.*, r.is_root_event, d.title
        FROM events e
        LEFT JOIN (SELECT canonical_event_id, bool_or(sentence_index = 0) AS is_root_event
                   FROM mentions GROUP BY 1) r USING (canonical_event_id)
        LEFT JOIN documents d ON d.doc_id = e.doc_id
        {where} ORDER BY e.date NULLS LAST, e.canonical_event_id""")
    cols = [d[0] for d in cur.description]
    while rows := cur.fetchmany(5000):
        for row in rows:
            ev = dict(zip(cols, row))
            for k in ("date", "first_published"):
                if ev.get(k) is not None:
                    ev[k] = ev[k].isoformat()
            yield ev


def export_store(store, fmt: str, out=None, include_negated=False, include_historical=False,
                 mentions_out=None) -> int:
    """Export a database: records (jsonl/csv/parquet) or canonical events (gdelt/polecat)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format {fmt!r} (one of {', '.join(FORMATS)})")
    if fmt in ("jsonl", "csv", "parquet"):
        records = store.iter_mentions(include_negated=include_negated,
                                      include_historical=include_historical)
        return {"jsonl": write_jsonl, "csv": write_csv, "parquet": write_parquet}[fmt](records, out)
    events = store_events(store, include_negated, include_historical)
    if fmt == "polecat":
        return write_polecat(events, out)
    mentions = store.iter_mentions(include_negated=include_negated,
                                   include_historical=include_historical)
    return write_gdelt(events, mentions, out, mentions_out, extended=fmt == "gdelt-ext")


__all__ = ["write_records", "export_store", "FORMATS", "GDELT_EVENT_COLUMNS",
           "GDELT_EXTENDED_COLUMNS",
           "GDELT_MENTION_COLUMNS", "POLECAT_COLUMNS", "mentions_path"]
