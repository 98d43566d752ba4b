"""Every interactive element can be reached with Tab and shows a visible focus ring.

For each page the test lists the interactive elements a reader can see (links, buttons,
fields, questions...), then presses Tab until focus leaves the page. Every listed element
must be reached. Wherever focus lands, the reader must be able to see it: the element is
in the window and not covered, and its outline or shadow differs from its look without
focus, with a ring of at least 3:1 against what is behind it (WCAG 1.4.11 and 2.4.7).
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import Any

import pytest
from browser_support import DESKTOP, PAGES, PHONE, OpenPage, page_id, wait_for_theme

pytestmark = pytest.mark.browser

KEYBOARD_JS = (Path(__file__).parent / "keyboard.js").read_text(encoding="utf-8")

#: Animations are turned off so each check sees where an element ends up, not a frame of its
#: move (the phone menu slides in when it takes focus).
NO_ANIMATIONS = "*, *::before, *::after { transition: none !important; animation: none !important; }"

#: Ring contrast WCAG asks of a focus indicator against its surroundings.
MIN_RING_CONTRAST = 3.0

MODES = {
    "desktop": {"viewport": DESKTOP, "color_scheme": "light"},
    "phone": {"viewport": PHONE, "color_scheme": "light"},
    "dark-desktop": {"viewport": DESKTOP, "color_scheme": "dark"},
}


def focused(page: Any) -> dict | None:
    """Where focus is now. If the reader cannot see it yet, give the page's script up to a
    second: the theme opens the search box a moment after its field takes focus."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    info = page.evaluate("() => window.__keyboard.focused()")
    if info is not None and not info["visible"]:
        with contextlib.suppress(PlaywrightTimeout):
            page.wait_for_function("() => { const now = window.__keyboard.focused(); return now && now.visible; }", timeout=1000)
        info = page.evaluate("() => window.__keyboard.focused()")
    return info


def tab_through(page: Any, limit: int) -> list[dict]:
    """Press Tab until focus leaves the page or comes back to the first stop."""
    stops: list[dict] = []
    for _ in range(limit):
        page.keyboard.press("Tab")
        info = focused(page)
        if info is None or (stops and info["id"] == stops[0]["id"] and len(stops) > 1):
            break
        stops.append(info)
    return stops


def problems_with(stops: list[dict], unfocused: dict[str, dict]) -> list[str]:
    problems = []
    for stop in stops:
        name = stop["name"]
        if not stop["visible"]:
            problems.append(f"{name}: focused but not visible" + (f" (covered by {stop['coveredBy']})" if stop["coveredBy"] else ""))
        elif not stop["hasRing"]:
            problems.append(f"{name}: no focus ring")
        elif stop["ring"] == unfocused[stop["id"]]:
            problems.append(f"{name}: looks the same with and without focus")
        elif stop["ringContrast"] is not None and stop["ringContrast"] < MIN_RING_CONTRAST:
            problems.append(f"{name}: ring {stop['ring']['outlineColor']} on {stop['behind']} is {stop['ringContrast']:.2f}:1")
    return problems


def check_keyboard(page: Any) -> tuple[list[dict], list[str]]:
    """Tab through the page; return what was never reached and what was reached but not seen."""
    page.add_style_tag(content=NO_ANIMATIONS)
    page.add_script_tag(content=KEYBOARD_JS)
    expected = page.evaluate("() => window.__keyboard.mark()")
    stops = tab_through(page, limit=2 * len(expected) + 20)
    reached = {stop["id"] for stop in stops}
    # Radio buttons of one group are one stop: Tab reaches one, arrow keys the others.
    groups_reached = {item["group"] for item in expected if item["group"] and item["id"] in reached}
    missing = [item for item in expected if item["id"] not in reached and item["group"] not in groups_reached]
    ids = sorted(reached)
    unfocused = dict(zip(ids, page.evaluate("(ids) => window.__keyboard.unfocused(ids)", ids), strict=True))
    return missing, problems_with(stops, unfocused)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_every_interactive_element_is_reached_with_tab_and_shows_focus(path: str, mode: str, open_page: OpenPage) -> None:
    page = open_page(path, **MODES[mode]).page
    missing, problems = check_keyboard(page)
    assert missing == [], f"never reached with Tab on /{path} ({mode}): {[item['name'] for item in missing]}"
    assert problems == [], f"focus not visible on /{path} ({mode}):\n" + "\n".join(problems)


BAD_PAGE = """<!doctype html><html lang="en"><head><title>Keyboard</title><style>
  body { background: #fff; }
  .plain:focus { outline: none; }
  .faint:focus-visible { outline: 3px solid #eee; }
  .good:focus-visible { outline: 3px solid #b34700; outline-offset: 2px; }
</style></head><body><main>
  <a class="good" href="#a">Good</a>
  <a class="plain" href="#b">No ring</a>
  <button class="faint">Faint ring</button>
  <span tabindex="-1">Not in the tab order</span>
  <div tabindex="0" class="good" style="position:absolute; left:-999px">Off screen</div>
  <div class="good" contenteditable="true" style="display:none">Not shown</div>
</main></body></html>"""


def test_the_keyboard_check_finds_missing_rings_faint_rings_and_hidden_stops(open_page: OpenPage) -> None:
    """The check can fail: it names an element without a ring, a faint ring and an unseen stop."""
    page = open_page(None).page
    page.set_content(BAD_PAGE)
    missing, problems = check_keyboard(page)
    assert missing == []
    assert any('"No ring"' in problem and "no focus ring" in problem for problem in problems), problems
    assert any('"Faint ring"' in problem and ":1" in problem for problem in problems), problems
    assert any('"Off screen"' in problem and "not visible" in problem for problem in problems), problems
    assert not any('"Good"' in problem for problem in problems), problems


def test_the_keyboard_check_finds_an_element_tab_cannot_reach(open_page: OpenPage) -> None:
    page = open_page(None).page
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Trap</title></head><body>'
        '<a href="#a">First</a><a href="#b" id="b">Second</a>'
        # A keyboard trap: Tab on the first link does nothing.
        "<script>document.querySelector('a').addEventListener('keydown', "
        "(event) => { if (event.key === 'Tab') event.preventDefault(); });</script></body></html>"
    )
    missing, _ = check_keyboard(page)
    assert [item["name"] for item in missing] == ['<a#b> "Second"']


@pytest.mark.parametrize("how", ["keyboard", "pointer"])
def test_following_a_link_starts_the_new_page_at_its_skip_link(how: str, open_page: OpenPage) -> None:
    """A link to another page of the site loads that page as the browser would: a screen
    reader announces it, and the first Tab reaches "Skip to content" again. The theme's
    instant navigation (navigation.instant) swaps the page in place instead: nothing is
    announced, and the first Tab lands past the skip link, on the header."""
    tab = open_page("stem-cell-therapy/")
    page = tab.page
    page.evaluate("() => { window.hbSamePage = true }")  # gone when a new page loads
    link = page.locator('nav.md-nav a[href$="hip-recovery-timeline/"]').first
    if how == "keyboard":
        link.focus()
        page.keyboard.press("Enter")
    else:
        link.click()
    page.wait_for_url("**/stem-cell-therapy/hip-recovery-timeline/")
    wait_for_theme(page)
    assert page.evaluate("() => window.hbSamePage") is None, "the link was followed without loading the page"
    page.keyboard.press("Tab")
    first = page.evaluate("() => [document.activeElement.matches('.md-skip'), document.activeElement.textContent.trim()]")
    assert first == [True, "Skip to content"], first
