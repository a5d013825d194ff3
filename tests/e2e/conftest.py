"""Browser fixtures: Playwright's sync API driving Debian's Chromium (/usr/bin/chromium).

Playwright cannot download its own browser here, so ``make test`` installs Debian's
Chromium (``scripts/ensure-chromium``) and the tests launch it by path. Without it the
browser tests skip.
"""

from collections.abc import Iterator
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # The machine's network is closed: without these Chromium keeps phoning home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
RESULTS_DIR = Path(__file__).resolve().parents[2] / "test-results"

chromium_missing = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason=f"{CHROMIUM} not found: run `make test` as root or `apt-get install chromium`",
)


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:  # noqa: F821
    """One headless Chromium per test module."""
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an asyncio event loop in the test thread, so Django's
    # async-safety guard would refuse the ORM calls that fixtures make while a browser is
    # open. Allowed only while the browser runs, so the rest of the suite keeps the guard.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            yield browser
            browser.close()


@pytest.fixture
def page(browser):
    """A fresh browser tab (own cookies) per test."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    yield page
    context.close()


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot into test-results/ for a human to look at."""
    RESULTS_DIR.mkdir(exist_ok=True)

    def take(name: str) -> Path:
        path = RESULTS_DIR / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
        return path

    return take
