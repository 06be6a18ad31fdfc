"""Events told as nouns (events/nominal.py and the ``nouns:`` patterns): "the request by
X", "at the request of X", "X's insistence that Y resign", "the threat of a strike by Y",
"the miners' strike", "an exchange of prisoners between X and Y", "after talks with X, S
did Y" -- and the nouns that name no act that took place ("the threat of an attack", "the
prospect of talks", "a request for talks", "averted a strike"). Our own sentences.

Each coded case reads ``sentence | SOURCE TARGET CODE`` as in test_events_roots (actor
codes are prefixes, "-" for none); the event must be coded, asserted and not negated.
"""
import pytest

from eventwire.events.patterns import PatternSet, load_pattern_file
from eventwire.errors import DataFileError
from test_events_helpers import assert_coded, code, got as _got

CODED = [
    # requests: the by/of/possessor asks; "at the request of X": whoever acted was asked
    "Peruvian soldiers entered the mine at the request of the Chilean mining firm Codelco. | CHLBUS PERMIL 020",
    "Seoul's request to Tokyo for the return of the documents was turned down. | KOR JPN 020",
    # demands with their that-clause: the clause's subject is the one demanded of
    "The Kenyan opposition party's insistence that the prime minister should step down was rejected. "
    "| KENOPP KENGOV 1041",   # an opposition party is OPP (GUIDELINES sectors; actors7)
    "The Chilean opposition's demand that the army return to barracks went unanswered. | CHLOPP CHLMIL 100",
    # labour strikes: the strikers (a union, workers, or a worker noun no dictionary knows)
    # against their own government when the text names no target
    "The strike by 12,000 Bolivian miners entered its second week. | BOLLAB BOLGOV 143",
    "The Brazilian dockers' strike continued on Tuesday. | BRALAB BRAGOV 143",
    "The strike by 3,000 pilots in Germany entered its third day. | DEULAB DEUGOV 143",
    "Oil workers in Brazil staged a strike on Monday. | BRALAB BRAGOV 143",
    # a threatened strike is a threat of protest (133), the strike has not happened
    "The threat of a strike by dockworkers in Chile worried exporters. | CHLLAB CHLGOV 133",
    "A threatened strike by Kenyan teachers closed no schools. | KENEDU KENGOV 133",
    # prisoner exchanges between two sides: both ways
    "The exchange of prisoners between Armenia and Azerbaijan took place on Monday. | ARM AZE 0841",
    "The exchange of prisoners between Armenia and Azerbaijan took place on Monday. | AZE ARM 0841",
    "Israel freed 300 detainees in a prisoner swap with Hamas. | - PSE 0841",
    # criticism and accusations told as nouns (still made when the target rejects them)
    "The move follows the Brazilian president's criticism of Argentina over trade. | BRAGOV ARGGOV 111",
    "The condemnation of Israel by Turkey surprised analysts. | TUR ISR 111",
    "The European Union's criticism of Hungary was rejected in Budapest. | IGOEEC HUN 111",
    "Kenya's accusations against Uganda were published on Monday. | KEN UGA 112",
    # taking part in a protest or in talks
    "Thousands of Chilean students participated in the rallies against the government. | CHLEDU CHLGOV 141",
    "The Egyptian blogger took part in an unlicensed demonstration in Cairo in 2019 and was jailed. "
    "| EGY EGYGOV 141",
    "The Peruvian foreign minister took part in talks with Bolivian officials on Monday. | PER BOL 040",
    # after talks with X, the main clause's subject held them
    "After talks with the French president, the German chancellor announced new sanctions on Russia. "
    "| DEU FRA 040",
    "Following a meeting with Vietnamese leaders, the Japanese prime minister flew to Manila. | JPN VNM 040",
    # crackdowns told as nouns: on whom, by the light verb's subject or the possessor
    "Kenyan police launched a crackdown on opposition supporters in Nairobi. | KENCOP KENOPP 175",
    "The Turkish government launched a crackdown on Kurdish activists after the vote. | TURGOV TURCVL 175",
    "The Chinese government has intensified its crackdown on Uighur dissidents. | CHNGOV CHNOPP 175",
    "Beijing's crackdown on Hong Kong activists drew criticism from Britain. | CHNGOV HKG 175",
    "The police crackdown on protesters in Minsk continued for a second week. | BLRCOP BLRCVL 175",
    # blockades and sieges: "of X" is whom it is laid on
    "The blockade of Gaza by Israel has lasted years. | ISR PSE 191",
    "Israel's blockade of Gaza was condemned by Turkey. | ISR PSE 191",
    "The Saudi blockade against Qatar began in 2017. | SAU QAT 191",
    "Russian troops laid siege to the Ukrainian city of Mariupol. | RUSMIL UKR 191",
]


