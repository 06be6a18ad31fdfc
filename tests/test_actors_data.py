"""The actor dictionary as data: validated on load, extensible by users."""
from __future__ import annotations

import textwrap

import pytest

from eventwire.actors.dictionary import ActorData, load_file, load_files
from eventwire.actors.resolver import ActorResolver, get_resolver
from eventwire.errors import DataFileError


def write(tmp_path, name, text):
    p = tmp_path / name
    p.write_text(textwrap.dedent(text).lstrip(), encoding="utf-8")
    return p


BAD = [
    ("bad date", """
        people:
          - name: Ann Example
            roles:
              - [USA, GOV, minister, 2020-13-45, ~]
        """, 4, "bad date"),
    ("bad country code", """
        people:
          - name: Ann Example
          - name: Bob Example
            roles: [[usa, GOV, minister, 2020, ~]]
        """, 4, "country code"),
    ("role ends before it starts", """
        offices:
          USA:
            president:
              - [Ann Example, 2020-01-01, 2010-01-01]
        """, 4, "ends"),
    ("unknown office", """
        offices:
          USA:
            emperor:
              - [Ann Example, 2020, ~]
        """, 4, "unknown office"),
    ("organisation without a code", """
        organisations:
          - {name: Good Org, country: USA, agent: GOV}
          - {name: Bad Org}
        """, 3, "give country"),
    ("unknown key", """
        people:
          - name: Ann Example
            nickname: Annie
        """, 2, "unknown keys"),
    ("unknown section", """
        peoples: []
        """, 1, "unknown section"),
    ("YAML syntax", """
        people:
          - name: [unclosed
        """, 3, "YAML"),
]


@pytest.mark.parametrize("what,text,line,reason", BAD, ids=[b[0] for b in BAD])
def test_bad_entry_names_file_and_line(tmp_path, what, text, line, reason):
    p = write(tmp_path, "mine.yaml", text)
    with pytest.raises(DataFileError) as err:
        load_files([p])
    assert err.value.path == str(p) and err.value.line == line
    assert reason in str(err.value) and f"mine.yaml:{line}:" in str(err.value)


def test_bad_csv_row_names_its_line(tmp_path):
    p = write(tmp_path, "mine.csv", """
        kind,name,aliases,country,agent,office,from,to
        person,Ann Example,,USA,GOV,minister,2020,
        robot,R2-D2,,,,,,
        """)
    with pytest.raises(DataFileError) as err:
        load_files([p])
    assert err.value.line == 3 and "kind" in err.value.reason


def test_package_files_load_and_validate():
    data = load_files()
    assert data.files and all(f.endswith((".yaml", ".tsv")) for f in data.files)


def test_user_yaml_file_adds_people_and_organisations(tmp_path):
    p = write(tmp_path, "local.yaml", """
        people:
          - name: Zorba Quellington
            aliases: [Z. Quellington]
            roles: [[GRC, GOV, minister, 2016-01-01, 2019-12-31]]
        organisations:
          - {name: Aegean Ferry Union, country: GRC, agent: LAB}
        """)
    r = get_resolver([p])
    ms = r.resolve_text("Z. Quellington met the Aegean Ferry Union.", "2018-05-01")
    assert [(m["actor_id"], m["code"]) for m in ms] == [
        ("person:zorba-quellington", "GRCGOV"), ("org:aegean-ferry-union", "GRCLAB")]
    assert r.resolve_phrase("Zorba Quellington", "2021-01-01")["code"] == "GRCELI"
    # the package dictionary is still there, and the default resolver is untouched
    assert r.resolve_phrase("Xi Jinping")["actor_id"] == "person:xi-jinping"
    assert get_resolver().resolve_phrase("Zorba Quellington") is None


def test_user_csv_file(tmp_path):
    p = write(tmp_path, "local.csv", """
        kind,name,aliases,country,agent,office,from,to
        person,Mira Testova,Testova,BGR,MIL,military_chief,2019,
        org,Sofia Dockworkers,,BGR,LAB,,,
        """)
    r = ActorResolver(load_files([p]))
    assert r.resolve_phrase("Mira Testova", "2020-01-01")["code"] == "BGRMIL"
    assert r.resolve_phrase("Sofia Dockworkers")["code"] == "BGRLAB"


def test_component_takes_extra_files(tmp_path):
    import spacy
    from eventwire.nlp import make_doc, register_components
    register_components()
    p = write(tmp_path, "local.yaml", """
        people:
          - name: Zorba Quellington
            roles: [[GRC, GOV, minister, 2016, ~]]
        """)
    nlp = spacy.blank("en")
    nlp.add_pipe("eventwire_actors", config={"extra_files": [str(p)]})
    doc = nlp(make_doc(nlp, "Zorba Quellington spoke.", published="2018-01-01"))
    assert doc._.actors[0]["code"] == "GRCGOV"
    assert doc._.actors[0]["token_span"] == [0, 2]


def test_component_and_resolver_pickle_for_worker_processes():
    import pickle
    import spacy
    from eventwire.nlp import register_components
    register_components()
    nlp = spacy.blank("en")
    comp = pickle.loads(pickle.dumps(nlp.add_pipe("eventwire_actors")))
    assert comp.resolver is get_resolver()
    r = pickle.loads(pickle.dumps(get_resolver()))
    assert r.resolve_phrase("Kim Jong-un", "2017-01-01")["code"] == "PRKGOV"
