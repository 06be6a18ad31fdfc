"""Frames, habits and figurative senses: what is only wished, asked, supposed or habitual is
no event of the day (docs/audit-0.2.md "What would pay most" 1 and 2).

``sentence | SRC TGT CODE [negated|asserted [modality]]`` as in test_events_modality; for
the "no event" lists, ``sentence | ROOT`` says which root must not be coded.
"""
import argparse

import pytest

from test_events_helpers import code, parse_case

# A frame verb governs its clause: X wants/commands Y to do Z is X's demand on Y.
FRAME_IS_THE_EVENT = [
    "Canada wants Mexico to lift its tariffs on steel. | CAN MEX 100",
    "The Kenyan government wants Somalia to release the prisoners. | KEN SOM 100",
    "The American president was commanding North Korea to stop its missile tests. | USA PRK 100",
    "Uganda appealed to Kenya to let Somali refugees return home. | UGA KEN 020",
    "The Kenyan president would like to visit Uganda. | KEN UGA 036 asserted intended",
    "France wants to meet Germany next week. | FRA DEU 036",
]

# ... and the wished act, however deep in the clause, is not coded as done.
WISHED_NOT_DONE = [
    "Canada wants Mexico to lift its tariffs on steel. | 08",
    "Brazil and Chile want Peru to remove quotas to help cut their trade with Bolivia. | 16",
    "Seoul proposed a meeting of ministers to improve relations with Pyongyang. | 05",
    "Uganda appealed to Kenya to let Somali refugees return home. | 08",
    "The Kenyan government wants Somalia to release the prisoners. | 08",
]

# Habits, likings, a life's story and figurative senses are no discrete occurrence.
NO_OCCURRENCE = [
    "The Kenyan ambassador once served in Cairo and once criticized Egypt. | 11",
    "The Peruvian president likes to visit Bolivia. | 04",
    "The Chilean foreign minister regularly visits Argentina. | 04",
    "The Kenyan solicitor general commands the courtroom. | 10",
    "The Kenyan minister stood at the lectern. | 05",
    "Japanese farmers vowed to fight the government's plan to open the rice market. | 13",
    "Japanese farmers said they would fight the government's plan. | 19",
    "Mexico wants to cut its trade deficit with China. | 16",
    "The Labour leader seized on the minister's remarks about Germany. | 17",
]

# Not to be lost on the way.
STILL_EVENTS = [
    "Kenya and Uganda met once in 2019. | KEN UGA 04",
    "The Syrian army once again attacked the rebels near Aleppo. | SYR SYR 19",
    "Kenyan troops pushed into the town to attack the Somali rebels. | KEN SOM 19",
    "On Monday the Kenyan navy seized weapons from Somali pirates. | KEN SOM 17",
    "Police used tear gas to disperse the protesters in Nairobi. | KEN KEN 17",
    "Seoul called an emergency meeting of its cabinet on Sunday. | - - -",
    # other senses of the same words
    "The United Nations welcomed the release of the Nigerian hostages. | IGO - 051",
    "Senator Elizabeth Warren attacked Donald Trump on Monday. | USA USA 111",
    "The Syrian army attacked the rebels near Aleppo. | SYR SYR 19",
    "Gunmen attacked the Kenyan parliament. | - KEN 18",
]


def _show(sentence, events):
    return f"{sentence}\n  coded: " + "; ".join(
        f"{(e['source'] or {}).get('code')} {(e['target'] or {}).get('code')} {e['cameo']} "
        f"{e['pattern']} {e['modality']}" for e in events)


@pytest.mark.parametrize("case", FRAME_IS_THE_EVENT)
def test_the_frame_is_the_event(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), _show(sentence, events)


@pytest.mark.parametrize("case", WISHED_NOT_DONE + NO_OCCURRENCE)
def test_no_event_of_that_root(pipeline, case):
    sentence, root = (x.strip() for x in case.rsplit("|", 1))
    events = code(pipeline, sentence)
    assert not [e for e in events if e["cameo_root"] == root and not e["negated"]], \
        _show(sentence, events)


