"""Actors from the document (issue 14): an event whose sentence leaves a side empty takes it
from what the document has coded before, where the kind of event says whom it must be; and
events stated through a noun ("blamed the bombings on G", "secured the release of the
hostages"). Our own short texts. Each case: text | SOURCE TARGET CODE (exact codes; CODE a
prefix); the event must be coded from the text's last sentence and its filled side must say
``resolved_by`` "context:...".
"""
import pytest

from eventwire.events import context
from test_events_helpers import code


def _last(pipeline, text):
    events = code(pipeline, text, "2019-05-03")
    last = max(e["sentence_index"] for e in events) if events else None
    return [e for e in events if e["sentence_index"] == last]


def _got(events):
    return [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"])
            for e in events]


def _check(pipeline, case):
    text, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = (None if x == "-" else x for x in spec.split())
    events = [e for e in _last(pipeline, text)
              if (e["source"] or {}).get("code") == src and (e["target"] or {}).get("code") == tgt
              and e["cameo"].startswith(cameo)]
    assert events, _got(_last(pipeline, text))
    return events


def _implied(actor):
    return actor and (actor.get("resolved_by") or {}).get("how", "").startswith("context:") \
        and actor["text"] is None and actor["span"] is None and actor["resolved_by"]["chain"]


FILLED_TARGETS = [
    # a denial answers the accusation aimed at the denier (or at its state's organ)
    "The Kenyan government accused the Ugandan army of shelling border villages on Monday. "
    "Uganda denied the charge on Tuesday. | UGAGOV KENGOV 016",
    # ... or the other side of the denier's own last dispute
    "The Bolivian mining firm defied a government order to halt work at the mine. Officials "
    "said the order covered twelve sites. Engineers kept working through the week. The company "
    "faces a fine. On Friday, it denied that it had broken any rules. | BOLBUS BOLGOV 016",
    # a claim of responsibility: the victim of the story's attack
    "Gunmen stormed the French embassy in Bamako, killing two guards. Al Qaeda claimed "
    "responsibility for the raid on Saturday. | IMGMOSALQ FRAGOV 015",
    # ... the state whose embassy was hit rather than the passers-by; civilians when only
    # they were hit
    "Gunmen attacked the Turkish embassy in Kabul on Monday, killing three civilians. The "
    "Islamic State claimed responsibility for the attack. | IMGMOSISI TURGOV 015",
    "A bomb killed six civilians in a market in Mogadishu. Al Shabaab claimed responsibility "
    "for the bombing. | SOMREB SOMCVL 015",
    # mediation: both sides of the document's talks
    "The Colombian government has held talks with the FARC rebels for two years. Norway and "
    "Cuba brokered the deal. | NORGOV COLGOV 045",
    "The Colombian government has held talks with the FARC rebels for two years. Norway and "
    "Cuba brokered the deal. | CUBGOV COLREB 045",
    "Israeli and Palestinian negotiators held talks in Cairo last week. Egypt mediated. | EGYGOV ISRGOV 045",
    # a reaction to "the attack" is aimed at the attacker of the story's attack
    "Rebels attacked an army base in northern Mali on Friday. The French government condemned "
    "the attack. | FRAGOV MLIREB 111",
    "Boko Haram fighters raided a village in Borno state. The Nigerian army is investigating "
    "the raid. | NGAMIL NGAREB 09",
    # an answer to an earlier act named by its noun goes to whoever did that act
    "The Kenyan police invited two Ugandan senators for questioning on Monday. The Ugandan "
    "senators rejected the invitation. | UGALEG KENCOP 12",
    # a purpose clause is addressed to whom the meeting was with
    "The Ethiopian prime minister met Eritrean officials in Asmara to ask for their support. "
    "| ETHGOV ERIGOV 02",
]


@pytest.mark.parametrize("case", FILLED_TARGETS)
def test_targets_from_the_document(pipeline, case):
    events = _check(pipeline, case)
    assert any(_implied(e["target"]) for e in events), [e["target"] for e in events]


@pytest.mark.parametrize("text", [
    # a denial with no dispute before it keeps no target: a meeting is no accusation
    "The Peruvian president met the Chilean foreign minister on Monday. The Chilean foreign "
    "minister denied the reports.",
    # nothing violent before the claim: nothing to take the victim from
    "The Kenyan president met the Ugandan prime minister. Al Shabaab claimed responsibility "
    "for the attack.",
    # "the proposal" names no act done to the senators before
    "The Kenyan police invited two Ugandan senators for questioning on Monday. The Ugandan "
    "senators rejected the proposal.",
    # an attack by men no one has named: its condemnation has no target
    "Gunmen attacked a police post near the Kenyan border. The Kenyan government condemned "
    "the attack.",
])
def test_no_evidence_no_target(pipeline, text):
    last = _last(pipeline, text)
    assert last and all(e["target"] is None for e in last), _got(last)


