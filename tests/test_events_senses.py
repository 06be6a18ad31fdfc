"""Verbs with a second, non-political sense: the pattern fires only on the political one.

Found by auditing a random sample of coded records from unseen articles (docs/audit-s7.md):
the commonest wrong records were no events at all -- a question coded as a request, "sought
to" as an appeal, "struck a tone" as a strike, "went on to" as a trip, a warning of dangers
as a threat, an order of things as a demand. The session-8 audit (docs/audit-s8-precision.md)
added naming ("called X a farce"), "called for", questioning a person, speaking to an
audience and a law's content. Our own sentences.
``sentence | SRC TGT CODE``: that event is coded; a bare sentence with a root: nothing of that root.
"""
import pytest

from test_events_helpers import code, parse_case

OTHER_SENSE = [
    # a question is no request; "sought to" tries; a news source's anonymity is no appeal
    ("The Turkish minister was asked if Ankara would recall its ambassador from Greece.", "02"),
    ("Asked whether Kenya would expel the diplomats, the minister criticized Somalia.", "02"),
    ("The Peruvian president asked Chile about the border.", "02"),
    ("The Brazilian government sought to end the dispute with Argentina.", "02"),
    ("A Kenyan official, who asked not to be named, said Uganda had closed the border.", "02"),
    # strike: a note, a name, a target -- not a walkout
    ("The Kenyan president struck a hopeful tone in his speech to Uganda.", "14"),
    ("Voters in Russia will strike out the names of the candidates.", "14"),
    # go/come/talk/meet in other senses: no meeting, no trip
    ("The Egyptian president went on to praise Saudi Arabia.", "04"),
    ("The Kenyan law on refugees went into effect in Somalia on Monday.", "04"),
    ("Pakistani officials talked about the Indian elections.", "04"),
    ("Indian farmers must meet the requirements of Japanese importers.", "04"),
    # words offered are no promise
    ("The Italian president offered his condolences to France.", "03"),
    # a warning of dangers threatens no one; an order of things or an opinion is no demand
    ("Nigerian doctors warned that the epidemic could get worse.", "13"),
    ("The Kenyan governor ordered tighter checks at the airports.", "10"),
    ("The Peruvian minister said mass rallies should be avoided.", "10"),
    # words welcomed are praised, no one is hosted
    ("Seoul welcomed the North Korean leader's comments on the Olympics.", "04"),
    # a poll's finding is no one's act
    ("Seventy percent of Kenyans say the Ugandan government was wrong.", "11"),
    ("A majority of Brazilians want Argentina to close the border.", "10"),
    # (session 8 audit, docs/audit-s8-precision.md)
    # "called X a Y" names X: no demand, no ceasefire, no walkout, no summons
    ("The Kremlin called the impeachment vote a farce.", "10"),
    ("The Nigerian government called the strike by doctors a betrayal.", "08"),
    # "called for" appeals: no telephone call, whatever the parser hangs "for" on
    ("In a statement, the Spanish prime minister's office called for the bombers to be brought to justice.", "04"),
    ("The Danish minister's spokesman called for the smugglers to be punished.", "04"),
    # questioning someone asks him questions: no disapproval
    ("Ukrainian lawmakers questioned the Polish envoy about the pipeline deal.", "11"),
    ("Kenyan detectives questioned the two suspects for six hours.", "11"),
    # speaking to an audience is a speech, no consultation (nor the city it was in)
    ("The Canadian prime minister spoke to soldiers at a base in Latvia on Friday.", "04"),
    ("The Chilean president spoke to reporters in Lima.", "04"),
    # what a law says is in force, no act of the day (the act is passing it)
    ("The new law bars American businesses from hiring illegal immigrants.", "17"),
    ("The law requires American voters to show a photo ID at polling stations.", "10"),
    # "that" taken for an object is no doer of its own: "sought to" still only tries
    ("The Chinese firm has made clear to Kenyan officials that it sought to buy the port.", "02"),
    # a message sent is no visit
    ("The Kenyan president sent a letter to the Ugandan parliament.", "04"),
    ("The Chinese navy sent a clear signal to South Korea on Monday.", "04"),
    # (session 10 audit, docs/audit-s10-precision.md)
    # setting cars on fire is arson, no car bomb; launching into a tirade probes nothing
    ("Rioters in Chile set several Peruvian cars ablaze.", "18"),
    ("The Kenyan senator launched into another attack on the press.", "09"),
    # keeping ties says nothing; a natural hazard is nobody's act; a bare question asks for nothing
    ("The Spanish government said it had maintained close ties with Morocco.", "01"),
    ("An earthquake killed hundreds of villagers in Peru.", "18"),
    ("Floods destroyed dozens of Kenyan schools near the border.", "17"),
    ("The Kenyan judge asked Museveni.", "02"),
]

