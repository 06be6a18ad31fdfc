"""Bad input: one clear error naming the file (and line), and the batch goes on."""
from __future__ import annotations

import builtins
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings, strategies as st

from eventwire.errors import InputError
from eventwire.ingest import read_inputs
from fuzzing import examples

from test_ingest_readers import FIX, write_warc

GOOD = FIX / "title_line.txt"


def run(paths, **kw):
    errors: list[InputError] = []
    docs = list(read_inputs([str(p) for p in paths], on_error=errors.append, **kw))
    return docs, errors


def only_error(path: Path, **kw) -> InputError:
    """Ingest the bad file followed by a good one: one error, the good one still read."""
    docs, errors = run([path, GOOD], **kw)
    assert [d.title for d in docs] == ["Vietnam protests Chinese drills near Paracel Islands"]
    assert len(errors) == 1, errors
    assert errors[0].path == str(path)
    return errors[0]


def test_missing_file(tmp_path):
    err = only_error(tmp_path / "nope.txt")
    assert "no such file" in err.reason


def test_unreadable_file(tmp_path, monkeypatch):
    locked = tmp_path / "locked.txt"
    locked.write_text("Some text.")
    real_open = builtins.open

    def guarded_open(file, *a, **kw):  # root ignores chmod, so simulate the refusal
        if str(file) == str(locked):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *a, **kw)

    monkeypatch.setattr(builtins, "open", guarded_open)
    assert "permission denied" in only_error(locked).reason


def test_empty_file(tmp_path):
    (tmp_path / "empty.txt").write_text("  \n\n ")
    assert "empty" in only_error(tmp_path / "empty.txt").reason


def test_binary_file_with_a_text_extension(tmp_path):
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert "binary" in only_error(path).reason


def test_undecodable_bytes(tmp_path):
    path = tmp_path / "garbled.txt"
    path.write_bytes(b"Talks " + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D] * 40) + b" ended.\n")
    assert "undecodable" in only_error(path).reason


def test_cp1252_text_is_decoded_not_refused(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("The minister said the caf\u00e9 talks were \u201cuseful\u201d.\n".encode("cp1252"))
    docs, errors = run([path])
    assert errors == [] and docs[0].text == "The minister said the café talks were “useful”."


def test_text_that_cleans_to_nothing(tmp_path):
    path = tmp_path / "only_boilerplate.txt"
    path.write_text("Share this:\n\nTwitter\n\nFacebook\n\nLeave a Reply\n\nConnecting to %s\n")
    assert "no article text" in only_error(path).reason


@pytest.mark.parametrize("html", [
    "<html><head><title>x</title></head><body><div><script>var a = 1;</script></div></body></html>",
    "<html><<<>>><//><p></",
    "",
], ids=["no-text", "garbage", "empty"])
def test_malformed_or_textless_html(tmp_path, html):
    path = tmp_path / "page.html"
    path.write_text(html)
    err = only_error(path)
    assert any(w in err.reason for w in ("no article text", "malformed HTML", "empty"))


def test_invalid_json_on_one_line_names_the_line(tmp_path):
    good = json.dumps({"id": "g1", "text": "Peru and Chile agreed on Monday to hold talks."})
    good2 = json.dumps({"id": "g2", "text": "Ecuador recalled its ambassador on Tuesday."})
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join([good, '{"id": "bad", "text": "unterminated', "[1, 2]",
                               json.dumps({"id": "no-text", "title": "x"}), "", good2]) + "\n")
    docs, errors = run([path])
    assert [d.path for d in docs] == ["g1", "g2"]
    assert [(e.line, e.reason.split(":")[0]) for e in errors] == [
        (2, "invalid JSON"), (3, "expected a JSON object, got list"),
        (4, "no 'text' or 'html' field with content")]
    assert str(errors[0]) .startswith(f"{path}:2: invalid JSON")


