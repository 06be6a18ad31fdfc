"""Where did it happen? Gazetteer look-ups, place mentions and event locations (issue 5)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eventwire.errors import DataFileError
from eventwire.places import (PlaceComponent, find_places, load_aliases, load_place_cues, load_regions,
                              load_stopnames, resolve_event_location, resolve_place)

from sentence_events import make_event


# ---------------------------------------------------------------- one name
@pytest.mark.parametrize("name, hint, country, precision, geonameid", [
    ("Pyongyang", None, "PRK", "city", 1871859),
    ("Beijing", None, "CHN", "city", 1816670),
    ("Seoul", None, "KOR", "city", 1835848),
    ("Kaesong", None, "PRK", "city", None),          # accents folded: Kaesŏng
    ("Hamhung", None, "PRK", "city", None),
    ("Dandong", None, "CHN", "city", None),
    ("Hong Kong", None, "HKG", "country", None),     # a country in GeoNames
    ("Paris", None, "FRA", "city", 2988507),         # the big Paris by default ...
    ("Paris", "US", "USA", "city", 4717560),         # ... unless the context says America
    ("Washington", None, "USA", "city", 4140963),    # the capital, not the state
    ("Washington D.C.", None, "USA", "city", 4140963),
    ("New York", None, "USA", "city", None),
    ("Texas", None, "USA", "admin", None),
    ("Georgia", None, "GEO", "country", None),       # the country unless context says US
    ("Jordan", None, "JOR", "country", None),
    ("North Korea", None, "PRK", "country", 1873107),
    ("DPRK", None, "PRK", "country", 1873107),
    ("South Korea", None, "KOR", "country", None),
    ("Republic of Korea", None, "KOR", "country", None),
    ("U.S.", None, "USA", "country", 6252001),
    ("United States", None, "USA", "country", 6252001),
    ("Britain", None, "GBR", "country", None),
    ("Burma", None, "MMR", "country", None),
    ("Korean Peninsula", None, None, "region", None),
    ("Gaza Strip", None, "PSE", "region", None),
    ("Gaza", None, "PSE", "city", 281133),
    ("West Bank", None, "PSE", "region", None),
    ("Crimea", None, "UKR", "region", None),
    ("South China Sea", None, None, "region", None),
    ("DMZ", None, None, "region", None),
    # the Persian ezafe as news spells it: "-i-" is GeoNames' "-e "
    ("Pul-i-Khumri", None, "AFG", "city", 1130490),
    ("Pul-e Khumri", None, "AFG", "city", 1130490),
    ("Qasr-i-Shirin", None, "IRN", "city", 119586),
])
def test_resolve_place(name, hint, country, precision, geonameid):
    p = resolve_place(name, hint)
    assert (p["country"], p["precision"]) == (country, precision)
    if geonameid:
        assert p["geonameid"] == geonameid
    assert -90 <= p["lat"] <= 90 and -180 <= p["lon"] <= 180


@pytest.mark.parametrize("name", ["Narnia", "Foreign Ministry", "Xi Jinping", ""])
def test_unknown_names_resolve_to_nothing(name):
    assert resolve_place(name) is None


def test_place_record_has_the_contract_fields():
    assert set(resolve_place("Pyongyang")) == {"name", "country", "lat", "lon", "geonameid", "precision"}


# ---------------------------------------------------------------- names in text
@pytest.mark.parametrize("text, found", [
    ("Protesters gathered in Paris on Monday.", [("Paris", "FRA")]),
    ("Police in Paris, Texas arrested a man.", [("Paris", "USA"), ("Texas", "USA")]),
    ("The governor of Texas later spoke in Paris.", [("Texas", "USA"), ("Paris", "USA")]),
    ("Song flew from Beijing to Pyongyang.", [("Beijing", "CHN"), ("Pyongyang", "PRK")]),
    ("Tension rose on the Korean peninsula.", [("Korean peninsula", None)]),
    ("Despite China's objections, talks went on.", [("China", "CHN")]),
    ("The U.S. and South Korea held drills.", [("U.S.", "USA"), ("South Korea", "KOR")]),
    # names inside longer names are organisations, not places
    ("China Airlines ceased flights.", []),
    ("The Korea Times reported the test.", []),
    ("The Bank of China froze accounts.", []),
    ("A Hong Kong-based analyst disagreed.", []),
    ("Seoul National University hosted the forum.", []),
    ("The U.S. Department of Treasury announced sanctions.", []),
    # citations are sources, not places
    ("No thaw is in sight (Korea Times, November 20; Xinhua, Beijing).", []),
    # people and English words that are also town names
    ("Kim met the envoy.", []),
    ("Most analysts agree.", []),
    ("Song met Moon in Seoul.", [("Seoul", "KOR")]),
    ("Militants attacked a checkpoint near Pul-i-Khumri.", [("Pul-i-Khumri", "AFG")]),
    ("Guinea-Bissau and Port-au-Prince stay whole.", [("Guinea-Bissau", "GNB"), ("Port-au-Prince", "HTI")]),
])
def test_find_places(text, found):
    assert [(m.text, m.place["country"]) for m in find_places(text)] == found


def test_mention_spans_point_at_the_text():
    text = "Song flew from Beijing to Pyongyang."
    assert [text[a:b] for a, b in (m.span for m in find_places(text))] == ["Beijing", "Pyongyang"]


# ---------------------------------------------------------------- event locations
@pytest.fixture(scope="module")
def nlp(bare_nlp):
    return bare_nlp


@pytest.mark.parametrize("text, verb, name, country, precision", [
    # diplomacy: the place of the visit, the meeting, the return
    ("Tokyo dispatched its deputy foreign minister, a veteran of Asian diplomacy, to Hanoi.",
     "dispatched", "Hanoi", "VNM", "city"),
    ("Paris announced it will send an envoy to Lebanon on March 3.",
     "send", "Lebanon", "LBN", "country"),
    ("The minister returned to Ankara without meeting with Putin.", "returned", "Ankara", "TUR", "city"),
    ("In 2019, Lavrov met with his Indian counterpart, Subrahmanyam Jaishankar, in Moscow.",
     "met", "Moscow", "RUS", "city"),
    ("Jaishankar visited Moscow to consult with the ministry.", "visited", "Moscow", "RUS", "city"),
    ("In 2018, Macron watched the parade in Beijing with Xi Jinping.", "watched", "Beijing", "CHN", "city"),
    ("Trump visited China and pledged cooperation.", "visited", "China", "CHN", "country"),
    ("The two sides discussed security on the Korean Peninsula.",
     "discussed", "Korean Peninsula", None, "region"),
    ("China successfully tested a nuclear bomb in Xinjiang in 1964.", "tested", "Xinjiang", "CHN", "admin"),
    ("North Korea conducted a nuclear test at Punggye-ri in February 2013.",
     "conducted", "Punggye-ri", "PRK", "city"),
    ("Kim Jong-un inspected a factory in Hamhung.", "inspected", "Hamhŭng", "PRK", "city"),
    ("Moon flew to Washington for talks with Trump.", "flew", "Washington", "USA", "city"),
    ("A collapse on Russia's western border would pose a threat.", "pose", "Russia", "RUS", "country"),
    # elsewhere in the world
    ("Soldiers clashed at the DMZ on Monday.", "clashed", "Korean Demilitarized Zone", None, "region"),
    ("Protesters gathered in Paris on Monday.", "gathered", "Paris", "FRA", "city"),
    ("Police in Paris, Texas arrested a man.", "arrested", "Paris", "USA", "city"),
    ("Israeli jets struck targets in the Gaza Strip.", "struck", "Gaza Strip", "PSE", "region"),
    ("Russia annexed Crimea in 2014.", "annexed", "Crimea", "UKR", "region"),
    ("China built islands in the South China Sea.", "built", "South China Sea", None, "region"),
    ("Envoys met near Panmunjom.", "met", "Panmunjom", None, "city"),
    ("The ministers met in Seoul and later in Tokyo.", "met", "Seoul", "KOR", "city"),
    ("Troops were deployed to Crimea.", "deployed", "Crimea", "UKR", "region"),
    ("Trump's visit to China raised hopes.", "visit", "China", "CHN", "country"),
    ("Rebels attacked Aleppo on Sunday.", "attacked", "Aleppo", "SYR", "city"),
    ("The envoy held talks in Kaesong.", "held", "Kaesŏng", "PRK", "city"),
    ("Delegates gathered in the West Bank.", "gathered", "West Bank", "PSE", "region"),
])
def test_event_location(nlp, text, verb, name, country, precision):
    doc = nlp(text)
    loc = resolve_event_location(doc, make_event(doc, verb))
    assert loc is not None, text
    assert (loc["name"], loc["country"], loc["precision"]) == (name, country, precision)


@pytest.mark.parametrize("text, verb", [
    # no location is better than a wrong one
    ("The envoy met Choe Ryong-hae.", "met"),
    ("Air France ceased flights between Paris and Tehran.", "ceased"),           # "between" is a route
    ("The Korea Times reported that Seoul protested.", "reported"),               # Seoul is an actor
    ("The Treasury announced sanctions against firms within Iran.", "announced"),
    ("Paris announced it will send an envoy to Lebanon.", "announced"),         # another clause
    ("North Korea condemned the drills.", "condemned"),                           # actors are not places
    ("Analysts say the talks failed (Korea Times, Seoul).", "failed"),            # citation
    ("Song met the envoy of President Moon, who had flown in from Seoul.", "met"),
])
def test_no_event_location(nlp, text, verb):
    doc = nlp(text)
    assert resolve_event_location(doc, make_event(doc, verb)) is None


@pytest.mark.parametrize("text, verb, name, country, text_span, relation", [
    # issue 15: the constructions that name where an event happened
    ("A drone strike north of Mosul killed four fighters.", "strike", "Mosul", "IRQ", "Mosul",
     "north of"),
    ("Gunmen ambushed a convoy 30 km southwest of Kabul.", "ambushed", "Kabul", "AFG", "Kabul",
     "southwest of"),
    ("Rebels shelled villages outside Aleppo.", "shelled", "Aleppo", "SYR", "Aleppo", "outside"),
    ("Protesters rallied near Tehran on Friday.", "rallied", "Tehran", "IRN", "Tehran", "near"),
    ("Israeli aircraft struck a camp in the Gaza Strip.", "struck", "Gaza Strip", "PSE",
     "Gaza Strip", "in"),
    ("Turkish troops clashed with militants on the border with Syria.", "clashed", "Syria", "SYR",
     "Syria", "on border with"),
    ("Soldiers exchanged fire on Pakistan's border.", "exchanged", "Pakistan", "PAK", "Pakistan",
     "on border"),
    ("Pirates seized a tanker off the coast of Somalia.", "seized", "Somalia", "SOM", "Somalia",
     "off coast of"),
    ("Militants stormed a hotel in the northern city of Kunduz.", "stormed", "Kunduz", "AFG",
     "Kunduz", "in"),
    ("Police arrested dozens in the southern town of Basra.", "arrested", "Basrah", "IRQ", "Basra",
     "in"),
    ("Government forces bombed rebel positions in Idlib province.", "bombed", "Idlib", "SYR",
     "Idlib", "in"),
    ("The prime minister flew to the capital, Nairobi, on Monday.", "flew", "Nairobi", "KEN",
     "Nairobi", "to"),
    ("Leaders met in the Black Sea resort of Sochi.", "met", "Sochi", "RUS", "Sochi", "in"),
    ("During his visit to Hanoi, the president warned Beijing.", "warned", "Hanoi", "VNM", "Hanoi",
     "during visit to"),
    ("The minister spoke at a rally in Lagos.", "spoke", "Lagos", "NGA", "Lagos", "in"),
    ("The Mosul offensive began at dawn.", "offensive", "Mosul", "IRQ", "Mosul", "named"),
    ("Leaders met at the Helsinki summit.", "summit", "Helsinki", "FIN", "Helsinki", "named"),
    # parts of a place stand for it
    ("A car bomb exploded in the centre of Kabul on Sunday.", "exploded", "Kabul", "AFG", "Kabul",
     "in"),
    ("Fighting raged in the heart of Baghdad.", "raged", "Baghdad", "IRQ", "Baghdad", "in"),
    ("Protesters marched through the streets of Cairo.", "marched", "Cairo", "EGY", "Cairo",
     "through"),
    # a "where" clause happens at the place it hangs on
    ("The minister flew to the capital, Nairobi, where she met the president.", "met", "Nairobi",
     "KEN", "Nairobi", "where"),
    ("Delegates gathered in Geneva, where the envoys signed a truce.", "signed", "Geneva", "CHE",
     "Geneva", "where"),
    ("The embassy stands in the centre of Kabul, where a car bomb exploded last year.", "exploded",
     "Kabul", "AFG", "Kabul", "where"),
])
def test_event_location_constructions(nlp, text, verb, name, country, text_span, relation):
    doc = nlp(text)
    loc = resolve_event_location(doc, make_event(doc, verb))
    assert loc is not None, text
    assert (loc["name"], loc["country"], loc["text"], loc["relation"], loc["basis"]) == \
        (name, country, text_span, relation, "clause")
    assert text[loc["span"][0]:loc["span"][1]] == text_span   # provenance: the place's span


@pytest.mark.parametrize("text, verb", [
    # nothing is guessed when the clause names no place
    ("Iraq said a drone strike north of Mosul killed four fighters.", "said"),
    ("Police arrested a man who had travelled to Syria.", "arrested"),
    ("Pyongyang sent a message to Washington.", "sent"),                   # an addressee
    ("The militants pledged allegiance to the group in March 2015.", "pledged"),  # a month
    ("The talks on Syria resumed.", "resumed"),                            # a topic, not a place
    ("The president called on Tehran to free the sailors.", "called"),     # an addressee
    ("The envoy discussed the deployment of troops near Kirkuk.", "discussed"),  # the deployment's
    ("Rebels attacked a week after the president's trip to Goma.", "attacked"),
    ("Ankara clashed with Athens over Cyprus.", "clashed"),
    ("The Syria talks resumed.", "talks"),                                 # a country names a topic
    ("The envoy praised Geneva, where the talks were held.", "praised"),   # the where-clause's place
    ("The court heard the case of a man in the center of the dispute.", "heard"),  # not a place
])
def test_no_event_location_without_a_place_in_the_clause(nlp, text, verb):
    doc = nlp(text)
    assert resolve_event_location(doc, make_event(doc, verb)) is None


def _located(nlp, text, events, published="2019-03-05"):
    from eventwire.nlp import ensure_extensions
    from eventwire.places import locate_events
    ensure_extensions()
    doc = nlp(text)
    doc._.published = published
    evs = []
    for verb, source, target in events:
        ev = make_event(doc, verb)
        ev["source"] = {"code": source} if source else None
        ev["target"] = {"code": target} if target else None
        evs.append(ev)
    doc._.events = evs
    locate_events(doc)
    return [e["location"] for e in doc._.events]


@pytest.mark.parametrize("text, events, want", [
    # the lead's events take the dateline's place when an actor is of its country
    ("NAIROBI, March 4 (Reuters) - The Kenyan government announced new curbs on imports.",
     [("announced", "KENGOV", None)], [("Nairobi", "KEN")]),
    ("KUNDUZ, Afghanistan — Taliban fighters attacked a police post, officials said.",
     [("attacked", "AFGREB", "AFGCOP")], [("Kunduz", "AFG")]),
    # ... its region when the place itself is unknown
    ("OLD CAMP, West Bank (Reuters) - Israeli soldiers detained two Palestinian youths.",
     [("detained", "ISRMIL", "PSECVL")], [("West Bank", "PSE")]),
    # a bureau reporting on another country says nothing of where that country acted
    ("LONDON, March 4 (Reuters) - Iran tested a new missile, state media said.",
     [("tested", "IRNMIL", None)], [None]),
    # the clause's own place wins; the dateline speaks for the lead only
    ("NAIROBI, March 4 (Reuters) - Kenyan police raided a camp in Mombasa.\n\n"
     "Kenyan officials later met donors.",
     [("raided", "KENCOP", None), ("met", "KENGOV", None)], [("Mombasa", "KEN"), None]),
    # two places in one dateline: which one is not said
    ("NAIROBI/KAMPALA, March 4 (Reuters) - Kenya and Uganda signed a trade pact.",
     [("signed", "KENGOV", "UGAGOV")], [None]),
])
def test_lead_events_take_the_dateline_place(nlp, text, events, want):
    got = _located(nlp, text, events)
    assert [(loc["name"], loc["country"]) if loc else None for loc in got] == want
    for loc in got:
        if loc and loc["basis"] == "dateline":
            assert text[loc["span"][0]:loc["span"][1]] == loc["text"]


@pytest.mark.parametrize("text, set_aside, located", [
    # the dateline is where the story was filed: a place for the lead's event, never an actor
    ("LUSAKA, May 3 (Reuters) - Zambian police arrested 40 opposition supporters on Tuesday.",
     {"LUSAKA", "Reuters"}, ("Lusaka", "ZMB", "dateline")),
    ("ISLAMABAD (AP) — Pakistan's foreign minister criticized India on Monday.",
     {"ISLAMABAD", "AP"}, ("Islamabad", "PAK", "dateline")),
    ("KUNDUZ, Afghanistan — Taliban fighters attacked a police post on Monday.",
     {"KUNDUZ", "Afghanistan"}, ("Kunduz", "AFG", "dateline")),
    # the clause's own place beats the dateline
    ("NAIROBI (Reuters) - Kenyan police raided a camp in Mombasa on Monday.",
     {"NAIROBI", "Reuters"}, ("Mombasa", "KEN", "clause")),
    # no dateline, no place in the clause: nothing is guessed
    ("The Kenyan government criticized Uganda on Monday.", set(), None),
])
def test_the_dateline_is_a_place_never_an_actor(pipeline, text, set_aside, located):
    doc = pipeline(text)
    assert {m["text"] for m in doc._.set_aside or [] if m["reason"] == "dateline"} == set_aside
    assert doc._.events, text
    ev = doc._.events[0]
    if doc._.dateline:
        end = doc._.dateline["span"][1]
        for actor in (ev["source"], ev["target"]):
            assert not actor or actor["span"][0] >= end, actor      # no actor inside the dateline
    loc = ev["location"]
    assert ((loc["name"], loc["country"], loc["basis"]) if loc else None) == located


def test_component_fills_location(nlp):
    from eventwire.nlp import ensure_extensions
    ensure_extensions()
    doc = nlp("Song met Choe in Pyongyang. China sent aid.")
    doc._.events = [make_event(doc, "met"), make_event(doc, "sent")]
    PlaceComponent(nlp, "eventwire_place")(doc)
    assert [e["location"] and e["location"]["name"] for e in doc._.events] == ["Pyongyang", None]


# ---------------------------------------------------------------- data files
def test_data_files_load():
    assert any("Korean Peninsula" in names for names, _ in load_regions())
    assert load_aliases() and "kim" in load_stopnames()


@pytest.mark.parametrize("row, line, reason", [
    ("Nowhere,,XX,1,2,region", 3, "ISO3"),
    ("Nowhere,,,north,2,region", 3, "numbers"),
    ("Nowhere,,,1,2,continent", 3, "precision"),
    ("Nowhere,,,1,2", 3, "fields"),
    ("Nowhere,,,100,2,region", 3, "range"),
])
def test_bad_region_rows_name_file_and_line(tmp_path, row, line, reason):
    f = tmp_path / "regions.csv"
    f.write_text("# comment\nname,aliases,country,lat,lon,precision\n" + row + "\n")
    with pytest.raises(DataFileError) as exc:
        load_regions(f)
    assert exc.value.line == line and reason in exc.value.reason and str(f) in str(exc.value)


def test_bad_alias_kind_names_the_line(tmp_path):
    f = tmp_path / "aliases.csv"
    f.write_text("alias,kind,target\nUS,country,USA\nAmerica,continent,USA\n")
    with pytest.raises(DataFileError) as exc:
        load_aliases(f)
    assert exc.value.line == 3


# ---------------------------------------------------------------- the seed articles
def test_seed_article_locations_are_named_in_the_event_sentence(seed_paths, pipeline):
    """Both seeds through the full pipeline: a location is only ever a place named in the
    event's own sentence, outside parentheses (citations) and organisation names."""
    from eventwire.nlp import make_doc
    events = []
    for p in seed_paths:
        doc = pipeline(make_doc(pipeline, p.read_text(encoding="utf-8"), published="2017-11-22"))
        events += [(doc, ev) for ev in doc._.events or []]
    if not events:
        pytest.skip("eventwire_events yields no events yet")
    for doc, ev in events:
        loc = ev["location"]
        if loc is None:
            continue
        a, b = ev["span"]
        sent = doc.char_span(a, b, alignment_mode="expand").sent
        a, b = loc["span"]
        assert doc.text[a:b] == loc["text"], loc
        if loc["basis"] == "clause":   # named in the event's own sentence
            assert sent.start_char <= a < sent.end_char, (loc, ev["sentence"])
        else:                          # or the story's dateline, for its lead
            assert loc["basis"] == "dateline" and a < 200, loc


