"""render_page: a page's macros from its source and the data, with no engine.

The pages are those of the mini dataset (tests/fixtures/mini_docs, with their records in
tests/fixtures/mini_data/pages.yml), or short sources written in the test.
"""

from __future__ import annotations

import jinja2
import pytest
from bs4 import BeautifulSoup
from mini_site import MINI_DOCS, parse

from macros.errors import DataError
from macros.page import MACROS, render_page
from macros.widgets import Widgets


def sources_box(markdown: str) -> list[str]:
    return [li["data-source"] for li in BeautifulSoup(markdown, "html.parser").select("[data-list=page-sources] li")]


def test_citations_are_numbered_across_the_page_and_listed_once(mini_widgets: Widgets) -> None:
    source = '# Title\n\nOne {{ cite("test-guideline") }}. Two {{ cite("test-clinic", "test-guideline") }}.\n'
    page = render_page(source, "alpha/index.md", mini_widgets)
    links = [(a["href"], a.get_text()) for a in parse(page.markdown).select('a[href^="#source-"]')]
    assert links == [("#source-test-guideline", "Source 1"), ("#source-test-clinic", "Source 2"), ("#source-test-guideline", "Source 1")]
    assert sources_box(page.markdown) == ["test-guideline", "test-clinic"]
    assert page.context.cited == ("test-guideline", "test-clinic")


def test_a_widget_numbers_its_sources_after_those_cited_above_it(mini_widgets: Widgets) -> None:
    source = '# Title\n\n{{ cite("test-health-service") }}\n\n{{ faqs("alpha") }}\n'
    page = render_page(source, "alpha/index.md", mini_widgets)
    assert sources_box(page.markdown) == ["test-health-service", "test-guideline", "test-copy"]


def test_nothing_of_one_page_reaches_the_next(mini_widgets: Widgets) -> None:
    render_page('# A\n\n{{ cite("test-clinic") }}\n', "alpha/index.md", mini_widgets)
    second = render_page('# B\n\n{{ cite("test-guideline") }}\n', "alpha/index.md", mini_widgets)
    assert sources_box(second.markdown) == ["test-guideline"]


def test_a_page_after_a_procedure_must_show_its_emergency_signs(mini_widgets: Widgets) -> None:
    with pytest.raises(DataError) as raised:
        render_page("# Aftercare\n\nRest.\n", "alpha/aftercare.md", mini_widgets)
    (problem,) = raised.value.problems
    assert (problem.file, problem.position.line, problem.field) == ("data/pages.yml", 14, "aftercare › contexts")
    assert problem.problem.endswith("but does not show these emergency signs: fever-after.")
    shown = render_page("# Aftercare\n\n{{ warning_signs() }}\n", "alpha/aftercare.md", mini_widgets)
    assert shown.context.shown_symptoms == frozenset({"fever-after"})


def test_a_timeline_after_a_procedure_makes_an_everyday_page_show_its_emergency_signs(mini_widgets: Widgets) -> None:
    """The alpha page serves the everyday situation only; the timeline adds the one after the procedure."""
    with pytest.raises(DataError) as raised:
        render_page('# Alpha\n\n{{ timeline("test-recovery") }}\n', "alpha/index.md", mini_widgets)
    assert raised.value.problems[0].problem == (
        "docs/alpha/index.md is about the time after a procedure (after-test-procedure) "
        "but does not show these emergency signs: fever-after."
    )


def test_search_words_go_under_the_title_and_sources_at_the_end(mini_widgets: Widgets) -> None:
    page = render_page('# Alpha\n\nText {{ cite("test-clinic") }}.\n', "alpha/index.md", mini_widgets, search_words=["hip ache"])
    lines = page.markdown.split("\n")
    assert lines[:4] == [
        "# Alpha",
        "",
        '<p class="hb-search-words" hidden data-search-words data-search-exclude>testamol, Testex, pain tablet, hip ache</p>',
        "",
    ]
    assert lines[-2] == '<p class="hb-region-note" data-region="testland">This test guide is written for Testland.</p>'
    assert page.markdown.index("Text ") < page.markdown.index('<section class="hb-page-sources"')


@pytest.mark.parametrize(
    ("path", "sources", "printable"),
    [
        ("index.md", [], False),
        ("privacy.md", [], False),
        ("alpha/index.md", ["test-guideline", "test-health-service", "test-copy", "test-regulator"], True),
        ("alpha/aftercare.md", ["test-guideline", "test-clinic", "test-regulator", "test-health-service"], True),
        ("alpha/exercises.md", ["test-health-service"], True),
        ("alpha/choices.md", ["test-guideline", "test-health-service", "test-clinic"], True),
        ("alpha/worksheet.md", ["test-guideline"], True),
    ],
)
def test_every_page_of_the_mini_site_renders_with_its_sources(
    mini_widgets: Widgets, path: str, sources: list[str], printable: bool
) -> None:
    page = render_page((MINI_DOCS / path).read_text(encoding="utf-8"), path, mini_widgets)
    assert sources_box(page.markdown) == sources
    assert page.printable is printable
    assert "{{" not in page.markdown


def test_an_unknown_macro_stops_the_page(mini_widgets: Widgets) -> None:
    with pytest.raises(jinja2.UndefinedError):
        render_page("# T\n\n{{ no_such_widget() }}\n", "alpha/index.md", mini_widgets)


def test_every_macro_is_a_widget() -> None:
    assert all(callable(getattr(Widgets, name)) for name in MACROS)
    assert len(set(MACROS)) == len(MACROS)
