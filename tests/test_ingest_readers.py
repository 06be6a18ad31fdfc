"""Each input format becomes the same kind of Document, with the metadata it carries."""
from __future__ import annotations

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest

from eventwire.ingest import Document, read_inputs, read_path
from eventwire.records import doc_id_for

FIX = Path(__file__).parent / "fixtures" / "ingest"
SAMPLES = Path(__file__).parent.parent / "samples"


def read_all(*paths, **kw) -> tuple[list[Document], list]:
    errors: list = []
    docs = list(read_inputs([str(p) for p in paths], on_error=errors.append, **kw))
    return docs, errors


def one(path, **kw) -> Document:
    docs, errors = read_all(path, **kw)
    assert errors == []
    assert len(docs) == 1
    return docs[0]


# --- plain text -----------------------------------------------------------------

def test_txt_header_block_gives_title_outlet_date_author():
    doc = one(FIX / "envoy_header.txt")
    assert doc.title == "Seoul and Tokyo agree to share missile warning data"
    assert (doc.outlet, doc.published, doc.author) == ("Harbour Post", "2017-11-18", "Lee Ji-won")
    assert doc.source_format == "txt" and doc.language == "en"
    assert doc.text.startswith("SEOUL -- South Korea and Japan agreed")
    assert len(doc.paragraphs) == 2


def test_txt_header_date_wins_over_published_default():
    assert one(FIX / "envoy_header.txt", published="2017-11-22").published == "2017-11-18"


def test_txt_title_line_is_split_off_and_the_default_date_fills_the_gap():
    doc = one(FIX / "title_line.txt", published="2017-11-22")
    assert doc.title == "Vietnam protests Chinese drills near Paracel Islands"
    assert doc.paragraphs[0].startswith("HANOI -- Vietnam lodged")
    assert doc.published == "2017-11-22"


def test_txt_without_any_date_has_none_never_today():
    assert one(FIX / "title_line.txt").published is None


def test_txt_hard_wrapped_lines_are_joined_into_paragraphs():
    doc = one(FIX / "hard_wrapped.txt")
    assert doc.title is None  # the first line ends mid-sentence: not a title
    assert doc.paragraphs[0] == ("BRUSSELS -- European Union foreign ministers agreed on Monday "
                                 "to extend sanctions against six Russian officials over the "
                                 "conflict in eastern Ukraine, diplomats said.")
    assert "The decision was taken without debate." in doc.paragraphs
    assert "the Russian-backed separatists" in doc.text  # "Russian-\nbacked" re-joined


def test_doc_id_is_sha256_of_cleaned_text_and_text_is_paragraphs():
    doc = one(FIX / "envoy_header.txt")
    assert doc.doc_id == doc_id_for(doc.text) and len(doc.doc_id) == 16
    assert doc.text == "\n\n".join(doc.paragraphs)


def test_seed_article_reads_with_its_title_and_without_its_comment_form(seeds_dir):
    seed = next(seeds_dir.glob("000_*.txt"))
    doc = one(seed, published="2017-11-17")
    first_line = seed.read_text(encoding="utf-8").lstrip().splitlines()[0].strip()
    assert doc.title and first_line.startswith(doc.title[:20])
    assert "Leave a Reply" not in doc.text and "commenting using" not in doc.text
    assert "\u00a0" not in doc.text
    assert doc.published == "2017-11-17"


# --- HTML -----------------------------------------------------------------------

def test_html_main_text_and_metadata_without_page_furniture():
    doc = one(FIX / "page.html")
    assert doc.title == "Thai and Cambodian troops exchange fire at border temple"
    assert doc.outlet == "Mekong Herald"
    assert doc.author == "Somchai Prasert"
    assert doc.published == "2017-11-19"  # the outlet's local day, from article:published_time
    assert doc.url == "https://mekongherald.example/2017/11/19/border-temple"
    assert doc.paragraphs[0].startswith("BANGKOK -- Thai and Cambodian soldiers")
    for furniture in ("cookies", "Leave a Reply", "newsletter", "All rights reserved",
                      "Border trade rebounds", "Tweet"):
        assert furniture not in doc.text
    assert doc.title not in doc.paragraphs  # the <h1> is the title, not body text


def test_html_short_page_falls_back_to_lxml_text():
    doc = one(FIX / "short_page.html")
    assert doc.text == "Norway hosted a new round of talks between Colombia and the ELN rebels on Friday."
    assert doc.title == "Brief: Oslo hosts Colombia talks"


def test_html_without_date_metadata_takes_the_default():
    assert one(FIX / "short_page.html", published="2017-11-24").published == "2017-11-24"


# --- JSONL ----------------------------------------------------------------------

