"""Every request a page makes goes to the site's own host, searching included.

`open_page` lists every request a page makes (the browser itself never reaches another
host: it sends such requests to a closed port). Here each page is loaded, searched and
scrolled; besides, every page any browser test opens (phone, dark scheme, no JavaScript,
keyboard) fails its test if it asked another host for anything.
"""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest
from browser_support import PAGES, OpenPage, page_id

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_request_goes_to_the_sites_own_host(path: str, open_page: OpenPage) -> None:
    tab = open_page(path)
    page = tab.page
    # Searching loads the search worker and the search index: from here too.
    page.keyboard.press("/")
    page.keyboard.type("hip")
    page.wait_for_selector(".md-search-result__item", state="attached", timeout=10_000)
    assert any(urlsplit(url).path.endswith("search_index.json") for url in tab.requests), "search did not run"
    page.mouse.wheel(0, 20_000)
    page.wait_for_load_state("networkidle")

    assert tab.requests, "the page made no requests at all: the check saw nothing"
    assert tab.offsite == [], f"/{path} asked other hosts for: {sorted(set(tab.offsite))}"


def test_a_request_to_another_host_is_caught(open_page: OpenPage) -> None:
    """The check can fail: a page that asks another host for a picture is caught."""
    tab = open_page("")
    tab.expect_offsite = True
    tab.page.evaluate(
        """() => new Promise((done) => {
            const image = new Image();
            image.onload = image.onerror = done;
            image.src = "https://example.org/pixel.png";
            document.body.append(image);
        })"""
    )
    assert tab.offsite == ["https://example.org/pixel.png"]
