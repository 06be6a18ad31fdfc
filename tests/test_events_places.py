"""A place is the target only of acts done to it (issue 14: places read as addressees).

With no recipient named, the place where a material act happened stands for its target
("imposed a curfew in Bangkok", "attacks in Malian towns"), as the CAMEO manual codes it,
and a visit's destination is its host ("arrived in Japan"). Words are not spoken to the
city they were spoken in: a statement, demand, criticism or promise made "in Geneva", "at
a rally in Ohio" or "at a news conference in Tokyo" has no addressee there.
"""
from __future__ import annotations

import pytest

from test_events_helpers import code, got


@pytest.mark.parametrize("sentence, place", [
    ("The Peruvian foreign minister told reporters in Geneva that the talks would resume.", "CHE"),
    ("The Egyptian president said in Berlin that his country wanted more investment.", "DEU"),
    ("The Kenyan envoy demanded an apology at a meeting in Brussels.", "BEL"),
    ("Speaking at a rally in Ohio, the Mexican president criticised the new tariffs.", "USA"),
    ("The Indonesian foreign minister rejected the proposal at a news conference in Tokyo.", "JPN"),
    ("The Chilean president promised more aid at a summit in Madrid.", "ESP"),
    # a place inside a place phrase is still where
    ("The Kenyan envoy told reporters in the White House briefing room that talks had stalled.", "USA"),
])
def test_where_words_were_spoken_is_no_addressee(pipeline, sentence, place):
    events = [e for e in code(pipeline, sentence) if not e["negated"]]
    assert not any((e["target"] or {}).get("country") == place for e in events), got(events)


@pytest.mark.parametrize("sentence, source, target, root", [
    # a material act done in a place is done to it
    ("The army imposed a curfew in Bangkok.", "THA", "THA", "17"),
    ("Rebels carried out attacks in several Malian towns.", "MLI", "MLI", "19"),
    # a visit's destination is its host
    ("The French president arrived in Japan on Sunday.", "FRA", "JPNGOV", "04"),
    # asylum is asked of the country it is sought in
    ("The Syrian dissident sought asylum in Germany last year.", "SYR", "DEU", "02"),
])
def test_the_place_of_a_material_act_or_a_visit_stays_its_target(pipeline, sentence, source,
                                                                  target, root):
    events = [e for e in code(pipeline, sentence) if not e["negated"] and e["cameo_root"] == root]
    assert any((e["source"] or {}).get("code", "").startswith(source)
               and ((e["target"] or {}).get("code") or "").startswith(target) for e in events), got(events)
