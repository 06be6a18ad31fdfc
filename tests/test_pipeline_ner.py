"""The model's statistical NER is optional (EVENTWIRE_NER, off by default; issue 8).

In en_core_web_sm the NER has its own tok2vec and costs about 40% of the parse. The
actor and place stages do without it (dictionaries, the tagger's PROPN, capitalisation),
and these tests hold them to that: the seed articles code to the same events either way.
"""
from __future__ import annotations

import pytest

from eventwire.config import Settings
from eventwire.nlp import build_pipeline
from eventwire.pipeline import code_documents
from eventwire.records import Document


@pytest.mark.parametrize("raw, expected", [
    (None, False), ("1", True), ("yes", True), ("on", True), ("true", True),
    ("0", False), ("false", False), ("no", False), ("off", False), ("", False),
])
def test_ner_setting_reads_the_environment(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("EVENTWIRE_NER", raising=False)
    else:
        monkeypatch.setenv("EVENTWIRE_NER", raw)
    assert Settings().ner is expected


@pytest.fixture(scope="module")
def pipelines():
    return {ner: build_pipeline(Settings(ner=ner)) for ner in (False, True)}


def test_ner_is_left_out_unless_asked_for(pipelines):
    assert "ner" not in pipelines[False].pipe_names
    assert "ner" in pipelines[True].pipe_names
    # the coding components are there either way, after the parser
    for nlp in pipelines.values():
        names = nlp.pipe_names
        assert names.index("parser") < names.index("eventwire_actors") < names.index("eventwire_events")


@pytest.mark.parametrize("sentence, name, code", [
    # a title, then a name no dictionary knows: without NER the tagger's PROPN accepts it
    ("Norwegian Defence Minister Arvid Tollefsen met the Swedish envoy.",
     "Arvid Tollefsen", "NORGOV"),
    ("Kenyan Interior Minister Wanjiru Odhiambo visited Uganda on Monday.",
     "Wanjiru Odhiambo", "KENGOV"),
])
def test_unknown_name_after_title_without_ner(pipelines, sentence, name, code):
    found = {}
    for ner, nlp in pipelines.items():
        hit = [m for m in nlp(sentence)._.actors if name in (m.get("text") or "")]
        assert hit, (ner, nlp(sentence)._.actors)
        found[ner] = (hit[0]["code"], hit[0]["kind"])
    assert found[False] == found[True] == (code, "person")


def _key(events):
    return sorted(repr(((e["source"] or {}).get("code"), (e["target"] or {}).get("code"),
                        e["cameo"], e["negated"], e["modality"], e["sentence_index"]))
                  for e in events)


def test_seed_articles_code_the_same_without_ner(seed_paths):
    runs = {}
    for ner in (False, True):
        docs = [Document.from_text(p.read_text(encoding="utf-8"), url=str(p),
                                   published="2017-11-20") for p in seed_paths]
        runs[ner] = [_key(c.events) for c in code_documents(iter(docs), Settings(ner=ner))]
    assert all(runs[False]), "every seed article has events"
    assert runs[False] == runs[True]
