"""An analyst's morning, end to end in headless Chromium, on the demo database coded for
real from samples/ (the sample news is of November 2017; "this week" is the week of the
demo's publication date, 20-26 November 2017):

1. a dyad this week, both directions (then one direction);
2. conflict events with the sentences that say so;
3. paste an article and see its events;
4. download the current view as CSV (and Parquet) and count its rows against the total.

Each test waits on conditions (selectors, the view's data-ready mark, the download),
never on time.
"""
from __future__ import annotations

import csv
import io
import re

import httpx
import pytest

from .webtools import WRITE_TOKEN, expect, open_view, shot, wait_ready

pytestmark = pytest.mark.browser

WEEK = ("2017-11-20", "2017-11-26")


def directions(page) -> set[tuple[str, str]]:
    """(source country, target country) of the rows of the events list on the page."""
    out = set()
    for text in page.locator(".events-list td.dyad").all_inner_texts():
        src, _, tgt = re.sub(r"\s+", "", text).partition("→")
        out.add((src[:3], tgt[:3]))
    return out


def api_total(server, **params) -> int:
    r = httpx.get(f"{server.url}/api/events", params={**params, "limit": 1}, timeout=60)
    assert r.status_code == 200, r.text
    return r.json()["total"]


@pytest.mark.parametrize("width", [1360, 400])
def test_dyad_this_week_in_both_directions(open_page, demo_server, width):
    page = open_page(demo_server, width)
    open_view(page, "#/dyad", "dyad")
    form = page.locator("form[aria-label='Choose a dyad']")
    form.locator("input[name=a]").fill("China")   # names, as an analyst types them
    form.locator("input[name=b]").fill("North Korea")
    form.locator("input[name=from]").fill(WEEK[0])
    form.locator("input[name=to]").fill(WEEK[1])
    form.locator("button:has-text('Show')").click()
    page.wait_for_url(re.compile(r"#/dyad/China/North%20Korea\?by=week&from=2017-11-20&to=2017-11-26"))
    wait_ready(page, "dyad")
    page.wait_for_selector("#dyad-chart svg.chart a.bar-link")
    page.wait_for_selector(".events-list table.events tbody tr")

    # both directions by default: China -> North Korea and North Korea -> China
    assert {("CHN", "PRK"), ("PRK", "CHN")} <= directions(page)
    dates = page.locator(".events-list td.date").all_inner_texts()
    assert dates and all(WEEK[0] <= d <= WEEK[1] for d in dates)
    both = api_total(demo_server, source="CHN", target="PRK", **{"from": WEEK[0], "to": WEEK[1]})
    one = api_total(demo_server, source="CHN", target="PRK", directed="true",
                    **{"from": WEEK[0], "to": WEEK[1]})
    back = api_total(demo_server, source="PRK", target="CHN", directed="true",
                     **{"from": WEEK[0], "to": WEEK[1]})
    assert both == one + back and one and back
    expect(page.locator(".events-list .download-bar .total")).to_have_attribute("data-total", str(both))
    # the chart counts the same events
    expect(page.locator("#dyad-chart")).to_contain_text(f"{both} events over")
    shot(page, "morning-1-dyad-this-week")

    # one direction only: the toggle
    if width < 640:
        page.locator("details.filter-details > summary").click()
    page.locator("form[aria-label='Choose a dyad'] input[name=directed]").check()
    page.locator("form[aria-label='Choose a dyad'] button:has-text('Show')").click()
    page.wait_for_url(re.compile(r"directed=1"))
    wait_ready(page, "dyad")
    page.wait_for_selector(".events-list table.events tbody tr")
    assert directions(page) == {("CHN", "PRK")}
    expect(page.locator(".events-list .download-bar .total")).to_have_attribute("data-total", str(one))
    assert page.errors == []


