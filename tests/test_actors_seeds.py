"""Actor resolution on the seed articles (read by path, dated 2017-11-22).

Every mention of the people the articles are about, in the spellings of our dictionaries,
resolves to one actor each. (Misspellings in the seeds are not dictionary entries: an
alias must be true in the world, not true to a test text.)
"""
from __future__ import annotations

import re

import pytest

from conftest import SEED_PUBLISHED

# spelling pattern in the text -> the one actor every match must resolve to
PEOPLE = [
    (r"\bKim Jong[ -][Uu]n\b", "person:kim-jong-un"),
    (r"\bKim\b(?![ -]J)", "person:kim-jong-un"),                 # the surname alone
    (r"\bXi\b", "person:xi-jinping"),
    (r"\bSong\b(?![-‐]thaek)", "person:song-tao"),         # not Jang Song-thaek
    (r"宋涛", "person:song-tao"),
    (r"\bTrump\b", "person:donald-trump"),
    (r"\bMoon\b", "person:moon-jae-in"),
    (r"\bPark Geun-hye\b", "person:park-geun-hye"),
    (r"\bChoe Ryong[ -][Hh]ae\b", "person:choe-ryong-hae"),
    (r"\bGeng Shuang\b", "person:geng-shuang"),
]


@pytest.fixture(scope="module")
def actors_nlp(bare_nlp):
    import spacy
    from eventwire.nlp import register_components
    from eventwire.config import Settings
    register_components()
    nlp = spacy.load(Settings().model)
    nlp.add_pipe("eventwire_actors")
    return nlp


@pytest.fixture(scope="module")
def seed_docs(actors_nlp, seed_paths):
    from eventwire.nlp import make_doc
    docs = []
    for p in seed_paths:
        doc = make_doc(actors_nlp, p.read_text(encoding="utf-8"), published=SEED_PUBLISHED)
        docs.append(actors_nlp(doc))
    return docs


def covering(doc, start, end):
    return [m for m in doc._.actors if m["span"][0] <= start and end <= m["span"][1]]


@pytest.mark.parametrize("pattern,actor_id", PEOPLE)
def test_every_mention_resolves_to_one_actor(seed_docs, pattern, actor_id):
    found = 0
    for doc in seed_docs:
        for mt in re.finditer(pattern, doc.text):
            ms = covering(doc, *mt.span())
            assert ms, f"unresolved {mt.group()!r} at {mt.start()}"
            assert {m["actor_id"] for m in ms} == {actor_id}, (mt.group(), ms)
            found += 1
    assert found, f"{pattern} not in the seeds"


def test_mentions_are_sorted_json_ready_and_token_aligned(seed_docs):
    import json
    for doc in seed_docs:
        spans = [m["span"] for m in doc._.actors]
        assert spans == sorted(spans)
        json.dumps(doc._.actors)
        for m in doc._.actors:
            a, b = m["token_span"]
            assert doc[a:b].start_char <= m["span"][0] and m["span"][1] <= doc[a:b].end_char
            assert doc.text[m["span"][0]:m["span"][1]] == m["text"]


def test_span_extension_gives_the_actor(seed_docs):
    doc = seed_docs[0]
    m = next(m for m in doc._.actors if m["actor_id"] == "person:xi-jinping")
    span = doc[m["token_span"][0]:m["token_span"][1]]
    assert span._.actor["actor_id"] == "person:xi-jinping"


def test_publication_date_codes_roles(seed_docs):
    """Park Geun-hye was removed in March 2017: in a November 2017 article she is a former
    official (ELI); Moon Jae-in is the sitting president (GOV)."""
    codes = {m["actor_id"]: m["code"] for doc in seed_docs for m in doc._.actors if m["actor_id"]}
    assert codes["person:park-geun-hye"] == "KORELI"
    assert codes["person:moon-jae-in"] == "KORGOV"


def resolve(nlp, text, published="2017-11-22"):
    from eventwire.nlp import make_doc
    return nlp(make_doc(nlp, text, published=published))._.actors


@pytest.mark.parametrize("text,pronoun,actor_id", [
    ("Song Tao arrived in Pyongyang on Friday. He met senior officials.", "He",
     "person:song-tao"),
    ("Park Geun-hye visited Beijing in 2013. She met Xi Jinping there.", "She",
     "person:park-geun-hye"),
])
def test_subject_pronouns_follow_the_last_person_subject(actors_nlp, text, pronoun, actor_id):
    ms = [m for m in resolve(actors_nlp, text) if m["text"] == pronoun]
    assert ms and ms[0]["actor_id"] == actor_id and ms[0]["resolved_by"] == "pronoun"


def test_pronoun_with_the_wrong_gender_stays_unresolved(actors_nlp):
    ms = resolve(actors_nlp, "Song Tao arrived in Pyongyang on Friday. She met officials.")
    assert not [m for m in ms if m["text"] == "She"]


def test_short_form_shared_by_two_people_lists_candidates(actors_nlp):
    ms = resolve(actors_nlp, "Kim Jong-un met Kim Yo-jong. Later Kim spoke to reporters.")
    kim = [m for m in ms if m["text"] == "Kim"][0]
    assert kim["actor_id"] == "person:kim-yo-jong"          # the nearest preceding
    assert set(kim["candidates"]) == {"person:kim-yo-jong", "person:kim-jong-un"}
