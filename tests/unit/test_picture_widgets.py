"""The body map lists each area's warning signs most urgent first, whatever order the data gives."""

from __future__ import annotations

from bs4 import BeautifulSoup
from data_edits import change, item

from macros.data import load_site_data
from macros.formatting import placeholder_values
from macros.text import TextRenderer
from macros.vocabulary import level_rank
from macros.widgets import Widgets
from support import ROOT


def test_warning_signs_on_the_body_map_are_most_urgent_first(data_dir) -> None:  # type: ignore[no-untyped-def]
    # Routine first and emergency last in the file: the page must turn that round.
    unsorted = ["back-not-improving", "back-fever", "saddle-numbness"]
    change(data_dir, "pain_areas", lambda items: item(items, "lower-back").update(symptoms=unsorted))
    data = load_site_data(data_dir, ROOT / "docs")
    widgets = Widgets(data, TextRenderer(placeholder_values(data), resolve_link=lambda path: "/" + path))
    page = widgets.start("hip-pain/index.md")
    entry = BeautifulSoup(str(widgets.body_map(page).html), "html.parser").select_one("#pain-area-lower-back")
    levels = [sign["data-level"] for sign in entry.select("[data-symptom]")]
    assert [sign["data-symptom"] for sign in entry.select("[data-symptom]")] == ["saddle-numbness", "back-fever", "back-not-improving"]
    assert levels == sorted(levels, key=level_rank, reverse=True)
