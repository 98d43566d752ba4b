"""On a phone, nothing a reader needs is in smaller type than the body text.

The theme draws admonitions (the emergency box), expandable questions, tables and
tooltips at about 0.7 of the body size. Older readers are the most likely to read this
guide, so every piece of text in the content area, and the glossary tooltips, must be at
least as large as body text at 390 px. Footnote marks are the one exception.
"""

from __future__ import annotations

import pytest
from browser_support import DESKTOP, PAGES, PHONE, OpenPage, page_id

pytestmark = pytest.mark.browser

#: The computed size of every element with text of its own that is smaller than body text.
SMALL_TEXT = """() => {
  const body = parseFloat(getComputedStyle(document.querySelector("article p")).fontSize);
  const small = [];
  for (const element of document.querySelectorAll("article *")) {
    if (element.closest("sup.hb-cite")) continue;  // footnote marks
    const text = [...element.childNodes].some((n) => n.nodeType === 3 && n.textContent.trim());
    if (!text || element.closest("[hidden]") || getComputedStyle(element).display === "none") continue;
    const size = parseFloat(getComputedStyle(element).fontSize);
    if (size < body - 0.01) small.push(`${element.tagName.toLowerCase()}.${[...element.classList].join(".")}: ${size}px`);
  }
  return { body, small: [...new Set(small)] };
}"""


@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_no_text_is_smaller_than_body_text_on_a_phone(path: str, open_page: OpenPage) -> None:
    tab = open_page(path, viewport=PHONE)
    found = tab.page.evaluate(SMALL_TEXT)
    assert found["body"] >= 16, f"body text is {found['body']}px"
    assert found["small"] == [], f"smaller than body text ({found['body']}px) on /{path}: {found['small'][:10]}"


def test_glossary_tooltips_are_as_large_as_body_text(open_page: OpenPage) -> None:
    tab = open_page("stem-cell-therapy/recovery/", viewport=PHONE)
    body = tab.page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('article p')).fontSize)")
    word = tab.page.locator("article abbr").first
    word.scroll_into_view_if_needed()
    word.hover()
    tooltip = tab.page.locator(".md-tooltip2").first
    tooltip.wait_for()
    inner = tab.page.evaluate("() => parseFloat(getComputedStyle(document.querySelector('.md-tooltip2__inner')).fontSize)")
    assert inner >= body, f"tooltip text {inner}px, body text {body}px"


#: Phone numbers in running text that a layout has pulled out of their sentence: a link
#: that is a flex or grid item of its paragraph (each word and link becomes a column), or
#: that wraps onto more lines than one ("9 / 1 / 1" stacked in a narrow column).
BROKEN_NUMBERS = """() => {
  const broken = [];
  for (const link of document.querySelectorAll('article a[href^="tel:"]')) {
    if (link.closest("[hidden]") || !link.getClientRects().length) continue;
    const parent = getComputedStyle(link.parentElement).display;
    const lines = link.getClientRects().length;
    const height = link.getBoundingClientRect().height;
    const lineHeight = parseFloat(getComputedStyle(link).fontSize) * 1.8;
    if (/flex|grid/.test(parent) || lines > 1 || height > lineHeight) {
      const where = link.parentElement.textContent.trim().slice(0, 60);
      broken.push(`${link.textContent.trim()} in "${where}": parent ${parent}, ${lines} box(es), ${Math.round(height)}px`);
    }
  }
  return broken;
}"""


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_phone_numbers_stay_in_their_sentence(path: str, viewport: dict[str, int], open_page: OpenPage) -> None:
    """"Call 911" must read as one line: a layout once split the number into one digit per line."""
    tab = open_page(path, viewport=viewport)
    assert tab.page.evaluate(BROKEN_NUMBERS) == []
