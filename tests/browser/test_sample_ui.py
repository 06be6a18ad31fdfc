"""The web UI in a real headless Chromium, against a real server on 127.0.0.1, over the
small hand-coded sample store (tests of the demo database: test_morning.py, test_pages.py).

An analyst's morning: open the events page, narrow it to a dyad, open an event and
read the highlighted sentence, look at the dyad's chart, read the article, glance at
the network. Screenshots go to build/screenshots/sample-*.
"""
from __future__ import annotations

import re

import pytest

from .conftest import Server
from .webtools import expect, open_view, shot, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory, chromium_path):
    """A small hand-coded store (eventwire.web.sample), read-only."""
    from eventwire.api import create_app
    from eventwire.web.sample import build

    db = tmp_path_factory.mktemp("e2e") / "sample.duckdb"
    build(str(db))
    with Server(create_app(str(db), token="")) as srv:
        yield srv


@pytest.fixture
def page(open_page, sample_server):
    return open_page(sample_server, 1360)


def test_events_page_lists_news_events(page):
    open_view(page, "#/events", "events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 10
    assert page.locator("#dbinfo").inner_text().endswith("2017-11-20")
    shot(page, "sample-01-events")
    assert page.errors == []


def test_load_more_appends_the_next_page(page):
    open_view(page, "#/events?limit=10", "events")
    assert page.locator("table.events tbody tr").count() == 10
    page.click("button:has-text('Load more')")
    expect(page.locator("table.events tbody tr")).to_have_count(20)
    ids = page.eval_on_selector_all("table.events tbody tr", "rows => rows.map(r => r.dataset.event)")
    assert len(set(ids)) == 20


def test_filter_by_dyad_then_open_event_and_chart(page):
    open_view(page, "#/events", "events")
    page.fill("input[name=source]", "chn")
    page.fill("input[name=target]", "PRK")
    page.check("input[name=directed]")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url(re.compile(r"#/events\?source=chn&target=PRK&directed=1"))
    wait_ready(page, "events")  # the filtered list, not the one before
    dyads = page.locator("table.events td.dyad").all_inner_texts()
    assert dyads and all(re.sub(r"\s+", "", d) == "CHNGOV→PRKGOV" for d in dyads)
    shot(page, "sample-02-events-dyad")

    # The URL carries the filter: reloading it gives the same page.
    page.reload()
    page.wait_for_selector("body[data-ready='events'] table.events")
    assert page.locator("input[name=source]").input_value() == "chn"
    # the chip says how the server read the lower-case code
    expect(page.locator(".fchip[data-filter=source]")).to_contain_text("CHN")

    page.locator("table.events a.event-link").first.click()
    page.wait_for_selector("body[data-ready='event'] article.mention")
    sentence = page.locator("article.mention blockquote.sentence").first
    assert sentence.locator("mark.hl-source").count() == 1
    assert sentence.locator("mark.hl-target").count() == 1
    assert sentence.locator("mark.hl-verb").count() == 1
    assert page.locator("article.mention code.pattern").first.inner_text().startswith("sample:")
    shot(page, "sample-03-event")

    page.click("a:has-text('Dyad chart')")
    page.wait_for_selector("body[data-ready='dyad'] svg.chart rect.bar")
    assert page.locator("svg.chart path.gline").count() == 1
    assert page.locator("svg.chart rect.bar").count() >= 5
    shot(page, "sample-04-dyad-chart")
    assert page.errors == []


def test_event_page_shows_flags_and_attribution(page):
    open_view(page, "#/events?negated=1&q=never", "events")
    page.locator("table.events a.event-link").first.click()
    page.wait_for_selector("body[data-ready='event'] article.mention")
    flags = page.locator("article.mention .flags").first.inner_text()
    assert "negated" in flags and "reported by officials" in flags
    shot(page, "sample-05-event-negated")


def test_document_reader_highlights_actors_and_the_chosen_event(page):
    open_view(page, "#/events", "events")
    page.locator("table.events a.event-link").first.click()
    page.wait_for_selector("body[data-ready='event'] article.mention")
    page.locator("article.mention .meta a").first.click()
    page.wait_for_selector("body[data-ready='doc'] .doc-text")
    text = page.locator(".doc-text")
    assert text.locator("mark.hl-actor").count() >= 4
    assert text.locator("mark.hl-focus").count() >= 1
    assert page.locator("ol.doc-events li.on").count() == 1
    shot(page, "sample-06-document")


def test_network_and_stories_views(page):
    open_view(page, "#/network", "network")
    assert page.locator("svg.network path.edge").count() >= 5
    assert page.locator("svg.network a.node").count() >= 5
    shot(page, "sample-07-network")
    open_view(page, "#/stories", "stories")
    assert page.locator("article.card").count() >= 1
    shot(page, "sample-08-stories")
    open_view(page, "#/dyad", "dyad")
    assert page.locator("a:has-text('CHNGOV → PRKGOV')").count() == 1
    shot(page, "sample-09-dyad-chooser")


def test_empty_and_error_states_are_explained(page):
    open_view(page, "#/events?q=no-such-words-anywhere", "events")
    assert "No events match these filters" in page.locator("main").inner_text()
    shot(page, "sample-10-empty")
    open_view(page, "#/event/does-not-exist", "event")
    alert = page.locator("[role=alert]")
    assert "404" in alert.inner_text() and "does-not-exist" in alert.inner_text()
    shot(page, "sample-11-error")


def test_the_ui_works_offline(page):
    """Everything the page loads comes from our server: no CDN, no fonts from elsewhere."""
    open_view(page, "#/dyad/CHN/PRK?by=month", "dyad")
    page.wait_for_selector("svg.chart rect.bar")
    assert page.requests and all(u.startswith(page.base) for u in page.requests), page.requests
