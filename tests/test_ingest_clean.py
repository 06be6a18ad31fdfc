"""Boilerplate removal and text normalisation (eventwire.ingest.clean)."""
from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from eventwire.errors import DataFileError
from eventwire.ingest.clean import (BOILERPLATE_FILE, clean_text, default_rules, explain,
                                    fix_mojibake, load_rules)

BODY = ("North Korea's foreign ministry said on Tuesday that it would not negotiate over "
        "its nuclear weapons while joint military drills continued.")
BODY2 = "South Korea's unification ministry called the statement regrettable."


def with_body(*lines: str) -> str:
    return "\n\n".join([BODY, *lines, BODY2])


# (boilerplate paragraph, rule expected to drop it)
DROPPED = [
    ("Delegates arrive in Hanoi on Monday Source: Yonhap News", "caption-source-credit"),
    ("Kim Jong Un inspects a missile launch Photo: Reuters", "caption-source-credit"),
    ("Related Stories 'NOT OVER YET' Rebel leader mocks army claims WAR GAMES Who are the "
     "rebels and what do they want? SECRET DEAL Minister 'plotted to free prisoners'",
     "related-teasers-inline"),
    ("JUST WATCHED Kenyan troops cross into Somalia Replay More Videos ... MUST WATCH Kenyan "
     "troops cross into Somalia 02:15", "video-player-teaser"),
    ("Soldiers patrol the border village (AP Photo/Lee Jin-man)", "caption-wire-photo"),
    ("File photo: Chinese and North Korean flags in Dandong", "caption-file-photo"),
    ("The Thai envoy (second from left) meets the Lao foreign minister (right)", "caption-position"),
    ("You are commenting using your Mastodon account. Log Out / Change )", "comment-as-account"),
    ("Connecting to %s", "comment-connecting"),
    ("Fill in your details below to join the discussion:", "comment-fill-details"),
    ("Twitter picture", "comment-avatar"),
    ("Notify me of new comments via email.", "comment-form-fields"),
    ("Sign up for our newsletter", "newsletter-prompt"),
    ("Get our daily Asia briefing in your inbox", "newsletter-inbox"),
    ("Subscribe", "subscribe-button"),
    ("Share this:", "share-this"),
    ("Facebook | Twitter | WhatsApp | Email", "share-buttons"),
    ("Click to share on Twitter (Opens in new window)", "share-click-to"),
    ("Follow us on Twitter for the latest updates", "follow-us"),
    ("Read more: Timeline of North Korea's missile tests", "read-more-link"),
    ("We use cookies to improve your experience on our site.", "cookie-notice"),
    ("© 2017 Example Times. All rights reserved.", "copyright"),
    ("Advertisement", "advertisement"),
    ("For more information on Venezuela check out our country profile", "more-information-promo"),
]


@pytest.mark.parametrize("line,rule", DROPPED, ids=[r for _, r in DROPPED])
def test_boilerplate_paragraph_is_dropped_by_its_rule(line, rule):
    assert clean_text(with_body(line)) == BODY + "\n\n" + BODY2
    assert explain(with_body(line)) == [(rule, line)]


# Article prose that looks a bit like boilerplate must stay.
KEPT = [
    "Subscribers to the state newspaper were told the talks had failed.",
    "The photo, published by the Rodong Sinmun, showed Kim at a missile site.",
    "Officials said the source of the leak was unknown.",
    "He said the leak came from a source: a senior official who was later dismissed, "
    "according to two people familiar with the case.",
    "Sign-ups for the volunteer programme rose after the speech, officials said.",
    "Related talks between the two Koreas were held in 2015.",
    "China and Russia share this view, the ministry said.",
    "Join the talks, Moon urged Kim in a briefing on Monday.",
    "Get out, the protesters shouted at the embassy in a video shared on social media.",
    "MUST WATCH: the world must watch what Kenya does next, the senator said.",
    "Related stories have appeared in the Kenyan press since the summit in Nairobi.",
]


@pytest.mark.parametrize("line", KEPT)
def test_prose_that_resembles_boilerplate_is_kept(line):
    assert line in clean_text(with_body(line)).split("\n\n")


def test_comment_form_drops_everything_after_it():
    text = with_body() + ("\n\nLeave a Reply\n\nFill in your details below to join the "
                          "discussion:\n\nSome commenter wrote this about the article.\n\n"
                          "Connecting to %s")
    assert clean_text(text) == BODY + "\n\n" + BODY2


def test_leave_a_reply_without_a_form_drops_only_that_line():
    text = BODY + "\n\nLeave a Reply\n\n" + BODY2
    assert clean_text(text) == BODY + "\n\n" + BODY2


def test_related_block_in_the_second_half_ends_the_article():
    text = with_body() + "\n\nRelated articles\n\nSeoul weighs new sanctions\n\nTrump ends Asia tour"
    assert clean_text(text) == BODY + "\n\n" + BODY2


