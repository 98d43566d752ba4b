"""The theme's script starts after the first paint, and the page is then fully set up.

overrides/main.html preloads the theme's script; overrides/assets/js/head.js runs it once
the page is parsed and its first contentful paint is reported, then sends the theme the
DOMContentLoaded event it builds its page stream from (Lighthouse mobile: a deferred
script that arrives before that paint holds back the largest contentful paint). These
tests check the order, that the theme then works as with a deferred script, that the
palette's color-scheme meta element (which head.js holds back while the theme starts)
ends up in the head and follows the palette, and that a page whose theme script fails
to load looks as it does without scripts.
"""

from __future__ import annotations

import pytest
from browser_support import OpenPage

pytestmark = pytest.mark.browser

#: Notes when the theme's script sets window.document$ (it does so as it runs).
RECORD_THEME_START = """
Object.defineProperty(window, "document$", {
  configurable: true,
  set(value) {
    Object.defineProperty(window, "document$", { value, writable: true, configurable: true });
    window.hbThemeRanAt = performance.now();
  },
});
"""

SET_UP = """() => new Promise((resolve) => {
  const started = () => window.document$ && typeof window.document$.subscribe === "function";
  const check = () => {
    if (!started()) return setTimeout(check, 20);
    window.document$.subscribe(() => {
      const root = document.documentElement.classList;
      const paint = performance.getEntriesByName("first-contentful-paint")[0];
      resolve({
        ranAt: window.hbThemeRanAt,
        paintAt: paint ? paint.startTime : null,
        js: root.contains("js") && !root.contains("no-js"),
        switching: document.body.hasAttribute("data-md-color-switching"),
        themeScripts: [...document.scripts].filter((s) => /\\/bundle\\./.test(s.src)).length,
        schemes: [...document.head.querySelectorAll("meta[name=color-scheme]")].map((m) => m.content),
        headPatched: Object.prototype.hasOwnProperty.call(document.head, "appendChild"),
      });
    });
  };
  check();
})"""


@pytest.mark.parametrize("path", ["", "stem-cell-therapy/hip-recovery-timeline/"])
def test_the_theme_script_runs_once_after_the_first_paint(open_page: OpenPage, path: str) -> None:
    tab = open_page(None)
    tab.page.add_init_script(RECORD_THEME_START)
    tab.page.goto(path or "/", wait_until="load")
    state = tab.page.evaluate(SET_UP)
    assert state["paintAt"] is not None and state["ranAt"] is not None
    assert state["ranAt"] > state["paintAt"], "the theme's script ran before the first contentful paint"
    assert state["themeScripts"] == 1
    assert state["js"], "the page is marked as running scripts"
    assert not state["switching"], "transitions are back on once the theme started"
    assert state["schemes"] == ["light"], "the palette's color-scheme meta element is in the head"
    assert not state["headPatched"], "head.js gave the head its own appendChild back"
    if path:
        # The theme set the page up: its back-to-top button shows when the reader scrolls back up.
        tab.page.mouse.wheel(0, 2500)
        tab.page.wait_for_timeout(400)
        tab.page.mouse.wheel(0, -300)
        tab.page.wait_for_selector("[data-md-component=top]:not([hidden])", timeout=3000)


def test_the_color_scheme_meta_element_follows_the_palette(open_page: OpenPage) -> None:
    tab = open_page(None)
    tab.page.goto("/", wait_until="load")
    tab.page.wait_for_function("() => document.querySelector('meta[name=color-scheme]')?.content === 'light'")
    tab.page.locator("[data-md-component=palette] label:visible").click()
    tab.page.wait_for_function("() => document.body.dataset.mdColorScheme === 'slate'")
    schemes = tab.page.evaluate("() => [...document.querySelectorAll('meta[name=color-scheme]')].map((m) => m.content)")
    assert schemes == ["dark"]
    tab.page.evaluate(
        "() => Object.keys(localStorage).filter((key) => key.endsWith('.__palette')).forEach((key) => localStorage.removeItem(key))"
    )


def test_without_the_theme_script_the_page_is_marked_as_without_scripts(open_page: OpenPage) -> None:
    tab = open_page(None)
    tab.page.route("**/assets/javascripts/bundle.*.min.js", lambda route: route.abort())
    tab.page.goto("/", wait_until="load")
    tab.page.wait_for_function("() => document.documentElement.classList.contains('no-js')", timeout=5000)
    assert tab.page.evaluate("() => document.body.hasAttribute('data-md-color-switching')") is False
    assert tab.page.evaluate("() => document.documentElement.classList.contains('js')") is False
