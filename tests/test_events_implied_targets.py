"""Targets the sentence gives without naming them as the verb's object (events/roles.py,
events/quotes.py): a count of people elaborating a clause ("a crackdown on dissidents,
jailing hundreds"), the would-be protesters of a protest ban, what a protest is "in
protest against", a bare plural nationality as people, the country of the place an
elaborated attack hit, a party's allegation that its enemy attacked it, the addressee
of a message whose participle asks or urges, a court's ruling against a law's maker and a
company's workers striking against it. Our own sentences.

Each case reads ``sentence | SOURCE TARGET CODE`` as in test_events_roots (actor codes are
prefixes, "-" for none); the event must be coded and not negated.
"""
import pytest

from test_events_helpers import assert_coded, code, got as _got

CODED = [
    # a count of people ("thousands", "dozens of them") is of the people the clause it
    # elaborates acts on
    "The Thai junta mounted a crackdown on dissidents and students, detaining hundreds. | THA THAOPP 173",
    "The Thai junta mounted a crackdown on dissidents and students, detaining hundreds. | THA THAEDU 173",
    "Kenyan police fired tear gas at opposition supporters, arresting dozens. | KENCOP KENOPP 173",
    "Kenyan police confronted the protesters and arrested dozens of them. | KENCOP KENCVL 173",
    "Police in Belarus dispersed the protesters, detaining hundreds. | BLRCOP BLRCVL 173",
    # a ban on protests restricts the would-be protesters (CVL), not the place
    "The Bolivian government prohibited all marches in La Paz for a week. | BOLGOV BOLCVL 1721",
    "Zimbabwe's cabinet prohibited rallies in the capital for a month. | ZWEGOV ZWECVL 1721",
    "The Thai junta banned political gatherings of more than five people. | THA THACVL 1721",
    "The Kenyan government has banned opposition rallies. | KENGOV KENOPP 1721",
    "Germany banned rallies by Turkish ministers. | DEUGOV TURGOV 1721",
    # "in protest against X": X, not what was blocked or occupied
    "Farmers blocked a border crossing with Spain in protest against the French government. | - FRAGOV 144",
    "Students occupied the university building in protest against the Chilean education minister. | CHL CHLGOV 144",
    # a bare plural nationality spoken to or about is the country's people
    "The Kenyan president urged Kenyans to register for the vote. | KENGOV KENCVL 020",
    "The Nigerian president praised Nigerians for their patience. | NGAGOV NGACVL 051",
    # the victims of an elaborated attack are of the place it hit
    "Turkish warplanes bombed a village in northern Iraq, killing at least two people. | TURMIL IRQCVL 190",
    # a party that says its enemy attacked it accuses it (and the attack stays, reported)
    "The Iranian foreign minister said Iraqi troops shelled Iranian border towns. | IRNGOV IRQMIL 112",
    "The Iranian foreign minister said Iraqi troops shelled Iranian border towns. | IRQMIL IRN 194",
    "Pakistan said Indian troops fired on Pakistani villages in Kashmir. | PAKGOV INDMIL 112",
    # an appeal told by a participle goes to whom the message went
    "The Kenyan attorney general wrote the court on Monday asking for a delay. | KENGOV KENJUD 020",
    "The Chilean foreign minister sent a letter to the Peruvian president urging him to reopen the border. "
    "| CHLGOV PERGOV 020",
    "The Kenyan president addressed parliament, calling for unity. | KENGOV KENLEG 020",
    # "pleaded with X to ...": the parser makes X the subject of the infinitive
    "Kenyan doctors pleaded with the government to reconsider the cuts. | KENHLH KENGOV 020",
    # a court that blocks a law rules against the government that made it, named or not
    "A federal judge in Texas temporarily blocked parts of the state's new immigration law. | USAJUD USAGOV 120",
    "The Kenyan High Court suspended the government's ban on public gatherings. | KENJUD KENGOV 120",
    "Brazil's Supreme Court struck down the decree on Monday. | BRAJUD BRAGOV 120",
    # a company's workers strike against the company; with no employer named, against the
    # government as before
    "A strike by 20,000 employees of the Chilean copper company Codelco entered its third day. | CHLLAB CHLBUS 143",
    "Workers at the Chilean mining company Codelco went on strike on Monday. | CHLLAB CHLBUS 143",
    "Employees of Air France staged a strike over pay. | FRALAB FRABUS 143",
    "Peruvian dockworkers went on strike on Monday. | PERLAB PERGOV 143",
    # a country named as whom (or who) evaluative words are aimed at acts through its government
    "The Japanese prime minister said he was very disappointed in China. | JPNGOV CHNGOV 111",
    "Peru said the Chilean plan was a disgrace. | PERGOV CHLGOV 111",
    # an institution named without a country is the actor's own, also when the sentence
    # names another country
    "The Kenyan foreign minister told parliament that the Ugandan report was false. | KENGOV KENLEG 01",
    "The Chilean president will ask Congress to approve aid for Peru. | CHLGOV CHLLEG 02",
    # a test missile's overflown country, told in a clause on the missile
    "North Korea launched a missile that flew over northern Japan. | PRKMIL JPN 150",
]


