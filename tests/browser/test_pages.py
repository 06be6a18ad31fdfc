"""Every page of the web UI at 400 px (a phone) and 1360 px (a laptop), on the demo
database: it renders without errors, nothing sticks out sideways, and a screenshot goes
to build/screenshots/ (NAME-400.png, NAME-1360.png). Then what the issue asked of the
pages: filters shown as removable chips, names accepted, keyboard access to chart bars,
network nodes and map points, Swagger UI offline.
"""
from __future__ import annotations

import re

import httpx
import pytest

from .webtools import WIDTHS, expect, open_view, overflow_x, shot, wait_ready

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def ids(demo_server):
    """An event, its document, a story: ids of the demo database, from the API."""
    ev = httpx.get(f"{demo_server.url}/api/events", params={"quad": 4, "limit": 1}, timeout=60).json()
    event = ev["events"][0]
    return {"event": event["canonical_event_id"], "doc": event["doc_id"]}


PAGES = [
    # (screenshot name, route, view that must say ready, selector that must be there[, server])
    ("events", "#/events", "events", ".events-list table.events tbody tr"),
    ("events-filtered", "#/events?country=PRK&quad=4", "events", ".fchip[data-filter=country]"),
    ("event", "#/event/{event}", "event", "article.mention blockquote.sentence"),
    ("document", "#/doc/{doc}", "doc", ".doc-text mark"),
    ("dyads", "#/dyad", "dyad", "form[aria-label='Choose a dyad']"),
    ("dyad-chart", "#/dyad/USA/CHN?by=day", "dyad", "#dyad-chart svg.chart a.bar-link"),
    ("map", "#/map", "map", "svg.map a.place circle"),
    ("documents", "#/docs", "docs", "table.docs tbody tr"),
    ("add-article", "#/add", "add", "form.add-form textarea"),
    ("network", "#/network", "network", "svg.network a.node"),
    ("network-dates", "#/network?from=2017-11-20&to=2017-11-26", "network", ".fchip[data-filter=from]"),
    ("stories", "#/stories", "stories", "article.card"),
    ("stories-dates", "#/stories?from=2017-11-20&to=2017-11-26", "stories", ".fchip[data-filter=from]"),
    ("contradictions", "#/contradictions", "contradictions", "article.contradiction", "disputes_server"),
    ("contradictions-none", "#/contradictions", "contradictions", ".state.empty"),
    ("contradictions-dates", "#/contradictions?from=2017-11-21&to=2017-11-21", "contradictions",
     "article.contradiction", "disputes_server"),
]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("page_spec", PAGES, ids=[p[0] for p in PAGES])
def test_every_page_at_phone_and_laptop_width(request, open_page, ids, width, page_spec):
    name, route, ready, selector, *server = page_spec
    page = open_page(request.getfixturevalue(server[0] if server else "demo_server"), width)
    open_view(page, route.format(**ids), ready)
    page.wait_for_selector(selector)
    page.wait_for_load_state("networkidle")
    assert overflow_x(page) <= 0, f"{name} at {width}px is wider than the screen"
    if width == 400:  # the top bar wraps instead of hiding the views
        for link in page.locator("header.topbar nav a").all():
            box = link.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width
    shot(page, name)
    assert page.errors == []
    assert all(u.startswith(page.base) for u in page.requests), "something loaded from elsewhere"


