"""Pruning the stylesheets (hooks/unused_css.py) changes nothing a reader sees.

Each page is opened twice in the same browser: once as built, once with the theme's full
stylesheets (the installed Material for MkDocs files) served in place of the pruned ones,
and the whole of the site's own stylesheet (overrides/assets/css/site.css, minified as
hooks/inline_assets.py does) inline in place of the page's own share of it.
The computed style of every element and of its ::before and ::after must be the same,
on a desktop in the light scheme and on a phone in the dark scheme, and also with parts
that scripts build: search results, the phone's navigation drawer and a glossary tooltip.
On a few pages (home, a timeline, a decision aid) it must also be the same on paper
(print media), after the reader switches the colour scheme with the header's toggle, and
for each element a reader reaches with Tab, which is when the theme's focus rings apply.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import material
import pytest
from browser_support import DESKTOP, PAGES, PHONE, OpenPage, Tab, page_id, wait_for_theme
from csscompressor import compress

from support import ROOT

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
    "box-shadow", "outline-style", "outline-width", "outline-color", "outline-offset",
    "cursor", "content", "mask-image", "fill",
]  # fmt: skip

#: Transitions would make a style depend on when it is read; both loads turn them off.
NO_MOTION = "*,*::before,*::after{transition:none!important;animation:none!important}"

#: `styles(elements, properties)`: [name, values] for each element and its ::before and ::after.
READ_STYLES = """
    const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
        (typeof el.className === "string" && el.className ? "." + el.className.trim().split(/\\s+/).join(".") : "");
    const styles = (elements, properties) => {
        const out = [];
        for (const el of elements) {
            for (const pseudo of [null, "::before", "::after"]) {
                const style = getComputedStyle(el, pseudo);
                if (pseudo && (style.content === "none" || style.content === "normal")) continue;
                out.push([describe(el) + (pseudo || ""), properties.map((name) => style.getPropertyValue(name))]);
            }
        }
        return out;
    };
