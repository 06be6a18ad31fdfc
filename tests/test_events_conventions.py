"""Constructions of real news and our conventions for them (docs/events.md, "Project
conventions"), one sentence at a time: ``sentence | SOURCE TARGET CODE``.

Every case is our own sentence. SOURCE/TARGET are the start of the expected actor code or
"-" (not checked); CODE is exact (3-4 digits) or a root. The expected event must be among
the events coded, and not negated. NOT_CODED lists sentences where a code must not appear.
"""
import pytest

from test_events_helpers import assert_coded, code, parse_case

CASES = [
    # missile tests and launches: 150 show of force, the overflown country the target;
    # a missile fired at someone stays 195
    "North Korea fired a ballistic missile over Japan on Tuesday. | PRKMIL JPN 150",
    "Pyongyang launched a rocket across South Korea's islands. | PRK KOR 150",
    "Hamas fired rockets into Israel. | PSE ISR 195",
    # appeals for restraint by a speaker: 0256; calls for calm: 020
    "Egypt's foreign minister said Israel and Hamas should exercise restraint. | EGYGOV ISR 0256",
    "The Turkish president said both sides must refrain from escalation. | TURGOV - 0256",
    "Kenya urged Somalia to restore calm. | KEN SOM 020",
    # a raid by a state or its armed forces is conventional force (190)
    "Ankara raided rebel bases in northern Iraq last year. | TURMIL IRQ 190",
    "Israeli troops raided a Palestinian village. | ISRMIL PSE 190",
    # irregulars attacking what is no armed force: 180 (CAMEO's example: a refugee camp
    # attacked by militiamen); fighting armed forces: 190
    "The Indian embassy in Kabul was attacked by Taliban gunmen last year. | AFG IND 180",
    "Somali militants attacked a Kenyan village on Monday. | SOM KEN 180",
    "Taliban fighters attacked an Afghan army base. | AFGREB AFGMIL 190",
        # a concrete proposal or offer to meet: 036; a bare call for talks: 026
    "Japan proposed a meeting of foreign ministers with China. | JPNGOV CHNGOV 036",
    "Seoul offered talks to Pyongyang. | KORGOV PRKGOV 036",
    "Russia called for talks with Ukraine. | RUS UKR 026",
    # verbal attacks on each other: 111 in both directions
    "During their debate on Monday, Merkel and Macron attacked each other's plans on energy. | DEU FRA 111",
    "During their debate on Monday, Merkel and Macron attacked each other's plans on energy. | FRA DEU 111",
    # under fire / under investigation: the subject is criticised / investigated
    "The Brazilian president is under fire for his handling of the crisis. | - BRAGOV 111",
    "The Brazilian president came under fire from Argentina for his remarks. | ARG BRAGOV 111",
    "The French minister is under investigation for corruption. | - FRAGOV 09",
    # summonses: to call someone to appear is 09; ignoring or failing to answer it is 128
    "The Nigerian police invited two senators to appear before the command. | NGACOP NGALEG 09",
    "The Kenyan senators failed to answer the summons of the police. | KENLEG KENCOP 128",
    "The Chinese firm ignored a court order to halt construction. | CHNBUS - 128",
    # courts: taking someone to court 115; a court's finding against a party 116
    "The Kenyan opposition dragged the electoral commission to court. | KENOPP KEN 115",
    "A Peruvian tribunal found that the former minister had committed fraud. | PERJUD PER 116",
    "Kenyan prosecutors filed charges against the former Kenyan minister. | - KEN 173",
    "The Kenyan opposition appealed the ruling to the Supreme Court. | KENOPP - 115",
    "Kenya's Supreme Court dismissed the Kenyan opposition's appeal. | KENJUD KENOPP 120",
    "The Kenyan court threw out the Kenyan opposition's petition. | KENJUD KENOPP 120",
        # what a statement says about someone: lies and pretexts are accusations (112)
    "Russia said the American claims were lies. | RUS USA 112",
    "Iran said the charges were a pretext for American attacks on it. | IRN USA 112",
    # territory under someone's control: 192 by the controller
    "Many settlers live in the Golan Heights, which has been under Israeli control since 1967. | ISRMIL SYR 192",
    "The Syrian town fell under rebel control. | SYRREB SYR 192",
    # verbal support: 051
    "The Israeli rabbis expressed support for the government's actions. | ISRREL ISRGOV 051",
    # riot-control means: 175, also with "attacked ... with"
    "Kenyan police attacked the students with tear gas and batons. | KENCOP KEN 175",
    # complying with an order: 080
    "Only five of the Chinese firms complied with the Chinese agency's order. | CHNBUS CHN 080",
    # securing the release of captives: the captors release them (0841) to whoever secured it
    "The Kenyan government secured the release of ten Kenyan students who were kidnapped by Somali militants. | SOMREB KENGOV 0841",
    "The Kenyan government won the release of two Kenyan aid workers held by Somali militants. | SOMREB KENGOV 0841",
        # courts: a conviction is 116, not an arrest; name-calling and "hit back" are 111
    "A Kenyan jury convicted the Somali gunman of murder. | - SOM 116",
    "The Somali gunman was found guilty of murder. | - SOM 116",
    "The Venezuelan president called the American president a liar. | VENGOV USAGOV 111",
    "The Chilean minister called the Bolivian decision a mistake. | CHLGOV BOL 111",
    "The Iranian foreign minister hit back at the American president. | IRNGOV USAGOV 111",
    "The Chinese government expressed strong dissatisfaction with the American decision. | CHNGOV USA 110",
        "The Venezuelan president attacked the Colombian president on Twitter. | VENGOV COLGOV 111",
    "The Kenyan opposition challenged the Kenyan security law in court. | KENOPP KEN 115",
    "Israeli soldiers fired at Palestinian protesters. | ISRMIL PSE 193",
    "Kenyan troops fought Somali militants near the border. | KENMIL SOMREB 190",
    # ... but a judge's or a politician's clash with one is words
    "The Kenyan chief justice clashed with the Kenyan president over the budget. | KENJUD KENGOV 111",
    "The Peruvian president fought with the Peruvian congress over the reform. | PERGOV PERLEG 111",
    "The Kenyan minister pleaded with the Somali government to release the hostages. | KENGOV SOMGOV 020",
    "Kenya insisted that Somalia released the Kenyan hostages. | SOMGOV KEN 0841",
    "Kenya agreed to the Ugandan plan. | KENGOV UGA 030",
    "Kenya and Uganda agreed that they would reopen the border. | KENGOV UGAGOV 030",
    "Russia began a series of missile tests near the Japanese coast. | RUSMIL JPN 150",
        # an attack whose subject is an aircraft: aerial weapons (195)
    "Israeli warplanes struck targets in Gaza. | ISRMIL PSE 195",
    "Houthi drones attacked a Saudi oil facility. | YEM SAU 195",
        # two different actors with one code are still two ("Democrats" and "Republicans")
    "Democrats accused Republicans of trying to cut Social Security. | USAPTY USAPTY 112",
        # a relative clause's pronoun is the noun it hangs on
    "The Kenyan police arrested the Somali students who attacked the Chinese embassy. | SOM CHN 19",
    "The Kenyan government thanked the Somali elders who were kidnapped by Somali militants. | SOMREB SOM 181",
]

