"""PETRARCH/TABARI dictionaries work as user dictionaries (--actors FILE.txt)."""
from __future__ import annotations

import textwrap

import pytest

from conftest import EVAL
from eventwire.actors.dictionary import load_files
from eventwire.actors.resolver import ActorResolver
from eventwire.errors import DataFileError

ACTORS = """
<!-- a made-up dictionary in PETRARCH format -->
QUENDIA [QND]
+QUENDIAN
VELMAR_ [VLM]           # exact word only
ORAMIR  # no default code
+ORAMIR_THE_BOLD
\t[QND < 990101]
\t[QNDGOV 19990101 - 20051231]
\t[QNDELI > 20051231]
NORTHMARK [NMKREBXYZ]
"""
AGENTS = """
!PERSON! = MAN, MEN, WOMAN, WOMEN
RIVER!PERSON! [~BUS]
HARBOUR_MASTER {HARBOUR_MASTERS} [~GOVHBR]
"""


@pytest.fixture(scope="module")
def resolver(tmp_path_factory):
    d = tmp_path_factory.mktemp("petr")
    (d / "actors.txt").write_text(textwrap.dedent(ACTORS), encoding="utf-8")
    (d / "agents.txt").write_text(textwrap.dedent(AGENTS), encoding="utf-8")
    return ActorResolver(load_files([d / "actors.txt", d / "agents.txt"]))


@pytest.mark.parametrize("text,date,code", [
    ("Quendia", "2010-01-01", "QND"),
    ("Quendian", "2010-01-01", "QND"),              # synonym
    ("Quendians", "2010-01-01", "QND"),             # stem: no trailing underscore
    ("Velmar", "2010-01-01", "VLM"),
    ("Oramir the Bold", "1995-06-01", "QND"),       # dated codes
    ("Oramir", "2003-06-01", "QNDGOV"),
    ("Oramir", "2010-06-01", "QNDELI"),
    ("Northmark", "2010-01-01", "NMKREBXYZ"),       # full PETRARCH code kept
    ("Quendian rivermen", "2010-01-01", "QNDBUS"),  # !PERSON! substitution + plural
    ("the Velmar harbour masters", "2010-01-01", "VLMGOV"),
])
def test_petrarch_dictionary_codes(resolver, text, date, code):
    assert resolver.resolve_phrase(text, date)["code"] == code


def test_exact_word_entries_are_not_stems(resolver):
    assert resolver.resolve_phrase("Velmarians", "2010-01-01") is None


def test_bad_petrarch_date_names_the_line(tmp_path):
    p = tmp_path / "bad.txt"
    p.write_text("GOOD [GDX]\nBAD [BDX]\n\t[BDXGOV 19991399-20000101]\n", encoding="utf-8")
    with pytest.raises(DataFileError) as err:
        load_files([p])
    assert err.value.line == 3 and "bad.txt:3" in str(err.value)


def test_the_validation_suite_dictionaries_load():
    files = [EVAL / "petrarch2" / n for n in ("PETR.Validate.actors.txt", "PETR.Validate.agents.txt")]
    if not all(f.exists() for f in files):
        pytest.skip("PETRARCH validation dictionaries not found")
    r = ActorResolver(load_files(files))
    assert r.resolve_phrase("Arnor", "2000-01-01")["code"] == "ARN"
