"""With JavaScript turned off, every page shows all its content.

Timelines, care cards, care levels, tables and every other block of an article are
there and visible; each question's answer is in the page, hidden until its question is
opened, and opening it shows it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import PAGES, OpenPage, page_id

from support import html_pages, main_content, page_url, soup

pytestmark = pytest.mark.browser

#: The site's widgets, by what a reader would call them.
WIDGETS = {
    "timeline items": ".hb-timeline__item",
    "care cards": ".hb-card",
    "care levels": ".hb-level",
    "symptoms": "[data-symptom]",
    "evidence summaries": ".hb-evidence__item",
    "tables": "table",
    "questions": "details.hb-faq",
    "sources": "[data-list] li",
}

#: Blocks that hold text. Inside a closed question only the question itself shows; blocks
#: the page's HTML marks `hidden` (such as extra search words) are not for display at all.
TEXT_BLOCKS = "h1, h2, h3, h4, h5, h6, p, li, dt, dd, th, td, caption, summary, blockquote"

HIDDEN_BLOCKS = """(selector) => {
    const article = document.querySelector("article.md-content__inner");
    const hidden = [];
    for (const element of article.querySelectorAll(selector)) {
        const closed = element.closest("details:not([open])");
        if (closed && !element.closest("summary")) continue;
        if (element.closest("[hidden]")) continue;  // hidden in the markup on purpose, script or not
        const box = element.getBoundingClientRect();
        if (!element.innerText.trim() && !element.querySelector("img, svg")) continue;
        if (box.width < 1 || box.height < 1 || !element.checkVisibility({opacityProperty: true, visibilityProperty: true})) {
            hidden.push(element.outerHTML.slice(0, 120));
        }
    }
    return hidden;
}"""


def widgets_in(site: Path, path: str) -> dict[str, int]:
    """How many of each widget the built page holds."""
    article = main_content(soup(site / (path if path.endswith(".html") else path + "index.html")))
    return {name: len(article.select(selector)) for name, selector in WIDGETS.items()}


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_block_of_the_article_shows_without_javascript(path: str, open_page: OpenPage, site: Path) -> None:
    page = open_page(path, javascript=False).page
    assert page.evaluate("() => document.documentElement.classList.contains('no-js')"), "JavaScript ran"

    for name, selector in WIDGETS.items():
        expected = widgets_in(site, path)[name]
        shown = page.locator(f"article.md-content__inner {selector}")
        assert shown.count() == expected
        for index in range(expected):
            assert shown.nth(index).is_visible(), f"{name} #{index + 1} on /{path} is hidden without JavaScript"

    hidden = page.evaluate(HIDDEN_BLOCKS, TEXT_BLOCKS)
    assert hidden == [], f"blocks of /{path} hidden without JavaScript: {hidden}"

    # Each answer is in the page, closed until its question is opened; opening shows it.
    questions = page.locator("article.md-content__inner details.hb-faq")
    for index in range(questions.count()):
        question = questions.nth(index)
        answer = question.locator(".hb-faq__answer")
        assert answer.text_content().strip(), "the answer is in the page"
        assert question.get_attribute("open") is None and not answer.is_visible(), "closed until asked"
        question.locator("summary").click()
        assert question.get_attribute("open") is not None
        assert answer.is_visible(), f"answer #{index + 1} on /{path} does not show when its question is opened"


def test_the_widget_checks_cover_every_kind_of_widget(site: Path) -> None:
    """Each widget the no-JavaScript test looks for is on at least one page, so each is tested."""
    found = {name: 0 for name in WIDGETS}
    for page in html_pages(site):
        for name, count in widgets_in(site, page_url(site, page)).items():
            found[name] += count
    assert all(found.values()), f"never on any page: {[name for name, count in found.items() if not count]}"
