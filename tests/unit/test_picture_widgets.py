"""The body map and the treatment-day diagram, on the mini dataset: numbered places, each
listed with its warning signs at their own care levels."""

from __future__ import annotations

from mini_site import parse, text_of

from macros.widgets import Widgets


def test_warning_signs_on_the_body_map_are_most_urgent_first(mini_widgets: Widgets) -> None:
    """tests/fixtures/mini_data/pain_areas.yml lists the routine sign before the one to call about."""
    rendered = mini_widgets.body_map(mini_widgets.start("alpha/index.md"))
    entry = parse(rendered.html).select_one("#pain-area-test-front")
    assert [(sign["data-symptom"], sign["data-level"]) for sign in entry.select("[data-symptom]")] == [
        ("fever-everyday", "call"),
        ("slow-progress", "routine"),
    ]
    # The fever is an emergency after a procedure: the map says so beside it.
    assert [escalation["data-escalation"] for escalation in entry.select("[data-escalation]")] == ["emergency"]
    assert rendered.shown == frozenset({"fever-everyday", "slow-progress"})


def test_each_pain_area_is_numbered_on_its_view_and_in_the_list(mini_widgets: Widgets) -> None:
    html = parse(mini_widgets.body_map(mini_widgets.start("alpha/index.md"), level=2).html)
    assert [(a["href"], text_of(a.select_one("title"))) for a in html.select("a.hb-body__link")] == [
        ("#pain-area-test-front", "1. Front of the test hip"),
        ("#pain-area-test-back", "2. Lower back"),
    ]
    assert [text_of(h) for h in html.select(".hb-pain-area > h2")] == ["1 Front of the test hip", "2 Lower back"]
    assert [[text_of(li) for li in section.select(".hb-pain-area__causes li")] for section in html.select(".hb-pain-area")] == [
        ["A strained muscle", "Wear of the joint"],
        ["A stiff back"],
    ]
    assert not html.select("#pain-area-test-back [data-symptom]"), "an area without warning signs lists none"


def test_the_treatment_diagram_numbers_where_cells_are_taken_before_where_they_go(mini_widgets: Widgets) -> None:
    """The file lists the injection site first; collection comes first on the diagram."""
    rendered = mini_widgets.treatment_sites(mini_widgets.start("alpha/aftercare.md"))
    html = parse(rendered.html)
    assert [(li["data-treatment-site"], text_of(li.select_one(".hb-number"))) for li in html.select("li[data-treatment-site]")] == [
        ("test-hip-bone", "1"),
        ("test-joint", "2"),
    ]
    assert [svg["aria-label"] for svg in html.select("svg.hb-body")] == [
        "Front of the body: 2, Inside the test joint (cells are injected here)",
        "Back of the body: 1, The back of the hip bone (cells are taken from here)",
    ]
    assert rendered.cited == ("test-clinic",)
