"""axe-core finds no WCAG 2.0/2.1/2.2 A or AA problem, and no best-practice problem, on any page.

Each page is checked on a desktop and a phone screen in the light scheme, and on a desktop
screen in the dark scheme. A screenshot of each page at both widths is saved under
test-output/screenshots/ for people to review. The last tests show that the site's fixes
for the theme's own problems (the search dialog's name, links told apart by colour only)
are what make the pages pass.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from browser_support import DESKTOP, PAGES, PHONE, OpenPage, page_id

pytestmark = pytest.mark.browser

#: The rules the issue asks for: WCAG 2.0, 2.1 and 2.2 at A and AA, plus best practice.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

MODES = {
    "desktop": {"viewport": DESKTOP, "color_scheme": "light"},
    "phone": {"viewport": PHONE, "color_scheme": "light"},
    "dark-desktop": {"viewport": DESKTOP, "color_scheme": "dark"},
}


def run_axe(page: Any, axe_source: str, run_only: dict[str, Any] | None = None) -> list[dict]:
    """The violations axe finds on the page, each with the elements at fault."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=axe_source)
    return page.evaluate(
        """async (runOnly) => {
            const results = await axe.run(document, {runOnly, resultTypes: ["violations"]});
            return results.violations.map((v) => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map((n) => ({target: n.target.join(" "), summary: n.failureSummary})),
            }));
        }""",
        run_only or {"type": "tag", "values": AXE_TAGS},
    )


def report(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:5]:
            lines.append(f"    {node['target']}: {' '.join(node['summary'].split())}")
    return "\n".join(lines)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_axe_finds_no_violations(path: str, mode: str, open_page: OpenPage, axe_source: str, screenshots: Path) -> None:
    tab = open_page(path, **MODES[mode])
    page = tab.page
    # The dark scheme is chosen by the theme's script from prefers-color-scheme.
    scheme = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    assert scheme == ("slate" if MODES[mode]["color_scheme"] == "dark" else "default")

    if MODES[mode]["color_scheme"] == "light":
        page.screenshot(path=screenshots / f"{page_id(path).replace('/', '--')}-{mode}.png", full_page=True)
    violations = run_axe(page, axe_source)
    assert violations == [], f"axe on /{path} ({mode}):\n{report(violations)}"


def test_axe_reports_problems_it_is_asked_to_find(open_page: OpenPage, axe_source: str) -> None:
    """The check can fail: a page with a picture without words and faint text fails it."""
    page = open_page(None).page
    page.set_content(
        '<html lang="en"><head><title>Bad</title></head><body><main><h1>Bad</h1>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><p style="color:#bbb">Faint text</p>'
        "</main></body></html>"
    )
    found = {violation["id"] for violation in run_axe(page, axe_source)}
    assert {"image-alt", "color-contrast"} <= found


def test_the_search_dialog_needs_the_name_the_theme_override_gives_it(open_page: OpenPage, axe_source: str) -> None:
    """overrides/partials/search.html names the dialog; without the name axe fails the page."""
    page = open_page("").page
    rule = {"type": "rule", "values": ["aria-dialog-name"]}
    assert page.get_attribute(".md-search[role=dialog]", "aria-label")
    assert run_axe(page, axe_source, rule) == []
    page.evaluate("() => document.querySelector('.md-search[role=dialog]').removeAttribute('aria-label')")
    assert [violation["id"] for violation in run_axe(page, axe_source, rule)] == ["aria-dialog-name"]


def without_site_stylesheet(page: Any) -> None:
    # The site's stylesheet is inlined in <head> as <style id="hb-site-css">.
    page.evaluate("() => document.querySelectorAll('#hb-site-css').forEach((style) => style.remove())")


def test_the_site_stylesheet_tells_links_in_running_text_apart_without_colour(open_page: OpenPage, axe_source: str) -> None:
    """site.css underlines links in running text; with the theme's style alone axe fails them."""
    page = open_page("about/").page
    rule = {"type": "rule", "values": ["link-in-text-block"]}
    assert run_axe(page, axe_source, rule) == []
    without_site_stylesheet(page)
    assert [violation["id"] for violation in run_axe(page, axe_source, rule)] == ["link-in-text-block"]
