"""Targets the text implies rather than names (issue 4).

* A protest (CAMEO 14) with no one named is aimed at the authorities of the protesters'
  own country: target ``<country>GOV`` with null ``text`` and ``span`` (implied, not
  mentioned).
* When no recipient is named, the country whose thing the act is done to is the target:
  "denounced Kurdistan's crackdown", "rejected a Moldovan plan".
* "President Reagan" in a text dated after his term is still Jimmy Carter (a former
  official, ELI), not an unknown.
"""
from __future__ import annotations

import pytest

from test_events_helpers import code


def _pairs(events):
    return {((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo_root"])
            for e in events if not e["negated"]}


def assert_dyad(pipeline, sentence, source, target, root=None):
    """Some counted event of ``sentence`` has a source and target whose codes start with
    ``source`` and ``target`` (and the CAMEO root ``root``, when given)."""
    pairs = _pairs(code(pipeline, sentence))
    assert any((s or "").startswith(source) and (t or "").startswith(target)
               and root in (None, r) for s, t, r in pairs), pairs


@pytest.mark.parametrize("sentence, source, target, root", [
    ("Thousands of Kenyan students staged demonstrations on Friday.", "KEN", "KENGOV", "14"),
    ("Chilean miners went on a hunger strike to demand higher wages.", "CHL", "CHLGOV", "14"),
    ("Angry Peruvian farmers blocked the main highway for two days.", "PER", "PERGOV", "14"),
    # a named target wins over the implied one
    ("Serbian students protested against Croatia on Monday.", "SRB", "HRV", "14"),
])
def test_protest_without_named_target_is_against_own_government(pipeline, sentence, source,
                                                                 target, root):
    events = [e for e in code(pipeline, sentence) if e["cameo_root"] == root and not e["negated"]]
    assert events, code(pipeline, sentence)
    ev = events[0]
    assert (ev["source"]["code"] or "").startswith(source)
    assert (ev["target"]["code"] or "").startswith(target)
    if target.endswith("GOV"):
        assert ev["target"]["text"] is None and ev["target"]["span"] is None
        assert ev["target"]["actor_id"] == f"country:{target[:3]}"
    else:
        assert ev["target"]["text"]


def test_implied_target_only_for_protest(pipeline):
    # a statement with no addressee keeps a null target
    events = [e for e in code(pipeline, "Kenya expressed concern on Friday.")
              if e["cameo_root"] == "01"]
    assert events and all(e["target"] is None for e in events)


@pytest.mark.parametrize("sentence, source, target, root", [
    ("Pakistan began its long-awaited invasion of Afghanistan.", "PAK", "AFG", "19"),
    # the usual slots already find these; the rule must not disturb them
    ("Romania rejected a Moldovan proposal on border controls.", "ROU", "MDA", "12"),
    ("Armenia on Monday denounced Azerbaijan's blockade of the corridor.", "ARM", "AZE", "11"),
])
def test_target_is_the_owner_of_the_object(pipeline, sentence, source, target, root):
    assert_dyad(pipeline, sentence, source, target, root)


@pytest.mark.parametrize("sentence, source, target", [
    # "of" after these nouns is the side attacked
    ("Prices rose after Eritrea's invasion of Ethiopia.", "ERI", "ETH"),
    ("The Israeli shelling of Beirut drew protests.", "ISR", "LBN"),
])
def test_of_names_the_side_attacked_after_invasion_nouns(pipeline, sentence, source, target):
    events = [e for e in code(pipeline, sentence) if e["cameo_root"] == "19"]
    assert [((e["source"] or {}).get("country"), (e["target"] or {}).get("country")) for e in events] \
        == [(source, target)], _pairs(events)


def test_an_attackers_own_state_is_no_target_beside_a_foreign_one(pipeline):
    # (the parser hangs "against Moscow" on the attack: the sanctions' target, not the attack's)
    events = [e for e in code(pipeline, "Prices rose after Russia's attack on Georgia and "
                              "Western sanctions against Moscow.") if e["cameo_root"] == "19"]
    assert [(e["target"] or {}).get("country") for e in events] == ["GEO"], _pairs(events)


def test_own_people_in_the_object_are_not_a_target(pipeline):
    # the envoy is China's own: not the target of China's statement or sending
    events = code(pipeline, "China told Japan it would send its special envoy next week.")
    assert events
    assert all((e["target"] or {}).get("country") != "CHN" for e in events), _pairs(events)


@pytest.mark.parametrize("published, code_prefix", [
    ("1985-06-01", "USAGOV"),   # in office
    ("1995-06-01", "USAELI"),   # a former official on this date
])
def test_title_and_surname_of_a_past_office_holder(pipeline, published, code_prefix):
    from eventwire.nlp import make_doc
    doc = pipeline(make_doc(pipeline, "President Reagan met Egyptian officials.",
                            published=published))
    hit = [m for m in doc._.actors if m["text"].endswith("Reagan")]
    assert hit and hit[0]["actor_id"] == "person:ronald-reagan", doc._.actors
    assert hit[0]["code"] == code_prefix


@pytest.mark.parametrize("sentence, source, target", [
    # troops/courts of an organisation without a country are the organisation's
    ("Two hundred NATO peacekeeping troops arrived on Sunday in Bosnia.", "IGONATMIL", "BIH"),
    ("A U.N. war crimes court indicted the Serbian general.", "IGOUNOJUD", "SRB"),
    ("The second contingent of NATO peacekeeping troops arrived in Bosnia.", "IGONATMIL", "BIH"),
    # an organisation's people do not take the country of the place they work in
    ("Red Cross staff halted food shipments in Mogadishu.", "NGOIRC", "SOM"),
])
def test_organisation_agents_keep_the_organisation(pipeline, sentence, source, target):
    assert_dyad(pipeline, sentence, source, target)


@pytest.mark.parametrize("sentence, source, target", [
    # a sector word on the object, the country further down its phrase
    ("Ugandan leaders said they would boycott official meetings with Sudan.", "UGA", "SDNGOV"),
    ("Kampuchean guerrillas said they would boycott any official talks with Vietnam.",
     "KHM", "VNMGOV"),
])
def test_sector_word_takes_the_country_of_its_phrase(pipeline, sentence, source, target):
    assert_dyad(pipeline, sentence, source, target)


@pytest.mark.parametrize("sentence, source, target", [
    # an ethnic group takes the country where it lives, not the state of its name
    ("About 300 ethnic Hungarians rallied on Sunday in Romania.", "ROUETH", "ROU"),
    ("Serb police killed three ethnic Albanians in southern Serbia.", "SRBCOP", "SRB"),
])
def test_ethnic_groups_code_where_they_live(pipeline, sentence, source, target):
    assert_dyad(pipeline, sentence, source, target)


@pytest.mark.parametrize("sentence, source, target", [
    # a visitor does not take the country of the place visited ...
    ("The prime minister arrived in Nairobi on Monday.", "GOV", "KEN"),
    # ... while a sector-only side of a domestic event does
    ("The rebels attacked the Mozambican army.", "MOZREB", "MOZMIL"),
])
def test_domestic_country_not_given_to_a_visitor(pipeline, sentence, source, target):
    assert_dyad(pipeline, sentence, source, target)


@pytest.mark.parametrize("sentence, source, target, root", [
    # the recipient named in a purpose clause ("to help defend X")
    # (a readiness to send is the intent to give aid, 03: events/plans.py)
    ("Norway is ready to send equipment to help defend Estonia.", "NOR", "EST", "03"),
    ("Denmark sent medical supplies to help Haiti.", "DNK", "HTI", "07"),
])
def test_target_in_a_purpose_clause(pipeline, sentence, source, target, root):
    assert_dyad(pipeline, sentence, source, target, root)


STATE_ACTORS = [
    # a country named as an actor acts through its government, or its armed forces for
    # military force; as the target of force it stays the country
    "Zambia denied the accusations on Monday. | ZMBGOV - 016",
    "Chile criticized Peru on Monday. | CHLGOV PERGOV 111",
    "India and Pakistan signed a trade agreement. | INDGOV PAKGOV 057",
    "Iran attacked a Kuwaiti tanker. | IRNMIL KWT 19",
    "Ecuador shelled Peruvian border posts. | ECUMIL PER 19",
    "The Chinese navy seized a Vietnamese boat. | CHNMIL VNM 1711",
    "Bolivia expelled the Chilean ambassador. | BOLGOV CHLGOV 166",
    # a demonym on the noun of force itself is the state's armed forces
    "The raid followed an Iraqi rocket attack on a Turkish border post. | IRQMIL TUR 19",
    "The talks ended after a Syrian attack on a Turkish convoy. | SYRMIL TUR 19",
]


BENEFICIARIES = [
    # "in support of X", "on behalf of X": X is not whom the act is done to
    ("American jets carried out strikes in support of Somali troops.", "SOM"),
    ("Turkish artillery opened fire on behalf of Syrian rebels.", "SYR"),
]


@pytest.mark.parametrize("sentence,country", BENEFICIARIES)
def test_whom_an_act_is_for_is_not_its_target(pipeline, sentence, country):
    events = code(pipeline, sentence)
    assert not [e for e in events if (e["target"] or {}).get("country") == country], _pairs(events)


def test_of_phrase_is_a_place_only_after_a_place_noun(pipeline):
    # "in the city of X" is where; "in support of X" is no place: an actor never targets itself
    events = code(pipeline, "Egyptian warplanes carried out strikes in support of Egyptian troops.")
    assert not [e for e in events if (e["source"] or {}).get("code") and
                (e["source"] or {}).get("code") == (e["target"] or {}).get("code")], _pairs(events)


@pytest.mark.parametrize("case", STATE_ACTORS)
def test_a_country_as_actor_gets_its_state_sector(pipeline, case):
    sentence, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = (None if x == "-" else x for x in spec.split())
    events = code(pipeline, sentence)
    assert any((e["source"] or {}).get("code") == src and (e["target"] or {}).get("code") == tgt
               and e["cameo"].startswith(cameo) for e in events), _pairs(events)


COORDINATION = [
    # coordinated subjects, objects and modifiers give every actor; a mutual act both ways
    ("Chile and Peru condemned the Bolivian decision.", {("CHLGOV", "BOLGOV"), ("PERGOV", "BOLGOV")}, "111"),
    ("Kenya accused Uganda and Tanzania of arming the rebels.", {("KENGOV", "UGAGOV"), ("KENGOV", "TZAGOV")}, "112"),
    ("Indian and Pakistani diplomats met in Geneva.", {("INDGOV", "PAKGOV"), ("PAKGOV", "INDGOV")}, "040"),
    ("The militants battled with Afghan and German security forces.", {("REB", "AFGMIL"), ("REB", "DEUMIL")}, "190"),  # in battle: MIL
    # force against several sides hits each, the fighters' own country's side too
    ("Colombian guerrillas fought Colombian and Venezuelan soldiers on the border.",
     {("COLREB", "COLMIL"), ("COLREB", "VENMIL")}, "190"),
    # two groups no dictionary names are two actors, as subjects and as objects; an
    # apposition is one person with two descriptions
    ("Cambodia's foreign minister and Thai officials signed the accord.",
     {("KHMGOV", "THAGOV"), ("THAGOV", "KHMGOV")}, "057"),
    ("Iranian ministers and the state broadcaster accused Washington of lying.",
     {("IRNGOV", "USAGOV"), ("IRNMED", "USAGOV")}, "112"),
    ("Rebels attacked Kenyan police and Ugandan soldiers near the border.",
     {("REB", "KENCOP"), ("REB", "UGAMIL")}, "190"),
    # (a title the dictionary names no holder for: Iceland's prime ministers are listed now)
    ("Monaco's prime minister, a former journalist, rejected calls to resign.", {("MCOGOV", None)}, "120"),
    # a passive's by-agents are the sources; mediators do not mediate between themselves
    ("The deal was brokered by Qatar and Egypt.", {("QATGOV", None), ("EGYGOV", None)}, "045"),
    # ... but the by-agents of a mutual act do it to each other
    ("The treaty was signed by Chile and Peru on Monday.", {("CHLGOV", "PERGOV"), ("PERGOV", "CHLGOV")}, "057"),
    ("Two aid workers were released on Tuesday by the rebels in Colombia.", {("COLREB", "COLNGO")}, "0841"),
    # a fighter of an armed group is the group
    ("A Taliban suicide bomber attacked the German consulate.", {("AFGREB", "DEUGOV")}, "180"),  # irregulars on no armed force: 180
]


@pytest.mark.parametrize("sentence,pairs,cameo", COORDINATION)
def test_coordination_and_passives_give_every_actor(pipeline, sentence, pairs, cameo):
    events = [e for e in code(pipeline, sentence) if e["cameo"] == cameo]
    assert {((e["source"] or {}).get("code"), (e["target"] or {}).get("code")) for e in events} == pairs, \
        _pairs(code(pipeline, sentence))


HARMED_BY_A_CLAUSE = [
    # "X were killed when Y did Z": Z is aimed at X (the passive names the victims, the
    # when-clause the act and its agent)
    ("Ten Nigerian soldiers were killed when Boko Haram fighters attacked near Maiduguri.",
     ("NGAREB", "NGAMIL"), "19"),
    ("Twelve Yemeni civilians were killed on Tuesday when Saudi jets bombed a market.",
     ("SAUMIL", "YEMCVL"), "18"),
]


@pytest.mark.parametrize("sentence,pair,root", HARMED_BY_A_CLAUSE)
def test_victims_of_a_passive_are_the_target_of_the_act_in_its_clause(pipeline, sentence, pair, root):
    events = code(pipeline, sentence)
    assert pair in {((e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
                    for e in events if e["cameo_root"] == root}, _pairs(events)


COUNTED_PEOPLE = [
    # a counted plural demonym is people of the country (CVL); "the Americans" is left alone
    ("Many Kenyans criticized the new tax on Monday.", "KENCVL"),
    ("Thousands of Iraqis protested in Basra.", "IRQCVL"),
    ("Two Britons were arrested in Dubai for spying on the UAE.", None),
    ("The Americans vetoed the French resolution.", "USA"),
]


@pytest.mark.parametrize("sentence,source", COUNTED_PEOPLE)
def test_counted_demonyms_are_people(pipeline, sentence, source):
    events = code(pipeline, sentence)
    if source is None:   # as a target: the people, not the state
        assert all((e["target"] or {}).get("code") in (None, "GBRCVL") for e in events), _pairs(events)
    else:
        assert any((e["source"] or {}).get("code", "").startswith(source) and
                   ((e["source"] or {}).get("agent") or "") == source[3:] for e in events), _pairs(events)