@pytest.mark.parametrize("case", [
    # "blamed the bombings on G": G bombed (where: the noun's place), as the police say
    "Police blamed the bombings in Lahore on the Pakistani Taliban. | PAKREB PAK 183",
    # "secured the release of hostages held by G": G released them to the securer
    "The Indian government said it had secured the release of 12 fishermen held by Pakistan. "
    "| PAKGOV INDGOV 0841",
    "The Philippine government announced that it had secured the release of four hostages who "
    "were kidnapped by Abu Sayyaf militants last year. | IMGSEAMUSASFREB PHLGOV 0841",
])
def test_events_stated_by_a_noun(pipeline, case):
    events = _check(pipeline, case)
    ev = events[0]
    assert ev["modality"] == "reported" and ev["attribution"]["code"] in ("PAKCOP", "INDGOV", "PHLGOV")
    # (a verb pattern may code the release itself: then this pass adds no second record)
    assert len(events) == 1


def test_blame_on_a_place_is_no_act(pipeline):
    # "blamed X in Kabul": Kabul is where, not on whom the blame is put
    events = code(pipeline, "The army blamed the unrest in Kabul on Monday.")
    assert not any(e["pattern"].startswith("context:blamed") for e in events)


@pytest.mark.parametrize("case", [
    # unnamed victims: where the sentence places the attack, or the one other country named
    "More than 20 people were killed when Russian aircraft carried out strikes in support of "
    "Syrian troops defending Aleppo. | RUS SYRCVL 19",
])
def test_unnamed_victims_take_the_country_of_the_sentence(pipeline, case):
    events = _check(pipeline, case)
    assert events[0]["target"]["resolved_by"]["how"].startswith("context:")


def test_unnamed_victims_of_two_countries_places_stay_unplaced(pipeline):
    # where the news was heard is no place of the attack: two countries, no guess
    events = code(pipeline, "A radio station in Cyprus said 12 people were injured when "
                            "Iranian gunboats attacked a tanker off the coast of Oman.")
    hits = [e for e in events if e["cameo_root"] == "19"]
    assert hits and all(e["target"]["code"] == "CVL" for e in hits), _got(events)


def test_a_purpose_clause_repeating_the_meeting_is_no_second_event(pipeline):
    events = code(pipeline, "The Peruvian president met the Chilean foreign minister on Monday "
                            "to discuss the border dispute.")
    meets = [e for e in events if e["cameo_root"] == "04"]
    assert len(meets) == 1 and meets[0]["target"]["code"] == "CHLGOV", _got(events)


def test_context_words_are_data():
    w = context.words()
    assert "016" in w["denial_codes"] and w["act_nouns"]["bombing"] == "183"


@pytest.mark.parametrize("case", [
    "The Chilean president apologized to two Peruvian diplomats who had accused Chile of "
    "spying. | PERGOV CHLGOV 112",
    "Rebels, who attacked an army base in northern Mali last week, released two hostages on "
    "Friday. | MLIREB MLIMIL 19",
    "The minister met Ugandan officials, who criticized the Kenyan decision. | UGAGOV KENGOV 111",
])
def test_a_relative_pronoun_is_the_noun_its_clause_hangs_on(pipeline, case):
    text, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = spec.split()
    events = [e for e in code(pipeline, text) if (e["source"] or {}).get("code") == src
              and (e["target"] or {}).get("code") == tgt and e["cameo"].startswith(cameo)]
    assert events, _got(code(pipeline, text))


@pytest.mark.parametrize("case", [
    # a call for talks stated by a noun: to the other side of the document's talks ...
    "South Korean and North Korean officials held talks in Panmunjom in May. The letter "
    "answered a recent North Korean call for talks on the border. | PRKGOV KORGOV 026",
    # ... or to whom its with-phrase names
    "Seoul rejected Pyongyang's call for talks with Washington. | PRKGOV USAGOV 026",
])
def test_a_call_for_talks_stated_by_a_noun(pipeline, case):
    events = _check(pipeline, case)
    assert events[0]["pattern"] == "context:talks_appeal"


def test_a_call_for_talks_to_no_one_named_is_no_event(pipeline):
    events = code(pipeline, "The Kenyan minister repeated his call for talks.")
    assert not any(e["pattern"] == "context:talks_appeal" for e in events), _got(events)


def test_a_users_attack_noun_names_the_storys_attack(tmp_path, pipeline):
    # "condemned the razzia": a reaction aimed at the story's attacker, when "razzia" is an
    # attack noun of the run's patterns (the user's --patterns file), not only of ours
    from eventwire.config import Settings
    from eventwire.nlp import build_pipeline, make_doc
    mine = tmp_path / "mine.yaml"
    mine.write_text('patterns:\n  - id: mine.razzia\n    cameo: "190"\n    nouns: [razzia]\n')
    settings = Settings()
    settings.pattern_files = [str(mine)]
    text = ("Houthi rebels attacked Saudi border guards on Monday. "
            "The Saudi government condemned the razzia on Tuesday.")

    def targets(nlp):
        doc = nlp(make_doc(nlp, text, published="2020-01-01"))
        return [(e["target"] or {}).get("code") for e in doc._.events if e["cameo"].startswith("11")]

    assert "YEMREB" not in targets(pipeline)
    assert "YEMREB" in targets(build_pipeline(settings))
