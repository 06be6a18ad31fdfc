"""Negation, modality, attribution and no-event sentences: where GDELT/PETRARCH go wrong.

``sentence | SRC TGT CODE negated|asserted [modality]``: the event must be coded with that
negation flag and modality (negated events are kept, marked).
"""
import pytest

from test_events_helpers import code, parse_case

NEGATION = [
    "Narendra Modi and Imran Khan have never met. | IND PAK 040 negated",
    "The Japanese envoy returned to Tokyo without meeting Moon Jae-in. | JPN KOR 040 negated",
    "The Vietnamese envoy left Beijing without meeting with Xi Jinping. | VNM CHN 040 negated",
    "Japan did not attend the summit with China. | JPN CHN 040 negated",
    "Russia did not sign the treaty with Ukraine. | RUS UKR 057 negated",
    "Russia refused to sign the treaty with Ukraine. | RUS UKR 057 negated",
    "India refused to meet with Pakistan. | IND PAK 040 negated",
    "Iran failed to release the British sailors. | IRN GBR 0841 negated",
    "Germany has not criticized Turkey. | DEU TUR 111 negated",
    "China never attacked Vietnam. | CHN VNM 190 negated",
    "The United States did not impose sanctions on India. | USA IND 163 negated",
    "Egypt declined to host the Israeli delegation. | EGY ISR 043 negated",
    # a denial covers every conjunct of what it denies
    "Serbia denied that it had attacked or shelled Kosovar villages. | SRB XKX 19 negated",
    # what a denied or dismissed claim says is denied, as "denied that ..."
    "The Kremlin denied a report that Russia was continuing to ship arms to Syria. | RUS SYR 07 negated",
    "Iran dismissed claims that it had supplied drones to Russia. | IRN RUS 07 negated",
    "Ghana rejected allegations that its troops had attacked Togolese villagers. | GHA TGO 18 negated",
    "Pakistan held no talks with India. | PAK IND 040 negated",
    "France won't send troops to Mali. | FRA MLI 154 negated",
    "There is no sign that China sent an envoy to North Korea. | CHN PRK 042 negated",
    "There was no evidence that Iran attacked the Saudi tanker. | IRN SAU 19 negated",
    "North Korea has refrained from testing missiles over Japan. | PRK JPN 150 negated",
    # a denied act, told as a gerund after "deny", did not happen by the speaker's word
    "Iran denied supplying weapons to the Houthi rebels. | IRN YEM 07 negated",
    "Egypt denied expelling the Sudanese ambassador. | EGY SDN 166 negated",
    # a second infinitive after the noun of refusal shares its negation
    "Seoul's refusal to talk with Tokyo, or even to meet with Japan's envoy, angered many. | KOR JPN 040 negated",
]

REFUSAL_IS_AN_EVENT = [
    "Russia refused to sign the treaty with Ukraine. | RUS UKR 127 asserted",
    "India refused to meet with Pakistan. | IND PAK 125 asserted",
    "Turkey refused to release the American pastor. | TUR USA 1243 asserted",
    "North Korea refused to negotiate with the United States. | PRK USA 125 asserted",
]

