"""The Phoenix layer, layer precedence, and people matched by evidence (issue 14 part B).

Sentences are our own; names that test a rule are invented (so no dictionary entry can
answer them), names that test the Phoenix layer are real people whose dated roles are
facts (docs/actors.md, "Layers" and "People by evidence")."""
from __future__ import annotations

import textwrap

import pytest

from eventwire.actors.dictionary import load_files
from eventwire.actors.persons import match_person
from eventwire.actors.phoenix import load_phoenix, norm_code, split_person_forms
from eventwire.actors.resolver import ActorResolver, get_resolver
from eventwire.errors import DataFileError


@pytest.fixture(scope="module")
def r():
    return get_resolver(phoenix=True)


def codes(r, text, date):
    return [(m["text"], m["code"], m.get("actor_id")) for m in r.resolve_text(text, date)]


# -- the Phoenix layer: real people, coded by the story's date -------------------------------
@pytest.mark.parametrize("text, date, code", [
    # Gulbuddin Hekmatyar: Afghan prime minister 1993-94 and in 1996, an elite otherwise
    ("Gulbuddin Hekmatyar spoke on the radio.", "1993-09-01", "AFGGOV"),
    ("Gulbuddin Hekmatyar spoke on the radio.", "2005-09-01", "AFGELI"),
    # Sani Abacha: Nigeria's head of state 1993-1998
    ("Sani Abacha addressed the nation.", "1995-01-10", "NGAGOV"),
    ("Sani Abacha addressed the nation.", "1990-01-10", "NGAELI"),
])
def test_phoenix_people_are_coded_by_the_story_date(r, text, date, code):
    ms = r.resolve_text(text, date)
    assert ms and ms[0]["code"] == code, codes(r, text, date)


@pytest.mark.parametrize("text, code", [
    ("Fighters of the Nusra Front attacked the town.", "SYRREB"),
    ("The American Civil Liberties Union sued the city.", "USANGO"),
])
def test_phoenix_organisations_and_armed_groups(r, text, code):
    assert any(m["code"] == code for m in r.resolve_text(text, "2013-06-01")), \
        codes(r, text, "2013-06-01")


def test_package_people_win_over_phoenix_namesakes(r):
    # Phoenix's Obama entry stops in 2014 with an open role; the package knows his term ended
    m = r.resolve_phrase("Barack Obama", "2019-03-01")
    assert (m["actor_id"], m["code"]) == ("person:barack-obama", "USAELI")
    assert r.actors["person:barack-obama"].layer == 1


def test_phoenix_can_be_switched_off():
    r0 = get_resolver(phoenix=False)
    assert r0.resolve_phrase("Sani Abacha", "1995-01-10") is None


# -- precedence: user files > package > Phoenix ------------------------------------------------
def test_user_files_beat_the_package_and_phoenix(tmp_path):
    p = tmp_path / "mine.yaml"
    p.write_text(textwrap.dedent("""
        people:
          - name: Sani Abacha
            roles: [[NGA, MIL, military_chief, 1990-01-01, 1993-11-16]]
        organisations:
          - {name: Nusra Front, country: SYR, agent: UAF}
    """), encoding="utf-8")
    r = ActorResolver(load_files([p], phoenix=True))
    # the user's roles replace Phoenix's for this person (before 1993-11-17: MIL)
    assert r.resolve_phrase("Sani Abacha", "1991-05-01")["code"] == "NGAMIL"
    assert r.resolve_phrase("Sani Abacha", "1996-05-01")["code"] == "NGAELI"
    assert r.resolve_phrase("the Nusra Front", "2013-01-01")["code"] == "SYRUAF"


