"""A small hand-made store for the API tests and for working on the UI without a model.

    python -m eventwire.web.sample /tmp/sample.duckdb && eventwire serve --db /tmp/sample.duckdb

The sentences are invented for this purpose. Each one is coded by hand into a record of
the contract (spans computed from the text), so the store, the API and the UI can be
exercised end to end, deterministically, without spaCy.
"""
from __future__ import annotations

import datetime as _dt
import sys

from ..pipeline import CodedDocument, finish_record
from ..records import Document

# actor key -> (name, code, country, agent, actor_id)
ACTORS = {
    "CHN": ("China", "CHNGOV", "CHN", "GOV", "country:CHN"),
    "PRK": ("North Korea", "PRKGOV", "PRK", "GOV", "country:PRK"),
    "PRKMIL": ("North Korean military", "PRKMIL", "PRK", "MIL", "country:PRK"),
    "USA": ("United States", "USAGOV", "USA", "GOV", "country:USA"),
    "KOR": ("South Korea", "KORGOV", "KOR", "GOV", "country:KOR"),
    "JPN": ("Japan", "JPNGOV", "JPN", "GOV", "country:JPN"),
    "RUS": ("Russia", "RUSGOV", "RUS", "GOV", "country:RUS"),
}

# (sentence, (source text, actor), (verb text, lemma), (target text, actor),
#  cameo, quad_class, goldstein, plover type, extra fields)
TEMPLATES = [
    ("A Chinese envoy arrived in Pyongyang for talks with North Korean officials.",
     ("A Chinese envoy", "CHN"), ("arrived", "arrive"), ("North Korean officials", "PRK"),
     "042", 1, 1.9, "CONSULT", {"location": {"name": "Pyongyang", "country": "PRK",
                                             "lat": 39.03, "lon": 125.75,
                                             "geonameid": 1871859, "precision": "city"}}),
    ("Washington imposed new sanctions on Pyongyang over its missile programme.",
     ("Washington", "USA"), ("imposed", "impose"), ("Pyongyang", "PRK"),
     "163", 4, -8.0, "SANCTION", {}),
    ("North Korea's army fired artillery shells near the border with South Korea.",
     ("North Korea's army", "PRKMIL"), ("fired", "fire"), ("South Korea", "KOR"),
     "194", 4, -10.0, "ASSAULT", {}),
    ("Seoul urged Pyongyang to return to negotiations.",
     ("Seoul", "KOR"), ("urged", "urge"), ("Pyongyang", "PRK"),
     "020", 1, 3.0, "DEMAND", {}),
    ("Japan condemned the latest North Korean missile test.",
     ("Japan", "JPN"), ("condemned", "condemn"), ("North Korean", "PRK"),
     "111", 3, -2.0, "DISAPPROVE", {}),
    ("Beijing pledged food aid to North Korea after the floods.",
     ("Beijing", "CHN"), ("pledged", "pledge"), ("North Korea", "PRK"),
     "0333", 1, 5.2, "AID", {"modality": "intended"}),
    ("Moscow and Beijing signed an agreement on energy cooperation.",
     ("Moscow", "RUS"), ("signed", "sign"), ("Beijing", "CHN"),
     "057", 1, 8.0, "AGREE", {}),
    ("The United States has never met North Korean negotiators in Beijing, officials said.",
     ("The United States", "USA"), ("met", "meet"), ("North Korean negotiators", "PRK"),
     "040", 1, 1.0, "CONSULT",
     {"negated": True, "modality": "reported",
      "attribution": {"speaker": "officials", "actor_id": None, "cue": "said"}}),
    ("Pyongyang accused Washington of preparing for war, state media reported.",
     ("Pyongyang", "PRK"), ("accused", "accuse"), ("Washington", "USA"),
     "112", 3, -2.0, "ACCUSE",
     {"modality": "reported",
      "attribution": {"speaker": "state media", "actor_id": None, "cue": "reported"}}),
    ("China called on the United States to ease tensions on the peninsula.",
     ("China", "CHN"), ("called", "call"), ("the United States", "USA"),
     "0256", 1, -0.3, "DEMAND", {}),
]

FIRST_WEEK = _dt.date(2017, 9, 4)


def _actor(text: str, key: str, start: int) -> dict:
    name, code, country, agent, actor_id = ACTORS[key]
    return {"text": text, "name": name, "code": code, "country": country, "agent": agent,
            "actor_id": actor_id, "span": [start, start + len(text)]}