def test_conflict_events_with_their_sentences(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/events", "events")
    page.select_option("select[name=quad]", "4")  # material conflict: fights, attacks, sanctions
    page.click("button:has-text('Apply filters')")
    page.wait_for_url(re.compile(r"#/events\?quad=4"))
    wait_ready(page, "events")
    page.wait_for_selector(".events-list table.events tbody tr")
    expect(page.locator(".fchip[data-filter=quad]")).to_contain_text("material conflict")
    rows = page.locator(".events-list table.events tbody tr")
    total = api_total(demo_server, quad=4)
    assert rows.count() == min(total, 50) and total > 0
    assert all(c == "material conflict" for c in page.locator(".events-list td.quad").all_inner_texts())
    sentences = page.locator(".events-list td.sentence").all_inner_texts()
    assert all(len(s.strip()) > 20 for s in sentences)  # every event shows the sentence that says so
    shot(page, "morning-2-conflict-events")

    # the event page: the sentence with source, target and verb marked, and where it is from
    rows.first.locator("a.event-link").click()
    wait_ready(page, "event")
    mention = page.locator("article.mention").first
    expect(mention.locator("blockquote.sentence mark.hl-verb")).to_have_count(1)
    assert mention.locator("code.pattern").inner_text().strip() not in ("", "—")
    expect(page.locator(".flags .chip.q4").first).to_be_visible()
    shot(page, "morning-2-conflict-event")
    # back to exactly the filtered list
    page.locator("a.back").click()
    page.wait_for_url(re.compile(r"#/events\?quad=4"))
    wait_ready(page, "events")
    expect(page.locator(".fchip[data-filter=quad]")).to_be_visible()
    assert page.errors == []


# Our own invented article (no evaluation or seed text): two clear, codeable events.
ARTICLE = ("Chile and Peru sign fisheries accord\n\n"
           "LIMA, Nov 23 - The foreign minister of Chile met the foreign minister of Peru in Lima "
           "on Thursday.\n\n"
           "Peru accused Bolivia of blocking the shared river talks, officials said.\n\n"
           "Chile praised Peru for the new fisheries accord.")


@pytest.mark.parametrize("width", [1360, 400])
def test_paste_an_article_and_see_its_events(open_page, write_server, width):
    page = open_page(write_server, width)
    open_view(page, "#/add", "add")
    expect(page.locator(".add-form .note")).to_contain_text("EVENTWIRE_TOKEN")
    title = f"Fisheries accord test article {width}"
    page.fill("input[name=token]", WRITE_TOKEN)
    page.fill("input[name=title]", title)
    page.fill("input[name=url]", f"https://news.example/fisheries-{width}")
    page.fill("input[name=published]", "2017-11-23")
    # one text per run (a text already stored is not stored twice)
    page.fill("textarea[name=text]", f"{ARTICLE}\n\nThe accord covers {width} tonnes of anchovy.")
    page.click("button:has-text('Code and store')")
    page.wait_for_url(re.compile(r"#/doc/[0-9a-f]{16}\?back=%2Fdocs&added=1"))
    wait_ready(page, "doc")
    expect(page.locator("#added-note")).to_contain_text("Added and coded")
    mentions = page.locator("ol.doc-events li").count()
    assert mentions >= 2, page.locator("main").inner_text()
    assert page.locator(".doc-text mark.hl-verb").count() >= 2
    expect(page.locator("article h1")).to_have_text(title)
    expect(page.locator(".doc-meta")).to_contain_text("2017-11-23")
    shot(page, "morning-3-pasted-article")

    # it is in the documents list, with its events counted
    open_view(page, f"#/docs?q={title.replace(' ', '+')}", "docs")
    row = page.locator("table.docs tbody tr")
    expect(row).to_have_count(1)
    # events per document: its canonical events (two mentions of one event count once)
    assert 1 <= int(row.locator("td.num").inner_text()) <= mentions
    assert page.errors == []


def test_adding_needs_the_right_token_and_says_why(open_page, write_server, demo_server):
    page = open_page(write_server, 1360)
    open_view(page, "#/add", "add")
    page.fill("input[name=token]", "not-the-token")
    page.fill("textarea[name=text]", ARTICLE)
    page.click("button:has-text('Code and store')")
    alert = page.locator(".form-error-box [role=alert]")
    expect(alert).to_contain_text("401")
    expect(alert).to_contain_text("token")
    assert page.url.endswith("#/add")  # still on the form, the text kept
    assert page.locator("textarea[name=text]").input_value() == ARTICLE
    shot(page, "add-wrong-token")

    ro = page.context.new_page()
    ro.goto(f"{demo_server.url}/#/add")
    ro.wait_for_selector("body[data-ready='add']")
    expect(ro.locator(".note.warn")).to_contain_text("read-only")
    expect(ro.locator("button:has-text('Code and store')")).to_be_disabled()


@pytest.mark.parametrize("fmt", ["csv", "parquet"])
def test_download_the_current_view_and_count_its_rows(open_page, demo_server, fmt):
    page = open_page(demo_server, 1360)
    # a view with more events than one page: the download must hold all of them
    open_view(page, "#/events?actor=China", "events")
    page.wait_for_selector(".events-list table.events tbody tr")
    expect(page.locator(".fchip[data-filter=actor]")).to_contain_text("China = CHN")
    total = int(page.locator(".events-list .download-bar .total").get_attribute("data-total"))
    assert total == api_total(demo_server, actor="CHN") > 0
    with page.expect_download() as info:
        page.locator(f".events-list a[data-format={fmt}]").click()
    path = info.value.path()
    assert info.value.suggested_filename == f"events.{fmt}"
    if fmt == "csv":
        rows = list(csv.DictReader(io.StringIO(open(path, encoding="utf-8").read())))
        countries = {(r["source_country"], r["target_country"]) for r in rows}
    else:
        import pyarrow.parquet as pq
        table = pq.read_table(path)
        rows = table.to_pylist()
        countries = {(r["source_country"], r["target_country"]) for r in rows}
    assert len(rows) == total
    assert all("CHN" in pair for pair in countries)  # exactly the current filter

    # the whole list, more than a page: "50 of N shown", N rows in the file
    open_view(page, "#/events", "events")
    page.wait_for_selector(".events-list table.events tbody tr")
    total = int(page.locator(".events-list .download-bar .total").get_attribute("data-total"))
    assert total > page.locator(".events-list table.events tbody tr").count()
    with page.expect_download() as info:
        page.locator(f".events-list a[data-format={fmt}]").click()
    if fmt == "csv":
        n = len(list(csv.DictReader(open(info.value.path(), encoding="utf-8"))))
    else:
        import pyarrow.parquet as pq
        n = pq.read_table(info.value.path()).num_rows
    assert n == total
    assert page.errors == []


def test_upload_an_html_file(open_page, write_server, tmp_path):
    """The form's file field: an HTML page is read as `eventwire ingest` reads it (its
    text extracted), with the URL and date typed in the form as provenance."""
    page = open_page(write_server, 1360)
    open_view(page, "#/add", "add")
    paragraphs = "".join(f"<p>{p}</p>" for p in ARTICLE.split("\n\n")[1:])
    html = (f"<html><head><title>Uploaded accord page</title></head><body><nav>Home | World</nav>"
            f"<article><h1>Uploaded accord page</h1>{paragraphs}<p>Uploaded as a file.</p>"
            f"</article><footer>Subscribe to our newsletter</footer></body></html>")
    path = tmp_path / "accord.html"
    path.write_text(html, encoding="utf-8")
    page.fill("input[name=token]", WRITE_TOKEN)
    page.fill("input[name=url]", "https://news.example/uploaded-accord")
    page.fill("input[name=published]", "2017-11-24")
    page.set_input_files("input[name=file]", str(path))
    page.click("button:has-text('Code and store')")
    page.wait_for_url(re.compile(r"#/doc/[0-9a-f]{16}\?back=%2Fdocs&added=1"))
    wait_ready(page, "doc")
    text = page.locator(".doc-text").inner_text()
    assert "met the foreign minister" in text and "newsletter" not in text  # boilerplate gone
    expect(page.locator(".doc-meta")).to_contain_text("2017-11-24")
    expect(page.locator(".doc-meta a")).to_have_attribute("href", "https://news.example/uploaded-accord")
    assert page.locator("ol.doc-events li").count() >= 2
    assert page.errors == []