def test_a_bad_phoenix_line_names_file_and_line(tmp_path):
    from eventwire.actors.dictionary import ActorData
    f = tmp_path / "phx.tsv"
    f.write_text("kind\tid\tname\taliases\tshort\tcode\troles\tsource\n"
                 "person\tperson:ann-zed\tAnn Zed\t\t\t\tZZZGOV:2001-02-30:\tx\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_phoenix(ActorData(), f, tmp_path / "none.tsv")
    assert f"{f}:2:" in str(err.value)


@pytest.mark.parametrize("code, want", [
    ("USAGOVLEG", "USAGOV"), ("USR", "RUS"), ("DDRMIL", "DEUMIL"), ("MNCUSA", "USABUS"),
    ("NGOUSAENV", "USANGO"), ("IGOUNOKID", "IGOUNOKID"), ("NGOHRI", "NGOHRI"),
    ("WEUREB", "WEUREB"), ("KNTGOV", None),
])
def test_phoenix_codes_follow_project_conventions(code, want):
    assert norm_code(code, {"USA", "RUS", "DEU"}) == want


def test_phoenix_person_forms_lose_titles_and_one_word_forms_become_short():
    titles = {("president",), ("us",), ("senator",)}

    def is_prefix(key):
        return max((len(t) for t in titles if key[:len(t)] == t), default=0)

    full, short = split_person_forms(
        ["Ravel Montoir", "Us President Ravel Montoir", "Mr. Montoir", "Montoir Administration",
         "Senator Montoir"], is_prefix, {"administration"})
    assert full == ["Ravel Montoir"] and short == ["Montoir"]


# -- people by evidence --------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Mr. Columbus said the talks would resume.",        # a surname, not the US city
    "Dr. Kandahar told reporters the clinic was full.",  # not the Afghan province
])
def test_an_honorific_is_followed_by_a_person_never_a_place(r, text):
    assert all(m["kind"] not in ("place", "country") for m in r.resolve_text(text, "2015-03-02")), \
        codes(r, text, "2015-03-02")


def test_a_surname_after_the_full_name_is_that_person(r):
    text = "Nicaraguan President Daniel Ortega arrived on Monday. Mr. Ortega said the vote was fair."
    ms = r.resolve_text(text, "2012-05-01")
    assert [m["actor_id"] for m in ms] == ["person:daniel-ortega"] * 2


def test_a_bare_surname_without_evidence_stays_unresolved(r):
    # many people in the dictionary share this surname; nothing in the text says which
    assert all(m["actor_id"] is None for m in r.resolve_text("Khan said no.", "2010-01-01"))


def test_a_surname_with_a_fitting_title_is_resolved(r):
    m = r.resolve_phrase("President Karzai", "2010-06-01")
    assert (m["actor_id"], m["code"]) == ("person:hamid-karzai", "AFGGOV")


@pytest.mark.parametrize("text, code, span", [
    # unknown people coded from their title and its country
    ("Peru's foreign minister Lidia Quispe said the border would reopen.", "PERGOV",
     "Peru's foreign minister Lidia Quispe"),
    ("Foreign Minister Lidia Quispe of Peru said the border would reopen.", "PERGOV",
     "Foreign Minister Lidia Quispe of Peru"),
    ("Secretary of State Orlan Fessbury said the deal was off.", "USAGOV",
     "Secretary of State Orlan Fessbury"),
    ("Chilean President Marta Ovalle vetoed the bill.", "CHLGOV", "Chilean President Marta Ovalle"),
    ("A Kenyan army spokesman denied the report.", "KENMIL", "Kenyan army spokesman"),
])
def test_unknown_people_are_coded_from_title_and_country(r, text, code, span):
    ms = r.resolve_text(text, "2016-04-04")
    hit = [m for m in ms if m["text"] == span]
    assert hit and hit[0]["code"] == code, codes(r, text, "2016-04-04")
    # never the office holder of that date: the name is someone else
    assert not (hit[0].get("actor_id") or "").startswith("person:")


def test_the_text_country_vetoes_a_namesake(r):
    # a real Afghan name given a Peruvian title: the text wins, not the dictionary person
    ms = r.resolve_text("Peruvian Foreign Minister Gulbuddin Hekmatyar spoke.", "2010-01-01")
    assert ms[0]["code"] == "PERGOV" and ms[0]["actor_id"] is None
    assert ms[0]["candidates"] == ["person:gulbuddin-hekmatyar"]


def test_match_person_api(r):
    assert match_person(r, "Hamid Karzai", None).evidence == "full-name"
    assert match_person(r, "Karzai", None).actor_id is None
    m = match_person(r, "Karzai", None, chain=["person:hamid-karzai"])
    assert (m.actor_id, m.evidence) == ("person:hamid-karzai", "surname+chain")
    m = match_person(r, "Hekmatyar", None, agent="GOV", country="AFG")
    assert (m.actor_id, m.evidence) == ("person:gulbuddin-hekmatyar", "surname+title")
    assert match_person(r, "Hekmatyar", None, agent="GOV", country="PER").actor_id is None


