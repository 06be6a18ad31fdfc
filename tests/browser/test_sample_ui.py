"""The web UI in a real headless Chromium, against a real server on 127.0.0.1.

An analyst's morning: open the events page, narrow it to a dyad, open an event and
read the highlighted sentence, look at the dyad's chart, read the article, glance at
the network. Every page is screenshotted to test-artifacts/screenshots/ for a human
to look at.
"""
from __future__ import annotations

import re
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parent.parent / "test-artifacts" / "screenshots"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def find_chromium() -> str | None:
    for candidate in ("/usr/bin/chromium", "chromium", "chromium-browser", "google-chrome"):
        path = shutil.which(candidate)
        if path:
            return path
    return None


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """uvicorn in a thread, serving a small hand-coded store."""
    import uvicorn

    from eventwire.api import create_app
    from eventwire.web.sample import build

    db = tmp_path_factory.mktemp("e2e") / "sample.duckdb"
    build(str(db))
    port = free_port()
    config = uvicorn.Config(create_app(str(db), token=""), host="127.0.0.1", port=port,
                            log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 120  # a hang guard, not a speed test
    while not srv.started:
        assert thread.is_alive() and time.monotonic() < deadline, "server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    exe = find_chromium()
    if exe is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); "
                    ".ci/run installs it where it can")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=exe, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser, server):
    """A fresh page that records what it asked for and what went wrong."""
    context = browser.new_context(viewport={"width": 1360, "height": 900})
    pg = context.new_page()
    pg.set_default_timeout(60_000)  # a hang guard: the machine may be busy
    pg.requests, pg.errors = [], []
    pg.on("request", lambda r: pg.requests.append(r.url))
    pg.on("pageerror", lambda e: pg.errors.append(str(e)))
    pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
    pg.base = server
    yield pg
    context.close()


def expect(locator):
    # Playwright's polling assertions: no string eval, which our CSP (rightly) forbids.
    from playwright.sync_api import expect as _expect
    return _expect(locator)


def open_view(page, hash_: str, ready: str):
    page.goto(f"{page.base}/{hash_}")
    page.wait_for_selector(f"body[data-ready='{ready}']")


def shot(page, name: str):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_events_page_lists_news_events(page):
    open_view(page, "#/events", "events")
    rows = page.locator("table.events tbody tr")
    assert rows.count() > 10
    assert page.locator("#dbinfo").inner_text().endswith("2017-11-20")
    shot(page, "01-events")
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
    page.click("button:has-text('Apply filters')")
    page.wait_for_url(re.compile(r"#/events\?dyad=CHN%2CPRK"))
    page.wait_for_selector("body[data-ready='events'] table.events")
    dyads = page.locator("table.events td.dyad").all_inner_texts()
    assert dyads and all(re.sub(r"\s+", "", d) == "CHNGOV→PRKGOV" for d in dyads)
    shot(page, "02-events-dyad")

    # The URL carries the filter: reloading it gives the same page.
    page.reload()
    page.wait_for_selector("body[data-ready='events'] table.events")
    assert page.locator("input[name=source]").input_value() == "CHN"

    page.locator("table.events a.event-link").first.click()
    page.wait_for_selector("body[data-ready='event'] article.mention")
    sentence = page.locator("article.mention blockquote.sentence").first
    assert sentence.locator("mark.hl-source").count() == 1
    assert sentence.locator("mark.hl-target").count() == 1
    assert sentence.locator("mark.hl-verb").count() == 1
    assert page.locator("article.mention code.pattern").first.inner_text().startswith("sample:")
    shot(page, "03-event")

    page.click("a:has-text('Dyad chart')")
    page.wait_for_selector("body[data-ready='dyad'] svg.chart rect.bar")
    assert page.locator("svg.chart path.gline").count() == 1
    assert page.locator("svg.chart rect.bar").count() >= 5
    shot(page, "04-dyad-chart")
    assert page.errors == []


def test_event_page_shows_flags_and_attribution(page):
    open_view(page, "#/events?negated=1&q=never", "events")
    page.locator("table.events a.event-link").first.click()
    page.wait_for_selector("body[data-ready='event'] article.mention")
    flags = page.locator("article.mention .flags").first.inner_text()
    assert "negated" in flags and "reported by officials" in flags
    shot(page, "05-event-negated")


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
    shot(page, "06-document")


def test_network_and_stories_views(page):
    open_view(page, "#/network", "network")
    assert page.locator("svg.network path.edge").count() >= 5
    assert page.locator("svg.network g.node").count() >= 5
    shot(page, "07-network")
    open_view(page, "#/stories", "stories")
    assert page.locator("article.card").count() >= 1
    shot(page, "08-stories")
    open_view(page, "#/dyad", "dyad")
    assert page.locator("a:has-text('CHNGOV → PRKGOV')").count() == 1
    shot(page, "09-dyad-chooser")


def test_empty_and_error_states_are_explained(page):
    open_view(page, "#/events?q=no-such-words-anywhere", "events")
    assert "No events match these filters" in page.locator("main").inner_text()
    shot(page, "10-empty")
    open_view(page, "#/event/does-not-exist", "event")
    alert = page.locator("[role=alert]")
    assert "404" in alert.inner_text() and "does-not-exist" in alert.inner_text()
    shot(page, "11-error")


def test_the_ui_works_offline(page):
    """Everything the page loads comes from our server: no CDN, no fonts from elsewhere."""
    open_view(page, "#/dyad/CHN/PRK?by=month", "dyad")
    page.wait_for_selector("svg.chart rect.bar")
    assert page.requests and all(u.startswith(page.base) for u in page.requests), page.requests