@pytest.mark.parametrize("case", CODED)
def test_nominal_events_are_coded(pipeline, case):
    assert_coded(pipeline, case)



NOT_CODED = [
    # the noun is what a threat, a risk, a prospect or a request is of/for: nothing happened
    ("The threat of an attack by Iran on Saudi Arabia worried investors.", "19"),
    ("The risk of a Turkish offensive against Kurdish fighters in Syria alarmed Washington.", "19"),
    ("The prospect of talks between Iran and the United States lifted markets.", "04"),
    ("The Nigerian union's request for talks with Ghanaian ministers was rejected.", "04"),
    ("A possible visit by the Chinese president to Brazil worried Argentina.", "042"),
    # averted or called off
    ("Talks with the union averted a strike by dockworkers in Chile.", "14"),
    ("The Peruvian government postponed the summit with Bolivia.", "04"),
    ("A teachers' strike in Kenya was called off on Friday.", "14"),
    # a strike by a state or its aircraft is no walkout; a hunger strike is no labour strike
    ("The Israeli strike on the camp was condemned by Egypt.", "143"),
    ("The strike by American warplanes on the Syrian airbase was condemned by Russia.", "143"),
    ("The prisoners' hunger strike in Turkey entered its tenth day.", "143"),
    # "took part in" is no conquest of a part
    ("The Peruvian foreign minister took part in talks with Bolivian officials on Monday.", "19"),
    # a that-less demand of goods is no political demand
    ("Consumer demand for Chinese cars in Germany fell sharply.", "10"),
    # "launched a strike on Monday": Monday is no target, so no air strike by workers
    ("Oil workers in Brazil staged a strike on Monday.", "195"),
    # a crackdown on no actor (on corruption, on smoking) is no repression
    ("The Kenyan government launched a crackdown on corruption.", "17"),
    # a measure that is being ended: the ending is coded (08), not the measure
    ("Israel eased its blockade of Gaza on Monday.", "19"),
    ("The lifting of sanctions on Iran was welcomed by China.", "16"),
    ("The United States lifted its embargo on Vietnam in 1994.", "16"),
]


@pytest.mark.parametrize("sentence,code_prefix", NOT_CODED)
def test_nouns_of_acts_that_did_not_take_place_are_not_coded(pipeline, sentence, code_prefix):
    events = [e for e in code(pipeline, sentence) if e["cameo"].startswith(code_prefix) and not e["negated"]]
    assert not events, _got(events)


@pytest.mark.parametrize("entry,ok", [
    ("  - {id: t.host, cameo: '040', nouns: [talk], source: ['host:after|during']}\n", True),
    ("  - {id: t.agents, cameo: '143', nouns: [strike], source_agents: [LAB, CVL]}\n", True),
    ("  - {id: t.badslot, cameo: '040', nouns: [talk], source: ['host:']}\n", False),
    ("  - {id: t.badagents, cameo: '143', nouns: [strike], source_agents: LAB CVL 7}\n", False),
    ("  - {id: t.badagents2, cameo: '143', nouns: [strike], source_agents: [[LAB]]}\n", False),
    ("  - {id: t.implied, cameo: '1721', verbs: [ban], implied_target: CVL}\n", True),
    ("  - {id: t.badimplied, cameo: '1721', verbs: [ban], implied_target: [CVL, OPP]}\n", False),
    ("  - {id: t.badimplied2, cameo: '1721', verbs: [ban], implied_target: civilians}\n", False),
])
def test_nominal_pattern_keys_are_validated(tmp_path, entry, ok):
    f = tmp_path / "p.yaml"
    f.write_text("patterns:\n" + entry)
    if ok:
        load_pattern_file(f, PatternSet(), set())
    else:
        with pytest.raises(DataFileError):
            load_pattern_file(f, PatternSet(), set())