def test_jsonl_text_and_html_lines():
    docs, errors = read_all(FIX / "articles.jsonl")
    assert errors == []
    first, second = docs
    assert (first.path, first.url, first.outlet, first.published) == (
        "fx-1", "https://fixture.example/1", "Fixture Wire", "2017-11-20")
    assert first.title == "India and China hold border talks"
    assert first.doc_block()["path"] == "https://fixture.example/1"  # url, else id
    assert second.doc_block()["path"] == "fx-2"
    assert second.published == "2017-11-21"
    assert second.text.startswith("NAIROBI -- Kenya's opposition leader")
    assert {d.source_format for d in docs} == {"jsonl"}


def test_jsonl_gzip_is_read_transparently(tmp_path):
    gz = tmp_path / "articles.jsonl.gz"
    gz.write_bytes(gzip.compress((FIX / "articles.jsonl").read_bytes()))
    docs, errors = read_all(gz)
    assert errors == [] and [d.path for d in docs] == ["fx-1", "fx-2"]


# --- feeds ----------------------------------------------------------------------

def test_rss_items_use_content_or_summary_and_their_own_dates():
    docs, errors = read_all(FIX / "feed.rss", published="2017-11-30")
    assert errors == []
    a, b = docs
    assert a.title == "Pakistan and Afghanistan agree to resume talks"
    assert a.url == "https://fixture.example/rss/1" and a.outlet == "Fixture World News"
    assert a.published == "2017-11-19"  # local day of "+0500", not UTC
    assert a.paragraphs == ["ISLAMABAD -- Pakistan and Afghanistan agreed on Sunday to resume "
                            "talks on border security, officials said.",
                            "The two sides will meet again in Kabul next month."]
    assert b.text == "RABAT -- Morocco recalled its ambassador for consultations on Monday, the foreign ministry said."
    assert b.published == "2017-11-20"
    assert a.source_format == "rss"


def test_atom_entry():
    doc = one(FIX / "feed.atom")
    assert doc.source_format == "atom"
    assert (doc.title, doc.author, doc.published) == (
        "Serbia and Kosovo resume EU-led dialogue", "Ana Petrovic", "2017-11-21")
    assert doc.paragraphs[1] == "The talks had stalled for months."


# --- WARC -----------------------------------------------------------------------

def write_warc(path: Path, pages: list[tuple[str, str, bytes]], gz: bool = True) -> None:
    """pages: (url, content type, body) as HTTP 200 responses, plus a request record."""
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with open(path, "wb") as fh:
        w = WARCWriter(fh, gzip=gz)
        for url, ctype, body in pages:
            req = w.create_warc_record(url, "request", payload=io.BytesIO(b""),
                                       http_headers=StatusAndHeaders(
                                           "GET / HTTP/1.1", [("Host", "x.example")],
                                           is_http_request=True))
            w.write_record(req)
            hh = StatusAndHeaders("200 OK", [("Content-Type", ctype)], protocol="HTTP/1.1")
            rec = w.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=hh,
                                       warc_headers_dict={"WARC-Date": "2017-11-23T04:05:06Z"})
            w.write_record(rec)


@pytest.mark.parametrize("gz", [True, False], ids=["warc.gz", "warc"])
def test_warc_reads_html_responses_only(tmp_path, gz):
    page = (FIX / "page.html").read_bytes()
    undated = (FIX / "short_page.html").read_bytes()
    path = tmp_path / ("crawl.warc.gz" if gz else "crawl.warc")
    write_warc(path, [("https://mekongherald.example/a", "text/html; charset=utf-8", page),
                      ("https://mekongherald.example/logo.png", "image/png", b"\x89PNG\r\n\x1a\n"),
                      ("https://brief.example/oslo", "text/html", undated)], gz=gz)
    docs, errors = read_all(path)
    assert errors == []
    assert [d.url for d in docs] == ["https://mekongherald.example/a", "https://brief.example/oslo"]
    assert docs[0].published == "2017-11-19"  # the page's own date
    assert docs[1].published == "2017-11-23"  # none on the page: WARC-Date
    assert {d.source_format for d in docs} == {"warc"}
    assert docs[0].doc_id == one(FIX / "page.html").doc_id  # same article, same id


# --- directories and stdin ------------------------------------------------------

def test_directory_is_recursive_sorted_and_skips_hidden_and_unknown_files(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / ".git").mkdir()
    shutil.copy(FIX / "title_line.txt", tmp_path / "b" / "z.txt")
    shutil.copy(FIX / "envoy_header.txt", tmp_path / "a.txt")
    shutil.copy(FIX / "hard_wrapped.txt", tmp_path / ".hidden.txt")
    shutil.copy(FIX / "hard_wrapped.txt", tmp_path / ".git" / "c.txt")
    (tmp_path / "README.md").write_text("# notes about this corpus\n")
    docs, errors = read_all(tmp_path)
    assert errors == []
    assert [Path(d.path).name for d in docs] == ["a.txt", "z.txt"]


