"""Events the recall audit of session 7 found missed (docs/audit-s7.md, "Recall"): a random
sample of sentences from unseen articles, the kinds of missed events that were COMMON.

Cases read ``sentence | SOURCE TARGET CODE`` as in test_events_roots ("-" = not checked);
the sentences are our own. Each kind has counter-cases that must not code it.
"""
import pytest

from test_events_helpers import assert_coded, code

CASES = [
    # a missile launch told in the passive: the owner or the place fired from launched it
    "North Korea's newest missile was fired from an airfield near the capital. | PRK - 150",
    "A ballistic missile was fired from North Korea over Japan on Friday. | PRK JPN 150",
    "Iran's cruise missiles were test-fired during the naval drill. | IRN - 150",
    "Two Pakistani missiles were launched from a site in Baluchistan during the exercise. | PAK - 150",
    # restricting movement: roadblocks and checkpoints set up by armed or state forces
    "Zambian troops set up roadblocks on the roads out of Lusaka on Monday. | ZMB - 191",
    "Israeli police erected checkpoints across East Jerusalem. | ISR - 191",
    "Ethiopian soldiers mounted roadblocks on the roads into Mekele. | ETH - 191",
    # criticism verbs that were missing
    "Senate Republicans pilloried the White House over its budget. | USA USA 111",
    "The Chinese foreign ministry chastised Japan for the shrine visit. | CHN JPN 111",
    "The Nigerian president reprimanded the army chief over the killings. | NGA - 111",
    "Venezuela's president belittled the Colombian government in a speech. | VEN COL 111",
    # "called X an injustice / a disaster": a denunciation (111)
    "The attorney general of Oklahoma called the new court rules an injustice. | USA - 111",
    "Trump called the Iran nuclear deal a disaster. | USA - 111",
    "The Turkish president called the Dutch decision a scandal. | TUR - 111",
    # "said X was damaging / disgraceful / inappropriate"
    "French Foreign Minister Laurent Fabius said the Russian move was deeply damaging. | FRA - 111",
    "The Kenyan opposition leader said the police raid was disgraceful. | KEN - 111",
    # "called on X to ..." appeals (04.phone never reads "called on"); "called X on Monday" phones
    "Chancellor Merkel called on Russia to withdraw its troops. | DEU RUS 020",
    "Putin called Erdogan on Tuesday to discuss Syria. | RUS TUR 041",
    # hostage-taking told with "held/kept hostage"
    "An American aid worker was held hostage by Islamic State militants for two years. | - USA 181",
    "Somali pirates kept the Indian crew hostage for months. | SOM IND 181",
    # detention told with "held on suspicion / on charges of"
    "Egyptian police held the journalist on charges of spreading false news. | EGY EGY 173",
    "Turkish police detained the German reporter on suspicion of spying. | TUR DEU 173",
    # a wish to cooperate with a named party (031)
    "The Japanese prime minister said he wants to work with India on maritime security. | JPN IND 031",
    "Seoul hopes to cooperate with Beijing on the North Korean nuclear issue. | KOR CHN 031",
]


@pytest.mark.parametrize("case", CASES)
def test_recall_case(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence, root", [
    # protesters' roadblocks are no state restricting movement (191)
    ("Kenyan protesters set up roadblocks on the main highway.", "19"),
    # checkpoints named but not set up
    ("Iraqi soldiers stood at a checkpoint outside the city.", "19"),
    # "called on X" is never a telephone call
    ("President Reagan called on U.S. Allies to share the burden of the patrols.", "04"),
    ("Chancellor Merkel called on Russia to withdraw its troops.", "04"),
    # declining to comment is no criticism ("inappropriate" is not in 11.say_wrong for that)
    ("A Kremlin spokesman said it would be inappropriate to comment on the case.", "11"),
    ("The German interior ministry said it was inappropriate to comment on the inquiry.", "11"),
    # a wish to cooperate with nobody named is no event; neither is an unconditional plan's absence
    ("The Japanese prime minister said he wants to work harder.", "03"),
    # held in a meeting / held talks: no detention, no hostage
    ("The US ambassador held talks with Chinese officials on trade.", "17"),
    ("The US ambassador held talks with Chinese officials on trade.", "18"),
    # a missile fired by a named subject keeps that subject, not the place it was fired from
    ("Japanese forces fired a missile from Okinawa into the sea.", "xx"),
])
def test_recall_counter_case(pipeline, sentence, root):
    events = [e for e in code(pipeline, sentence) if not e["negated"]]
    if root == "xx":
        launches = [e for e in events if e["cameo_root"] == "15"]
        assert launches and all((e["source"] or {}).get("code", "").startswith("JPN") for e in launches), \
            [(e["cameo"], e["source"]) for e in launches]
        return
    assert not [e for e in events if e["cameo_root"] == root], \
        [(e["cameo"], e["pattern"]) for e in events]


