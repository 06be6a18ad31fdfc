"""The sentence's main event (``_main``), and the general coding rules added with it:
sector-only actors in a single-country sentence, the target of a conditional threat,
intent through a predicate adjective, killings by armed forces, PETRARCH side codes."""
import pytest

from test_events_helpers import code


def _main(events):
    return [e for e in events if e.get("_main")]


def test_main_event_is_not_the_reporting_frame(pipeline):
    evs = code(pipeline, "Japan said on Monday that it had sent food aid to the Philippines.")
    main = _main(evs)
    assert main and {e["cameo_root"] for e in main} == {"07"}
    assert len({e["_verb_i"] for e in main}) == 1


def test_one_main_verb_per_sentence(pipeline):
    evs = code(pipeline, "Chad accused Sudan of arming rebels and Sudan rejected the charge.")
    assert len({e["_verb_i"] for e in _main(evs)}) == 1


def test_sector_actor_takes_the_only_country(pipeline):
    evs = code(pipeline, "The Chadian government accepted demands from rebels.")
    assert any((e["target"] or {}).get("code") == "TCDREB" for e in evs)


def test_sector_actor_without_country_when_several(pipeline):
    evs = code(pipeline, "French officials said the Chadian government accepted demands from rebels.")
    assert not any((e["target"] or {}).get("code") in ("TCDREB", "FRAREB") for e in evs)


def test_threat_target_is_who_must_meet_the_condition(pipeline):
    evs = code(pipeline, "Russia threatened to halt the talks unless Ukraine withdrew its troops.")
    assert any(e["cameo_root"] == "13" and (e["target"] or {}).get("country") == "UKR" for e in evs)


def test_willing_to_is_intent(pipeline):
    evs = code(pipeline, "Armenia is willing to withdraw its soldiers from the disputed villages.")
    # a planned de-escalation is coded as the intent to de-escalate (events/plans.py)
    ev = next(e for e in evs if e["cameo"].startswith("0356"))
    assert ev["modality"] == "intended"


@pytest.mark.parametrize("text, cameo", [
    ("Israeli soldiers killed two Palestinian militants.", "190"),   # armed forces, no weapon said
    ("Kenyan villagers killed two Somali soldiers.", "1823"),       # not armed forces: 18
])
def test_killing_codes(pipeline, text, cameo):
    assert any(e["cameo"] == cameo for e in code(pipeline, text))


def test_hunger_strike_is_a_protest(pipeline):
    evs = code(pipeline, "Jailed activists in Bahrain began a hunger strike on Friday.")
    assert {e["cameo"] for e in evs} & {"142"} and not {e["cameo_root"] for e in evs} & {"09", "19"}


def test_petrarch_code():
    from eventwire.events.petrarch import petrarch_code
    assert petrarch_code(None) == "---"
    assert petrarch_code({"code": "GOV", "country": None, "agent": "GOV"}) == "---GOV"
    assert petrarch_code({"code": "ARNGOV", "country": "ARN", "agent": "GOV"}) == "ARNGOV"


def test_petrarch_parenthesised_phrase(tmp_path):
    """PETRARCH2's '* (ON RESOLUTION)' is the prepositional phrase 'on resolution'."""
    from eventwire.events.petrarch import load_verb_patterns
    f = tmp_path / "verbs.txt"
    f.write_text("--- ACT [100] ---\nACT\n- * (ON RESOLUTION)  [057]\n", encoding="utf-8")
    from eventwire.events.patterns import Pattern
    pats = {p.cameo: p for p in load_verb_patterns(f, Pattern)}
    assert pats["057"].after == ("on", "resolution")


def test_message_participle_is_said_by_the_issuer(pipeline):
    evs = code(pipeline, "Cuba issued a statement condemning Panama.")
    assert any(e["cameo_root"] == "11" and (e["source"] or {}).get("country") == "CUB"
               and (e["target"] or {}).get("country") == "PAN" for e in evs)


def test_killed_by_an_explosive_is_a_bombing(pipeline):
    evs = code(pipeline, "Two Kenyan soldiers were killed by a roadside bomb in Somalia.")
    assert any(e["cameo"] == "183" for e in evs)