# (a plan is coded as the intent to act, 03x/13x, with modality intended: events/plans.py)
MODALITY = [
    "There are signs that Iran attacked the Saudi tanker. | IRN SAU 19 asserted asserted",
    "Beijing will send an envoy to North Korea. | CHN PRK 036 asserted intended",
    "China plans to send an envoy to North Korea. | CHN PRK 036 asserted intended",
    "Japan intends to visit China next month. | JPN CHN 036",
    "Russia is expected to sign a trade deal with Belarus. | RUS BLR 03 asserted intended",
    "The Indian prime minister is going to visit Nepal. | IND NPL 036 asserted intended",
    "If China attacks Taiwan, the United States will respond. | CHN TWN 190 asserted hypothetical",
    "Will China send an envoy to North Korea? | CHN PRK 042 asserted hypothetical",
    "Would Russia impose sanctions on Turkey? | RUS TUR 163 asserted hypothetical",
    "Iran could attack Israel. | IRN ISR 190 asserted hypothetical",
    "Unless Iran stops, Israel might attack Iran. | ISR IRN 190 asserted hypothetical",
    # what one believes another will do is a guess, not that other's plan
    "Japan fears China will impose sanctions on Japanese firms. | CHN JPN 16 asserted hypothetical",
    "Kenya believes it will sign a trade deal with Uganda. | KEN UGA 03 asserted intended",
    # a modal with the perfect tells what did not happen, reported or not
    "Egypt could have expelled the Sudanese ambassador. | EGY SDN 166 asserted hypothetical",
    "The Kenyan minister said he would have met the Somali president. | KEN SOM 040 asserted hypothetical",
    "The Egyptian envoy said Cairo should have recalled its ambassador from Sudan. "
    "| EGY SDN 161 asserted hypothetical",
    # ... but "said it would" is the future seen from the past
    "Police said they would arrest the Kenyan protesters. | KEN KEN 13 asserted intended",
    "China appears to have rejected the American ultimatum. | CHN USA 127 asserted hedged",
    "China seems to have rejected the American ultimatum. | CHN USA 127 asserted hedged",
    "Russia apparently expelled British diplomats. | RUS GBR 166 asserted hedged",
    "North Korea reportedly executed Japanese prisoners. | PRK JPN 1823 asserted hedged",
    "Russia criticized Japan. | RUS JPN 111 asserted asserted",
    # only possible: likely/capable/a capacity or a right to act, "makes it possible to"
    "The Syrian rebels are likely to attack the Turkish army next week. | SYR TUR 190 asserted hypothetical",
    "The new Iranian missile is capable of striking Israel. | IRN ISR 19 asserted hypothetical",
    "Iran has no capacity to carry out attacks in the United States. | - USA 190 asserted hypothetical",
    "Brazil has the right to expel the Paraguayan ambassador. | - PRY 166 asserted hypothetical",
    "The deal makes it possible for France to meet the Polish president. | FRA POL 040 asserted hypothetical",
    # an act judged or required after a dummy "it" is not done
    "It is necessary to impose sanctions on Iran, the French president said. | FRA IRN 163 asserted hypothetical",
    "It would be a mistake to expel the Russian ambassador, the Czech minister said. | - RUS 166 asserted hypothetical",
    "The Spanish minister said that it was wrong to accuse Morocco of the bombing. | ESP MAR 112 asserted hypothetical",
    "It is important for India to hold talks with Pakistan. | IND PAK 04 asserted hypothetical",
    "It is time for Israel to withdraw its troops from Lebanon. | ISR LBN 0872 asserted hypothetical",
    # an obligation to come is not done, one that was ("had to") is
    "Serbia will have to recall its ambassador from Albania, the French minister said. | SRB ALB 161 asserted hypothetical",
    "Serbia had to recall its ambassador from Albania. | SRB ALB 161 asserted asserted",
    # ... but not a predicate of the subject's own act, nor a fact under "it is clear that"
    "The Chinese ministry was quick to condemn Japan. | CHN JPN 111 asserted asserted",
    "It is clear that Russia attacked Ukraine. | RUS UKR 190 asserted asserted",
    # ... but "was able to" did it
    "Iran was able to free the British sailors. | IRN GBR 0841 asserted asserted",
    # a participle adjunct shares its head's mood
    "Rejecting the Russian offer, Ukraine may lose the support of Germany. | UKR RUS 120 asserted hypothetical",
    "Rejecting the Russian offer, Ukraine criticized Moscow. | UKR RUS 120 asserted asserted",
    # a conjoined verb with no modal of its own shares the first verb's (session 8)
    "Kenya may expel the Ugandan diplomats and recall its ambassador. | KEN - 161 asserted hypothetical",
    "If Chile closes the border, Peru could expel Chilean diplomats and recall its ambassador. | PER - 161 asserted hypothetical",
    "Kenya will expel the Ugandan diplomats and recall its ambassador. | KEN - 1313 asserted intended",
    # an infinitive right after a noun of intent is the noun's, wherever the parser hangs it
    "Poland made a vow to expel the Belarusian envoys. | POL BLR 13 asserted intended",
    "Chile made a pledge to send food aid to Haiti. | CHL HTI 03 asserted intended",
    "Japan made a decision to recall its ambassador from China. | JPN CHN 13 asserted intended",
    # judging another's decision leaves the decision its own doer
    "Peru welcomed the US decision to lift sanctions on Cuba. | USA CUB 03 asserted intended",
    "Spain repeated its vow to impose sanctions on Venezuela. | ESP VEN 13 asserted intended",
    "Kenya expelled the Ugandan diplomats and recalled its ambassador. | KEN - 161 asserted asserted",
    "Kenya will expel the Ugandan diplomats and has recalled its ambassador. | KEN - 161 asserted asserted",
    # a need is no deed
    "There was no need to attack the Chadian rebels, the army said. | - TCD 190 asserted hypothetical",
    "The Greek minister said there is no need to criticize Turkey. | - TUR 111 asserted hypothetical",
    # a condition told by an auxiliary before its subject, with no "if"
    "Had Israel bombed the Iranian reactor, Tehran would have retaliated. | ISR IRN 19 asserted hypothetical",
    "Should Russia invade Georgia, the alliance will respond. | RUS GEO 19 asserted hypothetical",
    "Were Turkey to expel the Dutch envoy, trade would suffer. | TUR NLD 166 asserted hypothetical",
    "Had the Cuban envoy met the Spanish minister, the talks could have resumed. "
    "| CUB ESP 040 asserted hypothetical",
    # ... but a pluperfect in its own place tells what did happen
    "Israel had bombed the Syrian reactor before the talks began. | ISR SYR 19 asserted asserted",
    "The Chilean minister said Peru should expel the Bolivian envoy. | PER BOL 166 asserted hypothetical",
]

