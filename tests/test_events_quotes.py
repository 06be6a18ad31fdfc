"""Quoted and reported speech (events/quotes.py), one short text at a time.

``text | SOURCE TARGET CODE [asserted MODALITY]``: the expected record must be among those
coded. Every text is our own.
"""
import pytest

from test_events_helpers import code, parse_case

CASES = [
    # a quoted evaluation of a named actor or of its act: criticism from the speaker
    '"The Peruvian government\'s plan is a disgrace," Chile\'s foreign minister said. | CHLGOV PERGOV 111 asserted reported',
    'Chile\'s foreign minister said: "The Peruvian government has been reckless." | CHLGOV PERGOV 111',
    'Chile\'s foreign minister told reporters the Bolivian cabinet had shown contempt for its neighbours. | CHLGOV BOLGOV 111',
    # harming what the speaker holds dear; praise denied
    "Japan's foreign minister said the Chinese government's actions undermine regional stability. | JPNGOV CHNGOV 111",
    '"The Venezuelan government\'s offer is not serious," Colombia\'s foreign minister said. | COLGOV VENGOV 111',
    # evaluative verbs denied, on the owner of the figures/claims (also through "none of")
    "Chile's foreign minister said the Peruvian government's figures do not add up. | CHLGOV PERGOV 111",
    '"None of the Bolivian government\'s numbers add up," Chile\'s finance minister said. | CHLGOV BOLGOV 111',
    "Chile's foreign minister said the Peruvian president's story makes no sense. | CHLGOV PERGOV 111",
    "Chile's foreign minister said Peru's claims were self-serving. | CHLGOV PER 111",
    '"Voters will not be fooled by the Peruvian president\'s promises," Chile\'s foreign minister said. | CHLGOV PERGOV 111',
    # a system stacked/rigged in favour of Y: an accusation of Y
    "Kenya's opposition leader said the electoral commission was rigged in favour of the Kenyan government. | KENOPP KENGOV 112",
    "The Zambian opposition says the courts are stacked in the Zambian government's favour. | ZMBOPP ZMBGOV 112",
    "Judges are chosen by a panel which the Zambian opposition says is tilted in favour of the Zambian government. | ZMBOPP ZMBGOV 112",
    # anger at an actor or its act: criticism, reported when it is said
    "Japan's prime minister said he was very disappointed in China for selling fuel to North Korea. | JPNGOV CHN 111 asserted reported",
    '"I am appalled by the Russian government\'s decision," the French foreign minister said. | FRAGOV RUSGOV 111',
    "Members of the Kenyan parliament, who were outraged by the Kenyan president's request, wrote a letter. | KENLEG KENGOV 111",
    # support voiced
    "Kenya's opposition leader told supporters he was rooting for the Tanzanian president's success. | KENOPP TZAGOV 051",
    # the quotation's speaker named by a reply's verb, a colon's sentence or the next sentence
    '"The Peruvian government\'s plan is a disgrace," Chile\'s foreign minister countered. | CHLGOV PERGOV 111',
    'Chile\'s foreign minister was blunt: "The Peruvian government\'s plan is a disgrace." | CHLGOV PERGOV 111',
    ('"The Peruvian government has lied to its people and must resign." That was the verdict of '
     'Chile\'s foreign minister. | CHLGOV PERGOV 1041 asserted reported'),
    # an act of Y's named with an evaluation inside the quoted words
    '"The world must unite after the Peruvian government\'s dangerous provocation," Chile\'s foreign minister told reporters. | CHLGOV PERGOV 111',
    '"We are working to counter the reckless actions of the Peruvian government," Chile\'s president said. | CHLGOV PERGOV 111',
    # an accusation in reported speech
    "Argentina's foreign minister said the Chilean government had misled its neighbours. | ARGGOV CHLGOV 112",
    '"The Uruguayan president lied to everyone," Paraguay\'s foreign minister said. | PRYGOV URYGOV 112',
    # X must resign / step down: a demand for a change of leadership from the speaker
    '"The Peruvian president must resign," Bolivia\'s foreign minister said on Monday. | BOLGOV PERGOV 1041',
    'The Kenyan opposition leader told reporters: "The Kenyan government has lied and must step down." | KENOPP KENGOV 1041',
    # X called Y <evaluation>
    "Venezuela called the Colombian government dishonest on Friday. | VEN COLGOV 111",
    "Venezuela described the Colombian president as incompetent. | VEN COLGOV 111",
    # the quoted act coded as itself, its "it" what the speech act is said of
    ('Russian troops shelled the Ukrainian city of Kharkiv on Monday. "We condemn it," the French '
     'foreign minister said of the shelling. | FRAGOV RUSMIL 111 asserted reported'),
]

