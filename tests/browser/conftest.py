"""Shared fixtures of the browser tests: headless Chromium (Debian's /usr/bin/chromium via
Playwright), the demo database built by a real coder run, servers on 127.0.0.1, and
screenshots.

- ``demo_db``: ``eventwire ingest samples/ --published 2017-11-22`` (what `make demo`
  runs), once per test session: the spaCy pipeline really codes the sample articles.
- ``demo_server``: that database, read-only. ``write_server``: a copy of it, with a
  write token (the "add an article" tests change it). ``disputes_server``: a copy plus
  two invented articles that contradict each other. ``month_server``: a copy plus an
  invented article with an event dated only to its month.
- ``open_page(server, width)``: a fresh page at a viewport width (400 or 1360 px) that
  records what it loaded and every error.
Helpers (open_view, shot, expect, ...) are in webtools.py.

Every wait is on a condition (a selector, the view's ready mark for the current route
(webtools.wait_ready), a download),
never on time; the timeouts are hang guards for a busy machine, not speed tests.
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time

import pytest

from .webtools import DEMO_PUBLISHED, HANG_GUARD_MS, SAMPLES, WRITE_TOKEN

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync",
                 "--disable-dev-shm-usage"]


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


class Server:
    """uvicorn in a thread on 127.0.0.1 (stopped by the fixture that started it)."""

    def __init__(self, app):
        import uvicorn

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.app = app
        self._srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=self.port,
                                                  log_level="warning"))
        self._thread = threading.Thread(target=self._srv.run, daemon=True)

    def __enter__(self):
        self._thread.start()
        deadline = time.monotonic() + 120  # a hang guard, not a speed test
        while not self._srv.started:
            assert self._thread.is_alive() and time.monotonic() < deadline, "server did not start"
            time.sleep(0.05)
        return self

    def __exit__(self, *exc):
        self._srv.should_exit = True
        self._thread.join(timeout=30)
        self.app.state.store_handle.close()


@pytest.fixture(scope="session")
def chromium_path():
    exe = find_chromium()
    if exe is None and os.environ.get("CI"):
        # CI must run the browser tests (issue 18's acceptance), never skip them quietly
        pytest.fail("no Chromium in CI: .ci/run installs Debian's chromium (apt-get install chromium)")
    if exe is None:
        pytest.skip("no Chromium on this machine (Debian: apt-get install chromium); "
                    ".ci/run installs it where it can")
    return exe


@pytest.fixture(scope="session")
def browser(chromium_path):
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium_path, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory, chromium_path):
    """The demo database, coded for real from samples/ (once per session)."""
    from eventwire.cli import main

    db = tmp_path_factory.mktemp("demo") / "eventwire.duckdb"
    status = main(["ingest", str(SAMPLES), "--db", str(db), "--published", DEMO_PUBLISHED])
    assert status == 0 and db.exists(), f"eventwire ingest samples/ failed ({status})"
    return db


@pytest.fixture(scope="session")
def demo_server(demo_db):
    from eventwire.api import create_app

    with Server(create_app(str(demo_db), token="")) as srv:
        yield srv


@pytest.fixture(scope="session")
def write_server(demo_db, tmp_path_factory):
    """A writable server (token) on a copy of the demo database: the real coder codes
    what the page sends."""
    from eventwire.api import create_app

    copy = tmp_path_factory.mktemp("demo-write") / "eventwire.duckdb"
    shutil.copy(demo_db, copy)
    with Server(create_app(str(copy), token=WRITE_TOKEN)) as srv:
        yield srv


# Two invented articles that take opposite stances on one named proposal (the demo news
# holds no such pair once its actors are resolved): the contradictions page has something to show.
DISPUTE = {
    "endorse.txt": "BERLIN, Nov. 20 -- Germany endorsed the Minsk agreement as the way to end the "
                   "fighting in eastern Ukraine, its foreign minister said on Monday.\n",
    "reject.txt": "MOSCOW, Nov. 21 -- Russia rejected the Minsk agreement on Tuesday, a day after "
                  "Berlin had backed it.\n",
}


def coded_copy(demo_db, tmp_path_factory, name: str, articles: dict):
    """A copy of the demo database plus ``articles`` (file name -> text), coded for real."""
    from eventwire.cli import main

    folder = tmp_path_factory.mktemp(name)
    copy = folder / "eventwire.duckdb"
    shutil.copy(demo_db, copy)
    (folder / "in").mkdir()
    for file, text in articles.items():
        (folder / "in" / file).write_text(text, encoding="utf-8")
    assert main(["ingest", str(folder / "in"), "--db", str(copy), "--published", DEMO_PUBLISHED]) == 0
    return copy


@pytest.fixture(scope="session")
def disputes_server(demo_db, tmp_path_factory):
    """A read-only server on a copy of the demo database plus DISPUTE, coded for real."""
    from eventwire.api import create_app

    with Server(create_app(str(coded_copy(demo_db, tmp_path_factory, "disputes", DISPUTE)), token="")) as srv:
        yield srv


# An invented article with one event known only to its month and one known to the day.
MONTH_ONLY = {
    "pact.txt": "PARIS, Nov. 22 -- France signed a defence agreement with Portugal in October, "
                "the French government said on Wednesday.\n"
                "The French foreign minister met his Portuguese counterpart in Lisbon on Tuesday.\n",
}


@pytest.fixture(scope="session")
def month_server(demo_db, tmp_path_factory):
    """A read-only server on a copy of the demo database plus MONTH_ONLY, coded for real."""
    from eventwire.api import create_app

    with Server(create_app(str(coded_copy(demo_db, tmp_path_factory, "month-only", MONTH_ONLY)), token="")) as srv:
        yield srv


@pytest.fixture
def open_page(browser):
    """open_page(server, width=1360) -> a fresh Playwright page (closed after the test)."""
    contexts = []

    def make(server, width: int = 1360, height: int = 900):
        context = browser.new_context(viewport={"width": width, "height": height},
                                      accept_downloads=True)
        contexts.append(context)
        pg = context.new_page()
        pg.set_default_timeout(HANG_GUARD_MS)
        pg.requests, pg.errors = [], []
        pg.on("request", lambda r: pg.requests.append(r.url))
        pg.on("pageerror", lambda e: pg.errors.append(str(e)))
        pg.on("console", lambda m: pg.errors.append(m.text) if m.type == "error" else None)
        pg.base, pg.width = server.url, width
        return pg

    yield make
    for c in contexts:
        c.close()
