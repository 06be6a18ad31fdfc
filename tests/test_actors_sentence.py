"""Take the actors the sentence hands you (issue 14, blind audit 0.2 item 3): office titles
are whole names, a person never gets a bare country, an organisation's spokesperson is
the organisation, a nationality on a thing acted on is not the actor's, a name in
apposition to a title is that person, an object pronoun is not the doer of its own
clause, a visit abroad is to the host government. Our own sentences;
each case: text | SOURCE TARGET CODE ("-": no actor on that side; CODE a prefix), the
event coded from the text's last sentence.
"""
import json
from pathlib import Path

import pytest

from eventwire.actors.codes import code_problem
from test_events_helpers import code

CASES = [
    # offices whose name ends in "general" are executive offices, not army ranks or courts
    ("Nigeria's Solicitor General Ada Obi criticised the ruling on Monday. | NGAGOV - 11", "2019-05-03"),
    ("Kenya's attorney general accused two senators of fraud. | KENGOV KENLEG 112", "2019-05-03"),
    ("The Ghanaian Surgeon General warned tobacco firms on Tuesday. | GHAGOV GHABUS 13", "2019-05-03"),
    ("Kenya's Inspector General of Police arrested two senators. | KENCOP KENLEG 173", "2019-05-03"),
    # an organisation's spokesperson or officials are the organisation (never IGOUNOGOV)
    ('"We are alarmed by the shelling of Aleppo," a UN spokesperson said. | IGOUNO - 01', "2019-05-03"),
    ("NATO officials condemned Russia on Friday. | IGONAT RUSGOV 111", "2019-05-03"),
    ("UN peacekeepers clashed with rebels near Goma. | IGOUNOMIL CODREB 19", "2019-05-03"),
    # a person is coded by the role held on the day: a role starting within weeks (the
    # president-elect) codes already; a title in the text codes when the dictionary has none
    ("Donald Trump criticised the newspaper on Saturday. | USAGOV USAMED 111", "2016-11-20"),
    ("Donald Trump criticised the newspaper on Saturday. | USA USAMED 111", "2016-03-20"),
    ("Jacques Chirac met Ronald Reagan in Washington. | FRAGOV USAGOV 04", "1987-03-30"),
    # a nationality on a thing acted on is not the actor's
    ("The navy seized a Vietnamese fishing boat. | MIL VNM 17", "2019-05-03"),
    ("Police arrested two Kenyan protesters in Nairobi. | KENCOP KENCVL 173", "2019-05-03"),
]


def _last(pipeline, text, published):
    events = code(pipeline, text, published)
    last = max(e["sentence_index"] for e in events) if events else None
    return [e for e in events if e["sentence_index"] == last]


def _got(events):
    return [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"])
            for e in events]


@pytest.mark.parametrize("bad,why", [
    ("IGOUNOGOV", "government"), ("USAUSA", "repeated"), ("US", "blocks"), ("MILGOV", "one block"),
    ("XQZGOV", "no country"), ("NGOAMNGOV", "government"),
])
def test_code_problem_finds_malformed_codes(bad, why):
    assert why in (code_problem(bad, {"USA", "CHN"}) or "")


@pytest.mark.parametrize("good", ["USAGOV", "IGOUNO", "IGOUNOMIL", "NGOAMN", "MIL", "SAF", "IGOWBK",
                                  "IMGMOSALQ", "USA", "IMGMOSALQGOV"])
def test_code_problem_passes_codes_we_use(good):
    assert code_problem(good, {"USA", "CHN"}) is None


