"""Widgets for the drawings built from data: the body map of where it hurts and the
diagram of where cells are collected and injected. (Exercise figures are drawn inside
each exercise card; the timeline strip is part of the timeline widgets.)

A mixin of `Widgets` (widgets.py): the methods use its data, page and `_render`. Nothing
here knows about MkDocs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .render import PageContext, Rendered
from .vocabulary import level_rank

#: The marks of the treatment diagram: a circle where cells are taken, a diamond where they go.
SITE_SHAPES = {"collect": "circle", "inject": "diamond"}
#: What each mark of the treatment diagram means, for its text alternative.
SITE_WORDS = {"collect": "cells are taken from here", "inject": "cells are injected here"}


@dataclass(frozen=True)
class Mark:
    """A numbered place on the body outline."""

    number: int
    name: str
    spot: Any
    shape: str
    href: str | None = None
    says: str | None = None
    site: Any = None


class PictureWidgets:
    """Body drawings; mixed into `Widgets`."""

    data: Any
    _render: Any
    _escalations: Any

    def body_map(self, page: PageContext, level: int = 3) -> Rendered:
        """Where hip and back pain is felt: numbered areas on the body, each linked to its
        causes, what to do and its warning signs (each at its own care level)."""
        areas = self.data.pain_areas
        marks = [
            Mark(number, area.name, area.spot, "oval", href=f"#pain-area-{area.id}")
            for number, area in enumerate(areas, start=1)
        ]
        # Most urgent first, as every list of warning signs on the site.
        symptoms = {
            area.id: sorted((self.data.symptoms.get(s) for s in area.symptoms), key=lambda s: -level_rank(s.level))
            for area in areas
        }
        shown = [symptom for found in symptoms.values() for symptom in found]
        levels = {care.id: care for care in self.data.care_levels}
        cited = [s for area in areas for s in area.sources] + [s for symptom in shown for s in symptom.sources]
        return self._render(
            page,
            "body_map.html",
            cited,
            shown=[symptom.id for symptom in shown],
            areas=areas,
            marks=marks,
            symptoms=symptoms,
            levels=levels,
            escalations=self._escalations(shown),
            level=level,
        )

    def treatment_sites(self, page: PageContext) -> Rendered:
        """Where cells are collected and injected, drawn on the body and listed."""
        sites = sorted(self.data.treatment_sites, key=lambda site: site.role != "collect")
        marks = [
            Mark(number, site.name, site.spot, SITE_SHAPES[site.role], says=SITE_WORDS[site.role], site=site)
            for number, site in enumerate(sites, start=1)
        ]
        return self._render(page, "treatment_sites.html", [s for site in sites for s in site.sources], marks=marks)