REPORTED = [
    # (sentence, expected embedded event, the speaker's actor id in its attribution)
    ("Japan said that China had attacked Vietnam. | CHN VNM 190 asserted reported", "country:JPN"),
    ("Geng Shuang said that Song Tao will visit North Korea. | CHN PRK 036 asserted intended",
     "person:geng-shuang"),
    ("The Pentagon said Russia deployed troops to Syria. | RUS SYR 154 asserted reported", "org:pentagon"),
    ("Iran told reporters that Israel had bombed Syria. | ISR SYR 19 asserted reported", "country:IRN"),
    ("According to Japan, North Korea fired missiles at South Korea. | PRK KOR 19 asserted reported",
     "country:JPN"),
    ("Seoul claimed that Pyongyang had arrested South Korean citizens. | PRK KOR 173 asserted reported",
     "country:KOR"),
]

REPORTED_BY_TITLE = [
    # (sentence, expected embedded event, the speaker's actor code in its attribution): a
    # speaker known by title and country only; an announced act is intended
    ("Kenya's foreign minister announced on Monday that Japan will give Kenya two patrol boats. "
     "| JPN KEN 0332 asserted intended", "KENGOV"),
    ("Peru's interior minister said that Chile had expelled two Peruvian diplomats. "
     "| CHL PER 166 asserted reported", "PERGOV"),
    ("Colombia's defence minister said on Friday that Venezuela would send tanks to the border "
     "with Colombia. | VEN COL 138 asserted intended", "COLGOV"),
]

NO_EVENT = [
    "Germany is France's largest trading partner and closest ally.",
    "Beijing is the capital of China.",
    "The general consensus is that the alliance is tense.",
    "North Korea's economy depends on China.",
    "Japan has a large navy.",
    "Relations between China and Japan are complicated.",
    "South Korea's president is popular.",
    "Russia is a big country with many resources.",
    "India and Pakistan are neighbours.",
    "Shinzo Abe (third from right) visits Narendra Modi in New Delhi.",
    "Xi Jinping meets Kim Jong-un Source: Yonhap News",
    "The weather in Tokyo was sunny on Monday.",
    "Many people in Egypt like football.",
    "France and Germany are members of the European Union.",
]


@pytest.mark.parametrize("case", NEGATION)
def test_negated_events_are_kept_and_marked(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), _show(sentence, exp, events)
    # and nothing of that root is counted as having happened
    assert not any(e["cameo_root"] == exp.code[:2] and not e["negated"] for e in events)


@pytest.mark.parametrize("case", REFUSAL_IS_AN_EVENT)
def test_refusal_is_itself_a_reject_event(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), _show(sentence, exp, events)


@pytest.mark.parametrize("case", MODALITY)
def test_modality(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), _show(sentence, exp, events)


@pytest.mark.parametrize("case,speaker", REPORTED + REPORTED_BY_TITLE)
def test_reported_speech_is_the_event_with_the_speaker_as_attribution(pipeline, case, speaker):
    """"X said (that) Y did Z" is Z, attributed to X (its actor id, or its code when the
    speaker is known by title and country only); saying it is no event of its own."""
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    embedded = [e for e in events if exp.matches(e)]
    assert embedded, _show(sentence, exp, events)
    att = embedded[0]["attribution"]
    assert att and att["cue"] and att["actor_id" if ":" in speaker else "code"] == speaker, embedded[0]
    assert not [e for e in events if e["cameo_root"] == "01"], _show(sentence, exp, events)