# Session 8 (docs/audit-recall-s8.md): kinds of missed events or wrong roots found on the
# dev sets and on a random sample of unseen sentences (seeds 81, 82). Our own sentences.
CASES_S8 = [
    # banning a trade with a state is an embargo (163), not the ban of a party (1722)
    "Washington banned arms shipments to Syria in 2011. | USA SYR 163",
    "The president prohibited oil exports to Venezuela. | - VEN 163",
    "Britain banned imports from Iran. | GBR IRN 163",
    "The European Commission barred the sale of aircraft parts to Russia. | IGO RUS 163",
    # goods supplied, sold or transferred to another state's side: trade (061)
    "Russian tankers transferred fuel to North Korean ships at sea. | RUS PRK 061",
    "Chinese vessels supplied oil to North Korean ships on several occasions. | CHN PRK 061",
    "Iran sold crude to China despite the sanctions. | IRN CHN 061",
    # the doer of an act one is judged for is the one judged, not the judge
    "Washington accused Beijing of selling oil to North Korea. | CHN PRK 061",
    "The British minister was disappointed in Iran for selling oil to Syria. | IRN SYR 061",
    "Beijing was accused of selling oil to North Korea. | CHN PRK 061",
    # civilians blocking or surrounding a place obstruct in protest (144), not a siege (191)
    "Farmers blockaded banks with their tractors in several Brazilian towns. | BRA BRA 144",
    "Protesters surrounded the parliament in Kiev. | UKR UKR 144",
    # crowds that clash with the police protest violently (145)
    "Protesters clashed with police outside the parliament in Nairobi. | KEN KEN 145",
    "Kenyan students fought riot police in Nairobi. | KEN KEN 145",
    "Violent clashes broke out between protesters and police in Caracas. | VEN VEN 145",
    # people seized are abducted (181), not property confiscated (1711)
    "Islamist gunmen seized 80 schoolgirls in northern Nigeria last year. | NGA NGA 181",
    "Al-Shabaab fighters seized dozens of villagers in southern Somalia. | SOM SOM 181",
    "Pirates seized 20 Filipino sailors off Somalia. | - PHL 181",
    # an offer to talk told through a disposition noun (036), the subject its source
    "Seoul expressed its intent to talk with North Korea. | KOR PRK 036",
    "The Bolivian miners' union indicated its willingness to negotiate with the government. | BOL BOL 036",
    "Iran signalled its readiness to resume talks with the European Union. | IRN IGO 036",
    # testimony before a legislature is a statement to it (010)
    "The Brazilian finance minister testified to the Senate about the budget. | BRA BRA 010",
    # an attack made with missiles or drones is an aerial attack (195); a test missile is a test (150)
    "Iran has attacked several Kuwaiti tankers with land-based missiles. | IRN KWT 195",
    "Israeli forces hit Hamas targets in Gaza with drones. | ISR PSE 195",
    "Pakistani officials said India had fired a test missile against a decommissioned ship. | IND - 150",
    # forces or police that deploy (no object) are mobilized; weapons emplaced strengthen forces
    "Riot police deployed around the parliament in Nairobi. | KEN - 153",
    "Thousands of Indian troops deployed along the border with China. | IND - 154",
    "Iran emplaced anti-ship missiles along the strait. | IRN - 154",
    # a promise to take action against someone is a threat (130); legal action is a suit (115)
    "The Nigerian army vowed to take action against Boko Haram. | NGA NGA 130",
    "The Kenyan opposition took legal action against the electoral commission. | KEN KEN 115",
    # a sentence handed down is a finding of guilt (116)
    "An Egyptian court handed the activist a five-year sentence. | EGY EGY 116",
]


