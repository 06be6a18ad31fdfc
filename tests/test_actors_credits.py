"""Datelines, wire credits and media as audience or source: never actors (issue 14).

Our own sentences, one set per failure kind: the dateline city or the agency must not
become an actor, and the lead sentence's real subject must come through.
"""
import pytest

from eventwire.actors import credits
from eventwire.actors.resolver import get_resolver
from test_events_helpers import code, parse_case


@pytest.fixture(scope="module")
def resolver():
    return get_resolver()


DATELINES = [
    # text, dateline text, agency, country of the dateline place
    ("MOSCOW, May 3 (Interfax) — Ukraine's foreign ministry accused Russia of shelling.",
     "MOSCOW, May 3 (Interfax) —", "Interfax", "RUS"),
    ("LIMA (AP) — Peru's foreign minister condemned the attack.", "LIMA (AP) —", "AP", "PER"),
    ("QUITO, Ecuador — Ecuadorean police arrested two rebels.", "QUITO, Ecuador —", None, "ECU"),
    ("(CNN) Kenyan troops attacked militants on Friday.", "(CNN)", "CNN", None),
    ("Cairo, Egypt (Reuters) - Egypt's president met the Sudanese premier.",
     "Cairo, Egypt (Reuters) -", "Reuters", "EGY"),
    ("NAIROBI/ADDIS ABABA, Oct. 2 (Reuters) - Kenya and Ethiopia signed a pact.",
     "NAIROBI/ADDIS ABABA, Oct. 2 (Reuters) -", "Reuters", "KEN"),
    ("Mombasa – Dock workers struck on Monday.", "Mombasa –", None, "KEN"),
    ("Headline of the story\n\nHAVANA, JUNE 9 - Cuba freed two dissidents.",
     "HAVANA, JUNE 9 -", None, "CUB"),
    # the dash ends the dateline: no actor phrase runs across it
    ("AMMAN -- An Egyptian delegation on Sunday met Jordanian officials.", "AMMAN --", None, "JOR"),
    ("Lima -- An army unit attacked the rebels.", "Lima --", None, "PER"),
]


@pytest.mark.parametrize("text,dateline,agency,country", DATELINES)
def test_datelines_are_found_and_set_aside(resolver, text, dateline, agency, country):
    kept, aside, dl = credits.set_aside(resolver, text, resolver._resolve(text, None, None))
    assert dl is not None and dl.text == dateline and dl.agency == agency
    assert dl.country == country
    assert all(m["span"][0] >= dl.span[1] for m in kept)
    assert all(m["reason"] == "dateline" for m in aside)


NOT_DATELINES = [
    "Iran said its troops repulsed two attacks.",
    "The Labour Party (LP) has announced its candidates.",
    "Global warming - the minister called it a hoax.",
    "US President Joe Biden met the Kenyan president on Monday.",
    "Peru: the president resigned.",
]


@pytest.mark.parametrize("text", NOT_DATELINES)
def test_sentences_are_not_datelines(text):
    assert credits.find_dateline(text) is None


LEAD_SUBJECT = [
    # the lead sentence's own subject comes through; the dateline gives no actor
    "MOSCOW, May 3 (Interfax) — Ukraine's foreign ministry accused Russia of shelling. | UKR RUS 112",
    "LIMA (AP) — Chile's president criticized Bolivia on Monday. | CHL BOL 111",
    "KHARTOUM -- The Egyptian president asked the Ethiopian prime minister for talks. | EGY ETH 02",
    "QUITO, Ecuador — Ecuadorean police arrested two Colombian rebels. | ECU COL 173",
    "PARIS, March 4 - The Malian army bombed rebel camps near Gao. | MLI - 19",
]