@settings(max_examples=100, deadline=None)
@given(st.lists(st.sampled_from(["in ", "Paris", "North", "Korea", "China", " Airlines", ", ",
                                 "(", ")", "Texas", "the ", "Korean peninsula", "U.S.", "-based ",
                                 "Kim", ". ", "\n\n", "to ", "Sea"]), max_size=20).map("".join))
def test_find_places_never_fails_and_spans_match(text):
    for m in find_places(text):
        assert text[m.span[0]:m.span[1]] == m.text
        assert m.place["precision"] in ("city", "admin", "country", "region")


def test_the_place_cue_file_loads_and_a_bad_one_names_file_and_line(tmp_path):
    cues = load_place_cues()
    assert "near" in cues.locative_preps and "city" in cues.place_nouns
    bad = tmp_path / "cues.yaml"
    bad.write_text("locative_preps: [in]\nnonsense: [x]\n")
    with pytest.raises(DataFileError) as err:
        load_place_cues(bad)
    assert (err.value.line, "unknown list" in err.value.reason) == (2, True)
    bad.write_text("\n".join(f"{k}: [word]" for k in (
        "locative_preps", "destination_preps", "motion_verbs", "addressed_nouns", "object_verbs",
        "area_nouns", "place_nouns", "directions")) + "\nnamed_event_nouns:\n  - raid\n  - Raid\n")
    with pytest.raises(DataFileError) as err:
        load_place_cues(bad)
    assert err.value.line == 11 and "bad entry" in err.value.reason
