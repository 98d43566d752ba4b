"""The drawings work in a real browser: they fit a phone, show in both colour schemes and on
paper, their links work from the keyboard, and the timeline strip marks today.

Screenshots of every figure at phone and desktop widths, light and dark, go to
test-output/screenshots/, and the printed exercise sheet to test-output/exercise-sheet.pdf,
for people to review. (axe checks every page, these included, in test_accessibility.py.)
"""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from pathlib import Path

import pytest
from browser_support import DESKTOP, PHONE, OpenPage
from pypdf import PdfReader

from macros.data import load_site_data
from macros.models import SiteData
from support import ROOT, TEST_OUTPUT, doc_url

pytestmark = pytest.mark.browser

FIGURE_PAGES = [doc_url(path) for path in ("hip-pain/index.md", "stem-cell-therapy/treatment-day.md", "hip-pain/home-exercises.md")]
EXERCISE_SHEET = doc_url("hip-pain/home-exercises.md")

#: Size of each drawing, and whether it sticks out of the window or its figure.
DRAWINGS = """() => [...document.querySelectorAll("figure.hb-figure svg")].map((svg) => {
  const box = svg.getBoundingClientRect();
  const figure = svg.closest("figure").getBoundingClientRect();
  return {
    figure: svg.closest("figure").getAttribute("aria-labelledby"),
    width: box.width, height: box.height,
    outside: box.right > document.documentElement.clientWidth + 0.5 || box.left < -0.5 || box.right > figure.right + 0.5,
    ink: getComputedStyle(svg.querySelector("line, path")).stroke,
  };
})"""


@pytest.fixture(scope="module")
def data() -> SiteData:
    return load_site_data(ROOT / "data", ROOT / "docs")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", FIGURE_PAGES)
def test_figures_fit_and_show_in_both_schemes(path: str, viewport: dict, scheme: str, open_page: OpenPage, screenshots: Path) -> None:
    tab = open_page(path, viewport=viewport, color_scheme=scheme)
    drawings = tab.page.evaluate(DRAWINGS)
    assert drawings, f"no drawings on {path}"
    for drawing in drawings:
        assert drawing["width"] >= 100 and drawing["height"] >= 60, f"{drawing['figure']} is too small to read: {drawing}"
        assert not drawing["outside"], f"{drawing['figure']} sticks out on a {viewport['width']}px screen"
        assert drawing["ink"] not in ("none", "rgba(0, 0, 0, 0)"), f"{drawing['figure']} has no visible lines"
    figures = tab.page.locator("figure.hb-figure")
    for index in range(figures.count()):
        name = figures.nth(index).get_attribute("aria-labelledby")
        figures.nth(index).screenshot(path=str(screenshots / f"figure-{name}-{viewport['width']}px-{scheme}.png"))


def test_the_body_map_takes_keyboard_users_to_each_area(open_page: OpenPage, data: SiteData) -> None:
    tab = open_page(doc_url("hip-pain/index.md"), viewport=PHONE)
    page = tab.page
    links = page.locator(".hb-body-map svg a")
    assert links.count() == len(data.all("pain_areas"))
    page.locator(".hb-body-map").scroll_into_view_if_needed()
    links.first.focus()
    assert page.evaluate("() => document.activeElement.closest('svg') !== null"), "the first area takes the keyboard focus"
    outline = page.evaluate(
        "() => getComputedStyle(document.activeElement.querySelector('.hb-body__area')).strokeWidth"
    )
    assert float(outline.removesuffix("px")) >= 5, "a focused area is drawn with a thicker edge"
    target = links.first.get_attribute("href")
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => location.hash === '{target}'")
    entry = page.locator(str(target))
    assert entry.is_visible() and entry.bounding_box()["y"] >= 0, "the entry is scrolled into view"  # type: ignore[index]


def test_the_strip_marks_today_and_forgets_it_with_the_date(open_page: OpenPage, data: SiteData) -> None:
    timeline = next(t for t in data.all("timelines") if t.date_key)
    phases = [phase for phase in data.all("phases") if phase.timeline == timeline.id]
    shows = f'timeline("{timeline.id}")'
    path = next(doc_url(p.path) for p in data.all("pages") if shows in (ROOT / "docs" / p.path).read_text(encoding="utf-8"))
    page = open_page(path, viewport=PHONE).page
    page.evaluate("() => localStorage.clear()")
    strip = page.locator(f"#timeline-{timeline.id} .hb-strip")
    assert strip.locator("[aria-current]").count() == 0, "no stage is today before a date is entered"
    # Started a few days ago: the second stage is today's.
    second = phases[1]
    assert second.span_start is not None and second.span_start.unit == "day"
    start = dt.date.today() - dt.timedelta(days=int(second.span_start.min) + 1)
    field = page.locator(f"#hb-date-{timeline.id}")
    field.fill(start.isoformat())
    field.dispatch_event("change")
    current = strip.locator("[aria-current=step]")
    assert current.count() == 1
    assert current.inner_text().startswith("Today:"), "today is marked in words, not colour alone"
    assert (current.get_attribute("href") or "").endswith(f"#{timeline.id}-{second.id}")
    page.locator(f"#timeline-{timeline.id} [data-hb-forget]").click()
    assert strip.locator("[aria-current]").count() == 0 and "Today:" not in strip.inner_text()


def test_the_exercise_sheet_prints_every_exercise_with_its_drawings(open_page: OpenPage, data: SiteData) -> None:
    tab = open_page(EXERCISE_SHEET)
    page = tab.page
    page.emulate_media(media="print")
    sizes = page.evaluate(DRAWINGS)
    assert len(sizes) == 2 * len(data.all("exercises")), "a start and an end drawing for each exercise"
    # At least 1.5 cm (57 CSS px) along their longer side: small on paper, but there.
    assert all(max(size["width"], size["height"]) >= 57 and min(size["width"], size["height"]) > 10 for size in sizes), sizes
    # On paper the drawings are black, whatever the screen's scheme.
    assert {size["ink"] for size in sizes} <= {"rgb(0, 0, 0)"}, sizes
    pdf = page.pdf(format="Letter")
    TEST_OUTPUT.mkdir(exist_ok=True)
    (TEST_OUTPUT / "exercise-sheet.pdf").write_bytes(pdf)
    text = unicodedata.normalize("NFKC", " ".join(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).split()))
    for exercise in data.all("exercises"):
        assert " ".join(exercise.name.split()) in text, f"{exercise.name} is not on the printed sheet"
