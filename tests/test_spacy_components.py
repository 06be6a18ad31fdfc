"""eventwire inside any spaCy pipeline, the way spaCy users expect (issue 17).

The factories are entry points, so ``nlp.add_pipe("eventwire_actors")`` works in a
process that never imported eventwire, and a pipeline saved with ``nlp.to_disk``
loads with ``spacy.load`` anywhere eventwire is installed.
"""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

import eventwire
from eventwire.records import EVENT_FIELDS

TEXT = ("Russia sent an envoy to Syria on Tuesday. The envoy met President Bashar "
        "al-Assad in Damascus on Wednesday.\n\nTurkey did not sign the deal.")
PUBLISHED = "2019-03-14"


def run_python(code: str, python: str = sys.executable, cwd=None) -> str:
    """Run ``code`` in a fresh interpreter; its stdout (fails the test on an error)."""
    done = subprocess.run([python, "-c", textwrap.dedent(code)], capture_output=True,
                          text=True, cwd=cwd, timeout=600)
    assert done.returncode == 0, done.stderr[-3000:]
    return done.stdout


@pytest.fixture(scope="module")
def nlp(bare_nlp):
    """The user's own model with eventwire's documented component list."""
    import spacy
    nlp = spacy.load(bare_nlp.meta["lang"] + "_" + bare_nlp.meta["name"])
    for name in eventwire.COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def events_of(nlp, text=TEXT, published=PUBLISHED):
    doc = nlp.make_doc(text)
    doc._.published = published
    return nlp(doc)._.events


def test_add_pipe_works_without_importing_eventwire():
    out = run_python("""
        import spacy, sys
        nlp = spacy.blank("en")
        nlp.add_pipe("eventwire_actors")
        print("eventwire" in sys.modules, nlp.pipe_names)
    """)
    assert out.split(None, 1)[1].strip() == "['eventwire_actors']"


def test_the_component_list_gives_the_full_record(nlp):
    events = events_of(nlp)
    visit = next(e for e in events if e["cameo"] == "042")
    assert list(visit)[:len(EVENT_FIELDS)] == EVENT_FIELDS
    assert visit["source"]["code"].startswith("RUS") and visit["target"]["code"].startswith("SYR")
    assert (visit["date"], visit["date_precision"], visit["date_basis"]) == \
        ("2019-03-12", "day", "text")
    meeting = next(e for e in events if e["sentence_index"] == 1)
    assert meeting["location"]["name"] == "Damascus"
    assert visit["event_id"] and visit["doc_id"] and visit["doc"]["published"] == PUBLISHED
    assert any(e["negated"] for e in events)  # kept, and marked


def test_no_private_keys_in_doc_events(nlp):
    events = events_of(nlp)
    assert events
    for ev in events:
        assert not [k for k in ev if k.startswith("_")]
        assert "_verb_i" not in json.dumps(ev)
        assert not [k for k in dict(ev) if k.startswith("_")]


def test_components_declare_what_they_need_and_set(nlp):
    analysis = nlp.analyze_pipes(pretty=False)
    assert not any(analysis["problems"].values()), analysis["problems"]
    meta = {name: nlp.get_pipe_meta(name) for name in eventwire.COMPONENTS}
    assert "doc._.actors" in meta["eventwire_actors"].assigns
    assert "doc._.actors" in meta["eventwire_events"].requires
    assert all("doc._.events" in meta[n].requires for n in eventwire.COMPONENTS[2:])


def test_readable_repr(nlp):
    assert repr(nlp.get_pipe("eventwire_events")) == \
        "EventsComponent(extra_files=[], builtin_patterns=True)"
    assert repr(nlp.get_pipe("eventwire_time")) == "TimeComponent(historical_days=60)"


def test_code_gives_records_in_one_call():
    records = eventwire.code(TEXT, published=PUBLISHED)
    assert records and all(list(r)[:len(EVENT_FIELDS)] == EVENT_FIELDS for r in records)
    assert all(r["canonical_event_id"] for r in records)
    assert {r["doc"]["published"] for r in records} == {PUBLISHED}


def test_code_takes_many_texts_and_dedups_them_together():
    one = "Russia sent a special envoy to Syria on Tuesday for talks on the ceasefire."
    again = "On Tuesday Russia sent a special envoy to Syria for ceasefire talks, officials said."
    records = eventwire.code([one, again], published=PUBLISHED)
    visits = [r for r in records if r["cameo"] == "042"]
    assert len({r["doc_id"] for r in visits}) == 2
    assert len({r["canonical_event_id"] for r in visits}) == 1


def test_code_rejects_a_bad_date():
    with pytest.raises(ValueError, match="published"):
        eventwire.code("Russia sent an envoy to Syria.", published="14/03/2019")


def test_saved_pipeline_loads_in_a_fresh_process(nlp, tmp_path):
    nlp.to_disk(tmp_path / "pipeline")
    expected = json.loads(json.dumps(events_of(nlp)))
    out = run_python(f"""
        import json, spacy
        nlp = spacy.load({str(tmp_path / 'pipeline')!r})
        doc = nlp.make_doc({TEXT!r})
        doc._.published = {PUBLISHED!r}
        print(json.dumps(nlp(doc)._.events))
    """)
    assert json.loads(out) == expected
