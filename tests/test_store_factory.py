"""Hand-made contract records for the store/dedup/export/analysis tests.

Tests build events with ``make_record`` instead of running the coder, so they state
exactly what they mean and do not depend on the coder's progress.
"""
from __future__ import annotations

from eventwire.pipeline import CodedDocument, finish_record
from eventwire.records import EVENT_FIELDS, Document

COUNTRIES = {"CHN": "China", "PRK": "North Korea", "USA": "United States",
             "KOR": "South Korea", "JPN": "Japan", "RUS": "Russia"}
# code -> (quad_class, goldstein, plover type)
CODES = {
    "010": (1, 0.0, None), "036": (1, 4.0, "CONSULT"), "040": (1, 1.0, "CONSULT"),
    "042": (1, 1.9, "CONSULT"), "043": (1, 2.8, "CONSULT"), "046": (1, 7.0, "CONSULT"),
    "051": (1, 3.4, "SUPPORT"), "057": (1, 8.0, "AGREE"), "070": (2, 7.0, "AID"),
    "111": (3, -2.0, "ACCUSE"), "120": (3, -4.0, "REJECT"), "125": (3, -5.0, "REJECT"),
    "127": (3, -5.0, "REJECT"), "163": (4, -8.0, "SANCTION"), "190": (4, -10.0, "ASSAULT"),
}


def actor(code: str | None, person: str | None = None) -> dict | None:
    """An actor object: actor("CHNGOV"), actor("PRK"), actor("PRKGOV", person="kim-jong-un")."""
    if code is None:
        return None
    country, agent = code[:3], code[3:] or None
    name = person.replace("-", " ").title() if person else COUNTRIES.get(country, country)
    return {"text": name, "name": name,
            "code": code, "country": country, "agent": agent,
            "actor_id": f"person:{person}" if person else f"country:{country}", "span": [0, 5]}


def make_event(source="CHNGOV", target="PRK", cameo="042", date="2017-11-17", *,
               precision="day", basis="text", negated=False, modality="asserted",
               sentence=None, sentence_index=0, location=None, source_person=None,
               target_person=None, historical=False, confidence=0.8, **extra) -> dict:
    """The per-event part of a record, as the coder components produce it."""
    quad, gold, plover = CODES.get(cameo, CODES.get(cameo[:3], (1, 0.0, "CONSULT")))
    sentence = sentence or f"{source} {cameo} {target} on {date}."
    ev = {
        "sentence_index": sentence_index,
        "sentence": sentence,
        "span": [sentence_index * 100, sentence_index * 100 + len(sentence)],
        "source": actor(source, source_person), "target": actor(target, target_person),
        "cameo": cameo, "cameo_root": cameo[:2], "quad_class": quad, "goldstein": gold,
        "plover": {"event_type": plover, "mode": None, "context": []},
        # no verb text: the clause is the whole sentence
        "verb": {"text": None, "lemma": "v", "span": [sentence_index * 100 + 10, sentence_index * 100 + 11]},
        "negated": negated, "modality": modality, "attribution": None,
        "date": date, "date_precision": precision, "date_basis": basis,
        "historical": historical,
        "location": ({"name": location, "country": location[:3].upper(), "lat": 0.0, "lon": 0.0,
                      "geonameid": 1, "precision": "city"} if location else None),
        "pattern": f"test:{cameo}", "confidence": confidence,
    }
    ev.update(extra)
    return ev


def make_document(text: str, outlet="Wire A", published="2017-11-22", path=None, **kw) -> Document:
    return Document.from_text(text, outlet=outlet, published=published,
                              path=path or f"{outlet.lower().replace(' ', '-')}/{abs(hash(text)) % 10**6}.txt",
                              language="en", source_format="txt", **kw)


def make_coded(text: str, events: list[dict], **doc_kw) -> CodedDocument:
    """A coded document whose events are finished into full contract records."""
    doc = make_document(text, **doc_kw)
    return CodedDocument(doc, [finish_record(e, doc) for e in events])


def make_record(text="An article.", **event_kw) -> dict:
    """One full contract record in its own document."""
    return make_coded(text, [make_event(**event_kw)]).events[0]


def test_factory_makes_contract_records():
    rec = make_record(source="USAGOV", target="CHN", cameo="036")
    assert list(rec)[:len(EVENT_FIELDS)] == EVENT_FIELDS
    assert rec["source"]["country"] == "USA" and rec["target"]["agent"] is None
    assert rec["doc_id"] and rec["event_id"] and rec["doc"]["outlet"] == "Wire A"


def test_factory_event_ids_differ_between_documents():
    a = make_record(text="One article.")
    b = make_record(text="Another article.")
    assert a["event_id"] != b["event_id"]
