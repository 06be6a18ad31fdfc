"""Publication dates from the page (issue 15 item 2): metadata first, then the URL, then
the page's own text (htmldate), never the clock; --published fills gaps only, unless
--published-override; a document left without a date is said so in the run summary
and in `eventwire summary`."""
from __future__ import annotations

import csv
import json

import pytest

from conftest import SHARED
from eventwire.cli import main
from eventwire.ingest import PublishedOption, read_inputs
from eventwire.ingest.dates import pick_meta_date, url_date
from eventwire.ingest.htmltext import extract_html

STORY = ("<article><p>Ministers from Chile and Peru met in Lima on Tuesday to discuss the "
         "border and agreed to meet again next month, officials said.</p>"
         "<p>The talks were the first since the dispute over fishing rights flared.</p></article>")


def page(head: str = "", before: str = "", after: str = "") -> str:
    return (f"<html><head><title>Border talks</title>{head}</head><body>{before}{STORY}"
            f"{after}</body></html>")


@pytest.mark.parametrize("values, day", [
    # one instant twice: the outlet's local time says its day, not UTC
    (["2021-03-04T03:10:00+00:00", "2021-03-03T22:10:00-05:00"], "2021-03-03"),
    (["2021-03-04T03:10:00Z"], "2021-03-04"),
    (["2021-03-04T09:00:00+09:00", "2021-03-04T00:00:00Z"], "2021-03-04"),
    (["not a date", "2021-03-05"], "2021-03-05"),
    (["soon"], None),
])
def test_a_local_time_stamp_beats_a_utc_one(values, day):
    assert pick_meta_date(values) == day


@pytest.mark.parametrize("url, day", [
    ("https://news.example/2019/07/02/border-talks/", "2019-07-02"),
    ("http://www.example.com/2010/WORLD/08/13/talks.resume/index.html", "2010-08-13"),
    ("https://example.org/news/20190702-border-talks", "2019-07-02"),
    ("https://example.org/a/2019-07-02/talks", "2019-07-02"),
    ("https://example.org/2019/13/40/bad", None),
    ("https://example.org/world/border-talks-123456", None),
    (None, None),
])
def test_a_date_in_the_url(url, day):
    assert url_date(url) == day


@pytest.mark.parametrize("html, url, day, source", [
    # metadata, as content= or as value= (some head managers write the latter)
    (page('<meta property="article:published_time" content="2019-07-02T10:00:00+02:00">'),
     None, "2019-07-02", "metadata"),
    (page('<meta name="article:published_time" value="2019-07-02T10:00:00.000Z">'),
     None, "2019-07-02", "metadata"),
    (page('<script type="application/ld+json">{"datePublished": "2019-07-02"}</script>'),
     None, "2019-07-02", "metadata"),
    # no metadata: the URL
    (page(), "https://news.example/2019/07/02/border-talks/", "2019-07-02", "url"),
    # no metadata, no URL date: a byline the page writes around the story
    (page(before='<div class="byline">By Staff Writer | Published July 2, 2019</div>'),
     None, "2019-07-02", "page"),
    (page(after='<div>Tuesday, July 2, 2019</div>'), None, "2019-07-02", "page text"),
    # never a bare year, never the story's own dates, never the clock
    (page(after="<footer>Copyright 2019 Example Media</footer>"), None, None, None),
    (page(), None, None, None),
])
def test_the_page_date_is_read_in_layers(html, url, day, source):
    art = extract_html(html, url=url)
    assert (art.published, art.published_from) == (day, source)


def test_dates_inside_the_story_are_not_its_publication_date():
    story = "".join(f"<p>On March {d}, 2019, negotiators from Chile and Peru met for round {d} "
                    f"of the talks on fishing rights in the border waters.</p>" for d in range(3, 9))
    art = extract_html(f"<html><head><title>Talks</title></head><body><article>{story}"
                       "</article></body></html>")
    assert art.published is None