def test_active_filters_are_chips_that_can_be_removed(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/events?country=PRK&quad=4", "events")
    chips = page.locator(".chips .fchip")
    expect(chips).to_have_count(2)
    expect(page.locator(".fchip[data-filter=country]")).to_have_text(re.compile("Country: PRK"))
    expect(page.locator(".fchip[data-filter=quad]")).to_contain_text("4 material conflict")
    total = int(page.locator(".download-bar .total").get_attribute("data-total"))
    page.locator(".fchip[data-filter=country] button.x").click()
    page.wait_for_url(re.compile(r"#/events\?quad=4$"))
    wait_ready(page, "events")
    expect(page.locator(".chips .fchip")).to_have_count(1)
    page.wait_for_selector(".download-bar .total[data-total]")
    assert int(page.locator(".download-bar .total").get_attribute("data-total")) >= total


def test_names_are_accepted_and_suggested(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/events", "events")
    box = page.locator("form.filters input[name=actor]")
    box.fill("Chin")
    # suggestions from the actor table: the country first
    page.wait_for_selector("datalist option[value='CHN']", state="attached")
    box.fill("China")
    page.click("button:has-text('Apply filters')")
    page.wait_for_url(re.compile(r"#/events\?actor=China"))
    wait_ready(page, "events")
    expect(page.locator(".fchip[data-filter=actor]")).to_contain_text("China = CHN")
    dyads = page.locator(".events-list td.dyad").all_inner_texts()
    assert dyads and all("CHN" in d for d in dyads)


def test_back_links_keep_the_filters(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/events?actor=USA&from=2017-11-01", "events")
    page.locator(".events-list a.event-link").first.click()
    wait_ready(page, "event")
    page.locator("article.mention .meta a").first.click()  # on to the article
    wait_ready(page, "doc")
    page.locator("a.back").click()                        # back to the event
    wait_ready(page, "event")
    page.locator("a.back").click()                        # back to the filtered list
    page.wait_for_url(re.compile(r"#/events\?actor=USA&from=2017-11-01$"))
    wait_ready(page, "events")
    expect(page.locator(".chips .fchip")).to_have_count(2)


def _tab_to(page, selector: str, limit: int = 400):
    """Press Tab until the focused element matches ``selector`` (keyboard reachability)."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("s => !!document.activeElement && document.activeElement.matches(s)", selector):
            return
    raise AssertionError(f"{selector} cannot be reached with Tab")


def test_chart_bars_are_links_for_mouse_and_keyboard(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/dyad/USA/CHN?by=week", "dyad")
    page.wait_for_selector("#dyad-chart a.bar-link")
    _tab_to(page, "#dyad-chart a.bar-link")
    label = page.evaluate("() => document.activeElement.getAttribute('aria-label')")
    assert re.search(r"week of \d{4}-\d\d-\d\d: \d+ events?", label)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"#/events\?source=USA&target=CHN&from=\d{4}-\d\d-\d\d&to=\d{4}-\d\d-\d\d"))
    wait_ready(page, "events")
    shown = int(page.locator(".download-bar .total").get_attribute("data-total"))
    assert shown == int(re.search(r": (\d+) event", label).group(1))  # the bar's events, no more

    open_view(page, "#/dyad/USA/CHN?by=week", "dyad")  # and with the mouse
    page.locator("#dyad-chart a.bar-link").first.click()
    page.wait_for_url(re.compile(r"#/events\?source=USA&target=CHN&from="))


@pytest.mark.parametrize("view,link,key,param", [
    ("network", "svg.network a.node", "node", "actor"),   # an actor: its events
    ("map", "svg.map a.place", "place", "place"),         # a place: the events there
])
def test_network_nodes_and_map_points_by_keyboard(open_page, demo_server, view, link, key, param):
    page = open_page(demo_server, 1360)
    open_view(page, f"#/{view}", view)
    page.wait_for_selector(link)
    _tab_to(page, link)
    value = page.evaluate("k => document.activeElement.dataset[k]", key)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"#/events\?{param}={re.escape(value)}$"))
    wait_ready(page, "events")
    expect(page.locator(f".fchip[data-filter={param}]")).to_be_visible()
    assert int(page.locator(".download-bar .total").get_attribute("data-total")) >= 1


def test_map_draws_the_offline_outline_and_says_what_is_left_out(open_page, demo_server):
    page = open_page(demo_server, 1360)
    open_view(page, "#/map?actor=China", "map")
    page.wait_for_selector("svg.map path.country")
    assert page.locator("svg.map path.country").count() > 150
    coverage = page.locator("#map-coverage").inner_text()
    located, total = map(int, re.search(r"(\d+) of (\d+) events have a place", coverage).groups())
    assert 0 < located <= total
    circles = page.locator("svg.map a.place")
    r = httpx.get(f"{demo_server.url}/api/places", params={"actor": "China"}, timeout=60).json()
    assert circles.count() == r["total"] and r["events_located"] == located
    assert all(u.startswith(page.base) for u in page.requests)  # no tile server


@pytest.mark.parametrize("width", WIDTHS)
def test_swagger_ui_is_served_offline(open_page, demo_server, width):
    page = open_page(demo_server, width)
    page.goto(f"{demo_server.url}/docs")
    page.wait_for_selector(".swagger-ui .opblock-tag")
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    assert page.get_by_text("/api/events").count() >= 1
    shot(page, "api-docs")
    assert all(u.startswith(page.base) for u in page.requests), page.requests
    assert page.errors == []


@pytest.mark.parametrize("view", ["network", "stories", "contradictions"])
def test_date_range_on_the_pages_without_other_filters(open_page, disputes_server, view):
    """Network, stories and contradictions: the dates typed in the form become chips, the
    list and its download count only what is within them, and a chip removes its date."""
    page = open_page(disputes_server, 1360)
    open_view(page, f"#/{view}", view)
    page.wait_for_selector(".download-bar .total[data-total]")
    every = int(page.locator(".download-bar .total").get_attribute("data-total"))
    form = page.locator("form.filters")
    form.locator("input[name=from]").fill("2017-11-21")
    form.locator("input[name=to]").fill("2017-11-21")
    form.locator("button[type=submit]").click()
    page.wait_for_url(re.compile(rf"#/{view}\?(.*&)?from=2017-11-21&to=2017-11-21"))
    wait_ready(page, view)
    expect(page.locator(".fchip[data-filter=from]")).to_be_visible()
    page.wait_for_selector(".download-bar .total[data-total]")
    some = int(page.locator(".download-bar .total").get_attribute("data-total"))
    api = {"network": "network", "stories": "stories", "contradictions": "contradictions"}[view]
    answer = httpx.get(f"{disputes_server.url}/api/{api}",
                       params={"from": "2017-11-21", "to": "2017-11-21"}, timeout=60).json()
    assert some == answer["total"] and 0 < some <= every
    href = page.locator(".download-bar a[data-format=csv]").get_attribute("href")
    assert "from=2017-11-21" in href and "to=2017-11-21" in href
    page.locator(".fchip[data-filter=to] button.x").click()
    page.wait_for_url(lambda url: "from=2017-11-21" in url and "to=" not in url)
    wait_ready(page, view)
    assert page.errors == []


def test_an_event_known_only_to_its_month_is_shown_as_the_month(open_page, month_server):
    """A date known to the month is "2017-10" in the events table and on the event's page,
    never "2017-10-01"; the dyad chart leaves it out of its bars and says so under them."""
    page = open_page(month_server, 1360)
    open_view(page, "#/events?source=FRA&target=PRT&directed=1", "events")
    dates = page.locator("table.events td.date").all_inner_texts()
    assert "2017-10" in dates and "2017-11-21" in dates, dates
    assert not any(d.startswith("2017-10-") for d in dates), dates
    page.locator("table.events tr", has_text="2017-10").locator("a.event-link").click()
    wait_ready(page, "event")
    expect(page.locator("dl.facts")).to_contain_text("2017-10")
    assert "2017-10-01" not in page.locator("dl.facts").inner_text()
    open_view(page, "#/dyad/FRA/PRT?by=day&directed=1", "dyad")
    expect(page.locator("#dyad-imprecise")).to_contain_text("dated only to the month")
    expect(page.locator("#dyad-imprecise")).to_contain_text("2017-10: 1")
    assert page.errors == []