"""

COMPUTED_STYLES = "(properties) => {" + READ_STYLES + 'return styles(document.querySelectorAll("body *"), properties); }'

#: The focused element and what its focus can restyle: its contents (`a:focus code`), the
#: next few siblings and theirs (`.md-option.focus-visible+label`), the theme's tooltips
#: (shown on focus) and its ancestors (`:focus-within`). Rules for `:focus-within` set
#: colours and shadows; the ancestors' sizes and offsets are left out, because Chromium
#: reports the header's auto margins as 30px or 0px depending on when the search index
#: arrives (focusing the search box fetches it), whatever the stylesheet.
FOCUSED_STYLES = (
    "(properties) => {"
    + READ_STYLES
    + """
    const focused = document.activeElement;
    if (!focused || focused === document.body) return [];
    const near = new Set();
    const withContents = (el) => { near.add(el); el.querySelectorAll("*").forEach((child) => near.add(child)); };
    withContents(focused);
    for (let el = focused.nextElementSibling, n = 0; el && n < 3; el = el.nextElementSibling, n++) withContents(el);
    document.querySelectorAll(".md-tooltip, .md-tooltip2").forEach(withContents);
    const ancestors = [];
    for (let el = focused.parentElement; el && el !== document.body; el = el.parentElement) ancestors.push(el);
    const layout = /^(top|left|width|height|margin-.*)$/;
    const read = styles([...near], properties);
    read[0][0] = "focused " + read[0][0];
    for (const [name, values] of styles(ancestors, properties)) {
        read.push(["around it " + name, values.map((value, index) => (layout.test(properties[index]) ? "" : value))]);
    }
    return read;
}"""
)


def full_stylesheet(name: str) -> str:
    """The theme's unpruned stylesheet for a pruned one's name (main.<hash>.min.css)."""
    stem = name.split(".", 1)[0]
    (original,) = THEME_STYLESHEETS.glob(f"{stem}.*.min.css")
    return original.read_text(encoding="utf-8")


#: The site's whole stylesheet, as every page carried it before pages kept only their share.
FULL_SITE_CSS = compress((ROOT / "overrides" / "assets" / "css" / "site.css").read_text(encoding="utf-8"))
SITE_CSS_ELEMENT = re.compile(r'(<style id="?hb-site-css"?[^>]*>)(.*?)(</style>)', re.DOTALL)


def serve_full_stylesheets(tab: Tab) -> None:
    def fulfil(route: Any) -> None:
        name = route.request.url.rsplit("/", 1)[-1]
        route.fulfill(status=200, content_type="text/css", body=full_stylesheet(name))

    def fulfil_page(route: Any) -> None:
        response = route.fetch()
        body, found = SITE_CSS_ELEMENT.subn(lambda m: m.group(1) + FULL_SITE_CSS + m.group(3), response.text(), count=1)
        assert found == 1, f"{route.request.url} has no inline site stylesheet"
        route.fulfill(response=response, body=body)

    tab.page.route(re.compile(r".*/assets/stylesheets/[\w-]+\.[0-9a-f]{8}\.min\.css$"), fulfil)
    tab.page.route(re.compile(r"^[^?#]*/(?:index\.html)?(?:[?#].*)?$"), fulfil_page)


def read_styles(tab: Tab, script: str = COMPUTED_STYLES) -> list:
    """Computed styles once two reads 100 ms apart agree (the theme's script sizes some parts after load)."""
    last = tab.page.evaluate(script, PROPERTIES)
    for _ in range(20):
        tab.page.wait_for_timeout(100)
        current = tab.page.evaluate(script, PROPERTIES)
        if current == last:
            return current
        last = current
    return last


def styles_after(tab: Tab, path: str, site_url: str, act: Callable[[Tab], None] | None = None) -> list:
    # A tab behind another one may not render, and the theme's script sizes parts only
    # when the page renders (the sidebars' offset, from the header's height, in print).
    tab.page.bring_to_front()
    tab.page.goto(site_url + path, wait_until="load")
    wait_for_theme(tab.page)
    tab.page.add_style_tag(content=NO_MOTION)
    if act is not None:
        act(tab)
    return read_styles(tab)


def differences(pruned: list, full: list) -> list[str]:
    """Readable lines for each element whose style differs (the first few)."""
    names = ([name for name, _ in pruned], [name for name, _ in full])
    if names[0] != names[1]:
        first = next(((a, b) for a, b in zip(*names, strict=False) if a != b), "one list is longer")
        return [f"the pages did not have the same elements ({len(names[0])} pruned, {len(names[1])} full; first differing: {first})"]
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


#: A few pages with most of what the site shows: the home page, a timeline, a decision aid.
FEW_PAGES = ["", "stem-cell-therapy/hip-recovery-timeline/", "hip-pain/treatment-choices/"]


def case_id(value: str) -> str:
    """Test ids: pages by page_id ('home'), modes and starts as they are."""
    return page_id(value) if value == "" or value.endswith("/") else value


def emulate_print(tab: Tab) -> None:
    tab.page.emulate_media(media="print")


@pytest.mark.parametrize(
    ("path", "mode"),
    [*((path, "desktop-light") for path in FEW_PAGES), ("stem-cell-therapy/hip-recovery-timeline/", "phone-dark")],
    ids=case_id,
)
def test_printed_pages_look_the_same(path: str, mode: str, open_page: OpenPage, site_url: str) -> None:
    compare(open_page, site_url, path, mode, emulate_print)


def switch_palette(tab: Tab) -> None:
    page = tab.page
    scheme = page.evaluate("() => document.body.dataset.mdColorScheme")
    page.locator("[data-md-component=palette] label:visible").click()
    page.wait_for_function("(scheme) => document.body.dataset.mdColorScheme !== scheme", arg=scheme)
    # Leave the toggle and wait for its tooltip to go (250 ms after the pointer leaves).
    page.mouse.move(380, 790)
    page.wait_for_function("() => !document.querySelector('.md-tooltip2--active')")
    # The theme stored the choice; forget it, or the next page opened in this browser
    # context (the other tab of this test, or another test) would start in the other scheme.
    page.evaluate(
        "() => Object.keys(localStorage).filter((key) => key.endsWith('.__palette')).forEach((key) => localStorage.removeItem(key))"
    )


@pytest.mark.parametrize(("path", "mode"), [("", "desktop-light"), *((path, "phone-dark") for path in FEW_PAGES[1:])], ids=case_id)
def test_pages_look_the_same_after_a_palette_switch(path: str, mode: str, open_page: OpenPage, site_url: str) -> None:
    compare(open_page, site_url, path, mode, switch_palette)


#: True once every element that shows a tooltip is the focused one (or its label).
SETTLED_TOOLTIPS = """() => {
    const focused = document.activeElement;
    const own = [focused, ...(focused.labels || [])];
    return [...document.querySelectorAll("[aria-describedby^=__tooltip]")].every((host) => own.includes(host));
}"""

#: What kind of element has focus: its tag, type and classes, and its parent's.
FOCUSED_KIND = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "";
    const kind = (node) =>
        node.tagName.toLowerCase() + (node.type ? "[" + node.type + "]" : "") + "." + [...node.classList].sort().join(".");
    return kind(el) + " in " + kind(el.parentElement);
}"""

#: Tab presses from each start. Styles are read at the first element of each kind (a link
#: in a paragraph, a navigation link, a radio button in a list...): the next ones of that
#: kind have the same rules.
FOCUS_PRESSES = 40

#: Where tabbing starts: the top of the page, the article's heading, the article's first
#: form field or question (summary), which on a decision aid comes after 200 links.
FOCUS_STARTS = {
    "top": None,
    "article": "article h1",
    "fields": "article :is(input, select, textarea, summary)",
}


def styles_while_tabbing(tab: Tab, path: str, site_url: str, start: str) -> list:
    """What Tab focuses, and the styles its focus can change, at each new kind of element."""
    page = tab.page
    page.bring_to_front()
    page.goto(site_url + path, wait_until="load")
    wait_for_theme(page)
    page.add_style_tag(content=NO_MOTION)
    if start == "article":
        # A click on the heading (not a control) makes Tab go on from there.
        page.locator(FOCUS_STARTS[start]).first.click()
        page.mouse.move(380, 790)
    elif start == "fields":
        # Focus the field, then step back: the next Tab reaches it from the keyboard.
        page.locator(FOCUS_STARTS[start]).first.focus()
        page.keyboard.press("Shift+Tab")
    read, kinds = [], set()
    for press in range(1, FOCUS_PRESSES + 1):
        page.keyboard.press("Tab")
        kind = page.evaluate(FOCUSED_KIND)
        if kind in kinds:
            continue
        kinds.add(kind)
        # The tooltip of an element Tab left stays 250 ms: read once only the focused
        # element's own tooltip is up.
        page.wait_for_function(SETTLED_TOOLTIPS)
        read.extend((f"Tab {press}: {name}", values) for name, values in read_styles(tab, FOCUSED_STYLES))
    return read


@pytest.mark.parametrize(
    ("path", "start"),
    # On the timeline the article's first field is the first thing after its heading.
    [*((path, start) for path in FEW_PAGES for start in ("top", "article")), ("hip-pain/treatment-choices/", "fields")],
    ids=case_id,
)
def test_focused_elements_look_the_same(path: str, start: str, open_page: OpenPage, site_url: str) -> None:
    pruned_tab = open_page(None, **MODES["desktop-light"])
    full_tab = open_page(None, **MODES["desktop-light"])
    serve_full_stylesheets(full_tab)
    pruned = styles_while_tabbing(pruned_tab, path, site_url, start)
    full = styles_while_tabbing(full_tab, path, site_url, start)
    rings = [name for name, _ in pruned if ": focused " in name and ".focus-visible" in name]
    assert len(rings) >= 3, f"Tab showed a focus ring (.focus-visible) {len(rings)} times on /{path}: the keyboard did not move focus"
    found = differences(pruned, full)
    assert found == [], f"{len(found)} style differences while tabbing on /{path} from the {start}, first ones:\n" + "\n".join(found[:15])