# (text, "cameo" or "cameo target"): no such record
NOT_CODED = [
    # the speaker about itself is no criticism of anyone
    ('"We have misled our people," Chile\'s foreign minister said.', "111"),
    # negated evaluations say the opposite
    ('Chile\'s foreign minister said: "The Peruvian plan is not a disgrace."', "111"),
    # damage to things is no judgement
    ("Japan's foreign minister said the Chinese ship damaged a Japanese fishing boat.", "111"),
    # a resignation demanded is not done
    ('"The Peruvian president must resign," Bolivia\'s foreign minister said.', "0831"),
    # figures that add up, claims not self-serving, a vote "rigged" for no one named
    ("Chile's foreign minister said the Peruvian figures add up.", "111"),
    ("Chile's foreign minister said Peru's claims were not self-serving.", "111"),
    ("Chile's foreign minister said the vote was rigged.", "112"),
    # grief is no criticism; nor is a generic "we get angry with journalists"
    ("Chile's president said he was saddened by the Peruvian president's death.", "111"),
    ("Chile's president said he was outraged by the Peruvian president's arrest.", "111"),
    ('"Many of us get angry with journalists," the Chilean president said.', "111"),
    # "root out" is no support; a claim of what one can do is no act
    ("The army will root out the rebels in the north, Nigeria's president said.", "051"),
    ("Kenya's opposition leader says his party can cut taxes by half.", "111"),
    # a kind of people is no act; "a breach of <resolutions>" is no act of the resolutions;
    # the speaker's own government's decision is no criticism of another
    ("Chile's foreign minister said the Peruvian government's illegal immigrants had left.", "111"),
    ('"Peru\'s launch was a reckless breach of United Nations resolutions," Chile\'s president said.', "111 IGOUNO"),
    ("Chile's foreign minister said his government's reckless decision was a mistake.", "111"),
    # what is denied, not said, only to be said, or said on a condition is no act
    ("Chile's foreign minister denied that the Peruvian government's figures do not add up.", "111"),
    ("Chile's foreign minister did not say the Peruvian government's plan was a disgrace.", "111"),
    ("Chile's foreign minister denied that the Peruvian president must resign.", "1041"),
    ("Chile's foreign minister will say on Monday that the Peruvian government's plan is a disgrace.", "111"),
    ("Chile's foreign minister said he would be disappointed in Peru if it left the talks.", "111"),
    ("Chile's foreign minister said the Peruvian plan would be a disgrace if it passed.", "111"),
    # "called" with no evaluation is naming, not criticism
    ("Venezuela called the Colombian envoy a friend.", "111"),
]


@pytest.mark.parametrize("case", CASES)
def test_quote_case(pipeline, case):
    text, exp = parse_case(case)
    events = code(pipeline, text)
    assert any(exp.matches(e) for e in events), \
        f"{text!r}: expected {exp}, got " + repr(
            [(ev['source'] and ev['source']['code'], ev['target'] and ev['target']['code'],
              ev['cameo'], ev['pattern'], ev['modality']) for ev in events])


@pytest.mark.parametrize("text,cameo", NOT_CODED)
def test_quote_not_coded(pipeline, text, cameo):
    # "CODE" or "CODE TARGET": no such record (with a target whose code starts so)
    cameo, _, target = cameo.partition(" ")
    got = [(e["cameo"], (e["target"] or {}).get("code") or "", e["pattern"])
           for e in code(pipeline, text) if not e["negated"]]
    assert not [c for c, t, _ in got if c == cameo and t.startswith(target)], \
        f"{text!r}: {cameo} {target} coded: {got}"


def test_one_record_per_quoted_act(pipeline):
    """The quoted condemnation and the "said" that frames it are one act: one record,
    reported, with the speaker as attribution."""
    text = ('Russian troops shelled the Ukrainian city of Kharkiv. "This is an outrageous crime and '
            'we condemn it," the French foreign minister said of the shelling.')
    got = [e for e in code(pipeline, text) if e["cameo_root"] == "11"]
    assert len(got) == 1, [(e["cameo"], e["pattern"], e["modality"]) for e in got]
    assert got[0]["modality"] == "reported"
    assert (got[0]["attribution"] or {}).get("code", "").startswith("FRA")


def test_both_sides_are_the_conflict(pipeline):
    """"both sides" in an appeal are the two sides of the story's fighting, not the two
    countries the text named last."""
    text = ("The Sudanese army clashed with the Rapid Support Forces in Khartoum on Sunday. "
            "Egypt and Saudi Arabia hosted earlier rounds of talks. "
            '"We urge both sides to return to talks," a spokesman for the United Nations said.')
    appeals = [e for e in code(pipeline, text) if e["cameo_root"] == "02"]
    assert appeals
    targets = {(e["target"] or {}).get("country") for e in appeals}
    assert not targets & {"EGY", "SAU"}, targets


