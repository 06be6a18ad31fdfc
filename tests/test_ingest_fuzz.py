"""Fuzz targets, one per reader (issue 19): whatever the bytes, the reader gives a
document or an error line naming the file — never neither, never an exception.

In `make test` each target draws a fixed set of examples (profile "ci" in conftest.py)
plus the recorded ones below (@example: every input that once broke a reader);
`make fuzz` runs the same targets with random draws and 20x the examples.
"""
from __future__ import annotations

import datetime as dt
import gzip
import io
import json
import os
import tempfile

import pytest
from hypothesis import example, given, settings, strategies as st

from eventwire.errors import InputError
from eventwire.ingest import read_inputs
from eventwire.records import doc_id_for
from fuzzing import examples

from test_ingest_readers import FIX

pytestmark = [pytest.mark.fuzz, pytest.mark.timeout(900)]

FUZZ = settings(max_examples=examples(40))


def check(data: bytes, name: str):
    """Read ``data`` as the file ``name``: documents or errors, each error one line that
    names the file, each document storable. Returns (docs, errors)."""
    with tempfile.TemporaryDirectory() as d:
        path = os.path.join(d, name)
        with open(path, "wb") as fh:
            fh.write(data)
        errors: list = []
        docs = list(read_inputs([path], on_error=errors.append))
    return _checked(docs, errors, path)


def _checked(docs, errors, path):
    assert docs or errors, f"{path}: neither a document nor an error"
    for e in errors:
        assert isinstance(e, InputError), repr(e)
        msg = str(e)
        assert msg.startswith(path) and "\n" not in msg and "Traceback" not in msg, msg
    for doc in docs:
        assert doc.text.strip() and "\x00" not in doc.text
        doc.text.encode("utf-8")  # no lone surrogates: storable
        assert doc.doc_id == doc_id_for(doc.text)
        if doc.published:
            dt.date.fromisoformat(doc.published)
    return docs, errors


def _fixture(name: str) -> bytes:
    return (FIX / name).read_bytes()


def mutated(base: st.SearchStrategy[bytes]) -> st.SearchStrategy[bytes]:
    """Real inputs, damaged: cut short, a slice spliced out, or bytes overwritten."""
    def cut(b, i):
        return b[: i % (len(b) + 1)]

    def splice(b, i, j):
        i, j = sorted((i % (len(b) + 1), j % (len(b) + 1)))
        return b[:i] + b[j:]

    def overwrite(b, i, junk):
        i = i % (len(b) + 1)
        return b[:i] + junk + b[i + len(junk):]

    pos = st.integers(0, 1 << 20)
    return st.one_of(base,
                     st.builds(cut, base, pos),
                     st.builds(splice, base, pos, pos),
                     st.builds(overwrite, base, pos, st.binary(min_size=1, max_size=8)))


words = st.lists(st.sampled_from(
    ["China", "envoy", "met", "Seoul", "talks", "the", "minister", "said", "on", "Monday",
     ".", ",", "\u201c", "\u00e9", "\u4e2d", "\u0645", "<", "&amp;", "\u202e", "\x00", "\n\n"]),
    max_size=40).map(" ".join)


# --------------------------------------------------------------------------------- txt

def _stray(text: str, i: int, junk: bytes) -> bytes:
    raw = text.encode("utf-8")
    i = i % (len(raw) + 1)
    return raw[:i] + junk + raw[i:]


txt_bytes = st.one_of(
    st.binary(max_size=2000),
    words.map(lambda t: t.encode("utf-8")),
    words.map(lambda t: t.encode("utf-16")),
    words.map(lambda t: t.encode("cp1252", "replace")),
    # mostly-valid UTF-8 with a few stray bytes
    st.builds(_stray, words, st.integers(0, 400), st.binary(min_size=1, max_size=3)),
    mutated(st.sampled_from([_fixture("title_line.txt"), _fixture("envoy_header.txt"),
                             _fixture("hard_wrapped.txt")])),
)


@FUZZ
@given(data=txt_bytes)
@example(data=b"")
@example(data="The minister said the talks were \u201cuseful\u201d.".encode() + b"\x92")
def test_txt_reader(data):
    check(data, "input.txt")


# -------------------------------------------------------------------------------- html

def _nested(depth: int, tag: str, text: str) -> bytes:
    return (f"<html><body>{('<' + tag + '>') * depth}<p>{text}</p>{('</' + tag + '>') * depth}"
            "</body></html>").encode("utf-8")


html_bytes = st.one_of(
    st.binary(max_size=2000),
    st.builds(_nested, st.integers(0, 1200), st.sampled_from(["div", "span", "b", "section"]),
              words),
    words.map(lambda t: f"<html><body><article><p>{t}</p></article></body></html>".encode()),
    mutated(st.sampled_from([_fixture("page.html"), _fixture("short_page.html")])),
)


@FUZZ
@given(data=html_bytes)
@example(data=_nested(300, "div", "The minister met the envoy in Seoul for talks on Monday."))
@example(data=b"<html><<<>>><//><p></")
def test_html_reader(data):
    check(data, "input.html")


# ------------------------------------------------------------------------------- jsonl

