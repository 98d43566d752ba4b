"""Constants and small helpers shared by the browser tests and their fixtures."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

from support import doc_urls

if TYPE_CHECKING:
    from playwright.sync_api import Page

#: Window sizes the pages are checked at.
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 390, "height": 844}

#: Every page of the site, and the page readers get for an address that does not exist.
PAGES = [*doc_urls(), "404.html"]


def page_id(path: str) -> str:
    """A short name for a page in test ids and file names: 'home', 'stem-cell-therapy/recovery'."""
    return path.rstrip("/") or "home"


#: Schemes of URLs that never leave the browser.
LOCAL_SCHEMES = ("data:", "blob:", "about:")


@dataclass
class Tab:
    """A page of the served site, and every request it made (the browser blocks other hosts)."""

    page: Page
    #: The site's host and port, like 127.0.0.1:8123.
    origin: str
    requests: list[str] = field(default_factory=list)
    #: Set by a test that makes the page ask another host on purpose.
    expect_offsite: bool = False

    @property
    def offsite(self) -> list[str]:
        """Requests to anywhere but the site's own host."""
        return [
            url
            for url in self.requests
            if not url.startswith(LOCAL_SCHEMES) and not (url.startswith("http://") and urlsplit(url).netloc == self.origin)
        ]


#: open_page(path, viewport=..., color_scheme=..., javascript=...) -> Tab
OpenPage = Callable[..., Tab]


#: True once the theme's script has set the page up. overrides/assets/js/head.js runs that
#: script after the first contentful paint, which a fast machine may report after the load
#: event: so a test that uses the theme's features (or the date tools, which start with
#: it) waits for this after loading a page. The theme's page stream has then sent this
#: page, and each of its listeners (the date tools among them) has run. A page whose
#: scripts do not run (no hb-js class from head.js) is ready as it is.
THEME_READY = """() => {
  if (!document.documentElement.classList.contains("hb-js")) return true;
  const pages = window.document$;
  if (!pages || typeof pages.subscribe !== "function") return false;
  if (!window.hbTestWatch) {
    window.hbTestWatch = "waiting";
    pages.subscribe(() => setTimeout(() => { window.hbTestWatch = "ready"; }));
  }
  return window.hbTestWatch === "ready";
}"""


def wait_for_theme(page: Page) -> None:
    """Wait until the theme's script has set up the page that is loaded (see THEME_READY)."""
    page.wait_for_function(THEME_READY, timeout=15_000)