POLITICAL_SENSE = [
    "Ukraine asked Germany for weapons. | UKR DEU 020",
    "Chilean trade unions struck on Monday against the government. | CHLLAB CHLGOV 143",
    "Kenyan teachers walked out on Monday. | KENEDU KENGOV 143",
    "Pakistani officials talked with India on Monday. | PAK IND 040",
    "Egypt and Sudan discussed the dam. | EGY SDN 040",
    "The Kenyan minister discussed the dam with Ethiopia. | KEN ETH 040",
    "Kenya warned Uganda that it would close the border. | KEN UGA 130",
    "\"We will talk,\" the Philippine president said. | PHL - 036",
    "Russia ordered the Ukrainian troops to leave Crimea. | RUS UKR 100",
    "The Peruvian minister said Chile must withdraw its warships. | PER CHL 100",
    "The Italian president offered his condolences to France. | ITA FRA 018",
    "Seoul welcomed the North Korean leader's comments on the Olympics. | KOR PRK 051",
    "Seoul welcomed the North Korean leader on Friday. | KOR PRK 043",
    "The Kremlin called the impeachment vote a farce. | RUS - 111",
    "The Kenyan opposition called for the resignation of the Kenyan president. | KENOPP KENGOV 1041",
    "The Brazilian president called the Argentine leader on Friday. | BRA ARG 041",
    "The Chinese government questioned Japan's decision to send troops. | CHN JPN 110",
    "The Chinese foreign minister spoke with his Japanese counterpart on Monday. | CHN JPN 040",
    "The Kenyan president sent his foreign minister to Uganda. | KEN UGA 042",
    "Rebels set off a car bomb outside the Kenyan embassy in Mogadishu. | REB KENGOV 1832",
    "Militants set a bomb near the Kenyan embassy in Mogadishu. | REB KENGOV 183",
    "The Kenyan army launched an attack on Somali militants near the border. | KENMIL SOMREB 190",
    "The Spanish government maintained that Morocco had closed the border. | MARGOV - 160",
    "Rebels killed hundreds of villagers in Peru. | PERREB PERCVL 1823",
    "The Kenyan judge asked Museveni to testify. | KENJUD UGAGOV 090",
]


@pytest.mark.parametrize("sentence,root", OTHER_SENSE)
def test_other_sense_of_the_verb_is_no_event(pipeline, sentence, root):
    events = [e for e in code(pipeline, sentence) if e["modality"] != "hypothetical"]
    assert not [e for e in events if e["cameo_root"] == root], \
        [(e["cameo"], e["pattern"], (e["source"] or {}).get("code"), (e["target"] or {}).get("code"))
         for e in events]


@pytest.mark.parametrize("case", POLITICAL_SENSE)
def test_political_sense_is_still_coded(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), \
        (sentence, str(exp), [(e["cameo"], e["pattern"], (e["source"] or {}).get("code"),
                               (e["target"] or {}).get("code")) for e in events])
