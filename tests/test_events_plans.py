"""Plans are intents (gold guidelines rule 10, CAMEO): an act announced for the future is
coded as the intent to do it; a visit due within days keeps its own code and date."""
import pytest

from test_events_helpers import code, parse_case

PUBLISHED = "2017-11-22"   # a Wednesday

PLANS = [
    "The Vietnamese foreign minister will visit Japan next month. | VNM JPN 036",
    "Kenya plans to send food aid to Somalia. | KEN SOM 03",
    "Russia will impose new sanctions on Georgia. | RUS GEO 13",
    "France wants to meet Germany next year. | FRA DEU 036",
    # due within days: the visit itself, on its day (the guidelines' exception, visits only)
    "The Vietnamese foreign minister will visit Japan on Friday. | VNM JPN 042",
    # ... any other act announced for a day is still a plan
    "Kenyan dock workers will strike on Friday. | KEN KEN 13",
    "The Kenyan minister will meet Ugandan officials on Friday. | KEN UGA 036",
    # a plan, threat or pledge told as a noun is a plan too
    "Kenya's plan to send food aid to Somalia was welcomed. | KEN SOM 03",
    "Russia's threat to impose new sanctions on Georgia angered Tbilisi. | RUS GEO 13",
    # attempts and beginnings are no plans
    "Iranian gunboats started to attack Kuwaiti tankers. | IRN KWT 19",
    "The rebels tried to storm the Kenyan embassy. | - KEN 18",
    "The rebels' attempt to storm the Kenyan embassy failed. | - KEN 18",
]


@pytest.mark.parametrize("case", PLANS)
def test_plans_are_intents(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence, published=PUBLISHED)
    assert any(exp.matches(e) for e in events), [
        (e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["modality"],
         e["pattern"]) for e in events]


def test_a_planned_visit_is_one_intent_not_a_visit_and_a_hosting(pipeline):
    events = code(pipeline, "The Vietnamese foreign minister will visit Japan next month.",
                  published=PUBLISHED)
    assert [e["cameo"] for e in events] == ["036"], events


def test_a_pledge_is_not_repeated_by_its_pledged_act(pipeline):
    events = code(pipeline, "Kenya pledged to send food aid to Somalia.", published=PUBLISHED)
    assert len([e for e in events if e["cameo_root"] == "03"]) == 1, events
    assert not [e for e in events if e["cameo_root"] == "07"], events


def test_an_intent_is_dated_when_it_is_stated(pipeline):
    # the planned day is the act's; the intent (036) is the story's news of today
    events = code(pipeline, "The Kenyan minister said he would meet Ugandan officials next month.",
                  published=PUBLISHED)
    intents = [e for e in events if e["cameo"] == "036"]
    assert intents and all(e["date"] == PUBLISHED and e["date_basis"] == "publication"
                           for e in intents), [(e["cameo"], e["date"], e["date_basis"]) for e in events]