@pytest.mark.parametrize("case", LEAD_SUBJECT)
def test_the_lead_sentence_keeps_its_subject(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), \
        [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"]) for e in events]
    dateline_words = sentence.split(" ")[0].strip(",").lower()
    for e in events:
        for side in (e["source"], e["target"]):
            assert not side or (side.get("text") or "").lower() != dateline_words


MEDIA_AUDIENCE = [
    # media as the audience or the source of information: never an actor
    ("The Kenyan minister told Reuters that Uganda had expelled two Kenyan diplomats.", "Reuters"),
    ("Chile's president said in an interview with the BBC that Peru had closed the border.", "BBC"),
    ("According to Xinhua, Vietnam detained two Chinese fishermen.", "Xinhua"),
    ("An Egyptian official told the Associated Press the talks had failed.", "Associated Press"),
]


@pytest.mark.parametrize("text,media", MEDIA_AUDIENCE)
def test_media_as_audience_is_no_actor(pipeline, text, media):
    from eventwire.nlp import make_doc
    doc = pipeline(make_doc(pipeline, text, published="2019-05-03"))
    assert not [m for m in doc._.actors if media in m["text"]]
    assert [m for m in doc._.set_aside if media in m["text"] and m["reason"] == "audience"]
    for e in doc._.events:
        for side in (e["source"], e["target"]):
            assert not side or media not in (side.get("text") or "")


NAMED_BODIES = [
    # a newspaper or company named after a place is media/business of that country
    ("The Tehran Times reported that Iraq had arrested three Iranian pilgrims.", "Tehran Times", "IRNMED"),
    ("The Nairobi Star said the strike was over.", "Nairobi Star", "KENMED"),
    ("The Kabul Post quoted a police officer.", "Kabul Post", "AFGMED"),
    ("The Kenya Pipeline Company refused to obey the order.", "Kenya Pipeline Company", "KENBUS"),
    ("Peru Copper Mining Corp. halted exports.", "Peru Copper Mining Corp", "PERBUS"),
]


@pytest.mark.parametrize("text,name,code_", NAMED_BODIES)
def test_bodies_named_after_places(resolver, text, name, code_):
    ms = resolver.resolve_text(text)
    hit = [m for m in ms if name in m["text"]]
    assert hit and hit[0]["code"] == code_ and hit[0]["agent"] == code_[3:]
    assert not [m for m in ms if m["text"] == name.split()[0]]


def test_a_headline_with_a_place_is_not_a_newspaper(resolver):
    ms = resolver.resolve_text("Japan Warns China Over Post")
    assert not [m for m in ms if m.get("agent") == "MED"]


STATE_MEDIA_ACTS = [
    # state media making the statement itself is a real source (COUNTRY + MED)
    "Rodong Sinmun criticized Japan on Monday. | PRKMED JPN 111",
    "The Korean Central News Agency accused South Korea of espionage. | PRKMED KOR 11",
    "Xinhua condemned the Philippine navy on Sunday. | CHNMED PHL 111",
]


@pytest.mark.parametrize("case", STATE_MEDIA_ACTS)
def test_state_media_making_the_statement_is_the_source(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), \
        [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"]) for e in events]


def test_bylines_name_no_actors(resolver):
    text = ("Kenya expelled the Ugandan envoy.\n\n"
            "Jane Roe in Kampala and John Doe in Nairobi contributed to this report.")
    ms = resolver.resolve_text(text)
    assert [m["code"] for m in ms] == ["KEN", "UGAGOV"] or all(m["span"][0] < 40 for m in ms)
    kept, aside, _ = credits.set_aside(resolver, text, resolver._resolve(text, None, None))
    assert {m["reason"] for m in aside} == {"byline"}


def test_credit_words_file_errors_name_file_and_line(tmp_path):
    from eventwire.actors.docdata import load_sections
    from eventwire.errors import DataFileError
    bad = tmp_path / "credits.yaml"
    bad.write_text("agencies: [AP, Reuters]\nmonths: jan\n")
    with pytest.raises(DataFileError, match=r"credits.yaml:2: 'months' must be a list"):
        load_sections(bad, {"agencies", "months"})
    bad.write_text("agencies: [AP]\nmonths: [jan]\nrumours: [x]\n")
    with pytest.raises(DataFileError, match=r"credits.yaml:3: unknown section 'rumours'"):
        load_sections(bad, {"agencies", "months"})


PHOTO_CREDITS = [
    # an agency glued to the front of a caption paragraph is the photo's credit
    ("Kenya expelled the Ugandan envoy.\n\nReuters In 2019 the envoy met Kenyan students.", "Reuters"),
    ("Kenya expelled the Ugandan envoy.\n\nAFP The Ugandan envoy leaves Nairobi on Monday.", "AFP"),
    ("Kenya expelled the Ugandan envoy.\n\nGetty Images\n\nThe envoy left.", None),
]


@pytest.mark.parametrize("text,agency", PHOTO_CREDITS)
def test_photo_credits_glued_to_captions_are_no_actors(resolver, text, agency):
    kept, aside, _ = credits.set_aside(resolver, text, resolver._resolve(text, None, None))
    if agency:
        assert [m["reason"] for m in aside if m["text"] == agency] == ["photo credit"]
    assert not [m for m in kept if (m.get("agent") or "") == "MED"]


def test_an_agency_that_reports_is_not_a_photo_credit(resolver):
    text = "Kenya expelled the Ugandan envoy.\n\nReuters reported that the envoy left Nairobi."
    assert credits.caption_credits(text) == []


def test_a_photo_credit_ends_its_sentence_for_the_parser(pipeline):
    from eventwire.nlp import make_doc
    text = ("Kenya expelled the Ugandan envoy.\n\nReuters In 2016 the rebel group shocked the country "
            "when it seized two hundred students from a school in the east.")
    doc = pipeline(make_doc(pipeline, text))
    assert [s.text.strip() for s in doc.sents][1] == "Reuters"


def test_wire_agencies_do_not_make_the_story_home(pipeline):
    # "Reuters reported" says who carried the story: the army is Nigeria's, not Britain's
    text = ("Nigeria marks a sad anniversary\n\nNigeria marked the anniversary on Monday.\n\n"
            "Reuters reported that the army had freed ten students.\n\nThe BBC said the army had "
            "freed them in the north.")
    events = code(pipeline, text)
    assert events and all((e["source"] or {}).get("code") != "GBRMIL" for e in events)
