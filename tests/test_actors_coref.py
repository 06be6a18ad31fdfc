"""Document-level coreference (issue 14): "It said", "He urged", "the ministry", "its
forces", "they", "the two leaders", a surname after a title — our own short texts, one set
per kind. Each case: text | SOURCE TARGET CODE (exact codes, "-" for none, CODE a prefix),
the event must be coded from the text's last sentence.
"""
import pytest

from eventwire.actors import coref
from test_events_helpers import code


def _last_sentence_events(pipeline, text, published="2019-05-03"):
    events = code(pipeline, text, published)
    last = max(e["sentence_index"] for e in events) if events else None
    return [e for e in events if e["sentence_index"] == last]


def _check(pipeline, case):
    text, spec = (x.strip() for x in case.rsplit("|", 1))
    src, tgt, cameo = (None if x == "-" else x for x in spec.split())
    events = _last_sentence_events(pipeline, text)
    got = [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"]) for e in events]
    assert any(s == src and t == tgt and c.startswith(cameo) for s, t, c in got), got
    return events


PRONOUNS = [
    # he/she: the person last named as a subject
    "The Kenyan president met the Ugandan prime minister in Nairobi. He urged Uganda to reopen "
    "the border. | KENGOV UGAGOV 02",
    "Chile's foreign minister arrived in Lima on Monday. He criticized Peru over the border "
    "closure. | CHLGOV PERGOV 111",
    # "she" needs evidence that the person is a woman
    "A Chilean government spokeswoman spoke in Santiago. She accused Bolivia of lying. | CHLGOV BOLGOV 112",
    # it: the body last named as a main-clause subject (not the one in a reported clause)
    "The Peruvian government rejected the Chilean proposal. It accused Santiago of bad faith. "
    "| PERGOV CHLGOV 112",
    "The Kenyan government said on Monday that Uganda had closed the border. It accused Kampala "
    "of bad faith. | KENGOV UGAGOV 112",
    # its: the owner of an agent noun
    "Ecuador mobilized reserves on Monday. Its troops shelled Peruvian border posts. | ECUMIL PER 19",
]


@pytest.mark.parametrize("case", PRONOUNS)
def test_pronouns_refer_back(pipeline, case):
    events = _check(pipeline, case)
    side = [e["source"] for e in events if e["source"] and e["source"].get("resolved_by")]
    assert side and side[0]["resolved_by"]["how"] in ("pronoun",) and side[0]["resolved_by"]["chain"]


def test_a_users_pattern_file_reaches_the_pronoun_rules(tmp_path, pipeline):
    # "its" adds its owner to an event noun's event only ("its airlift", not "its role"),
    # and the event nouns are the run's: a noun of the user's --patterns file counts too
    from eventwire.config import Settings
    from eventwire.nlp import build_pipeline, make_doc
    mine = tmp_path / "mine.yaml"
    mine.write_text('patterns:\n  - id: mine.airlift\n    cameo: "073"\n    nouns: [airlift]\n')
    settings = Settings()
    settings.pattern_files = [str(mine)]
    text = "Canada sent food to Haiti on Monday. Its airlift reached the flooded towns."

    def its(nlp):
        doc = nlp(make_doc(nlp, text, published="2020-01-01"))
        return [m["code"] for m in doc._.actors if m["text"] == "Its"]

    assert its(pipeline) == []   # not one of our event nouns
    assert its(build_pipeline(settings)) == ["CAN"]


def test_an_object_pronoun_is_not_its_clause_subject(pipeline):
    # "him" is the other man: the subject "He" (itself a reference) is excluded
    text = ("The Kenyan interior minister met the Ugandan envoy in Nairobi. "
            "He thanked him for the visit.")
    events = _last_sentence_events(pipeline, text)
    assert not [e for e in events if (e["source"] or {}).get("code") ==
                (e["target"] or {}).get("code")]


def test_she_is_not_a_man(pipeline):
    text = "The Kenyan president met reporters in Nairobi. She accused Uganda of lying."
    events = _last_sentence_events(pipeline, text)
    assert not [e for e in events if (e["source"] or {}).get("code") == "KENGOV"]


GROUPS = [
    # they: every member of a list named before, one event each
    ("Chile and Argentina condemned the Bolivian decision. They accused La Paz of breaking the "
     "treaty.", {("CHLGOV", "BOLGOV"), ("ARGGOV", "BOLGOV")}, "112"),
    # the two sides / leaders: the last two actors of two countries, both ways when mutual
    ("The presidents of Chile and Peru met in Lima. The two leaders signed a trade deal.",
     {("CHLGOV", "PERGOV"), ("PERGOV", "CHLGOV")}, "057"),
]


@pytest.mark.parametrize("text,pairs,cameo", GROUPS)
def test_groups_and_pairs_give_every_actor(pipeline, text, pairs, cameo):
    events = [e for e in _last_sentence_events(pipeline, text) if e["cameo"] == cameo]
    assert {((e["source"] or {}).get("code"), (e["target"] or {}).get("code")) for e in events} == pairs


DEFINITES = [
    # the earlier mention with the same head word and sector gives the country
    "Ukraine's defence ministry condemned the Russian strikes. The ministry also accused Moscow "
    "of hiding losses. | UKRGOV RUSGOV 112",
    # "the government" of the country the story is about
    "Kenyan police arrested two Ugandan traders in Nairobi. Kenya's president defended the "
    "arrests. Kenyan officials said the traders were spies. The government later expelled the "
    "Ugandan ambassador. | KENGOV UGAGOV 166",
    # unnamed armed men right after a named armed group are its members
    "A Houthi drone hit a Saudi oil terminal at dawn. Gunmen then attacked Saudi border guards "
    "near Jizan. | YEMREB SAUMIL 19",
    "A Taliban suicide bomber drove a truck full of explosives into the gate of the Indian "
    "embassy in Kabul. Armed attackers then stormed the compound, fighting Afghan police for "
    "hours. | AFGREB AFGCOP 19",
    # "the regime": the state named just before as a subject, not the home country of a
    # story told from elsewhere, nor the one acting on it in the same clause
    "President Biden spoke at the White House on Monday. The White House said Biden met "
    "senators. Biden praised Congress. Iran launched a satellite on Sunday. The regime then "
    "expelled two British diplomats. | IRNGOV GBRGOV 166",
    "The White House praised Congress on Monday. The State Department thanked the senators. "
    "Syria shelled Idlib overnight. The White House condemned the regime. | USAGOV SYRGOV 11",
    "The White House praised Congress on Monday. The State Department thanked the senators. "
    "Cuba hosted a Russian warship. The regime in Caracas expelled a US diplomat. "
    "| VENGOV USAGOV 166",
    # those one country's force strikes, in a story about another, are that other's
    "Palestinian doctors said Gaza had no power. Hamas officials said Gaza needed fuel. The "
    "Gaza health ministry appealed for aid. Israeli jets bombed hospitals overnight. "
    "| ISRMIL PSEHLH 19",
]


def test_unnamed_gunmen_far_from_any_named_group_stay_unnamed(pipeline):
    text = ("Houthi rebels fired missiles at Riyadh in March. Saudi Arabia closed its ports. "
            "The United Nations appealed for calm. Talks opened in Geneva in May. "
            "Gunmen attacked Saudi border guards near Jizan.")
    events = _last_sentence_events(pipeline, text)
    assert events and all((e["source"] or {}).get("code") != "YEMREB" for e in events)


@pytest.mark.parametrize("case", DEFINITES)
def test_definite_descriptions_take_their_antecedents_country(pipeline, case):
    _check(pipeline, case)


SURNAMES = [
    # a person the dictionary does not know, introduced by a title, later by surname
    "Interior Minister Tomas Lindqvist met the Norwegian envoy in Oslo. Lindqvist later "
    "criticized Denmark. | GOV DNKGOV 111",
    "Interior Minister Tomas Lindqvist met the Norwegian envoy in Oslo. Mr. Lindqvist later "
    "criticized Denmark. | GOV DNKGOV 111",
]


@pytest.mark.parametrize("case", SURNAMES)
def test_surnames_of_people_named_earlier(pipeline, case):
    events = _check(pipeline, case)
    src = [e["source"] for e in events if e["cameo"].startswith("111")][0]
    assert src["resolved_by"]["how"] == "surname"
    assert "Tomas Lindqvist" in src["resolved_by"]["chain"][-1]["text"]


def test_another_first_name_is_another_person(pipeline):
    text = ("Interior Minister Tomas Lindqvist met the Norwegian envoy in Oslo. "
            "Anna Lindqvist criticized Denmark.")
    events = _last_sentence_events(pipeline, text)
    assert not [e for e in events if (e["source"] or {}).get("resolved_by")]


def test_titled_person_of_the_home_country(pipeline):
    # no country in "Foreign Minister Jan Vos": the country the story is about
    text = ("Dutch police arrested two smugglers near Breda. Dutch officials said the "
            "smugglers were armed. The Dutch government praised the Dutch police. "
            "Foreign Minister Jan Vos criticized Belgium on Tuesday.")
    _check(pipeline, text + " | NLDGOV BELGOV 111")


def test_titled_person_in_a_story_filed_from_home(pipeline):
    # filed from Cairo, Egypt named a little more often than Russia: the minister is Egypt's
    text = ("CAIRO, May 3 - Egypt's president met a Russian delegation on Monday. Russian "
            "officials said trade would grow, and Egyptian officials agreed. Trade Minister "
            "Hamdi Nasser criticised Russia on Tuesday.")
    _check(pipeline, text + " | EGYGOV RUSGOV 111")


def test_home_country_needs_a_clear_lead():
    ms = [{"country": c} for c in ("KEN", "KEN", "KEN", "UGA")]
    assert coref.home_country(ms) == "KEN"
    assert coref.home_country(ms + [{"country": "UGA"}] * 2) is None
    # a short wire story: the dateline's country and no other (actors7)
    assert coref.home_country([{"country": "KEN"}], {"country": "KEN"}) == "KEN"
    assert coref.home_country([], {"country": "KEN"}) == "KEN"
    assert coref.home_country([{"country": "KEN"}, {"country": "UGA"}], {"country": "KEN"}) == "KEN"
    assert coref.home_country([{"country": "KEN"}] + [{"country": "UGA"}] * 2, {"country": "KEN"}) is None
    assert coref.home_country([{"country": "UGA"}], {"country": "KEN"}) is None
    # the only country a domestic story names, by an actor that acts ("Whitehall said")
    assert coref.home_country([{"country": "GBR", "agent": "GOV"}]) == "GBR"
    # ... not by a place named once in passing ("in Kenya")
    assert coref.home_country([{"country": "KEN", "kind": "country"}]) is None
    # the dateline's country leads, with half of all the naming, not twice the next (actors8)
    assert coref.home_country([{"country": "KEN"}] * 3 + [{"country": "UGA"}] * 3,
                              {"country": "KEN"}) == "KEN"
    assert coref.home_country([{"country": "KEN"}] * 2 + [{"country": "UGA"}] * 3,
                              {"country": "KEN"}) is None
    assert coref.home_country([{"country": "KEN"}] * 3 + [{"country": "UGA"}] * 3
                              + [{"country": "TZA"}] * 2, {"country": "KEN"}) is None


NOT_REFERENCES = [
    # expletive or non-actor pronouns stay unresolved
    "The Kenyan government closed the border. It is unclear why.",
    "The Kenyan government closed the border. It seems the talks failed.",
]


@pytest.mark.parametrize("text", NOT_REFERENCES)
def test_expletive_it_is_no_actor(pipeline, text):
    from eventwire.nlp import make_doc
    doc = pipeline(make_doc(pipeline, text, published="2019-05-03"))
    assert not [m for m in doc._.actors if m["text"] == "It"]


def test_prefilter_keeps_pronoun_sentences(tmp_path):
    # in the batch pipeline a sentence naming its actor only by a pronoun is parsed too
    from eventwire.ingest import read_inputs
    from eventwire.pipeline import code_documents
    p = tmp_path / "story.txt"
    p.write_text("The Peruvian government rejected the Chilean proposal on Monday.\n\n"
                 "The weather in Lima was fine and the markets were calm.\n\n"
                 "Later it accused Santiago of bad faith.\n")
    recs = [r for c in code_documents(read_inputs([str(p)], published="2019-05-03"))
            for r in c.events]
    assert any(r["cameo"].startswith("112") and (r["source"] or {}).get("code") == "PERGOV"
               and (r["target"] or {}).get("code") == "CHLGOV" for r in recs), \
        [(r["cameo"], (r["source"] or {}).get("code")) for r in recs]


def test_explain_shows_the_chain():
    from eventwire.cli.explain import resolved_by_text
    m = {"resolved_by": "pronoun", "chain": [{"text": "Jan Vos", "resolved_by": "title"}]}
    assert resolved_by_text(m) == "pronoun <- Jan Vos (title)"


def test_coreference_words_errors_name_file_and_line(tmp_path):
    from eventwire.actors.docdata import load_sections
    from eventwire.errors import DataFileError
    bad = tmp_path / "coreference.yaml"
    bad.write_text("person_pronouns:\n  he: m\nthing_pronouns: [it, {x: 1}]\n")
    with pytest.raises(DataFileError, match=r"coreference.yaml:3: 'thing_pronouns': every entry"):
        load_sections(bad, {"thing_pronouns"}, {"person_pronouns"})


def test_we_in_a_quotation_is_its_speaker(pipeline):
    text = ("“Uganda shelled our border posts on Sunday. We will expel the Ugandan ambassador,” "
            "the Kenyan foreign minister said on Monday.")
    events = code(pipeline, text, "2019-05-03")
    # "will expel": a planned expulsion, coded as the threat to expel (136; events/plans.py)
    expel = [e for e in events if e["cameo"] in ("166", "136")]
    assert expel and expel[0]["source"]["code"] == "KENGOV"
    assert expel[0]["source"]["resolved_by"]["how"] == "quote"
    # the first quoted sentence is reported by the same speaker
    shell = [e for e in events if e["cameo_root"] == "19"]
    assert shell and shell[0]["attribution"]["speaker"] == "Kenyan foreign minister"
    assert shell[0]["modality"] == "reported" and shell[0]["target"]["country"] == "KEN"


def test_the_spokesman_is_the_one_introduced_before(pipeline):
    # "the spokesman" is the government spokesman of the story's country named before, not
    # one of the countries in his quotation
    text = ("Kenyan police freed twelve hostages near Garissa on Monday, Kenya's interior ministry "
            "said in Nairobi. A government spokesman said talks with the kidnappers had taken weeks. "
            "“The deal was brokered by Norway and Qatar,” the spokesman said on Twitter.")
    events = [e for e in _last_sentence_events(pipeline, text) if e["cameo"] == "045"]
    assert {(e["source"] or {}).get("code") for e in events} == {"NORGOV", "QATGOV"}
    assert {e["attribution"]["code"] for e in events} == {"KENGOV"}, [e["attribution"] for e in events]


def test_he_after_an_uncoded_speaker_with_a_middle_initial_is_no_one_else(pipeline):
    # "George A Ferris": one person (George is also a South African city), whom we cannot
    # code; "he" refers to him, not back to the leader two sentences earlier
    text = ("Kim Jong Un inspected a missile factory on Monday. \"The launch was a wake-up call "
            "about sanctions,\" said George A Ferris, a former member of a sanctions panel. He said "
            "Trump should urge Seoul to resume talks with Pyongyang.")
    events = _last_sentence_events(pipeline, text)
    assert not any((e["source"] or {}).get("code", "").startswith(("PRK", "ZAF")) for e in events), \
        [((e["source"] or {}).get("code"), e["cameo"]) for e in events]