def _event(sentence_index: int, sent_start: int, tpl, date: str, historical=False) -> dict:
    sentence, (s_text, s_key), (v_text, v_lemma), (t_text, t_key), cameo, quad, gold, plover, extra = tpl
    s_at = sentence.index(s_text)
    v_at = sentence.index(v_text, s_at + len(s_text))
    t_at = sentence.index(t_text, s_at + len(s_text))
    ev = {
        "sentence_index": sentence_index, "sentence": sentence,
        "span": [sent_start, sent_start + len(sentence)],
        "source": _actor(s_text, s_key, sent_start + s_at),
        "target": _actor(t_text, t_key, sent_start + t_at),
        "cameo": cameo, "cameo_root": cameo[:2], "quad_class": quad, "goldstein": gold,
        "plover": {"event_type": plover, "mode": None, "context": []},
        "verb": {"text": v_text, "lemma": v_lemma,
                 "span": [sent_start + v_at, sent_start + v_at + len(v_text)]},
        "negated": False, "modality": "asserted", "attribution": None,
        "date": date, "date_precision": "day", "date_basis": "text",
        "historical": historical, "location": None,
        "pattern": f"sample:{cameo}:{v_lemma}", "confidence": 0.9,
    }
    ev.update(extra)
    return ev


def _document(n: int, published: _dt.date, picks: list[int], outlet: str) -> CodedDocument:
    title = f"Peninsula briefing {n + 1}: {TEMPLATES[picks[0]][1][0]} and others"
    sentences = [TEMPLATES[i][0] for i in picks]
    # A background sentence (historical) in every third article.
    if n % 3 == 2:
        sentences.append("In 2000, South Korea's president held a summit with North Korea.")
    doc = Document.from_text("\n\n".join(sentences), title=title, outlet=outlet,
                             url=f"https://{outlet}/briefing/{n + 1}",
                             published=published.isoformat(), language="en",
                             source_format="jsonl")
    events, pos = [], 0
    for i, sentence in enumerate(sentences):
        start = doc.text.index(sentence, pos)
        pos = start + len(sentence)
        if i < len(picks):
            events.append(_event(i, start, TEMPLATES[picks[i]], published.isoformat()))
        else:  # the background summit
            tpl = (sentence, ("South Korea's president", "KOR"), ("held", "hold"),
                   ("North Korea", "PRK"), "043", 1, 2.8, "CONSULT", {})
            events.append(_event(i, start, tpl, "2000-06-13", historical=True))
    return CodedDocument(doc, [finish_record(e, doc) for e in events])


def sample_documents(weeks: int = 12) -> list[CodedDocument]:
    """Two articles a week from two outlets; the second often retells the first's news."""
    out = []
    for w in range(weeks):
        day = FIRST_WEEK + _dt.timedelta(weeks=w)
        a = [w % len(TEMPLATES), (w + 3) % len(TEMPLATES), (w + 7) % len(TEMPLATES)]
        b = [a[0], (w + 5) % len(TEMPLATES)]  # same event as a[0]: one event, two mentions
        out.append(_document(2 * w, day, a, "example-wire.test"))
        out.append(_document(2 * w + 1, day, b, "example-daily.test"))
    return out


def build(path: str, weeks: int = 12) -> dict:
    """Write the sample store to ``path``; returns its summary."""
    from ..store import Store

    with Store(path) as store:
        for coded in sample_documents(weeks):
            store.add_coded(coded)
        store.finalize()
        return store.summary()


if __name__ == "__main__":
    target = sys.argv[1] if len(sys.argv) > 1 else "sample.duckdb"
    s = build(target)
    print(f"{target}: {s['documents']} documents, {s['mentions']} mentions, "
          f"{s['events']} events")


def template_coder(documents):
    """A stand-in for the spaCy coder that recognises the sample sentences (tests, demos).

    Same interface as ``pipeline.code_documents``: documents in, CodedDocuments out.
    """
    for doc in documents:
        events = []
        for tpl in TEMPLATES:
            start = doc.text.find(tpl[0])
            if start >= 0:
                events.append(_event(len(events), start, tpl, doc.published or "2017-11-20"))
        yield CodedDocument(doc, [finish_record(e, doc) for e in events])