@pytest.mark.parametrize("case", CASES_S8)
def test_recall_s8_case(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence, code_", [
    # a party or a person banned stays 1722; an export ban with no one traded with is no embargo on anyone
    ("The Nigerian government banned the opposition party.", "163"),
    ("Kenya banned the export of raw cashew nuts.", "163"),
    # power, prisoners and weapons handed over are no trade
    ("The minister transferred power to his deputy.", "061"),
    ("Egypt transferred the prisoners to Israel.", "061"),
    ("Russia sold missiles to Turkey.", "061"),
    # armed or state forces that surround or clash stay force
    ("Police surrounded the protesters in Moscow.", "144"),
    ("Syrian troops besieged the rebel-held town of Madaya.", "144"),
    ("Iraqi troops clashed with Kurdish fighters near Kirkuk.", "145"),
    # weapons and ships seized are property
    ("Police seized weapons from the rebels in Mindanao.", "181"),
    ("Iran seized a British tanker in the Strait of Hormuz.", "181"),
    # a disposition to fight or to help is no offer of talks; a desire judged is its owner's
    ("The Cuban government voiced its determination to fight the blockade.", "036"),
    ("Japan expressed its willingness to help Kenya.", "036"),
    # a new cabinet installed, volunteers gathering: no force
    ("The Kenyan president installed a new cabinet.", "154"),
    ("Volunteers gathered at the Kenyan parliament.", "153"),
    # action against someone without "legal" is no lawsuit
    ("The Nigerian army vowed to take action against Boko Haram.", "115"),
    ("Zambian youths took action against shops that raised their prices.", "115"),
    # where one hails from is no praise
    ("The Egyptian minister, who hailed from the army, met the Saudi envoy.", "051"),
    # stones are no aerial weapon
    ("Russian protesters attacked the police with stones.", "195"),
])
def test_recall_s8_counter_case(pipeline, sentence, code_):
    events = [e for e in code(pipeline, sentence) if not e["negated"]]
    assert not [e for e in events if e["cameo"] == code_], \
        [(e["cameo"], e["pattern"]) for e in events]


def test_judged_doer_keeps_judge_out(pipeline):
    # "accused X of V-ing": X did it; the accuser is the source of the accusation only
    events = code(pipeline, "Turkey blamed Kurdish rebels for attacking a police station in Diyarbakir.")
    force = [e for e in events if e["cameo_root"] == "19"]
    assert force and all((e["source"] or {}).get("code", "").endswith("REB") for e in force), \
        [(e["cameo"], e["source"]) for e in force]


