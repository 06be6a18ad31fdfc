"""Announced refusals are events (issue 4): "will not accept" is a rejection (CAMEO 12x),
while the act itself stays negated; a past negation ("did not attend") adds nothing."""
from __future__ import annotations

import pytest

from test_events_helpers import code


@pytest.mark.parametrize("sentence, source, target, refusal", [
    ("Iran said it would not release the British sailors.", "IRN", "GBR", "1243"),
    ("Hungary will not accept any refugees from Serbia.", "HUN", None, "122"),
    ("Ecuador will not sign the trade agreement with Peru.", "ECU", "PER", "127"),
])
def test_announced_refusal_is_a_rejection(pipeline, sentence, source, target, refusal):
    events = code(pipeline, sentence)
    refusals = [e for e in events if e["pattern"].startswith("refusal:")]
    assert refusals, [(e["cameo"], e["pattern"], e["negated"]) for e in events]
    r = refusals[0]
    assert r["cameo"] == refusal and r["cameo_root"] == "12" and r["quad_class"] == 3
    assert not r["negated"]
    assert r["source"]["code"].startswith(source)
    if target:
        assert (r["target"] or {}).get("code", "").startswith(target)
    # the act itself is still there, negated and intended, with the same verb
    act = [e for e in events if e["pattern"] == r["pattern"][len("refusal:"):]]
    assert act and act[0]["negated"] and act[0]["modality"] == "intended"
    assert act[0]["verb"] == r["verb"]


@pytest.mark.parametrize("sentence", [
    "Japan did not attend the summit in Seoul.",          # a past negation
    "Iran released the British sailors on Monday.",       # no negation
    "Iran refused to release the British sailors.",       # the refusal verb codes it already
])
def test_no_refusal_added(pipeline, sentence):
    events = code(pipeline, sentence)
    assert not [e for e in events if e["pattern"].startswith("refusal:")], \
        [(e["cameo"], e["pattern"]) for e in events]
