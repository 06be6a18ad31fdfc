"""Heads of state and government of the countries the Phoenix layer leaves after 2014
(offices_more.yaml), and the Chief Executives of Hong Kong and Macau as a government
office. Our own sentences about real people and offices; each case: text, the date it
is read at, what it must resolve to.
"""
from __future__ import annotations

import pytest

from eventwire.actors.resolver import get_resolver
from test_events_helpers import code, got


@pytest.fixture(scope="module")
def resolver():
    return get_resolver()


# a person by name is coded by the office held on the day: in office GOV, after it (or
# between terms) ELI
PEOPLE = [
    # the Phoenix layer had his first term; naming him here keeps it
    ("Keith Mitchell", "2005-03-01", "GRDGOV"),      # first term, 1995-2008
    ("Keith Mitchell", "2010-03-01", "GRDELI"),      # opposition, between his terms
    ("Keith Mitchell", "2019-08-01", "GRDGOV"),      # second term, 2013-2022
    ("Keith Mitchell", "2024-01-10", "GRDELI"),
    ("Dickon Mitchell", "2024-01-10", "GRDGOV"),
    ("Carrie Lam", "2019-08-01", "HKGGOV"),
    ("Carrie Lam", "2023-05-01", "HKGELI"),
    ("John Lee", "2023-05-01", "HKGGOV"),
    ("Leung Chun-ying", "2014-10-01", "HKGGOV"),
    ("Ho Iat Seng", "2021-06-01", "MACGOV"),
    ("Fernando Chui", "2015-06-01", "MACGOV"),
    ("Mia Mottley", "2021-06-01", "BRBGOV"),
    ("Andrew Holness", "2020-09-01", "JAMGOV"),
    ("Ralph Gonsalves", "2018-02-01", "VCTGOV"),
    ("Dean Barrow", "2016-05-01", "BLZGOV"),
    ("Bernardo Arevalo", "2024-06-01", "GTMGOV"),
    ("Juan Orlando Hernandez", "2018-06-01", "HNDGOV"),
    ("Mokgweetsi Masisi", "2020-06-01", "BWAGOV"),
    ("Hakainde Hichilema", "2022-06-01", "ZMBGOV"),
    ("Edgar Lungu", "2023-06-01", "ZMBELI"),
    ("Adama Barrow", "2019-06-01", "GMBGOV"),
    ("Milo Djukanovic", "2019-06-01", "MNEGOV"),
    ("Robert Abela", "2021-06-01", "MLTGOV"),
    ("Nicos Anastasiades", "2016-06-01", "CYPGOV"),
    ("Hun Manet", "2024-06-01", "KHMGOV"),
    ("James Marape", "2020-06-01", "PNGGOV"),
    ("Xanana Gusmao", "2024-06-01", "TLSGOV"),
    ("Alain Berset", "2020-06-01", "CHEGOV"),        # a Federal Councillor in other years
    ("Ralph Gonsalves", "2026-02-01", "VCTELI"),     # lost the November 2025 election
    ("Godwin Friday", "2026-02-01", "VCTGOV"),
    ("Patrick Herminie", "2026-02-01", "SYCGOV"),
]


@pytest.mark.parametrize("text,date,code", PEOPLE)
def test_office_holders_code_by_date(resolver, text, date, code):
    assert resolver.resolve_phrase(text, date)["code"] == code


# an office by title and country is its holder on the day
DATED = [
    ("the Grenadian prime minister", "2019-05-01", "person:keith-mitchell"),
    ("the Grenadian prime minister", "2010-05-01", "person:tillman-thomas"),
    ("the Jamaican prime minister", "2009-05-01", "person:bruce-golding"),
    ("the Hong Kong leader", "2019-08-01", "person:carrie-lam"),
    ("the Hong Kong leader", "2010-08-01", "person:donald-tsang"),
    ("Macau's leader", "2025-03-01", "person:sam-hou-fai"),
    ("the Malawian president", "2022-01-10", "person:lazarus-chakwera"),
    ("the Icelandic prime minister", "2019-01-10", "person:katrin-jakobsdottir"),
    ("the Panamanian president", "2016-01-10", "person:juan-carlos-varela"),
    ("the Swiss president", "2019-06-01", "person:ueli-maurer"),
    ("the Honduran president", "2026-03-01", "person:nasry-asfura"),
]


@pytest.mark.parametrize("text,date,actor_id", DATED)
def test_titles_resolve_to_the_holder_on_the_date(resolver, text, date, actor_id):
    assert resolver.resolve_phrase(text, date)["actor_id"] == actor_id


# "Chief Executive" of Hong Kong and Macau is a government office, not a company title;
# a company's chief executive stays business
@pytest.mark.parametrize("text,date,code,actor_id", [
    ("Hong Kong Chief Executive Carrie Lam", "2019-08-01", "HKGGOV", "person:carrie-lam"),
    ("Hong Kong's chief executive, John Lee,", "2023-02-01", "HKGGOV", "person:john-lee"),
    ("Macau Chief Executive Ho Iat Seng", "2021-06-01", "MACGOV", "person:ho-iat-seng"),
    ("Acme chief executive Ben Zed", "2019-08-01", "BUS", None),
])
def test_chief_executive_of_hong_kong_and_macau(resolver, text, date, code, actor_id):
    codes = [(m["code"], m["actor_id"]) for m in resolver.resolve_text(text, date)]
    assert (code, actor_id) in codes, codes


# whole sentences: the event's source is the office holder's government on the day
SENTENCES = [
    ("Hong Kong Chief Executive Carrie Lam accused the protesters of violence on Monday.",
     "2019-08-01", "HKGGOV"),
    ("Keith Mitchell criticised the Venezuelan government on Tuesday.", "2019-08-01", "GRDGOV"),
    ("Hakainde Hichilema met the Chinese ambassador in Lusaka on Monday.",
     "2022-06-01", "ZMBGOV"),
    ("Mia Mottley accused the British government of ignoring the Caribbean on Monday.",
     "2021-06-01", "BRBGOV"),
]


@pytest.mark.parametrize("text,published,source", SENTENCES)
def test_office_holders_act_for_their_government(pipeline, text, published, source):
    events = code(pipeline, text, published)
    assert any((e["source"] or {}).get("code") == source for e in events), got(events)