# Session 9 (docs/audit-recall-s9.md): speech acts told through a state ("came under fire
# from X"), threats told as the promise of revenge; our own sentences.
CASES_S9 = [
    # attacked or criticised by a political side: words, not force (111)
    "The senator has come under attack from Republicans for his vote. | USA USA 111",
    "The Kenyan government came under attack from the opposition over the election. | KEN KEN 111",
    "The Nigerian army came under condemnation from human rights groups. | NGA NGA 111",
    "The French government came under criticism from Amnesty International. | - FRA 111",
    # ... by an armed side: force (190)
    "Iraqi soldiers came under attack from Islamic State fighters. | - IRQ 190",
    "A Turkish army convoy came under attack by Kurdish militants on Monday. | TUR TUR 190",
    # revenge vowed is a threat (13), no intent to cooperate (03)
    "Iran vowed retaliation against the United States. | IRN USA 130",
    "The Syrian president pledged reprisals against Turkey. | SYR TUR 130",
    # meddling, interfering, plotting said of someone: an accusation (112)
    "Moscow said Washington was interfering in Russia's internal affairs. | RUS USA 112",
    "The Chinese foreign ministry said Britain was meddling in Hong Kong's affairs. | CHN GBR 112",
    "Venezuela's president said the United States was plotting a coup against him. | VEN USA 112",
    # an attack repelled: the defenders fight the attackers (190)
    "Afghan forces repelled a Taliban attack on the city of Kunduz. | AFG AFG 190",
    "Syria said its army had crushed a Turkish offensive near Manbij. | SYR TUR 190",
    "The Eritrean assault on the airport was repulsed by Ethiopian troops. | ETH ERI 190",
    "Kurdish fighters beat back a Turkish offensive near Afrin. | - TUR 190",
    # conceding power, ground or a demand is yielding (080)
    "The Colombian government conceded territory to the rebels. | COL COL 080",
    "The Kenyan government conceded to the strikers' demands. | KEN KEN 080",
    # words traded are no trade: insults and accusations (111), threats (130)
    "The Turkish president traded barbs with the German chancellor. | TUR DEU 111",
    "India and Pakistan exchanged accusations over the attack. | IND PAK 111",
    "Iran and Iraq exchanged threats on Monday. | IRN IRQ 130",
    "Japan traded with China for decades. | JPN CHN 061",
    # what one had to do, one did (an obligation in the present is not done: counter-cases)
    "Kenyan troops had to withdraw from the Somali town of Kismayo after the attack. | KEN SOM 087 asserted asserted",
    # a meeting told in the passive or with "met with" someone stays a meeting
    "The British envoy was met by the Iranian foreign minister at the airport. | IRN GBR 040",
    "Chinese President Xi Jinping met with the Russian president in Moscow. | CHN RUS 040",
]


@pytest.mark.parametrize("case", CASES_S9)
def test_recall_s9_case(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence, code_", [
    # an armed side's fire is no criticism
    ("Israeli troops came under fire from Hamas gunmen near the border.", "111"),
    ("Iraqi soldiers came under attack from Islamic State fighters.", "111"),
    # a repelled attack needs an attack: criticism rebuffed, a plan crushed are no fight
    ("The Kenyan government rebuffed the opposition's criticism.", "190"),
    ("Iraqi police crushed the protest in Basra.", "190"),
    # insults traded are no commerce
    ("The Venezuelan president has traded insults with the Colombian president.", "061"),
    # a fact conceded is no yielding
    ("The Saudi government conceded that its forces had killed the journalist.", "080"),
    # revenge vowed is no intent (030)
    ("Iran vowed retaliation against the United States.", "030"),
    # how a thing was received is no meeting
    ("The Egyptian minister was met with protests in Cairo.", "040"),
    ("Pakistan's army chief said any Indian aggression would be met with a firm response.", "036"),
    ("The Kenyan president's speech was met with silence by the opposition.", "040"),
    # one's own restraint is no accusation
    ("The Chinese foreign ministry said China would never interfere in Myanmar's affairs.", "112"),
    # an obligation is not done: no withdrawal asserted
    ("The German chancellor said Russia has to withdraw its troops from Ukraine.", "0872"),
    ("\"Russia has to withdraw its troops,\" the German chancellor said.", "0872"),
    # "any attack" is a condition, no attack that happened
    ("\"Any attack on our territory will be answered with force,\" the Iranian defence minister said.", "190"),
])
def test_recall_s9_counter_case(pipeline, sentence, code_):
    assert_nothing_done(pipeline, sentence, code_)


def assert_nothing_done(pipeline, sentence, code_):
    """Nothing of this code that happened (negated, hypothetical and demanded ones aside)."""
    events = [e for e in code(pipeline, sentence) if not e["negated"] and e["modality"] != "hypothetical"]
    assert not [e for e in events if e["cameo"] == code_], \
        [(e["cameo"], e["pattern"]) for e in events]



# -- session 10 (lane recall10b): stances, judicial outcomes, pandemic travel lists ----------

