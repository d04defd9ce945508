"""Real-browser tests: Debian's Chromium driven by Playwright (see docs/pitfalls)."""

import contextlib
import os
import re
from pathlib import Path

import pytest

from tests.browser.idle import close_when_idle

# Playwright's sync API runs an event loop in the test thread; the Django ORM calls the
# tests make around it are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    if not os.path.exists(CHROMIUM):
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium package.")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser, live_server):
    # Set up after the live server, so closed before it and before the database is emptied:
    # a page left open (an autosave timer) could write while the test's data is flushed.
    context = browser.new_context(locale="en-US")
    page = context.new_page()
    yield page
    close_when_idle(context)


# Screenshots of every open page when a browser test fails, kept for CI as artefacts
# (BROWSER_ARTIFACTS, default var/browser-failures/; .ci/run lists them).
ARTIFACTS = Path(os.environ.get("BROWSER_ARTIFACTS", Path(__file__).resolve().parents[2] / "var" / "browser-failures"))


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    chromium = item.funcargs.get("browser") if hasattr(item, "funcargs") else None
    if report.when != "call" or not report.failed or chromium is None:
        return
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    name = re.sub(r"[^A-Za-z0-9_.-]+", "_", item.nodeid)
    shots = []
    for n, open_page in enumerate(page for context in chromium.contexts for page in context.pages):
        path = ARTIFACTS / f"{name}-{n}.png"
        with contextlib.suppress(Exception):  # a page that is already gone has no picture
            open_page.screenshot(path=str(path), full_page=True)
            shots.append(str(path))
    if shots:
        report.sections.append(("browser screenshots", "\n".join(shots)))