# ---------------------------------------------------------------- the 40 real pages
def _index():
    path = SHARED / "news" / "html" / "INDEX.tsv"
    if not path.exists():
        return []
    return list(csv.DictReader(path.open(encoding="utf-8"), delimiter="\t"))


def test_real_pages_give_their_checked_publication_dates():
    """The outlet's own date (checked by hand, ../shared/news/PROVENANCE.md) for each of the
    40 real pages, read by path: at least 39 of 40 (a timestamp may sit a time zone away)."""
    rows = _index()
    if not rows:
        pytest.skip("../shared/news/html not found")
    truth = {a["id"]: a["published"] for a in map(json.loads, (SHARED / "news" / "articles.jsonl")
                                                   .open(encoding="utf-8"))}
    wrong = []
    for r in rows:
        docs = list(read_inputs([str(SHARED / "news" / "html" / r["file"])], on_error=print))
        assert len(docs) == 1, r["file"]
        if docs[0].published != truth[r["article_id"]]:
            wrong.append((r["file"], docs[0].published, truth[r["article_id"]]))
    assert len(wrong) <= 1, wrong


# ---------------------------------------------------------------- --published and the summary
def _html_file(tmp_path, name, html):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return path


def test_published_fills_gaps_and_never_overrides_a_page_date(tmp_path):
    dated = _html_file(tmp_path, "dated.html", page(
        '<meta property="article:published_time" content="2019-07-02T10:00:00+02:00">'))
    undated = _html_file(tmp_path, "undated.html", page().replace("Lima", "Quito"))
    docs = {d.path.split("/")[-1]: d for d in read_inputs([dated, undated], published="2019-07-05")}
    assert docs["dated.html"].published == "2019-07-02"
    assert docs["undated.html"].published == "2019-07-05"


def test_published_override_replaces_every_date_and_says_so(tmp_path):
    dated = _html_file(tmp_path, "dated.html", page(
        '<meta property="article:published_time" content="2019-07-02T10:00:00+02:00">'))
    doc, = read_inputs([dated], published=PublishedOption("2019-07-05", override=True))
    assert doc.published == "2019-07-05"
    assert any("2019-07-02 replaced by --published-override 2019-07-05" in n for n in doc.notes)


def test_a_document_without_any_date_gets_a_note(tmp_path):
    doc, = read_inputs([_html_file(tmp_path, "undated.html", page())])
    assert doc.published is None
    assert any(n.startswith("no publication date") for n in doc.notes)


def test_the_run_summaries_warn_about_undated_documents(tmp_path, capsys):
    undated = _html_file(tmp_path, "undated.html", page())
    dated = _html_file(tmp_path, "dated.html", page(
        '<meta property="article:published_time" content="2019-07-02">').replace("Lima", "Quito"))
    db = tmp_path / "t.duckdb"
    assert main(["code", str(undated), str(dated), "--out", str(tmp_path / "out.jsonl")]) == 0
    err = capsys.readouterr().err
    assert "warning: 1 document(s) without a publication date" in err
    assert main(["ingest", str(undated), str(dated), "--db", str(db)]) == 0
    err = capsys.readouterr().err
    assert "1 document(s) without a publication date" in err
    assert main(["summary", "--db", str(db), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["undated"] == 1
    assert main(["summary", "--db", str(db)]) == 0
    assert "without a publication date" in capsys.readouterr().out


def test_published_override_on_the_command_line(tmp_path, capsys):
    dated = _html_file(tmp_path, "dated.html", page(
        '<meta property="article:published_time" content="2019-07-02">'))
    out = tmp_path / "out.jsonl"
    assert main(["code", str(dated), "--published-override", "2019-07-05", "--out", str(out)]) == 0
    assert "replaced by --published-override" in capsys.readouterr().err
    records = [json.loads(line) for line in out.read_text().splitlines()]
    assert records and {r["doc"]["published"] for r in records} == {"2019-07-05"}
    with pytest.raises(SystemExit):   # one or the other
        main(["code", str(dated), "--published", "2019-07-05", "--published-override", "2019-07-06"])