@pytest.mark.parametrize("case", CODED)
def test_targets_are_found(pipeline, case):
    assert_coded(pipeline, case)


# Who the strikers are is one test (events/targets.is_worker, lexicon striker_nouns) for
# both places that make them: a company's workers striking against it (verb or noun,
# targets.strikers_and_employer) and a strike noun's striker no dictionary knows
# (nominal.implied_workers). Plurals in -men that the lemmatizer leaves as they are
# ("Longshoremen at ...", "the longshoremen's strike"), and the generic worker words
# ("workers", "employees"), count in both.
STRIKERS = [
    # a company's workers, told by a verb: against the company
    "Longshoremen at the Chilean shipping company Naviera Austral went on strike on Monday. "
    "| CHLLAB CHLBUS 143",
    "Firemen of the Greek ferry company Anek Lines staged a strike on Monday. | GRCLAB GRCBUS 143",
    # ... and by a noun
    "A strike by longshoremen of the Chilean shipping company Naviera Austral halted exports. "
    "| CHLLAB CHLBUS 143",
    "The strike by workers of the South African mining company Lonmin entered its fifth week. "
    "| ZAFLAB ZAFBUS 143",
    # a strike noun's strikers with no employer named: labour of the country, against its
    # government
    "A strike by 900 longshoremen in Chile entered its second day. | CHLLAB CHLGOV 143",
    "The Argentine railwaymen's strike ended on Friday. | ARGLAB ARGGOV 143",
    "The longshoremen's strike in Chile entered its second week. | CHLLAB CHLGOV 143",
    "A strike by 300 stevedores in Uruguay halted exports. | URYLAB URYGOV 143",
]


@pytest.mark.parametrize("case", STRIKERS)
def test_strikers_are_workers_on_both_paths(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("word, worker", [
    ("longshoremen", True), ("seamen", True), ("railwaymen", True), ("workers", True),
    ("miners", True), ("employees", True), ("staff", True), ("pilots", True),
    ("women", False), ("soldiers", False), ("managers", False), ("men", False),
])
def test_is_worker(pipeline, word, worker):
    from eventwire.events.patterns import get_patterns
    from eventwire.events.targets import is_worker
    from eventwire.nlp import make_doc
    doc = pipeline(make_doc(pipeline, f"The {word} walked out.", published="2017-11-22"))
    assert is_worker(doc[1], get_patterns().lexicon) is worker



NOT_CODED = [
    # "X got three votes and Y got one": another doer, another count -- no target from it
    ("The Kenyan senator won three votes and the Ugandan envoy won one.", None, "KENGOV"),
    # a count after a shelled place names no one: no target from the place's people
    ("Syrian troops shelled the town, killing 20.", "18", None),
    # a third state reports an attack, it does not allege it; a denial alleges nothing
    ("The United States said Russian troops shelled Ukrainian towns.", "112", None),
    ("Iraq denied that Iranian warplanes bombed Baghdad.", "112", None),
    ("Iraqi media reported that Iranian warplanes bombed Baghdad.", "112", None),
    # a country's own police saying rebels attacked them: the attack, no accusation
    ("Kenyan police said rebels attacked a police station in northern Kenya.", "112", None),
    # told to reporters: an audience, not the appeal's addressee
    ("The Peruvian president told reporters on Monday, urging calm.", "02", "PERMED"),
    # "stand by what we have done" is about the deed, not an addressee
    ("The Kenyan senator said he would stand by what his party had done.", "05", "KENPTY"),
    # "the Americans" (older wire style for the state) stays the state
    ("Iran accused the Americans of piracy.", None, "USACVL"),
]


@pytest.mark.parametrize("sentence,code_prefix,target", NOT_CODED)
def test_no_target_or_event_from_them(pipeline, sentence, code_prefix, target):
    events = [e for e in code(pipeline, sentence) if not e["negated"]
              and (code_prefix is None or e["cameo"].startswith(code_prefix))
              and (target is None or (e["target"] or {}).get("code") == target)]
    assert not events, _got(events)


@pytest.mark.parametrize("sentence", [
    # a feeling denied or only had on a condition is no statement of concern (012)
    "The Kenyan president said he was not disappointed in Uganda.",
    "The Kenyan president said he would be disappointed if Uganda rejected the deal.",
    "The Peruvian minister said she was not worried about Chilean troops.",
])
def test_denied_or_conditional_feelings_are_no_concern(pipeline, sentence):
    got = [e for e in code(pipeline, sentence) if e["cameo"] in ("012", "111") and not e["negated"]]
    assert not got, _got(got)


def test_a_feeling_had_is_still_a_concern(pipeline):
    got = code(pipeline, "The Peruvian minister said she was worried about Chilean troops.")
    assert any(e["cameo"] == "012" for e in got), _got(got)