def test_oversized_file_is_skipped_not_read(tmp_path):
    big = tmp_path / "big.txt"
    big.write_text("Word " * 5000)
    err = only_error(big, max_bytes=10_000)
    assert "larger than 10000 bytes" in err.reason


def test_oversized_jsonl_line_costs_only_that_line(tmp_path):
    path = tmp_path / "lines.jsonl"
    path.write_text(json.dumps({"id": "huge", "text": "x " * 20_000}) + "\n"
                    + json.dumps({"id": "ok", "text": "Fiji and Tonga signed a fisheries pact."}) + "\n")
    docs, errors = run([path], max_bytes=10_000)
    assert [d.path for d in docs] == ["ok"]
    assert errors[0].line == 1 and "longer than" in errors[0].reason


def test_truncated_warc_record(tmp_path):
    page = (FIX / "page.html").read_bytes()
    path = tmp_path / "crawl.warc"
    write_warc(path, [("https://a.example/1", "text/html", page),
                      ("https://a.example/2", "text/html", page.replace(b"Thai", b"Lao"))], gz=False)
    data = path.read_bytes()
    path.write_bytes(data[:-600])  # the second response loses its end
    docs, errors = run([path])
    assert [d.url for d in docs] == ["https://a.example/1"]
    assert len(errors) == 1 and "truncated WARC record" in errors[0].reason
    assert "https://a.example/2" in errors[0].reason


@pytest.mark.parametrize("where", ["inside-a-record", "between-records"])
def test_truncated_warc_gz(tmp_path, where):
    page = (FIX / "page.html").read_bytes()
    first = tmp_path / "first.warc.gz"
    write_warc(first, [("https://a.example/1", "text/html", page)], gz=True)
    path = tmp_path / "crawl.warc.gz"
    write_warc(path, [("https://a.example/1", "text/html", page),
                      ("https://a.example/2", "text/html", page.replace(b"Thai", b"Lao"))], gz=True)
    data = path.read_bytes()
    # Cut the last response's gzip member, or the next member right after its header
    # (which warcio alone would pass over in silence).
    cut = len(data) - 300 if where == "inside-a-record" else first.stat().st_size + 12
    path.write_bytes(data[:cut])
    docs, errors = run([path, GOOD])
    assert [d.url for d in docs][:1] == ["https://a.example/1"]
    assert len(errors) == 1 and "truncated" in errors[0].reason
    assert docs[-1].title.startswith("Vietnam")  # the batch went on


def test_not_a_warc_at_all(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_text("this is not an archive\n")
    assert "not a valid WARC" in only_error(path).reason


def test_xml_that_is_not_a_feed(tmp_path):
    path = tmp_path / "sitemap.xml"
    path.write_text('<?xml version="1.0"?><urlset><url><loc>https://a.example/</loc></url></urlset>')
    err = only_error(path)
    assert "feed" in err.reason


def test_empty_directory(tmp_path):
    (tmp_path / "empty").mkdir()
    assert "no readable article files" in only_error(tmp_path / "empty").reason


def _refuse_listing(monkeypatch, locked: Path):
    """Root reads any directory whatever its mode, so simulate the refusal."""
    import os
    real_scandir = os.scandir

    def guarded(path=".", *a, **kw):
        if str(path) == str(locked):
            raise PermissionError(13, "Permission denied", str(path))
        return real_scandir(path, *a, **kw)

    monkeypatch.setattr(os, "scandir", guarded)


def test_unreadable_directory_is_an_error_not_a_silent_skip(tmp_path, monkeypatch):
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "hidden_from_us.txt").write_text("Oman hosted talks on Yemen.")
    shutil.copy(GOOD, corpus / "good.txt")
    _refuse_listing(monkeypatch, corpus / "locked")
    docs, errors = run([corpus])
    assert [d.title for d in docs] == ["Vietnam protests Chinese drills near Paracel Islands"]
    assert [(e.path, e.reason) for e in errors] == [
        (str(corpus / "locked"), "cannot read directory: permission denied")]


