"""Hand-made events for the date and place stages' sentence tests.

    from sentence_events import make_event
    ev = make_event(doc, "met", target="Park Geun-hye", modality="intended")

The event looks like one the event coder gives: its verb token (``"met#2"``: the second
"met"), the target's character span, the sentence, and a modality when one is given.
"""
from __future__ import annotations


def make_event(doc, verb: str, target: str | None = None, modality: str | None = None,
               source: str | None = None) -> dict:
    word, _, nth = verb.partition("#")
    hits = [t for t in doc if t.text == word]
    v = hits[int(nth or 1) - 1]
    sents = list(doc.sents)
    ev = {"_verb_i": v.i, "verb": {"text": v.text, "lemma": v.lemma_,
                                   "span": [v.idx, v.idx + len(v)]},
          "sentence_index": sents.index(v.sent), "span": [v.sent.start_char, v.sent.end_char],
          "source": None, "target": None}
    for key, name in (("target", target), ("source", source)):
        if name:
            start = doc.text.index(name)
            ev[key] = {"text": name, "span": [start, start + len(name)]}
    if modality:
        ev["modality"] = modality
    return ev
