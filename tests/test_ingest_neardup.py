"""Near-duplicates: syndicated copies are linked to the first copy seen."""
from __future__ import annotations

import json

from eventwire.ingest import NearDuplicateIndex, read_inputs, signature
from eventwire.ingest.neardup import NUM_PERM, jaccard, similarity

ARTICLE = " ".join([
    "SEOUL -- North Korea fired a ballistic missile into the sea off its east coast on Sunday,",
    "South Korea's military said, days after the United States and South Korea began joint",
    "air drills that Pyongyang called a rehearsal for invasion. The missile flew about 450",
    "kilometres, the Joint Chiefs of Staff said in a statement. Japan's defence ministry said",
    "the missile fell outside its exclusive economic zone and that no damage was reported.",
    "It was the first launch in three weeks. Analysts said the test was probably meant as a",
    "message to Washington before the United Nations Security Council met to discuss new",
    "sanctions proposed by the United States. China urged restraint on all sides and said",
    "it opposed any action that would raise tension on the Korean peninsula, foreign ministry",
    "spokesman Lu Kang told a regular briefing in Beijing on Monday.",
])
# What a syndication partner prints: its own dateline and credit line.
SYNDICATED = ARTICLE.replace("SEOUL --", "SEOUL (Partner Wire) --") + " Distributed by Partner Wire."
# Same event, another outlet's own words: not a copy.
OTHER_OUTLET = ("TOKYO -- Japan's government said a North Korean missile launched early on Sunday "
                "came down in the Sea of Japan outside Japanese waters. Chief Cabinet Secretary "
                "Yoshihide Suga said Tokyo had lodged a protest through diplomatic channels in "
                "Beijing. South Korea's military put the flight distance at roughly 450 kilometres.")


def test_syndicated_copy_is_above_and_other_reporting_below_the_threshold():
    assert jaccard(ARTICLE, SYNDICATED) > 0.9
    assert jaccard(ARTICLE, OTHER_OUTLET) < 0.2
    assert similarity(signature(ARTICLE), signature(SYNDICATED)) > 0.85


def test_index_finds_the_original_of_a_copy_and_nothing_for_other_text():
    idx = NearDuplicateIndex()
    idx.add("orig", ARTICLE)
    assert idx.find(SYNDICATED) == "orig"
    assert idx.find(ARTICLE) == "orig"
    assert idx.find(OTHER_OUTLET) is None


def test_signature_is_a_json_able_list_of_ints_and_deterministic():
    sig = signature(ARTICLE)
    assert len(sig) == NUM_PERM and all(isinstance(v, int) for v in sig)
    assert json.loads(json.dumps(sig)) == sig == signature(ARTICLE)
    assert all(0 <= v < 2**32 for v in sig)  # fits a DuckDB BIGINT / UINTEGER


def test_index_seeded_from_stored_signatures_links_a_new_copy():
    stored = [("old-1", signature(OTHER_OUTLET)), ("old-2", json.loads(json.dumps(signature(ARTICLE))))]
    idx = NearDuplicateIndex.from_signatures(stored)
    assert len(idx) == 2
    assert idx.find(SYNDICATED) == "old-2"


def test_case_and_punctuation_do_not_hide_a_copy():
    shouted = ARTICLE.upper().replace(",", "").replace(".", " .")
    assert NearDuplicateIndex.from_signatures([("a", signature(ARTICLE))]).find(shouted) == "a"


def test_empty_text_never_matches():
    idx = NearDuplicateIndex()
    idx.add("empty", "")
    assert len(idx) == 0 and idx.find("") is None


def test_read_inputs_links_copies_to_the_first_seen(tmp_path):
    (tmp_path / "a_original.txt").write_text(ARTICLE)
    (tmp_path / "b_copy.txt").write_text(SYNDICATED)
    (tmp_path / "c_other.txt").write_text(OTHER_OUTLET)
    docs = list(read_inputs([tmp_path]))
    assert len(docs) == 3
    orig, copy, other = docs
    assert orig.duplicate_of is None and other.duplicate_of is None
    assert copy.duplicate_of == orig.doc_id
    assert any("near-duplicate" in n for n in copy.notes)


def test_read_inputs_links_to_a_stored_original(tmp_path):
    (tmp_path / "copy.txt").write_text(SYNDICATED)
    idx = NearDuplicateIndex.from_signatures([("stored-doc", signature(ARTICLE))])
    (doc,) = read_inputs([tmp_path], neardup=idx)
    assert doc.duplicate_of == "stored-doc"