def test_golden_records_have_well_formed_codes():
    """Every code in the reviewed golden outputs of whole articles is well formed."""
    from eventwire.actors.resolver import get_resolver
    countries = {a.country for a in get_resolver().actors.values() if a.country}
    bad = []
    for path in sorted(Path(__file__).parent.glob("golden/**/*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            rec = json.loads(line) if line.startswith("{") else {}
            for side in ("source", "target", "attribution"):
                actor = rec.get(side)
                c = actor.get("code") if isinstance(actor, dict) else actor
                if code_problem(c, countries):
                    bad.append((path.name, side, c, code_problem(c, countries)))
    assert not bad, bad


DOCUMENT_CASES = [
    # a name the dictionary does not know, in apposition to a titled person, is that person;
    # the surname later in the document refers back to it
    ("Nigeria's foreign minister, Adaeze Okafor, met the French envoy on Monday. "
     "Okafor later criticised Ghana. | NGAGOV GHAGOV 111", "2019-05-03"),
    ("Tomas Varga, the Slovak ambassador, met Hungarian officials on Monday. On Tuesday, "
     "Varga criticised Hungary. | SVKGOV HUNGOV 111", "2019-05-03"),
    # ... and the president of a union is the union (LAB, of the one country named)
    ("Ada Obi, president of the teachers' union, met the Kenyan minister on Monday. On "
     "Tuesday, Obi criticised Kenya. | KENLAB KENGOV 111", "2019-05-03"),
    # an object pronoun is not the doer of its own (subjectless) clause: the doer of
    # "telling" is who sent the alert, so "them" are the residents
    ("Kenyan police sent residents an alert telling them to stay indoors. | KENCOP KENCVL 01",
     "2019-05-03"),
    ("The Ghanaian president met Nigerian officials, urging them to reopen the border. "
     "| GHAGOV NGAGOV 02", "2019-05-03"),
    # ... and in "the unions backing him" the unions back him
    ("The Kenyan president thanked the labor unions backing him. | KENLAB KENGOV 05", "2019-05-03"),
]



def test_apposition_chain_leads_to_the_title(pipeline):
    events = _last(pipeline, "Nigeria's foreign minister, Adaeze Okafor, met the French envoy "
                   "on Monday. Okafor later criticised Ghana.", "2019-05-03")
    src = events[0]["source"]
    assert src["resolved_by"]["how"] == "surname"
    chain = src["resolved_by"]["chain"]
    assert chain[0]["text"] == "Adaeze Okafor" and chain[0]["resolved_by"] == "apposition"
    assert chain[1]["text"] == "Nigeria's foreign minister"


MORE_CASES = [
    # a visit's destination abroad is its host government; a trip at home stays the place
    ("The Kenyan president arrived in Osaka on Sunday. | KENGOV JPNGOV 042", "2019-05-03"),
    ("The Kenyan president visited Mombasa on Sunday. | KENGOV KEN 042", "2019-05-03"),
    # a person named by no office is a civilian of the place named with them
    ("A Kenyan man attacked two police officers in Nairobi. | KENCVL KENCOP 19", "2019-05-03"),
    ("A Texas woman threatened a congresswoman on Monday. | USACVL USALEG 13", "2019-05-03"),
]



PRONOUN_CASES = [
    # a description said of someone ("portrayed X as a man who ...") is no new referent
    ("The report portrayed Uhuru Kenyatta as a man who did not care. He rejected the report "
     "on Monday. | KENGOV - 01", "2019-05-03"),
    # "his men" are the owner's people, not civilians
    ("The Kenyan army chief said his men had attacked the rebels near Garissa. | KENMIL KENREB 19",
     "2019-05-03"),
    # "men" and "women" say less than the sector word before them
    ("Military men in Brazil denied the rumours of a coup. | BRAMIL - 01", "2019-05-03"),
]


@pytest.mark.parametrize("case,published", CASES + DOCUMENT_CASES + MORE_CASES + PRONOUN_CASES)
def test_sentence_actors(pipeline, case, published):
    text, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = (None if x == "-" else x for x in spec.split())
    events = _last(pipeline, text, published)
    assert any((e["source"] or {}).get("code") == src and (e["target"] or {}).get("code") == tgt
               and e["cameo"].startswith(cameo) for e in events), _got(events)