def test_both_sides_without_conflict_no_target(pipeline):
    text = ('Egypt and Saudi Arabia hosted talks on Sunday. '
            '"We urge both sides to be patient," a spokesman for the United Nations said.')
    appeals = [e for e in code(pipeline, text) if e["cameo_root"] == "02"]
    assert all(e["target"] is None for e in appeals), [(e["target"] or {}).get("code") for e in appeals]


@pytest.mark.parametrize("first", [
    "North Korea launched a ballistic missile over Japan on Tuesday.",
    # one act, two words: "the launch" after a firing
    "North Korea fired a ballistic missile over Japan on Tuesday.",
])
def test_the_act_a_noun_names_is_its_doers(pipeline, first):
    """"said the launch was unacceptable": criticism of whoever launched, one record (not a
    second, targetless one on "said")."""
    text = (first + " Japan's prime minister said the launch was totally unacceptable.")
    got = [e for e in code(pipeline, text) if e["sentence_index"] == 1 and e["cameo_root"] in ("11", "12")]
    assert [(e["cameo"], (e["target"] or {}).get("country")) for e in got] == [("111", "PRK")], \
        [(e["cameo"], e["pattern"], (e["target"] or {}).get("code")) for e in got]


def test_quote_over_sentences_with_the_prefilter_on(pipeline, monkeypatch):
    """A quotation whose first sentence the prefilter blanks (no actor, no event cue) still
    has its speaker: the demand in its second sentence is his."""
    from eventwire import pipeline as pipeline_module
    from eventwire.config import Settings
    from eventwire.pipeline import ChunkCoder
    monkeypatch.setattr(pipeline_module, "MIN_MASKED_SHARE", 0.0)
    on = ChunkCoder(Settings(), pipeline, prefilter=True)
    if on.checks is None:
        pytest.skip("no prefilter checks: everything is parsed")
    text = ('"The Iranian regime is brutal," the Israeli prime minister said on Monday. '
            '"We will not be silent. The Iranian foreign minister should resign."')
    [(events, err)] = on.code([("d", text, "2024-03-05", None)])
    assert err is None
    found = {(e["cameo"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"),
              e["modality"]) for e in events}
    assert ("1041", "ISRGOV", "IRNGOV", "reported") in found, found
    assert not [f for f in found if f[0] == "0831"], found


@pytest.mark.parametrize("text,speaker", [
    ('"We will close the border," Chile\'s interior minister countered.', "minister"),
    ('Chile\'s interior minister was blunt: "We will close the border."', "minister"),
    ('"We will close the border." So said Chile\'s interior minister on Monday.', "minister"),
    ('"We will close the border." That was the message of Chile\'s interior minister.', "minister"),
    # a scare quote with a relative clause after it has no speaker
    ('The so-called "peace plan," which collapsed last year, was drafted by Peru.', None),
    # a verb with content of its own after the quotation is not its frame
    ('"Who pays?" A Peruvian senator answered that question with a bill.', None),
])
def test_quotation_speaker(pipeline, text, speaker):
    from eventwire.actors.quotes import quotations
    from eventwire.events.patterns import get_patterns
    from eventwire.nlp import make_doc
    lex = get_patterns().lexicon
    doc = pipeline(make_doc(pipeline, text, published="2020-03-02"))
    [q] = quotations(doc, lex["speech_verbs"], lex["speech_nouns"])
    assert (q.speaker.text if q.speaker is not None else None) == speaker, (q.verb, q.speaker)


def test_we_in_a_reply_is_the_one_who_replies(pipeline):
    text = '"We will expel the Peruvian ambassador," Chile\'s foreign minister retorted on Monday.'
    events = [e for e in code(pipeline, text) if e["cameo"] in ("166", "136")]
    assert events and events[0]["source"]["code"] == "CHLGOV", events
    assert (events[0]["attribution"] or {}).get("code") == "CHLGOV"


def test_a_claim_of_what_one_can_do_is_no_event(pipeline):
    """A headline-style "X says his party can save ..." is a claim, not an act: nothing."""
    text = "Kenya's opposition leader says his party can cut public spending by a third."
    assert [(e["cameo"], e["pattern"]) for e in code(pipeline, text) if not e["negated"]] == []


def test_a_new_sentence_after_a_quotation_is_not_its_frame(pipeline):
    """'The spokesman said: “We ... .” Serbia denied that ...': the speaker is the one the
    colon introduces, not the subject of the next sentence's own denial."""
    text = ('The Croatian foreign ministry spokesman said: "We firmly deny that Croatia is sending '
            'weapons to Bosnia." Serbia denied that it had shelled Bosnian villages.')
    denials = [e for e in code(pipeline, text) if e["cameo"] == "016" and e["sentence_index"] == 0]
    assert denials and {e["source"]["code"] for e in denials} == {"HRVGOV"}, \
        [(e["source"] or {}).get("code") for e in denials]
