"""Actor-code conventions (issue 14; docs/actors.md, "Code conventions").

* International organisations are IGO/NGO + the organisation's own three letters
  (code_conventions.yaml maps the Phoenix layer's longer CAMEO codes).
* People who protest or campaign without an organisation are civilians (CVL); the
  political opposition is OPP; human-rights groups are HRI.
* "Security forces" police as COP and fight as MIL (agents.yaml combat_agents).
* "Party" as a side of a dispute is no political party.
* An organisation's dated roles code it in their period (the ANC's armed struggle).

Sentences are our own."""
from __future__ import annotations

import pytest

from eventwire.actors.dictionary import DATA_DIR, ActorData, load_files
from eventwire.actors.phoenix import (conventional, load_bare_ngo_blocks, load_conventions,
                                     load_phoenix)
from eventwire.actors.resolver import get_resolver
from eventwire.errors import DataFileError

from test_events_helpers import code


@pytest.fixture(scope="module")
def r():
    return get_resolver()


def codes(r, text, date="2019-06-01"):
    return {m["text"]: m["code"] for m in r.resolve_text(text, date)}


@pytest.mark.parametrize("phrase, want", [
    ("the World Bank", "IGOWBK"),
    ("the IMF", "IGOIMF"),
    ("the European Union", "IGOEEC"),
    ("the European Community", "IGOEEC"),
    ("the ICRC", "NGOIRC"),
    ("Amnesty International", "NGOAMN"),
    ("Human Rights Watch", "NGOHRW"),
    ("the Southern African Development Community", "IGOSAD"),
    ("the UN Security Council", "IGOUNO"),
])
def test_international_organisations_have_their_own_code(r, phrase, want):
    assert r.resolve_phrase(phrase)["code"] == want


def test_package_files_write_the_conventional_codes():
    """No code of the package's own files is one the conventions rewrite."""
    table, bare = load_conventions(), load_bare_ngo_blocks()
    data = load_files(phoenix=False)
    used = {a.code for a in data.actors.values() if a.code} | {
        ro.country + (ro.agent or "") for a in data.actors.values() for ro in a.roles}
    assert not [c for c in used if conventional(c, table, bare) != c]


@pytest.mark.parametrize("code, want", [
    ("NGOHLHIRC", "NGOIRC"),     # the table
    ("NGOHRI", "NGO"),           # sector only: no organisation of its own
    ("NGOAFRDEV", "NGO"),
    ("NGOXFM", "NGOXFM"),        # an organisation's own block stays
    ("IGOUNO", "IGOUNO"),
])
def test_conventional_codes(code, want):
    assert conventional(code, load_conventions(), load_bare_ngo_blocks()) == want


def test_phoenix_codes_are_mapped_on_load(tmp_path):
    f = tmp_path / "phx.tsv"
    f.write_text("kind\tid\tname\taliases\tshort\tcode\troles\tsource\n"
                 "org\torg:zed-relief\tZed Relief Committee\t\t\tNGOHLHIRC\t\tx\n"
                 "person\tperson:ann-zed\tAnn Zed\t\t\t\tIGOUNODEVWBK:2001-02-01:\tx\n",
                 encoding="utf-8")
    data = ActorData()
    load_phoenix(data, f, tmp_path / "none.tsv")
    assert data.actors["org:zed-relief"].code == "NGOIRC"
    role = data.actors["person:ann-zed"].roles[0]
    assert (role.country, role.agent) == ("IGO", "WBK")