@pytest.mark.parametrize("text, date, bad", [
    ("Committee Chairman Jason Coltrey said.", "2016-01-01", "person:jason-yuan"),   # first name + surname
    ("Mayor Bill de Vrenne spoke.", "2016-01-01", "person:micha-ondo-bill"),        # "Bill" is a first name
    ("The Kissinger Commission reported.", "1985-01-01", "person:henry-kissinger"),  # named after him
    ("Also named was John Addo Kufuor, a businessman.", "2016-01-01", "person:addo-kufuor"),
    ("David Johnson spoke.", "2017-01-01", "person:david-johnston"),  # a real surname: not a typo
])
def test_no_wrong_person_inside_longer_names(r, text, date, bad):
    assert bad not in [m.get("actor_id") for m in r.resolve_text(text, date)]


@pytest.mark.parametrize("text", [
    "Foreign affairs spokesman George Pettigrew spoke.",   # George, South Africa
    "The health spokeswoman Victoria Okonjo spoke.",        # Victoria, Canada or Seychelles
    "The panel's former chairman George B. Ferris spoke.",  # with a middle initial
])
def test_a_given_name_that_is_a_city_gives_no_country(r, text):
    # one name with the surname after it, known to the dictionary or not
    assert all(m.get("country") is None for m in r.resolve_text(text, "1990-01-01"))


@pytest.mark.parametrize("text, codes", [
    # "X-based": where it works from; with an agent noun after it, that agent's country
    ("A London-based rights group criticised Kenya.", ["GBRHRI", "KEN"]),
    ("The Nairobi-based campaign welcomed the ruling.", []),
])
def test_based_in_a_place_is_no_actor_of_its_own(r, text, codes):
    assert [m.get("code") for m in r.resolve_text(text, "2016-01-01")] == codes


# -- Phoenix on by default (issue 14 item 2): precedence, date bounds, evidence ----------------
def test_phoenix_is_on_by_default(monkeypatch):
    monkeypatch.delenv("EVENTWIRE_PHOENIX", raising=False)
    from eventwire.config import Settings
    assert Settings().phoenix is True
    assert get_resolver().resolve_phrase("Sani Abacha", "1995-01-10")["code"] == "NGAGOV"
    monkeypatch.setenv("EVENTWIRE_PHOENIX", "0")
    assert Settings().phoenix is False
    assert get_resolver().resolve_phrase("Sani Abacha", "1995-01-10") is None


@pytest.mark.parametrize("text, date, code, actor_id", [
    # Phoenix knows Ashraf Ghani as a minister of 2002-04; the package's newer office
    # (president from 2014) wins, by name and by title
    ("Ashraf Ghani opened the session.", "2016-06-01", "AFGGOV", "person:ashraf-ghani"),
    ("The Afghan president opened the session.", "2016-06-01", "AFGGOV", "person:ashraf-ghani"),
])
def test_our_newer_office_holder_beats_phoenix(r, text, date, code, actor_id):
    m = r.resolve_text(text, date)[0]
    assert (m["code"], m["actor_id"]) == (code, actor_id)
    assert r.actors[actor_id].layer == 1


@pytest.mark.parametrize("date, code", [
    # Rangin Dadfar Spanta: in Afghan governments from 2006; Phoenix leaves his last role
    # open, the build closes it on Phoenix's horizon: in 2020 news he is a former official
    ("2008-06-01", "AFGGOV"), ("2012-06-01", "AFGGOV"), ("2020-06-01", "AFGELI"),
])
def test_phoenix_roles_end_on_its_horizon(r, date, code):
    m = r.resolve_phrase("Rangin Dadfar Spanta", date)
    assert (m["actor_id"], m["code"]) == ("person:rangin-dadfar-spanta", code)


def test_no_phoenix_role_is_left_open_before_its_horizon(r):
    from eventwire.actors.phoenix import HORIZON
    open_ = [(a.actor_id, ro) for a in r.actors.values() if a.layer == 0 for ro in a.roles
             if ro.end is None and (ro.start is None or ro.start <= HORIZON)]
    assert not open_, open_[:5]


