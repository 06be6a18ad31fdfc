"""The CAMEO/PLOVER codebooks and the pattern files are data, validated on load."""
import shutil

import pytest

from eventwire.errors import DataFileError
from eventwire.events.codebook import DATA, get_codebook, load_codebook
from eventwire.events.patterns import PATTERN_DIR, get_patterns, load_patterns


@pytest.mark.parametrize("code,name_part,goldstein,quad", [
    ("010", "statement", 0.0, 1),
    ("042", "visit", 1.9, 1),
    ("057", "agreement", 8.0, 1),
    ("0841", "release", 7.0, 2),
    ("112", "Accuse", -2.0, 3),
    ("125", "meet", -5.0, 3),
    ("163", "embargo", -8.0, 4),
    ("190", "conventional military force", -10.0, 4),
    ("2042", "nuclear", -10.0, 4),
])
def test_cameo_lookup(code, name_part, goldstein, quad):
    info = get_codebook().cameo(code)
    assert name_part.lower() in info["name"].lower()
    assert (info["goldstein"], info["quad_class"], info["root"]) == (goldstein, quad, code[:2])


def test_every_root_has_its_quad_class():
    cb = get_codebook()
    expected = {**{f"{r:02d}": 1 for r in range(1, 6)}, **{f"{r:02d}": 2 for r in range(6, 9)},
                **{f"{r:02d}": 3 for r in range(9, 15)}, **{f"{r:02d}": 4 for r in range(15, 21)}}
    assert cb.quad == expected
    assert len(cb.codes) > 300


@pytest.mark.parametrize("cameo,event_type,mode", [
    ("042", "CONSULT", "visit"),
    ("043", "CONSULT", "visit"),
    ("057", "SUPPORT", None),
    ("0841", "RETREAT", "release"),
    ("163", "COERCE", "restrict"),
    ("173", "COERCE", "arrest"),
    ("190", "ASSAULT", None),
    ("020", "REQUEST", None),
    ("1056", "REQUEST", "yield"),
    ("010", None, None),       # statements have no PLOVER type
])
def test_plover_mapping(cameo, event_type, mode):
    pl = get_codebook().plover_for(cameo)
    assert (pl["event_type"], pl["mode"]) == (event_type, mode)


def test_every_cameo_code_outside_01_maps_to_plover():
    cb = get_codebook()
    missing = [c for c in cb.codes if len(c) > 2 and not c.startswith("01")
               and cb.plover_for(c)["event_type"] is None]
    assert missing == []


def _copy_data(tmp_path):
    for sub in ("cameo", "plover"):
        shutil.copytree(DATA / sub, tmp_path / sub)
    return tmp_path


@pytest.mark.parametrize("path,line,bad,reason", [
    ("cameo/event_codes.csv", 3, "019,Express accord,abc\n", "not a number"),
    ("cameo/event_codes.csv", 3, "999,Nonsense,1.0\n", "bad CAMEO code"),
    ("cameo/event_codes.csv", 3, "019,Express accord,3.4,extra\n", "columns"),
    ("plover/cameo_to_plover.csv", 2, "042,VISITING,,\n", "unknown PLOVER event type"),
    ("plover/cameo_to_plover.csv", 2, "042,CONSULT,teleport,\n", "not a mode"),
    ("plover/cameo_to_plover.csv", 2, "042,CONSULT,visit,astrology\n", "unknown PLOVER context"),
])
def test_bad_codebook_line_names_file_and_line(tmp_path, path, line, bad, reason):
    data = _copy_data(tmp_path)
    lines = (data / path).read_text().splitlines(keepends=True)
    lines.insert(line - 1, bad)
    (data / path).write_text("".join(lines))
    with pytest.raises(DataFileError) as err:
        load_codebook(data)
    assert err.value.line == line and path.split("/")[-1] in err.value.path
    assert reason in err.value.reason


def test_patterns_cover_every_root_and_load_once():
    pset = get_patterns()
    assert {p.cameo[:2] for p in pset.patterns} == {f"{r:02d}" for r in range(1, 21)}
    assert get_patterns() is pset


@pytest.mark.parametrize("entry,reason", [
    ("  - id: x.bad\n    cameo: \"999\"\n    verbs: [meet]\n", "not a CAMEO code"),
    ("  - id: x.bad\n    cameo: \"040\"\n", "either verbs or nouns"),
    ("  - id: x.bad\n    cameo: \"040\"\n    verbs: [meet]\n    target: [elsewhere]\n", "bad target slot"),
    ("  - id: x.bad\n    cameo: \"040\"\n    verbs: [meet]\n    colour: red\n", "unknown key"),
    ("  - id: 04.meet\n    cameo: \"040\"\n    verbs: [meet]\n", "duplicate pattern id"),
])
def test_bad_user_pattern_names_file_and_line(tmp_path, entry, reason):
    f = tmp_path / "mine.yaml"
    f.write_text("# my patterns\npatterns:\n" + entry)
    with pytest.raises(DataFileError) as err:
        load_patterns([str(f)])
    assert err.value.path.endswith("mine.yaml") and err.value.line == 3
    assert reason in err.value.reason


def test_user_pattern_file_adds_a_verb(tmp_path, pipeline):
    from eventwire.events.component import code_doc
    from eventwire.nlp import make_doc
    f = tmp_path / "extra.yaml"
    f.write_text("patterns:\n  - id: my.snub\n    cameo: \"125\"\n    verbs: [stonewall]\n"
                 "    target: [dobj]\n")
    pset = load_patterns([str(f)])
    doc = pipeline(make_doc(pipeline, "Russia stonewalled Japan."))
    assert [(e["pattern"], e["cameo"]) for e in code_doc(doc, pset)] == [("my.snub", "125")]


def test_one_pattern_set_per_process_however_asked():
    # a second load is seconds per worker process: the default set is one object
    assert get_patterns() is get_patterns(()) is get_patterns((), True) is get_patterns([], builtin=1)
    assert get_patterns((), False) is not get_patterns()


def test_pattern_files_live_in_the_package():
    assert PATTERN_DIR.is_dir() and len(list(PATTERN_DIR.glob("[0-9]*.yaml"))) == 20
