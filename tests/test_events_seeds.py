"""The seed articles (read by path, published 2017-11-22): the events a reader sees."""
import pytest

from eventwire.records import Document

PUBLISHED = "2017-11-22"


@pytest.fixture(scope="module")
def seed_events(seed_paths, pipeline):
    from eventwire.pipeline import code_documents
    docs = [Document.from_text(p.read_text(encoding="utf-8"), path=str(p), published=PUBLISHED)
            for p in seed_paths]
    return [e for coded in code_documents(docs, nlp=pipeline) for e in coded.events]


def _code(actor):
    return (actor or {}).get("code") or ""


def find(events, *, source, target, root, text=None, negated=False):
    return [e for e in events
            if _code(e["source"]).startswith(source) and _code(e["target"]).startswith(target)
            and e["cameo_root"] == root and e["negated"] == negated
            and (text is None or text in e["sentence"])]


def test_envoy_visit_beijing_sends_song_tao_to_north_korea(seed_events):
    visits = find(seed_events, source="CHN", target="PRK", root="04") + \
        find(seed_events, source="CHN", target="PRK", root="03")
    # "will send" is announced, not yet done: the visit on its day when the text dates it
    # within days, else the intent to meet (events/plans.py)
    sent = [e for e in visits if e["verb"]["lemma"] in ("send", "dispatch")]
    assert any(e["cameo"] in ("042", "036") for e in sent)
    assert any(e["modality"] == "intended" for e in sent if e["verb"]["lemma"] == "send")


def test_song_tao_meets_choe_ryong_hae(seed_events):
    meetings = find(seed_events, source="CHN", target="PRK", root="04", text="Choe Ryong")
    assert any(e["cameo"] == "040" and "Choe" in e["target"]["text"] for e in meetings)


def test_us_treasury_sanctions(seed_events):
    sanctions = find(seed_events, source="USA", target="PRK", root="16", text="Treasury")
    assert [e["cameo"] for e in sanctions] == ["163"]


def test_halt_of_beijing_pyongyang_flights(seed_events):
    halts = find(seed_events, source="CHN", target="PRK", root="16", text="ceased flights")
    assert halts and halts[0]["verb"]["lemma"] == "cease"


def test_freeze_for_freeze_statements(seed_events):
    # Trump's account of what he and Xi agreed is coded as that agreement (both ways),
    # with Trump as its attribution; saying it is no statement event of its own.
    events = [e for e in seed_events if "freeze" in e["sentence"]]
    agreed = [e for e in events if e["cameo"] == "030"]
    assert {(_code(e["source"])[:3], _code(e["target"])[:3]) for e in agreed} == \
        {("USA", "CHN"), ("CHN", "USA")}
    assert all(e["attribution"]["actor_id"] == "person:donald-trump" for e in agreed)
    # what they agreed: not to accept the deal, an announced rejection by both
    assert {_code(e["source"])[:3] for e in events if e["cameo"] == "120"} == {"USA", "CHN"}
    # the spokesman's next-day judgement of the plan endorses it
    assert [e for e in events if e["cameo"] == "051" and _code(e["source"]).startswith("CHN")]
    assert not [e for e in events if e["cameo_root"] == "01"]


@pytest.mark.parametrize("cue", ["never met", "without meeting"])
def test_meetings_that_did_not_happen_are_only_negated(seed_events, cue):
    meetings = [e for e in seed_events if e["cameo_root"] == "04" and cue in e["sentence"]]
    assert meetings and all(e["negated"] for e in meetings)


def test_caption_gives_no_event(seed_events):
    assert not [e for e in seed_events if "second from the left" in e["sentence"]]
