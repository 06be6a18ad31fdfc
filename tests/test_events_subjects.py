"""Who acts: subjects the parser hangs in odd places (events/grammar.subjects). Our own
sentences; each case: sentence | SOURCE TARGET CODE (codes as prefixes, "-" for none)."""
import pytest

from test_events_helpers import code, parse_case

CASES = [
    # an emphatic auxiliary cut off from its verb by commas carries the subject
    "The Kenyan envoy said Uganda did, in fact, expel two Kenyan diplomats. | UGA KEN 166",
    "The report said Chile had, by then, recalled its ambassador from Peru. | CHL PER 161",
]


@pytest.mark.parametrize("case", CASES)
def test_subject_hung_on_the_auxiliary(pipeline, case):
    sentence, exp = parse_case(case)
    events = code(pipeline, sentence)
    assert any(exp.matches(e) for e in events), \
        [((e["source"] or {}).get("code"), (e["target"] or {}).get("code"), e["cameo"]) for e in events]
