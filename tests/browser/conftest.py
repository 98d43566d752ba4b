"""Fixtures for the browser tests: an installed Chromium, driven by Playwright, once per session.

Playwright drives the system's Chromium (never a downloaded browser). Without one, the
tests skip on a developer's machine with a hint on how to install it, and fail on CI.
The built site is served once per session (`site_url`, in tests/conftest.py); tests open
its pages with `open_page`, which lists every request a page makes. The browser sends
requests for any other host to a closed port, so nothing leaves the machine.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import pytest
from browser_support import DESKTOP, OpenPage, Tab, wait_for_theme

from support import ROOT, TEST_OUTPUT, missing_tool

if TYPE_CHECKING:
    from playwright.sync_api import Browser, BrowserContext

#: Environment variables that may name the browser, then commands looked up on PATH.
BROWSER_VARIABLES = ("CHROMIUM", "CHROME_PATH")
BROWSER_COMMANDS = ("chromium", "chromium-browser", "google-chrome")

#: A quiet, offline, headless run: no sandbox (containers, root), no GPU, no requests of
#: the browser's own (updates, sync, first-run pages), temporary files outside /dev/shm.
BROWSER_FLAGS = (
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
)

INSTALL_HINT = (
    "install Chromium (Debian or Ubuntu: `sudo apt-get install chromium`), or set CHROMIUM to the path of a Chromium or Chrome executable"
)

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

SCREENSHOTS = TEST_OUTPUT / "screenshots"


def find_chromium() -> tuple[str | None, str]:
    """The browser to use and where it was found; or None and what was looked at."""
    for variable in BROWSER_VARIABLES:
        value = os.environ.get(variable)
        if value:
            found = shutil.which(value)
            if found:
                return found, f"${variable}"
            return None, f"${variable} is {value!r}, which is not an executable"
    for command in BROWSER_COMMANDS:
        found = shutil.which(command)
        if found:
            return found, f"`{command}` on PATH"
    return None, f"no ${' or $'.join(BROWSER_VARIABLES)} and no {', '.join(BROWSER_COMMANDS)} on PATH"


@pytest.fixture(scope="session")
def chromium_path() -> str:
    path, where = find_chromium()
    if path is None:
        missing_tool(f"No Chromium for the browser tests ({where}): {INSTALL_HINT}")
    assert path is not None
    return path


@pytest.fixture(scope="session")
def browser(chromium_path: str) -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_tool("Playwright for Python is not installed: run `make test`, which installs requirements.lock")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=chromium_path,
            args=list(BROWSER_FLAGS),
            headless=True,
            # Nothing leaves this machine: requests to any host but 127.0.0.1 go to a closed port.
            proxy={"server": "http://127.0.0.1:9", "bypass": "127.0.0.1"},
        )
        try:
            yield launched
        finally:
            launched.close()


@pytest.fixture(scope="session")
def axe_source() -> str:
    """The axe-core script, installed by `npm ci`."""
    if not AXE.is_file():
        missing_tool(f"axe-core is not installed ({AXE.relative_to(ROOT)}): install Node.js and npm, then run `make test`")
    return AXE.read_text(encoding="utf-8")


@pytest.fixture(scope="session")
def screenshots() -> Path:
    """The folder for screenshots people review (test-output/ is gitignored), emptied once per run."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    for old in SCREENSHOTS.glob("*.png"):
        old.unlink()
    return SCREENSHOTS


@pytest.fixture(scope="session")
def contexts(browser: Browser) -> Iterator[dict[tuple, BrowserContext]]:
    """Browser contexts by their settings (window size, colour scheme, JavaScript), made once."""
    made: dict[tuple, BrowserContext] = {}
    yield made
    for context in made.values():
        context.close()


@pytest.fixture
def open_page(contexts: dict[tuple, BrowserContext], browser: Browser, site_url: str) -> Iterator[OpenPage]:
    """Open a page of the served site: open_page(path, viewport=..., color_scheme=..., javascript=...).

    Each page is new; pages with the same settings share a browser context. Every request
    the page makes (its web workers' included) is listed in the returned Tab, and the test
    fails if any went to another host (unless the test set `expect_offsite`).
    """
    tabs: list[Tab] = []

    def open_(
        path: str | None,
        *,
        viewport: dict[str, int] = DESKTOP,
        color_scheme: str = "light",
        javascript: bool = True,
    ) -> Tab:
        key = (viewport["width"], viewport["height"], color_scheme, javascript)
        if key not in contexts:
            contexts[key] = browser.new_context(
                base_url=site_url,
                viewport=viewport,
                color_scheme=color_scheme,  # type: ignore[arg-type]
                java_script_enabled=javascript,
                service_workers="block",
            )
        tab = Tab(page=contexts[key].new_page(), origin=urlsplit(site_url).netloc)
        tabs.append(tab)
        tab.page.on("request", lambda request: tab.requests.append(request.url))
        tab.page.on("websocket", lambda socket: tab.requests.append(socket.url))
        if path is not None:
            tab.page.goto(site_url + path, wait_until="load")
            if javascript:
                wait_for_theme(tab.page)
        return tab

    yield open_
    offsite = sorted({url for tab in tabs if not tab.expect_offsite for url in tab.offsite})
    for tab in tabs:
        tab.page.close()
    # Every page any browser test opens is also a privacy check.
    assert offsite == [], f"a page asked another host for: {offsite}"
