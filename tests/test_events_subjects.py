"""Who acts: subjects the parser hangs in odd places (events/grammar.subjects). Our own
sentences; each case: sentence | SOURCE TARGET CODE (codes as prefixes, "-" for none)."""
import pytest

from test_events_helpers import assert_coded, code, got

CASES = [
    # an emphatic auxiliary cut off from its verb by commas carries the subject
    "The Kenyan envoy said Uganda did, in fact, expel two Kenyan diplomats. | UGA KEN 166",
    "The report said Chile had, by then, recalled its ambassador from Peru. | CHL PER 161",
]


@pytest.mark.parametrize("case", CASES)
def test_subject_hung_on_the_auxiliary(pipeline, case):
    assert_coded(pipeline, case)


# A past participle on a noun with its by-agent is a passive without auxiliary: the agent
# does it, to the noun. Only acts told this way as events (meetings, mediation, releases,
# protests, arrests, violence) are coded.
PARTICIPLES = [
    "The Red Cross visited the hostages held by Houthi rebels in Yemen. | YEMREB YEM 181",
    "Ten villagers killed by Nigerian soldiers were buried on Monday. | NGAMIL NGACVL 19",
    "The Japanese citizens abducted by North Korea remain missing. | PRK JPN 181",
    "Protesters arrested by Iranian police were freed on Sunday. | IRNCOP IRNCVL 173",
    "A ceasefire brokered by Egypt took effect in Gaza. | EGY - 045",
    "The general strike called by Bolivian unions closed schools. | BOLLAB BOLGOV 14",
    # mediators are third parties, not the sides of the talks; the talks stay an event
    "The truce is the outcome of negotiations between Sudan and Chad brokered by Qatar. | QAT TCD 045",
    "The truce is the outcome of negotiations between Sudan and Chad brokered by Qatar. | QAT SDN 045",
    "The truce is the outcome of negotiations between Sudan and Chad brokered by Qatar. | SDN TCD 046",
]

# Participles that tell what a thing is, not an event
NOT_PARTICIPLE_EVENTS = [
    ("Iranian forces backed by heavy artillery advanced on Basra.", "05"),
    ("A letter signed by sixty Kenyan doctors urged caution.", "05"),
    ("The aid sent by Japan to Kenya arrived on Monday.", "04"),
]


@pytest.mark.parametrize("case", PARTICIPLES)
def test_participle_with_by_agent(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence,root", NOT_PARTICIPLE_EVENTS)
def test_descriptive_participle_is_no_event(pipeline, sentence, root):
    events = code(pipeline, sentence)
    assert not any(e["cameo"].startswith(root) for e in events), got(events)


# Rebels or gangs holding people arrest no one: no authority, it is abduction (181)
IRREGULAR_DETENTION = [
    "Rebels detained two Sudanese aid workers in Darfur on Monday. | SDNREB SDN 181",
    "Police in Kenya detained two Ugandan smugglers on Monday. | KENCOP UGA 173",
]


@pytest.mark.parametrize("case", IRREGULAR_DETENTION)
def test_detention_by_irregulars_is_abduction(pipeline, case):
    assert_coded(pipeline, case)