def _deep(depth: int, open_: str) -> str:
    close = {"[": "]", "{\"a\":": "}"}[open_]
    return open_ * depth + "1" + close * depth


json_line = st.one_of(
    st.builds(lambda i, t: json.dumps({"id": f"a{i}", "text": t}), st.integers(0, 9), words),
    st.builds(lambda d, o: _deep(d, o), st.integers(1, 3000), st.sampled_from(["[", "{\"a\":"])),
    st.builds(lambda d: json.dumps({"id": "deep", "text": "x"})[:-1] + ", \"extra\": "
              + _deep(d, "[") + "}", st.integers(1, 3000)),
    st.text(max_size=80),
    st.just("null"), st.just("[1, 2]"), st.just("{" * 200),
)
jsonl_bytes = st.one_of(
    st.lists(json_line, max_size=6).map(lambda ls: "\n".join(ls).encode("utf-8")),
    st.binary(max_size=1000),
    mutated(st.just(_fixture("articles.jsonl"))),
)


# Issue 19: a 2 KB line nested 1,000 deep raised RecursionError and stopped the run.
DEEP_THEN_GOOD = ("[" * 1000 + "]" * 1000 + "\n"
                  + json.dumps({"id": "ok", "text": "The envoy met the minister in Seoul."})
                  ).encode()


@FUZZ
@given(data=jsonl_bytes)
@example(data=DEEP_THEN_GOOD)
def test_jsonl_reader(data):
    docs, errors = check(data, "input.jsonl")
    if data == DEEP_THEN_GOOD:  # the deep line costs its line only
        assert [d.path for d in docs] == ["ok"] and errors[0].line == 1


@FUZZ
@given(data=jsonl_bytes)
def test_gzipped_jsonl_reader(data):
    check(gzip.compress(data), "input.jsonl.gz")


# ------------------------------------------------------------------------------- feeds

def _rss(entries: list[str]) -> bytes:
    items = "".join(f"<item><title>t{i}</title><description><![CDATA[{e}]]></description>"
                    f"<pubDate>Tue, 21 Nov 2017 08:00:00 GMT</pubDate></item>"
                    for i, e in enumerate(entries))
    return (f"<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
            f"<title>Feed</title>{items}</channel></rss>").encode("utf-8")


feed_bytes = st.one_of(
    st.lists(words, max_size=4).map(_rss),
    st.binary(max_size=1000),
    mutated(st.sampled_from([_fixture("feed.rss"), _fixture("feed.atom")])),
)


@FUZZ
@given(data=feed_bytes, ext=st.sampled_from([".rss", ".atom", ".xml"]))
@example(data=_rss([]), ext=".rss")
def test_feed_reader(data, ext):
    check(data, "input" + ext)


# -------------------------------------------------------------------------------- warc

def _warc(pages: list[str], gz: bool) -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buf = io.BytesIO()
    w = WARCWriter(buf, gzip=gz)
    for i, text in enumerate(pages):
        req = w.create_warc_record(f"http://x.example/{i}", "request", payload=io.BytesIO(b""),
                                   http_headers=StatusAndHeaders("GET / HTTP/1.1", [("Host", "x")],
                                                                 is_http_request=True))
        w.write_record(req)
        body = f"<html><body><article><p>{text}</p></article></body></html>".encode("utf-8")
        hh = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")],
                              protocol="HTTP/1.1")
        w.write_record(w.create_warc_record(f"http://x.example/{i}", "response",
                                            payload=io.BytesIO(body), http_headers=hh))
    return buf.getvalue()


_PAGES = ["The minister met the envoy in Seoul for talks on Monday, officials said.",
          "Envoys from both sides agreed in Geneva on Tuesday to meet again next month."]
WARC_PLAIN, WARC_GZ = _warc(_PAGES, gz=False), _warc(_PAGES, gz=True)
# Issue 19: cut inside the last record's WARC headers, the record was lost silently.
WARC_CUT_IN_HEADERS = WARC_PLAIN[: WARC_PLAIN.rindex(b"WARC/1.0") + 60]

warc_bytes = st.one_of(
    st.binary(max_size=600),
    mutated(st.sampled_from([WARC_PLAIN, WARC_GZ])),
    st.lists(words, max_size=3).flatmap(
        lambda ps: st.sampled_from([_warc(ps, False), _warc(ps, True)])),
)


@FUZZ
@given(data=warc_bytes, ext=st.sampled_from([".warc", ".warc.gz"]))
@example(data=b"\n\x00", ext=".warc")                       # warcio: an empty "record"
@example(data=WARC_CUT_IN_HEADERS, ext=".warc")
def test_warc_reader(data, ext):
    docs, errors = check(data, "input" + ext)
    if data == WARC_CUT_IN_HEADERS:
        assert len(docs) == 1 and "truncated" in errors[0].reason


# ------------------------------------------------------------------------------- stdin

@FUZZ
@given(data=st.one_of(txt_bytes, jsonl_bytes, html_bytes, st.just(WARC_PLAIN)))
@example(data=b"{" + b"[" * 2000)
def test_stdin_reader(data):
    errors: list = []
    docs = list(read_inputs(["-"], on_error=errors.append, stdin=io.BytesIO(data)))
    _checked(docs, errors, "<stdin>")
