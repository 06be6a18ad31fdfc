"""Dedup invariants on random mentions (hypothesis): whatever the input, merged events
are consistent, negated never meet asserted, and the order of input does not matter."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from eventwire.dedup import assign_canonical_ids, content_match, date_interval

from test_store_factory import make_record

mention = st.fixed_dictionaries({
    "source": st.sampled_from(["CHN", "CHNGOV", "USAGOV", "PRK"]),
    "target": st.sampled_from(["PRK", "PRKGOV", "CHN", None]),
    "cameo": st.sampled_from(["040", "042", "0421", "043", "046", "163", "120"]),
    "day": st.integers(0, 20),
    "precision": st.sampled_from(["day", "day", "month"]),
    "basis": st.sampled_from(["text", "text", "publication"]),
    "negated": st.booleans(),
    "modality": st.sampled_from(["asserted", "reported", "intended"]),
    "sentence": st.integers(0, 3),
    "article": st.integers(0, 4),
})

# A few sentences (written for this test) that do and do not tell the same event.
SENTENCES = ["Envoy Wang Hai reached Pyongyang for talks on the border trade.",
             "Wang Hai arrived in Pyongyang to discuss border trade.",
             "Customs officers seized smuggled coal at the Dandong crossing.",
             "The two navies held a joint drill in the Yellow Sea."]


def build(specs):
    out = []
    for i, s in enumerate(specs):
        date = (dt.date(2017, 11, 1) + dt.timedelta(days=s["day"])).isoformat()
        out.append(make_record(text=f"article {s['article']}", source=s["source"],
                               target=s["target"], cameo=s["cameo"], date=date,
                               precision=s["precision"], basis=s["basis"],
                               negated=s["negated"], modality=s["modality"],
                               sentence=SENTENCES[s["sentence"]], sentence_index=i))
    return out


@settings(max_examples=60, deadline=None)
@given(st.lists(mention, min_size=1, max_size=25), st.randoms())
def test_dedup_invariants(specs, rnd):
    recs = build(specs)
    assign_canonical_ids(recs)
    groups = {}
    for r in recs:
        groups.setdefault(r["canonical_event_id"], []).append(r)
    for members in groups.values():
        assert len({bool(m["negated"]) for m in members}) == 1
        specific = {m["cameo"][:3] for m in members if not m["cameo"][:3].endswith("0")}
        specific = {"042" if b == "043" else b for b in specific}
        assert len(specific) <= 1
        roots = {m["cameo"][:2] for m in members}
        assert len(roots) == 1
        ivs = [date_interval(m) for m in members]
        assert (max(i[0] for i in ivs) - min(i[1] for i in ivs)).days <= 2
        # never two mentions of one sentence
        sentences = [(m["doc_id"], m["sentence_index"]) for m in members]
        assert len(sentences) == len(set(sentences))
        # any two articles of one event share key words through some pair of mentions
        docs = sorted({m["doc_id"] for m in members})
        for x in docs:
            for y in docs:
                if x < y:
                    assert any(content_match(a, b)[0] for a in members if a["doc_id"] == x
                               for b in members if b["doc_id"] == y)
    shuffled = [dict(r) for r in recs]
    rnd.shuffle(shuffled)
    assign_canonical_ids(shuffled)
    assert {r["event_id"]: r["canonical_event_id"] for r in shuffled} == \
        {r["event_id"]: r["canonical_event_id"] for r in recs}
