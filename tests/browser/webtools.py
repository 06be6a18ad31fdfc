"""Helpers of the browser tests (fixtures are in conftest.py)."""
from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SHOTS = ROOT / "build" / "screenshots"   # gitignored; a test run writes every page here
SAMPLES = ROOT / "samples"
DEMO_PUBLISHED = "2017-11-22"  # what `make demo` passes
WRITE_TOKEN = "browser-test-token"
WIDTHS = (400, 1360)
HANG_GUARD_MS = 120_000        # a hang guard for a busy machine, not a speed test


def expect(locator):
    # Playwright's polling assertions: no string eval, which our CSP (rightly) forbids.
    from playwright.sync_api import expect as _expect
    return _expect(locator)


def open_view(page, hash_: str, ready: str):
    """Go to a route and wait until its view says it is ready."""
    page.goto(f"{page.base}/{hash_}")
    wait_ready(page, ready)


def wait_ready(page, ready: str):
    """Wait until the view ``ready`` has rendered the page's current route (``body`` carries
    both). The route is part of the mark: after a move from a list to the same list with
    other filters, the old list's mark must not count. (For such a move, wait_for_url the
    new route first: until the browser has changed the hash, the old page is current.)"""
    page.wait_for_function(
        "v => document.body.dataset.ready === v && document.body.dataset.route === location.hash",
        arg=ready)


def shot(page, name: str) -> Path:
    """A full-page screenshot: build/screenshots/NAME-WIDTH.png."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    path = SHOTS / f"{name}-{page.width}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def overflow_x(page) -> int:
    """How many pixels the page is wider than the viewport (0 when nothing sticks out)."""
    return page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
