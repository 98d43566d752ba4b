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
