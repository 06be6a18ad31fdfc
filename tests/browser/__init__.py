"""Browser tests of the web UI (headless Chromium); a package so that its conftest and
helpers do not shadow tests/conftest.py."""
