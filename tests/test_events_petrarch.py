"""PETRARCH/TABARI dictionaries load as user dictionaries (actors, agents, verbs)."""
import pytest

from eventwire.events.component import code_doc
from eventwire.events.patterns import Pattern, load_patterns
from eventwire.events.petrarch import (DictionaryActorTagger, load_actor_dictionary,
                                       load_agent_dictionary, load_verb_patterns, to_actor_yaml)
from eventwire.nlp import make_doc

ACTORS = """<!-- test actors -->
FREEDONIA [FRD]
+FREEDONIAN
SYLVANIA [SYL]
+SYLVANIAN  # comment
RUFUS_FIREFLY
\t[FRDGOV 19330101 - 19331231]
\t[FRDELI > 19340101]
"""
AGENTS = """!PERSON! = MAN, MEN
POLICE {} [~COP]
FOREIGN_MINISTER [~GOVFRM]
"""
VERBS = """&TIETYPES
+MILITARY
+ECONOMIC

--- SNUB  [125]  ---
SNUB
- * &TIETYPES TIES [161]

--- LAMBASTE [111:110] ---
LAMBASTE
"""


@pytest.fixture()
def dicts(tmp_path):
    for name, text in (("a.actors.txt", ACTORS), ("a.agents.txt", AGENTS), ("a.verbs.txt", VERBS)):
        (tmp_path / name).write_text(text)
    return tmp_path


def test_actor_dictionary_with_synonyms_and_dated_codes(dicts):
    actors = {a.name: a for a in load_actor_dictionary(dicts / "a.actors.txt")}
    assert actors["freedonia"].code == "FRD" and "freedonian" in actors["freedonia"].synonyms
    firefly = actors["rufus firefly"]
    assert firefly.code == "FRDELI"                      # the open-ended code
    assert firefly.code_on(19330601) == "FRDGOV"          # the code in force that day
    assert {e["code"] for e in to_actor_yaml(list(actors.values()))} == {"FRD", "SYL", "FRDELI"}


def test_agent_dictionary(dicts):
    agents = {a.name: a.code for a in load_agent_dictionary(dicts / "a.agents.txt")}
    assert agents["police"] == "COP" and agents["foreign minister"] == "GOVFRM"


def test_verb_dictionary_becomes_patterns(dicts):
    pats = load_verb_patterns(dicts / "a.verbs.txt", Pattern)
    by_code = {p.cameo: p for p in pats}
    assert by_code["125"].verbs == ("snub",)
    # a synset (&TIETYPES) is expanded: one pattern per member
    assert {p.after for p in pats if p.cameo == "161"} == {("military", "ties"), ("economic", "ties")}
    assert by_code["111"].paired == "110"                 # "A lambastes B" -> B 110 A


@pytest.mark.parametrize("sentence,expected", [
    ("Freedonia snubbed Sylvania on Monday.", {("FRD", "SYL", "125")}),
    ("Freedonia snubbed military ties with Sylvania.", {("FRD", "SYL", "161")}),
    ("Freedonian police lambasted Sylvania.", {("FRDCOP", "SYL", "111"), ("SYL", "FRDCOP", "110")}),
])
def test_sentences_coded_with_the_user_dictionaries(dicts, bare_nlp, sentence, expected):
    tagger = DictionaryActorTagger(load_actor_dictionary(dicts / "a.actors.txt"),
                                   load_agent_dictionary(dicts / "a.agents.txt"))
    pset = load_patterns([str(dicts / "a.verbs.txt")], builtin=False)
    doc = tagger(bare_nlp(make_doc(bare_nlp, sentence)))
    got = {(e["source"]["code"], e["target"]["code"], e["cameo"]) for e in code_doc(doc, pset)}
    assert got == expected