def test_a_bad_convention_names_file_and_line(tmp_path):
    f = tmp_path / "conv.yaml"
    f.write_text("phoenix:\n  IGOBUSWBK: igo\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_conventions(f)
    assert str(f) in str(err.value)


def test_the_shipped_convention_table_loads():
    assert (DATA_DIR / "code_conventions.yaml").exists()
    assert load_conventions()["NGOHLHIRC"] == "NGOIRC"


@pytest.mark.parametrize("sentence, phrase, want", [
    ("Thousands of protesters marched through the capital.", "protesters", "CVL"),
    ("Kenyan activists handed in a petition.", "Kenyan activists", "KENCVL"),
    ("Demonstrators gathered outside the embassy.", "Demonstrators", "CVL"),
    ("Opposition activists were detained overnight.", "Opposition activists", "OPP"),
    ("The opposition leader called for new elections.", "opposition leader", "OPP"),
    ("A local human rights group documented the abuses.", "human rights group", "HRI"),
    ("Police fired tear gas at schoolchildren.", "schoolchildren", "CVL"),
])
def test_protesters_and_activists_without_an_organisation_are_civilians(r, sentence, phrase, want):
    got = codes(r, sentence)
    assert any(phrase in t and c == want for t, c in got.items()), got


@pytest.mark.parametrize("sentence", [
    "Beijing urged all parties concerned to show restraint.",
    "The warring parties agreed to a ceasefire.",
    "The parties to the accord will meet again in March.",
    "Mediators asked the parties involved to return to the table.",
])
def test_a_side_of_a_dispute_is_no_political_party(r, sentence):
    assert not any(c and c.endswith("PTY") for c in codes(r, sentence).values()), codes(r, sentence)


@pytest.mark.parametrize("sentence, phrase", [
    ("Kenya's largest party lost its majority.", "Kenya's largest party"),
])
def test_political_parties_stay_parties(r, sentence, phrase):
    got = codes(r, sentence)
    assert any(phrase in t and c.endswith("PTY") for t, c in got.items()), got


@pytest.mark.parametrize("sentence, phrase, want", [
    # a party in power is the government it forms, as for the named parties with dated
    # roles (docs/actors.md; Phoenix's agents: "governing party" GOV)
    ("The ruling party chose a new leader.", "ruling party", "GOV"),
    ("The governing party rejected the bill.", "governing party", "GOV"),
    ("The main opposition party boycotted the vote.", "opposition party", "OPP"),
])
def test_parties_by_where_they_stand(r, sentence, phrase, want):
    got = codes(r, sentence)
    assert any(phrase in t and c == want for t, c in got.items()), got


@pytest.mark.parametrize("sentence, source, target", [
    # fighting: the armed forces' side of "security forces"
    ("Rebels battled Malian security forces near the border on Sunday.", "MLIREB", "MLIMIL"),
    ("Nigerian security forces fought the insurgents for hours.", "NGAMIL", None),
])
def test_security_forces_in_battle_are_military(pipeline, sentence, source, target):
    evs = [e for e in code(pipeline, sentence) if e["cameo_root"] in ("19", "20") and not e["negated"]]
    assert evs, code(pipeline, sentence)
    e = evs[0]
    if source:
        assert (e["source"] or {}).get("code") == source, evs
    if target:
        assert (e["target"] or {}).get("code") == target, evs


def test_security_forces_policing_are_police(pipeline):
    evs = [e for e in code(pipeline, "Ugandan security forces arrested two journalists on Monday.")
           if e["cameo_root"] == "17"]
    assert evs and evs[0]["source"]["code"] == "UGACOP", evs


@pytest.mark.parametrize("date, want", [
    ("1986-05-01", "ZAFREB"),    # banned, waging armed struggle (1961-1990)
    ("1955-05-01", "ZAFPTY"),
    ("1992-05-01", "ZAFPTY"),    # unbanned, before the 1994 election
])
def test_an_organisation_is_coded_by_its_role_on_the_day(r, date, want):
    assert r.resolve_phrase("the African National Congress", date)["code"] == want


@pytest.mark.parametrize("phrase, date, want", [
    # a party is coded by its place on the day: in government GOV, in opposition OPP
    ("the Conservative Party", "2019-11-20", "GBRGOV"),
    ("the Conservative Party", "2003-06-01", "GBROPP"),
    ("the Labour Party", "2019-11-20", "GBROPP"),
    ("the Labour Party", "2003-06-01", "GBRGOV"),
    ("the All Progressives Congress", "2018-03-01", "NGAGOV"),
    ("the PDP", "2010-03-01", "NGAGOV"),
    ("the SPD", "2011-03-01", "DEUOPP"),
    ("the African National Congress", "2015-01-01", "ZAFGOV"),
    ("the United Russia party", "2015-01-01", "RUSPTY"),   # no periods listed: PTY
])
def test_a_party_is_coded_by_its_place_on_the_day(r, phrase, date, want):
    assert r.resolve_phrase(phrase, date)["code"] == want


@pytest.mark.parametrize("sentence, date, want", [
    ("Labour Party leader Ann Smitherson rejected the budget.", "2012-02-01", "GBROPP"),
    ("Huawei chief executive Ben Zedwick met the minister.", "2019-02-01", "CHNBUS"),
])
def test_a_titled_person_of_an_organisation_takes_its_code(r, sentence, date, want):
    ms = [m for m in r.resolve_text(sentence, date) if m.get("kind") == "person"]
    assert ms and ms[0]["code"] == want, r.resolve_text(sentence, date)


@pytest.mark.parametrize("phrase, want", [
    ("Israeli settlers", "ISRSET"),
    ("a settler", "SET"),
])
def test_settlers(r, phrase, want):
    assert r.resolve_phrase(phrase, "2016-01-01")["code"] == want


@pytest.mark.parametrize("sentence, want", [
    ("A spokesman for Amnesty International condemned the verdict.", "NGOAMN"),
    ("A lawyer for the World Bank declined to comment.", "IGOWBK"),
    ("An official of the Kenyan interior ministry confirmed the arrests.", "KENGOV"),
    ("A spokeswoman at the State Department denied the report.", "USAGOV"),
])
def test_a_spokesperson_or_agent_is_whom_they_act_for(r, sentence, want):
    ms = r.resolve_text(sentence, "2019-05-05")
    assert ms[0]["code"] == want and ms[0]["resolved_by"] == "representative", ms


def test_a_lawyer_alone_stays_judicial(r):
    assert codes(r, "The lawyer has practised for twenty years.") == {"lawyer": "JUD"}


@pytest.mark.parametrize("sentence", [
    "President of the Senate Ben Zedwick opened the session.",
    "Senate President Ben Zedwick opened the session.",
    "House Speaker Ann Zedwick opened the session.",
])
def test_presiding_officers_of_a_legislature_are_legislators(r, sentence):
    ms = r.resolve_text(sentence, "2018-05-05")
    assert ms and ms[0]["code"] == "LEG", ms


def test_places_weigh_half_in_the_home_country():
    """The country a document is about is the one whose actors act: a country named
    only as where things happen ("villages in Somalia") weighs half."""
    from eventwire.actors.coref import home_country
    ken = [{"country": "KEN", "agent": "GOV", "kind": "agent"},
           {"country": "KEN", "agent": None, "kind": "person"},
           {"country": "KEN", "agent": "CVL", "kind": "agent"}]
    som = [{"country": "SOM", "agent": None, "kind": "country"}] * 3
    assert home_country(ken + som) == "KEN"
    assert home_country(ken + [dict(m, country="SOM") for m in ken]) is None


@pytest.mark.parametrize("phrase, want", [
    ("striking Chilean miners", "CHLLAB"),         # workers are labour, as in CAMEO
    ("Polish factory workers", "POLLAB"),
    ("aid workers", "NGO"),                        # a longer noun keeps its own sector
    ("US Border Patrol agents", "USACOP"),
    ("a Kenyan pastor", "KENREL"),
    ("neo-Nazi groups", "RAD"),
    ("Austrian right-wingers", "AUTRAD"),
    ("Honduran immigrants", "HNDREF"),
    ("the BVI government", "VGBGOV"),
])
def test_sectors_of_everyday_agent_nouns(r, phrase, want):
    assert r.resolve_phrase(phrase, "2019-05-05")["code"] == want


@pytest.mark.parametrize("sentence, want", [
    ("Police Commissioner Ben Zedwick ordered the arrests.", "COP"),
    ("The Inspector-General of Police, Ann Zedwick, ordered an inquiry.", "COP"),
    ("The chief of police resigned.", "COP"),
    ("The chief justice swore in the new cabinet.", "JUD"),
    ("The district attorney filed charges.", "JUD"),
])
def test_a_title_gives_the_sector(r, sentence, want):
    ms = r.resolve_text(sentence, "2018-05-05")
    assert ms and ms[0]["code"] == want, ms


@pytest.mark.parametrize("sentence, want", [
    ("Forty villagers, many of them children, were killed.", ["CVL"]),
    ("Police detained twenty protesters, most of whom were students.", ["COP", "CVL"]),
    ("Forty villagers and many children were killed.", ["CVL", "CVL"]),   # two groups
])
def test_some_of_them_is_the_same_group(r, sentence, want):
    assert [m["code"] for m in r.resolve_text(sentence, "2018-05-05")] == want


@pytest.mark.parametrize("sentence, want", [
    ("The island was suspended from the Commonwealth after the coup.", {"Commonwealth": "IGOCWN"}),
    ("The Commonwealth of Virginia sued the state's largest utility.", {"Commonwealth of Virginia": "USAGOV"}),
    ("She won gold at the Commonwealth Games.", {}),
])
def test_the_commonwealth(r, sentence, want):
    assert codes(r, sentence, "1990-01-01") == want


@pytest.mark.parametrize("phrase, date, want", [
    # historical states are coded as their successors, as the Phoenix layer maps them
    ("East German officials", "1987-01-01", "DEUGOV"),
    ("Czechoslovak officials", "1987-01-01", "CZEGOV"),
    ("the Yugoslav army", "1991-01-01", "SRBMIL"),
    # the FSLN: insurgents, government, opposition, government again
    ("the Sandinistas", "1978-01-01", "NICREB"),
    ("the Sandinistas", "1987-01-01", "NICGOV"),
    ("the Sandinistas", "2000-01-01", "NICOPP"),
    ("Afghan mujahideen", "1987-01-01", "AFGREB"),
    ("Polisario guerrillas", "1987-01-01", "ESHREB"),
])
def test_cold_war_era_actors(r, phrase, date, want):
    assert r.resolve_phrase(phrase, date)["code"] == want


@pytest.mark.parametrize("sentence, phrase, want", [
    # a legislature's committee is the legislature, whatever it oversees
    ("The Senate Intelligence Committee questioned the spy chief.",
     "Senate Intelligence Committee", "LEG"),
    ("The Senate Foreign Relations Committee backed the treaty.",
     "Senate Foreign Relations Committee", "LEG"),
    ("The House Judiciary Committee wrote to the attorney general.",
     "Judiciary Committee", "LEG"),
    ("The House Armed Services Committee held a hearing.",
     "House Armed Services Committee", "USALEG"),
    ("A parliamentary intelligence committee met in private.",
     "intelligence", "LEG"),
    # no chamber: the body it names keeps its own sector
    ("Army intelligence officers arrested two men.", "Army intelligence officers", "MIL"),
    ("The White House Intelligence Council met.", None, None),
])
def test_a_legislature_committee_is_the_legislature(r, sentence, phrase, want):
    got = codes(r, sentence, "2019-06-01")
    if phrase is None:
        assert "LEG" not in "".join(got.values())
    else:
        assert got[phrase].endswith(want), got