def test_stdin_plain_text():
    stdin = io.BytesIO((FIX / "title_line.txt").read_bytes())
    docs, errors = read_all("-", stdin=stdin)
    assert errors == [] and len(docs) == 1
    assert docs[0].source_format == "stdin" and docs[0].path == "<stdin>"
    assert docs[0].title == "Vietnam protests Chinese drills near Paracel Islands"


def test_stdin_json_lines():
    stdin = io.BytesIO((FIX / "articles.jsonl").read_bytes())
    docs, errors = read_all("-", stdin=stdin)
    assert errors == [] and [d.path for d in docs] == ["fx-1", "fx-2"]


def test_stdin_text_starting_with_a_brace_is_still_text():
    stdin = io.BytesIO(b"{Editor's note} Chile and Bolivia resumed talks over sea access on Monday, "
                       b"officials in Santiago said.\n")
    docs, errors = read_all("-", stdin=stdin)
    assert errors == [] and docs[0].source_format == "stdin"


def test_read_path_yields_documents_and_raises_on_bad_input(tmp_path):
    assert [d.title for d in read_path(FIX / "title_line.txt")] == [
        "Vietnam protests Chinese drills near Paracel Islands"]
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    from eventwire.errors import InputError
    with pytest.raises(InputError, match="empty"):
        list(read_path(empty))


def test_bad_published_option_is_refused():
    with pytest.raises(ValueError):
        list(read_inputs([FIX / "title_line.txt"], published="next tuesday-ish"))


# --- dedup ----------------------------------------------------------------------

def test_exact_duplicates_in_one_run_are_yielded_once(tmp_path):
    shutil.copy(FIX / "title_line.txt", tmp_path / "copy.txt")
    docs, errors = read_all(FIX / "title_line.txt", tmp_path / "copy.txt")
    assert errors == [] and len(docs) == 1


def test_seen_ids_skip_documents_stored_earlier():
    first = one(FIX / "title_line.txt")
    docs, _ = read_all(FIX / "title_line.txt", seen_ids={first.doc_id})
    assert docs == []


# --- the bundled sample corpus --------------------------------------------------

def test_sample_corpus_reads_cleanly_with_the_hard_cases():
    docs, errors = read_all(SAMPLES, published="2017-11-22")
    assert errors == []
    assert 15 <= len(docs) <= 30
    formats = {d.source_format for d in docs}
    assert {"txt", "html", "jsonl", "rss"} <= formats
    assert all(d.published for d in docs)
    by_lang = {d.language for d in docs}
    assert "es" in by_lang
    copies = [d for d in docs if d.duplicate_of]
    assert len(copies) == 1
    original = next(d for d in docs if d.doc_id == copies[0].duplicate_of)
    assert original.outlet != copies[0].outlet
    assert not any("Leave a Reply" in d.text or "cookies" in d.text for d in docs)
    lines = (SAMPLES / "14-wire-digest.jsonl").read_text().splitlines()
    assert all(json.loads(line) for line in lines)


def test_documents_carry_their_signature_for_the_store():
    from eventwire.ingest import signature
    doc = one(FIX / "title_line.txt")
    assert doc.signature == signature(doc.text)
    assert "signature" not in doc.to_dict()  # not part of the Document record itself


@pytest.mark.parametrize("head,title,author", [
    ("Gulf states restore flights\n\nBy Amira Saleh\n\n", "Gulf states restore flights", "Amira Saleh"),
    ("By Amira Saleh\n\n", None, "Amira Saleh"),
    ("by the way of the border\n\n", "by the way of the border", None),  # not a byline
])
def test_txt_title_and_byline_paragraphs(tmp_path, head, title, author):
    path = tmp_path / "a.txt"
    path.write_text(head + "DOHA -- Qatar and Bahrain agreed on Sunday to reopen air links, officials said.\n")
    doc = one(path)
    assert (doc.title, doc.author) == (title, author)
    assert doc.text.startswith("DOHA --")


def test_unreadable_metadata_date_is_noted_and_the_default_used(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Published: the day before yesterday\n\nOman hosted talks on Yemen on Sunday, officials said.\n")
    doc = one(path, published="2017-11-20")
    assert doc.published == "2017-11-20"
    assert any("unreadable publication date" in n for n in doc.notes)


def test_html_dates_are_never_guessed_from_the_body_or_the_clock(tmp_path):
    page = tmp_path / "undated.html"
    body = "".join(f"<p>On November {d}, 2017, envoys from Seoul and Tokyo met again in Busan "
                   f"to discuss fisheries, officials said after round {d} of the talks.</p>"
                   for d in range(10, 20))
    page.write_text(f"<html><head><title>Fisheries talks</title></head><body><article>{body}"
                    "</article></body></html>")
    assert one(page).published is None