def test_unreadable_top_directory_is_one_error(tmp_path, monkeypatch):
    locked = tmp_path / "locked"
    locked.mkdir()
    (locked / "a.txt").write_text("Oman hosted talks on Yemen.")
    _refuse_listing(monkeypatch, locked)
    assert only_error(locked).reason == "cannot read directory: permission denied"


def test_broken_link_and_fifo_with_article_names_are_reported(tmp_path):
    import os
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(GOOD, corpus / "good.txt")
    (corpus / "gone.txt").symlink_to(tmp_path / "moved-away.txt")
    os.mkfifo(corpus / "pipe.jsonl")
    (corpus / "notes.md").write_text("not an article: skipped without a word")
    docs, errors = run([corpus])
    assert len(docs) == 1
    assert sorted((Path(e.path).name, e.reason) for e in errors) == [
        ("gone.txt", "broken symbolic link; skipped"),
        ("pipe.jsonl", "not a regular file (FIFO, socket or device); skipped")]


def test_one_deep_jsonl_line_costs_only_that_line(tmp_path):
    """Issue 19: a 2 KB line nested 1,000 levels deep raised RecursionError and
    stopped the run after the documents before it."""
    lines = [json.dumps({"id": f"n{i}", "text": f"Delegations met in Geneva for round {i}."})
             for i in range(3)]
    lines.insert(1, "[" * 1000 + "]" * 1000)
    lines.insert(3, json.dumps({"id": "deep-text", "text": "x"})[:-1]
                 + ', "meta": ' + "{\"a\": " * 1500 + "1" + "}" * 1500 + "}")
    path = tmp_path / "deep.jsonl"
    path.write_text("\n".join(lines) + "\n")
    docs, errors = run([path, GOOD])
    assert [d.path for d in docs][:3] == ["n0", "n1", "n2"]
    assert docs[-1].title.startswith("Vietnam")
    assert [(e.line, e.reason) for e in errors] == [(2, "invalid JSON: nested too deeply"),
                                                   (4, "invalid JSON: nested too deeply")]