def test_before_the_first_phoenix_role_the_text_decides(r):
    # Phoenix has Kenzo Oshima only as a Japanese official from 2005: in 1999 the
    # dictionary says nothing of him, so no country is guessed
    m = r.resolve_phrase("Kenzo Oshima", "1999-06-01")
    assert m["actor_id"] == "person:kenzo-oshima" and m["code"] is None


@pytest.mark.parametrize("text, code, actor_id", [
    # a surname alone is no one; the full name earlier, or a fitting title, is evidence
    ("Mr. Spanta spoke to reporters.", None, None),
    ("Rangin Dadfar Spanta arrived on Monday. Mr. Spanta spoke to reporters.", "AFGGOV",
     "person:rangin-dadfar-spanta"),
    ("Afghan Foreign Minister Spanta spoke to reporters.", "AFGGOV", "person:rangin-dadfar-spanta"),
    # the same surname with another country's title is someone else, coded by the title
    ("Pakistani Foreign Minister Spanta spoke to reporters.", "PAKGOV", None),
    # a famous surname with another first name is not the famous person
    ("Helen Spanta spoke to reporters.", None, None),
])
def test_phoenix_people_need_evidence(r, text, code, actor_id):
    ms = [m for m in r.resolve_text(text, "2008-06-01") if "Spanta" in m["text"]]
    if code is None:
        assert all(m["actor_id"] is None and m["code"] is None for m in ms), ms
    else:
        assert (ms[-1]["code"], ms[-1]["actor_id"]) == (code, actor_id)


@pytest.mark.parametrize("text, date, absent", [
    # a Phoenix organisation inside a longer proper name is something else
    ("The Nusra Front Memorial School reopened on Sunday.", "2013-06-01", "SYRREB"),
    # machines are not actors, nor words whose everyday sense names no sector
    ("The tanker docked in the port on Sunday.", "2013-06-01", "BUS"),
    ("The writer said the book was finished.", "2013-06-01", "MED"),
    ("The company's representatives signed the lease.", "2013-06-01", "LEG"),
    # a town name shared by several countries does not name one of them
    ("Greenville officials met on Sunday.", "2013-06-01", "USA"),
])
def test_phoenix_filters(r, text, date, absent):
    assert all(not (m["code"] or "").endswith(absent) and not (m["code"] or "").startswith(absent)
               for m in r.resolve_text(text, date)), codes(r, text, date)


@pytest.mark.parametrize("text, absent, present", [
    ("Ghana held multi-party elections in 1992.", "PTY", "GHA"),
    ("Anti-government protesters marched to the square.", "GOV", "CVL"),
    ("A pro-government militia shelled the village.", "GOV", "UAF"),
])
def test_an_agent_noun_in_a_hyphenated_adjective_is_no_actor(r, text, absent, present):
    got = [m["code"] or "" for m in r.resolve_text(text, "2017-01-01")]
    assert not any(c.endswith(absent) for c in got) and any(present in c for c in got), got


@pytest.mark.parametrize("text, date, code, actor_id", [
    # an honorific between title and name is not part of the name: the person is found
    ("Prime Minister Sir Julius Chan met the envoy.", "1995-05-01", "PNGGOV", "person:julius-chan"),
    ("President Sir Seretse Khama met the envoy.", "1970-05-01", "BWAGOV", "person:seretse-khama"),
])
def test_title_honorific_name(r, text, date, code, actor_id):
    m = r.resolve_text(text, date)[0]
    assert (m["code"], m["actor_id"]) == (code, actor_id), codes(r, text, date)


def test_the_texts_country_stays_for_a_person_known_only_in_international_posts(r):
    # Phoenix knows Boutros Boutros-Ghali only as UN Secretary-General (1992-96): an
    # event dated in 1985 that the text's title made EGYGOV stays EGYGOV
    a = r.actors["person:boutros-boutros-ghali"]
    assert a.country is None       # a UN post names no country
    src = {"text": "Egyptian minister Boutros Boutros-Ghali", "actor_id": a.actor_id,
           "code": "EGYGOV", "country": "EGY", "agent": "GOV", "kind": "person"}
    assert r.recode_for_date(src, "1985-03-01")["code"] == "EGYGOV"
    # without a country from the text, the date decides as before
    assert r.recode_for_date({**src, "country": None, "code": None}, "1994-03-01")["code"] == "IGOUNO"
