"""Lead events told in the passive (events/leads.py): "a man was arrested", "two guards were
charged with ..." -- the patient is the target (a civilian of the story's country when no
dictionary knows the person), the source the authority the story names (police for an
arrest, prosecutors or police for a charge, a court for a conviction), or the by-agent.
Our own short texts. Each case: text | SOURCE TARGET CODE (SOURCE "-": none); the event
must be coded from the text's last sentence.
"""
import pytest

from eventwire.events import leads
from test_events_helpers import code, got as _got


def _last(pipeline, text):
    events = code(pipeline, text, "2021-03-12")
    last = max(e["sentence_index"] for e in events) if events else None
    return [e for e in events if e["sentence_index"] == last]



CASES = [
    # the authority in the sentence, a person no dictionary knows as the patient
    "Police in Nairobi said a 30-year-old man was arrested on Thursday. | KENCOP KENCVL 173",
    "Kenyan police said on Monday that the suspect had been detained. | KENCOP KENCVL 173",
    # the authority named earlier in the story; the patient's country from the story
    "Police in Lyon searched a flat on the outskirts of the city on Tuesday. Jean-Paul Marchetti, "
    "41, was arrested later that night. | FRACOP FRACVL 173",
    # a charge: prosecutors first
    "Prosecutors in Manila opened an inquiry into the collapse of a bridge. Two construction "
    "workers were charged on Wednesday with falsifying safety reports. | PHLJUD PHLLAB 173",
    # "taken into custody", coordinated with another passive verb
    "Chilean police said the driver was stopped at a roadblock and taken into custody. "
    "| CHLCOP CHLCVL 173",
    # a conviction by a court the story names
    "A court in Oslo heard the case of a former bank clerk last month. On Friday, Lars "
    "Hovland was convicted of fraud. | NORJUD NORCVL 116",
    # the by-agent is the source when the pattern coder could not code the patient
    "Ana Rojas, 19, was charged on Tuesday by a Peruvian military court. | PERJUD PERCVL 173",
    # a known patient: only the missing source is filled
    "Police in Lagos said two Nigerian soldiers were arrested on Monday. | NGACOP NGAMIL 173",
    # no authority named anywhere: no source (a passive without a recoverable agent)
    "Rescue workers searched the river in Manila on Monday. Ramon Diaz was arrested on "
    "Tuesday. | - PHLCVL 173",
]


@pytest.mark.parametrize("case", CASES)
def test_passive_legal_acts_are_coded(pipeline, case):
    text, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = (None if x == "-" else x for x in spec.split())
    last = _last(pipeline, text)
    hits = [e for e in last if (e["source"] or {}).get("code") == src
            and (e["target"] or {}).get("code") == tgt and e["cameo"].startswith(cameo)]
    assert len(hits) == 1, _got(last)
    filled = [a for a in (hits[0]["source"], hits[0]["target"]) if a and isinstance(
        a.get("resolved_by"), dict) and a["resolved_by"]["how"].startswith("context:")]
    assert filled, hits[0]


@pytest.mark.parametrize("text", [
    # feared, not done
    "Police patrolled the streets of Lima. Many workers fear they will be arrested.",
    # a kind of person, not someone it happened to
    "Police in Lima said it is hard to hire a person who was convicted of a crime.",
    # the present tense tells the charge, not the act: the lead sentence has it
    "Police in Lima said the driver is charged with two counts of fraud.",
    # other senses of the verbs
    "Chilean police said the driver was taken to hospital.",
    "The Chilean report was released on Monday, police said.",
])
def test_no_passive_lead(pipeline, text):
    events = code(pipeline, text, "2021-03-12")
    assert not [e for e in events if e["pattern"].startswith("leads:")], _got(events)


def test_the_defendants_lawyer_is_no_source(pipeline):
    events = code(pipeline, "Ramon Diaz was arrested in Manila on Tuesday, his lawyer said.",
                  "2021-03-12")
    arrests = [e for e in events if e["cameo"] == "173"]
    assert arrests and all(e["source"] is None for e in arrests), _got(events)


def test_arrested_and_charged_is_one_act(pipeline):
    events = code(pipeline, "Kenyan police said the suspect had been detained and charged.",
                  "2021-03-12")
    assert len([e for e in events if e["cameo"] == "173"]) == 1, _got(events)


@pytest.mark.parametrize("sentence,cue", [
    ("A man was arrested on Friday.", True),
    ("Two guards were formally charged with fraud.", True),
    ("He has been taken into custody.", True),
    ("Police arrested a man on Friday.", False),   # active: the actor check keeps it
    ("The charges were dropped.", False),
])
def test_lead_cue_for_the_prefilter(sentence, cue):
    assert leads.has_lead_cue(sentence) is cue


def test_leads_words_are_data():
    w = leads.words()
    assert w["legal_verbs"]["arrest"] == ["COP"] and "custody" in w["words_needed"]["take"]


def test_an_arrest_told_again_is_one_record(pipeline):
    events = code(pipeline, "Jean-Paul Marchetti was arrested in Lyon on Tuesday. Police said "
                            "Marchetti was arrested after a long chase.", "2021-03-12")
    assert len([e for e in events if e["cameo"] == "173"]) == 1, _got(events)