def test_one_batch_with_every_kind_of_bad_input_goes_on(tmp_path):
    bad = tmp_path / "bad"
    bad.mkdir()
    (bad / "a_empty.txt").write_text("")
    (bad / "b_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (bad / "c_page.html").write_text("<html><body></body></html>")
    (bad / "d_lines.jsonl").write_text('{"id": 1, "text": "Oman hosted talks on Yemen on Sunday."}\n{oops\n')
    shutil.copy(GOOD, bad / "e_good.txt")
    docs, errors = run([bad])
    assert len(docs) == 2
    assert sorted(Path(e.path).name for e in errors) == [
        "a_empty.txt", "b_binary.txt", "c_page.html", "d_lines.jsonl"]
    assert all(str(e).startswith(e.path) for e in errors)  # one line, file first


def test_truncated_jsonl_gz_keeps_the_lines_before_the_break(tmp_path):
    import gzip
    lines = "".join(json.dumps({"id": f"n{i}", "text": f"Delegations met in Geneva for round {i} of talks."})
                    + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "feed.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    docs, errors = run([path, GOOD])
    assert len(docs) > 1 and docs[0].path == "n0" and docs[-1].title.startswith("Vietnam")
    assert len(errors) == 1 and "broken compressed data" in errors[0].reason


_FIXTURE_BYTES = [p.read_bytes() for p in sorted(FIX.iterdir()) if p.is_file()]


@pytest.mark.fuzz
@settings(max_examples=examples(60), deadline=None, suppress_health_check=list(HealthCheck))
@example(ext=".warc", data=b"\n\x00")  # warcio reads it as one empty record: no page, no error
@given(ext=st.sampled_from([".txt", ".html", ".jsonl", ".rss", ".atom", ".warc", ".warc.gz",
                            ".jsonl.gz", ".bin"]),
       data=st.one_of(
           st.binary(max_size=2000),
           # real fixtures with a slice cut out: truncated and spliced inputs
           st.builds(lambda b, i, j: b[:i] + b[j:], st.sampled_from(_FIXTURE_BYTES),
                     st.integers(0, 2000), st.integers(0, 2000))))
def test_any_bytes_give_documents_or_errors_never_an_exception(tmp_path_factory, ext, data):
    path = tmp_path_factory.mktemp("fuzz") / ("input" + ext)
    path.write_bytes(data)
    docs, errors = run([path])
    assert docs or errors  # nothing vanishes silently
    assert all(e.path == str(path) for e in errors)


@pytest.mark.parametrize("stray,kept", [
    (b"\x81", "\ufffd"),     # not a character in any encoding we know: U+FFFD
    (b"\x92", "\u2019"),     # a cp1252 apostrophe pasted into UTF-8: kept as one
    (b"\xe2\x80", "\ufffd"),  # a curly quote cut short
])
def test_mostly_valid_utf8_is_decoded_with_a_note_not_refused(tmp_path, stray, kept):
    """Issue 19: one stray byte made a UTF-8 article with curly quotes 'undecodable'."""
    text = "The envoy said the talks were \u201cfrank\u201d and the minister\u2019s aide agreed."
    raw = text.encode("utf-8")
    cut = raw.index(b" aide")
    for name in ("stray.txt", "stray.html"):
        path = tmp_path / name
        body = raw[:cut] + stray + raw[cut:]
        path.write_bytes(body if name.endswith(".txt") else
                         b"<html><body><article><p>" + body + b"</p></article></body></html>")
        docs, errors = run([path])
        assert errors == [] and len(docs) == 1, errors
        assert "\u201cfrank\u201d" in docs[0].text and f"minister\u2019s{kept} aide" in docs[0].text
        assert f"{len(stray)} byte(s) that are not UTF-8 replaced" in docs[0].notes


def test_legacy_text_is_not_taken_for_damaged_utf8(tmp_path):
    """cp1252 text has no valid UTF-8 sequences: it stays cp1252, not U+FFFD soup."""
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\u00e9 owners in S\u00e3o Paulo said the na\u00efve plan \u201cfailed\u201d."
                     .encode("cp1252"))
    docs, errors = run([path])
    assert docs[0].text == "Café owners in São Paulo said the naïve plan “failed”."
    assert not [n for n in docs[0].notes if "UTF-8" in n]  # no bytes were replaced


@pytest.mark.parametrize("depth", [300, 5_000, 100_000])
def test_html_nested_past_the_parser_limit_keeps_its_text(tmp_path, depth):
    """libxml2 builds 256 levels; the text below was lost (issue 19)."""
    path = tmp_path / "deep.html"
    path.write_bytes(b"<html><head><title>Deep page</title></head><body>" + b"<div>" * depth
                     + b"<p>The envoy met the minister in Hanoi on Friday.</p>"
                     + b"</div>" * depth + b"<p>Talks resume next week.</p></body></html>")
    docs, errors = run([path])
    assert errors == []
    assert docs[0].text == "The envoy met the minister in Hanoi on Friday.\n\nTalks resume next week."
    assert docs[0].title == "Deep page"
    assert "HTML nested deeper than 256 levels: read flattened" in docs[0].notes


def test_an_unreadable_folder_fails_the_run(tmp_path, monkeypatch, capsys):
    """Issue 19: `eventwire code DIR` skipped an unreadable folder with exit status 0."""
    from eventwire.cli import main
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    (corpus / "locked" / "a.txt").write_text("Oman hosted talks on Yemen on Sunday.")
    shutil.copy(GOOD, corpus / "good.txt")
    _refuse_listing(monkeypatch, corpus / "locked")
    status = main(["code", str(corpus), "--published", "2017-11-22"])
    out, err = capsys.readouterr()
    assert status == 1
    assert f"eventwire: error: {corpus / 'locked'}: cannot read directory: permission denied" \
        in err.splitlines()
    assert "good.txt" in out  # the readable article was coded all the same