SAID_ONLY = [
    # a verb of saying with no addressee, or to the media, is not an event
    "The Peruvian foreign minister said on Monday that the talks were long.",
    "A Chilean government spokesman spoke for an hour.",
    "Bolivia's president told reporters that he was tired.",
    "The Kenyan minister told Reuters the weather was fine.",
    "The Egyptian army said in an interview with the BBC that it was busy.",
    "Ecuador's interior ministry stated that the roads were crowded.",
]


@pytest.mark.parametrize("sentence", SAID_ONLY)
def test_saying_alone_is_not_a_statement_event(pipeline, sentence):
    events = code(pipeline, sentence)
    assert not [e for e in events if e["cameo_root"] == "01"], \
        [(e["cameo"], e["pattern"], (e["target"] or {}).get("code")) for e in events]


STATEMENT_TO = [
    # saying to a political addressee, with no coded content, stays a 010 statement
    "The Japanese envoy told Chinese officials about the plan. | JPN CHN 010 asserted",
    "The Peruvian president informed the Chilean government of his decision. | PER CHL 010 asserted",
]


@pytest.mark.parametrize("case", STATEMENT_TO)
def test_saying_to_a_political_addressee_is_a_statement(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), _show(sentence, exp, events)


@pytest.mark.parametrize("sentence", NO_EVENT)
def test_states_opinions_and_captions_give_no_event(pipeline, sentence):
    events = code(pipeline, sentence)
    assert events == [], [(e["cameo"], e["pattern"]) for e in events]


# A wish or a demand for someone else's act is not that act: the act did not happen.
WISHED_ACT = [
    ("Ghana's president wants Togo to close its border with Burkina Faso.", "16"),
    ("France would like Germany to sanction the Russian bank.", "16"),
    ("Mali expects Niger to reopen the border within a week.", "08"),
    ("The opposition demanded that the government free the jailed reporters.", "08"),
    ("Peru proposed that Chile withdraw its warships from the bay.", "08"),
    ("Russia pressured Belarus into closing its border with Poland.", "16"),
    ("The Chinese invitation to the Vietnamese president to visit Beijing was welcomed.", "04"),
    # forbidden or prevented: not done (and not denied either)
    ("The resolutions ban North Korea from launching missiles over Japan.", "15"),
    ("Kenyan police stopped the Somali refugees from marching to the Ugandan embassy.", "14"),
]


@pytest.mark.parametrize("sentence,root", WISHED_ACT)
def test_a_wished_or_demanded_act_is_not_coded_as_done(pipeline, sentence, root):
    events = code(pipeline, sentence)
    assert not any(e["cameo_root"] == root for e in events), \
        [(e["cameo"], e["source"], e["target"], e["modality"]) for e in events]


def test_headline_repeated_in_body_is_coded_once(pipeline):
    text = ("China sends envoy to North Korea\n\n"
            "China sent an envoy to North Korea on Friday, officials said.")
    events = [e for e in code(pipeline, text) if e["cameo_root"] == "04"]
    assert len(events) == 1 and events[0]["sentence_index"] == 1


def test_event_record_fields(pipeline):
    ev = code(pipeline, "Beijing sent an envoy to North Korea.")[0]
    for key in ("sentence_index", "sentence", "span", "source", "target", "cameo", "cameo_root",
                "quad_class", "goldstein", "plover", "verb", "negated", "modality",
                "attribution", "pattern", "confidence"):
        assert key in ev
    # the coder's helpers for the later stages are at hand, but not among the keys
    assert isinstance(ev["_verb_i"], int) and ev["_clause"] and "_verb_i" not in ev
    assert set(ev["source"]) == {"text", "name", "code", "country", "agent", "actor_id", "span"}
    assert (ev["cameo"], ev["quad_class"], ev["goldstein"]) == ("042", 1, 1.9)
    assert ev["plover"]["event_type"] == "CONSULT"
    assert ev["verb"]["lemma"] == "send" and ev["pattern"] == "04.send_envoy"
    start, end = ev["span"]
    assert ev["sentence"][start:end]  # a real char span of the clause
    assert 0 < ev["confidence"] <= 1


def _show(sentence, exp, events):
    return (f"{sentence!r}: expected {exp}; got "
            f"{[((e['source'] or {}).get('code'), (e['target'] or {}).get('code'), e['cameo'], e['pattern'], e['negated'], e['modality']) for e in events]}")
