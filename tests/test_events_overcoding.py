"""False records found by the audits of unseen articles (docs/audit-s10-precision.md, and
session 11's, docs/release-0.2.md part J) that the sense lists of test_events_senses cannot
state: a phrasal verb of another sense as a pattern's complement verb, the content of a
denial, texts released, meetings called, denied wrongs, regret with no one named. Our own
sentences; each with a near miss that is still coded.
"""
import pytest

from test_events_helpers import code


def _coded_or_not(pipeline, sentence, cameo, coded):
    events = code(pipeline, sentence)
    assert any(e["cameo"] == cameo for e in events) is coded, [(e["cameo"], e["pattern"]) for e in events]


@pytest.mark.parametrize("sentence,aid", [
    # giving up a claim promises nothing to anyone
    ("Tokyo has vowed never to give up its claim to the islands.", False),
    ("Japan vowed to give aid to Nepal.", True),
])
def test_give_up_is_no_promise_of_aid(pipeline, sentence, aid):
    _coded_or_not(pipeline, sentence, "033", aid)


@pytest.mark.parametrize("sentence,negated", [
    ("The Kenyan army denied any weapons had been sent to Somalia.", True),
    ("The Kenyan army denied that weapons had been sent to Somalia.", True),
    ("The Kenyan army did not deny that weapons had been sent to Somalia.", False),
    ("The Kenyan army said weapons had been sent to Somalia.", False),
])
def test_content_of_a_denial_is_negated(pipeline, sentence, negated):
    aid = [e for e in code(pipeline, sentence) if e["cameo_root"] == "07"]
    assert aid and all(e["negated"] is negated for e in aid), [(e["cameo"], e["negated"]) for e in aid]


def test_act_before_a_denial_is_not_negated(pipeline):
    # the parser may hang the earlier act on "denied"; the writer tells it as done
    sentence = ("The Kenyan president had refused to accept the resignation while the minister "
                "stayed in Uganda, and accused Kampala of holding him, a charge Ugandan officials denied.")
    refusals = [e for e in code(pipeline, sentence) if e["cameo_root"] == "12"]
    assert refusals and not any(e["negated"] for e in refusals)


@pytest.mark.parametrize("sentence,released", [
    # releasing a text or a recording publishes it: nobody is freed
    ("The Kenyan opposition released a television ad attacking Uganda.", False),
    ("China released a report on human rights in the United States.", False),
    ("Iran released the transcript of its talks with France.", False),
    ("Kenya released two Ugandan fishermen on Monday.", True),
])
def test_releasing_a_text_frees_no_one(pipeline, sentence, released):
    _coded_or_not(pipeline, sentence, "0841", released)


@pytest.mark.parametrize("sentence,demand", [
    # a modal before its subject opens a condition: it lays no duty on anyone
    ("Should Uganda reopen the border, trade could recover, the Kenyan minister said.", False),
    ("The Kenyan minister said Uganda should reopen the border.", True),
])
def test_an_inverted_should_is_no_demand(pipeline, sentence, demand):
    _coded_or_not(pipeline, sentence, "100", demand)


@pytest.mark.parametrize("sentence,denial", [
    # denying someone a thing withholds it: no denial of a charge (016)
    ("The Kenyan government denied food aid to Somali refugees.", False),
    ("Uganda denied visas to the Kenyan delegation.", False),
    ("Uganda denied the Kenyan accusations on Monday.", True),
])
def test_withholding_is_no_denial(pipeline, sentence, denial):
    _coded_or_not(pipeline, sentence, "016", denial)


@pytest.mark.parametrize("sentence,cameo,coded", [
    # "called a meeting of the cabinet" convenes one: no appeal, no phone call
    ("The Kenyan president called an emergency meeting of his cabinet on Sunday.", "026", False),
    ("The Kenyan president called an emergency meeting of his cabinet on Sunday.", "041", False),
    ("Kenya called for talks with Uganda on Monday.", "026", True),
    ("The Kenyan president called the Ugandan president on Monday.", "041", True),
])
def test_calling_a_meeting_convenes_it(pipeline, sentence, cameo, coded):
    _coded_or_not(pipeline, sentence, cameo, coded)


@pytest.mark.parametrize("sentence,criticism", [
    # "there had been no illegal sales" denies what "illegal" would judge
    ('"There have been no illegal arms sales to Uganda," a Kenyan spokesman said.', False),
    ("Uganda's foreign minister said the Kenyan arms sales were illegal.", True),
])
def test_a_denied_wrong_is_no_criticism(pipeline, sentence, criticism):
    _coded_or_not(pipeline, sentence, "111", criticism)


@pytest.mark.parametrize("sentence,disapproval", [
    # regret with no one named is sorrow (or, for one's own past, an apology)
    ('"I deeply regret what happened at the border," the Kenyan minister said.', False),
    ("Kenya regretted Uganda's decision to close the border.", True),
])
def test_regret_disapproves_only_of_someone(pipeline, sentence, disapproval):
    _coded_or_not(pipeline, sentence, "110", disapproval)


@pytest.mark.parametrize("sentence,torture", [
    # abusing an office or a power is misconduct: nobody is tortured
    ("The Kenyan senate accused the Kenyan president of abusing his office.", False),
    ("Kenyan police abused Somali detainees in Nairobi.", True),
])
def test_abusing_an_office_tortures_no_one(pipeline, sentence, torture):
    _coded_or_not(pipeline, sentence, "1822", torture)