def test_related_heading_early_in_the_text_is_not_a_cut():
    text = "Related\n\n" + "\n\n".join([BODY, BODY2, BODY, BODY2])
    assert clean_text(text).endswith(BODY2)
    assert clean_text(text).count(BODY) == 2


def test_seed_000_loses_its_comment_form_tail_but_keeps_its_last_paragraph(seeds_dir):
    seed = next(seeds_dir.glob("000_*.txt"))
    raw = seed.read_text(encoding="utf-8")
    cleaned = clean_text(raw)
    assert "Leave a Reply" in raw
    for tail in ("Leave a Reply", "Fill in your details", "You are commenting using",
                 "Log Out", "Connecting to %s", "Source: Yonhap News"):
        assert tail not in cleaned
    last_paragraph = raw.split("Leave a Reply")[0].strip().split("\n\n")[-1].strip()
    assert cleaned.split("\n\n")[-1] == last_paragraph
    assert clean_text(cleaned) == cleaned


def test_every_seed_article_cleans_idempotently_without_furniture(seed_paths):
    for path in seed_paths:
        cleaned = clean_text(path.read_text(encoding="utf-8"))
        assert cleaned and clean_text(cleaned) == cleaned
        for furniture in ("Leave a Reply", "(second from the left)", "check out the"):
            assert furniture not in cleaned, (path.name, furniture)


def test_whitespace_and_unicode_are_normalised():
    raw = "Kim\u00a0Jong\u00a0Un  met\tenvoys.\r\n\r\n\r\nCafe\u0301 talks\u200b ended.\n\n* * *\n"
    assert clean_text(raw) == "Kim Jong Un met envoys.\n\nCafé talks ended."


def test_mojibake_is_repaired_only_when_clear():
    assert fix_mojibake("China\u00e2\u20ac\u2122s envoy \u00e2\u20ac\u0153left\u00e2\u20ac\u009d") == \
        "China\u2019s envoy \u201cleft\u201d"
    assert fix_mojibake("Ã©tat") == "état"
    assert fix_mojibake("ÐŸÑƒÑ‚Ð¸Ð½") == "Путин"
    assert fix_mojibake("1,000Â\u00a0km") == "1,000\u00a0km"
    for fine in ("São Paulo and Zürich", "NÃO", "â la carte", "JOSÉ’S ÉTÉ»", "ÖZİL“"):
        assert fix_mojibake(fine) == fine


def test_paragraph_breaks_are_kept():
    assert clean_text("First paragraph.\n\nSecond paragraph.") == "First paragraph.\n\nSecond paragraph."


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(
    st.sampled_from([BODY, BODY2, "Leave a Reply", "Connecting to %s", "Related articles",
                     "Subscribe", "Photo: Reuters", "Share this:", "", " ", "\u00a0", "-",
                     "short line", "a hard wrapped line that does not end in a full stop and",
                     "Kim Jong Un (left) and Moon Jae-in (right)"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)), max_size=12),
    st.sampled_from(["\n", "\n\n", "\r\n", "\n \n"]))
def test_clean_text_is_idempotent(parts, sep):
    once = clean_text(sep.join(parts))
    assert clean_text(once) == once


# --- the rules file is data, validated on load ----------------------------------

def test_bundled_rules_load_and_every_rule_says_why():
    rules = default_rules()
    assert len(rules) >= 15
    assert all(r.why for r in rules)


@pytest.mark.parametrize("entry,message", [
    ("  - id: x\n    pattern: '(unclosed'\n    action: drop_line\n    why: test\n", "bad pattern regex"),
    ("  - id: x\n    pattern: 'a'\n    action: delete\n    why: test\n", "action must be one of"),
    ("  - id: x\n    pattern: 'a'\n    action: drop_line\n", "'why' is required"),
    ("  - id: x\n    pattern: 'a'\n    action: drop_line\n    why: t\n    colour: red\n", "unknown key"),
])
def test_bad_rule_names_file_and_line(tmp_path, entry, message):
    good = "rules:\n  - id: ok\n    pattern: 'b'\n    action: drop_line\n    why: fine\n"
    path = tmp_path / "boilerplate.yaml"
    path.write_text(good + entry)
    with pytest.raises(DataFileError, match=message) as err:
        load_rules(path)
    assert err.value.line == 6 and str(path) in str(err.value)


def test_duplicate_rule_ids_are_refused(tmp_path):
    path = tmp_path / "b.yaml"
    rule = "  - id: same\n    pattern: 'b'\n    action: drop_line\n    why: fine\n"
    path.write_text("rules:\n" + rule + rule)
    with pytest.raises(DataFileError, match="duplicate rule id"):
        load_rules(path)


def test_bundled_rules_file_is_the_default():
    assert load_rules(BOILERPLATE_FILE) == default_rules()
