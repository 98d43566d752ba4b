"""Pictures built from data: the body map, the treatment-day diagram, exercise figures and
the timeline strip say what the data says, carry text alternatives, and follow a change.

Consistency by change: a copy of the project gets one changed pain-area cause, exercise
step and pose sentence; after a rebuild, the new words are in the figure or its list and the
old ones are gone. The rest reads the site as built.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup, Tag
from data_edits import item, rebuild_with

from macros.data import load_site_data
from macros.models import SiteData
from support import BuildResult, html_pages, normalize, page_url, soup


@pytest.fixture(scope="module")
def project(built: BuildResult) -> Path:
    return built.site.parent


@pytest.fixture(scope="module")
def data(project: Path) -> SiteData:
    return load_site_data(project / "data", project / "docs")


@pytest.fixture(scope="module")
def pages(site: Path) -> dict[str, BeautifulSoup]:
    return {"/" + page_url(site, page): soup(page) for page in html_pages(site)}


def pages_with(pages: dict[str, BeautifulSoup], selector: str) -> dict[str, BeautifulSoup]:
    return {url: page for url, page in pages.items() if page.select_one(selector)}


def text(tag: Tag | None) -> str:
    assert tag is not None
    return normalize(tag.get_text(" "))


# ---------------------------------------------------------------------------
# The body map
# ---------------------------------------------------------------------------


def test_the_body_map_links_every_area_to_its_entry_on_the_same_page(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    maps = pages_with(pages, ".hb-body-map")
    assert maps, "no page shows the body map"
    areas = data.all("pain_areas")
    for url, page in maps.items():
        links = page.select(".hb-body-map svg a")
        assert [link["href"] for link in links] == [f"#pain-area-{area.id}" for area in areas if area.spot.view == "front"] + [
            f"#pain-area-{area.id}" for area in areas if area.spot.view == "back"
        ], url
        for link in links:
            title = link.find("title")
            entry = page.select_one(str(link["href"]))
            assert entry is not None, f"{url}: {link['href']} goes nowhere"
            # The oval's name is the entry's heading, number and all, so both say the same place.
            number = text(entry.select_one(".hb-number"))
            heading = text(entry.select_one("h2, h3, h4")).removeprefix(number).strip()
            assert text(title) == f"{number}. {heading}", url
            badge = link.select_one("text")
            assert badge is not None and badge.get("aria-hidden") == "true" and text(badge) == number


def test_each_pain_area_shows_its_causes_and_its_warning_signs_at_their_own_level(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    (url, page), *_ = pages_with(pages, ".hb-body-map").items()
    for area in data.all("pain_areas"):
        entry = page.select_one(f"#pain-area-{area.id}")
        assert entry is not None, f"{url}: no entry for {area.id}"
        assert len(entry.select(".hb-pain-area__causes li")) == len(area.causes)
        shown = {sign["data-symptom"]: sign["data-level"] for sign in entry.select("[data-symptom]")}
        assert shown == {s: data.get("symptoms", s).level for s in area.symptoms}


def test_a_cause_changed_in_data_changes_on_the_body_map(
    project: Path, data: SiteData, tmp_path: Path, pages: dict[str, BeautifulSoup]
) -> None:
    area = data.all("pain_areas")[0]
    old = area.causes[0]
    new = "A cause written only for this test"
    (url, _), *_ = pages_with(pages, ".hb-body-map").items()

    def change(items: list[dict]) -> None:
        item(items, area.id)["causes"][0] = new

    after = soup(rebuild_with(project, tmp_path, "pain_areas.yml", change) / url.strip("/") / "index.html")
    entry = after.select_one(f"#pain-area-{area.id}")
    assert new in text(entry) and normalize(old) not in text(entry)


# ---------------------------------------------------------------------------
# The treatment-day diagram
# ---------------------------------------------------------------------------


def test_the_treatment_diagram_names_every_place_and_what_happens_there(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    diagrams = pages_with(pages, ".hb-sites")
    assert diagrams, "no page shows where cells are collected and injected"
    sites = data.all("treatment_sites")
    assert {site.role for site in sites} == {"collect", "inject"}
    for url, page in diagrams.items():
        names = " ".join(svg["aria-label"] for svg in page.select(".hb-sites svg[role=img]"))
        for site in sites:
            entry = page.select_one(f"#treatment-site-{site.id}")
            assert entry is not None, f"{url}: {site.id} is not listed"
            number = text(entry.select_one(".hb-number"))
            role_words = "taken from here" if site.role == "collect" else "injected here"
            assert f"{number}, {normalize(site.name)} (cells are {role_words})" in normalize(names), url


# ---------------------------------------------------------------------------
# Exercise figures
# ---------------------------------------------------------------------------


def test_every_exercise_has_a_start_and_end_drawing_named_by_its_sentence(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    sheets = pages_with(pages, ".hb-exercise-figure")
    assert sheets
    for url, page in sheets.items():
        for exercise in data.all("exercises"):
            figure = page.select_one(f"#exercise-{exercise.id} figure")
            assert figure is not None, f"{url}: {exercise.id} has no figure"
            drawings = figure.select("svg[role=img]")
            assert len(drawings) == 2
            for drawing, pose in zip(drawings, (exercise.figure.start, exercise.figure.end), strict=True):
                label = figure.select_one("#" + drawing["aria-labelledby"])
                assert label is not None and normalize(pose.says) in text(label)
                assert drawing.select("line") and drawing.select("circle"), "a figure and its head"
            caption = figure.select_one("figcaption")
            assert caption is not None and figure["aria-labelledby"] == caption["id"]


def test_an_exercise_step_and_pose_changed_in_data_change_on_the_sheet(
    project: Path, data: SiteData, tmp_path: Path, pages: dict[str, BeautifulSoup]
) -> None:
    exercise = data.all("exercises")[-1]
    (url, _), *_ = pages_with(pages, f"#exercise-{exercise.id} figure").items()
    new_step = "A step written only for this test."
    new_says = "A position written only for this test."

    def change(items: list[dict]) -> None:
        changed = item(items, exercise.id)
        changed["steps"][0] = new_step
        changed["figure"]["end"]["says"] = new_says

    page = soup(rebuild_with(project, tmp_path, "exercises.yml", change) / url.strip("/") / "index.html")
    card = page.select_one(f"#exercise-{exercise.id}")
    assert text(card.select_one(".hb-exercise__steps li")) == new_step
    end = card.select("figure svg[role=img]")[1]
    assert text(card.select_one("#" + end["aria-labelledby"])) == f"End: {new_says}"
    assert normalize(exercise.figure.end.says) not in text(card)


def test_phases_link_to_exercise_cards_that_exist(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    linked = [phase for phase in data.all("phases") if phase.exercises]
    sheet_url = "/" + data.get("pages", "home-exercises").path.removesuffix(".md").removesuffix("index") + "/"
    sheet = pages[sheet_url.replace("//", "/")]
    for url, page in pages.items():
        for phase in linked:
            stage_item = page.select_one(f"li[data-entry='{phase.id}']")
            if stage_item is None:
                continue
            targets = [a["href"].rsplit("#", 1)[1] for a in stage_item.select(".hb-timeline__points--exercises a")]
            assert targets == [f"exercise-{e}" for e in phase.exercises], url
            assert all(sheet.select_one(f"#{target}") for target in targets)


# ---------------------------------------------------------------------------
# The timeline strip
# ---------------------------------------------------------------------------


def test_every_timeline_starts_with_its_stages_at_a_glance(pages: dict[str, BeautifulSoup], data: SiteData) -> None:
    timelines = {timeline.id for timeline in data.all("timelines")}
    seen = set()
    for url, page in pages.items():
        for timeline in page.select(".hb-timeline[data-timeline]"):
            if timeline["data-timeline"] not in timelines:
                continue  # the session steps are a timeline of minutes, not stages
            seen.add(timeline["data-timeline"])
            strip = timeline.select_one(".hb-strip")
            assert strip is not None, f"{url}: {timeline['data-timeline']} has no strip"
            items = timeline.select(".hb-timeline__list > li")
            stages = strip.select(".hb-strip__stage")
            assert [s["data-strip-entry"] for s in stages] == [i["data-entry"] for i in items]
            for stage, entry in zip(stages, items, strict=True):
                assert stage.a["href"] == f"#{entry['id']}"
                assert text(stage.select_one(".hb-strip__title")) == text(entry.select_one(".hb-timeline__title"))
                span = text(stage.select_one(".hb-strip__when")).removeprefix("Visit: ")
                assert text(entry.select_one(".hb-timeline__when")).endswith(span)
    assert seen == timelines