@pytest.mark.parametrize("case", STILL_EVENTS)
def test_still_events(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    if exp.code is None:
        return  # only that coding does not fail
    assert any(exp.matches(e) for e in events), _show(sentence, events)


def test_a_verbal_attack_is_not_force(pipeline):
    events = code(pipeline, "Senator Elizabeth Warren attacked Donald Trump on Monday.")
    assert not [e for e in events if e["cameo_root"] in ("18", "19")], events


# ------------------------------------------------------------ hypothetical records

CONDITIONAL = "If China attacks Taiwan, the United States will respond."


def _run(pipeline, text, **settings):
    from eventwire.config import Settings
    from eventwire.pipeline import code_documents
    from eventwire.records import Document

    docs = [Document.from_text(text, published="2023-06-07")]
    s = Settings(**settings)
    return [r for coded in code_documents(docs, s, nlp=pipeline) for r in coded.events]


def test_hypothetical_records_are_no_news_of_the_day(pipeline):
    # the coder still sees the condition, with its modality ...
    assert [e for e in code(pipeline, CONDITIONAL) if e["modality"] == "hypothetical"]
    # ... but the run leaves it out by default
    assert not [r for r in _run(pipeline, CONDITIONAL) if r["modality"] == "hypothetical"]


def test_hypothetical_records_on_request(pipeline):
    got = _run(pipeline, CONDITIONAL, include_hypothetical=True)
    assert [r for r in got if r["modality"] == "hypothetical" and r["cameo_root"] == "19"], got


# ------------------------------------------------------------ incomplete records

NO_SOURCE = "Three Kenyan soldiers were killed near the Somali border on Monday."
NO_COUNTERPART = "The Kenyan envoy held talks in a hotel on Monday."


def test_a_record_with_no_source_is_left_out_of_a_run(pipeline):
    # the coder sees the killing, with no one who did it ...
    assert [e for e in code(pipeline, NO_SOURCE) if e["cameo_root"] == "18" and not e["source"]]
    # ... the run leaves it out by default, and gives it on request
    assert not [r for r in _run(pipeline, NO_SOURCE) if not r["source"]]
    got = _run(pipeline, NO_SOURCE, include_incomplete=True)
    assert [r for r in got if r["cameo_root"] == "18" and not r["source"]
            and r["target"]["code"].startswith("KEN")], got


def test_a_directed_record_with_no_target_is_left_out_of_a_run(pipeline):
    # talks with no one named: a meeting needs its other side
    assert [e for e in code(pipeline, NO_COUNTERPART) if e["cameo_root"] == "04" and not e["target"]]
    assert not [r for r in _run(pipeline, NO_COUNTERPART) if r["cameo_root"] == "04"]
    assert [r for r in _run(pipeline, NO_COUNTERPART, include_incomplete=True) if r["cameo_root"] == "04"]


@pytest.mark.parametrize("sentence, root", [
    ("Somali militants killed three Kenyan soldiers near the border on Monday.", "18"),
    ("The Kenyan envoy held talks with the Somali president on Monday.", "04"),
    # kinds that may be addressed to no one keep a record without a target
    ("The Kenyan foreign minister criticised the decision on Monday.", "11"),
    ("The Kenyan president called for calm on Monday.", "02"),
    ("North Korea fired two ballistic missiles on Monday.", "15"),
])
def test_a_complete_record_stays(pipeline, sentence, root):
    got = _run(pipeline, sentence)
    assert [r for r in got if r["cameo_root"] == root and r["source"]], got


@pytest.mark.parametrize("what", ["hypothetical", "incomplete"])
def test_include_option_and_environment(monkeypatch, what):
    from eventwire.cli._common import add_coding_options, settings_from_args

    p = argparse.ArgumentParser()
    add_coding_options(p)
    attr, env = f"include_{what}", f"EVENTWIRE_INCLUDE_{what.upper()}"
    assert getattr(settings_from_args(p.parse_args([f"--include-{what}"])), attr)
    monkeypatch.delenv(env, raising=False)
    assert not getattr(settings_from_args(p.parse_args([])), attr)
    monkeypatch.setenv(env, "1")
    assert getattr(settings_from_args(p.parse_args([])), attr)