NOT_CODED = [
    # to commit a crime is no promise
    ("A Peruvian tribunal found that the former minister had committed fraud.", "030"),
    # a proposed or demanded meeting has not happened
    ("Japan proposed a meeting of foreign ministers with China.", "040"),
    ("Russia called for talks with Ukraine.", "040"),
    # naming someone something is no appeal ("called X a destroyer of peace")
    ("North Korea called the American president a destroyer of peace.", "020"),
    ("A Taliban spokesman called the bombing a reprisal for the Afghan raids.", "020"),
        # firing an official dismisses him; an advertising or election campaign is no attack
    ("The American president fired the FBI director.", "193"),
    ("The Australian government launched an advertising campaign against the Chinese app.", "190"),
    ("The Kenyan president launched his re-election campaign in Nairobi.", "190"),
        # heading a mission somewhere is no trip
    ("Germany, which heads the NATO mission in northern Afghanistan, sent more troops.", "042"),
    # fighting for rights is no combat
    ("Kenyan students are fighting for their rights.", "190"),
    # a threat to do it is no deed, also when the parser takes the infinitive's "to" for a
    # preposition; pleading guilty answers a charge, it appeals to no one
    ("A farmer pleaded guilty to threatening to stab and kill the Kenyan judge.", "1823"),
    ("A farmer pleaded guilty to threatening to stab and kill the Kenyan judge.", "020"),
    # what a motion proposes that someone do, in the base form, is not done
    # (the subject is singular, so the bare verb is the base form, not the present)
    ("The opposition demanded that the government recall the Kenyan ambassador from Somalia.", "161"),
    ("Kenya insisted that Somalia release the Kenyan hostages.", "0841"),
    ("The Kenyan senator proposed that the government give aid to Somalia.", "070"),
    # struggling to do something is no combat
    ("The Kenyan president, fighting to win back trust after the Somali border scandal, apologised.", "190"),
    # a bare "agreed" (or "agreed that ...") assents to a view, it promises nothing
    ("The Kenyan foreign minister agreed.", "030"),
    ("Kenya agreed with Uganda that the talks had failed.", "030"),
    # a moratorium on tests halts them: no show of force
    ("Russia began a unilateral nuclear test moratorium in August.", "150"),
    # fighting a campaign, an election or a seat is a contest of votes
    ("The Kenyan minister is fighting a hard campaign against the opposition to keep his seat.", "190"),
    ("The Peruvian president fought the election against the Chilean-born candidate.", "190"),
    # scrutiny is no investigation; an order to pay is no summons
    ("The Chinese government is under close scrutiny for its trade policy.", "090"),
    ("The Egyptian court ordered the Egyptian ministers to pay a fine, the newspaper reported.", "090"),
]


@pytest.mark.parametrize("case", CASES)
def test_convention_case(pipeline, case):
    assert_coded(pipeline, case)


@pytest.mark.parametrize("sentence,cameo", NOT_CODED)
def test_not_coded(pipeline, sentence, cameo):
    got = [(e["cameo"], e["pattern"]) for e in code(pipeline, sentence) if not e["negated"]]
    assert not [c for c, _ in got if c == cameo], f"{sentence!r}: {cameo} coded: {got}"


@pytest.mark.parametrize("case", [
    "The Afghan patrol came under attack near the border. | - AFG 190",
    "Afghan troops came under heavy fire from Taliban fighters. | AFGREB AFG 190",
])
def test_under_attack_is_force(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), [(e["cameo"], e["pattern"]) for e in events]
    assert not [e for e in events if e["cameo_root"] == "11"]


@pytest.mark.parametrize("sentence,cameo", [
    ("Afghan special forces were conducting search operations in Kabul.", "190"),
    ("The Kenyan police received new military equipment from the United States.", "043"),
])
def test_no_event_of_that_kind(pipeline, sentence, cameo):
    got = [(e["cameo"], e["pattern"]) for e in code(pipeline, sentence)]
    assert cameo not in [c for c, _ in got], got


def test_refusing_to_reveal_is_declining_comment(pipeline):
    got = [e["cameo"] for e in code(pipeline, "The Kenyan police refused to reveal which units were deployed.")]
    assert "011" in got and "120" not in got, got
