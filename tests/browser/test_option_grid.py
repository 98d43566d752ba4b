"""The option grid reads on any screen without sideways scrolling, and its answers line up.

On a phone the option cards stack, one option at a time; on a wide screen they sit side
by side and each question's answers line up in a row, so options can be compared along
it. Screenshots at phone and desktop widths are saved in test-output/screenshots for
review. The choices of "what matters to me" work with the keyboard alone.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from browser_support import DESKTOP, PHONE, OpenPage

from support import doc_url

pytestmark = pytest.mark.browser

DECISION_PAGES = [doc_url(path) for path in ("hip-pain/treatment-choices.md", "back-pain/treatment-choices.md")]
SMALL_PHONE = {"width": 320, "height": 640}
TABLET = {"width": 768, "height": 1024}

#: Anything inside the page wider than the window, or any box whose content overflows it.
OVERFLOW = """() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const element of document.querySelectorAll(".hb-options, .hb-options *")) {
    if (element.closest(".hb-visually-hidden")) continue;  // clipped on purpose, for screen readers
    const box = element.getBoundingClientRect();
    if (box.width === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) wide.push(element.tagName + "." + element.className);
    const style = getComputedStyle(element);
    if (element.scrollWidth > element.clientWidth + 1 && style.overflowX !== "visible") wide.push("scrolls: " + element.className);
  }
  return { page: document.scrollingElement.scrollWidth - width, wide: [...new Set(wide)].slice(0, 10) };
}"""

#: The top of each card, and of each of its rows, by option id.
ROWS = """() => Object.fromEntries([...document.querySelectorAll(".hb-option")].map((card) => [
  card.dataset.option,
  { top: card.getBoundingClientRect().top, left: card.getBoundingClientRect().left, width: card.getBoundingClientRect().width,
    rows: Object.fromEntries([...card.querySelectorAll(".hb-option__row")]
      .map((row) => [row.dataset.question, row.getBoundingClientRect().top])) },
]))"""


@pytest.mark.parametrize("viewport", [SMALL_PHONE, PHONE, TABLET, DESKTOP], ids=lambda v: f"{v['width']}px")
@pytest.mark.parametrize("path", DECISION_PAGES)
def test_the_option_grid_needs_no_sideways_scrolling(
    path: str, viewport: dict[str, int], open_page: OpenPage, screenshots: Path
) -> None:
    tab = open_page(path, viewport=viewport)
    found = tab.page.evaluate(OVERFLOW)
    assert found["page"] <= 0, f"the page scrolls sideways by {found['page']}px at {viewport['width']}px"
    assert found["wide"] == [], f"wider than the window at {viewport['width']}px: {found['wide']}"
    if viewport in (PHONE, DESKTOP):
        name = path.strip("/").replace("/", "-")
        tab.page.locator(".hb-options").screenshot(path=screenshots / f"option-grid-{name}-{viewport['width']}px.png")


@pytest.mark.parametrize("path", DECISION_PAGES)
def test_on_a_phone_the_cards_stack_one_option_at_a_time(path: str, open_page: OpenPage) -> None:
    tab = open_page(path, viewport=PHONE)
    cards = tab.page.evaluate(ROWS)
    lefts = {round(card["left"]) for card in cards.values()}
    assert len(lefts) == 1, f"cards sit side by side on a phone: {lefts}"
    content = tab.page.evaluate("() => document.querySelector('.hb-options').getBoundingClientRect().width")
    assert all(card["width"] >= content - 1 for card in cards.values())


@pytest.mark.parametrize("path", DECISION_PAGES)
def test_on_a_wide_screen_cards_sit_side_by_side_with_their_answers_in_rows(path: str, open_page: OpenPage) -> None:
    tab = open_page(path, viewport=DESKTOP)
    cards = tab.page.evaluate(ROWS)
    rows: dict[int, list[dict]] = {}
    for card in cards.values():
        rows.setdefault(round(card["top"]), []).append(card)
    assert max(len(row) for row in rows.values()) >= 2, "the cards do not sit side by side on a wide screen"
    for row in rows.values():
        for question in row[0]["rows"]:
            tops = {round(card["rows"][question]) for card in row}
            assert len(tops) == 1, f'"{question}" answers do not line up across a row of cards: {tops}'


def test_what_matters_can_be_chosen_with_the_keyboard_alone(open_page: OpenPage) -> None:
    tab = open_page(DECISION_PAGES[0], viewport=PHONE)
    first = tab.page.locator(".hb-value input[type=radio]").first
    first.focus()
    tab.page.keyboard.press("Space")
    assert first.is_checked()
    tab.page.keyboard.press("ArrowRight")
    second = tab.page.locator(".hb-value").first.locator("input[type=radio]").nth(1)
    assert second.is_checked() and not first.is_checked()
