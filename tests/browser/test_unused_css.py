"""Pruning the theme's stylesheets (hooks/unused_css.py) changes nothing a reader sees.

Each page is opened twice in the same browser: once as built, once with the theme's full
stylesheets (the installed Material for MkDocs files) served in place of the pruned ones.
The computed style of every element and of its ::before and ::after must be the same,
on a desktop in the light scheme and on a phone in the dark scheme, and also with parts
that scripts build: search results, the phone's navigation drawer and a glossary tooltip.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import material
import pytest
from browser_support import DESKTOP, PAGES, PHONE, OpenPage, Tab, page_id

pytestmark = pytest.mark.browser

THEME_STYLESHEETS = Path(material.__file__).parent / "templates" / "assets" / "stylesheets"

MODES = {
    "desktop-light": {"viewport": DESKTOP, "color_scheme": "light"},
    "phone-dark": {"viewport": PHONE, "color_scheme": "dark"},
}

#: Properties that decide what a reader sees; layout ones catch a lost rule anywhere above.
PROPERTIES = [
    "display", "visibility", "position", "top", "left", "z-index", "float", "width", "height",
    "margin-top", "margin-right", "margin-bottom", "margin-left",
    "padding-top", "padding-right", "padding-bottom", "padding-left",
    "color", "background-color", "background-image", "opacity", "transform",
    "border-top-width", "border-top-style", "border-top-color",
    "border-bottom-width", "border-bottom-style", "border-bottom-color",
    "border-left-width", "border-left-color", "border-radius",
    "font-family", "font-size", "font-weight", "font-style", "line-height", "letter-spacing",
    "text-align", "text-decoration-line", "text-transform", "white-space", "list-style-type",
    "overflow-x", "overflow-y", "flex-direction", "justify-content", "align-items", "grid-template-columns",
    "box-shadow", "outline-style", "outline-width", "cursor", "content", "mask-image", "fill",
]  # fmt: skip

#: Transitions would make a style depend on when it is read; both loads turn them off.
NO_MOTION = "*,*::before,*::after{transition:none!important;animation:none!important}"

COMPUTED_STYLES = """(properties) => {
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const out = [];
    for (const el of document.querySelectorAll("body *")) {
        for (const pseudo of [null, "::before", "::after"]) {
            const style = getComputedStyle(el, pseudo);
            if (pseudo && (style.content === "none" || style.content === "normal")) continue;
            out.push([describe(el) + (pseudo || ""), properties.map((name) => style.getPropertyValue(name))]);
        }
    }
    return out;
}"""


def full_stylesheet(name: str) -> str:
    """The theme's unpruned stylesheet for a pruned one's name (main.<hash>.min.css)."""
    stem = name.split(".", 1)[0]
    (original,) = THEME_STYLESHEETS.glob(f"{stem}.*.min.css")
    return original.read_text(encoding="utf-8")


def serve_full_stylesheets(tab: Tab) -> None:
    def fulfil(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(status=200, content_type="text/css", body=full_stylesheet(name))

    tab.page.route(re.compile(r".*/assets/stylesheets/[\w-]+\.[0-9a-f]{8}\.min\.css$"), fulfil)


def read_styles(tab: Tab) -> list:
    """Computed styles once two reads 100 ms apart agree (the theme's script sizes some parts after load)."""
    last = tab.page.evaluate(COMPUTED_STYLES, PROPERTIES)
    for _ in range(20):
        tab.page.wait_for_timeout(100)
        current = tab.page.evaluate(COMPUTED_STYLES, PROPERTIES)
        if current == last:
            return current
        last = current
    return last


def styles_after(tab: Tab, path: str, site_url: str, act: Callable[[Tab], None] | None = None) -> list:
    tab.page.goto(site_url + path, wait_until="load")
    tab.page.add_style_tag(content=NO_MOTION)
    if act is not None:
        act(tab)
    return read_styles(tab)


def differences(pruned: list, full: list) -> list[str]:
    """Readable lines for each element whose style differs (the first few)."""
    if [name for name, _ in pruned] != [name for name, _ in full]:
        return ["the pages did not have the same elements"]
    lines = []
    for (name, mine), (_, theirs) in zip(pruned, full, strict=True):
        for prop, a, b in zip(PROPERTIES, mine, theirs, strict=True):
            if a != b:
                lines.append(f"{name}: {prop} is {a!r} pruned, {b!r} with the full stylesheets")
    return lines


def compare(open_page: OpenPage, site_url: str, path: str, mode: str, act: Callable[[Tab], None] | None = None) -> None:
    pruned_tab = open_page(None, **MODES[mode])
    full_tab = open_page(None, **MODES[mode])
    serve_full_stylesheets(full_tab)
    pruned = styles_after(pruned_tab, path, site_url, act)
    full = styles_after(full_tab, path, site_url, act)
    assert len(pruned) > 100, "too few elements read: the page did not load"
    found = differences(pruned, full)
    assert found == [], f"{len(found)} style differences on /{path}, first ones:\n" + "\n".join(found[:15])


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_pruned_theme_css_looks_the_same(path: str, mode: str, open_page: OpenPage, site_url: str) -> None:
    compare(open_page, site_url, path, mode)


def search_for_recovery(tab: Tab) -> None:
    button = tab.page.locator(".md-header label.md-header__button[for=__search]")
    if button.is_visible():
        button.click()
    field = tab.page.locator("input.md-search__input")
    field.click()
    field.press_sequentially("recovery", delay=10)  # the theme searches as keys are typed
    tab.page.locator(".md-search-result__item").first.wait_for()


def open_drawer(tab: Tab) -> None:
    tab.page.locator(".md-header label.md-header__button[for=__drawer]").click()
    # Leave the menu button: whether it still counts as hovered after the drawer opens
    # depends on timing, and its hover style would differ between the two tabs.
    tab.page.mouse.move(380, 800)


def hover_glossary_word(tab: Tab) -> None:
    word = tab.page.locator("article abbr").first
    word.hover()
    tab.page.locator(".md-tooltip2").first.wait_for()


@pytest.mark.parametrize(
    ("case", "path", "mode", "act"),
    [
        ("search-results", "", "desktop-light", search_for_recovery),
        ("search-results-phone", "", "phone-dark", search_for_recovery),
        ("drawer", "stem-cell-therapy/recovery/", "phone-dark", open_drawer),
        ("tooltip", "stem-cell-therapy/recovery/", "desktop-light", hover_glossary_word),
    ],
    ids=lambda value: value if isinstance(value, str) else None,
)
def test_parts_built_by_scripts_look_the_same(
    case: str, path: str, mode: str, act: Callable[[Tab], None], open_page: OpenPage, site_url: str
) -> None:
    compare(open_page, site_url, path, mode, act)