CASES_S10 = [
    # a stance said as a predicate adjective: "was critical of"
    "Several senators were highly critical of the Pentagon's plan. | USA USA 111",
    "The Egyptian foreign minister has been sharply critical of Israel. | EGY ISR 111",
    "Indian officials remained critical of Pakistan's decision to close the border. | IND PAK 111",
    # a public stance for or against
    "The French president came out in support of the Ukrainian government. | FRA UKR 051",
    "The French president came out against the pipeline project. | FRA - 110",
    # accusations dismissed as untrue
    "The Russian foreign minister called the charges baseless. | RUS - 111",
    "The Egyptian government said the allegations were groundless. | EGY - 111",
    # a sentence handed down or served: the court of the country when none is named
    "The former Egyptian president was handed a 20-year sentence on corruption charges. | EGYJUD EGY 116",
    "The Russian opposition leader was given a nine-year prison term. | RUSJUD RUS 116",
    "The Egyptian blogger is currently serving a life sentence. | EGYJUD EGY 116",
    "The Russian opposition leader was sentenced to three years in jail. | RUSJUD RUS 116",
    "The former Pakistani prime minister was found guilty of corruption. | PAKJUD PAK 116",
    # pandemic travel lists: taken off the list of free travel, or put on the quarantine list
    "Spain and Greece have been removed from the British government's travel corridor list. | GBR ESP 160",
    "Britain removed Spain and Greece from its travel corridor list. | GBR GRC 160",
    "Germany has taken Sweden off its list of safe countries. | DEU SWE 160",
    "Britain added Portugal to its quarantine list. | GBR PRT 160",
    "Britain took Italy off the quarantine list on Friday. | GBR ITA 081",
]


@pytest.mark.parametrize("case", CASES_S10)
def test_recall_s10_case(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence, code_", [
    # "critical" as "vital" is no criticism
    ("It is critical that Germany and France agree on the budget.", "111"),
    # a term of office is no prison term
    ("The Kenyan president is serving his second term.", "116"),
    ("The Ugandan president was given a fifth term by voters.", "116"),
    ("The French senator served two terms in the senate.", "116"),
    # a court throwing out a case is no criticism
    ("The Indian court called the petition baseless in 2015.", "111"),
    # coming out of a room is no stance
    ("The German chancellor came out of the meeting smiling.", "051"),
    # something else removed, or a list of another kind
    ("The Spanish minister removed the item from the agenda.", "160"),
    ("Britain removed Spain from its list of priority markets.", "160"),
])
def test_recall_s10_counter_case(pipeline, sentence, code_):
    assert_nothing_done(pipeline, sentence, code_)


@pytest.mark.parametrize("sentence, code_, negated, modality", [
    # negated and hypothetical: coded with the flag, never as done
    ("The senator was not critical of the Israeli government.", "111", True, None),
    ("The Turkish minister did not call the charges baseless.", "111", True, None),
    ("Britain did not remove Spain from its travel corridor list.", "160", True, None),
    ("The Italian prime minister has not come out in favour of the plan.", "051", True, None),
    ("The former Pakistani prime minister could be given a life sentence.", "116", False, "hypothetical"),
    ("Britain may remove France from its travel corridor list next week.", "160", False, "hypothetical"),
])
def test_recall_s10_not_done(pipeline, sentence, code_, negated, modality):
    events = [e for e in code(pipeline, sentence) if e["cameo"] == code_]
    assert events and all(e["negated"] == negated and (modality is None or e["modality"] == modality)
                          and (negated or e["modality"] != "asserted") for e in events), \
        [(e["cameo"], e["negated"], e["modality"]) for e in events]


@pytest.mark.parametrize("sentence, target", [
    ("Britain removed Greece from its travel corridor list.", "GRC"),
    ("Britain added Portugal to its quarantine list.", "PRT"),
])
def test_travel_list_target_is_the_country(pipeline, sentence, target):
    # a country taken off a travel list: its travellers and territory, not its government
    events = [e for e in code(pipeline, sentence) if e["pattern"].startswith(("16.", "08."))]
    assert events and all((e["target"] or {}).get("code") == target for e in events), \
        [(e["cameo"], (e["target"] or {}).get("code")) for e in events]
