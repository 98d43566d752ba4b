"""render_page: a page's macros from its source and the data, with no engine."""

from __future__ import annotations

import jinja2
import pytest
from bs4 import BeautifulSoup

from macros.data import load_site_data
from macros.errors import DataError
from macros.formatting import placeholder_values
from macros.models import SiteData
from macros.page import MACROS, render_page
from macros.text import TextRenderer
from macros.widgets import Widgets
from support import ROOT


@pytest.fixture(scope="module")
def widgets() -> Widgets:
    data: SiteData = load_site_data(ROOT / "data", ROOT / "docs")
    return Widgets(data, TextRenderer(placeholder_values(data)))


def sources_box(markdown: str) -> list[str]:
    return [li["data-source"] for li in BeautifulSoup(markdown, "html.parser").select("[data-list=page-sources] li")]


def test_citations_are_numbered_across_the_page_and_listed_once(widgets: Widgets) -> None:
    source = '# Title\n\nOne {{ cite("nice-ng226") }}. Two {{ cite("fda-consumer-regen", "nice-ng226") }}.\n'
    page = render_page(source, "hip-pain/physical-therapy.md", widgets)
    links = [(a["href"], a.get_text()) for a in BeautifulSoup(page.markdown, "html.parser").select('a[href^="#source-"]')]
    assert links == [("#source-nice-ng226", "Source 1"), ("#source-fda-consumer-regen", "Source 2"), ("#source-nice-ng226", "Source 1")]
    assert sources_box(page.markdown) == ["nice-ng226", "fda-consumer-regen"]
    assert page.context.cited == ("nice-ng226", "fda-consumer-regen")


def test_nothing_of_one_page_reaches_the_next(widgets: Widgets) -> None:
    render_page('# A\n\n{{ cite("fda-consumer-regen") }}\n', "hip-pain/physical-therapy.md", widgets)
    second = render_page('# B\n\n{{ cite("nice-ng226") }}\n', "hip-pain/physical-therapy.md", widgets)
    assert sources_box(second.markdown) == ["nice-ng226"]


def test_a_page_after_a_procedure_must_show_its_emergency_signs(widgets: Widgets) -> None:
    with pytest.raises(DataError) as raised:
        render_page("# Recovery\n\nRest.\n", "stem-cell-therapy/recovery.md", widgets)
    (problem,) = raised.value.problems
    assert problem.file == "data/pages.yml" and "does not show these emergency signs" in problem.problem
    shown = render_page("# Recovery\n\n{{ warning_signs() }}\n", "stem-cell-therapy/recovery.md", widgets)
    assert shown.printable, "a medical page"


def test_an_unknown_macro_stops_the_page(widgets: Widgets) -> None:
    with pytest.raises(jinja2.UndefinedError):
        render_page("# T\n\n{{ no_such_widget() }}\n", "hip-pain/index.md", widgets)


def test_every_macro_is_a_widget() -> None:
    assert all(callable(getattr(Widgets, name)) for name in MACROS)
    assert len(set(MACROS)) == len(MACROS)
