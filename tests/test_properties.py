"""Issue 9.2: property-based tests (hypothesis) on the readers, the cleaner, the date
resolver and the actor matcher: no exception on arbitrary input, and invariants —
spans inside the text, text[span] == the mention, valid ISO dates whose precision fits
the date, idempotent cleaning, documents whose doc_id is the hash of their text.

Bounded: modest max_examples, no deadline (2 shared cores), pytest-timeout per test.
"""
from __future__ import annotations

import datetime as dt
import os
import tempfile

import pytest
from hypothesis import HealthCheck, assume, given, settings, strategies as st

from fuzzing import examples

pytestmark = [pytest.mark.timeout(900), pytest.mark.fuzz]

FAST = settings(max_examples=examples(100), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SLOW = settings(max_examples=examples(40), deadline=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

# Words that exercise the dates, actors and boilerplate rules, glued by punctuation.
VOCAB = [
    "China", "North Korea", "South Korea's", "President", "Xi Jinping", "Moon Jae-in",
    "Kim Jong Un", "foreign minister", "the United States", "U.S.", "UN", "Beijing",
    "Pyongyang", "Seoul", "envoy", "met", "said", "on", "in", "last", "next", "week",
    "month", "year", "Monday", "Friday", "yesterday", "today", "tomorrow", "ago",
    "two days", "three weeks", "Nov.", "November", "17", "17th", "2017", "1950s",
    "1958-1962", "March 3, 2017", "2017-11-22", "11/22/2017", "spring", "the 1990s",
    "earlier this month", "one day later", "(Xinhua, May 19)", ".", ",", "\n", "\n\n",
    "Leave a Reply", "Share this:", "Source: Yonhap News", "Photo:", "Connecting to %s",
    "\u00e9", "\u2019", "\u201c", "\u201d", "\u00a0", "\u200b", "\ufeff", "\u0301",
    "\u5317\u4eac", "\u041c\u043e\u0441\u043a\u0432\u0430", "\U0001F600", "\t", "\r\n",
]
newsy = st.lists(st.sampled_from(VOCAB), max_size=60).map(" ".join)
anytext = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400)
texts = st.one_of(newsy, anytext, st.tuples(newsy, anytext).map("".join))
iso_dates = st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 12, 31)).map(
    lambda d: d.isoformat())


# --------------------------------------------------------------------------------------
# readers
# --------------------------------------------------------------------------------------

def _read_bytes(data: bytes, name: str):
    ingest = pytest.importorskip("eventwire.ingest")
    from eventwire.errors import EventwireError
    from eventwire.records import doc_id_for
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name)
        with open(path, "wb") as fh:
            fh.write(data)
        errors: list = []
        docs = list(ingest.read_inputs([path], published="2017-11-22", on_error=errors.append))
    assert docs or errors, "neither a document nor an error"
    for e in errors:
        assert isinstance(e, EventwireError), repr(e)
        assert name in str(e) and "\n" not in str(e).strip(), str(e)
    for doc in docs:
        assert doc.text.strip() and "\x00" not in doc.text
        doc.text.encode("utf-8")
        assert doc.doc_id == doc_id_for(doc.text)
        if doc.published:
            dt.date.fromisoformat(doc.published)
    return docs, errors


@pytest.mark.parametrize("name", ["a.txt", "a.html", "a.jsonl", "a.rss", "a.warc"])
@SLOW
@given(data=st.one_of(st.binary(max_size=3000),
                      texts.map(lambda t: t.encode("utf-8")),
                      texts.map(lambda t: t.encode("utf-16")),
                      texts.map(lambda t: t.encode("cp1252", "replace"))))
def test_readers_never_raise(name, data):
    _read_bytes(data, name)


@SLOW
@given(lines=st.lists(st.one_of(
    st.fixed_dictionaries({"id": st.text(max_size=10), "text": texts},
                          optional={"published": st.one_of(st.text(max_size=12), iso_dates),
                                    "title": st.one_of(st.none(), st.text(max_size=20)),
                                    "url": st.one_of(st.none(), st.integers(), st.text(max_size=20))}),
    st.text(max_size=50)), max_size=6))
def test_jsonl_reader_keeps_every_valid_line(lines):
    import json
    raw = "\n".join(json.dumps(x) if isinstance(x, dict) else x for x in lines).encode()
    docs, errors = _read_bytes(raw, "lines.jsonl")
    # Every physical line gave at most one document or error (blank lines, duplicates: none).
    assert len(docs) + len(errors) <= max(1, raw.count(b"\n") + 1)


# --------------------------------------------------------------------------------------
# cleaner
# --------------------------------------------------------------------------------------

@FAST
@given(text=texts)
def test_clean_text_is_idempotent(text):
    clean = pytest.importorskip("eventwire.ingest.clean")
    once = clean.clean_text(text)
    assert isinstance(once, str)
    assert clean.clean_text(once) == once


@FAST
@given(text=texts)
def test_clean_text_output_shape(text):
    clean = pytest.importorskip("eventwire.ingest.clean")
    out = clean.clean_text(text)
    assert "\x00" not in out
    assert out == out.strip()
    assert "\n\n\n" not in out
    out.encode("utf-8")


# --------------------------------------------------------------------------------------
# date resolver
# --------------------------------------------------------------------------------------

@FAST
@given(text=texts, published=st.one_of(st.none(), iso_dates))
def test_find_dates_invariants(text, published):
    temporal = pytest.importorskip("eventwire.temporal")
    find_dates = getattr(temporal, "find_dates", None)
    if find_dates is None:
        pytest.skip("eventwire.temporal.find_dates not there yet")
    exprs = find_dates(text, published)
    last = -1
    for x in exprs:
        s, e = x.span
        assert 0 <= s < e <= len(text), (x, len(text))
        assert text[s:e] == x.text
        assert s >= last, "expressions not in text order"
        last = s
        d = dt.date.fromisoformat(x.date)
        assert x.precision in ("day", "month", "year"), x.precision
        if x.precision == "month":
            assert d.day == 1, x
        if x.precision == "year":
            assert (d.month, d.day) == (1, 1), x
        if x.start and x.end:
            assert dt.date.fromisoformat(x.start) <= dt.date.fromisoformat(x.end), x


# --------------------------------------------------------------------------------------
# actor matcher
# --------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def resolver():
    mod = pytest.importorskip("eventwire.actors.resolver")
    return mod.get_resolver()


@FAST
@given(text=texts, day=st.one_of(st.none(), iso_dates))
def test_actor_mentions_invariants(resolver, text, day):
    mentions = resolver.resolve_text(text, day)
    assert isinstance(mentions, list)
    for m in mentions:
        s, e = m["span"]
        assert 0 <= s < e <= len(text), (m, len(text))
        assert text[s:e] == m["text"], (text[s:e], m["text"])
        for k in ("name", "code", "country", "agent", "actor_id"):
            assert k in m
    spans = [tuple(m["span"]) for m in mentions]
    assert spans == sorted(spans), "mentions not sorted by span"


@FAST
@given(text=texts)
def test_has_actor_is_never_false_when_the_resolver_finds_one(resolver, text):
    """The pipeline's prefilter relies on it: has_actor must not miss what resolve finds."""
    has_actor = getattr(resolver, "has_actor", None)
    if has_actor is None:
        pytest.skip("no has_actor")
    assume(len(text) < 400)
    if resolver.resolve_text(text, None):
        assert has_actor(text)
